"""The Settings dialog as a person uses it: every field has a control, values typed into the
controls reach the Settings object and (through the real SDK) the setup message the emulator
captures, choosing a model greys out exactly what it does not accept, problems show next to
their field, the key goes to the keyring, and "Test connection" reports in words."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring.backend
import pytest
from keyring.backends import fail
from pydantic import BaseModel

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QDialog

from live_desktop.core import profiles
from live_desktop.core.secrets import KeyStore
from live_desktop.core.session import SessionController
from live_desktop.core.settings import (
    FunctionDeclarationSettings,
    Settings,
    load_settings,
    short_label,
)
from live_desktop.devices.audio_devices import AudioDevice
from live_desktop.devices.video import CameraInfo
from live_desktop.emulator import Emulator
from live_desktop.ui import settings_fields as sf
from live_desktop.ui.settings_dialog import EndpointOverride, SettingsDialog, changed_paths
from tests.integration.test_setup_capture import CASES, _get, _settings_for, normalise

M38 = "gemini-3.8-live"
M38X = "gemini-3.8-live-extended-thinking"
M31 = "gemini-3.1-flash-live-preview"
M25 = "gemini-2.5-flash-native-audio-preview-12-2025"
VERTEX = "gemini-live-2.5-flash-native-audio"

MICS = [
    AudioDevice("alsa_input.usb-mic", "USB Mic", "input", True, 48000, 1, pulse=True),
    AudioDevice("alsa_input.pci-analog", "Built-in Audio", "input", False, 44100, 2, pulse=True),
]
SPEAKERS = [
    AudioDevice("alsa_output.pci-analog", "Built-in Audio", "output", True, 48000, 2, pulse=True),
    AudioDevice("alsa_output.hdmi", "HDMI Monitor", "output", False, 48000, 2, pulse=True),
]
CAMERAS = [CameraInfo(0, "Integrated Camera"), CameraInfo(2, "USB Webcam")]


class MemoryKeyring(keyring.backend.KeyringBackend):
    """Stands in for the OS keyring (a usable backend, priority above zero)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


@pytest.fixture
def keyring_backend() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def keystore(keyring_backend: MemoryKeyring) -> KeyStore:
    return KeyStore(backend=keyring_backend, environ={})


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "settings.json"


@pytest.fixture
def make_dialog(qtbot: Any, keystore: KeyStore, settings_file: Path) -> Iterator[Any]:
    made: list[SettingsDialog] = []

    def make(settings: Settings | None = None, **kwargs: Any) -> SettingsDialog:
        kwargs.setdefault("keystore", keystore)
        kwargs.setdefault("settings_path", settings_file)
        dialog = SettingsDialog(
            settings or Settings(),
            audio_devices=lambda kind: MICS if kind == "input" else SPEAKERS,
            cameras=lambda: CAMERAS,
            **kwargs,
        )
        qtbot.addWidget(dialog)
        made.append(dialog)
        return dialog

    yield make
    for dialog in made:
        dialog.close()


def file_text(path: Path) -> str:
    return path.read_text() if path.exists() else ""


def recorder(dialog: SettingsDialog) -> list[tuple[Settings, bool]]:
    applied: list[tuple[Settings, bool]] = []
    dialog.applied.connect(lambda settings, reconnect: applied.append((settings, reconnect)))
    return applied


# ------------------------------------------------------------------------- driving the form
def drive(dialog: SettingsDialog, path: str, value: Any) -> None:
    """Set ``value`` through the field's widgets, as a person would."""
    editor = dialog.editors[path]
    assert editor.widget.isEnabled(), f"{path} is disabled: {editor.block_reason}"
    if isinstance(editor, sf.BoolEditor):
        if editor.check.isChecked() != value:
            editor.check.click()
    elif isinstance(editor, sf.ModelNameEditor):
        index = editor.combo.findText(value)
        if index >= 0:
            editor.combo.setCurrentIndex(index)
        else:
            editor.combo.setEditText(value)
    elif isinstance(editor, sf.ChoiceEditor | sf.NamedChoiceEditor):
        choose(editor.combo, value)
    elif isinstance(editor, sf.NumberEditor):
        if editor.set_box is not None and editor.set_box.isChecked() != (value is not None):
            editor.set_box.click()
        if value is not None:
            editor.spin.setValue(value)
    elif isinstance(editor, sf.TextEditor):  # also FileEditor
        editor.edit.setText(value or "")
    elif isinstance(editor, sf.LongTextEditor):
        editor.edit.setPlainText(value)
    elif isinstance(editor, sf.RegionEditor):
        if editor.set_box.isChecked() != (value is not None):
            editor.set_box.click()
        for spin, number in zip(editor.spins, value or (), strict=False):
            spin.setValue(number)
    elif isinstance(editor, sf.FunctionsEditor):
        while editor.list.count():
            editor.list.setCurrentRow(0)
            editor.remove_button.click()
        for function in value:
            editor.add_button.click()
            if editor.enabled_box.isChecked() != function["enabled"]:
                editor.enabled_box.click()
            editor.name_edit.setText(function["name"])
            editor.description_edit.setText(function["description"])
            choose(editor.behavior_combo, function["behavior"])
            params = function["parameters"]
            editor.parameters_edit.setPlainText("" if params is None else json.dumps(params))
    elif isinstance(editor, sf.ReadOnlyEditor):
        assert editor.value() == value
    else:
        raise AssertionError(f"no driver for {type(editor).__name__}")


