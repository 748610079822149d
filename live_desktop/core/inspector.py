"""The event inspector's model: every Live API frame, summarised, in a bounded ring buffer.

:class:`EventInspector` is a :class:`~live_desktop.core.wire_tap.WireTap`: the WebSocket
connection hands it each frame the SDK sends or receives (``setup`` and ``setupComplete``
included), and it keeps a :class:`WireRecord` per frame: time, direction, the message types in
it, size on the wire, a one-line summary and the message itself with every inline payload
replaced by its size (``{"omittedBytes": 640}``) and every key or token redacted.

Cost matters: a voice session is ~50 frames/s up and more down. A frame is never decoded in
full nor serialised again: one regular expression cuts the base64 payloads out of the frame
text (their length gives the byte count; a JPEG's size comes from its first few hundred bytes),
the small remainder is parsed for the summary and kept as text. Measured cost: see
``docs/performance.md`` ("Event inspector").

Called on the asyncio loop's thread only (where the SDK sends and receives), and read there by
the UI's timer: no locks.
"""

from __future__ import annotations

import base64
import binascii
import collections
import datetime as dt
import functools
import itertools
import json
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Any

from live_desktop.core.secrets import redact

__all__ = ["EventInspector", "WireRecord", "redact_text"]

OUT = "out"  # client → server
IN = "in"  # server → client

#: Types whose frames carry media; "everything but media" hides a record made of these only.
MEDIA_TYPES = frozenset({"realtimeInput.audio", "realtimeInput.video", "serverContent.audio"})

#: Request and response headers whose values are credentials, whatever they look like.
_SECRET_HEADERS = frozenset(
    {"x-goog-api-key", "authorization", "proxy-authorization", "cookie", "set-cookie"}
)
REDACTED = "***"

#: Substrings without which a text holds no key or token the patterns of core.secrets know;
#: redacting costs ~8 µs a call, checking for these well under one.
_SECRET_HINTS = ("AIza", "auth_tokens/", "earer", "ya29.", "key", "Key", "KEY", "token", "Token")
_JPEG_B64_PREFIXES = ("/9j/", "_9j_")
_RATE = re.compile(r"rate=(\d+)")


@dataclass(frozen=True, slots=True)
class WireRecord:
    """One frame as the inspector shows and exports it."""

    seq: int
    at: float  # time.monotonic()
    wall: float  # time.time()
    direction: str  # OUT or IN
    types: tuple[str, ...]
    size: int  # bytes on the wire
    summary: str
    body: str  # the message as JSON text, payloads replaced by their size, secrets redacted

    @property
    def type_label(self) -> str:
        return " + ".join(self.types)

    def message(self) -> Any:
        try:
            return json.loads(self.body)
        except ValueError:
            return self.body


def redact_text(text: str, extra_secrets: Iterable[str] = ()) -> str:
    """``text`` with API keys, ephemeral and bearer tokens, and ``extra_secrets`` replaced."""
    return redact(text, extra_secrets)


