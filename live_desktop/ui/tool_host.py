"""QtToolHost: what the tools do on the desktop (core/tools.py's ``ToolHost``).

Clipboard and browser go through Qt and always ask first (one dialog per call); notifications
use the system tray where there is one and fall back to the window's notice banner where there
is not; the screenshot is taken by ``devices/screenshot.py`` on a worker thread; a declared
function answered by the user opens :class:`~live_desktop.ui.tool_dialogs.ManualAnswerDialog`.

Qt main thread (the asyncio loop's thread) only.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QStyle, QSystemTrayIcon, QWidget

from live_desktop import APP_NAME
from live_desktop.core.events import FunctionCall
from live_desktop.core.settings import FunctionDeclarationSettings
from live_desktop.core.tools import Screenshot, ToolError
from live_desktop.ui.tool_dialogs import ManualAnswerDialog, ToolConsentDialog, run_dialog

__all__ = ["QtToolHost"]

#: Every text the host shows, marked for lupdate; translated where used.
_TEXTS = {
    "read_title": QT_TRANSLATE_NOOP("QtToolHost", "Share the clipboard?"),
    "read_question": QT_TRANSLATE_NOOP(
        "QtToolHost", "Gemini asks to read your clipboard. This is the text it would get:"
    ),
    "read_empty": QT_TRANSLATE_NOOP("QtToolHost", "(The clipboard holds no text.)"),
    "read_yes": QT_TRANSLATE_NOOP("QtToolHost", "Share"),
    "read_no": QT_TRANSLATE_NOOP("QtToolHost", "Don't share"),
    "write_title": QT_TRANSLATE_NOOP("QtToolHost", "Copy to the clipboard?"),
    "write_question": QT_TRANSLATE_NOOP(
        "QtToolHost", "Gemini wants to put this text on your clipboard:"
    ),
    "write_yes": QT_TRANSLATE_NOOP("QtToolHost", "Copy"),
    "write_no": QT_TRANSLATE_NOOP("QtToolHost", "Don't copy"),
    "open_title": QT_TRANSLATE_NOOP("QtToolHost", "Open a web page?"),
    "open_question": QT_TRANSLATE_NOOP(
        "QtToolHost", "Gemini wants to open this web page in your browser:"
    ),
    "open_yes": QT_TRANSLATE_NOOP("QtToolHost", "Open"),
    "open_no": QT_TRANSLATE_NOOP("QtToolHost", "Don't open"),
    "notice": QT_TRANSLATE_NOOP("QtToolHost", "Notification from Gemini: {title}: {message}"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("QtToolHost", text)


class QtToolHost:
    """The desktop side of the tools for one window.

    ``screenshot`` captures the screen (blocking; run on a worker thread); ``notice`` shows a
    sentence in the window (the notification fallback). ``dialogs`` are the ones open now.
    """

    def __init__(
        self,
        parent: QWidget | None,
        *,
        screenshot: Callable[[], Screenshot],
        notice: Callable[[str], None],
    ) -> None:
        self._parent = parent
        self._screenshot = screenshot
        self._notice = notice
        self._tray: QSystemTrayIcon | None = None
        self.dialogs: list[QDialog] = []
        self.notifications: list[tuple[str, str, str]] = []  # (where, title, message)

    def close(self) -> None:
        """Close open dialogs and remove the tray icon (at quit)."""
        for dialog in list(self.dialogs):
            dialog.reject()
        if self._tray is not None:
            self._tray.hide()
            self._tray.deleteLater()
            self._tray = None

    async def _ask(self, dialog: QDialog) -> bool:
        self.dialogs.append(dialog)
        try:
            return await run_dialog(dialog) == QDialog.DialogCode.Accepted
        finally:
            self.dialogs.remove(dialog)

    # ----------------------------------------------------------------- ToolHost
    async def read_clipboard(self) -> str | None:
        text = QGuiApplication.clipboard().text()
        dialog = ToolConsentDialog(
            self._parent,
            title=_tr(_TEXTS["read_title"]),
            question=_tr(_TEXTS["read_question"]),
            preview=text or _tr(_TEXTS["read_empty"]),
            yes=_tr(_TEXTS["read_yes"]),
            no=_tr(_TEXTS["read_no"]),
        )
        if not await self._ask(dialog):
            return None
        # Exactly what the user agreed to share: something copied while the dialog was open
        # (a password, say) was never shown to them.
        return text

    async def write_clipboard(self, text: str) -> bool:
        dialog = ToolConsentDialog(
            self._parent,
            title=_tr(_TEXTS["write_title"]),
            question=_tr(_TEXTS["write_question"]),
            preview=text,
            yes=_tr(_TEXTS["write_yes"]),
            no=_tr(_TEXTS["write_no"]),
        )
        if not await self._ask(dialog):
            return False
        QGuiApplication.clipboard().setText(text)
        return True

    async def open_url(self, url: str) -> bool:
        dialog = ToolConsentDialog(
            self._parent,
            title=_tr(_TEXTS["open_title"]),
            question=_tr(_TEXTS["open_question"]),
            preview=url,
            yes=_tr(_TEXTS["open_yes"]),
            no=_tr(_TEXTS["open_no"]),
        )
        if not await self._ask(dialog):
            return False
        if not QDesktopServices.openUrl(QUrl(url, QUrl.ParsingMode.StrictMode)):
            raise ToolError(f"No browser could be started to open {url}.")
        return True

    async def notify(self, title: str, message: str) -> str:
        if QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages():
            if self._tray is None:
                style = QApplication.style()
                icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
                self._tray = QSystemTrayIcon(icon, self._parent)
                self._tray.setToolTip(APP_NAME)
            self._tray.show()
            self._tray.showMessage(title, message, QSystemTrayIcon.MessageIcon.Information, 10_000)
            where = "desktop"
        else:
            # No tray (a minimal window manager, offscreen): the window's banner instead.
            self._notice(_tr(_TEXTS["notice"]).format(title=title, message=message))
            where = "window"
        self.notifications.append((where, title, message))
        return where

    async def screenshot(self) -> Screenshot:
        return await asyncio.get_running_loop().run_in_executor(None, self._screenshot)

    async def answer(
        self, call: FunctionCall, function: FunctionDeclarationSettings
    ) -> dict[str, Any] | None:
        dialog = ManualAnswerDialog(self._parent, call, function)
        if not await self._ask(dialog):
            return None
        return dialog.response
