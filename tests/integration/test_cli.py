"""The two programs as a person runs them: the emulator CLI, and the app's --self-test."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest


def app_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LIVE_DESKTOP_EMULATOR_DIR=str(tmp_path))
    for name in ("GEMINI_API_KEY", "GOOGLE_API_KEY", "SSL_CERT_FILE"):
        env.pop(name, None)
    # Never read a developer's real key from their keyring in a test.
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    env.update(extra)
    return env


def self_test(tmp_path: Path, *args: str, **env: str) -> tuple[int, dict[str, object], str]:
    proc = subprocess.run(
        [sys.executable, "-m", "live_desktop", "--self-test", *args],
        capture_output=True,
        text=True,
        timeout=90,
        env=app_env(tmp_path, **env),
        check=False,
    )
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    assert len(lines) == 1, (proc.stdout, proc.stderr[-2000:])
    return proc.returncode, json.loads(lines[0]), proc.stderr


@pytest.fixture
def emulator_process(tmp_path: Path) -> Iterator[dict[str, str]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "live_desktop.emulator", "--data-dir", str(tmp_path / "emu")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        info = json.loads(proc.stdout.readline())
        yield info
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0  # a clean exit on SIGTERM


def test_app_talks_to_the_emulator_cli_through_a_custom_endpoint(
    tmp_path: Path, emulator_process: dict[str, str]
) -> None:
    code, result, stderr = self_test(
        tmp_path,
        "--endpoint",
        emulator_process["base_url"],
        "--ca-cert",
        emulator_process["cert"],
        "--settings",
        str(tmp_path / "settings.json"),
        GEMINI_API_KEY="AIzaTestKeyForTheEmulator",
    )
    assert code == 0, stderr[-2000:]
    assert result["ok"] is True
    port = emulator_process["base_url"].rsplit(":", 1)[1]
    assert result["endpoint"] == f"Custom endpoint 127.0.0.1:{port}"
    assert "You said: Live Desktop self-test" in str(result["reply"])
    assert "AIzaTestKeyForTheEmulator" not in stderr  # never in a log line


def test_ssl_cert_file_is_honoured_for_a_custom_endpoint(
    tmp_path: Path, emulator_process: dict[str, str]
) -> None:
    code, result, _ = self_test(
        tmp_path,
        "--endpoint",
        emulator_process["base_url"],
        "--settings",
        str(tmp_path / "settings.json"),
        GEMINI_API_KEY="test-key",
        SSL_CERT_FILE=emulator_process["cert"],
    )
    assert code == 0 and result["ok"] is True


def test_an_untrusted_endpoint_fails_with_a_sentence(
    tmp_path: Path, emulator_process: dict[str, str]
) -> None:
    code, result, _ = self_test(
        tmp_path,
        "--endpoint",
        emulator_process["base_url"],
        "--settings",
        str(tmp_path / "settings.json"),
        GEMINI_API_KEY="test-key",
    )
    assert code == 1
    assert result["ok"] is False and result["stage"] == "connect"
    assert "not trusted" in str(result["reason"])


def test_a_corrupt_settings_file_is_backed_up_and_the_app_still_works(tmp_path: Path) -> None:
    settings = tmp_path / "settings.json"
    settings.write_text('{"schema_version": 1, "model": {"name": ', encoding="utf-8")
    code, result, _ = self_test(tmp_path, "--settings", str(settings))
    assert code == 0 and result["ok"] is True
    messages = result["messages"]
    assert isinstance(messages, list) and len(messages) == 1
    backups = list(tmp_path.glob("settings.json.corrupt-*"))
    assert len(backups) == 1
    assert backups[0].read_text(encoding="utf-8").startswith('{"schema_version": 1')
    assert backups[0].name in messages[0]


def test_sigterm_closes_a_connected_app_in_order(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "live_desktop",
            "--offline",
            "--connect",
            "--settings",
            str(tmp_path / "settings.json"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=app_env(tmp_path),
    )
    assert proc.stderr is not None
    seen: list[str] = []
    connected = threading.Event()

    def read() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            seen.append(line)
            if "connecting -> connected" in line:
                connected.set()
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        if not connected.wait(45):
            # Ask the app for its task stacks (SIGUSR1) so a hang explains itself.
            proc.send_signal(signal.SIGUSR1)
            time.sleep(1)
            proc.kill()
            pytest.fail("the app never connected:\n" + "".join(seen)[-4000:])
        reader.join(5)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0
        rest = proc.stderr.read()
        assert "Live Desktop stopped" in rest
        assert "Traceback" not in rest
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_the_documented_voice_demo_holds_two_turns_with_the_emulator_cli(
    tmp_path: Path, emulator_process: dict[str, str]
) -> None:
    demo = Path(__file__).resolve().parents[2] / "scripts" / "emulator_voice_demo.py"
    proc = subprocess.run(
        [
            sys.executable,
            str(demo),
            "--base-url",
            emulator_process["base_url"],
            "--cert",
            emulator_process["cert"],
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    turns = [line for line in proc.stdout.splitlines() if line.startswith("turn ")]
    assert len(turns) == 2
    assert "(turn 2 of this conversation)" in turns[1]
    for number in (1, 2):
        reply = tmp_path / f"reply-{number}.wav"
        assert reply.stat().st_size > 24_000  # at least half a second of 24 kHz audio came back
