"""The recording tap: microphone and model audio on one timeline, as a stereo stream.

The two sides come from different threads, rates and clocks: the processed microphone at 16 kHz
stamped with ADC times, and the model audio exactly as played at the device rate, stamped with
DAC times. A recording that simply appends each side drifts apart over minutes (two crystals a
few hundred ppm apart) and loses the gaps (a device restart, a stall). Here each sample is placed
at ``(time - t0) * rate``: each side is appended contiguously while its timestamps agree with its
position to within :data:`MAX_ERROR_S` (so timestamp jitter never becomes clicks), and is moved by
the measured error, filling with silence or overwriting, once they disagree by more.

Threads: :meth:`RecordingTap.mic` and :meth:`RecordingTap.played` are called from the capture
and output paths (PortAudio callbacks included): they copy the block and append it to a deque,
nothing more, with no lock. All resampling and placement happens in :meth:`RecordingTap.drain`,
called by the recorder from one thread of its choice.

Cost, measured: ``mic``/``played`` under 1 µs each; ``drain`` about 40 µs per 10 ms of both
sides (two resamplers and the placement), i.e. under 0.5 % of a core.
"""

from __future__ import annotations

import collections
import statistics
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from live_desktop.core.audio.resample import StreamResampler

Int16Array = npt.NDArray[np.int16]
_Block = tuple[Int16Array, int, float | None]  # samples, their rate, first sample's time

MIC_RATE = 16000
MAX_ERROR_S = 0.020
"""Timestamp disagreement tolerated before a side is moved (the median of recent blocks)."""
JUMP_S = 0.250
"""A single block this far off is a real discontinuity (restart, stall): moved at once."""
MAX_LAG_S = 0.5
"""A side that stops delivering is taken as silent once the other is this far ahead."""
_ERROR_WINDOW = 5
_QUEUE_BLOCKS = 12000  # ~2 minutes of 10 ms blocks per side if nobody drains


@dataclass
class _Track:
    """One side's placement state (touched only by ``drain``'s thread)."""

    resampler: StreamResampler | None = None
    in_rate: int = 0
    origin: int = 0  # timeline position of the current resampler stream's first input sample
    fed: int = 0  # input samples fed into the current stream
    produced: int = 0  # output samples that stream has produced
    anchored: bool = False
    errors: collections.deque[float] = field(
        default_factory=lambda: collections.deque(maxlen=_ERROR_WINDOW)
    )
    # samples from the drain position on; everything past `length` is zeros (the gap filler)
    buf: Int16Array = field(default_factory=lambda: np.zeros(4800, np.int16))
    length: int = 0
    covered: int = 0  # timeline position just past the last sample written
    corrections: int = 0


