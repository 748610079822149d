"""Local end-of-speech detection and voice-to-voice latency figures.

The service decides turns with its own VAD; this detector only timestamps the user's speech
locally so the app can measure what the user experiences: the time from the end of their last
voiced 10 ms frame (at the microphone's ADC) to the first audible sample of the model's answer
(at the speaker's DAC). Both ends are hardware timestamps on ``time.monotonic()``'s clock, so
no queueing, resampling or network delay on the way is left out or counted twice.

:class:`SpeechEndDetector` runs webrtcvad on 10 ms frames with an energy gate in front (webrtcvad
judges spectral shape, not level, and calls faint steady hiss speech). ``SpeechEnded.at`` is the
end of the last voiced frame, not the moment the hangover ran out: the hangover is only how long
we wait to be sure. Cost, measured: about 4 µs per 10 ms frame at 16 kHz.

:class:`LatencyTracker` pairs speech ends with the model's first audible sample;
:class:`LatencyStats` keeps percentiles of any stage in a bounded reservoir.
"""

from __future__ import annotations

import collections
import random
import threading
from dataclasses import dataclass
from typing import TypeAlias

import numpy as np
import numpy.typing as npt
import webrtcvad

Int16Array = npt.NDArray[np.int16]

FRAME_MS = 10
_VAD_RATES = frozenset({8000, 16000, 32000, 48000})


@dataclass(frozen=True, slots=True)
class SpeechStarted:
    """The user started speaking; ``at`` is the ADC time of the first voiced frame's start."""

    at: float


@dataclass(frozen=True, slots=True)
class SpeechEnded:
    """The user stopped speaking; ``at`` is the ADC time of the last voiced frame's end."""

    at: float


SpeechEvent: TypeAlias = SpeechStarted | SpeechEnded


class SpeechEndDetector:
    """Speech start/end events with ADC timestamps, from microphone audio after processing.

    Speech starts after ``min_speech_ms`` of consecutive voiced frames (so a click or a cough
    does not count) and ends after ``hangover_ms`` without one. Blocks of any size are accepted
    and framed internally. Not thread-safe: call it from the one thread that owns the capture
    path.
    """

    def __init__(
        self,
        rate: int = 16000,
        *,
        aggressiveness: int = 2,
        hangover_ms: int = 300,
        min_speech_ms: int = 100,
        energy_gate_dbfs: float | None = -60.0,
    ) -> None:
        if rate not in _VAD_RATES:
            raise ValueError(f"webrtcvad needs one of {sorted(_VAD_RATES)} Hz, not {rate}")
        if not 0 <= aggressiveness <= 3:
            raise ValueError("aggressiveness is 0..3")
        self.rate = rate
        self.hangover_ms = hangover_ms
        self.min_speech_ms = min_speech_ms
        self._vad = webrtcvad.Vad(aggressiveness)
        self._frame = rate * FRAME_MS // 1000
        # sum of squares of a frame at the gate (int16 units)
        self._gate_energy = (
            0.0
            if energy_gate_dbfs is None
            else self._frame * (32768.0 * 10 ** (energy_gate_dbfs / 20)) ** 2
        )
        self._pending = np.zeros(0, np.int16)
        self._pending_at = 0.0  # ADC time of _pending[0]
        self._voiced_run = 0  # consecutive voiced frames while not in speech
        self._run_start = 0.0
        self._silent_run = 0  # consecutive unvoiced frames while in speech
        self._last_voiced_end = 0.0
        self._queued: collections.deque[SpeechEvent] = collections.deque()
        self.in_speech = False
        """The user is speaking (or paused for less than the hangover)."""

    def process(self, pcm16k: Int16Array, adc_time: float) -> SpeechEvent | None:
        """Feed a block whose first sample reached the ADC at ``adc_time``; returns an event.

        Blocks under ``min_speech_ms`` (the usual 10-20 ms) can hold at most one event; if a long
        block holds more, the rest come out of the following calls (or use :meth:`process_all`).
        """
        self._queued.extend(self.process_all(pcm16k, adc_time))
        return self._queued.popleft() if self._queued else None

    def process_all(self, pcm16k: Int16Array, adc_time: float) -> list[SpeechEvent]:
        """Like :meth:`process`, returning every event the block completes, in order."""
        block = np.asarray(pcm16k, dtype=np.int16).reshape(-1)
        if self._pending.size:
            # Trust the newest timestamp: leftover samples are dated back from it, so a jump in
            # the capture clock is followed instead of accumulated.
            self._pending_at = adc_time - self._pending.size / self.rate
            block = np.concatenate((self._pending, block))
        else:
            self._pending_at = adc_time
        events: list[SpeechEvent] = []
        n_frames = block.size // self._frame
        for i in range(n_frames):
            frame = block[i * self._frame : (i + 1) * self._frame]
            start = self._pending_at + i * FRAME_MS / 1000.0
            event = self._step(self._is_voiced(frame), start)
            if event is not None:
                events.append(event)
        used = n_frames * self._frame
        self._pending = block[used:].copy()
        self._pending_at += used / self.rate
        return events

    def reset(self) -> None:
        """Forget everything (a new stream); no SpeechEnded is emitted for speech in progress."""
        self._pending = np.zeros(0, np.int16)
        self._voiced_run = self._silent_run = 0
        self._queued.clear()
        self.in_speech = False

    def _is_voiced(self, frame: Int16Array) -> bool:
        if self._gate_energy:
            as_float = frame.astype(np.float32)
            if float(np.dot(as_float, as_float)) < self._gate_energy:
                return False
        return bool(self._vad.is_speech(frame.tobytes(), self.rate))

    def _step(self, voiced: bool, start: float) -> SpeechEvent | None:
        end = start + FRAME_MS / 1000.0
        if not self.in_speech:
            if not voiced:
                self._voiced_run = 0
                return None
            if self._voiced_run == 0:
                self._run_start = start
            self._voiced_run += 1
            self._last_voiced_end = end
            if self._voiced_run * FRAME_MS >= self.min_speech_ms:
                self.in_speech = True
                self._silent_run = 0
                return SpeechStarted(self._run_start)
            return None
        if voiced:
            self._silent_run = 0
            self._last_voiced_end = end
            return None
        self._silent_run += 1
        if self._silent_run * FRAME_MS >= self.hangover_ms:
            self.in_speech = False
            self._voiced_run = 0
            return SpeechEnded(self._last_voiced_end)
        return None


