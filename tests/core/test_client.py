"""build_client(): the right client per endpoint kind, api_version always pinned, TLS enforced.

These read the real SDK client's resolved options (no network): what URL, version, headers and
TLS context ``client.aio.live.connect`` would use.
"""

from __future__ import annotations

import datetime as dt
import ssl
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from google import genai

from live_desktop.core.client import OFFLINE_PLACEHOLDER_KEY, build_client, describe_endpoint
from live_desktop.core.settings import Settings, SettingsError

KEY = "AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvWx"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "GEMINI_API_KEY",
        "GOOGLE_API_KEY",
        "GOOGLE_GENAI_USE_VERTEXAI",
        "GOOGLE_GENAI_USE_ENTERPRISE",
        "GOOGLE_GENAI_API_VERSION",
        "GOOGLE_CLOUD_PROJECT",
        "GOOGLE_CLOUD_LOCATION",
        "SSL_CERT_FILE",
        "SSL_CERT_DIR",
    ):
        monkeypatch.delenv(name, raising=False)


def _settings(
    endpoint: str = "gemini_api", model: str = "gemini-3.8-live", **conn: Any
) -> Settings:
    s = Settings()
    s.model.name = model
    s.connection.endpoint = endpoint  # type: ignore[assignment]
    for name, value in conn.items():
        setattr(s.connection, name, value)
    return s


def _api(client: genai.Client) -> Any:
    return client._api_client


def _self_signed(directory: Path, name: str = "Live Desktop Test CA") -> Path:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    path = directory / "ca.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path


def _ca_names(context: ssl.SSLContext) -> list[str]:
    names = []
    for cert in context.get_ca_certs():
        for rdn in cert["subject"]:
            for key, value in rdn:
                if key == "commonName":
                    names.append(value)
    return names


# ----------------------------------------------------------------------------- Gemini API
def test_gemini_api_pins_the_profile_version_not_the_sdk_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GOOGLE_GENAI_API_VERSION", "v1")
    api = _api(build_client(_settings(), KEY))
    assert api.vertexai is False
    assert api._http_options.api_version == "v1beta"
    assert api._websocket_base_url() == "wss://generativelanguage.googleapis.com/"
    assert api._http_options.headers["x-goog-api-key"] == KEY


