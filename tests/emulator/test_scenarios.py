"""Fault scenarios: each makes the real SDK raise what the service's failure would."""

from __future__ import annotations

import asyncio
import time

import pytest
from google.genai import errors

from live_desktop.emulator import scenarios
from tests.conftest import make_client
from tests.emulator.helpers import RATE_OUT, receive_turn, receive_until, send_pcm, speech

TEXT_MODEL = "gemini-3.1-flash-live-preview"
TEXT = {"response_modalities": ["TEXT"]}
LONG = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen"


def scenario_client(emu, name: str):
    return make_client(emu, headers={scenarios.SCENARIO_HEADER: name})


async def test_drop_mid_turn_is_abnormal_closure_1006(emulator):
    async with scenario_client(emulator, "drop-mid-turn").aio.live.connect(
        model=TEXT_MODEL, config=TEXT
    ) as s:
        await s.send_realtime_input(text=LONG)
        with pytest.raises(errors.APIError) as caught:
            await receive_turn(s)
    assert caught.value.code == 1006
    (record,) = emulator.connections
    assert record.scenario == "drop-mid-turn" and record.close_code == 1006


async def test_close_1011_mid_turn(emulator):
    emulator.scenario = "close-1011-mid-turn"  # for connections opened from now on
    async with make_client(emulator).aio.live.connect(model=TEXT_MODEL, config=TEXT) as s:
        await s.send_realtime_input(text=LONG)
        with pytest.raises(errors.APIError) as caught:
            await receive_turn(s)
    assert caught.value.code == 1011
    assert caught.value.details == scenarios.INTERNAL_ERROR


async def test_malformed_frame_raises_value_error_and_the_session_goes_on(emulator):
    async with scenario_client(emulator, "malformed-frame").aio.live.connect(
        model=TEXT_MODEL, config=TEXT
    ) as s:
        await s.send_realtime_input(text=LONG)
        with pytest.raises(ValueError, match="Failed to parse response"):
            await receive_turn(s)
        rest = await receive_turn(s)  # same session, next receive() carries on
        assert rest.messages[-1].server_content.turn_complete
        await s.send_realtime_input(text="again")
        again = await receive_turn(s)  # only one malformed frame per connection
    assert again.model_text.startswith("You said: again")


async def test_stall_stops_sending_and_reading(emulator_factory):
    emu = await emulator_factory(scenario="stall")
    async with make_client(emu).aio.live.connect(model=TEXT_MODEL, config=TEXT) as s:
        assert s.session_id  # setupComplete still arrives
        await s.send_realtime_input(text="hello?")
        with pytest.raises(TimeoutError):
            await receive_turn(s, limit_s=1.0)
        assert emu.connections[0].client_message_count == 1  # only setup was ever read
        # Stopping the emulator aborts the stalled connection; the client sees 1006.
        await emu.stop()
        with pytest.raises(errors.APIError) as caught:
            await receive_turn(s, limit_s=2.0)
    assert caught.value.code == 1006


async def test_no_setup_reply_leaves_connect_waiting(emulator):
    client = scenario_client(emulator, "no-setup-reply")
    with pytest.raises(TimeoutError):
        async with asyncio.timeout(0.8), client.aio.live.connect(model=TEXT_MODEL):
            pass
    await emulator.wait_until(lambda: emulator.connections[0].closed)


async def test_rate_limit_429_then_close(emulator):
    async with scenario_client(emulator, "rate-limit-429").aio.live.connect(
        model=TEXT_MODEL, config=TEXT
    ) as s:
        with pytest.raises(errors.ClientError) as caught:
            await receive_turn(s)
        assert caught.value.code == 429
        assert caught.value.status == "RESOURCE_EXHAUSTED"
        with pytest.raises(errors.APIError) as closed:
            await receive_turn(s)
    assert closed.value.code == 1011


async def test_bad_key_scenario_rejects_any_key(emulator):
    with pytest.raises(errors.APIError) as caught:
        async with scenario_client(emulator, "bad-key").aio.live.connect(model=TEXT_MODEL):
            pass
    assert caught.value.code == 1008
    assert caught.value.details == scenarios.BAD_API_KEY


async def test_go_away_soon(emulator_factory):
    emu = await emulator_factory(scenario="go-away-soon", time_scale=10)
    async with make_client(emu).aio.live.connect(model=TEXT_MODEL) as s:
        start = time.monotonic()
        (message,) = await receive_until(s, lambda m: m.go_away is not None, limit_s=1)
        assert time.monotonic() - start < 0.2  # right after setupComplete
        assert message.go_away.time_left == "0.300s"  # 3 s scaled by 10
        with pytest.raises(errors.APIError) as caught:
            await receive_turn(s, limit_s=2)
    assert caught.value.code == 1011
    assert time.monotonic() - start == pytest.approx(0.3, abs=0.2)


async def test_instant_echo_returns_each_chunk_at_once_as_24khz(emulator):
    async with scenario_client(emulator, "instant-echo").aio.live.connect(
        model="gemini-3.8-live"
    ) as s:
        pcm = speech(0.4)
        received = bytearray()
        latencies = []
        for i in range(0, len(pcm), 3200):  # 100 ms chunks
            sent = time.monotonic()
            await send_pcm(s, pcm[i : i + 3200], chunk_ms=100)
            async for message in s.receive():
                assert message.data
                received += message.data
                latencies.append(time.monotonic() - sent)
                break
    assert max(latencies) < 0.2
    # Upsampled 16 -> 24 kHz without holding anything back.
    assert len(received) / 2 / RATE_OUT == pytest.approx(0.4, abs=0.001)
    assert emulator.connections[0].turns == 0  # no VAD, no turns