def choose(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    assert index >= 0, f"{value!r} is not offered"
    model = combo.model()
    assert isinstance(model, QStandardItemModel)
    assert model.item(index).isEnabled(), f"{value!r} is greyed out"
    combo.setCurrentIndex(index)


def enter(dialog: SettingsDialog, target: Settings) -> Settings:
    """Type ``target`` into the form, model and endpoint first. Returns what the form should
    then hold: ``target`` except the fields the model greys out, which keep their value."""
    values = target.model_dump()
    start = dialog.current_settings()
    assert start is not None
    expected = start.model_dump()
    order = ["model.name", "connection.endpoint"]
    order += [p for p in dialog.editors if p not in order]
    for path in order:
        value = _dig(values, path)
        if dialog.editors[path].blocked:
            continue
        drive(dialog, path, value)
        _place(expected, path, value)
    return Settings.model_validate(expected)


def _dig(data: dict[str, Any], path: str) -> Any:
    for part in path.split("."):
        data = data[part]
    return data


def _place(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        data = data[part]
    data[last] = value


def all_paths(model: type[BaseModel], prefix: str = "") -> Iterator[str]:
    """Every field, recursively, also the fields of list items (tools.functions.name)."""
    for name, info in model.model_fields.items():
        annotation = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            yield from all_paths(annotation, f"{prefix}{name}.")
            continue
        yield prefix + name
        for arg in getattr(annotation, "__args__", ()):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                yield from all_paths(arg, f"{prefix}{name}.")


# ------------------------------------------------------------------------------- the form
def test_every_settings_field_has_a_labelled_control(make_dialog: Any) -> None:
    dialog = make_dialog()
    paths = list(all_paths(Settings))
    assert "tools.functions.parameters" in paths and "vad.push_to_talk" in paths
    missing = [path for path in paths if dialog.widget_for(path) is None]
    assert missing == [], "add a control for these settings"
    assert dialog.other_paths == [], "put these settings on a tab in TABS"
    for path, editor in dialog.editors.items():
        text = editor.check.text() if isinstance(editor, sf.BoolEditor) else editor.label_text
        assert text and text != path.rsplit(".", 1)[-1], f"{path} has no readable label"
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "Connection",
        "Model && voice",
        "Audio && VAD",
        "Video",
        "Tools",
        "Advanced",
    ]


def test_bounds_come_from_the_model(make_dialog: Any) -> None:
    dialog = make_dialog()
    temperature = dialog.editors["generation.temperature"]
    assert isinstance(temperature, sf.NumberEditor)
    assert (temperature.spin.minimum(), temperature.spin.maximum()) == (0.0, 2.0)
    fps = dialog.editors["video.send_fps"]
    assert isinstance(fps, sf.NumberEditor)
    assert (fps.spin.minimum(), fps.spin.maximum()) == (0.2, 2.0)
    side = dialog.editors["video.max_side"]
    assert isinstance(side, sf.NumberEditor)
    assert (side.spin.minimum(), side.spin.maximum(), side.spin.suffix()) == (128, 1536, " px")


WIRE_CASES = list(CASES)


@pytest.mark.parametrize("name", WIRE_CASES)
async def test_settings_typed_into_the_dialog_reach_the_setup_message(
    make_dialog: Any, emulator: Emulator, keystore: KeyStore, settings_file: Path, name: str
) -> None:
    case = CASES[name]
    target = _settings_for(case)
    dialog = make_dialog()
    applied = recorder(dialog)
    expected = enter(dialog, target)
    dialog.key_edit.setText(case.key)
    assert dialog.apply_button.isEnabled(), dialog.general_label.text()
    dialog.apply_button.click()

    (settings, _reconnect) = applied[-1]
    assert settings.model_dump() == expected.model_dump()
    assert load_settings(settings_file).settings == settings
    assert case.key not in file_text(settings_file)
    # A pasted ephemeral token is kept beside the key, in its own keyring entry.
    store = dialog.token_store if case.key.startswith("auth_tokens/") else keystore
    key = store.get().key
    assert key == case.key

    controller = SessionController(
        settings, api_key=key, base_url=emulator.base_url, ca_cert=emulator.client_ssl_context()
    )
    try:
        assert await controller.connect()
    finally:
        await controller.disconnect()
    (record,) = await emulator.wait_for_connections(1)
    assert (record.api_version, record.method) == (case.api_version, case.method)
    setup = normalise(record.setup)
    assert setup["model"].endswith(case.model)
    expected_setup = dict(case.expected)
    if "tools" in setup and "tools" in expected_setup:
        setup["tools"] = sorted(setup["tools"], key=json.dumps)
        expected_setup["tools"] = sorted(expected_setup["tools"], key=json.dumps)
    mismatches = {
        path: (_get(setup, path), value)
        for path, value in expected_setup.items()
        if _get(setup, path) != value
    }
    assert mismatches == {}, f"setup was {setup}"


def _local_settings() -> Settings:
    """Non-default values for every field that never goes into the setup message."""
    s = Settings()
    c = s.connection
    c.endpoint, c.custom_base_url = "custom", "https://proxy.example.com:8443"
    c.auth, c.api_version = "ephemeral_token", "v1alpha"
    c.vertex_project, c.vertex_location = "my-project", "europe-west4"
    a = s.audio
    a.input_device, a.output_device = "alsa_input.pci-analog", "alsa_output.hdmi"
    a.echo_cancellation = a.noise_suppression = a.high_pass_filter = a.gain_control = False
    v = s.video
    v.source, v.camera_name, v.camera_index, v.screen_monitor = "camera", "USB Webcam", 2, 0
    v.file_path, v.send_fps, v.max_side, v.jpeg_quality = "/tmp/clip.mp4", 0.5, 1024, 70
    v.skip_unchanged, v.screen_region = True, (10, 20, 640, 480)
    s.ui.theme, s.ui.language = "dark", "pt_BR"
    s.recording.enabled, s.recording.keep_days = False, 7
    return s


def test_local_settings_round_trip_through_the_dialog(
    make_dialog: Any, settings_file: Path
) -> None:
    target = _local_settings()
    dialog = make_dialog()
    applied = recorder(dialog)
    expected = enter(dialog, target)
    assert expected == target  # nothing here depends on the model
    dialog.apply_button.click()
    settings, reconnect = applied[-1]
    assert settings == target
    assert reconnect  # the endpoint changed
    assert load_settings(settings_file).settings == target
    # Opening the dialog again shows what was saved, field by field.
    again = make_dialog(load_settings(settings_file).settings)
    assert again.current_settings() == target


def test_the_round_trips_cover_every_field() -> None:
    covered: set[str] = set(changed_paths(Settings(), _local_settings()))
    for case in CASES.values():
        covered |= set(changed_paths(Settings(), _settings_for(case)))
    everything = {p for p in all_paths(Settings) if not p.startswith("tools.functions.")}
    assert everything - covered == {"schema_version"}


def test_a_saved_device_that_is_not_plugged_in_stays_chosen(make_dialog: Any) -> None:
    settings = Settings()
    settings.audio.input_device = "usb-headset-mic"
    settings.video.camera_name = "Old Webcam"
    dialog = make_dialog(settings)
    mic = dialog.editors["audio.input_device"]
    assert isinstance(mic, sf.NamedChoiceEditor)
    assert mic.combo.currentText() == "usb-headset-mic (not connected)"
    assert [mic.combo.itemText(i) for i in range(3)] == [
        "System default",
        "USB Mic",
        "Built-in Audio",
    ]
    camera = dialog.editors["video.camera_name"]
    assert isinstance(camera, sf.NamedChoiceEditor)
    assert camera.combo.currentText() == "Old Webcam (not connected)"
    current = dialog.current_settings()
    assert current is not None
    assert (current.audio.input_device, current.video.camera_name) == (
        "usb-headset-mic",
        "Old Webcam",
    )
    choose(mic.combo, None)
    current = dialog.current_settings()
    assert current is not None and current.audio.input_device is None


# ------------------------------------------------------------------------- per-model rules
def predicted_blocked(dialog: SettingsDialog, model: str) -> set[str]:
    return {
        path
        for path in dialog.editors
        if path != "model.name" and not profiles.supported(model, path)[0]
    }


def disabled(dialog: SettingsDialog) -> set[str]:
    return {path for path, editor in dialog.editors.items() if not editor.widget.isEnabled()}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (M38, M25),
        (M25, M31),
        (M31, M38),
        (M38, M38X),
        (M38X, VERTEX),
        (VERTEX, "gemini-next-live"),
    ],
)
def test_switching_model_toggles_exactly_the_unsupported_controls(
    make_dialog: Any, first: str, second: str
) -> None:
    dialog = make_dialog()
    drive(dialog, "model.name", first)
    before = disabled(dialog)
    assert before == predicted_blocked(dialog, first)
    drive(dialog, "model.name", second)
    after = disabled(dialog)
    assert after == predicted_blocked(dialog, second)
    toggled = before ^ after
    assert toggled == predicted_blocked(dialog, first) ^ predicted_blocked(dialog, second)
    assert toggled, "this pair must differ, or the test shows nothing"
    for path in after:
        tip = dialog.editors[path].widget.toolTip()
        if profiles.fixed_value(second, path) is not None:
            assert "always" in tip and "not sent" in tip
        else:
            assert tip.startswith(f"{second} does not accept {short_label(path)}."), tip


