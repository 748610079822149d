"""Small file and OS-error helpers shared by the settings, the recordings, webhooks and tokens."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically: a temp file in the same folder, fsync, then
    os.replace. A failure at any step leaves the previous file as it was and no temp file."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable where the OS allows opening a directory (POSIX)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def short_reason(exc: BaseException) -> str:
    """The cause of a network or file error in a few words: "connection refused", "name or
    service not known"... (the errno's text where there is one)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, OSError) and isinstance(seen.errno, int) and seen.errno > 0:
            # asyncio's own text is "Connect call failed (...)"; the errno says why.
            return os.strerror(seen.errno).lower()
        if isinstance(seen, OSError) and seen.strerror:
            return seen.strerror.lower()
        seen = seen.__cause__ or seen.__context__
    text = str(exc).strip()
    # httpx wraps the OSError's text: "[Errno 111] Connection refused".
    if text.startswith("[Errno") and "]" in text:
        text = text.split("]", 1)[1].strip()
    return text.rstrip(".").lower() or type(exc).__name__
