"""Translations: the catalogs cover every text the interface shows, completely and with the
placeholders intact; the window and the settings dialog read in Portuguese and Chinese; the
language follows the system, the View menu and LIVE_DESKTOP_LANG; core's English sentences are
translated where they are shown."""

from __future__ import annotations

import ast
import asyncio
import importlib.util
import json
import os
import re
import shutil
import socket
import ssl
import sys
import tempfile
import threading
import time
import wave
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from keyring.backends import fail
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from live_desktop.core.secrets import KeyStore
from live_desktop.core.session import SessionController
from live_desktop.core.settings import FunctionDeclarationSettings, Settings, check_settings
from live_desktop.ui import i18n
from live_desktop.ui.conversation import ConversationViewModel
from live_desktop.ui.core_texts import TEMPLATES, translate_core
from live_desktop.ui.i18n import SHIPPED, apply_language, catalog_files, resolve_language
from live_desktop.ui.main_window import MainWindow
from live_desktop.ui.settings_dialog import SettingsDialog

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDERS = re.compile(r"\{\w*\}|%n|%\d")


def load_script() -> Any:
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "scripts" / "update_translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def catalog(code: str) -> dict[tuple[str, str], str]:
    """(context, source) -> translation of the committed .ts."""
    root = ET.parse(catalog_files(code)[1]).getroot()
    found = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = [f.text or "" for f in translation.iter("numerusform")]
            text = forms[0] if forms else translation.text or ""
            if translation.get("type") not in ("unfinished", "obsolete", "vanished"):
                found[(name, message.findtext("source") or "")] = text
    return found


def mnemonic(text: str) -> str | None:
    """The letter after a single "&" ("&&" is a literal ampersand), or None."""
    match = re.search(r"(?<!&)&([^&\s])", text.replace("&&", ""))
    return match.group(1) if match else None


@pytest.fixture
def language(qapp: QApplication) -> Iterator[Any]:
    """``language("pt_BR")`` installs a catalog for the test; English again afterwards."""

    def use(code: str) -> None:
        assert apply_language(qapp, code) == code
        qapp.processEvents()  # widgets get LanguageChange as a posted event

    yield use
    apply_language(qapp, "en")
    qapp.processEvents()


# Widgets go to qtbot, which deletes them with deleteLater() after the test: a SettingsDialog
# left to Python's garbage collector can crash in ~QWidget (seen at HEAD as well).
def make_window(qtbot: Any) -> MainWindow:
    controller = SessionController(Settings(), api_key="k", base_url="https://127.0.0.1:9")
    window = MainWindow(
        ConversationViewModel(controller), endpoint_label="Offline loopback", offline=True
    )
    qtbot.addWidget(window)
    window.show()
    return window


def make_dialog(qtbot: Any, settings: Settings | None = None) -> SettingsDialog:
    dialog = SettingsDialog(
        settings or Settings(),
        keystore=KeyStore(backend=fail.Keyring(), environ={}),
        settings_path=None,
        audio_devices=lambda kind: [],
        cameras=lambda: [],
    )
    qtbot.addWidget(dialog)
    return dialog


