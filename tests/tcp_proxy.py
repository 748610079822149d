"""A TCP proxy in front of the emulator that can stall for real: it stops reading and writing.

The emulator's own ``stall`` scenario cannot create backpressure (something in websockets' or
asyncio's TLS layer keeps draining the socket), so a stalled *server* is emulated one level down:
the proxy stops forwarding in both directions and stops reading its client socket, so the kernel
buffers fill and the client's writes block exactly as they would against a frozen service. TLS
passes through untouched (the emulator's certificate names 127.0.0.1).
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field


@dataclass(eq=False)
class _Pair:
    client: asyncio.StreamWriter
    upstream: asyncio.StreamWriter
    pumps: list[asyncio.Task[None]] = field(default_factory=list)


class StallingProxy:
    """``async with StallingProxy(port) as proxy``: ``proxy.base_url``; ``proxy.stall()``."""

    def __init__(self, upstream_port: int, host: str = "127.0.0.1") -> None:
        self.upstream_port = upstream_port
        self.host = host
        self.port = 0
        self.connections = 0
        self._server: asyncio.Server | None = None
        self._pairs: set[_Pair] = set()
        self._stall_next = 0

    @property
    def base_url(self) -> str:
        return f"https://{self.host}:{self.port}"

    async def __aenter__(self) -> StallingProxy:
        self._server = await asyncio.start_server(self._accept, self.host, 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *_: object) -> None:
        if self._server is not None:
            self._server.close()
        for pair in list(self._pairs):
            self._close(pair)
        if self._server is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._server.wait_closed(), 2)

    def stall(self) -> int:
        """Freeze every open connection: nothing is read or forwarded any more. Returns how many
        were frozen. Connections opened later pass normally (unless ``stall_next``)."""
        for pair in self._pairs:
            self._freeze(pair)
        return len(self._pairs)

    def stall_next(self, count: int = 1) -> None:
        """Freeze the next ``count`` connections as soon as they open (a reconnect that hangs)."""
        self._stall_next = count

    def _freeze(self, pair: _Pair) -> None:
        for pump in pair.pumps:
            pump.cancel()
        # Stop reading the client's bytes: its socket buffer fills and its writes block.
        with contextlib.suppress(Exception):
            pair.client.transport.pause_reading()  # type: ignore[attr-defined]
        with contextlib.suppress(Exception):
            pair.upstream.transport.pause_reading()  # type: ignore[attr-defined]

    def _close(self, pair: _Pair) -> None:
        for pump in pair.pumps:
            pump.cancel()
        pair.client.transport.abort()
        pair.upstream.transport.abort()
        self._pairs.discard(pair)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            up_reader, up_writer = await asyncio.open_connection(self.host, self.upstream_port)
        except OSError:
            writer.transport.abort()
            return
        pair = _Pair(writer, up_writer)
        self._pairs.add(pair)
        if self._stall_next > 0:
            self._stall_next -= 1
            self._freeze(pair)
            return
        pair.pumps = [
            asyncio.create_task(self._pump(reader, up_writer, pair)),
            asyncio.create_task(self._pump(up_reader, writer, pair)),
        ]

    async def _pump(
        self, source: asyncio.StreamReader, sink: asyncio.StreamWriter, pair: _Pair
    ) -> None:
        try:
            while data := await source.read(65536):
                sink.write(data)
                await sink.drain()
        except (ConnectionError, OSError):
            pass
        # One side closed: close the other (unless frozen, when the pumps are cancelled).
        if pair in self._pairs:
            self._close(pair)
