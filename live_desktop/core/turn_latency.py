"""Per-turn latency for the latency panel: end of user speech → first model audio received →
first audible sample, and the jitter buffer's underruns during the turn.

It reads what the audio engine already measures, on one clock (``time.monotonic()``):

* the end of the user's speech: ``UserSpeech(speaking=False).at``, the ADC time of the last
  voiced 10 ms frame (``core/audio/speech.py``), delivered on the loop by the voice session;
* the first model audio received: ``AudioOut.at`` of the turn's first chunk (the controller
  stamps it when the SDK hands the message over);
* the first audible sample: the jitter buffer's ``first_audible_dac_time_in_turn`` (the DAC
  time of the turn's first played sample, ``core/audio/playback.py``), read from the loop;
* underruns: the jitter buffer's ``underruns`` counter, whose difference over the turn is the
  turn's (the buffer takes back a dry spell that turns out to be the turn's end).

A turn starts with the first ``AudioOut`` after the previous turn ended (``TurnComplete``,
``Interrupted``); a speech end before it that no earlier turn answered is what it answers. A
reply with no speech end before it (a typed message, a greeting) has no voice-to-voice figure,
but its receive-to-audible figure still counts.

Loop thread only: the listeners and :meth:`poll` (the panel's timer) run there. The buffer's
fields are plain attributes that any thread may read (see ``PlaybackBuffer``).
"""

from __future__ import annotations

import collections
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Protocol

from live_desktop.core import events as ev
from live_desktop.core.voice import UserSpeech

__all__ = ["PlaybackProbe", "TurnLatency", "TurnLatencyLog"]


class PlaybackProbe(Protocol):
    """The part of ``PlaybackBuffer`` this reads (attributes, no locks)."""

    @property
    def underruns(self) -> int: ...

    @property
    def first_audible_dac_time_in_turn(self) -> float | None: ...

    @property
    def prebuffer_ms(self) -> float: ...


@dataclass(frozen=True, slots=True)
class TurnLatency:
    """One model turn's timeline; times are ``time.monotonic()`` seconds."""

    index: int  # 1, 2, ... within this log
    first_received_at: float
    speech_end_at: float | None = None
    first_audible_at: float | None = None
    underruns: int = 0
    interrupted: bool = False
    complete: bool = False

    @property
    def speech_to_received_ms(self) -> float | None:
        if self.speech_end_at is None:
            return None
        return (self.first_received_at - self.speech_end_at) * 1000.0

    @property
    def received_to_audible_ms(self) -> float | None:
        if self.first_audible_at is None:
            return None
        return (self.first_audible_at - self.first_received_at) * 1000.0

    @property
    def voice_to_voice_ms(self) -> float | None:
        if self.speech_end_at is None or self.first_audible_at is None:
            return None
        return (self.first_audible_at - self.speech_end_at) * 1000.0


class TurnLatencyLog:
    """The last ``history`` turns' latency records, built from session and audio events."""

    def __init__(
        self,
        playback: Callable[[], PlaybackProbe | None] | None = None,
        *,
        history: int = 200,
    ) -> None:
        self._playback = playback
        self.turns: collections.deque[TurnLatency] = collections.deque(maxlen=history)
        self.version = 0
        """Bumped on every change, so a view redraws only when something changed."""
        self._pending_speech_end: float | None = None
        self._open = False  # the newest turn is still receiving audio
        self._underruns_at_start = 0
        self._last_audible: float | None = None  # already given to a turn
        self._count = 0

    # ------------------------------------------------------------------ inputs
    def on_session_event(self, event: ev.SessionEvent) -> None:
        if isinstance(event, ev.AudioOut):
            if not self._open:
                self._start_turn(event.at)
            else:
                self.poll()
        elif isinstance(event, ev.TurnComplete | ev.Interrupted):
            if self._open:
                self._open = False
                self.poll()
                self._update(complete=True, interrupted=isinstance(event, ev.Interrupted) or None)
        elif isinstance(event, ev.StateChanged) and event.state is ev.ConnectionState.DISCONNECTED:
            self._open = False
            self._pending_speech_end = None

    def on_audio_event(self, event: object) -> None:
        if isinstance(event, UserSpeech) and not event.speaking:
            self._pending_speech_end = event.at

    def poll(self) -> None:
        """Pick up the first audible sample and the underruns from the jitter buffer."""
        probe = self.playback()
        if probe is None or not self.turns:
            return
        turn = self.turns[-1]
        changes: dict[str, object] = {}
        first = probe.first_audible_dac_time_in_turn
        if (
            turn.first_audible_at is None
            and first is not None
            and first != self._last_audible
            and first >= turn.first_received_at
        ):
            self._last_audible = first
            changes["first_audible_at"] = first
        underruns = max(0, probe.underruns - self._underruns_at_start)
        if underruns != turn.underruns:
            changes["underruns"] = underruns
        if changes:
            self._replace(turn, **changes)

    # ------------------------------------------------------------------ figures
    def last(self, n: int) -> list[TurnLatency]:
        return list(self.turns)[-n:]

    def playback(self) -> PlaybackProbe | None:
        """The jitter buffer read (None without a speaker)."""
        return self._playback() if self._playback is not None else None

    @property
    def has_playback(self) -> bool:
        return self._playback is not None

    def percentile(self, p: float, n: int | None = None) -> float | None:
        """``p``-th percentile (0-100, nearest rank) of the voice-to-voice figures of the last
        ``n`` turns (all kept if None); None before any."""
        turns = list(self.turns) if n is None else self.last(n)
        values = sorted(v for t in turns if (v := t.voice_to_voice_ms) is not None)
        if not values:
            return None
        rank = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
        return values[rank]

    # ------------------------------------------------------------------ internals
    def _start_turn(self, received_at: float) -> None:
        self.poll()  # the previous turn's last underruns and audible time
        probe = self.playback()
        self._underruns_at_start = probe.underruns if probe is not None else 0
        speech_end = self._pending_speech_end
        if speech_end is not None and speech_end > received_at:
            speech_end = None  # still speaking when the reply came: not what it answers
        self._pending_speech_end = None
        self._count += 1
        self._open = True
        self.turns.append(TurnLatency(self._count, received_at, speech_end_at=speech_end))
        self.version += 1

    def _update(self, **changes: object) -> None:
        if self.turns:
            clean = {k: v for k, v in changes.items() if v is not None}
            self._replace(self.turns[-1], **clean)

    def _replace(self, turn: TurnLatency, **changes: object) -> None:
        for i in range(len(self.turns) - 1, -1, -1):
            if self.turns[i] is turn:
                self.turns[i] = replace(turn, **changes)  # type: ignore[arg-type]
                self.version += 1
                return
