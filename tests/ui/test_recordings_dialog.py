"""Recordings as a person meets them: the start-up sentence after a crash, File > Recordings…,
the list, and exports to Markdown, JSON and WAV (offscreen, real files)."""

from __future__ import annotations

import json
import os
import time
import wave
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QFileDialog

from live_desktop.app import Endpoint, wire_recording
from live_desktop.core import events as ev
from live_desktop.core.recording import DATA_DIR_ENV, Recorder, wav_header
from live_desktop.core.session import SessionController
from live_desktop.core.settings import Settings
from live_desktop.emulator import Emulator
from live_desktop.ui.conversation import ConversationViewModel
from live_desktop.ui.main_window import MainWindow
from live_desktop.ui.recordings_dialog import RecordingsDialog

S = ev.ConnectionState


def record(root: Path, texts: list[str]) -> Path:
    """A closed, transcript-only recording of ``texts`` made by the real Recorder."""
    recorder = Recorder(root)
    events: list[ev.SessionEvent] = [
        ev.StateChanged(S.CONNECTING, S.DISCONNECTED),
        ev.SetupComplete("s", "gemini-live", False),
    ]
    for text in texts:
        events += [ev.UserText(text), ev.OutputTranscript(f"You said: {text}"), ev.TurnComplete()]
    for event in [*events, ev.StateChanged(S.DISCONNECTED, S.CONNECTED)]:
        recorder.apply(event)
    assert recorder.close()
    assert recorder.last_folder is not None
    return recorder.last_folder


def crashed(root: Path, seconds: int) -> Path:
    """What a kill -9 leaves: meta not ended, a WAV header that counts nothing."""
    folder = root / "20261121-101400-abcdef"
    folder.mkdir(parents=True)
    started = time.mktime((2026, 11, 21, 10, 14, 0, 0, 0, -1))
    (folder / "meta.json").write_text(
        json.dumps({"started": started, "ended": None, "audio": True})
    )
    lines = [
        {"time": started + 1, "type": "UserText", "text": "hello"},
        {"time": started + 2, "type": "OutputTranscript", "text": "You said: hello"},
        {"time": started + 3, "type": "TurnComplete"},
    ]
    (folder / "transcript.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    audio = np.full((seconds * 24000, 2), 500, np.int16).tobytes()
    (folder / "audio.wav").write_bytes(wav_header(0) + audio)
    return folder


@pytest.fixture
async def window(qapp: QApplication, emulator: Emulator) -> AsyncIterator[MainWindow]:
    controller = SessionController(
        Settings(), api_key="test-key", base_url=emulator.base_url, ca_cert=emulator.cert_path
    )
    win = MainWindow(
        ConversationViewModel(controller), endpoint_label="Offline loopback", offline=True
    )
    win.show()
    yield win
    await win.conversation.shutdown()
    win.close()


def save_as(monkeypatch: pytest.MonkeyPatch, *answers: tuple[str, str]) -> list[str]:
    """Answer the next file dialogs with ``answers``; returns the filters each one offered."""
    queue = list(answers)
    offered: list[str] = []

    def ask(*args: Any, **_kwargs: Any) -> tuple[str, str]:
        offered.append(str(args[3]))
        return queue.pop(0)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    return offered


async def test_after_a_crash_the_window_says_so_and_the_recording_is_listed(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    root = tmp_path / "recordings"
    folder = crashed(root, 42)
    controller = window.conversation.controller
    endpoint = Endpoint("Offline loopback", True, "offline-loopback")
    recorder = await wire_recording(
        window, controller, controller.settings, endpoint, None, record=True
    )
    expected = (
        "The conversation of 21 Nov 10:14 was not closed properly (the app stopped); its "
        "recording was repaired: 2 turns, 42 s of audio."
    )
    assert recorder.notices == [expected]
    assert window.notice_banner.isVisible() and expected in window.notice_banner.label.text()

    window.recordings_action.trigger()
    [dialog] = [w for w in window.findChildren(RecordingsDialog) if w.isVisible()]
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    cells = [dialog.table.item(0, c).text() for c in range(5)]
    assert cells[1:] == ["0:42", "2", "0:42", "Repaired after the app stopped"]
    assert cells[0].startswith("2026-11-21")

    offered = save_as(monkeypatch, (str(tmp_path / "out" / "talk"), "WAV audio (*.wav)"))
    (tmp_path / "out").mkdir()
    dialog.export_button.click()
    assert "WAV audio (*.wav)" in offered[0]
    with wave.open(str(tmp_path / "out" / "talk.wav"), "rb") as wav:
        assert wav.getnchannels() == 2 and wav.getnframes() == 42 * 24000
    assert "talk.wav" in dialog.status_label.text()
    assert folder.exists()
    dialog.close()


async def test_the_dialog_exports_markdown_and_json_and_says_what_failed(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    root = tmp_path / "recordings"
    record(root, ["first"])
    record(root, ["one", "two"])
    dialog = RecordingsDialog(root)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    turns = [dialog.table.item(row, 2).text() for row in range(2)]
    assert sorted(turns) == ["2", "4"]
    dialog.table.selectRow(turns.index("4"))
    assert dialog.table.item(turns.index("4"), 3).text() == "None"  # transcript only

    offered = save_as(
        monkeypatch,
        (str(tmp_path / "talk"), "Markdown (*.md)"),
        (str(tmp_path / "talk"), "JSON (*.json)"),
        (str(tmp_path / "no-such-dir" / "talk.md"), "Markdown (*.md)"),
    )
    dialog.export_button.click()
    assert "WAV" not in offered[0]  # no audio, so no WAV to offer
    markdown = (tmp_path / "talk.md").read_text()
    assert markdown.startswith("# Conversation (Live Desktop,")
    assert "one" in markdown and "You said: two" in markdown
    dialog.export_button.click()
    document = json.loads((tmp_path / "talk.json").read_text())
    assert [t["text"] for t in document["turns"]] == [
        "one",
        "You said: one",
        "two",
        "You said: two",
    ]
    dialog.export_button.click()
    status = dialog.status_label.text()
    assert status.startswith("Could not save the recording to") and "no-such-dir" in status


async def test_no_recordings_is_said_in_words(
    qapp: QApplication, tmp_path: Path, qtbot: Any
) -> None:
    dialog = RecordingsDialog(tmp_path / "recordings")
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0
    assert dialog.empty_label.text().startswith("No conversations have been recorded yet.")
    assert not dialog.export_button.isEnabled()


async def test_file_export_offers_the_recordings_audio_as_wav(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = crashed(tmp_path / "recordings", 3)
    offered = save_as(
        monkeypatch,
        (str(tmp_path / "talk"), "WAV audio of the recording (*.wav)"),
    )
    window.recording_folder = lambda: folder
    window.export_action.trigger()
    assert "WAV audio of the recording (*.wav)" in offered[0]
    with wave.open(str(tmp_path / "talk.wav"), "rb") as wav:
        assert wav.getnframes() == 3 * 24000
    assert "talk.wav" in window.statusBar().currentMessage()

    window.recording_folder = lambda: None  # not recorded: no WAV offered, and none written
    save_as(monkeypatch, (str(tmp_path / "other.wav"), "Markdown (*.md)"))
    window.export_action.trigger()
    assert not (tmp_path / "other.wav").exists()
    assert "was not recorded" in window.error_banner.label.text()
