"""ConversationViewModel: the session controller and transcript as Qt signals for widgets.

Lives on the Qt main thread, which is also the asyncio loop's thread (qasync), so controller
events arrive here directly and are re-emitted as signals without crossing threads.
"""

from __future__ import annotations

import asyncio
import logging
import time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal

from live_desktop.core import events as ev
from live_desktop.core.errors import classify
from live_desktop.core.session import SessionController
from live_desktop.core.transcript import TranscriptModel, Turn
from live_desktop.core.usage import SessionSummary, UsageMeter
from live_desktop.ui.core_texts import translate_core

log = logging.getLogger(__name__)

#: What the window says when an action itself fails (before the reason).
_FAILED = {
    "connect": QT_TRANSLATE_NOOP("ConversationViewModel", "Could not connect."),
    "disconnect": QT_TRANSLATE_NOOP("ConversationViewModel", "Could not disconnect."),
    "send the message": QT_TRANSLATE_NOOP("ConversationViewModel", "Could not send the message."),
}


class ConversationViewModel(QObject):
    """What the main window shows about the conversation, and the actions it can take."""

    state_changed = Signal(object)  # ev.ConnectionState
    turn_changed = Signal(object, bool)  # Turn, created
    error_raised = Signal(str, bool)  # user sentence (translated), recoverable
    usage_changed = Signal(int)  # total tokens this conversation (details: self.usage)
    session_started = Signal(str)  # session id
    reconnecting = Signal(int, int, str)  # attempt, of how many, why (translated sentence)

    def __init__(self, controller: SessionController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.transcript = TranscriptModel()
        self.transcript.subscribe(self._on_transcript_turn)
        self.total_tokens = 0
        #: Tokens per conversation, by modality; the recording writes ``usage.current``.
        self.usage = UsageMeter()
        self.usage.subscribe(self._on_usage_changed)
        self.last_error: ev.ErrorEvent | None = None
        self.session_started_at: float | None = None
        self._tasks: set[asyncio.Task[object]] = set()
        controller.subscribe(self._on_controller_event)

    # ------------------------------------------------------------------ actions
    def connect_session(self) -> asyncio.Task[object]:
        return self._spawn(self.controller.connect(resume=True), "connect")

    def disconnect_session(self) -> asyncio.Task[object]:
        return self._spawn(self.controller.disconnect(), "disconnect")

    def send_text(self, text: str) -> asyncio.Task[object]:
        return self._spawn(self.controller.send_text(text), "send the message")

    async def shutdown(self) -> None:
        await self.controller.disconnect()
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    def _spawn(self, coro: object, what: str) -> asyncio.Task[object]:
        task: asyncio.Task[object] = asyncio.ensure_future(coro)  # type: ignore[arg-type]
        self._tasks.add(task)

        def done(t: asyncio.Task[object]) -> None:
            self._tasks.discard(t)
            exc = None if t.cancelled() else t.exception()
            if exc is not None:
                log.error("%s failed", what, exc_info=exc)
                # A sentence for the window; the exception itself is in the log.
                event = classify(exc, model=self.controller.settings.model.name)
                failed = self.tr(_FAILED[what]) if what in _FAILED else f"Could not {what}."
                self.error_raised.emit(
                    f"{failed} {translate_core(event.message)}", event.recoverable
                )

        task.add_done_callback(done)
        return task

    # ------------------------------------------------------------------ events
    def _on_controller_event(self, event: ev.SessionEvent) -> None:
        self.transcript.apply(event)
        self.usage.apply(event)
        if isinstance(event, ev.StateChanged):
            if event.state is ev.ConnectionState.CONNECTED and self.session_started_at is None:
                self.session_started_at = time.monotonic()
            if event.state is ev.ConnectionState.DISCONNECTED:
                self.session_started_at = None
            self.state_changed.emit(event.state)
        elif isinstance(event, ev.SetupComplete):
            self.last_error = None
            self.session_started.emit(event.session_id or "")
        elif isinstance(event, ev.Reconnecting):
            self.reconnecting.emit(event.attempt, event.max_attempts, translate_core(event.reason))
        elif isinstance(event, ev.ErrorEvent):
            self.last_error = event
            self.error_raised.emit(translate_core(event.message), event.recoverable)

    def _on_usage_changed(self, summary: SessionSummary) -> None:
        self.total_tokens = summary.usage.total
        self.usage_changed.emit(self.total_tokens)

    def _on_transcript_turn(self, turn: Turn, created: bool) -> None:
        self.turn_changed.emit(turn, created)
