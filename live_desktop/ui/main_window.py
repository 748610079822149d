"""MainWindow: connect, talk by voice or text, watch the video and meters, read the transcript,
and see what went wrong in words.

Left: the transcript and the message box. Right: session buttons, the video panel and the
voice meters with mute and push-to-talk. Status bar: connection state, model, endpoint, session
time, tokens and the last voice-to-voice latency. Everything works from the keyboard: menus with
mnemonics and shortcuts, an explicit tab order, accessible names on every control, Space held
for push-to-talk wherever the focus is not in a text box (Esc leaves the message box).
"""

from __future__ import annotations

import itertools
import json
import logging
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QEvent,
    QObject,
    QSettings,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDesktopServices,
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from live_desktop import APP_NAME
from live_desktop.core.events import ConnectionState
from live_desktop.core.logsetup import default_log_dir
from live_desktop.core.recording import AUDIO_WAV, RecordingError, export_recording
from live_desktop.core.secrets import redact
from live_desktop.ui.about import AboutDialog
from live_desktop.ui.conversation import ConversationViewModel
from live_desktop.ui.core_texts import translate_core
from live_desktop.ui.i18n import ENGLISH
from live_desktop.ui.insight import usage_text
from live_desktop.ui.theme import THEMES, apply_theme, colors_for
from live_desktop.ui.transcript_widget import TranscriptWidget
from live_desktop.ui.video_preview import VideoPreviewWidget
from live_desktop.ui.voice_controls import VoiceControls

log = logging.getLogger(__name__)

# Marked for lupdate; translated with self.tr() where shown.
_STATE_TEXT = {
    ConnectionState.DISCONNECTED: QT_TRANSLATE_NOOP("MainWindow", "Disconnected"),
    ConnectionState.CONNECTING: QT_TRANSLATE_NOOP("MainWindow", "Connecting…"),
    ConnectionState.CONNECTED: QT_TRANSLATE_NOOP("MainWindow", "Connected"),
    ConnectionState.RECONNECTING: QT_TRANSLATE_NOOP("MainWindow", "Reconnecting…"),
    ConnectionState.CLOSING: QT_TRANSLATE_NOOP("MainWindow", "Disconnecting…"),
    ConnectionState.FAILED: QT_TRANSLATE_NOOP("MainWindow", "Connection failed"),
}
_STATE_COLOR = {
    ConnectionState.CONNECTED: "speaking",
    ConnectionState.CONNECTING: "level_hot",
    ConnectionState.RECONNECTING: "level_hot",
    ConnectionState.FAILED: "notice",
}
_THEME_EVENTS = (
    QEvent.Type.PaletteChange,
    QEvent.Type.ApplicationPaletteChange,
    QEvent.Type.StyleChange,
)
_THEME_TEXT = {
    "system": QT_TRANSLATE_NOOP("MainWindow", "&System"),
    "light": QT_TRANSLATE_NOOP("MainWindow", "&Light"),
    "dark": QT_TRANSLATE_NOOP("MainWindow", "&Dark"),
}
#: View > Language: "" follows the system; the others are catalogs, each named in its own
#: language (with a mnemonic that works on any keyboard layout).
_LANGUAGE_MENU = {
    ENGLISH: "&English",
    "pt_BR": "&Português (Brasil)",
    "zh_CN": "简体中文(&C)",
}


def is_text_entry(widget: QWidget | None) -> bool:
    """Widgets where Space types a space (so it must not start push-to-talk)."""
    if isinstance(widget, QLineEdit | QAbstractSpinBox):
        return True
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return not widget.isReadOnly()
    return isinstance(widget, QComboBox) and widget.isEditable()


