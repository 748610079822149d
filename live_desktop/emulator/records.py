"""What the emulator remembers: one record per connection, one conversation per session."""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass, field
from typing import Any

# Oldest client messages are dropped beyond this many (a long voice session sends ~50 a second).
MAX_RECORDED_MESSAGES = 20_000


@dataclass
class ConnectionRecord:
    """Observations about one WebSocket connection, for tests and benchmarks.

    Written by the emulator's event loop; other threads may read it (fields are replaced or
    appended atomically).
    """

    id: int
    path: str
    api_version: str | None = None
    method: str | None = None
    platform: str | None = None  # "gemini" or "vertex"
    model: str | None = None  # as sent in setup, e.g. "models/gemini-3.8-live"
    setup: dict[str, Any] = field(default_factory=dict)
    scenario: str | None = None
    extensions_offered: str | None = None  # the handshake's Sec-WebSocket-Extensions header
    client_messages: list[dict[str, Any]] = field(default_factory=list)
    client_message_count: int = 0
    audio_bytes_in: int = 0
    audio_bytes_out: int = 0
    video_frames: int = 0
    last_video_size: tuple[int, int] | None = None  # (width, height) of the latest frame
    # time.monotonic() when each valid frame arrived, oldest dropped like client_messages.
    video_frame_times: list[float] = field(default_factory=list)
    turns: int = 0  # model turns completed (turnComplete sent, not interrupted)
    interruptions: int = 0
    tool_calls: list[dict[str, Any]] = field(default_factory=list)
    session_id: str | None = None
    session_handle_used: str | None = None
    close_code: int | None = None
    close_reason: str | None = None

    @property
    def closed(self) -> bool:
        return self.close_code is not None

    def add_message(self, message: dict[str, Any]) -> None:
        self.client_message_count += 1
        self.client_messages.append(message)
        if len(self.client_messages) > MAX_RECORDED_MESSAGES:
            del self.client_messages[: len(self.client_messages) - MAX_RECORDED_MESSAGES]

    def add_video_frame(self, size: tuple[int, int]) -> None:
        self.video_frames += 1
        self.last_video_size = size
        self.video_frame_times.append(time.monotonic())
        if len(self.video_frame_times) > MAX_RECORDED_MESSAGES:
            del self.video_frame_times[: len(self.video_frame_times) - MAX_RECORDED_MESSAGES]


@dataclass
class Conversation:
    """Server-side state of one session; survives reconnects through resumption handles."""

    session_id: str
    model: str
    started: float  # event-loop time when the session began
    turns: int = 0  # user turns answered
    history: list[dict[str, str]] = field(default_factory=list)
    context_tokens: dict[str, int] = field(default_factory=dict)  # by modality
    video_used: bool = False

    def snapshot(self) -> Conversation:
        return copy.deepcopy(self)
