"""Composition root: logging, settings, key, endpoint, controller, window, event loop.

Everything the app is made of is put together here and nowhere else, and run with asyncio inside
Qt through qasync: one loop, on the Qt main thread.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from live_desktop import APP_ID, APP_NAME, __version__

log = logging.getLogger(__name__)

SELF_TEST_TEXT = "Live Desktop self-test"
#: A microphone peak above this lights "You are speaking" at once; the VAD keeps it lit through
#: quiet syllables and short pauses.
SPEAKING_DBFS = -35.0


def translate(context: str, text: str) -> str:
    """Qt's translation of ``text`` (lupdate reads the literal calls of this in this file)."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(context, text)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="live-desktop",
        description=f"{APP_NAME}: real-time voice and video conversations with Gemini.",
    )
    parser.add_argument(
        "--offline",
        action="store_true",
        help="talk to the built-in loopback emulator instead of the Gemini service",
    )
    parser.add_argument(
        "--connect", action="store_true", help="connect as soon as the window opens"
    )
    parser.add_argument(
        "--endpoint",
        metavar="URL",
        help="a custom Live API endpoint (a proxy or a test server), e.g. https://host:8443",
    )
    parser.add_argument(
        "--ca-cert",
        metavar="PEM",
        help="trust this certificate for --endpoint (SSL_CERT_FILE is honoured too)",
    )
    parser.add_argument("--settings", metavar="PATH", help="use this settings file")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="start offscreen, hold one text turn (with the built-in emulator, or with "
        "--endpoint), print one JSON line, exit 0 if it worked",
    )
    parser.add_argument(
        "--video-file", metavar="PATH", help="share this video file (looped) as the video source"
    )
    parser.add_argument(
        "--show",
        action="append",
        choices=("inspector", "latency"),
        default=[],
        metavar="PANEL",
        help="open the event inspector or the latency panel at start (repeatable)",
    )
    parser.add_argument("--log-level", default="INFO", help="DEBUG, INFO, WARNING or ERROR")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser.parse_args(argv)


@dataclass
class Endpoint:
    """Where the controller connects, decided once at start (and when a key is added)."""

    label: str
    offline: bool
    api_key: str | None
    base_url: str | None = None
    ca_cert: Any = None


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from live_desktop.core.logsetup import install_excepthooks, setup_logging

    log_path = setup_logging(level=getattr(logging, str(args.log_level).upper(), logging.INFO))
    install_excepthooks()
    log.info("%s %s starting (log: %s)", APP_NAME, __version__, log_path)

    from PySide6.QtWidgets import QApplication

    from live_desktop.ui.qt_loop import create_event_loop

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_ID)
    app.setDesktopFileName(APP_ID)
    # The window's close ends the main coroutine, which cleans up; Qt must not quit under it.
    app.setQuitOnLastWindowClosed(False)
    # An explicit QEventLoop rather than qasync.run(): on Python 3.11 qasync.run installs a
    # process-wide event loop policy, and then every other thread's asyncio.run() (the offline
    # emulator's) would get a Qt loop too. Ours also fixes qasync's call_soon_threadsafe, which
    # corrupts PySide6 when the audio threads call it (see ui/qt_loop.py).
    loop = create_event_loop(app)
    asyncio.set_event_loop(loop)
    try:
        with loop:
            return int(loop.run_until_complete(_run(app, args)))
    except KeyboardInterrupt:
        return 130
    finally:
        asyncio.set_event_loop(None)


def _choose_endpoint(args: argparse.Namespace, settings: Any, key: str | None) -> Endpoint:
    """Decide where to connect: the command line first, then the settings, then offline."""
    from live_desktop.core.settings import describe_endpoint

    kind = settings.connection.endpoint
    if args.offline or (args.self_test and not args.endpoint) or kind == "offline_emulator":
        return Endpoint("Offline loopback", True, None)
    if args.endpoint:
        ca_cert = args.ca_cert or os.environ.get("SSL_CERT_FILE") or None
        label = describe_endpoint(settings, base_url=args.endpoint)
        return Endpoint(label, False, key, args.endpoint, ca_cert)
    vertex_credentials = kind == "vertex_ai" and settings.connection.auth == "google_credentials"
    if key is None and not vertex_credentials:
        # First run: nothing to talk to but the loopback, and the banner says so.
        return Endpoint("Offline loopback", True, None)
    return Endpoint(describe_endpoint(settings), False, key)