class EventInspector:
    """Bounded record of a session's frames (the last ``capacity``); loop thread only."""

    def __init__(self, capacity: int = 20_000, *, secrets: Iterable[str] = ()) -> None:
        self.capacity = capacity
        self.records: collections.deque[WireRecord] = collections.deque(maxlen=capacity)
        self.seq = 0
        """Sequence number of the newest record (records are numbered from 1)."""
        self.type_counts: dict[str, int] = {}
        self.bytes_out = 0
        self.bytes_in = 0
        self.enabled = True
        self._secrets = tuple(s for s in secrets if s)

    # ------------------------------------------------------------------ control
    def set_secrets(self, secrets: Iterable[str]) -> None:
        """Exact strings to redact besides anything that looks like a key (the user's key)."""
        self._secrets = tuple(s for s in secrets if s)

    def clear(self) -> None:
        self.records.clear()
        self.type_counts.clear()
        self.bytes_out = self.bytes_in = 0

    def since(self, seq: int) -> list[WireRecord]:
        """Records newer than ``seq``, oldest first (those still in the buffer)."""
        new = self.seq - seq
        if new <= 0:
            return []
        if new >= len(self.records):
            return list(self.records)
        return list(itertools.islice(reversed(self.records), new))[::-1]

    # ------------------------------------------------------------------ WireTap
    def record_handshake(
        self,
        path: str,
        request_headers: Mapping[str, str],
        status: int | None,
        response_headers: Mapping[str, str],
    ) -> None:
        if not self.enabled:
            return
        request = _redact_headers(request_headers)
        response = _redact_headers(response_headers)
        path = re.sub(r"([?&](?:key|access_token)=)[^&]+", r"\1" + REDACTED, path)
        method = path.rsplit(".", 1)[-1].split("?")[0] if path else ""
        body = json.dumps(
            {"path": path, "requestHeaders": request, "status": status, "responseHeaders": response}
        )
        summary = f"GET {method} → {status}" if status is not None else f"GET {method}"
        self._add(OUT, ("handshake",), 0, summary, body)

    def record_sent(self, frame: str | bytes) -> None:
        if self.enabled:
            self._record(OUT, frame)

    def record_received(self, frame: str | bytes) -> None:
        if self.enabled:
            self._record(IN, frame)

    # ------------------------------------------------------------------ export
    def export_jsonl(
        self, path: str | PathLike[str], records: Iterable[WireRecord] | None = None
    ) -> int:
        """Write ``records`` (default: all kept) as JSON lines, secrets redacted; returns count."""
        chosen = list(self.records if records is None else records)
        first = chosen[0].at if chosen else 0.0
        lines = []
        for record in chosen:
            line = json.dumps(
                {
                    "seq": record.seq,
                    "time": dt.datetime.fromtimestamp(record.wall, dt.UTC).isoformat(
                        timespec="milliseconds"
                    ),
                    "t": round(record.at - first, 4),
                    "direction": record.direction,
                    "types": list(record.types),
                    "size": record.size,
                    "summary": record.summary,
                    "message": record.message(),
                },
                ensure_ascii=False,
            )
            # Again at the end: whatever got into a record, a key never reaches the file.
            lines.append(redact_text(line, self._secrets))
        target = Path(path)
        tmp = target.with_name(target.name + ".part")
        tmp.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
        tmp.replace(target)
        return len(lines)

    # ------------------------------------------------------------------ internals
    def _redact(self, text: str) -> str:
        if any(hint in text for hint in _SECRET_HINTS) or any(s in text for s in self._secrets):
            return redact_text(text, self._secrets)
        return text

    def _record(self, direction: str, frame: str | bytes) -> None:
        size = len(frame)
        text = frame.decode("utf-8", "replace") if isinstance(frame, bytes) else frame
        payloads: list[_Payload] = []
        body = _cut_payloads(text, payloads)
        try:
            message = json.loads(body)
        except ValueError:
            message = None
        if not isinstance(message, dict):
            preview = body[:80] if len(body) <= 80 else body[:77] + "…"
            body = json.dumps({"unparsed": body[:2000]})
            self._add(direction, ("malformed",), size, f"not JSON: {preview!r}", body)
            return
        if direction == OUT:
            types, summary = _summarise_client(message, payloads)
        else:
            types, summary = _summarise_server(message, payloads)
        self._add(direction, types, size, summary, body)

    def _add(
        self, direction: str, types: tuple[str, ...], size: int, summary: str, body: str
    ) -> None:
        self.seq += 1
        if direction == OUT:
            self.bytes_out += size
        else:
            self.bytes_in += size
        counts = self.type_counts
        for name in types:
            counts[name] = counts.get(name, 0) + 1
        self.records.append(
            WireRecord(
                self.seq,
                time.monotonic(),
                time.time(),
                direction,
                types,
                size,
                self._redact(summary),
                self._redact(body),
            )
        )


