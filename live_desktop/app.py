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
        help="start offscreen, load every native library, hold one text and one short spoken "
        "turn (with the built-in emulator, or with --endpoint), print one JSON line, exit 0 if "
        "it all worked",
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
    args = parser.parse_args(argv)
    if args.endpoint:
        from live_desktop.core.settings import endpoint_url_problem

        problem = endpoint_url_problem(args.endpoint)
        if problem:
            parser.error(problem)  # exits 2 with the sentence, before anything is sent
    return args


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
    # Ephemeral tokens need no key here: each connection fetches or reads its token.
    tokens = settings.connection.auth == "ephemeral_token"
    if key is None and not vertex_credentials and not tokens:
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

    token_store = KeyStore.for_token()
    tokens, refresh_tokens = wire_tokens(
        controller,
        settings,
        token_store,
        endpoint,
        ca_cert=args.ca_cert or os.environ.get("SSL_CERT_FILE") or None,
    )

    def on_add_key() -> None:
        _ask_for_key(window, keystore, controller, settings, token_store)
        refresh_tokens()

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
    settings_wiring = SettingsWiring(
        window,
        controller,
        settings,
        keystore=keystore,
        settings_path=settings_path,
        endpoint=endpoint,
        voice=voice,
        video=video,
    )
    settings_wiring.settings_applied.connect(lambda *_: refresh_tokens())

    def share_token_store() -> None:
        # After SettingsWiring opened the dialog (slots run in connection order): a token
        # pasted there must land where the app reads it, also when it is kept in memory.
        dialog = settings_wiring.dialog
        if dialog is not None and dialog.token_store is not token_store:
            dialog.token_store = token_store
            # After SettingsWiring's own handler, which may have left offline mode.
            dialog.api_key_saved.connect(refresh_tokens)

    window.settings_requested.connect(share_token_store)
    wire_window(window, controller, settings, settings_path, voice)
    tools, tool_host = wire_tools(window, controller)
    # The self-test is a health check, not a conversation: it repairs but records nothing.
    recording = await wire_recording(
        window, controller, settings, endpoint, voice, record=not args.self_test
    )
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
            from live_desktop.selftest import run_self_test

            result = await run_self_test(conversation, window, endpoint.label)
            # What a person would have been told at start (a corrupt settings file, say).
            result["messages"] = [*loaded.messages, *recording.notices]
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
        # The disconnect closed the recording; wait (bounded) for its writer to finish.
        recording.close(timeout=0.0)
        await asyncio.get_running_loop().run_in_executor(None, recording.join)
        await tools.aclose()
        await tokens.aclose()
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


