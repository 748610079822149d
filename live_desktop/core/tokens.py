"""Ephemeral tokens: a pasted one, or one fetched from the user's own token endpoint, kept fresh.

An ephemeral token (``auth_tokens/...``) is used like an API key but is short-lived: the service
refuses new sessions with it after ``newSessionExpireTime`` (by default a minute after it was
made) and any use after ``expireTime`` (by default 30 minutes), and a token starts ``uses``
sessions (by default one; resuming a session does not count). So the app never keeps one for
long: :class:`TokenSource` is an async callable that the session controller awaits before
every connection attempt (its ``key_source``), and it returns a token that can start a session
now.

The token endpoint (setting ``connection.token_url``) is the user's own server, the one that
holds the real API key. Live Desktop sends it ``POST`` with the JSON body ``{}`` (plus one
optional header of the user's choosing, for that server's own login) and expects ``200`` with
the JSON that ``client.auth_tokens.create`` returns::

    {"name": "auth_tokens/...", "expireTime": "2026-01-01T10:30:00Z",
     "newSessionExpireTime": "2026-01-01T10:01:00Z", "uses": 1}

snake_case keys (``expire_time``, ``new_session_expire_time``) are accepted too, and ``token``
for ``name``. Without ``newSessionExpireTime`` the service's default is assumed (one minute after
the fetch); without ``uses``, one. It must be ``https://`` unless it is on this computer.

A fetched token is cached and handed out while it can start a session and has uses left; it is
renewed ``margin_s`` before that deadline (at most half its lifetime before). With
:meth:`TokenSource.keep_ready` on (the app turns it on while a session is open), a renewal task
fetches the next token in the background, so a reconnect after a drop or a goAway does not
wait for the token endpoint. Tokens that can start sessions only for a very short time (under
``prefetch_min_window_s``) are fetched on demand instead, to spare the user's server a request
every few seconds.

Every failure is a :class:`TokenError` whose text is a sentence for the user. Runs on the
asyncio loop; no threads.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from live_desktop import __version__
from live_desktop.core.files import short_reason
from live_desktop.core.secrets import redact, remember_secret
from live_desktop.core.settings import is_loopback_host, token_url_problem

__all__ = [
    "DEFAULT_NEW_SESSION_WINDOW_S",
    "TOKEN_PREFIX",
    "EphemeralToken",
    "TokenError",
    "TokenSource",
    "parse_token_reply",
]

log = logging.getLogger(__name__)

TOKEN_PREFIX = "auth_tokens/"
#: The service's default: a token starts new sessions only in the minute after it was made.
DEFAULT_NEW_SESSION_WINDOW_S = 60.0
#: How much of a bad reply is quoted back in the sentence.
_QUOTE_CHARS = 80
#: After a failed background renewal, try again this much later (or at the next connection).
_RETRY_S = 30.0

Clock = Callable[[], datetime]
Verify = ssl.SSLContext | str | bool


class TokenError(Exception):
    """No usable ephemeral token; ``str(exc)`` says why in a sentence for the user."""


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class EphemeralToken:
    """One token and when it stops being usable. The repr never shows the token."""

    value: str = field(repr=False)
    fetched_at: datetime
    #: After this no message is accepted (None: not said).
    expire_time: datetime | None = None
    #: After this no new session starts (None: not said).
    new_session_expire_time: datetime | None = None
    #: Sessions it may start; None: no limit (the service's ``uses: 0``).
    uses: int | None = 1

    @property
    def deadline(self) -> datetime:
        """The last moment this token can start a session."""
        new_session = self.new_session_expire_time or self.fetched_at + timedelta(
            seconds=DEFAULT_NEW_SESSION_WINDOW_S
        )
        if self.expire_time is not None:
            return min(new_session, self.expire_time)
        return new_session

    @property
    def window_s(self) -> float:
        """How long after the fetch it can start sessions."""
        return (self.deadline - self.fetched_at).total_seconds()

    def renew_at(self, margin_s: float) -> datetime:
        """When to stop handing it out: ``margin_s`` before the deadline, or at half-life."""
        margin = min(margin_s, max(self.window_s, 0.0) / 2)
        return self.deadline - timedelta(seconds=margin)


def parse_token_reply(data: Any, *, source: str, now: datetime) -> EphemeralToken:
    """The token in the JSON a token endpoint answered; TokenError with a sentence if none.

    ``source`` names the endpoint in sentences ("The token endpoint https://host/token").
    """
    if not isinstance(data, dict):
        raise TokenError(
            f'{source} answered JSON that is not an object; it must be {{"name": '
            f'"{TOKEN_PREFIX}...", "expireTime": "..."}} as auth_tokens.create returns it.'
        )
    value = data.get("name", data.get("token"))
    if not isinstance(value, str) or not value.strip():
        raise TokenError(
            f'{source} answered without a token: its JSON needs a "name" that starts with '
            f"{TOKEN_PREFIX} (what auth_tokens.create returns)."
        )
    value = value.strip()
    if not value.startswith(TOKEN_PREFIX):
        # Not quoted: it could be an API key sent by mistake.
        raise TokenError(
            f'{source} answered with a "name" that is not an ephemeral token (a token starts '
            f"with {TOKEN_PREFIX})."
        )
    remember_secret(value)
    expire = _timestamp(data, "expireTime", "expire_time", source)
    new_session = _timestamp(data, "newSessionExpireTime", "new_session_expire_time", source)
    uses = _uses(data, source)
    token = EphemeralToken(value, now, expire, new_session, uses)
    if token.deadline <= now:
        which = (
            "expireTime"
            if expire is not None and (new_session is None or expire <= new_session)
            else "newSessionExpireTime"
        )
        raise TokenError(
            f"{source} sent a token that had already expired ({which} "
            f"{token.deadline:%Y-%m-%d %H:%M:%S} UTC, now {now:%H:%M:%S} UTC); check the clocks "
            "of this computer and of that server."
        )
    return token


def _timestamp(data: Mapping[str, Any], camel: str, snake: str, source: str) -> datetime | None:
    raw = data.get(camel, data.get(snake))
    if raw is None or raw == "":
        return None
    try:
        if not isinstance(raw, str):
            raise ValueError(raw)
        moment = datetime.fromisoformat(raw.strip())
    except ValueError:
        raise TokenError(
            f"{source} sent {camel} “{_quote(str(raw))}”, which is not a date and time (it "
            "should look like 2026-01-01T10:30:00Z)."
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # the service's times are UTC
    return moment.astimezone(UTC)


def _uses(data: Mapping[str, Any], source: str) -> int | None:
    raw = data.get("uses")
    if raw is None:
        return 1  # the service's default
    if isinstance(raw, str) and raw.strip().isdigit():
        raw = int(raw)  # protobuf JSON may write integers as strings
    if not isinstance(raw, int) or isinstance(raw, bool) or raw < 0:
        raise TokenError(f"{source} sent “uses” that is not a whole number: “{_quote(str(raw))}”.")
    return None if raw == 0 else raw


class TokenSource:
    """An async callable returning an ephemeral token that can start a session now.

    One connection attempt at a time (as the session controller makes them): each call
    counts one use of the token it returns.

    Either ``url`` (a token endpoint; it wins when both are set) or a pasted ``token``.
    ``header`` is one ``(name, value)`` sent to the endpoint (e.g. ``("Authorization",
    "Bearer ...")`` for the user's own server); ``verify`` is httpx's: True (system
    certificates and SSL_CERT_FILE), a CA file path or an ``ssl.SSLContext``. Call on the
    asyncio loop; :meth:`aclose` stops the renewal task.
    """

    def __init__(
        self,
        *,
        url: str = "",
        token: str | None = None,
        header: tuple[str, str] | None = None,
        verify: Verify = True,
        timeout_s: float = 10.0,
        margin_s: float = 60.0,
        prefetch_min_window_s: float = 120.0,
        clock: Clock = _utcnow,
    ) -> None:
        self._url = ""
        self._header: tuple[str, str] | None = None
        self._pasted: str | None = None
        self.verify = verify
        self.timeout_s = timeout_s
        self.margin_s = margin_s
        self.prefetch_min_window_s = prefetch_min_window_s
        self._clock = clock
        self._cached: EphemeralToken | None = None
        self._uses_left: int | None = 0
        #: The last token fetched (cached or handed out): its window decides on prefetching.
        self._last: EphemeralToken | None = None
        self._fetching: asyncio.Task[EphemeralToken] | None = None
        self._renewal: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        #: How many tokens were fetched (the inspector and tests read it).
        self.fetches = 0
        self.set_url(url, header)
        self.set_token(token)

    # ----------------------------------------------------------------- configuration
    @property
    def url(self) -> str:
        return self._url

    def set_url(self, url: str, header: tuple[str, str] | None = None) -> None:
        """Fetch from ``url`` (empty: use the pasted token) from the next call on."""
        url = url.strip()
        if url != self._url:
            self._forget()
        self._url = url
        self._header = header
        if header is not None and header[1].strip():
            remember_secret(header[1])
            remember_secret(header[1].split(" ", 1)[-1])  # the credential without its scheme

    def set_token(self, token: str | None) -> None:
        """Use this pasted token when no token endpoint is set."""
        token = (token or "").strip() or None
        if token is not None:
            remember_secret(token)
        self._pasted = token

    def _forget(self) -> None:
        self._cached, self._uses_left, self._last = None, 0, None
        self._wake.set()

    # ----------------------------------------------------------------- the callable
    async def __call__(self) -> str:
        """The token for the connection about to be opened (counts as one use)."""
        if not self._url:
            return self._pasted_token()
        token = self._usable()
        if token is None:
            stale = self._cached if self._has_uses() else None
            try:
                token = await self._fetch_shared()
            except TokenError:
                if stale is not None and self._clock() < stale.deadline:
                    # Due for renewal but still valid: better than no session at all.
                    log.warning("Token endpoint failed; using the current token until it expires")
                    token = stale
                else:
                    raise
        if self._uses_left is not None and token is self._cached:
            self._uses_left -= 1
        self._wake.set()  # the renewal task may now fetch the next one
        return token.value

    def _pasted_token(self) -> str:
        token = self._pasted
        if not token:
            raise TokenError(
                "No ephemeral token is set: paste one (Add key…), or set a token endpoint URL "
                "in Settings > Connection."
            )
        if not token.startswith(TOKEN_PREFIX):
            raise TokenError(
                f"The pasted text is not an ephemeral token: a token starts with {TOKEN_PREFIX}."
            )
        return token

    def _has_uses(self) -> bool:
        return self._uses_left is None or self._uses_left > 0

    def _usable(self) -> EphemeralToken | None:
        token = self._cached
        if token is None or not self._has_uses():
            return None
        if self._clock() >= token.renew_at(self.margin_s):
            return None
        return token

    async def _fetch_shared(self) -> EphemeralToken:
        """One fetch at a time: a connect during a background renewal waits for that one."""
        if self._fetching is None or self._fetching.done():
            self._fetching = asyncio.ensure_future(self._fetch_and_cache())
        # Shielded: a cancelled connect must not cancel the fetch the renewal task shares.
        return await asyncio.shield(self._fetching)

    async def _fetch_and_cache(self) -> EphemeralToken:
        url = self._url
        token = await self.fetch(url)
        if url == self._url:  # the URL did not change while fetching
            self._cached, self._uses_left, self._last = token, token.uses, token
        return token

    async def fetch(self, url: str) -> EphemeralToken:
        """Ask the token endpoint at ``url`` for a new token (no caching)."""
        import httpx2  # loaded on first use, like google-genai (see core/lazy.py)

        shown = _shown_url(url)
        source = f"The token endpoint {shown}"
        problem = token_url_problem(url)
        if problem is not None:
            raise TokenError(problem)
        headers = {
            "Accept": "application/json",
            "Content-Type": "application/json",
            "User-Agent": f"live-desktop/{__version__}",
        }
        if self._header is not None and self._header[0].strip():
            headers[self._header[0].strip()] = self._header[1].strip()
        host = urlsplit(url).hostname or ""
        try:
            async with asyncio.timeout(self.timeout_s):
                async with httpx2.AsyncClient(
                    verify=self.verify,
                    # A proxy from the environment must not capture a server on this computer.
                    trust_env=not is_loopback_host(host),
                    # Not followed: a redirect could carry the user's header to another host.
                    follow_redirects=False,
                ) as client:
                    response = await client.post(url, content=b"{}", headers=headers)
        except TimeoutError as exc:
            raise TokenError(f"{source} did not answer within {self.timeout_s:g} s.") from exc
        except httpx2.ConnectError as exc:
            cert = _certificate_problem(exc)
            if cert is not None:
                raise TokenError(
                    f"The certificate of the token endpoint {shown} is not trusted ({cert})."
                ) from exc
            raise TokenError(f"{source} could not be reached ({short_reason(exc)}).") from exc
        except httpx2.HTTPError as exc:
            raise TokenError(f"{source} failed: {short_reason(exc)}.") from exc
        self.fetches += 1
        log.info("Token endpoint %s answered %s", shown, response.status_code)
        text = response.text
        phrase = f" {response.reason_phrase}" if response.reason_phrase else ""
        if response.status_code != 200:
            detail = f": “{_quote(text)}”" if text.strip() else ""
            hint = (
                "; redirects are not followed, so set the address it points to"
                if 300 <= response.status_code < 400
                else ""
            )
            raise TokenError(
                f"{source} answered HTTP {response.status_code}{phrase}{detail}{hint}."
            )
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            kind = response.headers.get("content-type", "").split(";")[0].strip()
            raise TokenError(
                f"{source} did not answer with JSON (it sent {kind or 'no content type'}: "
                f"“{_quote(text)}”)."
            ) from exc
        return parse_token_reply(data, source=source, now=self._clock())

    # ----------------------------------------------------------------- renewal
    def keep_ready(self, on: bool) -> None:
        """While on, a background task keeps a fresh token ready for the next connection."""
        if not on:
            task, self._renewal = self._renewal, None
            if task is not None:
                task.cancel()
            return
        if self._url and (self._renewal is None or self._renewal.done()):
            self._renewal = asyncio.ensure_future(self._renew_forever())

    async def _renew_forever(self) -> None:
        while self._url:
            self._wake.clear()
            token = self._usable()
            last = self._last
            wanted = last is None or last.window_s >= self.prefetch_min_window_s
            if token is None and wanted:
                try:
                    await self._fetch_shared()
                    log.info("Ephemeral token renewed")
                    continue
                except TokenError as exc:
                    # The next connection fetches again and shows the sentence if it still fails.
                    log.warning("Could not renew the ephemeral token: %s", exc)
                    await self._sleep_or_wake(_RETRY_S)
                    continue
            delay: float | None = None
            if token is not None and wanted:
                delay = (token.renew_at(self.margin_s) - self._clock()).total_seconds()
            await self._sleep_or_wake(delay)

    async def _sleep_or_wake(self, delay: float | None) -> None:
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(None if delay is None else max(delay, 0.0)):
                await self._wake.wait()

    async def aclose(self) -> None:
        """Stop the renewal task and any fetch in flight."""
        tasks = [t for t in (self._renewal, self._fetching) if t is not None and not t.done()]
        self._renewal = self._fetching = None
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, TokenError):
                await task


# ------------------------------------------------------------------------------- sentences
def _shown_url(url: str) -> str:
    """``url`` as sentences and logs name it: no user name, password, query or fragment."""
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
    flat = " ".join(redact(text).split())
    return flat if len(flat) <= _QUOTE_CHARS else flat[: _QUOTE_CHARS - 1] + "…"


def _certificate_problem(exc: BaseException) -> str | None:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return seen.verify_message or "certificate verify failed"
        if isinstance(seen, ssl.SSLError):
            return seen.reason or str(seen)
        seen = seen.__cause__ or seen.__context__
    text = str(exc)
    if "CERTIFICATE_VERIFY_FAILED" in text:
        return "certificate verify failed"
    return None
