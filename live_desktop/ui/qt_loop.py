"""The app's asyncio loop on Qt: qasync, with a ``call_soon_threadsafe`` that is really safe.

qasync 0.28 implements ``call_soon_threadsafe`` by emitting a PySide6 signal with Python objects
from the calling thread. Under load from other threads — the audio callbacks hand over a chunk
every 20 ms, the video sender a frame per second, executor futures complete — that corrupts
reference counts inside PySide6: a 1 kHz producer thread crashes the interpreter within a second
("bool_dealloc: deallocating True or False"), and at audio rates wake-ups were lost, which left a
task cancelled but never resumed (a disconnect that hung for ever).

So handles from other threads go into a deque, and one byte on a socket pair wakes the loop
(``add_reader`` is a QSocketNotifier on the Qt thread). No Qt call is made off the Qt thread, the
order of handles is kept, and a burst costs one wake-up.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import socket
from typing import Any

import qasync
from PySide6.QtWidgets import QApplication


class QtEventLoop(qasync.QEventLoop):  # type: ignore[misc]
    """qasync's loop with a thread-safe ``call_soon_threadsafe``."""

    def __init__(self, app: QApplication, *args: Any, **kwargs: Any) -> None:
        super().__init__(app, *args, **kwargs)
        self._ts_handles: collections.deque[asyncio.Handle] = collections.deque()
        self._ts_read, self._ts_write = socket.socketpair()
        self._ts_read.setblocking(False)
        self._ts_write.setblocking(False)
        self._add_reader(self._ts_read.fileno(), self._run_threadsafe_handles)

    def call_soon_threadsafe(
        self, callback: Any, *args: Any, context: Any = None
    ) -> asyncio.Handle:
        handle = asyncio.Handle(callback, args, self, context=context)
        self._ts_handles.append(handle)  # deque.append is atomic
        # A full socket buffer means a wake-up is already pending; a closed one, shutdown.
        with contextlib.suppress(BlockingIOError, InterruptedError, OSError):
            self._ts_write.send(b"\0")
        return handle

    def _run_threadsafe_handles(self) -> None:
        with contextlib.suppress(BlockingIOError, InterruptedError):
            while self._ts_read.recv(4096):
                pass
        # Only what is queued now: a handle that queues another runs it on the next wake-up.
        for _ in range(len(self._ts_handles)):
            handle = self._ts_handles.popleft()
            if not handle.cancelled():
                handle._run()

    def close(self) -> None:
        if not self.is_closed():
            self._remove_reader(self._ts_read.fileno())
        super().close()
        self._ts_read.close()
        self._ts_write.close()


def create_event_loop(app: QApplication) -> QtEventLoop:
    return QtEventLoop(app)
