"""A conversation being recorded, in a process of its own, for the kill -9 test.

``python -m tests.recording_driver BASE_URL CERT ROOT KEY TURNS SECONDS``: a real
SessionController (the google-genai SDK) talks to the emulator at BASE_URL, a real Recorder
writes to ROOT, and a real RecordingTap is fed SECONDS of known tones on both sides (440 Hz
microphone, 1 kHz model), as the audio engine would. After TURNS text turns and once the
writer has drained all the audio, it prints one JSON line (turns, lines written, audio frames
in the WAV) and stays connected, recording, until it is killed.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path

import numpy as np

from live_desktop.core import events as ev
from live_desktop.core.audio.tap import RecordingTap
from live_desktop.core.recording import AUDIO_RATE, Recorder
from live_desktop.core.session import SessionController
from live_desktop.core.settings import Settings


def feed_tones(tap: RecordingTap, seconds: float, start: float) -> None:
    for k in range(round(seconds * 100)):
        t = start + k * 0.01
        n16 = np.arange(k * 160, (k + 1) * 160)
        tap.mic((8000 * np.sin(2 * np.pi * 440 * n16 / 16000)).astype(np.int16), t)
        n48 = np.arange(k * 480, (k + 1) * 480)
        tap.played((8000 * np.sin(2 * np.pi * 1000 * n48 / 48000)).astype(np.int16), 48000, t)


async def main(base_url: str, cert: str, root: Path, key: str, turns: int, seconds: float) -> None:
    controller = SessionController(Settings(), api_key=key, base_url=base_url, ca_cert=cert)
    taps: list[RecordingTap | None] = []
    recorder = Recorder(root, attach_tap=taps.append, endpoint="Emulator", secrets=[key])
    controller.subscribe(recorder.apply)
    done = asyncio.Event()
    controller.subscribe(lambda e: done.set() if isinstance(e, ev.TurnComplete) else None)
    assert await controller.connect()
    for i in range(turns):
        done.clear()
        assert await controller.send_text(f"question {i + 1}")
        await asyncio.wait_for(done.wait(), 30)
    tap = taps[-1]
    assert tap is not None and recorder.current is not None
    feed_tones(tap, seconds, time.monotonic())
    recording = recorder.current
    # Wait until the writer has drained what it can and the lines are out; then report.
    expected = round(seconds * AUDIO_RATE)
    while recording.audio_frames < expected - AUDIO_RATE // 10:
        await asyncio.sleep(0.05)
    lines = -1
    while recording.lines_written != lines:
        lines = recording.lines_written
        await asyncio.sleep(0.5)
    report = {"turns": turns, "lines": lines, "audio_frames": recording.audio_frames}
    print(json.dumps(report), flush=True)
    await asyncio.sleep(3600)  # recording, until killed


if __name__ == "__main__":
    base_url, cert, root, key, turns, seconds = sys.argv[1:7]
    asyncio.run(main(base_url, cert, Path(root), key, int(turns), float(seconds)))