def item_enabled(combo: QComboBox, value: Any) -> bool:
    model = combo.model()
    assert isinstance(model, QStandardItemModel)
    return model.item(combo.findData(value)).isEnabled()


def test_choices_a_model_rejects_are_greyed_out_with_the_reason(make_dialog: Any) -> None:
    dialog = make_dialog()
    modality = dialog.editors["model.response_modality"]
    functions = dialog.editors["tools.functions"]
    assert isinstance(modality, sf.ChoiceEditor) and isinstance(functions, sf.FunctionsEditor)
    drive(dialog, "model.name", M31)
    assert item_enabled(modality.combo, "TEXT")
    assert item_enabled(functions.behavior_combo, "blocking")
    assert not item_enabled(functions.behavior_combo, "non_blocking")
    drive(dialog, "model.name", M38)
    assert not item_enabled(modality.combo, "TEXT")
    tip = modality.combo.itemData(modality.combo.findData("TEXT"), 3)  # ToolTipRole
    assert "gemini-3.8-live does not accept Response modality “TEXT”" in tip
    assert "audio only" in tip
    assert item_enabled(functions.behavior_combo, "non_blocking")
    drive(dialog, "model.name", M38X)
    level = dialog.editors["generation.thinking_level"]
    assert isinstance(level, sf.ChoiceEditor)
    assert not item_enabled(level.combo, "minimal") and item_enabled(level.combo, "high")
    assert not item_enabled(functions.behavior_combo, "blocking")


