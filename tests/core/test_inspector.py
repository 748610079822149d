"""The inspector's ring buffer, summaries and redaction, on frames shaped as the SDK and the
service send them (the whole path over the real SDK is in tests/integration)."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import cv2
import numpy as np

from live_desktop.core.inspector import EventInspector


def audio_frame(n_bytes: int, rate: int = 16000) -> str:
    data = base64.urlsafe_b64encode(os.urandom(n_bytes)).decode()
    return json.dumps(
        {"realtime_input": {"audio": {"data": data, "mime_type": f"audio/pcm;rate={rate}"}}}
    )


def server_audio(n_bytes: int) -> bytes:
    data = base64.b64encode(os.urandom(n_bytes)).decode()
    part = {"inlineData": {"mimeType": "audio/pcm;rate=24000", "data": data}}
    return json.dumps({"serverContent": {"modelTurn": {"parts": [part]}}}).encode()


def test_audio_is_summarised_by_size_and_duration_never_kept() -> None:
    inspector = EventInspector()
    frame = audio_frame(640)
    inspector.record_sent(frame)
    inspector.record_received(server_audio(1920))
    up, down = inspector.records
    assert (up.direction, up.types, up.size, up.summary) == (
        "out",
        ("realtimeInput.audio",),
        len(frame),
        "audio 640 B 20 ms",
    )
    assert (down.direction, down.types, down.summary) == (
        "in",
        ("serverContent.audio",),
        "audio 1920 B 40 ms",
    )
    assert json.loads(up.body)["realtime_input"]["audio"]["data"] == {"omittedBytes": 640}
    assert len(up.body) < 150 and len(down.body) < 150


def test_a_jpeg_frame_says_its_size_in_pixels() -> None:
    image = np.full((432, 768, 3), 128, np.uint8)
    ok, jpeg = cv2.imencode(".jpg", image)
    assert ok
    data = base64.urlsafe_b64encode(jpeg.tobytes()).decode()
    inspector = EventInspector()
    inspector.record_sent(
        json.dumps({"realtime_input": {"video": {"data": data, "mime_type": "image/jpeg"}}})
    )
    record = inspector.records[0]
    assert record.types == ("realtimeInput.video",)
    assert record.summary.startswith("jpeg 768×432 ")
    assert json.loads(record.body)["realtime_input"]["video"]["data"]["jpeg"] == [768, 432]


def test_one_frame_with_several_messages_lists_each_type() -> None:
    inspector = EventInspector()
    usage = {"promptTokenCount": 10, "responseTokenCount": 5, "totalTokenCount": 15}
    inspector.record_received(
        json.dumps({"serverContent": {"turnComplete": True}, "usageMetadata": usage}).encode()
    )
    record = inspector.records[0]
    assert record.types == ("serverContent.turnComplete", "usageMetadata")
    assert record.summary == "turn complete · tokens 15 (prompt 10, response 5)"
    assert inspector.type_counts == {"serverContent.turnComplete": 1, "usageMetadata": 1}


def test_keys_and_tokens_in_any_message_are_redacted(tmp_path: Path) -> None:
    key = "AIzaSyA1234567890abcdefghijklmnopqrstuv"
    token = "auth_tokens/abcdef0123456789"
    inspector = EventInspector(secrets=["my-exact-secret"])
    text = f"my key is {key}, token {token}, Bearer abcdefghijklmnop, and my-exact-secret"
    inspector.record_sent(json.dumps({"client_content": {"turns": [{"parts": [{"text": text}]}]}}))
    inspector.record_handshake(
        "/ws/x.BidiGenerateContentConstrained?access_token=zzz",
        {"Authorization": f"Token {token}", "x-goog-api-key": "whatever-it-is"},
        101,
        {},
    )
    path = tmp_path / "export.jsonl"
    assert inspector.export_jsonl(path) == 2
    exported = path.read_text(encoding="utf-8")
    shown = " ".join(r.summary + r.body for r in inspector.records)
    for secret in (key, token, "abcdefghijklmnop", "my-exact-secret", "whatever-it-is", "zzz"):
        assert secret not in exported
        assert secret not in shown


def test_a_malformed_frame_is_recorded_not_fatal() -> None:
    inspector = EventInspector()
    inspector.record_received(b"{not json")
    record = inspector.records[0]
    assert record.types == ("malformed",)
    assert "not JSON" in record.summary


def test_the_buffer_is_bounded_and_since_returns_only_what_is_new() -> None:
    inspector = EventInspector(capacity=5)
    for _ in range(8):
        inspector.record_sent(audio_frame(64))
    assert len(inspector.records) == 5 and inspector.seq == 8
    assert [r.seq for r in inspector.since(6)] == [7, 8]
    assert [r.seq for r in inspector.since(0)] == [4, 5, 6, 7, 8]
    assert inspector.since(8) == []
