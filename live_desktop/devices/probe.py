"""Play into one device and record from another with sample-exact timestamps.

Used by the device tests, the latency benchmark and the settings' "test microphone/speaker"
actions: a clip played into a sink (a virtual microphone's input, or a real speaker) and a
recording from a source (a speaker's monitor, or a real microphone), each sample placed on the
``time.monotonic()`` clock through PortAudio's DAC/ADC times.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

import numpy as np

from live_desktop.devices.audio_devices import (
    AudioDevice,
    Kind,
    default_device,
    find_device,
    opening,
    sounddevice,
)


def _device(kind: Kind, name: str | None) -> AudioDevice:
    device = find_device(kind, name) if name else default_device(kind)
    if device is None:
        raise LookupError(f"no {kind} device {name or '(default)'}")
    return device


@dataclass
class Recording:
    samples: np.ndarray  # int16 mono
    rate: int
    #: (index of a block's first sample, its monotonic capture time), one per block. Kept per
    #: block, not as one start time: a PulseAudio source may run late at first and then skip.
    stamps: np.ndarray

    @property
    def t0(self) -> float:
        return float(self.stamps[0, 1]) if self.stamps.size else 0.0

    def time_of(self, index: float) -> float:
        if not self.stamps.size:
            return index / self.rate
        i = max(0, int(np.searchsorted(self.stamps[:, 0], index, side="right")) - 1)
        start, at = self.stamps[i]
        return float(at + (index - start) / self.rate)

    def index_at(self, t: float) -> int:
        if not self.stamps.size:
            return round(t * self.rate)
        i = max(0, int(np.searchsorted(self.stamps[:, 1], t, side="right")) - 1)
        start, at = self.stamps[i]
        return int(start + round((t - at) * self.rate))


class DeviceRecorder:
    """Records a source (by PulseAudio/PortAudio name; None: default input) as mono int16."""

    def __init__(self, source: str | None, *, rate: int = 48000, block: int = 480) -> None:
        self.device = _device("input", source)
        self.rate = rate
        self._block = block
        self._blocks: list[np.ndarray] = []
        self._stamps: list[tuple[int, float]] = []
        self._count = 0
        self._stream: Any = None
        self._lock = threading.Lock()
        self._running = threading.Event()

    def _callback(self, indata: np.ndarray, frames: int, t: Any, status: Any) -> None:
        now = time.monotonic()
        adc = t.inputBufferAdcTime
        at = now - (t.currentTime - adc) if adc else now - frames / self.rate
        with self._lock:
            self._stamps.append((self._count, at))
            self._count += frames
            self._blocks.append(indata[:, 0].copy())
        self._running.set()

    def start(self, *, wait_s: float = 5.0) -> DeviceRecorder:
        """Open and start; returns once audio flows (a PulseAudio source can take a second)."""
        sd = sounddevice()
        with opening(self.device) as index:
            self._stream = sd.InputStream(
                device=index,
                samplerate=self.rate,
                blocksize=self._block,
                channels=1,
                dtype="int16",
                latency="low",
                callback=self._callback,
            )
        self._stream.start()
        if not self._running.wait(wait_s):
            raise TimeoutError(f"{self.device.label} delivered no audio within {wait_s} s")
        return self

    def snapshot(self) -> Recording:
        with self._lock:
            blocks = list(self._blocks)
            stamps = np.array(self._stamps, dtype=np.float64).reshape(-1, 2)
        samples = np.concatenate(blocks) if blocks else np.zeros(0, dtype=np.int16)
        return Recording(samples, self.rate, stamps)

    def stop(self) -> Recording:
        if self._stream is not None:
            self._stream.stop()
            self._stream.close()
            self._stream = None
        return self.snapshot()

    def __enter__(self) -> DeviceRecorder:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class DevicePlayer:
    """Plays clips into a sink; ``started`` holds the monotonic DAC time of each clip's start."""

    def __init__(self, sink: str | None, *, rate: int = 48000, block: int = 480) -> None:
        self.device = _device("output", sink)
        self.rate = rate
        self._block = block
        self._queue: deque[tuple[int, np.ndarray]] = deque()
        self._current: tuple[int, np.ndarray, int] | None = None  # (id, samples, position)
        self._next_id = 0
        self.started: dict[int, float] = {}
        self._lock = threading.Lock()
        self._stream: Any = None
        self._idle = threading.Event()
        self._idle.set()

    def play(self, samples: np.ndarray) -> int:
        """Queue a clip (int16 mono at ``rate``); returns its id for ``started``."""
        with self._lock:
            clip_id = self._next_id
            self._next_id += 1
            self._queue.append((clip_id, np.asarray(samples, dtype=np.int16)))
            self._idle.clear()
        return clip_id

    def wait_idle(self, timeout: float = 30.0) -> bool:
        return self._idle.wait(timeout)

    def _callback(self, outdata: np.ndarray, frames: int, t: Any, status: Any) -> None:
        now = time.monotonic()
        dac = t.outputBufferDacTime
        dac_at = now + (dac - t.currentTime) if dac else now
        out = outdata[:, 0]
        out.fill(0)
        filled = 0
        with self._lock:
            while filled < frames:
                if self._current is None:
                    if not self._queue:
                        break
                    clip_id, samples = self._queue.popleft()
                    self._current = (clip_id, samples, 0)
                    self.started[clip_id] = dac_at + filled / self.rate
                clip_id, samples, pos = self._current
                n = min(frames - filled, samples.size - pos)
                out[filled : filled + n] = samples[pos : pos + n]
                filled += n
                pos += n
                self._current = None if pos >= samples.size else (clip_id, samples, pos)
            if self._current is None and not self._queue:
                self._idle.set()
        if outdata.shape[1] > 1:
            outdata[:] = out[:, None]

    def start(self) -> DevicePlayer:
        sd = sounddevice()
        with opening(self.device) as index:
            self._stream = sd.OutputStream(
                device=index,
                samplerate=self.rate,
                blocksize=self._block,
                channels=1,
                dtype="int16",
                latency="low",
                callback=self._callback,
            )
        self._stream.start()
        return self

    def stop(self) -> None:
        if self._stream is not None:
            self._stream.stop()
            self._stream.close()
            self._stream = None

    def __enter__(self) -> DevicePlayer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def align(reference: np.ndarray, signal: np.ndarray) -> tuple[int, float]:
    """Where ``reference`` best matches inside ``signal``: (offset, normalised correlation)."""
    ref = reference.astype(np.float64)
    sig = signal.astype(np.float64)
    if sig.size < ref.size or ref.size == 0:
        return 0, 0.0
    n = 1 << int(np.ceil(np.log2(sig.size + ref.size)))
    spectrum = np.fft.rfft(sig, n) * np.conj(np.fft.rfft(ref, n))
    xcorr = np.fft.irfft(spectrum, n)[: sig.size - ref.size + 1]
    offset = int(np.argmax(xcorr))
    window = sig[offset : offset + ref.size]
    denom = np.linalg.norm(ref) * np.linalg.norm(window)
    return offset, float(np.dot(ref, window) / denom) if denom else 0.0


def band_limit(
    x: np.ndarray, rate: int, low_hz: float = 300.0, high_hz: float = 3400.0
) -> np.ndarray:
    """Zero-phase band-pass by FFT masking (telephone band by default), as float64.

    Comparing speech in the band that carries its words, so that the high-pass filter and the
    phase shifts the processing stages put below 250 Hz do not count as damage.
    """
    spectrum = np.fft.rfft(x.astype(np.float64))
    freqs = np.fft.rfftfreq(x.size, 1.0 / rate)
    spectrum[(freqs < low_hz) | (freqs > high_hz)] = 0
    return np.fft.irfft(spectrum, x.size)
