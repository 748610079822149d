"""The window as a person uses it: offline banner, connect, type or speak, read the reply, see
errors as sentences; the keyboard, the menus, the status bar and what the window remembers."""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from live_desktop.core.events import ConnectionState
from live_desktop.core.session import SessionController
from live_desktop.core.settings import Settings
from live_desktop.emulator import Emulator
from live_desktop.ui.conversation import ConversationViewModel
from live_desktop.ui.main_window import MainWindow
from tests.devices.conftest import pulse  # noqa: F401  (the virtual devices, for one test)


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


async def test_a_notification_from_the_model_shows_as_plain_text(window: MainWindow) -> None:
    # The notification tool's title and message are the model's words; without a tray they go
    # to the notice banner, which must show them as typed, not render them as HTML (a styled
    # link saying "re-enter your key", an image from a local file).
    from live_desktop.core.tools import Screenshot
    from live_desktop.ui.tool_host import QtToolHost

    host = QtToolHost(window, screenshot=lambda: Screenshot(b"", 0, 0), notice=window.show_notice)
    where = await host.notify(
        "<b>Security</b>", '<a href="https://x.example/">Re-enter your key</a>'
    )
    assert where == "window"
    label = window.notice_banner.label
    expected = (
        'Notification from Gemini: <b>Security</b>: <a href="https://x.example/">Re-enter your '
        "key</a>"
    )
    assert label.text() == expected
    label.setSelection(0, len(expected))
    assert label.selectedText() == expected  # what is on screen, character for character
    host.close()


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


# --------------------------------------------------------------------------- the conversation
def block_texts(win: MainWindow) -> list[str]:
    view = win.transcript_view
    return [view.plain_turn_text(i) for i in range(view.turn_count)]


async def test_a_scripted_conversation_reads_as_a_person_would(
    qapp: object, emulator: Emulator
) -> None:
    """Typed and spoken turns, an interrupted reply and a tool call, through the real SDK."""
    from google.genai import types

    from live_desktop.core import events as ev
    from live_desktop.core.settings import FunctionDeclarationSettings
    from live_desktop.core.transcript import Role
    from tests.emulator.helpers import silence, speech

    settings = Settings()
    settings.tools.functions = [
        FunctionDeclarationSettings(
            name="get_weather",
            parameters={"type": "object", "properties": {"city": {"type": "string"}}},
        )
    ]
    controller = SessionController(
        settings,
        api_key="test-key",
        base_url=emulator.base_url,
        ca_cert=emulator.client_ssl_context(),
    )
    win = MainWindow(
        ConversationViewModel(controller), endpoint_label="Offline loopback", offline=True
    )
    win.show()
    turns = win.conversation.transcript.turns
    calls: list[ev.ToolCall] = []
    controller.subscribe(lambda e: calls.append(e) if isinstance(e, ev.ToolCall) else None)

    def replied(since: int, *, closed: bool = True, contains: str = "") -> bool:
        return any(
            t.role is Role.MODEL and contains in t.text and not (closed and t.open)
            for t in turns[since:]
        )

    try:
        win.connect_button.click()
        await wait_until(lambda: controller.connected)
        win.text_input.setText("Hello there")
        win.text_input.returnPressed.emit()
        await wait_until(lambda: replied(0, contains="You said: Hello there"))

        n = len(turns)  # a spoken turn, echoed
        await controller.send_audio(speech(1.2) + silence(1.0))
        await wait_until(lambda: replied(n, contains="echo"), timeout=15)

        n = len(turns)  # another; the user types over its reply
        await controller.send_audio(speech(2.5) + silence(1.0))
        await wait_until(lambda: replied(n, closed=False), timeout=15)
        win.text_input.setText("Stop, a question")
        win.text_input.returnPressed.emit()
        await wait_until(lambda: replied(n, contains="You said: Stop"), timeout=15)

        n = len(turns)  # a tool call, answered by the app
        win.text_input.setText('call get_weather {"city": "Lisbon"}')
        win.text_input.returnPressed.emit()
        await wait_until(lambda: bool(calls))
        call = calls[-1].calls[0]
        await controller.send_tool_response(
            [types.FunctionResponse(id=call.id, name=call.name, response={"sky": "clear"})]
        )
        await wait_until(lambda: replied(n, contains="returned"), timeout=15)
    finally:
        await win.conversation.shutdown()
        win.close()

    shown = block_texts(win)
    heads = [text.splitlines()[0].split("   ")[0] for text in shown]
    bodies = [" ".join(text.splitlines()[1:]) for text in shown]
    # What a reader sees, in order: who, then what (the emulator's words are its own).
    assert heads[:8] == [
        "You",
        "Gemini",
        "You",
        "Gemini",
        "You",
        "Gemini",
        "You",
        "Gemini",
    ]
    assert bodies[0] == "Hello there" and bodies[1].startswith("You said: Hello there")
    assert re.fullmatch(r"\[speech 1\.\d s\]", bodies[2]) and "voice" in shown[2]
    assert bodies[3].startswith("[echo of 1.") and not bodies[3].endswith("interrupted")
    assert re.fullmatch(r"\[speech 2\.\d s\]", bodies[4])
    assert bodies[5].endswith("— interrupted")  # the reply the user typed over
    assert bodies[6] == "Stop, a question"
    assert bodies[7].startswith("You said: Stop, a question")
    tool = next(i for i, head in enumerate(heads) if head.startswith("Tool"))
    assert heads[tool - 1] == "You" and bodies[tool - 1].startswith("call get_weather")
    assert heads[tool] == "Tool · Function call"
    assert bodies[tool] == 'get_weather({"city": "Lisbon"})'
    assert any("get_weather returned" in body and '"sky": "clear"' in body for body in bodies)
    assert all(re.search(r"\d\d:\d\d:\d\d", text.splitlines()[0]) for text in shown)


