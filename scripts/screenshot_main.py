"""Screenshots of the main window mid-conversation (run under Xvfb), and the rig behind them.

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshot_main.py [OUT_DIR]

``DemoRig`` puts together what the app puts together, against the built-in offline emulator:
``MainWindow`` + ``ConversationViewModel`` + ``SessionController`` through the real SDK, and
the video panel wired by ``app.wire_video`` to a 30 fps test video file. What it cannot have
under Xvfb is a sound card, so a synthetic microphone thread plays speech-like sound in real
time (metering it, and sending it to the session in 20 ms chunks as the capture path does) and
a synthetic speaker thread "plays" the model's audio in real time (metering it and saying when
it is speaking). The meters read those LevelMeters exactly as they read the audio engine's.

The script then holds a conversation the way a person would (typing, speaking, calling a tool,
interrupting a reply) and saves ``main-conversation.png`` (light) and ``main-dark.png`` while
the model is answering, so the transcript streams and both meters move. With
``LIVE_DESKTOP_LANG=pt_BR`` (or ``zh_CN``) the interface is in that language, the person types
in it too, and one light ``main-pt_BR.png`` is saved.
``benchmarks/ui_responsiveness.py`` runs the same rig for a minute.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from live_desktop.app import wire_video  # noqa: E402
from live_desktop.core import events as ev  # noqa: E402
from live_desktop.core.audio.levels import LevelMeter  # noqa: E402
from live_desktop.core.session import SessionController  # noqa: E402
from live_desktop.core.settings import FunctionDeclarationSettings, Settings  # noqa: E402
from live_desktop.core.transcript import Role  # noqa: E402
from live_desktop.emulator import EmulatorThread  # noqa: E402
from live_desktop.ui.conversation import ConversationViewModel  # noqa: E402
from live_desktop.ui.i18n import apply_language, resolve_language  # noqa: E402
from live_desktop.ui.main_window import MainWindow  # noqa: E402
from live_desktop.ui.meters import MeterFeed  # noqa: E402
from live_desktop.ui.qt_loop import create_event_loop  # noqa: E402
from live_desktop.ui.theme import apply_theme  # noqa: E402
from tests.devices.video_files import write_video  # noqa: E402

MIC_RATE = 16000
SPEAKER_RATE = 24000
BLOCK_S = 0.01


def speech_like(seconds: float, rate: int = MIC_RATE, level: float = 0.45) -> np.ndarray:
    """A gliding harmonic voice with syllable-rate modulation and short pauses (int16)."""
    t = np.arange(int(rate * seconds)) / rate
    f0 = 130 + 25 * np.sin(2 * np.pi * 0.6 * t)
    phase = 2 * np.pi * np.cumsum(f0) / rate
    voice = sum(np.sin(k * phase) / k for k in range(1, 10))
    syllables = np.clip(np.sin(2 * np.pi * 3.3 * t) * 1.4, 0.0, 1.0)
    words = 0.35 + 0.65 * (np.sin(2 * np.pi * 0.9 * t + 1.0) > -0.6)
    signal = voice * syllables * words
    signal = signal / max(1e-9, float(np.max(np.abs(signal)))) * level
    return (signal * 32767).astype(np.int16)


class SyntheticMicrophone(threading.Thread):
    """Real-time 10 ms blocks into a LevelMeter: room noise, or speech when ``say`` is called.

    Speech also goes to ``send`` (called on this thread) in 20 ms chunks, as the capture path
    hands audio to the session.
    """

    def __init__(self, send: Callable[[bytes], None] | None = None) -> None:
        super().__init__(name="demo-microphone", daemon=True)
        self.levels = LevelMeter(MIC_RATE)
        self.send = send
        self.in_speech = False
        self.speech_ended_at: float | None = None
        self._queue: deque[np.ndarray] = deque()
        self._halt = threading.Event()
        self._rng = np.random.default_rng(7)

    def say(self, seconds: float) -> None:
        pcm = speech_like(seconds)
        step = int(MIC_RATE * BLOCK_S)
        self._queue.extend(pcm[i : i + step] for i in range(0, len(pcm), step))

    def speaking(self) -> bool:
        return self.in_speech

    def stop(self) -> None:
        self._halt.set()
        self.join(2)

    def run(self) -> None:
        step = int(MIC_RATE * BLOCK_S)
        pending = b""
        next_at = time.monotonic()
        while not self._halt.is_set():
            if self._queue:
                block = self._queue.popleft()
                self.in_speech = True
            else:
                block = (self._rng.standard_normal(step) * 40).astype(np.int16)  # about -50 dBFS
                if self.in_speech:
                    self.speech_ended_at = time.monotonic()
                self.in_speech = False
            self.levels.update(block)
            if self.send is not None:
                pending += block.tobytes()
                if len(pending) >= step * 4:  # 20 ms
                    self.send(pending)
                    pending = b""
            next_at += BLOCK_S
            self._halt.wait(max(0.0, next_at - time.monotonic()))


class SyntheticSpeaker(threading.Thread):
    """Plays queued 24 kHz model audio in real time into a LevelMeter; cleared on interrupt."""

    def __init__(self, on_audible: Callable[[float], None] | None = None) -> None:
        super().__init__(name="demo-speaker", daemon=True)
        self.levels = LevelMeter(SPEAKER_RATE)
        self.on_audible = on_audible  # called on this thread when a reply starts sounding
        self._lock = threading.Lock()
        self._buffer = np.zeros(0, np.int16)
        self.speaking_now = False
        self._halt = threading.Event()

    def play(self, pcm: bytes) -> None:
        with self._lock:
            self._buffer = np.concatenate((self._buffer, np.frombuffer(pcm, np.int16)))

    def clear(self) -> None:
        with self._lock:
            self._buffer = np.zeros(0, np.int16)

    def speaking(self) -> bool:
        return self.speaking_now

    def stop(self) -> None:
        self._halt.set()
        self.join(2)

    def run(self) -> None:
        step = int(SPEAKER_RATE * BLOCK_S)
        next_at = time.monotonic()
        while not self._halt.is_set():
            with self._lock:
                block, self._buffer = self._buffer[:step], self._buffer[step:]
            if block.size and not self.speaking_now and self.on_audible is not None:
                self.on_audible(time.monotonic())
            self.speaking_now = block.size > 0
            if block.size < step:
                block = np.concatenate((block, np.zeros(step - block.size, np.int16)))
            self.levels.update(block)
            next_at += BLOCK_S
            self._halt.wait(max(0.0, next_at - time.monotonic()))


class DemoRig:
    """The app's objects against an offline emulator, a video file and synthetic audio."""

    def __init__(
        self,
        app: QApplication,
        *,
        video_file: Path | None,
        base_url: str | None = None,
        ca_cert: Any = None,
        data_dir: Path | None = None,
    ) -> None:
        self.app = app
        self.emulator: EmulatorThread | None = None
        if base_url is None:
            self.emulator = EmulatorThread(data_dir=data_dir or Path(tempfile.mkdtemp()))
            self.emulator.start()
            base_url, ca_cert = self.emulator.base_url, self.emulator.client_ssl_context()
        settings = Settings()
        settings.tools.functions = [
            FunctionDeclarationSettings(
                name="get_weather",
                description="The weather in a city",
                parameters={"type": "object", "properties": {"city": {"type": "string"}}},
            )
        ]
        if video_file is not None:
            settings.video.source, settings.video.file_path = "file", str(video_file)
            settings.session.context_compression = True
        self.settings = settings
        self.controller = SessionController(
            settings, api_key="offline-loopback", base_url=base_url, ca_cert=ca_cert
        )
        self.conversation = ConversationViewModel(self.controller)
        self.window = MainWindow(self.conversation, endpoint_label="Offline loopback", offline=True)
        self.loop = loop = asyncio.get_running_loop()

        def send(chunk: bytes) -> None:  # microphone thread -> loop, as the capture path does
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self.controller.offer_audio, chunk)

        self.tool_calls: list[ev.ToolCall] = []
        self.mic = SyntheticMicrophone(send)
        self.speaker = SyntheticSpeaker(self._on_audible)
        self._latency_from: float | None = None
        self.controller.subscribe(self._on_event)
        self.window.voice_controls.attach(
            MeterFeed(self.mic.levels, self.mic.speaking),
            MeterFeed(self.speaker.levels, self.speaker.speaking),
        )
        self.video = wire_video(self.window, self.controller, settings)
        self.mic.start()
        self.speaker.start()

    def _on_audible(self, at: float) -> None:
        """Speaker thread: the end of the user's speech to the first sound of the reply."""
        ended = self.mic.speech_ended_at
        if ended is not None and ended != self._latency_from and at > ended:
            self._latency_from = ended
            ms = (at - ended) * 1000.0
            with contextlib.suppress(RuntimeError):
                self.loop.call_soon_threadsafe(self.window.show_latency, ms)

    def _on_event(self, event: ev.SessionEvent) -> None:
        if isinstance(event, ev.AudioOut):
            self.speaker.play(event.pcm)
        elif isinstance(event, ev.Interrupted):
            self.speaker.clear()
        elif isinstance(event, ev.ToolCall):
            self.tool_calls.append(event)

    @property
    def turns(self) -> list[Any]:
        return self.conversation.transcript.turns

    async def connect(self) -> None:
        self.window.connect_button.click()
        await wait_until(lambda: self.controller.connected)

    async def type_message(self, text: str) -> None:
        """Type into the message box and press Enter, as a person would."""
        self.window.text_input.setFocus()
        self.window.text_input.setText(text)
        self.window.text_input.returnPressed.emit()
        await wait_until(lambda: any(t.text == text for t in self.turns))

    async def reply_finished(self) -> None:
        await wait_until(lambda: bool(self.turns) and not self.turns[-1].open, timeout=30)

    async def close(self) -> None:
        await self.conversation.shutdown()
        self.mic.stop()
        self.speaker.stop()
        await asyncio.get_running_loop().run_in_executor(None, self.video.close)
        self.window.close()
        if self.emulator is not None:
            self.emulator.stop()


