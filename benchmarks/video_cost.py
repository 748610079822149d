"""What video costs the client: a 640x480 30 fps file previewed at full rate and sent at 1 FPS.

    .venv/bin/python benchmarks/video_cost.py [--seconds 10] [--codec mp4v|MJPG]

Prints one JSON line: ``preview_fps``, ``send_fps``, ``encode_ms_p50``, ``jpeg_kib_p50`` and
``cpu_percent_one_core`` (this process's CPU time over wall time, in percent of one core), plus
what was measured. The target is at most 8 % of one core.

What runs in this process, as in the app: the FileSource thread decoding the file in real time,
the VideoSender thread shrinking and encoding one frame per second, the SessionController
sending them through the real google-genai SDK over TLS, and the preview: 30 times a second the
newest frame is wrapped as a QImage (no copy) and drawn scaled into a 320x240 image with
QPainter, the same calls VideoPreviewWidget.paintEvent makes (offscreen, so no compositor cost).
The emulator runs as a separate process so that the service's CPU is not counted.
"""

from __future__ import annotations

import argparse
import asyncio
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

import cv2
import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication, QImage, QPainter

from live_desktop.core import events as ev
from live_desktop.core.session import SessionController
from live_desktop.core.settings import Settings
from live_desktop.devices.video import VideoInput
from live_desktop.ui.video_preview import BACKGROUND, fit_rect, frame_to_qimage

WIDTH, HEIGHT, FPS = 640, 480, 30.0
PREVIEW_SIZE = (320, 240)


def write_clip(path: Path, codec: str, seconds: float = 4.0) -> Path:
    """A moving pattern (a scrolling gradient and a disc), so every frame differs."""
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*codec), FPS, (WIDTH, HEIGHT))
    if not writer.isOpened():
        raise SystemExit(f"OpenCV cannot write {codec} video here")
    yy, xx = np.mgrid[0:HEIGHT, 0:WIDTH]
    frames = int(seconds * FPS)
    for i in range(frames):
        image = np.empty((HEIGHT, WIDTH, 3), np.uint8)
        image[..., 0] = (xx * 255 // (WIDTH - 1) + i * 4) % 256
        image[..., 1] = (yy * 255 // (HEIGHT - 1) + i * 2) % 256
        image[..., 2] = 96
        cv2.circle(image, (int(i * (WIDTH - 1) / frames), HEIGHT // 2), 48, (255, 255, 255), -1)
        writer.write(image)
    writer.release()
    return path


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
        name = names.get(int(task.name), "other (Qt, OpenCV, websockets workers)")
        # utime and stime are fields 14 and 15 of stat; 12 and 13 after the ")".
        found[name] = found.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / ticks
    return found


class Preview:
    """The preview's work at 30 Hz: wrap the newest frame, draw it scaled (as paintEvent does)."""

    def __init__(self, video: VideoInput) -> None:
        self.video = video
        self.canvas = QImage(*PREVIEW_SIZE, QImage.Format.Format_RGB32)
        self.last_seq = -1
        self.painted = 0

    def tick(self) -> None:
        frame = self.video.latest_frame()
        if frame is None or frame.seq == self.last_seq:
            return
        self.last_seq = frame.seq
        image = frame_to_qimage(frame)
        painter = QPainter(self.canvas)
        painter.fillRect(self.canvas.rect(), BACKGROUND)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(
            fit_rect(image.width(), image.height(), QRect(0, 0, *PREVIEW_SIZE)), image
        )
        painter.end()
        self.painted += 1


async def measure(endpoint: dict[str, str], clip: Path, seconds: float, warmup: float) -> dict:
    settings = Settings()
    settings.video.source = "file"
    settings.video.file_path = str(clip)
    controller = SessionController(
        settings, api_key="benchmark", base_url=endpoint["base_url"], ca_cert=endpoint["cert"]
    )
    loop = asyncio.get_running_loop()
    sizes: list[int] = []
    sent_at: list[float] = []

    def deliver(jpeg: bytes) -> None:
        sizes.append(len(jpeg))
        sent_at.append(time.monotonic())
        loop.call_soon_threadsafe(controller.send_video, jpeg)

    video = VideoInput(settings.video, deliver)
    controller.subscribe(
        lambda e: (
            video.set_sending(e.state is ev.ConnectionState.CONNECTED)
            if isinstance(e, ev.StateChanged)
            else None
        )
    )
    preview = Preview(video)
    try:
        if not await controller.connect():
            raise SystemExit("could not connect to the emulator")

        async def preview_loop() -> None:
            period = 1.0 / 30.0
            next_at = loop.time()
            while True:
                preview.tick()
                next_at += period
                await asyncio.sleep(max(0.0, next_at - loop.time()))

        task = asyncio.create_task(preview_loop())
        await asyncio.sleep(warmup)
        painted0, sizes0 = preview.painted, len(sizes)
        encode0 = len(video.sender.encode_ms)
        threads0 = thread_cpu()
        wall0, cpu0 = time.monotonic(), time.process_time()
        await asyncio.sleep(seconds)
        wall, cpu = time.monotonic() - wall0, time.process_time() - cpu0
        threads = {k: v - threads0.get(k, 0.0) for k, v in thread_cpu().items()}
        painted = preview.painted - painted0
        task.cancel()
        window = sent_at[sizes0:]
        # Frames over the span from the first to the last one sent: no counting-window artefact.
        send_fps = (len(window) - 1) / (window[-1] - window[0]) if len(window) > 1 else 0.0
        encode_ms = list(video.sender.encode_ms)[encode0:] or list(video.sender.encode_ms)
        kib = [s / 1024 for s in sizes[sizes0:]]
        last_size = video.sender.last_size
        ok = controller.connected and controller.frames_sent > 0
    finally:
        video.close()
        await controller.disconnect()
    return {
        "preview_fps": round(painted / wall, 2),
        "send_fps": round(send_fps, 3),
        "encode_ms_p50": round(statistics.median(encode_ms), 2) if encode_ms else None,
        "jpeg_kib_p50": round(statistics.median(kib), 1) if kib else None,
        "cpu_percent_one_core": round(100.0 * cpu / wall, 2),
        "cpu_percent_by_thread": {
            name: round(100.0 * seconds / wall, 2) for name, seconds in threads.items() if seconds
        },
        "seconds": round(wall, 2),
        "sent_size": list(last_size) if last_size else None,
        "ok": ok,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="measured span")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured start")
    parser.add_argument("--codec", default="mp4v", help="fourcc of the test file (mp4v, MJPG)")
    args = parser.parse_args(argv)

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    with tempfile.TemporaryDirectory() as tmp:
        suffix = ".avi" if args.codec.upper() == "MJPG" else ".mp4"
        clip = write_clip(Path(tmp) / f"clip{suffix}", args.codec)
        proc, endpoint = start_emulator(Path(tmp))
        try:
            result = asyncio.run(measure(endpoint, clip, args.seconds, args.warmup))
        finally:
            proc.terminate()
            proc.wait(10)
    result.update(
        {
            "source": f"file {WIDTH}x{HEIGHT} {FPS:g} fps {args.codec}",
            "preview": "QImage wrap + QPainter scaled draw to 320x240, offscreen",
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "opencv": cv2.__version__,
        }
    )
    print(json.dumps(result), flush=True)
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
