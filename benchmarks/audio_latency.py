"""Audio latency and cost of a voice session on PulseAudio virtual devices, end to end.

    scripts/pulse-virtual-devices.sh                       # PulseAudio and the virtual devices
    .venv/bin/python benchmarks/audio_latency.py [--seconds 60] [--private-devices]

Prints one JSON line. The app side runs in this process as the app composes it: a
SessionController (the real google-genai SDK, TLS) and a VoiceSession with default settings
(echo cancellation, noise suppression, high-pass filter and gain control on). The emulator runs
as a separate process (``python -m live_desktop.emulator``), so the service's CPU is not counted.

Phases (each on real PortAudio streams; every time is ``time.monotonic()``, which is
CLOCK_MONOTONIC and so shared with the helper processes):

1. Conversation, ``--seconds``: espeak-ng sentences are played into the virtual microphone by
   ``paplay`` (another process, so its CPU is not ours); the emulator's VAD answers each one
   with its echo, paced in real time in 40 ms chunks, and the engine plays it. Figures are the
   app's own instrumentation: ``capture_to_send`` (a chunk's newest sample at the ADC to the
   SDK's send returning), ``receive_to_dac`` (a model chunk's arrival to its first sample at
   the DAC), playback underruns, voice-to-voice (local speech end at the ADC to the reply's
   first sample at the DAC), and ``cpu_percent_one_core``: ``time.process_time()`` over wall time
   for this process, which then holds nothing but the app (no probe streams).
2. Interruption, ``--interruptions`` times: a text turn makes the emulator answer with a 6 s
   chime; about a second into it a spoken barge-in makes the emulator send ``interrupted``. The
   speaker's monitor is recorded (DeviceRecorder, in this process: not a CPU phase). The figure
   is from the moment ``Interrupted`` reaches the controller's subscribers to the end of the last
   non-zero sample on the monitor, on the recorder's ADC clock: phase 3's probe bias shows that
   clock agreeing with a player's DAC clock to a fraction of a millisecond on these devices.
   The test's variant (the monitor put on the engine's own DAC clock through the chime's onset,
   tests/devices/test_audio_engine.py) is printed next to it, with the offset it applied.
3. Mouth to ear, ``--m2e-seconds`` (default ``--seconds``): a new connection in the emulator's
   ``instant-echo`` scenario (every audio chunk echoed at once as 24 kHz). A helper process
   (this script with ``--probe-helper``) plays a 5 ms chirp into the virtual microphone's sink
   every 0.4-0.6 s (random, so the echo canceller cannot take one click for the echo of the
   previous one) with a DevicePlayer, and records the speaker's monitor and the microphone
   sink's monitor with DeviceRecorders; each chirp is found again by matched filter. Raw figure:
   found on the speaker monitor (recorder ADC time) minus played (player DAC time). Probe bias:
   the same chirp on the microphone sink's own monitor minus played, i.e. what the probe reads
   for a path that adds no latency. Where the time goes: the app records its uplink chunks and
   downlink audio in this phase and each chirp is found in them too.
4. Reference, ``--plain-seconds``: the same probe on a plain sounddevice client (InputStream on
   the microphone, OutputStream on the speaker, 10 ms int16 blocks, latency "low", a queue
   between them), then on the same client keeping only the newest block queued: what a plain
   client gets, and the floor these devices allow with 10 ms blocks.

Devices: the defaults ``virtual_mic_sink`` -> ``virtual_mic`` and ``virtual_speaker`` (see
scripts/pulse-virtual-devices.sh). Other programs playing into or recording from them spoil
the figures (and ours theirs); the JSON lists the streams found on them. ``--private-devices``
loads a private copy with the same module arguments (``ldbench_*``), points the app at it by
name, and unloads it at exit.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import logging
import os
import platform
import queue
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import wave
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

SCRIPT = Path(__file__).resolve()
ROOT = SCRIPT.parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

log = logging.getLogger("audio_latency")

RATE = 48000
CLICK_MS = 5
CLICK_GAP_S = (0.4, 0.6)
WARMUP_S = 2.0  # PulseAudio sources run late for their first ~1.2 s, then skip
FOUND_SCORE = 0.5

SENTENCES = (
    "Please tell me what the weather will be like tomorrow morning.",
    "Could you remind me to call my sister at six this evening?",
    "What is the quickest way to get to the train station from here?",
    "I would like to hear a short story about a lighthouse keeper.",
)
BARGE_IN = "Wait, stop, that is enough."
LONG_TEXT = "Tell me everything you know about the history of the lighthouse on the northern cape."


# ------------------------------------------------------------------------------ devices
@dataclass(frozen=True)
class Devices:
    speaker: str = "virtual_speaker"
    mic_sink: str = "virtual_mic_sink"
    mic: str = "virtual_mic"
    private: bool = False

    @property
    def speaker_monitor(self) -> str:
        return f"{self.speaker}.monitor"

    @property
    def mic_sink_monitor(self) -> str:
        return f"{self.mic_sink}.monitor"


def pactl(*args: str) -> str:
    return subprocess.run(
        ["pactl", *args],
        capture_output=True,
        text=True,
        timeout=10,
        check=True,
        env={**os.environ, "LC_ALL": "C"},
    ).stdout


def short_list(kind: str) -> list[list[str]]:
    return [line.split("\t") for line in pactl("list", "short", kind).splitlines() if line]


def require_devices(devices: Devices) -> None:
    """Exit with a sentence if PulseAudio, the virtual devices or espeak-ng are missing."""
    script = "scripts/pulse-virtual-devices.sh"
    if shutil.which("pactl") is None:
        raise SystemExit(f"audio_latency: pactl not found; install pulseaudio-utils, run {script}")
    try:
        pactl("info")
    except (subprocess.SubprocessError, OSError):
        raise SystemExit(f"audio_latency: no PulseAudio server reachable; run {script}") from None
    sinks = {row[1] for row in short_list("sinks")}
    sources = {row[1] for row in short_list("sources")}
    missing = [n for n in (devices.speaker, devices.mic_sink) if n not in sinks]
    missing += [n for n in (devices.mic,) if n not in sources]
    if missing:
        raise SystemExit(f"audio_latency: PulseAudio has no {', '.join(missing)}; run {script}")
    if not devices.private:
        info = pactl("info")
        if f"Default Sink: {devices.speaker}" not in info or (
            f"Default Source: {devices.mic}" not in info
        ):
            raise SystemExit(
                f"audio_latency: the default sink/source are not {devices.speaker}/{devices.mic}; "
                f"run {script}"
            )
    for tool in ("espeak-ng", "paplay"):
        if shutil.which(tool) is None:
            raise SystemExit(f"audio_latency: {tool} not found (Debian: apt-get install {tool})")


class PrivateDevices:
    """A private copy of the virtual devices (same module arguments), unloaded on close."""

    def __init__(self) -> None:
        self.modules: list[str] = []
        self.devices = Devices("ldbench_speaker", "ldbench_mic_sink", "ldbench_mic", True)

    def open(self) -> Devices:
        d = self.devices
        if d.speaker in {row[1] for row in short_list("sinks")}:
            raise SystemExit(f"audio_latency: {d.speaker} exists: is another run going on?")
        self.modules.append(
            pactl(
                "load-module",
                "module-null-sink",
                f"sink_name={d.speaker}",
                f"rate={RATE}",
                "channels=2",
                "sink_properties=device.description=BenchSpeaker",
            ).strip()
        )
        self.modules.append(
            pactl(
                "load-module",
                "module-null-sink",
                f"sink_name={d.mic_sink}",
                f"rate={RATE}",
                "channels=1",
                "channel_map=mono",
                "sink_properties=device.description=BenchMicInput",
            ).strip()
        )
        self.modules.append(
            pactl(
                "load-module",
                "module-remap-source",
                f"master={d.mic_sink_monitor}",
                f"source_name={d.mic}",
                f"rate={RATE}",
                "channels=1",
                "channel_map=mono",
                "source_properties=device.description=BenchMic",
            ).strip()
        )
        return d

    def close(self) -> None:
        for module in reversed(self.modules):
            subprocess.run(["pactl", "unload-module", module], capture_output=True, timeout=10)
        self.modules.clear()


def _ours(pid: str) -> bool:
    """This process or one it started (the probe helper, paplay)."""
    if pid == str(os.getpid()):
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[1] == str(os.getpid())


def other_streams(devices: Devices) -> list[str]:
    """Streams of other processes on our sinks and sources (they would mix into the figures)."""
    clients: dict[str, tuple[str, str]] = {}  # client index -> (pid, application name)
    client = ""
    for raw in pactl("list", "clients").splitlines():
        line = raw.strip()
        if line.startswith("Client #"):
            client = line.split("#", 1)[1]
            clients[client] = ("", "")
        elif line.startswith("application.process.id") and client:
            clients[client] = (line.split("=", 1)[1].strip().strip('"'), clients[client][1])
        elif line.startswith("application.name") and client:
            clients[client] = (clients[client][0], line.split("=", 1)[1].strip().strip('"'))
    sink_ids = {row[0]: row[1] for row in short_list("sinks")}
    source_ids = {row[0]: row[1] for row in short_list("sources")}
    ours_sinks = {devices.speaker, devices.mic_sink}
    ours_sources = {devices.speaker_monitor, devices.mic_sink_monitor, devices.mic}
    found = []
    for kind, names, where in (
        ("sink-inputs", sink_ids, ours_sinks),
        ("source-outputs", source_ids, ours_sources),
    ):
        for row in short_list(kind):
            if names.get(row[1]) not in where or row[2] == "-":
                continue
            pid, app = clients.get(row[2], ("", ""))
            if not _ours(pid):
                found.append(f"{kind[:-1]} on {names[row[1]]}: {app or '?'} (pid {pid or '?'})")
    return found


async def watch_others(devices: Devices, seen: set[str], every_s: float = 30.0) -> None:
    """Samples other programs' streams on our devices all through the run."""
    loop = asyncio.get_running_loop()
    while True:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            seen.update(await loop.run_in_executor(None, other_streams, devices))
        await asyncio.sleep(every_s)


