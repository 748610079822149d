"""Time from launching the app to its main window being visible, from outside the process.

    xvfb-run -a python packaging/linux/measure_startup.py [--runs N] -- APP [ARGS...]

e.g. ``-- dist/live-desktop/live-desktop`` (the bundle) or ``-- .venv/bin/live-desktop``.

Runs the command (``--offline`` is added: the first-run path, where the built-in emulator
starts before the window) with the real xcb platform on the current ``DISPLAY``, in a fresh
home directory, and polls the X server (``xwininfo``, every ~10 ms) until the main window
("Live Desktop — …") is mapped and viewable; then closes the app with SIGTERM. The first run
also makes the emulator's certificate; the figure is the median of the runs after it, printed
with every run as one JSON line. Nothing inside the app is timed, so this counts what a person
waits for: process start, the bundle's unpacking of nothing (one folder), Python, Qt, the
window's first mapping. The file cache is warm after the first run (dropping it needs root
and affects the whole machine, so it is not done).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WINDOW = re.compile(r'^\s*(0x[0-9a-f]+) "Live Desktop — [^"]*":', re.MULTILINE)


def _visible_window() -> str | None:
    tree = subprocess.run(
        ["xwininfo", "-root", "-tree"], capture_output=True, text=True, check=False
    ).stdout
    for match in WINDOW.finditer(tree):
        info = subprocess.run(
            ["xwininfo", "-id", match.group(1)], capture_output=True, text=True, check=False
        ).stdout
        if "Map State: IsViewable" in info:
            return match.group(1)
    return None


def measure_once(command: list[str], home: Path, timeout: float = 30.0) -> float:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("GEMINI_API_KEY", "GOOGLE_API_KEY", "QT_QPA_PLATFORM")
    }
    env.update(HOME=str(home), QT_QPA_PLATFORM="xcb", XDG_CONFIG_HOME=str(home / ".config"))
    env.update(XDG_DATA_HOME=str(home / ".local/share"), XDG_CACHE_HOME=str(home / ".cache"))
    started = time.monotonic()
    proc = subprocess.Popen(
        [*command, "--offline"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while time.monotonic() - started < timeout:
            if _visible_window():
                return (time.monotonic() - started) * 1000.0
            if proc.poll() is not None:
                raise SystemExit(f"the app exited ({proc.returncode}) before showing a window")
            time.sleep(0.01)
        raise SystemExit(f"no visible window within {timeout:.0f} s")
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=6, help="runs, the first one not counted")
    parser.add_argument("command", nargs="+", help="the app's executable (and arguments)")
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY") or shutil.which("xwininfo") is None:
        raise SystemExit("needs an X display (xvfb-run -a ...) and xwininfo (x11-utils)")
    with tempfile.TemporaryDirectory(prefix="live-desktop-startup-") as tmp:
        runs = [measure_once(args.command, Path(tmp)) for _ in range(max(2, args.runs))]
    print(
        json.dumps(
            {
                "command": " ".join(args.command),
                "first_run_ms": round(runs[0]),
                "start_to_window_ms": round(statistics.median(runs[1:])),
                "runs_ms": [round(ms) for ms in runs],
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
