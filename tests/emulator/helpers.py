"""Signals and SDK-session helpers for the emulator tests."""

from __future__ import annotations

import asyncio
import base64
import time
from dataclasses import dataclass, field

import numpy as np
from google.genai import types

RATE_IN = 16_000
RATE_OUT = 24_000

# A real 64x36 baseline JPEG (encoded with OpenCV), so the tests need no image library.
SMALL_JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywt"
    "QFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09P"
    "T09PT09PT09PT09PT09PT09PT0//wAARCAAkAEADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcI"
    "CQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRol"
    "JicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ip"
    "qrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAA"
    "AAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLR"
    "ChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaX"
    "mJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEA"
    "PwCSiiivBPbCiiigDyyiivdv+FfeFP8AoFf+TEv/AMVXvHiHhNFe7f8ACvvCn/QK/wDJiX/4quE+Jvh7StB/sz+yrXyP"
    "P83zP3jtu27MfeJ9TQBsUUUV4J7YUUUUAeWV6f8A8Lc/6gP/AJN//YV5hRXvHiHp/wDwtz/qA/8Ak3/9hXL+M/F3/CVf"
    "Y/8AQPsn2Xf/AMtvM3btv+yMfd/WuYooA9TooorwT2wooooA8sooor3jxAooooA//9k="
)


def speech(seconds: float, rate: int = RATE_IN, level: float = 0.5) -> bytes:
    """A speech-like burst: a gliding 140 Hz harmonic series with 4 Hz syllable modulation."""
    t = np.arange(int(rate * seconds)) / rate
    f0 = 140 + 20 * np.sin(2 * np.pi * 0.7 * t)
    phase = 2 * np.pi * np.cumsum(f0) / rate
    signal = sum(np.sin(k * phase) / k for k in range(1, 12))
    signal = signal * (0.55 + 0.45 * np.sin(2 * np.pi * 4 * t))
    signal = signal / np.max(np.abs(signal)) * level
    return (signal * 32767).astype("<i2").tobytes()


def silence(seconds: float, rate: int = RATE_IN) -> bytes:
    return bytes(int(rate * seconds) * 2)


async def send_pcm(session, pcm: bytes, rate: int = RATE_IN, chunk_ms: int = 20) -> None:
    """Send PCM in ``chunk_ms`` pieces as fast as the socket takes them."""
    step = rate * chunk_ms // 1000 * 2
    mime = f"audio/pcm;rate={rate}"
    for i in range(0, len(pcm), step):
        await session.send_realtime_input(audio=types.Blob(data=pcm[i : i + step], mime_type=mime))


@dataclass
class Turn:
    messages: list[types.LiveServerMessage] = field(default_factory=list)
    audio_times: list[float] = field(default_factory=list)
    audio: bytearray = field(default_factory=bytearray)
    audio_mimes: set[str] = field(default_factory=set)

    def content(self, attr: str) -> list:
        return [
            getattr(m.server_content, attr)
            for m in self.messages
            if m.server_content is not None and getattr(m.server_content, attr) is not None
        ]

    def text(self, attr: str) -> str:
        return "".join(t.text or "" for t in self.content(attr))

    @property
    def model_text(self) -> str:
        return "".join(
            part.text or ""
            for turn in self.content("model_turn")
            for part in (turn.parts or [])
            if part.text
        )

    @property
    def usage(self) -> types.UsageMetadata | None:
        found = [m.usage_metadata for m in self.messages if m.usage_metadata is not None]
        return found[-1] if found else None

    def first(self, attr: str):
        for m in self.messages:
            if getattr(m, attr) is not None:
                return getattr(m, attr)
        return None

    @property
    def audio_seconds(self) -> float:
        return len(self.audio) / 2 / RATE_OUT


async def receive_turn(session, limit_s: float = 10.0) -> Turn:
    """Collect one ``session.receive()`` run (up to and including turnComplete)."""
    turn = Turn()

    async def collect() -> None:
        async for message in session.receive():
            turn.messages.append(message)
            content = message.server_content
            if content and content.model_turn:
                for part in content.model_turn.parts or []:
                    if part.inline_data and part.inline_data.data:
                        turn.audio_times.append(time.monotonic())
                        turn.audio += part.inline_data.data
                        turn.audio_mimes.add(part.inline_data.mime_type or "")

    await asyncio.wait_for(collect(), limit_s)
    return turn


async def receive_until(session, predicate, limit_s: float = 10.0) -> list:
    """Read messages (across turn boundaries) until ``predicate(message)``; return them all."""
    seen: list[types.LiveServerMessage] = []

    async def collect() -> None:
        while True:
            async for message in session.receive():
                seen.append(message)
                if predicate(message):
                    return

    await asyncio.wait_for(collect(), limit_s)
    return seen
