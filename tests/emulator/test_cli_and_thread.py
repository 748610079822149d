"""The two ways the emulator runs outside a test's own loop: the CLI process and the thread."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import ssl
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from live_desktop.emulator import EmulatorThread
from tests.conftest import make_client
from tests.emulator.helpers import receive_turn, send_pcm, silence, speech

REPO = Path(__file__).resolve().parents[2]
VOICE = {"response_modalities": ["AUDIO"], "input_audio_transcription": {}}


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM semantics")
async def test_cli_prints_json_line_and_serves_a_two_turn_voice_conversation(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(REPO), LIVE_DESKTOP_EMULATOR_DIR=str(tmp_path))
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "live_desktop.emulator",
        "--port",
        "0",
        "--lifetime",
        "30",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
        cwd=tmp_path,
    )
    try:
        line = await asyncio.wait_for(proc.stdout.readline(), 15)
        info = json.loads(line)
        assert set(info) == {"base_url", "cert"}
        assert info["base_url"].startswith("https://127.0.0.1:")
        assert Path(info["cert"]).parent == tmp_path
        emu = SimpleNamespace(
            base_url=info["base_url"],
            client_ssl_context=lambda: ssl.create_default_context(cafile=info["cert"]),
        )
        client = make_client(emu)
        async with client.aio.live.connect(model="gemini-3.8-live", config=VOICE) as s:
            await send_pcm(s, speech(0.5) + silence(0.6))
            first = await receive_turn(s)
            await send_pcm(s, speech(0.7) + silence(0.6))
            second = await receive_turn(s)
        assert first.text("input_transcription") == "[speech 0.5 s]"
        assert second.text("input_transcription") == "[speech 0.7 s]"
        assert second.audio_seconds == pytest.approx(0.7, rel=0.1)
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(proc.wait(), 10)
        stderr = (await proc.stderr.read()).decode()
    assert code == 0, stderr
    assert await proc.stdout.read() == b""  # exactly one line on stdout


async def test_emulator_thread_serves_from_its_own_loop(emulator_dir):
    thread = EmulatorThread(data_dir=emulator_dir).start()
    try:
        assert thread.running
        config = {"response_modalities": ["TEXT"]}
        client = make_client(thread)
        async with client.aio.live.connect(
            model="gemini-3.1-flash-live-preview", config=config
        ) as s:
            await s.send_realtime_input(text="ping")
            turn = await receive_turn(s)
        assert turn.model_text.startswith("You said: ping")
        (record,) = await asyncio.to_thread(thread.wait_for_connections, 1)
        assert record.model == "models/gemini-3.1-flash-live-preview"
        assert thread.setups[0]["model"] == record.model
        thread.scenario = "bad-key"
        assert thread.emulator.scenario == "bad-key"
    finally:
        await asyncio.to_thread(thread.stop)
    assert not thread.running


def test_emulator_thread_reports_startup_failure(emulator_dir):
    with EmulatorThread(data_dir=emulator_dir) as first:
        second = EmulatorThread(data_dir=emulator_dir, port=first.port)
        with pytest.raises(OSError):
            second.start()
        assert not second.running


def test_unknown_scenario_is_a_constructor_error(emulator_dir):
    with pytest.raises(ValueError, match="unknown emulator scenario"):
        EmulatorThread(scenario="nope", data_dir=emulator_dir)
