"""Garbage in reference cycles is collected on the UI thread, never on an audio thread."""

from __future__ import annotations

import gc
import os
import threading
from typing import ClassVar

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from live_desktop.ui.gc_policy import UiThreadCollector


class _Cyclic:
    """Stands in for a Qt wrapper in a cycle: it notes which thread finalises it."""

    finalised_on: ClassVar[list[str]] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Cyclic.finalised_on.append(threading.current_thread().name)


_kept: list[object] = []


def _allocate_like_an_audio_callback() -> None:
    # Objects that stay alive (the collector counts allocations net of frees), far past the
    # young generation's threshold: with the automatic collector on, this thread would run a
    # collection (and finalise the cycle) itself.
    _kept.extend([i] for i in range(20 * gc.get_threshold()[0]))


def test_cycles_are_collected_on_the_ui_thread_only() -> None:
    app = QApplication.instance() or QApplication([])
    collector = UiThreadCollector(app)
    try:
        assert not gc.isenabled()
        _Cyclic.finalised_on.clear()
        _Cyclic()  # unreachable at once, alive until a collection finds the cycle
        worker = threading.Thread(target=_allocate_like_an_audio_callback, name="audio-callback")
        worker.start()
        worker.join()
        assert _Cyclic.finalised_on == []
        for _ in range(5):  # what the timer does every 100 ms
            collector.tick()
        assert _Cyclic.finalised_on == [threading.current_thread().name]
        assert sum(collector.collections) >= 1
    finally:
        collector.stop()
        collector.deleteLater()
        _kept.clear()
    assert gc.isenabled()


def test_the_timer_collects_without_being_asked(qtbot: object) -> None:
    app = QApplication.instance() or QApplication([])
    collector = UiThreadCollector(app, tick_ms=10)
    try:
        _Cyclic.finalised_on.clear()
        _Cyclic()
        _allocate_like_an_audio_callback()
        qtbot.waitUntil(lambda: bool(_Cyclic.finalised_on), timeout=5000)  # type: ignore[attr-defined]
    finally:
        collector.stop()
        collector.deleteLater()
        _kept.clear()
