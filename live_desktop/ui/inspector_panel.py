"""The event inspector window: every Live API message, newest at the bottom, filterable,
pausable, exportable as JSONL.

The rows come from core's :class:`~live_desktop.core.inspector.EventInspector` ring buffer,
pulled by a 5 Hz timer in one batch (one ``beginInsertRows`` per tick, never a signal per
message: a voice session brings ~75 messages a second). Pausing freezes the table; capture goes
on, and the rows that came meanwhile are added on resume (as many as the core buffer still
holds). Qt main thread only.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFontDatabase, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from live_desktop.core.inspector import IN, MEDIA_TYPES, EventInspector, WireRecord
from live_desktop.ui.theme import colors_for

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex

# Filter choices besides one message type.
ALL = "*"
NO_MEDIA = "-media"

COLUMNS = 5
TIME, DIRECTION, TYPE, SIZE, SUMMARY = range(COLUMNS)


class WireTableModel(QAbstractTableModel):
    """The rows the table shows: the newest ``max_rows`` records, appended in batches."""

    def __init__(self, max_rows: int = 5000, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.max_rows = max_rows
        self.records: list[WireRecord] = []
        self._headers = [""] * COLUMNS
        self._directions = ("", "")
        self._in_color = QColor()
        self._out_color = QColor()

    def set_texts(self, headers: list[str], sent: str, received: str) -> None:
        self._headers = headers
        self._directions = (sent, received)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMNS - 1)
        if self.records:
            self.dataChanged.emit(self.index(0, DIRECTION), self.index(len(self.records) - 1, 1))

    def set_colors(self, sent: QColor, received: QColor) -> None:
        self._out_color, self._in_color = sent, received

    def append(self, records: list[WireRecord]) -> None:
        if not records:
            return
        records = records[-self.max_rows :]
        overflow = len(self.records) + len(records) - self.max_rows
        if overflow > 0:
            self.beginRemoveRows(QModelIndex(), 0, overflow - 1)
            del self.records[:overflow]
            self.endRemoveRows()
        first = len(self.records)
        self.beginInsertRows(QModelIndex(), first, first + len(records) - 1)
        self.records.extend(records)
        self.endInsertRows()

    def clear(self) -> None:
        self.beginResetModel()
        self.records = []
        self.endResetModel()

    # -- QAbstractTableModel ------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self.records[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TIME:
                return dt.datetime.fromtimestamp(record.wall).strftime("%H:%M:%S.%f")[:-3]
            if column == DIRECTION:
                return self._directions[record.direction == IN]
            if column == TYPE:
                return record.type_label
            if column == SIZE:
                return f"{record.size:,}"
            return record.summary
        if role == Qt.ItemDataRole.ForegroundRole and column == DIRECTION:
            color = self._in_color if record.direction == IN else self._out_color
            return color if color.isValid() else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column in (TYPE, SUMMARY):
            return f"{record.type_label}\n{record.summary}"
        if role == Qt.ItemDataRole.UserRole:
            return record
        return None


class WireFilterModel(QSortFilterProxyModel):
    """Shows the rows of one message type, all but media, or all."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = ALL

    def set_choice(self, choice: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+; invalidateRowsFilter is deprecated
            self.beginFilterChange()
            self.choice = choice
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.choice = choice
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self.choice == ALL:
            return True
        model = self.sourceModel()
        assert isinstance(model, WireTableModel)
        types = model.records[source_row].types
        if self.choice == NO_MEDIA:
            return not all(t in MEDIA_TYPES for t in types)
        return self.choice in types


class InspectorWidget(QWidget):
    """Table of messages with a filter, Pause, Clear and Export; details of the selected one."""

    exported = Signal(str)  # path of the file written

    REFRESH_MS = 200

    def __init__(self, inspector: EventInspector, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventInspector")
        self.inspector = inspector
        self._last_seq = 0  # what the buffer holds already is shown at once
        self._known_types: set[str] = set()

        self.filter_label = QLabel(self)
        self.filter_combo = QComboBox(self)
        self.filter_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.filter_label.setBuddy(self.filter_combo)
        self.pause_button = QPushButton(self)
        self.pause_button.setCheckable(True)
        self.clear_button = QPushButton(self)
        self.export_button = QPushButton(self)
        self.status_label = QLabel(self)
        bar = QHBoxLayout()
        bar.addWidget(self.filter_label)
        bar.addWidget(self.filter_combo)
        bar.addWidget(self.pause_button)
        bar.addWidget(self.clear_button)
        bar.addWidget(self.export_button)
        bar.addStretch(1)
        bar.addWidget(self.status_label)

        self.model = WireTableModel(parent=self)
        self.proxy = WireFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        for column, chars in ((TIME, 13), (DIRECTION, 11), (TYPE, 34), (SIZE, 8)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, self.fontMetrics().averageCharWidth() * chars + 12)
        self.detail = QPlainTextEdit(self)
        self.detail.setReadOnly(True)
        self.detail.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.detail.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([300, 200])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

        self.filter_combo.currentIndexChanged.connect(self._on_filter_combo_changed)
        self.pause_button.toggled.connect(self._on_pause_button_toggled)
        self.clear_button.clicked.connect(self._on_clear_button_clicked)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)

        self._timer = QTimer(self)
        self._timer.setInterval(self.REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.retranslate_ui()
        self._apply_colors()
        self.refresh()

    # ------------------------------------------------------------------ state
    @property
    def paused(self) -> bool:
        return self.pause_button.isChecked()

    def set_paused(self, paused: bool) -> None:
        self.pause_button.setChecked(paused)

    @property
    def waiting(self) -> int:
        """Messages captured while paused, not shown yet."""
        return max(0, self.inspector.seq - self._last_seq)

    def visible_records(self) -> list[WireRecord]:
        """The records the table shows now, with the filter applied (for tests and export)."""
        rows = self.proxy.rowCount()
        return [self.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(rows)]

    def refresh(self) -> None:
        """Take what the inspector captured since the last tick (unless paused)."""
        if self.inspector.seq < self._last_seq:
            self._last_seq = 0  # the inspector was cleared elsewhere
        if not self.isVisible():
            return  # a closed dock costs nothing; it catches up when shown
        if not self.paused:
            new = self.inspector.since(self._last_seq)
            self._last_seq = self.inspector.seq
            if new:
                bar = self.table.verticalScrollBar()
                at_bottom = bar.value() >= bar.maximum() - 2
                self.model.append(new)
                if at_bottom:
                    self.table.scrollToBottom()
        if len(self.inspector.type_counts) != len(self._known_types):
            self._update_filter_choices()
        self._update_status()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def export(self, path: str | Path) -> int:
        count = self.inspector.export_jsonl(path)
        self.exported.emit(str(path))
        return count

    # ------------------------------------------------------------------ texts
    def retranslate_ui(self) -> None:
        self.filter_label.setText(self.tr("&Show:"))
        self.filter_combo.setAccessibleName(self.tr("Message type filter"))
        self.pause_button.setText(self.tr("&Resume") if self.paused else self.tr("&Pause"))
        self.pause_button.setToolTip(
            self.tr("Freeze the table; messages are still captured and appear on resume")
        )
        self.clear_button.setText(self.tr("C&lear"))
        self.export_button.setText(self.tr("&Export JSONL…"))
        self.export_button.setToolTip(
            self.tr("Save every captured message as JSON lines, with keys and tokens removed")
        )
        self.table.setAccessibleName(self.tr("Messages"))
        self.detail.setAccessibleName(self.tr("Selected message"))
        self.detail.setPlaceholderText(self.tr("Select a message to see it in full."))
        self.model.set_texts(
            [
                self.tr("Time"),
                self.tr("Direction"),
                self.tr("Type"),
                self.tr("Bytes"),
                self.tr("Summary"),
            ],
            self.tr("↑ sent"),
            self.tr("↓ received"),
        )
        self._update_filter_choices(force=True)
        self._update_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "model"):
            self.retranslate_ui()
        palette = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
        if event.type() in palette and hasattr(self, "model"):
            self._apply_colors()
        super().changeEvent(event)

    def _apply_colors(self) -> None:
        colors = colors_for(self.palette())
        self.model.set_colors(QColor(colors.user), QColor(colors.model))

    def _update_filter_choices(self, *, force: bool = False) -> None:
        types = set(self.inspector.type_counts)
        if not force and types == self._known_types:
            return
        self._known_types = types
        current = self.filter_combo.currentData() or ALL
        self.filter_combo.blockSignals(True)
        self.filter_combo.clear()
        self.filter_combo.addItem(self.tr("All messages"), ALL)
        self.filter_combo.addItem(self.tr("All but audio and video"), NO_MEDIA)
        if types:
            self.filter_combo.insertSeparator(self.filter_combo.count())
        for name in sorted(types):
            self.filter_combo.addItem(name, name)
        found = self.filter_combo.findData(current)
        self.filter_combo.setCurrentIndex(max(found, 0))
        self.filter_combo.blockSignals(False)

    def _update_status(self) -> None:
        shown = self.proxy.rowCount()
        parts = [
            self.tr("{shown} of {total} shown").format(
                shown=f"{shown:,}", total=f"{self.model.rowCount():,}"
            ),
            self.tr("sent {size}").format(size=_kb(self.inspector.bytes_out)),
            self.tr("received {size}").format(size=_kb(self.inspector.bytes_in)),
        ]
        if self.paused:
            parts.append(self.tr("paused: {count} new").format(count=f"{self.waiting:,}"))
        self.status_label.setText(" · ".join(parts))

    # ------------------------------------------------------------------ slots
    def _on_filter_combo_changed(self, _index: int) -> None:
        self.proxy.set_choice(self.filter_combo.currentData() or ALL)
        self.table.scrollToBottom()
        self._update_status()

    def _on_pause_button_toggled(self, paused: bool) -> None:
        self.pause_button.setText(self.tr("&Resume") if paused else self.tr("&Pause"))
        if not paused:
            self.refresh()
        self._update_status()

    def _on_clear_button_clicked(self) -> None:
        self.inspector.clear()
        self.model.clear()
        self._last_seq = self.inspector.seq
        self.detail.clear()
        self._update_filter_choices(force=True)
        self._update_status()

    def _on_export_button_clicked(self) -> None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export messages"),
            str(Path.home() / f"live-desktop-messages-{stamp}.jsonl"),
            self.tr("JSON lines (*.jsonl);;All files (*)"),
        )
        if not path:
            return
        try:
            count = self.export(path)
        except OSError as exc:
            log.warning("Could not export the messages to %s: %s", path, exc)
            self.status_label.setText(
                self.tr("Could not save {path}: {reason}").format(
                    path=path, reason=exc.strerror or exc
                )
            )
            return
        self.status_label.setText(
            self.tr("{count} messages saved to {path}").format(count=f"{count:,}", path=path)
        )

    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record = current.data(Qt.ItemDataRole.UserRole) if current.isValid() else None
        if not isinstance(record, WireRecord):
            self.detail.clear()
            return
        body = json.dumps(record.message(), indent=2, ensure_ascii=False)
        self.detail.setPlainText(f"#{record.seq} {record.type_label} — {record.summary}\n{body}")


def _kb(size: int) -> str:
    if size < 10_000:
        return f"{size:,} B"
    if size < 10_000_000:
        return f"{size / 1000:,.0f} kB"
    return f"{size / 1_000_000:,.1f} MB"
