"""Typed, immutable events the session controller emits.

Every event is a small frozen dataclass so that it can be handed to any number of listeners
(transcript model, recorder, UI, inspector) without one of them changing what another sees.
All events are emitted on the asyncio loop's thread.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias


def _now() -> float:
    return time.monotonic()


class ConnectionState(enum.Enum):
    DISCONNECTED = "disconnected"
    CONNECTING = "connecting"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"
    CLOSING = "closing"
    FAILED = "failed"


class ErrorKind(enum.Enum):
    AUTHENTICATION = "authentication"  # bad, missing or expired key / token
    PERMISSION = "permission"  # the key is fine but may not do this (HTTP 403)
    MODEL_NOT_FOUND = "model_not_found"
    INVALID_ARGUMENT = "invalid_argument"  # 1007: a setting or input the service rejects
    RATE_LIMITED = "rate_limited"  # 429 quota
    SERVER = "server"  # 1011 and 5xx
    TIME_LIMIT = "time_limit"  # the connection or session reached its limit
    CONNECTION_LOST = "connection_lost"  # 1006, TCP reset, send after close
    NETWORK = "network"  # could not reach the host at all
    TLS = "tls"  # certificate not trusted
    SETUP_TIMEOUT = "setup_timeout"
    STALLED = "stalled"  # the server stopped answering
    PROTOCOL = "protocol"  # a malformed message from the server
    SETTINGS = "settings"  # caught locally before connecting
    NOT_CONNECTED = "not_connected"
    CLOSED = "closed"  # an orderly close by the service (1000/1001)
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class StateChanged:
    state: ConnectionState
    previous: ConnectionState
    at: float = field(default_factory=_now)


@dataclass(frozen=True, slots=True)
class SetupComplete:
    session_id: str | None
    model: str
    resumed: bool
    at: float = field(default_factory=_now)


@dataclass(frozen=True, slots=True)
class AudioOut:
    """24 kHz (or ``sample_rate``) 16-bit mono PCM from the model."""

    pcm: bytes
    sample_rate: int = 24000
    at: float = field(default_factory=_now)


@dataclass(frozen=True, slots=True)
class InputTranscript:
    """A fragment of what the service heard the user say."""

    text: str
    finished: bool = False
    at: float = field(default_factory=_now)


@dataclass(frozen=True, slots=True)
class OutputTranscript:
    """A fragment of what the model said aloud."""

    text: str
    finished: bool = False
    at: float = field(default_factory=_now)


@dataclass(frozen=True, slots=True)
class ModelText:
    """Text parts of a model turn (TEXT modality, or thoughts when ``thought``)."""

    text: str
    thought: bool = False
    at: float = field(default_factory=_now)


@dataclass(frozen=True, slots=True)
class UserText:
    """Text the user sent; emitted by the controller so every listener sees both sides."""

    text: str
    at: float = field(default_factory=_now)


@dataclass(frozen=True, slots=True)
class ExecutableCode:
    code: str
    language: str = "PYTHON"
    at: float = field(default_factory=_now)


@dataclass(frozen=True, slots=True)
class CodeResult:
    outcome: str
    output: str
    at: float = field(default_factory=_now)


@dataclass(frozen=True, slots=True)
class GroundingSource:
    title: str
    uri: str


@dataclass(frozen=True, slots=True)
class Grounding:
    sources: tuple[GroundingSource, ...]
    queries: tuple[str, ...] = ()
    at: float = field(default_factory=_now)


@dataclass(frozen=True, slots=True)
class GenerationComplete:
    at: float = field(default_factory=_now)


@dataclass(frozen=True, slots=True)
class TurnComplete:
    reason: str | None = None
    at: float = field(default_factory=_now)


@dataclass(frozen=True, slots=True)
class Interrupted:
    """The service heard the user during a model turn; playback must stop now."""

    at: float = field(default_factory=_now)


@dataclass(frozen=True, slots=True)
class FunctionCall:
    id: str
    name: str
    args: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class ToolCall:
    calls: tuple[FunctionCall, ...]
    at: float = field(default_factory=_now)


@dataclass(frozen=True, slots=True)
class ToolCallCancellation:
    ids: tuple[str, ...]
    at: float = field(default_factory=_now)


@dataclass(frozen=True, slots=True)
class ToolResult:
    """What the app answered to one function call (core/tools.py), or why it did not.

    ``outcome``: "ok", "error" (the model is told ``summary``), "declined" (the user said no;
    the model is told so) or "cancelled" (nothing was sent: the connection ended).
    """

    id: str
    name: str
    outcome: str
    summary: str
    at: float = field(default_factory=_now)


@dataclass(frozen=True, slots=True)
class ModalityTokens:
    direction: str  # "prompt" or "response"
    modality: str  # "AUDIO", "TEXT", "VIDEO", ...
    tokens: int


@dataclass(frozen=True, slots=True)
class Usage:
    prompt_tokens: int
    response_tokens: int
    total_tokens: int
    details: tuple[ModalityTokens, ...] = ()
    at: float = field(default_factory=_now)


@dataclass(frozen=True, slots=True)
class GoAway:
    """The service will close this connection in ``time_left_s`` seconds."""

    time_left_s: float | None
    at: float = field(default_factory=_now)


#: ``TurnComplete.reason`` of a reply the controller ended because its connection dropped.
CONNECTION_LOST = "CONNECTION_LOST"


@dataclass(frozen=True, slots=True)
class Reconnecting:
    """The connection was lost; attempt ``attempt`` of ``max_attempts`` starts in ``delay_s``.

    ``reason`` is the sentence for why (what the ErrorEvent would have said).
    """

    attempt: int
    max_attempts: int
    delay_s: float
    reason: str
    kind: ErrorKind = ErrorKind.UNKNOWN
    at: float = field(default_factory=_now)


@dataclass(frozen=True, slots=True)
class ResumptionUpdate:
    handle: str | None
    resumable: bool
    at: float = field(default_factory=_now)


@dataclass(frozen=True, slots=True)
class ErrorEvent:
    """Something went wrong. ``message`` is for the user; ``detail`` is for the log."""

    kind: ErrorKind
    message: str
    recoverable: bool
    detail: str = ""
    code: int | None = None
    at: float = field(default_factory=_now)


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the user should know that is not an error (an unchecked model, say)."""

    message: str
    at: float = field(default_factory=_now)


SessionEvent: TypeAlias = (
    StateChanged
    | SetupComplete
    | AudioOut
    | InputTranscript
    | OutputTranscript
    | ModelText
    | UserText
    | ExecutableCode
    | CodeResult
    | Grounding
    | GenerationComplete
    | TurnComplete
    | Interrupted
    | ToolCall
    | ToolCallCancellation
    | ToolResult
    | Usage
    | GoAway
    | Reconnecting
    | ResumptionUpdate
    | ErrorEvent
    | Notice
)
