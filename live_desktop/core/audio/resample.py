"""PCM conversion and a low-latency streaming resampler for 16-bit mono audio.

Why not plain ``soxr.ResampleStream(quality="HQ")``: soxr's filtered qualities run a DFT-based
filter that consumes input in internal blocks and emits output in bursts, so what they hold back
swings from block to block. soxr aligns its output to its input (a pulse at input time t comes
out at output time t), so what it holds back is the whole latency it adds. Measured with an
impulse streamed in 10 ms blocks (soxr 1.1 / libsoxr 0.1.3), mean (max) in ms::

    pair         QQ      LQ             MQ             HQ
    48k->16k     0.00    11.5 (20.0)    21.4 (37.5)    21.6 (36.5)
    16k->48k     0.10    11.5 (20.0)    21.4 (37.5)    21.6 (36.5)
    24k->48k     0.08    10.7 (20.4)    21.6 (39.2)    20.9 (37.9)
    24k->44.1k   0.07     0.9 ( 0.9)    22.0 (39.1)    21.7 (38.5)
    44.1k->16k   0.00    11.4 (21.5)    23.2 (40.9)    23.1 (40.2)

Minimum- and intermediate-phase recipes (reachable only through soxr's private extension) were
no better: the bursts, not the filter's group delay, dominate. The microphone path (device rate
-> 16 kHz) and the playback path (24 kHz -> device rate) each hold one resampler, so LQ alone
could spend 20-40 ms of the 40 ms mouth-to-ear budget, and MQ/HQ all of it.

QQ (cubic interpolation) holds back almost nothing but does not band-limit: 48k->16k folds a
9 kHz tone back to 7 kHz at full level (0 dB), and 24k->48k leaves images only 8 dB down. So
the default quality ``"low_latency"`` is soxr QQ plus a short linear-phase Kaiser FIR (60 dB)
at the higher of the two rates: an anti-alias filter before QQ when decimating, an anti-image
filter after it when interpolating. Its passband ends at 0.40 x the lower rate (6.4 kHz for
16 kHz, 9.6 kHz for 24 kHz: all of speech that matters). Decimating, the stopband starts at the
output's Nyquist frequency, so nothing folds back; interpolating, it starts at 0.60 x, where the
images of the passband begin, which halves the filter. The FIR's delay is compensated the way
soxr compensates its own (output aligned to input; latency = what is held back), so the figures
below are all the latency added. Measured the same way::

    pair         taps  delay    gain @0.2 / @0.35 x lower rate   worst alias or image
    48k->16k     111   1.19 ms   0.0 / -0.0 dB                    -64 dB
    16k->48k      57   0.69 ms  -0.3 / -2.0 dB (cubic droop)      -83 dB
    24k->48k      39   0.48 ms  -0.2 / -1.8 dB                    -83 dB
    24k->44.1k    35   0.45 ms  -0.3 / -2.2 dB                    -78 dB
    44.1k->16k   101   1.12 ms  -0.0 / -0.1 dB                    -64 dB

The upsampling droop (-2 dB at 8.4 kHz for 24 kHz model audio) is QQ's cubic kernel; it is left
uncompensated as inaudible on speech. Cost: 13-25 µs per 10 ms block on one core of a 2-core
VM, against 6-14 µs for bare soxr. The soxr qualities (``"QQ"``, ``"LQ"``, ``"MQ"``, ``"HQ"``,
``"VHQ"``) stay available for offline work where latency does not matter.

Threads: a :class:`StreamResampler` keeps state between blocks and is not thread-safe; each
stream (microphone, playback, recording) owns one and calls it from one thread.
"""

from __future__ import annotations

import functools
import math
from typing import Final

import numpy as np
import numpy.typing as npt
import soxr

Int16Array = npt.NDArray[np.int16]
Float32Array = npt.NDArray[np.float32]

LOW_LATENCY: Final = "low_latency"
_SOXR_QUALITIES: Final = frozenset({"QQ", "LQ", "MQ", "HQ", "VHQ"})

# The low-latency FIR: passband edge as a fraction of the lower rate, and rejection in dB. When
# decimating, the stopband starts at the output's Nyquist frequency, so nothing folds back. When
# interpolating, it starts at 0.60 x the lower rate, where the images of the passband begin: only
# the images of the input's top 20 % (9.6-12 kHz of 24 kHz speech, which is nearly empty) are
# partly let through, and the filter is half as long.
_PASS_FRACTION: Final = 0.40
_REJECTION_DB: Final = 60.0


def float_to_int16(block: npt.NDArray[np.floating]) -> Int16Array:
    """Float samples in [-1, 1) to int16, clipping; the inverse of :func:`int16_to_float`."""
    scaled = np.rint(np.asarray(block, dtype=np.float32) * np.float32(32768.0))
    out: Int16Array = np.clip(scaled, -32768, 32767).astype(np.int16)
    return out