def menu_titles(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


# ------------------------------------------------------------------------ the catalogs
def test_the_catalogs_are_up_to_date_with_the_source() -> None:
    """A text added to the UI, or a settings description added to core, that has no entry in
    the catalogs fails here (run `make update-translations`, then translate)."""
    problems = load_script().check()
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("code", SHIPPED)
def test_every_message_is_translated_with_its_placeholders_and_mnemonic(code: str) -> None:
    root = ET.parse(catalog_files(code)[1]).getroot()
    assert root.get("language") == code
    wrong = []
    count = 0
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            count += 1
            source = message.findtext("source") or ""
            translation = message.find("translation")
            text = "" if translation is None else translation.text or ""
            where = f"[{name}] {source!r} -> {text!r}"
            if translation is None or translation.get("type") or not text.strip():
                wrong.append(f"unfinished: {where}")
                continue
            if sorted(PLACEHOLDERS.findall(source)) != sorted(PLACEHOLDERS.findall(text)):
                wrong.append(f"placeholders differ: {where}")
            if (mnemonic(source) is None) != (mnemonic(text) is None):
                wrong.append(f"mnemonic lost or added: {where}")
            if source.startswith(" ") != text.startswith(" "):
                wrong.append(f"leading space (a unit suffix) lost: {where}")
    assert count > 400
    assert wrong == [], "\n".join(wrong)


def test_every_settings_description_has_an_entry() -> None:
    """The dialog's labels come from core's field descriptions: each one, split as the dialog
    splits it, is in every catalog's "Settings" context."""
    texts = load_script().settings_texts()
    assert "Temperature" in texts and "Echo cancellation" in texts
    for code in SHIPPED:
        known = {source for context, source in catalog(code) if context == "Settings"}
        assert set(texts) - known == set(), code


# ------------------------------------------------------------------------ what is shown
def test_the_window_and_the_settings_dialog_read_in_portuguese(
    qapp: QApplication, qtbot: Any, language: Any
) -> None:
    language("pt_BR")
    window = make_window(qtbot)
    dialog = make_dialog(qtbot)
    try:
        assert menu_titles(window) == ["&Arquivo", "&Sessão", "E&xibir", "Aj&uda"]
        assert window.connect_button.text() == "&Conectar"
        assert window.state_label.text() == "Desconectado"
        assert window.endpoint_status.text() == "Loopback offline"
        assert window.offline_banner.label.text().startswith("Loopback offline: nenhuma chave")
        assert window.voice_controls.mute_button.text() == "&Mudo"
        assert window.text_input.placeholderText() == "Digite uma mensagem e pressione Enter"
        assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
            "Conexão",
            "Modelo && voz",
            "Áudio && VAD",
            "Vídeo",
            "Ferramentas",
            "Avançado",
        ]
        # Labels from the settings model's descriptions.
        temperature = dialog.editors["generation.temperature"]
        assert temperature.label is not None and temperature.label.text() == "Temperatura"
        assert dialog.editors["audio.echo_cancellation"].check.text() == "Cancelamento de eco"
        assert dialog.editors["generation.thinking_budget"].label.text() == (
            "Orçamento de raciocínio em tokens"
        )
        # Qt's own buttons, from Qt's catalog.
        assert dialog.cancel_button.text() == "Cancelar"
        # A sentence core wrote in English.
        window.show_error("The service closed the session.")
        assert window.error_banner.label.text() == "O serviço encerrou a sessão."
    finally:
        dialog.close()
        window.close()


def test_the_window_reads_in_chinese_with_mnemonics_after_the_text(
    qapp: QApplication, qtbot: Any, language: Any
) -> None:
    language("zh_CN")
    window = make_window(qtbot)
    dialog = make_dialog(qtbot)
    try:
        assert menu_titles(window) == ["文件(&F)", "会话(&S)", "视图(&V)", "帮助(&H)"]
        assert window.connect_button.text() == "连接(&C)"
        assert dialog.tabs.tabText(0) == "连接"
        assert dialog.editors["audio.noise_suppression"].check.text() == "噪声抑制"
        window.show_error("the service refused the connection. Is the server running?")
        assert window.error_banner.label.text() == "服务拒绝了连接。服务器是否在运行？"
    finally:
        dialog.close()
        window.close()


def test_switching_language_retranslates_the_open_window(
    qapp: QApplication, qtbot: Any, language: Any
) -> None:
    window = make_window(qtbot)
    try:
        window.show_latency(120)
        assert menu_titles(window) == ["&File", "&Session", "&View", "&Help"]
        language("pt_BR")
        assert menu_titles(window) == ["&Arquivo", "&Sessão", "E&xibir", "Aj&uda"]
        assert window.latency_status.text() == "Voz a voz 120 ms"
        assert window.voice_controls.mic_meter.title == "Microfone"
        assert window.transcript_view.placeholderText() == "A conversa vai aparecer aqui."
        language("en")
        assert menu_titles(window) == ["&File", "&Session", "&View", "&Help"]
        assert window.connect_button.text() == "&Connect"
        assert window.latency_status.text() == "Voice-to-voice 120 ms"
    finally:
        window.close()


