"""The session controller: one Live API conversation over the real google-genai SDK.

A *conversation* (Connect … Disconnect) may span many WebSocket connections ("links"):

- **goAway**: the service announces the end of a connection. The controller waits for a quiet
  moment (the model not speaking, the user not speaking, the newest resumption handle in hand),
  opens the next connection with that handle *before* the old one closes, moves sending to it and
  lets the old one finish what it was saying, then closes it.
- **Unexpected drops** (1006, 1011, a stalled server, 429): it reconnects with the newest handle,
  after a bounded, jittered backoff, up to :attr:`SessionController.max_reconnect_attempts` times
  in a row; then the state is FAILED with a sentence. 1007 and 1008 are never retried.
- **Audio during a reconnect** is kept, not dropped: the ordered outbox outlives connections, so
  up to :attr:`SessionController.OUTBOX_SIZE` chunks (8 s) of microphone audio said during the gap
  go to the resumed session; beyond that the oldest is dropped and the user is told how much.

Each link has one receive task that runs for its whole life (the SDK's ``receive()`` stops after
every turn and a reader that pauses for ~40 s loses the connection). Sender tasks, fed by an
ordered outbox (audio, text, activity signals, tool responses) and a newest-wins video slot, always
send on the current link.

Everything here runs on the asyncio loop's thread (the Qt main thread in the app), so no locks.
Listeners are called synchronously, in order, for each event; a listener that raises is logged and
does not stop the others.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import enum
import logging
import random
import re
import ssl
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from os import PathLike
from typing import TYPE_CHECKING, Any

import numpy as np

from live_desktop.core import events as ev
from live_desktop.core.client import build_client
from live_desktop.core.errors import SetupTimeoutError, StalledError, classify
from live_desktop.core.lazy import lazy_module
from live_desktop.core.settings import (
    Settings,
    check_settings,
    penalty_deprecation_silenced,
)
from live_desktop.core.wire_tap import WireTap

if TYPE_CHECKING:
    from google.genai import errors as genai_errors
    from google.genai import types
else:
    # google-genai loads on first use, not with this module (see core/lazy.py).
    genai_errors = lazy_module("google.genai.errors")
    types = lazy_module("google.genai.types")

log = logging.getLogger(__name__)

Listener = Callable[[ev.SessionEvent], None]
ClientFactory = Callable[..., Any]
KeySource = Callable[[], Awaitable[str]]

INPUT_AUDIO_MIME = "audio/pcm;rate=16000"
_RATE_RE = re.compile(r"rate=(\d+)")


class _Signal(enum.Enum):
    ACTIVITY_START = "activity_start"
    ACTIVITY_END = "activity_end"
    AUDIO_STREAM_END = "audio_stream_end"


@dataclass(frozen=True, slots=True)
class _Audio:
    pcm: bytes
    #: Monotonic time the newest sample in ``pcm`` was captured (None: unknown).
    captured_at: float | None = None


@dataclass(frozen=True, slots=True)
class _Text:
    text: str


@dataclass(frozen=True, slots=True)
class _ToolResponse:
    responses: tuple[types.FunctionResponse, ...]


@dataclass(frozen=True, slots=True)
class _Frame:
    """A JPEG frame that must go out in order (a screenshot a tool answer refers to)."""

    jpeg: bytes


_Outgoing = _Audio | _Text | _ToolResponse | _Frame | _Signal


class _Stop(Exception):
    """Internal: the user asked to disconnect."""


#: What reconnecting can help with. 1007 (invalid argument) and 1008 (key, model, policy) would
#: only fail the same way again, and so would a certificate or settings problem.
_RETRYABLE = frozenset(
    {
        ev.ErrorKind.CONNECTION_LOST,
        ev.ErrorKind.SERVER,
        ev.ErrorKind.STALLED,
        ev.ErrorKind.TIME_LIMIT,
        ev.ErrorKind.RATE_LIMITED,
        ev.ErrorKind.SETUP_TIMEOUT,
        ev.ErrorKind.NETWORK,
        ev.ErrorKind.CLOSED,
        ev.ErrorKind.PROTOCOL,
        ev.ErrorKind.UNKNOWN,
    }
)
#: A handle describes the service's state when it sent it; what we sent this shortly before
#: receiving it may not be in that state yet. Resending it duplicates at most this much audio.
_HANDLE_MARGIN_S = 0.25
#: A peak this loud (int16, about -30 dBFS) in an outgoing chunk counts as the user speaking,
#: which holds off a goAway handover (the utterance must not be split between two connections).
_VOICE_PEAK = 1000


@dataclass(eq=False)
class _Link:
    """One WebSocket connection of the conversation."""

    session: Any
    stack: contextlib.AsyncExitStack
    resumed: bool
    opened_at: float = field(default_factory=time.monotonic)
    receive: asyncio.Task[None] | None = None
    #: The model is in the middle of a turn on this link (content seen, no turnComplete yet).
    turn_active: bool = False
    #: Input went out on this link that the model has not answered yet (a text turn, say).
    awaiting_reply: bool = False
    #: The newest resumption handle came after this link's last turn (a handover may use it).
    handle_fresh: bool = True
    #: When the newest resumption handle arrived (the service's state then covers what was sent
    #: before) and when the model last started a reply (it had heard what was sent before).
    handle_at: float = field(default_factory=time.monotonic)
    answered_at: float = 0.0
    go_away: bool = False


def parse_duration(value: str | None) -> float | None:
    """Parse a protobuf Duration string such as ``"59.5s"``."""
    if not value:
        return None
    text = value.strip()
    if text.endswith("s"):
        text = text[:-1]
    try:
        return float(text)
    except ValueError:
        return None


class SessionController:
    """Connects to the Live API, sends what the user produces and emits typed events.

    Called on the asyncio loop thread only.
    """

    #: Ordered outbox bound: 400 chunks is 8 s of 20 ms audio; a producer awaiting ``send_audio``
    #: blocks rather than losing audio, ``offer_audio`` drops the oldest and says so. It is also
    #: how much speech a reconnect keeps.
    OUTBOX_SIZE = 400
    #: Consecutive failed reconnects before the state is FAILED.
    max_reconnect_attempts = 5
    #: Backoff before reconnect attempt n: a random fraction (50–100 %) of
    #: min(cap, base · 2^(n-1)); a rate limit starts from a longer base.
    backoff_base_s = 0.5
    backoff_cap_s = 8.0
    rate_limit_backoff_base_s = 2.0
    #: A connection that lived this long counts as a success: the failure counter starts again.
    stable_after_s = 10.0
    #: An orderly close gets this long, then the socket is dropped (a stalled server would
    #: otherwise hold Disconnect for 20 s: websockets drains the write buffer, then waits 10 s).
    close_timeout_s = 2.0

    def __init__(
        self,
        settings: Settings,
        *,
        api_key: str | None,
        base_url: str | None = None,
        ca_cert: str | PathLike[str] | ssl.SSLContext | None = None,
        headers: Mapping[str, str] | None = None,
        setup_timeout_s: float = 10.0,
        keepalive_s: float = 5.0,
        client_factory: ClientFactory = build_client,
        wire_tap: WireTap | None = None,
        key_source: KeySource | None = None,
    ) -> None:
        self._settings = settings
        self._api_key = api_key
        self._base_url = base_url
        self._ca_cert = ca_cert
        self._headers = dict(headers or {})
        self.setup_timeout_s = setup_timeout_s
        self.keepalive_s = keepalive_s
        self._client_factory = client_factory
        #: Sees every WebSocket frame of each connection from the next connect on (the event
        #: inspector); None: no tap.
        self.wire_tap = wire_tap
        #: Awaited before every connection (first, reconnect, handover) for the key to use: an
        #: ephemeral token source renews its token here. A TokenError it raises is not retried.
        self.key_source = key_source
        #: Asked before a goAway handover: True while the user is speaking (the local VAD).
        self.user_speaking: Callable[[], bool] | None = None

        self._listeners: list[Listener] = []
        self._state = ev.ConnectionState.DISCONNECTED
        self._conn_task: asyncio.Task[None] | None = None
        self._ready: asyncio.Future[bool] | None = None
        self._stop: asyncio.Event = asyncio.Event()
        self._outbox: asyncio.Queue[_Outgoing] = asyncio.Queue(self.OUTBOX_SIZE)
        self._video: bytes | None = None
        self._video_ready = asyncio.Event()
        self._link: _Link | None = None
        self._link_changed = asyncio.Event()
        self._links: set[_Link] = set()  # the current one and any being retired
        self._handover: asyncio.Task[None] | None = None
        #: The item a send was interrupted in: it goes out first on the next connection.
        self._retry_item: _Outgoing | None = None
        #: Sent on a connection that dropped before the model answered: they go out again first.
        self._resend: collections.deque[_Outgoing] = collections.deque()
        #: What went out lately (audio, text, activity signals), with when: a drop resends what
        #: the resumed session cannot know of. Bounded like the outbox (8 s of audio).
        self._sent_log: collections.deque[tuple[float, _Outgoing]] = collections.deque(
            maxlen=self.OUTBOX_SIZE
        )
        self._turns_seen = 0
        #: Cleared while a handover opens the next connection: what is queued then goes there,
        #: so the resumption handle it uses covers everything the old connection was sent.
        self._send_open = asyncio.Event()
        self._send_open.set()
        self._sending = False  # a send is on the wire right now
        self._last_voice_at = 0.0
        self._reconnect_dropped = 0  # audio chunks dropped while reconnecting
        self._wake = asyncio.Event()  # cuts a reconnect backoff short (connect() while waiting)
        self._rng = random.Random()

        self.session_id: str | None = None
        self.resumption_handle: str | None = None
        self.dropped_audio_chunks = 0
        #: Connections this controller opened after the first of a conversation, by cause.
        self.reconnects = 0
        self.handovers = 0
        self.frames_sent = 0
        self.frames_replaced = 0
        self.connected_at: float | None = None
        #: Called with (captured_at, sent_at) after each timestamped audio chunk went out; the
        #: latency instrumentation's capture→send stage. Runs on the loop; keep it cheap.
        self.on_audio_sent: Callable[[float, float], None] | None = None

    # ----------------------------------------------------------------- listeners
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` for every event from now on; returns an unsubscribe function."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            with contextlib.suppress(ValueError):
                self._listeners.remove(listener)

        return unsubscribe

    async def events(self) -> AsyncIterator[ev.SessionEvent]:
        """Yield every event from now on, forever (cancel the consumer to stop)."""
        queue: asyncio.Queue[ev.SessionEvent] = asyncio.Queue()
        unsubscribe = self.subscribe(queue.put_nowait)
        try:
            while True:
                yield await queue.get()
        finally:
            unsubscribe()

    def report(self, event: ev.SessionEvent) -> None:
        """Hand every listener an event made beside the controller (the tool dispatcher's
        results), so the transcript, recorder and inspector see it in order with the rest."""
        self._emit(event)

    def _emit(self, event: ev.SessionEvent) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:
                log.exception("Session listener %r failed on %s", listener, type(event).__name__)

    def _set_state(self, state: ev.ConnectionState) -> None:
        if state is self._state:
            return
        previous, self._state = self._state, state
        log.info("Session state %s -> %s", previous.value, state.value)
        self._emit(ev.StateChanged(state, previous))

    # ----------------------------------------------------------------- properties
    @property
    def state(self) -> ev.ConnectionState:
        return self._state

    @property
    def settings(self) -> Settings:
        return self._settings

    @property
    def connected(self) -> bool:
        return self._state is ev.ConnectionState.CONNECTED

    @property
    def model(self) -> str:
        return self._settings.model.name

    def update_settings(self, settings: Settings) -> None:
        """Use ``settings`` from the next connection on."""
        self._settings = settings

    def update_endpoint(
        self,
        *,
        api_key: str | None,
        base_url: str | None = None,
        ca_cert: str | PathLike[str] | ssl.SSLContext | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Use another key or endpoint from the next connection on."""
        self._api_key = api_key
        self._base_url = base_url
        self._ca_cert = ca_cert
        self._headers = dict(headers or {})

    # ----------------------------------------------------------------- lifecycle
    async def connect(self, *, resume: bool = False) -> bool:
        """Open a session; True once setup completed, False after an ErrorEvent.

        With ``resume`` the newest resumable handle (if any) continues the previous conversation.
        While a reconnect is waiting out its backoff, this tries again at once instead.
        """
        if self._state is ev.ConnectionState.RECONNECTING:
            self._wake.set()
            return False
        if self._state in (ev.ConnectionState.CONNECTED, ev.ConnectionState.CONNECTING):
            return self._state is ev.ConnectionState.CONNECTED
        if self._conn_task is not None:
            await self._join_connection()

        problems = check_settings(self._settings)
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            message = " ".join(p.message for p in errors)
            self._emit(ev.ErrorEvent(ev.ErrorKind.SETTINGS, message, False, message))
            return False
        for warning in problems:
            log.warning("Settings: %s", warning.message)
            self._emit(ev.Notice(warning.message))

        handle = self.resumption_handle if resume else None
        if not resume:
            self.resumption_handle = None
        loop = asyncio.get_running_loop()
        self._ready = loop.create_future()
        self._stop = asyncio.Event()
        self._report_unsent()  # nothing from a dead conversation leaks into the new one
        self._video = None
        self._set_state(ev.ConnectionState.CONNECTING)
        self._conn_task = asyncio.create_task(
            self._run_conversation(handle), name="live-conversation"
        )
        return await asyncio.shield(self._ready)

    async def disconnect(self) -> None:
        """Close the session in an orderly way; returns when the socket is closed (at most
        :attr:`close_timeout_s` after the request, however the server behaves)."""
        if self._conn_task is None:
            self._set_state(ev.ConnectionState.DISCONNECTED)
            return
        if self._state is not ev.ConnectionState.DISCONNECTED:
            self._set_state(ev.ConnectionState.CLOSING)
        self._stop.set()
        await self._join_connection()

    async def _join_connection(self) -> None:
        task, self._conn_task = self._conn_task, None
        if task is not None:
            # asyncio.wait, not `await task`: a caller that is itself cancelled must see its
            # CancelledError, and must not cancel the connection task's orderly close.
            await asyncio.wait([task])

    async def _run_conversation(self, handle: str | None) -> None:
        """Connect, serve, and reconnect after drops until the user stops or it is hopeless."""
        assert self._ready is not None
        ready = self._ready
        failures = 0  # consecutive reconnects that did not hold
        connected_once = False
        final: ev.ErrorEvent | None = None
        try:
            while True:
                failure: BaseException | None = None
                link: _Link | None = None
                try:
                    link = await self._open_or_stop(handle)
                except asyncio.CancelledError:
                    raise
                except Exception as exc:
                    failure = exc
                if link is not None:
                    connected_once = True
                    self._adopt(link)
                    if not ready.done():
                        ready.set_result(True)
                    failure = await self._serve()
                    await self._cancel_handover()
                    current = self._link
                    if current is not None and not isinstance(failure, _Stop):
                        self._after_drop(current)
                    if current is not None and (
                        time.monotonic() - current.opened_at >= self.stable_after_s
                    ):
                        failures = 0
                    await self._close_links()
                if self._stop.is_set() or isinstance(failure, _Stop) or failure is None:
                    break
                error = self._classify(failure)
                stale_handle = (
                    handle is not None
                    and error.kind is ev.ErrorKind.INVALID_ARGUMENT
                    and "resumption handle" in error.detail.lower()
                )
                if not connected_once or (error.kind not in _RETRYABLE and not stale_handle):
                    final = error
                    break
                if failures >= self.max_reconnect_attempts:
                    # With reconnecting switched off (0 attempts) the error is said as it is.
                    final = (
                        error
                        if failures == 0
                        else ev.ErrorEvent(
                            error.kind,
                            f"Could not reconnect after {failures} attempts. {error.message}",
                            True,
                            error.detail,
                            error.code,
                        )
                    )
                    break
                if stale_handle:
                    # The handle expired (they last about two hours): start afresh, and say so.
                    self.resumption_handle = None
                failures += 1
                go_on, handle = await self._before_reconnect(failures, error)
                if not go_on:
                    break
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a bug here must still end in a sentence and a clean state
            log.exception("The connection supervisor failed")
            final = self._classify(exc)
        finally:
            await self._cancel_handover()
            await self._close_links()
            self.connected_at = None

        if final is not None:
            log.warning("Session ended: %s (%s)", final.message, final.detail)
            self._set_state(ev.ConnectionState.FAILED)
            self._emit(final)
        self._report_unsent()
        self._set_state(ev.ConnectionState.DISCONNECTED)
        if not ready.done():
            ready.set_result(False)

    def _after_drop(self, link: _Link) -> None:
        """Close what the dropped connection left open, so nothing is lost or glued together."""
        if link.turn_active:
            link.turn_active = False
            # The reply so far stays in the transcript and plays out; the next one is a new turn.
            self._emit(ev.TurnComplete(ev.CONNECTION_LOST))
            self._emit(
                ev.Notice(
                    "The model's reply was cut off when the connection dropped; ask again if "
                    "you need the rest."
                )
            )
        # What went out after the newest handle (less a margin for the handle's own trip) and
        # after the model last started to answer is unknown to the resumed session: a socket
        # that died, or froze, swallowed it. It goes again, in order, before anything newer.
        cutoff = max(link.handle_at - _HANDLE_MARGIN_S, link.answered_at)
        again = [item for sent_at, item in self._sent_log if sent_at > cutoff]
        self._sent_log.clear()
        if self._retry_item is not None:
            again.append(self._retry_item)
            self._retry_item = None
        if again:
            log.info("Sending %d items again that the dropped connection may have lost", len(again))
        self._resend.extendleft(reversed(again))

    async def _cancel_handover(self) -> None:
        if self._handover is not None:
            self._handover.cancel()
            await asyncio.wait([self._handover])
            self._handover = None

    def _classify(self, failure: BaseException) -> ev.ErrorEvent:
        return classify(failure, model=self.model, host=self._host_label())

    async def _before_reconnect(
        self, attempt: int, error: ev.ErrorEvent
    ) -> tuple[bool, str | None]:
        """Say why and wait out the backoff; returns (go on, the handle to resume with)."""
        base = (
            self.rate_limit_backoff_base_s
            if error.kind is ev.ErrorKind.RATE_LIMITED
            else self.backoff_base_s
        )
        ceiling = min(self.backoff_cap_s, base * 2 ** (attempt - 1))
        delay = ceiling * (0.5 + 0.5 * self._rng.random())
        log.warning(
            "Reconnecting (attempt %d of %d) in %.2f s after: %s (%s)",
            attempt,
            self.max_reconnect_attempts,
            delay,
            error.message,
            error.detail,
        )
        self.reconnects += 1
        self._set_state(ev.ConnectionState.RECONNECTING)
        self._emit(
            ev.Reconnecting(attempt, self.max_reconnect_attempts, delay, error.message, error.kind)
        )
        self._wake.clear()
        waits = [
            asyncio.ensure_future(self._stop.wait()),
            asyncio.ensure_future(self._wake.wait()),
        ]
        try:
            await asyncio.wait(waits, timeout=delay, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waits:
                waiter.cancel()
        if self._stop.is_set():
            return False, None
        handle = self.resumption_handle
        if handle is None and self._turns_seen:
            self._emit(
                ev.Notice(
                    "The conversation could not be resumed (the service gave no resumption "
                    "handle), so the model starts afresh without what was said before."
                )
            )
        return True, handle

    async def _open_or_stop(self, handle: str | None) -> _Link | None:
        """Open a link, unless the user disconnects first (then None)."""
        opening = asyncio.ensure_future(self._open_link(handle))
        stop_wait = asyncio.ensure_future(self._stop.wait())
        try:
            await asyncio.wait([opening, stop_wait], return_when=asyncio.FIRST_COMPLETED)
        finally:
            stop_wait.cancel()
        if opening.done():
            link = opening.result()  # raises what opening raised
            if self._stop.is_set():
                await self._close_link(link)
                return None
            return link
        opening.cancel()
        with contextlib.suppress(BaseException):
            await opening
        return None

    async def _open_link(self, handle: str | None) -> _Link:
        stack = contextlib.AsyncExitStack()
        try:
            session = await self._open(stack, handle)
        except BaseException:
            with contextlib.suppress(Exception):
                async with asyncio.timeout(self.close_timeout_s):
                    await stack.aclose()
            raise
        link = _Link(session, stack, resumed=handle is not None)
        link.receive = asyncio.create_task(self._receive_loop(link), name="live-receive")
        self._links.add(link)
        return link

    def _adopt(self, link: _Link) -> None:
        """Make ``link`` the one everything is sent on."""
        self._link = link
        self._link_changed.set()
        self.session_id = link.session.session_id
        self.connected_at = link.opened_at
        self._set_state(ev.ConnectionState.CONNECTED)
        self._emit(ev.SetupComplete(link.session.session_id, self.model, link.resumed))

    async def _close_links(self) -> None:
        links, self._links = list(self._links), set()
        self._link = None
        await asyncio.gather(*(self._close_link(link) for link in links))

    async def _close_link(self, link: _Link) -> None:
        """Close one connection: orderly within ``close_timeout_s``, else drop the socket."""
        self._links.discard(link)
        if link.receive is not None:
            link.receive.cancel()
            await asyncio.wait([link.receive])
        try:
            async with asyncio.timeout(self.close_timeout_s):
                await link.stack.aclose()
        except TimeoutError:
            log.warning("The connection did not close within %.0f s; dropped", self.close_timeout_s)
            _abort_transport(link.session)
        except Exception as exc:  # closing a broken socket may raise; it is closed either way
            log.debug("Closing a connection raised %r", exc)
            _abort_transport(link.session)

    async def _open(self, stack: contextlib.AsyncExitStack, handle: str | None) -> Any:
        api_key = self._api_key
        if self.key_source is not None:
            api_key = await self.key_source()
        config = self._settings.to_live_connect_config(resumption_handle=handle)
        client = self._client_factory(
            self._settings,
            api_key,
            base_url=self._base_url,
            ca_cert=self._ca_cert,
            headers=self._headers or None,
            keepalive_s=self.keepalive_s,
            **({"wire_tap": self.wire_tap} if self.wire_tap is not None else {}),
        )
        connect_cm = client.aio.live.connect(model=self.model, config=config)
        try:
            # The SDK sends setup and waits for one frame with no deadline of its own.
            with penalty_deprecation_silenced():
                return await asyncio.wait_for(
                    stack.enter_async_context(connect_cm), self.setup_timeout_s
                )
        except TimeoutError as exc:
            raise SetupTimeoutError(
                f"no setupComplete within {self.setup_timeout_s:.0f} s"
            ) from exc

    async def _serve(self) -> BaseException | None:
        """Run the send tasks on the current link until it fails or the user disconnects.

        A goAway handover changes the current link underneath: the old link's end is then not a
        failure, and the loop watches the new one.
        """
        stop_wait = asyncio.create_task(self._stop.wait(), name="live-stop")
        workers = [
            asyncio.create_task(self._send_loop(), name="live-send"),
            asyncio.create_task(self._video_loop(), name="live-video"),
        ]
        changed: asyncio.Task[bool] | None = None
        try:
            while True:
                link = self._link
                assert link is not None and link.receive is not None
                self._link_changed.clear()
                changed = asyncio.create_task(self._link_changed.wait(), name="live-handover")
                done, _ = await asyncio.wait(
                    [stop_wait, changed, link.receive, *workers],
                    return_when=asyncio.FIRST_COMPLETED,
                )
                changed.cancel()
                if stop_wait in done:
                    return _Stop()
                for task in workers:
                    if task in done:
                        exc = None if task.cancelled() else task.exception()
                        return exc or ConnectionError("a sender stopped")
                if link.receive in done and self._link is link:
                    handover = self._handover
                    if handover is not None and not handover.done():
                        # The service closed the old connection while the next one is being
                        # opened: wait for it rather than start a reconnect of our own.
                        await asyncio.wait([handover, stop_wait], return_when="FIRST_COMPLETED")
                        if self._link is not link and self._link is not None:
                            continue
                    exc = None if link.receive.cancelled() else link.receive.exception()
                    # A receive task that returns quietly means the connection ended.
                    return exc or ConnectionError("the connection ended")
        finally:
            if changed is not None:
                changed.cancel()
            stop_wait.cancel()
            for worker in workers:
                worker.cancel()
            await asyncio.gather(stop_wait, *workers, return_exceptions=True)

    # ----------------------------------------------------------------- goAway handover
    def _on_go_away(self, link: _Link, time_left: float | None) -> None:
        if link is not self._link or link.go_away or self._stop.is_set():
            return
        link.go_away = True
        if self._handover is not None and not self._handover.done():
            return
        self._handover = asyncio.create_task(self._guarded_hand_over(link, time_left))

    async def _guarded_hand_over(self, old: _Link, time_left: float | None) -> None:
        try:
            await self._hand_over(old, time_left)
        except Exception:  # the old connection goes on; its end will start a reconnect
            log.exception("goAway handover failed")

    async def _hand_over(self, old: _Link, time_left: float | None) -> None:
        """Move the conversation to a new connection before ``old`` is closed by the service.

        First it waits for a moment when nothing is going on (up to half the time left); failing
        that, it holds what the user sends from then on and waits for the model to finish its
        turn and send its resumption handle. Either way the new connection resumes from a handle
        that covers everything the old one was sent, and what the user sent meanwhile goes to
        the new one: no turn is lost, none is answered twice.
        """
        loop = asyncio.get_running_loop()
        started = loop.time()
        budget = time_left if time_left is not None and time_left > 0 else 30.0
        soft = started + budget / 2
        # Keep time to open the new connection before the old one is cut.
        hard = started + max(0.0, budget - max(1.0, budget / 6))
        # Polled: "quiet" includes how long ago the user's voice was heard and the local VAD,
        # which no event announces.
        while loop.time() < soft and not self._quiet(old):  # noqa: ASYNC110
            await asyncio.sleep(0.02)
        self._send_open.clear()
        try:
            while loop.time() < hard and not self._settled(old):  # noqa: ASYNC110
                await asyncio.sleep(0.02)
            forced = not self._settled(old)
            handle = self.resumption_handle
            if handle is None:
                log.warning("goAway without a resumption handle: the connection will simply end")
                return
            try:
                new = await self._open_link(handle)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                # The old connection works until it closes; then the reconnect path takes over.
                log.warning("goAway handover failed (%s); reconnecting when it closes", exc)
                return
            if self._link is not old or self._stop.is_set():
                await self._close_link(new)
                return
            self.handovers += 1
            log.info(
                "goAway handover to a new connection %.1f s after goAway%s",
                loop.time() - started,
                " (the old one was still busy)" if forced else "",
            )
            self._adopt(new)
        finally:
            self._send_open.set()
        # Let the old connection finish what it was saying (nothing, unless forced), then close.
        drain_until = started + budget
        while (  # noqa: ASYNC110 (a turn's end is one of three ways out; a poll says it plainly)
            old.turn_active
            and loop.time() < drain_until
            and old.receive is not None
            and not old.receive.done()
        ):
            await asyncio.sleep(0.05)
        await self._close_link(old)

    def _quiet(self, link: _Link) -> bool:
        """A moment when no turn would be split between two connections."""
        if not self._settled(link) or time.monotonic() - self._last_voice_at < 0.5:
            return False
        speaking = self.user_speaking
        return not (speaking is not None and speaking())

    def _settled(self, link: _Link) -> bool:
        """The model owes nothing on ``link`` and the newest handle covers all it was sent."""
        return not (
            link.turn_active
            or link.awaiting_reply
            or not link.handle_fresh
            or self._sending
            or self._resend
        )

    # ----------------------------------------------------------------- receiving
    async def _receive_loop(self, link: _Link) -> None:
        session = link.session
        while True:
            try:
                async for message in session.receive():
                    self._dispatch(message, link)
            except ValueError as exc:
                # A malformed frame: the SDK gives up on this receive() call, the socket is fine.
                if "Failed to parse response" not in str(exc):
                    raise
                self._emit(classify(exc))
            except genai_errors.APIError as exc:
                if _keepalive_failed(session):
                    raise StalledError("no answer to keepalive pings") from exc
                raise

    def _dispatch(self, message: types.LiveServerMessage, link: _Link) -> None:
        content = message.server_content
        if content is not None:
            if content.model_turn is not None or content.output_transcription is not None:
                if not link.turn_active:
                    link.answered_at = time.monotonic()
                link.turn_active = True
                link.awaiting_reply = False
                link.handle_fresh = False
            if content.turn_complete or content.interrupted:
                link.turn_active = False
                link.awaiting_reply = False
            if content.turn_complete:
                self._turns_seen += 1
            self._dispatch_content(content)
        if message.tool_call is not None:
            link.handle_fresh = False
            calls = tuple(
                ev.FunctionCall(call.id or "", call.name or "", dict(call.args or {}))
                for call in message.tool_call.function_calls or ()
            )
            self._emit(ev.ToolCall(calls))
        if message.tool_call_cancellation is not None:
            self._emit(ev.ToolCallCancellation(tuple(message.tool_call_cancellation.ids or ())))
        if message.usage_metadata is not None:
            self._emit(_usage(message.usage_metadata))
        if message.go_away is not None:
            time_left = parse_duration(message.go_away.time_left)
            self._emit(ev.GoAway(time_left))
            self._on_go_away(link, time_left)
        update = message.session_resumption_update
        # A retired connection's handle would resume from before what the new one heard.
        if update is not None and link is self._link:
            if update.resumable and update.new_handle:
                self.resumption_handle = update.new_handle
                link.handle_at = time.monotonic()
                if not link.turn_active:
                    link.handle_fresh = True
            self._emit(ev.ResumptionUpdate(update.new_handle, bool(update.resumable)))

    def _dispatch_content(self, content: types.LiveServerContent) -> None:
        if content.input_transcription is not None and content.input_transcription.text:
            t = content.input_transcription
            self._emit(ev.InputTranscript(t.text or "", bool(t.finished)))
        if content.model_turn is not None:
            for part in content.model_turn.parts or ():
                self._dispatch_part(part)
        if content.output_transcription is not None and content.output_transcription.text:
            t = content.output_transcription
            self._emit(ev.OutputTranscript(t.text or "", bool(t.finished)))
        if content.grounding_metadata is not None:
            grounding = _grounding(content.grounding_metadata)
            if grounding is not None:
                self._emit(grounding)
        if content.interrupted:
            self._emit(ev.Interrupted())
        if content.generation_complete:
            self._emit(ev.GenerationComplete())
        if content.turn_complete:
            reason = content.turn_complete_reason
            self._emit(ev.TurnComplete(str(reason.value) if reason is not None else None))

    def _dispatch_part(self, part: types.Part) -> None:
        blob = part.inline_data
        if blob is not None and blob.data and (blob.mime_type or "").startswith("audio/"):
            match = _RATE_RE.search(blob.mime_type or "")
            self._emit(ev.AudioOut(blob.data, int(match.group(1)) if match else 24000))
        if part.text:
            self._emit(ev.ModelText(part.text, bool(part.thought)))
        if part.executable_code is not None:
            code = part.executable_code
            language = code.language.value if code.language is not None else "PYTHON"
            self._emit(ev.ExecutableCode(code.code or "", str(language)))
        if part.code_execution_result is not None:
            result = part.code_execution_result
            outcome = result.outcome.value if result.outcome is not None else ""
            self._emit(ev.CodeResult(str(outcome), result.output or ""))

    # ----------------------------------------------------------------- sending
    @property
    def accepting(self) -> bool:
        """True while input is taken: connected, or reconnecting (it goes out once resumed)."""
        return self._state in (ev.ConnectionState.CONNECTED, ev.ConnectionState.RECONNECTING)

    def _require_connection(self, what: str) -> bool:
        if self.accepting:
            return True
        self._emit(
            ev.ErrorEvent(
                ev.ErrorKind.NOT_CONNECTED,
                f"Not connected: the {what} was not sent. Connect first.",
                recoverable=True,
                detail=f"{what} while {self._state.value}",
            )
        )
        return False

    async def send_audio(self, pcm16k: bytes) -> bool:
        """Queue 16 kHz mono int16 PCM; waits for room rather than dropping. False if offline."""
        if not self.accepting:
            return False
        self._note_voice(pcm16k)
        await self._outbox.put(_Audio(pcm16k))
        return True

    def offer_audio(self, pcm16k: bytes, captured_at: float | None = None) -> bool:
        """Non-blocking ``send_audio`` for producers that cannot wait (the capture path).

        If the network has fallen 8 s behind, the oldest queued audio chunk makes room; the
        count is kept in ``dropped_audio_chunks`` and reported once per overflow.
        """
        if not self.accepting:
            return False
        self._note_voice(pcm16k)
        self._offer(_Audio(pcm16k, captured_at))
        return True

    def _note_voice(self, pcm16k: bytes) -> None:
        # The loudest sample of the chunk (about 2 µs for 20 ms; a Python max() over the
        # samples took 8). Only a goAway handover asks.
        samples = np.frombuffer(pcm16k, np.int16, count=len(pcm16k) // 2)
        if samples.size and (samples.max() >= _VOICE_PEAK or samples.min() <= -_VOICE_PEAK):
            self._last_voice_at = time.monotonic()

    def offer_signal(self, signal: str) -> bool:
        """Queue ``"activity_start"``, ``"activity_end"`` or ``"audio_stream_end"`` now.

        Synchronous, so that a signal and the audio chunks offered around it from the same
        thread go out in exactly the order they were offered (push-to-talk depends on it).
        """
        if not self.accepting:
            return False
        self._offer(_Signal(signal))
        return True

    def _offer(self, item: _Outgoing) -> None:
        try:
            self._outbox.put_nowait(item)
        except asyncio.QueueFull:
            self._make_room_for_audio()
            self._outbox.put_nowait(item)

    def _make_room_for_audio(self) -> None:
        kept: list[_Outgoing] = []
        dropped = False
        while not self._outbox.empty():
            item = self._outbox.get_nowait()
            if not dropped and isinstance(item, _Audio):
                dropped = True
                continue
            kept.append(item)
        for item in kept:
            self._outbox.put_nowait(item)
        if dropped and self._state is ev.ConnectionState.RECONNECTING:
            # Counted, and told once the conversation is back (see _report_reconnect_gap).
            self._reconnect_dropped += 1
            self.dropped_audio_chunks += 1
        elif dropped:
            if self.dropped_audio_chunks == 0:
                self._emit(
                    ev.ErrorEvent(
                        ev.ErrorKind.NETWORK,
                        "The network is too slow for live audio; some microphone audio was "
                        "skipped.",
                        recoverable=True,
                        detail="outbox full",
                    )
                )
            self.dropped_audio_chunks += 1

    async def send_text(self, text: str) -> bool:
        """Send a complete user text turn. False (and an ErrorEvent) if not connected."""
        text = text.strip()
        if not text or not self._require_connection("message"):
            return False
        self._emit(ev.UserText(text))
        await self._outbox.put(_Text(text))
        return True

    async def activity_start(self) -> bool:
        """Manual VAD: the user started speaking (push-to-talk pressed)."""
        if not self.accepting:
            return False
        await self._outbox.put(_Signal.ACTIVITY_START)
        return True

    async def activity_end(self) -> bool:
        """Manual VAD: the user stopped speaking (push-to-talk released)."""
        if not self.accepting:
            return False
        await self._outbox.put(_Signal.ACTIVITY_END)
        return True

    async def audio_stream_end(self) -> bool:
        """Automatic VAD: the microphone stream paused (muted) for more than a second."""
        if not self.accepting:
            return False
        await self._outbox.put(_Signal.AUDIO_STREAM_END)
        return True

    async def send_tool_response(self, responses: Sequence[types.FunctionResponse]) -> bool:
        if not responses or not self._require_connection("tool response"):
            return False
        await self._outbox.put(_ToolResponse(tuple(responses)))
        return True

    async def send_frame(self, jpeg: bytes) -> bool:
        """Queue one JPEG frame in the ordered outbox: it goes out before anything queued
        after it (a tool answer that refers to it), unlike ``send_video``'s newest-wins slot."""
        if not self._require_connection("screenshot"):
            return False
        await self._outbox.put(_Frame(jpeg))
        return True

    def send_video(self, jpeg: bytes) -> bool:
        """Offer a JPEG frame; only the newest unsent frame is kept."""
        if not self.accepting:
            return False
        if self._video is not None:
            self.frames_replaced += 1
        self._video = jpeg
        self._video_ready.set()
        return True

    def _report_unsent(self) -> None:
        """Empty the outbox of a connection that ended, saying what the user lost.

        Typed messages and tool answers are named; leftover microphone audio is only counted
        (it is seconds of speech the next connection cannot use anyway).
        """
        audio_chunks = 0
        pending: list[_Outgoing] = list(self._resend)
        self._resend.clear()
        self._sent_log.clear()
        if self._retry_item is not None:
            pending.append(self._retry_item)
        self._retry_item = None
        self._reconnect_dropped = 0
        while not self._outbox.empty():
            pending.append(self._outbox.get_nowait())
        for item in pending:
            if isinstance(item, _Text):
                self._emit(
                    ev.Notice(
                        f"Your message “{item.text}” may not have been sent before the "
                        "connection ended; send it again once connected."
                    )
                )
            elif isinstance(item, _ToolResponse):
                names = ", ".join(r.name or "?" for r in item.responses)
                self._emit(
                    ev.Notice(f"The answer to the tool call ({names}) may not have been sent.")
                )
            elif isinstance(item, _Audio):
                audio_chunks += 1
        if audio_chunks:
            log.info("%d microphone chunks were not sent before the connection ended", audio_chunks)

    async def _send_loop(self) -> None:
        # websockets' keepalive cannot catch a server that stopped reading while we send: its
        # ping first waits for the full write buffer to drain, and only then starts its timer.
        # So every send has a deadline of its own; missing it means the server is stalled.
        deadline = 2 * self.keepalive_s
        self._report_reconnect_gap()
        while True:
            item = self._retry_item
            if item is None:
                item = self._resend.popleft() if self._resend else await self._outbox.get()
                self._retry_item = item  # until it is sent: a drop resends it on the next link
            await self._send_open.wait()  # a handover is choosing the connection
            link = self._link
            assert link is not None
            self._sending = True
            try:
                # asyncio.timeout, not wait_for: on Python 3.11 wait_for swallows a cancel that
                # arrives as the send completes (CPython gh-86296), and then this loop waits on
                # an empty outbox for ever and disconnect() never returns.
                async with asyncio.timeout(deadline):
                    await self._send_item(link.session, item)
            except Exception as exc:
                if link is not self._link:
                    continue  # handed over mid-send: send it again on the new connection
                if isinstance(exc, TimeoutError):
                    raise StalledError(f"a send did not complete within {deadline:.0f} s") from exc
                raise
            finally:
                self._sending = False
            self._retry_item = None
            if isinstance(item, (_Text, _ToolResponse)) or item is _Signal.ACTIVITY_END:
                link.awaiting_reply = True
            if isinstance(item, (_Audio, _Text, _Signal)):
                self._sent_log.append((time.monotonic(), item))

    def _report_reconnect_gap(self) -> None:
        if self._reconnect_dropped:
            seconds = self._reconnect_dropped * 0.02
            self._emit(
                ev.Notice(
                    f"About {seconds:.0f} s of what you said while reconnecting could not be "
                    "kept and was not heard."
                )
            )
            self._reconnect_dropped = 0

    async def _send_item(self, session: Any, item: _Outgoing) -> None:
        if isinstance(item, _Audio):
            await session.send_realtime_input(
                audio=types.Blob(data=item.pcm, mime_type=INPUT_AUDIO_MIME)
            )
            if item.captured_at is not None and self.on_audio_sent is not None:
                self.on_audio_sent(item.captured_at, time.monotonic())
        elif isinstance(item, _Text):
            # client_content with turn_complete is the one text path every live model
            # answers, in manual and automatic VAD alike.
            await session.send_client_content(
                turns=types.Content(role="user", parts=[types.Part(text=item.text)]),
                turn_complete=True,
            )
        elif isinstance(item, _ToolResponse):
            await session.send_tool_response(function_responses=list(item.responses))
        elif isinstance(item, _Frame):
            await session.send_realtime_input(
                video=types.Blob(data=item.jpeg, mime_type="image/jpeg")
            )
            self.frames_sent += 1
        elif item is _Signal.ACTIVITY_START:
            await session.send_realtime_input(activity_start=types.ActivityStart())
        elif item is _Signal.ACTIVITY_END:
            await session.send_realtime_input(activity_end=types.ActivityEnd())
        elif item is _Signal.AUDIO_STREAM_END:
            await session.send_realtime_input(audio_stream_end=True)

    async def _video_loop(self) -> None:
        while True:
            await self._video_ready.wait()
            self._video_ready.clear()
            frame, self._video = self._video, None
            if frame is None:
                continue
            link = self._link
            assert link is not None
            try:
                async with asyncio.timeout(2 * self.keepalive_s):  # not wait_for: see _send_loop
                    await link.session.send_realtime_input(
                        video=types.Blob(data=frame, mime_type="image/jpeg")
                    )
            except Exception as exc:
                if link is not self._link:
                    continue  # handed over: the next frame goes on the new connection
                if isinstance(exc, TimeoutError):
                    raise StalledError("a video frame could not be sent") from exc
                raise
            self.frames_sent += 1

    def _host_label(self) -> str:
        if self._base_url:
            return re.sub(r"^\w+://", "", self._base_url).rstrip("/")
        return "the Gemini service"


def _abort_transport(session: Any) -> None:
    """Drop a connection's socket at once (``_ws`` is the SDK's private websockets handle)."""
    transport = getattr(getattr(session, "_ws", None), "transport", None)
    if transport is not None:
        with contextlib.suppress(Exception):
            transport.abort()


def _keepalive_failed(session: Any) -> bool:
    """True if websockets closed the socket because the server stopped answering pings.

    The SDK reports only the close frame it received, so a keepalive timeout looks like any
    other 1006 drop; the close frame the client *sent* says what really happened. ``_ws`` is
    the SDK's private handle on the websockets connection, read defensively.
    """
    closed = getattr(getattr(session, "_ws", None), "close_exc", None)
    sent = getattr(closed, "sent", None)
    return sent is not None and "keepalive" in str(getattr(sent, "reason", ""))


def _usage(meta: types.UsageMetadata) -> ev.Usage:
    details: list[ev.ModalityTokens] = []
    for direction, items in (
        ("prompt", meta.prompt_tokens_details),
        ("response", meta.response_tokens_details),
    ):
        for item in items or ():
            modality = item.modality.value if item.modality is not None else "UNSPECIFIED"
            details.append(ev.ModalityTokens(direction, str(modality), item.token_count or 0))
    return ev.Usage(
        meta.prompt_token_count or 0,
        meta.response_token_count or 0,
        meta.total_token_count or 0,
        tuple(details),
    )


def _grounding(meta: types.GroundingMetadata) -> ev.Grounding | None:
    sources: list[ev.GroundingSource] = []
    for chunk in meta.grounding_chunks or ():
        web = chunk.web
        if web is not None and (web.uri or web.title):
            sources.append(ev.GroundingSource(web.title or web.uri or "", web.uri or ""))
    queries = tuple(meta.web_search_queries or ())
    if not sources and not queries:
        return None
    return ev.Grounding(tuple(sources), queries)
