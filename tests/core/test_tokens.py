"""TokenSource against a local HTTPS token endpoint: real TLS, real httpx2, no mocks.

Time is a clock the test moves, so "renewed before expiry" is asserted by which token the next
connection gets, never by how long anything took.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import socket
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from live_desktop.core.errors import classify
from live_desktop.core.events import ErrorKind
from live_desktop.core.tokens import EphemeralToken, TokenError, TokenSource, parse_token_reply
from tests.token_server import TokenServer

START = datetime(2026, 3, 1, 10, 0, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def _stamp(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


class Issuer:
    """Makes token JSON as auth_tokens.create returns it, relative to the test's clock."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.counter = itertools.count(1)
        self.expire_s = 1800.0
        self.new_session_s: float | None = 600.0
        self.uses: int | None = 1

    def __call__(self) -> dict[str, Any]:
        now = self.clock()
        data: dict[str, Any] = {
            "name": f"auth_tokens/test-{next(self.counter):04d}-0123456789abcdef",
            "expireTime": _stamp(now + timedelta(seconds=self.expire_s)),
        }
        if self.new_session_s is not None:
            data["newSessionExpireTime"] = _stamp(now + timedelta(seconds=self.new_session_s))
        if self.uses is not None:
            data["uses"] = self.uses
        return data


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def issuer(clock: Clock) -> Issuer:
    return Issuer(clock)


@pytest_asyncio.fixture
async def server(emulator_dir: Path, issuer: Issuer) -> AsyncIterator[TokenServer]:
    srv = await TokenServer(emulator_dir, issuer).start()
    yield srv
    await srv.stop()


@pytest_asyncio.fixture
async def make_source(
    server: TokenServer, clock: Clock
) -> AsyncIterator[Callable[..., TokenSource]]:
    made: list[TokenSource] = []

    def make(**kwargs: Any) -> TokenSource:
        kwargs.setdefault("url", server.url())
        kwargs.setdefault("verify", server.client_ssl_context())
        kwargs.setdefault("clock", clock)
        source = TokenSource(**kwargs)
        made.append(source)
        return source

    yield make
    for source in made:
        await source.aclose()


async def test_fetches_a_token_with_a_post_and_the_users_header(
    server: TokenServer, make_source: Callable[..., TokenSource]
) -> None:
    source = make_source(header=("Authorization", "Bearer my-backend-secret-123"))
    token = await source()
    assert token == server.issued[0] and token.startswith("auth_tokens/")
    request = server.requests[0]
    assert request.method == "POST" and request.path == "/token"
    assert json.loads(request.body) == {}
    assert request.headers["accept"] == "application/json"
    assert request.headers["authorization"] == "Bearer my-backend-secret-123"


async def test_a_multi_use_token_is_cached(
    server: TokenServer, issuer: Issuer, make_source: Callable[..., TokenSource]
) -> None:
    issuer.uses = 0  # no limit
    source = make_source()
    assert await source() == await source() == server.issued[0]
    assert len(server.requests) == 1


async def test_a_single_use_token_is_not_handed_out_twice(
    server: TokenServer, make_source: Callable[..., TokenSource]
) -> None:
    source = make_source()
    first, second = await source(), await source()
    assert first != second and [first, second] == server.issued


async def test_without_uses_a_token_counts_as_single_use_like_the_service_default(
    server: TokenServer, issuer: Issuer, make_source: Callable[..., TokenSource]
) -> None:
    issuer.uses = None
    source = make_source()
    assert await source() != await source()


async def test_a_token_is_renewed_before_it_can_no_longer_start_a_session(
    server: TokenServer, issuer: Issuer, clock: Clock, make_source: Callable[..., TokenSource]
) -> None:
    issuer.uses, issuer.new_session_s = 0, 300.0
    source = make_source(margin_s=60.0)
    first = await source()
    clock.advance(200)  # 100 s of its window left: still handed out
    assert await source() == first
    clock.advance(45)  # 55 s left: inside the margin, so the next connection gets a new one
    second = await source()
    assert second != first and server.issued == [first, second]


async def test_a_token_without_times_follows_the_service_default_minute(
    server: TokenServer, issuer: Issuer, clock: Clock, make_source: Callable[..., TokenSource]
) -> None:
    issuer.uses, issuer.new_session_s = 0, None
    issuer.expire_s = 3600.0
    source = make_source(margin_s=60.0)
    first = await source()
    clock.advance(31)  # past half of the assumed one-minute window
    assert await source() != first


