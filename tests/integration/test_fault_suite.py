"""The fault-injection suite: each fault against the real SDK and the emulator, asserting that
nothing was lost (every turn answered once, the audio said during a reconnect heard) and that the
user was told the right thing.

Rows that need devices or a subprocess live beside their subjects and are listed in
docs/reliability.md: the unplugged microphone (tests/devices/test_voice_session.py), the corrupt
settings file (tests/integration/test_cli.py) and kill -9 during a recording
(tests/integration/test_recording_crash.py).
"""

from __future__ import annotations

import asyncio
import json
import re
import time
import wave
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from live_desktop.core import events as ev
from live_desktop.core import recording as rec_mod
from live_desktop.core.audio.tap import RecordingTap
from live_desktop.core.session import SessionController
from live_desktop.core.settings import Settings
from live_desktop.emulator import Emulator
from tests.emulator.helpers import SMALL_JPEG, silence, speech
from tests.integration.test_session_controller import Recorder, until
from tests.tcp_proxy import StallingProxy

S = ev.ConnectionState
TURN_RE = re.compile(r"turn (\d+) of this conversation")


class Recorded:
    """The conversation's recording, as the app makes it: a Recorder on the controller's events
    and a RecordingTap fed what the "microphone" offered (on a 16 kHz sample clock) and the
    model audio as it arrived (played at once)."""

    def __init__(self, controller: SessionController, root: Path) -> None:
        self.controller = controller
        self.root = root
        self.tap: RecordingTap | None = None
        self.mic_samples = 0
        self._t0 = time.monotonic()
        self.recorder = rec_mod.Recorder(root, attach_tap=self._attach, endpoint="Emulator")
        controller.subscribe(self.recorder.apply)
        controller.subscribe(self._on_event)

    def _attach(self, tap: RecordingTap | None) -> None:
        self.tap = tap

    def _on_event(self, event: ev.SessionEvent) -> None:
        if isinstance(event, ev.AudioOut) and self.tap is not None:
            pcm = np.frombuffer(event.pcm, np.int16)
            self.tap.played(pcm, event.sample_rate, time.monotonic())

    def offer(self, pcm: bytes) -> bool:
        """The microphone: offered to the controller and recorded, like the audio engine does."""
        accepted = self.controller.offer_audio(pcm, time.monotonic())
        if accepted and self.tap is not None:
            at = max(self._t0 + self.mic_samples / 16000, time.monotonic() - 0.01)
            self.tap.mic(np.frombuffer(pcm, np.int16), at)
            self.mic_samples += len(pcm) // 2
        return accepted

    def check(self, rec: Recorder) -> dict[str, Any]:
        """Close it and assert nothing the user saw or said is missing from it."""
        assert self.recorder.close()
        [info] = rec_mod.list_recordings(self.root)
        assert info.closed_cleanly and not info.open
        records = [
            json.loads(line) for line in (info.path / "transcript.jsonl").read_text().splitlines()
        ]
        kinds = [r["type"] for r in records]
        assert kinds.count("TurnComplete") == len(rec.of(ev.TurnComplete))
        assert [r["text"] for r in records if r["type"] == "UserText"] == [
            e.text for e in rec.of(ev.UserText)
        ]
        assert kinds.count("SetupComplete") == len(rec.of(ev.SetupComplete))
        assert kinds.count("Reconnecting") == len(rec.of(ev.Reconnecting))
        with wave.open(str(info.path / "audio.wav"), "rb") as wav:
            seconds = wav.getnframes() / wav.getframerate()
        # Every microphone sample offered is in the recording (within one drain period).
        assert seconds >= self.mic_samples / 16000 - 0.25, (seconds, self.mic_samples / 16000)
        return {"records": records, "audio_seconds": seconds}


def make(
    base_url: str, emu: Emulator, settings: Settings | None = None, **kwargs: Any
) -> tuple[SessionController, Recorder]:
    controller = SessionController(
        settings or Settings(),
        api_key="test-key",
        base_url=base_url,
        ca_cert=emu.client_ssl_context(),
        **kwargs,
    )
    # Quick retries keep the suite short; the policy itself is the same.
    controller.backoff_base_s = 0.05
    controller.rate_limit_backoff_base_s = 0.2
    return controller, Recorder(controller)


