"""The window as a person uses it: offline banner, connect, type, read the reply, see errors."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt

from live_desktop.core.events import ConnectionState
from live_desktop.core.session import SessionController
from live_desktop.core.settings import Settings
from live_desktop.emulator import Emulator
from live_desktop.ui.conversation import ConversationViewModel
from live_desktop.ui.main_window import MainWindow


async def wait_until(predicate: object, timeout: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():  # type: ignore[operator]
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


def make_window(emulator: Emulator, *, label: str, offline: bool) -> MainWindow:
    controller = SessionController(
        Settings(),
        api_key="test-key",
        base_url=emulator.base_url,
        ca_cert=emulator.client_ssl_context(),
    )
    win = MainWindow(ConversationViewModel(controller), endpoint_label=label, offline=offline)
    win.show()
    return win


@pytest.fixture
async def window(qapp: object, emulator: Emulator) -> AsyncIterator[MainWindow]:
    win = make_window(emulator, label="Offline loopback", offline=True)
    yield win
    await win.conversation.shutdown()
    win.close()


async def test_offline_banner_explains_the_mode_and_offers_a_key(window: MainWindow) -> None:
    assert window.offline_banner.isVisible()
    assert "Offline loopback" in window.offline_banner.label.text()
    assert window.offline_banner.button.text() == "Add API key…"
    assert "Offline loopback" in window.windowTitle()
    assert window.state_label.text() == "Disconnected"
    assert not window.send_button.isEnabled()


async def test_typed_message_is_answered_in_the_transcript(
    window: MainWindow, qtbot: object
) -> None:
    window.connect_button.click()
    await wait_until(lambda: window.state_label.text() == "Connected")
    assert not window.connect_button.isEnabled() and window.disconnect_button.isEnabled()

    window.text_input.setText("hello from the test")
    qtbot.keyClick(window.text_input, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert window.text_input.text() == ""
    text = window.transcript_view.toPlainText
    await wait_until(lambda: "You said: hello from the test" in text())
    turns = window.conversation.transcript.turns
    await wait_until(lambda: not turns[-1].open)
    assert window.transcript_view.plain_turn_text(0).startswith("You")
    assert "hello from the test" in window.transcript_view.plain_turn_text(0)
    assert window.transcript_view.plain_turn_text(1).startswith("Gemini")
    await wait_until(lambda: window.tokens_status.text().startswith("Tokens:"))

    window.disconnect_button.click()
    await wait_until(lambda: window.state_label.text() == "Disconnected")


async def test_a_startup_notice_survives_connecting(window: MainWindow) -> None:
    window.show_notice("Your settings file could not be used; defaults are in use.")
    window.connect_button.click()
    await wait_until(lambda: window.state_label.text() == "Connected")
    assert window.notice_banner.isVisible()
    assert "defaults are in use" in window.notice_banner.label.text()
    window.notice_banner.button.click()
    assert not window.notice_banner.isVisible()


async def test_text_typed_while_disconnected_is_kept_and_explained(window: MainWindow) -> None:
    window.text_input.setText("not yet")
    window.text_input.returnPressed.emit()
    assert window.text_input.text() == "not yet"
    assert window.error_banner.isVisible()
    assert "Not connected" in window.error_banner.label.text()


async def test_bad_key_is_a_sentence_not_a_traceback(qapp: object, emulator: Emulator) -> None:
    emulator.scenario = "bad-key"
    win = make_window(emulator, label="Gemini API", offline=False)
    controller = win.conversation.controller
    try:
        win.connect_button.click()
        await wait_until(lambda: win.error_banner.isVisible())
        message = win.error_banner.label.text()
        assert "API key was rejected" in message
        assert "Traceback" not in message and "1008" not in message
        assert controller.state is ConnectionState.DISCONNECTED
        assert win.connect_button.isEnabled()
    finally:
        await win.conversation.shutdown()
        win.close()


def test_self_test_command_holds_a_text_turn_and_prints_json(tmp_path: object) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LIVE_DESKTOP_EMULATOR_DIR=str(tmp_path))
    env.pop("GEMINI_API_KEY", None)
    env.pop("GOOGLE_API_KEY", None)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "live_desktop",
            "--self-test",
            "--settings",
            str(tmp_path) + "/settings.json",
        ],  # type: ignore[operator]
        capture_output=True,
        text=True,
        timeout=90,
        env=env,
        check=False,
    )
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert len(lines) == 1, proc.stdout
    result = json.loads(lines[0])
    assert result["ok"] is True
    assert result["endpoint"] == "Offline loopback"
    assert "You said: Live Desktop self-test" in result["reply"]
    assert result["session_id"]


async def test_adding_a_key_without_a_keyring_says_it_is_kept_for_this_run(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from keyring.backends import fail
    from PySide6.QtWidgets import QInputDialog

    from live_desktop.app import _ask_for_key
    from live_desktop.core.secrets import KeyStore

    store = KeyStore(backend=fail.Keyring(), environ={})
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("  AIzaTypedKey  ", True))
    controller = window.conversation.controller
    _ask_for_key(window, store, controller, controller.settings)

    assert store.get().key == "AIzaTypedKey"
    assert controller._api_key == "AIzaTypedKey"
    assert window.endpoint_status.text() == "Gemini API"
    assert "Gemini API" in window.windowTitle()
    text = window.offline_banner.label.text()
    assert "No system keyring" in text and "this session only" in text
    assert "AIzaTypedKey" not in text
