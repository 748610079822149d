"""The Qt asyncio loop survives other threads calling call_soon_threadsafe at audio rates.

qasync's own implementation crashed the interpreter in this test within a second (PySide6
refcount corruption) and lost wake-ups at lower rates; see live_desktop/ui/qt_loop.py.
"""

from __future__ import annotations

import asyncio
import os
import threading
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from live_desktop.ui.qt_loop import create_event_loop


def test_threads_hand_work_to_the_loop_in_order_without_losing_any() -> None:
    app = QApplication.instance() or QApplication([])
    loop = create_event_loop(app)  # type: ignore[arg-type]
    received: dict[int, list[int]] = {0: [], 1: []}
    cancelled_ok = []

    async def main() -> None:
        queue: asyncio.Queue[int] = asyncio.Queue()
        stop = threading.Event()
        sent = {0: 0, 1: 0}

        def producer(n: int) -> None:
            while not stop.is_set():
                loop.call_soon_threadsafe(received[n].append, sent[n])
                loop.call_soon_threadsafe(queue.put_nowait, sent[n])
                sent[n] += 1
                time.sleep(0.0005)

        threads = [threading.Thread(target=producer, args=(n,)) for n in (0, 1)]
        for thread in threads:
            thread.start()
        # Consumers come and go while the producers run: each cancel must take effect.
        for _ in range(50):

            async def consume() -> None:
                while True:
                    await queue.get()

            task = asyncio.create_task(consume())
            await asyncio.sleep(0.01)
            task.cancel()
            done, _ = await asyncio.wait([task], timeout=2)
            cancelled_ok.append(bool(done))
        stop.set()
        for thread in threads:
            thread.join()
        await asyncio.sleep(0.1)
        for n in (0, 1):
            assert received[n] == list(range(sent[n])), "every handle ran, in order"

    try:
        loop.run_until_complete(main())
    finally:
        loop.close()
        asyncio.set_event_loop(None)
    assert all(cancelled_ok)
    assert len(received[0]) > 500