def states(rec: Recorder) -> list[ev.ConnectionState]:
    return [e.state for e in rec.of(ev.StateChanged)]


def replies(rec: Recorder) -> list[str]:
    """The model's turns as the transcript would show them: output text between turn ends."""
    turns: list[str] = []
    current = ""
    for event in rec.events:
        if isinstance(event, ev.OutputTranscript):
            current += event.text
        elif isinstance(event, ev.TurnComplete):
            turns.append(current)
            current = ""
    return turns


async def talk(controller: SessionController, rec: Recorder, text: str, timeout: float = 15) -> str:
    mark = len(rec.events)
    assert await controller.send_text(text)
    await rec.wait_for(ev.TurnComplete, after=mark, timeout=timeout)
    return "".join(e.text for e in rec.events[mark:] if isinstance(e, ev.OutputTranscript))


async def test_go_away_hands_over_to_a_resumed_connection_without_losing_a_turn(
    emulator_factory: Any, tmp_path: Path
) -> None:
    # Each connection lives 10 s (real); goAway comes 5 s in, with 5 s left.
    emu = await emulator_factory(time_scale=4, connection_lifetime_s=40)
    controller, rec = make(emu.base_url, emu)
    recorded = Recorded(controller, tmp_path)
    assert await controller.connect()

    mic_sent = 0
    stop_mic = asyncio.Event()

    async def microphone() -> None:  # the microphone never stops, across the handover too
        nonlocal mic_sent
        chunk = silence(0.02)
        while not stop_mic.is_set():
            if recorded.offer(chunk):
                mic_sent += len(chunk)
            await asyncio.sleep(0.02)

    mic = asyncio.create_task(microphone())
    said: list[str] = []
    try:
        for i in range(1, 40):
            said.append(await talk(controller, rec, f"message {i}"))
            if controller.handovers and len(said) >= 3 and emu.connections[-1].turns >= 2:
                break
    finally:
        stop_mic.set()
        await mic
    await asyncio.sleep(0.3)  # the last chunks reach the emulator

    assert controller.handovers == 1
    assert len(emu.connections) == 2
    assert emu.connections[1].session_handle_used  # resumed, not a new conversation
    assert not rec.of(ev.ErrorEvent) and not rec.of(ev.Reconnecting)
    assert S.RECONNECTING not in states(rec) and S.FAILED not in states(rec)
    assert [e.resumed for e in rec.of(ev.SetupComplete)] == [False, True]
    # Every message answered exactly once, in order, and the turn count never skips or repeats.
    for i, text in enumerate(said, start=1):
        assert f"You said: message {i}" in text, text
    numbers = [int(m.group(1)) for m in map(TURN_RE.search, said) if m]
    assert numbers == list(range(1, len(said) + 1))
    # The microphone's audio went to one connection or the other, none of it twice or lost.
    heard = sum(c.audio_bytes_in for c in emu.connections)
    assert heard == mic_sent
    # No gap inside a reply: chunks are paced at 40 ms; a handover mid-reply would show.
    gaps = reply_gaps(rec)
    assert max(gaps) <= 0.3, max(gaps)
    await controller.disconnect()
    recording = recorded.check(rec)
    assert [r["resumed"] for r in recording["records"] if r["type"] == "SetupComplete"] == [
        False,
        True,
    ]


def reply_gaps(rec: Recorder) -> list[float]:
    gaps: list[float] = [0.0]
    last: float | None = None
    for event in rec.events:
        if isinstance(event, ev.AudioOut):
            if last is not None:
                gaps.append(event.at - last)
            last = event.at
        elif isinstance(event, ev.TurnComplete):
            last = None
    return gaps