class Recorder(QTranslator):
    """Installed last, so asked first: notes every lookup and lets the catalogs answer."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[tuple[str, str]] = set()

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        self.asked.add((context, source))
        return ""

    def isEmpty(self) -> bool:
        return False


def test_nothing_the_window_and_dialog_ask_for_is_missing_from_the_catalog(
    qapp: QApplication, qtbot: Any, language: Any
) -> None:
    """Every text looked up while building the window, the settings dialog (with a model that
    blocks settings, a declared function, problems shown) and the About dialog is in the
    catalog: a tr() whose text lupdate cannot see fails here."""
    language("pt_BR")
    recorder = Recorder()
    qapp.installTranslator(recorder)
    settings = Settings()
    settings.model.name = "gemini-2.5-flash-native-audio-preview-12-2025"
    settings.connection.endpoint = "custom"
    settings.video.source = "camera"
    settings.session.context_compression = False
    settings.tools.functions = [FunctionDeclarationSettings(name="lookup", enabled=False)]
    try:
        window = make_window(qtbot)
        window.show_notice("The service closed the session.")
        about = window.show_about()
        dialog = make_dialog(qtbot, settings)
        dialog.current_settings()
        for tab in range(dialog.tabs.count()):
            dialog.tabs.setCurrentIndex(tab)
        dialog.close()
        about.close()
        window.close()
    finally:
        qapp.removeTranslator(recorder)
    ours = {(c, s) for c, s in recorder.asked if s.strip() and not re.match(r"Q[A-Z]", c)}
    assert len(ours) > 150
    missing = sorted(ours - set(catalog("pt_BR")))
    assert missing == [], missing


# ------------------------------------------------------------------------ core's sentences
def core_sentences() -> list[str]:
    """Sentences core and devices make, produced by core itself."""
    from google.genai import errors as genai_errors

    from live_desktop.core import errors
    from live_desktop.core.secrets import KeyLookup
    from live_desktop.core.settings import describe_endpoint, endpoint_url_problem
    from live_desktop.core.video import compression_note

    made = []
    closes = {
        1008: [
            "API key not valid",
            "Method doesn't allow unregistered callers",
            "models/x is not found for API version v1beta",
            "permission denied",
            "Auth token is expired",
            "other",
            "",
        ],
        1007: ["User location is not supported", "context limit exceeded", "bad", ""],
        1011: ["Deadline expired", "keepalive ping timeout", "RESOURCE_EXHAUSTED", "boom"],
        1006: [""],
        1000: ["session duration limit", ""],
        429: ["quota"],
        400: ["bad request"],
        503: ["unavailable"],
        4999: [""],
    }
    for code, reasons in closes.items():
        for reason in reasons:
            made.append(errors.from_close(code, reason, model="gemini-x").message)
    made.append(errors.from_close(1008, "models/x is not found").message)
    for exc in (
        errors.SetupTimeoutError(),
        errors.StalledError(),
        ssl.SSLCertVerificationError("bad cert"),
        ssl.SSLError("handshake"),
        socket.gaierror("no such host"),
        ConnectionRefusedError("refused"),
        TimeoutError(),
        OSError(5, "Input/output error"),
        RuntimeError("bug"),
        genai_errors.APIError(1011, {"error": {"message": "Internal error"}}),
    ):
        made.append(errors.classify(exc).message)
        made.append(errors.classify(exc, host="example.com:443").message)
    made += [KeyLookup(None, source).describe() for source in ("memory", "keyring", "none")]
    made.append(KeyLookup("k", "GEMINI_API_KEY").describe())
    store = KeyStore(backend=fail.Keyring(), environ={"GEMINI_API_KEY": "x"})
    made += [store.set("a-key-for-the-test").message, store.delete().message]
    made += [compression_note(True, True) or "", compression_note(True, False) or ""]
    emulator = Settings()
    emulator.connection.endpoint = "custom"
    made.append(describe_endpoint(emulator, base_url="https://10.0.0.2:8443"))

    def problems(**changes: Any) -> list[str]:
        settings = Settings()
        for path, value in changes.items():
            section, name = path.split("__")
            setattr(getattr(settings, section), name, value)
        return [p.message for p in check_settings(settings)]

    made += problems(model__name="gemini-next")
    made += problems(connection__endpoint="vertex_ai", connection__auth="ephemeral_token")
    made += problems(
        connection__endpoint="vertex_ai",
        connection__auth="google_credentials",
        connection__vertex_location="",
        connection__api_version="v1beta",
    )
    made += problems(connection__auth="google_credentials", connection__api_version="v1beta1")
    made += problems(connection__auth="ephemeral_token", connection__api_version="v1beta")
    made += problems(session__transparent_resumption=True, vad__explicit_vad_signal=True)
    made += problems(connection__endpoint="custom")
    made += problems(
        connection__auth="ephemeral_token", connection__token_url="http://tokens.example.com/t"
    )
    made += problems(connection__auth="ephemeral_token", connection__token_url="ftp://x/t")
    made += problems(connection__endpoint="custom", connection__custom_base_url="http://a.b")
    made += problems(connection__endpoint="custom", connection__custom_base_url="ftp://a.b")
    made += problems(
        generation__enable_affective_dialog=True,
        generation__thinking_budget=100,
        generation__include_thoughts=True,
        tools__code_execution=True,
        model__response_modality="TEXT",
    )
    made += problems(model__name="gemini-live-2.5-flash-native-audio")
    made += problems(
        model__name="gemini-2.5-flash-native-audio-preview-12-2025",
        connection__api_version="v1beta",
        generation__proactive_audio=True,
        generation__thinking_level="low",
    )
    made += problems(
        tools__functions=[
            FunctionDeclarationSettings(name="f", parameters={"type": "string"}),
            FunctionDeclarationSettings(name="f", behavior="blocking"),
            FunctionDeclarationSettings(name="g", answered_by="webhook"),
            FunctionDeclarationSettings(name="h", answered_by="webhook", webhook_url="ftp://x"),
            FunctionDeclarationSettings(name="i", answered_by="webhook", webhook_url="http://x"),
        ],
        video__source="camera",
        session__context_compression=False,
        voice__language="en-GB",
    )
    made += [endpoint_url_problem(u) or "" for u in ("http://h.example.com", "ftp://h")]
    made += token_sentences()
    made += recording_sentences()
    return [m for m in made if m]


def token_sentences() -> list[str]:
    """What core/tokens.py says about a pasted token and a token endpoint's reply (the
    sentences that need a real endpoint are made in test_token_endpoint_sentences_...)."""
    from datetime import UTC, datetime

    from live_desktop.core.tokens import TokenError, TokenSource, parse_token_reply

    made = []
    for pasted in (None, "AIza-not-a-token"):
        try:
            asyncio.run(TokenSource(token=pasted)())
        except TokenError as exc:
            made.append(str(exc))
    now = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)
    for data in (
        ["auth_tokens/x"],
        {"expireTime": "2099-01-01T00:00:00Z"},
        {"name": "AIza-not-a-token"},
        {"name": "auth_tokens/x", "expireTime": "2026-03-01T09:00:00Z"},
        {"name": "auth_tokens/x", "newSessionExpireTime": "2026-03-01T09:00:00Z"},
        {"name": "auth_tokens/x", "expireTime": "tomorrow"},
        {"name": "auth_tokens/x", "uses": -1},
    ):
        try:
            parse_token_reply(data, source="The token endpoint https://h.example.com/t", now=now)
        except TokenError as exc:
            made.append(str(exc))
    assert len(made) == 9
    return made


def crashed_recording(folder: Path, turns: int, audio_s: float | None, bad_lines: int) -> None:
    """A recording as a kill -9 leaves it (meta not ended), with ``turns`` typed messages."""
    from live_desktop.core.recording import AUDIO_RATE

    folder.mkdir(parents=True)
    started = time.mktime((2026, 11, 21, 10, 14, 0, 0, 0, -1))
    meta = {"format": 1, "started": started, "ended": None, "model": "m", "audio": True}
    (folder / "meta.json").write_text(json.dumps(meta))
    records: list[dict[str, Any]] = [
        {
            "time": started,
            "type": "SetupComplete",
            "session_id": "s",
            "model": "m",
            "resumed": False,
        }
    ]
    for i in range(turns):
        records.append({"time": started + i + 1, "type": "UserText", "text": f"hello {i}"})
    body = "".join(json.dumps(r) + "\n" for r in records) + "not json\n" * bad_lines
    (folder / "transcript.jsonl").write_text(body)
    if audio_s is not None:
        with wave.open(str(folder / "audio.wav"), "wb") as wav:
            wav.setnchannels(2)
            wav.setsampwidth(2)
            wav.setframerate(AUDIO_RATE)
            wav.writeframes(b"\0\0\0\0" * round(audio_s * AUDIO_RATE))


def recording_sentences() -> list[str]:
    """What core/recording.py says: a repair after a crash (and one that failed), an old
    recording that could not be deleted, a folder it cannot write, an export without audio."""
    from live_desktop.core import events as ev
    from live_desktop.core import recording

    made: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "recordings"
        crashed_recording(root / "a", 1, 2.0, 2)
        crashed_recording(root / "b", 3, None, 0)
        made += recording.repair_recordings(root)
        crashed_recording(root / "c", 0, 1.0, 1)
        broken = OSError(13, "Permission denied")
        with mock.patch.object(recording, "repair_recording", side_effect=broken):
            made += recording.repair_recordings(root)
        with mock.patch("shutil.rmtree", side_effect=broken):
            made += recording.apply_retention(root, 1, now=time.time() + 10 * 86400)
        try:
            recording.export_recording(root / "b", root / "b.wav")
        except recording.RecordingError as exc:
            made.append(str(exc))
        # A file where the recordings folder should be: nothing can be written.
        blocker = Path(tmp) / "data"
        blocker.write_text("not a folder")
        said: list[str] = []
        recorder = recording.Recorder(blocker / "recordings", report=said.append)
        S = ev.ConnectionState
        for event in (
            ev.StateChanged(S.CONNECTING, S.DISCONNECTED),
            ev.StateChanged(S.CONNECTED, S.CONNECTING),
            ev.SetupComplete("s-1", "gemini-live", False),
            ev.UserText("hello"),
            ev.StateChanged(S.DISCONNECTED, S.CONNECTED),
        ):
            recorder.apply(event)
        assert recorder.close()
        made += said
        if Path("/dev/full").exists():  # a full disk: the recording stops, and says so
            folder = Path(tmp) / "full"
            folder.mkdir()
            (folder / "transcript.jsonl").symlink_to("/dev/full")
            said = []
            writer = recording.Recording(
                folder, {"started": time.time()}, tap=None, report=said.append
            )
            writer.add(ev.UserText("hello"))
            deadline = time.monotonic() + 10
            while not said and time.monotonic() < deadline:
                time.sleep(0.01)
            writer.close()
            assert writer.join()
            made += said
    assert len(made) >= 6, made
    return made


def assert_translated(sentences: list[str], language: Any) -> None:
    for code in SHIPPED:
        language(code)
        untranslated = []
        for sentence in sentences:
            shown = translate_core(sentence)
            if shown == sentence or re.search(r"\{\w+\}", shown):
                untranslated.append(sentence)
        assert untranslated == [], f"{code}: {untranslated}"
    language("en")
    assert [translate_core(s) for s in sentences] == sentences


def test_core_sentences_are_translated_where_they_are_shown(language: Any) -> None:
    sentences = core_sentences()
    assert len(sentences) > 50
    assert_translated(sentences, language)


async def test_reconnection_sentences_are_translated(language: Any, emulator: Any) -> None:
    """A drop mid-reply without session resumption, microphone audio the outbox could not keep
    while reconnecting, then a service that never comes back: what the controller says."""
    from live_desktop.core import events as ev
    from tests.integration.test_session_controller import Recorder as Events

    settings = Settings()
    settings.session.session_resumption = False
    controller = SessionController(
        settings,
        api_key="test-key",
        base_url=emulator.base_url,
        ca_cert=emulator.client_ssl_context(),
    )
    controller.backoff_base_s = 0.3
    events = Events(controller)
    S = ev.ConnectionState
    try:
        assert await controller.connect()
        assert await controller.send_text("first")
        await events.wait_for(ev.TurnComplete, timeout=15)
        assert emulator.inject("drop-mid-turn") == 1
        mark = len(events.events)
        assert await controller.send_text("please talk for a while")
        await events.wait_for(ev.Reconnecting, after=mark)
        for _ in range(controller.OUTBOX_SIZE + 100):
            controller.offer_audio(b"\0\0" * 320, time.monotonic())
        await events.wait_for(ev.StateChanged, lambda e: e.state is S.CONNECTED, after=mark)
        await events.wait_for(ev.Notice, lambda e: e.message.startswith("About "), after=mark)
        # Then the service is gone for good: a bounded number of attempts and a sentence.
        emulator.scenario = "no-setup-reply"
        controller.setup_timeout_s = 0.5
        controller.backoff_base_s = 0.01
        controller.max_reconnect_attempts = 2
        emulator.inject("drop-mid-turn")
        mark = len(events.events)
        assert await controller.send_text("and now?")
        await events.wait_for(ev.ErrorEvent, after=mark, timeout=20)
    finally:
        await controller.disconnect()
    said = [e.message for e in events.of(ev.Notice) + events.of(ev.ErrorEvent)]
    said += [e.reason for e in events.of(ev.Reconnecting)]
    for start in ("The model's reply was cut off", "The conversation could not be resumed",
                  "About ", "Could not reconnect after 2 attempts."):  # fmt: skip
        assert any(s.startswith(start) for s in said), (start, said)
    assert_translated(said, language)


async def test_token_endpoint_sentences_are_translated(
    language: Any, emulator_dir: Path, tmp_path: Path
) -> None:
    """What TokenSource says about a token endpoint that fails, answers badly, is silent,
    unreachable or untrusted."""
    from live_desktop.core.tokens import TokenError, TokenSource
    from tests.token_server import TokenServer

    server = await TokenServer(emulator_dir, lambda: {}).start()
    made = []
    try:
        for mode in ("fail", "html", "no-name", "not-token", "expired", "redirect", "slow"):
            server.mode = mode
            source = TokenSource(
                url=server.url(), verify=server.client_ssl_context(), timeout_s=0.3
            )
            with pytest.raises(TokenError) as raised:
                await source()
            made.append(str(raised.value))
        with pytest.raises(TokenError) as raised:
            await TokenSource(url=server.url(), verify=True)()  # the test certificate
        made.append(str(raised.value))
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]  # closed again: nothing listens there
        with pytest.raises(TokenError) as raised:
            await TokenSource(url=f"https://127.0.0.1:{port}/t")()
        made.append(str(raised.value))
    finally:
        await server.stop()
    assert_translated(made, language)


def test_the_windows_audio_export_sentence_is_translated(
    qtbot: Any, language: Any, tmp_path: Path
) -> None:
    from live_desktop.core.recording import RecordingError

    window = make_window(qtbot)
    try:
        window.recording_folder = lambda: None
        with pytest.raises(RecordingError) as raised:
            window.export_conversation(tmp_path / "x.wav")
    finally:
        window.close()
    assert_translated([str(raised.value)], language)


def test_core_sentences_are_unchanged_in_english(language: Any) -> None:
    language("en")
    for sentence in core_sentences():
        assert translate_core(sentence) == sentence


def test_parts_of_a_sentence_are_translated_inside_it(language: Any) -> None:
    language("pt_BR")
    message = check_settings(
        Settings.model_validate({"generation": {"enable_affective_dialog": True}})
    )[0].message
    assert message == (
        "Affective dialog is not available on gemini-3.8-live: "
        "Affective dialog was removed from gemini-3.8-live."
    )
    assert translate_core(message) == (
        "Diálogo afetivo não está disponível em gemini-3.8-live: "
        "O diálogo afetivo foi removido do gemini-3.8-live."
    )
    # Several sentences (a settings error joins its problems) are translated one by one.
    assert translate_core(
        "The key was removed. GOOGLE_API_KEY is still set in the environment and will be used."
    ) == ("A chave foi removida. GOOGLE_API_KEY ainda está definida no ambiente e será usada.")
    # The server's own words stay as they are.
    assert translate_core("Quota exceeded for project 42.") == "Quota exceeded for project 42."


def test_every_template_has_a_translation() -> None:
    for code in SHIPPED:
        known = {source for context, source in catalog(code) if context == "CoreText"}
        assert set(TEMPLATES) - known == set(), code


# ------------------------------------------------------------------------ choosing
@pytest.mark.parametrize(
    ("setting", "environ", "system", "expected"),
    [
        (None, {}, "pt_BR", "pt_BR"),
        (None, {}, "pt_PT", "pt_BR"),
        (None, {}, "zh_CN", "zh_CN"),
        (None, {}, "zh_TW", "en"),
        (None, {}, "de_DE", "en"),
        (None, {}, "C", "en"),
        ("en", {}, "pt_BR", "en"),
        ("zh_CN", {}, "pt_BR", "zh_CN"),
        ("de", {}, "pt_BR", "en"),
        ("en", {"LIVE_DESKTOP_LANG": "zh_CN"}, "pt_BR", "zh_CN"),
        (None, {"LIVE_DESKTOP_LANG": "pt-BR"}, "C", "pt_BR"),
    ],
)
def test_the_language_comes_from_the_variable_the_setting_then_the_system(
    setting: str | None, environ: dict[str, str], system: str, expected: str
) -> None:
    assert resolve_language(setting, environ=environ, system=QLocale(system)) == expected


def test_without_a_compiled_catalog_the_ts_file_is_read(
    qapp: QApplication,
    language: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """An editable install where nobody ran `make translations` is not an English app."""
    shutil.copyfile(catalog_files("zh_CN")[1], tmp_path / catalog_files("zh_CN")[1].name)
    monkeypatch.setattr(i18n, "CATALOG_DIR", tmp_path)
    with caplog.at_level("INFO", logger="live_desktop.ui.i18n"):
        language("zh_CN")
    assert "reading the .ts file" in caplog.text and "make translations" in caplog.text
    assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"


async def test_the_view_menu_switches_and_saves_the_language(
    qapp: QApplication, qtbot: Any, language: Any, tmp_path: Path
) -> None:
    from live_desktop.app import wire_window
    from live_desktop.core.settings import load_settings

    window = make_window(qtbot)
    controller = window.conversation.controller
    hooks = sys.excepthook, threading.excepthook
    try:
        wire_window(window, controller, controller.settings, tmp_path / "s.json", None)
        window.language_actions["pt_BR"].trigger()
        qapp.processEvents()
        assert controller.settings.ui.language == "pt_BR"
        assert load_settings(tmp_path / "s.json").settings.ui.language == "pt_BR"
        assert menu_titles(window)[0] == "&Arquivo"
        assert window.language_actions["pt_BR"].isChecked()
        window.language_actions["en"].trigger()
        qapp.processEvents()
        assert menu_titles(window)[0] == "&File"
        window.language_actions[""].trigger()
        assert load_settings(tmp_path / "s.json").settings.ui.language is None
    finally:
        sys.excepthook, threading.excepthook = hooks
        window.close()


# ------------------------------------------------------------------------ the source
#: Qt calls whose text argument a person reads.
_TEXT_SETTERS = {
    "setText",
    "setToolTip",
    "setStatusTip",
    "setWhatsThis",
    "setPlaceholderText",
    "setWindowTitle",
    "setAccessibleName",
    "setAccessibleDescription",
    "setTitle",
    "setTabText",
    "setItemText",
    "setSpecialValueText",
    "setPrefix",
    "setSuffix",
    "addMenu",
    "addTab",
    "addItem",
    "showMessage",
    "show_message",
    "show_notice",
    "show_error",
    "set_status",
    "set_unavailable",
    "set_note",
}
_TEXT_WIDGETS = {
    "QAction",
    "QLabel",
    "QPushButton",
    "QCheckBox",
    "QRadioButton",
    "QToolButton",
    "QGroupBox",
    "QMenu",
}
#: Literal texts that are not words of any language (an identifier shown as an example).
_NOT_WORDS = {"get_weather"}


def _literal_words(node: ast.AST) -> str:
    """The letters a person would read in ``node`` if it is (built from) a literal."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(_literal_words(v) for v in node.values)
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _literal_words(node.left) + _literal_words(node.right)
    else:
        return ""
    if text in _NOT_WORDS:
        return ""
    return "".join(re.findall(r"[^\W\d_]", re.sub(r"<[^>]*>", "", text)))


