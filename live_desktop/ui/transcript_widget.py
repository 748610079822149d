"""TranscriptWidget: the conversation as a person reads it.

One text block per turn, so a streaming turn is updated in place by block number (a lookup, not a
re-render of the whole conversation) and the pane stays responsive over thousands of turns.
Selectable and copyable like any text.
"""

from __future__ import annotations

import time

from PySide6.QtGui import QColor, QFont, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QWidget

from live_desktop.core.transcript import Role, Turn

_SPEAKER = {
    Role.USER: ("You", "#1565c0"),
    Role.MODEL: ("Gemini", "#2e7d32"),
    Role.TOOL: ("Tool", "#6a1b9a"),
    Role.NOTICE: ("Note", "#b71c1c"),
}

# A soft line break keeps multi-line text (code, tool results) inside the turn's single block.
_LINE_SEPARATOR = "\u2028"


class TranscriptWidget(QTextBrowser):
    """Read-only transcript pane; call ``show_turn`` for every created or changed turn."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setOpenExternalLinks(True)
        self.setAccessibleName(self.tr("Conversation transcript"))
        self.setPlaceholderText(self.tr("The conversation will appear here."))
        self._blocks = 0

    def show_turn(self, turn: Turn, created: bool) -> None:
        bar = self.verticalScrollBar()
        at_bottom = bar.value() >= bar.maximum() - 4
        doc = self.document()
        cursor = QTextCursor(doc)
        if created or turn.index >= self._blocks:
            cursor.movePosition(QTextCursor.MoveOperation.End)
            if self._blocks > 0:
                cursor.insertBlock(self._block_format())
            else:
                cursor.setBlockFormat(self._block_format())
            self._blocks += 1
        else:
            block = doc.findBlockByNumber(turn.index)
            cursor.setPosition(block.position())
            cursor.movePosition(
                QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
            cursor.removeSelectedText()
        self._write_turn(cursor, turn)
        if at_bottom:
            bar.setValue(bar.maximum())

    def plain_turn_text(self, index: int) -> str:
        return self.document().findBlockByNumber(index).text().replace(_LINE_SEPARATOR, "\n")

    @staticmethod
    def _block_format() -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setBottomMargin(8)
        return fmt

    def _write_turn(self, cursor: QTextCursor, turn: Turn) -> None:
        name, color = _SPEAKER[turn.role]
        head = QTextCharFormat()
        head.setFontWeight(QFont.Weight.Bold)
        head.setForeground(QColor(color))
        stamp = QTextCharFormat()
        stamp.setForeground(QColor("#757575"))
        stamp.setFontPointSize(max(7.0, self.font().pointSizeF() * 0.85))
        body = QTextCharFormat()
        cursor.insertText(name, head)
        mode = " 🎙" if turn.spoken and turn.role is Role.USER else ""
        cursor.insertText(
            f"  {time.strftime('%H:%M:%S', time.localtime(turn.started_wall))}{mode}  ", stamp
        )
        text = turn.text.strip() if turn.role in (Role.TOOL, Role.NOTICE) else turn.display_text
        if not text and turn.open:
            text = "…"
        cursor.insertText(text.replace("\n", _LINE_SEPARATOR), body)
        if turn.interrupted:
            note = QTextCharFormat()
            note.setFontItalic(True)
            note.setForeground(QColor("#e65100"))
            cursor.insertText("  — " + self.tr("interrupted"), note)
        for source in turn.sources:
            link = QTextCharFormat()
            link.setAnchor(True)
            link.setAnchorHref(source.uri)
            link.setForeground(QColor("#1565c0"))
            link.setFontUnderline(True)
            cursor.insertText(_LINE_SEPARATOR + "↳ ", body)
            cursor.insertText(source.title or source.uri, link)
