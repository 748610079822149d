"""The TLS rule everywhere a URL is accepted: a key, a token or a voice never crosses the
network in clear text. Plain http:// is allowed only to this computer.

Places: the custom endpoint setting, ``--endpoint`` on the command line, the base URL the
client is built with, and the token endpoint (setting and fetch).
"""

from __future__ import annotations

import pytest

from live_desktop.app import parse_args
from live_desktop.core.client import build_client
from live_desktop.core.settings import (
    Settings,
    SettingsError,
    check_settings,
    describe_endpoint,
)
from live_desktop.core.tokens import TokenError, TokenSource

REMOTE_HTTP = "http://live-proxy.example.com:8080"


def _errors(settings: Settings) -> dict[str, str]:
    return {p.setting: p.message for p in check_settings(settings) if p.severity == "error"}


def test_the_custom_endpoint_setting_refuses_clear_text_to_another_computer() -> None:
    settings = Settings()
    settings.connection.endpoint = "custom"
    settings.connection.custom_base_url = REMOTE_HTTP
    assert _errors(settings)["connection.custom_base_url"] == (
        f"The custom endpoint {REMOTE_HTTP} is not encrypted; use https:// (plain http:// is "
        "allowed only for this computer)."
    )
    for ok in ("https://live-proxy.example.com", "http://127.0.0.1:8080", "http://[::1]:9"):
        settings.connection.custom_base_url = ok
        assert "connection.custom_base_url" not in _errors(settings), ok


@pytest.mark.parametrize("url", ["https://[::1", "https://live-proxy.example.com:99999"])
def test_a_malformed_custom_endpoint_is_a_sentence_not_a_crash(url: str) -> None:
    settings = Settings()
    settings.connection.endpoint = "custom"
    settings.connection.custom_base_url = url
    assert _errors(settings)["connection.custom_base_url"] == (
        f"The custom endpoint {url} is not an https:// URL."
    )
    assert describe_endpoint(settings) == f"Custom endpoint {url}"  # the status bar label


@pytest.mark.parametrize(
    ("url", "sentence"),
    [
        (REMOTE_HTTP, f"The endpoint {REMOTE_HTTP} is not encrypted; use https:// (plain "
         "http:// is allowed only for this computer)."),
        ("ws://10.0.0.5:9000", "The endpoint ws://10.0.0.5:9000 is not encrypted; use https:// "
         "(plain http:// is allowed only for this computer)."),
        ("live-proxy.example.com", "The endpoint live-proxy.example.com is not an https:// URL."),
    ],
)  # fmt: skip
def test_the_endpoint_flag_refuses_clear_text_before_starting(
    capsys: pytest.CaptureFixture[str], url: str, sentence: str
) -> None:
    with pytest.raises(SystemExit) as exited:
        parse_args(["--endpoint", url])
    assert exited.value.code == 2
    assert capsys.readouterr().err.strip().endswith(f"error: {sentence}")


@pytest.mark.parametrize("url", ["https://live-proxy.example.com", "http://127.0.0.1:8443"])
def test_the_endpoint_flag_takes_tls_or_this_computer(url: str) -> None:
    assert parse_args(["--endpoint", url]).endpoint == url


def test_the_client_refuses_a_clear_text_base_url() -> None:
    with pytest.raises(SettingsError, match="is not encrypted"):
        build_client(Settings(), "test-key-0123456789", base_url=REMOTE_HTTP)


def test_the_token_endpoint_setting_refuses_clear_text() -> None:
    settings = Settings()
    settings.connection.auth = "ephemeral_token"
    settings.connection.token_url = "http://tokens.example.com/live"
    assert _errors(settings)["connection.token_url"] == (
        "The token endpoint http://tokens.example.com/live is not encrypted; use https:// "
        "(plain http:// is allowed only for this computer)."
    )
    settings.connection.token_url = "https://tokens.example.com/live"
    assert "connection.token_url" not in _errors(settings)


async def test_no_token_request_goes_out_in_clear_text() -> None:
    source = TokenSource(url="http://tokens.example.com/live")
    with pytest.raises(TokenError, match="is not encrypted"):
        await source()
    assert source.fetches == 0
