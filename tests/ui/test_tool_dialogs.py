"""Tools as a person meets them: the dialog that answers a function call, the consent questions,
the notification without a tray, and search sources and code in the transcript pane.

The real SDK talks to the emulator; the dialogs are real widgets (offscreen), driven by clicks.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication

from live_desktop.core import events as ev
from live_desktop.core.session import SessionController
from live_desktop.core.settings import FunctionDeclarationSettings, Settings
from live_desktop.core.tools import Screenshot, ToolDispatcher
from live_desktop.core.transcript import TranscriptModel
from live_desktop.emulator import Emulator
from live_desktop.ui.tool_dialogs import ManualAnswerDialog, ToolConsentDialog
from live_desktop.ui.tool_host import QtToolHost
from live_desktop.ui.transcript_widget import TranscriptWidget
from tests.emulator.helpers import SMALL_JPEG
from tests.integration.test_session_controller import Recorder, until


class Rig:
    """A controller on the emulator, the dispatcher with the Qt host, and the transcript pane."""

    def __init__(self, emulator: Emulator, settings: Settings, api_key: str = "test-key") -> None:
        self.emulator = emulator
        self.controller = SessionController(
            settings,
            api_key=api_key,
            base_url=emulator.base_url,
            ca_cert=emulator.client_ssl_context(),
        )
        self.rec = Recorder(self.controller)
        self.notices: list[str] = []
        self.host = QtToolHost(
            None,
            screenshot=lambda: Screenshot(SMALL_JPEG, 64, 36),
            notice=self.notices.append,
        )
        self.dispatcher = ToolDispatcher(self.controller, self.host)
        self.transcript = TranscriptModel()
        self.view = TranscriptWidget()
        self.transcript.subscribe(self.view.show_turn)
        self.controller.subscribe(self.transcript.apply)

    def said(self) -> str:
        return "".join(
            e.text for e in self.rec.events if isinstance(e, ev.OutputTranscript | ev.ModelText)
        )

    def shown(self) -> str:
        return self.view.toPlainText().replace("\u2028", "\n")

    async def close(self) -> None:
        await self.dispatcher.aclose()
        await self.controller.disconnect()
        self.host.close()
        self.view.close()


@pytest.fixture
async def rig(qapp: Any, emulator: Emulator) -> AsyncIterator[Callable[..., Any]]:
    made: list[Rig] = []

    async def make(settings: Settings, **kw: Any) -> Rig:
        r = Rig(emulator, settings, **kw)
        made.append(r)
        assert await r.controller.connect()
        return r

    yield make
    for r in made:
        await r.close()


def _ask_me(**kw: Any) -> Settings:
    settings = Settings()
    settings.tools.functions = [
        FunctionDeclarationSettings(name="ask_me", description="Ask the user for a number.", **kw)
    ]
    return settings


async def test_the_user_answers_a_call_in_the_dialog(rig: Any) -> None:
    r = await rig(_ask_me())
    await r.controller.send_text('call ask_me {"question": "How warm is it?"}')
    await until(lambda: bool(r.host.dialogs))
    (dialog,) = r.host.dialogs
    assert isinstance(dialog, ManualAnswerDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "Answer ask_me"
    assert '"question": "How warm is it?"' in dialog.arguments.toPlainText()

    dialog.answer_edit.setPlainText('{"temperature": }')
    dialog.send_button.click()
    assert dialog.isVisible()  # not sent: the sentence says why
    assert dialog.problem.text() == (
        "This looks like JSON but is not valid: Expecting value (line 1, column 17). Fix it, or "
        "write the answer as plain text."
    )
    dialog.answer_edit.setPlainText('{"temperature": 21}')
    dialog.send_button.click()
    assert not dialog.isVisible()

    await until(lambda: '"temperature": 21' in r.said())
    assert "ask_me returned" in r.said()
    assert 'ask_me: {"temperature": 21}' in r.shown()
    assert not r.host.dialogs


async def test_declining_tells_the_model(rig: Any) -> None:
    r = await rig(_ask_me())
    await r.controller.send_text("call ask_me {}")
    await until(lambda: bool(r.host.dialogs))
    r.host.dialogs[0].decline_button.click()
    result = await r.rec.wait_for(ev.ToolResult)
    assert (result.outcome, result.summary) == ("declined", "The user chose not to answer ask_me.")
    await until(lambda: "The user chose not to answer ask_me." in r.said())


async def test_a_cancelled_call_closes_its_dialog(rig: Any) -> None:
    # Blocking: the model's turn waits, so the next message interrupts it and cancels the call.
    r = await rig(_ask_me(behavior="blocking"))
    await r.controller.send_text("call ask_me {}")
    await until(lambda: bool(r.host.dialogs))
    dialog = r.host.dialogs[0]
    await r.controller.send_text("never mind")
    await r.rec.wait_for(ev.ToolCallCancellation)
    await until(lambda: not r.host.dialogs)
    assert not dialog.isVisible()
    assert "Tool call cancelled: ask_me" in r.shown()
    assert r.rec.of(ev.ToolResult) == []


async def test_reading_the_clipboard_asks_and_shows_what_is_shared(rig: Any) -> None:
    QGuiApplication.clipboard().setText("the secret plan")
    settings = Settings()
    settings.tools.clipboard_text = True
    r = await rig(settings)
    await r.controller.send_text("call get_clipboard_text {}")
    await until(lambda: bool(r.host.dialogs))
    (dialog,) = r.host.dialogs
    assert isinstance(dialog, ToolConsentDialog)
    assert dialog.preview.toPlainText() == "the secret plan"
    assert dialog.no_button.isDefault()  # Enter says no
    dialog.yes_button.click()
    await until(lambda: "the secret plan" in r.said())


async def test_the_clipboard_shared_is_the_text_the_user_agreed_to(qapp: Any) -> None:
    # The user says yes to the text the dialog shows; something copied while it was open (a
    # password from a manager, say) must not go to the model in its place.
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("the shopping list")
    host = QtToolHost(None, screenshot=lambda: Screenshot(SMALL_JPEG, 64, 36), notice=print)
    try:
        asked = asyncio.ensure_future(host.read_clipboard())
        await until(lambda: bool(host.dialogs))
        (dialog,) = host.dialogs
        assert dialog.preview.toPlainText() == "the shopping list"
        clipboard.setText("hunter2")
        dialog.yes_button.click()
        assert await asked == "the shopping list"
    finally:
        host.close()


async def test_opening_a_page_the_user_refuses_is_not_opened(rig: Any) -> None:
    settings = Settings()
    settings.tools.open_url = True
    r = await rig(settings)
    await r.controller.send_text('call open_url {"url": "https://example.org/"}')
    await until(lambda: bool(r.host.dialogs))
    (dialog,) = r.host.dialogs
    assert dialog.preview.toPlainText() == "https://example.org/"
    dialog.no_button.click()
    result = await r.rec.wait_for(ev.ToolResult)
    assert result.outcome == "declined"
    assert "Declined" in r.shown()


async def test_without_a_tray_the_notification_shows_in_the_window(rig: Any) -> None:
    settings = Settings()
    settings.tools.notification = True
    r = await rig(settings)
    await r.controller.send_text('call show_notification {"title": "Tea", "message": "Ready"}')
    await until(lambda: bool(r.notices))
    assert r.notices == ["Notification from Gemini: Tea: Ready"]
    await until(lambda: "shown in the app's window" in r.said())


def _anchors(view: TranscriptWidget) -> list[tuple[str, str]]:
    """(text, href) of every link in the pane."""
    found = []
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().isAnchor():
                found.append((fragment.text(), fragment.charFormat().anchorHref()))
            it += 1
        block = block.next()
    return found


async def test_search_sources_render_as_links(rig: Any) -> None:
    settings = Settings()
    settings.model.name = "gemini-3.1-flash-live-preview"
    settings.model.response_modality = "TEXT"
    settings.tools.google_search = True
    r = await rig(settings)
    await r.controller.send_text("search Lisbon weather")
    await r.rec.wait_for(ev.TurnComplete)
    shown = r.shown()
    assert "Searched the web for Lisbon weather" in shown
    assert "Searched: Lisbon weather" in shown
    assert _anchors(r.view) == [
        ("About Lisbon weather", "https://example.org/lisbon-weather"),
        ("example.org", "https://www.example.org/?q=lisbon-weather"),
    ]


async def test_executed_code_and_its_result_render(rig: Any) -> None:
    # Code execution runs on Vertex AI only (docs/tools.md); the emulator serves that route too.
    settings = Settings()
    settings.connection.endpoint = "vertex_ai"
    settings.connection.auth = "api_key"
    settings.model.name = "gemini-live-2.5-flash-native-audio"
    settings.tools.code_execution = True
    r = await rig(settings, api_key="vertex-express-key")
    await r.controller.send_text("run total = 6 * 7\nprint(total)")
    await r.rec.wait_for(ev.TurnComplete)
    blocks = [r.view.plain_turn_text(i) for i in range(r.view.turn_count)]
    code = next(b for b in blocks if "Code (PYTHON)" in b)
    assert code.splitlines()[0].startswith("Tool · Code")
    assert code.splitlines()[1:] == ["Code (PYTHON):", "total = 6 * 7", "print(total)"]
    result = next(b for b in blocks if "Result (OUTCOME_OK)" in b)
    assert result.splitlines()[0].startswith("Tool · Code result")
    assert result.splitlines()[2] == (
        "[the emulator does not run code: 2 lines of Python received]"
    )
