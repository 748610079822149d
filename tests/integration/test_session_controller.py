"""The session controller over the real google-genai SDK against the emulator (TLS loopback).

Each test asserts what a user would notice: the reply they hear or read, the sentence they see
when something breaks, and that nothing crashes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

import pytest
from google.genai import types

from live_desktop.core import events as ev
from live_desktop.core.session import SessionController
from live_desktop.core.settings import FunctionDeclarationSettings, Settings
from live_desktop.emulator import SCENARIO_HEADER, Emulator
from tests.emulator.helpers import silence, speech

E = TypeVar("E")


class Recorder:
    """Collects a controller's events and waits for the ones a test expects."""

    def __init__(self, controller: SessionController) -> None:
        self.events: list[ev.SessionEvent] = []
        self._changed = asyncio.Event()
        controller.subscribe(self._on_event)

    def _on_event(self, event: ev.SessionEvent) -> None:
        self.events.append(event)
        self._changed.set()

    def of(self, kind: type[E]) -> list[E]:
        return [e for e in self.events if isinstance(e, kind)]

    async def wait_for(
        self,
        kind: type[E],
        predicate: Callable[[E], bool] = lambda _: True,
        timeout: float = 10.0,
        after: int = 0,
    ) -> E:
        async def scan() -> E:
            while True:
                for event in self.events[after:]:
                    if isinstance(event, kind) and predicate(event):
                        return event
                self._changed.clear()
                await self._changed.wait()

        return await asyncio.wait_for(scan(), timeout)

    def audio_bytes(self, start: int = 0) -> int:
        return sum(len(e.pcm) for e in self.events[start:] if isinstance(e, ev.AudioOut))


