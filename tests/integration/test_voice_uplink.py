"""Push-to-talk and mute through the real controller and SDK: what the service receives."""

from __future__ import annotations

import asyncio

import numpy as np

from live_desktop.core import events as ev
from live_desktop.core.settings import Settings
from live_desktop.core.voice import VoiceUplink
from live_desktop.emulator import Emulator
from tests.emulator.helpers import speech
from tests.integration.test_session_controller import make_controller, until


def _kinds(emulator: Emulator) -> list[str]:
    out = []
    for message in emulator.connections[0].client_messages:
        realtime = message.get("realtime_input") or message.get("realtimeInput")
        if realtime:
            out.append(next(iter(realtime)))
    return out


async def test_push_to_talk_reaches_the_service_in_order(emulator: Emulator) -> None:
    settings = Settings()
    settings.vad.push_to_talk = True
    controller, rec = make_controller(emulator, settings)
    assert await controller.connect()
    uplink = VoiceUplink(controller, push_to_talk=True)
    pcm = speech(0.6)
    chunks = [pcm[i : i + 640] for i in range(0, len(pcm), 640)]
    uplink.on_chunk(chunks[0])  # before the press: not sent
    uplink.press()
    for chunk in chunks[1:]:
        uplink.on_chunk(chunk)
    uplink.release()  # e.g. focus lost with the key held
    for _ in range(10):  # the 200 ms tail the microphone still delivers
        uplink.on_chunk(bytes(640))
    uplink.on_chunk(chunks[0])  # after the tail: not sent
    await rec.wait_for(ev.TurnComplete, timeout=10)
    await until(lambda: "activityEnd" in _kinds(emulator))
    kinds = _kinds(emulator)
    assert kinds[0] == "activityStart" and kinds[-1] == "activityEnd"
    assert kinds[1:-1] == ["audio"] * (len(chunks) - 1 + 10)
    await controller.disconnect()


async def test_mute_sends_audio_stream_end_after_a_second(emulator: Emulator) -> None:
    controller, _ = make_controller(emulator)
    assert await controller.connect()
    uplink = VoiceUplink(controller)
    silence = np.zeros(320, dtype="<i2").tobytes()
    for _ in range(5):
        uplink.on_chunk(silence)
    uplink.set_muted(True)
    for _ in range(5):
        uplink.on_chunk(silence)
    await asyncio.sleep(0.5)
    assert "audioStreamEnd" not in _kinds(emulator)
    await until(lambda: "audioStreamEnd" in _kinds(emulator), timeout=3)
    assert _kinds(emulator) == ["audio"] * 5 + ["audioStreamEnd"]
    await controller.disconnect()
