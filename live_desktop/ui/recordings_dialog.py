"""RecordingsDialog: the conversations recorded on this computer, to export or open.

Lists every recording in the data folder, newest first, with its date, length, turns, whether
it has audio and whether it was repaired after a crash; exports the selected one as Markdown,
JSON or WAV (core/recording.py writes the file) and opens its folder. Qt main thread only.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from live_desktop.core.recording import (
    RecordingError,
    RecordingInfo,
    export_recording,
    list_recordings,
)
from live_desktop.ui.core_texts import translate_core
from live_desktop.ui.settings_fields import ERROR_COLOR

log = logging.getLogger(__name__)

__all__ = ["RecordingsDialog"]

#: Export kinds: suffix -> file dialog filter (marked for lupdate, translated when shown).
_FILTERS = {
    ".md": QT_TRANSLATE_NOOP("RecordingsDialog", "Markdown (*.md)"),
    ".json": QT_TRANSLATE_NOOP("RecordingsDialog", "JSON (*.json)"),
    ".wav": QT_TRANSLATE_NOOP("RecordingsDialog", "WAV audio (*.wav)"),
}


def _length(seconds: float) -> str:
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class RecordingsDialog(QDialog):
    """The recordings under ``root``. ``current()`` is the open conversation's folder (marked
    "Recording now"); ``secrets()`` are redacted from text exports once more."""

    exported = Signal(str)  # the path written

    def __init__(
        self,
        root: Path,
        *,
        current: Callable[[], Path | None] = lambda: None,
        secrets: Callable[[], Iterable[str]] = tuple,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.root = root
        self._current = current
        self._secrets = secrets
        self.recordings: list[RecordingInfo] = []
        self.setWindowTitle(self.tr("Recordings"))
        self.resize(640, 380)

        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Date"),
                self.tr("Length"),
                self.tr("Turns"),
                self.tr("Audio"),
                self.tr("State"),
            ]
        )
        self.table.setAccessibleName(self.tr("Recorded conversations"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.export_button = QPushButton(self.tr("&Export…"), self)
        self.folder_button = QPushButton(self.tr("Open &folder"), self)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.folder_button.clicked.connect(self._on_folder_clicked)

        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)
        self.refresh()

    # ------------------------------------------------------------------ contents
    def refresh(self) -> None:
        """Read the list again (a recording may have closed or been added)."""
        self.recordings = list_recordings(self.root)
        current = self._current()
        self.table.setRowCount(len(self.recordings))
        for row, info in enumerate(self.recordings):
            if info.open and info.path == current:
                state = self.tr("Recording now")
            elif info.repaired:
                state = self.tr("Repaired after the app stopped")
            elif info.open:
                state = self.tr("Not closed (repaired at the next start)")
            else:
                state = ""
            cells = [
                time.strftime("%Y-%m-%d %H:%M", time.localtime(info.started)),
                _length(info.duration_s),
                str(info.turns),
                _length(info.audio_seconds) if info.has_audio else self.tr("None"),
                state,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (1, 2):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        self.empty_label.setText(
            ""
            if self.recordings
            else self.tr(
                "No conversations have been recorded yet. Recording can be switched on and off "
                "in Settings (Advanced)."
            )
        )
        self.empty_label.setVisible(not self.recordings)
        if self.recordings:
            self.table.selectRow(0)
        self._on_table_selection_changed()

    def selected(self) -> RecordingInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.recordings[rows[0].row()]

    # ------------------------------------------------------------------ actions
    def export_selected(self, path: Path) -> Path | None:
        """Export the selected recording to ``path`` (kind from its suffix); None on failure,
        with the reason shown in the dialog."""
        info = self.selected()
        if info is None:
            return None
        try:
            written = export_recording(info.path, path, secrets=self._secrets())
        except RecordingError as exc:
            self._show_status(translate_core(str(exc)), error=True)
            return None
        except OSError as exc:
            log.warning("Export of %s to %s failed: %s", info.path, path, exc)
            self._show_status(
                self.tr("Could not save the recording to {path}: {reason}").format(
                    path=path, reason=exc.strerror or exc
                ),
                error=True,
            )
            return None
        self._show_status(self.tr("Saved to {path}").format(path=written))
        self.exported.emit(str(written))
        return written

    def _on_export_clicked(self) -> None:
        info = self.selected()
        if info is None:
            return
        filters = {suffix: self.tr(str(text)) for suffix, text in _FILTERS.items()}
        if not info.has_audio:
            del filters[".wav"]
        default = Path.home() / f"conversation-{info.path.name}.md"
        name, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export recording"), str(default), ";;".join(filters.values())
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() not in filters:
            suffix = next((s for s, text in filters.items() if text == chosen), ".md")
            path = path.with_suffix(suffix)
        self.export_selected(path)

    def _on_folder_clicked(self) -> None:
        info = self.selected()
        folder = info.path if info is not None else self.root
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self._show_status(
                self.tr("Could not open the folder. It is {path}").format(path=folder),
                error=True,
            )

    def _on_table_selection_changed(self) -> None:
        has = self.selected() is not None
        self.export_button.setEnabled(has)
        self.folder_button.setEnabled(has)

    def _show_status(self, text: str, *, error: bool = False) -> None:
        self.status_label.setStyleSheet(f"color: {ERROR_COLOR};" if error else "")
        self.status_label.setText(text)
