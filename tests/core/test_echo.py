"""The echo port: stages from settings, the passthrough processor, and 10 ms re-blocking."""

from __future__ import annotations

import numpy as np
import pytest

from live_desktop.core.echo import (
    EchoProcessor,
    EchoStages,
    FrameBuffer,
    PassthroughProcessor,
    frame_samples_for,
)
from live_desktop.core.settings import AudioSettings, Settings


def _ramp(n: int, start: int = 0) -> np.ndarray:
    """Distinct int16 samples, so any reordering, loss or duplication shows."""
    return ((np.arange(start, start + n) % 60_000) - 30_000).astype(np.int16)


# ------------------------------------------------------------------ stages
def test_stages_follow_the_audio_settings() -> None:
    audio = AudioSettings(
        echo_cancellation=True, noise_suppression=False, high_pass_filter=True, gain_control=False
    )
    assert EchoStages.from_settings(audio) == EchoStages(
        echo_cancellation=True, noise_suppression=False, high_pass_filter=True, gain_control=False
    )


def test_default_settings_turn_every_stage_on() -> None:
    assert EchoStages.from_settings(Settings().audio) == EchoStages(True, True, True, True)


def test_stages_none_changes_nothing_and_any_sees_each_stage() -> None:
    assert not EchoStages.none().any
    for field in ("echo_cancellation", "noise_suppression", "high_pass_filter", "gain_control"):
        assert EchoStages(**{**dict.fromkeys(EchoStages.__slots__, False), field: True}).any


def test_stages_are_immutable() -> None:
    stages = EchoStages()
    with pytest.raises(AttributeError):
        stages.echo_cancellation = False  # type: ignore[misc]


# ------------------------------------------------------------------ passthrough
@pytest.mark.parametrize("rate", [16_000, 24_000, 48_000])
def test_passthrough_returns_the_microphone_bit_exact(rate: int) -> None:
    echo = PassthroughProcessor(rate)
    assert isinstance(echo, EchoProcessor)
    assert echo.rate == rate
    assert echo.frame_samples == rate // 100
    frame = _ramp(echo.frame_samples)
    echo.process_far(_ramp(echo.frame_samples, 7))
    out = echo.process_near(frame)
    assert out.dtype == np.int16
    np.testing.assert_array_equal(out, frame)
    out[0] += 1  # the caller owns the result; the input must not change with it
    assert out[0] != frame[0]


def test_passthrough_accepts_a_single_channel_column() -> None:
    echo = PassthroughProcessor(16_000)
    column = _ramp(160).reshape(-1, 1)
    np.testing.assert_array_equal(echo.process_near(column), column[:, 0])


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (np.zeros(159, np.int16), "160 samples"),
        (np.zeros(320, np.int16), "160 samples"),
        (np.zeros(160, np.float32), "int16"),
        (np.zeros((160, 2), np.int16), "mono"),
    ],
)
def test_passthrough_refuses_frames_that_are_not_10ms_int16_mono(
    frame: np.ndarray, message: str
) -> None:
    echo = PassthroughProcessor(16_000)
    with pytest.raises(ValueError, match=message):
        echo.process_near(frame)
    with pytest.raises(ValueError, match=message):
        echo.process_far(frame)


def test_passthrough_far_end_may_have_its_own_rate() -> None:
    echo = PassthroughProcessor(16_000, far_rate=48_000)
    echo.process_far(np.zeros(480, np.int16))
    with pytest.raises(ValueError, match="480 samples"):
        echo.process_far(np.zeros(160, np.int16))


def test_passthrough_keeps_what_it_was_asked_and_its_reason() -> None:
    echo = PassthroughProcessor(48_000, reason="no library")
    echo.set_delay_ms(42)
    echo.configure(
        echo_cancellation=True, noise_suppression=False, high_pass_filter=False, gain_control=True
    )
    assert echo.delay_ms == 42
    assert echo.stages == EchoStages(True, False, False, True)
    assert echo.reason == "no library"
    assert PassthroughProcessor(48_000).reason is None


def test_rates_must_divide_into_10ms_frames() -> None:
    assert frame_samples_for(44_100) == 441
    with pytest.raises(ValueError, match="10 ms"):
        frame_samples_for(22_050)
    with pytest.raises(ValueError, match="10 ms"):
        PassthroughProcessor(11_025)


# ------------------------------------------------------------------ re-blocking
@pytest.mark.parametrize("sizes", [[480], [1, 159, 160, 161, 1000, 7], [128] * 40, [0, 0, 500]])
def test_frame_buffer_reblocks_any_sizes_into_exact_frames_in_order(sizes: list[int]) -> None:
    buffer = FrameBuffer(160)
    signal = _ramp(sum(sizes))
    frames: list[np.ndarray] = []
    position = 0
    for size in sizes:
        frames.extend(buffer.push(signal[position : position + size]))
        position += size
    assert all(frame.shape == (160,) and frame.dtype == np.int16 for frame in frames)
    emitted = len(frames) * 160
    assert emitted + buffer.pending == len(signal)
    assert buffer.pending < 160
    if frames:
        np.testing.assert_array_equal(np.concatenate(frames), signal[:emitted])


def test_frame_buffer_frames_do_not_alias_the_callers_block() -> None:
    buffer = FrameBuffer(4)
    block = _ramp(8)
    frames = buffer.push(block)
    block[:] = 0  # PortAudio reuses its buffers after the callback returns
    np.testing.assert_array_equal(np.concatenate(frames), _ramp(8))


def test_frame_buffer_reset_drops_the_partial_frame() -> None:
    buffer = FrameBuffer(160)
    assert buffer.push(_ramp(100)) == []
    assert buffer.pending == 100
    buffer.reset()
    assert buffer.pending == 0
    (frame,) = buffer.push(_ramp(160, 500))
    np.testing.assert_array_equal(frame, _ramp(160, 500))


def test_frame_buffer_takes_a_column_and_refuses_float() -> None:
    buffer = FrameBuffer(2)
    (frame,) = buffer.push(_ramp(2).reshape(-1, 1))
    np.testing.assert_array_equal(frame, _ramp(2))
    with pytest.raises(ValueError, match="int16"):
        buffer.push(np.zeros(2, np.float32))
    with pytest.raises(ValueError, match="positive"):
        FrameBuffer(0)