def _ask_for_key(
    window: Any, keystore: Any, controller: Any, settings: Any, token_store: Any = None
) -> None:
    """Take a key (or a pasted ephemeral token) typed by the user, store it, and talk to Gemini
    from the next connect on. A token goes to its own keyring entry, never over the key."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    from live_desktop.core.settings import describe_endpoint
    from live_desktop.core.tokens import TOKEN_PREFIX
    from live_desktop.ui.core_texts import translate_core

    ephemeral = settings.connection.auth == "ephemeral_token"
    key, accepted = QInputDialog.getText(
        window,
        translate("App", "Ephemeral token") if ephemeral else translate("App", "Gemini API key"),
        translate("App", "Paste an ephemeral token (auth_tokens/…) from your server:")
        if ephemeral
        else translate("App", "Paste your Gemini API key (from Google AI Studio):"),
        QLineEdit.EchoMode.Password,
    )
    key = key.strip()
    if not accepted or not key:
        return
    if ephemeral and not key.startswith(TOKEN_PREFIX):
        window.offline_banner.show_message(
            translate_core(
                f"The pasted text is not an ephemeral token: a token starts with {TOKEN_PREFIX}."
            )
        )
        return
    if token_store is not None and key.startswith(TOKEN_PREFIX):
        stored = token_store.set(key)
        notice = (
            translate("App", "Press Connect to use the token.")
            if ephemeral
            else translate(
                "App",
                "To use it, choose “Ephemeral token” under Settings > Connection > Authentication.",
            )
        )
        window.offline_banner.show_message(translate_core(stored.message) + " " + notice)
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


def wire_tokens(
    controller: Any, settings: Any, token_store: Any, endpoint: Endpoint, *, ca_cert: Any = None
) -> tuple[Any, Any]:
    """Ephemeral tokens: while the authentication is "ephemeral token", every connection (the
    first, reconnects, handovers) asks a TokenSource for a token: fetched from the token
    endpoint of the settings, else the pasted one (in the keyring). While a session is open a
    fresh token is kept ready. Returns the source (close it on quit) and a function to call
    when the settings or the endpoint changed.

    The token endpoint's own login, if it needs one, comes from ``LIVE_DESKTOP_TOKEN_HEADER``
    ("Name: value"), never from the settings file."""
    import ssl

    from live_desktop.core import events as ev
    from live_desktop.core.tokens import TokenSource

    name, _, value = os.environ.get("LIVE_DESKTOP_TOKEN_HEADER", "").partition(":")
    header = (name.strip(), value.strip()) if name.strip() and value.strip() else None
    verify: Any = True
    if ca_cert:
        try:
            verify = ssl.create_default_context(cafile=os.fspath(ca_cert))
        except (OSError, ssl.SSLError) as exc:
            log.warning("Cannot use %s for the token endpoint: %s", ca_cert, exc)
    source = TokenSource(header=header, verify=verify)

    async def token_for_connection() -> str:
        url = settings.connection.token_url
        source.set_url(url, header)
        if not url:
            source.set_token(token_store.get().key)
        return await source()

    def refresh() -> None:
        ephemeral = settings.connection.auth == "ephemeral_token" and not endpoint.offline
        controller.key_source = token_for_connection if ephemeral else None
        if not ephemeral:
            source.keep_ready(False)

    def on_controller_event(event: Any) -> None:
        if isinstance(event, ev.StateChanged):
            if event.state is ev.ConnectionState.CONNECTED:
                source.keep_ready(controller.key_source is not None)
            elif event.state is ev.ConnectionState.DISCONNECTED:
                source.keep_ready(False)

    refresh()
    controller.subscribe(on_controller_event)
    return source, refresh


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

    # A goAway handover waits for the user to finish speaking (the local VAD knows first).
    controller.user_speaking = lambda: engine.speech.in_speech
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


async def wire_recording(
    window: Any, controller: Any, settings: Any, endpoint: Endpoint, voice: Any, *, record: bool
) -> Any:
    """Record each conversation in the data folder (core/recording.py): first repair what a
    crash left open and apply the retention setting (off the UI thread), telling the user; the
    recorder feeds on the controller's events and the voice engine's tap. File > Recordings…
    lists them. Returns the Recorder (its ``notices`` are the start-up sentences)."""
    from PySide6.QtCore import Qt

    from live_desktop.core.recording import (
        Recorder,
        apply_retention,
        recordings_dir,
        repair_recordings,
    )
    from live_desktop.ui.recordings_dialog import RecordingsDialog

    root = recordings_dir()
    loop = asyncio.get_running_loop()

    def start_up() -> list[str]:
        return repair_recordings(root) + apply_retention(root, settings.recording.keep_days)

    notices = await loop.run_in_executor(None, start_up)
    for text in notices:
        window.show_notice(text)

    def report(text: str) -> None:  # the recording's writer thread: hand over to the loop
        with contextlib.suppress(RuntimeError):  # the loop closed while quitting
            loop.call_soon_threadsafe(window.show_error, text)

    def secrets() -> list[str]:
        return [endpoint.api_key] if endpoint.api_key and not endpoint.offline else []

    engine = voice.engine if voice is not None else None
    recorder = Recorder(
        root,
        enabled=lambda: record and settings.recording.enabled,
        attach_tap=(lambda tap: setattr(engine, "tap", tap)) if engine is not None else None,
        audio_note="" if engine is not None else "No sound device: transcript only.",
        endpoint=lambda: endpoint.label,
        secrets=secrets,
        report=report,
    )
    recorder.notices = notices
    controller.subscribe(recorder.apply)
    window.recording_folder = lambda: recorder.last_folder

    def open_recordings() -> None:
        dialog = RecordingsDialog(
            root, current=lambda: recorder.last_folder, secrets=secrets, parent=window
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    window.recordings_requested.connect(open_recordings)
    return recorder


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


if __name__ == "__main__":
    sys.exit(main())
