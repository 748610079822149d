"""The webhook client against a real local HTTP server: what it sends, and the sentence a user
reads for each way a webhook can fail."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import pytest

from live_desktop.core.webhook import WebhookError, call_webhook
from tests.webhook_server import WebhookServer


@pytest.fixture
async def server() -> AsyncIterator[WebhookServer]:
    srv = await WebhookServer().start()
    yield srv
    await srv.stop()


async def call(url: str, timeout_s: float = 5.0) -> dict[str, object]:
    return await call_webhook(
        url, function="get_weather", call_id="c-1", args={"city": "Lisbon"}, timeout_s=timeout_s
    )


async def test_the_arguments_are_posted_as_json_and_the_reply_is_the_response(
    server: WebhookServer,
) -> None:
    assert await call(server.url("/answer")) == {
        "output": {"echo": {"city": "Lisbon"}, "by": "webhook"}
    }
    (request,) = server.requests
    assert request.method == "POST" and request.path == "/answer"
    assert request.json() == {"city": "Lisbon"}
    assert request.headers["content-type"] == "application/json"
    assert request.headers["x-live-desktop-function"] == "get_weather"
    assert request.headers["x-live-desktop-call-id"] == "c-1"


async def test_a_reply_that_is_not_an_object_becomes_the_output(server: WebhookServer) -> None:
    assert await call(server.url("/scalar")) == {"output": 42}


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize(
    ("path", "sentence"),
    [
        ("/html", "did not answer with JSON (it sent text/html: "
                  "“<html><body>Not JSON</body></html>”)."),
        ("/empty", "sent an empty reply; it must answer with JSON."),
        ("/fail", "answered HTTP 500 Internal Server Error: “database is down”."),
    ],
)  # fmt: skip
async def test_bad_replies_are_explained(server: WebhookServer, path: str, sentence: str) -> None:
    with pytest.raises(WebhookError) as caught:
        await call(server.url(path))
    assert str(caught.value) == f"The webhook for get_weather ({server.url(path)}) {sentence}"


async def test_a_redirect_is_explained_with_where_it_points(server: WebhookServer) -> None:
    # A redirect is not followed (the request could leave this computer); it used to read as
    # "sent an empty reply; it must answer with JSON", which sends the user the wrong way.
    with pytest.raises(WebhookError) as caught:
        await call(server.url("/moved"))
    assert str(caught.value) == (
        f"The webhook for get_weather ({server.url('/moved')}) answered HTTP 307 Temporary "
        f"Redirect to {server.url('/answer')}; redirects are not followed, so use that address "
        "as the webhook URL."
    )
    assert [r.path for r in server.requests] == ["/moved"]


async def test_an_unreachable_webhook_is_explained() -> None:
    url = f"http://127.0.0.1:{_closed_port()}/tools"
    with pytest.raises(WebhookError) as caught:
        await call(url)
    assert str(caught.value) == (
        f"The webhook for get_weather ({url}) could not be reached (connection refused)."
    )


async def test_a_slow_webhook_times_out_and_its_request_is_dropped(server: WebhookServer) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    with pytest.raises(WebhookError) as caught:
        await call(server.url("/slow"), timeout_s=0.5)
    assert 0.4 < loop.time() - started < 3
    assert str(caught.value) == (
        f"The webhook for get_weather ({server.url('/slow')}) did not answer within 0.5 s."
    )
    await asyncio.wait_for(server.disconnected.wait(), 5)


async def test_cancelling_the_call_closes_the_request(server: WebhookServer) -> None:
    task = asyncio.ensure_future(call(server.url("/slow"), timeout_s=30))
    while not server.requests:
        await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await asyncio.wait_for(server.disconnected.wait(), 5)


async def test_credentials_in_the_url_stay_out_of_sentences_and_logs(
    server: WebhookServer, caplog: pytest.LogCaptureFixture
) -> None:
    # The sentence goes to the transcript and, as the function's error, to the model (and so
    # into the inspector's export); a token in the webhook's URL must reach none of them.
    url = f"http://hook:pa55word@127.0.0.1:{server.port}/fail?token=s3cret-t0ken#frag"
    caplog.set_level("INFO", logger="live_desktop.core.webhook")
    with pytest.raises(WebhookError) as caught:
        await call(url)
    assert str(caught.value) == (
        f"The webhook for get_weather (http://127.0.0.1:{server.port}/fail) answered HTTP 500 "
        "Internal Server Error: “database is down”."
    )
    assert server.requests[0].path == "/fail?token=s3cret-t0ken"  # the request itself is whole
    for secret in ("pa55word", "s3cret-t0ken"):
        assert secret not in caplog.text
