"""The app's token wiring (``app.wire_tokens``) with the real controller, SDK, emulator and a
local HTTPS token endpoint: the settings decide where each connection's token comes from."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest_asyncio

from live_desktop.app import Endpoint, wire_tokens
from live_desktop.core import events as ev
from live_desktop.core.secrets import KeyStore
from live_desktop.core.session import SessionController
from live_desktop.core.settings import Settings
from live_desktop.emulator import Emulator
from tests.core.test_secrets import MemoryKeyring
from tests.integration.test_session_controller import Recorder
from tests.token_server import TokenServer


@pytest_asyncio.fixture
async def setup(
    emulator_factory: Callable[..., Any], emulator_dir: Path
) -> AsyncIterator[tuple[Emulator, TokenServer]]:
    emu: Emulator = await emulator_factory()
    server = await TokenServer(emulator_dir, emu.issue_token).start()
    yield emu, server
    await server.stop()


def _wire(
    emu: Emulator, server: TokenServer, settings: Settings, store: KeyStore
) -> tuple[SessionController, Any, Any]:
    controller = SessionController(
        settings, api_key=None, base_url=emu.base_url, ca_cert=emu.client_ssl_context()
    )
    endpoint = Endpoint("Custom endpoint", False, None, emu.base_url)
    source, refresh = wire_tokens(controller, settings, store, endpoint, ca_cert=server.cert_path)
    return controller, source, refresh


async def test_with_a_token_endpoint_each_connection_fetches_a_token(
    setup: tuple[Emulator, TokenServer],
) -> None:
    emu, server = setup
    settings = Settings()
    settings.connection.auth = "ephemeral_token"
    settings.connection.token_url = server.url()
    controller, source, _refresh = _wire(
        emu, server, settings, KeyStore.for_token(backend=MemoryKeyring())
    )
    try:
        assert await controller.connect()
        assert emu.connections[-1].method == "BidiGenerateContentConstrained"
        await controller.disconnect()
        assert await controller.connect()  # the first token had one use: a second one
        assert len(server.issued) >= 2
    finally:
        await controller.disconnect()
        await source.aclose()


async def test_without_an_endpoint_the_pasted_token_from_the_keyring_is_used(
    setup: tuple[Emulator, TokenServer],
) -> None:
    emu, server = setup
    store = KeyStore.for_token(backend=MemoryKeyring())
    store.set(emu.issue_token()["name"])
    settings = Settings()
    settings.connection.auth = "ephemeral_token"
    controller, source, _refresh = _wire(emu, server, settings, store)
    try:
        assert await controller.connect()
        assert server.requests == []  # nothing fetched
    finally:
        await controller.disconnect()
        await source.aclose()


async def test_nothing_to_use_is_a_sentence_and_switching_to_a_key_stops_using_tokens(
    setup: tuple[Emulator, TokenServer],
) -> None:
    emu, server = setup
    settings = Settings()
    settings.connection.auth = "ephemeral_token"
    controller, source, refresh = _wire(
        emu, server, settings, KeyStore.for_token(backend=MemoryKeyring())
    )
    rec = Recorder(controller)
    try:
        assert not await controller.connect()
        error = rec.of(ev.ErrorEvent)[-1]
        assert error.kind is ev.ErrorKind.AUTHENTICATION
        assert error.message.startswith("No ephemeral token is set")

        settings.connection.auth = "api_key"  # as the settings dialog applies it
        refresh()
        assert controller.key_source is None
    finally:
        await controller.disconnect()
        await source.aclose()