async def test_keep_ready_fetches_the_next_token_in_the_background(
    server: TokenServer, make_source: Callable[..., TokenSource]
) -> None:
    source = make_source()
    first = await source()  # used up (one use)
    source.keep_ready(True)
    for _ in range(200):
        if len(server.requests) == 2:
            break
        await asyncio.sleep(0.01)
    assert len(server.requests) == 2
    second = await source()  # a reconnect: no request to the endpoint, the token is ready
    assert second == server.issued[1] != first
    assert len(server.requests) in (2, 3)  # the task may already be fetching the third
    source.keep_ready(False)


async def test_keep_ready_does_not_prefetch_tokens_with_a_very_short_window(
    server: TokenServer, issuer: Issuer, make_source: Callable[..., TokenSource]
) -> None:
    issuer.new_session_s = 60.0  # the service's default
    source = make_source(prefetch_min_window_s=120.0)
    await source()
    source.keep_ready(True)
    await asyncio.sleep(0.2)
    assert len(server.requests) == 1  # fetched when a connection needs one, not every 30 s
    source.keep_ready(False)


async def test_snake_case_json_is_accepted(
    server: TokenServer, make_source: Callable[..., TokenSource]
) -> None:
    server.mode = "snake"
    assert await make_source()() == server.issued[0]


async def test_a_due_token_is_still_used_when_the_endpoint_fails(
    server: TokenServer, issuer: Issuer, clock: Clock, make_source: Callable[..., TokenSource]
) -> None:
    issuer.uses, issuer.new_session_s = 0, 300.0
    source = make_source(margin_s=60.0)
    first = await source()
    server.mode = "fail"
    clock.advance(250)  # due for renewal, still valid for 50 s
    assert await source() == first
    clock.advance(60)  # now expired: the failure is the answer
    with pytest.raises(TokenError, match="answered HTTP 500"):
        await source()


# ---------------------------------------------------------------------------------- failures
@pytest.mark.parametrize(
    ("mode", "sentence"),
    [
        ("fail", "The token endpoint https://127.0.0.1:{port}/token answered HTTP 500 Internal "
         "Server Error: “database is down”."),
        ("html", "The token endpoint https://127.0.0.1:{port}/token did not answer with JSON (it "
         "sent text/html: “<html><body>Sign in</body></html>”)."),
        ("no-name", 'The token endpoint https://127.0.0.1:{port}/token answered without a token: '
         'its JSON needs a "name" that starts with auth_tokens/ (what auth_tokens.create '
         "returns)."),
        ("not-token", 'The token endpoint https://127.0.0.1:{port}/token answered with a "name" '
         "that is not an ephemeral token (a token starts with auth_tokens/)."),
        ("redirect", "The token endpoint https://127.0.0.1:{port}/token answered HTTP 302 Found; "
         "redirects are not followed, so set the address it points to."),
    ],
)  # fmt: skip
async def test_a_bad_answer_is_a_sentence(
    server: TokenServer, make_source: Callable[..., TokenSource], mode: str, sentence: str
) -> None:
    server.mode = mode
    with pytest.raises(TokenError) as raised:
        await make_source()()
    assert str(raised.value) == sentence.format(port=server.port)
    assert "AIza" not in str(raised.value)  # a key sent by mistake is not repeated


async def test_an_already_expired_token_is_a_sentence(
    server: TokenServer, make_source: Callable[..., TokenSource]
) -> None:
    server.mode = "expired"
    with pytest.raises(TokenError, match="sent a token that had already expired") as raised:
        await make_source(clock=lambda: datetime.now(UTC))()
    assert "check the clocks" in str(raised.value)


