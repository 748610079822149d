"""Wire-format helpers: key normalisation, base64, durations, close reasons, server frames."""

from __future__ import annotations

import base64
import binascii
import json
import re
from typing import Any

# Values under these keys are user data (function args, JSON schemas, labels): keep their keys.
_OPAQUE_KEYS = frozenset(
    {
        "args",
        "response",
        "parameters",
        "parameters_json_schema",
        "response_json_schema",
        "response_schema",
        "response_json",
        "labels",
        "struct_value",
    }
)
_CAMEL_RE = re.compile(r"(?<=[a-z0-9])([A-Z])")
MAX_CLOSE_REASON_BYTES = 123


def snake(name: str) -> str:
    return _CAMEL_RE.sub(r"_\1", name).lower()


def normalise(value: Any) -> Any:
    """Return a copy with every dict key in snake_case (the SDK mixes both cases)."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            k = snake(key) if isinstance(key, str) else key
            out[k] = item if k in _OPAQUE_KEYS else normalise(item)
        return out
    if isinstance(value, list):
        return [normalise(item) for item in value]
    return value


def b64decode(data: str | bytes) -> bytes:
    """Decode URL-safe or standard base64, padded or not; raise ValueError if it is neither."""
    raw = data.encode("ascii") if isinstance(data, str) else bytes(data)
    raw = raw.strip().translate(bytes.maketrans(b"-_", b"+/"))
    raw += b"=" * (-len(raw) % 4)
    try:
        return base64.b64decode(raw, validate=True)
    except binascii.Error as exc:
        raise ValueError(f"invalid base64: {exc}") from exc


def b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def duration(seconds: float) -> str:
    """Protobuf JSON duration: ``"60s"`` or ``"1.500s"``."""
    seconds = max(0.0, seconds)
    if abs(seconds - round(seconds)) < 1e-9:
        return f"{round(seconds)}s"
    return f"{seconds:.3f}s"


def close_reason(text: str) -> str:
    """Cut a close reason to the 123 bytes a WebSocket close frame allows, on a char boundary."""
    data = text.encode("utf-8")
    if len(data) <= MAX_CLOSE_REASON_BYTES:
        return text
    return data[:MAX_CLOSE_REASON_BYTES].decode("utf-8", errors="ignore")


def dumps(frame: dict[str, Any]) -> str:
    return json.dumps(frame, separators=(",", ":"), ensure_ascii=False)


# --- server frames (camelCase, as the service sends them) ---------------------------------


def setup_complete(session_id: str) -> dict[str, Any]:
    return {"setupComplete": {"sessionId": session_id}}


def server_content(**fields: Any) -> dict[str, Any]:
    return {"serverContent": fields}


def audio_part(pcm: bytes, rate: int) -> dict[str, Any]:
    return {"inlineData": {"mimeType": f"audio/pcm;rate={rate}", "data": b64encode(pcm)}}


def model_turn(parts: list[dict[str, Any]]) -> dict[str, Any]:
    return server_content(modelTurn={"parts": parts})


def transcription(kind: str, text: str, finished: bool | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"text": text}
    if finished is not None:
        body["finished"] = finished
    return server_content(**{kind: body})


def go_away(seconds: float) -> dict[str, Any]:
    return {"goAway": {"timeLeft": duration(seconds)}}


def resumption_update(handle: str | None, resumable: bool) -> dict[str, Any]:
    body: dict[str, Any] = {"resumable": resumable}
    if handle:
        body["newHandle"] = handle
    return {"sessionResumptionUpdate": body}
