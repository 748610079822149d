"""A tiny local HTTP server standing for a user's webhook, for the tool tests.

Plain asyncio streams (HTTP/1.1, one request per connection), so a test sees exactly what
Live Desktop sent and when it gave up. Paths:

- ``/answer``: 200, JSON ``{"output": {"echo": <the arguments>, "by": "webhook"}}``
- ``/scalar``: 200, JSON ``42``
- ``/slow``: never answers; records when the client closes the connection (``disconnected``)
- ``/html``: 200, ``text/html`` that is not JSON
- ``/empty``: 200 with no body
- ``/fail``: 500 with a short text body
- ``/moved``: 307 to ``/answer`` with no body (as web frameworks redirect a missing slash)
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class WebhookServer:
    requests: list[Request] = field(default_factory=list)
    disconnected: asyncio.Event = field(default_factory=asyncio.Event)
    port: int = 0
    _server: asyncio.Server | None = None

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    async def start(self) -> WebhookServer:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 2)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, path, _ = lines[0].split(" ", 2)
            headers = {}
            for line in lines[1:]:
                if ":" in line:
                    key, value = line.split(":", 1)
                    headers[key.strip().lower()] = value.strip()
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            self.requests.append(Request(method, path, headers, body))
            if path == "/slow":
                # Wait for the client to give up: read() returns b"" when it closes.
                await reader.read(1)
                self.disconnected.set()
                return
            status, kind, payload = self._reply(path, body)
            location = "Location: /answer\r\n" if path == "/moved" else ""
            writer.write(
                f"HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {len(payload)}"
                f"\r\n{location}Connection: close\r\n\r\n".encode()
                + payload
            )
            await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            self.disconnected.set()
        finally:
            writer.close()

    @staticmethod
    def _reply(path: str, body: bytes) -> tuple[str, str, bytes]:
        if path == "/answer":
            answer = {"output": {"echo": json.loads(body or b"{}"), "by": "webhook"}}
            return "200 OK", "application/json", json.dumps(answer).encode()
        if path == "/scalar":
            return "200 OK", "application/json", b"42"
        if path == "/html":
            return "200 OK", "text/html; charset=utf-8", b"<html><body>Not JSON</body></html>"
        if path == "/empty":
            return "200 OK", "application/json", b""
        if path == "/moved":
            return "307 Temporary Redirect", "text/plain", b""
        return "500 Internal Server Error", "text/plain", b"database is down"
