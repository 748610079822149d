"""One Live API connection: handshake, input handling, and the loopback "model".

The loopback agent is honest about what it is: it detects speech (no recognition) and answers
with the user's own audio, describes what it received in transcriptions, answers text with
"You said: ..." and a synthetic chime, emits tool calls on request, and reproduces the service's
session management (interruptions, resumption handles, goAway, limits) and fault scenarios.

Everything here runs on the emulator's event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math
import re
import secrets
import uuid
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from . import audio, scenarios, wire
from .jpeg import InvalidJpeg, jpeg_size
from .models import VERTEX, ModelSpec, SetupRejected, resolve_model, validate_setup
from .records import ConnectionRecord, Conversation
from .vad import SpeechDetector, SpeechEnded, SpeechStarted, VadSettings

logger = logging.getLogger(__name__)

SETUP_TIMEOUT_S = 30.0
GO_AWAY_LEAD_S = 60.0
AUDIO_SESSION_LIMIT_S = 15 * 60.0
VIDEO_SESSION_LIMIT_S = 2 * 60.0
CONTEXT_WINDOW_TOKENS = 128_000
AUDIO_TOKENS_PER_S = 25
VIDEO_TOKENS = {"MEDIA_RESOLUTION_LOW": 64, "MEDIA_RESOLUTION_MEDIUM": 256}
DEFAULT_VIDEO_TOKENS = 258
TEXT_PART_INTERVAL_S = 0.03
CHIME_S_PER_CHAR = 0.06

_BAD_AUDIO_DATA = (
    "Invalid value at 'realtime_input.audio.data' (TYPE_BYTES), Base64 decoding failed."
)
_CALL_RE = re.compile(r"^\s*call\s+([A-Za-z_][\w.\-]*)\s*(\{.*\})?\s*$", re.DOTALL | re.IGNORECASE)
_SEARCH_RE = re.compile(r"^\s*search\s+(\S.*?)\s*$", re.DOTALL | re.IGNORECASE)
_RUN_RE = re.compile(r"^\s*run\s+(\S.*?)\s*$", re.DOTALL | re.IGNORECASE)


class Host(Protocol):
    """What a connection needs from the emulator that owns it."""

    time_scale: float
    connection_lifetime_s: float
    bad_keys: frozenset[str]
    setups: list[dict[str, Any]]
    stopping: asyncio.Event
    stalled: set[ServerConnection]  # aborted (not closed) when the emulator stops

    def issue_handle(self, conversation: Conversation) -> str: ...

    def resume(self, handle: str) -> Conversation | None: ...

    def check_token(self, token: str, *, resuming: bool) -> str | None: ...


@dataclass(frozen=True)
class Route:
    path: str
    platform: str  # GEMINI or VERTEX
    api_version: str
    method: str


class _Gone(Exception):
    """The connection is closed or closing; stop producing output."""


@dataclass
class _Turn:
    """Bookkeeping for the model turn being produced (for usage and interruption)."""

    prompt: dict[str, int]
    response: dict[str, int] = field(default_factory=dict)
    text_out: str = ""
    audio_out_s: float = 0.0


Job = Callable[[], Awaitable[None]]


class LiveConnection:
    """Serves one WebSocket connection until it closes."""

    def __init__(
        self,
        host: Host,
        ws: ServerConnection,
        record: ConnectionRecord,
        route: Route,
        scenario: str | None,
    ) -> None:
        self._host = host
        self._ws = ws
        self._record = record
        self._route = route
        self._scenario = scenario
        self._loop = asyncio.get_running_loop()
        self._send_lock = asyncio.Lock()
        self._closing = False
        self._tasks: set[asyncio.Task[None]] = set()
        self._reply_task: asyncio.Task[None] | None = None
        self._queue: deque[Job] = deque()
        self._turn: _Turn | None = None
        self._awaiting_tool = False
        self._pending_calls: dict[str, tuple[str, str]] = {}  # id -> (name, behavior)
        self._content_frames = 0
        self._fault_fired = False
        self._frames_since_turn = 0
        self._video_tokens_since_turn = 0
        self._resamplers: dict[int, audio.StreamResampler] = {}
        self._echo_resamplers: dict[int, audio.LinearStreamResampler] = {}
        self._manual_active = False
        self._manual_audio = bytearray()
        # Filled by the handshake:
        self._spec: ModelSpec | None = None
        self._setup: dict[str, Any] = {}
        self._conv: Conversation | None = None
        self._functions: dict[str, dict[str, Any]] = {}
        self._vad: SpeechDetector | None = None

    # --- lifecycle ------------------------------------------------------------------------

    async def run(self) -> None:
        try:
            await self._serve()
        except (ConnectionClosed, _Gone) as exc:
            self._note_closed(exc)
        except Exception:
            logger.exception("Emulator connection %d failed", self._record.id)
            with contextlib.suppress(Exception):
                await self._close(1011, scenarios.INTERNAL_ERROR)
        finally:
            await self._cancel_tasks()
            if self._record.close_code is None:
                self._record.close_code = self._ws.close_code or 1006
                self._record.close_reason = self._ws.close_reason or ""
            logger.info(
                "Emulator connection %d closed: %s %s",
                self._record.id,
                self._record.close_code,
                self._record.close_reason,
            )

    def _note_closed(self, exc: BaseException) -> None:
        if self._record.close_code is not None:
            return
        if isinstance(exc, ConnectionClosed):
            frame = exc.sent or exc.rcvd
            if frame is not None:
                self._record.close_code = frame.code
                self._record.close_reason = frame.reason
                return
        self._record.close_code = 1006
        self._record.close_reason = ""

    async def _cancel_tasks(self) -> None:
        current = asyncio.current_task()
        tasks = [t for t in self._tasks if t is not current and not t.done()]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    def _spawn(self, coro: Awaitable[None], name: str) -> asyncio.Task[None]:
        task = asyncio.ensure_future(coro)
        task.set_name(f"emulator-conn-{self._record.id}-{name}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def _close(self, code: int, reason: str) -> None:
        """Close with the service's code and reason; stops every other task of the connection."""
        if self._closing:
            return
        self._closing = True
        reason = wire.close_reason(reason)
        self._record.close_code = code
        self._record.close_reason = reason
        logger.info("Emulator connection %d: closing %d %s", self._record.id, code, reason)
        await self._cancel_tasks()
        with contextlib.suppress(ConnectionClosed):
            await self._ws.close(code, reason)

    def inject(self, scenario: str) -> None:
        """Put this live connection into a mid-turn fault scenario: it fires a few frames into
        the next reply (the fault suite's "drop in the middle of a conversation")."""
        self._scenario = scenario
        self._record.scenario = scenario
        self._content_frames = 0
        self._fault_fired = False

    def _abort(self) -> None:
        """Drop the TCP connection without a close frame (the client sees 1006)."""
        self._closing = True
        self._record.close_code = 1006
        self._record.close_reason = ""
        self._ws.transport.abort()

    async def _send(self, frame: dict[str, Any]) -> None:
        if self._closing:
            raise _Gone
        try:
            async with self._send_lock:
                # The service sends JSON in binary frames; the SDK accepts either.
                await self._ws.send(wire.dumps(frame).encode("utf-8"))
        except ConnectionClosed as exc:
            raise _Gone from exc

    # --- handshake ------------------------------------------------------------------------

    async def _serve(self) -> None:
        try:
            raw = await asyncio.wait_for(self._ws.recv(), SETUP_TIMEOUT_S)
        except TimeoutError:
            await self._close(1011, scenarios.DEADLINE_EXPIRED)
            return
        message = self._decode(raw)
        if message is None:
            await self._close(1007, scenarios.INVALID_JSON)
            return
        setup_raw = message.get("setup")
        if not isinstance(setup_raw, dict):
            await self._close(1007, "The first message must be setup.")
            return
        self._host.setups.append(setup_raw)
        self._record.setup = setup_raw
        self._record.model = setup_raw.get("model")
        setup = wire.normalise(setup_raw)
        try:
            self._check_auth(setup)
            spec = resolve_model(setup.get("model"), self._route.platform, self._route.api_version)
            validate_setup(setup, spec, self._route.api_version)
            conv = self._conversation_for(setup, spec)
        except SetupRejected as rejected:
            await self._close(rejected.code, rejected.reason)
            return
        self._spec, self._setup, self._conv = spec, setup, conv
        self._record.session_id = conv.session_id
        self._functions = self._declared_functions(setup.get("tools"))
        aad = (setup.get("realtime_input_config") or {}).get("automatic_activity_detection") or {}
        if not aad.get("disabled"):
            self._vad = SpeechDetector(VadSettings.from_config(aad))

        if self._scenario == scenarios.NO_SETUP_REPLY:
            async for raw in self._ws:
                self._decode(raw)
            return
        await self._send(wire.setup_complete(conv.session_id))
        if await self._after_setup_scenario():
            return
        self._start_timers()
        async for raw in self._ws:
            message = self._decode(raw)
            if message is None:
                await self._close(1007, scenarios.INVALID_JSON)
                return
            await self._dispatch(wire.normalise(message))

    def _decode(self, raw: str | bytes) -> dict[str, Any] | None:
        try:
            message = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            return None
        if not isinstance(message, dict):
            return None
        self._record.add_message(message)
        return message

    def _check_auth(self, setup: dict[str, Any]) -> None:
        request = self._ws.request
        assert request is not None
        headers = request.headers
        key = headers.get("x-goog-api-key") or _query_param(request.path, "key")
        authorization = headers.get("authorization") or ""
        scheme, _, token = authorization.partition(" ")
        if self._route.platform == VERTEX:
            credential = key or (token if scheme.lower() == "bearer" else "")
            if not credential:
                raise SetupRejected(1008, scenarios.VERTEX_MISSING_AUTH)
        elif self._route.method == "BidiGenerateContentConstrained":
            credential = (
                token if scheme.lower() == "token" else _query_param(request.path, "access_token")
            ) or key
            if not credential:
                raise SetupRejected(1008, scenarios.MISSING_KEY)
            if credential.startswith("auth_tokens/"):
                resuming = bool((setup.get("session_resumption") or {}).get("handle"))
                reason = self._host.check_token(credential, resuming=resuming)
                if reason is not None:
                    raise SetupRejected(1008, reason)
        else:
            credential = key or (token if scheme.lower() == "bearer" else "")
            if not credential:
                raise SetupRejected(1008, scenarios.MISSING_KEY)
        if self._scenario == scenarios.BAD_KEY or credential in self._host.bad_keys:
            raise SetupRejected(1008, scenarios.BAD_API_KEY)

    def _conversation_for(self, setup: dict[str, Any], spec: ModelSpec) -> Conversation:
        handle = (setup.get("session_resumption") or {}).get("handle")
        if handle:
            self._record.session_handle_used = handle
            conv = self._host.resume(handle)
            if conv is None:
                raise SetupRejected(1007, scenarios.UNKNOWN_HANDLE)
            return conv
        conv = Conversation(
            session_id=str(uuid.uuid4()), model=spec.name, started=self._loop.time()
        )
        system = _text_of(setup.get("system_instruction"))
        if system:
            conv.context_tokens["TEXT"] = _text_tokens(system)
        return conv

    @staticmethod
    def _declared_functions(tools: Any) -> dict[str, dict[str, Any]]:
        functions: dict[str, dict[str, Any]] = {}
        for tool in tools or []:
            for decl in (tool or {}).get("function_declarations") or []:
                if isinstance(decl, dict) and decl.get("name"):
                    functions[decl["name"]] = decl
        return functions

    async def _after_setup_scenario(self) -> bool:
        """Run a scenario that takes over right after setupComplete; True if it did."""
        if self._scenario == scenarios.STALL:
            # Stop reading so client pings go unanswered, and never send again.
            self._ws.transport.pause_reading()
            self._host.stalled.add(self._ws)
            closed = asyncio.ensure_future(self._ws.wait_closed())
            stopping = asyncio.ensure_future(self._host.stopping.wait())
            try:
                await asyncio.wait({closed, stopping}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                closed.cancel()
                stopping.cancel()
                self._host.stalled.discard(self._ws)
            self._abort()
            return True
        if self._scenario == scenarios.RATE_LIMIT_429:
            # Top-level "code" and none of the message keys: the SDK raises ClientError 429.
            await self._send(
                {
                    "code": 429,
                    "message": scenarios.RESOURCE_EXHAUSTED,
                    "status": "RESOURCE_EXHAUSTED",
                }
            )
            await self._close(1011, scenarios.RESOURCE_EXHAUSTED)
            return True
        return False

    # --- timers ---------------------------------------------------------------------------

    def _scaled(self, seconds: float) -> float:
        return seconds / self._host.time_scale

    def _start_timers(self) -> None:
        if self._scenario == scenarios.GO_AWAY_SOON:
            self._spawn(
                self._guard(self._go_away_then_close(0.0, scenarios.GO_AWAY_SOON_S)),
                "go-away-soon",
            )
        else:
            lifetime = self._host.connection_lifetime_s
            lead = min(GO_AWAY_LEAD_S, lifetime / 2)
            self._spawn(self._guard(self._go_away_then_close(lifetime - lead, lead)), "lifetime")
        if "context_window_compression" not in self._setup:
            self._spawn(self._guard(self._session_limit()), "session-limit")

    async def _go_away_then_close(self, after_s: float, lead_s: float) -> None:
        await asyncio.sleep(self._scaled(after_s))
        await self._send(wire.go_away(self._scaled(lead_s)))
        await asyncio.sleep(self._scaled(lead_s))
        await self._close(1011, scenarios.DEADLINE_EXPIRED)

    async def _session_limit(self) -> None:
        conv = self._conv
        assert conv is not None
        while not self._closing:
            limit = VIDEO_SESSION_LIMIT_S if conv.video_used else AUDIO_SESSION_LIMIT_S
            remaining = conv.started + self._scaled(limit) - self._loop.time()
            if remaining <= 0:
                what = "audio+video: 2 minutes" if conv.video_used else "audio: 15 minutes"
                await self._close(1007, scenarios.SESSION_LIMIT.format(what=what))
                return
            await asyncio.sleep(min(remaining, 0.25))

    # --- input ----------------------------------------------------------------------------

    async def _dispatch(self, message: dict[str, Any]) -> None:
        for key, body in message.items():
            if key == "realtime_input":
                await self._realtime_input(body or {})
            elif key == "client_content":
                await self._client_content(body or {})
            elif key == "tool_response":
                await self._tool_response(body or {})
            elif key == "context_update":
                tools = ((body or {}).get("tools") or {}).get("tools")
                if tools is not None:
                    self._functions = self._declared_functions(tools)
            elif key == "setup":
                await self._close(1007, "Setup may only be sent once, as the first message.")
            else:
                await self._close(
                    1007, f'{scenarios.INVALID_JSON} Unknown name "{key}": Cannot find field.'
                )
            if self._closing:
                return

    async def _realtime_input(self, body: dict[str, Any]) -> None:
        for chunk in body.get("media_chunks") or []:
            mime = str((chunk or {}).get("mime_type") or "")
            if mime.startswith("image/"):
                await self._video(chunk)
            else:
                await self._audio(chunk or {})
        if body.get("audio") is not None:
            await self._audio(body["audio"])
        if body.get("video") is not None:
            await self._video(body["video"])
        if body.get("activity_start") is not None:
            await self._activity_start()
        if body.get("activity_end") is not None:
            await self._activity_end()
        if body.get("audio_stream_end"):
            await self._audio_stream_end()
        if body.get("text") is not None:
            await self._user_text(str(body["text"]))

    @staticmethod
    def _blob(blob: Any) -> bytes | None:
        if not isinstance(blob, dict):
            return None
        try:
            return wire.b64decode(blob.get("data") or "")
        except ValueError:
            return None

    async def _audio(self, blob: Any) -> None:
        data = self._blob(blob)
        if data is None:
            await self._close(1007, _BAD_AUDIO_DATA)
            return
        mime = str(blob.get("mime_type") or "audio/pcm")
        if not mime.lower().startswith("audio/pcm"):
            await self._close(1007, f"Unsupported audio MIME type {mime}; send audio/pcm.")
            return
        rate = audio.rate_from_mime(mime)
        self._record.audio_bytes_in += len(data)
        if self._scenario == scenarios.INSTANT_ECHO:
            echo = self._echo_resamplers.get(rate)
            if echo is None:
                echo = self._echo_resamplers[rate] = audio.LinearStreamResampler(
                    rate, audio.OUTPUT_RATE
                )
            out = echo.process(data)
            if out:
                self._record.audio_bytes_out += len(out)
                with contextlib.suppress(_Gone):
                    await self._send(wire.model_turn([wire.audio_part(out, audio.OUTPUT_RATE)]))
            return
        resampler = self._resamplers.get(rate)
        if resampler is None:
            resampler = self._resamplers[rate] = audio.StreamResampler(rate, audio.INPUT_RATE)
        pcm = resampler.process(data)
        if self._vad is None:
            if self._manual_active:
                self._manual_audio += pcm
            return
        for event in self._vad.feed(pcm):
            if isinstance(event, SpeechStarted):
                await self._on_speech_start()
            elif isinstance(event, SpeechEnded):
                await self._on_utterance(event.pcm)

    async def _video(self, blob: Any) -> None:
        data = self._blob(blob)
        mime = str(blob.get("mime_type") or "") if isinstance(blob, dict) else ""
        if data is None or mime.lower() not in ("image/jpeg", "image/jpg"):
            await self._close(1007, scenarios.INVALID_IMAGE)
            return
        try:
            size = jpeg_size(data)
        except InvalidJpeg:
            await self._close(1007, scenarios.INVALID_IMAGE)
            return
        self._record.add_video_frame(size)
        self._frames_since_turn += 1
        resolution = (self._setup.get("generation_config") or {}).get("media_resolution")
        self._video_tokens_since_turn += VIDEO_TOKENS.get(resolution or "", DEFAULT_VIDEO_TOKENS)
        assert self._conv is not None
        self._conv.video_used = True

    async def _activity_start(self) -> None:
        if self._scenario == scenarios.INSTANT_ECHO:
            return
        if self._vad is not None:
            await self._close(1007, scenarios.EXPLICIT_ACTIVITY_WITH_AUTO_VAD)
            return
        self._manual_active = True
        self._manual_audio = bytearray()
        await self._on_speech_start()

    async def _activity_end(self) -> None:
        if self._scenario == scenarios.INSTANT_ECHO:
            return
        if self._vad is not None:
            await self._close(1007, scenarios.EXPLICIT_ACTIVITY_WITH_AUTO_VAD)
            return
        if not self._manual_active:
            return
        self._manual_active = False
        pcm, self._manual_audio = bytes(self._manual_audio), bytearray()
        if pcm:
            await self._on_utterance(pcm)

    async def _audio_stream_end(self) -> None:
        if self._vad is None or self._scenario == scenarios.INSTANT_ECHO:
            return
        ended = self._vad.flush()
        if ended is not None:
            await self._on_utterance(ended.pcm)

    async def _client_content(self, body: dict[str, Any]) -> None:
        assert self._conv is not None
        turns = body.get("turns") or []
        if isinstance(turns, dict):
            turns = [turns]
        last_user_text = None
        for turn in turns:
            role = (turn or {}).get("role") or "user"
            text = _text_of(turn)
            self._conv.history.append({"role": role, "text": text})
            _add(self._conv.context_tokens, "TEXT", _text_tokens(text))
            if role == "user":
                last_user_text = text
        if body.get("turn_complete"):
            if last_user_text is None and self._conv.history:
                last_user_text = self._conv.history[-1]["text"]
            # The turn text is already in the history; answer it without adding it again.
            await self._user_text(last_user_text or "", in_history=True)

    async def _tool_response(self, body: dict[str, Any]) -> None:
        for response in body.get("function_responses") or []:
            call_id = (response or {}).get("id")
            pending = self._pending_calls.pop(call_id, None) if call_id else None
            if pending is None:
                logger.info("Emulator: tool response for unknown call id %r ignored", call_id)
                continue
            name, behavior = pending
            result = json.dumps((response or {}).get("response"), sort_keys=True, default=str)
            if len(result) > 300:
                result = result[:297] + "..."
            text = f"{name} returned {result}"
            assert self._conv is not None
            self._conv.history.append({"role": "user", "text": f"[function response] {text}"})
            if behavior == "BLOCKING":
                if not any(b == "BLOCKING" for _, b in self._pending_calls.values()):
                    self._awaiting_tool = False
                    self._start_jobs(self._job_reply_text(text, new_turn=False))
                continue
            scheduling = (response or {}).get("scheduling") or "WHEN_IDLE"
            if scheduling == "SILENT":
                continue
            job = self._job_reply_text(text, new_turn=True, counts_as_user_turn=False)
            if scheduling == "INTERRUPT" and self._turn_active():
                await self._interrupt()
            await self._enqueue(job)

    # --- turns ----------------------------------------------------------------------------

    @property
    def _interrupts_allowed(self) -> bool:
        handling = (self._setup.get("realtime_input_config") or {}).get("activity_handling")
        return handling != "NO_INTERRUPTION"

    @property
    def _modality(self) -> str:
        mods = (self._setup.get("generation_config") or {}).get("response_modalities") or ["AUDIO"]
        return "TEXT" if "TEXT" in mods else "AUDIO"

    def _turn_active(self) -> bool:
        return self._awaiting_tool or (self._reply_task is not None and not self._reply_task.done())

    async def _on_speech_start(self) -> None:
        if self._interrupts_allowed and self._turn_active():
            await self._interrupt()

    async def _on_utterance(self, pcm: bytes) -> None:
        job = self._job_reply_speech(pcm)
        await self._enqueue(job)

    async def _user_text(self, text: str, *, in_history: bool = False) -> None:
        # A new user turn always supersedes the model's current turn.
        if self._turn_active():
            await self._interrupt()
        match = _CALL_RE.match(text)
        search = _SEARCH_RE.match(text) if self._has_tool("google_search") else None
        run = _RUN_RE.match(text) if self._has_tool("code_execution") else None
        if match:
            job = self._job_tool_call(text, match.group(1), match.group(2), in_history)
        elif search:
            job = self._job_search(text, search.group(1), in_history)
        elif run:
            job = self._job_run_code(text, run.group(1), in_history)
        else:
            job = self._job_reply_text(
                f"You said: {text}", new_turn=True, user_text=text, in_history=in_history
            )
        await self._enqueue(job)

    async def _enqueue(self, job: Job) -> None:
        if self._turn_active():
            self._queue.append(job)
        else:
            self._start_jobs(job)

    def _start_jobs(self, first: Job) -> None:
        async def run() -> None:
            job: Job | None = first
            while job is not None and not self._closing:
                await job()
                if self._awaiting_tool:
                    return
                job = self._queue.popleft() if self._queue else None

        self._reply_task = self._spawn(self._guard(run()), "reply")

    async def _interrupt(self) -> None:
        """Stop the model turn in progress: ``interrupted``, cancel pending calls, turnComplete."""
        task, self._reply_task = self._reply_task, None
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, _Gone):
                await task
        self._awaiting_tool = False
        self._queue.clear()
        self._record.interruptions += 1
        with contextlib.suppress(_Gone):
            await self._send(wire.server_content(interrupted=True))
            if self._pending_calls:
                ids = list(self._pending_calls)
                self._pending_calls.clear()
                await self._send({"toolCallCancellation": {"ids": ids}})
            await self._end_turn(completed=False)

    def _notes(self, turn_number: int | None) -> str:
        notes = []
        if turn_number is not None:
            notes.append(f"(turn {turn_number} of this conversation)")
        if self._frames_since_turn:
            w, h = self._record.last_video_size or (0, 0)
            plural = "s" if self._frames_since_turn != 1 else ""
            notes.append(
                f"(received {self._frames_since_turn} video frame{plural} since the last turn, "
                f"latest {w}x{h})"
            )
        return " ".join(notes)

    def _take_prompt(self, modality: str, tokens: int) -> dict[str, int]:
        prompt: dict[str, int] = {modality: tokens}
        if self._video_tokens_since_turn:
            prompt["VIDEO"] = self._video_tokens_since_turn
        self._frames_since_turn = 0
        self._video_tokens_since_turn = 0
        return prompt

    async def _begin_turn(self, prompt: dict[str, int]) -> None:
        if self._turn is None:
            self._turn = _Turn(prompt=prompt)
        else:  # continuing a turn (after a blocking tool call)
            for modality, tokens in prompt.items():
                _add(self._turn.prompt, modality, tokens)
        if "session_resumption" in self._setup:
            await self._send(wire.resumption_update(None, resumable=False))

    def _job_reply_speech(self, pcm: bytes) -> Job:
        async def job() -> None:
            conv = self._conv
            assert conv is not None
            seconds = audio.pcm_seconds(pcm, audio.INPUT_RATE)
            conv.turns += 1
            notes = self._notes(conv.turns)
            heard = f"[speech {seconds:.1f} s]"
            conv.history.append({"role": "user", "text": heard})
            await self._begin_turn(self._take_prompt("AUDIO", _audio_tokens(seconds)))
            if "input_audio_transcription" in self._setup:
                await self._send(wire.transcription("inputTranscription", heard, finished=True))
            if self._modality == "TEXT":
                await self._play_text(f"[heard {seconds:.1f} s of speech] {notes}")
            else:
                echo = audio.resample(pcm, audio.INPUT_RATE, audio.OUTPUT_RATE)
                await self._play_audio(echo, f"[echo of {seconds:.1f} s of your speech] {notes}")
            await self._end_turn(completed=True)

        return job

    def _job_reply_text(
        self,
        reply: str,
        *,
        new_turn: bool,
        user_text: str | None = None,
        in_history: bool = False,
        counts_as_user_turn: bool = True,
    ) -> Job:
        async def job() -> None:
            conv = self._conv
            assert conv is not None
            turn_number = None
            if new_turn and counts_as_user_turn:
                conv.turns += 1
                turn_number = conv.turns
            if user_text is not None and not in_history:
                conv.history.append({"role": "user", "text": user_text})
            notes = self._notes(turn_number)
            prompt_tokens = _text_tokens(user_text if user_text is not None else reply)
            await self._begin_turn(self._take_prompt("TEXT", prompt_tokens))
            text = f"{reply} {notes}".strip()
            if self._modality == "TEXT":
                await self._play_text(text)
            else:
                seconds = min(6.0, max(0.6, len(reply) * CHIME_S_PER_CHAR))
                await self._play_audio(audio.chime(seconds), text)
            await self._end_turn(completed=True)

        return job

    def _job_tool_call(self, text: str, name: str, arg_text: str | None, in_history: bool) -> Job:
        decl = self._functions.get(name)
        if decl is None:
            return self._job_reply_text(
                f"There is no function named {name} declared in this session.",
                new_turn=True,
                user_text=text,
                in_history=in_history,
            )
        try:
            args = json.loads(arg_text) if arg_text else {}
        except json.JSONDecodeError as exc:
            return self._job_reply_text(
                f"The arguments for {name} are not valid JSON ({exc.msg}).",
                new_turn=True,
                user_text=text,
                in_history=in_history,
            )
        assert self._spec is not None
        behavior = decl.get("behavior") or self._spec.default_call_behavior
        if behavior == "UNSPECIFIED":
            behavior = self._spec.default_call_behavior

        async def job() -> None:
            await self._user_turn(text, in_history)
            call_id = f"function-call-{secrets.randbelow(10**18)}"
            call = {"id": call_id, "name": name, "args": args}
            self._pending_calls[call_id] = (name, behavior)
            self._record.tool_calls.append(dict(call, behavior=behavior))
            await self._send({"toolCall": {"functionCalls": [call]}})
            if behavior == "BLOCKING":
                self._awaiting_tool = True  # the turn stays open until the response arrives
                return
            reply = f"Started {name} in the background."
            if self._modality == "TEXT":
                await self._play_text(reply)
            else:
                await self._play_audio(audio.chime(1.0), reply)
            await self._end_turn(completed=True)

        return job

    def _has_tool(self, kind: str) -> bool:
        return any(kind in (tool or {}) for tool in self._setup.get("tools") or [])

    def _job_search(self, text: str, query: str, in_history: bool) -> Job:
        """``search QUERY`` with Google Search on: groundingMetadata naming the query and two
        made-up sources on example.org (the emulator searches nothing), then a short reply."""

        async def job() -> None:
            await self._user_turn(text, in_history)
            slug = re.sub(r"[^a-z0-9]+", "-", query.lower()).strip("-") or "query"
            chunks = [
                {"web": {"uri": f"https://example.org/{slug}", "title": f"About {query}"}},
                {"web": {"uri": f"https://www.example.org/?q={slug}", "title": "example.org"}},
            ]
            await self._send(
                wire.server_content(
                    groundingMetadata={"webSearchQueries": [query], "groundingChunks": chunks}
                )
            )
            await self._reply(f"Searched the web for {query} (the emulator makes up its sources).")
            await self._end_turn(completed=True)

        return job

    def _job_run_code(self, text: str, code: str, in_history: bool) -> Job:
        """``run CODE`` with code execution on: an executableCode part, then a
        codeExecutionResult part that says honestly the code was not run, then a reply."""

        async def job() -> None:
            await self._user_turn(text, in_history)
            lines = code.count("\n") + 1
            await self._send(
                wire.model_turn([{"executableCode": {"language": "PYTHON", "code": code}}])
            )
            plural = "line" if lines == 1 else "lines"
            output = f"[the emulator does not run code: {lines} {plural} of Python received]"
            await self._send(
                wire.model_turn(
                    [{"codeExecutionResult": {"outcome": "OUTCOME_OK", "output": output}}]
                )
            )
            await self._reply("The code ran in the emulator's pretend sandbox.")
            await self._end_turn(completed=True)

        return job

    async def _user_turn(self, text: str, in_history: bool) -> None:
        conv = self._conv
        assert conv is not None
        conv.turns += 1
        if not in_history:
            conv.history.append({"role": "user", "text": text})
        await self._begin_turn(self._take_prompt("TEXT", _text_tokens(text)))

    async def _reply(self, text: str) -> None:
        if self._modality == "TEXT":
            await self._play_text(text)
        else:
            seconds = min(6.0, max(0.6, len(text) * CHIME_S_PER_CHAR))
            await self._play_audio(audio.chime(seconds), text)

    async def _play_audio(self, pcm24: bytes, transcript: str) -> None:
        turn = self._turn
        assert turn is not None
        frames = audio.chunks(pcm24)
        fragments = _fragments(transcript, min(4, max(1, len(frames))))
        at = {round(i * len(frames) / len(fragments)): frag for i, frag in enumerate(fragments)}
        want_transcript = "output_audio_transcription" in self._setup
        start = self._loop.time()
        for i, frame in enumerate(frames):
            delay = start + i * audio.OUTPUT_CHUNK_S - self._loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            await self._send(wire.model_turn([wire.audio_part(frame, audio.OUTPUT_RATE)]))
            seconds = audio.pcm_seconds(frame, audio.OUTPUT_RATE)
            self._record.audio_bytes_out += len(frame)
            turn.audio_out_s += seconds
            turn.response["AUDIO"] = _audio_tokens(turn.audio_out_s)
            if i in at:
                turn.text_out += at[i]
                if want_transcript:
                    await self._send(wire.transcription("outputTranscription", at[i]))
            await self._after_content_frame()

    async def _play_text(self, text: str) -> None:
        turn = self._turn
        assert turn is not None
        for i, piece in enumerate(_fragments(text, max(1, math.ceil(len(text.split()) / 4)))):
            if i:
                await asyncio.sleep(TEXT_PART_INTERVAL_S)
            await self._send(wire.model_turn([{"text": piece}]))
            turn.text_out += piece
            turn.response["TEXT"] = _text_tokens(turn.text_out)
            await self._after_content_frame()

    async def _after_content_frame(self) -> None:
        """Fire a mid-turn fault scenario once, a few frames into the first reply."""
        self._content_frames += 1
        if self._fault_fired or self._content_frames < scenarios.MID_TURN_AFTER_FRAMES:
            return
        if self._scenario == scenarios.DROP_MID_TURN:
            self._fault_fired = True
            self._abort()
            raise _Gone
        if self._scenario == scenarios.CLOSE_1011_MID_TURN:
            self._fault_fired = True
            self._spawn(self._close(1011, scenarios.INTERNAL_ERROR), "close-mid-turn")
            raise _Gone
        if self._scenario == scenarios.MALFORMED_FRAME:
            self._fault_fired = True
            async with self._send_lock:
                with contextlib.suppress(ConnectionClosed):
                    await self._ws.send(scenarios.MALFORMED_PAYLOAD)

    async def _end_turn(self, *, completed: bool) -> None:
        """generationComplete (unless interrupted), turnComplete with usage, resumption handle."""
        turn, self._turn = self._turn, None
        conv = self._conv
        assert conv is not None
        if turn is None:
            turn = _Turn(prompt={})
        if completed:
            await self._send(wire.server_content(generationComplete=True))
        context = dict(conv.context_tokens)
        for modality, tokens in turn.prompt.items():
            _add(context, modality, tokens)
        usage = _usage(context, turn.response, vertex=self._route.platform == VERTEX)
        await self._send({"serverContent": {"turnComplete": True}, "usageMetadata": usage})
        if completed:
            self._record.turns += 1
        if turn.text_out:
            conv.history.append({"role": "model", "text": turn.text_out})
        for modality, tokens in turn.response.items():
            _add(context, modality, tokens)
        conv.context_tokens = self._compress(context)
        if "session_resumption" in self._setup and not self._awaiting_tool:
            await self._send(wire.resumption_update(self._host.issue_handle(conv), resumable=True))

    def _compress(self, context: dict[str, int]) -> dict[str, int]:
        """Sliding-window compression: shrink the context to the target once over the trigger."""
        cwc = self._setup.get("context_window_compression")
        if cwc is None:
            return context
        total = sum(context.values())
        trigger = int(cwc.get("trigger_tokens") or CONTEXT_WINDOW_TOKENS * 0.8)
        if total <= trigger:
            return context
        target = int((cwc.get("sliding_window") or {}).get("target_tokens") or trigger // 2)
        scale = target / total
        return {m: int(t * scale) for m, t in context.items()}

    async def _guard(self, coro: Awaitable[None]) -> None:
        """Run a background step: a closed connection ends it quietly, a bug closes with 1011."""
        try:
            await coro
        except _Gone:
            pass
        except Exception:
            logger.exception("Emulator connection %d: internal error", self._record.id)
            await self._close(1011, scenarios.INTERNAL_ERROR)


# --- helpers ------------------------------------------------------------------------------


def _add(counts: dict[str, int], modality: str, tokens: int) -> None:
    if tokens:
        counts[modality] = counts.get(modality, 0) + tokens


def _audio_tokens(seconds: float) -> int:
    return math.ceil(seconds * AUDIO_TOKENS_PER_S) if seconds > 0 else 0


def _text_tokens(text: str) -> int:
    return max(1, math.ceil(len(text) / 4)) if text else 0


def _usage(prompt: dict[str, int], response: dict[str, int], *, vertex: bool) -> dict[str, Any]:
    p, r = sum(prompt.values()), sum(response.values())

    def details(counts: dict[str, int]) -> list[dict[str, Any]]:
        return [{"modality": m, "tokenCount": c} for m, c in sorted(counts.items()) if c]

    out_key = "candidates" if vertex else "response"
    usage: dict[str, Any] = {
        "promptTokenCount": p,
        f"{out_key}TokenCount": r,
        "totalTokenCount": p + r,
    }
    if prompt:
        usage["promptTokensDetails"] = details(prompt)
    if response:
        usage[f"{out_key}TokensDetails"] = details(response)
    return usage


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    if not isinstance(content, dict):
        return ""
    parts = content.get("parts") or []
    return "".join(str(p.get("text") or "") for p in parts if isinstance(p, dict))


def _fragments(text: str, n: int) -> list[str]:
    """Split ``text`` into about ``n`` pieces on word boundaries that join back to ``text``."""
    words = re.findall(r"\S+\s*", text)
    if not words:
        return [text] if text else []
    n = max(1, min(n, len(words)))
    size = math.ceil(len(words) / n)
    return ["".join(words[i : i + size]) for i in range(0, len(words), size)]


def _query_param(path: str, name: str) -> str:
    from urllib.parse import parse_qs, urlsplit

    values = parse_qs(urlsplit(path).query).get(name)
    return values[0] if values else ""