@pytest.mark.parametrize(
    ("scenario", "words"),
    [("drop-mid-turn", "connection to the service was lost"), ("close-1011-mid-turn", "internal")],
)
async def test_a_drop_mid_turn_reconnects_and_resumes_the_conversation(
    emulator: Emulator, scenario: str, words: str, tmp_path: Path
) -> None:
    controller, rec = make(emulator.base_url, emulator)
    recorded = Recorded(controller, tmp_path)
    assert await controller.connect()
    assert "turn 1 of this conversation" in await talk(controller, rec, "first")

    assert emulator.inject(scenario) == 1
    mark = len(rec.events)
    assert await controller.send_text("please talk for a while")
    reconnecting = await rec.wait_for(ev.Reconnecting, after=mark)
    assert reconnecting.attempt == 1 and words in reconnecting.reason.lower()
    # What the user says while the connection is down is kept and heard once it is back.
    spoken = speech(1.0) + silence(1.0)
    for i in range(0, len(spoken), 640):
        assert recorded.offer(spoken[i : i + 640])
    await rec.wait_for(ev.SetupComplete, lambda e: e.resumed, after=mark)
    assert controller.state is S.CONNECTED
    # The cut reply ends as a turn (so the next one is not glued to it) and the user is told.
    notices = [e.message for e in rec.events[mark:] if isinstance(e, ev.Notice)]
    assert any("cut off" in n for n in notices), notices
    heard = await rec.wait_for(
        ev.InputTranscript, lambda e: "[speech" in e.text, after=mark, timeout=15
    )
    assert heard.text.startswith("[speech 1.")
    await rec.wait_for(ev.TurnComplete, after=rec.events.index(heard))
    assert emulator.connections[1].session_handle_used
    assert emulator.connections[1].audio_bytes_in >= len(spoken)

    said = await talk(controller, rec, "are you still there?")
    assert "You said: are you still there?" in said
    # The conversation went on from its last handle (after turn 1; the cut turn is not in it):
    # the speech was turn 2 and this is turn 3.
    assert "turn 3 of this conversation" in said, said
    assert not rec.of(ev.ErrorEvent)
    assert states(rec) == [S.CONNECTING, S.CONNECTED, S.RECONNECTING, S.CONNECTED]
    await controller.disconnect()
    recording = recorded.check(rec)
    assert recording["audio_seconds"] >= 2.0  # the speech said while reconnecting
    # One recording for the whole conversation, the cut reply marked in its transcript.
    assert any(r.get("reason") == ev.CONNECTION_LOST for r in recording["records"])


async def test_an_invalid_argument_1007_is_not_retried(emulator: Emulator, tmp_path: Path) -> None:
    controller, rec = make(emulator.base_url, emulator)
    recorded = Recorded(controller, tmp_path)
    assert await controller.connect()
    assert "turn 1" in await talk(controller, rec, "first")
    assert await controller.send_frame(b"this is not a jpeg")
    error = await rec.wait_for(ev.ErrorEvent)
    assert error.kind is ev.ErrorKind.INVALID_ARGUMENT and error.code == 1007
    assert "rejected a setting or an input" in error.message
    await rec.wait_for(ev.StateChanged, lambda e: e.state is S.DISCONNECTED)
    assert len(emulator.connections) == 1 and not rec.of(ev.Reconnecting)
    # The conversation so far is still there to read (and to resume by hand).
    assert "You said: first" in replies(rec)[0]
    assert controller.resumption_handle
    records = recorded.check(rec)["records"]
    assert any(r["type"] == "ErrorEvent" and r["code"] == 1007 for r in records)


async def test_a_key_rejected_on_reconnect_stops_at_once(emulator: Emulator) -> None:
    controller, rec = make(emulator.base_url, emulator)
    assert await controller.connect()
    assert "turn 1" in await talk(controller, rec, "first")
    emulator.scenario = "bad-key"  # the key was revoked while we talked
    emulator.inject("drop-mid-turn")
    assert await controller.send_text("and now?")
    error = await rec.wait_for(ev.ErrorEvent, timeout=15)
    assert error.kind is ev.ErrorKind.AUTHENTICATION and not error.recoverable
    assert "API key was rejected" in error.message
    await rec.wait_for(ev.StateChanged, lambda e: e.state is S.DISCONNECTED)
    assert len(rec.of(ev.Reconnecting)) == 1  # one attempt found the key bad; no retry storm
    assert len(emulator.connections) == 2