async def until(predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    async def poll() -> None:
        while not predicate():
            await asyncio.sleep(0.02)

    await asyncio.wait_for(poll(), timeout)


def make_controller(
    emu: Emulator,
    settings: Settings | None = None,
    *,
    scenario: str | None = None,
    api_key: str = "test-key",
    **kwargs: Any,
) -> tuple[SessionController, Recorder]:
    controller = SessionController(
        settings or Settings(),
        api_key=api_key,
        base_url=emu.base_url,
        ca_cert=emu.client_ssl_context(),
        headers={SCENARIO_HEADER: scenario} if scenario else None,
        **kwargs,
    )
    return controller, Recorder(controller)


async def send_speech(controller: SessionController, pcm: bytes, chunk_ms: int = 20) -> None:
    step = 16000 * chunk_ms // 1000 * 2
    for i in range(0, len(pcm), step):
        assert await controller.send_audio(pcm[i : i + step])


async def test_text_turn_is_answered_with_audio_and_a_transcript(emulator: Emulator) -> None:
    controller, rec = make_controller(emulator)
    assert await controller.connect()
    setup = rec.of(ev.SetupComplete)[0]
    assert setup.session_id and setup.model == "gemini-3.8-live" and not setup.resumed
    assert [e.state for e in rec.of(ev.StateChanged)] == [
        ev.ConnectionState.CONNECTING,
        ev.ConnectionState.CONNECTED,
    ]

    assert await controller.send_text("hello there")
    await rec.wait_for(ev.TurnComplete)
    said = "".join(e.text for e in rec.of(ev.OutputTranscript))
    assert "You said: hello there" in said
    audio = rec.of(ev.AudioOut)
    assert audio and all(a.sample_rate == 24000 for a in audio)
    assert rec.of(ev.UserText)[0].text == "hello there"
    usage = await rec.wait_for(ev.Usage)
    assert usage.total_tokens > 0 and usage.details

    await controller.disconnect()
    assert controller.state is ev.ConnectionState.DISCONNECTED
    assert not rec.of(ev.ErrorEvent)
    await until(lambda: emulator.connections[0].close_code is not None)
    assert emulator.connections[0].close_code == 1000  # an orderly close, not a drop


async def test_text_modality_replies_in_text(emulator: Emulator) -> None:
    settings = Settings()
    settings.model.name = "gemini-3.1-flash-live-preview"
    settings.model.response_modality = "TEXT"
    controller, rec = make_controller(emulator, settings)
    assert await controller.connect()
    await controller.send_text("write it down")
    await rec.wait_for(ev.TurnComplete)
    assert "You said: write it down" in "".join(e.text for e in rec.of(ev.ModelText))
    assert not rec.of(ev.AudioOut)
    await controller.disconnect()


async def test_speech_in_comes_back_as_echoed_audio_of_the_same_length(
    emulator: Emulator,
) -> None:
    controller, rec = make_controller(emulator)
    assert await controller.connect()
    await send_speech(controller, speech(1.5) + silence(1.2))
    heard = await rec.wait_for(ev.InputTranscript, lambda e: e.finished)
    assert heard.text.startswith("[speech")
    await rec.wait_for(ev.TurnComplete, timeout=15)
    seconds_back = rec.audio_bytes() / 2 / 24000
    assert seconds_back == pytest.approx(1.5, rel=0.15)
    assert emulator.connections[0].audio_bytes_in == len(speech(1.5) + silence(1.2))
    await controller.disconnect()


async def test_speaking_over_the_reply_interrupts_it(emulator: Emulator) -> None:
    controller, rec = make_controller(emulator)
    assert await controller.connect()
    await send_speech(controller, speech(3.0) + silence(1.0))
    await rec.wait_for(ev.AudioOut, timeout=10)
    # The reply plays in real time (3 s); talk over it after half a second.
    await asyncio.sleep(0.5)
    await send_speech(controller, speech(0.8))
    interrupted = await rec.wait_for(ev.Interrupted, timeout=10)
    cut = rec.events.index(interrupted)
    await asyncio.sleep(0.3)
    # Nothing of the interrupted reply arrives after the interruption.
    assert rec.audio_bytes(cut) == 0
    assert rec.audio_bytes() / 2 / 24000 < 2.0
    await controller.disconnect()


async def test_manual_activity_turns(emulator: Emulator) -> None:
    settings = Settings()
    settings.vad.automatic = False
    controller, rec = make_controller(emulator, settings)
    assert await controller.connect()
    assert await controller.activity_start()
    await send_speech(controller, speech(0.6) + silence(0.2))
    assert await controller.activity_end()
    await rec.wait_for(ev.TurnComplete, timeout=10)
    assert rec.audio_bytes() / 2 / 24000 == pytest.approx(0.8, rel=0.15)
    kinds = [
        next(iter(m.get("realtime_input", {"x": 0})))
        for m in emulator.connections[0].client_messages
        if "realtime_input" in m
    ]
    assert kinds[0] == "activityStart" and kinds[-1] == "activityEnd"
    await controller.disconnect()


async def test_tool_call_round_trip(emulator: Emulator) -> None:
    settings = Settings()
    settings.tools.functions = [
        FunctionDeclarationSettings(
            name="get_weather",
            description="Weather for a city",
            parameters={"type": "object", "properties": {"city": {"type": "string"}}},
        )
    ]
    controller, rec = make_controller(emulator, settings)
    assert await controller.connect()
    await controller.send_text('call get_weather {"city": "Lisbon"}')
    call = await rec.wait_for(ev.ToolCall)
    assert call.calls[0].name == "get_weather"
    assert dict(call.calls[0].args) == {"city": "Lisbon"}
    mark = len(rec.events)
    await controller.send_tool_response(
        [types.FunctionResponse(id=call.calls[0].id, name="get_weather", response={"sky": "clear"})]
    )

    # gemini-3.8-live calls functions NON_BLOCKING: the result is spoken in a turn of its own.
    def said() -> str:
        return "".join(e.text for e in rec.events[mark:] if isinstance(e, ev.OutputTranscript))

    await until(lambda: "clear" in said())
    assert "get_weather" in said()
    await controller.disconnect()


async def test_interrupting_a_pending_tool_call_cancels_it(emulator: Emulator) -> None:
    settings = Settings()
    settings.tools.functions = [FunctionDeclarationSettings(name="slow_lookup")]
    controller, rec = make_controller(emulator, settings)
    assert await controller.connect()
    await controller.send_text("call slow_lookup {}")
    call = await rec.wait_for(ev.ToolCall)
    await controller.send_text("never mind")
    cancelled = await rec.wait_for(ev.ToolCallCancellation)
    assert cancelled.ids == (call.calls[0].id,)
    await controller.disconnect()


async def test_reconnecting_with_the_handle_continues_the_conversation(
    emulator: Emulator,
) -> None:
    controller, rec = make_controller(emulator)
    assert await controller.connect()
    await controller.send_text("first")
    await rec.wait_for(ev.ResumptionUpdate, lambda e: e.resumable and bool(e.handle))
    await rec.wait_for(ev.TurnComplete)
    handle = controller.resumption_handle
    first_session = controller.session_id
    assert handle
    await controller.disconnect()

    mark = len(rec.events)
    assert await controller.connect(resume=True)
    assert rec.of(ev.SetupComplete)[-1].resumed
    assert emulator.connections[1].session_handle_used == handle
    await controller.send_text("second")
    await rec.wait_for(ev.TurnComplete, after=mark)
    said = "".join(e.text for e in rec.events[mark:] if isinstance(e, ev.OutputTranscript))
    assert "turn 2 of this conversation" in said
    assert controller.session_id == first_session
    await controller.disconnect()


async def test_go_away_is_announced_before_the_close(emulator_factory: Any) -> None:
    emu = await emulator_factory(scenario="go-away-soon", time_scale=20)
    controller, rec = make_controller(emu)
    assert await controller.connect()
    go_away = await rec.wait_for(ev.GoAway)
    assert go_away.time_left_s is not None and go_away.time_left_s > 0
    # No handle yet to hand over with, so the close comes; it is worth a reconnect, and the
    # controller makes one (the handover itself: tests/integration/test_fault_suite.py).
    reconnecting = await rec.wait_for(ev.Reconnecting, timeout=15)
    assert reconnecting.kind is ev.ErrorKind.TIME_LIMIT
    assert "time limit" in reconnecting.reason
    await controller.disconnect()


@pytest.mark.parametrize(
    ("scenario", "kind", "recoverable", "words", "needs_turn"),
    [
        ("drop-mid-turn", ev.ErrorKind.CONNECTION_LOST, True, "lost", True),
        ("close-1011-mid-turn", ev.ErrorKind.SERVER, True, "internal error", True),
        ("rate-limit-429", ev.ErrorKind.RATE_LIMITED, True, "quota", False),
        ("bad-key", ev.ErrorKind.AUTHENTICATION, False, "API key", False),
        ("stall", ev.ErrorKind.STALLED, True, "stopped answering", False),
    ],
)
async def test_fault_scenarios_become_the_right_error_event(
    emulator: Emulator,
    scenario: str,
    kind: ev.ErrorKind,
    recoverable: bool,
    words: str,
    needs_turn: bool,
) -> None:
    controller, rec = make_controller(emulator, scenario=scenario, keepalive_s=1.0)
    # What each fault says when it ends the conversation: reconnecting (tests/integration/
    # test_fault_suite.py) is switched off here.
    controller.max_reconnect_attempts = 0
    connected = await controller.connect()
    if needs_turn:
        assert connected
        await controller.send_text("please talk for a while")
    error = await rec.wait_for(ev.ErrorEvent, timeout=15)
    assert error.kind is kind, error
    assert error.recoverable is recoverable
    assert words.lower() in error.message.lower()
    await rec.wait_for(ev.StateChanged, lambda e: e.state is ev.ConnectionState.DISCONNECTED)
    # A send after the socket closed is an error event, not a crash.
    mark = len(rec.events)
    assert not await controller.send_text("anyone there?")
    assert rec.of(ev.ErrorEvent)[-1].kind is ev.ErrorKind.NOT_CONNECTED
    assert len(rec.events) == mark + 1
    await controller.disconnect()


async def test_a_malformed_frame_is_skipped_and_the_session_goes_on(emulator: Emulator) -> None:
    controller, rec = make_controller(emulator, scenario="malformed-frame")
    assert await controller.connect()
    await controller.send_text("first reply has a broken frame")
    await rec.wait_for(ev.TurnComplete)
    protocol = [e for e in rec.of(ev.ErrorEvent) if e.kind is ev.ErrorKind.PROTOCOL]
    assert len(protocol) == 1 and protocol[0].recoverable
    assert controller.connected
    mark = len(rec.events)
    await controller.send_text("second")
    await rec.wait_for(ev.TurnComplete, after=mark)
    await controller.disconnect()


async def test_setup_never_answered_times_out_with_a_sentence(emulator: Emulator) -> None:
    controller, rec = make_controller(emulator, scenario="no-setup-reply", setup_timeout_s=1.0)
    assert not await controller.connect()
    error = rec.of(ev.ErrorEvent)[0]
    assert error.kind is ev.ErrorKind.SETUP_TIMEOUT
    assert "did not start the session" in error.message
    assert controller.state is ev.ConnectionState.DISCONNECTED


async def test_bad_key_is_an_authentication_error(emulator_factory: Any) -> None:
    emu = await emulator_factory(bad_keys={"AIzaWrongKey"})
    controller, rec = make_controller(emu, api_key="AIzaWrongKey")
    assert not await controller.connect()
    error = rec.of(ev.ErrorEvent)[0]
    assert error.kind is ev.ErrorKind.AUTHENTICATION and not error.recoverable
    assert error.message == (
        "The API key was rejected. Check the key in Settings (it may be mistyped, revoked or "
        "expired)."
    )
    assert "AIzaWrongKey" not in error.message + error.detail


async def test_unknown_model_names_the_model(emulator: Emulator) -> None:
    settings = Settings()
    settings.model.name = "gemini-0.1-imaginary"
    controller, rec = make_controller(emulator, settings)
    assert not await controller.connect()
    error = rec.of(ev.ErrorEvent)[0]
    assert error.kind is ev.ErrorKind.MODEL_NOT_FOUND
    assert "gemini-0.1-imaginary" in error.message


async def test_a_setting_the_model_rejects_is_caught_before_connecting(
    emulator: Emulator,
) -> None:
    settings = Settings()
    settings.generation.enable_affective_dialog = True  # removed on gemini-3.8-live
    controller, rec = make_controller(emulator, settings)
    assert not await controller.connect()
    error = rec.of(ev.ErrorEvent)[0]
    assert error.kind is ev.ErrorKind.SETTINGS and not error.recoverable
    assert "gemini-3.8-live" in error.message
    assert "ffective" in error.message
    assert emulator.connections == []  # it never reached the wire


async def test_untrusted_certificate_is_a_tls_sentence(emulator: Emulator) -> None:
    controller = SessionController(Settings(), api_key="k", base_url=emulator.base_url)
    rec = Recorder(controller)
    assert not await controller.connect()
    error = rec.of(ev.ErrorEvent)[0]
    assert error.kind is ev.ErrorKind.TLS
    assert "not trusted" in error.message


async def test_nothing_listening_is_a_network_sentence() -> None:
    controller = SessionController(
        Settings(), api_key="k", base_url="https://127.0.0.1:9", ca_cert=None
    )
    rec = Recorder(controller)
    assert not await controller.connect()
    assert rec.of(ev.ErrorEvent)[0].kind is ev.ErrorKind.NETWORK


async def test_video_keeps_only_the_newest_frame(emulator: Emulator) -> None:
    from tests.emulator.helpers import SMALL_JPEG

    controller, rec = make_controller(emulator)
    assert await controller.connect()
    for _ in range(5):
        controller.send_video(SMALL_JPEG)
    await asyncio.sleep(0.3)
    assert 1 <= controller.frames_sent <= 5
    assert controller.frames_sent + controller.frames_replaced == 5
    await controller.send_text("what do you see")
    await rec.wait_for(ev.TurnComplete)
    said = "".join(e.text for e in rec.of(ev.OutputTranscript))
    assert "video frame" in said
    await controller.disconnect()
