"""The hand-run collector collects what CPython's automatic one would, when it would."""

from __future__ import annotations

import gc

from live_desktop.core.gc_policy import collect_due, due_generation


def test_the_young_generation_is_due_once_its_threshold_is_passed() -> None:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        gc.collect()
        assert due_generation() is None
        kept = [[i] for i in range(2 * gc.get_threshold()[0])]  # alive: counted net of frees
        assert due_generation() == 0
        done = collect_due()
        assert done is not None and done[0] == 0 and done[1] >= 0.0
        assert due_generation() is None
        del kept
    finally:
        if was_enabled:
            gc.enable()
