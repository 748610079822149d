"""The audio engine on real PortAudio streams (PulseAudio virtual devices).

What a user would notice: their words reach the service intact, the reply comes out of the
speaker, the model does not hear itself on laptop speakers, and it stops talking at once when
interrupted.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import numpy as np
import pytest

from live_desktop.core.echo import EchoStages
from live_desktop.core.voice import AudioEvent, DeviceFailure, DeviceNotice
from live_desktop.devices.audio import AudioEngine
from live_desktop.devices.audio_devices import AudioDevice, find_device, list_devices
from live_desktop.devices.probe import DevicePlayer, DeviceRecorder, align, band_limit
from tests.devices.conftest import (
    MIC,
    MIC_SINK,
    SPEAKER,
    SPEAKER_MONITOR,
    load_module,
    spoken,
)

pytestmark = [pytest.mark.devices, pytest.mark.usefixtures("pulse")]

NEAR_TEXT = "The quick brown fox jumps over the lazy dog."
FAR_TEXT = "I am the model, and I am talking through your laptop speakers right now."


class Capture:
    """Collects what the engine hands to the network side."""

    def __init__(self) -> None:
        self.chunks: list[tuple[bytes, float]] = []
        self.events: list[AudioEvent] = []

    def on_chunk(self, pcm: bytes, captured_at: float) -> None:
        self.chunks.append((pcm, captured_at))

    def pcm(self, since: float = 0.0, until: float = float("inf")) -> np.ndarray:
        parts = [p for p, t in self.chunks if since <= t <= until]
        return np.frombuffer(b"".join(parts), dtype="<i2") if parts else np.zeros(0, np.int16)

    def wait_chunks(self, n: int, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while len(self.chunks) < n and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(self.chunks) >= n, f"only {len(self.chunks)} microphone chunks arrived"


def make_engine(
    capture: Capture, stages: EchoStages | None = None, **kwargs: object
) -> AudioEngine:
    return AudioEngine(
        on_chunk=capture.on_chunk,
        on_event=capture.events.append,
        stages=stages or EchoStages(True, True, True, True),
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.fixture
def engine_factory() -> Iterator[list[AudioEngine]]:
    engines: list[AudioEngine] = []
    yield engines
    for engine in engines:
        engine.stop()


def rms_db(x: np.ndarray) -> float:
    if x.size == 0:
        return -120.0
    return 10 * np.log10(np.mean(x.astype(np.float64) ** 2) / 32768.0**2 + 1e-12)


def _say_into_microphone(capture: Capture, text: str) -> np.ndarray:
    """Play ``text`` into the virtual microphone once the engine's capture runs; the uplink."""
    # A PulseAudio source can take a second to deliver its first block, and through ALSA's
    # pulse plugin it runs ~250 ms late for its first 1.2 s, then skips to catch up.
    capture.wait_chunks(100)
    with DevicePlayer(MIC_SINK) as player:
        started = time.monotonic()
        player.play(spoken(text, 48000))
        assert player.wait_idle(15)
        time.sleep(0.3)
    return capture.pcm(started - 0.2)


def test_microphone_speech_reaches_the_uplink_as_16k_pcm(engine_factory: list[AudioEngine]) -> None:
    capture = Capture()
    engine = make_engine(capture, EchoStages.none(), enable_output=False)
    engine_factory.append(engine)
    engine.start()
    got = _say_into_microphone(capture, NEAR_TEXT)
    _, corr = align(spoken(NEAR_TEXT, 16000), got)
    assert corr >= 0.9, f"uplink speech correlates {corr:.3f} with what was said"
    assert all(len(pcm) == 640 for pcm, _ in capture.chunks), "20 ms chunks of 16 kHz int16"
    assert engine.mic_levels.latest.at > 0


