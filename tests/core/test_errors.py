"""Every close code and exception from the notes' table becomes a sentence a user can act on."""

from __future__ import annotations

import socket
import ssl

import pytest
from google.genai import errors as genai_errors
from websockets.exceptions import ConnectionClosedError
from websockets.frames import Close

from live_desktop.core.errors import SetupTimeoutError, classify
from live_desktop.core.events import ErrorKind


def api_error(code: int, reason: str) -> genai_errors.APIError:
    """Build the error exactly as the SDK's receive path does (APIError.raise_error)."""
    try:
        genai_errors.APIError.raise_error(code, reason, None)
    except genai_errors.APIError as exc:
        return exc
    raise AssertionError("raise_error did not raise")


@pytest.mark.parametrize(
    ("code", "reason", "kind", "recoverable", "words"),
    [
        (
            1008,
            "API key not valid. Please pass a valid API key.",
            ErrorKind.AUTHENTICATION,
            False,
            "API key was rejected",
        ),
        (
            1008,
            "models/x is not found for API version v1beta, or is not supported for "
            "bidiGenerateContent.",
            ErrorKind.MODEL_NOT_FOUND,
            False,
            "not available",
        ),
        (
            1007,
            "enableAffectiveDialog is not supported by gemini-3.8-live",
            ErrorKind.INVALID_ARGUMENT,
            False,
            "enableAffectiveDialog",
        ),
        (
            1007,
            "User location is not supported for the API use.",
            ErrorKind.INVALID_ARGUMENT,
            False,
            "location",
        ),
        (1011, "Internal error encountered.", ErrorKind.SERVER, True, "internal error"),
        (
            1011,
            "Deadline expired before operation could complete.",
            ErrorKind.TIME_LIMIT,
            True,
            "time limit",
        ),
        (1011, "keepalive ping timeout", ErrorKind.STALLED, True, "stopped answering"),
        (1006, "Abnormal closure.", ErrorKind.CONNECTION_LOST, True, "lost"),
        (1000, "", ErrorKind.CLOSED, True, "closed the session"),
    ],
)
def test_close_codes_become_sentences(
    code: int, reason: str, kind: ErrorKind, recoverable: bool, words: str
) -> None:
    event = classify(api_error(code, reason), model="gemini-3.8-live")
    assert event.kind is kind
    assert event.recoverable is recoverable
    assert words.lower() in event.message.lower()
    assert event.code == code
    assert reason in event.detail  # the server's words are kept for the log
    assert event.message.endswith(".")


def test_429_frame_is_a_quota_message() -> None:
    exc = api_error(
        429, {"code": 429, "message": "Resource has been exhausted", "status": "RESOURCE_EXHAUSTED"}
    )  # type: ignore[arg-type]
    event = classify(exc)
    assert event.kind is ErrorKind.RATE_LIMITED and event.recoverable
    assert "quota" in event.message


def test_send_after_close_is_connection_lost_not_a_crash() -> None:
    event = classify(ConnectionClosedError(None, None))
    assert event.kind is ErrorKind.CONNECTION_LOST and event.recoverable


def test_send_after_server_close_uses_the_servers_code() -> None:
    event = classify(ConnectionClosedError(Close(1011, "Internal error encountered."), None))
    assert event.kind is ErrorKind.SERVER


def test_untrusted_certificate_tells_how_to_trust_it() -> None:
    event = classify(ssl.SSLCertVerificationError("self-signed certificate"), host="proxy:8443")
    assert event.kind is ErrorKind.TLS and not event.recoverable
    assert "proxy:8443" in event.message and "--ca-cert" in event.message


def test_network_failures() -> None:
    assert classify(ConnectionRefusedError()).kind is ErrorKind.NETWORK
    assert classify(socket.gaierror(-2, "Name or service not known")).kind is ErrorKind.NETWORK
    assert classify(SetupTimeoutError("10 s")).kind is ErrorKind.SETUP_TIMEOUT


def test_malformed_frame_is_recoverable_protocol_error() -> None:
    event = classify(ValueError("Failed to parse response: b'{not json'"))
    assert event.kind is ErrorKind.PROTOCOL and event.recoverable


def test_unknown_exception_never_leaks_a_traceback_into_the_message() -> None:
    event = classify(RuntimeError("boom"))
    assert event.kind is ErrorKind.UNKNOWN
    assert "boom" not in event.message and "boom" in event.detail