# ---------------------------------------------------------------------- payloads
@dataclass(frozen=True, slots=True)
class _Payload:
    size: int
    jpeg: tuple[int, int] | None


def _cut_payloads(text: str, payloads: list[_Payload]) -> str:
    """``text`` with each long ``"data": "<base64>"`` string replaced by its decoded size.

    str.find (memchr) rather than a regular expression: the payload is most of the frame,
    and scanning it character by character cost three times as much.
    """
    pos = text.find('"data"')
    if pos < 0:
        return text
    pieces: list[str] = []
    last = 0
    while pos >= 0:
        start = pos + 6
        while start < len(text) and text[start] in " \t\r\n:":
            start += 1
        if start < len(text) and text[start] == '"':
            end = text.find('"', start + 1)
            if end < 0:
                break
            length = end - start - 1
            if length >= 16:
                padding = (text[end - 1] == "=") + (text[end - 2] == "=")
                size = length * 3 // 4 - padding
                jpeg = None
                if text.startswith(_JPEG_B64_PREFIXES, start + 1):
                    jpeg = _jpeg_size(text[start + 1 : start + 1 + 4096])
                payloads.append(_Payload(size, jpeg))
                extra = f', "jpeg": [{jpeg[0]}, {jpeg[1]}]' if jpeg else ""
                pieces.append(text[last:start])
                pieces.append(f'{{"omittedBytes": {size}{extra}}}')
                last = end + 1
            pos = text.find('"data"', end + 1)
        else:
            pos = text.find('"data"', start)
    pieces.append(text[last:])
    return "".join(pieces)