async def _run(app: Any, args: argparse.Namespace) -> int:
    from PySide6.QtCore import QSettings

    from live_desktop.core.inspector import EventInspector
    from live_desktop.core.lazy import warm
    from live_desktop.core.secrets import KeyStore
    from live_desktop.core.session import SessionController
    from live_desktop.core.settings import default_settings_path, load_settings
    from live_desktop.emulator import EmulatorThread
    from live_desktop.ui.conversation import ConversationViewModel
    from live_desktop.ui.i18n import apply_language, resolve_language
    from live_desktop.ui.insight import wire_insight
    from live_desktop.ui.main_window import MainWindow
    from live_desktop.ui.settings_wiring import SettingsWiring
    from live_desktop.ui.theme import apply_theme

    started = time.monotonic()
    settings_path = Path(args.settings) if args.settings else default_settings_path()
    loaded = load_settings(settings_path)
    settings = loaded.settings
    if args.video_file:
        settings.video.source, settings.video.file_path = "file", args.video_file
    keystore = KeyStore()
    lookup = keystore.get()
    endpoint = _choose_endpoint(args, settings, lookup.key)

    emulator: EmulatorThread | None = None
    if endpoint.offline:
        # The emulator runs on its own thread and loop so its VAD and pacing never compete with
        # the UI loop.
        emulator = EmulatorThread()
        await asyncio.get_running_loop().run_in_executor(None, emulator.start)
        endpoint.api_key = "offline-loopback"
        endpoint.base_url = emulator.base_url
        endpoint.ca_cert = emulator.client_ssl_context()
        log.info("Offline loopback emulator at %s", emulator.base_url)

    # The event inspector sees every frame of every connection, from the WebSocket up.
    inspector = EventInspector()
    controller = SessionController(
        settings,
        api_key=endpoint.api_key,
        base_url=endpoint.base_url,
        ca_cert=endpoint.ca_cert,
        wire_tap=inspector,
    )
    conversation = ConversationViewModel(controller)
    apply_theme(app, settings.ui.theme)
    apply_language(app, resolve_language(settings.ui.language))
    window = MainWindow(
        conversation,
        endpoint_label=endpoint.label,
        offline=endpoint.offline,
        # Geometry and splitter only (house style); next to the settings file it belongs to.
        window_state=QSettings(
            str(settings_path.parent / "window.ini"), QSettings.Format.IniFormat
        ),
    )
    window.set_theme_choice(settings.ui.theme)
    window.set_language_choice(settings.ui.language)
    closed = asyncio.Event()
    window.close_requested.connect(closed.set)
    app.aboutToQuit.connect(closed.set)

    def on_add_key() -> None:
        _ask_for_key(window, keystore, controller, settings)

    window.add_key_requested.connect(on_add_key)
    window.show()
    log.info("Window visible %.0f ms after start", (time.monotonic() - started) * 1000)
    # google-genai is imported on first use (core/lazy.py) so the window did not wait for it;
    # load it now on a worker thread, so neither the first Connect nor the UI thread pays.
    warming = asyncio.get_running_loop().run_in_executor(None, warm, "google.genai")
    for message in loaded.messages:
        window.show_notice(message)
    video = wire_video(window, controller, settings)
    # The self-test checks one text turn; it must not depend on, or listen to, a microphone.
    voice = None if args.self_test else wire_voice(window, controller, settings)
    SettingsWiring(
        window,
        controller,
        settings,
        keystore=keystore,
        settings_path=settings_path,
        endpoint=endpoint,
        voice=voice,
        video=video,
    )
    wire_window(window, controller, settings, settings_path, voice)
    tools, tool_host = wire_tools(window, controller)
    insight = wire_insight(window, controller, inspector, voice)
    if "inspector" in args.show:
        insight.show_inspector()
    if "latency" in args.show:
        insight.show_latency()
    _close_on_termination_signals(app, closed)
    # The cyclic collector runs on this thread only, never on an audio callback's.
    from live_desktop.ui.gc_policy import UiThreadCollector

    collector = UiThreadCollector(app)

    try:
        if args.self_test:
            result = await self_test(conversation, window, endpoint.label)
            # What a person would have been told at start (a corrupt settings file, say).
            result["messages"] = list(loaded.messages)
            print(json.dumps(result), flush=True)
            return 0 if result.get("ok") else 1
        await warming
        collector.freeze_startup_objects()
        if args.connect:
            conversation.connect_session()
        await closed.wait()
        return 0
    finally:
        await conversation.shutdown()
        await tools.aclose()
        tool_host.close()
        if voice is not None:
            voice.close()
        await asyncio.get_running_loop().run_in_executor(None, video.close)
        window.hide()
        if emulator is not None:
            await asyncio.get_running_loop().run_in_executor(None, emulator.stop)
        collector.stop()
        log.info(
            "%s stopped (garbage collections by generation %s, longest %.0f ms)",
            APP_NAME,
            collector.collections,
            collector.longest_ms,
        )