def test_a_greyed_out_setting_is_not_sent_and_comes_back_with_its_model(
    make_dialog: Any,
) -> None:
    dialog = make_dialog()
    drive(dialog, "model.name", M25)
    drive(dialog, "generation.enable_affective_dialog", True)
    drive(dialog, "generation.thinking_budget", 512)
    drive(dialog, "model.name", M38)
    affective = dialog.editors["generation.enable_affective_dialog"]
    assert isinstance(affective, sf.BoolEditor)
    assert not affective.widget.isEnabled() and not affective.check.isChecked()
    proactive = dialog.editors["generation.proactive_audio"]
    assert isinstance(proactive, sf.BoolEditor)
    assert proactive.check.isChecked() and not proactive.widget.isEnabled()  # fixed on
    current = dialog.current_settings()
    assert current is not None  # no error: what 3.8 rejects is simply not sent
    assert not current.generation.enable_affective_dialog
    assert current.generation.thinking_budget is None
    model_editor = dialog.editors["model.name"]
    assert isinstance(model_editor, sf.ModelNameEditor)
    assert "Affective dialog" in model_editor.about.text()
    assert "Always on with this model: Proactive audio." in model_editor.about.text()
    drive(dialog, "model.name", M25)
    assert affective.widget.isEnabled() and affective.check.isChecked()
    current = dialog.current_settings()
    assert current is not None and current.generation.thinking_budget == 512


# ------------------------------------------------------------------------------ validation
def problem(dialog: SettingsDialog, path: str) -> str:
    label = dialog.editors[path].problem_label
    return label.text() if not label.isHidden() else ""


