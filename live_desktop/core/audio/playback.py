"""The jitter buffer between the network and the output callback.

The Live API sends a model turn as audio chunks, usually faster than real time but with gaps;
the output callback needs exactly ``n`` samples every few milliseconds. :class:`PlaybackBuffer`
sits between them (LiveKit's ``AudioOutput`` contract: push / end of turn / clear):

* It never adds delay while audio arrives ahead of real time: the pre-buffer starts at
  ``min_prebuffer_ms`` (0 by default) and only grows when the network has actually failed to
  keep up, by as long as the buffer then stayed dry (at least 5, at most 20 ms per underrun, up
  to ``max_prebuffer_ms``): audio paced in real time with a few ms of jitter settles at a
  pre-buffer of a few ms, a network that stalls for 100 ms climbs in 20 ms steps. A turn that
  runs dry because the model stopped (its end arrives late) adds nothing. It decays by 5 ms per
  3 turns in a row, or per 15 s of an endless turn, that played without an underrun.
* An underrun is the buffer running dry in the middle of a turn, and more audio of the turn
  coming after it. Running dry after :meth:`end_of_turn` is the normal end of a turn, and so is
  running dry before it when no more audio came (the end message arrives some ms after the last
  audio): that dry spell is taken back from the count. So the device layer must call
  :meth:`end_of_turn` on ``generationComplete`` / ``turnComplete``, with its resampler's tail.
* A backlog that a hiccup left behind in an endless turn paced in real time (an echo, live
  translation) would otherwise delay everything after it for the rest of the turn: once a turn
  has played for 20 s, it is given back by skipping silent blocks, never speech, and only when
  over 2 s the audio arrived as fast as it played and the queue never fell below the pre-buffer
  plus a block. A reply shorter than that is played exactly as sent, and audio arriving ahead of
  real time, as the service sends replies, is never trimmed (see ``_watch_backlog``).
* :meth:`clear` (on ``interrupted``) drops everything under the same lock ``read`` takes, so the
  next callback is already silent. Only the block already handed to PortAudio still plays.

Threads: ``push``, ``end_of_turn`` and ``clear`` are called on the asyncio thread, ``read`` on
the PortAudio callback thread. One lock guards the queue; it is held only to append a reference
or copy at most ``n`` samples, and nothing under it allocates more than a block. The public
counters are plain attributes written under the lock and read without it (each read is atomic
in CPython; two of them together may be one block apart, which is fine for meters and stats).

Times (``received_at``, ``dac_time``) must share one clock; the device layer converts
PortAudio's ``outputBufferDacTime`` to ``time.monotonic()``.

``read`` returns a new array holding exactly what will be played; the caller passes that same
array on as the echo-cancellation reference and to the recording tap, so there is no hook here.

Cost, measured: a 10 ms ``read`` at 48 kHz takes about 1 µs (silent or not), a ``push`` of 40 ms
about 2 µs.
"""

from __future__ import annotations

import collections
import enum
import threading

import numpy as np
import numpy.typing as npt

Int16Array = npt.NDArray[np.int16]

UNDERRUN_GROWTH_MS = 20.0
"""Most pre-buffer added per underrun: about one network chunk of jitter."""
UNDERRUN_MIN_GROWTH_MS = 5.0
"""Least pre-buffer added per underrun: one output block, what the dry time is measured in."""
CLEAN_TURN_DECAY_MS = 5.0
"""Pre-buffer given back per CLEAN_TURNS turns, or per CLEAN_SECONDS of one turn, without an
underrun: slow, so a cushion that just sufficed is not given back at once (which made every
other reply underrun again)."""
CLEAN_TURNS = 3
CLEAN_SECONDS = 15
TRIM_AFTER_S = 20.0
"""Only a turn that has played this long is trimmed: a reply is heard exactly as sent, and its
backlog ends with it; an endless turn (an echo, live translation) is where a backlog creeps."""
TRIM_WINDOW_S = 2.0
"""How long the queue is watched before a stale backlog is trimmed."""
TRIM_PACE_TOLERANCE = 0.05
"""Audio counts as paced in real time when it arrived within 5 % of what was played."""
TRIM_MAX_BACKLOG_MS = 150.0
"""A steady backlog above this is the service being ahead, never trimmed."""
TRIM_MIN_CUSHION_MS = 5.0
"""A trimmed backlog keeps the pre-buffer (at least this much) plus one block."""
QUIET = 64
"""Peak magnitude (int16, about -54 dBFS) below which a block is silence that may be skipped."""