def int16_to_float(block: Int16Array) -> Float32Array:
    """int16 samples to float32 in [-1, 1); ``float_to_int16`` of the result gives them back."""
    return np.asarray(block, dtype=np.float32) * np.float32(1.0 / 32768.0)


def to_mono_int16(block: npt.NDArray[np.generic]) -> Int16Array:
    """int16 or float32 audio, shape (n,) or (n, channels), to (n,) int16.

    Channels are averaged (not summed) so a mono source duplicated on two channels keeps its level;
    the result is clipped. Always returns a new array: PortAudio reuses its buffers.
    """
    data = np.asarray(block)
    if data.ndim == 2:
        if data.shape[1] == 1:
            data = data[:, 0]
        elif data.dtype == np.int16:
            summed = data.astype(np.int32).sum(axis=1)
            mono: Int16Array = np.clip(np.rint(summed / data.shape[1]), -32768, 32767).astype(
                np.int16
            )
            return mono
        else:
            data = data.mean(axis=1, dtype=np.float32)
    elif data.ndim != 1:
        raise ValueError(f"audio block must be (n,) or (n, channels), got shape {data.shape}")
    if data.dtype == np.int16:
        return data.copy()
    if np.issubdtype(data.dtype, np.floating):
        return float_to_int16(data)
    raise TypeError(f"audio block must be int16 or float32, got {data.dtype}")


def _as_float_int16_scale(block: npt.NDArray[np.generic]) -> Float32Array:
    """Mono samples as float32 on the int16 scale (what the FIR and soxr's float path work on)."""
    data = np.asarray(block)
    if data.ndim == 2:
        if data.shape[1] != 1:
            raise ValueError("StreamResampler is mono; convert with to_mono_int16 first")
        data = data[:, 0]
    if data.dtype == np.int16:
        return data.astype(np.float32)
    if np.issubdtype(data.dtype, np.floating):
        return np.asarray(data, dtype=np.float32) * np.float32(32768.0)
    raise TypeError(f"audio block must be int16 or float32, got {data.dtype}")


def _to_int16(samples: Float32Array) -> Int16Array:
    return np.clip(np.rint(samples), -32768, 32767).astype(np.int16)


@functools.lru_cache(maxsize=32)
def _lowpass(rate: int, pass_hz: float, stop_hz: float) -> Float32Array:
    """Odd-length linear-phase Kaiser-windowed sinc with unity DC gain (Kaiser's design rules)."""
    transition = 2.0 * math.pi * (stop_hz - pass_hz) / rate
    taps = math.ceil((_REJECTION_DB - 7.95) / (2.285 * transition)) + 1
    taps |= 1  # odd: the group delay is a whole number of samples, so it can be compensated
    beta = 0.1102 * (_REJECTION_DB - 8.7)
    cutoff = (pass_hz + stop_hz) / 2.0 / rate
    n = np.arange(taps) - (taps - 1) / 2.0
    h = 2.0 * cutoff * np.sinc(2.0 * cutoff * n) * np.kaiser(taps, beta)
    taps_out: Float32Array = (h / h.sum()).astype(np.float32)
    return taps_out


class _Fir:
    """Streaming FIR whose output is advanced by its group delay, the way soxr aligns its own.

    It holds back ``delay`` samples: the first ``delay`` outputs are dropped and ``flush`` feeds
    ``delay`` zeros, so output index i always corresponds to input index i and the total count
    equals the input count.
    """

    def __init__(self, h: Float32Array) -> None:
        self._h = h
        self.delay = (len(h) - 1) // 2
        self._history = np.zeros(len(h) - 1, dtype=np.float32)
        self._to_skip = self.delay

    def process(self, x: Float32Array) -> Float32Array:
        if x.size == 0:
            return x
        joined = np.concatenate((self._history, x))
        y = np.convolve(joined, self._h, mode="valid").astype(np.float32, copy=False)
        self._history = joined[-(len(self._h) - 1) :]
        if self._to_skip:
            skip = min(self._to_skip, y.size)
            self._to_skip -= skip
            y = y[skip:]
        return y

    def flush(self) -> Float32Array:
        pending = self.delay - self._to_skip  # what has gone in but not come out
        tail = self.process(np.zeros(self.delay, dtype=np.float32))
        self.reset()
        assert tail.size == pending
        return tail

    def reset(self) -> None:
        self._history[:] = 0.0
        self._to_skip = self.delay


