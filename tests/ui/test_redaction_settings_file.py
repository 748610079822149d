"""The settings file never holds a key or a token, whichever way the key came in: typed in the
dialog, from the environment, from the keyring, or an ephemeral token pasted in the dialog.
And the token endpoint field refuses a URL that would fetch a token in clear text."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from keyring.backends import fail

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from live_desktop.core.secrets import KEYRING_SERVICE, KEYRING_USER, TOKEN_KEYRING_USER, KeyStore
from live_desktop.core.settings import Settings, load_settings
from live_desktop.ui.settings_dialog import SettingsDialog
from tests.ui.test_settings_dialog import MemoryKeyring, drive

TYPED = "AIzaSyTypedInTheDialog-0123456789abcdef"
FROM_ENV = "env-var-key-no-pattern-0042"
FROM_KEYRING = "keyring-key-no-pattern-0077"
TOKEN = "auth_tokens/pasted0123456789abcdef"


@pytest.fixture
def open_dialog(qtbot: Any, tmp_path: Path) -> Iterator[Any]:
    made: list[SettingsDialog] = []

    def make(keystore: KeyStore, settings: Settings | None = None) -> SettingsDialog:
        dialog = SettingsDialog(
            settings or Settings(),
            keystore=keystore,
            settings_path=tmp_path / "settings.json",
            audio_devices=lambda kind: [],
            cameras=lambda: [],
        )
        qtbot.addWidget(dialog)
        made.append(dialog)
        return dialog

    yield make
    for dialog in made:
        dialog.close()


def _apply_a_change(dialog: SettingsDialog) -> str:
    """Change an ordinary setting and apply, so the file is written; return its text."""
    drive(dialog, "model.system_instruction", "Be brief.")
    assert dialog.apply_button.isEnabled(), dialog.general_label.text()
    dialog.apply_button.click()
    assert dialog.settings_path is not None
    text = dialog.settings_path.read_text(encoding="utf-8")
    assert "Be brief." in text  # the file was written
    return text


def test_a_key_typed_in_the_dialog_is_not_in_the_settings_file(open_dialog: Any) -> None:
    backend = MemoryKeyring()
    dialog = open_dialog(KeyStore(backend=backend, environ={}))
    dialog.key_edit.setText(TYPED)
    text = _apply_a_change(dialog)
    assert TYPED not in text and "AIza" not in text
    assert backend.passwords[(KEYRING_SERVICE, KEYRING_USER)] == TYPED


def test_a_key_typed_without_a_keyring_is_not_in_the_settings_file(open_dialog: Any) -> None:
    store = KeyStore(backend=fail.Keyring(), environ={})
    dialog = open_dialog(store)
    dialog.key_edit.setText(TYPED)
    assert TYPED not in _apply_a_change(dialog)
    assert store.get().key == TYPED  # kept in memory for this run only


@pytest.mark.parametrize("where", ["environment", "keyring"])
def test_a_key_from_the_environment_or_keyring_is_not_in_the_settings_file(
    open_dialog: Any, where: str
) -> None:
    backend = MemoryKeyring()
    environ = {}
    if where == "environment":
        environ["GEMINI_API_KEY"] = FROM_ENV
    else:
        backend.passwords[(KEYRING_SERVICE, KEYRING_USER)] = FROM_KEYRING
    store = KeyStore(backend=backend, environ=environ)
    key = store.get().key
    assert key in (FROM_ENV, FROM_KEYRING)
    text = _apply_a_change(open_dialog(store))
    assert key not in text


def test_a_pasted_token_goes_to_its_own_keyring_entry_not_the_file_nor_the_key(
    open_dialog: Any,
) -> None:
    backend = MemoryKeyring()
    backend.passwords[(KEYRING_SERVICE, KEYRING_USER)] = FROM_KEYRING
    settings = Settings()
    settings.connection.auth = "ephemeral_token"
    dialog = open_dialog(KeyStore(backend=backend, environ={}), settings)
    dialog.key_edit.setText(TOKEN)
    text = _apply_a_change(dialog)
    assert TOKEN not in text and "auth_tokens/" not in text
    assert backend.passwords[(KEYRING_SERVICE, TOKEN_KEYRING_USER)] == TOKEN
    assert backend.passwords[(KEYRING_SERVICE, KEYRING_USER)] == FROM_KEYRING  # key kept


def test_the_token_endpoint_is_a_field_saved_with_the_settings(open_dialog: Any) -> None:
    settings = Settings()
    settings.connection.auth = "ephemeral_token"
    dialog = open_dialog(KeyStore(backend=MemoryKeyring(), environ={}), settings)
    drive(dialog, "connection.token_url", "https://tokens.example.com/live")
    _apply_a_change(dialog)
    assert dialog.settings_path is not None
    saved = load_settings(dialog.settings_path).settings
    assert saved.connection.token_url == "https://tokens.example.com/live"


def test_a_clear_text_token_endpoint_is_refused_at_its_field(open_dialog: Any) -> None:
    settings = Settings()
    settings.connection.auth = "ephemeral_token"
    dialog = open_dialog(KeyStore(backend=MemoryKeyring(), environ={}), settings)
    drive(dialog, "connection.token_url", "http://tokens.example.com/live")
    editor = dialog.editors["connection.token_url"]
    assert "is not encrypted" in editor.problem_label.text()
    assert not dialog.ok_button.isEnabled()
    drive(dialog, "connection.token_url", "http://127.0.0.1:8080/live")  # this computer: fine
    assert dialog.ok_button.isEnabled()