def test_problems_show_next_to_their_field_and_block_ok(make_dialog: Any) -> None:
    dialog = make_dialog()
    assert problem(dialog, "connection.custom_base_url") == ""
    drive(dialog, "connection.endpoint", "custom")
    assert problem(dialog, "connection.custom_base_url") == (
        "The custom endpoint needs a URL such as https://proxy.example.com."
    )
    assert "#b00020" in dialog.editors["connection.custom_base_url"].problem_label.styleSheet()
    assert not dialog.ok_button.isEnabled() and not dialog.apply_button.isEnabled()
    drive(dialog, "connection.custom_base_url", "http://proxy.example.com")
    assert "is not encrypted" in problem(dialog, "connection.custom_base_url")
    drive(dialog, "connection.custom_base_url", "https://proxy.example.com")
    assert problem(dialog, "connection.custom_base_url") == ""
    assert dialog.ok_button.isEnabled() and dialog.apply_button.isEnabled()

    drive(dialog, "session.compression_trigger_tokens", 1000)
    drive(dialog, "session.compression_target_tokens", 2000)
    assert problem(dialog, "session.compression_target_tokens") == (
        "The compression target must be below the trigger."
    )
    assert not dialog.ok_button.isEnabled()
    drive(dialog, "session.compression_target_tokens", 500)
    assert dialog.ok_button.isEnabled()


def test_the_interface_language_offers_the_system_and_each_catalog(make_dialog: Any) -> None:
    dialog = make_dialog()
    combo = dialog.editors["ui.language"].combo
    offered = {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}
    assert offered == {
        None: "The system's language",
        "en": "English",
        "pt_BR": "Português (Brasil)",
        "zh_CN": "简体中文",
    }
    # A code written into the file by hand, with no catalog, stays as it is (English is shown).
    settings = Settings()
    settings.ui.language = "de"
    again = make_dialog(settings)
    assert again.editors["ui.language"].combo.currentText() == "de"
    assert again.current_settings() == settings


def test_an_unknown_model_is_a_warning_that_allows_ok(make_dialog: Any) -> None:
    dialog = make_dialog()
    drive(dialog, "model.name", "gemini-next-live")
    text = problem(dialog, "model.name")
    assert "does not know the model gemini-next-live" in text
    assert "#8d4e00" in dialog.editors["model.name"].problem_label.styleSheet()
    assert dialog.ok_button.isEnabled()
    assert disabled(dialog) == set()


def test_function_parameters_must_be_json_objects(make_dialog: Any) -> None:
    dialog = make_dialog()
    functions = dialog.editors["tools.functions"]
    assert isinstance(functions, sf.FunctionsEditor)
    functions.add_button.click()
    functions.parameters_edit.setPlainText('{"type": "object", "properties": {')
    assert "not valid JSON" in problem(dialog, "tools.functions")
    assert "not valid JSON" in functions.json_problem.text()
    assert not dialog.apply_button.isEnabled()
    functions.parameters_edit.setPlainText("[1, 2]")
    assert "must be a JSON object" in problem(dialog, "tools.functions")
    functions.parameters_edit.setPlainText('{"type": "object", "properties": {}}')
    assert problem(dialog, "tools.functions") == ""
    functions.name_edit.setText("1st function")
    assert problem(dialog, "tools.functions") == (
        "Function 1 (1st function): A function name starts with a letter or _ and has at most "
        "64 letters, digits, _ . : or -."
    )
    functions.name_edit.setText("get_current_time")
    drive(dialog, "tools.current_time", True)
    assert "Two tools are called get_current_time" in problem(dialog, "tools.functions")
    functions.name_edit.setText("lookup")
    current = dialog.current_settings()
    assert current is not None
    assert current.tools.functions == [
        FunctionDeclarationSettings(name="lookup", parameters={"type": "object", "properties": {}})
    ]


