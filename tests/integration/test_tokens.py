"""Ephemeral tokens end to end: the real SDK connects to the emulator with tokens that a local
HTTPS token endpoint hands out (minted by the emulator, so it knows them and their expiry).

What a user would notice: the session opens with a fetched token; after that token expired, the
next connection (one the user makes, or an automatic reconnect) opens with a renewed one; an
expired token is refused with a sentence that says so.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest_asyncio

from live_desktop.core import events as ev
from live_desktop.core.session import SessionController
from live_desktop.core.settings import Settings
from live_desktop.core.tokens import TokenSource
from live_desktop.emulator import SCENARIO_HEADER, Emulator
from tests.integration.test_session_controller import Recorder, until
from tests.token_server import TokenServer

#: Short-lived tokens: the tests wait for them to expire (they assert which token was used,
#: never how long anything took).
LIFETIME_S = 3.0


def _settings() -> Settings:
    settings = Settings()
    settings.connection.auth = "ephemeral_token"
    return settings


@pytest_asyncio.fixture
async def issuing(
    emulator_factory: Callable[..., Any], emulator_dir: Path
) -> AsyncIterator[tuple[Emulator, TokenServer, dict[str, Any]]]:
    emu: Emulator = await emulator_factory()
    terms: dict[str, Any] = {"expire_in_s": 1800.0, "new_session_expire_in_s": 60.0, "uses": 1}
    server = await TokenServer(emulator_dir, lambda: emu.issue_token(**terms)).start()
    yield emu, server, terms
    await server.stop()


def _controller(
    emu: Emulator, source: Callable[[], Any], scenario: str | None = None
) -> tuple[SessionController, Recorder]:
    controller = SessionController(
        _settings(),
        api_key=None,
        base_url=emu.base_url,
        ca_cert=emu.client_ssl_context(),
        headers={SCENARIO_HEADER: scenario} if scenario else None,
        key_source=source,
    )
    return controller, Recorder(controller)


async def test_a_session_opens_with_a_fetched_token_which_then_is_used_up(
    issuing: tuple[Emulator, TokenServer, dict[str, Any]],
) -> None:
    emu, server, _terms = issuing
    source = TokenSource(url=server.url(), verify=server.client_ssl_context())
    controller, rec = _controller(emu, source)
    try:
        assert await controller.connect()
        record = emu.connections[-1]
        assert record.method == "BidiGenerateContentConstrained"
        assert record.api_version == "v1alpha"
        assert len(server.issued) == 1
        await controller.disconnect()

        # The token had one use: offered again for a new session, the service refuses it,
        # and the user reads why.
        first = server.issued[0]

        async def same_token() -> str:
            return first

        replay, replay_rec = _controller(emu, same_token)
        assert not await replay.connect()
        error = replay_rec.of(ev.ErrorEvent)[-1]
        assert error.kind is ev.ErrorKind.AUTHENTICATION
        assert "ephemeral token" in error.message
        assert emu.connections[-1].close_code == 1008
        await replay.disconnect()

        # Live Desktop itself asks for a new one.
        assert await controller.connect()
        assert len(server.issued) == 2
        assert not [e for e in rec.of(ev.ErrorEvent) if e.kind is ev.ErrorKind.AUTHENTICATION]
    finally:
        await controller.disconnect()
        await source.aclose()


async def test_the_next_connection_after_the_token_expired_uses_a_renewed_one(
    issuing: tuple[Emulator, TokenServer, dict[str, Any]],
) -> None:
    emu, server, terms = issuing
    terms.update(expire_in_s=LIFETIME_S, new_session_expire_in_s=None, uses=0)
    source = TokenSource(url=server.url(), verify=server.client_ssl_context())
    controller, _rec = _controller(emu, source)
    try:
        assert await controller.connect()
        await controller.disconnect()
        first = server.issued[0]
        await asyncio.sleep(LIFETIME_S + 0.3)  # the first token expires

        async def expired_token() -> str:
            return first

        stale, stale_rec = _controller(emu, expired_token)
        assert not await stale.connect()
        refused = stale_rec.of(ev.ErrorEvent)[-1]
        assert refused.kind is ev.ErrorKind.AUTHENTICATION
        assert "expired" in emu.connections[-1].close_reason
        await stale.disconnect()

        assert await controller.connect()
        assert server.issued[1] != first
    finally:
        await controller.disconnect()
        await source.aclose()


async def test_an_automatic_reconnect_after_expiry_fetches_a_new_token(
    issuing: tuple[Emulator, TokenServer, dict[str, Any]],
) -> None:
    emu, server, terms = issuing
    terms.update(expire_in_s=LIFETIME_S, new_session_expire_in_s=None, uses=0)
    source = TokenSource(url=server.url(), verify=server.client_ssl_context())
    controller, rec = _controller(emu, source, scenario="drop-mid-turn")
    try:
        assert await controller.connect()
        await asyncio.sleep(LIFETIME_S + 0.3)  # the token of the open session expires
        await controller.send_text("please talk for a while")  # the connection drops mid-reply
        await until(lambda: len(emu.connections) >= 2 and controller.connected, timeout=20)
        assert len(server.issued) == 2  # the reconnect asked for a new token
        assert emu.connections[-1].close_code is None  # and the service took it
        assert not [e for e in rec.of(ev.ErrorEvent) if e.kind is ev.ErrorKind.AUTHENTICATION]
    finally:
        await controller.disconnect()
        await source.aclose()


async def test_a_failing_token_endpoint_is_a_sentence_and_no_connection(
    issuing: tuple[Emulator, TokenServer, dict[str, Any]],
) -> None:
    emu, server, _terms = issuing
    server.mode = "fail"
    source = TokenSource(url=server.url(), verify=server.client_ssl_context())
    controller, rec = _controller(emu, source)
    try:
        before = len(emu.connections)
        assert not await controller.connect()
        error = rec.of(ev.ErrorEvent)[-1]
        assert error.kind is ev.ErrorKind.AUTHENTICATION
        assert error.message == (
            f"The token endpoint {server.url()} answered HTTP 500 Internal Server Error: "
            "“database is down”."
        )
        assert len(emu.connections) == before  # nothing was sent to the service
    finally:
        await controller.disconnect()
        await source.aclose()


async def test_resuming_with_a_used_token_is_allowed_a_new_session_is_not(
    issuing: tuple[Emulator, TokenServer, dict[str, Any]],
) -> None:
    emu, _server, _terms = issuing
    token = emu.issue_token(uses=1)["name"]

    async def same_token() -> str:
        return token

    controller, rec = _controller(emu, same_token)
    try:
        assert await controller.connect()
        assert await controller.send_text("remember this")
        await rec.wait_for(ev.ResumptionUpdate, lambda e: e.resumable)
        await controller.disconnect()
        # Resuming the conversation is not a new use of the token (as at the service) ...
        assert await controller.connect(resume=True)
        assert rec.of(ev.SetupComplete)[-1].resumed
        await controller.disconnect()
        # ... but a new conversation is, and the token had one.
        assert not await controller.connect()
        assert rec.of(ev.ErrorEvent)[-1].kind is ev.ErrorKind.AUTHENTICATION
        assert "no uses left" in emu.connections[-1].close_reason
    finally:
        await controller.disconnect()
