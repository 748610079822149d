"""No key or token ever reaches the log: the app's own logging setup, written to a real file.

Each secret is logged every way code might (as a %-argument, in an exception message, in a
chained traceback, in stack info, in a repr of headers), from the main thread and from another
thread, and through the uncaught-exception hook; the log file and stderr must contain none.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backends import fail

from live_desktop.core.logsetup import install_excepthooks, setup_logging
from live_desktop.core.secrets import KeyStore
from tests.core.test_secrets import MemoryKeyring

AIZA_KEY = "AIzaSyD3adB33fC0ffee0123456789abcdefghi"
#: A key no pattern recognises: only the KeyStore having read it makes it redactable.
ODD_KEY = "my-company-proxy-key-7f3a9c"
TYPED_KEY = "typed-in-the-dialog-key-55aa"
TOKEN = "auth_tokens/9f8e7d6c5b4a39281706f5e4d3c2b1a0"
BEARER = "ya29-not-google-shaped-bearer-0123456789"
#: A token endpoint's own login (the user's header) and a proxy password in a URL.
BASIC = "dXNlcjpzM2NyZXQtcGFzcw=="
URL_PASSWORD = "pr0xy-pa55word"

SECRETS = (AIZA_KEY, ODD_KEY, TYPED_KEY, TOKEN, BEARER, BASIC, URL_PASSWORD)


@pytest.fixture
def app_logging(tmp_path: Path) -> Iterator[Path]:
    """The app's logging (file + stderr, DEBUG) into a temp dir; everything restored after."""
    root = logging.getLogger()
    saved_level = root.level
    saved_levels = {
        name: logging.getLogger(name).level
        for name in ("websockets", "google_genai", "httpx", "httpcore", "asyncio")
    }
    saved_hooks = (sys.excepthook, threading.excepthook)
    path = setup_logging(tmp_path, logging.DEBUG, stderr=True)
    try:
        yield path
    finally:
        sys.excepthook, threading.excepthook = saved_hooks
        for handler in list(root.handlers):
            if getattr(handler, "_live_desktop", False):
                root.removeHandler(handler)
                handler.close()
        root.setLevel(saved_level)
        for name, level in saved_levels.items():
            logging.getLogger(name).setLevel(level)


def _log_everything(log: logging.Logger) -> None:
    log.info("key as an argument: %s", AIZA_KEY)
    log.info("remembered key as an argument: %s and %r", ODD_KEY, ODD_KEY)
    log.info("typed key: %s", TYPED_KEY)
    log.debug("headers %r", {"x-goog-api-key": ODD_KEY, "Authorization": f"Token {TOKEN}"})
    log.debug("> Authorization: Bearer %s", BEARER)
    log.warning("GET https://host/v1beta/models?key=%s failed", ODD_KEY)
    log.debug("> authorization: Basic %s", BASIC)
    log.info("HTTP Request: POST https://me:%s@tokens.example.com/token", URL_PASSWORD)
    try:
        raise ValueError(f"server said the key {AIZA_KEY} is not valid")
    except ValueError:
        log.exception("an exception message")
    try:
        try:
            raise PermissionError(f"token {TOKEN} refused; bearer {BEARER}")
        except PermissionError as inner:
            raise RuntimeError(f"wrapping {ODD_KEY}") from inner
    except RuntimeError:
        log.exception("a chained traceback")
    log.info("stack info for %s", TYPED_KEY, stack_info=True)


def test_no_secret_reaches_the_log_file_or_stderr(
    app_logging: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The arbitrary keys become known the way the app learns them: read from the store.
    env_store = KeyStore(backend=fail.Keyring(), environ={"GEMINI_API_KEY": ODD_KEY})
    assert env_store.get().key == ODD_KEY
    KeyStore(backend=MemoryKeyring(), environ={}).set(TYPED_KEY)
    log = logging.getLogger("live_desktop.test_redaction")

    _log_everything(log)
    worker = threading.Thread(target=_log_everything, args=(log,), name="worker")
    worker.start()
    worker.join()

    # Uncaught, in another thread: the app's hook logs it.
    install_excepthooks()

    def crash() -> None:
        raise RuntimeError(f"thread died holding {AIZA_KEY} and {TOKEN}")

    crasher = threading.Thread(target=crash, name="crasher")
    crasher.start()
    crasher.join()

    for handler in logging.getLogger().handlers:
        handler.flush()
    text = app_logging.read_text(encoding="utf-8")
    err = capsys.readouterr().err
    # The lines are there (a test that logged nothing would pass vacuously) ...
    assert text.count("a chained traceback") == 2 and "Uncaught exception" in text
    assert "[worker]" in text and "wrapping ***" in text
    assert "Authorization: Bearer ***" in text
    # ... and no secret is in them, in the file or on stderr.
    for secret in SECRETS:
        assert secret not in text, secret
        assert secret not in err, secret
    assert "auth_tokens/" not in text
