"""A recorded conversation over the real google-genai SDK against the emulator (TLS loopback).

The emulator ends each connection after a short lifetime (goAway, then a close), so the
conversation needs a second connection that resumes it: automatically (the controller's own
reconnection or goAway handover) or by the user pressing Connect again (``connect(resume=
True)``). Either way the user finds one recording with both turns and the reconnection in it,
and the API key in none of its files.
"""

from __future__ import annotations

import asyncio
import json
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any

from live_desktop.core import events as ev
from live_desktop.core.audio.tap import RecordingTap
from live_desktop.core.recording import AUDIO_RATE, Recorder, list_recordings
from live_desktop.core.session import SessionController
from live_desktop.core.settings import Settings

KEY = "AIzaSyRecordingTest-0123456789abcdefghijk"


class Events:
    def __init__(self, controller: SessionController) -> None:
        self.events: list[ev.SessionEvent] = []
        controller.subscribe(self.events.append)

    async def wait_for(
        self, predicate: Callable[[ev.SessionEvent], bool], after: int = 0, timeout: float = 30
    ) -> ev.SessionEvent:
        async def scan() -> ev.SessionEvent:
            while True:
                for event in self.events[after:]:
                    if predicate(event):
                        return event
                await asyncio.sleep(0.02)

        return await asyncio.wait_for(scan(), timeout)


async def test_a_turn_and_a_reconnection_are_one_recording_without_the_key(
    emulator_factory: Any, tmp_path: Path
) -> None:
    emu = await emulator_factory(connection_lifetime_s=6.0)  # goAway at 3 s, closed at 6 s
    controller = SessionController(
        Settings(), api_key=KEY, base_url=emu.base_url, ca_cert=emu.client_ssl_context()
    )
    taps: list[RecordingTap | None] = []
    root = tmp_path / "recordings"
    recorder = Recorder(root, attach_tap=taps.append, endpoint="Emulator", secrets=[KEY])
    controller.subscribe(recorder.apply)
    seen = Events(controller)

    assert await controller.connect(resume=True)
    assert await controller.send_text("first question")
    await seen.wait_for(lambda e: isinstance(e, ev.TurnComplete))
    await seen.wait_for(lambda e: isinstance(e, ev.ResumptionUpdate) and e.resumable)
    await seen.wait_for(lambda e: isinstance(e, ev.GoAway))
    # The connection ends: either the controller carries on by itself (a resumed setup), or
    # it ends and the user presses Connect again.
    event = await seen.wait_for(
        lambda e: (
            (isinstance(e, ev.SetupComplete) and e.resumed)
            or (isinstance(e, ev.StateChanged) and e.state is ev.ConnectionState.DISCONNECTED)
        )
    )
    if isinstance(event, ev.StateChanged):
        assert await controller.connect(resume=True)
    mark = len(seen.events)
    assert await controller.send_text("second question")
    await seen.wait_for(lambda e: isinstance(e, ev.TurnComplete), after=mark)
    await controller.disconnect()
    assert recorder.close()

    [info] = list_recordings(root)
    assert info.closed_cleanly and not info.repaired and info.turns == 4
    records = [json.loads(x) for x in (info.path / "transcript.jsonl").read_text().splitlines()]
    assert [r["text"] for r in records if r["type"] == "UserText"] == [
        "first question",
        "second question",
    ]
    assert [r["resumed"] for r in records if r["type"] == "SetupComplete"] == [False, True]
    assert any(r["type"] == "GoAway" for r in records)
    replies = "".join(r["text"] for r in records if r["type"] == "OutputTranscript")
    assert "You said: first question" in replies and "You said: second question" in replies
    assert any(r["type"] == "AudioOut" and r["bytes"] > 0 for r in records)
    meta = json.loads((info.path / "meta.json").read_text())
    assert meta["endpoint"] == "Emulator" and meta["model"] == controller.model
    assert meta["usage"]["connections"] == 2 and meta["usage"]["usage"]["total_tokens"] > 0
    markdown = (info.path / "transcript.md").read_text()
    assert "first question" in markdown and "You said: second question" in markdown
    # A tap was attached for each connection of the recording and detached at its end; the
    # WAV is valid even though no audio device fed it.
    assert taps[-1] is None
    with wave.open(str(info.path / "audio.wav"), "rb") as wav:
        assert (wav.getnchannels(), wav.getframerate()) == (2, AUDIO_RATE)
    for file in info.path.iterdir():
        text = file.read_bytes().decode("utf-8", "replace")
        assert KEY not in text and "AIza" not in text, file
