"""A local HTTPS token endpoint, standing for the user's own server, for the token tests.

Real TLS (the emulator's self-signed certificate for 127.0.0.1) over plain asyncio streams
(HTTP/1.1, one request per connection), so a test sees exactly what Live Desktop sent. Every
request gets the reply of the current ``mode``:

- ``ok``: 200 with the JSON ``issue()`` returns (by default the emulator's ``issue_token``, so
  the token really opens a session there)
- ``snake``: the same with snake_case keys (``expire_time``...), as ``AuthToken.model_dump()``
- ``fail``: 500 "database is down"
- ``html``: 200 ``text/html`` that is not JSON
- ``no-name``: 200 JSON without a token
- ``not-token``: 200 JSON whose ``name`` is not an ``auth_tokens/`` token
- ``expired``: 200 with a token whose times have passed
- ``redirect``: 302 to ``/elsewhere``
- ``slow``: never answers (the client's timeout trips)
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from live_desktop.emulator import certs


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class TokenServer:
    cert_dir: Path
    issue: Callable[[], dict[str, Any]]
    mode: str = "ok"
    requests: list[Request] = field(default_factory=list)
    issued: list[str] = field(default_factory=list)
    port: int = 0
    _server: asyncio.Server | None = None
    _open: set[asyncio.StreamWriter] = field(default_factory=set)

    @property
    def cert_path(self) -> Path:
        return certs.ensure_certificate(self.cert_dir).cert_path

    def client_ssl_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.cert_path))

    def url(self, path: str = "/token") -> str:
        return f"https://127.0.0.1:{self.port}{path}"

    async def start(self) -> TokenServer:
        pair = certs.ensure_certificate(self.cert_dir)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(pair.cert_path, pair.key_path)
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0, ssl=context)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            for writer in list(self._open):
                writer.transport.abort()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 2)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._open.add(writer)
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
            if self.mode == "slow":
                await reader.read(1)  # until the client gives up
                return
            status, kind, payload, extra = self._reply()
            writer.write(
                f"HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {len(payload)}"
                f"\r\n{extra}Connection: close\r\n\r\n".encode()
                + payload
            )
            await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError):
            pass
        finally:
            self._open.discard(writer)
            writer.close()

    def _reply(self) -> tuple[str, str, bytes, str]:
        def ok(data: dict[str, Any]) -> tuple[str, str, bytes, str]:
            return "200 OK", "application/json", json.dumps(data).encode(), ""

        mode = self.mode
        if mode in ("ok", "snake"):
            data = self.issue()
            self.issued.append(data["name"])
            if mode == "snake":
                data = {
                    "name": data["name"],
                    "expire_time": data["expireTime"],
                    "new_session_expire_time": data["newSessionExpireTime"],
                    "uses": data.get("uses"),
                }
            return ok(data)
        if mode == "fail":
            return "500 Internal Server Error", "text/plain", b"database is down", ""
        if mode == "html":
            return "200 OK", "text/html", b"<html><body>Sign in</body></html>", ""
        if mode == "no-name":
            return ok({"expireTime": "2099-01-01T00:00:00Z"})
        if mode == "not-token":
            return ok({"name": "AIzaSyNOT-A-TOKEN-0123456789abcdefghijk"})
        if mode == "expired":
            past = datetime.now(UTC) - timedelta(minutes=5)
            stamp = past.isoformat().replace("+00:00", "Z")
            return ok(
                {"name": "auth_tokens/old", "expireTime": stamp, "newSessionExpireTime": stamp}
            )
        if mode == "redirect":
            return "302 Found", "text/plain", b"", "Location: /elsewhere\r\n"
        raise AssertionError(f"unknown token server mode {mode!r}")
