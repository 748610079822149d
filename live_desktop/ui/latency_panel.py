"""The latency panel: per turn, end of the user's speech → first model audio received → first
audible sample, the jitter buffer's underruns, and a chart of the last turns.

Figures come from core's :class:`~live_desktop.core.turn_latency.TurnLatencyLog`, which reads
the audio engine's own timestamps (ADC time of the speech end, receive time of the audio, DAC
time of its first sample). A 4 Hz timer polls the jitter buffer and redraws only when a figure
changed. Qt main thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from live_desktop.core.turn_latency import TurnLatency, TurnLatencyLog
from live_desktop.ui.theme import colors_for

CHART_TURNS = 20
_NICE_STEPS = (50, 100, 200, 250, 500, 1000, 2000, 5000)


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


class LatencyChartWidget(QWidget):
    """Stacked bars, one per turn: speech end → first audio (service) and first audio →
    audible (this computer); a red mark with the count over a turn that had underruns."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.turns: list[TurnLatency] = []
        self.legend = ("", "", "")
        self.empty_text = ""
        self.setMinimumHeight(150)

    def set_turns(self, turns: list[TurnLatency]) -> None:
        self.turns = turns[-CHART_TURNS:]
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, 190)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.update()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        colors = colors_for(self.palette())
        network, local, underrun = (
            QColor(colors.mic_wave),
            QColor(colors.speaker_wave),
            QColor(colors.level_clip),
        )
        text_color = self.palette().color(self.foregroundRole())
        grid = QColor(text_color)
        grid.setAlpha(50)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = self.fontMetrics()
        line = fm.height()

        # Legend across the top.
        x = 4.0
        for color, label in ((network, self.legend[0]), (local, self.legend[1])):
            painter.fillRect(QRectF(x, 4 + line / 2 - 5, 10, 10), color)
            painter.setPen(text_color)
            painter.drawText(QPointF(x + 14, 4 + fm.ascent()), label)
            x += 14 + fm.horizontalAdvance(label) + 16
        painter.setPen(underrun)
        painter.setBrush(underrun)
        painter.drawEllipse(QPointF(x + 4, 4 + line / 2), 4, 4)
        painter.setPen(text_color)
        painter.drawText(QPointF(x + 12, 4 + fm.ascent()), self.legend[2])

        left = fm.horizontalAdvance("10,000") + 8
        top = 8 + line * 2.3
        bottom = self.height() - line - 6
        right = self.width() - 6
        plot = QRectF(left, top, max(10.0, right - left), max(10.0, bottom - top))
        totals = [
            (t.speech_to_received_ms or 0.0) + (t.received_to_audible_ms or 0.0) for t in self.turns
        ]
        peak = max(totals, default=0.0)
        step = next((s for s in _NICE_STEPS if peak / s <= 5), _NICE_STEPS[-1])
        top_ms = max(step, step * -(-peak // step))

        painter.setPen(text_color)
        unit_y = top - fm.ascent() / 2 - 4
        painter.drawText(QPointF(plot.left() - 6 - fm.horizontalAdvance("ms"), unit_y), "ms")
        value = 0.0
        while value <= top_ms:
            y = plot.bottom() - value / top_ms * plot.height()
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text_color)
            label = f"{value:,.0f}"
            painter.drawText(
                QPointF(plot.left() - 6 - fm.horizontalAdvance(label), y + fm.ascent() / 2 - 1),
                label,
            )
            value += step

        if not self.turns:
            painter.setPen(text_color)
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        slot = plot.width() / CHART_TURNS
        width = max(3.0, slot * 0.6)
        for i, turn in enumerate(self.turns):
            cx = plot.left() + slot * (i + 0.5)
            y = plot.bottom()
            for ms, color in (
                (turn.speech_to_received_ms, network),
                (turn.received_to_audible_ms, local),
            ):
                if not ms or ms <= 0:
                    continue
                h = ms / top_ms * plot.height()
                painter.fillRect(QRectF(cx - width / 2, y - h, width, h), color)
                y -= h
            if turn.underruns:
                painter.setPen(underrun)
                painter.setBrush(underrun)
                painter.drawEllipse(QPointF(cx, y - 7), 4, 4)
            painter.setPen(text_color)
            label = str(turn.index)
            painter.drawText(
                QPointF(cx - fm.horizontalAdvance(label) / 2, plot.bottom() + fm.ascent() + 2),
                label,
            )
        painter.end()


class LatencyPanelWidget(QWidget):
    """Summary line, chart and per-turn table of a :class:`TurnLatencyLog`."""

    REFRESH_MS = 250
    COLUMNS = 6

    def __init__(self, log: TurnLatencyLog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("latencyPanel")
        self.log = log
        self._shown_version = -1
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.chart = LatencyChartWidget(self)
        self.table = QTableWidget(0, self.COLUMNS, self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.COLUMNS - 1, QHeaderView.ResizeMode.Stretch)
        char = self.fontMetrics().averageCharWidth()
        for column, chars in enumerate((5, 15, 14, 10, 7)):
            header.resizeSection(column, char * chars + 16)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.chart)
        self.splitter.addWidget(self.table)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.splitter, 1)

        self._timer = QTimer(self)
        self._timer.setInterval(self.REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.retranslate_ui()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def row_texts(self) -> list[list[str]]:
        """What the table shows, row by row (newest first)."""
        return [
            [
                (self.table.item(r, c).text() if self.table.item(r, c) else "")
                for c in range(self.COLUMNS)
            ]
            for r in range(self.table.rowCount())
        ]

    def refresh(self, *, force: bool = False) -> None:
        self.log.poll()
        if not self.isVisible() and not force:
            return  # caught up when shown
        if self.log.version == self._shown_version and not force:
            self._update_summary()
            return
        self._shown_version = self.log.version
        turns = list(self.log.turns)
        self.chart.set_turns(turns)
        self.table.setRowCount(len(turns))
        for row, turn in enumerate(reversed(turns)):
            notes = []
            if turn.speech_end_at is None:
                notes.append(self.tr("no speech end before it (typed, or a second reply)"))
            if turn.interrupted:
                notes.append(self.tr("interrupted"))
            elif not turn.complete:
                notes.append(self.tr("playing"))
            if turn.first_audible_at is None and turn.complete:
                notes.append(self.tr("not heard (no speaker, or cut off)"))
            cells = [
                str(turn.index),
                _ms(turn.speech_to_received_ms),
                _ms(turn.received_to_audible_ms),
                _ms(turn.voice_to_voice_ms),
                str(turn.underruns),
                "; ".join(notes),
            ]
            for column, text in enumerate(cells):
                item = self.table.item(row, column)
                if item is None:
                    item = QTableWidgetItem()
                    self.table.setItem(row, column, item)
                item.setText(text)
                if column < self.COLUMNS - 1:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
        self._update_summary()

    def retranslate_ui(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Turn"),
                self.tr("Speech end →\nfirst audio, ms"),
                self.tr("First audio →\naudible, ms"),
                self.tr("Voice-to-\nvoice, ms"),
                self.tr("Under-\nruns"),
                self.tr("Notes"),
            ]
        )
        header = self.table.horizontalHeaderItem(1)
        if header is not None:
            header.setToolTip(
                self.tr(
                    "From the end of your speech (at the microphone) to the first audio of the "
                    "reply arriving: the network and the service"
                )
            )
        header = self.table.horizontalHeaderItem(2)
        if header is not None:
            header.setToolTip(
                self.tr(
                    "From the reply's first audio arriving to its first sample at the speaker: "
                    "decoding, resampling, the jitter buffer and the sound device"
                )
            )
        self.table.setAccessibleName(self.tr("Latency per turn"))
        self.chart.setAccessibleName(self.tr("Latency of the last turns"))
        self.chart.legend = (
            self.tr("speech end → first audio"),
            self.tr("first audio → audible"),
            self.tr("underruns"),
        )
        self.chart.empty_text = self.tr("No reply yet. Speak or type to see each turn here.")
        self.refresh(force=True)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "chart"):
            self.retranslate_ui()
        super().changeEvent(event)

    def _update_summary(self) -> None:
        turns = list(self.log.turns)
        parts = []
        last = next((t.voice_to_voice_ms for t in reversed(turns) if t.voice_to_voice_ms), None)
        parts.append(self.tr("Voice-to-voice: last {ms} ms").format(ms=_ms(last)))
        median = self.log.percentile(50, CHART_TURNS)
        p90 = self.log.percentile(90, CHART_TURNS)
        if median is not None:
            parts.append(
                self.tr("median {median} ms, 90th percentile {p90} ms (last {n} turns)").format(
                    median=_ms(median), p90=_ms(p90), n=min(len(turns), CHART_TURNS)
                )
            )
        probe = self.log.playback()
        if probe is not None:
            parts.append(
                self.tr(
                    "jitter buffer underruns: {underruns} in {turns} turns, pre-buffer {ms} ms"
                ).format(
                    underruns=sum(t.underruns for t in turns),
                    turns=len(turns),
                    ms=f"{probe.prebuffer_ms:.0f}",
                )
            )
        elif not self.log.has_playback:
            parts.append(self.tr("no speaker: audible times are not measured"))
        self.summary_label.setText(" · ".join(parts))