# -------------------------------------------------------------------- apply, OK, cancel
def test_changes_that_need_a_new_connection_say_so(make_dialog: Any, settings_file: Path) -> None:
    dialog = make_dialog()
    applied = recorder(dialog)
    assert not dialog.apply_button.isEnabled()  # nothing changed yet
    drive(dialog, "voice.voice", "Puck")
    assert dialog.note_label.text() == "Takes effect at the next connection: Voice."
    drive(dialog, "audio.input_device", "alsa_input.usb-mic")
    assert dialog.note_label.text() == (
        "Takes effect at the next connection: Voice.\nApplies at once: Microphone."
    )
    dialog.apply_button.click()
    assert applied[-1][1] is True
    assert dialog.note_label.isHidden() and not dialog.apply_button.isEnabled()

    drive(dialog, "video.source", "screen")
    drive(dialog, "audio.echo_cancellation", False)
    assert dialog.note_label.text() == "Applies at once: Echo cancellation, Video source."
    dialog.apply_button.click()
    settings, reconnect = applied[-1]
    assert reconnect is False
    assert (settings.video.source, settings.audio.echo_cancellation) == ("screen", False)
    assert load_settings(settings_file).settings == settings


def test_cancel_discards_and_ok_applies_and_closes(make_dialog: Any, settings_file: Path) -> None:
    dialog = make_dialog()
    applied = recorder(dialog)
    drive(dialog, "voice.voice", "Puck")
    dialog.cancel_button.click()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert applied == [] and not settings_file.exists()

    dialog = make_dialog()
    applied = recorder(dialog)
    drive(dialog, "voice.voice", "Puck")
    dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert applied[-1][0].voice.voice == "Puck"
    assert load_settings(settings_file).settings.voice.voice == "Puck"


def test_restore_defaults_resets_the_form_but_saves_only_on_apply(
    make_dialog: Any, settings_file: Path
) -> None:
    start = _settings_for(CASES["3.8-everything"])
    dialog = make_dialog(start)
    applied = recorder(dialog)
    assert dialog.current_settings() == start
    dialog.restore_button.click()
    assert dialog.current_settings() == Settings()
    assert applied == [] and not settings_file.exists()
    assert "Takes effect at the next connection" in dialog.note_label.text()
    dialog.apply_button.click()
    assert applied[-1][0] == Settings()
    assert load_settings(settings_file).settings == Settings()


# -------------------------------------------------------------------------------- API key
def test_the_key_goes_to_the_keyring_not_the_settings_file(
    make_dialog: Any, keyring_backend: MemoryKeyring, settings_file: Path
) -> None:
    dialog = make_dialog()
    applied = recorder(dialog)
    saved: list[bool] = []
    dialog.api_key_saved.connect(lambda: saved.append(True))
    assert dialog.key_edit.echoMode() == dialog.key_edit.EchoMode.Password
    assert dialog.key_status.text().startswith("No API key is set.")
    dialog.key_edit.setText("  AIzaSyTestKey-1234567890  ")
    assert "API key" in dialog.note_label.text()
    dialog.apply_button.click()
    assert list(keyring_backend.passwords.values()) == ["AIzaSyTestKey-1234567890"]
    assert "AIzaSyTestKey" not in settings_file.read_text()
    assert dialog.key_status.text() == "The key was saved in the system keyring."
    assert dialog.key_edit.text() == ""
    assert applied[-1][1] is True and saved == [True]

    dialog.forget_key_button.click()
    assert keyring_backend.passwords == {}
    assert dialog.key_status.text() == "The key was removed."


def test_without_a_keyring_the_dialog_says_the_key_lasts_this_session(
    make_dialog: Any,
) -> None:
    store = KeyStore(backend=fail.Keyring(), environ={})
    dialog = make_dialog(keystore=store)
    dialog.key_edit.setText("session-only-key")
    dialog.apply_button.click()
    assert dialog.key_status.text() == (
        "No system keyring is available; the key is kept for this session only."
    )
    assert store.get().key == "session-only-key"


# ---------------------------------------------------------------------- connection test
async def test_test_connection_uses_the_unsaved_form_and_reports_the_time(
    make_dialog: Any, emulator: Emulator, settings_file: Path
) -> None:
    endpoint = EndpointOverride(
        "Offline loopback", base_url=emulator.base_url, ca_cert=emulator.client_ssl_context()
    )
    dialog = make_dialog(test_endpoint=endpoint)
    results: list[tuple[bool, str]] = []
    dialog.test_finished.connect(lambda ok, message: results.append((ok, message)))
    drive(dialog, "voice.voice", "Leda")  # not applied
    dialog.key_edit.setText("test-key")
    dialog.test_button.click()
    assert not dialog.test_button.isEnabled()
    assert dialog.test_result.text() == "Connecting…"
    await dialog.wait_for_test()
    assert re.fullmatch(
        r"Connected to Offline loopback with gemini-3\.8-live in \d+ ms\.",
        dialog.test_result.text(),
    )
    assert results and results[0][0] is True
    assert dialog.test_button.isEnabled()
    (record,) = await emulator.wait_for_connections(1)
    voice = normalise(record.setup)["generation_config"]["speech_config"]
    assert voice["voice_config"]["prebuilt_voice_config"]["voice_name"] == "Leda"
    assert record.close_code in (None, 1000)
    assert file_text(settings_file) == ""  # testing saves nothing


