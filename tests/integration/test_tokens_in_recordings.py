"""A recorded conversation that used an ephemeral token holds no token and no key, in any file
of the recording folder or in its exports, even when an event's text carried one (a server
reason, an error detail) and nobody passed the secret to the recorder explicitly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from keyring.backends import fail

from live_desktop.core import events as ev
from live_desktop.core.recording import Recorder, export_recording, list_recordings
from live_desktop.core.secrets import KeyStore
from live_desktop.core.session import SessionController
from live_desktop.core.settings import Settings
from live_desktop.core.tokens import TokenSource
from live_desktop.emulator import Emulator
from tests.integration.test_session_controller import Recorder as Events
from tests.token_server import TokenServer

KEY = "key-the-user-keeps-in-env-0099"  # no pattern matches it: only the KeyStore knows it


async def test_a_token_session_recording_and_its_exports_hold_no_secret(
    emulator_factory: Callable[..., Any], emulator_dir: Path, tmp_path: Path
) -> None:
    assert KeyStore(backend=fail.Keyring(), environ={"GEMINI_API_KEY": KEY}).get().key == KEY
    emu: Emulator = await emulator_factory()
    server = await TokenServer(emulator_dir, emu.issue_token).start()
    source = TokenSource(url=server.url(), verify=server.client_ssl_context())
    settings = Settings()
    settings.connection.auth = "ephemeral_token"
    controller = SessionController(
        settings,
        api_key=None,
        base_url=emu.base_url,
        ca_cert=emu.client_ssl_context(),
        key_source=source,
    )
    root = tmp_path / "recordings"
    recorder = Recorder(root, endpoint="Emulator")  # no secrets handed over
    controller.subscribe(recorder.apply)
    events = Events(controller)
    try:
        assert await controller.connect()
        token = server.issued[0]
        assert await controller.send_text("hello")
        await events.wait_for(ev.TurnComplete)
        # Text that carries secrets, as a careless server reason or error detail might.
        controller.report(ev.Notice(f"proxy echoed Authorization: Token {token}"))
        controller.report(
            ev.ErrorEvent(ev.ErrorKind.UNKNOWN, "Something went wrong.", True, f"key={KEY}")
        )
        await controller.disconnect()
    finally:
        await source.aclose()
        await server.stop()
    assert recorder.close()

    [info] = list_recordings(root)
    exports = [
        export_recording(info.path, tmp_path / "conversation.md"),
        export_recording(info.path, tmp_path / "conversation.json"),
    ]
    files = [f for f in info.path.iterdir() if f.is_file()] + exports
    assert any("proxy echoed" in f.read_text("utf-8", "replace") for f in files)  # recorded
    for file in files:
        text = file.read_bytes().decode("utf-8", "replace")
        assert token not in text and "auth_tokens/" not in text, file
        assert KEY not in text, file