async def test_a_dropped_connection_reconnects_by_itself_and_says_so(
    qapp: object, emulator_factory: Any
) -> None:
    emulator = await emulator_factory(scenario="drop-mid-turn")
    emulator.scenario_connections = 1  # the reconnect finds the service well again
    win = make_window(emulator, label="Gemini API", offline=False)
    controller = win.conversation.controller
    controller.backoff_base_s = 0.5  # long enough to read the label in between
    shown: list[str] = []
    win.conversation.reconnecting.connect(lambda *_: shown.append(win.state_label.text()))
    try:
        win.connect_button.click()
        await wait_until(lambda: win.state_label.text() == "Connected")
        win.text_input.setText("tell me something long")
        win.text_input.returnPressed.emit()
        await wait_until(lambda: bool(shown))
        assert shown == ["Reconnecting (attempt 1 of 5)…"]
        assert "connection to the service was lost" in win.state_label.toolTip()
        assert win.send_button.isEnabled()  # a message typed now waits and goes once back
        await wait_until(lambda: win.state_label.text() == "Connected")
        assert not win.error_banner.isVisible()
        assert "Reconnected" in win.statusBar().currentMessage()
        # The cut reply stays, marked, and the user was told why it stopped.
        assert win.transcript_view.plain_turn_text(1).endswith("— interrupted")
        assert "cut off" in win.transcript_view.plain_turn_text(2)
    finally:
        await win.conversation.shutdown()
        win.close()


async def test_reconnecting_gives_up_with_a_sentence_and_a_reconnect_button(
    qapp: object, emulator_factory: Any
) -> None:
    emulator = await emulator_factory(scenario="drop-mid-turn")
    win = make_window(emulator, label="Gemini API", offline=False)
    controller = win.conversation.controller
    controller.backoff_base_s = 0.01
    controller.max_reconnect_attempts = 2
    try:
        win.connect_button.click()
        await wait_until(lambda: win.state_label.text() == "Connected")
        emulator.scenario = "no-setup-reply"  # the service is gone for good
        controller.setup_timeout_s = 0.5
        win.text_input.setText("tell me something long")
        win.text_input.returnPressed.emit()
        await wait_until(lambda: win.error_banner.isVisible(), timeout=20)
        message = win.error_banner.label.text()
        assert message.startswith("Could not reconnect after 2 attempts.")
        assert "Traceback" not in message and "1006" not in message
        assert win.state_label.text() == "Disconnected"
        assert win.error_banner.button.text() == "Reconnect"
        emulator.scenario = None
        win.error_banner.button.click()
        await wait_until(lambda: win.state_label.text() == "Connected")
        assert not win.error_banner.isVisible()
    finally:
        await win.conversation.shutdown()
        win.close()


