"""The API key: keyring, environment, per-run memory fallback, and redaction."""

from __future__ import annotations

import logging

import keyring.backend
import keyring.errors
import pytest
from keyring.backends import fail

from live_desktop.core.secrets import KeyLookup, KeyStore, redact, remember_secret

KEY = "AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvWx"
OTHER = "AIzaSyZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ"


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A real keyring backend that keeps passwords in a dict (what a desktop keyring does)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.store:
            raise keyring.errors.PasswordDeleteError("not found")
        del self.store[(service, username)]


class ZeroPriorityKeyring(MemoryKeyring):
    priority = 0  # type: ignore[assignment]


class LockedKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("the user dismissed the unlock prompt")


# Test doubles must not become the process-wide keyring: keyring picks the highest-priority
# subclass it knows, and every subclass registers itself on definition.
for _cls in (MemoryKeyring, ZeroPriorityKeyring, LockedKeyring):
    keyring.backend.KeyringBackend._classes.discard(_cls)  # type: ignore[attr-defined]

NO_KEYRING = "No system keyring is available; the key is kept for this session only."


@pytest.mark.parametrize("backend", [fail.Keyring(), ZeroPriorityKeyring()], ids=["fail", "prio0"])
def test_without_a_keyring_the_key_is_kept_for_this_run_only(
    backend: keyring.backend.KeyringBackend,
) -> None:
    store = KeyStore(backend=backend, environ={})
    assert not store.keyring_available
    result = store.set(f"  {KEY}\n")
    assert result.persisted is False
    assert result.message == NO_KEYRING
    assert store.get() == KeyLookup(KEY, "memory")
    # A new run (a new store) has no key: nothing was written anywhere.
    assert KeyStore(backend=backend, environ={}).get() == KeyLookup(None, "none")


def test_the_default_backend_here_is_recognised_as_unavailable() -> None:
    # This machine has no desktop keyring: keyring falls back to fail.Keyring.
    if keyring.get_keyring().priority > 0:
        pytest.skip("a real keyring backend is installed here")
    assert KeyStore(environ={}).keyring_available is False


def test_with_a_keyring_the_key_is_stored_and_found_again() -> None:
    backend = MemoryKeyring()
    result = KeyStore(backend=backend, environ={}).set(KEY)
    assert result.persisted is True
    assert backend.store == {("live-desktop", "gemini-api-key"): KEY}
    assert KeyStore(backend=backend, environ={}).get() == KeyLookup(KEY, "keyring")


def test_delete_removes_the_stored_key() -> None:
    backend = MemoryKeyring()
    store = KeyStore(backend=backend, environ={})
    store.set(KEY)
    assert store.delete().persisted is True
    assert backend.store == {}
    assert store.get().source == "none"
    assert store.delete().persisted is True  # nothing stored: still clean


def test_delete_says_an_environment_key_remains() -> None:
    store = KeyStore(backend=MemoryKeyring(), environ={"GEMINI_API_KEY": OTHER})
    store.set(KEY)
    result = store.delete()
    assert "GEMINI_API_KEY" in result.message
    assert store.get() == KeyLookup(OTHER, "GEMINI_API_KEY")


def test_environment_gemini_first_then_google() -> None:
    both = {"GEMINI_API_KEY": KEY, "GOOGLE_API_KEY": OTHER}
    assert KeyStore(backend=fail.Keyring(), environ=both).get() == KeyLookup(KEY, "GEMINI_API_KEY")
    only_google = {"GOOGLE_API_KEY": OTHER, "GEMINI_API_KEY": "  "}
    assert KeyStore(backend=fail.Keyring(), environ=only_google).get() == KeyLookup(
        OTHER, "GOOGLE_API_KEY"
    )


def test_real_environment_is_read_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEMINI_API_KEY", KEY)
    assert KeyStore(backend=fail.Keyring()).get() == KeyLookup(KEY, "GEMINI_API_KEY")


def test_order_memory_then_keyring_then_environment() -> None:
    backend = MemoryKeyring()
    backend.set_password("live-desktop", "gemini-api-key", OTHER)
    store = KeyStore(
        backend=backend, environ={"GEMINI_API_KEY": "AIzaEnvEnvEnvEnvEnvEnvEnvEnvEnvEnvEnvEnv"}
    )
    assert store.get() == KeyLookup(OTHER, "keyring")


def test_a_keyring_that_refuses_falls_back_to_memory_without_logging_the_key(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    store = KeyStore(backend=LockedKeyring(), environ={"GOOGLE_API_KEY": OTHER})
    assert store.get() == KeyLookup(OTHER, "GOOGLE_API_KEY")  # the locked read is survived
    result = store.set(KEY)
    assert result.persisted is False and "this session only" in result.message
    assert store.get() == KeyLookup(KEY, "memory")
    assert KEY not in caplog.text and OTHER not in caplog.text
    assert caplog.records  # the failure itself is logged


def test_empty_key_is_refused() -> None:
    with pytest.raises(ValueError):
        KeyStore(backend=MemoryKeyring(), environ={}).set("   ")


def test_lookup_repr_hides_the_key() -> None:
    lookup = KeyLookup(KEY, "keyring")
    assert KEY not in repr(lookup) and KEY not in str(lookup)
    assert "keyring" in lookup.describe()


# -------------------------------------------------------------------------------- redaction
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"connect failed for key {KEY}!", "connect failed for key ***!"),
        ("Authorization: Token auth_tokens/abc.DEF-123_xyz", "Authorization: Token ***"),
        ("Authorization: Bearer ya29.a0AfH6SMBx-long.token", "Authorization: Bearer ***"),
        ("bearer abcdefghijklmnop", "bearer ***"),
        ("ya29.c.b0Aaekm1K", "***"),
        ("{'x-goog-api-key': 'secret-test-key-1'}", "{'x-goog-api-key': '***'}"),
        ('"x-goog-api-key": "anything"', '"x-goog-api-key": "***"'),
        ("GET /v1beta/models?key=abc123&pageSize=5", "GET /v1beta/models?key=***&pageSize=5"),
        ("wss://host/ws/x?alt=json&key=zzz", "wss://host/ws/x?alt=json&key=***"),
    ],
)
def test_redact_hides_keys_and_tokens(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Session ended: 1011 None. Deadline expired before operation could complete.",
        "token count 12345678 exceeded; compression triggered at 80000 tokens",
        "The bearer of bad news",
        "model gemini-3.8-live, api_version v1beta, auth_tokens prefix",
    ],
)
def test_redact_leaves_ordinary_text(text: str) -> None:
    assert redact(text) == text


def test_redact_hides_remembered_and_extra_secrets() -> None:
    remember_secret("test-key-that-matches-no-pattern")
    assert redact("key=test-key-that-matches-no-pattern;") == "key=***;"
    assert redact("using my-proxy-password now", ["my-proxy-password"]) == "using *** now"


def test_keys_read_by_the_store_are_redacted_even_without_a_pattern() -> None:
    odd = "emulator-only-key-0001"
    KeyStore(backend=fail.Keyring(), environ={"GEMINI_API_KEY": odd}).get()
    assert redact(f"sent {odd}") == "sent ***"
