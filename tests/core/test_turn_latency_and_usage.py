"""Per-turn latency records and per-conversation usage, from the events core already emits.

The latency log reads a real PlaybackBuffer driven as the speaker callback drives it; the
end-to-end figures with real devices are in tests/ui/test_latency_panel.py."""

from __future__ import annotations

import numpy as np

from live_desktop.core import events as ev
from live_desktop.core.audio.playback import PlaybackBuffer
from live_desktop.core.turn_latency import TurnLatencyLog
from live_desktop.core.usage import UsageMeter
from live_desktop.core.voice import UserSpeech

RATE = 48000
BLOCK = 240  # 5 ms


def test_a_spoken_turn_gets_three_stages_that_add_up() -> None:
    buffer = PlaybackBuffer(RATE)
    log = TurnLatencyLog(lambda: buffer)
    log.on_audio_event(UserSpeech(True, 9.0))
    log.on_audio_event(UserSpeech(False, 10.0))
    log.on_session_event(ev.AudioOut(b"\0\0" * 960, at=10.4))
    buffer.push(np.ones(1920, np.int16), received_at=10.4)
    buffer.read(BLOCK, dac_time=10.43)  # the speaker callback: first audible sample at 10.43
    log.on_session_event(ev.AudioOut(b"\0\0" * 960, at=10.44))
    log.on_session_event(ev.TurnComplete(None))

    (turn,) = log.turns
    assert turn.complete and not turn.interrupted
    assert round(turn.speech_to_received_ms or 0) == 400
    assert round(turn.received_to_audible_ms or 0) == 30
    assert round(turn.voice_to_voice_ms or 0) == 430


def test_a_typed_turn_has_no_voice_figure_and_underruns_are_per_turn() -> None:
    buffer = PlaybackBuffer(RATE)
    log = TurnLatencyLog(lambda: buffer)
    log.on_session_event(ev.AudioOut(b"\0\0" * 960, at=1.0))
    buffer.push(np.ones(480, np.int16), received_at=1.0)
    buffer.read(BLOCK, dac_time=1.01)
    buffer.read(BLOCK, dac_time=1.015)
    buffer.read(BLOCK, dac_time=1.02)  # dry mid-turn
    buffer.push(np.ones(480, np.int16), received_at=1.05)  # more came: it was an underrun
    log.poll()
    log.on_session_event(ev.Interrupted())
    first = log.turns[0]
    assert first.voice_to_voice_ms is None and first.speech_to_received_ms is None
    assert round(first.received_to_audible_ms or 0) == 10
    assert first.underruns == 1 and first.interrupted

    buffer.clear()
    log.on_session_event(ev.AudioOut(b"\0\0" * 960, at=2.0))
    log.poll()
    assert log.turns[1].underruns == 0 and log.turns[1].index == 2


def test_usage_is_summed_per_conversation_and_a_resumed_connection_adds_to_it() -> None:
    meter = UsageMeter()
    details = (ev.ModalityTokens("prompt", "AUDIO", 80), ev.ModalityTokens("response", "AUDIO", 20))
    meter.apply(ev.SetupComplete("s1", "gemini-3.8-live", False))
    meter.apply(ev.Usage(100, 20, 120, details))
    meter.apply(ev.SetupComplete("s2", "gemini-3.8-live", True))
    meter.apply(ev.Usage(150, 30, 180, details))
    assert meter.totals.total == 300 and meter.totals.prompt == 250
    assert meter.totals.modalities("prompt") == [("AUDIO", 160)]
    assert meter.current is not None and meter.current.connections == 2

    meter.apply(ev.SetupComplete("s3", "gemini-3.8-live", False))
    assert meter.totals.total == 0
    assert meter.history[-1].usage.total == 300 and meter.history[-1].ended_at is not None