def test_speech_survives_the_default_processing(engine_factory: list[AudioEngine]) -> None:
    # High-pass, noise suppression and gain control reshape the waveform below 250 Hz and
    # its loudness over time, so compare in the band that carries the words.
    capture = Capture()
    engine = make_engine(capture, EchoStages(True, True, True, True), enable_output=False)
    engine_factory.append(engine)
    engine.start()
    got = _say_into_microphone(capture, NEAR_TEXT)
    reference = spoken(NEAR_TEXT, 16000)
    offset, corr = align(band_limit(reference, 16000), band_limit(got, 16000))
    level = rms_db(got[offset : offset + reference.size]) - rms_db(reference)
    print(f"processed speech: band correlation {corr:.3f}, level {level:+.1f} dB")
    assert corr >= 0.6 and abs(level) <= 10.0


def interrupt_to_silence_ms(engine: AudioEngine, recorder: DeviceRecorder) -> float:
    """Play a tone, interrupt it, and time the speaker's silence on the output (DAC) clock.

    The monitor's own capture clock runs a constant offset behind the DAC times PortAudio
    reports; the tone's onset, whose DAC time the engine knows, measures that offset.
    """
    t = np.arange(24000 * 4) / 24000
    tone = (np.sin(2 * np.pi * 600 * t) * 12000).astype("<i2")
    turns = engine.playback.turns_started
    engine.play(tone.tobytes(), received_at=time.monotonic())
    time.sleep(0.8)
    assert engine.playback.turns_started == turns + 1
    onset_dac = engine.playback.first_audible_dac_time_in_turn
    assert onset_dac is not None
    interrupted_at = time.monotonic()
    assert engine.interrupt() > 0
    time.sleep(0.4)
    rec = recorder.snapshot()
    start = rec.index_at(onset_dac - 0.3)
    loud = np.flatnonzero(np.abs(rec.samples[start:].astype(np.int32)) > 2000)
    assert loud.size, "the tone never reached the speaker"
    monitor_offset = rec.time_of(start + loud[0]) - onset_dac
    silent_from = rec.time_of(start + loud[-1]) - monitor_offset
    return (silent_from - interrupted_at) * 1000.0


def test_interruption_silences_the_speaker_within_25_ms(engine_factory: list[AudioEngine]) -> None:
    capture = Capture()
    engine = make_engine(capture, enable_input=False)
    engine_factory.append(engine)
    engine.start()
    with DeviceRecorder(SPEAKER_MONITOR) as recorder:
        time.sleep(1.5)  # past the monitor's start-up lag
        delays = [interrupt_to_silence_ms(engine, recorder) for _ in range(3)]
    print(f"interrupt→silence ms: {[round(d, 1) for d in delays]}")
    assert max(delays) <= 25.0


def test_echo_cancellation_removes_the_models_voice_from_an_acoustic_loop(
    engine_factory: list[AudioEngine], pulse_module: list[str]
) -> None:
    # The speaker's sound reaches the microphone, as on a laptop without headphones.
    load_module(
        pulse_module,
        "module-loopback",
        f"source={SPEAKER_MONITOR}",
        f"sink={MIC_SINK}",
        "latency_msec=30",
        "source_dont_move=true",
        "sink_dont_move=true",
    )
    far = spoken(FAR_TEXT, 24000)
    far = np.concatenate([far, far])  # long enough for the canceller to converge
    levels: dict[bool, float] = {}
    near_corr: dict[bool, float] = {}
    near_level: dict[bool, float] = {}
    for aec in (False, True):
        capture = Capture()
        engine = make_engine(capture, EchoStages(aec, True, True, False))
        engine_factory.append(engine)
        engine.start()
        capture.wait_chunks(100)
        started = time.monotonic()
        engine.play(far.tobytes())
        engine.end_of_turn()
        duration = far.size / 24000
        time.sleep(duration + 0.5)
        # Second half of the model's speech: the canceller has had time to converge.
        echo = capture.pcm(started + duration / 2, started + duration)
        levels[aec] = rms_db(echo)
        near = _say_into_microphone(capture, NEAR_TEXT)
        reference = spoken(NEAR_TEXT, 16000)
        offset, near_corr[aec] = align(band_limit(reference, 16000), band_limit(near, 16000))
        near_level[aec] = rms_db(near[offset : offset + reference.size])
        engine.stop()
    print(
        f"echo in uplink: off {levels[False]:.1f} dBFS, on {levels[True]:.1f} dBFS; "
        f"near-end correlation off {near_corr[False]:.3f}, on {near_corr[True]:.3f}, "
        f"level off {near_level[False]:.1f}, on {near_level[True]:.1f} dBFS"
    )
    assert levels[False] > -45, "the acoustic loop did not carry the model's voice"
    assert levels[False] - levels[True] >= 20.0
    # Near-end speech still passes: as loud and as recognisable as without the canceller.
    assert abs(near_level[True] - near_level[False]) <= 6.0
    assert near_corr[True] >= 0.6


def wait_for(predicate: object, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate() and time.monotonic() < deadline:  # type: ignore[operator]
        time.sleep(0.05)
    assert predicate(), "timed out"  # type: ignore[operator]


def test_devices_are_listed_and_chosen_by_name(engine_factory: list[AudioEngine]) -> None:
    inputs = {d.name: d for d in list_devices("input")}
    outputs = {d.name: d for d in list_devices("output")}
    assert MIC in inputs and SPEAKER in outputs
    assert inputs[MIC].is_default and inputs[MIC].label == "Virtual Microphone"
    assert SPEAKER_MONITOR not in inputs, "monitors are not microphones"
    assert find_device("input", "virtual microphone") == inputs[MIC], "labels match too"
    capture = Capture()
    engine = make_engine(capture, input_device=MIC, output_device=SPEAKER)
    engine_factory.append(engine)
    engine.start()
    assert engine.info["input"].device.name == MIC
    assert engine.info["output"].device.name == SPEAKER
    assert engine.info["input"].rate == 48000, "opened at the device's native rate"
    capture.wait_chunks(10)
    assert not [e for e in capture.events if isinstance(e, DeviceNotice | DeviceFailure)]


def test_a_missing_device_falls_back_to_the_default_and_says_so(
    engine_factory: list[AudioEngine],
) -> None:
    capture = Capture()
    engine = make_engine(capture, input_device="USB Headset (gone)", enable_output=False)
    engine_factory.append(engine)
    engine.start()
    capture.wait_chunks(10)
    notices = [e for e in capture.events if isinstance(e, DeviceNotice)]
    assert len(notices) == 1
    assert notices[0].message == (
        "The microphone “USB Headset (gone)” was not found; using the default microphone."
    )


def test_a_device_that_cannot_be_opened_names_the_ones_that_exist(
    engine_factory: list[AudioEngine], monkeypatch: pytest.MonkeyPatch
) -> None:
    import live_desktop.devices.audio as audio

    broken = AudioDevice("broken", "Broken Mic", "input", True, 48000, 1, portaudio_index=999)
    monkeypatch.setattr(audio, "default_device", lambda kind: broken)
    capture = Capture()
    engine = make_engine(capture, enable_output=False)
    engine_factory.append(engine)
    engine.start()
    failures = [e for e in capture.events if isinstance(e, DeviceFailure)]
    assert len(failures) == 1
    # Other microphones may exist on the machine; ours must be among those named.
    assert failures[0].message.startswith(
        "Could not open the default microphone. Available microphones: "
    )
    assert "Virtual Microphone" in failures[0].message
    assert "Broken Mic" in failures[0].detail
    monkeypatch.undo()  # the device "comes back": the watchdog retries and capture starts
    capture.wait_chunks(10, timeout=15)


def test_an_unplugged_microphone_mid_session_keeps_the_audio_going(
    engine_factory: list[AudioEngine], pulse_module: list[str]
) -> None:
    module = load_module(
        pulse_module,
        "module-remap-source",
        f"master={MIC_SINK}.monitor",
        "source_name=usb_mic",
        "channels=1",
        "channel_map=mono",
        "rate=48000",
        "source_properties=device.description=USB-Mic",
    )
    capture = Capture()
    engine = make_engine(capture, input_device="usb_mic", enable_output=False)
    engine_factory.append(engine)
    engine.start()
    assert engine.info["input"].device.name == "usb_mic"
    capture.wait_chunks(20)
    from tests.devices.conftest import pactl

    pactl("unload-module", module)
    pulse_module.remove(module)
    wait_for(lambda: any(isinstance(e, DeviceNotice) for e in capture.events))
    notice = next(e for e in capture.events if isinstance(e, DeviceNotice))
    assert notice.message == (
        "The microphone “USB-Mic” was disconnected; using the default microphone until it is back."
    )
    count = len(capture.chunks)
    capture.wait_chunks(count + 25)  # the session's audio goes on
    # Plugged in again: back on it, with a word about it.
    load_module(
        pulse_module,
        "module-remap-source",
        f"master={MIC_SINK}.monitor",
        "source_name=usb_mic",
        "channels=1",
        "channel_map=mono",
        "rate=48000",
        "source_properties=device.description=USB-Mic",
    )
    wait_for(lambda: len([e for e in capture.events if isinstance(e, DeviceNotice)]) == 2)
    assert capture.events[-1].message == "The microphone “USB-Mic” is back and in use again."
    count = len(capture.chunks)
    capture.wait_chunks(count + 25, timeout=15)


def test_a_stream_that_dies_is_reopened(engine_factory: list[AudioEngine]) -> None:
    # What a USB microphone pulled out under a plain ALSA/CoreAudio/WASAPI device, or a sound
    # server restart, looks like to PortAudio: the stream stops on its own. The engine opens
    # the device again (the chosen one first, the default if that fails) and capture goes on.
    capture = Capture()
    engine = make_engine(capture, enable_output=False)
    engine_factory.append(engine)
    engine.start()
    capture.wait_chunks(10)
    dead = engine._streams["input"]
    dead.abort()
    wait_for(lambda: engine._streams.get("input") not in (None, dead))
    count = len(capture.chunks)
    capture.wait_chunks(count + 25, timeout=15)
    # Same device again: nothing for the user to read.
    assert not [e for e in capture.events if isinstance(e, DeviceNotice | DeviceFailure)]


def test_the_recording_tap_gets_both_sides_on_one_timeline(
    engine_factory: list[AudioEngine],
) -> None:
    from live_desktop.core.audio.tap import RecordingTap

    capture = Capture()
    engine = make_engine(capture, EchoStages.none())
    engine_factory.append(engine)
    tap = engine.tap = RecordingTap(24000)
    engine.start()
    capture.wait_chunks(100)
    reply = spoken(FAR_TEXT, 24000)
    engine.play(reply.tobytes())
    engine.end_of_turn()
    _say_into_microphone(capture, NEAR_TEXT)
    time.sleep(reply.size / 24000 + 0.3)
    stereo = tap.drain()
    assert stereo.ndim == 2 and stereo.shape[1] == 2
    _, mic_corr = align(spoken(NEAR_TEXT, 24000), stereo[:, 0])
    _, model_corr = align(reply, stereo[:, 1])
    assert mic_corr >= 0.9, "left: the microphone"
    assert model_corr >= 0.9, "right: the model as played"


def test_a_late_speaker_callback_costs_a_click_not_two_seconds(
    engine_factory: list[AudioEngine],
) -> None:
    # A Python callback can always be late (a GC pass, a busy machine). Through ALSA's stock
    # pulse PCM every such underrun stopped the speaker's callbacks for 2.00 s; the engine opens
    # PulseAudio through its own PCM (handle_underrun off), where playback just carries on.
    from live_desktop.devices.audio_devices import PULSE_PCM, sounddevice

    capture = Capture()
    engine = make_engine(capture, enable_input=False)
    engine_factory.append(engine)
    engine.start()
    sd = sounddevice()
    assert PULSE_PCM in [d["name"] for d in sd.query_devices()], "our ALSA PCM is missing"
    calls: list[float] = []
    real_read = engine.playback.read
    late = {"done": False}

    def read(n: int, *, dac_time: float | None = None) -> np.ndarray:
        calls.append(time.monotonic())
        if len(calls) == 600 and not late["done"]:  # ~3 s in: miss the deadline by 40 ms
            late["done"] = True
            time.sleep(0.05)
        return real_read(n, dac_time=dac_time)

    engine.playback.read = read  # type: ignore[method-assign]
    wait_for(lambda: late["done"], timeout=20)
    after = len(calls)
    wait_for(lambda: len(calls) >= after + 300, timeout=10)  # 1.5 s more of 5 ms blocks
    gaps = np.diff(np.array(calls[590:]))
    stopped_ms = gaps.max() * 1000
    assert stopped_ms < 300, f"the speaker stopped for {stopped_ms:.0f} ms after a late block"


def test_each_microphone_chunk_leaves_in_the_callback_that_completes_it() -> None:
    # The resampler's first output is short by its delay; left alone, every chunk would end
    # that far before a block's end and wait for the next callback: 8.8 ms (or 18.8) added to
    # every chunk at 48 kHz. PortAudio's callback is driven here with exact block times: one
    # chunk every second 10 ms block, stamped with that block's newest sample.
    from types import SimpleNamespace

    from live_desktop.core.audio.resample import StreamResampler
    from live_desktop.devices.audio import StreamInfo
    from live_desktop.devices.audio_devices import AudioDevice

    capture = Capture()
    engine = make_engine(capture, stages=EchoStages(False, False, False, False))
    rate, block = 48000, 480
    engine._cap_rs = StreamResampler(rate, 16000)
    device = AudioDevice("test", "test", "input", is_default=True, rate=rate, channels=1)
    engine.info["input"] = StreamInfo(device, rate, block, 20.0)
    tone = (np.sin(np.arange(block * 40) * 2 * np.pi * 440 / rate) * 8000).astype(np.int16)
    emitted_in: list[int] = []
    for i in range(40):
        # The block's last sample reaches the callback at once (PortAudio's times say so),
        # so the engine stamps it "now": somewhere between these two readings of the clock.
        t = SimpleNamespace(inputBufferAdcTime=100.0 + i / 100, currentTime=100.01 + i / 100)
        before = len(capture.chunks)
        called_from = time.monotonic()
        engine._input_callback(tone[i * block : (i + 1) * block, None], block, t, None)
        called_until = time.monotonic()
        if len(capture.chunks) > before:
            emitted_in.append(i)
            # The chunk's newest sample is the block's newest, less the resampler's delay.
            _, captured_at = capture.chunks[-1]
            delay = engine._cap_rs.delay_ms / 1000
            assert called_from - delay - 1e-4 <= captured_at <= called_until - delay + 1e-4
    assert np.diff(emitted_in).tolist() == [2] * (len(emitted_in) - 1)  # every 20 ms
    assert len(emitted_in) >= 19


@pytest.mark.parametrize("microphone", [True, False], ids=["with-microphone", "speaker-only"])
def test_the_speaker_meter_shows_what_plays(
    engine_factory: list[AudioEngine], microphone: bool
) -> None:
    # The microphone thread meters what the speaker played (one update per 10 ms, not per 5 ms
    # block); with no microphone open the speaker callback has to do it itself.
    capture = Capture()
    engine = make_engine(capture, enable_input=microphone)
    engine_factory.append(engine)
    engine.start()
    if microphone:
        capture.wait_chunks(10)  # the microphone thread is the one draining the played blocks
    tone = (np.sin(np.arange(24000) * 2 * np.pi * 440 / 24000) * 16000).astype("<i2")
    engine.play(tone.tobytes(), received_at=time.monotonic())
    wait_for(lambda: engine.speaker_levels.latest.peak_dbfs > -12.0)
    # A history point is written once its 10 ms bucket is complete: with the next update.
    wait_for(lambda: engine.speaker_levels.history(50).max() > -12.0)
