"""The emulator server: a TLS WebSocket endpoint at the Live API's paths.

``Emulator`` runs on the caller's event loop (tests, CLI); ``EmulatorThread`` runs one on its own
thread and loop, so a GUI's loop never does the emulator's work.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import re
import secrets
import ssl
import threading
import time
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.http11 import Request, Response

from . import certs, scenarios, wire
from .agent import LiveConnection, Route
from .models import GEMINI, VERTEX
from .records import ConnectionRecord, Conversation

logger = logging.getLogger(__name__)

HANDLE_TTL_S = 2 * 60 * 60.0  # resumption handles stay valid about 2 hours after issue
MAX_HANDLES = 2000
MAX_FRAME_BYTES = 16 * 2**20
CLOSE_TIMEOUT_S = 2.0

_GEMINI_PATH = re.compile(
    r"^/ws/google\.ai\.generativelanguage\.(v1|v1beta|v1alpha)\.GenerativeService\."
    r"(BidiGenerateContent|BidiGenerateContentConstrained)$"
)
_VERTEX_PATH = re.compile(
    r"^/ws/google\.cloud\.aiplatform\.(v1|v1beta1)\.LlmBidiService/(BidiGenerateContent)$"
)


_SECRET_HEADERS = frozenset({"x-goog-api-key", "authorization", "cookie", "proxy-authorization"})
_SECRET_QUERY = re.compile(r"([?&](?:key|access_token)=)[^&\s]*", re.IGNORECASE)


class _RedactingLogger(logging.LoggerAdapter):  # type: ignore[type-arg]
    """Hands websockets a logger that never writes keys (its DEBUG output lists headers)."""

    def log(self, level: int, msg: object, *args: object, **kwargs: Any) -> None:
        if not self.isEnabledFor(level):
            return
        if (
            msg in ("< %s: %s", "> %s: %s")
            and len(args) == 2
            and str(args[0]).lower() in _SECRET_HEADERS
        ):
            args = (args[0], "[redacted]")
        args = tuple(
            _SECRET_QUERY.sub(r"\1[redacted]", a) if isinstance(a, str) else a for a in args
        )
        self.logger.log(level, msg, *args, **kwargs)


def _rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def parse_route(raw_path: str) -> Route | None:
    """Map a request path to the endpoint it names, or ``None`` if the service has no such path."""
    path = re.sub(r"/{2,}", "/", raw_path.split("?", 1)[0])
    match = _GEMINI_PATH.match(path)
    if match:
        return Route(path, GEMINI, match.group(1), match.group(2))
    match = _VERTEX_PATH.match(path)
    if match:
        return Route(path, VERTEX, match.group(1), match.group(2))
    return None


def _check_scenario(name: str | None) -> str | None:
    if name is not None and name not in scenarios.SCENARIOS:
        known = ", ".join(sorted(scenarios.SCENARIOS))
        raise ValueError(f"unknown emulator scenario {name!r}; known: {known}")
    return name


@dataclass
class _IssuedToken:
    expire_time: datetime
    new_session_expire_time: datetime
    uses: int  # 0: no limit
    used: int = 0


class Emulator:
    """A local Live API service on a TLS WebSocket; use as ``async with Emulator() as emu``.

    Runs on the event loop that starts it; all its state is touched from that loop only (other
    threads may read ``connections``/``setups``).
    """

    _running: ClassVar[weakref.WeakSet[Emulator]] = weakref.WeakSet()

    def __init__(
        self,
        scenario: str | None = None,
        time_scale: float = 1.0,
        bad_keys: Iterable[str] = frozenset(),
        connection_lifetime_s: float = 600.0,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        data_dir: str | Path | None = None,
    ) -> None:
        if time_scale <= 0:
            raise ValueError("time_scale must be positive")
        if connection_lifetime_s <= 0:
            raise ValueError("connection_lifetime_s must be positive")
        self._scenario = _check_scenario(scenario)
        self.time_scale = float(time_scale)
        self.bad_keys = frozenset(bad_keys)
        self.connection_lifetime_s = float(connection_lifetime_s)
        self.host = host
        self._requested_port = port
        self._data_dir = Path(data_dir) if data_dir is not None else None
        self.connections: list[ConnectionRecord] = []
        self.setups: list[dict[str, Any]] = []
        self.stopping = asyncio.Event()
        self._server: Server | None = None
        self._pair: certs.CertificatePair | None = None
        self._port: int | None = None
        self._ids = itertools.count(1)
        self._handles: dict[str, tuple[Conversation, float]] = {}
        self._tokens: dict[str, _IssuedToken] = {}
        self._handlers: set[asyncio.Task[Any]] = set()
        self._live: dict[int, ServerConnection] = {}
        self._agents: dict[int, LiveConnection] = {}
        self.stalled: set[ServerConnection] = set()
        #: The server-wide scenario applies to this many connections from when it was set, then
        #: none (None: to all). A fault then hits the first connection and not the reconnect.
        self.scenario_connections: int | None = None
        self._scenario_used = 0

    # --- public API -----------------------------------------------------------------------

    @property
    def scenario(self) -> str | None:
        """Scenario for connections opened from now on (a request header overrides it)."""
        return self._scenario

    @scenario.setter
    def scenario(self, name: str | None) -> None:
        self._scenario = _check_scenario(name)
        self._scenario_used = 0

    def inject(self, scenario: str) -> int:
        """Put every open connection into a mid-turn scenario (drop-mid-turn,
        close-1011-mid-turn, malformed-frame): it fires during the next reply. Returns how many
        connections were affected. Call on the emulator's loop."""
        if scenario not in scenarios.MID_TURN_SCENARIOS:
            raise ValueError(f"{scenario!r} cannot be injected into a live connection")
        for agent in self._agents.values():
            agent.inject(scenario)
        return len(self._agents)

    def _scenario_for_new_connection(self) -> str | None:
        if self._scenario is None or self.scenario_connections is None:
            return self._scenario
        if self._scenario_used >= self.scenario_connections:
            return None
        self._scenario_used += 1
        return self._scenario

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("emulator is not running")
        return self._port

    @property
    def base_url(self) -> str:
        host = self.host
        if host in ("", "0.0.0.0"):
            host = "127.0.0.1"
        elif host == "::":
            host = "::1"
        if ":" in host:
            host = f"[{host}]"
        return f"https://{host}:{self.port}"

    @property
    def cert_path(self) -> Path:
        if self._pair is None:
            self._pair = certs.ensure_certificate(self._data_dir)
        return self._pair.cert_path

    def client_ssl_context(self) -> ssl.SSLContext:
        """An SSL context that trusts this emulator's certificate (and nothing else)."""
        return ssl.create_default_context(cafile=str(self.cert_path))

    @property
    def running(self) -> bool:
        return self._server is not None

    async def start(self) -> Emulator:
        if self._server is not None:
            return self
        cert_path = self.cert_path
        assert self._pair is not None
        server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        server_ctx.load_cert_chain(cert_path, self._pair.key_path)
        if self.host not in ("127.0.0.1", "localhost", "::1"):
            logger.warning(
                "Emulator listening on %s: not loopback, and the certificate only names "
                "127.0.0.1, ::1 and localhost",
                self.host,
            )
        self.stopping = asyncio.Event()
        self._server = await serve(
            self._handle,
            self.host,
            self._requested_port,
            ssl=server_ctx,
            process_request=self._process_request,
            # The service's own keepalive is not modelled; pinging would defeat "stall".
            ping_interval=None,
            close_timeout=CLOSE_TIMEOUT_S,
            max_size=MAX_FRAME_BYTES,
            server_header="live-desktop-emulator",
            logger=_RedactingLogger(logging.getLogger(f"{__name__}.websockets"), {}),
        )
        sockname = next(iter(self._server.sockets)).getsockname()
        self._port = int(sockname[1])
        Emulator._running.add(self)
        logger.info(
            "Emulator listening on %s (scenario=%s, time_scale=%g, lifetime=%gs)",
            self.base_url,
            self._scenario,
            self.time_scale,
            self.connection_lifetime_s,
        )
        return self

    async def stop(self) -> None:
        """Close every connection (1001, or abort if stalled), stop listening, wait for handlers."""
        server, self._server = self._server, None
        if server is None:
            return
        self.stopping.set()
        for ws in list(self.stalled):  # a stalled service sends nothing, not even a close
            ws.transport.abort()
        server.close(close_connections=True)
        try:
            await asyncio.wait_for(server.wait_closed(), CLOSE_TIMEOUT_S * 2)
        except TimeoutError:
            logger.warning("Emulator: connections did not close in time; aborting them")
            for ws in list(self._live.values()):
                ws.transport.abort()
            for task in list(self._handlers):
                task.cancel()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(server.wait_closed(), CLOSE_TIMEOUT_S)
        Emulator._running.discard(self)
        logger.info("Emulator on port %s stopped", self._port)

    async def __aenter__(self) -> Emulator:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    async def wait_for_connections(
        self,
        n: int,
        timeout: float = 5.0,  # noqa: ASYNC109 - the documented contract
    ) -> list[ConnectionRecord]:
        """Wait until at least ``n`` connections have been opened; return them all."""
        await self.wait_until(lambda: len(self.connections) >= n, timeout)
        return list(self.connections)

    async def wait_until(
        self,
        predicate: Callable[[], bool],
        timeout: float = 5.0,  # noqa: ASYNC109 - mirrors wait_for_connections
    ) -> None:
        """Poll ``predicate`` (every 10 ms) until true; raise ``TimeoutError`` after ``timeout``."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() >= deadline:
                raise TimeoutError(f"condition not met within {timeout} s")
            await asyncio.sleep(0.01)

    def issue_token(
        self,
        expire_in_s: float = 30 * 60.0,
        new_session_expire_in_s: float | None = 60.0,
        uses: int = 1,
    ) -> dict[str, Any]:
        """Mint an ephemeral token, as ``client.auth_tokens.create`` would; returns its JSON.

        ``{"name": "auth_tokens/...", "expireTime": ..., "newSessionExpireTime": ..., "uses":
        ...}`` (RFC 3339 UTC, wall clock, not scaled). Once a token was issued, the
        ``BidiGenerateContentConstrained`` method accepts only tokens issued here, each for
        ``uses`` new sessions (0: any number; resuming does not count) until its times pass.
        """
        now = datetime.now(UTC)
        expire = now + timedelta(seconds=expire_in_s)
        new_session = (
            expire
            if new_session_expire_in_s is None
            else min(expire, now + timedelta(seconds=new_session_expire_in_s))
        )
        name = "auth_tokens/" + secrets.token_hex(32)
        self._tokens[name] = _IssuedToken(expire, new_session, uses)
        return {
            "name": name,
            "expireTime": _rfc3339(expire),
            "newSessionExpireTime": _rfc3339(new_session),
            "uses": uses,
        }

    # --- used by connections --------------------------------------------------------------

    def check_token(self, token: str, *, resuming: bool) -> str | None:
        """Why the service would refuse ``token`` for this session (a close reason), or None."""
        if not self._tokens:
            return None  # this emulator issued none: any token is accepted, as any key is
        issued = self._tokens.get(token)
        if issued is None:
            return scenarios.TOKEN_INVALID
        now = datetime.now(UTC)
        if now >= issued.expire_time or (not resuming and now >= issued.new_session_expire_time):
            return scenarios.TOKEN_EXPIRED
        if not resuming:
            if issued.uses and issued.used >= issued.uses:
                return scenarios.TOKEN_INVALID
            issued.used += 1
        return None

    def issue_handle(self, conversation: Conversation) -> str:
        handle = secrets.token_urlsafe(32)
        now = time.monotonic()
        self._handles[handle] = (conversation.snapshot(), now)
        # Handles are kept in issue order: drop expired ones and bound the total.
        ttl = HANDLE_TTL_S / self.time_scale
        for old, (_conv, issued) in list(self._handles.items()):
            if now - issued <= ttl and len(self._handles) <= MAX_HANDLES:
                break
            del self._handles[old]
        return handle

    def resume(self, handle: str) -> Conversation | None:
        entry = self._handles.get(handle)
        if entry is None:
            return None
        conversation, issued = entry
        if time.monotonic() - issued > HANDLE_TTL_S / self.time_scale:
            del self._handles[handle]
            return None
        return conversation.snapshot()

    # --- server internals -----------------------------------------------------------------

    def _process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        if parse_route(request.path) is None:
            logger.info("Emulator: 404 for %s", request.path.split("?", 1)[0])
            return connection.respond(404, "Not Found\n")
        return None

    async def _handle(self, ws: ServerConnection) -> None:
        request = ws.request
        assert request is not None
        route = parse_route(request.path)
        assert route is not None
        task = asyncio.current_task()
        if task is not None:
            self._handlers.add(task)
        record = ConnectionRecord(
            id=next(self._ids),
            path=route.path,
            api_version=route.api_version,
            method=route.method,
            platform=route.platform,
        )
        self.connections.append(record)
        header_scenario = request.headers.get(scenarios.SCENARIO_HEADER)
        record.extensions_offered = request.headers.get("Sec-WebSocket-Extensions")
        self._live[record.id] = ws
        try:
            if header_scenario is not None and header_scenario not in scenarios.SCENARIOS:
                record.scenario = header_scenario
                reason = wire.close_reason(f"Unknown emulator scenario {header_scenario!r}.")
                record.close_code, record.close_reason = 1008, reason
                # Read the setup first, as a service would, so the client sees the close reason.
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(ws.recv(), CLOSE_TIMEOUT_S)
                await ws.close(1008, reason)
                return
            record.scenario = (
                header_scenario
                if header_scenario is not None
                else self._scenario_for_new_connection()
            )
            logger.info(
                "Emulator connection %d: %s %s %s scenario=%s",
                record.id,
                route.platform,
                route.api_version,
                route.method,
                record.scenario,
            )
            agent = LiveConnection(self, ws, record, route, record.scenario)
            self._agents[record.id] = agent
            await agent.run()
        finally:
            self._live.pop(record.id, None)
            self._agents.pop(record.id, None)
            if task is not None:
                self._handlers.discard(task)


class EmulatorThread:
    """An :class:`Emulator` on its own thread and event loop.

    ``start()`` and ``stop()`` are called from the owning thread (e.g. the Qt main thread);
    the emulator's work never runs on the caller's loop.
    """

    def __init__(
        self,
        scenario: str | None = None,
        time_scale: float = 1.0,
        bad_keys: Iterable[str] = frozenset(),
        connection_lifetime_s: float = 600.0,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        data_dir: str | Path | None = None,
    ) -> None:
        self._emulator = Emulator(
            scenario=scenario,
            time_scale=time_scale,
            bad_keys=bad_keys,
            connection_lifetime_s=connection_lifetime_s,
            host=host,
            port=port,
            data_dir=data_dir,
        )
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop_event: asyncio.Event | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None

    def start(self, timeout: float = 15.0) -> EmulatorThread:
        """Start serving; returns once the emulator listens (raises what startup raised)."""
        if self._thread is not None:
            return self
        self._thread = threading.Thread(target=self._run, name="live-desktop-emulator", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise TimeoutError("emulator thread did not start in time")
        if self._error is not None:
            self._thread.join(timeout)
            self._thread = None
            raise self._error
        return self

    def stop(self, timeout: float = 15.0) -> None:
        """Stop the emulator and join its thread."""
        thread, self._thread = self._thread, None
        if thread is None:
            return
        loop, stop_event = self._loop, self._stop_event
        if loop is not None and stop_event is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(stop_event.set)
        thread.join(timeout)
        if thread.is_alive():
            raise TimeoutError("emulator thread did not stop in time")

    def __enter__(self) -> EmulatorThread:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _run(self) -> None:
        async def main() -> None:
            self._loop = asyncio.get_running_loop()
            self._stop_event = asyncio.Event()
            try:
                await self._emulator.start()
            except BaseException as exc:
                self._error = exc
                self._ready.set()
                return
            self._ready.set()
            try:
                await self._stop_event.wait()
            finally:
                await self._emulator.stop()

        try:
            asyncio.run(main())
        except BaseException as exc:  # reported to start() or logged
            if not self._ready.is_set():
                self._error = exc
                self._ready.set()
            else:
                logger.exception("Emulator thread failed")

    # Forwarded read-only views of the emulator.
    @property
    def emulator(self) -> Emulator:
        return self._emulator

    @property
    def base_url(self) -> str:
        return self._emulator.base_url

    @property
    def port(self) -> int:
        return self._emulator.port

    @property
    def cert_path(self) -> Path:
        return self._emulator.cert_path

    def client_ssl_context(self) -> ssl.SSLContext:
        return self._emulator.client_ssl_context()

    @property
    def connections(self) -> list[ConnectionRecord]:
        return self._emulator.connections

    @property
    def setups(self) -> list[dict[str, Any]]:
        return self._emulator.setups

    @property
    def scenario(self) -> str | None:
        return self._emulator.scenario

    @scenario.setter
    def scenario(self, name: str | None) -> None:
        # A plain attribute write; connections read it when they open.
        self._emulator.scenario = name

    def inject(self, scenario: str, timeout: float = 5.0) -> int:
        """``Emulator.inject`` from any thread: open connections fault during their next reply."""
        if self._loop is None:
            raise RuntimeError("emulator is not running")

        async def on_loop() -> int:
            return self._emulator.inject(scenario)

        return asyncio.run_coroutine_threadsafe(on_loop(), self._loop).result(timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wait_for_connections(self, n: int, timeout: float = 5.0) -> list[ConnectionRecord]:
        """Block the calling thread until ``n`` connections have been opened."""
        deadline = time.monotonic() + timeout
        while len(self._emulator.connections) < n:
            if time.monotonic() >= deadline:
                raise TimeoutError(f"{n} connections not opened within {timeout} s")
            time.sleep(0.01)
        return list(self._emulator.connections)
