"""RecordingTap: both sides of a conversation land where they happened, for minutes on end."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from live_desktop.core.audio.tap import MAX_ERROR_S, RecordingTap

RATE = 24000
MIC_BLOCK = 160  # 10 ms at 16 kHz
OUT_RATE = 48000
OUT_BLOCK = 480


def run(
    tap: RecordingTap,
    seconds: float,
    *,
    mic_start: float = 100.0,
    out_start: float = 100.0,
    mic_ppm: float = 0.0,
    out_ppm: float = 0.0,
    jitter_s: float = 0.0,
    markers: tuple[float, ...] = (),
    mic_skip: Callable[[float], bool] = lambda t: False,
    out_skip: Callable[[float], bool] = lambda t: False,
    seed: int = 0,
) -> np.ndarray:
    """Stream both sides in time order and drain every 100 ms; returns all frames.

    ``*_ppm`` make a device's sample clock fast against the timestamps' clock, ``jitter_s``
    disturbs every timestamp, ``markers`` are times with an impulse on both sides, ``*_skip``
    drop the blocks starting at those times (a stalled or stopped side).
    """
    rng = np.random.default_rng(seed)
    sides = [
        (tap.mic, 16000 * (1 + mic_ppm * 1e-6), MIC_BLOCK, mic_start, mic_skip, 16000),
        (tap.played, OUT_RATE * (1 + out_ppm * 1e-6), OUT_BLOCK, out_start, out_skip, OUT_RATE),
    ]
    events = []
    for side, (_, true_rate, block, start, _, _) in enumerate(sides):
        n_blocks = int(seconds * true_rate / block)
        for k in range(n_blocks):
            events.append((start + k * block / true_rate, side, k))
    events.sort()
    out = []
    next_drain = min(mic_start, out_start) + 0.1
    for t, side, k in events:
        feed, true_rate, block, start, skip, nominal = sides[side]
        if skip(t):
            continue
        pcm = np.zeros(block, np.int16)
        for m in markers:
            index = round((m - start) * true_rate) - k * block
            if 0 <= index < block:
                pcm[index] = 20000
        stamp = t + rng.uniform(-jitter_s, jitter_s)
        if side == 0:
            feed(pcm, stamp)
        else:
            feed(pcm, nominal, stamp)
        if t >= next_drain:
            out.append(tap.drain())
            next_drain += 0.1
    out.append(tap.drain())
    return np.concatenate(out)


def peaks(channel: np.ndarray, n: int) -> np.ndarray:
    """Positions of the ``n`` marker impulses in one channel."""
    found = []
    x = np.abs(channel.astype(np.int32))
    for _ in range(n):
        i = int(np.argmax(x))
        found.append(i)
        x[max(0, i - 240) : i + 240] = 0
    return np.sort(np.array(found))


def test_an_impulse_at_the_same_time_on_both_sides_lands_in_the_same_frame() -> None:
    tap = RecordingTap(RATE)
    t = 101.2345
    frames = run(tap, 3.0, mic_start=100.0, out_start=100.0037, markers=(t,))
    assert frames.dtype == np.int16 and frames.shape[1] == 2
    left, right = int(np.argmax(frames[:, 0])), int(np.argmax(frames[:, 1]))
    assert abs(left - right) <= RATE // 1000
    assert tap.t0 == 100.0
    assert abs(left - (t - tap.t0) * RATE) <= RATE // 1000


def test_a_gap_in_the_microphone_is_filled_with_silence() -> None:
    tap = RecordingTap(RATE)
    frames = run(
        tap, 3.0, markers=(100.5, 102.0), mic_skip=lambda t: 101.0 <= t < 101.5, out_start=100.0
    )
    left = frames[:, 0]
    assert abs(int(np.argmax(left[: int(1.5 * RATE)])) - int(0.5 * RATE)) <= 24
    assert abs(int(np.argmax(left[int(1.5 * RATE) :])) + int(1.5 * RATE) - 2 * RATE) <= 24
    assert not left[int(1.0 * RATE) + 24 : int(1.5 * RATE) - 24].any()
    assert frames.shape[0] == pytest.approx(3 * RATE, abs=RATE * 0.02)
    assert tap.corrections[0] == 1


def test_model_audio_played_only_in_turns_lands_at_its_times() -> None:
    """A device layer that passes only non-silent blocks still gets a timeline."""
    tap = RecordingTap(RATE)
    in_turn = [(100.5, 100.8), (102.0, 102.3)]
    frames = run(
        tap,
        3.0,
        markers=(100.6, 102.1),
        out_skip=lambda t: not any(a <= t < b for a, b in in_turn),
    )
    right = frames[:, 1]
    found = peaks(right, 2)
    assert abs(found[0] - 0.6 * RATE) <= 24
    assert abs(found[1] - 2.1 * RATE) <= 24
    assert not right[int(0.85 * RATE) : int(1.95 * RATE)].any()


def test_no_drift_over_five_minutes_of_jittery_timestamps() -> None:
    """Two crystals 500 ppm apart and ±4 ms stamp jitter: without correction the sides would end
    150 ms apart; with it every marker stays within the correction threshold of where it
    happened, at the end as at the start."""
    tap = RecordingTap(RATE)
    markers = tuple(100.0 + 5 + 10 * k for k in range(30))
    frames = run(tap, 300.0, mic_ppm=300, out_ppm=-200, jitter_s=0.004, markers=markers, seed=3)
    assert tap.t0 is not None
    expected = (np.array(markers) - tap.t0) * RATE
    left, right = peaks(frames[:, 0], 30), peaks(frames[:, 1], 30)
    bound = (MAX_ERROR_S + 0.005) * RATE
    assert np.max(np.abs(left - expected)) <= bound
    assert np.max(np.abs(right - expected)) <= bound
    assert np.max(np.abs(left - right)) <= 2 * bound
    assert frames.shape[0] == pytest.approx(300 * RATE, abs=RATE * 0.05)
    assert tap.corrections[0] >= 3 and tap.corrections[1] >= 2  # it did have to correct


def test_jitter_alone_never_moves_a_side() -> None:
    tap = RecordingTap(RATE)
    frames = run(tap, 30.0, jitter_s=0.008, markers=(110.0, 125.0), seed=5)
    assert tap.corrections == (0, 0)
    assert np.abs(peaks(frames[:, 0], 2) - peaks(frames[:, 1], 2)).max() <= 0.017 * RATE


def test_a_side_that_stops_is_recorded_as_silence_after_a_lag() -> None:
    tap = RecordingTap(RATE)
    frames = run(tap, 3.0, out_skip=lambda t: t >= 101.0)
    assert frames.shape[0] == pytest.approx(2.5 * RATE, abs=RATE * 0.02)
    assert not frames[:, 1].any()


def test_unstamped_model_audio_follows_the_previous_block() -> None:
    tap = RecordingTap(RATE)
    tap.mic(np.zeros(1600, np.int16), 10.0)
    tap.played(np.zeros(480, np.int16), OUT_RATE, 10.0)
    pulse = np.zeros(480, np.int16)
    pulse[0] = 20000
    tap.played(pulse, OUT_RATE, None)
    tap.mic(np.zeros(1600, np.int16), 10.1)
    frames = tap.drain()
    assert abs(int(np.argmax(frames[:, 1])) - 240) <= 1  # right after the first 10 ms


def test_nothing_before_the_first_timestamp() -> None:
    tap = RecordingTap(RATE)
    assert tap.drain().shape == (0, 2)
    assert tap.t0 is None
