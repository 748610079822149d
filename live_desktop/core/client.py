"""build_client(): one ``genai.Client`` per endpoint kind, with the api_version always pinned.

- Gemini API: API key, api_version from the model profile (the SDK's own default is ``v1``).
- Ephemeral token (a key starting ``auth_tokens/``): ``v1alpha``; the SDK then calls
  ``BidiGenerateContentConstrained`` with ``Authorization: Token ...``.
- Vertex AI: project and location with Google Cloud credentials, or express mode with a key.
- Custom base URL (a proxy or test server) and the offline emulator: the Gemini API protocol
  at another address. The SDK turns any scheme into ``wss://``, so the server must speak TLS;
  a non-loopback ``http://``/``ws://`` URL is refused. A self-signed certificate is trusted
  only through ``HttpOptions.async_client_args={"ssl": context}``; without ``ca_cert`` a
  custom endpoint honours ``SSL_CERT_FILE``.

Creating a client does no network I/O. Call from the event-loop thread.
"""

from __future__ import annotations

import os
import ssl
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from live_desktop.core.lazy import lazy_module
from live_desktop.core.settings import (
    SettingProblem,
    Settings,
    SettingsError,
    describe_endpoint,
    is_loopback_host,
)
from live_desktop.core.wire_tap import WireTap, tapped_connection_class

if TYPE_CHECKING:
    from google import genai
    from google.genai import types
else:
    # google-genai loads on first use, not with this module (see core/lazy.py).
    genai = lazy_module("google.genai")
    types = lazy_module("google.genai.types")

__all__ = ["EPHEMERAL_PREFIX", "OFFLINE_PLACEHOLDER_KEY", "build_client", "describe_endpoint"]

EPHEMERAL_PREFIX = "auth_tokens/"
#: The emulator accepts any key; this one is sent when the caller has none, so a real key
#: never has to travel to a local test server.
OFFLINE_PLACEHOLDER_KEY = "offline-emulator-key"

CaCert = str | os.PathLike[str] | ssl.SSLContext


def _error(settings: Settings, setting: str, message: str) -> SettingsError:
    return SettingsError([SettingProblem(setting, settings.model.name, message)])


def build_client(
    settings: Settings,
    api_key: str | None,
    *,
    base_url: str | None = None,
    ca_cert: CaCert | None = None,
    headers: dict[str, str] | None = None,
    keepalive_s: float | None = None,
    wire_tap: WireTap | None = None,
) -> genai.Client:
    """A client for ``settings.connection.endpoint``; raises SettingsError with a clear reason.

    ``base_url`` overrides the endpoint's address (the offline emulator's URL, a test server);
    ``ca_cert`` is a PEM path or an ``ssl.SSLContext`` to trust; ``headers`` are sent on the
    WebSocket upgrade; ``keepalive_s`` sets the WebSocket ping interval and timeout;
    ``wire_tap`` sees every frame of the Live API WebSocket (``core/wire_tap.py``).
    """
    conn = settings.connection
    key = api_key.strip() if api_key else None
    ephemeral = key is not None and key.startswith(EPHEMERAL_PREFIX)
    if conn.auth == "ephemeral_token" and key is not None and not ephemeral:
        raise _error(
            settings,
            "connection.auth",
            f"An ephemeral token starts with {EPHEMERAL_PREFIX}; this looks like an API key.",
        )

    url = base_url.strip().rstrip("/") if base_url else None
    kind = conn.endpoint
    if url is None and kind == "custom":
        url = conn.custom_base_url.rstrip("/") or None
        if url is None:
            raise _error(settings, "connection.custom_base_url", "The custom endpoint needs a URL.")
    if url is None and kind == "offline_emulator":
        raise _error(
            settings,
            "connection.endpoint",
            "The offline emulator's address comes from the app when it starts the emulator; "
            "none was given.",
        )
    if url is not None:
        _check_url(settings, url)

    context = _ssl_context(settings, ca_cert, custom=url is not None)
    http_options = types.HttpOptions(
        base_url=url,
        api_version=settings.api_version(key),
        headers=dict(headers) if headers else None,
        client_args={"verify": context} if context is not None else None,
        async_client_args=_async_args(context, keepalive_s, wire_tap),
    )

    if kind == "vertex_ai":
        if ephemeral:
            raise _error(
                settings,
                "connection.auth",
                "Ephemeral tokens work with the Gemini API only, not with Vertex AI.",
            )
        if conn.auth == "google_credentials":
            if not conn.vertex_project or not conn.vertex_location:
                raise _error(
                    settings,
                    "connection.vertex_project",
                    "Vertex AI needs a Google Cloud project and location.",
                )
            return genai.Client(
                vertexai=True,
                project=conn.vertex_project,
                location=conn.vertex_location,
                http_options=http_options,
            )
        if not key:
            raise _error(
                settings,
                "connection.auth",
                "Vertex AI express mode needs an API key; none is set.",
            )
        return genai.Client(vertexai=True, api_key=key, http_options=http_options)

    if kind == "offline_emulator" and not key:
        key = OFFLINE_PLACEHOLDER_KEY
    if not key:
        raise _error(
            settings,
            "connection.auth",
            "No API key is set. Enter one in Settings, or set GEMINI_API_KEY.",
        )
    # vertexai=False explicitly: otherwise GOOGLE_GENAI_USE_VERTEXAI in the environment would
    # silently switch the protocol.
    return genai.Client(vertexai=False, api_key=key, http_options=http_options)


