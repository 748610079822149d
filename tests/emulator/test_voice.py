"""Voice turns: server VAD, echo replies paced in real time, manual activity, interruption."""

from __future__ import annotations

import asyncio

import pytest
from google.genai import types

from tests.conftest import make_client
from tests.emulator.helpers import (
    RATE_OUT,
    receive_turn,
    send_pcm,
    silence,
    speech,
)

MODEL = "gemini-3.8-live"
VOICE_CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    input_audio_transcription={},
    output_audio_transcription={},
)


async def test_voice_turn_echoes_the_utterance_paced_at_real_time(emulator):
    async with make_client(emulator).aio.live.connect(model=MODEL, config=VOICE_CONFIG) as s:
        await send_pcm(s, silence(0.3) + speech(1.5) + silence(1.0))
        turn = await receive_turn(s)

    # Input transcription: an honest placeholder, finished.
    (heard,) = turn.content("input_transcription")
    assert heard.text == "[speech 1.5 s]" and heard.finished
    # The echo is the utterance's own length (within 10 %), as 24 kHz PCM in 40 ms chunks.
    assert turn.audio_mimes == {f"audio/pcm;rate={RATE_OUT}"}
    assert turn.audio_seconds == pytest.approx(1.5, rel=0.10)
    assert len(turn.audio_times) == pytest.approx(turn.audio_seconds / 0.040, abs=1)
    # ... and it arrives at the pace it plays: ~1.5 s from first to last chunk, not a burst.
    spread = turn.audio_times[-1] - turn.audio_times[0]
    assert spread == pytest.approx(turn.audio_seconds - 0.040, abs=0.25)
    assert turn.text("output_transcription").startswith("[echo of 1.5 s of your speech]")
    assert "(turn 1 of this conversation)" in turn.text("output_transcription")
    # Ends like the service: generationComplete, then turnComplete with usage.
    assert turn.content("generation_complete") == [True]
    assert turn.messages[-1].server_content.turn_complete
    usage = turn.usage
    prompt = {d.modality.value: d.token_count for d in usage.prompt_tokens_details}
    response = {d.modality.value: d.token_count for d in usage.response_tokens_details}
    assert prompt["AUDIO"] == pytest.approx(1.5 * 25, abs=3)
    assert response["AUDIO"] == pytest.approx(turn.audio_seconds * 25, abs=2)
    assert usage.total_token_count == usage.prompt_token_count + usage.response_token_count
    (record,) = emulator.connections
    assert record.audio_bytes_in == len(silence(0.3) + speech(1.5) + silence(1.0))
    assert record.turns == 1


async def test_transcriptions_only_when_configured(emulator):
    config = {"response_modalities": ["AUDIO"]}
    async with make_client(emulator).aio.live.connect(model=MODEL, config=config) as s:
        await send_pcm(s, speech(0.5) + silence(0.6))
        turn = await receive_turn(s)
    assert turn.audio_seconds == pytest.approx(0.5, rel=0.15)
    assert not turn.content("input_transcription")
    assert not turn.content("output_transcription")


async def test_48khz_input_is_resampled(emulator):
    async with make_client(emulator).aio.live.connect(model=MODEL, config=VOICE_CONFIG) as s:
        await send_pcm(s, speech(0.8, rate=48_000) + silence(0.7, rate=48_000), rate=48_000)
        turn = await receive_turn(s)
    assert turn.text("input_transcription") == "[speech 0.8 s]"
    assert turn.audio_seconds == pytest.approx(0.8, rel=0.10)


