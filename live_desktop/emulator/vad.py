"""Server-side voice activity detection, shaped like the Live API's automatic VAD settings.

webrtcvad decides voiced/unvoiced per 20 ms frame; it flags any steady noise as speech, so an
energy gate sits in front of it. Start and end sensitivities choose the webrtcvad aggressiveness
and the gate; ``prefix_padding_ms`` is the speech needed before start-of-speech is committed and
``silence_duration_ms`` the silence needed before end-of-speech.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import webrtcvad

RATE = 16_000
FRAME_MS = 20
FRAME_BYTES = RATE * FRAME_MS // 1000 * 2
MAX_UTTERANCE_S = 300.0

# sensitivity -> (webrtcvad aggressiveness, energy gate in dBFS, default ms)
_START = {
    "START_SENSITIVITY_HIGH": (1, -52.0, 40),
    "START_SENSITIVITY_UNSPECIFIED": (2, -46.0, 60),
    "START_SENSITIVITY_LOW": (3, -40.0, 120),
}
_END = {
    "END_SENSITIVITY_HIGH": (3, -40.0),
    "END_SENSITIVITY_UNSPECIFIED": (2, -46.0),
    "END_SENSITIVITY_LOW": (1, -52.0),
}
DEFAULT_SILENCE_MS = 500


@dataclass(frozen=True)
class VadSettings:
    start_sensitivity: str = "START_SENSITIVITY_UNSPECIFIED"
    end_sensitivity: str = "END_SENSITIVITY_UNSPECIFIED"
    prefix_padding_ms: int | None = None
    silence_duration_ms: int | None = None

    @classmethod
    def from_config(cls, aad: dict[str, Any] | None) -> VadSettings:
        """Build from a normalised ``automatic_activity_detection`` dict (values pre-validated)."""
        aad = aad or {}
        return cls(
            start_sensitivity=aad.get("start_of_speech_sensitivity")
            or "START_SENSITIVITY_UNSPECIFIED",
            end_sensitivity=aad.get("end_of_speech_sensitivity") or "END_SENSITIVITY_UNSPECIFIED",
            prefix_padding_ms=_int_or_none(aad.get("prefix_padding_ms")),
            silence_duration_ms=_int_or_none(aad.get("silence_duration_ms")),
        )


def _int_or_none(value: Any) -> int | None:
    return None if value is None else int(value)


@dataclass(frozen=True)
class SpeechStarted:
    pass


@dataclass(frozen=True)
class SpeechEnded:
    pcm: bytes  # 16 kHz utterance from the first voiced frame to the last voiced frame


VadEvent = SpeechStarted | SpeechEnded


def frame_dbfs(frame: bytes) -> float:
    samples = np.frombuffer(frame, dtype="<i2").astype(np.float64)
    rms = math.sqrt(float(np.mean(samples * samples))) if samples.size else 0.0
    return -120.0 if rms <= 0 else 20.0 * math.log10(rms / 32768.0)


class SpeechDetector:
    """Feeds 16 kHz PCM in arbitrary chunks; emits start/end events with the utterance audio."""

    def __init__(self, settings: VadSettings | None = None) -> None:
        s = settings or VadSettings()
        start_mode, self._start_gate, start_ms = _START.get(
            s.start_sensitivity, _START["START_SENSITIVITY_UNSPECIFIED"]
        )
        end_mode, self._end_gate = _END.get(s.end_sensitivity, _END["END_SENSITIVITY_UNSPECIFIED"])
        self._start_vad = webrtcvad.Vad(start_mode)
        self._end_vad = webrtcvad.Vad(end_mode)
        required_ms = s.prefix_padding_ms if s.prefix_padding_ms is not None else start_ms
        self._start_frames = max(1, math.ceil(required_ms / FRAME_MS))
        silence_ms = DEFAULT_SILENCE_MS if s.silence_duration_ms is None else s.silence_duration_ms
        self._end_frames = max(1, math.ceil(silence_ms / FRAME_MS))
        self._max_bytes = int(MAX_UTTERANCE_S * RATE) * 2
        self._rest = b""
        self._pending: list[bytes] = []
        self._speech = bytearray()
        self._last_voiced_end = 0
        self._silent_frames = 0
        self.in_speech = False

    def feed(self, pcm: bytes) -> list[VadEvent]:
        data = self._rest + pcm
        usable = len(data) // FRAME_BYTES * FRAME_BYTES
        self._rest = data[usable:]
        events: list[VadEvent] = []
        for i in range(0, usable, FRAME_BYTES):
            event = self._frame(data[i : i + FRAME_BYTES])
            if event is not None:
                events.append(event)
        return events

    def flush(self) -> SpeechEnded | None:
        """End a pending utterance now (``audioStreamEnd``); ``None`` if no speech is pending."""
        self._rest = b""
        self._pending.clear()
        if not self.in_speech:
            return None
        return self._finish()

    def _frame(self, frame: bytes) -> VadEvent | None:
        level = frame_dbfs(frame)
        if not self.in_speech:
            voiced = level >= self._start_gate and self._start_vad.is_speech(frame, RATE)
            if not voiced:
                self._pending.clear()
                return None
            self._pending.append(frame)
            if len(self._pending) < self._start_frames:
                return None
            self.in_speech = True
            self._speech = bytearray(b"".join(self._pending))
            self._pending.clear()
            self._last_voiced_end = len(self._speech)
            self._silent_frames = 0
            return SpeechStarted()
        self._speech += frame
        if level >= self._end_gate and self._end_vad.is_speech(frame, RATE):
            self._last_voiced_end = len(self._speech)
            self._silent_frames = 0
        else:
            self._silent_frames += 1
        if self._silent_frames >= self._end_frames or len(self._speech) >= self._max_bytes:
            return self._finish()
        return None

    def _finish(self) -> SpeechEnded:
        pcm = bytes(self._speech[: self._last_voiced_end])
        self.in_speech = False
        self._speech = bytearray()
        self._last_voiced_end = 0
        self._silent_frames = 0
        return SpeechEnded(pcm)
