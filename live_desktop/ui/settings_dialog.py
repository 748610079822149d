"""The Settings dialog: every field of the settings model, checked as you type.

The form is built from :class:`~live_desktop.core.settings.Settings` itself: each field gets
the editor its type calls for (:mod:`live_desktop.ui.settings_fields`), labelled with its
``description``, on one of six tabs. On every change the form's values are validated by the
model and by :func:`~live_desktop.core.settings.check_settings`; each problem's sentence shows
under its field, and OK / Apply stay disabled while there is an error (warnings are allowed).

Choosing a model disables what that model does not accept (:func:`profiles.supported`) with a
tooltip saying why, and shows values the model fixes. Apply saves the file atomically, stores a
typed API key in the OS keyring (never in the file) and emits :attr:`SettingsDialog.applied`
with whether the change needs a new connection. "Test connection" runs a real setup handshake
with the form's unsaved settings and says what happened.

Lives on the Qt main thread, which is also the asyncio loop's (qasync): the connection test is
an asyncio task and the dialog stays responsive while it runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from live_desktop.core import events as ev
from live_desktop.core import profiles
from live_desktop.core.secrets import KeyStore
from live_desktop.core.session import SessionController
from live_desktop.core.settings import (
    Settings,
    check_settings,
    describe_endpoint,
    save_settings,
)
from live_desktop.ui.core_texts import translate_core
from live_desktop.ui.settings_fields import (
    ERROR_COLOR,
    BoolEditor,
    FieldEditor,
    FieldValueError,
    ModelNameEditor,
    build_editor,
    language_text,
    setting_name,
)

log = logging.getLogger(__name__)

__all__ = [
    "LIVE_SECTIONS",
    "TABS",
    "EndpointOverride",
    "SettingsDialog",
    "changed_paths",
    "leaf_fields",
    "needs_reconnect",
]

#: The translation context of the dialog's own texts. lupdate reads only a literal context, so
#: the markers and translate() calls below spell it out.
_CONTEXT = "SettingsDialog"
API_KEY = "<api key>"
TEST_CONNECTION = "<test connection>"

#: Tabs: (slug for screenshots, title, [(group title, [setting paths or a marker])]).
TABS: list[tuple[str, str, list[tuple[str, list[str]]]]] = [
    (
        "connection",
        QT_TRANSLATE_NOOP("SettingsDialog", "Connection"),
        [
            (
                QT_TRANSLATE_NOOP("SettingsDialog", "Endpoint"),
                ["connection.endpoint", "connection.custom_base_url", "connection.api_version"],
            ),
            (
                QT_TRANSLATE_NOOP("SettingsDialog", "Authentication"),
                ["connection.auth", "connection.token_url", API_KEY],
            ),
            (
                QT_TRANSLATE_NOOP("SettingsDialog", "Vertex AI"),
                ["connection.vertex_project", "connection.vertex_location"],
            ),
            (QT_TRANSLATE_NOOP("SettingsDialog", "Test"), [TEST_CONNECTION]),
        ],
    ),
    (
        "model-voice",
        QT_TRANSLATE_NOOP("SettingsDialog", "Model && voice"),
        [
            (
                QT_TRANSLATE_NOOP("SettingsDialog", "Model"),
                ["model.name", "model.response_modality", "model.system_instruction"],
            ),
            (QT_TRANSLATE_NOOP("SettingsDialog", "Voice"), ["voice.voice", "voice.language"]),
            (
                QT_TRANSLATE_NOOP("SettingsDialog", "Model features"),
                [
                    "generation.enable_affective_dialog",
                    "generation.proactive_audio",
                    "generation.thinking_level",
                    "generation.thinking_budget",
                    "generation.include_thoughts",
                ],
            ),
            (
                QT_TRANSLATE_NOOP("SettingsDialog", "Transcription"),
                ["transcription.input", "transcription.output"],
            ),
        ],
    ),
    (
        "audio-vad",
        QT_TRANSLATE_NOOP("SettingsDialog", "Audio && VAD"),
        [
            (
                QT_TRANSLATE_NOOP("SettingsDialog", "Devices"),
                ["audio.input_device", "audio.output_device"],
            ),
            (
                QT_TRANSLATE_NOOP("SettingsDialog", "Processing"),
                [
                    "audio.echo_cancellation",
                    "audio.noise_suppression",
                    "audio.high_pass_filter",
                    "audio.gain_control",
                ],
            ),
            (
                QT_TRANSLATE_NOOP("SettingsDialog", "Turn taking"),
                [
                    "vad.automatic",
                    "vad.push_to_talk",
                    "vad.start_sensitivity",
                    "vad.end_sensitivity",
                    "vad.prefix_padding_ms",
                    "vad.silence_duration_ms",
                    "vad.activity_handling",
                    "vad.turn_coverage",
                    "vad.explicit_vad_signal",
                ],
            ),
        ],
    ),
    (
        "video",
        QT_TRANSLATE_NOOP("SettingsDialog", "Video"),
        [
            (
                QT_TRANSLATE_NOOP("SettingsDialog", "Source"),
                [
                    "video.source",
                    "video.camera_name",
                    "video.camera_index",
                    "video.screen_monitor",
                    "video.screen_region",
                    "video.file_path",
                ],
            ),
            (
                QT_TRANSLATE_NOOP("SettingsDialog", "Sending"),
                [
                    "video.send_fps",
                    "video.max_side",
                    "video.jpeg_quality",
                    "video.skip_unchanged",
                    "generation.media_resolution",
                ],
            ),
        ],
    ),
    (
        "tools",
        QT_TRANSLATE_NOOP("SettingsDialog", "Tools"),
        [
            (
                QT_TRANSLATE_NOOP("SettingsDialog", "Built-in tools"),
                [
                    "tools.current_time",
                    "tools.clipboard_text",
                    "tools.clipboard_write",
                    "tools.screenshot",
                    "tools.open_url",
                    "tools.notification",
                    "tools.google_search",
                    "tools.code_execution",
                ],
            ),
            (QT_TRANSLATE_NOOP("SettingsDialog", "Declared functions"), ["tools.functions"]),
        ],
    ),
    (
        "advanced",
        QT_TRANSLATE_NOOP("SettingsDialog", "Advanced"),
        [
            (
                QT_TRANSLATE_NOOP("SettingsDialog", "Sampling"),
                [
                    "generation.temperature",
                    "generation.top_p",
                    "generation.top_k",
                    "generation.max_output_tokens",
                    "generation.presence_penalty",
                    "generation.frequency_penalty",
                    "generation.seed",
                ],
            ),
            (
                QT_TRANSLATE_NOOP("SettingsDialog", "Long sessions"),
                [
                    "session.context_compression",
                    "session.compression_trigger_tokens",
                    "session.compression_target_tokens",
                    "session.session_resumption",
                    "session.transparent_resumption",
                ],
            ),
            (
                QT_TRANSLATE_NOOP("SettingsDialog", "Recording"),
                ["recording.enabled", "recording.keep_days"],
            ),
            (
                QT_TRANSLATE_NOOP("SettingsDialog", "Interface"),
                ["ui.theme", "ui.language", "schema_version"],
            ),
        ],
    ),
]
#: Where a field that no tab lists ends up (a test keeps this group empty).
OTHER_GROUP = QT_TRANSLATE_NOOP("SettingsDialog", "Other")

#: Sections whose changes the app applies at once; everything else goes into the setup
#: message or picks the endpoint, so it needs a new connection.
LIVE_SECTIONS = frozenset({"audio", "video", "ui", "recording"})

#: Validators that check a whole section report there; show their sentence at this field.
_SECTION_PROBLEM_AT = {"session": "session.compression_target_tokens"}

#: Pydantic's wording for a pattern is no use to people; these say what is allowed.
_PATTERN_TEXT = {
    "tools.functions.name": QT_TRANSLATE_NOOP(
        "SettingsDialog",
        "A function name starts with a letter or _ and has at most 64 letters, digits, _ . : or -.",
    ),
    "ui.language": QT_TRANSLATE_NOOP(
        "SettingsDialog", "Use a language code such as de, pt_BR or fil, or leave it empty."
    ),
    "model.name": QT_TRANSLATE_NOOP("SettingsDialog", "Choose a model or type its name."),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


@dataclass(frozen=True, slots=True)
class EndpointOverride:
    """Where "Test connection" goes when the app does not connect where the settings say
    (the offline emulator, or ``--endpoint``): its label, address, certificate, headers and,
    for the emulator, the placeholder key."""

    label: str
    base_url: str | None = None
    ca_cert: Any = None
    headers: Mapping[str, str] | None = None
    api_key: str | None = None


def leaf_fields(model: type[BaseModel] = Settings, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(dotted path, FieldInfo) of every field that is not itself a section."""
    for name, info in model.model_fields.items():
        annotation = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            yield from leaf_fields(annotation, f"{prefix}{name}.")
        else:
            yield prefix + name, info