class LatencyStats:
    """Count, mean and percentiles of one latency figure, in bounded memory.

    Keeps a uniform random sample of at most ``capacity`` values (reservoir sampling, Vitter's
    algorithm R) so percentiles over an hours-long session cost the same as over a minute.
    ``add`` may be called from any thread (a short lock); the figures are computed on demand.
    """

    def __init__(self, capacity: int = 2048, *, seed: int = 0) -> None:
        if capacity <= 0:
            raise ValueError("capacity must be positive")
        self.capacity = capacity
        self._lock = threading.Lock()
        self._reservoir: list[float] = []
        self._random = random.Random(seed)
        self.count = 0
        self.total_ms = 0.0
        self.max_ms: float | None = None
        self.last_ms: float | None = None

    def add(self, ms: float) -> None:
        with self._lock:
            self.count += 1
            self.total_ms += ms
            self.last_ms = ms
            self.max_ms = ms if self.max_ms is None else max(self.max_ms, ms)
            if len(self._reservoir) < self.capacity:
                self._reservoir.append(ms)
            else:
                slot = self._random.randrange(self.count)
                if slot < self.capacity:
                    self._reservoir[slot] = ms

    def percentile(self, p: float) -> float | None:
        """The ``p``-th percentile (0-100, linear interpolation), or None before any value."""
        with self._lock:
            values = list(self._reservoir)
        if not values:
            return None
        return float(np.percentile(values, p))

    @property
    def mean(self) -> float | None:
        return self.total_ms / self.count if self.count else None

    @property
    def p50(self) -> float | None:
        return self.percentile(50)

    @property
    def p90(self) -> float | None:
        return self.percentile(90)

    @property
    def p99(self) -> float | None:
        return self.percentile(99)


class LatencyTracker:
    """Voice-to-voice latency per turn: user's speech end (ADC) to model's first audible (DAC).

    A figure is recorded when the model becomes audible after a speech end that has not been
    answered yet; model audio with no speech end before it (a greeting, a second answer) is not
    a response and records nothing. A later speech end replaces an unanswered one: the model
    answers the user's last words. Any thread may call it (a short lock).
    """

    def __init__(self, *, history: int = 1000) -> None:
        self._lock = threading.Lock()
        self._pending_end: float | None = None
        self._samples: collections.deque[float] = collections.deque(maxlen=history)
        self.stats = LatencyStats()
        self.last_ms: float | None = None
        self.interruptions = 0

    def on_speech_end(self, at: float) -> None:
        with self._lock:
            self._pending_end = at

    def on_model_audible(self, dac_time: float) -> float | None:
        """The first audible sample of a model response reaches the DAC at ``dac_time``.

        Returns the voice-to-voice latency it recorded in ms, or None if it was no answer.
        """
        with self._lock:
            if self._pending_end is None or dac_time < self._pending_end:
                return None  # not an answer to the pending speech end (it was still going on)
            ms = (dac_time - self._pending_end) * 1000.0
            self._pending_end = None
            self._samples.append(ms)
            self.last_ms = ms
        self.stats.add(ms)
        return ms

    def on_interrupted(self) -> None:
        """The user barged in. Counted only: a pending speech end is kept on purpose.

        The barge-in's own local speech end may arrive before or after the service's
        ``interrupted`` (a short "stop" ends locally within ~0.5 s), and the answer that follows
        is measured from the user's latest speech end either way.
        """
        with self._lock:
            self.interruptions += 1

    def samples(self) -> list[float]:
        """Recorded voice-to-voice latencies in ms, oldest first (the latest ``history``)."""
        with self._lock:
            return list(self._samples)

    def percentile(self, p: float) -> float | None:
        """``p``-th percentile (0-100) of the recorded latencies, or None before any."""
        values = self.samples()
        return float(np.percentile(values, p)) if values else None
