"""A real session at DEBUG logs no key and no token: the SDK and websockets echo the upgrade
request's headers at DEBUG, and the app's formatter must catch them.

The loggers the app normally keeps at INFO (websockets, google_genai, httpx) are turned to DEBUG
here too, as a user chasing a problem might; the file must still hold no secret.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from keyring.backends import fail

from live_desktop.core import events as ev
from live_desktop.core.secrets import KeyStore
from live_desktop.core.session import SessionController
from live_desktop.core.settings import Settings
from live_desktop.core.tokens import TokenSource
from live_desktop.emulator import Emulator
from tests.core.test_redaction import app_logging  # noqa: F401 - the fixture
from tests.integration.test_session_controller import Recorder
from tests.token_server import TokenServer

CHATTY = ("websockets", "google_genai", "httpx", "httpx2", "httpcore", "live_desktop")


@pytest.fixture
def everything_at_debug(app_logging: Path) -> Path:  # noqa: F811 - the imported fixture
    for name in CHATTY:
        logging.getLogger(name).setLevel(logging.DEBUG)
    yield app_logging
    for name in CHATTY:
        logging.getLogger(name).setLevel(logging.NOTSET)


async def _one_turn(controller: SessionController) -> None:
    rec = Recorder(controller)
    assert await controller.connect()
    await controller.send_text("hello")
    await rec.wait_for(ev.TurnComplete)
    await controller.disconnect()


def _read(path: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "key", ["AIzaSyKEYSTORE-0123456789abcdefghijklm", "a-key-no-pattern-knows-42"]
)
async def test_a_session_with_a_key_from_the_keystore_logs_no_key(
    everything_at_debug: Path, emulator: Emulator, key: str
) -> None:
    lookup = KeyStore(backend=fail.Keyring(), environ={"GEMINI_API_KEY": key}).get()
    assert lookup.key == key
    controller = SessionController(
        Settings(),
        api_key=lookup.key,
        base_url=emulator.base_url,
        ca_cert=emulator.client_ssl_context(),
    )
    await _one_turn(controller)
    text = _read(everything_at_debug)
    assert "x-goog-api-key" in text.lower()  # the header was logged: redacted, not absent
    assert key not in text


async def test_a_session_with_a_fetched_token_logs_no_token(
    everything_at_debug: Path,
    emulator_factory: Callable[..., Any],
    emulator_dir: Path,
) -> None:
    emu: Emulator = await emulator_factory()
    server = await TokenServer(emulator_dir, lambda: emu.issue_token(uses=1)).start()
    source = TokenSource(
        url=server.url(),
        verify=server.client_ssl_context(),
        header=("Authorization", "Bearer backend-login-secret-0042"),
    )
    settings = Settings()
    settings.connection.auth = "ephemeral_token"
    controller = SessionController(
        settings,
        api_key=None,
        base_url=emu.base_url,
        ca_cert=emu.client_ssl_context(),
        key_source=source,
    )
    try:
        await _one_turn(controller)
    finally:
        await source.aclose()
        await server.stop()
    text = _read(everything_at_debug)
    assert "authorization" in text.lower()
    assert server.issued and server.issued[0] not in text
    assert "auth_tokens/" not in text
    assert "backend-login-secret-0042" not in text
