"""Mute and push-to-talk rules, on a real event loop (their timers are the point)."""

from __future__ import annotations

import asyncio

from live_desktop.core.voice import VoiceUplink

CHUNK = bytes(640)  # 20 ms of 16 kHz int16


class Sink:
    """Records what the uplink offers, in order (the controller's offer_* surface)."""

    def __init__(self) -> None:
        self.log: list[str] = []
        self.connected = True

    def offer_audio(self, pcm16k: bytes, captured_at: float | None = None) -> bool:
        if self.connected:
            self.log.append("audio")
        return self.connected

    def offer_signal(self, signal: str) -> bool:
        if self.connected:
            self.log.append(signal)
        return self.connected


async def test_unmuted_audio_flows() -> None:
    sink = Sink()
    uplink = VoiceUplink(sink)
    for _ in range(3):
        uplink.on_chunk(CHUNK, 1.0)
    assert sink.log == ["audio"] * 3


async def test_mute_stops_audio_at_once_and_ends_the_stream_after_a_second() -> None:
    sink = Sink()
    uplink = VoiceUplink(sink)
    uplink.MUTE_STREAM_END_S = 0.1
    uplink.on_chunk(CHUNK)
    uplink.set_muted(True)
    uplink.on_chunk(CHUNK)
    assert sink.log == ["audio"]
    await asyncio.sleep(0.2)
    assert sink.log == ["audio", "audio_stream_end"]
    uplink.on_chunk(CHUNK)  # still muted: nothing, and no second stream end
    await asyncio.sleep(0.15)
    assert sink.log == ["audio", "audio_stream_end"]
    uplink.set_muted(False)
    uplink.on_chunk(CHUNK)
    assert sink.log[-1] == "audio" and uplink.chunks_held == 2


async def test_a_short_mute_sends_no_stream_end() -> None:
    sink = Sink()
    uplink = VoiceUplink(sink)
    uplink.MUTE_STREAM_END_S = 0.1
    uplink.set_muted(True)
    await asyncio.sleep(0.03)
    uplink.set_muted(False)
    await asyncio.sleep(0.15)
    assert "audio_stream_end" not in sink.log


async def test_push_to_talk_sends_start_audio_tail_end_in_order() -> None:
    sink = Sink()
    uplink = VoiceUplink(sink, push_to_talk=True)
    uplink.on_chunk(CHUNK)  # not pressed: held back
    uplink.press()
    for _ in range(5):
        uplink.on_chunk(CHUNK)
    uplink.release()
    assert uplink.talking  # the tail is still to come
    for _ in range(20):
        uplink.on_chunk(CHUNK)
    # 200 ms of tail = 10 chunks of 20 ms, then activity_end; later audio is held back
    assert sink.log == ["activity_start"] + ["audio"] * 15 + ["activity_end"]
    assert not uplink.talking


async def test_push_to_talk_ends_the_turn_even_if_the_microphone_stopped() -> None:
    sink = Sink()
    uplink = VoiceUplink(sink, push_to_talk=True)
    uplink.PTT_TAIL_TIMEOUT_S = 0.05
    uplink.press()
    uplink.on_chunk(CHUNK)
    uplink.release()  # e.g. the window lost focus; no more chunks come
    await asyncio.sleep(0.1)
    assert sink.log == ["activity_start", "audio", "activity_end"]


async def test_press_again_during_the_tail_continues_the_same_turn() -> None:
    sink = Sink()
    uplink = VoiceUplink(sink, push_to_talk=True)
    uplink.press()
    uplink.release()
    uplink.on_chunk(CHUNK)
    uplink.press()
    uplink.on_chunk(CHUNK)
    uplink.close()
    assert sink.log == ["activity_start", "audio", "audio", "activity_end"]


async def test_release_without_press_and_press_outside_ptt_do_nothing() -> None:
    sink = Sink()
    uplink = VoiceUplink(sink)
    uplink.press()
    uplink.release()
    assert sink.log == []
    ptt = VoiceUplink(sink, push_to_talk=True)
    ptt.release()
    assert sink.log == []


async def test_muted_push_to_talk_still_opens_and_closes_the_turn() -> None:
    sink = Sink()
    uplink = VoiceUplink(sink, push_to_talk=True)
    uplink.set_muted(True)
    uplink.press()
    uplink.on_chunk(CHUNK)
    uplink.release()
    uplink.close()
    assert sink.log == ["activity_start", "activity_end"]


async def test_a_reconnect_while_held_reopens_the_turn() -> None:
    sink = Sink()
    uplink = VoiceUplink(sink, push_to_talk=True)
    uplink.press()
    sink.log.clear()
    uplink.reset()
    uplink.on_chunk(CHUNK)
    assert sink.log == ["activity_start", "audio"]


async def test_switching_mode_closes_an_open_turn() -> None:
    sink = Sink()
    uplink = VoiceUplink(sink, push_to_talk=True)
    uplink.press()
    uplink.set_push_to_talk(False)
    uplink.on_chunk(CHUNK)
    assert sink.log == ["activity_start", "activity_end", "audio"]