def _jpeg_size(b64_prefix: str) -> tuple[int, int] | None:
    """Width and height from a JPEG's SOF header, read from the start of its base64."""
    chunk = b64_prefix[: len(b64_prefix) // 4 * 4].replace("-", "+").replace("_", "/")
    try:
        data = base64.b64decode(chunk)
    except (binascii.Error, ValueError):
        return None
    i = 2
    while i + 9 <= len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:
            i += 1
            continue
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height = int.from_bytes(data[i + 5 : i + 7], "big")
            width = int.from_bytes(data[i + 7 : i + 9], "big")
            return width, height
        i += 2 + length
    return None


def _next_payload(payloads: list[_Payload], index: list[int]) -> _Payload | None:
    i = index[0]
    if i < len(payloads):
        index[0] = i + 1
        return payloads[i]
    return None


# ---------------------------------------------------------------------- summaries
def _get(obj: Any, camel: str, snake: str | None = None) -> Any:
    """A member under its camelCase or snake_case name (the SDK sends both styles)."""
    if not isinstance(obj, dict):
        return None
    value = obj.get(camel)
    if value is None:
        value = obj.get(snake or _snake(camel))
    return value


@functools.cache
def _snake(name: str) -> str:
    return re.sub(r"([A-Z])", lambda m: "_" + m.group(1).lower(), name)


def _redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    return {k: REDACTED if k.lower() in _SECRET_HEADERS else v for k, v in headers.items()}


@functools.cache
def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def _bytes(size: int) -> str:
    if size < 1000:
        return f"{size} B"
    if size < 1_000_000:
        return f"{size / 1000:.0f} kB"
    return f"{size / 1_000_000:.1f} MB"


def _media(blob: Any, payload: _Payload | None, default_rate: int) -> tuple[str, str]:
    """("audio" | "video" | "blob", summary) of an inline blob whose data was cut out."""
    mime = str(_get(blob, "mimeType") or "")
    size = payload.size if payload is not None else 0
    if mime.startswith("audio/"):
        match = _RATE.search(mime)
        rate = int(match.group(1)) if match else default_rate
        ms = size / 2 / rate * 1000 if rate else 0
        return "audio", f"audio {size} B {ms:.0f} ms"
    if mime.startswith("image/") or (payload is not None and payload.jpeg):
        kind = mime.removeprefix("image/") or "image"
        dims = f" {payload.jpeg[0]}×{payload.jpeg[1]}" if payload and payload.jpeg else ""
        return "video", f"{kind}{dims} {_bytes(size)}"
    return "blob", f"{mime or 'data'} {_bytes(size)}"


def _summarise_client(
    message: dict[str, Any], payloads: list[_Payload]
) -> tuple[tuple[str, ...], str]:
    index = [0]
    types: list[str] = []
    parts: list[str] = []
    for key, value in message.items():
        name = _camel(key)
        if name == "setup":
            types.append("setup")
            parts.append(_setup_summary(value))
        elif name == "realtimeInput" and isinstance(value, dict):
            for sub, inner in value.items():
                sub_name = _camel(sub)
                if sub_name in ("audio", "video", "mediaChunks"):
                    blobs = inner if isinstance(inner, list) else [inner]
                    for blob in blobs:
                        kind, text = _media(blob, _next_payload(payloads, index), 16000)
                        types.append(f"realtimeInput.{'audio' if kind == 'audio' else 'video'}")
                        parts.append(text)
                elif sub_name == "text":
                    types.append("realtimeInput.text")
                    parts.append(_quote(inner))
                else:
                    types.append(f"realtimeInput.{sub_name}")
                    parts.append(_words(sub_name))
        elif name == "clientContent":
            types.append("clientContent")
            parts.append(_client_content_summary(value))
        elif name == "toolResponse":
            types.append("toolResponse")
            responses = _get(value, "functionResponses") or []
            parts.append(
                "answers "
                + ", ".join(
                    f"{_get(r, 'name') or '?'}" + (f" ({_get(r, 'id')})" if _get(r, "id") else "")
                    for r in responses
                )
            )
        else:
            types.append(name)
            parts.append(name)
    return tuple(types) or ("empty",), " · ".join(p for p in parts if p)


def _setup_summary(setup: Any) -> str:
    model = str(_get(setup, "model") or "?").removeprefix("models/")
    generation = _get(setup, "generationConfig") or {}
    modalities = _get(generation, "responseModalities") or []
    bits = [model, "/".join(str(m) for m in modalities)]
    speech = _get(generation, "speechConfig") or {}
    voice = _get(_get(_get(speech, "voiceConfig") or {}, "prebuiltVoiceConfig") or {}, "voiceName")
    if voice:
        bits.append(f"voice {voice}")
    tools = _get(setup, "tools") or []
    if tools:
        declared = sum(len(_get(t, "functionDeclarations") or []) or 1 for t in tools)
        bits.append(f"{declared} tool{'s' if declared != 1 else ''}")
    if _get(setup, "sessionResumption") is not None:
        bits.append("resumable")
    return ", ".join(b for b in bits if b)


def _client_content_summary(content: Any) -> str:
    texts = []
    for turn in _get(content, "turns") or []:
        for part in _get(turn, "parts") or []:
            if _get(part, "text"):
                texts.append(str(_get(part, "text")))
    done = " (turn complete)" if _get(content, "turnComplete") else ""
    return (_quote(" ".join(texts)) if texts else "no text") + done


def _args(args: Any) -> str:
    text = json.dumps(args or {}, ensure_ascii=False)
    return text if len(text) <= 60 else text[:59] + "…"


def _words(name: str) -> str:
    return re.sub(r"([A-Z])", lambda m: " " + m.group(1).lower(), name)


def _summarise_server(
    message: dict[str, Any], payloads: list[_Payload]
) -> tuple[tuple[str, ...], str]:
    index = [0]
    types: list[str] = []
    parts: list[str] = []
    for key, value in message.items():
        name = _camel(key)
        if name == "setupComplete":
            types.append("setupComplete")
            session = _get(value, "sessionId")
            parts.append(f"session {session}" if session else "setup complete")
        elif name == "serverContent" and isinstance(value, dict):
            _server_content(value, payloads, index, types, parts)
        elif name == "toolCall":
            types.append("toolCall")
            calls = _get(value, "functionCalls") or []
            parts.append(
                ", ".join(f"{_get(c, 'name') or '?'}({_args(_get(c, 'args'))})" for c in calls)
            )
        elif name == "toolCallCancellation":
            types.append("toolCallCancellation")
            parts.append("cancel " + ", ".join(str(i) for i in _get(value, "ids") or []))
        elif name == "usageMetadata":
            types.append("usageMetadata")
            response = _get(value, "responseTokenCount")
            if response is None:
                response = _get(value, "candidatesTokenCount") or 0
            parts.append(
                f"tokens {_get(value, 'totalTokenCount') or 0} (prompt "
                f"{_get(value, 'promptTokenCount') or 0}, response {response})"
            )
        elif name == "goAway":
            types.append("goAway")
            parts.append(f"go away in {_get(value, 'timeLeft') or '?'}")
        elif name == "sessionResumptionUpdate":
            types.append("sessionResumptionUpdate")
            parts.append("resumable handle" if _get(value, "resumable") else "not resumable")
        elif name in ("code", "status", "message", "error", "details"):
            if "error" not in types:
                types.append("error")
                code = message.get("code") or _get(message.get("error"), "code")
                status = message.get("status") or _get(message.get("error"), "status")
                parts.append(f"error {code} {status or ''}".strip())
        else:
            types.append(name)
            parts.append(_words(name))
    return tuple(types) or ("empty",), " · ".join(p for p in parts if p)


def _server_content(
    content: dict[str, Any],
    payloads: list[_Payload],
    index: list[int],
    types: list[str],
    parts: list[str],
) -> None:
    before = len(types)
    transcript = _get(content, "inputTranscription")
    if transcript is not None:
        types.append("serverContent.inputTranscription")
        parts.append("heard " + _quote(_get(transcript, "text") or ""))
    turn = _get(content, "modelTurn")
    for part in _get(turn, "parts") or []:
        blob = _get(part, "inlineData")
        if blob is not None:
            kind, text = _media(blob, _next_payload(payloads, index), 24000)
            types.append("serverContent.audio" if kind == "audio" else "serverContent.media")
            parts.append(text)
        if _get(part, "text"):
            thought = " (thought)" if _get(part, "thought") else ""
            types.append("serverContent.text")
            parts.append(_quote(_get(part, "text")) + thought)
        if _get(part, "executableCode") is not None:
            types.append("serverContent.code")
            code = _get(_get(part, "executableCode"), "code") or ""
            parts.append("code " + _quote(code, 40))
        if _get(part, "codeExecutionResult") is not None:
            types.append("serverContent.codeResult")
            outcome = _get(_get(part, "codeExecutionResult"), "outcome") or ""
            parts.append(f"code result {outcome}".strip())
    transcript = _get(content, "outputTranscription")
    if transcript is not None:
        types.append("serverContent.outputTranscription")
        parts.append("said " + _quote(_get(transcript, "text") or ""))
    if _get(content, "groundingMetadata") is not None:
        types.append("serverContent.grounding")
        chunks = _get(_get(content, "groundingMetadata"), "groundingChunks") or []
        parts.append(f"grounding, {len(chunks)} source{'s' if len(chunks) != 1 else ''}")
    if _get(content, "interrupted"):
        types.append("serverContent.interrupted")
        parts.append("interrupted")
    if _get(content, "generationComplete"):
        types.append("serverContent.generationComplete")
        parts.append("generation complete")
    if _get(content, "turnComplete"):
        types.append("serverContent.turnComplete")
        reason = _get(content, "turnCompleteReason")
        parts.append(f"turn complete ({reason})" if reason else "turn complete")
    if _get(content, "waitingForInput"):
        types.append("serverContent.waitingForInput")
        parts.append("waiting for input")
    if len(types) == before:
        types.append("serverContent")
        parts.append(", ".join(content) or "empty")
