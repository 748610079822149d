"""Fault injection: kill -9 during a recording, then start the app again.

A separate process holds a real conversation (the SDK against the emulator) and records it with
a real Recorder and RecordingTap (tests/recording_driver.py); it is killed with SIGKILL while the
recording is open. The real app is then started (``--self-test``, with the same data folder):
nothing that had been written is lost, the WAV plays, and the user is told what happened.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import sys
import wave
from pathlib import Path

import pytest

from live_desktop.core.recording import AUDIO_RATE, DATA_DIR_ENV, DRAIN_PERIOD_S
from live_desktop.emulator import Emulator

ROOT = Path(__file__).resolve().parents[2]
KEY = "test-key-do-not-leak-4815162342"
TURNS = 3
SECONDS = 2.0

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def app_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LIVE_DESKTOP_EMULATOR_DIR=str(tmp_path))
    for name in ("GEMINI_API_KEY", "GOOGLE_API_KEY", "SSL_CERT_FILE"):
        env.pop(name, None)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    env[DATA_DIR_ENV] = str(tmp_path / "data")
    env["XDG_STATE_HOME"] = str(tmp_path / "state")  # the app's log, not in the real home
    return env


async def test_kill_9_mid_recording_then_restart_loses_nothing(
    emulator: Emulator, tmp_path: Path
) -> None:
    root = tmp_path / "data" / "recordings"
    driver = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.recording_driver",
        emulator.base_url,
        str(emulator.cert_path),
        str(root),
        KEY,
        str(TURNS),
        str(SECONDS),
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=app_env(tmp_path),
    )
    try:
        assert driver.stdout is not None and driver.stderr is not None
        line = await asyncio.wait_for(driver.stdout.readline(), 90)
        if not line:
            raise AssertionError((await driver.stderr.read()).decode()[-3000:])
        before = json.loads(line)
    finally:
        driver.send_signal(signal.SIGKILL)
        assert await driver.wait() == -signal.SIGKILL
    [folder] = [p for p in root.iterdir() if p.is_dir()]
    assert json.loads((folder / "meta.json").read_text())["ended"] is None  # killed, open

    # The next start: the real app, with the same data folder.
    app = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "live_desktop",
        "--self-test",
        "--settings",
        str(tmp_path / "settings.json"),
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=app_env(tmp_path),
    )
    stdout, stderr = await asyncio.wait_for(app.communicate(), 120)
    lines = [x for x in stdout.decode().splitlines() if x.strip()]
    assert len(lines) == 1, (stdout.decode(), stderr.decode()[-3000:])
    result = json.loads(lines[0])

    # What the user is told.
    sentences = [m for m in result["messages"] if "was not closed properly" in m]
    assert len(sentences) == 1, result["messages"]
    assert re.fullmatch(
        r"The conversation of \d{1,2} \S+ \d\d:\d\d was not closed properly \(the app "
        r"stopped\); its recording was repaired: 6 turns, 2 s of audio\.",
        sentences[0],
    ), sentences[0]

    # Nothing that had been written before the kill was lost.
    records = [json.loads(x) for x in (folder / "transcript.jsonl").read_text().splitlines()]
    assert len(records) == before["lines"]
    assert [r["text"] for r in records if r["type"] == "UserText"] == [
        f"question {i + 1}" for i in range(TURNS)
    ]
    replies = "".join(r["text"] for r in records if r["type"] == "OutputTranscript")
    for i in range(TURNS):
        assert f"You said: question {i + 1}" in replies
    with wave.open(str(folder / "audio.wav"), "rb") as wav:
        assert (wav.getnchannels(), wav.getframerate()) == (2, AUDIO_RATE)
        frames = wav.getnframes()
        assert len(wav.readframes(frames)) == frames * 4
    assert frames == before["audio_frames"]
    assert abs(frames / AUDIO_RATE - SECONDS) <= DRAIN_PERIOD_S
    meta = json.loads((folder / "meta.json").read_text())
    assert meta["repaired"] and not meta["closed_cleanly"] and meta["turns"] == 2 * TURNS
    markdown = (folder / "transcript.md").read_text()
    assert all(f"question {i + 1}" in markdown for i in range(TURNS))
    for file in folder.iterdir():
        assert KEY not in file.read_bytes().decode("utf-8", "replace"), file
    # The app's own start recorded nothing (a self-test is not a conversation).
    assert [p for p in root.iterdir() if p.is_dir()] == [folder]
