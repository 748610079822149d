"""Smoke test of the machine's audio setup: real PortAudio streams on PulseAudio virtual devices.

It proves what scripts/pulse-virtual-devices.sh promises, so device tests that build on it can
trust their failures: a tone written to a sounddevice OutputStream is heard on the virtual
speaker, and a tone played into the virtual microphone comes out of a sounddevice InputStream.
The PulseAudio side is driven with pulseaudio-utils (parec, pacat), never with PortAudio, so
each test checks one PortAudio direction against an independent witness.

Skips when no PulseAudio server with the virtual devices is reachable, unless
LIVE_DESKTOP_REQUIRE_DEVICES=1 (CI), where that is a failure.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from tests.devices.conftest import MIC, MIC_SINK, SPEAKER, pactl, unavailable

pytestmark = pytest.mark.devices

RATE = 48_000
TONE_HZ = 1_000.0
TONE_AMPLITUDE = 0.5  # -6 dBFS
MIN_LEVEL_DBFS = -30.0
BLOCK = RATE // 10  # 100 ms analysis blocks: 10 Hz bins, so 1 kHz falls on bin 100 exactly

SETUP_HINT = "run scripts/pulse-virtual-devices.sh"
_unavailable = unavailable
_pactl = pactl


def _names(kind: str) -> set[str]:
    return {line.split("\t")[1] for line in _pactl("list", "short", kind).splitlines() if line}


@pytest.fixture(scope="module")
def sd() -> ModuleType:
    """sounddevice, once PulseAudio with the virtual devices is known to be up."""
    for tool in ("pactl", "parec", "pacat"):
        if shutil.which(tool) is None:
            _unavailable(f"{tool} not found (Debian: apt-get install pulseaudio-utils)")
    try:
        _pactl("info")
    except subprocess.CalledProcessError:
        _unavailable(f"no PulseAudio server reachable; {SETUP_HINT}")
    missing = ({SPEAKER, MIC_SINK} - _names("sinks")) | ({MIC} - _names("sources"))
    if missing:
        _unavailable(f"PulseAudio lacks {', '.join(sorted(missing))}; {SETUP_HINT}")
    if _pactl("get-default-sink").strip() != SPEAKER:
        _unavailable(f"default sink is not {SPEAKER}; {SETUP_HINT}")
    if _pactl("get-default-source").strip() != MIC:
        _unavailable(f"default source is not {MIC}; {SETUP_HINT}")
    try:
        import sounddevice
    except OSError as exc:  # the PortAudio shared library is missing
        _unavailable(f"PortAudio cannot be loaded ({exc}); Debian: apt-get install libportaudio2")

    names = [device["name"] for device in sounddevice.query_devices()]
    # PortAudio's ALSA backend reaches PulseAudio through the ALSA pulse plugin; if the server
    # is up but PortAudio shows no pulse device, the machine's ALSA configuration is wrong.
    assert "pulse" in names, f"PortAudio does not see PulseAudio; it lists {names}"
    return sounddevice


def _tone(seconds: float) -> np.ndarray:
    t = np.arange(int(RATE * seconds), dtype=np.float64) / RATE
    return (TONE_AMPLITUDE * np.sin(2 * np.pi * TONE_HZ * t)).astype(np.float32)


def _tone_level(signal: np.ndarray) -> tuple[float, float]:
    """(level of the 1 kHz tone in dBFS, strongest frequency in Hz), in the block loudest at 1 kHz.

    Looking at the best 100 ms block keeps the start-up silence of either side out of the figure.
    """
    blocks = len(signal) // BLOCK
    assert blocks > 0, f"recorded only {len(signal)} samples"
    window = np.hanning(BLOCK)
    framed = signal[: blocks * BLOCK].reshape(blocks, BLOCK) * window
    spectra = np.abs(np.fft.rfft(framed, axis=1))
    tone_bin = round(TONE_HZ * BLOCK / RATE)
    best = int(np.argmax(spectra[:, tone_bin]))
    amplitude = 2 * spectra[best, tone_bin] / window.sum()
    strongest_bin = 1 + int(np.argmax(spectra[best, 1:]))  # ignore DC
    return 20 * np.log10(max(amplitude, 1e-12)), strongest_bin * RATE / BLOCK


def _assert_tone(signal: np.ndarray, where: str) -> None:
    level, strongest = _tone_level(signal)
    assert level > MIN_LEVEL_DBFS, f"{where}: 1 kHz tone at only {level:.1f} dBFS"
    assert abs(strongest - TONE_HZ) <= 20, f"{where}: strongest component at {strongest:.0f} Hz"


def _pulse_stream(direction: str, device: str, audio: Path) -> subprocess.Popen[bytes]:
    """pacat recording from or playing to `device`, raw float32 mono at RATE, via `audio`."""
    args = [
        "pacat",
        f"--{direction}",
        f"--device={device}",
        "--raw",
        "--format=float32le",
        f"--rate={RATE}",
        "--channels=1",
        "--latency-msec=20",
    ]
    return subprocess.Popen([*args, str(audio)])


def _wait_for_stream(kind: str, timeout: float = 5.0) -> None:
    """Waits until PulseAudio lists a stream of `kind` (source-outputs / sink-inputs)."""
    deadline = time.monotonic() + timeout
    while not _pactl("list", "short", kind).strip():
        assert time.monotonic() < deadline, f"pacat's stream never appeared in {kind}"
        time.sleep(0.05)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="pulse-smoke-") as path:
        yield Path(path)


def test_output_stream_is_heard_on_the_virtual_speaker(sd: ModuleType, workdir: Path) -> None:
    recording = workdir / "speaker.raw"
    recorder = _pulse_stream("record", f"{SPEAKER}.monitor", recording)
    try:
        _wait_for_stream("source-outputs")
        with sd.OutputStream(samplerate=RATE, channels=1, dtype="float32") as stream:
            assert stream.samplerate == RATE
            stream.write(_tone(1.0))
        time.sleep(0.2)  # let the tail reach the monitor before the recorder stops
    finally:
        _stop(recorder)

    _assert_tone(np.fromfile(recording, dtype="<f4"), f"{SPEAKER}.monitor")


def test_input_stream_hears_the_virtual_microphone(sd: ModuleType, workdir: Path) -> None:
    tone = workdir / "tone.raw"
    _tone(1.5).astype("<f4").tofile(tone)
    blocks = []
    with sd.InputStream(samplerate=RATE, channels=1, dtype="float32") as stream:
        assert stream.samplerate == RATE
        player = _pulse_stream("playback", MIC_SINK, tone)
        try:
            for _ in range(20):  # 2 s of 100 ms reads: the tone and the player's start-up
                block, _overflowed = stream.read(BLOCK)
                blocks.append(block[:, 0].copy())
        finally:
            _stop(player)

    _assert_tone(np.concatenate(blocks), f"{MIC} via PortAudio")
