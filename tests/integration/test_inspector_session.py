"""The event inspector and the usage totals over a real session: the real google-genai SDK
against the emulator over TLS, with the inspector tapped into the SDK's WebSocket.

What a user would notice: the exported JSONL holds every kind of message the session had, with
media summarised and no key anywhere; the token totals are what the service reported."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
from google.genai import types

from live_desktop.core import events as ev
from live_desktop.core.inspector import EventInspector
from live_desktop.core.settings import FunctionDeclarationSettings, Settings
from live_desktop.core.usage import UsageMeter
from live_desktop.emulator import Emulator
from tests.emulator.helpers import silence, speech
from tests.integration.test_session_controller import make_controller, send_speech, until

#: Recognisable, and shaped like a real Gemini key so the pattern redaction sees it too.
FAKE_KEY = "AIzaSyFAKE-inspector-test-key-0123456"
#: A key no pattern recognises: only the header redaction can keep it out.
PLAIN_KEY = "plain-secret-for-the-inspector-test"


def jpeg(width: int, height: int) -> bytes:
    image = np.zeros((height, width, 3), np.uint8)
    cv2.putText(image, "inspector", (20, height // 2), cv2.FONT_HERSHEY_SIMPLEX, 2, (0, 255, 0), 3)
    ok, data = cv2.imencode(".jpg", image)
    assert ok
    return data.tobytes()


def tool_settings() -> Settings:
    settings = Settings()
    settings.tools.functions = [
        FunctionDeclarationSettings(
            name="get_weather",
            description="Weather for a city",
            parameters={"type": "object", "properties": {"city": {"type": "string"}}},
        )
    ]
    return settings


async def hold_a_session(emulator: Emulator, inspector: EventInspector, key: str) -> UsageMeter:
    """Text, speech, a video frame and a function call: every kind of message there is."""
    controller, rec = make_controller(emulator, tool_settings(), api_key=key, wire_tap=inspector)
    meter = UsageMeter()
    controller.subscribe(meter.apply)
    assert await controller.connect()

    await controller.send_text("hello inspector")
    await rec.wait_for(ev.TurnComplete)

    assert controller.send_video(jpeg(768, 432))
    await until(lambda: controller.frames_sent == 1)
    mark = len(rec.events)
    await send_speech(controller, speech(1.0) + silence(1.2))
    await rec.wait_for(ev.TurnComplete, after=mark, timeout=15)

    mark = len(rec.events)
    await controller.send_text('call get_weather {"city": "Lisbon"}')
    call = await rec.wait_for(ev.ToolCall, after=mark)
    await controller.send_tool_response(
        [types.FunctionResponse(id=call.calls[0].id, name="get_weather", response={"sky": "clear"})]
    )
    await until(lambda: sum(isinstance(e, ev.TurnComplete) for e in rec.events[mark:]) >= 2)
    await controller.disconnect()
    assert not rec.of(ev.ErrorEvent)
    return meter


def exported(inspector: EventInspector, path: Path) -> list[dict]:
    count = inspector.export_jsonl(path)
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert count == len(lines) == inspector.seq  # nothing fell out of the ring buffer
    return lines


async def test_export_holds_every_message_type_and_no_key(
    emulator: Emulator, tmp_path: Path
) -> None:
    inspector = EventInspector()
    await hold_a_session(emulator, inspector, FAKE_KEY)
    lines = exported(inspector, tmp_path / "session.jsonl")
    text = (tmp_path / "session.jsonl").read_text(encoding="utf-8")

    seen = {t for line in lines for t in line["types"]}
    assert seen == set(inspector.type_counts)  # every type the inspector saw is in the file
    assert {
        "handshake",
        "setup",
        "setupComplete",
        "clientContent",
        "realtimeInput.audio",
        "realtimeInput.video",
        "toolResponse",
        "serverContent.audio",
        "serverContent.inputTranscription",
        "serverContent.outputTranscription",
        "serverContent.generationComplete",
        "serverContent.turnComplete",
        "usageMetadata",
        "toolCall",
        "sessionResumptionUpdate",
    } <= seen
    # Both directions, in the order they happened: setup first, its answer second.
    assert [line["types"][0] for line in lines[:3]] == ["handshake", "setup", "setupComplete"]
    assert lines[1]["direction"] == "out" and lines[2]["direction"] == "in"

    # No key: not the one used, not its header, not anything shaped like one.
    assert FAKE_KEY not in text
    assert "AIza" not in text
    handshake = lines[0]["message"]
    assert handshake["requestHeaders"]["x-goog-api-key"] == "***"
    assert handshake["status"] == 101

    # Media summarised, never dumped: sizes and durations, no base64.
    audio_up = [line for line in lines if line["types"] == ["realtimeInput.audio"]]
    assert audio_up and all(line["summary"] == "audio 640 B 20 ms" for line in audio_up)
    assert audio_up[0]["message"]["realtime_input"]["audio"]["data"] == {"omittedBytes": 640}
    audio_down = [line for line in lines if line["types"] == ["serverContent.audio"]]
    assert audio_down and all(line["summary"].startswith("audio ") for line in audio_down)
    video = next(line for line in lines if "realtimeInput.video" in line["types"])
    assert video["summary"].startswith("jpeg 768×432 ")
    assert max(len(json.dumps(line["message"])) for line in lines) < 2000
    call = next(line for line in lines if "toolCall" in line["types"])
    assert call["summary"] == 'get_weather({"city": "Lisbon"})'


async def test_a_key_no_pattern_knows_is_kept_out_by_its_header(
    emulator: Emulator, tmp_path: Path
) -> None:
    inspector = EventInspector()
    controller, _ = make_controller(emulator, api_key=PLAIN_KEY, wire_tap=inspector)
    assert await controller.connect()
    await controller.send_text("short")
    await controller.disconnect()
    path = tmp_path / "plain.jsonl"
    exported(inspector, path)
    assert PLAIN_KEY not in path.read_text(encoding="utf-8")
    assert all(PLAIN_KEY not in r.body and PLAIN_KEY not in r.summary for r in inspector.records)


async def test_usage_totals_are_the_sum_of_the_services_usage_messages(
    emulator: Emulator, tmp_path: Path
) -> None:
    inspector = EventInspector()
    meter = await hold_a_session(emulator, inspector, FAKE_KEY)
    # What the emulator sent, read from the wire rather than from the SDK's parsed events.
    reports = [
        line["message"]["usageMetadata"]
        for line in exported(inspector, tmp_path / "usage.jsonl")
        if "usageMetadata" in line["types"]
    ]
    assert len(reports) >= 3
    totals = meter.totals
    assert totals.messages == len(reports)
    assert totals.prompt == sum(r["promptTokenCount"] for r in reports)
    assert totals.response == sum(r["responseTokenCount"] for r in reports)
    assert totals.total == sum(r["totalTokenCount"] for r in reports) > 0
    for direction, field in (
        ("prompt", "promptTokensDetails"),
        ("response", "responseTokensDetails"),
    ):
        wire: dict[str, int] = {}
        for report in reports:
            for detail in report.get(field, []):
                wire[detail["modality"]] = wire.get(detail["modality"], 0) + detail["tokenCount"]
        assert dict(totals.modalities(direction)) == wire
    assert dict(meter.totals.modalities("prompt")).keys() >= {"TEXT", "AUDIO"}
    summary = meter.current
    assert summary is not None and summary.model == "gemini-3.8-live"
    assert summary.ended_at is not None  # disconnected
    assert summary.as_dict()["usage"]["total_tokens"] == totals.total