def _check_url(settings: Settings, url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("https", "wss", "http", "ws") or not parts.hostname:
        raise _error(
            settings,
            "connection.custom_base_url",
            f"{url} is not a valid endpoint URL; use https://host:port.",
        )
    if parts.scheme in ("http", "ws") and not is_loopback_host(parts.hostname):
        raise _error(
            settings,
            "connection.custom_base_url",
            f"{url} is not encrypted. Live Desktop sends your key and your voice only over "
            "TLS (https://) to other computers; plain http:// is allowed for this computer "
            "only.",
        )


def _ssl_context(
    settings: Settings, ca_cert: CaCert | None, *, custom: bool
) -> ssl.SSLContext | None:
    if isinstance(ca_cert, ssl.SSLContext):
        return ca_cert
    cafile: str | None = os.fspath(ca_cert) if ca_cert is not None else None
    if cafile is None and custom:
        cafile = os.environ.get("SSL_CERT_FILE") or None
    if cafile is None:
        return None  # the SDK's default: certifi, or SSL_CERT_FILE / SSL_CERT_DIR
    try:
        return ssl.create_default_context(cafile=cafile)
    except (OSError, ssl.SSLError) as exc:
        raise _error(
            settings,
            "connection.custom_base_url",
            f"The certificate file {cafile} cannot be used: {exc}.",
        ) from exc


def _async_args(
    context: ssl.SSLContext | None, keepalive_s: float | None, wire_tap: WireTap | None = None
) -> dict[str, Any] | None:
    # No permessage-deflate: websockets negotiates it by default, and then every message is
    # deflated and inflated, 75 a second in a voice session, though base64 audio and JPEG
    # hardly compress. The SDK passes on the keys websockets' connect() accepts.
    args: dict[str, Any] = {"compression": None}
    if context is not None:
        # "ssl" reaches the WebSocket connect; "verify" the httpx client (model listing).
        args["ssl"] = context
        args["verify"] = context
    if keepalive_s is not None:
        # websockets' connect() takes these; the SDK drops them for the HTTP clients.
        args["ping_interval"] = keepalive_s
        args["ping_timeout"] = keepalive_s
    if wire_tap is not None:
        # websockets' connect() takes the connection class; the SDK passes it on like the rest.
        args["create_connection"] = tapped_connection_class(wire_tap)
    return args
