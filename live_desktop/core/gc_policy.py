"""Which garbage-collector generation is due: CPython's rule, for a collector run by hand.

The app switches CPython's automatic cyclic collector off and runs it from the UI thread
(``ui/gc_policy.py`` explains why); the audio benchmark does the same from its asyncio loop.
Both call :func:`collect_due` every 100 ms or so.
"""

from __future__ import annotations

import gc
import time


def due_generation() -> int | None:
    """The oldest generation whose count has passed its threshold, as CPython would collect."""
    counts = gc.get_count()
    thresholds = gc.get_threshold()
    for gen in (2, 1, 0):
        if counts[gen] >= thresholds[gen] > 0:
            return gen
    return None


def collect_due() -> tuple[int, float] | None:
    """Collect the generation that is due; returns it and the milliseconds it took."""
    generation = due_generation()
    if generation is None:
        return None
    started = time.perf_counter()
    gc.collect(generation)
    return generation, (time.perf_counter() - started) * 1000.0
