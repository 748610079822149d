"""Stitch the Live API's transcription fragments into conversation turns.

The service sends input and output transcriptions as many small fragments, and input fragments
can arrive after the model has started answering. This model turns the event stream into the
turns a person reads: user turns (spoken or typed) and model turns (spoken or written), with
interrupted model turns marked and tool activity kept in place.

Called on the asyncio loop thread.
"""

from __future__ import annotations

import enum
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from live_desktop.core import events as ev


class Role(enum.Enum):
    USER = "user"
    MODEL = "model"
    TOOL = "tool"
    NOTICE = "notice"


#: Longest arguments shown for a function call (the rest is cut with "…").
_ARGS_CHARS = 200

#: The label of a tool turn for each ToolResult outcome.
_RESULT_LABELS = {
    "ok": "Function result",
    "error": "Function error",
    "declined": "Declined",
    "cancelled": "Cancelled",
}

#: What the transcript calls each side.
SPEAKERS = {Role.USER: "You", Role.MODEL: "Gemini", Role.TOOL: "Tool", Role.NOTICE: "Note"}


@dataclass(slots=True)
class Turn:
    """One turn as a person reads it. Mutable while ``open``; the UI re-renders on change."""

    index: int
    role: Role
    text: str = ""
    spoken: bool = False
    open: bool = True
    interrupted: bool = False
    started_wall: float = field(default_factory=time.time)
    thoughts: str = ""
    sources: list[ev.GroundingSource] = field(default_factory=list)
    queries: list[str] = field(default_factory=list)
    """Search queries the model ran for this turn (grounding), shown with its sources."""
    label: str = ""
    """For tool turns, what kind: "Function call", "Function result", "Function error",
    "Declined", "Cancelled", "Code" or "Code result"."""

    @property
    def display_text(self) -> str:
        return " ".join(self.text.split())


TurnListener = Callable[[Turn, bool], None]  # (turn, created)


def _join(existing: str, fragment: str) -> str:
    """Append a transcription fragment; fragments carry their own spacing, most of the time."""
    if not existing:
        return fragment.lstrip()
    if not fragment:
        return existing
    if existing[-1].isspace() or fragment[0].isspace() or fragment[0] in ",.;:!?)»”'":
        return existing + fragment
    # Two words glued together ("hello" + "world") read worse than a missing join of a word
    # split mid-way, which the service does not do for whole-word fragments.
    if existing[-1].isalnum() and fragment[0].isalnum():
        return existing + " " + fragment
    return existing + fragment