def test_no_literal_text_reaches_a_widget_untranslated() -> None:
    """Every text the UI shows goes through tr()/translate(): a literal passed straight to a
    widget (setText("Connect"), QAction("&Quit")) would stay English in every language."""
    files = [
        *sorted((ROOT / "live_desktop" / "ui").rglob("*.py")),
        ROOT / "live_desktop" / "app.py",
    ]
    found = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name not in _TEXT_SETTERS and name not in _TEXT_WIDGETS:
                continue
            texts = node.args[:1]
            texts += [k.value for k in node.keywords if k.arg in ("text", "title")]
            for arg in texts:
                if _literal_words(arg):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)}")
    assert found == [], "\n".join(found)


def test_translation_contexts_are_literal() -> None:
    """lupdate drops QT_TRANSLATE_NOOP and translate() calls whose context is a variable,
    silently; the catalogs would then miss their texts."""
    files = [
        *sorted((ROOT / "live_desktop" / "ui").rglob("*.py")),
        ROOT / "live_desktop" / "app.py",
    ]
    found = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name not in ("QT_TRANSLATE_NOOP", "translate"):
                continue
            context, text = node.args[:2]
            literal_text = isinstance(text, ast.Constant | ast.JoinedStr)
            if literal_text and not isinstance(context, ast.Constant):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)}")
    assert found == [], "\n".join(found)
