"""PCM helpers for the emulator: MIME parsing, resampling, and the synthetic reply chime."""

from __future__ import annotations

import math
import re

import numpy as np
import soxr

INPUT_RATE = 16_000
OUTPUT_RATE = 24_000
OUTPUT_CHUNK_S = 0.040
OUTPUT_CHUNK_BYTES = int(OUTPUT_RATE * OUTPUT_CHUNK_S) * 2

_RATE_RE = re.compile(r"rate\s*=\s*(\d+)", re.IGNORECASE)


def rate_from_mime(mime_type: str | None, default: int = INPUT_RATE) -> int:
    """Sample rate named in ``audio/pcm;rate=N``; ``default`` when the MIME names none."""
    if not mime_type:
        return default
    match = _RATE_RE.search(mime_type)
    return int(match.group(1)) if match else default


def pcm_seconds(pcm: bytes, rate: int) -> float:
    return len(pcm) / 2 / rate


def resample(pcm: bytes, in_rate: int, out_rate: int) -> bytes:
    """Resample a whole block of 16-bit mono PCM (for complete utterances)."""
    if in_rate == out_rate or not pcm:
        return pcm
    samples = np.frombuffer(pcm[: len(pcm) // 2 * 2], dtype="<i2")
    out = soxr.resample(samples, in_rate, out_rate, quality="HQ")
    return np.asarray(out, dtype="<i2").tobytes()


class StreamResampler:
    """Resamples a chunked 16-bit mono stream without clicks at chunk borders."""

    def __init__(self, in_rate: int, out_rate: int) -> None:
        self.in_rate = in_rate
        self.out_rate = out_rate
        self._stream = (
            None
            if in_rate == out_rate
            else soxr.ResampleStream(in_rate, out_rate, 1, dtype="int16", quality="HQ")
        )
        self._odd = b""

    def process(self, pcm: bytes) -> bytes:
        pcm = self._odd + pcm
        cut = len(pcm) // 2 * 2
        pcm, self._odd = pcm[:cut], pcm[cut:]
        if self._stream is None or not pcm:
            return pcm
        out = self._stream.resample_chunk(np.frombuffer(pcm, dtype="<i2"))
        return np.asarray(out, dtype="<i2").tobytes()


class LinearStreamResampler:
    """Zero-latency linear-interpolation resampler for a chunked 16-bit mono stream.

    Lower quality than :class:`StreamResampler` but holds nothing back, so an "instant" echo
    adds no delay of its own to a latency measurement.
    """

    def __init__(self, in_rate: int, out_rate: int) -> None:
        self._step = in_rate / out_rate
        self._t = 0.0  # position of the next output sample, in input samples from _prev
        self._prev: np.ndarray | None = None
        self._odd = b""

    def process(self, pcm: bytes) -> bytes:
        pcm = self._odd + pcm
        cut = len(pcm) // 2 * 2
        pcm, self._odd = pcm[:cut], pcm[cut:]
        if not pcm:
            return b""
        x = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
        if self._prev is not None:
            x = np.concatenate([self._prev, x])
        last = len(x) - 1
        positions = np.arange(self._t, last + 1e-9, self._step)
        out = np.interp(positions, np.arange(len(x)), x) if positions.size else np.zeros(0)
        self._t = (positions[-1] + self._step if positions.size else self._t) - last
        self._prev = x[-1:]
        return np.round(out).astype("<i2").tobytes()


def chime(seconds: float, rate: int = OUTPUT_RATE) -> bytes:
    """A soft, obviously synthetic melody standing in for speech in AUDIO replies to text.

    Notes of 160 ms with short fades, cycling through a pentatonic phrase at about -16 dBFS.
    """
    n = max(1, int(seconds * rate))
    note_len = int(0.160 * rate)
    freqs = (523.25, 587.33, 659.25, 783.99, 880.0, 783.99, 659.25, 587.33)
    t = np.arange(note_len) / rate
    fade = min(int(0.015 * rate), note_len // 2)
    env = np.ones(note_len)
    env[:fade] = np.linspace(0.0, 1.0, fade)
    env[-fade:] = np.linspace(1.0, 0.0, fade)
    notes = []
    for i in range(math.ceil(n / note_len)):
        f = freqs[i % len(freqs)]
        tone = np.sin(2 * np.pi * f * t) + 0.25 * np.sin(2 * np.pi * 2 * f * t)
        notes.append(tone * env)
    signal = np.concatenate(notes)[:n] * 0.15
    return (signal * 32767).astype("<i2").tobytes()


def chunks(pcm: bytes, size: int = OUTPUT_CHUNK_BYTES) -> list[bytes]:
    return [pcm[i : i + size] for i in range(0, len(pcm), size)]