def _close_on_termination_signals(app: Any, closed: asyncio.Event) -> None:
    """SIGTERM (logout, kill) and SIGINT (Ctrl+C) close the app the orderly way.

    Python runs signal handlers only when it gets control, and Qt's loop sits in C++; a light
    timer hands control back to Python a few times a second so the handler runs promptly.
    """
    import signal

    from PySide6.QtCore import QTimer

    loop = asyncio.get_running_loop()

    def on_signal(signum: int, _frame: object) -> None:
        log.info("Signal %d: closing", signum)
        loop.call_soon_threadsafe(closed.set)

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, on_signal)

    def dump_tasks(_signum: int, _frame: object) -> None:
        # Diagnostics for a hang: `kill -USR1 <pid>` writes every asyncio task's stack to the log.
        import io

        for task in asyncio.all_tasks(loop):
            out = io.StringIO()
            task.print_stack(file=out)
            log.warning("task %s:\n%s", task.get_name(), out.getvalue())

    if hasattr(signal, "SIGUSR1"):
        signal.signal(signal.SIGUSR1, dump_tasks)
    timer = QTimer(app)
    timer.setInterval(250)
    timer.timeout.connect(lambda: None)
    timer.start()


def _ask_for_key(window: Any, keystore: Any, controller: Any, settings: Any) -> None:
    """Take a key typed by the user, store it, and talk to Gemini from the next connect on."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    from live_desktop.core.settings import describe_endpoint
    from live_desktop.ui.core_texts import translate_core

    key, accepted = QInputDialog.getText(
        window,
        translate("App", "Gemini API key"),
        translate("App", "Paste your Gemini API key (from Google AI Studio):"),
        QLineEdit.EchoMode.Password,
    )
    key = key.strip()
    if not accepted or not key:
        return
    stored = keystore.set(key)
    controller.update_endpoint(api_key=key)
    window.set_endpoint_label(describe_endpoint(settings))
    window.offline = False
    window.offline_banner.show_message(
        translate_core(stored.message)
        + " "
        + translate(
            "App", "Press Connect to talk to Gemini (a live session needs a new connection)."
        ),
    )


def wire_voice(window: Any, controller: Any, settings: Any) -> Any:
    """Voice: microphone and speaker open while connected; mute, push-to-talk, levels and the
    latency readout in the window; device trouble as sentences. None if there is no sound
    system at all (the app still works by text)."""
    from live_desktop.core.voice import DeviceFailure, DeviceNotice, VoiceLatency
    from live_desktop.devices.audio_devices import AudioUnavailable
    from live_desktop.devices.voice_session import VoiceSession
    from live_desktop.ui.meters import MeterFeed

    try:
        voice = VoiceSession(controller, settings)
    except AudioUnavailable as exc:
        window.show_notice(str(exc))
        window.voice_controls.set_unavailable(translate("App", "No sound device"))
        return None
    controls = window.voice_controls
    engine = voice.engine

    def user_speaking() -> bool:  # the meters' timer asks; plain attribute reads
        return engine.speech.in_speech or engine.mic_levels.latest.peak_dbfs > SPEAKING_DBFS

    controls.attach(
        MeterFeed(engine.mic_levels, user_speaking),
        MeterFeed(engine.speaker_levels, lambda: engine.playback.speaking),
    )
    window.set_push_to_talk_mode(voice.uplink.push_to_talk)
    controls.mute_toggled.connect(voice.uplink.set_muted)
    controls.push_to_talk_pressed.connect(voice.uplink.press)
    controls.push_to_talk_released.connect(voice.uplink.release)

    def on_audio_event(event: Any) -> None:
        if isinstance(event, DeviceNotice):
            window.show_notice(event.message)
        elif isinstance(event, DeviceFailure):
            window.show_error(event.message)
        elif isinstance(event, VoiceLatency):
            window.show_latency(event.ms)

    voice.subscribe(on_audio_event)
    return voice


def wire_window(
    window: Any, controller: Any, settings: Any, settings_path: Path, voice: Any
) -> None:
    """The window's own choices that outlive it (theme, language, push-to-talk mode) go to the
    settings file; an uncaught error anywhere shows as a sentence in the window, not a
    traceback."""
    from PySide6.QtCore import QCoreApplication

    from live_desktop.core import events as ev
    from live_desktop.core.logsetup import install_excepthooks
    from live_desktop.core.settings import save_settings
    from live_desktop.ui.i18n import apply_language, resolve_language

    def save() -> None:
        try:
            save_settings(settings, settings_path)
        except OSError as exc:
            log.warning("Could not save settings to %s: %s", settings_path, exc)
            window.show_error(
                translate("App", "Could not save your settings to {path}: {reason}").format(
                    path=settings_path, reason=exc.strerror or exc
                )
            )

    def on_theme_changed(name: str) -> None:
        settings.ui.theme = name
        save()

    def on_language_changed(code: str) -> None:
        settings.ui.language = code or None
        save()
        app = QCoreApplication.instance()
        if app is not None:
            # The choice just made wins over LIVE_DESKTOP_LANG (which only sets the start).
            apply_language(app, resolve_language(settings.ui.language, environ={}))

    def apply_push_to_talk() -> None:
        enabled = settings.vad.push_to_talk or not settings.vad.automatic
        if voice is not None:
            voice.uplink.set_push_to_talk(enabled)
        window.set_push_to_talk_mode(enabled and voice is not None)

    def on_push_to_talk_requested(enabled: bool) -> None:
        settings.vad.push_to_talk = enabled
        save()
        if controller.state is ev.ConnectionState.DISCONNECTED:
            apply_push_to_talk()
        else:
            # The VAD mode is part of the session's setup: switching it mid-session would send
            # activity signals the service does not expect.
            window.show_notice(
                translate("App", "Push-to-talk will be on from the next connection.")
                if enabled
                else translate("App", "Push-to-talk will be off from the next connection.")
            )

    def on_controller_event(event: Any) -> None:
        if isinstance(event, ev.StateChanged) and event.state is ev.ConnectionState.CONNECTING:
            apply_push_to_talk()

    window.theme_changed.connect(on_theme_changed)
    window.language_changed.connect(on_language_changed)
    window.push_to_talk_mode_requested.connect(on_push_to_talk_requested)
    controller.subscribe(on_controller_event)
    loop = asyncio.get_running_loop()

    def on_uncaught(text: str) -> None:  # any thread: hand the sentence to the window's loop
        sentence = translate(
            "App",
            "Something went wrong inside {app} ({error}). The details are in the log "
            "(Help > Open log folder).",
        ).format(app=APP_NAME, error=text[:200])
        with contextlib.suppress(RuntimeError):  # the loop closed while quitting
            loop.call_soon_threadsafe(window.show_error, sentence)

    install_excepthooks(on_uncaught)


def wire_tools(window: Any, controller: Any) -> tuple[Any, Any]:
    """Answer the model's function calls: the dispatcher (core) with the desktop's side (Qt
    dialogs, clipboard, browser, tray) and the screenshot (devices) of the current settings."""
    from live_desktop.core.tools import ToolDispatcher
    from live_desktop.devices.screenshot import take_screenshot
    from live_desktop.ui.tool_host import QtToolHost

    host = QtToolHost(
        window,
        screenshot=lambda: take_screenshot(controller.settings.video),
        notice=window.show_notice,
    )
    return ToolDispatcher(controller, host), host


def wire_video(window: Any, controller: Any, settings: Any) -> Any:
    """Video: the chosen source shows in the window's preview at once, and its frames go to the
    session (newest wins) while it is connected. Returns the VideoInput to close on quit."""
    from live_desktop.core import events as ev
    from live_desktop.core.video import VIDEO_NEEDS_COMPRESSION, compression_note
    from live_desktop.devices.video import VideoInput
    from live_desktop.ui.core_texts import translate_core

    loop = asyncio.get_running_loop()
    preview = window.video_preview

    def deliver(jpeg: bytes) -> None:  # on the sender thread: hand over, nothing more
        with contextlib.suppress(RuntimeError):  # the loop closed while quitting
            loop.call_soon_threadsafe(controller.send_video, jpeg)

    video = VideoInput(settings.video, deliver)

    def show_note() -> None:
        video_on = settings.video.source != "off"
        note = compression_note(video_on, settings.session.context_compression)
        shown = translate_core(note) if note else note
        preview.set_note(shown, warning=note == VIDEO_NEEDS_COMPRESSION)

    def on_controller_event(event: Any) -> None:
        if isinstance(event, ev.StateChanged):
            video.set_sending(event.state is ev.ConnectionState.CONNECTED)

    def on_source_selected(source: str) -> None:
        if source == "file" and not settings.video.file_path:
            path = _ask_for_video_file(window)
            if not path:
                preview.set_source_choice(settings.video.source)
                return
            settings.video.file_path = path
        settings.video.source = source
        video.apply(settings.video)
        show_note()

    controller.subscribe(on_controller_event)
    video.set_sending(controller.connected)
    preview.source_selected.connect(on_source_selected)
    preview.attach(video)
    show_note()
    return video


def _ask_for_video_file(window: Any) -> str:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getOpenFileName(
        window,
        translate("App", "Choose a video file to share"),
        "",
        translate(
            "App",
            "Videos and images (*.mp4 *.avi *.mov *.mkv *.webm *.jpg *.jpeg *.png);;All files (*)",
        ),
    )
    return str(path)


async def self_test(conversation: Any, window: Any, endpoint_label: str) -> dict[str, Any]:
    """Connect, hold one text turn, check the window shows it; return a JSON-able verdict."""
    from live_desktop.core import events as ev
    from live_desktop.core.transcript import Role

    controller = conversation.controller
    started = time.monotonic()
    if not await controller.connect():
        error = conversation.last_error
        return {"ok": False, "stage": "connect", "reason": error.message if error else "unknown"}
    turn_done = asyncio.Event()
    unsubscribe = controller.subscribe(
        lambda event: turn_done.set() if isinstance(event, ev.TurnComplete) else None
    )
    try:
        await controller.send_text(SELF_TEST_TEXT)
        await asyncio.wait_for(turn_done.wait(), 20)
    except TimeoutError:
        return {"ok": False, "stage": "turn", "reason": "no reply within 20 s"}
    finally:
        unsubscribe()
    replies = [t for t in conversation.transcript.turns if t.role is Role.MODEL]
    reply = replies[-1].display_text if replies else ""
    shown = window.transcript_view.plain_turn_text(replies[-1].index) if replies else ""
    ok = SELF_TEST_TEXT in reply and reply in shown
    result: dict[str, Any] = {
        "ok": ok,
        "version": __version__,
        "endpoint": endpoint_label,
        "session_id": controller.session_id,
        "reply": reply,
        "elapsed_ms": round((time.monotonic() - started) * 1000),
    }
    if not ok:
        result["reason"] = "the reply did not reach the transcript pane"
    await controller.disconnect()
    return result


if __name__ == "__main__":
    sys.exit(main())
