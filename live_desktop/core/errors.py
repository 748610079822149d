"""Turn what the SDK and the network raise into ErrorEvents a person can act on.

The SDK surfaces a server close as ``APIError("C None. reason")`` with the reason in
``.details``; a TCP drop as code 1006; a 429 frame as ``ClientError``; a send after close as a raw
websockets exception; an untrusted certificate as ``ssl.SSLCertVerificationError``. Each becomes
one sentence for the user, the raw text kept in ``detail`` for the log, and a ``recoverable`` flag
that tells the controller whether reconnecting can help.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
from typing import TYPE_CHECKING, Any

from websockets import exceptions as ws_exceptions

from live_desktop.core.events import ErrorEvent, ErrorKind
from live_desktop.core.lazy import lazy_module
from live_desktop.core.settings import SettingsError
from live_desktop.core.tokens import TokenError

if TYPE_CHECKING:
    from google.genai import errors as genai_errors
else:
    genai_errors = lazy_module("google.genai.errors")  # loaded on first use (core/lazy.py)


class SetupTimeoutError(Exception):
    """The service accepted the connection but never answered the setup message."""


class StalledError(Exception):
    """The service stopped sending anything while a reply was due."""


def _reason_text(details: Any) -> str:
    if details is None:
        return ""
    if isinstance(details, dict):
        error = details.get("error", details)
        if isinstance(error, dict):
            return str(error.get("message") or error.get("status") or details)
    return str(details)


def from_close(code: int, reason: str, *, model: str = "") -> ErrorEvent:
    """Map a WebSocket close code and the server's reason to an ErrorEvent."""
    low = reason.lower()
    detail = f"close {code}: {reason}" if reason else f"close {code}"
    if code == 1008:
        if "auth token" in low or "ephemeral token" in low:
            return ErrorEvent(
                ErrorKind.AUTHENTICATION,
                "The service rejected the ephemeral token (it expired, was used up or is "
                "unknown). Paste a new one, or check the token endpoint in Settings.",
                recoverable=False,
                detail=detail,
                code=code,
            )
        if "api key not valid" in low or "api_key_invalid" in low or "expired" in low:
            return ErrorEvent(
                ErrorKind.AUTHENTICATION,
                "The API key was rejected. Check the key in Settings (it may be mistyped, "
                "revoked or expired).",
                recoverable=False,
                detail=detail,
                code=code,
            )
        if "unregistered callers" in low or "api key" in low or "authenticat" in low:
            return ErrorEvent(
                ErrorKind.AUTHENTICATION,
                "The service did not receive a valid API key. Add your key in Settings.",
                recoverable=False,
                detail=detail,
                code=code,
            )
        if "not found" in low or "not supported for bidigeneratecontent" in low:
            name = f"“{model}”" if model else "the chosen model"
            return ErrorEvent(
                ErrorKind.MODEL_NOT_FOUND,
                f"The model {name} is not available for live conversations on this endpoint. "
                "Choose another model in Settings.",
                recoverable=False,
                detail=detail,
                code=code,
            )
        if "permission" in low or "not implemented" in low:
            return ErrorEvent(
                ErrorKind.PERMISSION,
                "The service refused this request: this key or endpoint may not use this feature.",
                recoverable=False,
                detail=detail,
                code=code,
            )
        return ErrorEvent(
            ErrorKind.PERMISSION,
            "The service refused the session (policy violation). The server said: "
            f"{reason or 'nothing more'}.",
            recoverable=False,
            detail=detail,
            code=code,
        )
    if code == 1007:
        if "location" in low:
            message = "The Live API is not available in your location."
        elif "context" in low and ("exhaust" in low or "exceed" in low or "limit" in low):
            message = (
                "The conversation outgrew the model's context window. Turn on context "
                "compression in Settings and start a new session."
            )
        else:
            message = (
                "The service rejected a setting or an input, so the session was closed. "
                f"The server said: {reason or 'invalid argument'}."
            )
        return ErrorEvent(ErrorKind.INVALID_ARGUMENT, message, False, detail, code)
    if code == 1011:
        if "deadline" in low:
            return ErrorEvent(
                ErrorKind.TIME_LIMIT,
                "The connection reached the service's time limit and was closed.",
                True,
                detail,
                code,
            )
        if "keepalive" in low or "ping" in low:
            return ErrorEvent(
                ErrorKind.STALLED,
                "The service stopped answering, so the connection was closed.",
                True,
                detail,
                code,
            )
        if "resource_exhausted" in low or "quota" in low:
            return _rate_limited(detail, code)
        return ErrorEvent(
            ErrorKind.SERVER,
            "The service had an internal error and closed the connection.",
            True,
            detail,
            code,
        )
    if code == 1006:
        return ErrorEvent(
            ErrorKind.CONNECTION_LOST,
            "The connection to the service was lost (network interruption).",
            True,
            detail,
            code,
        )
    if code in (1000, 1001):
        if "limit" in low or "duration" in low:
            return ErrorEvent(
                ErrorKind.TIME_LIMIT,
                "The session reached the service's length limit. Turn on context compression "
                "for longer conversations.",
                True,
                detail,
                code,
            )
        return ErrorEvent(ErrorKind.CLOSED, "The service closed the session.", True, detail, code)
    if code == 429:
        return _rate_limited(detail, code)
    if 400 <= code < 500:
        return ErrorEvent(
            ErrorKind.INVALID_ARGUMENT,
            f"The service rejected the request ({code}). The server said: {reason}.",
            False,
            detail,
            code,
        )
    if 500 <= code < 600:
        return ErrorEvent(
            ErrorKind.SERVER,
            f"The service had an internal error ({code}).",
            True,
            detail,
            code,
        )
    return ErrorEvent(
        ErrorKind.UNKNOWN,
        f"The connection closed unexpectedly (code {code}).",
        True,
        detail,
        code,
    )


