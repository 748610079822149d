"""Function calls answered by the app: the tool dispatcher over the real google-genai SDK against
the emulator, with a real local HTTP server standing for a webhook.

Each test drives the emulator's ``call NAME {json}`` text turn and checks what the model got
back (the emulator's reply quotes it), what went over the wire, and what the transcript says.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from live_desktop.core import events as ev
from live_desktop.core.settings import FunctionDeclarationSettings, Settings
from live_desktop.core.tools import Screenshot, ToolDispatcher
from live_desktop.core.transcript import Role, TranscriptModel
from live_desktop.emulator import Emulator
from tests.emulator.helpers import SMALL_JPEG
from tests.integration.test_session_controller import Recorder, make_controller, until
from tests.webhook_server import WebhookServer

LISBON_NOON = datetime(2026, 11, 21, 12, 0, 5, tzinfo=timezone(timedelta(hours=0), "WET"))


class DesktopStandIn:
    """The desktop side of the tools (Qt in the app), for tests that are about core: a fixed
    screenshot, and the user's answer to a manual call."""

    def __init__(self) -> None:
        self.answers: list[dict[str, Any] | None] = []

    async def read_clipboard(self) -> str | None:
        return "clipboard text"

    async def write_clipboard(self, text: str) -> bool:
        return True

    async def open_url(self, url: str) -> bool:
        return False  # the user says no

    async def notify(self, title: str, message: str) -> str:
        return "window"

    async def screenshot(self) -> Screenshot:
        return Screenshot(SMALL_JPEG, 64, 36)

    async def answer(self, call: ev.FunctionCall, function: Any) -> dict[str, Any] | None:
        return self.answers.pop(0)


@pytest.fixture
async def webhook() -> AsyncIterator[WebhookServer]:
    server = await WebhookServer().start()
    yield server
    await server.stop()


def said(rec: Recorder, since: int = 0) -> str:
    return "".join(
        e.text for e in rec.events[since:] if isinstance(e, ev.OutputTranscript | ev.ModelText)
    )


def tool_responses(emu: Emulator) -> list[dict[str, Any]]:
    found = []
    for message in emu.connections[-1].client_messages:
        body = message.get("tool_response") or {}
        found += body.get("functionResponses") or body.get("function_responses") or []
    return found


async def connected(emu: Emulator, settings: Settings, host: Any = None) -> tuple[Any, ...]:
    controller, rec = make_controller(emu, settings)
    dispatcher = ToolDispatcher(controller, host, now=lambda: LISBON_NOON)
    transcript = TranscriptModel()
    controller.subscribe(transcript.apply)
    assert await controller.connect()
    return controller, rec, dispatcher, transcript


async def test_current_time_round_trip(emulator: Emulator) -> None:
    settings = Settings()
    settings.tools.current_time = True
    controller, rec, dispatcher, transcript = await connected(emulator, settings)
    try:
        await controller.send_text("call get_current_time {}")
        result = await rec.wait_for(ev.ToolResult)
        assert result.outcome == "ok" and result.name == "get_current_time"
        await until(lambda: "2026-11-21T12:00:05+00:00" in said(rec))
        assert "get_current_time returned" in said(rec)
        (response,) = tool_responses(emulator)
        call = rec.of(ev.ToolCall)[0].calls[0]
        assert response["id"] == call.id
        assert response["response"]["output"]["weekday"] == "Saturday"
        # gemini-3.8-live calls it NON_BLOCKING (declared so), so the answer waits for a pause.
        assert response["scheduling"] == "WHEN_IDLE"
        (decl,) = emulator.setups[-1]["tools"][0]["functionDeclarations"]
        assert decl["behavior"] == "NON_BLOCKING"
        shown = [(t.role, t.label, t.text) for t in transcript.turns if t.role is Role.TOOL]
        assert shown[0] == (Role.TOOL, "Function call", "get_current_time({})")
        assert shown[1][1] == "Function result" and "Saturday" in shown[1][2]
    finally:
        await dispatcher.aclose()
        await controller.disconnect()


async def test_screenshot_goes_out_as_a_frame_before_the_answer(emulator: Emulator) -> None:
    settings = Settings()
    settings.tools.screenshot = True
    controller, rec, dispatcher, _ = await connected(emulator, settings, DesktopStandIn())
    try:
        await controller.send_text("call take_screenshot {}")
        await until(lambda: "64x36 screenshot" in said(rec))
        record = emulator.connections[-1]
        assert record.video_frames == 1 and record.last_video_size == (64, 36)
        kinds = [
            "video" if (m.get("realtime_input") or {}).get("video") else next(iter(m))
            for m in record.client_messages
        ]
        assert kinds.index("video") < kinds.index("tool_response")
        assert "64x36 screenshot" in said(rec)
    finally:
        await dispatcher.aclose()
        await controller.disconnect()


