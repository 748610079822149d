"""Soak: one long spoken conversation through goAway handovers, recorded, and what it cost.

    python benchmarks/soak.py --minutes 60 --time-scale 10

The emulator runs in a process of its own (so that its memory is not counted as the app's),
with its clock sped up by
``--time-scale``: each connection lives 10 emulated minutes, so a goAway comes every 10 / scale
real minutes, and the session limits and handle lifetimes shrink the same way. Audio pacing
stays real time, so 60 emulated minutes at 10x take 6 real minutes.

A simulated microphone offers 20 ms chunks at real-time pace through the real
``SessionController`` (the real SDK over TLS): an utterance of speech-like sound, then silence
until the reply has finished, again and again. The conversation is recorded by the real
``Recorder`` with a ``RecordingTap`` fed the microphone and the model audio as it arrives.

Prints one JSON line:
- ``reconnects``: connections after the first (goAway handovers plus reconnects after drops);
- ``turns_sent``: utterances spoken; ``turns_recorded``: replies in the recording's transcript;
- ``max_audio_gap_ms``: the longest pause between two audio chunks inside one reply (chunks
  come every 40 ms; a handover inside a reply would show here);
- ``rss_mb_start``/``rss_mb_end``: resident memory after the first turn and at the end;
- ``errors``: error events the user would have seen; plus ``handovers``, ``audio_s_recorded``,
  ``session_s`` and ``cpu_percent`` (this process, one core = 100).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import resource
import ssl
import sys
import tempfile
import time
import tracemalloc
import wave
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from live_desktop.core import events as ev
from live_desktop.core.audio.tap import RecordingTap
from live_desktop.core.recording import Recorder, list_recordings
from live_desktop.core.session import SessionController
from live_desktop.core.settings import Settings

log = logging.getLogger("soak")

CHUNK_S = 0.02
CHUNK_BYTES = int(16000 * CHUNK_S) * 2


def speech(seconds: float, rate: int = 16000, level: float = 0.5) -> bytes:
    """A speech-like burst: a gliding 140 Hz harmonic series with 4 Hz syllable modulation."""
    t = np.arange(int(rate * seconds)) / rate
    f0 = 140 + 20 * np.sin(2 * np.pi * 0.7 * t)
    phase = 2 * np.pi * np.cumsum(f0) / rate
    signal = sum(np.sin(k * phase) / k for k in range(1, 12))
    signal = signal * (0.55 + 0.45 * np.sin(2 * np.pi * 4 * t))
    signal = signal / np.max(np.abs(signal)) * level
    return (signal * 32767).astype("<i2").tobytes()


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Soak:
    def __init__(self, controller: SessionController, root: Path) -> None:
        self.controller = controller
        self.tap: RecordingTap | None = None
        self.recorder = Recorder(root, attach_tap=self._attach, endpoint="Emulator (soak)")
        controller.subscribe(self.recorder.apply)
        controller.subscribe(self._on_event)
        self.errors: list[str] = []
        self.turns_done = 0
        self.max_gap_s = 0.0
        self._last_audio: float | None = None
        self._turn_done = asyncio.Event()
        self._mic_t0 = time.monotonic()
        self._mic_samples = 0

    def _attach(self, tap: RecordingTap | None) -> None:
        self.tap = tap

    def _on_event(self, event: ev.SessionEvent) -> None:
        if isinstance(event, ev.AudioOut):
            if self._last_audio is not None:
                self.max_gap_s = max(self.max_gap_s, event.at - self._last_audio)
            self._last_audio = event.at
            if self.tap is not None:  # "played" as it arrives
                self.tap.played(np.frombuffer(event.pcm, np.int16), event.sample_rate, event.at)
        elif isinstance(event, ev.TurnComplete | ev.Interrupted):
            self._last_audio = None
            if isinstance(event, ev.TurnComplete):
                self.turns_done += 1
                self._turn_done.set()
        elif isinstance(event, ev.ErrorEvent):
            self.errors.append(event.message)
            log.warning("error event: %s (%s)", event.message, event.detail)

    async def microphone(self, stop: asyncio.Event, utterances: asyncio.Queue[bytes]) -> None:
        """20 ms chunks on a real-time clock: the next utterance when there is one, else
        silence (a real microphone never stops while connected)."""
        silence = bytes(CHUNK_BYTES)
        pending = b""
        next_at = time.monotonic()
        while not stop.is_set():
            if not pending and not utterances.empty():
                pending = utterances.get_nowait()
            chunk, pending = (
                (pending[:CHUNK_BYTES], pending[CHUNK_BYTES:])
                if pending
                else (
                    silence,
                    b"",
                )
            )
            if self.controller.offer_audio(chunk, time.monotonic()) and self.tap is not None:
                at = self._mic_t0 + self._mic_samples / 16000
                self.tap.mic(np.frombuffer(chunk, np.int16), at)
                self._mic_samples += len(chunk) // 2
            next_at += CHUNK_S
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))

    async def wait_turn(self, timeout: float) -> bool:
        self._turn_done.clear()
        try:
            await asyncio.wait_for(self._turn_done.wait(), timeout)
        except TimeoutError:
            return False
        return True


async def run(
    minutes: float, time_scale: float, data_dir: Path, trace: bool = False
) -> dict[str, object]:
    emulator = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "live_desktop.emulator",
        "--time-scale",
        str(time_scale),
        "--data-dir",
        str(data_dir / "emulator"),
        stdout=asyncio.subprocess.PIPE,
    )
    assert emulator.stdout is not None
    line = (await emulator.stdout.readline()).decode()
    endpoint = json.loads(line)
    controller = SessionController(
        Settings(),
        api_key="soak-key",
        base_url=endpoint["base_url"],
        ca_cert=ssl.create_default_context(cafile=endpoint["cert"]),
    )
    root = data_dir / "recordings"
    soak = Soak(controller, root)
    stop = asyncio.Event()
    utterances: asyncio.Queue[bytes] = asyncio.Queue()
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    started = time.monotonic()
    real_s = minutes * 60 / time_scale
    turns_sent = 0
    rss_start = 0.0
    try:
        if not await controller.connect():
            raise SystemExit("could not connect to the emulator")
        mic = asyncio.create_task(soak.microphone(stop, utterances))
        while time.monotonic() - started < real_s:
            seconds = 1.0 + (turns_sent % 4) * 0.4  # 1.0-2.2 s utterances
            await utterances.put(speech(seconds))
            turns_sent += 1
            if not await soak.wait_turn(timeout=seconds + 15):
                log.warning("turn %d got no reply", turns_sent)
            if turns_sent == 1:
                rss_start = rss_mb()
                if trace:
                    tracemalloc.start(10)
                    first = tracemalloc.take_snapshot()
            await asyncio.sleep(0.5)
        stop.set()
        await mic
    finally:
        stop.set()
        await controller.disconnect()
        soak.recorder.close()
        emulator.terminate()
        await asyncio.wait_for(emulator.wait(), 15)
    session_s = time.monotonic() - started
    if trace and tracemalloc.is_tracing():
        grown = tracemalloc.take_snapshot().compare_to(first, "traceback")
        for stat in grown[:15]:
            print(stat, file=sys.stderr)
            for frame in stat.traceback.format()[-6:]:
                print("   ", frame, file=sys.stderr)
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu_s = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)

    [info] = list_recordings(root)
    records = [
        json.loads(line) for line in (info.path / "transcript.jsonl").read_text().splitlines()
    ]
    turns_recorded = sum(1 for r in records if r["type"] == "TurnComplete")
    with wave.open(str(info.path / "audio.wav"), "rb") as wav:
        audio_s = wav.getnframes() / wav.getframerate()
    return {
        "minutes": minutes,
        "time_scale": time_scale,
        "reconnects": controller.handovers + controller.reconnects,
        "handovers": controller.handovers,
        "turns_sent": turns_sent,
        "turns_recorded": turns_recorded,
        "max_audio_gap_ms": round(soak.max_gap_s * 1000, 1),
        "rss_mb_start": round(rss_start, 1),
        "rss_mb_end": round(rss_mb(), 1),
        "errors": len(soak.errors),
        "error_messages": sorted(set(soak.errors)),
        "audio_s_recorded": round(audio_s, 1),
        "session_s": round(session_s, 1),
        "cpu_percent": round(100 * cpu_s / session_s, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=60.0, help="emulated minutes")
    parser.add_argument("--time-scale", type=float, default=10.0)
    parser.add_argument("--data-dir", type=Path, help="keep the recording here")
    parser.add_argument("--log-level", default="WARNING")
    parser.add_argument(
        "--trace-memory", action="store_true", help="print what grew most (tracemalloc)"
    )
    args = parser.parse_args()
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(name)s %(message)s")
    with tempfile.TemporaryDirectory(prefix="live-desktop-soak-") as tmp:
        data_dir = args.data_dir or Path(tmp)
        result = asyncio.run(run(args.minutes, args.time_scale, data_dir, args.trace_memory))
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
