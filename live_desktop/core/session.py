"""The session controller: one Live API conversation over the real google-genai SDK.

It owns the connection task, one receive task that runs for the whole connection (the SDK's
``receive()`` stops after every turn and a reader that pauses for ~40 s loses the connection), and
sender tasks fed by queues: an ordered outbox for audio, text, activity signals and tool responses
(nothing in it is ever dropped), and a newest-wins slot for video frames.

Everything here runs on the asyncio loop's thread (the Qt main thread in the app), so no locks.
Listeners are called synchronously, in order, for each event; a listener that raises is logged and
does not stop the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
import re
import ssl
import time
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from dataclasses import dataclass
from os import PathLike
from typing import TYPE_CHECKING, Any

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
    #: blocks rather than losing audio, ``offer_audio`` drops the oldest and says so.
    OUTBOX_SIZE = 400

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

        self._listeners: list[Listener] = []
        self._state = ev.ConnectionState.DISCONNECTED
        self._conn_task: asyncio.Task[None] | None = None
        self._ready: asyncio.Future[bool] | None = None
        self._stop: asyncio.Event = asyncio.Event()
        self._outbox: asyncio.Queue[_Outgoing] = asyncio.Queue(self.OUTBOX_SIZE)
        self._video: bytes | None = None
        self._video_ready = asyncio.Event()
        self._session: Any = None
        self._in_flight: _Outgoing | None = None

        self.session_id: str | None = None
        self.resumption_handle: str | None = None
        self.dropped_audio_chunks = 0
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
        """
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
        self._report_unsent()  # nothing from a dead connection leaks into the new one
        self._video = None
        self._set_state(ev.ConnectionState.CONNECTING)
        self._conn_task = asyncio.create_task(self._run_connection(handle), name="live-connection")
        return await asyncio.shield(self._ready)

    async def disconnect(self) -> None:
        """Close the session in an orderly way; returns when the socket is closed."""
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

    async def _run_connection(self, handle: str | None) -> None:
        assert self._ready is not None
        ready = self._ready
        failure: BaseException | None = None
        try:
            async with contextlib.AsyncExitStack() as stack:
                session = await self._open(stack, handle)
                self._session = session
                self.session_id = session.session_id
                self.connected_at = time.monotonic()
                self._set_state(ev.ConnectionState.CONNECTED)
                self._emit(ev.SetupComplete(session.session_id, self.model, handle is not None))
                if not ready.done():
                    ready.set_result(True)
                failure = await self._serve(session)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            failure = exc
        finally:
            self._session = None
            self.connected_at = None

        if failure is not None and not isinstance(failure, _Stop):
            error = classify(failure, model=self.model, host=self._host_label())
            log.warning("Session ended: %s (%s)", error.message, error.detail)
            self._set_state(ev.ConnectionState.FAILED)
            self._emit(error)
        self._report_unsent()
        self._set_state(ev.ConnectionState.DISCONNECTED)
        if not ready.done():
            ready.set_result(False)

    async def _open(self, stack: contextlib.AsyncExitStack, handle: str | None) -> Any:
        config = self._settings.to_live_connect_config(resumption_handle=handle)
        client = self._client_factory(
            self._settings,
            self._api_key,
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

    async def _serve(self, session: Any) -> BaseException | None:
        """Run the receive and send tasks until one fails or the user disconnects."""
        stop_wait = asyncio.create_task(self._stop.wait(), name="live-stop")
        workers = [
            asyncio.create_task(self._receive_loop(session), name="live-receive"),
            asyncio.create_task(self._send_loop(session), name="live-send"),
            asyncio.create_task(self._video_loop(session), name="live-video"),
        ]
        try:
            done, _ = await asyncio.wait([stop_wait, *workers], return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in [stop_wait, *workers]:
                task.cancel()
            await asyncio.gather(stop_wait, *workers, return_exceptions=True)
        if stop_wait in done:
            return _Stop()
        for task in workers:
            if task in done and not task.cancelled() and task.exception() is not None:
                return task.exception()
        # A worker returned without an exception: the connection ended quietly.
        return ConnectionError("the connection ended")

    # ----------------------------------------------------------------- receiving
    async def _receive_loop(self, session: Any) -> None:
        while True:
            try:
                async for message in session.receive():
                    self._dispatch(message)
            except ValueError as exc:
                # A malformed frame: the SDK gives up on this receive() call, the socket is fine.
                if "Failed to parse response" not in str(exc):
                    raise
                self._emit(classify(exc))
            except genai_errors.APIError as exc:
                if _keepalive_failed(session):
                    raise StalledError("no answer to keepalive pings") from exc
                raise

    def _dispatch(self, message: types.LiveServerMessage) -> None:
        content = message.server_content
        if content is not None:
            self._dispatch_content(content)
        if message.tool_call is not None:
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
            self._emit(ev.GoAway(parse_duration(message.go_away.time_left)))
        update = message.session_resumption_update
        if update is not None:
            if update.resumable and update.new_handle:
                self.resumption_handle = update.new_handle
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
    def _require_connection(self, what: str) -> bool:
        if self._state is ev.ConnectionState.CONNECTED:
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
        if self._state is not ev.ConnectionState.CONNECTED:
            return False
        await self._outbox.put(_Audio(pcm16k))
        return True

    def offer_audio(self, pcm16k: bytes, captured_at: float | None = None) -> bool:
        """Non-blocking ``send_audio`` for producers that cannot wait (the capture path).

        If the network has fallen 8 s behind, the oldest queued audio chunk makes room; the
        count is kept in ``dropped_audio_chunks`` and reported once per overflow.
        """
        if self._state is not ev.ConnectionState.CONNECTED:
            return False
        self._offer(_Audio(pcm16k, captured_at))
        return True

    def offer_signal(self, signal: str) -> bool:
        """Queue ``"activity_start"``, ``"activity_end"`` or ``"audio_stream_end"`` now.

        Synchronous, so that a signal and the audio chunks offered around it from the same
        thread go out in exactly the order they were offered (push-to-talk depends on it).
        """
        if self._state is not ev.ConnectionState.CONNECTED:
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
        if dropped:
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
        if self._state is not ev.ConnectionState.CONNECTED:
            return False
        await self._outbox.put(_Signal.ACTIVITY_START)
        return True

    async def activity_end(self) -> bool:
        """Manual VAD: the user stopped speaking (push-to-talk released)."""
        if self._state is not ev.ConnectionState.CONNECTED:
            return False
        await self._outbox.put(_Signal.ACTIVITY_END)
        return True

    async def audio_stream_end(self) -> bool:
        """Automatic VAD: the microphone stream paused (muted) for more than a second."""
        if self._state is not ev.ConnectionState.CONNECTED:
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
        if self._state is not ev.ConnectionState.CONNECTED:
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
        pending: list[_Outgoing] = [] if self._in_flight is None else [self._in_flight]
        self._in_flight = None
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

    async def _send_loop(self, session: Any) -> None:
        # websockets' keepalive cannot catch a server that stopped reading while we send: its
        # ping first waits for the full write buffer to drain, and only then starts its timer.
        # So every send has a deadline of its own; missing it means the server is stalled.
        deadline = 2 * self.keepalive_s
        while True:
            item = await self._outbox.get()
            self._in_flight = item
            try:
                # asyncio.timeout, not wait_for: on Python 3.11 wait_for swallows a cancel that
                # arrives as the send completes (CPython gh-86296), and then this loop waits on
                # an empty outbox for ever and disconnect() never returns.
                async with asyncio.timeout(deadline):
                    await self._send_item(session, item)
            except TimeoutError as exc:
                raise StalledError(f"a send did not complete within {deadline:.0f} s") from exc
            self._in_flight = None

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

    async def _video_loop(self, session: Any) -> None:
        while True:
            await self._video_ready.wait()
            self._video_ready.clear()
            frame, self._video = self._video, None
            if frame is None:
                continue
            try:
                async with asyncio.timeout(2 * self.keepalive_s):  # not wait_for: see _send_loop
                    await session.send_realtime_input(
                        video=types.Blob(data=frame, mime_type="image/jpeg")
                    )
            except TimeoutError as exc:
                raise StalledError("a video frame could not be sent") from exc
            self.frames_sent += 1

    def _host_label(self) -> str:
        if self._base_url:
            return re.sub(r"^\w+://", "", self._base_url).rstrip("/")
        return "the Gemini service"


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