async def test_test_connection_explains_a_rejected_key(
    make_dialog: Any, emulator_factory: Any
) -> None:
    emulator = await emulator_factory(bad_keys={"rejected-key-123"})
    dialog = make_dialog(
        test_endpoint=EndpointOverride(
            "Gemini API", base_url=emulator.base_url, ca_cert=emulator.client_ssl_context()
        )
    )
    dialog.key_edit.setText("rejected-key-123")
    dialog.test_button.click()
    await dialog.wait_for_test()
    text = dialog.test_result.text()
    assert text.startswith("The API key was rejected."), text
    assert "1008" not in text and "Traceback" not in text
    assert "#b00020" in dialog.test_result.styleSheet()


async def test_test_connection_waits_for_valid_settings(make_dialog: Any) -> None:
    dialog = make_dialog()
    drive(dialog, "connection.endpoint", "custom")
    dialog.test_button.click()
    assert dialog.test_task is None
    assert dialog.test_result.text() == "Fix the settings marked in red first."


# ------------------------------------------------------------------------ in the app
class FakeUplink:
    def __init__(self) -> None:
        self.push_to_talk = False


class FakeVoice:
    """Stands in for VoiceSession (no sound devices here): records what it was given."""

    def __init__(self) -> None:
        self.uplink = FakeUplink()
        self.applied: list[Settings] = []

    def apply_settings(self, settings: Settings) -> None:
        self.applied.append(settings.model_copy(deep=True))
        self.uplink.push_to_talk = settings.vad.push_to_talk or not settings.vad.automatic


@pytest.fixture
async def app_window(qapp: Any, emulator: Emulator) -> Any:
    from live_desktop.ui.conversation import ConversationViewModel
    from live_desktop.ui.main_window import MainWindow

    settings = Settings()
    controller = SessionController(
        settings,
        api_key="offline-loopback",
        base_url=emulator.base_url,
        ca_cert=emulator.client_ssl_context(),
    )
    window = MainWindow(
        ConversationViewModel(controller), endpoint_label="Offline loopback", offline=True
    )
    window.show()
    yield window
    await window.conversation.shutdown()
    window.close()


def wire(window: Any, keystore: KeyStore, settings_file: Path, voice: Any = None) -> Any:
    from live_desktop.app import Endpoint
    from live_desktop.ui.settings_wiring import SettingsWiring

    controller = window.conversation.controller
    endpoint = Endpoint(
        "Offline loopback",
        True,
        "offline-loopback",
        controller._base_url,
        controller._ca_cert,
    )
    return SettingsWiring(
        window,
        controller,
        controller.settings,
        keystore=keystore,
        settings_path=settings_file,
        endpoint=endpoint,
        voice=voice,
        audio_devices=lambda kind: MICS if kind == "input" else SPEAKERS,
        cameras=lambda: CAMERAS,
    )


def menu_actions(window: Any) -> list[Any]:
    return [a for m in window.menuBar().actions() if m.menu() for a in m.menu().actions()]


async def test_settings_open_from_the_menu_with_ctrl_comma(
    app_window: Any, keystore: KeyStore, settings_file: Path
) -> None:
    from PySide6.QtGui import QKeySequence

    wiring = wire(app_window, keystore, settings_file)
    action = app_window.settings_action
    assert action in menu_actions(app_window)
    assert action.shortcut() == QKeySequence("Ctrl+,")
    assert action.text() == "&Settings…"
    action.trigger()
    dialog = wiring.dialog
    assert isinstance(dialog, SettingsDialog) and dialog.isVisible()
    assert dialog.test_endpoint is not None and dialog.test_endpoint.label == "Offline loopback"
    action.trigger()  # again: the same dialog comes forward, not a second one
    assert wiring.dialog is dialog
    dialog.cancel_button.click()
    assert wiring.dialog is None


