"""Push-to-talk from the window: Space or the button, through the uplink and the real SDK to the
emulator, in order, and always closed, even when the window loses focus mid-press."""

from __future__ import annotations

import asyncio
import os
import warnings
from collections.abc import AsyncIterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from live_desktop.core.session import SessionController
from live_desktop.core.settings import Settings
from live_desktop.core.voice import VoiceUplink
from live_desktop.emulator import Emulator
from live_desktop.ui.conversation import ConversationViewModel
from live_desktop.ui.main_window import MainWindow
from tests.emulator.helpers import speech
from tests.integration.test_session_controller import until


def kinds(emulator: Emulator) -> list[str]:
    out = []
    for message in emulator.connections[-1].client_messages:
        realtime = message.get("realtime_input")
        if realtime:
            out.append(next(iter(realtime)))
    return out


class Rig:
    def __init__(self, emulator: Emulator) -> None:
        settings = Settings()
        settings.vad.push_to_talk = True
        self.controller = SessionController(
            settings,
            api_key="test-key",
            base_url=emulator.base_url,
            ca_cert=emulator.client_ssl_context(),
        )
        self.window = MainWindow(
            ConversationViewModel(self.controller), endpoint_label="Test", offline=False
        )
        self.uplink = VoiceUplink(self.controller, push_to_talk=True)
        controls = self.window.voice_controls
        controls.set_push_to_talk_mode(True)
        controls.push_to_talk_pressed.connect(self.uplink.press)
        controls.push_to_talk_released.connect(self.uplink.release)
        self.window.show()

    def speak(self, chunks: int) -> None:
        """What the microphone delivers meanwhile (20 ms chunks)."""
        pcm = speech(chunks * 0.02)
        for i in range(chunks):
            self.uplink.on_chunk(pcm[i * 640 : (i + 1) * 640])

    def key(self, kind: QEvent.Type, *, repeat: bool = False) -> None:
        event = QKeyEvent(kind, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier, " ", repeat)
        QApplication.sendEvent(self.window, event)


@pytest.fixture
async def rig(qapp: object, emulator: Emulator) -> AsyncIterator[Rig]:
    rig = Rig(emulator)
    assert await rig.controller.connect()
    yield rig
    rig.uplink.close()
    await rig.window.conversation.shutdown()
    rig.window.close()


async def test_space_held_and_released_sends_one_ordered_turn(rig: Rig, emulator: Emulator) -> None:
    rig.window.transcript_view.setFocus()  # not the message box: Space is push-to-talk
    rig.key(QEvent.Type.KeyPress)
    rig.key(QEvent.Type.KeyPress, repeat=True)  # auto-repeat must not start a second turn
    rig.speak(20)
    rig.key(QEvent.Type.KeyRelease)
    rig.speak(15)  # the 200 ms tail (10 chunks) goes, the rest is held back
    await until(lambda: "activityEnd" in kinds(emulator))
    assert kinds(emulator) == ["activityStart"] + ["audio"] * 30 + ["activityEnd"]


async def test_focus_loss_while_held_still_ends_the_turn(rig: Rig, emulator: Emulator) -> None:
    rig.window.voice_controls.ptt_button.setDown(True)
    rig.window.voice_controls.ptt_button.pressed.emit()
    rig.speak(10)
    # Another window takes focus mid-press: Qt never delivers the button's release.
    other = QWidget()
    other.show()
    with warnings.catch_warnings():  # offscreen Qt has no other way to move activation
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(rig.window)
        QApplication.setActiveWindow(other)
    await until(lambda: not rig.window.isActiveWindow(), timeout=3)
    QApplication.processEvents()
    assert not rig.window.voice_controls.ptt_button.isDown()
    other.close()
    # Even if the microphone stops delivering, the turn is closed after the tail timeout.
    await until(lambda: "activityEnd" in kinds(emulator), timeout=3)
    assert kinds(emulator) == ["activityStart"] + ["audio"] * 10 + ["activityEnd"]


async def test_space_types_in_the_message_box(rig: Rig, emulator: Emulator) -> None:
    rig.window.text_input.setFocus()
    rig.key(QEvent.Type.KeyPress)
    rig.key(QEvent.Type.KeyRelease)
    await asyncio.sleep(0.2)
    assert "activityStart" not in kinds(emulator)