def _rate_limited(detail: str, code: int | None) -> ErrorEvent:
    return ErrorEvent(
        ErrorKind.RATE_LIMITED,
        "The service's usage quota or rate limit was reached. Wait a little and try again.",
        True,
        detail,
        code,
    )


def classify(exc: BaseException, *, model: str = "", host: str = "") -> ErrorEvent:
    """Map any exception raised while connecting, sending or receiving to an ErrorEvent."""
    where = host or "the service"
    if isinstance(exc, SettingsError):
        message = " ".join(p.message for p in exc.problems) or str(exc)
        return ErrorEvent(ErrorKind.SETTINGS, message, False, str(exc))
    if isinstance(exc, TokenError):
        # No token, no session; the user acts (or the next connect fetches again).
        return ErrorEvent(ErrorKind.AUTHENTICATION, str(exc), True, repr(exc))
    if isinstance(exc, genai_errors.APIError):
        reason = _reason_text(exc.details)
        code = exc.code if isinstance(exc.code, int) else 0
        return from_close(code, reason, model=model)
    if isinstance(exc, SetupTimeoutError):
        return ErrorEvent(
            ErrorKind.SETUP_TIMEOUT,
            f"{where} accepted the connection but did not start the session in time.",
            True,
            str(exc),
        )
    if isinstance(exc, StalledError):
        return ErrorEvent(
            ErrorKind.STALLED,
            "The service stopped answering, so the connection was closed.",
            True,
            str(exc),
        )
    if isinstance(exc, ws_exceptions.InvalidStatus):
        status = exc.response.status_code
        if status in (401, 403):
            return ErrorEvent(
                ErrorKind.AUTHENTICATION if status == 401 else ErrorKind.PERMISSION,
                f"{where} refused the connection (HTTP {status}). Check the API key or token "
                "and that this endpoint allows live sessions.",
                False,
                repr(exc),
                status,
            )
        if status == 404:
            return ErrorEvent(
                ErrorKind.NETWORK,
                f"{where} has no Live API at this address (HTTP 404). Check the endpoint URL.",
                False,
                repr(exc),
                status,
            )
        if status == 429:
            return _rate_limited(repr(exc), status)
        return ErrorEvent(
            ErrorKind.SERVER if status >= 500 else ErrorKind.NETWORK,
            f"{where} refused the connection (HTTP {status}).",
            status >= 500,
            repr(exc),
            status,
        )
    if isinstance(exc, ws_exceptions.ConnectionClosed):
        received = exc.rcvd
        if received is not None:
            return from_close(received.code, received.reason, model=model)
        return ErrorEvent(
            ErrorKind.CONNECTION_LOST,
            "The connection to the service was lost (network interruption).",
            True,
            repr(exc),
            1006,
        )
    if isinstance(exc, ws_exceptions.InvalidURI):
        return ErrorEvent(
            ErrorKind.SETTINGS,
            "The endpoint address is not a valid URL. Check it in Settings.",
            False,
            repr(exc),
        )
    if isinstance(exc, ws_exceptions.WebSocketException):
        return ErrorEvent(
            ErrorKind.PROTOCOL,
            f"{where} did not speak the Live API protocol.",
            True,
            repr(exc),
        )
    if isinstance(exc, ssl.SSLCertVerificationError):
        return ErrorEvent(
            ErrorKind.TLS,
            f"The certificate of {where} is not trusted. For a local or corporate server, "
            "point the app at its certificate (--ca-cert or SSL_CERT_FILE).",
            False,
            str(exc),
        )
    if isinstance(exc, ssl.SSLError):
        return ErrorEvent(
            ErrorKind.TLS,
            f"A secure (TLS) connection to {where} could not be established.",
            True,
            str(exc),
        )
    if isinstance(exc, ValueError) and "Failed to parse response" in str(exc):
        return ErrorEvent(
            ErrorKind.PROTOCOL,
            "The service sent a message the app could not read; it was skipped.",
            True,
            str(exc)[:500],
        )
    if isinstance(exc, socket.gaierror):
        return ErrorEvent(
            ErrorKind.NETWORK,
            f"Could not find {where} on the network. Check your internet connection "
            "and the endpoint address.",
            True,
            str(exc),
        )
    if isinstance(exc, ConnectionRefusedError):
        return ErrorEvent(
            ErrorKind.NETWORK,
            f"{where} refused the connection. Is the server running?",
            True,
            str(exc),
        )
    if isinstance(exc, (TimeoutError, asyncio.TimeoutError)):
        return ErrorEvent(ErrorKind.NETWORK, f"Connecting to {where} timed out.", True, repr(exc))
    if isinstance(exc, OSError):
        return ErrorEvent(
            ErrorKind.NETWORK,
            f"A network error interrupted the connection to {where}: {exc.strerror or exc}.",
            True,
            repr(exc),
        )
    return ErrorEvent(
        ErrorKind.UNKNOWN,
        "Something unexpected went wrong with the session; details are in the log.",
        True,
        f"{type(exc).__name__}: {exc}",
    )
