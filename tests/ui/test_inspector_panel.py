"""The event inspector and the token readout as a person uses them, over a real session (the
real SDK against the emulator): rows appear, the filter and Pause work, View opens the dock,
the status bar counts tokens by modality."""

from __future__ import annotations

import asyncio
import gc
import json
import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from live_desktop.core.inspector import EventInspector
from live_desktop.core.session import SessionController
from live_desktop.core.settings import Settings
from live_desktop.emulator import Emulator
from live_desktop.ui.conversation import ConversationViewModel
from live_desktop.ui.insight import InsightDocks, wire_insight
from live_desktop.ui.main_window import MainWindow
from tests.emulator.helpers import silence, speech

KEY = "AIzaSyFAKE-inspector-ui-test-key-012345"


async def wait_until(predicate: object, timeout: float = 10.0) -> None:
    """Wait on the asyncio loop, letting Qt run its timers (the panels' refresh ticks)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        QApplication.processEvents()
        if predicate():  # type: ignore[operator]
            return
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


@pytest.fixture
async def app(qapp: object, emulator: Emulator) -> AsyncIterator[tuple[MainWindow, InsightDocks]]:
    inspector = EventInspector()
    controller = SessionController(
        Settings(),
        api_key=KEY,
        base_url=emulator.base_url,
        ca_cert=emulator.client_ssl_context(),
        wire_tap=inspector,
    )
    window = MainWindow(
        ConversationViewModel(controller), endpoint_label="Offline loopback", offline=True
    )
    docks = wire_insight(window, controller, inspector)
    window.show()
    yield window, docks
    await window.conversation.shutdown()
    window.close()
    gc.collect()  # Qt objects in cycles are freed here, not by a GC pass on another thread


async def converse(window: MainWindow) -> None:
    """A typed turn and a spoken one (20 ms chunks, as the capture path sends them)."""
    window.connect_button.click()
    await wait_until(lambda: window.state_label.text() == "Connected")
    window.text_input.setText("hello inspector")
    window.text_input.returnPressed.emit()
    await wait_until(lambda: "prompt" in window.tokens_status.text())
    controller = window.conversation.controller
    pcm = speech(0.8) + silence(1.0)
    for i in range(0, len(pcm), 640):
        assert await controller.send_audio(pcm[i : i + 640])
    await wait_until(lambda: window.conversation.usage.totals.messages >= 2, timeout=15)


async def test_view_menu_opens_the_inspector_and_rows_arrive_in_batches(
    app: tuple[MainWindow, InsightDocks],
) -> None:
    window, docks = app
    assert not docks.inspector_dock.isVisible()
    assert docks.inspector_action in window.view_menu.actions()
    docks.inspector_action.trigger()
    assert docks.inspector_dock.isVisible()
    panel = docks.inspector_widget
    docks.inspector_action.trigger()  # closed: the panel takes nothing while hidden
    await converse(window)
    QApplication.processEvents()
    assert panel.model.rowCount() == 0 and panel.inspector.seq > 0
    docks.inspector_action.trigger()  # opened again: it catches up at once
    assert panel.model.rowCount() > 100
    await wait_until(lambda: panel.model.rowCount() == panel.inspector.seq)
    types = [r.types[0] for r in panel.visible_records()]
    assert types[:3] == ["handshake", "setup", "setupComplete"]
    assert "realtimeInput.audio" in types and "serverContent.audio" in types
    texts = {panel.model.index(r, 4).data() for r in range(panel.model.rowCount())}
    assert "audio 640 B 20 ms" in texts
    assert any(t.startswith("“hello inspector”") for t in texts)
    assert KEY not in json.dumps([r.body + r.summary for r in panel.visible_records()])


async def test_filter_by_type_and_without_media(app: tuple[MainWindow, InsightDocks]) -> None:
    window, docks = app
    docks.inspector_action.trigger()
    panel = docks.inspector_widget
    await converse(window)
    await wait_until(lambda: panel.model.rowCount() == panel.inspector.seq)
    everything = panel.proxy.rowCount()

    combo = panel.filter_combo
    combo.setCurrentIndex(combo.findData("usageMetadata"))
    shown = panel.visible_records()
    assert shown and all("usageMetadata" in r.types for r in shown)
    assert len(shown) == panel.inspector.type_counts["usageMetadata"]

    combo.setCurrentIndex(combo.findData("-media"))
    shown = panel.visible_records()
    media = {"realtimeInput.audio", "realtimeInput.video", "serverContent.audio"}
    assert shown and not any(set(r.types) <= media for r in shown)
    assert len(shown) < everything

    combo.setCurrentIndex(combo.findData("*"))
    assert panel.proxy.rowCount() == everything


async def test_pause_freezes_the_table_and_resume_catches_up(
    app: tuple[MainWindow, InsightDocks], tmp_path: Path
) -> None:
    window, docks = app
    docks.inspector_action.trigger()
    panel = docks.inspector_widget
    window.connect_button.click()
    await wait_until(lambda: window.state_label.text() == "Connected")
    await wait_until(lambda: panel.model.rowCount() == panel.inspector.seq > 0)

    panel.pause_button.click()
    assert panel.paused and panel.pause_button.text() == "&Resume"
    frozen = panel.model.rowCount()
    window.text_input.setText("said while paused")
    window.text_input.returnPressed.emit()
    await wait_until(lambda: panel.waiting > 5, timeout=10)
    for _ in range(3):  # several ticks pass: nothing is added
        await asyncio.sleep(panel.REFRESH_MS / 1000)
        QApplication.processEvents()
    assert panel.model.rowCount() == frozen
    assert "paused" in panel.status_label.text()

    panel.pause_button.click()
    assert not panel.paused
    assert panel.model.rowCount() == panel.inspector.seq > frozen
    assert any("said while paused" in r.summary for r in panel.visible_records())

    path = tmp_path / "out.jsonl"
    assert panel.export(path) == panel.inspector.seq
    assert KEY not in path.read_text(encoding="utf-8")


async def test_status_bar_counts_tokens_by_modality(app: tuple[MainWindow, InsightDocks]) -> None:
    window, _ = app
    await converse(window)
    totals = window.conversation.usage.totals
    text = window.tokens_status.text()
    assert text.startswith(f"Tokens: {totals.total:,} · prompt {totals.prompt:,} (")
    assert f"response {totals.response:,}" in text
    assert "audio" in text and "text" in text
    assert "usage reports" in window.tokens_status.toolTip()
