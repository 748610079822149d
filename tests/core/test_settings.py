"""Settings persistence: round trip, atomic writes, recovery from broken files, no key on disk."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from live_desktop.core import settings as settings_module
from live_desktop.core.secrets import KeyStore
from live_desktop.core.settings import (
    SCHEMA_VERSION,
    FunctionDeclarationSettings,
    Settings,
    default_settings_path,
    load_settings,
    save_settings,
)
from tests.core.test_secrets import MemoryKeyring


def _customised() -> Settings:
    s = Settings()
    s.model.name = "gemini-2.5-flash-native-audio-preview-12-2025"
    s.model.system_instruction = "Answer briefly.\nUse metric units."
    s.generation.temperature = 0.7
    s.generation.top_k = 40
    s.generation.presence_penalty = -0.5
    s.generation.enable_affective_dialog = True
    s.generation.thinking_budget = 512
    s.voice.voice = "Kore"
    s.voice.language = "pt-BR"
    s.vad.start_sensitivity = "low"
    s.vad.silence_duration_ms = 800
    s.session.compression_trigger_tokens = 100_000
    s.session.compression_target_tokens = 50_000
    s.tools.functions = [
        FunctionDeclarationSettings(
            name="set_light",
            description="Turns a light on or off.",
            parameters={
                "type": "object",
                "properties": {"on": {"type": "boolean"}, "room": {"type": "string"}},
                "required": ["on"],
            },
            behavior="non_blocking",
        )
    ]
    s.tools.google_search = True
    s.audio.input_device = "USB Microphone (Blue Yeti)"
    s.audio.noise_suppression = False
    s.video.source = "screen"
    s.video.screen_monitor = 2
    s.video.send_fps = 0.5
    s.video.max_side = 1536
    s.ui.theme = "dark"
    s.ui.language = "pt_BR"
    return s


def _files(directory: Path) -> set[str]:
    return {p.name for p in directory.iterdir()}


def test_defaults_match_the_issue() -> None:
    s = Settings()
    assert s.schema_version == SCHEMA_VERSION
    assert s.model.name == "gemini-3.8-live"
    assert s.model.response_modality == "AUDIO"
    assert s.session.context_compression and s.session.session_resumption
    assert s.generation.temperature is None and s.generation.seed is None
    assert (s.video.send_fps, s.video.max_side, s.video.source) == (1.0, 768, "off")
    assert all((s.audio.echo_cancellation, s.audio.noise_suppression, s.audio.high_pass_filter))
    assert s.audio.gain_control
    assert s.ui.theme == "system"


def test_round_trip_keeps_every_value(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    original = _customised()
    save_settings(original, path)
    result = load_settings(path)
    assert result.settings == original
    assert result.messages == []
    assert result.backup_path is None


def test_file_is_json_with_a_schema_version(tmp_path: Path) -> None:
    path = save_settings(Settings(), tmp_path / "settings.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema_version"] == SCHEMA_VERSION


def test_save_creates_the_config_directory(tmp_path: Path) -> None:
    path = tmp_path / "not" / "yet" / "settings.json"
    save_settings(Settings(), path)
    assert load_settings(path).settings == Settings()


def test_default_path_is_in_the_platformdirs_config_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings_module.platformdirs, "user_config_dir", lambda app: f"/cfg/{app}")
    assert default_settings_path() == Path("/cfg/live-desktop/settings.json")


def test_missing_file_gives_defaults_silently(tmp_path: Path) -> None:
    result = load_settings(tmp_path / "settings.json")
    assert result.settings == Settings()
    assert result.messages == [] and result.backup_path is None


# ------------------------------------------------------------------------------- atomicity
def test_a_failing_replace_leaves_the_previous_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "settings.json"
    save_settings(_customised(), path)
    before = path.read_bytes()

    def crash(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(settings_module.os, "replace", crash)
    with pytest.raises(OSError, match="No space"):
        save_settings(Settings(), path)
    assert path.read_bytes() == before
    assert _files(tmp_path) == {"settings.json"}


def test_a_crash_in_the_middle_of_writing_leaves_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "settings.json"
    save_settings(_customised(), path)
    before = path.read_bytes()

    def crash(fd: int) -> None:  # the data is half on its way to the disk
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(settings_module.os, "fsync", crash)
    with pytest.raises(OSError, match="Input/output"):
        save_settings(Settings(), path)
    assert path.read_bytes() == before
    assert load_settings(path).settings == _customised()
    assert _files(tmp_path) == {"settings.json"}


def test_a_write_interrupted_by_keyboard_interrupt_cleans_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "settings.json"
    save_settings(Settings(), path)

    def interrupt(src: object, dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(settings_module.os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        save_settings(_customised(), path)
    assert _files(tmp_path) == {"settings.json"}
    assert load_settings(path).settings == Settings()


# --------------------------------------------------------------------------------- recovery
def _assert_recovered(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    result = load_settings(path)
    assert result.settings == Settings()
    assert result.backup_path is not None
    assert re.fullmatch(r"settings\.json\.corrupt-\d{8}-\d{6}", result.backup_path.name)
    assert result.backup_path.read_bytes() == content
    assert len(result.messages) == 1
    message = result.messages[0]
    assert "default settings" in message and str(result.backup_path) in message
    # The next save does not clobber the backup.
    save_settings(Settings(), path)
    assert result.backup_path.read_bytes() == content


def test_bad_json_is_backed_up_and_defaults_used(tmp_path: Path) -> None:
    _assert_recovered(tmp_path, b'{"schema_version": 1, "model": {"name": ')


def test_invalid_values_are_backed_up_and_defaults_used(tmp_path: Path) -> None:
    data = Settings().model_dump(mode="json")
    data["generation"]["temperature"] = 7.5
    _assert_recovered(tmp_path, json.dumps(data).encode())


def test_invalid_value_message_names_the_setting(tmp_path: Path) -> None:
    data = Settings().model_dump(mode="json")
    data["video"]["send_fps"] = 30
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(data))
    assert "video.send_fps" in load_settings(path).messages[0]


@pytest.mark.parametrize(
    "content",
    [
        b"[1, 2, 3]",
        b'{"model": {"name": "gemini-3.8-live"}}',
        b'{"schema_version": 0}',
        b'{"schema_version": "one"}',
        b"\xff\xfe\x00garbage",
        b"",
    ],
    ids=["not-an-object", "no-version", "version-0", "version-text", "not-utf8", "empty"],
)
def test_unusable_files_are_backed_up(tmp_path: Path, content: bytes) -> None:
    _assert_recovered(tmp_path, content)


def test_two_corrupt_loads_in_one_second_keep_both_backups(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{broken")
    first = load_settings(path).backup_path
    path.write_text("{broken again")
    second = load_settings(path).backup_path
    assert first is not None and second is not None and first != second
    assert first.read_text() == "{broken" and second.read_text() == "{broken again"


def test_unknown_keys_from_a_newer_version_are_ignored_with_a_message(tmp_path: Path) -> None:
    data = _customised().model_dump(mode="json")
    data["schema_version"] = SCHEMA_VERSION + 1
    data["generation"]["hologram_mode"] = True
    data["telemetry"] = {"enabled": False}
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(data))
    result = load_settings(path)
    assert result.settings == _customised()
    assert result.backup_path is None
    text = " ".join(result.messages)
    assert "newer version" in text
    assert "generation.hologram_mode" in text and "telemetry" in text


def test_unknown_keys_in_list_items_are_reported(tmp_path: Path) -> None:
    data = _customised().model_dump(mode="json")
    data["tools"]["functions"][0]["timeout_s"] = 3
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(data))
    result = load_settings(path)
    assert result.settings == _customised()
    assert "tools.functions[0].timeout_s" in " ".join(result.messages)


def test_function_parameter_schemas_are_not_mistaken_for_unknown_keys(tmp_path: Path) -> None:
    path = save_settings(_customised(), tmp_path / "settings.json")
    assert load_settings(path).messages == []


# ------------------------------------------------------------------------------- the API key
def test_the_api_key_never_reaches_the_settings_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_key = "AIzaSyEnvironmentKey0123456789abcdefghij"
    ring_key = "AIzaSyKeyringKey0123456789abcdefghijklm"
    monkeypatch.setenv("GEMINI_API_KEY", env_key)
    monkeypatch.setenv("GOOGLE_API_KEY", env_key)
    store = KeyStore(backend=MemoryKeyring())
    assert store.set(ring_key).persisted
    assert store.get().key == ring_key

    path = save_settings(_customised(), tmp_path / "settings.json")
    text = path.read_text(encoding="utf-8")
    assert env_key not in text and ring_key not in text
    assert '"api_key":' not in text and "AIza" not in text


def test_the_model_has_no_field_for_a_key() -> None:
    def leaf_names(model: type) -> set[str]:
        names: set[str] = set()
        for name, info in model.model_fields.items():  # type: ignore[attr-defined]
            names.add(name)
            annotation = info.annotation
            if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
                names |= leaf_names(annotation)
        return names

    names = leaf_names(Settings)
    assert not {n for n in names if re.search(r"key$|_token$|^token$|secret|password", n)}


def test_a_key_given_to_the_model_is_dropped() -> None:
    s = Settings.model_validate({"schema_version": 1, "connection": {"api_key": "AIza123"}})
    assert "AIza123" not in s.model_dump_json()


# ------------------------------------------------------------------------------ validation
@pytest.mark.parametrize(
    ("section", "name", "value"),
    [
        ("generation", "temperature", 2.1),
        ("generation", "temperature", -0.1),
        ("generation", "top_p", 1.5),
        ("generation", "top_k", 0),
        ("generation", "max_output_tokens", 0),
        ("generation", "thinking_budget", -2),
        ("generation", "media_resolution", "ultra"),
        ("vad", "prefix_padding_ms", -1),
        ("vad", "silence_duration_ms", -20),
        ("voice", "voice", "Siri"),
        ("voice", "language", "en-ZZ"),
        ("video", "send_fps", 0.1),
        ("video", "send_fps", 2.5),
        ("video", "max_side", 2048),
        ("video", "jpeg_quality", 101),
        ("model", "response_modality", "VIDEO"),
        ("ui", "theme", "neon"),
        ("connection", "endpoint", "ftp"),
    ],
)
def test_out_of_range_values_are_refused(section: str, name: str, value: object) -> None:
    s = Settings()
    with pytest.raises(ValidationError):
        setattr(getattr(s, section), name, value)


def test_compression_target_must_be_below_trigger() -> None:
    with pytest.raises(ValidationError):
        Settings.model_validate(
            {
                "schema_version": 1,
                "session": {"compression_trigger_tokens": 1000, "compression_target_tokens": 1000},
            }
        )


def test_function_names_are_validated() -> None:
    with pytest.raises(ValidationError):
        FunctionDeclarationSettings(name="turn on lights")
    with pytest.raises(ValidationError):
        FunctionDeclarationSettings(name="1st")


def test_every_field_has_a_label() -> None:
    def walk(model: type, prefix: str) -> list[str]:
        missing: list[str] = []
        for name, info in model.model_fields.items():  # type: ignore[attr-defined]
            annotation = info.annotation
            if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
                missing += walk(annotation, f"{prefix}{name}.")
            elif not info.description:
                missing.append(prefix + name)
        return missing

    assert walk(Settings, "") == []
    assert walk(FunctionDeclarationSettings, "tools.functions.") == []


def test_no_temp_files_after_many_saves(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    for i in range(20):
        s = Settings()
        s.generation.seed = i
        save_settings(s, path)
    assert _files(tmp_path) == {"settings.json"}
    assert load_settings(path).settings.generation.seed == 19
    assert os.stat(path).st_size > 0