async def wait_until(predicate: Callable[[], bool], timeout: float = 15.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise TimeoutError("the window did not get there in time")
        await asyncio.sleep(0.02)


async def new_turn(
    rig: DemoRig, since: int, role: Role, *, contains: str = "", closed: bool = False
) -> Any:
    """Wait for a turn of ``role`` after index ``since`` (optionally finished, with a text)."""

    def found() -> Any:
        for turn in rig.turns[since:]:
            if turn.role is role and contains in turn.text and (turn.open is False or not closed):
                return turn
        return None

    await wait_until(lambda: found() is not None, timeout=30)
    return found()


#: What the person types, by interface language: greeting, cut-in (its last word is looked for
#: in the reply), and the draft left in the message box.
LINES = {
    "en": ("Hello! Can you hear me?", "Sorry, one more thing: is it windy there?", "And tomorrow?"),
    "pt_BR": (
        "Olá! Você está me ouvindo?",
        "Desculpe, mais uma coisa: está ventando aí?",
        "E amanhã?",
    ),
    "zh_CN": ("你好！能听到我说话吗？", "抱歉，还有一件事：那边风大吗？", "明天呢？"),
}


async def hold_conversation(rig: DemoRig, language: str = "en") -> None:
    """Typed turn, spoken turn, tool call, and a spoken reply interrupted by a typed message."""
    greeting, cut_in, _draft = LINES.get(language, LINES["en"])
    await rig.connect()
    n = len(rig.turns)
    await rig.type_message(greeting)
    await new_turn(rig, n, Role.MODEL, closed=True)

    n = len(rig.turns)
    rig.mic.say(2.2)  # spoken: the emulator's VAD hears it and echoes it back
    await new_turn(rig, n, Role.USER)
    await new_turn(rig, n, Role.MODEL, closed=True)

    n = len(rig.turns)
    await rig.type_message('call get_weather {"city": "Lisbon"}')
    await wait_until(lambda: bool(rig.tool_calls), timeout=20)
    from google.genai import types

    call = rig.tool_calls[-1].calls[0]
    await new_turn(rig, n, Role.MODEL, closed=True)  # "Started get_weather" (non-blocking call)
    await rig.controller.send_tool_response(
        [
            types.FunctionResponse(
                id=call.id, name=call.name, response={"sky": "clear", "temperature_c": 24}
            )
        ]
    )
    await new_turn(rig, n, Role.MODEL, contains="returned", closed=True)

    n = len(rig.turns)
    rig.mic.say(3.0)  # its echo starts; the user cuts in by typing
    await new_turn(rig, n, Role.MODEL)
    await asyncio.sleep(0.5)
    await rig.type_message(cut_in)
    await new_turn(rig, n, Role.MODEL, contains=cut_in[-4:])  # the answer streams in


async def run(app: QApplication, out_dir: Path, language: str = "en") -> None:
    with tempfile.TemporaryDirectory() as tmp:
        clip = write_video(Path(tmp) / "demo.avi", 640, 360, 30.0, frames=120)
        rig = DemoRig(app, video_file=clip, data_dir=Path(tmp))
        window = rig.window
        window.resize(1180, 740)
        window.move(30, 30)
        window.show()
        try:
            await hold_conversation(rig, language)
            # The reply to the last message is streaming: its audio is on the speaker meter.
            await wait_until(lambda: rig.speaker.speaking_now, timeout=20)
            await asyncio.sleep(1.2)
            window.text_input.setText(LINES.get(language, LINES["en"])[2])
            shots = (("main-conversation.png", "light"), ("main-dark.png", "dark"))
            if language != "en":
                shots = ((f"main-{language}.png", "light"),)
            for name, theme in shots:
                apply_theme(app, theme)
                window.set_theme_choice(theme)
                await asyncio.sleep(0.25)
                shot = window.grab()
                path = out_dir / name
                shot.save(str(path), "PNG", 9)
                print(
                    f"saved {path} ({shot.width()}x{shot.height()}, "
                    f"{path.stat().st_size // 1024} KiB)"
                )
            apply_theme(app, "light")
        finally:
            await rig.close()


def main() -> int:
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out_dir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")
    app = QApplication(sys.argv[:1])
    # LIVE_DESKTOP_LANG, else English: the README's screenshots do not follow this machine.
    language = apply_language(app, resolve_language("en"))
    loop = create_event_loop(app)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(run(app, out_dir, language))
    return 0


if __name__ == "__main__":
    sys.exit(main())
