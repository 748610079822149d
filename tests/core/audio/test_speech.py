"""Speech end detection on real synthesized speech, and voice-to-voice latency arithmetic.

webrtcvad does not reliably take tones or noise bursts for speech, so the detector is fed speech
from espeak-ng (installed in CI; skipped elsewhere if missing), resampled to 16 kHz with the
app's own resampler.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import wave
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from live_desktop.core.audio.resample import StreamResampler, float_to_int16
from live_desktop.core.audio.speech import (
    LatencyStats,
    LatencyTracker,
    SpeechEndDetector,
    SpeechEnded,
    SpeechStarted,
)

Speak = Callable[[str], np.ndarray]
RATE = 16000
T0 = 1000.0  # ADC time of the first sample fed


@pytest.fixture(scope="module")
def speak(tmp_path_factory: pytest.TempPathFactory) -> Speak:
    """``speak(text)`` -> int16 speech at 16 kHz, synthesized by espeak-ng."""
    if shutil.which("espeak-ng") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("espeak-ng is missing; CI installs it")
        pytest.skip("espeak-ng is not installed")
    folder = tmp_path_factory.mktemp("speech")

    def speak(text: str) -> np.ndarray:
        path = folder / f"{abs(hash(text))}.wav"
        subprocess.run(["espeak-ng", "-w", str(path), text], check=True, capture_output=True)
        return read_16k(path)

    return speak


def read_16k(path: Path) -> np.ndarray:
    with wave.open(str(path)) as wav:
        assert wav.getnchannels() == 1 and wav.getsampwidth() == 2
        rate = wav.getframerate()
        pcm = np.frombuffer(wav.readframes(wav.getnframes()), np.int16)
    resampler = StreamResampler(rate, RATE)
    return np.concatenate([resampler.process(pcm), resampler.flush()])


def loud_span(x: np.ndarray, threshold_dbfs: float = -40.0) -> tuple[float, float]:
    """Start and end (s) of the 10 ms frames louder than the threshold: the ground truth."""
    frames = x[: x.size // 160 * 160].reshape(-1, 160).astype(np.float64)
    level = 20 * np.log10(np.sqrt((frames**2).mean(axis=1)) / 32768 + 1e-12)
    loud = np.flatnonzero(level > threshold_dbfs)
    return loud[0] * 0.01, (loud[-1] + 1) * 0.01


def silence(seconds: float, noise_dbfs: float = -75.0) -> np.ndarray:
    """Room-quiet background: white noise at ``noise_dbfs`` RMS, not digital zeros."""
    rng = np.random.default_rng(int(seconds * 1000))
    return float_to_int16(rng.standard_normal(int(seconds * RATE)) * 10 ** (noise_dbfs / 20))


def feed(
    detector: SpeechEndDetector, signal: np.ndarray, block: int
) -> list[tuple[float, SpeechStarted | SpeechEnded]]:
    """(time the event came out, event) for a signal streamed in blocks of ``block`` samples."""
    events = []
    for i in range(0, signal.size, block):
        event = detector.process(signal[i : i + block], T0 + i / RATE)
        if event is not None:
            events.append((T0 + (i + block) / RATE, event))
    return events


@pytest.mark.parametrize("block", [160, 320, 333, 1024])
def test_speech_start_and_end_are_stamped_at_the_voice_not_the_hangover(
    speak: Speak, block: int
) -> None:
    words = speak("hello there")
    onset, offset = loud_span(words)
    signal = np.concatenate([silence(1.0), words, silence(1.0)])
    detector = SpeechEndDetector(hangover_ms=300, min_speech_ms=100)
    events = feed(detector, signal, block)

    assert [type(e) for _, e in events] == [SpeechStarted, SpeechEnded]
    (started_out, started), (ended_out, ended) = events
    assert started.at == pytest.approx(T0 + 1.0 + onset, abs=0.03)
    assert ended.at == pytest.approx(T0 + 1.0 + offset, abs=0.03)
    # known only after the hangover, but stamped at the voice
    assert ended_out - ended.at == pytest.approx(0.3, abs=0.01 + block / RATE)
    assert started_out - started.at == pytest.approx(0.1, abs=0.01 + block / RATE)
    assert not detector.in_speech


def test_a_pause_longer_than_the_hangover_splits_utterances(speak: Speak) -> None:
    first, second = speak("hello there"), speak("how are you")
    signal = np.concatenate([silence(0.5), first, silence(1.0), second, silence(0.5)])
    events = [e for _, e in feed(SpeechEndDetector(), signal, 320)]
    assert [type(e) for e in events] == [SpeechStarted, SpeechEnded] * 2
    second_onset = 0.5 + first.size / RATE + 1.0 + loud_span(second)[0]
    assert events[2].at == pytest.approx(T0 + second_onset, abs=0.03)


def test_a_pause_shorter_than_the_hangover_does_not(speak: Speak) -> None:
    first, second = speak("hello there"), speak("how are you")
    _, first_end = loud_span(first)
    second_start, second_end = loud_span(second)
    gap = silence(0.15)
    signal = np.concatenate(
        [silence(0.5), first[: int(first_end * RATE)], gap, second[int(second_start * RATE) :]]
    )
    signal = np.concatenate([signal, silence(1.0)])
    events = [e for _, e in feed(SpeechEndDetector(hangover_ms=300), signal, 160)]
    assert [type(e) for e in events] == [SpeechStarted, SpeechEnded]
    end_of_all = 0.5 + first_end + 0.15 + (second_end - second_start)
    assert events[1].at == pytest.approx(T0 + end_of_all, abs=0.03)


def test_speech_shorter_than_min_speech_is_ignored(speak: Speak) -> None:
    words = speak("hello there")
    onset, _ = loud_span(words)
    blip = words[int((onset + 0.1) * RATE) : int((onset + 0.16) * RATE)]  # 60 ms of voice
    signal = np.concatenate([silence(0.5), blip, silence(1.0)])
    detector = SpeechEndDetector(min_speech_ms=100)
    assert feed(detector, signal, 160) == []
    assert feed(SpeechEndDetector(min_speech_ms=30), signal, 160) != []  # the blip is voiced


def test_silence_and_quiet_hiss_are_not_speech() -> None:
    detector = SpeechEndDetector(aggressiveness=0)
    assert feed(detector, np.zeros(RATE * 3, np.int16), 160) == []
    assert feed(detector, silence(3.0, noise_dbfs=-65.0), 160) == []
    assert not detector.in_speech


def test_in_speech_follows_the_events(speak: Speak) -> None:
    words = speak("hello there")
    detector = SpeechEndDetector()
    states = []
    signal = np.concatenate([silence(0.5), words, silence(1.0)])
    for i in range(0, signal.size, 160):
        event = detector.process(signal[i : i + 160], T0 + i / RATE)
        states.append((event, detector.in_speech))
    started = next(i for i, (e, _) in enumerate(states) if isinstance(e, SpeechStarted))
    ended = next(i for i, (e, _) in enumerate(states) if isinstance(e, SpeechEnded))
    assert not any(s for _, s in states[:started])
    assert all(s for _, s in states[started:ended])
    assert not any(s for _, s in states[ended:])


def test_rejects_rates_webrtcvad_cannot_take() -> None:
    with pytest.raises(ValueError):
        SpeechEndDetector(24000)


def test_voice_to_voice_latency_is_dac_minus_adc() -> None:
    tracker = LatencyTracker()
    assert tracker.on_model_audible(5.0) is None  # a greeting: nothing said yet, nothing recorded
    tracker.on_speech_end(10.0)
    tracker.on_speech_end(10.5)  # the user went on: the answer is to the last words
    assert tracker.on_model_audible(10.5 + 0.62) == pytest.approx(620.0)
    assert tracker.on_model_audible(12.0) is None  # a second answer: not a response to speech
    assert tracker.samples() == pytest.approx([620.0])
    assert tracker.last_ms == pytest.approx(620.0)


def test_model_audio_during_the_users_speech_is_not_an_answer_to_it() -> None:
    tracker = LatencyTracker()
    tracker.on_speech_end(20.0)
    tracker.on_model_audible(19.9)
    assert tracker.samples() == []
    tracker.on_model_audible(20.4)
    assert tracker.samples() == pytest.approx([400.0])


def test_an_interruption_is_counted_and_the_barge_in_is_measured() -> None:
    tracker = LatencyTracker()
    tracker.on_speech_end(1.0)
    tracker.on_model_audible(1.5)
    tracker.on_speech_end(3.2)  # a short "stop" ended locally before the service said so
    tracker.on_interrupted()
    tracker.on_model_audible(4.0)
    assert tracker.interruptions == 1
    assert tracker.samples() == pytest.approx([500.0, 800.0])
    assert tracker.percentile(50) == pytest.approx(650.0)
    assert tracker.stats.count == 2


def test_latency_tracker_keeps_a_bounded_history_in_order() -> None:
    tracker = LatencyTracker(history=3)
    for k in range(5):
        tracker.on_speech_end(k * 10.0)
        tracker.on_model_audible(k * 10.0 + (k + 1) / 10)
    assert tracker.samples() == pytest.approx([300.0, 400.0, 500.0])
    assert tracker.stats.count == 5
    assert LatencyTracker().percentile(50) is None


def test_latency_stats_percentiles() -> None:
    stats = LatencyStats()
    assert stats.p50 is None and stats.mean is None
    for ms in range(1, 101):
        stats.add(float(ms))
    assert stats.count == 100
    assert stats.p50 == pytest.approx(50.5)
    assert stats.p90 == pytest.approx(90.1)
    assert stats.p99 == pytest.approx(99.01)
    assert stats.mean == pytest.approx(50.5)
    assert stats.max_ms == 100.0 and stats.last_ms == 100.0


def test_latency_stats_reservoir_is_bounded_and_unbiased() -> None:
    stats = LatencyStats(capacity=1000)
    rng = np.random.default_rng(5)
    values = rng.uniform(0, 1000, 200_000)
    for v in values:
        stats.add(float(v))
    assert stats.count == 200_000
    assert len(stats._reservoir) == 1000
    # a uniform sample of the whole run, not just its start or end
    assert stats.p50 == pytest.approx(500, abs=50)
    assert stats.p90 == pytest.approx(900, abs=30)
    assert stats.mean == pytest.approx(values.mean())