class StreamResampler:
    """Streaming mono resampler: int16 or float32 blocks in, int16 blocks out, no clicks between.

    ``quality="low_latency"`` (the default) adds 0.5-1.2 ms; see the module docstring for the
    measurements behind that choice. Equal rates are a copy. Output lengths vary by a sample or so
    from block to block but never drift: after any number of blocks the total is the ideal count
    minus the (constant) samples held back, which :meth:`flush` releases.

    Not thread-safe: one instance per stream, called from one thread.
    """

    def __init__(self, in_rate: int, out_rate: int, *, quality: str = LOW_LATENCY) -> None:
        if in_rate <= 0 or out_rate <= 0:
            raise ValueError("sample rates must be positive")
        if quality != LOW_LATENCY and quality.upper() not in _SOXR_QUALITIES:
            raise ValueError(f"quality must be {LOW_LATENCY!r} or one of {sorted(_SOXR_QUALITIES)}")
        self._build(in_rate, out_rate, quality)
        self._delays = (0.0, 0.0) if self._identity else _measure(in_rate, out_rate, quality)

    def _build(self, in_rate: int, out_rate: int, quality: str) -> None:
        self.in_rate = in_rate
        self.out_rate = out_rate
        self.quality = quality
        self._identity = in_rate == out_rate
        self._pre: _Fir | None = None
        self._post: _Fir | None = None
        self._stream: soxr.ResampleStream | None = None
        if self._identity:
            return
        soxr_quality = "QQ" if quality == LOW_LATENCY else quality.upper()
        self._stream = soxr.ResampleStream(
            in_rate, out_rate, 1, dtype="float32", quality=soxr_quality
        )
        if quality == LOW_LATENCY:
            low = min(in_rate, out_rate)
            pass_hz = _PASS_FRACTION * low
            stop_hz = low / 2 if out_rate < in_rate else low - pass_hz
            h = _lowpass(max(in_rate, out_rate), pass_hz, stop_hz)
            if out_rate < in_rate:
                self._pre = _Fir(h)
            else:
                self._post = _Fir(h)

    def process(self, block: npt.NDArray[np.generic]) -> Int16Array:
        """Resample one block; returns what is ready (possibly empty), as a new int16 array."""
        if self._identity:
            return to_mono_int16(block)
        x = _as_float_int16_scale(block)
        return _to_int16(self._run(x, last=False))

    def flush(self) -> Int16Array:
        """Release what is held back (end of a stream) and start afresh for the next one."""
        if self._identity:
            return np.zeros(0, dtype=np.int16)
        out = _to_int16(self._run(np.zeros(0, dtype=np.float32), last=True))
        self.reset()
        return out

    def reset(self) -> None:
        """Forget all state without emitting it (e.g. after ``interrupted``)."""
        if self._stream is not None:
            self._stream.clear()
        for fir in (self._pre, self._post):
            if fir is not None:
                fir.reset()

    @property
    def delay_ms(self) -> float:
        """Mean latency this resampler adds, in ms, as measured for this rate pair and quality.

        Measured once per configuration (cached; about 1 ms, at construction) by streaming 10 ms
        blocks with a short pulse through a fresh instance: the mean of (input time fed - output
        time produced) plus any offset of the pulse in the output. Use it to correct capture and
        playback timestamps.
        """
        return self._delays[0]

    @property
    def max_delay_ms(self) -> float:
        """Largest latency seen block by block in the same measurement (soxr's bursts)."""
        return self._delays[1]

    def _run(self, x: Float32Array, *, last: bool) -> Float32Array:
        assert self._stream is not None
        if self._pre is not None:
            x = self._pre.process(x)
            if last:
                x = np.concatenate((x, self._pre.flush()))
        y: Float32Array = self._stream.resample_chunk(x, last=last)
        if self._post is not None:
            y = self._post.process(y)
            if last:
                y = np.concatenate((y, self._post.flush()))
        return y


@functools.lru_cache(maxsize=64)
def _measure(in_rate: int, out_rate: int, quality: str) -> tuple[float, float]:
    """(mean, max) latency in ms of a configuration, measured with an impulse in 10 ms blocks."""
    probe = StreamResampler.__new__(StreamResampler)
    probe._build(in_rate, out_rate, quality)
    block = max(1, in_rate // 100)
    blocks = 60
    x = np.zeros(block * blocks, dtype=np.float32)
    # A 2 ms Hann pulse rather than a single-sample impulse: it survives every quality (QQ's
    # cubic decimation can step over a lone sample) and its energy centroid is its centre.
    width = max(3, in_rate // 500) | 1
    centre = block * (blocks // 2) + block // 3
    x[centre - width // 2 : centre + width // 2 + 1] = np.hanning(width + 2)[1:-1] * 0.5
    held: list[float] = []
    produced: list[Float32Array] = []
    fed = 0
    n_out = 0
    for start in range(0, x.size, block):
        y = probe._run(x[start : start + block] * np.float32(32768.0), last=False)
        produced.append(y)
        fed += block
        n_out += y.size
        if start >= block * 10:  # past soxr's start-up
            held.append(fed / in_rate - n_out / out_rate)
    out = np.concatenate(produced).astype(np.float64)
    energy = out**2
    centroid = float(np.arange(out.size) @ energy / energy.sum())
    offset_s = centroid / out_rate - centre / in_rate
    mean_ms = (float(np.mean(held)) + offset_s) * 1000.0
    max_ms = (float(np.max(held)) + offset_s) * 1000.0
    return mean_ms, max_ms
