"""LevelMeter: the numbers a meter shows for known signals, and its history's shape."""

from __future__ import annotations

import numpy as np
import pytest

from live_desktop.core.audio.levels import FLOOR_DBFS, Level, LevelMeter, to_dbfs
from live_desktop.core.audio.resample import float_to_int16

RATE = 48000


def sine(amp: float, n: int = RATE // 10, freq: float = 1000.0) -> np.ndarray:
    return float_to_int16(amp * np.sin(2 * np.pi * freq * np.arange(n) / RATE + 0.3))


def test_full_scale_sine_reads_minus_3_rms_and_0_peak() -> None:
    meter = LevelMeter(RATE)
    meter.update(float_to_int16(np.sin(2 * np.pi * 1000 * np.arange(480) / RATE + 0.3) * 0.99999))
    assert meter.latest.rms_dbfs == pytest.approx(-3.01, abs=0.02)
    assert meter.latest.peak_dbfs == pytest.approx(0.0, abs=0.01)


def test_half_scale_sine_is_6_db_lower() -> None:
    meter = LevelMeter(RATE)
    meter.update(sine(0.5))
    assert meter.latest.rms_dbfs == pytest.approx(-9.03, abs=0.02)
    assert meter.latest.peak_dbfs == pytest.approx(-6.02, abs=0.02)


def test_float_blocks_read_like_int16_blocks() -> None:
    a, b = LevelMeter(RATE), LevelMeter(RATE)
    x = sine(0.25)
    a.update(x)
    b.update(x.astype(np.float32) / 32768)
    assert a.latest.rms_dbfs == pytest.approx(b.latest.rms_dbfs, abs=1e-3)
    assert a.latest.peak_dbfs == pytest.approx(b.latest.peak_dbfs, abs=1e-3)


def test_silence_reads_the_floor_not_minus_infinity() -> None:
    meter = LevelMeter(RATE)
    assert meter.latest.rms_dbfs == FLOOR_DBFS  # before any audio
    meter.update(np.zeros(480, np.int16), at=12.5)
    assert meter.latest == Level(FLOOR_DBFS, FLOOR_DBFS, 12.5)
    assert to_dbfs(0.0) == FLOOR_DBFS
    assert meter.history(5).tolist() == [FLOOR_DBFS] * 5


def test_most_negative_sample_is_full_scale() -> None:
    meter = LevelMeter(RATE)
    meter.update(np.array([0, -32768, 0], np.int16))
    assert meter.latest.peak_dbfs == 0.0


def test_history_has_one_point_per_bucket_newest_last() -> None:
    meter = LevelMeter(RATE, history_s=1.0, points_per_s=100)  # 480-sample buckets, 100 kept
    # 30 buckets of rising level, fed in blocks that straddle bucket borders
    signal = np.concatenate([np.full(480, 100 * (k + 1), np.int16) for k in range(30)])
    for start in range(0, signal.size, 333):
        meter.update(signal[start : start + 333])
    history = meter.history()
    assert history.shape == (100,) and history.dtype == np.float32
    # the 30th bucket is complete only when the next one starts: 29 points so far
    expected = [to_dbfs(100 * (k + 1) / 32768) for k in range(29)]
    assert history[-29:] == pytest.approx(expected, abs=1e-3)
    assert (history[:-29] == FLOOR_DBFS).all()
    assert meter.history(3) == pytest.approx(expected[-3:], abs=1e-3)


def test_history_keeps_only_the_newest_points() -> None:
    meter = LevelMeter(RATE, history_s=0.5, points_per_s=100)  # 50 points
    for k in range(120):
        meter.update(np.full(480, k + 1, np.int16))
    history = meter.history()
    assert history.size == 50
    # buckets 70..119 are complete (120th is still filling)
    assert history == pytest.approx([to_dbfs((k + 1) / 32768) for k in range(69, 119)], abs=1e-3)
    assert np.all(np.diff(history) > 0)
    copy = meter.history()
    copy[:] = 0
    assert meter.history()[0] != 0  # a copy, not a view


def test_history_buckets_do_not_drift_at_fractional_rates() -> None:
    """11025 Hz at 100 points/s is 110.25 samples a bucket: ten minutes give exactly 60000."""
    meter = LevelMeter(11025, history_s=1.0)
    block = np.ones(256, np.int16)
    total = 0
    while total + block.size <= 11025 * 600:
        meter.update(block)
        total += block.size
    # every bucket but the one still filling is in the history
    assert meter.points == (total - 1) * 100 // 11025


def test_one_huge_block_fills_the_history() -> None:
    meter = LevelMeter(RATE, history_s=0.1, points_per_s=100)
    meter.update(sine(0.5, n=RATE * 3))
    assert meter.history() == pytest.approx([-6.02] * 10, abs=0.05)
