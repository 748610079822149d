"""Answer a declared function through an HTTP webhook: POST the arguments as JSON, read JSON back.

The request body is the call's arguments object; the headers ``X-Live-Desktop-Function`` and
``X-Live-Desktop-Call-Id`` name the function and the call. A JSON object in reply is the
function's response as is (``{"output": ...}`` or ``{"error": ...}`` by the Live API's
convention); any other JSON value is wrapped as ``{"output": value}``.

Uses httpx2, the HTTP client google-genai itself depends on, so nothing new is installed.
Cancelling the awaiting task cancels the request and closes its connection: that is how a
``toolCallCancellation`` reaches the webhook. Every failure is a :class:`WebhookError` whose
text is a sentence for the user (and for the model, as the function's error).

Runs on the asyncio loop; no threads.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Mapping
from typing import Any
from urllib.parse import urljoin, urlsplit

from live_desktop import __version__
from live_desktop.core.files import short_reason

__all__ = ["WebhookError", "call_webhook"]

log = logging.getLogger(__name__)

#: How much of a bad reply is quoted back in the sentence.
_QUOTE_CHARS = 80


class WebhookError(Exception):
    """The webhook gave no usable answer; ``str(exc)`` says why in a sentence."""


async def call_webhook(
    url: str,
    *,
    function: str,
    call_id: str,
    args: Mapping[str, Any],
    timeout_s: float,
) -> dict[str, Any]:
    """POST ``args`` to ``url`` and return the function's response (a dict).

    ``timeout_s`` bounds the whole exchange (connect, send, the webhook's own work, reading the
    reply). Raises :class:`WebhookError` for an unreachable host, a timeout, an HTTP error status
    or a reply that is not JSON; ``asyncio.CancelledError`` passes through (the request is
    abandoned and its connection closed).
    """
    import httpx2  # loaded on first use, like google-genai (see core/lazy.py)

    from live_desktop.core.settings import is_loopback_host

    host = urlsplit(url).hostname or ""
    headers = {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "User-Agent": f"live-desktop/{__version__}",
        "X-Live-Desktop-Function": function,
        "X-Live-Desktop-Call-Id": call_id,
    }
    body = json.dumps(dict(args), ensure_ascii=False).encode("utf-8")
    shown = _shown_url(url)
    who = f"The webhook for {function} ({shown})"
    try:
        # One deadline for the whole exchange: httpx's own timeouts are per phase, and a
        # webhook that trickles its reply would never trip them.
        async with asyncio.timeout(timeout_s):
            # A proxy from the environment must not capture a webhook on this computer.
            async with httpx2.AsyncClient(
                trust_env=not is_loopback_host(host), follow_redirects=False
            ) as client:
                response = await client.post(url, content=body, headers=headers)
    except TimeoutError as exc:
        raise WebhookError(f"{who} did not answer within {timeout_s:g} s.") from exc
    except httpx2.ConnectError as exc:
        raise WebhookError(f"{who} could not be reached ({short_reason(exc)}).") from exc
    except httpx2.HTTPError as exc:
        raise WebhookError(f"{who} failed: {short_reason(exc)}.") from exc

    log.info("Webhook %s answered %s for %s", shown, response.status_code, function)
    text = response.text
    phrase = f" {response.reason_phrase}" if response.reason_phrase else ""
    if 300 <= response.status_code < 400:
        # Not followed: a redirect could send the arguments to another computer.
        location = response.headers.get("location", "")
        answered = f"{who} answered HTTP {response.status_code}{phrase}"
        if not location:
            raise WebhookError(f"{answered}; redirects are not followed.")
        raise WebhookError(
            f"{answered} to {_shown_url(urljoin(url, location))}; redirects are not followed, "
            "so use that address as the webhook URL."
        )
    if response.status_code >= 400:
        detail = f": “{_quote(text)}”" if text.strip() else ""
        raise WebhookError(f"{who} answered HTTP {response.status_code}{phrase}{detail}.")
    if not text.strip():
        raise WebhookError(f"{who} sent an empty reply; it must answer with JSON.")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        kind = response.headers.get("content-type", "").split(";")[0].strip() or "no content type"
        raise WebhookError(
            f"{who} did not answer with JSON (it sent {kind}: “{_quote(text)}”)."
        ) from exc
    if isinstance(value, dict):
        return value
    return {"output": value}


def _shown_url(url: str) -> str:
    """``url`` as sentences and logs name it: without a user name, password, query or fragment,
    where webhooks keep their tokens (the sentence also goes to the model as the error)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port is not None else ""
    except ValueError:
        return url.split("?", 1)[0].split("#", 1)[0]
    if ":" in host:
        host = f"[{host}]"
    return f"{parts.scheme}://{host}{port}{parts.path}"


def _quote(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _QUOTE_CHARS else flat[: _QUOTE_CHARS - 1] + "…"