def machine() -> dict[str, Any]:
    model = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "nproc": os.cpu_count(),
        "cpu_model": model,
        "python": platform.python_version(),
        "kernel": platform.release(),
        "pulseaudio": next(
            (
                line.split(":", 1)[1].strip()
                for line in pactl("info").splitlines()
                if line.startswith("Server Version")
            ),
            None,
        ),
    }


# ------------------------------------------------------------------------------ signals
def click(rate: int = RATE) -> np.ndarray:
    """5 ms linear chirp 300 Hz -> 6 kHz, Hann window, -6 dBFS peak: inside the 16 kHz uplink's
    band, above the high-pass filter, and a sharp matched filter (a plain 1 kHz burst's
    correlation has a peak every millisecond)."""
    n = rate * CLICK_MS // 1000
    t = np.arange(n) / rate
    f0, f1 = 300.0, 6000.0
    phase = 2 * np.pi * (f0 * t + (f1 - f0) * t**2 / (2 * t[-1]))
    return (0.5 * np.hanning(n) * np.sin(phase) * 32767).astype(np.int16)


def resample_hq(x: np.ndarray, src: int, dst: int) -> np.ndarray:
    from live_desktop.core.audio.resample import StreamResampler

    if src == dst:
        return x.astype(np.int16)
    rs = StreamResampler(src, dst, quality="HQ")
    return np.concatenate([rs.process(x.astype(np.int16)), rs.flush()])


def spoken(text: str, rate: int = RATE) -> np.ndarray:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "speech.wav"
        subprocess.run(["espeak-ng", "-w", str(path), text], check=True, timeout=30)
        with wave.open(str(path)) as wav:
            src = wav.getframerate()
            pcm = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")
    return resample_hq(pcm, src, rate)


def write_wav(path: Path, samples: np.ndarray, rate: int = RATE) -> Path:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(samples.astype("<i2").tobytes())
    return path


def pct(values: list[float] | np.ndarray, p: float) -> float | None:
    arr = np.asarray(values, dtype=np.float64)
    return round(float(np.percentile(arr, p)), 2) if arr.size else None