async def test_an_unreachable_endpoint_is_a_sentence(
    make_source: Callable[..., TokenSource],
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: nothing listens there
    with pytest.raises(TokenError) as raised:
        await make_source(url=f"https://127.0.0.1:{port}/token")()
    assert str(raised.value) == (
        f"The token endpoint https://127.0.0.1:{port}/token could not be reached "
        "(connection refused)."
    )


async def test_a_silent_endpoint_times_out_with_a_sentence(
    server: TokenServer, make_source: Callable[..., TokenSource]
) -> None:
    server.mode = "slow"
    with pytest.raises(TokenError) as raised:
        await make_source(timeout_s=0.3)()
    assert str(raised.value) == (
        f"The token endpoint https://127.0.0.1:{server.port}/token did not answer within 0.3 s."
    )


async def test_an_untrusted_certificate_is_a_sentence(
    server: TokenServer, make_source: Callable[..., TokenSource]
) -> None:
    with pytest.raises(TokenError) as raised:
        await make_source(verify=True)()  # the system's CAs do not know the test certificate
    assert str(raised.value).startswith(
        f"The certificate of the token endpoint https://127.0.0.1:{server.port}/token is not "
        "trusted ("
    )
    assert server.issued == []


@pytest.mark.parametrize(
    ("url", "sentence"),
    [
        ("http://tokens.example.com/token", "The token endpoint http://tokens.example.com/token "
         "is not encrypted; use https:// (plain http:// is allowed only for this computer)."),
        ("ftp://tokens.example.com/", "The token endpoint ftp://tokens.example.com/ is not an "
         "https:// URL."),
        ("https://[::1/token", "The token endpoint https://[::1/token is not an https:// URL."),
    ],
)  # fmt: skip
async def test_an_unusable_url_is_refused_before_anything_is_sent(
    make_source: Callable[..., TokenSource], url: str, sentence: str
) -> None:
    with pytest.raises(TokenError) as raised:
        await make_source(url=url)()
    assert str(raised.value) == sentence


async def test_the_url_in_a_sentence_carries_no_credentials(
    server: TokenServer, make_source: Callable[..., TokenSource]
) -> None:
    server.mode = "fail"
    url = f"https://me:pa55word@127.0.0.1:{server.port}/token?key=abc123"
    with pytest.raises(TokenError) as raised:
        await make_source(url=url)()
    assert "pa55word" not in str(raised.value) and "abc123" not in str(raised.value)


# ------------------------------------------------------------------------------------ pasted
async def test_a_pasted_token_is_returned_as_is() -> None:
    source = TokenSource(token="  auth_tokens/pasted-0123456789  ")
    assert await source() == await source() == "auth_tokens/pasted-0123456789"


async def test_no_token_at_all_is_a_sentence() -> None:
    with pytest.raises(TokenError) as raised:
        await TokenSource()()
    assert str(raised.value) == (
        "No ephemeral token is set: paste one (Add key…), or set a token endpoint URL in "
        "Settings > Connection."
    )


async def test_a_pasted_api_key_is_not_taken_for_a_token() -> None:
    with pytest.raises(TokenError) as raised:
        await TokenSource(token="AIzaSyA-pasted-api-key-0123456789abcdefgh")()
    assert str(raised.value) == (
        "The pasted text is not an ephemeral token: a token starts with auth_tokens/."
    )


async def test_the_endpoint_wins_over_a_pasted_token(
    server: TokenServer, make_source: Callable[..., TokenSource]
) -> None:
    source = make_source(token="auth_tokens/pasted-0123456789")
    assert await source() == server.issued[0]
    source.set_url("")
    assert await source() == "auth_tokens/pasted-0123456789"


# ----------------------------------------------------------------------------------- parsing
def test_reply_times_are_read_in_utc() -> None:
    token = parse_token_reply(
        {
            "name": "auth_tokens/x0123456789",
            "expireTime": "2026-03-01T12:30:00.123456789Z",
            "newSessionExpireTime": "2026-03-01T11:01:00+01:00",
            "uses": "2",
        },
        source="The token endpoint X",
        now=START,
    )
    assert token.expire_time == datetime(2026, 3, 1, 12, 30, 0, 123456, tzinfo=UTC)
    assert token.deadline == datetime(2026, 3, 1, 10, 1, tzinfo=UTC)
    assert token.uses == 2
    assert "x0123456789" not in repr(token)


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ({"name": "auth_tokens/x", "expireTime": "tomorrow"}, "sent expireTime “tomorrow”, "
         "which is not a date and time"),
        ({"name": "auth_tokens/x", "uses": -1}, "sent “uses” that is not a whole number"),
        (["auth_tokens/x"], "answered JSON that is not an object"),
    ],
)  # fmt: skip
def test_malformed_replies_are_sentences(data: Any, fragment: str) -> None:
    with pytest.raises(TokenError, match=fragment):
        parse_token_reply(data, source="The token endpoint X", now=START)


def test_renewal_margin_is_at_most_half_the_window() -> None:
    token = EphemeralToken("auth_tokens/x", START, None, START + timedelta(seconds=60), 1)
    assert token.renew_at(60.0) == START + timedelta(seconds=30)
    assert token.renew_at(10.0) == START + timedelta(seconds=50)


def test_a_token_error_is_an_authentication_error_with_its_sentence() -> None:
    event = classify(TokenError("The token endpoint https://h/t answered HTTP 500."))
    assert event.kind is ErrorKind.AUTHENTICATION
    assert event.message == "The token endpoint https://h/t answered HTTP 500."
    assert event.recoverable
