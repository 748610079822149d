"""The API key: OS keyring or environment, a per-run memory fallback, and redaction for logs.

The key is never part of the settings file. Lookup order: a key typed this run that could not
be stored, the OS keyring (service ``live-desktop``, user ``gemini-api-key``), then the
``GEMINI_API_KEY`` and ``GOOGLE_API_KEY`` environment variables. Where no real keyring backend
exists (keyring's ``fail.Keyring``, or any backend with priority <= 0, as on a bare Linux
session) :meth:`KeyStore.set` keeps the key in memory for this run only and says so.

:func:`redact` removes API keys, ephemeral tokens and bearer tokens from any text; the log
formatter runs every line through it. Keyring calls may block (D-Bus): call from the main
thread when the user acts, not from an audio callback.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import keyring
import keyring.backend
import keyring.errors
from keyring.backends import fail

__all__ = [
    "ENV_VARS",
    "KEYRING_SERVICE",
    "KEYRING_USER",
    "TOKEN_KEYRING_USER",
    "KeyLookup",
    "KeyStore",
    "StoreResult",
    "redact",
    "remember_secret",
]

log = logging.getLogger(__name__)

KEYRING_SERVICE = "live-desktop"
KEYRING_USER = "gemini-api-key"
#: A pasted ephemeral token is kept like the key, under its own keyring entry (and never read
#: from the key's environment variables: see :meth:`KeyStore.for_token`).
TOKEN_KEYRING_USER = "gemini-ephemeral-token"
EnvVar = Literal["GEMINI_API_KEY", "GOOGLE_API_KEY"]
ENV_VARS: tuple[EnvVar, ...] = ("GEMINI_API_KEY", "GOOGLE_API_KEY")

KeySource = Literal["memory", "keyring", "GEMINI_API_KEY", "GOOGLE_API_KEY", "none"]

_NO_KEYRING = "No system keyring is available; the key is kept for this session only."


@dataclass(frozen=True, slots=True)
class KeyLookup:
    """The key (None if there is none) and where it came from. The repr never shows the key."""

    key: str | None = field(repr=False)
    source: KeySource

    def describe(self) -> str:
        """A sentence for the settings dialog: where the key in use comes from."""
        return {
            "memory": "Using the key you entered (kept for this session only).",
            "keyring": "Using the key saved in the system keyring.",
            "GEMINI_API_KEY": "Using the key from the GEMINI_API_KEY environment variable.",
            "GOOGLE_API_KEY": "Using the key from the GOOGLE_API_KEY environment variable.",
            "none": "No API key is set.",
        }[self.source]


@dataclass(frozen=True, slots=True)
class StoreResult:
    """Whether a set/delete reached the OS keyring, and a sentence for the user."""

    persisted: bool
    message: str


class KeyStore:
    """Reads and writes the API key. Main thread; keyring calls may block briefly."""

    def __init__(
        self,
        *,
        backend: keyring.backend.KeyringBackend | None = None,
        environ: Mapping[str, str] | None = None,
        service: str = KEYRING_SERVICE,
        username: str = KEYRING_USER,
        env_vars: Iterable[EnvVar] = ENV_VARS,
    ) -> None:
        self._backend = backend
        self._environ = environ
        self._service = service
        self._username = username
        self._env_vars: tuple[EnvVar, ...] = tuple(env_vars)
        self._memory: str | None = None

    @classmethod
    def for_token(
        cls,
        *,
        backend: keyring.backend.KeyringBackend | None = None,
        service: str = KEYRING_SERVICE,
    ) -> KeyStore:
        """The store of a pasted ephemeral token: its own keyring entry, no environment."""
        return cls(
            backend=backend, environ={}, service=service, username=TOKEN_KEYRING_USER, env_vars=()
        )

    @property
    def backend(self) -> keyring.backend.KeyringBackend:
        return self._backend if self._backend is not None else keyring.get_keyring()

    @property
    def keyring_available(self) -> bool:
        """False for keyring's fail backend or any backend that ranks itself unusable."""
        backend = self.backend
        if isinstance(backend, fail.Keyring):
            return False
        try:
            priority = float(backend.priority)
        except Exception:  # a backend whose priority check itself fails is not usable
            return False
        return priority > 0

    def get(self) -> KeyLookup:
        """The key to use now, and its source."""
        if self._memory:
            return KeyLookup(self._memory, "memory")
        if self.keyring_available:
            try:
                stored = self.backend.get_password(self._service, self._username)
            except keyring.errors.KeyringError as exc:
                log.warning("Could not read the system keyring: %s", type(exc).__name__)
                stored = None
            if stored and stored.strip():
                key = stored.strip()
                remember_secret(key)
                return KeyLookup(key, "keyring")
        environ = self._environ if self._environ is not None else os.environ
        for name in self._env_vars:
            value = (environ.get(name) or "").strip()
            if value:
                remember_secret(value)
                return KeyLookup(value, name)
        return KeyLookup(None, "none")

    def set(self, key: str) -> StoreResult:
        """Store ``key`` in the keyring, or keep it in memory for this run if that is impossible."""
        key = key.strip()
        if not key:
            raise ValueError("the API key is empty")
        remember_secret(key)
        if not self.keyring_available:
            self._memory = key
            return StoreResult(False, _NO_KEYRING)
        try:
            self.backend.set_password(self._service, self._username, key)
        except keyring.errors.KeyringError as exc:
            log.warning("Could not save the key in the system keyring: %s", type(exc).__name__)
            self._memory = key
            return StoreResult(
                False,
                "The system keyring refused the key; it is kept for this session only.",
            )
        self._memory = None
        return StoreResult(True, "The key was saved in the system keyring.")

    def delete(self) -> StoreResult:
        """Forget the key typed this run and remove the stored one from the keyring."""
        self._memory = None
        persisted = False
        if self.keyring_available:
            try:
                self.backend.delete_password(self._service, self._username)
                persisted = True
            except keyring.errors.PasswordDeleteError:
                persisted = True  # nothing was stored: the keyring is already clean
            except keyring.errors.KeyringError as exc:
                log.warning("Could not delete the key from the keyring: %s", type(exc).__name__)
        environ = self._environ if self._environ is not None else os.environ
        still = [name for name in self._env_vars if (environ.get(name) or "").strip()]
        message = "The key was removed." if persisted else "The key was forgotten for this session."
        if still:
            message += f" {still[0]} is still set in the environment and will be used."
        return StoreResult(persisted, message)


