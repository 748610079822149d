"""Opens the Settings dialog from the window and applies what it returns to the running app.

The app keeps one :class:`~live_desktop.core.settings.Settings` object that the controller, the
voice session and the video wiring all read; applied settings are copied into it section by
section, so every holder sees them. Devices, audio processing and video apply at once; what
goes into the setup message waits for the next connection, and the window says so while a
session is open. Qt main thread (the asyncio loop's) only.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from live_desktop.core import events as ev
from live_desktop.core.secrets import KeyStore
from live_desktop.core.settings import Settings, describe_endpoint
from live_desktop.ui.i18n import apply_language, resolve_language
from live_desktop.ui.settings_dialog import EndpointOverride, SettingsDialog
from live_desktop.ui.theme import apply_theme

log = logging.getLogger(__name__)

__all__ = ["SettingsWiring"]


class SettingsWiring(QObject):
    """Connects ``window.settings_requested`` to a Settings dialog and applies its results.

    ``endpoint`` is the app's Endpoint (label, offline, api_key, base_url, ca_cert): where the
    controller really connects, which "Test connection" must also use. ``settings_applied``
    fires after the running app took the new settings (for anything else that follows them).
    """

    settings_applied = Signal(object, bool)

    def __init__(
        self,
        window: Any,
        controller: Any,
        settings: Settings,
        *,
        keystore: KeyStore,
        settings_path: str | os.PathLike[str] | None,
        endpoint: Any,
        voice: Any = None,
        video: Any = None,
        audio_devices: Callable[[str], list[Any]] | None = None,
        cameras: Callable[[], list[Any]] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.settings = settings
        self.keystore = keystore
        self.settings_path = settings_path
        self.endpoint = endpoint
        self.voice = voice
        self.video = video
        self._audio_devices = audio_devices
        self._cameras = cameras
        self.dialog: SettingsDialog | None = None
        #: The turn-taking mode changed during a session: the voice uplink takes it at the
        #: next connection, together with the service.
        self._vad_pending = False
        window.settings_requested.connect(self.open)
        controller.subscribe(self._on_controller_event)

    def _override(self) -> EndpointOverride | None:
        endpoint = self.endpoint
        if not (endpoint.offline or endpoint.base_url):
            return None  # the settings say where to go
        return EndpointOverride(
            endpoint.label,
            base_url=endpoint.base_url,
            ca_cert=endpoint.ca_cert,
            api_key=endpoint.api_key if endpoint.offline else None,
        )

    def open(self) -> SettingsDialog:
        """Show the dialog (window-modal, without a nested event loop); raise it if open."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        dialog = SettingsDialog(
            self.settings,
            keystore=self.keystore,
            settings_path=self.settings_path,
            test_endpoint=self._override(),
            audio_devices=self._audio_devices,
            cameras=self._cameras,
            parent=self.window,
        )
        dialog.applied.connect(self._on_dialog_applied)
        dialog.api_key_saved.connect(self._on_dialog_api_key_saved)
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _on_dialog_finished(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    # ------------------------------------------------------------------ applying
    def _on_dialog_applied(self, new: Settings, needs_reconnect: bool) -> None:
        old_vad = self.settings.vad.model_copy()
        old_theme = self.settings.ui.theme
        old_language = self.settings.ui.language
        for name in type(new).model_fields:
            setattr(self.settings, name, getattr(new, name))
        in_session = self.controller.state is not ev.ConnectionState.DISCONNECTED
        vad_changed = old_vad != self.settings.vad
        if self.voice is not None:
            live = self.settings
            if in_session and vad_changed:
                # Push-to-talk is part of the session's setup: keep the current mode until
                # the next connection, while devices and processing change now.
                live = self.settings.model_copy()
                live.vad = old_vad
                self._vad_pending = True
            self._apply_voice(live)
        if self.video is not None:
            self.video.apply(self.settings.video)
            self.window.video_preview.set_source_choice(self.settings.video.source)
        if self.settings.ui.theme != old_theme:
            self._apply_theme(self.settings.ui.theme)
        if self.settings.ui.language != old_language:
            self._apply_language(self.settings.ui.language)
        if not self.endpoint.offline and not self.endpoint.base_url:
            self._show_endpoint(describe_endpoint(self.settings))
        if needs_reconnect and in_session:
            self._notice(self.tr("Reconnect to use the new settings."))
        self.settings_applied.emit(self.settings, needs_reconnect)

    def _apply_voice(self, settings: Settings) -> None:
        self.voice.apply_settings(settings)
        # The redesigned window shows the mode in its menu too; older windows only in the
        # voice controls.
        show = getattr(self.window, "set_push_to_talk_mode", None)
        if show is None:
            show = self.window.voice_controls.set_push_to_talk_mode
        show(self.voice.uplink.push_to_talk)

    def _apply_theme(self, name: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, name)
        # The redesigned window also checks the theme in its View menu.
        show = getattr(self.window, "set_theme_choice", None)
        if show is not None:
            show(name)

    def _apply_language(self, code: str | None) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            # Chosen just now, so it wins over LIVE_DESKTOP_LANG (which only sets the start).
            apply_language(app, resolve_language(code, environ={}))
        show = getattr(self.window, "set_language_choice", None)
        if show is not None:
            show(code)

    def _on_controller_event(self, event: Any) -> None:
        if (
            isinstance(event, ev.StateChanged)
            and event.state is ev.ConnectionState.CONNECTING
            and self._vad_pending
        ):
            self._vad_pending = False
            if self.voice is not None:
                self._apply_voice(self.settings)

    def _on_dialog_api_key_saved(self) -> None:
        key = self.keystore.get().key
        endpoint = self.endpoint
        if endpoint.offline:
            # Like "Add API key…": from the next connection on, talk to Gemini.
            endpoint.offline = False
            endpoint.base_url = endpoint.ca_cert = None
            self.window.offline = False
            self.window.offline_banner.hide()
        endpoint.api_key = key
        self.controller.update_endpoint(
            api_key=key, base_url=endpoint.base_url, ca_cert=endpoint.ca_cert
        )
        if not endpoint.base_url:
            self._show_endpoint(describe_endpoint(self.settings))
        if self.dialog is not None:
            self.dialog.test_endpoint = self._override()

    def _show_endpoint(self, label: str) -> None:
        self.endpoint.label = label
        self.window.set_endpoint_label(label)

    def _notice(self, text: str) -> None:
        banner = self.window.notice_banner
        if banner.isVisible() and text in banner.label.text():
            return  # said already; applying twice must not repeat it
        self.window.show_notice(text)
