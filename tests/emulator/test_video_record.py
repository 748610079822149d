"""The emulator records when each video frame arrived, so a client's frame rate can be checked."""

from __future__ import annotations

import asyncio
import time

from google.genai import types

from tests.conftest import make_client
from tests.emulator.helpers import SMALL_JPEG


async def test_each_valid_frame_has_an_arrival_time(emulator):
    before = time.monotonic()
    async with make_client(emulator).aio.live.connect(model="gemini-3.8-live") as s:
        for _ in range(3):
            await s.send_realtime_input(video=types.Blob(data=SMALL_JPEG, mime_type="image/jpeg"))
            await asyncio.sleep(0.05)
        (record,) = emulator.connections
        deadline = time.monotonic() + 5
        while record.video_frames < 3 and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
    times = record.video_frame_times
    assert record.video_frames == len(times) == 3
    assert before <= times[0] <= times[1] <= times[2] <= time.monotonic()
    assert times[2] - times[0] > 0  # frames sent apart arrive apart, on the same clock
