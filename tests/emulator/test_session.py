"""Session management: resumption, goAway and connection lifetime, session limits, video."""

from __future__ import annotations

import asyncio
import time

import pytest
from google.genai import errors, types

from live_desktop.emulator import scenarios
from tests.conftest import make_client
from tests.emulator.helpers import SMALL_JPEG, receive_turn, receive_until

TEXT_MODEL = "gemini-3.1-flash-live-preview"


def _handle_of(message) -> str | None:
    update = message.session_resumption_update
    return update.new_handle if update and update.resumable else None


async def test_resumption_handle_continues_the_conversation(emulator):
    config = {"response_modalities": ["TEXT"], "session_resumption": {}}
    client = make_client(emulator)
    async with client.aio.live.connect(model=TEXT_MODEL, config=config) as s:
        first_id = s.session_id
        for text in ("one", "two"):
            await s.send_realtime_input(text=text)
            turn = await receive_turn(s)
            # While the model speaks the session is not resumable.
            updates = [m.session_resumption_update for m in turn.messages]
            assert any(u is not None and u.resumable is False for u in updates)
        (update,) = await receive_until(s, lambda m: _handle_of(m) is not None)
        handle = _handle_of(update)

    resumed = {"response_modalities": ["TEXT"], "session_resumption": {"handle": handle}}
    async with client.aio.live.connect(model=TEXT_MODEL, config=resumed) as s:
        assert s.session_id == first_id
        await s.send_realtime_input(text="three")
        turn = await receive_turn(s)
    assert "(turn 3 of this conversation)" in turn.model_text
    assert emulator.connections[1].session_handle_used == handle
    # History from the first connection is part of the resumed context.
    assert turn.usage.prompt_token_count > 10


async def test_unknown_resumption_handle_is_refused(emulator):
    config = {"session_resumption": {"handle": "not-a-handle"}}
    with pytest.raises(errors.APIError) as caught:
        async with make_client(emulator).aio.live.connect(model="gemini-3.8-live", config=config):
            pass
    assert caught.value.code == 1007
    assert caught.value.details == scenarios.UNKNOWN_HANDLE


async def test_go_away_before_the_connection_lifetime_then_1011(emulator_factory):
    emu = await emulator_factory(connection_lifetime_s=1.2)
    async with make_client(emu).aio.live.connect(model="gemini-3.8-live") as s:
        start = time.monotonic()
        (message,) = await receive_until(s, lambda m: m.go_away is not None, limit_s=3)
        got_go_away = time.monotonic() - start
        assert message.go_away.time_left == "0.600s"
        with pytest.raises(errors.APIError) as caught:
            await receive_turn(s, limit_s=3)
        closed = time.monotonic() - start
    assert got_go_away == pytest.approx(0.6, abs=0.2)
    assert closed == pytest.approx(1.2, abs=0.25)
    assert caught.value.code == 1011
    assert caught.value.details == scenarios.DEADLINE_EXPIRED


async def test_time_scale_divides_the_lifetime(emulator_factory):
    emu = await emulator_factory(time_scale=600)  # 10 minutes -> 1 s
    async with make_client(emu).aio.live.connect(model="gemini-3.8-live") as s:
        (message,) = await receive_until(s, lambda m: m.go_away is not None, limit_s=3)
        assert message.go_away.time_left == "0.100s"  # 60 s scaled
        with pytest.raises(errors.APIError) as caught:
            await receive_turn(s, limit_s=3)
    assert caught.value.code == 1011


async def test_video_frames_are_counted_and_mentioned(emulator):
    config = {"response_modalities": ["TEXT"], "media_resolution": "MEDIA_RESOLUTION_LOW"}
    async with make_client(emulator).aio.live.connect(model=TEXT_MODEL, config=config) as s:
        for _ in range(3):
            await s.send_realtime_input(video=types.Blob(data=SMALL_JPEG, mime_type="image/jpeg"))
        await s.send_realtime_input(text="what do you see")
        turn = await receive_turn(s)
        await s.send_realtime_input(text="and now")
        later = await receive_turn(s)
    assert "(received 3 video frames since the last turn, latest 64x36)" in turn.model_text
    video = [d for d in turn.usage.prompt_tokens_details if d.modality.value == "VIDEO"]
    assert video[0].token_count == 3 * 64
    assert "video frame" not in later.model_text  # counted since the last turn only
    (record,) = emulator.connections
    assert record.video_frames == 3
    assert record.last_video_size == (64, 36)


@pytest.mark.parametrize(
    ("data", "mime"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(40), "image/jpeg"),  # not a JPEG at all
        (SMALL_JPEG[:200], "image/jpeg"),  # truncated: no EOI
        (SMALL_JPEG, "image/png"),  # not the JPEG the client claims to send
    ],
)
async def test_non_jpeg_video_closes_1007(emulator, data, mime):
    async with make_client(emulator).aio.live.connect(model="gemini-3.8-live") as s:
        await s.send_realtime_input(video=types.Blob(data=data, mime_type=mime))
        with pytest.raises(errors.APIError) as caught:
            await receive_turn(s, limit_s=3)
    assert caught.value.code == 1007
    assert caught.value.details == scenarios.INVALID_IMAGE
    assert emulator.connections[0].video_frames == 0


async def test_video_without_compression_hits_the_two_minute_limit(emulator_factory):
    # 120 s / 300 = 0.4 s of video session; the 10-minute connection lifetime is 2 s.
    emu = await emulator_factory(time_scale=300)
    async with make_client(emu).aio.live.connect(model="gemini-3.8-live") as s:
        await s.send_realtime_input(video=types.Blob(data=SMALL_JPEG, mime_type="image/jpeg"))
        with pytest.raises(errors.APIError) as caught:
            await receive_turn(s, limit_s=3)
    assert caught.value.code == 1007
    assert "audio+video: 2 minutes" in caught.value.details


async def test_context_window_compression_lifts_the_session_limit(emulator_factory):
    emu = await emulator_factory(time_scale=300)
    config = {"context_window_compression": {"sliding_window": {}}}
    async with make_client(emu).aio.live.connect(model="gemini-3.8-live", config=config) as s:
        await s.send_realtime_input(video=types.Blob(data=SMALL_JPEG, mime_type="image/jpeg"))
        await asyncio.sleep(0.8)  # past the 0.4 s video limit; lifetime is 2 s
        assert not emu.connections[0].closed
