"""Logging for the whole app: a rotating file in the log dir, stderr, and secret redaction.

Redaction happens in the formatter, after %-style arguments are merged, so a key passed as an
argument, inside an exception message or in a traceback is caught the same way.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import platformdirs

from live_desktop import APP_ID
from live_desktop.core.secrets import redact

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s [%(threadName)s] %(message)s"


class RedactingFormatter(logging.Formatter):
    """A formatter that never lets an API key or token reach a log line."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def default_log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_ID, appauthor=False))


def setup_logging(
    log_dir: Path | None = None, level: int = logging.INFO, *, stderr: bool = True
) -> Path:
    """Configure the root logger once; returns the log file path."""
    directory = log_dir or default_log_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{APP_ID}.log"
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_live_desktop", False):
            root.removeHandler(handler)
            handler.close()
    formatter = RedactingFormatter(LOG_FORMAT)
    file_handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handlers: list[logging.Handler] = [file_handler]
    if stderr:
        handlers.append(logging.StreamHandler(sys.stderr))
    for handler in handlers:
        handler.setFormatter(formatter)
        handler._live_desktop = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    # The SDK and websockets are chatty at DEBUG and may echo headers; keep them at INFO+.
    for name in ("websockets", "google_genai", "httpx", "httpcore", "asyncio"):
        logging.getLogger(name).setLevel(max(level, logging.INFO))
    return path


ErrorHook = Callable[[str], None]


def install_excepthooks(on_error: ErrorHook | None = None) -> None:
    """Log every uncaught exception (main thread and others) so nothing dies silently."""
    log = logging.getLogger("live_desktop.uncaught")

    def hook(
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.critical("Uncaught exception", exc_info=(exc_type, exc, tb))
        if on_error is not None:
            try:
                on_error(f"{exc_type.__name__}: {redact(str(exc))}")
            except Exception:  # the reporter itself must never take the app down
                log.exception("Error reporter failed")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook
