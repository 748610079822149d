"""WebRTC echo cancellation through livekit's APM, on a synthetic echo path.

The far end (espeak-ng speech, or seeded noise) is "played"; the microphone hears it again
30-80 ms later through a small room (a direct path at -10 dB and two reflections) and, from 4 s
on, a second voice (the near-end talker) over it. Every signal is generated, every run feeds the
same frames in the same order, and WebRTC's processing is deterministic, so the figures repeat
bit for bit.

Typical figures on the 2-core CI VM (livekit 1.2): echo reduced by 35-42 dB after the first
second (already 24-30 dB in the first 250 ms); near-end speech during double talk within 3 dB
of what the processor makes of it alone (correlation 0.75-0.83), untouched once the far end is
silent. CPU per 10 ms frame, far + near, all four stages: 48 kHz 0.13 ms (p99 0.25 ms),
16 kHz 0.08 ms (p99 0.18 ms), i.e. 1.3 % / 0.9 % of one core.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import threading
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
import soxr

from live_desktop.core.echo import EchoProcessor, EchoStages, PassthroughProcessor
from live_desktop.devices import echo_webrtc
from live_desktop.devices.echo_webrtc import WebRtcEchoProcessor, create_echo_processor

AEC_ONLY = EchoStages(True, False, False, False)
ALL = EchoStages(True, True, True, True)
NONE = EchoStages.none()

FAR_TEXT = (
    "The quick brown fox jumps over the lazy dog. Echo cancellation should remove this voice "
    "from the microphone signal while keeping the local talker."
)
NEAR_TEXT = "Hello, I am the person speaking into the microphone right now, please keep my voice."

SECONDS = 10.0
NEAR_START_S = 4.0  # the near-end talker starts here, over the far end (double talk)
CONVERGED_S = 1.0  # echo reduction is measured from here until NEAR_START_S


# ------------------------------------------------------------------ signals
def _espeak(text: str, voice: str, path: Path, rate: int) -> np.ndarray:
    subprocess.run(["espeak-ng", "-v", voice, "-w", str(path), text], check=True, timeout=30)
    with wave.open(str(path)) as wav:
        pcm = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")
        source_rate = wav.getframerate()
    return soxr.resample(pcm.astype(np.float64) / 32768.0, source_rate, rate)


@pytest.fixture(scope="module")
def voices(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """(far speech, near speech) as float64 at 16 and 48 kHz; espeak-ng's 22.05 kHz resampled."""
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng not installed (Debian: apt-get install espeak-ng)")
    folder = tmp_path_factory.mktemp("voices")
    voices = {}
    for rate in (16_000, 48_000):
        far = _espeak(FAR_TEXT, "en", folder / "far.wav", rate)
        near = _espeak(NEAR_TEXT, "en+f3", folder / "near.wav", rate)
        voices[rate] = (far, near)
    return voices


def _noise(rate: int, seconds: float) -> np.ndarray:
    """Seeded white noise at -20 dBFS RMS, silent in the last 2 s like the speech."""
    noise = np.random.default_rng(1234).standard_normal(int(rate * seconds)) * 0.1
    noise[int(rate * (seconds - 2)) :] = 0
    return noise


@dataclass
class EchoScene:
    rate: int
    far: np.ndarray  # what the speaker plays
    echo: np.ndarray  # what of it reaches the microphone
    near: np.ndarray  # the local talker at the microphone
    far_end_s: float  # when the far end falls silent

    @property
    def mic(self) -> np.ndarray:
        return self.echo + self.near

    def span(self, start_s: float, end_s: float) -> slice:
        return slice(int(start_s * self.rate), int(end_s * self.rate))


def _scene(rate: int, far_signal: np.ndarray, near_signal: np.ndarray | None, delay_ms: int):
    n = int(SECONDS * rate)
    far = np.zeros(n)
    far[: min(n, len(far_signal))] = far_signal[:n]
    delay = int(rate * delay_ms / 1000)
    room = np.zeros(delay + int(0.03 * rate))
    room[delay] = 0.3  # direct path, -10 dB
    room[delay + int(0.007 * rate)] = 0.12
    room[delay + int(0.019 * rate)] = -0.06
    echo = np.convolve(far, room)[:n]
    near = np.zeros(n)
    if near_signal is not None:
        start = int(NEAR_START_S * rate)
        piece = near_signal[: n - start] * 0.5
        near[start : start + len(piece)] = piece
    silent = np.flatnonzero(np.abs(far) > 1e-4)
    far_end_s = (silent[-1] + 1) / rate if silent.size else 0.0
    return EchoScene(rate, far, echo, near, far_end_s)


def _pcm(x: np.ndarray) -> np.ndarray:
    return np.round(np.clip(x, -1.0, 1.0) * 32767).astype(np.int16)


def _run(
    processor: EchoProcessor, far: np.ndarray, mic: np.ndarray, far_rate: int | None = None
) -> np.ndarray:
    """Plays ``far`` and records ``mic`` in lockstep, 10 ms at a time; the processed mic."""
    fs = processor.frame_samples
    far_pcm = _pcm(far if far_rate is None else soxr.resample(far, processor.rate, far_rate))
    far_fs = fs if far_rate is None else far_rate // 100
    mic_pcm = _pcm(mic)
    out = np.zeros(len(mic_pcm) // fs * fs, dtype=np.int16)
    for i in range(len(out) // fs):
        processor.process_far(far_pcm[i * far_fs : (i + 1) * far_fs])
        out[i * fs : (i + 1) * fs] = processor.process_near(mic_pcm[i * fs : (i + 1) * fs])
    return out


def _far_mic(scene: EchoScene) -> tuple[np.ndarray, np.ndarray]:
    return scene.far, scene.mic


def _db(num: np.ndarray, den: np.ndarray) -> float:
    num = num.astype(np.float64)
    den = den.astype(np.float64)
    return float(10 * np.log10(np.sum(num**2) / max(np.sum(den**2), 1e-12)))


def _echo_reduction_db(scene: EchoScene, out: np.ndarray) -> float:
    span = scene.span(CONVERGED_S, NEAR_START_S)
    return _db(_pcm(scene.echo[span]), out[span])


# ------------------------------------------------------------------ echo reduction
@pytest.mark.parametrize("rate", [16_000, 48_000])
@pytest.mark.parametrize("delay_ms", [30, 80])
def test_speech_echo_is_reduced_by_20_db_and_the_near_talker_passes(
    voices: dict[int, tuple[np.ndarray, np.ndarray]], rate: int, delay_ms: int
) -> None:
    far_voice, near_voice = voices[rate]
    scene = _scene(rate, far_voice, near_voice, delay_ms)
    echo = WebRtcEchoProcessor(rate, AEC_ONLY)
    echo.set_delay_ms(delay_ms)
    out = _run(echo, scene.far, scene.mic)

    assert _echo_reduction_db(scene, out) >= 20.0

    # What the processor makes of the near talker alone (its high-pass filter shifts phases,
    # AEC3 delays by ~4 ms): the yardstick for what survives the echo canceller.
    alone = _run(WebRtcEchoProcessor(rate, AEC_ONLY), np.zeros_like(scene.far), scene.near)
    double_talk = scene.span(NEAR_START_S, scene.far_end_s)
    near_only = scene.span(scene.far_end_s + 0.3, SECONDS)
    assert abs(_db(out[double_talk], alone[double_talk])) <= 4.0
    assert np.corrcoef(out[double_talk], alone[double_talk])[0, 1] >= 0.7
    assert abs(_db(out[near_only], alone[near_only])) <= 1.0
    assert np.corrcoef(out[near_only], alone[near_only])[0, 1] >= 0.98
    # ...and against the clean voice itself: as loud, within a few dB.
    assert abs(_db(out[near_only], _pcm(scene.near[near_only]))) <= 3.0


@pytest.mark.parametrize("rate", [16_000, 48_000])
def test_noise_echo_is_reduced_by_20_db_with_every_stage_on(rate: int) -> None:
    scene = _scene(rate, _noise(rate, SECONDS), None, delay_ms=55)
    out = _run(WebRtcEchoProcessor(rate, ALL), scene.far, scene.mic)
    assert _echo_reduction_db(scene, out) >= 20.0


def test_far_end_at_another_rate_is_cancelled_just_as_well() -> None:
    # livekit's APM takes the far end at its own rate (WebRTC resamples the render stream).
    scene = _scene(16_000, _noise(16_000, SECONDS), None, delay_ms=55)
    echo = WebRtcEchoProcessor(16_000, AEC_ONLY, far_rate=24_000)
    assert echo.far_frame_samples == 240
    out = _run(echo, scene.far, scene.mic, far_rate=24_000)
    assert _echo_reduction_db(scene, out) >= 20.0


def test_without_echo_cancellation_the_echo_stays() -> None:
    scene = _scene(16_000, _noise(16_000, SECONDS), None, delay_ms=55)
    out = _run(WebRtcEchoProcessor(16_000, EchoStages(False, False, True, False)), *_far_mic(scene))
    assert _echo_reduction_db(scene, out) < 6.0


def test_processing_is_deterministic() -> None:
    scene = _scene(16_000, _noise(16_000, 3.0), None, delay_ms=40)
    first = _run(WebRtcEchoProcessor(16_000, ALL), *_far_mic(scene))
    second = _run(WebRtcEchoProcessor(16_000, ALL), *_far_mic(scene))
    np.testing.assert_array_equal(first, second)


@pytest.mark.parametrize("far_rate", [16_000, 48_000])
def test_the_fast_calls_are_livekits_own_calls_bit_for_bit(far_rate: int) -> None:
    # _FrameCall skips livekit's per-frame Python (AudioFrame, protobuf, handle objects); the
    # native module must see exactly the same thing: the same output, sample for sample.
    scene = _scene(16_000, _noise(16_000, 3.0), None, delay_ms=40)
    fast = WebRtcEchoProcessor(16_000, ALL, far_rate=far_rate)
    assert fast._module.near is not None, "this livekit lacks what the fast calls need"
    slow = WebRtcEchoProcessor(16_000, ALL, far_rate=far_rate)
    slow.fast_calls = False
    slow.configure(**_kwargs(EchoStages(True, True, True, False)))
    slow.configure(**_kwargs(ALL))  # rebuilt with fast_calls off
    assert slow._module.near is None
    far, mic = _far_mic(scene)
    np.testing.assert_array_equal(_run(fast, far, mic, far_rate), _run(slow, far, mic, far_rate))


def _kwargs(stages: EchoStages) -> dict[str, bool]:
    return {
        "echo_cancellation": stages.echo_cancellation,
        "noise_suppression": stages.noise_suppression,
        "high_pass_filter": stages.high_pass_filter,
        "gain_control": stages.gain_control,
    }


# ------------------------------------------------------------------ stages
@pytest.mark.parametrize("rate", [16_000, 32_000, 48_000])
def test_every_stage_off_passes_the_microphone_bit_exact(rate: int) -> None:
    scene = _scene(rate, _noise(rate, 2.0), None, delay_ms=40)
    echo = WebRtcEchoProcessor(rate, NONE)
    out = _run(echo, *_far_mic(scene))
    np.testing.assert_array_equal(out, _pcm(scene.mic)[: len(out)])


def test_configure_switches_stages_while_running() -> None:
    rate = 16_000
    scene = _scene(rate, _noise(rate, 12.0), None, delay_ms=55)
    far, mic = _pcm(scene.far), _pcm(scene.mic)
    fs = rate // 100
    echo = WebRtcEchoProcessor(rate, AEC_ONLY)

    def play(start_s: float, end_s: float) -> tuple[np.ndarray, np.ndarray]:
        span = scene.span(start_s, end_s)
        out = []
        for i in range(span.start, span.stop, fs):
            echo.process_far(far[i : i + fs])
            out.append(echo.process_near(mic[i : i + fs]))
        return mic[span], np.concatenate(out)

    heard, out = play(0.0, 2.0)
    assert _db(heard[fs * 100 :], out[fs * 100 :]) >= 20.0  # converged

    echo.configure(
        echo_cancellation=False, noise_suppression=False, high_pass_filter=False, gain_control=False
    )
    assert echo.stages == NONE
    heard, out = play(2.0, 3.0)
    np.testing.assert_array_equal(out, heard)  # all off: bit-exact passthrough

    echo.configure(
        echo_cancellation=False, noise_suppression=False, high_pass_filter=True, gain_control=False
    )
    heard, out = play(3.0, 4.0)
    assert not np.array_equal(out, heard)  # the filter runs...
    assert _db(heard, out) < 6.0  # ...but nobody cancels the echo

    echo.configure(
        echo_cancellation=True, noise_suppression=False, high_pass_filter=False, gain_control=False
    )
    heard, out = play(4.0, 6.0)
    assert _db(heard[fs * 100 :], out[fs * 100 :]) >= 20.0  # a fresh AEC converges again

    before = echo._module
    echo.configure(
        echo_cancellation=True, noise_suppression=False, high_pass_filter=False, gain_control=False
    )
    assert echo._module is before  # asking for the same stages keeps the converged model
    heard, out = play(6.0, 6.2)
    assert _db(heard, out) >= 20.0


# ------------------------------------------------------------------ frames and threads
def test_a_wrong_frame_length_is_an_error_not_an_abort() -> None:
    # The native side asserts on it and aborts the whole process; the adapter checks first.
    echo = WebRtcEchoProcessor(48_000, ALL)
    with pytest.raises(ValueError, match="480 samples"):
        echo.process_near(np.zeros(479, np.int16))
    with pytest.raises(ValueError, match="480 samples"):
        echo.process_far(np.zeros(160, np.int16))
    assert echo.process_near(np.zeros(480, np.int16)).shape == (480,)


def test_a_channel_of_a_stereo_block_is_a_valid_frame() -> None:
    stereo = _pcm(np.random.default_rng(3).standard_normal((160, 2)) * 0.1)
    echo = WebRtcEchoProcessor(16_000, ALL)
    echo.process_far(stereo[:, 1])  # a strided view, as a callback's channel would be
    assert echo.process_near(stereo[:, 0]).shape == (160,)
    passthrough = WebRtcEchoProcessor(16_000, NONE)
    np.testing.assert_array_equal(passthrough.process_near(stereo[:, 0]), stereo[:, 0])


def test_unsupported_rate_is_refused() -> None:
    with pytest.raises(ValueError, match="16000, 32000, 48000"):
        WebRtcEchoProcessor(24_000, ALL)
    with pytest.raises(ValueError, match="16000, 32000, 48000"):
        create_echo_processor(44_100, ALL)
    with pytest.raises(ValueError, match="10 ms"):
        WebRtcEchoProcessor(16_000, ALL, far_rate=22_050)


def test_far_and_near_from_two_threads_while_the_main_thread_reconfigures() -> None:
    echo = WebRtcEchoProcessor(48_000, ALL)
    assert isinstance(echo, EchoProcessor)
    rng = np.random.default_rng(7)
    frames = _pcm(rng.standard_normal((400, 480)) * 0.1)
    errors: list[BaseException] = []
    outputs: list[np.ndarray] = []

    def far() -> None:
        try:
            for frame in frames:
                echo.process_far(frame)
        except BaseException as exc:  # reported below; a thread must not die silently
            errors.append(exc)

    def near() -> None:
        try:
            outputs.extend(echo.process_near(frame) for frame in frames)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=far), threading.Thread(target=near)]
    for thread in threads:
        thread.start()
    for i in range(20):
        echo.set_delay_ms(20 + i)
        echo.configure(
            echo_cancellation=True,
            noise_suppression=i % 2 == 0,
            high_pass_filter=True,
            gain_control=i % 3 == 0,
        )
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    assert len(outputs) == len(frames)
    assert all(out.shape == (480,) and out.dtype == np.int16 for out in outputs)


# ------------------------------------------------------------------ fallback
def test_factory_builds_the_webrtc_processor() -> None:
    echo = create_echo_processor(16_000, ALL)
    assert isinstance(echo, WebRtcEchoProcessor)
    assert echo.reason is None


def test_factory_falls_back_to_passthrough_when_livekit_is_missing(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setitem(sys.modules, "livekit.rtc", None)  # "import livekit.rtc" now fails
    with caplog.at_level(logging.WARNING, logger=echo_webrtc.__name__):
        echo = create_echo_processor(16_000, ALL)
    assert isinstance(echo, PassthroughProcessor)
    assert echo.reason is not None and "Echo cancellation is off" in echo.reason
    assert "ImportError" in caplog.text or "ModuleNotFoundError" in caplog.text
    frame = _pcm(_noise(16_000, 3.0)[:160])
    np.testing.assert_array_equal(echo.process_near(frame), frame)


_BROKEN_LIBRARY = """
import json, logging, numpy as np
logging.basicConfig(level=logging.WARNING)
from live_desktop.core.echo import EchoStages
from live_desktop.devices.echo_webrtc import create_echo_processor
echo = create_echo_processor(48000, EchoStages.none())
frame = np.arange(480, dtype=np.int16)
print(json.dumps({"type": type(echo).__name__, "reason": echo.reason,
                  "exact": bool((echo.process_near(frame) == frame).all())}))
"""


def test_factory_falls_back_when_the_native_library_does_not_load(tmp_path: Path) -> None:
    # A fresh process: the FFI library is loaded once per process, so only there can it fail.
    env = {"LIVEKIT_LIB_PATH": str(tmp_path / "missing" / "liblivekit_ffi.so")}
    done = subprocess.run(
        [sys.executable, "-c", _BROKEN_LIBRARY],
        capture_output=True,
        text=True,
        timeout=60,
        env={**_clean_env(), **env},
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["type"] == "PassthroughProcessor"
    assert "Echo cancellation is off" in result["reason"]
    assert result["exact"]
    assert "could not be loaded" in done.stderr  # the warning reached the log


_NO_NETWORK = """
import json, os, numpy as np
from live_desktop.core.echo import EchoStages
from live_desktop.devices.echo_webrtc import WebRtcEchoProcessor
echo = WebRtcEchoProcessor(16000, EchoStages())
for _ in range(100):
    echo.process_far(np.zeros(160, np.int16)); echo.process_near(np.zeros(160, np.int16))
inodes = set()
for fd in os.listdir("/proc/self/fd"):
    try:
        target = os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        continue
    if target.startswith("socket:["):
        inodes.add(target[8:-1])
inet = []
for table in ("tcp", "tcp6", "udp", "udp6", "raw", "raw6"):
    try:
        rows = open(f"/proc/self/net/{table}").read().splitlines()[1:]
    except OSError:
        continue
    inet += [table for row in rows if row.split()[9] in inodes]
threads = sorted(open(f"/proc/self/task/{t}/comm").read().strip()
                 for t in os.listdir("/proc/self/task"))
print(json.dumps({"sockets": len(inodes), "inet": inet, "threads": threads}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_native_library_opens_no_network_socket() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _NO_NETWORK],
        capture_output=True,
        text=True,
        timeout=60,
        env=_clean_env(),
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["inet"] == [], result  # local socketpairs only, nothing on IP
    assert "tokio-rt-worker" in result["threads"]  # the FFI runtime did start (so we looked)


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "LIVEKIT_LIB_PATH"}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    return env
