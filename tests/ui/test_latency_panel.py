"""The latency panel from real measurements: speech played into the virtual microphone, the
real audio engine and SDK, the emulator's spoken echo out of the virtual speaker; one row per
turn with the three stages timed by the engine's own clocks. And without a sound device, a
typed turn still gets its row, with what cannot be measured said so."""

from __future__ import annotations

import asyncio
import gc
import os
from collections.abc import Callable

import numpy as np
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from live_desktop.core import events as ev
from live_desktop.core.inspector import EventInspector
from live_desktop.core.session import SessionController
from live_desktop.core.settings import Settings
from live_desktop.emulator import Emulator
from live_desktop.ui.conversation import ConversationViewModel
from live_desktop.ui.insight import wire_insight
from live_desktop.ui.main_window import MainWindow
from tests.devices.conftest import MIC_SINK, pulse, spoken  # noqa: F401  (pulse: fixture)

SENTENCES = ("Hello there, can you hear me?", "Tell me something about the sea.")


async def wait_until(predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    """Wait on the asyncio loop, letting Qt run its timers (the panel's refresh tick)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        QApplication.processEvents()
        if predicate():
            return
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


def make_window(emulator: Emulator, settings: Settings) -> tuple[MainWindow, SessionController]:
    controller = SessionController(
        settings,
        api_key="test-key",
        base_url=emulator.base_url,
        ca_cert=emulator.client_ssl_context(),
        wire_tap=EventInspector(),
    )
    window = MainWindow(
        ConversationViewModel(controller), endpoint_label="Offline loopback", offline=True
    )
    window.show()
    return window, controller


def number(text: str) -> float:
    return float(text.replace(",", ""))


async def test_a_typed_turn_without_a_speaker_gets_a_row(qapp: object, emulator: Emulator) -> None:
    window, controller = make_window(emulator, Settings())
    docks = wire_insight(window, controller, window.conversation.controller.wire_tap)
    docks.latency_action.trigger()
    panel = docks.latency_widget
    try:
        assert "No reply yet" in panel.chart.empty_text
        window.connect_button.click()
        await wait_until(lambda: window.state_label.text() == "Connected")
        window.text_input.setText("time me")
        window.text_input.returnPressed.emit()
        await wait_until(
            lambda: len(panel.row_texts()) == 1 and "playing" not in panel.row_texts()[0][5]
        )
        turn, to_audio, to_audible, v2v, underruns, notes = panel.row_texts()[0]
        assert (turn, to_audio, to_audible, v2v, underruns) == ("1", "—", "—", "—", "0")
        assert "no speech end" in notes and "not heard" in notes
        assert "no speaker" in panel.summary_label.text()
    finally:
        await window.conversation.shutdown()
        window.close()
        gc.collect()  # Qt objects in cycles are freed here, not by a GC pass on an audio thread


@pytest.mark.devices
@pytest.mark.usefixtures("pulse")
async def test_each_spoken_turn_gets_a_row_from_real_measurements(
    qapp: object, emulator: Emulator
) -> None:
    from live_desktop.devices.probe import DevicePlayer
    from live_desktop.devices.voice_session import VoiceSession

    settings = Settings()
    window, controller = make_window(emulator, settings)
    voice = VoiceSession(controller, settings)
    docks = wire_insight(window, controller, controller.wire_tap, voice)
    docks.latency_action.trigger()
    panel = docks.latency_widget
    loop = asyncio.get_running_loop()
    turns: list[ev.TurnComplete] = []
    controller.subscribe(lambda e: turns.append(e) if isinstance(e, ev.TurnComplete) else None)
    try:
        window.connect_button.click()
        await wait_until(lambda: window.state_label.text() == "Connected")
        await asyncio.sleep(1.5)  # the microphone's start-up (see test_audio_engine)
        with DevicePlayer(MIC_SINK) as player:
            for i, sentence in enumerate(SENTENCES, start=1):
                player.play(spoken(sentence, 48000))
                await loop.run_in_executor(None, player.wait_idle, 15.0)
                await wait_until(lambda i=i: len(turns) >= i, timeout=20)
                # The reply is heard to its end before the next sentence.
                await wait_until(lambda: not voice.engine.playback.speaking, timeout=15)
                await asyncio.sleep(0.5)
        await wait_until(lambda: len(panel.row_texts()) == len(SENTENCES), timeout=5)
    finally:
        await window.conversation.shutdown()
        voice.close()
        window.close()
        gc.collect()  # Qt objects in cycles are freed here, not by a GC pass on an audio thread

    rows = panel.row_texts()
    print("latency rows (newest first):", rows, panel.summary_label.text())
    assert [r[0] for r in rows] == ["2", "1"]
    for turn, to_audio, to_audible, v2v, _underruns, _notes in rows:
        # Real figures: the emulator waits for its own end of speech (silence duration)
        # before answering, so the first audio comes hundreds of ms after the local end.
        assert 100 < number(to_audio) < 5000, turn
        assert 0 <= number(to_audible) < 500, turn
        assert number(v2v) == pytest.approx(number(to_audio) + number(to_audible), abs=2)
    figures = [t.voice_to_voice_ms for t in panel.log.turns]
    assert all(f is not None for f in figures)
    # The engine's own voice-to-voice figure (end of speech to first audible sample) agrees.
    engine = voice.engine.latency.samples()
    assert len(engine) == len(SENTENCES)
    assert np.allclose(figures, engine, atol=25)
    assert panel.chart.turns == list(panel.log.turns)
    assert "Voice-to-voice: last" in panel.summary_label.text()