def _flat(settings: Settings) -> dict[str, Any]:
    dumped = settings.model_dump(mode="json")
    flat: dict[str, Any] = {}
    for path, _info in leaf_fields():
        value: Any = dumped
        for part in path.split("."):
            value = value[part]
        flat[path] = value
    return flat


def changed_paths(old: Settings, new: Settings) -> list[str]:
    """The leaf settings whose values differ, in model order."""
    before, after = _flat(old), _flat(new)
    return [path for path in after if before.get(path) != after[path]]


def needs_reconnect(paths: Sequence[str]) -> bool:
    """True if any of ``paths`` only takes effect with a new connection."""
    return any(path.split(".")[0] not in LIVE_SECTIONS for path in paths)


def _set_path(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        data = data[part]
    data[last] = value


def _sentence(text: str) -> str:
    text = text.strip()
    if not text or text[-1] in ".!?。！？":
        return text
    # A translated reason in Chinese ends with a full-width stop.
    return text + ("。" if re.search(r"[\u3400-\u9fff]", text) else ".")


class SettingsDialog(QDialog):
    """Edits a copy of the settings; nothing changes until Apply or OK.

    ``applied(settings, needs_reconnect)`` carries a fresh Settings object each time (the
    app copies it into the one it uses); ``api_key_saved`` says a typed key was stored.
    """

    applied = Signal(object, bool)
    api_key_saved = Signal()
    test_finished = Signal(bool, str)

    def __init__(
        self,
        settings: Settings,
        *,
        keystore: KeyStore,
        settings_path: str | os.PathLike[str] | None,
        test_endpoint: EndpointOverride | None = None,
        audio_devices: Callable[[str], list[Any]] | None = None,
        cameras: Callable[[], list[Any]] | None = None,
        parent: QWidget | None = None,
        token_store: KeyStore | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setObjectName("settingsDialog")
        self.keystore = keystore
        #: Where a pasted ephemeral token (auth_tokens/...) goes: beside the key, not over it.
        self.token_store = token_store or KeyStore.for_token(backend=keystore.backend)
        self.settings_path = Path(settings_path) if settings_path is not None else None
        self.test_endpoint = test_endpoint
        self._audio_devices = audio_devices
        self._cameras = cameras
        self._baseline = settings.model_copy(deep=True)
        self._loading = False
        self._current: Settings | None = None
        self._has_errors = False
        self.editors: dict[str, FieldEditor] = {}
        self.tab_slugs: list[str] = []
        self.other_paths: list[str] = []
        self.test_task: asyncio.Task[None] | None = None

        self.tabs = QTabWidget(self)
        self._build_tabs()

        self.note_label = QLabel(self)
        self.note_label.setWordWrap(True)
        self.note_label.setAccessibleName(self.tr("When changes take effect"))
        self.general_label = QLabel(self)
        self.general_label.setWordWrap(True)
        self.general_label.setStyleSheet(f"color: {ERROR_COLOR};")
        self.general_label.hide()

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.RestoreDefaults
            | QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Apply,
            self,
        )
        self.button_box = buttons
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.apply_button = buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        self.restore_button.setToolTip(
            self.tr("Put every field back to its default; nothing is saved until OK or Apply")
        )
        self.ok_button.clicked.connect(self._on_ok_clicked)
        self.apply_button.clicked.connect(self.apply)
        self.cancel_button.clicked.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_defaults)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.general_label)
        layout.addWidget(self.note_label)
        layout.addWidget(buttons)
        self.resize(780, 760)

        for path, editor in self.editors.items():
            if path == "model.name":
                editor.changed.connect(self._on_model_changed)
            else:
                editor.changed.connect(self._on_editor_changed)
        self._load(self._baseline)

    # ------------------------------------------------------------------ building
    def _options(self, kind: str) -> list[tuple[str, str]]:
        try:
            if kind == "camera":
                lister = self._cameras
                if lister is None:
                    from live_desktop.devices.video import list_cameras as lister
                return [(c.name, f"{c.name} (#{c.index})") for c in lister()]
            devices = self._audio_devices
            if devices is None:
                from live_desktop.devices.audio_devices import list_devices as devices
            return [(d.name, d.label) for d in devices(kind)]
        except Exception:  # a broken sound system must not keep the dialog from opening
            log.exception("Listing %s devices for the settings dialog failed", kind)
            return []

    def _build_tabs(self) -> None:
        fields = dict(leaf_fields())
        placed = {path for _, _, groups in TABS for _, paths in groups for path in paths}
        self.other_paths = [path for path in fields if path not in placed]
        for slug, title, groups in TABS:
            if slug == "advanced" and self.other_paths:
                groups = [*groups, (OTHER_GROUP, self.other_paths)]
            page = QWidget()
            column = QVBoxLayout(page)
            self._tab_labels: list[QLabel] = []
            for group_title, paths in groups:
                column.addWidget(self._build_group(_tr(group_title), paths, fields))
            column.addStretch(1)
            # One label column per tab, not one per group: the fields line up.
            width = max((label.sizeHint().width() for label in self._tab_labels), default=0)
            for label in self._tab_labels:
                label.setMinimumWidth(width)
            scroll = QScrollArea(self.tabs)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(page)
            self.tabs.addTab(scroll, _tr(title))
            self.tab_slugs.append(slug)

    def _build_group(self, title: str, paths: list[str], fields: dict[str, FieldInfo]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        for path in paths:
            if path == API_KEY:
                self._build_key_rows(box, form)
                continue
            if path == TEST_CONNECTION:
                self._build_test_rows(box, form)
                continue
            try:
                editor = build_editor(path, fields[path], box, self._options)
            except TypeError:
                log.exception("No editor for the setting %s", path)
                continue
            self.editors[path] = editor
            if isinstance(editor, BoolEditor) or editor.label is None:
                form.addRow(editor.row)
            else:
                form.addRow(editor.label, editor.row)
                self._tab_labels.append(editor.label)
        return box

    def _build_key_rows(self, box: QWidget, form: QFormLayout) -> None:
        self.key_edit = QLineEdit(box)
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setAccessibleName(self.tr("API key"))
        self.key_edit.setMinimumWidth(280)
        self.key_edit.textChanged.connect(self._on_editor_changed)
        self.forget_key_button = QPushButton(self.tr("Remove saved key"), box)
        self.forget_key_button.setToolTip(
            self.tr("Delete the key from the system keyring (and from this session)")
        )
        self.forget_key_button.clicked.connect(self._on_forget_key_clicked)
        row = QWidget(box)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.key_edit, 1)
        line.addWidget(self.forget_key_button)
        self.key_status = QLabel(row)
        self.key_status.setWordWrap(True)
        self.key_status.setAccessibleName(self.tr("Where the API key is kept"))
        field = QWidget(box)
        stack = QVBoxLayout(field)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.addWidget(row)
        stack.addWidget(self.key_status)
        label = QLabel(self.tr("API key"), box)
        label.setBuddy(self.key_edit)
        form.addRow(label, field)
        self._tab_labels.append(label)
        self._show_key_source()

    def _show_key_source(self) -> None:
        lookup = self.keystore.get()
        self.key_status.setText(
            translate_core(lookup.describe())
            + " "
            + self.tr(
                "A key typed here is saved in the system keyring, never in the settings file."
            )
        )
        self.key_edit.setPlaceholderText(
            self.tr("Type a new key to replace it")
            if lookup.key
            else self.tr("Paste your Gemini API key")
        )
        self.forget_key_button.setEnabled(lookup.source in ("memory", "keyring"))

    def _build_test_rows(self, box: QWidget, form: QFormLayout) -> None:
        self.test_button = QPushButton(self.tr("Test connection"), box)
        self.test_button.setToolTip(
            self.tr(
                "Connect with the settings shown here (saved or not), wait for the service "
                "to accept them, then disconnect"
            )
        )
        self.test_button.clicked.connect(self._on_test_clicked)
        self.test_result = QLabel(box)
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.test_result.setAccessibleName(self.tr("Connection test result"))
        where = translate_core(self.test_endpoint.label) if self.test_endpoint is not None else ""
        self.test_result.setText(self.tr("Tests {where}.").format(where=where) if where else "")
        row = QWidget(box)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.test_button)
        line.addWidget(self.test_result, 1)
        form.addRow(row)

    # ------------------------------------------------------------------ loading
    def _load(self, settings: Settings) -> None:
        """Show ``settings`` in the form (the model first, so its rules apply to the rest)."""
        self._loading = True
        try:
            self.editors["model.name"].set_value(settings.model.name)
            self._apply_model_rules()
            flat = {path: value for path, value in _plain_values(settings)}
            for path, editor in self.editors.items():
                if path != "model.name":
                    editor.set_value(flat[path])
        finally:
            self._loading = False
        self._revalidate()

    def restore_defaults(self) -> None:
        """Every field back to its default; saved only by OK or Apply."""
        self._load(Settings())

    # ------------------------------------------------------------------ model rules
    def _apply_model_rules(self) -> None:
        model = str(self.editors["model.name"].value())
        shown = profiles.normalize_model_name(model)
        not_accepted: list[str] = []
        fixed_on: list[str] = []
        for path, editor in self.editors.items():
            if path == "model.name":
                continue
            ok, reason = profiles.supported(model, path)
            reason = translate_core(reason)
            if ok:
                editor.unblock()
            else:
                fixed = profiles.fixed_value(model, path)
                if fixed is not None:
                    tip = self.tr("{reason}, so this setting is not sent.").format(reason=reason)
                    fixed_on.append(setting_name(path))
                else:
                    not_accepted.append(setting_name(path))
                    tip = self.tr("{model} does not accept {setting}. {reason}").format(
                        model=shown, setting=setting_name(path), reason=_sentence(reason)
                    )
                editor.block(tip, fixed)
            behaviour_path = profiles.FUNCTION_BEHAVIOR if path == "tools.functions" else path
            editor.limit_choices(
                lambda value, p=behaviour_path: self._choice_allowed(model, p, value)
            )
        lines = []
        if not_accepted:
            lines.append(
                self.tr("Greyed out, as this model does not accept them: {names}.").format(
                    names=_join(not_accepted)
                )
            )
        if fixed_on:
            lines.append(
                self.tr("Always on with this model: {names}.").format(names=_join(fixed_on))
            )
        model_editor = self.editors["model.name"]
        if isinstance(model_editor, ModelNameEditor):
            model_editor.set_rules_text("\n".join(lines))

    def _choice_allowed(self, model: str, path: str, value: Any) -> tuple[bool, str]:
        if value is None or (path == profiles.FUNCTION_BEHAVIOR and value == "default"):
            return True, ""
        profile = profiles.get_profile(model)
        if profile is None or profile.support(path).severity != "error":
            return True, ""  # a warning is shown when chosen, but the choice stays open
        ok, reason = profiles.supported(profile, path, value)
        reason = translate_core(reason)
        if ok:
            return True, ""
        shown = language_text(str(value)) if path == profiles.LANGUAGE else str(value)
        return False, self.tr("{model} does not accept {setting} “{value}”. {reason}").format(
            model=profile.name, setting=setting_name(path), value=shown, reason=_sentence(reason)
        )

    def blocked_paths(self) -> set[str]:
        """The settings disabled because the chosen model does not accept them."""
        return {path for path, editor in self.editors.items() if editor.blocked}

    # ------------------------------------------------------------------ validation
    def _on_model_changed(self) -> None:
        if self._loading:
            return
        self._loading = True  # blocking editors rewrites them: validate once, afterwards
        try:
            self._apply_model_rules()
        finally:
            self._loading = False
        self._revalidate()

    def _on_editor_changed(self) -> None:
        if not self._loading:
            self._revalidate()

    def _revalidate(self) -> Settings | None:
        """Validate the form; show each problem at its field. The settings, or None."""
        problems: dict[str, list[tuple[str, str]]] = {path: [] for path in self.editors}
        general: list[str] = []
        data = self._baseline.model_dump()
        unreadable = False
        for path, editor in self.editors.items():
            try:
                _set_path(data, path, editor.value())
            except FieldValueError as exc:
                problems[path].append(("error", str(exc)))
                unreadable = True
        settings: Settings | None = None
        try:
            settings = Settings.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors():
                path, message = self._locate_validation_error(error, data)
                target = self._editor_path(path)
                if target is None:
                    general.append(message)
                else:
                    problems[target].append(("error", message))
        if settings is not None:
            for problem in check_settings(settings):
                target = self._editor_path(problem.setting)
                if target is None:
                    if problem.severity == "error":
                        general.append(translate_core(problem.message))
                else:
                    problems[target].append((problem.severity, translate_core(problem.message)))
        for path, editor in self.editors.items():
            editor.show_problems(problems[path])
        self.general_label.setText("\n".join(general))
        self.general_label.setVisible(bool(general))
        errors = (
            unreadable
            or settings is None
            or bool(general)
            or any(severity == "error" for found in problems.values() for severity, _ in found)
        )
        self._has_errors = errors
        self._current = None if errors else settings
        self._show_pending(settings if not unreadable else None)
        return self._current

    def _locate_validation_error(self, error: Any, data: dict[str, Any]) -> tuple[str, str]:
        loc = [part for part in error.get("loc", ())]
        named = [str(part) for part in loc if isinstance(part, str)]
        path = ".".join(named)
        if len(loc) == 1 and path in _SECTION_PROBLEM_AT:
            path = _SECTION_PROBLEM_AT[path]
        if error.get("type") in ("string_pattern_mismatch", "string_too_short") and (
            path in _PATTERN_TEXT
        ):
            message = _tr(_PATTERN_TEXT[path])
        else:
            message = str(error.get("msg", ""))
            message = message.removeprefix("Value error, ")
            message = translate_core(_sentence(message[:1].upper() + message[1:]))
        indices = [part for part in loc if isinstance(part, int)]
        if path.startswith("tools.functions") and indices:
            index = indices[0]
            functions = data.get("tools", {}).get("functions", [])
            name = functions[index].get("name") if index < len(functions) else ""
            message = self.tr("Function {number} ({name}): {problem}").format(
                number=index + 1, name=name or "?", problem=message
            )
        return path, message

    def _editor_path(self, setting: str) -> str | None:
        """The editor that shows a problem about ``setting`` (``tools.functions[2].name`` is
        shown by the functions editor), or None."""
        parts = re.sub(r"\[\d+\]", "", setting).split(".")
        while parts:
            candidate = ".".join(parts)
            if candidate in self.editors:
                return candidate
            parts.pop()
        return None

    def _show_pending(self, settings: Settings | None) -> None:
        """Say which changes wait for a new connection, and enable OK / Apply."""
        key_typed = bool(self.key_edit.text().strip())
        changed = changed_paths(self._baseline, settings) if settings is not None else []
        reconnect = [p for p in changed if p.split(".")[0] not in LIVE_SECTIONS]
        live = [p for p in changed if p.split(".")[0] in LIVE_SECTIONS]
        lines = []
        if reconnect or key_typed:
            names = [setting_name(p) for p in reconnect] + (
                [self.tr("API key")] if key_typed else []
            )
            lines.append(
                self.tr("Takes effect at the next connection: {names}.").format(
                    names=_list_names(names)
                )
            )
        if live:
            lines.append(
                self.tr("Applies at once: {names}.").format(
                    names=_list_names([setting_name(p) for p in live])
                )
            )
        self.note_label.setText("\n".join(lines))
        self.note_label.setVisible(bool(lines))
        self.pending_reconnect = bool(reconnect) or key_typed
        dirty = bool(changed) or key_typed
        self.ok_button.setEnabled(not self._has_errors)
        self.apply_button.setEnabled(not self._has_errors and dirty)

    # ------------------------------------------------------------------ reading
    def current_settings(self) -> Settings | None:
        """What the form says now (unsaved), or None while it has an error."""
        return self._revalidate()

    def widget_for(self, path: str) -> QWidget | None:
        """The widget that edits ``path`` (also ``tools.functions.<field>``), or None."""
        if path in self.editors:
            return self.editors[path].widget
        for editor in self.editors.values():
            found = editor.sub_widgets().get(path)
            if found is not None:
                return found
        return None

    # ------------------------------------------------------------------ apply
    def apply(self) -> bool:
        """Store the key, save the file, emit ``applied``. False (and nothing done) on errors."""
        settings = self._revalidate()
        if settings is None:
            return False
        key = self.key_edit.text().strip()
        changed = changed_paths(self._baseline, settings)
        reconnect = needs_reconnect(changed) or bool(key)
        if key:
            store = self.token_store if key.startswith("auth_tokens/") else self.keystore
            stored = store.set(key)
            self.key_edit.clear()
            self._show_key_source()
            self.key_status.setText(translate_core(stored.message))
        if self.settings_path is not None:
            try:
                save_settings(settings, self.settings_path)
            except OSError as exc:
                log.warning("Saving settings to %s failed: %s", self.settings_path, exc)
                self.general_label.setText(
                    self.tr(
                        "The settings could not be saved to {path} ({reason}); they are used "
                        "until Live Desktop quits."
                    ).format(path=self.settings_path, reason=exc.strerror or exc)
                )
                self.general_label.show()
        self._baseline = settings.model_copy(deep=True)
        self.applied.emit(settings.model_copy(deep=True), reconnect)
        if key:
            self.api_key_saved.emit()
        self._show_pending(settings)
        return True

    def _on_ok_clicked(self) -> None:
        if self.apply():
            self.accept()

    def _on_forget_key_clicked(self) -> None:
        result = self.keystore.delete()
        self._show_key_source()
        self.key_status.setText(translate_core(result.message))

    # ------------------------------------------------------------------ connection test
    def _on_test_clicked(self) -> None:
        settings = self.current_settings()
        if settings is None:
            self._show_test_result(False, self.tr("Fix the settings marked in red first."))
            return
        if self.test_task is not None and not self.test_task.done():
            return
        override = self.test_endpoint
        # The emulator's placeholder key first: a real key never travels to a local server.
        key = (
            (override.api_key if override is not None else None)
            or self.key_edit.text().strip()
            or self.keystore.get().key
        )
        self.test_button.setEnabled(False)
        self.test_result.setStyleSheet("")
        self.test_result.setText(self.tr("Connecting…"))
        self.test_task = asyncio.ensure_future(self._test_connection(settings, key))

    async def _test_connection(self, settings: Settings, key: str | None) -> None:
        override = self.test_endpoint
        base_url = override.base_url if override is not None else None
        controller = SessionController(
            settings,
            api_key=key,
            base_url=base_url,
            ca_cert=override.ca_cert if override is not None else None,
            headers=override.headers if override is not None else None,
        )
        failures: list[ev.ErrorEvent] = []
        unsubscribe = controller.subscribe(
            lambda event: failures.append(event) if isinstance(event, ev.ErrorEvent) else None
        )
        where = override.label if override is not None else describe_endpoint(settings)
        where = translate_core(where)
        ok, elapsed_ms = False, 0
        try:
            started = time.monotonic()
            ok = await controller.connect()
            elapsed_ms = round((time.monotonic() - started) * 1000)
        except Exception as exc:  # connect() reports failures as events; this is a bug
            log.exception("The connection test failed unexpectedly")
            failures.append(ev.ErrorEvent(ev.ErrorKind.UNKNOWN, str(exc), False))
        finally:
            with contextlib.suppress(Exception):
                await controller.disconnect()
            unsubscribe()
        if ok:
            message = self.tr("Connected to {where} with {model} in {ms} ms.").format(
                where=where, model=settings.model.name, ms=elapsed_ms
            )
        elif failures:
            message = translate_core(failures[0].message)
        else:
            message = self.tr("The connection to {where} failed.").format(where=where)
        self._show_test_result(ok, message)

    def _show_test_result(self, ok: bool, message: str) -> None:
        self.test_result.setStyleSheet("color: #1b5e20;" if ok else f"color: {ERROR_COLOR};")
        self.test_result.setText(message)
        self.test_button.setEnabled(True)
        self.test_finished.emit(ok, message)

    async def wait_for_test(self) -> None:
        """Wait for a running connection test (tests and shutdown)."""
        if self.test_task is not None:
            await asyncio.wait([self.test_task])

    def _cancel_test(self) -> None:
        if self.test_task is not None and not self.test_task.done():
            self.test_task.cancel()  # its finally block closes the test connection

    def done(self, result: int) -> None:
        self._cancel_test()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._cancel_test()
        super().closeEvent(event)


def _plain_values(settings: Settings) -> Iterator[tuple[str, Any]]:
    """(path, value) of every leaf, values as the editors take them (python objects)."""
    for path, _info in leaf_fields():
        value: Any = settings
        for part in path.split("."):
            value = getattr(value, part)
        yield path, value


def _list_names(names: list[str]) -> str:
    if len(names) > 4:
        more = len(names) - 3
        return (
            _join(names[:3])
            + " "
            + QCoreApplication.translate("SettingsDialog", "and {count} more").format(count=more)
        )
    return _join(names)


def _join(names: list[str]) -> str:
    # A list's separator differs between languages (Chinese uses "、").
    return QCoreApplication.translate("SettingsDialog", ", ").join(names)