class PlaybackState(enum.Enum):
    IDLE = "idle"  # no model turn in progress
    BUFFERING = "buffering"  # a turn has audio queued, waiting for the pre-buffer to fill
    PLAYING = "playing"


class PlaybackBuffer:
    """Jitter buffer of int16 mono model audio at the output device's rate.

    ``push`` / ``end_of_turn`` / ``clear`` on the asyncio thread, ``read`` on the output
    callback thread; every public attribute may be read from any thread without locking.
    """

    def __init__(
        self,
        rate: int,
        *,
        min_prebuffer_ms: float = 0.0,
        max_prebuffer_ms: float = 200.0,
        capacity_s: float = 120.0,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        if not 0.0 <= min_prebuffer_ms <= max_prebuffer_ms:
            raise ValueError("need 0 <= min_prebuffer_ms <= max_prebuffer_ms")
        self.rate = rate
        self.min_prebuffer_ms = float(min_prebuffer_ms)
        self.max_prebuffer_ms = float(max_prebuffer_ms)
        self.capacity_samples = int(capacity_s * rate)
        self._lock = threading.Lock()
        self._chunks: collections.deque[Int16Array] = collections.deque()
        self._head = 0  # samples of _chunks[0] already read
        self._pushed_total = 0  # positions in the stream of queued samples (never reset)
        self._read_total = 0
        self._turn_ends: collections.deque[int] = collections.deque()  # positions of turn ends
        self._next_received_at: collections.deque[float | None] = collections.deque()
        self._waited = 0  # samples of silence returned while BUFFERING with audio queued
        self._dry = 0  # samples of silence returned since an underrun, until audio resumes
        self._recovering = False  # BUFFERING after an underrun (not at a turn's start)
        self._dry_mark = 0  # _pushed_total when the buffer last ran dry
        self._last_chunk = 0  # samples in the latest push: how far apart pushes are
        self._turn_underruns = 0
        self._clean_read = 0  # samples played without an underrun since the last one
        self._clean_turns = 0  # turns in a row without an underrun
        # Stale backlog (see _watch_backlog): the window's reads, lowest queue, pushes at start.
        self._win_read = 0
        self._win_low = -1
        self._win_pushed = 0
        self._trim_budget = 0  # samples of silence still to skip

        # Published state: written under the lock, read from anywhere without it.
        self.state = PlaybackState.IDLE
        self.prebuffer_ms = self.min_prebuffer_ms
        """Audio needed before a turn (or a turn resumed after an underrun) starts to play."""
        self.speaking = False
        """The latest ``read`` returned model audio (the speaker is sounding it now)."""
        self.underruns = 0
        self.played_samples = 0
        """Model audio samples returned by ``read`` since creation (silence not counted)."""
        self.turn_played_samples = 0
        self.turns_started = 0
        """Counts turns; a change tells a poller that the ``*_in_turn`` fields are a new turn's."""
        self.first_audible_dac_time_in_turn: float | None = None
        """DAC time of the current turn's first sample (``read``'s ``dac_time`` + its offset)."""
        self.last_audible_dac_time: float | None = None
        """DAC time at which the latest model audio returned by ``read`` stops sounding."""
        self.first_received_at_in_turn: float | None = None
        """``received_at`` of the current turn's first push: with the DAC time, the local delay."""
        self.dropped_samples_on_clear = 0
        """Samples dropped by every ``clear`` so far (each call also returns its own count)."""
        self.overflow_samples = 0
        """Samples refused because the buffer held ``capacity_s`` already."""
        self.skipped_samples = 0
        """Silent samples skipped to give back a stale backlog (see ``_watch_backlog``)."""

    # -- asyncio thread -------------------------------------------------------------------

    def push(self, pcm: Int16Array, *, received_at: float | None = None) -> None:
        """Queue model audio (int16 mono at ``rate``); starts a turn if none is in progress."""
        if pcm.size == 0:
            return
        chunk = np.array(pcm, dtype=np.int16, copy=True).reshape(-1)  # the caller may reuse pcm
        with self._lock:
            room = self.capacity_samples - (self._pushed_total - self._read_total)
            if chunk.size > room:
                self.overflow_samples += chunk.size - max(room, 0)
                chunk = chunk[: max(room, 0)]
                if chunk.size == 0:
                    return
            if self.state is PlaybackState.IDLE:
                self._start_turn(received_at)
                self.state = PlaybackState.BUFFERING
                self._waited = 0
            elif self._turn_ends and self._turn_ends[-1] == self._pushed_total:
                # The next turn, queued behind one still playing: it starts when that one ends.
                self._next_received_at.append(received_at)
            self._chunks.append(chunk)
            self._pushed_total += chunk.size
            self._last_chunk = chunk.size

    def end_of_turn(self, tail: Int16Array | None = None) -> int:
        """The model finished its turn: running dry after what is queued now is no underrun.

        ``tail``: the last samples of the turn (a resampler's flush), played before the end.
        Returns how many of them were queued (none once the turn is over).
        """
        with self._lock:
            if self.state is PlaybackState.IDLE:
                return 0
            if self._recovering and self._pushed_total == self._dry_mark:
                # Dry since an "underrun" and nothing more came: the model had simply stopped.
                self._recovering = False
                self.underruns -= 1
                self._turn_underruns -= 1
            if self._turn_ends and self._turn_ends[-1] == self._pushed_total:
                return 0  # generationComplete then turnComplete: one end
            queued = 0 if tail is None else tail.size
            if queued:
                self._chunks.append(np.array(tail, dtype=np.int16, copy=True).reshape(-1))
                self._pushed_total += queued
            if self._pushed_total == self._read_total:
                # Already dry (an underrun was waiting for more): the turn just ended there.
                self._finish_turn()
            else:
                self._turn_ends.append(self._pushed_total)
            return queued

    def clear(self) -> int:
        """Drop everything queued (``interrupted``); the next ``read`` is silent.

        Returns the number of samples dropped.
        """
        with self._lock:
            dropped = self._pushed_total - self._read_total
            self._chunks.clear()
            self._head = 0
            self._read_total = self._pushed_total
            self._turn_ends.clear()
            self._next_received_at.clear()
            if self.state is not PlaybackState.IDLE:
                self._finish_turn()
            self.speaking = False
            self.dropped_samples_on_clear += dropped
            return dropped

    # -- output callback thread -----------------------------------------------------------

    def read(self, n: int, *, dac_time: float | None = None) -> Int16Array:
        """Exactly ``n`` samples to play: queued audio, then silence if there is not enough.

        ``dac_time`` is when the block's first sample reaches the DAC; it timestamps the first
        and last audible samples. Never blocks on anything but the short queue lock.
        """
        out = np.zeros(n, dtype=np.int16)
        with self._lock:
            if self._recovering and self.state is PlaybackState.BUFFERING:
                if self._pushed_total == self._read_total:
                    self._dry += n  # still nothing: the network is this late
                else:
                    self._resume_after_underrun()
            if (
                self.state is PlaybackState.BUFFERING
                and not self._may_start()
                and self._pushed_total > self._read_total
            ):
                self._waited += n  # time audio has waited (not time the buffer stood empty)
            if self.state is not PlaybackState.PLAYING:
                self.speaking = False
                return out
            self._watch_backlog(n)
            if self._trim_budget > 0:
                self._skip_silence(n)
            filled = 0
            while filled < n and self._chunks:
                filled = self._take(out, filled, dac_time)
            self.speaking = filled > 0
            if filled and dac_time is not None:
                self.last_audible_dac_time = dac_time + filled / self.rate
            if filled < n:
                self._ran_dry(n - filled)
            else:
                # A turn that never ends (an echo, a long monologue) must win back the
                # pre-buffer too, not only the end of clean turns: 5 ms per 15 clean seconds
                # (slow enough that a network that stalls every few seconds keeps its cushion).
                self._clean_read += n
                if self._clean_read >= CLEAN_SECONDS * self.rate:
                    self._clean_read = 0
                    self.prebuffer_ms = max(
                        self.min_prebuffer_ms, self.prebuffer_ms - CLEAN_TURN_DECAY_MS
                    )
        return out

    # -- published figures ----------------------------------------------------------------

    @property
    def buffered_ms(self) -> float:
        """Audio queued and not yet read, in ms."""
        return max(0, self._pushed_total - self._read_total) * 1000.0 / self.rate

    @property
    def buffered_samples(self) -> int:
        return max(0, self._pushed_total - self._read_total)

    @property
    def consumed_samples(self) -> int:
        """Position in the pushed stream (less cleared audio): played plus skipped samples."""
        return self.played_samples + self.skipped_samples

    # -- internals (lock held) ------------------------------------------------------------

    def _may_start(self) -> bool:
        """BUFFERING -> PLAYING once the turn has ended, audio has waited as long as the
        pre-buffer, or more than the pre-buffer plus the latest chunk is queued.

        The cushion that protects against a late chunk is how long playback started after the
        audio came, not how much is queued: audio paced in real time in 40 ms chunks has 40 ms
        queued at each arrival and nothing just before the next, so "start once 20 ms are
        queued" would start at once, with no cushion at all. Audio that arrives ahead of real
        time (a burst) has more than the pre-buffer plus a chunk queued at once and starts
        without delay.
        """
        queued = self._pushed_total - self._read_total
        need = self.prebuffer_ms * self.rate / 1000.0
        ahead = queued >= need + self._last_chunk if need > 0 else True
        if queued > 0 and (ahead or self._turn_ends or self._waited >= need):
            self.state = PlaybackState.PLAYING
            return True
        return False

    def _take(self, out: Int16Array, filled: int, dac_time: float | None) -> int:
        """Copy from the head chunk into ``out`` up to the block's or the turn's end."""
        chunk = self._chunks[0]
        count = min(len(out) - filled, chunk.size - self._head)
        if self._turn_ends:
            count = min(count, self._turn_ends[0] - self._read_total)
        if count > 0:
            if self.turn_played_samples == 0 and dac_time is not None:
                self.first_audible_dac_time_in_turn = dac_time + filled / self.rate
            out[filled : filled + count] = chunk[self._head : self._head + count]
            self._head += count
            self._read_total += count
            self.played_samples += count
            self.turn_played_samples += count
            filled += count
            if self._head == chunk.size:
                self._chunks.popleft()
                self._head = 0
        if self._turn_ends and self._read_total == self._turn_ends[0]:
            self._turn_ends.popleft()
            self._finish_turn()
            if self._chunks:  # the next turn was queued right behind: play on without a gap
                self._start_turn(
                    self._next_received_at.popleft() if self._next_received_at else None
                )
                self.state = PlaybackState.PLAYING
        return filled

    def _watch_backlog(self, n: int) -> None:
        """Find a stale backlog: audio paced in real time that plays later than it needs to.

        A hiccup (a late output callback, a burst of uplink chunks after a stall) leaves more
        queued than the pre-buffer asks for, and audio that keeps arriving in real time never
        drains it: every later word is heard that much later, for the rest of the turn. When a
        turn has played for TRIM_AFTER_S and, over a window, the queue never fell below the
        pre-buffer (at least 5 ms) plus a block, and what arrived equals what was played
        within 5 %, the excess is given back by
        skipping silent blocks (never speech). Audio arriving ahead of real time (the service
        sending a reply faster than it plays) is not paced and is left alone, and so is any
        backlog over TRIM_MAX_BACKLOG_MS.
        """
        queued = self._pushed_total - self._read_total
        if self._win_low < 0:  # a window starts
            self._win_pushed = self._pushed_total
            self._win_low = queued
        elif queued < self._win_low:
            self._win_low = queued
        self._win_read += n
        if self._win_read < TRIM_WINDOW_S * self.rate:
            return
        arrived = self._pushed_total - self._win_pushed
        paced = abs(arrived - self._win_read) <= TRIM_PACE_TOLERANCE * self._win_read
        keep = max(self.prebuffer_ms, TRIM_MIN_CUSHION_MS) * self.rate / 1000.0 + n
        low = self._win_low
        long_turn = self.turn_played_samples >= TRIM_AFTER_S * self.rate
        small = low * 1000.0 / self.rate <= TRIM_MAX_BACKLOG_MS
        if paced and long_turn and small and not self._turn_ends:
            self._trim_budget = max(0, int(low - keep))
        else:
            self._trim_budget = 0
        self._win_read = 0
        self._win_low = -1

    def _skip_silence(self, n: int) -> None:
        """Skip the next ``n`` queued samples if they are silent (the trim budget allowing)."""
        count = min(n, self._trim_budget, self._pushed_total - self._read_total - n)
        if self._turn_ends:
            count = min(count, self._turn_ends[0] - self._read_total)
        if count < n:
            return  # whole blocks only, and never the last queued block
        peek: list[Int16Array] = []
        need, head = n, self._head
        for chunk in self._chunks:
            part = chunk[head : head + need]
            peek.append(part)
            need -= part.size
            head = 0
            if need == 0:
                break
        if max(int(np.abs(part.astype(np.int32)).max()) for part in peek) > QUIET:
            return
        left = n
        while left:
            chunk = self._chunks[0]
            step = min(left, chunk.size - self._head)
            self._head += step
            left -= step
            if self._head == chunk.size:
                self._chunks.popleft()
                self._head = 0
        self._read_total += n
        self.skipped_samples += n
        self._trim_budget -= n

    def _ran_dry(self, silent: int) -> None:
        if self.state is not PlaybackState.PLAYING:
            return  # the turn ended inside this block: not an underrun
        self.underruns += 1
        self._turn_underruns += 1
        self._clean_read = 0
        self._reset_backlog_watch()
        self.state = PlaybackState.BUFFERING
        self._waited = 0
        # The pre-buffer grows when audio comes again, by how long it stayed away.
        self._recovering = True
        self._dry = silent
        self._dry_mark = self._pushed_total

    def _resume_after_underrun(self) -> None:
        """Audio arrived after an underrun: grow the pre-buffer by the time the buffer was dry."""
        self._recovering = False
        dry_ms = self._dry * 1000.0 / self.rate
        grow = min(UNDERRUN_GROWTH_MS, max(UNDERRUN_MIN_GROWTH_MS, dry_ms))
        self.prebuffer_ms = min(self.max_prebuffer_ms, self.prebuffer_ms + grow)

    def _reset_backlog_watch(self) -> None:
        self._win_read = 0
        self._win_low = -1
        self._trim_budget = 0

    def _start_turn(self, received_at: float | None) -> None:
        self._reset_backlog_watch()
        self._recovering = False  # a turn that ended dry: the model stopped, the network did not
        self.turns_started += 1
        self.turn_played_samples = 0
        self.first_audible_dac_time_in_turn = None
        self.first_received_at_in_turn = received_at
        self._turn_underruns = 0

    def _finish_turn(self) -> None:
        if self.turn_played_samples and not self._turn_underruns:
            self._clean_turns += 1
            if self._clean_turns >= CLEAN_TURNS:
                self._clean_turns = 0
                self.prebuffer_ms = max(
                    self.min_prebuffer_ms, self.prebuffer_ms - CLEAN_TURN_DECAY_MS
                )
        elif self._turn_underruns:
            self._clean_turns = 0
        self.state = PlaybackState.IDLE
