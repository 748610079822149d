"""Is the window responsive while everything moves? A minute of conversation, measured.

    .venv/bin/python benchmarks/ui_responsiveness.py [--seconds 60] [--emulator process|thread]

Prints one JSON line: ``loop_lag_ms_p50``, ``loop_lag_ms_p99``, ``cpu_percent_one_core``,
``rss_mb_start``, ``rss_mb_end``, ``startup_to_window_ms``, plus what was measured. Targets:
lag p99 <= 10 ms, CPU <= 20 % of one core, start to visible window <= 1 s.

What runs in this process is the app's own objects, put together as the app does
(``scripts/screenshot_main.DemoRig``): ``MainWindow``, ``ConversationViewModel`` and the
``SessionController`` through the real google-genai SDK over TLS; the video panel wired by
``app.wire_video`` to a 640x480 30 fps file, previewed at 30 Hz and sent at 1 FPS; the two meters
repainting at 30 Hz. Without a sound card, a synthetic microphone thread meters speech-like
sound and sends it to the session in 20 ms chunks (room noise between utterances, as an open
microphone does), and a synthetic speaker thread plays the model's audio into the speaker meter in
real time. Every 4 s the script either types a message or "speaks" for 2 s, alternately; the
emulator streams each reply (audio and its transcript) into the transcript pane.

- Loop lag: a task sleeps 10 ms in a loop; lag is how much later than asked it woke up. Every
  Qt paint, timer and SDK frame runs on that loop, so this is how late the UI can react.
- CPU: ``time.process_time()`` over wall time for the whole process (all threads), in percent
  of one core, after a warm-up.
- RSS: ``VmRSS`` from ``/proc/self/status`` when the window is up and connected, and at the end.
- Start-up: ``live_desktop.app.main(["--offline"])`` in a fresh process (the first-run path: no
  key, so the built-in emulator starts before the window), from spawning the interpreter to the
  main window's first paint; the median of ``--startup-runs`` runs (the first makes the
  emulator's certificate).

By default the emulator runs as a separate process, so the figure is the client's, as it would be
against Gemini; ``--emulator thread`` runs it on a thread in this process as ``--offline`` does.
Qt uses the offscreen platform unless ``QT_QPA_PLATFORM`` or a ``DISPLAY`` says otherwise (it
still paints every frame into its backing store; a compositor's share is not counted).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024.0
    return float("nan")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100.0
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def thread_cpu() -> dict[str, float]:
    """CPU seconds per live thread of this process, by Python thread name (Linux only)."""
    if not sys.platform.startswith("linux"):
        return {}
    names = {t.native_id: t.name for t in threading.enumerate()}
    ticks = os.sysconf("SC_CLK_TCK")
    found: dict[str, float] = {}
    for task in Path("/proc/self/task").iterdir():
        try:
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        name = names.get(int(task.name), "other native threads (Qt, FFmpeg, TLS)")
        found[name] = found.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / ticks
    return found


# ----------------------------------------------------------------------------- start-up
def startup_probe(settings_path: str) -> int:
    """Child process: run the real app; print the monotonic time of the window's first paint."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([sys.argv[0]])

    class FirstPaint(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.done = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if (
                not self.done
                and event.type() == QEvent.Type.Paint
                and isinstance(watched, QMainWindow)
            ):
                self.done = True
                print(json.dumps({"painted_at": time.monotonic()}), flush=True)
                QTimer.singleShot(0, watched.close)
            return False

    probe = FirstPaint()
    app.installEventFilter(probe)
    from live_desktop.app import main

    level = os.environ.get("PROBE_LOG_LEVEL", "WARNING")  # INFO shows the app's own timing
    return main(["--offline", "--settings", settings_path, "--log-level", level])


def measure_startup(runs: int, tmp: Path) -> list[float]:
    env = dict(os.environ, LIVE_DESKTOP_EMULATOR_DIR=str(tmp / "emulator"))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    for name in ("GEMINI_API_KEY", "GOOGLE_API_KEY"):
        env.pop(name, None)
    times = []
    for _ in range(runs):
        started = time.monotonic()
        proc = subprocess.run(
            [sys.executable, __file__, "--startup-probe", str(tmp / "settings.json")],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
        lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
        if proc.returncode != 0 or not lines:
            raise SystemExit(f"start-up probe failed: {proc.stderr[-2000:]}")
        times.append((json.loads(lines[0])["painted_at"] - started) * 1000.0)
    return times


# ----------------------------------------------------------------------------- the minute
def start_emulator(data_dir: Path) -> tuple[subprocess.Popen[str], dict[str, str]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "live_desktop.emulator", "--port", "0", "--data-dir", str(data_dir)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line:
        proc.kill()
        raise SystemExit("the emulator did not start")
    return proc, json.loads(line)


async def measure(app: Any, args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT / "scripts"))
    from screenshot_main import DemoRig

    from tests.devices.video_files import write_video

    clip = write_video(tmp / "clip.mp4", 640, 480, 30.0, frames=120, fourcc="mp4v")
    emulator_proc = None
    if args.emulator == "process":
        emulator_proc, endpoint = start_emulator(tmp)
        rig = DemoRig(app, video_file=clip, base_url=endpoint["base_url"], ca_cert=endpoint["cert"])
    else:
        rig = DemoRig(app, video_file=clip, data_dir=tmp)
    loop = asyncio.get_running_loop()
    lags: list[float] = []
    stop = asyncio.Event()
    turns_sent = 0

    async def probe() -> None:
        while not stop.is_set():
            asked = loop.time()
            await asyncio.sleep(0.010)
            lags.append((loop.time() - asked - 0.010) * 1000.0)

    async def converse() -> None:
        nonlocal turns_sent
        n = 0
        while not stop.is_set():
            if n % 2 == 0:
                rig.window.text_input.setText(f"Message number {n // 2 + 1}: how is it going?")
                rig.window.text_input.returnPressed.emit()
            else:
                rig.mic.say(2.0)
            turns_sent += 1
            n += 1
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), args.turn_every)

    try:
        rig.window.resize(1180, 740)
        rig.window.show()
        await rig.connect()
        rss_start = rss_mb()
        tasks = [asyncio.create_task(probe()), asyncio.create_task(converse())]
        await asyncio.sleep(args.warmup)
        lags.clear()
        preview0 = rig.window.video_preview.frames_shown
        paints0 = rig.window.voice_controls.mic_meter.paints
        turns0 = len(rig.turns)
        threads0 = thread_cpu()
        wall0, cpu0 = time.monotonic(), time.process_time()
        await asyncio.sleep(args.seconds)
        wall, cpu = time.monotonic() - wall0, time.process_time() - cpu0
        threads = {k: v - threads0.get(k, 0.0) for k, v in thread_cpu().items()}
        rss_end = rss_mb()
        stop.set()
        await asyncio.gather(*tasks)
        result = {
            "loop_lag_ms_p50": round(percentile(lags, 50), 2),
            "loop_lag_ms_p99": round(percentile(lags, 99), 2),
            "loop_lag_ms_max": round(max(lags), 2),
            "cpu_percent_one_core": round(100.0 * cpu / wall, 1),
            "rss_mb_start": round(rss_start, 1),
            "rss_mb_end": round(rss_end, 1),
            "cpu_percent_by_thread": {
                name: round(100.0 * s / wall, 1)
                for name, s in sorted(threads.items(), key=lambda kv: -kv[1])
                if s > 0
            },
            "seconds": round(wall, 1),
            "lag_samples": len(lags),
            "turns_sent": turns_sent,
            "transcript_turns": len(rig.turns),
            "turns_in_measured_span": len(rig.turns) - turns0,
            "preview_fps": round((rig.window.video_preview.frames_shown - preview0) / wall, 1),
            "mic_meter_fps": round(
                (rig.window.voice_controls.mic_meter.paints - paints0) / wall, 1
            ),
            "video_frames_sent": rig.controller.frames_sent,
            "connected_throughout": rig.controller.connected,
        }
    finally:
        await rig.close()
        if emulator_proc is not None:
            emulator_proc.terminate()
            emulator_proc.wait(10)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="measured span")
    parser.add_argument("--warmup", type=float, default=3.0, help="unmeasured start")
    parser.add_argument("--turn-every", type=float, default=4.0, help="seconds between turns")
    parser.add_argument("--emulator", choices=("process", "thread"), default="process")
    parser.add_argument("--startup-runs", type=int, default=5)
    parser.add_argument("--startup-probe", metavar="SETTINGS", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.startup_probe:
        return startup_probe(args.startup_probe)

    os.environ.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        startup = measure_startup(args.startup_runs, tmp)

        from PySide6 import __version__ as pyside_version
        from PySide6.QtWidgets import QApplication

        from live_desktop.ui.qt_loop import create_event_loop

        app = QApplication([sys.argv[0]])
        loop = create_event_loop(app)
        asyncio.set_event_loop(loop)
        with loop:
            result = loop.run_until_complete(measure(app, args, tmp))
    ordered = {
        key: result.pop(key)
        for key in (
            "loop_lag_ms_p50",
            "loop_lag_ms_p99",
            "cpu_percent_one_core",
            "rss_mb_start",
            "rss_mb_end",
        )
    }
    ordered["startup_to_window_ms"] = round(statistics.median(startup))
    ordered["startup_to_window_ms_runs"] = [round(t) for t in startup]
    ordered.update(result)
    ordered.update(
        {
            "emulator": args.emulator,
            "qt_platform": os.environ["QT_QPA_PLATFORM"],
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "pyside6": pyside_version,
        }
    )
    print(json.dumps(ordered), flush=True)
    return 0 if ordered["connected_throughout"] else 1


if __name__ == "__main__":
    sys.exit(main())