async def test_bad_input_and_a_declined_request_reach_the_model_as_errors(
    emulator: Emulator,
) -> None:
    settings = Settings()
    settings.tools.open_url = True
    controller, rec, dispatcher, transcript = await connected(emulator, settings, DesktopStandIn())
    try:
        await controller.send_text('call open_url {"url": "file:///etc/passwd"}')
        bad = await rec.wait_for(ev.ToolResult)
        assert bad.outcome == "error"
        assert (
            bad.summary
            == "“file:///etc/passwd” is not a web address (http:// or https://); not opened."
        )
        await controller.send_text('call open_url {"url": "https://example.org/"}')
        no = await rec.wait_for(ev.ToolResult, lambda r: r.id != bad.id)
        assert (no.outcome, no.summary) == (
            "declined",
            "The user chose not to open https://example.org/.",
        )
        await until(lambda: len(tool_responses(emulator)) == 2)
        assert [r["response"] for r in tool_responses(emulator)] == [
            {"error": bad.summary},
            {"error": no.summary},
        ]
        labels = [t.label for t in transcript.turns if t.role is Role.TOOL]
        assert labels == ["Function call", "Function error", "Function call", "Declined"]
    finally:
        await dispatcher.aclose()
        await controller.disconnect()  # fmt: skip


async def test_a_call_to_a_tool_that_is_off_is_refused_in_words(emulator: Emulator) -> None:
    settings = Settings()
    # Declared by the user but answered by nobody: the declaration is there, the switch is off.
    settings.tools.functions = [FunctionDeclarationSettings(name="lookup", enabled=True)]
    controller, rec, dispatcher, _ = await connected(emulator, settings)
    try:
        await controller.send_text("call lookup {}")
        result = await rec.wait_for(ev.ToolResult)
        # No host: the manual answer needs the window.
        assert result.summary == "lookup needs the Live Desktop window, which is not open."
    finally:
        await dispatcher.aclose()
        await controller.disconnect()


def _webhook_function(url: str, **kw: Any) -> FunctionDeclarationSettings:
    return FunctionDeclarationSettings(
        name="get_weather",
        parameters={"type": "object", "properties": {"city": {"type": "string"}}},
        answered_by="webhook",
        webhook_url=url,
        **kw,
    )


async def test_webhook_round_trip(emulator: Emulator, webhook: WebhookServer) -> None:
    settings = Settings()
    settings.tools.functions = [_webhook_function(webhook.url("/answer"))]
    controller, rec, dispatcher, transcript = await connected(emulator, settings)
    try:
        await controller.send_text('call get_weather {"city": "Lisbon"}')
        await until(lambda: '"city": "Lisbon"' in said(rec))
        (request,) = webhook.requests
        assert request.json() == {"city": "Lisbon"}
        call_id = rec.of(ev.ToolCall)[0].calls[0].id
        assert request.headers["x-live-desktop-call-id"] == call_id
        assert '"by": "webhook"' in said(rec) and '"city": "Lisbon"' in said(rec)
        result = rec.of(ev.ToolResult)[0]
        assert result.outcome == "ok"
        assert result.summary == '{"echo": {"city": "Lisbon"}, "by": "webhook"}'
        tools = [(t.label, t.text) for t in transcript.turns if t.role is Role.TOOL]
        assert tools == [
            ("Function call", 'get_weather({"city": "Lisbon"})'),
            ("Function result", f"get_weather: {result.summary}"),
        ]
    finally:
        await dispatcher.aclose()
        await controller.disconnect()


async def test_webhook_timeout_is_told_to_the_model(
    emulator: Emulator, webhook: WebhookServer
) -> None:
    settings = Settings()
    settings.tools.functions = [_webhook_function(webhook.url("/slow"), webhook_timeout_s=0.5)]
    controller, rec, dispatcher, _ = await connected(emulator, settings)
    try:
        await controller.send_text('call get_weather {"city": "Oslo"}')
        result = await rec.wait_for(ev.ToolResult)
        sentence = (
            f"The webhook for get_weather ({webhook.url('/slow')}) did not answer within 0.5 s."
        )
        assert (result.outcome, result.summary) == ("error", sentence)
        await until(lambda: bool(tool_responses(emulator)))
        assert tool_responses(emulator)[0]["response"] == {"error": sentence}
        await asyncio.wait_for(webhook.disconnected.wait(), 5)
    finally:
        await dispatcher.aclose()
        await controller.disconnect()  # fmt: skip