class RecordingTap:
    """Stereo (left: microphone, right: model) int16 at ``rate`` on one timestamped timeline."""

    def __init__(self, rate: int = 24000) -> None:
        self.rate = rate
        self._mic_q: collections.deque[_Block] = collections.deque(maxlen=_QUEUE_BLOCKS)
        self._played_q: collections.deque[_Block] = collections.deque(maxlen=_QUEUE_BLOCKS)
        self._tracks = (_Track(), _Track())
        self._t0: float | None = None
        self._emitted = 0  # timeline position of the next frame drain returns

    # -- producer threads -------------------------------------------------------------------

    def mic(self, pcm16k: Int16Array, adc_time: float) -> None:
        """Microphone audio after processing, 16 kHz; ``adc_time`` is its first sample's."""
        self._mic_q.append((np.array(pcm16k, dtype=np.int16, copy=True), MIC_RATE, adc_time))

    def played(self, pcm: Int16Array, rate: int, dac_time: float | None) -> None:
        """Model audio exactly as played (every block, silent ones too, ideally) at ``rate``.

        ``dac_time`` is the first sample's DAC time; None appends it after the previous block.
        """
        self._played_q.append((np.array(pcm, dtype=np.int16, copy=True), rate, dac_time))

    # -- the recorder's thread --------------------------------------------------------------

    @property
    def t0(self) -> float | None:
        """The time of timeline position 0 (the first block's timestamp), once known."""
        return self._t0

    @property
    def corrections(self) -> tuple[int, int]:
        """How many times the (mic, model) side was moved to follow its timestamps."""
        return self._tracks[0].corrections, self._tracks[1].corrections

    def drain(self) -> Int16Array:
        """Frames (n, 2) int16 both sides have covered since the last call, oldest first.

        A side more than :data:`MAX_LAG_S` behind the other counts as silent up to there; its
        samples arriving later for that span are dropped.
        """
        queued = [self._take(self._mic_q), self._take(self._played_q)]
        if self._t0 is None:
            # Until some block carries a timestamp there is no timeline: unstamped ones are lost.
            stamps = [t for blocks in queued for _, _, t in blocks[:1] if t is not None]
            if not stamps:
                return np.zeros((0, 2), np.int16)
            self._t0 = min(stamps)
        for track, blocks in zip(self._tracks, queued, strict=True):
            for pcm, rate, at in blocks:
                self._place(track, pcm, rate, at)
        mic, model = self._tracks
        end = max(min(mic.covered, model.covered), max(mic.covered, model.covered) - self._lag())
        n = end - self._emitted
        if n <= 0:
            return np.zeros((0, 2), np.int16)
        out = np.zeros((n, 2), np.int16)
        for channel, track in enumerate(self._tracks):
            have = min(n, track.length)
            out[:have, channel] = track.buf[:have]
            rest = track.length - have
            track.buf[:rest] = track.buf[have : track.length]
            track.buf[rest : track.length] = 0
            track.length = rest
        self._emitted = end
        return out

    # -- internals --------------------------------------------------------------------------

    def _lag(self) -> int:
        return int(MAX_LAG_S * self.rate)

    @staticmethod
    def _take(queue: collections.deque[_Block]) -> list[_Block]:
        items = []
        while queue:
            items.append(queue.popleft())  # popleft is atomic against a concurrent append
        return items

    def _place(self, track: _Track, pcm: Int16Array, in_rate: int, at: float | None) -> None:
        if track.resampler is None or in_rate != track.in_rate:
            if track.resampler is not None:
                self._write(track, track.resampler.flush())
            track.resampler = StreamResampler(in_rate, self.rate)
            track.in_rate = in_rate
            track.anchored = False
        assert self._t0 is not None
        if at is not None:
            ideal = (at - self._t0) * self.rate
            if not track.anchored:
                self._restart(track, round(ideal))
            else:
                error = ideal - self._expected(track)
                track.errors.append(error)
                typical = statistics.median(track.errors)
                if abs(error) > JUMP_S * self.rate:
                    self._move(track, round(error))
                elif len(track.errors) >= 3 and abs(typical) > MAX_ERROR_S * self.rate:
                    self._move(track, round(typical))
        elif not track.anchored:
            self._restart(track, max(track.covered, self._emitted))
        track.fed += pcm.size
        self._write(track, track.resampler.process(pcm))

    def _expected(self, track: _Track) -> float:
        """Where the next input sample lands if the side is contiguous."""
        return track.origin + track.fed * self.rate / track.in_rate

    def _restart(self, track: _Track, position: int) -> None:
        track.origin = position
        track.fed = track.produced = 0
        track.anchored = True
        track.errors.clear()

    def _move(self, track: _Track, delta: int) -> None:
        """Shift where the stream lands; the resampler keeps running, so no click is added."""
        track.origin += delta
        track.corrections += 1
        track.errors.clear()

    def _write(self, track: _Track, samples: Int16Array) -> None:
        position = track.origin + track.produced
        track.produced += samples.size
        rel = position - self._emitted
        if rel < 0:  # already written out (a late side, or moved backwards): drop that part
            samples = samples[-rel:]
            rel = 0
        if samples.size == 0:
            return
        needed = rel + samples.size
        if needed > track.buf.size:
            grown = np.zeros(max(needed, 2 * track.buf.size), np.int16)
            grown[: track.length] = track.buf[: track.length]
            track.buf = grown
        track.buf[rel:needed] = samples
        track.length = max(track.length, needed)
        track.covered = max(track.covered, self._emitted + needed)