async def test_manual_activity_start_end_makes_the_turn(emulator):
    config = types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        input_audio_transcription={},
        realtime_input_config=types.RealtimeInputConfig(
            automatic_activity_detection=types.AutomaticActivityDetection(disabled=True)
        ),
    )
    async with make_client(emulator).aio.live.connect(model=MODEL, config=config) as s:
        # Without activity markers nothing is a turn, even speech followed by silence.
        await send_pcm(s, speech(0.4) + silence(0.6))
        with pytest.raises(TimeoutError):
            await receive_turn(s, limit_s=0.8)
        await s.send_realtime_input(activity_start=types.ActivityStart())
        await send_pcm(s, speech(0.6) + silence(0.2))  # the whole activity is the utterance
        await s.send_realtime_input(activity_end=types.ActivityEnd())
        turn = await receive_turn(s)
    assert turn.text("input_transcription") == "[speech 0.8 s]"
    assert turn.audio_seconds == pytest.approx(0.8, rel=0.05)


async def test_activity_markers_with_automatic_vad_are_refused(emulator):
    from google.genai import errors

    async with make_client(emulator).aio.live.connect(model=MODEL) as s:
        await s.send_realtime_input(activity_start=types.ActivityStart())
        with pytest.raises(errors.APIError) as caught:
            await receive_turn(s)
    assert caught.value.code == 1007


async def test_audio_stream_end_ends_a_pending_utterance(emulator):
    async with make_client(emulator).aio.live.connect(model=MODEL, config=VOICE_CONFIG) as s:
        await send_pcm(s, speech(0.6))  # no trailing silence: the mic was muted
        with pytest.raises(TimeoutError):
            await receive_turn(s, limit_s=0.7)
        await s.send_realtime_input(audio_stream_end=True)
        turn = await receive_turn(s)
    assert turn.text("input_transcription") == "[speech 0.6 s]"
    assert turn.audio_seconds == pytest.approx(0.6, rel=0.10)


async def test_speech_during_a_reply_interrupts_it(emulator):
    async with make_client(emulator).aio.live.connect(model=MODEL, config=VOICE_CONFIG) as s:
        await send_pcm(s, speech(1.5) + silence(0.6))
        first_audio = asyncio.Event()
        messages = []

        async def collect() -> None:
            async for message in s.receive():
                messages.append(message)
                if message.data:
                    first_audio.set()

        collector = asyncio.create_task(collect())
        await asyncio.wait_for(first_audio.wait(), 3)
        await asyncio.sleep(0.2)
        await send_pcm(s, speech(0.4))  # barge in
        await asyncio.wait_for(collector, 3)
        # The interruption ends the turn: interrupted, then turnComplete; no audio in between.
        flags = [
            i for i, m in enumerate(messages) if m.server_content and m.server_content.interrupted
        ]
        assert len(flags) == 1
        after = messages[flags[0] + 1 :]
        assert not any(m.data for m in after)
        assert after[-1].server_content.turn_complete
        assert not any(m.server_content and m.server_content.generation_complete for m in messages)
        played = sum(len(m.data) for m in messages if m.data) / 2 / RATE_OUT
        assert played < 1.0  # stopped well before the 1.5 s echo finished
        # The barge-in utterance is then answered normally.
        await send_pcm(s, silence(0.6))
        turn = await receive_turn(s)
        assert turn.text("input_transcription") == "[speech 0.4 s]"
        assert "(turn 2 of this conversation)" in turn.text("output_transcription")
    (record,) = emulator.connections
    assert record.interruptions == 1


async def test_no_interruption_lets_the_reply_finish(emulator):
    config = types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        input_audio_transcription={},
        realtime_input_config=types.RealtimeInputConfig(activity_handling="NO_INTERRUPTION"),
    )
    async with make_client(emulator).aio.live.connect(model=MODEL, config=config) as s:
        await send_pcm(s, speech(0.8) + silence(0.6))
        receiving = asyncio.create_task(receive_turn(s))
        await asyncio.sleep(0.3)
        await send_pcm(s, speech(0.4) + silence(0.6))
        first = await receiving
        second = await receive_turn(s)
    assert not first.content("interrupted")
    assert first.audio_seconds == pytest.approx(0.8, rel=0.10)
    assert second.text("input_transcription") == "[speech 0.4 s]"