# ------------------------------------------------------------------------------ probe helper
def probe_helper(config: dict[str, Any]) -> dict[str, Any]:
    """Play chirps into the microphone's sink, record both monitors, find each chirp.

    Runs in its own process so that its streams cost the measured app nothing. Returns per
    chirp: its DAC time on the player, and where it was found on each monitor (ADC time,
    normalised correlation).
    """
    from live_desktop.devices.probe import DevicePlayer, DeviceRecorder, align

    seconds = float(config["seconds"])
    chirp = click()
    rng = random.Random(config.get("seed", 1))
    speaker = DeviceRecorder(config["speaker_monitor"])
    mic = DeviceRecorder(config["mic_sink_monitor"])
    player = DevicePlayer(config["mic_sink"])
    ids: list[tuple[int, int]] = []  # (clip id, silent samples before the chirp)
    speaker.start()
    try:
        mic.start()
        try:
            player.start()
            try:
                time.sleep(WARMUP_S)  # past the monitors' start-up lag
                end = time.monotonic() + seconds
                while time.monotonic() < end:
                    # A clip starts on a player callback, and PulseAudio runs those in pairs:
                    # without a random lead-in every chirp would sit at the same place in the
                    # app's 10 ms blocks and 20 ms chunks, which speech never does.
                    pad = rng.randrange(RATE // 50)
                    clip = np.concatenate([np.zeros(pad, np.int16), chirp])
                    ids.append((player.play(clip), pad))
                    time.sleep(rng.uniform(*CLICK_GAP_S))
                player.wait_idle(5)
                time.sleep(0.6)
            finally:
                player.stop()
        finally:
            mic_rec = mic.stop()
    finally:
        speaker_rec = speaker.stop()

    def find(rec: Any, t0: float, t1: float) -> tuple[float | None, float]:
        i0 = max(0, rec.index_at(t0))
        i1 = min(rec.samples.size, rec.index_at(t1) + chirp.size)
        if i1 - i0 < chirp.size:
            return None, 0.0
        offset, score = align(chirp, rec.samples[i0:i1])
        return rec.time_of(i0 + offset), score

    clicks = []
    for clip_id, pad in ids:
        started = player.started.get(clip_id)
        if started is None:
            continue
        played = started + pad / RATE
        # Found before it was played is impossible, and beyond the next chirp ambiguous: so
        # mouth-to-ear figures above ~0.38 s cannot be measured (they show up as not found).
        at_speaker, s_speaker = find(speaker_rec, played, played + CLICK_GAP_S[0] - 0.02)
        at_mic, s_mic = find(mic_rec, played - 0.05, played + 0.15)
        clicks.append([played, at_speaker, round(s_speaker, 3), at_mic, round(s_mic, 3)])
    return {"clicks": clicks}


async def run_probe(devices: Devices, seconds: float, seed: int) -> dict[str, Any]:
    config = {
        "seconds": seconds,
        "seed": seed,
        "mic_sink": devices.mic_sink,
        "speaker_monitor": devices.speaker_monitor,
        "mic_sink_monitor": devices.mic_sink_monitor,
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        str(SCRIPT),
        "--probe-helper",
        json.dumps(config),
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        out, _ = await proc.communicate()
    except BaseException:
        with contextlib.suppress(ProcessLookupError):
            proc.kill()
        raise
    if proc.returncode != 0:
        raise RuntimeError(f"the probe helper failed (exit {proc.returncode})")
    return json.loads(out.decode().strip().splitlines()[-1])


def click_figures(result: dict[str, Any], prefix: str) -> dict[str, Any]:
    """Raw mouth-to-ear and probe bias from the helper's per-chirp findings."""
    rows = result["clicks"]
    m2e = np.array(
        [(r[1] - r[0]) * 1000 if r[1] is not None and r[2] >= FOUND_SCORE else np.nan for r in rows]
    )
    bias = np.array(
        [(r[3] - r[0]) * 1000 if r[3] is not None and r[4] >= FOUND_SCORE else np.nan for r in rows]
    )
    ok = ~np.isnan(m2e)
    okb = ~np.isnan(bias)
    out: dict[str, Any] = {
        f"{prefix}mouth_to_ear_ms_p50": pct(m2e[ok], 50),
        f"{prefix}mouth_to_ear_ms_p90": pct(m2e[ok], 90),
        f"{prefix}mouth_to_ear_ms_min": pct(m2e[ok], 0),
        f"{prefix}mouth_to_ear_ms_max": pct(m2e[ok], 100),
        f"{prefix}probe_bias_ms_p50": pct(bias[okb], 50),
        f"{prefix}probe_bias_ms_p90": pct(bias[okb], 90),
        f"{prefix}clicks": len(rows),
        f"{prefix}clicks_found": int(ok.sum()),
        f"{prefix}click_score_p50": pct([r[2] for r in rows], 50),
    }
    both = ok & okb
    out[f"{prefix}mouth_to_ear_minus_bias_ms_p50"] = pct(m2e[both] - bias[both], 50)
    return out


def per_minute(played: np.ndarray, values: np.ndarray) -> list[float | None]:
    if not played.size:
        return []
    t0 = played[0]
    minutes = int((played[-1] - t0) // 60) + 1
    series = []
    for m in range(minutes):
        sel = (played >= t0 + 60 * m) & (played < t0 + 60 * (m + 1)) & ~np.isnan(values)
        series.append(pct(values[sel], 50))
    return series


# ------------------------------------------------------------------------------ the app side
class CallbackWatch:
    """Wraps an engine stream callback: which native threads run it, and its pauses.

    A pause over 100 ms means PortAudio stopped calling back (an ALSA underrun recovery, a
    stream reopened). The wrapper adds about a microsecond per 5-10 ms callback.
    """

    def __init__(self, fn: Any) -> None:
        self.fn = fn
        self.tids: set[int] = set()
        self.last = 0.0
        self.gaps: list[tuple[float, float]] = []  # (monotonic time, ms without a callback)
        self.cpu_us: list[float] = []  # thread CPU time of each call, the latest 100 000

    def __call__(self, *args: Any) -> None:
        now = time.monotonic()
        if self.last and now - self.last > 0.1:
            self.gaps.append((now, (now - self.last) * 1000.0))
        self.last = now
        self.tids.add(threading.get_native_id())
        cpu0 = time.thread_time()
        self.fn(*args)
        if len(self.cpu_us) < 100_000:
            self.cpu_us.append((time.thread_time() - cpu0) * 1e6)

    def cpu_figures(self, since: int, wall: float) -> dict[str, float | None]:
        calls = self.cpu_us[since:]
        return {
            "cpu_us_per_call_p50": pct(calls, 50),
            "cpu_us_per_call_p99": pct(calls, 99),
            "cpu_percent_one_core": round(sum(calls) / 1e6 / wall * 100.0, 2),
        }

    def gaps_since(self, t0: float) -> list[float]:
        return [round(ms) for at, ms in self.gaps if at >= t0]


def thread_cpu() -> dict[int, tuple[str, float]]:
    """CPU seconds of each live thread of this process: tid -> (name, seconds). Linux only."""
    ticks = os.sysconf("SC_CLK_TCK")
    found: dict[int, tuple[str, float]] = {}
    with contextlib.suppress(OSError):
        for task in Path("/proc/self/task").iterdir():
            try:
                comm = (task / "comm").read_text().strip()
                fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            # utime and stime are fields 14 and 15 of stat; 12 and 13 after the ")".
            found[int(task.name)] = (comm, (int(fields[11]) + int(fields[12])) / ticks)
    return found


def cpu_by_role(
    before: dict[int, tuple[str, float]],
    after: dict[int, tuple[str, float]],
    roles: dict[int, str],
    wall: float,
) -> dict[str, float]:
    """Percent of one core per role: the loop, the two callbacks, native threads by name."""
    spent: dict[str, float] = {}
    for tid, (comm, seconds) in after.items():
        delta = seconds - before.get(tid, (comm, 0.0))[1]
        if delta <= 0:
            continue
        role = roles.get(tid) or f"other native threads ({comm})"
        spent[role] = spent.get(role, 0.0) + delta
    return {role: round(100.0 * sec / wall, 2) for role, sec in sorted(spent.items())}


class TimedStats:
    """A LatencyStats that also keeps (time, ms) pairs, for per-minute figures."""

    def __init__(self, stats: Any) -> None:
        self.stats = stats
        self.pairs: list[tuple[float, float]] = []

    def add(self, ms: float) -> None:
        self.stats.add(ms)
        self.pairs.append((time.monotonic(), ms))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stats, name)


@dataclass
class Watch:
    """Session events the benchmark waits on (subscribed before the VoiceSession: first)."""

    interrupted_at: list[float] = field(default_factory=list)
    turn_completes: int = 0
    audio_out: list[tuple[bytes, float]] | None = None  # collected while not None
    errors: list[Any] = field(default_factory=list)

    def __call__(self, event: Any) -> None:
        from live_desktop.core import events as ev

        if isinstance(event, ev.Interrupted):
            self.interrupted_at.append(time.monotonic())
        elif isinstance(event, ev.TurnComplete):
            self.turn_completes += 1
        elif isinstance(event, ev.AudioOut):
            if self.audio_out is not None:
                self.audio_out.append((event.pcm, event.at))
        elif isinstance(event, ev.ErrorEvent):
            self.errors.append(event)


async def until(predicate: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.01)


class App:
    """SessionController + VoiceSession with default settings, as the app composes them."""

    def __init__(self, endpoint: dict[str, str], devices: Devices, scenario: str | None) -> None:
        from live_desktop.core.audio.speech import LatencyStats
        from live_desktop.core.session import SessionController
        from live_desktop.core.settings import Settings
        from live_desktop.devices.voice_session import VoiceSession
        from live_desktop.emulator import SCENARIO_HEADER

        settings = Settings()
        if devices.private:
            settings.audio.input_device = devices.mic
            settings.audio.output_device = devices.speaker
        self.controller = SessionController(
            settings,
            api_key="benchmark",
            base_url=endpoint["base_url"],
            ca_cert=endpoint["cert"],
            headers={SCENARIO_HEADER: scenario} if scenario else None,
        )
        self.watch = Watch()
        self.controller.subscribe(self.watch)
        self.notices: list[str] = []
        self.voice = VoiceSession(self.controller, settings, on_event=self._on_audio_event)
        self.engine = self.voice.engine
        # Before the streams open (on connect): the streams take the callbacks from here.
        self.mic_callback = CallbackWatch(self.engine._input_callback)
        self.speaker_callback = CallbackWatch(self.engine._output_callback)
        self.engine._input_callback = self.mic_callback  # type: ignore[method-assign]
        self.engine._output_callback = self.speaker_callback  # type: ignore[method-assign]
        self._new_stats = LatencyStats
        self.t0 = time.monotonic()
        self.disconnect_hangs = 0

    def _on_audio_event(self, event: Any) -> None:
        message = getattr(event, "message", None)
        if message:
            self.notices.append(f"{time.monotonic() - self.t0:.1f} s: {message}")

    def roles(self) -> dict[int, str]:
        roles = {t.native_id: f"python thread {t.name}" for t in threading.enumerate()}
        roles[threading.get_native_id()] = "asyncio loop (SDK, TLS, controller, uplink)"
        for tid in self.mic_callback.tids:
            roles[tid] = "microphone callback (resample, echo processing, VAD)"
        for tid in self.speaker_callback.tids:
            roles[tid] = "speaker callback (jitter buffer, far end, levels)"
        return roles

    def reset_stats(self) -> None:
        """Fresh figures from now on (the app's own instrumentation, kept per time too)."""
        self.voice.capture_to_send = TimedStats(self._new_stats())  # type: ignore[assignment]
        self.engine.receive_to_dac = TimedStats(self._new_stats())  # type: ignore[assignment]

    async def connect(self) -> None:
        if not await self.controller.connect():
            raise SystemExit(f"audio_latency: could not connect: {self.watch.errors}")
        await until(lambda: "input" in self.engine.info, 10, "the microphone to open")
        await asyncio.sleep(WARMUP_S)

    async def close(self) -> None:
        disconnect = asyncio.ensure_future(self.controller.disconnect())
        done, _ = await asyncio.wait([disconnect], timeout=5)
        if not done:
            # SessionController._send_loop wraps each send in asyncio.wait_for, which on Python
            # 3.11 swallows a cancel that arrives as the send completes (CPython gh-86296): the
            # loop then waits on an empty outbox for ever and disconnect() never returns. Cancel
            # it again so the run can go on; counted in the JSON (see docs/performance.md).
            self.disconnect_hangs += 1
            for task in asyncio.all_tasks():
                if task.get_name() == "live-send" and not task.done():
                    task.cancel()
            await asyncio.wait([disconnect], timeout=10)
        self.voice.close()

    def idle(self) -> bool:
        from live_desktop.core.audio.playback import PlaybackState

        return self.engine.playback.state is PlaybackState.IDLE


async def paplay(path: Path, sink: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        "paplay", f"--device={sink}", str(path), stdout=asyncio.subprocess.DEVNULL
    )


async def conversation(app: App, devices: Devices, clips: list[Path], seconds: float) -> dict:
    """Phase 1: spoken turns answered by the emulator's echo; CPU over the whole span."""
    engine = app.engine
    app.reset_stats()
    underruns0 = engine.playback.underruns
    underflows0, overflows0 = engine.underflows, engine.overflows
    v2v0 = len(engine.latency.samples())
    turns0 = app.watch.turn_completes
    load0 = os.getloadavg()
    threads0 = thread_cpu()
    calls0 = (len(app.mic_callback.cpu_us), len(app.speaker_callback.cpu_us))
    wall0, cpu0 = time.monotonic(), time.process_time()
    end = wall0 + seconds
    turn = 0
    stopped_early = None
    turn_starts: list[tuple[float, float]] = []  # (time, pre-buffer in ms) as each turn starts
    while time.monotonic() < end:
        turn_starts.append((time.monotonic(), engine.playback.prebuffer_ms))
        proc = await paplay(clips[turn % len(clips)], devices.mic_sink)
        await proc.wait()
        done = app.watch.turn_completes
        try:
            # The emulator answers after 0.5 s of silence; wait for the answer to finish playing.
            await until(lambda d=done: app.watch.turn_completes > d, 15, "the reply")
            await until(app.idle, 15, "the reply to finish playing")
        except TimeoutError as exc:
            stopped_early = f"after {time.monotonic() - wall0:.0f} s: {exc}"
            break
        turn += 1
        await asyncio.sleep(0.4)
    wall, cpu = time.monotonic() - wall0, time.process_time() - cpu0
    by_role = cpu_by_role(threads0, thread_cpu(), app.roles(), wall)
    v2v = engine.latency.samples()[v2v0:]
    c2s, r2d = app.voice.capture_to_send, engine.receive_to_dac
    bounds = [t for t, _ in turn_starts] + [float("inf")]
    per_turn = [
        pct([m for t, m in r2d.pairs if bounds[i] <= t < bounds[i + 1]], 50)
        for i in range(len(turn_starts))
    ]
    return {
        "capture_to_send_ms_p50": pct([m for _, m in c2s.pairs], 50),
        "capture_to_send_ms_p99": pct([m for _, m in c2s.pairs], 99),
        "receive_to_dac_ms_p50": pct([m for _, m in r2d.pairs], 50),
        "receive_to_dac_ms_p99": pct([m for _, m in r2d.pairs], 99),
        "underruns": engine.playback.underruns - underruns0,
        "cpu_percent_one_core": round(100.0 * cpu / wall, 2),
        "voice_to_voice_ms_p50": pct(v2v, 50),
        "voice_to_voice_ms_p90": pct(v2v, 90),
        "conversation": {
            "seconds": round(wall, 1),
            "turns": app.watch.turn_completes - turns0,
            "stopped_early": stopped_early,
            "chunks_sent": c2s.count,
            "chunks_played": r2d.count,
            "capture_to_send_ms_max": pct([m for _, m in c2s.pairs], 100),
            "receive_to_dac_ms_max": pct([m for _, m in r2d.pairs], 100),
            "receive_to_dac_ms_p50_per_minute": per_minute_pairs(r2d.pairs),
            "receive_to_dac_ms_p50_per_turn": per_turn,
            "prebuffer_ms_per_turn": [p for _, p in turn_starts],
            "voice_to_voice_ms_per_turn": [round(v, 1) for v in v2v],
            "prebuffer_ms_at_end": engine.playback.prebuffer_ms,
            "portaudio_output_underflows": engine.underflows - underflows0,
            "portaudio_input_overflows": engine.overflows - overflows0,
            "speaker_callback_pauses_ms": app.speaker_callback.gaps_since(wall0),
            "microphone_callback_pauses_ms": app.mic_callback.gaps_since(wall0),
            "device_notices": list(app.notices),
            "cpu_percent_by_thread": by_role,
            "microphone_callback": app.mic_callback.cpu_figures(calls0[0], wall),
            "speaker_callback": app.speaker_callback.cpu_figures(calls0[1], wall),
            "loadavg_1min_start_end": [round(load0[0], 2), round(os.getloadavg()[0], 2)],
            "stream_latency_ms": {
                kind: round(info.latency_ms, 1) for kind, info in engine.info.items()
            },
        },
    }


def per_minute_pairs(pairs: list[tuple[float, float]]) -> list[float | None]:
    if not pairs:
        return []
    arr = np.array(pairs)
    return per_minute(arr[:, 0], arr[:, 1])


async def interruption_trial(
    app: App, devices: Devices, barge_in: Path, trials: list[dict[str, Any]]
) -> None:
    """One chime reply, a spoken barge-in ~1 s into it; notes the onset and the interrupt."""
    engine = app.engine
    await until(app.idle, 20, "silence before a trial")
    turns = engine.playback.turns_started
    n_int = len(app.watch.interrupted_at)
    app.watch.audio_out = []
    await app.controller.send_text(LONG_TEXT)
    await until(
        lambda: (
            engine.playback.turns_started > turns
            and engine.playback.first_audible_dac_time_in_turn is not None
        ),
        10,
        "the chime to start",
    )
    onset = engine.playback.first_audible_dac_time_in_turn
    await asyncio.sleep(random.uniform(0.8, 1.5))
    proc = await paplay(barge_in, devices.mic_sink)
    try:
        await until(lambda: len(app.watch.interrupted_at) > n_int, 10, "interrupted")
    finally:
        await proc.wait()
    reply = b"".join(pcm for pcm, _ in app.watch.audio_out or [])
    app.watch.audio_out = None
    trials.append({"onset": onset, "interrupted": app.watch.interrupted_at[n_int], "reply": reply})
    done = app.watch.turn_completes
    # The barge-in itself is answered (its echo) once it ends; let that play out.
    with contextlib.suppress(TimeoutError):
        await until(lambda: app.watch.turn_completes > done, 10, "the barge-in's reply")


async def interruptions(app: App, devices: Devices, barge_in: Path, count: int) -> dict:
    """Phase 2: a chime reply interrupted by speech; silence timed on the speaker's monitor."""
    from live_desktop.devices.probe import DeviceRecorder, align

    loop = asyncio.get_running_loop()
    engine = app.engine
    # The monitor of the speaker the engine really uses (it may have moved to the default).
    monitor = f"{engine.info['output'].device.name}.monitor"
    notices0 = len(app.notices)
    recorder = DeviceRecorder(monitor)
    await loop.run_in_executor(None, recorder.start)
    trials: list[dict[str, Any]] = []
    failed: list[str] = []
    try:
        await asyncio.sleep(WARMUP_S)
        for _ in range(count):
            try:
                await interruption_trial(app, devices, barge_in, trials)
            except TimeoutError as exc:
                failed.append(str(exc))
                app.watch.audio_out = None
    finally:
        rec = await loop.run_in_executor(None, recorder.stop)

    results: list[float] = []
    on_dac: list[float] = []
    offsets: list[float] = []
    rejected: list[str] = []
    for trial in trials:
        reply48 = resample_hq(np.frombuffer(trial["reply"], dtype="<i2"), 24000, RATE)
        onset, t_int = trial["onset"], trial["interrupted"]
        # 0.4 s of the chime spans three notes: a single note is a steady tone, which a
        # matched filter could place a few periods off.
        w0, w1 = rec.index_at(onset - 0.2), rec.index_at(onset + 0.8)
        offset, score = align(reply48[: int(0.4 * RATE)], rec.samples[w0:w1])
        if score < 0.9:
            rejected.append(f"onset not found (correlation {score:.2f})")
            continue
        monitor_offset = rec.time_of(w0 + offset) - onset
        a, b = rec.index_at(t_int - 0.3), rec.index_at(t_int + 0.3)
        seg = rec.samples[a:b]
        loud = np.flatnonzero(seg != 0)
        if not loud.size:
            rejected.append("no sound before the interruption")
            continue
        last = int(loud[-1])
        if last >= seg.size - RATE // 20:
            rejected.append("not silent 250 ms after the interruption (another stream?)")
            continue
        silent_on_monitor = rec.time_of(a + last + 1)
        results.append(round((silent_on_monitor - t_int) * 1000.0, 2))
        on_dac.append(round((silent_on_monitor - monitor_offset - t_int) * 1000.0, 2))
        offsets.append(round(monitor_offset * 1000.0, 2))
    return {
        "interrupt_to_silence_ms": max(results) if results else None,
        "interrupt_to_silence_ms_all": results,
        # The test's method: the monitor put on the engine's DAC clock through the onset.
        "interrupt_to_silence_on_engine_dac_clock_ms_all": on_dac,
        "interrupt_monitor_minus_engine_dac_ms_at_onset": offsets,
        "interrupt_trials_rejected": failed + rejected,
        "interrupt_monitor": monitor,
        "interrupt_device_notices": app.notices[notices0:],
    }


class Uplink:
    """Phase 3 instrumentation: every uplink chunk (pcm, captured_at, sent_at), every AudioOut."""

    def __init__(self, app: App) -> None:
        self.chunks: list[tuple[bytes, float]] = []
        self.on_loop: dict[float, float] = {}
        self.sent: dict[float, float] = {}
        self.down: list[tuple[bytes, float]] = []
        engine, controller = app.engine, app.controller
        on_chunk, on_sent = engine._on_chunk, controller.on_audio_sent

        def chunk(pcm: bytes, captured_at: float) -> None:
            self.on_loop[captured_at] = time.monotonic()
            self.chunks.append((pcm, captured_at))
            on_chunk(pcm, captured_at)

        def sent(captured_at: float, sent_at: float) -> None:
            self.sent[captured_at] = sent_at
            if on_sent is not None:
                on_sent(captured_at, sent_at)

        engine._on_chunk = chunk
        controller.on_audio_sent = sent
        app.watch.audio_out = self.down

    def stages(self, played: np.ndarray, heard: np.ndarray) -> dict[str, Any]:
        """Each chirp found in the uplink (engine ADC stamps) and downlink (arrival times)."""
        from live_desktop.devices.probe import align

        up = np.frombuffer(b"".join(p for p, _ in self.chunks), dtype="<i2")
        up_len = np.array([len(p) // 2 for p, _ in self.chunks])
        up_start = np.concatenate([[0], np.cumsum(up_len)[:-1]])
        up_end_t = np.array([t for _, t in self.chunks])  # time of each chunk's end
        down = np.frombuffer(b"".join(p for p, _ in self.down), dtype="<i2")
        down_len = np.array([len(p) // 2 for p, _ in self.down])
        down_start = np.concatenate([[0], np.cumsum(down_len)[:-1]])
        down_t = np.array([t for _, t in self.down])
        c16 = resample_hq(click(), RATE, 16000)
        c24 = resample_hq(click(), RATE, 24000)
        names = (
            "mic_to_capture",
            "chunk_fill",
            "capture_to_loop",
            "loop_to_send",
            "send_to_receive",
            "receive_to_ear",
        )
        rows: list[list[float]] = []
        for t_p, t_ear in zip(played, heard, strict=True):
            if np.isnan(t_ear):
                continue
            # Uplink: chunks whose end lies in [t_p, t_p + 0.2].
            i0 = int(np.searchsorted(up_end_t, t_p - 0.01))
            i1 = int(np.searchsorted(up_end_t, t_p + 0.2))
            if i1 <= i0 or i1 > len(self.chunks):
                continue
            s0, s1 = up_start[i0], up_start[i1 - 1] + up_len[i1 - 1]
            off, score = align(c16, up[s0:s1])
            if score < FOUND_SCORE:
                continue
            j = s0 + off
            ci = int(np.searchsorted(up_start, j, side="right")) - 1
            chunk_end = up_end_t[ci]
            t_cap = chunk_end - (up_start[ci] + up_len[ci] - j) / 16000.0
            t_sent = self.sent.get(float(chunk_end))
            t_loop = self.on_loop.get(float(chunk_end))
            if t_sent is None or t_loop is None:
                continue
            # Downlink: arrivals in [t_sent - 0.01, t_sent + 0.3].
            k0 = int(np.searchsorted(down_t, t_sent - 0.01))
            k1 = int(np.searchsorted(down_t, t_sent + 0.3))
            if k1 <= k0:
                continue
            d0, d1 = down_start[k0], down_start[k1 - 1] + down_len[k1 - 1]
            off, score = align(c24, down[d0:d1])
            if score < FOUND_SCORE:
                continue
            di = int(np.searchsorted(down_start, d0 + off, side="right")) - 1
            t_recv = down_t[di]
            rows.append(
                [
                    t_cap - t_p,
                    chunk_end - t_cap,
                    t_loop - chunk_end,
                    t_sent - t_loop,
                    t_recv - t_sent,
                    t_ear - t_recv,
                ]
            )
        if not rows:
            return {}
        arr = np.array(rows) * 1000.0
        return {
            "clicks_traced": len(rows),
            **{f"{n}_ms_p50": pct(arr[:, i], 50) for i, n in enumerate(names)},
            **{f"{n}_ms_p90": pct(arr[:, i], 90) for i, n in enumerate(names)},
        }


async def mouth_to_ear(endpoint: dict[str, str], devices: Devices, seconds: float) -> dict:
    """Phase 3: chirps echoed by the instant-echo scenario, found on the speaker's monitor."""
    from live_desktop.emulator.scenarios import INSTANT_ECHO

    app = App(endpoint, devices, INSTANT_ECHO)
    try:
        await app.connect()
        uplink = Uplink(app)
        app.reset_stats()
        engine = app.engine
        underruns0 = engine.playback.underruns
        buffered: list[tuple[float, float, float]] = []

        async def sample_buffer() -> None:
            while True:
                buffered.append(
                    (time.monotonic(), engine.playback.buffered_ms, engine.playback.prebuffer_ms)
                )
                await asyncio.sleep(1.0)

        sampler = asyncio.create_task(sample_buffer())
        wall0, cpu0 = time.monotonic(), time.process_time()
        try:
            result = await run_probe(devices, seconds, seed=1)
        finally:
            sampler.cancel()
        wall, cpu = time.monotonic() - wall0, time.process_time() - cpu0
        figures = click_figures(result, "")
        rows = result["clicks"]
        t_played = np.array([r[0] for r in rows])
        t_heard = np.array(
            [r[1] if r[1] is not None and r[2] >= FOUND_SCORE else np.nan for r in rows]
        )
        m2e_ms = (t_heard - t_played) * 1000.0
        series = per_minute(t_played, m2e_ms)
        long_run = t_played.size and t_played[-1] - t_played[0] >= 180
        first = t_played <= t_played[0] + 60 if long_run else None
        last = t_played >= t_played[-1] - 60 if long_run else None
        r2d = engine.receive_to_dac
        buf = np.array(buffered) if buffered else np.zeros((0, 3))
        figures.update(
            {
                "mouth_to_ear_ms_p50_per_minute": series,
                "mouth_to_ear_first_minute_ms_p50": pct(m2e_ms[first & ~np.isnan(m2e_ms)], 50)
                if long_run
                else None,
                "mouth_to_ear_last_minute_ms_p50": pct(m2e_ms[last & ~np.isnan(m2e_ms)], 50)
                if long_run
                else None,
                "mouth_to_ear_stages": uplink.stages(t_played, t_heard),
                "mouth_to_ear_session": {
                    "seconds": round(wall, 1),
                    "cpu_percent_one_core": round(100.0 * cpu / wall, 2),
                    "receive_to_dac_ms_p50": pct([m for _, m in r2d.pairs], 50),
                    "receive_to_dac_ms_p50_per_minute": per_minute_pairs(r2d.pairs),
                    "underruns": engine.playback.underruns - underruns0,
                    "prebuffer_ms_per_minute": per_minute(buf[:, 0], buf[:, 2]),
                    "buffered_ms_per_minute": per_minute(buf[:, 0], buf[:, 1]),
                    "portaudio_output_underflows": engine.underflows,
                    "portaudio_input_overflows": engine.overflows,
                    "speaker_callback_pauses_ms": app.speaker_callback.gaps_since(wall0),
                    "microphone_callback_pauses_ms": app.mic_callback.gaps_since(wall0),
                    "device_notices": list(app.notices),
                },
            }
        )
    finally:
        await app.close()
    figures["mouth_to_ear_session"]["disconnect_hangs"] = app.disconnect_hangs
    return figures


# ------------------------------------------------------------------------------ plain client
class PlainClient:
    """The reference: microphone blocks forwarded to the speaker through a queue, nothing else."""

    def __init__(self, devices: Devices, latency: float | str = "low", trim: bool = False) -> None:
        from live_desktop.devices.audio_devices import default_device, find_device, opening
        from live_desktop.devices.audio_devices import sounddevice as load_sd

        sd = load_sd()
        if devices.private:
            mic, speaker = find_device("input", devices.mic), find_device("output", devices.speaker)
        else:
            mic, speaker = default_device("input"), default_device("output")
        assert mic is not None and speaker is not None
        self.trim = trim
        self.blocks: queue.SimpleQueue[np.ndarray] = queue.SimpleQueue()
        self.depth: list[int] = []  # blocks queued at each output callback
        with opening(mic) as index:
            self.input = sd.InputStream(
                device=index,
                samplerate=RATE,
                blocksize=RATE // 100,
                channels=1,
                dtype="int16",
                latency=latency,
                callback=self._in,
            )
        with opening(speaker) as index:
            self.output = sd.OutputStream(
                device=index,
                samplerate=RATE,
                blocksize=RATE // 100,
                channels=1,
                dtype="int16",
                latency=latency,
                callback=self._out,
            )

    def _in(self, indata: np.ndarray, frames: int, t: Any, status: Any) -> None:
        self.blocks.put(indata[:, 0].copy())

    def _out(self, outdata: np.ndarray, frames: int, t: Any, status: Any) -> None:
        self.depth.append(self.blocks.qsize())
        while self.trim and self.blocks.qsize() > 1:  # the floor: only the newest block
            self.blocks.get_nowait()
        try:
            outdata[:, 0] = self.blocks.get_nowait()
        except queue.Empty:
            outdata.fill(0)

    def __enter__(self) -> PlainClient:
        self.output.start()
        self.input.start()
        return self

    def __exit__(self, *exc: object) -> None:
        for stream in (self.input, self.output):
            stream.stop()
            stream.close()


async def plain_client(devices: Devices, seconds: float, trim: bool) -> dict[str, Any]:
    """The reference client; ``trim`` keeps only the newest block queued (the devices' floor)."""
    with PlainClient(devices, trim=trim) as client:
        await asyncio.sleep(WARMUP_S)
        result = await run_probe(devices, seconds, seed=2)
        latency = [round(client.input.latency * 1000, 1), round(client.output.latency * 1000, 1)]
    prefix = "plain_client_trimmed_" if trim else "plain_client_"
    figures = click_figures(result, prefix)
    figures[prefix.rstrip("_")] = {
        "blocks": "10 ms int16, latency 'low'"
        + (", older blocks dropped at each output callback" if trim else ""),
        "stream_latency_ms_in_out": latency,
        "queued_blocks_p50": pct(client.depth[len(client.depth) // 2 :], 50),
    }
    return figures


# ------------------------------------------------------------------------------ main
def start_emulator(data_dir: Path) -> tuple[subprocess.Popen[str], dict[str, str]]:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "live_desktop.emulator",
            "--port",
            "0",
            "--data-dir",
            str(data_dir),
            "--lifetime",
            "7200",
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line:
        proc.kill()
        raise SystemExit("audio_latency: the emulator did not start")
    return proc, json.loads(line)


TARGETS = {
    "capture_to_send_ms_p50": 15.0,
    "receive_to_dac_ms_p50": 30.0,
    "interrupt_to_silence_ms": 25.0,
    "cpu_percent_one_core": 10.0,
    "mouth_to_ear_ms_p50": 40.0,
}


async def collect_garbage_on_the_loop(every_s: float = 0.1) -> None:
    """What the app does from its UI thread (ui/gc_policy.py): the cyclic collector runs here,
    never on an audio callback thread."""
    from live_desktop.core.gc_policy import collect_due

    gc.disable()
    try:
        while True:
            await asyncio.sleep(every_s)
            collect_due()
    finally:
        gc.enable()


async def run(args: argparse.Namespace, devices: Devices, endpoint: dict[str, str]) -> dict:
    from live_desktop.core.audio.resample import StreamResampler  # noqa: F401 (fail early)

    out: dict[str, Any] = {}
    others: set[str] = set()
    watcher = asyncio.create_task(watch_others(devices, others))
    collector = asyncio.create_task(collect_garbage_on_the_loop())
    try:
        await _phases(args, devices, endpoint, out)
    finally:
        watcher.cancel()
        collector.cancel()
    out["other_streams_on_devices"] = sorted(others | set(other_streams(devices)))
    return out


async def _phases(
    args: argparse.Namespace, devices: Devices, endpoint: dict[str, str], out: dict[str, Any]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        clips = [write_wav(Path(tmp) / f"s{i}.wav", spoken(s)) for i, s in enumerate(SENTENCES)]
        barge_in = write_wav(Path(tmp) / "barge.wav", spoken(BARGE_IN))
        app = App(endpoint, devices, None)
        try:
            await bounded(app.connect(), 30, "connecting")
            out["disconnect_hangs"] = 0
            out.update(
                await bounded(
                    conversation(app, devices, clips, args.seconds),
                    args.seconds + 60,
                    "the conversation",
                )
            )
            out.update(
                await bounded(
                    interruptions(app, devices, barge_in, args.interruptions),
                    30 + 25 * args.interruptions,
                    "the interruptions",
                )
            )
        except Exception:
            log.exception("the conversation phases failed")
            raise
        finally:
            await bounded(app.close(), 30, "disconnecting")
            out["disconnect_hangs"] = app.disconnect_hangs
    m2e_seconds = args.m2e_seconds or args.seconds
    out.update(
        await bounded(mouth_to_ear(endpoint, devices, m2e_seconds), m2e_seconds + 120, "m2e")
    )
    if args.plain_seconds > 0:
        for trim in (False, True):
            out.update(
                await bounded(
                    plain_client(devices, args.plain_seconds, trim=trim),
                    args.plain_seconds + 60,
                    "the plain client",
                )
            )


async def bounded(coro: Any, seconds: float, what: str) -> Any:
    """Await ``coro`` at most ``seconds``; past that, print every task's stack and give up."""
    task = asyncio.ensure_future(coro)
    done, _ = await asyncio.wait([task], timeout=seconds)
    if task in done:
        return task.result()
    for other in asyncio.all_tasks():
        other.print_stack(file=sys.stderr)
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await asyncio.wait_for(task, 10)
    raise SystemExit(f"audio_latency: {what} did not finish within {seconds:.0f} s (stacks above)")


def _terminate(*_: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="conversation (and m2e) span")
    parser.add_argument("--m2e-seconds", type=float, default=None, help="mouth-to-ear span")
    parser.add_argument("--plain-seconds", type=float, default=30.0, help="plain client span")
    parser.add_argument("--interruptions", type=int, default=5, help="interruption trials")
    parser.add_argument(
        "--private-devices", action="store_true", help="a private copy of the virtual devices"
    )
    parser.add_argument("--probe-helper", metavar="JSON", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )

    if args.probe_helper:
        print(json.dumps(probe_helper(json.loads(args.probe_helper))), flush=True)
        return 0

    require_devices(Devices())
    private = PrivateDevices() if args.private_devices else None
    # SIGTERM ends the run like Ctrl+C, so the finally blocks unload and stop what we started.
    signal.signal(signal.SIGTERM, _terminate)
    emulator = None
    try:
        devices = private.open() if private else Devices()
        require_devices(devices)
        with tempfile.TemporaryDirectory() as data:
            emulator, endpoint = start_emulator(Path(data))
            started = time.strftime("%Y-%m-%dT%H:%M:%S")
            result = asyncio.run(run(args, devices, endpoint))
    finally:
        if emulator is not None:
            emulator.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                emulator.wait(10)
        if private:
            private.close()
    met = {
        key: (result.get(key) is not None and result[key] <= limit)
        for key, limit in TARGETS.items()
    }
    p50, p90 = result.get("mouth_to_ear_ms_p50"), result.get("mouth_to_ear_ms_p90")
    met["mouth_to_ear_ms_p90_minus_p50"] = p50 is not None and p90 is not None and p90 - p50 <= 10
    result.update(
        {
            "targets_met": met,
            "devices": "private copy (ldbench_*)" if private else "virtual_mic / virtual_speaker",
            "started": started,
            "machine": machine(),
            "settings": "defaults: echo cancellation, noise suppression, high-pass, gain control",
        }
    )
    if result["other_streams_on_devices"]:
        log.warning(
            "other programs used the devices during the run; the figures may be spoiled: %s",
            "; ".join(result["other_streams_on_devices"]),
        )
    print(json.dumps(result), flush=True)
    ok = result.get("mouth_to_ear_ms_p50") is not None and result.get("receive_to_dac_ms_p50")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
