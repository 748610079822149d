"""StreamResampler and PCM helpers: pitch, timing and level survive resampling block by block."""

from __future__ import annotations

import numpy as np
import pytest

from live_desktop.core.audio.resample import (
    StreamResampler,
    float_to_int16,
    int16_to_float,
    to_mono_int16,
)

PAIRS = [(48000, 16000), (16000, 48000), (24000, 48000), (24000, 44100), (44100, 16000)]


def tone(freq: float, rate: int, seconds: float, amp: float = 0.5) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    return float_to_int16(amp * np.sin(2 * np.pi * freq * t))


def stream(resampler: StreamResampler, x: np.ndarray, block: int) -> np.ndarray:
    parts = [resampler.process(x[i : i + block]) for i in range(0, len(x), block)]
    parts.append(resampler.flush())
    return np.concatenate(parts)


def dbfs(x: np.ndarray) -> float:
    rms = np.sqrt(np.mean(x.astype(np.float64) ** 2)) / 32768.0
    return 20 * np.log10(max(rms, 1e-10))


@pytest.mark.parametrize(("in_rate", "out_rate"), PAIRS)
def test_a_1khz_tone_stays_at_1khz(in_rate: int, out_rate: int) -> None:
    y = stream(StreamResampler(in_rate, out_rate), tone(1000, in_rate, 1.0), in_rate // 100)
    spectrum = np.abs(np.fft.rfft(y * np.hanning(len(y))))
    freqs = np.fft.rfftfreq(len(y), 1 / out_rate)
    bin_hz = out_rate / len(y)
    assert abs(freqs[np.argmax(spectrum)] - 1000) <= bin_hz
    # and keeps its level (0.5 amplitude sine = -9.03 dBFS RMS)
    assert dbfs(y[out_rate // 10 : -out_rate // 10]) == pytest.approx(-9.03, abs=0.1)


@pytest.mark.parametrize(("in_rate", "out_rate"), PAIRS)
def test_ten_minutes_of_10ms_blocks_do_not_drift(in_rate: int, out_rate: int) -> None:
    resampler = StreamResampler(in_rate, out_rate)
    block = tone(440, in_rate, 0.01, amp=0.3)
    held = resampler.delay_ms / 1000 * out_rate
    produced = 0
    errors = []
    for n in range(1, 60_000 + 1):
        produced += resampler.process(block).size
        if n % 6000 == 0:  # every minute
            errors.append(round(n * len(block) * out_rate / in_rate) - produced)
    # what is missing is what the filter holds back, a constant: never a growing error
    assert max(errors) - min(errors) <= 2
    assert all(abs(e - held) <= 3 for e in errors), (errors, held)
    produced += resampler.flush().size
    assert abs(round(60_000 * len(block) * out_rate / in_rate) - produced) <= 2


@pytest.mark.parametrize(("in_rate", "out_rate"), PAIRS)
def test_output_does_not_depend_on_block_size(in_rate: int, out_rate: int) -> None:
    rng = np.random.default_rng(1)
    x = float_to_int16(0.3 * rng.standard_normal(in_rate) / 3)
    steady = stream(StreamResampler(in_rate, out_rate), x, in_rate // 100)
    ragged_r = StreamResampler(in_rate, out_rate)
    parts, i = [], 0
    while i < len(x):
        n = int(rng.integers(1, 1200))
        parts.append(ragged_r.process(x[i : i + n]))
        i += n
    parts.append(ragged_r.flush())
    ragged = np.concatenate(parts)
    assert len(ragged) == len(steady)
    assert np.max(np.abs(ragged.astype(np.int32) - steady)) <= 1


@pytest.mark.parametrize(("in_rate", "out_rate"), PAIRS)
def test_low_latency_quality_adds_about_a_millisecond(in_rate: int, out_rate: int) -> None:
    resampler = StreamResampler(in_rate, out_rate)
    assert 0.3 <= resampler.delay_ms < 1.5
    assert resampler.max_delay_ms < 1.5

    # An impulse fed at input sample p comes out at output sample p*out/in, and it has come out
    # once delay_ms more of input has been fed.
    block = in_rate // 100
    x = np.zeros(in_rate // 2, dtype=np.int16)
    p = 20 * block + 7
    x[p - 2 : p + 3] = [4000, 12000, 16000, 12000, 4000]  # short, so every quality passes it
    out: list[np.ndarray] = []
    emitted_after = None
    for i in range(0, len(x), block):
        out.append(resampler.process(x[i : i + block]))
        if emitted_after is None and sum(map(len, out)) > p * out_rate / in_rate + 1:
            emitted_after = (i + block - p) / in_rate * 1000
    y = np.concatenate(out).astype(np.float64)
    assert abs(np.argmax(y) - p * out_rate / in_rate) <= 1
    assert emitted_after is not None
    assert emitted_after <= 10.0 + resampler.delay_ms  # within the block it arrived in


def test_delay_figure_reflects_what_soxr_holds_back() -> None:
    """The measurement is real: soxr's LQ filter holds back ~11 ms on average, QQ almost none."""
    assert 5.0 < StreamResampler(48000, 16000, quality="LQ").delay_ms < 20.0
    assert StreamResampler(48000, 16000, quality="LQ").max_delay_ms >= 15.0
    assert StreamResampler(16000, 16000).delay_ms == 0.0


@pytest.mark.parametrize(("in_rate", "out_rate"), [(48000, 16000), (44100, 16000)])
def test_decimating_rejects_what_would_alias(in_rate: int, out_rate: int) -> None:
    for freq in (8200, 9000, 12000, 20000):
        y = stream(StreamResampler(in_rate, out_rate), tone(freq, in_rate, 0.5), in_rate // 100)
        # ignore the tone's abrupt start and end, which are broadband clicks
        assert dbfs(y[out_rate // 20 : -out_rate // 20]) < -9.03 - 55


def test_interpolating_leaves_no_audible_images() -> None:
    y = stream(StreamResampler(24000, 48000), tone(5000, 24000, 0.5), 240).astype(np.float64)
    spectrum = np.abs(np.fft.rfft(y * np.hanning(len(y))))
    freqs = np.fft.rfftfreq(len(y), 1 / 48000)
    assert 20 * np.log10(spectrum[freqs > 14000].max() / spectrum.max()) < -60


def test_float_input_gives_the_same_output_as_int16() -> None:
    x = tone(700, 48000, 0.2)
    a = stream(StreamResampler(48000, 16000), x, 480)
    b = stream(StreamResampler(48000, 16000), int16_to_float(x), 480)
    assert np.array_equal(a, b)


def test_equal_rates_copy_and_convert() -> None:
    resampler = StreamResampler(48000, 48000)
    x = tone(440, 48000, 0.01)
    y = resampler.process(x)
    assert np.array_equal(x, y) and y is not x
    assert np.array_equal(resampler.process(int16_to_float(x)), x)
    assert resampler.flush().size == 0


def test_reset_forgets_the_previous_stream() -> None:
    resampler = StreamResampler(24000, 48000)
    resampler.process(tone(440, 24000, 0.05))
    resampler.reset()
    silence = np.concatenate([resampler.process(np.zeros(240, np.int16)) for _ in range(5)])
    assert not silence.any()


def test_pcm_conversion_round_trips_and_clips() -> None:
    every = np.arange(-32768, 32768, dtype=np.int16)
    assert np.array_equal(float_to_int16(int16_to_float(every)), every)
    assert list(float_to_int16(np.array([1.5, -1.5, 1.0], np.float32))) == [32767, -32768, 32767]


def test_to_mono_averages_channels() -> None:
    stereo = np.array([[100, 300], [-32768, -32768], [32767, 32767], [1, 2]], dtype=np.int16)
    assert list(to_mono_int16(stereo)) == [200, -32768, 32767, 2]
    assert to_mono_int16(stereo).dtype == np.int16
    same = np.stack([tone(440, 16000, 0.01)] * 2, axis=1)
    assert np.array_equal(to_mono_int16(same), same[:, 0])
    as_float = to_mono_int16(np.array([[0.5, 1.0], [2.0, 2.0]], dtype=np.float32))
    assert list(as_float) == [24576, 32767]
    column = np.array([[5], [6]], dtype=np.int16)
    assert list(to_mono_int16(column)) == [5, 6]
    with pytest.raises(TypeError):
        to_mono_int16(np.array([1, 2], dtype=np.int64))
