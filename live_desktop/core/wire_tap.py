"""A tap on the Live API WebSocket: every frame the SDK sends and receives, as it is on the wire.

The SDK builds its frames and parses the server's inside ``AsyncSession`` and ``connect()``; the
setup message and ``setupComplete`` never reach the session controller. So the tap sits below
the SDK, in the WebSocket connection itself: websockets' ``connect()`` takes a
``create_connection`` class, the SDK passes on any ``async_client_args`` key that ``connect()``
accepts (``core/client.py`` adds it), and the subclass made here hands each frame to a
:class:`WireTap` after sending it or before returning it.

Everything runs on the asyncio loop's thread, where the SDK sends and receives. A tap that
raises is logged once and never breaks the connection.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, Protocol

log = logging.getLogger(__name__)


class WireTap(Protocol):
    """Receives every frame of a Live API connection (loop thread; keep each call cheap)."""

    def record_handshake(
        self,
        path: str,
        request_headers: Mapping[str, str],
        status: int | None,
        response_headers: Mapping[str, str],
    ) -> None: ...

    def record_sent(self, frame: str | bytes) -> None: ...

    def record_received(self, frame: str | bytes) -> None: ...


def tapped_connection_class(tap: WireTap) -> type[Any]:
    """A websockets ``ClientConnection`` subclass that reports its frames to ``tap``."""
    from websockets.asyncio.client import ClientConnection

    failed = False

    def guarded(call: Any, *args: Any) -> None:
        nonlocal failed
        try:
            call(*args)
        except Exception:
            if not failed:
                failed = True
                log.exception("the wire tap failed; the connection goes on")

    class TappedConnection(ClientConnection):
        async def handshake(self, *args: Any, **kwargs: Any) -> None:
            await super().handshake(*args, **kwargs)
            request, response = self.request, self.response
            guarded(
                tap.record_handshake,
                request.path if request is not None else "",
                dict(request.headers.raw_items()) if request is not None else {},
                response.status_code if response is not None else None,
                dict(response.headers.raw_items()) if response is not None else {},
            )

        async def send(self, message: Any, *args: Any, **kwargs: Any) -> None:
            await super().send(message, *args, **kwargs)
            if isinstance(message, str | bytes):
                guarded(tap.record_sent, message)

        async def recv(self, *args: Any, **kwargs: Any) -> Any:
            frame = await super().recv(*args, **kwargs)
            if isinstance(frame, str | bytes):
                guarded(tap.record_received, frame)
            return frame

    return TappedConnection