class BannerWidget(QFrame):
    """A strip above the conversation that explains a mode or a problem, with one action."""

    action_triggered = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        # Plain, never "auto": banners show words from outside the app (a notification the
        # model wrote, a server's reason), which must not be rendered as HTML.
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton(self)
        self.button.clicked.connect(self.action_triggered)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.tone = "info"
        self.hide()

    def show_message(self, text: str, action: str = "", *, tone: str = "info") -> None:
        self.tone = tone
        self._restyle()
        self.label.setText(text)
        self.label.setAccessibleName(text)
        self.button.setText(action)
        self.button.setAccessibleName(action)
        self.button.setVisible(bool(action))
        self.show()

    def _restyle(self) -> None:
        # The application's palette says light or dark: our own is tinted by the style sheet.
        background, foreground = colors_for(QApplication.palette()).banner[self.tone]
        sheet = (
            f"#banner {{ background: {background}; border-radius: 4px; }}"
            f" #banner QLabel {{ color: {foreground}; }}"
        )
        if sheet != self.styleSheet():  # setting one is itself a palette change
            self.setStyleSheet(sheet)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in _THEME_EVENTS:
            # Qt sends these while a theme switch is half done (the style before the palette):
            # look at the palette once the switch is over.
            QTimer.singleShot(0, self, self._restyle)
        super().changeEvent(event)