# -------------------------------------------------------------------------------- redaction
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Any Authorization header, whatever its scheme ("Token x", "Bearer x", "Basic x", "x"):
    # keep the scheme word, hide the credential. First, so the patterns below see only "***".
    (
        re.compile(r"(?i)\b(authorization['\"]?\s*[:=]\s*['\"]?)([A-Za-z][\w-]*\s+)?[^\s'\",;}]+"),
        r"\1\2***",
    ),
    # Credentials in a URL: https://user:password@host/
    (re.compile(r"(?i)\b((?:https?|wss?)://)[^/\s@:]+:[^/\s@]+@"), r"\1***@"),
    # Bearer credentials: keep the scheme word, hide the token. ("Token auth_tokens/..."
    # headers are caught by the ephemeral-token pattern below.)
    (re.compile(r"(?i)\b(Bearer)(\s+)[A-Za-z0-9\-._~+/=]{8,}"), r"\1\2***"),
    # Google API keys: "AIza" followed by 35 URL-safe characters.
    (re.compile(r"AIza[0-9A-Za-z\-_]{20,}"), "***"),
    # Ephemeral tokens.
    (re.compile(r"auth_tokens/[A-Za-z0-9\-._~]+"), "***"),
    # OAuth access tokens that appear without a Bearer prefix.
    (re.compile(r"\bya29\.[0-9A-Za-z\-_.]+"), "***"),
    # The key header and the ?key= query parameter, whatever the key looks like.
    (
        re.compile(r"(?i)(x-goog-api-key['\"]?\s*[:=]\s*['\"]?)[^\s'\",;}]+"),
        r"\1***",
    ),
    (re.compile(r"([?&]key=)[^&\s'\"]+"), r"\1***"),
)

_known_secrets: set[str] = set()
_known_lock = threading.Lock()


def remember_secret(secret: str) -> None:
    """Also redact this exact string from now on (keys that match no pattern, e.g. test keys)."""
    secret = secret.strip()
    if len(secret) >= 8:
        with _known_lock:
            _known_secrets.add(secret)


def redact(text: str, extra_secrets: Iterable[str] = ()) -> str:
    """``text`` with API keys, ephemeral tokens and bearer tokens replaced by ``***``."""
    with _known_lock:
        known = sorted(_known_secrets, key=len, reverse=True)
    for secret in [*known, *extra_secrets]:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text
