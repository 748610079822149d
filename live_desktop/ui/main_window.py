"""MainWindow: connect, talk by text, read the transcript, see what went wrong in words."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from live_desktop import APP_NAME
from live_desktop.core.events import ConnectionState
from live_desktop.ui.conversation import ConversationViewModel
from live_desktop.ui.transcript_widget import TranscriptWidget
from live_desktop.ui.video_preview import VideoPreviewWidget
from live_desktop.ui.voice_controls import VoiceControls

_STATE_TEXT = {
    ConnectionState.DISCONNECTED: "Disconnected",
    ConnectionState.CONNECTING: "Connecting…",
    ConnectionState.CONNECTED: "Connected",
    ConnectionState.RECONNECTING: "Reconnecting…",
    ConnectionState.CLOSING: "Disconnecting…",
    ConnectionState.FAILED: "Connection failed",
}


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
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton(self)
        self.button.clicked.connect(self.action_triggered)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.hide()

    def show_message(self, text: str, action: str = "", *, tone: str = "info") -> None:
        colors = {
            "info": ("#e3f2fd", "#0d47a1"),
            "warning": ("#fff8e1", "#8d4e00"),
            "error": ("#ffebee", "#b71c1c"),
        }
        background, foreground = colors[tone]
        self.setStyleSheet(
            f"#banner {{ background: {background}; border-radius: 4px; }}"
            f" #banner QLabel {{ color: {foreground}; }}"
        )
        self.label.setText(text)
        self.button.setText(action)
        self.button.setVisible(bool(action))
        self.show()


class MainWindow(QMainWindow):
    """The app's window. Slots run on the Qt main thread, which is also the asyncio loop's."""

    add_key_requested = Signal()
    close_requested = Signal()
    settings_requested = Signal()  # File > Settings… (Ctrl+,); the app opens the dialog

    def __init__(
        self,
        conversation: ConversationViewModel,
        *,
        endpoint_label: str,
        offline: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.conversation = conversation
        self.endpoint_label = endpoint_label
        self.offline = offline
        self.setWindowTitle(f"{APP_NAME} — {endpoint_label}")
        self.resize(900, 640)
        self._space_held = False

        central = QWidget(self)
        layout = QVBoxLayout(central)
        self.offline_banner = BannerWidget(central)
        self.offline_banner.action_triggered.connect(self.add_key_requested)
        self.error_banner = BannerWidget(central)
        self.error_banner.action_triggered.connect(self._on_error_banner_action)
        # Start-up notices (a settings file that had to be reset) stay until dismissed: they
        # must not vanish when a connection succeeds, as error banners do.
        self.notice_banner = BannerWidget(central)
        self.notice_banner.action_triggered.connect(self.notice_banner.hide)

        controls = QHBoxLayout()
        self.connect_button = QPushButton(self.tr("Connect"), central)
        self.connect_button.setAccessibleName(self.tr("Connect to the Live API"))
        self.connect_button.clicked.connect(self._on_connect_clicked)
        self.disconnect_button = QPushButton(self.tr("Disconnect"), central)
        self.disconnect_button.setAccessibleName(self.tr("Disconnect from the Live API"))
        self.disconnect_button.clicked.connect(self._on_disconnect_clicked)
        self.state_label = QLabel(central)
        self.state_label.setAccessibleName(self.tr("Connection state"))
        controls.addWidget(self.connect_button)
        controls.addWidget(self.disconnect_button)
        controls.addSpacing(12)
        controls.addWidget(self.state_label, 1)
        self.voice_controls = VoiceControls(central)  # the app attaches its VoiceSession

        self.transcript_view = TranscriptWidget(central)
        self.video_preview = VideoPreviewWidget(central)  # the app attaches its VideoInput

        entry = QHBoxLayout()
        self.text_input = QLineEdit(central)
        self.text_input.setPlaceholderText(self.tr("Type a message and press Enter"))
        self.text_input.setAccessibleName(self.tr("Message"))
        self.text_input.returnPressed.connect(self._on_text_submitted)
        self.send_button = QPushButton(self.tr("Send"), central)
        self.send_button.setAccessibleName(self.tr("Send message"))
        self.send_button.clicked.connect(self._on_text_submitted)
        entry.addWidget(self.text_input, 1)
        entry.addWidget(self.send_button)

        layout.addWidget(self.offline_banner)
        layout.addWidget(self.error_banner)
        layout.addWidget(self.notice_banner)
        layout.addLayout(controls)
        layout.addWidget(self.voice_controls)
        body = QHBoxLayout()
        body.addWidget(self.transcript_view, 1)
        body.addWidget(self.video_preview)
        layout.addLayout(body, 1)
        layout.addLayout(entry)
        self.setCentralWidget(central)

        self.endpoint_status = QLabel(endpoint_label, self)
        self.session_status = QLabel(self)
        self.tokens_status = QLabel(self)
        self.statusBar().addWidget(self.endpoint_status)
        self.statusBar().addWidget(self.session_status)
        self.latency_status = QLabel(self)
        self.latency_status.setAccessibleName(self.tr("Voice-to-voice latency"))
        self.statusBar().addPermanentWidget(self.latency_status)
        self.statusBar().addPermanentWidget(self.tokens_status)
        self._build_menus()

        conversation.state_changed.connect(self._on_conversation_state_changed)
        conversation.turn_changed.connect(self.transcript_view.show_turn)
        conversation.error_raised.connect(self._on_conversation_error_raised)
        conversation.usage_changed.connect(self._on_conversation_usage_changed)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._on_clock_timeout)
        self._clock.start()

        if offline:
            self.offline_banner.show_message(
                self.tr(
                    "Offline loopback: no API key was found, so conversations go to a local "
                    "emulator on this computer. It echoes your voice and answers text with "
                    "“You said: …”. Add a Gemini API key to talk to Gemini."
                ),
                self.tr("Add API key…"),
            )
        self._on_conversation_state_changed(conversation.controller.state)

    def show_notice(self, text: str) -> None:
        """Tell the user something that stays on screen until they dismiss it."""
        shown = self.notice_banner.label.text() if self.notice_banner.isVisible() else ""
        self.notice_banner.show_message(
            f"{shown}\n{text}" if shown else text, self.tr("Dismiss"), tone="warning"
        )

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.settings_action = QAction(self.tr("&Settings…"), self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.settings_requested)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        session_menu = self.menuBar().addMenu(self.tr("&Session"))
        self.connect_action = QAction(self.tr("&Connect"), self)
        self.connect_action.setShortcut(QKeySequence("Ctrl+Return"))
        self.connect_action.triggered.connect(self._on_connect_clicked)
        self.disconnect_action = QAction(self.tr("&Disconnect"), self)
        self.disconnect_action.setShortcut(QKeySequence("Ctrl+Shift+Return"))
        self.disconnect_action.triggered.connect(self._on_disconnect_clicked)
        session_menu.addAction(self.connect_action)
        session_menu.addAction(self.disconnect_action)
        session_menu.addSeparator()
        self.mute_action = QAction(self.tr("&Mute microphone"), self)
        self.mute_action.setCheckable(True)
        self.mute_action.setShortcut(QKeySequence("Ctrl+M"))
        self.mute_action.toggled.connect(self.voice_controls.mute_button.setChecked)
        self.voice_controls.mute_button.toggled.connect(self.mute_action.setChecked)
        session_menu.addAction(self.mute_action)

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
        text = self.tr(_STATE_TEXT[state])
        self.state_label.setText(text)
        busy = state in (ConnectionState.CONNECTING, ConnectionState.CLOSING)
        connected = state is ConnectionState.CONNECTED
        self.connect_button.setEnabled(not connected and not busy)
        self.connect_action.setEnabled(not connected and not busy)
        self.disconnect_button.setEnabled(connected or state is ConnectionState.CONNECTING)
        self.disconnect_action.setEnabled(connected or state is ConnectionState.CONNECTING)
        self.send_button.setEnabled(connected)
        if connected:
            self.error_banner.hide()
            self.text_input.setFocus()
        self._on_clock_timeout()

    def _on_conversation_error_raised(self, message: str, recoverable: bool) -> None:
        action = self.tr("Reconnect") if recoverable else ""
        if self.conversation.controller.state is ConnectionState.CONNECTED:
            action = ""
        self.error_banner.show_message(message, action, tone="error")

    def _on_conversation_usage_changed(self, total: int) -> None:
        self.tokens_status.setText(self.tr("Tokens: {count}").format(count=f"{total:,}"))

    def _on_clock_timeout(self) -> None:
        started = self.conversation.session_started_at
        if started is None:
            self.session_status.setText("")
            return
        elapsed = int(time.monotonic() - started)
        self.session_status.setText(
            self.tr("Session {time}").format(time=f"{elapsed // 60}:{elapsed % 60:02d}")
        )

    def show_latency(self, ms: float) -> None:
        self.latency_status.setText(self.tr("Voice-to-voice {ms} ms").format(ms=round(ms)))

    # ------------------------------------------------------------------ push-to-talk keys
    def _space_is_push_to_talk(self) -> bool:
        focus = self.focusWidget()
        return self.voice_controls.ptt_button.isVisible() and not isinstance(focus, QLineEdit)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and self._space_is_push_to_talk():
            if not event.isAutoRepeat() and not self._space_held:
                self._space_held = True
                self.voice_controls.push_to_talk_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and self._space_held:
            if not event.isAutoRepeat():
                self._space_held = False
                self.voice_controls.push_to_talk_released.emit()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        # A key or button held while the window loses focus never sees its release: end the
        # turn now, or the service would wait for an activity_end that never comes.
        if event.type() == QEvent.Type.ActivationChange and not self.isActiveWindow():
            self.release_push_to_talk()
        super().changeEvent(event)

    def release_push_to_talk(self) -> None:
        self._space_held = False
        if self.voice_controls.ptt_button.isDown():
            self.voice_controls.ptt_button.setDown(False)
        self.voice_controls.push_to_talk_released.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.close_requested.emit()
        super().closeEvent(event)