async def test_a_bad_key_at_connect_is_one_sentence_and_no_retry(emulator_factory: Any) -> None:
    emu = await emulator_factory(bad_keys={"test-key"})
    controller, rec = make(emu.base_url, emu)
    assert not await controller.connect()
    error = rec.of(ev.ErrorEvent)[0]
    assert error.code == 1008 and "API key was rejected" in error.message
    assert len(emu.connections) == 1 and not rec.of(ev.Reconnecting)
    assert states(rec) == [S.CONNECTING, S.FAILED, S.DISCONNECTED]


async def test_setup_never_answered(emulator: Emulator) -> None:
    # At connect: one sentence, at once.
    emulator.scenario = "no-setup-reply"
    controller, rec = make(emulator.base_url, emulator, setup_timeout_s=1.0)
    assert not await controller.connect()
    error = rec.of(ev.ErrorEvent)[-1]
    assert error.kind is ev.ErrorKind.SETUP_TIMEOUT
    assert "did not start the session in time" in error.message
    assert not rec.of(ev.Reconnecting)

    # After a drop: a bounded number of attempts, then the same sentence and a Reconnect action.
    emulator.scenario = None
    controller.max_reconnect_attempts = 2
    mark = len(rec.events)
    assert await controller.connect()
    assert "turn 1" in await talk(controller, rec, "first")
    emulator.scenario = "no-setup-reply"
    emulator.inject("drop-mid-turn")
    assert await controller.send_text("hello")
    error = await rec.wait_for(ev.ErrorEvent, after=mark, timeout=20)
    assert [e.attempt for e in rec.events[mark:] if isinstance(e, ev.Reconnecting)] == [1, 2]
    assert error.message.startswith("Could not reconnect after 2 attempts.")
    assert "did not start the session in time" in error.message
    assert error.recoverable  # the window offers Reconnect
    await rec.wait_for(ev.StateChanged, lambda e: e.state is S.DISCONNECTED, after=mark)

    # Reconnect by hand once the service is back: the conversation resumes.
    emulator.scenario = None
    assert await controller.connect(resume=True)
    assert rec.of(ev.SetupComplete)[-1].resumed
    # It resumes from the handle after turn 1 (the cut "hello" is not in it).
    assert "turn 2 of this conversation" in await talk(controller, rec, "back?")
    await controller.disconnect()


async def test_a_malformed_frame_costs_nothing(emulator: Emulator) -> None:
    controller, rec = make(emulator.base_url, emulator)
    assert await controller.connect()
    emulator.inject("malformed-frame")
    said = await talk(controller, rec, "say something")
    assert "You said: say something" in said
    assert [e.kind for e in rec.of(ev.ErrorEvent)] == [ev.ErrorKind.PROTOCOL]
    assert not rec.of(ev.Reconnecting) and len(emulator.connections) == 1
    assert "turn 2" in await talk(controller, rec, "and again")
    await controller.disconnect()


async def test_a_429_frame_backs_off_then_resumes(emulator: Emulator) -> None:
    emulator.scenario = "rate-limit-429"
    emulator.scenario_connections = 1
    controller, rec = make(emulator.base_url, emulator)
    assert await controller.connect()
    reconnecting = await rec.wait_for(ev.Reconnecting)
    assert reconnecting.kind is ev.ErrorKind.RATE_LIMITED and "quota" in reconnecting.reason
    # A rate limit waits longer than a network blip before trying again.
    assert reconnecting.delay_s >= controller.rate_limit_backoff_base_s / 2
    # The second connection (no handle yet: nothing was said before the limit hit).
    await rec.wait_for(ev.SetupComplete, after=rec.events.index(reconnecting))
    assert controller.state is S.CONNECTED and len(emulator.connections) == 2
    assert "You said: after the limit" in await talk(controller, rec, "after the limit")
    assert not rec.of(ev.ErrorEvent)
    await controller.disconnect()