class TranscriptModel:
    """Builds turns from session events. Feed it every event with ``apply``."""

    def __init__(self) -> None:
        self.turns: list[Turn] = []
        self._listeners: list[TurnListener] = []
        self._user: Turn | None = None  # the user turn still receiving fragments
        self._model: Turn | None = None  # the model turn in progress
        self._call_names: dict[str, str] = {}  # function call id -> name, for cancellations
        # A reply closed because the user typed over it: the service's ``interrupted`` for it
        # arrives after the typed turn, and must still mark it.
        self._cut: Turn | None = None

    def subscribe(self, listener: TurnListener) -> None:
        self._listeners.append(listener)

    def _changed(self, turn: Turn, created: bool = False) -> None:
        for listener in list(self._listeners):
            listener(turn, created)

    def _new(self, role: Role, **kwargs: object) -> Turn:
        turn = Turn(len(self.turns), role, **kwargs)  # type: ignore[arg-type]
        self.turns.append(turn)
        self._changed(turn, created=True)
        return turn

    def _close_user(self) -> None:
        if self._user is not None:
            self._user.open = False
            self._changed(self._user)
            self._user = None

    def _close_model(self, *, interrupted: bool = False) -> None:
        turn = self._model
        if turn is None:
            return
        turn.open = False
        turn.interrupted = turn.interrupted or interrupted
        self._model = None
        self._changed(turn)

    def _model_turn(self, spoken: bool) -> Turn:
        if self._model is None:
            self._cut = None
            self._model = self._new(Role.MODEL, spoken=spoken)
        elif spoken and not self._model.spoken:
            self._model.spoken = True
        return self._model

    def apply(self, event: ev.SessionEvent) -> None:
        if isinstance(event, ev.InputTranscript):
            if self._user is None:
                # Speech that starts while a reply plays is a new user turn after it.
                self._user = self._new(Role.USER, spoken=True)
            self._user.text = _join(self._user.text, event.text)
            if event.finished:
                self._close_user()
            else:
                self._changed(self._user)
        elif isinstance(event, ev.UserText):
            self._close_user()
            self._cut = self._model
            self._close_model()
            self._new(Role.USER, text=event.text, open=False)
        elif isinstance(event, ev.OutputTranscript):
            turn = self._model_turn(spoken=True)
            turn.text = _join(turn.text, event.text)
            self._changed(turn)
        elif isinstance(event, ev.ModelText):
            turn = self._model_turn(spoken=False)
            if event.thought:
                turn.thoughts += event.text
            elif not turn.spoken:
                # With audio output the transcription is the text; with text output the parts are.
                turn.text += event.text
            self._changed(turn)
        elif isinstance(event, ev.Grounding):
            turn = self._model_turn(spoken=False)
            turn.sources.extend(s for s in event.sources if s not in turn.sources)
            turn.queries.extend(q for q in event.queries if q not in turn.queries)
            self._changed(turn)
        elif isinstance(event, ev.Interrupted):
            if self._model is None and self._cut is not None and not self._cut.interrupted:
                self._cut.interrupted = True
                self._changed(self._cut)
            self._cut = None
            self._close_model(interrupted=True)
        elif isinstance(event, ev.TurnComplete):
            self._cut = None
            # A finished reply also closes the utterance it answered.
            self._close_user()
            # A reply its dropped connection cut short is kept, marked like an interruption.
            self._close_model(interrupted=event.reason == ev.CONNECTION_LOST)
        elif isinstance(event, ev.ToolCall):
            for call in event.calls:
                args = json.dumps(dict(call.args), ensure_ascii=False, sort_keys=True)
                if len(args) > _ARGS_CHARS:  # a summary: the inspector has the whole call
                    args = args[: _ARGS_CHARS - 1] + "…"
                self._call_names[call.id] = call.name
                self._new(Role.TOOL, text=f"{call.name}({args})", open=False, label="Function call")
        elif isinstance(event, ev.ToolCallCancellation):
            names = ", ".join(
                f"{self._call_names.pop(i)} ({i})" if i in self._call_names else i
                for i in event.ids
            )
            self._new(Role.NOTICE, text=f"Tool call cancelled: {names}", open=False)
        elif isinstance(event, ev.ToolResult):
            label = _RESULT_LABELS.get(event.outcome, "Function result")
            self._new(Role.TOOL, text=f"{event.name}: {event.summary}", open=False, label=label)
        elif isinstance(event, ev.ExecutableCode):
            self._new(
                Role.TOOL, text=f"Code ({event.language}):\n{event.code}", open=False, label="Code"
            )
        elif isinstance(event, ev.CodeResult):
            self._new(
                Role.TOOL,
                text=f"Result ({event.outcome}):\n{event.output}",
                open=False,
                label="Code result",
            )
        elif isinstance(event, ev.Notice):
            self._new(Role.NOTICE, text=event.message, open=False)
        elif isinstance(event, ev.ErrorEvent) and not event.recoverable:
            self._close_user()
            self._close_model(interrupted=True)
            self._new(Role.NOTICE, text=event.message, open=False)
        elif isinstance(event, ev.StateChanged) and event.state in (
            ev.ConnectionState.DISCONNECTED,
            ev.ConnectionState.FAILED,
        ):
            self._close_user()
            self._close_model(interrupted=self._model is not None)

    def to_markdown(self) -> str:
        lines: list[str] = []
        for turn in self.turns:
            stamp = time.strftime("%H:%M:%S", time.localtime(turn.started_wall))
            who = SPEAKERS[turn.role]
            suffix = " *(interrupted)*" if turn.interrupted else ""
            if turn.role is Role.TOOL:
                # Code and arguments keep their lines: a fenced block, not a collapsed sentence.
                lines.append(f"**{who}** [{stamp}] {turn.label or 'Tool'}:{suffix}")
                lines.extend(["```", turn.text.strip(), "```"])
            else:
                spoken = " (spoken)" if turn.spoken and turn.role is Role.USER else ""
                lines.append(f"**{who}** [{stamp}]{spoken}: {turn.display_text}{suffix}")
            lines.extend(f"  - searched: {q}" for q in turn.queries)
            lines.extend(f"  - source: [{s.title or s.uri}]({s.uri})" for s in turn.sources)
            lines.append("")
        return "\n".join(lines)

    def to_records(self) -> list[dict[str, object]]:
        """The turns as plain JSON-able dicts (for a JSON export), oldest first."""
        return [
            {
                "index": turn.index,
                "role": turn.role.value,
                "speaker": SPEAKERS[turn.role],
                "time": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(turn.started_wall)),
                "text": turn.text if turn.role is Role.TOOL else turn.display_text,
                **({"label": turn.label} if turn.label else {}),
                "spoken": turn.spoken,
                "interrupted": turn.interrupted,
                **({"thoughts": turn.thoughts} if turn.thoughts else {}),
                **({"queries": list(turn.queries)} if turn.queries else {}),
                "sources": [{"title": s.title, "uri": s.uri} for s in turn.sources],
            }
            for turn in self.turns
        ]