async def test_applied_settings_reach_the_running_app(
    app_window: Any, keystore: KeyStore, settings_file: Path
) -> None:
    voice = FakeVoice()
    wiring = wire(app_window, keystore, settings_file, voice)
    controller = app_window.conversation.controller
    settings = controller.settings
    assert await controller.connect()

    app_window.settings_action.trigger()
    dialog = wiring.dialog
    drive(dialog, "voice.voice", "Puck")
    drive(dialog, "audio.input_device", "alsa_input.usb-mic")
    dialog.apply_button.click()
    assert controller.settings is settings  # the object everyone holds, updated in place
    assert (settings.voice.voice, settings.audio.input_device) == ("Puck", "alsa_input.usb-mic")
    assert voice.applied[-1].audio.input_device == "alsa_input.usb-mic"
    banner = app_window.notice_banner
    assert banner.isVisible() and banner.label.text() == "Reconnect to use the new settings."

    drive(dialog, "voice.voice", "Kore")
    drive(dialog, "vad.push_to_talk", True)
    dialog.apply_button.click()
    assert banner.label.text() == "Reconnect to use the new settings."  # said once
    # Mid-session the turn-taking mode stays what the service was told...
    assert voice.applied[-1].vad.push_to_talk is False and voice.uplink.push_to_talk is False
    assert settings.vad.push_to_talk is True
    await controller.disconnect()
    assert await controller.connect()
    # ...and changes with the next connection.
    assert voice.applied[-1].vad.push_to_talk is True and voice.uplink.push_to_talk is True
    await controller.disconnect()


async def test_a_key_saved_while_offline_switches_to_gemini(
    app_window: Any, keystore: KeyStore, settings_file: Path
) -> None:
    wiring = wire(app_window, keystore, settings_file)
    app_window.settings_action.trigger()
    dialog = wiring.dialog
    dialog.key_edit.setText("AIzaSyNewKey-0987654321")
    dialog.ok_button.click()
    assert keystore.get().key == "AIzaSyNewKey-0987654321"
    assert wiring.endpoint.offline is False and wiring.endpoint.base_url is None
    assert app_window.endpoint_status.text() == "Gemini API"
    assert not app_window.offline_banner.isVisible()
    assert app_window.conversation.controller._api_key == "AIzaSyNewKey-0987654321"


async def test_a_theme_chosen_in_settings_applies_at_once(
    app_window: Any, keystore: KeyStore, settings_file: Path
) -> None:
    from PySide6.QtWidgets import QApplication

    from live_desktop.ui.theme import apply_theme, is_dark

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    wiring = wire(app_window, keystore, settings_file)
    app_window.settings_action.trigger()
    dialog = wiring.dialog
    try:
        drive(dialog, "ui.theme", "dark")
        assert dialog.note_label.text() == "Applies at once: Theme."
        dialog.apply_button.click()
        assert is_dark(app.palette())
        drive(dialog, "ui.theme", "light")
        dialog.apply_button.click()
        assert not is_dark(app.palette())
        assert not app_window.notice_banner.isVisible()  # nothing waits for a reconnect
    finally:
        apply_theme(app, "system")


def test_a_function_answered_by_a_webhook_needs_a_usable_url(make_dialog: Any) -> None:
    dialog = make_dialog()
    functions = dialog.editors["tools.functions"]
    assert isinstance(functions, sf.FunctionsEditor)
    functions.add_button.click()
    functions.name_edit.setText("get_weather")
    # Answered in a dialog by default: no URL asked for, and the URL box is off.
    assert problem(dialog, "tools.functions") == ""
    assert not functions.webhook_url_edit.isEnabled()
    functions.answered_by_combo.setCurrentIndex(functions.answered_by_combo.findData("webhook"))
    assert functions.webhook_url_edit.isEnabled() and functions.webhook_timeout_spin.isEnabled()
    assert problem(dialog, "tools.functions") == (
        "get_weather is answered by a webhook but has no webhook URL (such as "
        "http://127.0.0.1:8000/tools)."
    )
    assert not dialog.ok_button.isEnabled()
    functions.webhook_url_edit.setText("127.0.0.1:8000/weather")
    assert problem(dialog, "tools.functions") == (
        "The webhook URL of get_weather, 127.0.0.1:8000/weather, is not an http:// or https:// URL."
    )
    functions.webhook_url_edit.setText("http://127.0.0.1:8000/weather")
    functions.webhook_timeout_spin.setValue(2.5)
    assert problem(dialog, "tools.functions") == ""
    assert dialog.ok_button.isEnabled()
    current = dialog.current_settings()
    assert current is not None
    (function,) = current.tools.functions
    assert (function.answered_by, function.webhook_url, function.webhook_timeout_s) == (
        "webhook",
        "http://127.0.0.1:8000/weather",
        2.5,
    )