async def test_cancellation_abandons_the_webhook_request(
    emulator: Emulator, webhook: WebhookServer
) -> None:
    settings = Settings()
    # Blocking, so the model's turn stays open and the next message interrupts it.
    settings.tools.functions = [
        _webhook_function(webhook.url("/slow"), webhook_timeout_s=60, behavior="blocking")
    ]
    controller, rec, dispatcher, transcript = await connected(emulator, settings)
    try:
        await controller.send_text('call get_weather {"city": "Oslo"}')
        await until(lambda: bool(webhook.requests))
        assert dispatcher.pending
        await controller.send_text("never mind")
        cancelled = await rec.wait_for(ev.ToolCallCancellation)
        await asyncio.wait_for(webhook.disconnected.wait(), 5)
        await until(lambda: not dispatcher.pending)
        await rec.wait_for(ev.TurnComplete, after=rec.events.index(cancelled))
        assert tool_responses(emulator) == []  # nothing answered a call the model withdrew
        assert rec.of(ev.ToolResult) == []
        notes = [t.text for t in transcript.turns if t.role is Role.NOTICE]
        assert notes == [f"Tool call cancelled: get_weather ({cancelled.ids[0]})"]
    finally:
        await dispatcher.aclose()
        await controller.disconnect()


async def test_a_disconnect_cancels_pending_calls(
    emulator: Emulator, webhook: WebhookServer
) -> None:
    settings = Settings()
    settings.tools.functions = [_webhook_function(webhook.url("/slow"), webhook_timeout_s=60)]
    controller, rec, dispatcher, _ = await connected(emulator, settings)
    try:
        await controller.send_text('call get_weather {"city": "Oslo"}')
        await until(lambda: bool(webhook.requests))
        await controller.disconnect()
        result = await rec.wait_for(ev.ToolResult)
        assert (result.outcome, result.summary) == (
            "cancelled",
            "Not answered: the connection ended.",
        )
        await asyncio.wait_for(webhook.disconnected.wait(), 5)
        assert not dispatcher.pending
    finally:
        await dispatcher.aclose()
        await controller.disconnect()


async def test_an_answer_ready_while_disconnecting_is_dropped_quietly(emulator: Emulator) -> None:
    # The user pressed Disconnect while a call was being answered, and the answer (the
    # dialog's Send, a webhook's reply) came before the socket had closed: it has nowhere to
    # go, and that is not an error to put in front of the user.
    answered = asyncio.Event()

    class SlowUser(DesktopStandIn):
        async def answer(self, call: ev.FunctionCall, function: Any) -> dict[str, Any] | None:
            await answered.wait()
            return {"output": "too late"}

    settings = Settings()
    settings.tools.functions = [FunctionDeclarationSettings(name="ask_me")]
    controller, rec, dispatcher, _ = await connected(emulator, settings, SlowUser())
    try:
        await controller.send_text("call ask_me {}")
        await until(lambda: bool(dispatcher.pending))
        controller.subscribe(
            lambda e: (
                answered.set()
                if isinstance(e, ev.StateChanged) and e.state is ev.ConnectionState.CLOSING
                else None
            )
        )
        await controller.disconnect()
        result = await rec.wait_for(ev.ToolResult)
        assert (result.outcome, result.summary) == (
            "cancelled",
            "Not answered: the connection ended.",
        )
        assert rec.of(ev.ErrorEvent) == []
        assert tool_responses(emulator) == []
    finally:
        await dispatcher.aclose()
        await controller.disconnect()


async def test_a_manual_answer_reaches_the_model(emulator: Emulator) -> None:
    host = DesktopStandIn()
    host.answers = [{"output": "21 degrees"}, None]
    settings = Settings()
    settings.tools.functions = [FunctionDeclarationSettings(name="ask_me")]
    controller, rec, dispatcher, _ = await connected(emulator, settings, host)
    try:
        await controller.send_text("call ask_me {}")
        await until(lambda: "21 degrees" in said(rec))
        await controller.send_text("call ask_me {}")
        await until(lambda: len(tool_responses(emulator)) == 2)
        assert json.dumps(tool_responses(emulator)[1]["response"]) == json.dumps(
            {"error": "The user chose not to answer ask_me."}
        )
    finally:
        await dispatcher.aclose()
        await controller.disconnect()
