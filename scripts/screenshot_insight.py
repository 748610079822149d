"""Screenshots of the event inspector and the latency panel, from the real app in an offline
spoken conversation (run under Xvfb, with the PulseAudio virtual devices).

    Xvfb :59 -screen 0 1400x900x24 &
    bash scripts/pulse-virtual-devices.sh          # if `pactl info` fails
    DISPLAY=:59 .venv/bin/python scripts/screenshot_insight.py [OUT_DIR [inspector|latency]]

For each panel it starts ``live-desktop --offline --connect --show PANEL`` with a throw-away
settings directory (its window.ini holds a geometry that fills the screen), speaks sentences
into a virtual microphone of its own (espeak-ng → ``insight_mic_sink``; the script loads the
null sinks and unloads them at the end), lets the emulator echo them, and
saves the whole screen (``xwd | xwdtopnm | pnmtopng``) as ``inspector.png`` or
``latency-panel.png``. For the inspector it pauses the table mid-reply and selects the last row
(with ``xdotool``, if installed: ``apt-get install xdotool``). Nothing is simulated: the
microphone, the speaker, the SDK and the emulator are the app's own.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
APP = ROOT / ".venv" / "bin" / "live-desktop"
# Devices of its own, so that nothing else on a shared PulseAudio server (a loopback another
# test left between the common virtual speaker and microphone, say) talks into the app.
SPEAKER = "insight_speaker"
MIC_SINK = "insight_mic_sink"
MIC = "insight_mic"
SENTENCES = (
    "Hello Gemini, can you hear me?",
    "Tell me something about the sea.",
    "What will the weather be like tomorrow?",
    "Thank you, that is all for now.",
)


def window_state(path: Path, width: int, height: int) -> None:
    """A window.ini whose saved geometry fills the screen (as if the user had resized it)."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    window = QMainWindow()
    window.setGeometry(0, 0, width, height)
    state = QSettings(str(path), QSettings.Format.IniFormat)
    state.setValue("main_window/geometry", window.saveGeometry())
    state.sync()
    del window, app


def pactl(*args: str) -> str:
    return subprocess.run(["pactl", *args], capture_output=True, text=True, check=True).stdout


def own_devices() -> list[str]:
    """A speaker, and a microphone fed by MIC_SINK; returns the module ids to unload."""
    return [
        pactl(
            "load-module", "module-null-sink", f"sink_name={SPEAKER}", "rate=48000", "channels=2"
        ).strip(),
        pactl(
            "load-module",
            "module-null-sink",
            f"sink_name={MIC_SINK}",
            "rate=48000",
            "channels=1",
            "channel_map=mono",
        ).strip(),
        pactl(
            "load-module",
            "module-remap-source",
            f"master={MIC_SINK}.monitor",
            f"source_name={MIC}",
            "rate=48000",
            "channels=1",
            "channel_map=mono",
        ).strip(),
    ]


def write_settings(path: Path) -> None:
    from live_desktop.core.settings import Settings, save_settings

    settings = Settings()
    settings.audio.input_device = MIC
    settings.audio.output_device = SPEAKER
    save_settings(settings, path)


def speak(text: str, wav: Path) -> None:
    subprocess.run(["espeak-ng", "-s", "150", "-w", str(wav), text], check=True)
    subprocess.run(["paplay", "-d", MIC_SINK, str(wav)], check=True)


#: Where the inspector's Pause button and its table's last visible row are on a 1400x900
#: screen with the window filling it (xdotool has no way to find a Qt widget by name).
PAUSE_BUTTON = (330, 474)
LAST_ROW = (700, 704)


def click(x: int, y: int) -> None:
    if shutil.which("xdotool") is None:
        return  # the screenshot is still taken, only without the pause and the selection
    subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "1"], check=True)


def grab(out: Path) -> None:
    xwd = subprocess.run(["xwd", "-root", "-silent"], capture_output=True, check=True).stdout
    pnm = subprocess.run(["xwdtopnm"], input=xwd, capture_output=True, check=True).stdout
    png = subprocess.run(["pnmtopng"], input=pnm, capture_output=True, check=True).stdout
    out.write_bytes(png)


def shoot(panel: str, out: Path, sentences: tuple[str, ...]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Path(tmp) / "settings.json"
        write_settings(settings)
        window_state(Path(tmp) / "window.ini", 1400, 900)
        env = dict(os.environ, LIVE_DESKTOP_LANG="en")
        app = subprocess.Popen(
            [str(APP), "--offline", "--connect", "--settings", str(settings), "--show", panel],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            time.sleep(8.0)  # window, google-genai warm-up, connect, microphone start
            for i, sentence in enumerate(sentences):
                speak(sentence, Path(tmp) / f"say-{i}.wav")
                if panel == "inspector" and i == len(sentences) - 1:
                    time.sleep(1.3)  # into the reply: sent and received audio interleave
                    click(*PAUSE_BUTTON)
                    time.sleep(0.3)
                    click(*LAST_ROW)  # its details below the table
                    time.sleep(0.5)
                    break
                time.sleep(4.0)  # the emulator's end of speech, then the echoed reply
            grab(out)
            print(f"saved {out}")
        finally:
            app.send_signal(signal.SIGTERM)
            try:
                app.wait(15)
            except subprocess.TimeoutExpired:
                app.kill()


def main() -> int:
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out_dir.mkdir(parents=True, exist_ok=True)
    panels = sys.argv[2:] or ["inspector", "latency"]
    modules = own_devices()
    try:
        if "inspector" in panels:
            shoot("inspector", out_dir / "inspector.png", SENTENCES[:2])
        if "latency" in panels:
            shoot("latency", out_dir / "latency-panel.png", SENTENCES)
    finally:
        for module in reversed(modules):
            subprocess.run(["pactl", "unload-module", module], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
