"""Echo cancellation behind a small port: what the audio engine asks of an echo processor.

An :class:`EchoProcessor` sees both ends of the conversation in 10 ms int16 mono frames:

- ``process_far(frame)``: the exact samples the speaker just played (the *far end*, the model's
  voice), called from the playback callback;
- ``process_near(frame)``: one microphone frame (the *near end*), called from the capture
  callback; returns the frame with the far end's echo removed (and, depending on the stages,
  noise suppressed, low rumble filtered, level evened out).

The WebRTC implementation lives in :mod:`live_desktop.devices.echo_webrtc` (a native library,
so not in core); :class:`PassthroughProcessor` stands in when it cannot be loaded, when every
stage is off, and in tests. Audio callbacks rarely deliver exactly 10 ms, so
:class:`FrameBuffer` re-blocks whatever arrives into exact frames, in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeAlias, runtime_checkable

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from live_desktop.core.settings import AudioSettings

__all__ = [
    "EchoFactory",
    "EchoProcessor",
    "EchoStages",
    "FrameBuffer",
    "Int16Array",
    "PassthroughProcessor",
    "check_frame",
    "frame_samples_for",
]

Int16Array: TypeAlias = npt.NDArray[np.int16]


def frame_samples_for(rate: int) -> int:
    """Samples in 10 ms at ``rate``; rates that do not divide into 10 ms frames are refused."""
    if rate <= 0 or rate % 100:
        raise ValueError(f"{rate} Hz does not divide into 10 ms frames")
    return rate // 100


@dataclass(frozen=True, slots=True)
class EchoStages:
    """Which processing stages are on; the field order matches the settings dialog."""

    echo_cancellation: bool = True
    noise_suppression: bool = True
    high_pass_filter: bool = True
    gain_control: bool = True

    @classmethod
    def from_settings(cls, audio: AudioSettings) -> EchoStages:
        """The stages ``audio`` (the settings' audio section) asks for."""
        return cls(
            echo_cancellation=audio.echo_cancellation,
            noise_suppression=audio.noise_suppression,
            high_pass_filter=audio.high_pass_filter,
            gain_control=audio.gain_control,
        )

    @classmethod
    def none(cls) -> EchoStages:
        """Every stage off: the microphone passes through untouched."""
        return cls(False, False, False, False)

    @property
    def any(self) -> bool:
        """True when at least one stage would change the microphone signal."""
        return (
            self.echo_cancellation
            or self.noise_suppression
            or self.high_pass_filter
            or self.gain_control
        )


@runtime_checkable
class EchoProcessor(Protocol):
    """Cleans the microphone signal using what the speaker played.

    ``process_far`` is called from the playback callback thread and ``process_near`` from the
    capture callback thread, possibly at the same moment; ``set_delay_ms`` and ``configure``
    from the main thread. Implementations make that safe and never block for long.
    """

    @property
    def rate(self) -> int:
        """Sample rate of the near end (microphone) frames, in Hz."""
        ...

    @property
    def frame_samples(self) -> int:
        """Samples in one near-end frame: 10 ms at ``rate``."""
        ...

    def process_far(self, frame: Int16Array) -> None:
        """Takes note of one 10 ms frame (int16 mono, at ``rate``) exactly as it was just played.

        Implementations may accept another far-end rate if built for it (``far_rate``).
        """
        ...

    def process_near(self, frame: Int16Array) -> Int16Array:
        """Returns one 10 ms microphone frame (int16 mono), processed; the input is not kept."""
        ...

    def set_delay_ms(self, ms: int) -> None:
        """Hint: how long after ``process_far`` its echo reaches ``process_near`` (ms)."""
        ...

    def configure(
        self,
        *,
        echo_cancellation: bool,
        noise_suppression: bool,
        high_pass_filter: bool,
        gain_control: bool,
    ) -> None:
        """Switches stages on or off while streams run; the echo model starts afresh."""
        ...


#: Builds a processor for a near-end rate and a set of stages (the audio engine's seam).
EchoFactory: TypeAlias = Callable[[int, EchoStages], EchoProcessor]


def check_frame(frame: Int16Array, samples: int, what: str) -> Int16Array:
    """``frame`` as a 1-D int16 array of ``samples`` samples, or ValueError saying what is wrong.

    Accepts the (n, 1) column a single-channel PortAudio stream delivers.
    """
    if frame.ndim == 2 and frame.shape[1] == 1:
        frame = frame[:, 0]
    if frame.dtype != np.int16 or frame.ndim != 1:
        raise ValueError(f"{what} frame must be int16 mono, got {frame.dtype} {frame.shape}")
    if frame.shape[0] != samples:
        raise ValueError(f"{what} frame must be {samples} samples (10 ms), got {frame.shape[0]}")
    return frame


class PassthroughProcessor:
    """An :class:`EchoProcessor` that changes nothing: near-end frames come back bit-exact.

    Used when every stage is off and when the real processor cannot be loaded; ``reason`` then
    says why in a sentence a user understands (``None`` when passthrough was asked for).
    Stateless, so safe from any thread.
    """

    def __init__(self, rate: int, *, far_rate: int | None = None, reason: str | None = None):
        self._rate = rate
        self._frame = frame_samples_for(rate)
        self._far_rate = rate if far_rate is None else far_rate
        self._far_frame = frame_samples_for(self._far_rate)
        self.reason = reason
        self.delay_ms = 0
        self.stages = EchoStages.none()

    @property
    def rate(self) -> int:
        return self._rate

    @property
    def frame_samples(self) -> int:
        return self._frame

    @property
    def far_rate(self) -> int:
        return self._far_rate

    @property
    def far_frame_samples(self) -> int:
        return self._far_frame

    def process_far(self, frame: Int16Array) -> None:
        check_frame(frame, self._far_frame, "far-end")

    def process_near(self, frame: Int16Array) -> Int16Array:
        return check_frame(frame, self._frame, "near-end").copy()

    def set_delay_ms(self, ms: int) -> None:
        self.delay_ms = int(ms)

    def configure(
        self,
        *,
        echo_cancellation: bool,
        noise_suppression: bool,
        high_pass_filter: bool,
        gain_control: bool,
    ) -> None:
        # Remembered so a caller can see what was asked; nothing here can honour it.
        self.stages = EchoStages(
            echo_cancellation, noise_suppression, high_pass_filter, gain_control
        )


class FrameBuffer:
    """Arbitrary int16 blocks in, exact ``frame_samples``-sample frames out, in order.

    For callers whose blocks are not 10 ms (PortAudio with ``blocksize=0``, a resampler's
    uneven output). What does not fill a frame waits for the next block. The frames returned
    are fresh arrays the caller may keep. One thread per instance.
    """

    def __init__(self, frame_samples: int) -> None:
        if frame_samples <= 0:
            raise ValueError("frame_samples must be positive")
        self.frame_samples = frame_samples
        self._rest: Int16Array = np.zeros(frame_samples, dtype=np.int16)
        self._fill = 0

    @property
    def pending(self) -> int:
        """Samples waiting for the rest of their frame."""
        return self._fill

    def push(self, block: Int16Array) -> list[Int16Array]:
        """Adds ``block`` (1-D or one column) and returns every frame now complete."""
        if block.ndim == 2 and block.shape[1] == 1:
            block = block[:, 0]
        if block.dtype != np.int16 or block.ndim != 1:
            raise ValueError(f"blocks must be int16 mono, got {block.dtype} {block.shape}")
        size = self.frame_samples
        data = np.concatenate((self._rest[: self._fill], block)) if self._fill else block
        count = data.shape[0] // size
        frames = [data[i * size : (i + 1) * size].copy() for i in range(count)]
        left = data.shape[0] - count * size
        self._rest[:left] = data[count * size :]
        self._fill = left
        return frames

    def reset(self) -> None:
        """Forgets the partial frame (the stream restarted)."""
        self._fill = 0
