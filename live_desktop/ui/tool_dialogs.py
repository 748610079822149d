"""Dialogs the tools open: asking the user's consent, and answering a function call by hand.

Both are window-modal and never block the loop: :func:`run_dialog` opens one and awaits its
result, and closes it if the awaiting task is cancelled (the service cancelled the call, or the
connection ended), so a question the model withdrew does not stay on screen.

Qt main thread (the asyncio loop's thread) only.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from live_desktop.core.events import FunctionCall
from live_desktop.core.settings import FunctionDeclarationSettings
from live_desktop.core.tools import parse_manual_answer
from live_desktop.ui.settings_fields import ERROR_COLOR

__all__ = ["ManualAnswerDialog", "ToolConsentDialog", "run_dialog"]


async def run_dialog(dialog: QDialog) -> int:
    """Open ``dialog`` (window-modal) and wait for it to finish; its result code.

    Cancelling the awaiting task rejects and closes the dialog.
    """
    future: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def finished(result: int) -> None:
        if not future.done():
            future.set_result(result)

    dialog.finished.connect(finished)
    dialog.open()
    try:
        return await future
    finally:
        if dialog.isVisible():
            dialog.reject()
        dialog.deleteLater()


def _read_only_text(text: str, parent: QWidget, *, mono: bool = False) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setPlainText(text)
    box.setReadOnly(True)
    box.setTabChangesFocus(True)
    if mono:
        box.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    lines = min(8, max(2, text.count("\n") + 1))
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 16)
    return box


class ToolConsentDialog(QDialog):
    """Asks whether Gemini may do one thing (read the clipboard, open a page...), showing
    exactly what would be shared or opened. Accepted means yes."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        title: str,
        question: str,
        preview: str,
        yes: str,
        no: str,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        self.question = QLabel(question, self)
        self.question.setWordWrap(True)
        layout.addWidget(self.question)
        self.preview = _read_only_text(preview, self)
        self.preview.setAccessibleName(title)
        layout.addWidget(self.preview)
        buttons = QDialogButtonBox(self)
        self.yes_button = QPushButton(yes, self)
        self.no_button = QPushButton(no, self)
        buttons.addButton(self.yes_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.no_button, QDialogButtonBox.ButtonRole.RejectRole)
        # Saying no is the safe answer to a keystroke.
        self.no_button.setDefault(True)
        self.no_button.setFocus()
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class ManualAnswerDialog(QDialog):
    """The user answers a declared function: the call's arguments, a box for the answer (plain
    text, or JSON), Send or Decline. ``response`` is the function response once sent."""

    def __init__(
        self, parent: QWidget | None, call: FunctionCall, function: FunctionDeclarationSettings
    ) -> None:
        super().__init__(parent)
        self.call = call
        self.response: dict[str, Any] | None = None
        self.setWindowTitle(self.tr("Answer {name}").format(name=call.name))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("Gemini called {name}. Type the answer it should get.").format(name=call.name),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if function.description:
            about = QLabel(function.description, self)
            about.setWordWrap(True)
            about.setStyleSheet("font-style: italic;")
            layout.addWidget(about)
        layout.addWidget(QLabel(self.tr("Arguments:"), self))
        shown = json.dumps(dict(call.args), ensure_ascii=False, indent=2) if call.args else "{}"
        self.arguments = _read_only_text(shown, self, mono=True)
        self.arguments.setAccessibleName(self.tr("Arguments"))
        layout.addWidget(self.arguments)
        answer_label = QLabel(self.tr("&Answer:"), self)
        layout.addWidget(answer_label)
        self.answer_edit = QPlainTextEdit(self)
        self.answer_edit.setTabChangesFocus(True)
        self.answer_edit.setPlaceholderText(
            self.tr('Plain text, or JSON such as {"temperature": 21}')
        )
        self.answer_edit.setAccessibleName(self.tr("Answer"))
        answer_label.setBuddy(self.answer_edit)
        layout.addWidget(self.answer_edit, 1)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {ERROR_COLOR};")
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(self)
        self.send_button = QPushButton(self.tr("Send answer"), self)
        self.decline_button = QPushButton(self.tr("Decline"), self)
        buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.decline_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.send_button.setDefault(True)
        # Not buttons.accepted -> accept: the answer is checked first.
        self.send_button.clicked.connect(self._on_send_clicked)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.answer_edit.setFocus()

    def _on_send_clicked(self) -> None:
        text = self.answer_edit.toPlainText()
        try:
            self.response = parse_manual_answer(text)
        except ValueError as exc:
            self._show_problem(exc)
            return
        self.accept()

    def _show_problem(self, exc: ValueError) -> None:
        cause = exc.__cause__
        if isinstance(cause, json.JSONDecodeError):
            text = self.tr(
                "This looks like JSON but is not valid: {error} (line {line}, column {column}). "
                "Fix it, or write the answer as plain text."
            ).format(error=cause.msg, line=cause.lineno, column=cause.colno)
        else:
            text = self.tr("Type an answer, or choose Decline.")
        self.problem.setText(text)
        self.problem.show()
