"""The About dialog: what this build is made of, for a bug report.

Versions are read when the dialog opens, never at start-up (PortAudio is loaded lazily).
"""

from __future__ import annotations

import html
import platform
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from live_desktop import APP_NAME, __version__


def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return QCoreApplication.translate("AboutDialog", "not installed")


def _portaudio_version() -> str:
    from live_desktop.devices.audio_devices import sounddevice

    try:
        text = str(sounddevice().get_portaudio_version()[1])
    except Exception as exc:  # no PortAudio at all is a fact to report, not a crash
        return QCoreApplication.translate("AboutDialog", "not available ({reason})").format(
            reason=exc.__class__.__name__
        )
    # "PortAudio V19.6.0-devel, revision 396fe4b..." -> "V19.6.0-devel, revision 396fe4b"
    text = text.removeprefix("PortAudio ")
    head, sep, revision = text.partition(", revision ")
    return f"{head}{sep}{revision[:7]}" if sep else text


def versions() -> dict[str, str]:
    """Component -> version, in the order a bug report wants them."""
    return {
        APP_NAME: __version__,
        "Python": f"{platform.python_version()} ({platform.python_implementation()})",
        "Qt": qVersion(),
        "PySide6": pyside_version,
        "google-genai": _package_version("google-genai"),
        "PortAudio": _portaudio_version(),
        "System": f"{platform.system()} {platform.release()} ({platform.machine()})",
    }


class AboutDialog(QDialog):
    """App name, purpose and versions; the versions can be copied as plain text."""

    def __init__(self, parent: QWidget | None = None, *, log_dir: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About {app}").format(app=APP_NAME))
        self.info = versions()
        if log_dir:
            self.info[self.tr("Log folder")] = log_dir
        rows = "".join(
            f"<tr><td style='padding-right:12px'><b>{html.escape(k)}</b></td>"
            f"<td>{html.escape(v)}</td></tr>"
            for k, v in self.info.items()
        )
        title = QLabel(
            f"<h2>{html.escape(APP_NAME)} {html.escape(__version__)}</h2>"
            + html.escape(
                self.tr("Real-time voice and video conversations with Gemini through the Live API.")
            ),
            self,
        )
        title.setWordWrap(True)
        self.table = QLabel(f"<table>{rows}</table>", self)
        self.table.setTextFormat(Qt.TextFormat.RichText)
        self.table.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table.setAccessibleName(self.tr("Versions"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self.tr("&Copy versions"), self)
        self.copy_button.setAccessibleName(self.tr("Copy the versions to the clipboard"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    def plain_text(self) -> str:
        return "\n".join(f"{k}: {v}" for k, v in self.info.items())

    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.plain_text())
