"""Device-test fixtures: PulseAudio virtual devices, started here when CI has not already.

The virtual microphone is fed by playing into ``virtual_mic_sink``; what the app plays is heard
on ``virtual_speaker.monitor`` (see scripts/pulse-virtual-devices.sh). PulseAudio must be up
before PortAudio initialises, so nothing here imports sounddevice before the fixture ran.

Without PulseAudio the tests skip, unless LIVE_DESKTOP_REQUIRE_DEVICES=1 (CI): then they fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEAKER = "virtual_speaker"
SPEAKER_MONITOR = "virtual_speaker.monitor"
MIC_SINK = "virtual_mic_sink"
MIC = "virtual_mic"


def unavailable(reason: str) -> None:
    if os.environ.get("LIVE_DESKTOP_REQUIRE_DEVICES") == "1":
        pytest.fail(f"{reason} (LIVE_DESKTOP_REQUIRE_DEVICES=1, so this is a failure)")
    pytest.skip(reason)


def pactl(*args: str) -> str:
    return subprocess.run(
        ["pactl", *args], capture_output=True, text=True, timeout=10, check=True
    ).stdout


@pytest.fixture(scope="session")
def pulse() -> None:
    """PulseAudio with the virtual devices as defaults (starting them if needed)."""
    if shutil.which("pactl") is None or shutil.which("pulseaudio") is None:
        unavailable("PulseAudio is not installed (Debian: apt-get install pulseaudio)")
    script = ROOT / "scripts" / "pulse-virtual-devices.sh"
    done = subprocess.run(["bash", str(script)], capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        unavailable(f"could not start the virtual devices: {done.stderr.strip()[-300:]}")
    from live_desktop.devices.audio_devices import AudioUnavailable, sounddevice

    try:
        sounddevice()  # as the app loads it (with its ALSA PCM); PortAudio now sees PulseAudio
    except AudioUnavailable as exc:
        unavailable(f"PortAudio cannot be loaded ({exc.__cause__})")


@pytest.fixture
def pulse_module() -> Iterator[list[str]]:
    """Collects PulseAudio module ids a test loads, and unloads whatever is left."""
    loaded: list[str] = []
    yield loaded
    for module in loaded:
        subprocess.run(["pactl", "unload-module", module], capture_output=True, timeout=10)


def load_module(loaded: list[str], *args: str) -> str:
    module = pactl("load-module", *args).strip()
    loaded.append(module)
    return module


_SPEECH_CACHE: dict[str, np.ndarray] = {}


def spoken(text: str, rate: int) -> np.ndarray:
    """``text`` said by espeak-ng, as int16 mono at ``rate`` (offline-quality resampling)."""
    key = f"{text}@{rate}"
    if key in _SPEECH_CACHE:
        return _SPEECH_CACHE[key]
    import tempfile
    import wave

    from live_desktop.core.audio.resample import StreamResampler

    if shutil.which("espeak-ng") is None:
        unavailable("espeak-ng is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "speech.wav"
        subprocess.run(["espeak-ng", "-w", str(path), text], check=True, timeout=30)
        with wave.open(str(path)) as wav:
            src_rate = wav.getframerate()
            pcm = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")
    resampler = StreamResampler(src_rate, rate, quality="HQ")
    out = np.concatenate([resampler.process(pcm), resampler.flush()])
    _SPEECH_CACHE[key] = out
    return out
