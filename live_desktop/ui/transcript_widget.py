"""TranscriptWidget: the conversation as a person reads it.

One text block per turn (lines inside a turn are soft line breaks), so a streaming turn is
rewritten in place by block number and nothing else in the document changes: the layout redoes
that one block, and the pane stays responsive over thousands of turns. Undo is off (a read-only
pane would otherwise keep every fragment ever shown). Selectable and copyable like any text;
grounding sources are links.

Called on the Qt main thread, for every turn the TranscriptModel creates or changes.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from live_desktop.core.transcript import SPEAKERS, Role, Turn
from live_desktop.ui.core_texts import translate_core
from live_desktop.ui.theme import ThemeColors, colors_for

# A soft line break keeps multi-line text (code, tool results) inside the turn's single block.
_LINE_SEPARATOR = "\u2028"
_NEWLINES = str.maketrans({"\n": _LINE_SEPARATOR, "\r": None, "\u2029": _LINE_SEPARATOR})

# The speakers and tool labels core names (core.transcript), marked for lupdate; translated
# with self.tr() where shown.
_CORE_NAMES = (
    QT_TRANSLATE_NOOP("TranscriptWidget", "You"),
    QT_TRANSLATE_NOOP("TranscriptWidget", "Gemini"),
    QT_TRANSLATE_NOOP("TranscriptWidget", "Tool"),
    QT_TRANSLATE_NOOP("TranscriptWidget", "Note"),
    QT_TRANSLATE_NOOP("TranscriptWidget", "Function call"),
    QT_TRANSLATE_NOOP("TranscriptWidget", "Code"),
    QT_TRANSLATE_NOOP("TranscriptWidget", "Code result"),
    QT_TRANSLATE_NOOP("TranscriptWidget", "Function result"),
    QT_TRANSLATE_NOOP("TranscriptWidget", "Function error"),
    QT_TRANSLATE_NOOP("TranscriptWidget", "Declined"),
    QT_TRANSLATE_NOOP("TranscriptWidget", "Cancelled"),
)


class TranscriptWidget(QTextBrowser):
    """Read-only transcript pane; call ``show_turn`` for every created or changed turn."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setOpenExternalLinks(True)
        self.setTabChangesFocus(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self._retranslate()
        self.document().setUndoRedoEnabled(False)
        self.document().setDocumentMargin(8)
        self._turns: list[Turn] = []  # by index: what each block shows, for a re-render
        self.blocks_written = 0
        """Blocks (re)written since creation: one per created or changed turn, not more."""
        self._colors = colors_for(self.palette())
        self._mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)

    # ------------------------------------------------------------------ API
    def show_turn(self, turn: Turn, created: bool) -> None:
        bar = self.verticalScrollBar()
        at_bottom = bar.value() >= bar.maximum() - 4
        doc = self.document()
        cursor = QTextCursor(doc)
        if created or turn.index >= len(self._turns):
            cursor.movePosition(QTextCursor.MoveOperation.End)
            if self._turns:
                cursor.insertBlock(self._block_format(turn))
            else:
                cursor.setBlockFormat(self._block_format(turn))
            self._turns.append(turn)
        else:
            self._turns[turn.index] = turn
            block = doc.findBlockByNumber(turn.index)
            cursor.setPosition(block.position())
            cursor.movePosition(
                QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
            cursor.removeSelectedText()
            cursor.setBlockFormat(self._block_format(turn))
        self._write_turn(cursor, turn)
        self.blocks_written += 1
        if at_bottom:
            bar.setValue(bar.maximum())

    def clear_turns(self) -> None:
        self._turns.clear()
        self.document().clear()

    @property
    def turn_count(self) -> int:
        return len(self._turns)

    def plain_turn_text(self, index: int) -> str:
        return self.document().findBlockByNumber(index).text().replace(_LINE_SEPARATOR, "\n")

    # ------------------------------------------------------------------ rendering
    def _retranslate(self) -> None:
        self.setAccessibleName(self.tr("Conversation transcript"))
        self.setPlaceholderText(self.tr("The conversation will appear here."))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self._rerender()
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            colors = colors_for(self.palette())
            if colors is not self._colors:
                self._colors = colors
                self._rerender()

    def _rerender(self) -> None:
        """Write every turn again (a theme switch): the one time the whole document changes."""
        turns, self._turns = self._turns, []
        self.document().clear()
        for turn in turns:
            self.show_turn(turn, True)

    def _block_format(self, turn: Turn) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setTopMargin(2)
        fmt.setBottomMargin(6)
        fmt.setLeftMargin(4)
        fmt.setRightMargin(4)
        fmt.setLineHeight(115, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        background = {
            Role.USER: self._colors.user_background,
            Role.TOOL: self._colors.tool_background,
        }.get(turn.role)
        if background:
            fmt.setBackground(QColor(background))
        return fmt

    def _speaker_color(self, role: Role) -> str:
        c: ThemeColors = self._colors
        return {Role.USER: c.user, Role.MODEL: c.model, Role.TOOL: c.tool, Role.NOTICE: c.notice}[
            role
        ]

    def _write_turn(self, cursor: QTextCursor, turn: Turn) -> None:
        colors = self._colors
        head = QTextCharFormat()
        head.setFontWeight(QFont.Weight.Bold)
        head.setForeground(QColor(self._speaker_color(turn.role)))
        stamp = QTextCharFormat()
        stamp.setForeground(QColor(colors.stamp))
        stamp.setFontPointSize(max(7.0, self.font().pointSizeF() * 0.85))
        body = QTextCharFormat()
        name = self.tr(SPEAKERS[turn.role])
        if turn.role is Role.TOOL and turn.label:
            name = f"{name} · {self.tr(turn.label)}"
        cursor.insertText(name, head)
        details = [time.strftime("%H:%M:%S", time.localtime(turn.started_wall))]
        if turn.spoken and turn.role in (Role.USER, Role.MODEL):
            details.append(self.tr("voice"))
        cursor.insertText("   " + " · ".join(details) + _LINE_SEPARATOR, stamp)

        if turn.role is Role.TOOL:
            text = turn.text.strip()
            body.setFont(self._mono)
            body.setFontPointSize(max(7.0, self.font().pointSizeF() * 0.95))
        elif turn.role is Role.NOTICE:
            text = translate_core(turn.text.strip())
            body.setForeground(QColor(colors.notice))
        else:
            text = turn.display_text
        if not text and turn.open:
            text = "…"
        cursor.insertText(text.translate(_NEWLINES), body)

        if turn.interrupted:
            note = QTextCharFormat()
            note.setFontItalic(True)
            note.setForeground(QColor(colors.interrupted))
            cursor.insertText("  — " + self.tr("interrupted"), note)
        if turn.queries:
            searched = self.tr("Searched: {queries}").format(queries="; ".join(turn.queries))
            cursor.insertText(_LINE_SEPARATOR + searched, stamp)
        for source in turn.sources:
            link = QTextCharFormat()
            link.setAnchor(True)
            link.setAnchorHref(source.uri)
            link.setForeground(QColor(colors.link))
            link.setFontUnderline(True)
            link.setToolTip(source.uri)
            cursor.insertText(_LINE_SEPARATOR + self.tr("Source: "), stamp)
            cursor.insertText((source.title or source.uri).translate(_NEWLINES), link)