async def test_status_bar_tells_model_endpoint_time_tokens_and_latency(
    window: MainWindow,
) -> None:
    assert window.endpoint_status.text() == "Offline loopback"
    assert window.model_status.text() == "gemini-3.8-live"
    assert window.session_status.text() == ""
    window.connect_button.click()
    await wait_until(lambda: window.state_label.text() == "Connected")
    assert window.session_status.text() == "Session 0:00"
    window.text_input.setText("count my tokens")
    window.text_input.returnPressed.emit()
    await wait_until(lambda: window.tokens_status.text().startswith("Tokens: "))
    window.show_latency(412.4)
    assert window.latency_status.text() == "Voice-to-voice 412 ms"
    visible = {w.text() for w in window.statusBar().findChildren(QLabel) if w.isVisible()}
    assert {"Connected", "gemini-3.8-live", "Offline loopback"} <= visible


# --------------------------------------------------------------------------- keyboard
async def test_shortcuts_mute_connect_and_reach_the_message_box(
    window: MainWindow, qtbot: Any
) -> None:
    from PySide6.QtTest import QTest

    assert QTest.qWaitForWindowActive(window, 2000)
    window.transcript_view.setFocus()
    qtbot.keyClick(window.transcript_view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert window.mute_action.isChecked() and window.voice_controls.mute_button.isChecked()
    qtbot.keyClick(window.transcript_view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert not window.voice_controls.mute_button.isChecked()
    qtbot.keyClick(window.transcript_view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.focusWidget() is window.text_input
    qtbot.keyClick(window.text_input, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    await wait_until(lambda: window.state_label.text() == "Connected")
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.text_input, Qt.Key.Key_Return, shift_ctrl)
    await wait_until(lambda: window.state_label.text() == "Disconnected")


async def test_space_is_push_to_talk_on_buttons_but_types_in_the_message_box(
    window: MainWindow, qtbot: Any
) -> None:
    controls = window.voice_controls
    events: list[str] = []
    controls.push_to_talk_pressed.connect(lambda: events.append("press"))
    controls.push_to_talk_released.connect(lambda: events.append("release"))
    window.set_push_to_talk_mode(True)
    assert not controls.ptt_button.isHidden() and window.ptt_action.isChecked()

    window.connect_button.setFocus()  # Space on a focused button would click it
    qtbot.keyPress(window.connect_button, Qt.Key.Key_Space)
    qtbot.keyPress(window.connect_button, Qt.Key.Key_Space)  # held: no second press
    qtbot.keyRelease(window.connect_button, Qt.Key.Key_Space)
    assert events == ["press", "release"]
    assert window.conversation.controller.state is ConnectionState.DISCONNECTED  # not clicked

    events.clear()
    window.text_input.setFocus()
    qtbot.keyClick(window.text_input, Qt.Key.Key_Space)
    assert events == [] and window.text_input.text() == " "
    qtbot.keyClick(window.text_input, Qt.Key.Key_Escape)  # Esc leaves the message box ...
    assert window.focusWidget() is window.transcript_view
    qtbot.keyPress(window.transcript_view, Qt.Key.Key_Space)  # ... and Space talks again
    qtbot.keyRelease(window.transcript_view, Qt.Key.Key_Space)
    assert events == ["press", "release"]

    events.clear()
    window.set_push_to_talk_mode(False)
    window.connect_button.setFocus()
    qtbot.keyPress(window.transcript_view, Qt.Key.Key_Space)
    assert "press" not in events


def test_every_control_has_a_name_and_every_menu_a_mnemonic(
    qapp: object, emulator_dir: Path
) -> None:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QMenu, QWidget

    controller = SessionController(Settings(), api_key="k", base_url="https://127.0.0.1:9")
    win = MainWindow(ConversationViewModel(controller), endpoint_label="Gemini API", offline=False)
    win.show()
    win.set_push_to_talk_mode(True)
    try:
        unnamed = []
        for widget in win.findChildren(QWidget):
            if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(win):
                continue
            if isinstance(widget, QMenu) or widget.objectName().startswith("qt_"):
                continue
            text = widget.text() if isinstance(widget, QAbstractButton | QLineEdit) else ""
            if isinstance(widget, QComboBox):
                text = widget.currentText() if widget.accessibleName() else ""
            if not (widget.accessibleName() or text.strip()):
                unnamed.append(f"{type(widget).__name__} {widget.objectName()!r}")
        assert not unnamed, unnamed
        menus = [a.menu() for a in win.menuBar().actions()]
        while menus:
            menu = menus.pop()
            assert "&" in menu.title(), menu.title()
            for action in menu.actions():
                if not action.isSeparator():
                    assert "&" in action.text(), action.text()
                if action.menu() is not None:
                    menus.append(action.menu())
        titles = [a.text() for a in win.menuBar().actions()]
        assert titles == ["&File", "&Session", "&View", "&Help"]
        # Tab goes through the controls in reading order.
        order, widget = [], win.transcript_view
        for _ in range(6):
            order.append(widget)
            widget = widget.nextInFocusChain()
            while widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisible():
                widget = widget.nextInFocusChain()
        assert order == [
            win.transcript_view,
            win.text_input,
            win.send_button,
            win.connect_button,
            win.disconnect_button,
            win.video_preview.source_combo,
        ]
    finally:
        win.close()


# --------------------------------------------------------------------------- menus
def conversation_events() -> list[Any]:
    from live_desktop.core import events as ev

    return [
        ev.UserText("What is 6 times 7?"),
        ev.ExecutableCode("print(6 * 7)"),
        ev.CodeResult("OUTCOME_OK", "42"),
        ev.OutputTranscript("It is forty-two."),
        ev.Grounding((ev.GroundingSource("Arithmetic", "https://example.org/math"),)),
        ev.TurnComplete(),
    ]


async def test_export_writes_markdown_or_json_and_says_where(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    for event in conversation_events():
        window.conversation.transcript.apply(event)
    chosen: list[tuple[str, str]] = [
        (str(tmp_path / "talk"), "Markdown (*.md)"),
        (str(tmp_path / "talk"), "JSON (*.json)"),
        (str(tmp_path / "missing-dir" / "talk.md"), "Markdown (*.md)"),
    ]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: chosen.pop(0))

    window.export_action.trigger()
    markdown = (tmp_path / "talk.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Conversation")
    assert "**You**" in markdown and "What is 6 times 7?" in markdown
    assert "```\nCode (PYTHON):\nprint(6 * 7)\n```" in markdown
    assert "[Arithmetic](https://example.org/math)" in markdown
    assert "talk.md" in window.statusBar().currentMessage()

    window.export_action.trigger()
    document = json.loads((tmp_path / "talk.json").read_text(encoding="utf-8"))
    assert document["endpoint"] == "Offline loopback"
    assert [t["speaker"] for t in document["turns"]] == ["You", "Tool", "Tool", "Gemini"]
    assert document["turns"][3]["sources"] == [
        {"title": "Arithmetic", "uri": "https://example.org/math"}
    ]

    window.export_action.trigger()
    assert window.error_banner.isVisible()
    text = window.error_banner.label.text()
    assert text.startswith("Could not save the conversation to") and "Traceback" not in text


async def test_theme_menu_switches_the_whole_app_and_reports_the_choice(
    window: MainWindow,
) -> None:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from live_desktop.ui.theme import is_dark

    chosen: list[str] = []
    window.theme_changed.connect(chosen.append)
    try:
        window.theme_actions["dark"].trigger()
        assert chosen == ["dark"]
        assert is_dark(QApplication.palette())
        assert QApplication.style().name().lower() == "fusion"
        window.theme_actions["light"].trigger()
        assert not is_dark(QApplication.palette())
        assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() > 200
    finally:
        window.theme_actions["system"].trigger()
    assert chosen == ["dark", "light", "system"]
    window.set_theme_choice("dark")  # the app's saved choice, shown without re-applying
    assert window.theme_actions["dark"].isChecked() and chosen[-1] == "system"
    window.set_theme_choice("system")


def test_window_geometry_and_split_are_restored(qapp: object, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    def open_window() -> MainWindow:
        controller = SessionController(Settings(), api_key="k", base_url="https://127.0.0.1:9")
        state = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
        win = MainWindow(
            ConversationViewModel(controller),
            endpoint_label="Gemini API",
            offline=False,
            window_state=state,
        )
        win.show()
        return win

    first = open_window()
    first.resize(720, 530)
    first.splitter.setSizes([400, 300])
    sizes = first.splitter.sizes()
    first.close()
    second = open_window()
    try:
        assert (second.width(), second.height()) == (720, 530)
        assert second.splitter.sizes() == sizes
    finally:
        second.close()


async def test_about_lists_versions_and_log_folder_opens(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QDesktopServices

    dialog = window.show_about()
    try:
        info = dialog.plain_text()
        for name in ("Live Desktop", "Python", "Qt", "PySide6", "google-genai", "PortAudio"):
            assert f"{name}: " in info
        assert "not installed" not in info.split("google-genai: ")[1].splitlines()[0]
    finally:
        dialog.close()

    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True
    )
    window.log_dir = tmp_path / "logs"
    window.log_folder_action.trigger()
    assert opened == [str(tmp_path / "logs")]

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    window.log_folder_action.trigger()
    assert str(tmp_path / "logs") in window.error_banner.label.text()


# --------------------------------------------------------------------------- app wiring
async def test_push_to_talk_mode_waits_for_the_next_connection(
    qapp: object, emulator: Emulator, tmp_path: Path
) -> None:
    from types import SimpleNamespace

    from live_desktop.app import wire_window
    from live_desktop.core.settings import load_settings
    from live_desktop.core.voice import VoiceUplink

    win = make_window(emulator, label="Offline loopback", offline=True)
    controller = win.conversation.controller
    uplink = VoiceUplink(controller)
    settings_path = tmp_path / "settings.json"
    hooks = sys.excepthook, threading.excepthook
    try:
        wire_window(
            win, controller, controller.settings, settings_path, SimpleNamespace(uplink=uplink)
        )
        win.ptt_action.trigger()  # disconnected: at once
        assert uplink.push_to_talk and not win.voice_controls.ptt_button.isHidden()
        assert load_settings(settings_path).settings.vad.push_to_talk

        win.connect_button.click()
        await wait_until(lambda: controller.connected)
        win.ptt_action.trigger()  # connected: the session's setup says push-to-talk
        assert uplink.push_to_talk and not win.ptt_action.isChecked()
        assert "off from the next connection" in win.notice_banner.label.text()
        win.disconnect_button.click()
        await wait_until(lambda: win.state_label.text() == "Disconnected")
        win.connect_button.click()
        await wait_until(lambda: controller.connected)
        assert not uplink.push_to_talk and win.voice_controls.ptt_button.isHidden()
    finally:
        sys.excepthook, threading.excepthook = hooks
        uplink.close()
        await win.conversation.shutdown()
        win.close()


async def test_an_uncaught_error_is_a_sentence_in_the_window(
    window: MainWindow, tmp_path: Path
) -> None:
    from live_desktop.app import wire_window

    controller = window.conversation.controller
    hooks = sys.excepthook, threading.excepthook
    try:
        wire_window(window, controller, controller.settings, tmp_path / "s.json", None)

        def fail() -> None:
            raise RuntimeError("the frobnicator broke")

        thread = threading.Thread(target=fail, name="failing-worker")
        thread.start()
        thread.join()
        await wait_until(lambda: window.error_banner.isVisible())
    finally:
        sys.excepthook, threading.excepthook = hooks
    text = window.error_banner.label.text()
    assert text.startswith("Something went wrong inside Live Desktop")
    assert "the frobnicator broke" in text and "Traceback" not in text
    assert "Help > Open log folder" in text


def test_first_run_without_a_key_is_offline_loopback() -> None:
    from live_desktop.app import _choose_endpoint, parse_args

    endpoint = _choose_endpoint(parse_args([]), Settings(), None)
    assert endpoint.offline and endpoint.label == "Offline loopback"
    assert not _choose_endpoint(parse_args([]), Settings(), "AIzaKey").offline


def test_the_window_survives_a_long_session_of_qt_calls(qapp: object) -> None:
    """PySide6 6.12.0 on Python 3.11 lost a reference to None on every void call: the
    process aborted after a few thousand label updates (see pyproject.toml)."""
    label = QLabel()
    before = sys.getrefcount(None)
    for i in range(20000):
        label.setText(str(i))
    assert sys.getrefcount(None) >= before - 100


@pytest.mark.devices
@pytest.mark.usefixtures("pulse")
async def test_a_missing_microphone_is_a_sentence_in_the_window(window: MainWindow) -> None:
    from live_desktop.app import wire_voice

    controller = window.conversation.controller
    controller.settings.audio.input_device = "USB Headset (gone)"
    voice = wire_voice(window, controller, controller.settings)
    assert voice is not None
    try:
        voice.start()
        await wait_until(lambda: window.notice_banner.isVisible())
        assert window.notice_banner.label.text() == (
            "The microphone “USB Headset (gone)” was not found; using the default microphone."
        )
        assert window.voice_controls.meters_running  # the default microphone is metered
    finally:
        voice.close()


async def test_a_failed_action_is_a_sentence_not_an_exception_text(window: MainWindow) -> None:
    async def broken() -> None:
        raise RuntimeError("internal frame 0x7f: KeyError('x')")

    task = window.conversation._spawn(broken(), "send the message")
    await asyncio.gather(task, return_exceptions=True)
    await asyncio.sleep(0)
    text = window.error_banner.label.text()
    assert text.startswith("Could not send the message. Something unexpected went wrong")
    assert "0x7f" not in text and "KeyError" not in text