async def test_a_stalled_server_is_left_for_a_new_connection(
    emulator: Emulator, tmp_path: Path
) -> None:
    async with StallingProxy(emulator.port) as proxy:
        controller, rec = make(proxy.base_url, emulator, keepalive_s=1.0)
        recorded = Recorded(controller, tmp_path)
        assert await controller.connect()
        assert "turn 1" in await talk(controller, rec, "first")
        assert proxy.stall() == 1
        # The microphone keeps sending into the frozen socket: real backpressure.
        spoken = speech(0.8) + silence(1.2)
        for i in range(0, len(spoken), 640):
            recorded.offer(spoken[i : i + 640])
        reconnecting = await rec.wait_for(ev.Reconnecting, timeout=20)
        assert reconnecting.kind is ev.ErrorKind.STALLED
        assert "stopped answering" in reconnecting.reason
        await rec.wait_for(ev.SetupComplete, lambda e: e.resumed, timeout=20)
        # The speech offered into the frozen socket reaches the resumed connection.
        heard = await rec.wait_for(ev.InputTranscript, lambda e: "[speech" in e.text)
        assert heard.text.startswith("[speech 0.")
        await rec.wait_for(ev.TurnComplete, after=rec.events.index(heard))
        said = await talk(controller, rec, "are you back?")
        assert "You said: are you back?" in said
        assert not rec.of(ev.ErrorEvent)
        # Disconnect is prompt, even with the old socket frozen somewhere.
        started = time.monotonic()
        await controller.disconnect()
        assert controller.state is S.DISCONNECTED
        assert time.monotonic() - started < controller.close_timeout_s + 1.5
        recorded.check(rec)


async def test_disconnect_from_a_frozen_server_does_not_hang(emulator: Emulator) -> None:
    async with StallingProxy(emulator.port) as proxy:
        controller, rec = make(proxy.base_url, emulator, keepalive_s=5.0)
        assert await controller.connect()
        proxy.stall()
        for _ in range(200):  # a few seconds of microphone fill the socket buffers
            controller.offer_audio(silence(0.02))
        await asyncio.sleep(0.5)
        started = time.monotonic()
        await controller.disconnect()
        elapsed = time.monotonic() - started
        assert controller.state is S.DISCONNECTED
        # Bounded by the close timeout (2 s), not websockets' drain + 10 s close timeout.
        assert elapsed < controller.close_timeout_s + 1.5, elapsed
        assert not rec.of(ev.ErrorEvent)


async def test_reconnects_give_up_after_the_limit_with_a_reconnect_action(
    emulator: Emulator,
) -> None:
    async with StallingProxy(emulator.port) as proxy:
        controller, rec = make(proxy.base_url, emulator, keepalive_s=1.0, setup_timeout_s=1.0)
        controller.max_reconnect_attempts = 3
        assert await controller.connect()
        proxy.stall_next(10)  # every reconnect hangs at the TLS handshake
        proxy.stall()
        error = await rec.wait_for(ev.ErrorEvent, timeout=40)
        assert [e.attempt for e in rec.of(ev.Reconnecting)] == [1, 2, 3]
        assert error.message.startswith("Could not reconnect after 3 attempts.")
        assert error.recoverable
        await until(lambda: controller.state is S.DISCONNECTED)
        # The backoff grew and stayed bounded.
        delays = [e.delay_s for e in rec.of(ev.Reconnecting)]
        assert all(d <= controller.backoff_cap_s for d in delays)


async def test_compression_on_by_default_lets_a_video_session_outlive_its_limit(
    emulator_factory: Any,
) -> None:
    # 100x: the 2-minute audio+video limit of an uncompressed session is 1.2 s here.
    emu = await emulator_factory(time_scale=100)
    assert Settings().session.context_compression  # on by default
    controller, rec = make(emu.base_url, emu)
    assert await controller.connect()
    assert await controller.send_frame(SMALL_JPEG)
    await asyncio.sleep(3.0)  # 5 emulated minutes
    assert "turn 1" in await talk(controller, rec, "still here?")
    assert controller.state is S.CONNECTED and not rec.of(ev.ErrorEvent)
    assert "contextWindowCompression" in emu.connections[0].setup
    await controller.disconnect()

    # Switched off, the same session ends at the limit, with a sentence that says what to do.
    settings = Settings()
    settings.session.context_compression = False
    controller, rec = make(emu.base_url, emu, settings)
    assert await controller.connect()
    assert await controller.send_frame(SMALL_JPEG)
    error = await rec.wait_for(ev.ErrorEvent, timeout=10)
    assert "Turn on context compression" in error.message
    assert not rec.of(ev.Reconnecting)  # 1007: a reconnect would hit the same wall