class MainWindow(QMainWindow):
    """The app's window. Slots run on the Qt main thread, which is also the asyncio loop's.

    Every text is set in :meth:`retranslate_ui`, which runs again when the language changes.
    """

    add_key_requested = Signal()
    close_requested = Signal()
    settings_requested = Signal()  # File > Settings… (Ctrl+,); the app opens the dialog
    theme_changed = Signal(str)  # "system", "light" or "dark", chosen in the View menu
    language_changed = Signal(str)  # "" (the system's), "en", "pt_BR"…, chosen in View > Language
    push_to_talk_mode_requested = Signal(bool)  # Session > Push-to-talk; the app applies it
    recordings_requested = Signal()  # File > Recordings…; the app opens the dialog

    def __init__(
        self,
        conversation: ConversationViewModel,
        *,
        endpoint_label: str,
        offline: bool,
        window_state: QSettings | None = None,
        log_dir: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.conversation = conversation
        self.endpoint_label = endpoint_label
        self.offline = offline
        self.window_state = window_state
        self.log_dir = log_dir or default_log_dir()
        self.resize(1040, 700)
        self._space_held = False
        self._state = ConnectionState.DISCONNECTED
        self._reconnect_attempt = 0  # the attempt under way, 0 when not reconnecting
        self._latency_ms: float | None = None
        #: The folder recording the current (or last) conversation, if any; the app sets it.
        #: File > Export offers its audio as WAV.
        self.recording_folder: Callable[[], Path | None] = lambda: None

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 4)
        self.offline_banner = BannerWidget(central)
        self.offline_banner.action_triggered.connect(self.add_key_requested)
        self.error_banner = BannerWidget(central)
        self.error_banner.action_triggered.connect(self._on_error_banner_action)
        # Start-up notices (a settings file that had to be reset) stay until dismissed: they
        # must not vanish when a connection succeeds, as error banners do.
        self.notice_banner = BannerWidget(central)
        self.notice_banner.action_triggered.connect(self.notice_banner.hide)

        # Left: the conversation and the message box.
        conversation_pane = QWidget(central)
        left = QVBoxLayout(conversation_pane)
        left.setContentsMargins(0, 0, 0, 0)
        self.transcript_view = TranscriptWidget(conversation_pane)
        entry = QHBoxLayout()
        self.text_input = QLineEdit(conversation_pane)
        self.text_input.returnPressed.connect(self._on_text_submitted)
        self.send_button = QPushButton(conversation_pane)
        self.send_button.clicked.connect(self._on_text_submitted)
        entry.addWidget(self.text_input, 1)
        entry.addWidget(self.send_button)
        left.addWidget(self.transcript_view, 1)
        left.addLayout(entry)

        # Right: session buttons, video, voice.
        side = QWidget(central)
        side.setObjectName("sidePanel")
        right = QVBoxLayout(side)
        right.setContentsMargins(4, 0, 0, 0)
        right.setSpacing(10)
        session_row = QHBoxLayout()
        self.connect_button = QPushButton(side)
        self.connect_button.clicked.connect(self._on_connect_clicked)
        self.disconnect_button = QPushButton(side)
        self.disconnect_button.clicked.connect(self._on_disconnect_clicked)
        session_row.addWidget(self.connect_button, 1)
        session_row.addWidget(self.disconnect_button, 1)
        self.video_preview = VideoPreviewWidget(side)  # the app attaches its VideoInput
        self.voice_controls = VoiceControls(side)  # the app attaches its VoiceSession's levels
        right.addLayout(session_row)
        right.addWidget(self.video_preview)
        right.addWidget(self.voice_controls)
        right.addStretch(1)
        side.setMinimumWidth(260)
        side.setMaximumWidth(400)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, central)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(conversation_pane)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([700, 340])

        layout.addWidget(self.offline_banner)
        layout.addWidget(self.error_banner)
        layout.addWidget(self.notice_banner)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self._build_status_bar()
        self._build_menus()
        self._set_tab_order()

        conversation.state_changed.connect(self._on_conversation_state_changed)
        conversation.turn_changed.connect(self.transcript_view.show_turn)
        conversation.error_raised.connect(self._on_conversation_error_raised)
        conversation.usage_changed.connect(self._on_conversation_usage_changed)
        conversation.session_started.connect(self._on_conversation_session_started)
        conversation.reconnecting.connect(self._on_conversation_reconnecting)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._on_clock_timeout)
        self._clock.start()

        # Space is push-to-talk on every focusable control but text boxes; key events go to
        # the focused widget first, so each one is watched (not the whole application).
        for widget in self.findChildren(QWidget):
            if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and not is_text_entry(widget):
                widget.installEventFilter(self)
        self.text_input.installEventFilter(self)
        self.retranslate_ui()
        self.restore_window_state()

    # ------------------------------------------------------------------ building
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.state_label = QLabel(self)
        self.model_status = QLabel(self)
        self.endpoint_status = QLabel(self)
        self.session_status = QLabel(self)
        self.tokens_status = QLabel(self)
        self.latency_status = QLabel(self)
        for i, label in enumerate((self.state_label, self.model_status, self.endpoint_status)):
            if i:
                bar.addWidget(self._separator())
            label.setContentsMargins(4, 0, 4, 0)
            bar.addWidget(label)
        for i, label in enumerate((self.session_status, self.tokens_status, self.latency_status)):
            if i:
                bar.addPermanentWidget(self._separator())
            label.setContentsMargins(4, 0, 4, 0)
            bar.addPermanentWidget(label)

    def _separator(self) -> QFrame:
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        return line

    def _build_menus(self) -> None:
        menus = self.menuBar()
        self.file_menu = menus.addMenu("")
        self.export_action = QAction(self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self._on_export_triggered)
        self.file_menu.addAction(self.export_action)
        self.recordings_action = QAction(self)
        self.recordings_action.triggered.connect(self.recordings_requested)
        self.file_menu.addAction(self.recordings_action)
        self.file_menu.addSeparator()
        self.settings_action = QAction(self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.settings_requested)
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addSeparator()
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)

        self.session_menu = menus.addMenu("")
        self.connect_action = QAction(self)
        self.connect_action.setShortcut(QKeySequence("Ctrl+Return"))
        self.connect_action.triggered.connect(self._on_connect_clicked)
        self.disconnect_action = QAction(self)
        self.disconnect_action.setShortcut(QKeySequence("Ctrl+Shift+Return"))
        self.disconnect_action.triggered.connect(self._on_disconnect_clicked)
        self.session_menu.addAction(self.connect_action)
        self.session_menu.addAction(self.disconnect_action)
        self.session_menu.addSeparator()
        self.mute_action = QAction(self)
        self.mute_action.setCheckable(True)
        self.mute_action.setShortcut(QKeySequence("Ctrl+M"))
        self.mute_action.toggled.connect(self.voice_controls.mute_button.setChecked)
        self.voice_controls.mute_button.toggled.connect(self.mute_action.setChecked)
        self.session_menu.addAction(self.mute_action)
        self.ptt_action = QAction(self)
        self.ptt_action.setCheckable(True)
        self.ptt_action.setShortcut(QKeySequence("Ctrl+T"))
        self.ptt_action.toggled.connect(self.push_to_talk_mode_requested)
        self.session_menu.addAction(self.ptt_action)
        self.session_menu.addSeparator()
        self.focus_action = QAction(self)
        self.focus_action.setShortcut(QKeySequence("Ctrl+L"))
        self.focus_action.triggered.connect(self.text_input.setFocus)
        self.session_menu.addAction(self.focus_action)

        self.view_menu = menus.addMenu("")
        self.theme_menu = self.view_menu.addMenu("")
        self.theme_group = QActionGroup(self)
        self.theme_group.setExclusive(True)
        self.theme_actions: dict[str, QAction] = {}
        for name in THEMES:
            action = QAction(self, checkable=True)
            action.setData(name)
            self.theme_group.addAction(action)
            self.theme_menu.addAction(action)
            self.theme_actions[name] = action
        self.theme_actions["system"].setChecked(True)
        self.theme_group.triggered.connect(self._on_theme_triggered)
        self.language_menu = self.view_menu.addMenu("")
        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code in ("", *_LANGUAGE_MENU):
            action = QAction(self, checkable=True)
            action.setData(code)
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
            if not code:
                self.language_menu.addSeparator()
        self.language_actions[""].setChecked(True)
        self.language_group.triggered.connect(self._on_language_triggered)

        self.help_menu = menus.addMenu("")
        self.about_action = QAction(self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        self.log_folder_action = QAction(self)
        self.log_folder_action.triggered.connect(self.open_log_folder)
        self.help_menu.addAction(self.about_action)
        self.help_menu.addAction(self.log_folder_action)

    def retranslate_ui(self) -> None:
        """Set every text the window owns in the current language (again, after a change)."""
        self.setWindowTitle(f"{APP_NAME} — {translate_core(self.endpoint_label)}")
        self.text_input.setPlaceholderText(self.tr("Type a message and press Enter"))
        self.text_input.setAccessibleName(self.tr("Message"))
        self.send_button.setText(self.tr("Se&nd"))
        self.send_button.setAccessibleName(self.tr("Send message"))
        self.connect_button.setText(self.tr("&Connect"))
        self.connect_button.setAccessibleName(self.tr("Connect to the Live API"))
        self.disconnect_button.setText(self.tr("&Disconnect"))
        self.disconnect_button.setAccessibleName(self.tr("Disconnect from the Live API"))
        if self.offline:
            self._show_offline_banner()

        self.state_label.setAccessibleName(self.tr("Connection state"))
        self.model_status.setAccessibleName(self.tr("Model"))
        self.model_status.setToolTip(self.tr("The Live API model of this session"))
        self.endpoint_status.setText(translate_core(self.endpoint_label))
        self.endpoint_status.setAccessibleName(self.tr("Endpoint"))
        self.endpoint_status.setToolTip(self.tr("Where the conversation goes"))
        self.session_status.setAccessibleName(self.tr("Session time"))
        self.tokens_status.setAccessibleName(self.tr("Tokens used"))
        self.tokens_status.setToolTip(self.tr("Tokens counted by the service this session"))
        self.latency_status.setAccessibleName(self.tr("Voice-to-voice latency"))
        self.latency_status.setToolTip(
            self.tr("From the end of your speech to the first sound of the reply, last turn")
        )
        if self.conversation.total_tokens:
            self._on_conversation_usage_changed(self.conversation.total_tokens)
        if self._latency_ms is not None:
            self.show_latency(self._latency_ms)

        self.file_menu.setTitle(self.tr("&File"))
        self.export_action.setText(self.tr("&Export conversation…"))
        self.recordings_action.setText(self.tr("&Recordings…"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.session_menu.setTitle(self.tr("&Session"))
        self.connect_action.setText(self.tr("&Connect"))
        self.disconnect_action.setText(self.tr("&Disconnect"))
        self.mute_action.setText(self.tr("&Mute microphone"))
        self.ptt_action.setText(self.tr("&Push-to-talk (hold Space)"))
        self.ptt_action.setStatusTip(
            self.tr("Talk only while Space or the Hold to talk button is held")
        )
        self.focus_action.setText(self.tr("Go to the &message box"))
        self.view_menu.setTitle(self.tr("&View"))
        self.theme_menu.setTitle(self.tr("&Theme"))
        for name, action in self.theme_actions.items():
            action.setText(self.tr(_THEME_TEXT[name]))
        self.language_menu.setTitle(self.tr("&Language"))
        for code, action in self.language_actions.items():
            action.setText(_LANGUAGE_MENU[code] if code else self.tr("&System language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About {app}").format(app=APP_NAME))
        self.log_folder_action.setText(self.tr("Open &log folder"))
        self._on_conversation_state_changed(self.conversation.controller.state)

    def _show_offline_banner(self) -> None:
        self.offline_banner.show_message(
            self.tr(
                "Offline loopback: no API key was found, so conversations go to a local "
                "emulator on this computer. It echoes your voice and answers text with "
                "“You said: …”. Add a Gemini API key to talk to Gemini."
            ),
            self.tr("Add API key…"),
        )

    def _set_tab_order(self) -> None:
        chain = [
            self.transcript_view,
            self.text_input,
            self.send_button,
            self.connect_button,
            self.disconnect_button,
            self.video_preview.source_combo,
            self.voice_controls.mute_button,
            self.voice_controls.ptt_button,
            self.offline_banner.button,
            self.error_banner.button,
            self.notice_banner.button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # ------------------------------------------------------------------ public API
    def show_notice(self, text: str) -> None:
        """Tell the user something that stays on screen until they dismiss it.

        ``text`` may be a sentence from core (English): it is translated here.
        """
        text = translate_core(text)
        shown = self.notice_banner.label.text() if self.notice_banner.isVisible() else ""
        self.notice_banner.show_message(
            f"{shown}\n{text}" if shown else text, self.tr("Dismiss"), tone="warning"
        )

    def show_error(self, text: str, action: str = "") -> None:
        """A sentence about something that went wrong (a device, an internal error); one
        from core (English) is translated here."""
        self.error_banner.show_message(translate_core(text), action, tone="error")

    def show_latency(self, ms: float) -> None:
        self._latency_ms = ms
        self.latency_status.setText(self.tr("Voice-to-voice {ms} ms").format(ms=round(ms)))

    def set_endpoint_label(self, label: str) -> None:
        """Where the conversation goes now (status bar and title); ``label`` as core says it."""
        self.endpoint_label = label
        self.setWindowTitle(f"{APP_NAME} — {translate_core(label)}")
        self.endpoint_status.setText(translate_core(label))

    def set_theme_choice(self, name: str) -> None:
        """Check ``name`` in View > Theme without emitting ``theme_changed``."""
        action = self.theme_actions.get(name)
        if action is not None:
            action.setChecked(True)

    def set_language_choice(self, code: str | None) -> None:
        """Check ``code`` in View > Language without emitting ``language_changed`` (None or
        "": the system's language; a language without a catalog changes nothing)."""
        action = self.language_actions.get(code or "")
        if action is not None:
            action.setChecked(True)

    def set_push_to_talk_mode(self, enabled: bool) -> None:
        """Show the mode the uplink is in: the menu's check mark and the Hold to talk button."""
        self.ptt_action.blockSignals(True)
        self.ptt_action.setChecked(enabled)
        self.ptt_action.blockSignals(False)
        self.voice_controls.set_push_to_talk_mode(enabled)
        if not enabled:
            self.release_push_to_talk()

    def export_conversation(self, path: Path) -> Path:
        """Write the transcript to ``path``: JSON for ``.json``, the recording's audio for
        ``.wav`` (RecordingError if there is none), Markdown otherwise. Never the API key."""
        if path.suffix.lower() == ".wav":
            folder = self.recording_folder()
            if folder is None:
                raise RecordingError("This conversation was not recorded, so it has no audio.")
            return export_recording(folder, path)
        transcript = self.conversation.transcript
        stamp = time.strftime("%Y-%m-%d %H:%M")
        if path.suffix.lower() == ".json":
            document = {
                "app": APP_NAME,
                "exported": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                "endpoint": self.endpoint_label,
                "model": self.conversation.controller.settings.model.name,
                "turns": transcript.to_records(),
            }
            text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        else:
            text = f"# Conversation ({APP_NAME}, {stamp})\n\n" + transcript.to_markdown()
        path.write_text(redact(text), encoding="utf-8")
        return path

    def show_about(self) -> AboutDialog:
        dialog = AboutDialog(self, log_dir=str(self.log_dir))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_log_folder(self) -> bool:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_dir))):
            return True
        self.show_error(
            self.tr("Could not open the log folder. It is {path}").format(path=self.log_dir)
        )
        return False

    # ------------------------------------------------------------------ window state
    def restore_window_state(self) -> None:
        state = self.window_state
        if state is None:
            return
        geometry = state.value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = state.value("main_window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def save_window_state(self) -> None:
        state = self.window_state
        if state is None:
            return
        state.setValue("main_window/geometry", self.saveGeometry())
        state.setValue("main_window/splitter", self.splitter.saveState())
        state.sync()

    # ------------------------------------------------------------------ slots
    def _on_connect_clicked(self) -> None:
        self.error_banner.hide()
        self.conversation.connect_session()

    def _on_disconnect_clicked(self) -> None:
        self.conversation.disconnect_session()

    def _on_text_submitted(self) -> None:
        text = self.text_input.text().strip()
        if not text:
            return
        if self.conversation.controller.state is not ConnectionState.CONNECTED:
            # Keep what the user typed; tell them why it did not go.
            self.error_banner.show_message(
                self.tr("Not connected: your message was kept. Connect, then press Enter."),
                self.tr("Connect"),
                tone="error",
            )
            return
        self.text_input.clear()
        self.conversation.send_text(text)

    def _on_error_banner_action(self) -> None:
        self.error_banner.hide()
        if self.conversation.controller.state is not ConnectionState.CONNECTED:
            self.conversation.connect_session()

    def _on_conversation_state_changed(self, state: ConnectionState) -> None:
        self._state = state
        self.state_label.setText(self.tr(_STATE_TEXT[state]))
        self.state_label.setToolTip("")
        if state in (ConnectionState.DISCONNECTED, ConnectionState.FAILED):
            self._reconnect_attempt = 0
        self._color_state_label()
        busy = state in (ConnectionState.CONNECTING, ConnectionState.CLOSING)
        connected = state is ConnectionState.CONNECTED
        self.connect_button.setEnabled(not connected and not busy)
        self.connect_action.setEnabled(not connected and not busy)
        can_disconnect = connected or state in (
            ConnectionState.CONNECTING,
            ConnectionState.RECONNECTING,
        )
        self.disconnect_button.setEnabled(can_disconnect)
        self.disconnect_action.setEnabled(can_disconnect)
        # While reconnecting a message waits in the outbox and goes once the session is back.
        self.send_button.setEnabled(connected or state is ConnectionState.RECONNECTING)
        self.model_status.setText(self.conversation.controller.settings.model.name)
        if connected:
            self.error_banner.hide()
            # Typing is the likely next step, unless Space is for talking.
            if not self.voice_controls.push_to_talk_mode:
                self.text_input.setFocus()
        self._on_clock_timeout()

    def _color_state_label(self) -> None:
        role = _STATE_COLOR.get(self._state)
        color = getattr(colors_for(QApplication.palette()), role) if role else ""
        sheet = f"color: {color}; font-weight: bold;" if color else ""
        if sheet != self.state_label.styleSheet():
            self.state_label.setStyleSheet(sheet)

    def _on_conversation_session_started(self, _session_id: str) -> None:
        self.model_status.setText(self.conversation.controller.settings.model.name)
        if self._reconnect_attempt:
            self._reconnect_attempt = 0
            self.statusBar().showMessage(
                self.tr("Reconnected: the conversation goes on where it was."), 8000
            )

    def _on_conversation_reconnecting(self, attempt: int, of: int, reason: str) -> None:
        self._reconnect_attempt = attempt
        self.state_label.setText(
            self.tr("Reconnecting (attempt {n} of {of})…").format(n=attempt, of=of)
        )
        self.state_label.setToolTip(reason)

    def _on_conversation_error_raised(self, message: str, recoverable: bool) -> None:
        action = self.tr("Reconnect") if recoverable else ""
        if self.conversation.controller.state is ConnectionState.CONNECTED:
            action = ""
        self.error_banner.show_message(message, action, tone="error")

    def _on_conversation_usage_changed(self, total: int) -> None:
        # Prompt, response and total by modality; "Tokens: {count}" is translated there too.
        text, tip = usage_text(self.conversation.usage.totals)
        self.tokens_status.setText(text)
        self.tokens_status.setToolTip(tip)

    def _on_clock_timeout(self) -> None:
        started = self.conversation.session_started_at
        if started is None:
            self.session_status.setText("")
            return
        elapsed = int(time.monotonic() - started)
        hours, rest = divmod(elapsed, 3600)
        clock = (
            f"{hours}:{rest // 60:02d}:{rest % 60:02d}"
            if hours
            else f"{rest // 60}:{rest % 60:02d}"
        )
        self.session_status.setText(self.tr("Session {time}").format(time=clock))

    def _on_theme_triggered(self, action: QAction) -> None:
        name = str(action.data())
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, name)
        self.theme_changed.emit(name)

    def _on_language_triggered(self, action: QAction) -> None:
        self.language_changed.emit(str(action.data()))

    def _on_export_triggered(self) -> None:
        default = Path.home() / time.strftime("conversation-%Y%m%d-%H%M.md")
        markdown, json_filter = self.tr("Markdown (*.md)"), self.tr("JSON (*.json)")
        wav_filter = self.tr("WAV audio of the recording (*.wav)")
        filters = [markdown, json_filter]
        folder = self.recording_folder()
        if folder is not None and (folder / AUDIO_WAV).exists():
            filters.append(wav_filter)
        name, chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Export conversation"),
            str(default),
            ";;".join(filters),
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() not in (".md", ".markdown", ".json", ".txt", ".wav"):
            suffix = {json_filter: ".json", wav_filter: ".wav"}.get(chosen, ".md")
            path = path.with_suffix(suffix)
        try:
            self.export_conversation(path)
        except (OSError, RecordingError) as exc:
            log.warning("Export to %s failed: %s", path, exc)
            reason = (
                translate_core(str(exc)) if isinstance(exc, RecordingError) else exc.strerror or exc
            )
            self.show_error(
                self.tr("Could not save the conversation to {path}: {reason}").format(
                    path=path, reason=reason
                )
            )
            return
        self.statusBar().showMessage(
            self.tr("Conversation saved to {path}").format(path=path), 8000
        )

    # ------------------------------------------------------------------ push-to-talk keys
    def _space_is_push_to_talk(self) -> bool:
        return self.voice_controls.push_to_talk_mode and not is_text_entry(self.focusWidget())

    def _handle_space(self, event: QKeyEvent) -> bool:
        """Space held is push-to-talk; returns whether the key event was used for it."""
        if event.type() == QEvent.Type.KeyPress:
            if not self._space_is_push_to_talk():
                return False
            if not event.isAutoRepeat() and not self._space_held:
                self._space_held = True
                self.voice_controls.push_to_talk_pressed.emit()
            return True
        if self._space_held:  # a release: end the turn wherever the focus went meanwhile
            if not event.isAutoRepeat():
                self._space_held = False
                self.voice_controls.push_to_talk_released.emit()
            return True
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease) and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Space and self._handle_space(event):
                return True
            if (
                kind == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Escape
                and watched is self.text_input
            ):
                self.transcript_view.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and self._handle_space(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and self._handle_space(event):
            event.accept()
            return
        super().keyReleaseEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        # A key or button held while the window loses focus never sees its release: end the
        # turn now, or the service would wait for an activity_end that never comes.
        if event.type() == QEvent.Type.ActivationChange and not self.isActiveWindow():
            self.release_push_to_talk()
        if event.type() in _THEME_EVENTS and hasattr(self, "state_label"):
            QTimer.singleShot(0, self, self._color_state_label)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "language_actions"):
            self.retranslate_ui()
        super().changeEvent(event)

    def release_push_to_talk(self) -> None:
        self._space_held = False
        if self.voice_controls.ptt_button.isDown():
            self.voice_controls.ptt_button.setDown(False)
        self.voice_controls.push_to_talk_released.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_window_state()
        self.close_requested.emit()
        super().closeEvent(event)
