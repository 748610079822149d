"""Token usage per session: the sum of the service's ``usageMetadata`` messages, by modality.

The Live API reports usage with each turn (``promptTokenCount`` counts the whole context that
turn read, so the session's cost is the sum over its turns, which is what is kept here).
:class:`UsageMeter` follows a controller's events and keeps one :class:`SessionSummary` per
conversation: a connection that resumes the previous one (``SetupComplete.resumed``) adds to
the same summary. The status bar shows the current summary; the recording (issue 6) is meant to
write ``SessionSummary.as_dict()`` next to the audio when it closes a session.

Runs on the asyncio loop's thread, like the controller's listeners.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from live_desktop.core import events as ev

__all__ = ["SessionSummary", "UsageMeter", "UsageTotals"]


@dataclass
class UsageTotals:
    """Token counts summed over usage messages; ``by_modality`` maps (direction, modality)."""

    prompt: int = 0
    response: int = 0
    total: int = 0
    messages: int = 0
    by_modality: dict[tuple[str, str], int] = field(default_factory=dict)

    def add(self, usage: ev.Usage) -> None:
        self.prompt += usage.prompt_tokens
        self.response += usage.response_tokens
        self.total += usage.total_tokens
        self.messages += 1
        for detail in usage.details:
            key = (detail.direction, detail.modality)
            self.by_modality[key] = self.by_modality.get(key, 0) + detail.tokens

    def modalities(self, direction: str) -> list[tuple[str, int]]:
        """(modality, tokens) of ``"prompt"`` or ``"response"``, largest first."""
        found = [(m, n) for (d, m), n in self.by_modality.items() if d == direction and n]
        return sorted(found, key=lambda item: (-item[1], item[0]))

    def as_dict(self) -> dict[str, Any]:
        return {
            "prompt_tokens": self.prompt,
            "response_tokens": self.response,
            "total_tokens": self.total,
            "usage_messages": self.messages,
            "prompt_by_modality": dict(self.modalities("prompt")),
            "response_by_modality": dict(self.modalities("response")),
        }


@dataclass
class SessionSummary:
    """What a conversation cost and how long it ran, for the status bar and the recording."""

    model: str
    session_id: str | None
    started_at: float = field(default_factory=time.time)  # wall clock, for a file's metadata
    ended_at: float | None = None
    connections: int = 1
    usage: UsageTotals = field(default_factory=UsageTotals)

    def as_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "session_id": self.session_id,
            "started_at": self.started_at,
            "ended_at": self.ended_at,
            "connections": self.connections,
            "usage": self.usage.as_dict(),
        }


class UsageMeter:
    """Per-conversation usage from a controller's events; call :meth:`apply` with each event."""

    def __init__(self, *, history: int = 50) -> None:
        self.current: SessionSummary | None = None
        self.history: list[SessionSummary] = []  # finished conversations, newest last
        self._history_size = history
        self._listeners: list[Callable[[SessionSummary], None]] = []

    def subscribe(self, listener: Callable[[SessionSummary], None]) -> Callable[[], None]:
        """Call ``listener(summary)`` whenever the current summary changes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    @property
    def totals(self) -> UsageTotals:
        return self.current.usage if self.current is not None else UsageTotals()

    def apply(self, event: ev.SessionEvent) -> None:
        if isinstance(event, ev.SetupComplete):
            if event.resumed and self.current is not None:
                self.current.connections += 1
                self.current.session_id = event.session_id or self.current.session_id
                self.current.ended_at = None
            else:
                self._finish()
                self.current = SessionSummary(event.model, event.session_id)
            self._changed()
        elif isinstance(event, ev.Usage) and self.current is not None:
            self.current.usage.add(event)
            self._changed()
        elif (
            isinstance(event, ev.StateChanged)
            and event.state is ev.ConnectionState.DISCONNECTED
            and self.current is not None
        ):
            self.current.ended_at = time.time()

    def _finish(self) -> None:
        if self.current is None:
            return
        if self.current.ended_at is None:
            self.current.ended_at = time.time()
        self.history = [*self.history[-(self._history_size - 1) :], self.current]

    def _changed(self) -> None:
        assert self.current is not None
        for listener in list(self._listeners):
            listener(self.current)