def test_the_vertex_environment_switch_cannot_flip_a_gemini_api_client(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GOOGLE_GENAI_USE_VERTEXAI", "true")
    monkeypatch.setenv("GOOGLE_CLOUD_PROJECT", "someone-elses-project")
    assert _api(build_client(_settings(), KEY)).vertexai is False


def test_2_5_with_affective_dialog_connects_with_v1alpha() -> None:
    s = _settings(model="gemini-2.5-flash-native-audio-preview-12-2025")
    s.generation.enable_affective_dialog = True
    assert _api(build_client(s, KEY))._http_options.api_version == "v1alpha"


def test_ephemeral_token_uses_v1alpha() -> None:
    token = "auth_tokens/0123456789abcdef"
    api = _api(build_client(_settings(), token))
    assert api._http_options.api_version == "v1alpha"
    assert api.api_key == token  # the SDK sends it as "Authorization: Token ..."


def test_ephemeral_setting_with_an_api_key_is_refused() -> None:
    with pytest.raises(SettingsError, match="auth_tokens/"):
        build_client(_settings(auth="ephemeral_token"), KEY)


def test_missing_key_is_a_clear_error_and_the_environment_is_not_used_behind_our_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GEMINI_API_KEY", KEY)
    with pytest.raises(SettingsError, match="No API key"):
        build_client(_settings(), None)


def test_headers_and_keepalive_are_passed_on() -> None:
    api = _api(
        build_client(_settings(), KEY, headers={"x-emulator-scenario": "stall"}, keepalive_s=5)
    )
    assert api._http_options.headers["x-emulator-scenario"] == "stall"
    assert api._websocket_ssl_ctx["ping_interval"] == 5
    assert api._websocket_ssl_ctx["ping_timeout"] == 5


# ------------------------------------------------------------------------------ Vertex AI
def test_vertex_with_project_and_location() -> None:
    s = _settings(
        "vertex_ai",
        "gemini-live-2.5-flash-native-audio",
        auth="google_credentials",
        vertex_project="my-project",
        vertex_location="europe-west4",
    )
    api = _api(build_client(s, None))
    assert api.vertexai is True
    assert (api.project, api.location) == ("my-project", "europe-west4")
    assert api._http_options.api_version == "v1beta1"
    assert api._websocket_base_url() == "wss://europe-west4-aiplatform.googleapis.com/"
    assert describe_endpoint(s) == "Vertex AI (my-project/europe-west4)"


def test_vertex_express_mode_uses_the_key() -> None:
    s = _settings("vertex_ai", "gemini-live-2.5-flash-native-audio", auth="api_key")
    api = _api(build_client(s, KEY))
    assert api.vertexai is True and api.api_key == KEY and api.project is None
    assert describe_endpoint(s) == "Vertex AI (express mode)"


def test_vertex_without_project_is_refused() -> None:
    s = _settings("vertex_ai", "gemini-live-2.5-flash-native-audio", auth="google_credentials")
    with pytest.raises(SettingsError, match="project"):
        build_client(s, None)


def test_vertex_express_without_key_is_refused() -> None:
    s = _settings("vertex_ai", "gemini-live-2.5-flash-native-audio", auth="api_key")
    with pytest.raises(SettingsError, match="API key"):
        build_client(s, None)


def test_vertex_refuses_ephemeral_tokens() -> None:
    s = _settings("vertex_ai", "gemini-live-2.5-flash-native-audio", auth="api_key")
    with pytest.raises(SettingsError, match="Gemini API only"):
        build_client(s, "auth_tokens/abc")


# ------------------------------------------------------------------------ custom endpoints
@pytest.mark.parametrize(
    "url",
    ["http://proxy.example.com", "ws://10.0.0.5:9000", "http://192.168.1.20:8443/live"],
)
def test_unencrypted_remote_endpoints_are_refused(url: str) -> None:
    with pytest.raises(SettingsError, match="not encrypted") as raised:
        build_client(_settings("custom", custom_base_url=url), KEY)
    assert url in str(raised.value)
    assert raised.value.problems[0].setting == "connection.custom_base_url"


@pytest.mark.parametrize(
    "url", ["http://localhost:8080", "ws://127.0.0.1:9000", "http://[::1]:8080"]
)
def test_plain_urls_on_loopback_are_allowed(url: str) -> None:
    api = _api(build_client(_settings("custom", custom_base_url=url), KEY))
    assert api._websocket_base_url().startswith("wss://")  # the SDK still speaks TLS


def test_a_passed_base_url_is_checked_too() -> None:
    with pytest.raises(SettingsError, match="not encrypted"):
        build_client(_settings(), KEY, base_url="http://evil.example.com")


def test_custom_endpoint_uses_its_url_and_the_profile_version() -> None:
    s = _settings("custom", custom_base_url="https://proxy.example.com:8443/")
    api = _api(build_client(s, KEY))
    assert api._websocket_base_url() == "wss://proxy.example.com:8443"
    assert api._http_options.api_version == "v1beta"
    assert describe_endpoint(s) == "Custom endpoint proxy.example.com:8443"


@pytest.mark.parametrize("url", ["", "ftp://files.example.com", "https://"])
def test_bad_custom_urls_are_refused(url: str) -> None:
    with pytest.raises(SettingsError):
        build_client(_settings("custom", custom_base_url=url), KEY)


def test_custom_endpoint_honours_ssl_cert_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(_self_signed(tmp_path, "Corporate Proxy CA")))
    api = _api(build_client(_settings("custom", custom_base_url="https://proxy:8443"), KEY))
    assert _ca_names(api._websocket_ssl_ctx["ssl"]) == ["Corporate Proxy CA"]


def test_ca_cert_path_is_trusted(tmp_path: Path) -> None:
    pem = _self_signed(tmp_path)
    api = _api(build_client(_settings(), KEY, base_url="https://127.0.0.1:4443", ca_cert=pem))
    context = api._websocket_ssl_ctx["ssl"]
    assert _ca_names(context) == ["Live Desktop Test CA"]
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname


def test_unreadable_ca_cert_is_a_settings_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="certificate"):
        build_client(
            _settings(), KEY, base_url="https://127.0.0.1:4443", ca_cert=tmp_path / "missing.pem"
        )


# ---------------------------------------------------------------------- offline emulator
def test_offline_emulator_uses_the_given_url_and_context() -> None:
    context = ssl.create_default_context()
    s = _settings("offline_emulator")
    api = _api(build_client(s, "test-key", base_url="https://127.0.0.1:50001", ca_cert=context))
    assert api._websocket_base_url() == "wss://127.0.0.1:50001"
    assert api._websocket_ssl_ctx["ssl"] is context
    assert api._http_options.api_version == "v1beta"
    assert describe_endpoint(s, "https://127.0.0.1:50001") == "Offline loopback"


def test_offline_emulator_without_a_key_sends_a_placeholder_not_a_real_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GEMINI_API_KEY", KEY)
    api = _api(build_client(_settings("offline_emulator"), None, base_url="https://localhost:1"))
    assert api.api_key == OFFLINE_PLACEHOLDER_KEY


def test_offline_emulator_needs_its_url() -> None:
    with pytest.raises(SettingsError, match="emulator"):
        build_client(_settings("offline_emulator"), "k")


def test_describe_endpoint() -> None:
    assert describe_endpoint(_settings()) == "Gemini API"
    assert describe_endpoint(_settings(), "https://10.1.2.3") == "Custom endpoint 10.1.2.3:443"
    assert (
        describe_endpoint(_settings("offline_emulator"), "https://lab-box:9443")
        == "Offline emulator lab-box:9443"
    )
    assert describe_endpoint(_settings("custom", custom_base_url="http://[::1]:80")) == (
        "Custom endpoint [::1]:80"
    )

