"""The microphone uplink's rules: mute, push-to-talk and what the audio engine tells the app.

The audio engine (``devices.audio``) captures all the time — the meters keep moving while muted —
and hands 20 ms chunks of processed 16 kHz audio to :class:`VoiceUplink` on the asyncio loop.
The uplink decides what reaches the session:

* **Mute** stops sending at once. After one second still muted it sends ``audio_stream_end``
  (automatic VAD only), so the service closes the user's turn instead of waiting for audio that
  will not come; unmuting within that second sends nothing extra.
* **Push-to-talk** (manual VAD): press → ``activity_start``, then audio; release → keep sending
  ~200 ms of tail (the end of the last word is still in flight from the microphone), then
  ``activity_end`` — always: a timer ends the turn if the microphone has stopped delivering, and
  the UI calls :meth:`VoiceUplink.release` when the window loses focus.

Everything here runs on the loop thread and goes through the controller's synchronous
``offer_*`` methods, so signals and audio leave in exactly the order they were decided.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol

log = logging.getLogger(__name__)

CHUNK_MS = 20
UPLINK_RATE = 16000


def _now() -> float:
    return time.monotonic()


# ----------------------------------------------------------------------------- engine events
@dataclass(frozen=True, slots=True)
class DeviceNotice:
    """A device was not the one asked for, or changed under us; the audio goes on."""

    kind: Literal["input", "output"]
    message: str
    wanted: str | None = None
    using: str | None = None
    at: float = field(default_factory=_now)


@dataclass(frozen=True, slots=True)
class DeviceFailure:
    """A device could not be opened at all: no audio in that direction until it is fixed."""

    kind: Literal["input", "output"]
    message: str
    available: tuple[str, ...] = ()
    detail: str = ""
    at: float = field(default_factory=_now)


@dataclass(frozen=True, slots=True)
class UserSpeech:
    """The local voice detector heard the user start or stop speaking (capture-clock time)."""

    speaking: bool
    at: float


@dataclass(frozen=True, slots=True)
class VoiceLatency:
    """Voice-to-voice latency of one exchange: end of user speech → first audible reply."""

    ms: float
    at: float = field(default_factory=_now)


AudioEvent = DeviceNotice | DeviceFailure | UserSpeech | VoiceLatency


# ----------------------------------------------------------------------------- uplink
class AudioSink(Protocol):
    """The part of :class:`~live_desktop.core.session.SessionController` the uplink uses."""

    def offer_audio(self, pcm16k: bytes, captured_at: float | None = None) -> bool: ...

    def offer_signal(self, signal: str) -> bool: ...


class VoiceUplink:
    """Mute and push-to-talk between the capture engine and the session."""

    MUTE_STREAM_END_S = 1.0
    PTT_TAIL_S = 0.2
    #: If the microphone stops delivering during the tail, end the turn anyway after this long.
    PTT_TAIL_TIMEOUT_S = 0.5

    def __init__(
        self,
        sink: AudioSink,
        *,
        push_to_talk: bool = False,
        loop: asyncio.AbstractEventLoop | None = None,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self._sink = sink
        self._push_to_talk = push_to_talk
        self._loop = loop
        self._on_change = on_change
        self._muted = False
        self._mute_timer: asyncio.TimerHandle | None = None
        self._stream_ended = False
        self._pressed = False
        self._talking = False  # activity_start sent and activity_end not yet
        self._tail_left = 0  # samples of tail still to send after release
        self._tail_timer: asyncio.TimerHandle | None = None
        self.chunks_sent = 0
        self.chunks_held = 0

    # -------------------------------------------------------------- state
    @property
    def muted(self) -> bool:
        return self._muted

    @property
    def push_to_talk(self) -> bool:
        return self._push_to_talk

    @property
    def talking(self) -> bool:
        """Push-to-talk: between ``activity_start`` and ``activity_end`` (tail included)."""
        return self._talking

    @property
    def sending(self) -> bool:
        """Would a chunk arriving now be sent?"""
        if self._muted:
            return False
        return self._talking if self._push_to_talk else True

    def set_push_to_talk(self, enabled: bool) -> None:
        """Switch VAD mode (a new connection follows; an open turn is closed first)."""
        if enabled == self._push_to_talk:
            return
        if self._talking:
            self._finish_turn()
        self._pressed = False
        self._push_to_talk = enabled
        self._changed()

    # -------------------------------------------------------------- mute
    def set_muted(self, muted: bool) -> None:
        if muted == self._muted:
            return
        self._muted = muted
        self._cancel(self._mute_timer)
        self._mute_timer = None
        if muted and not self._push_to_talk:
            self._mute_timer = self._get_loop().call_later(self.MUTE_STREAM_END_S, self._end_stream)
        self._changed()

    def toggle_mute(self) -> bool:
        self.set_muted(not self._muted)
        return self._muted

    def _end_stream(self) -> None:
        self._mute_timer = None
        if self._muted and not self._stream_ended and self._sink.offer_signal("audio_stream_end"):
            self._stream_ended = True

    # -------------------------------------------------------------- push-to-talk
    def press(self) -> None:
        """Push-to-talk pressed (key or button). Ignored unless in push-to-talk mode."""
        if not self._push_to_talk or self._pressed:
            return
        self._pressed = True
        self._cancel(self._tail_timer)
        self._tail_timer = None
        self._tail_left = 0
        if not self._talking:
            self._talking = self._sink.offer_signal("activity_start")
        self._changed()

    def release(self) -> None:
        """Push-to-talk released, or the window lost focus while held. Safe to call any time."""
        if not self._pressed:
            return
        self._pressed = False
        if self._talking:
            self._tail_left = int(UPLINK_RATE * self.PTT_TAIL_S)
            self._tail_timer = self._get_loop().call_later(
                self.PTT_TAIL_TIMEOUT_S, self._finish_turn
            )
        self._changed()

    def _finish_turn(self) -> None:
        self._cancel(self._tail_timer)
        self._tail_timer = None
        self._tail_left = 0
        if self._talking:
            self._talking = False
            self._sink.offer_signal("activity_end")
            self._changed()

    # -------------------------------------------------------------- audio
    def on_chunk(self, pcm16k: bytes, captured_at: float | None = None) -> None:
        """A chunk of processed microphone audio (loop thread)."""
        if not self.sending:
            self.chunks_held += 1
            return
        if self._stream_ended:
            self._stream_ended = False  # sending again reopens the stream implicitly
        if self._sink.offer_audio(pcm16k, captured_at):
            self.chunks_sent += 1
        if self._push_to_talk and not self._pressed and self._talking:
            self._tail_left -= len(pcm16k) // 2
            if self._tail_left <= 0:
                self._finish_turn()

    def reset(self) -> None:
        """A new connection: nothing is open on it yet (mute is the user's and stays)."""
        self._cancel(self._tail_timer)
        self._tail_timer = None
        self._talking = False
        self._tail_left = 0
        self._stream_ended = False
        if self._pressed and self._push_to_talk:
            # Still held across a reconnect: open the turn again on the new connection.
            self._talking = self._sink.offer_signal("activity_start")

    def close(self) -> None:
        """Stop timers; closes an open push-to-talk turn so the service is never left waiting."""
        self._pressed = False
        self._finish_turn()
        self._cancel(self._mute_timer)
        self._mute_timer = None

    # -------------------------------------------------------------- helpers
    def _get_loop(self) -> asyncio.AbstractEventLoop:
        if self._loop is None:
            self._loop = asyncio.get_running_loop()
        return self._loop

    @staticmethod
    def _cancel(handle: asyncio.TimerHandle | None) -> None:
        if handle is not None:
            handle.cancel()

    def _changed(self) -> None:
        if self._on_change is not None:
            try:
                self._on_change()
            except Exception:
                log.exception("uplink change listener failed")
