"""Cyclic garbage collection on the UI thread only.

CPython runs its cyclic collector in whichever thread happens to allocate when a generation's
threshold is crossed; in this app that is as often a PortAudio callback thread as the UI thread.
Two things go wrong there:

* a collection of the old generations walks the whole heap (tens of milliseconds with the SDK's
  pydantic models loaded): a speaker block delivered that late is a click, a microphone block
  that late is a gap;
* Qt objects caught in reference cycles are destroyed by whichever thread collects them, and
  PySide6 crashes when that is not the GUI thread (seen in the UI tests, which now collect in
  their teardown).

So the automatic collector is switched off and a timer on the UI thread does its work: each tick
collects the youngest generation whose count passed its threshold, as CPython would, only here.
Everything loaded at start-up is frozen out of later full collections (``gc.freeze``).
"""

from __future__ import annotations

import gc
import logging

from PySide6.QtCore import QObject, QTimer

from live_desktop.core.gc_policy import collect_due

log = logging.getLogger(__name__)

#: How often the UI thread looks at the collector's counts. Between ticks the young generation
#: grows by what the audio threads allocate in 100 ms (a few thousand objects at most).
TICK_MS = 100


class UiThreadCollector(QObject):
    """Owns the collector while it exists; ``stop()`` (or deletion) gives it back to CPython."""

    def __init__(self, parent: QObject | None = None, *, tick_ms: int = TICK_MS) -> None:
        super().__init__(parent)
        self.collections = [0, 0, 0]
        self.longest_ms = 0.0
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self.tick)
        self._timer.start()

    def tick(self) -> int | None:
        """Collect the generation CPython would collect now; returns it (None: nothing due)."""
        done = collect_due()
        if done is None:
            return None
        generation, ms = done
        self.collections[generation] += 1
        if ms > self.longest_ms:
            self.longest_ms = ms
            if ms > 20.0:
                log.info("garbage collection of generation %d took %.0f ms", generation, ms)
        return generation

    def freeze_startup_objects(self) -> None:
        """Move everything alive now out of future collections (modules, the SDK's types)."""
        gc.collect()
        gc.freeze()
        log.debug("froze %d start-up objects out of garbage collection", gc.get_freeze_count())

    def stop(self) -> None:
        self._timer.stop()
        if self._was_enabled:
            gc.enable()
