"""One editor per settings field, chosen from the field's type in the pydantic model.

:func:`build_editor` looks at a field of :class:`~live_desktop.core.settings.Settings` and makes
the widget its type calls for: ``bool`` a check box, a ``Literal`` a combo box, a bounded
number a spin box with those bounds (an optional one gets a "set" box in front), ``str`` a line
edit. A few fields whose type says too little (devices, camera, model, file, system instruction,
screen region, declared functions) get a dedicated editor by path.

Every editor reads and writes plain values (what the model stores), shows a problem sentence
under itself, and can be *blocked* when the chosen model does not accept its setting: it is
then disabled, shows the model's fixed value or the default, and keeps what the user had chosen
so that switching back restores it. Qt main thread only.
"""

from __future__ import annotations

import json
import re
import types as pytypes
from collections.abc import Callable, Sequence
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from live_desktop.core import profiles
from live_desktop.core.settings import FunctionDeclarationSettings, short_label
from live_desktop.ui.core_texts import translate_core
from live_desktop.ui.i18n import ENGLISH, LANGUAGE_NAMES, SHIPPED

__all__ = [
    "ERROR_COLOR",
    "WARNING_COLOR",
    "BoolEditor",
    "ChoiceEditor",
    "FieldEditor",
    "FieldValueError",
    "FunctionsEditor",
    "LanguageEditor",
    "ModelNameEditor",
    "NumberEditor",
    "ReadOnlyEditor",
    "RegionEditor",
    "TextEditor",
    "build_editor",
    "field_hint",
    "field_label",
    "setting_name",
]

ERROR_COLOR = "#b00020"
WARNING_COLOR = "#8d4e00"
#: The translation context of the dialog's own texts. lupdate reads only a literal context, so
#: the markers and translate() calls below spell it out.
_CONTEXT = "SettingsDialog"
_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1
#: The parenthetical of a description that is a unit becomes the spin box's suffix.
_UNITS = {
    "ms": QT_TRANSLATE_NOOP("SettingsDialog", " ms"),
    "tokens": QT_TRANSLATE_NOOP("SettingsDialog", " tokens"),
    "pixels": QT_TRANSLATE_NOOP("SettingsDialog", " px"),
    "days": QT_TRANSLATE_NOOP("SettingsDialog", " days"),
}

#: What a choice's values read as. Wrapped for lupdate; translated when the editor is built.
_CHOICE_TEXT: dict[str, dict[Any, str]] = {
    "connection.endpoint": {
        "gemini_api": QT_TRANSLATE_NOOP("SettingsDialog", "Gemini API"),
        "vertex_ai": QT_TRANSLATE_NOOP("SettingsDialog", "Vertex AI"),
        "custom": QT_TRANSLATE_NOOP("SettingsDialog", "Custom URL (a proxy or test server)"),
        "offline_emulator": QT_TRANSLATE_NOOP(
            "SettingsDialog", "Offline emulator on this computer"
        ),
    },
    "connection.auth": {
        "api_key": QT_TRANSLATE_NOOP("SettingsDialog", "API key"),
        "ephemeral_token": QT_TRANSLATE_NOOP("SettingsDialog", "Ephemeral token"),
        "google_credentials": QT_TRANSLATE_NOOP("SettingsDialog", "Google Cloud credentials"),
    },
    "connection.api_version": {
        "auto": QT_TRANSLATE_NOOP("SettingsDialog", "Automatic (what the model needs)"),
    },
    "model.response_modality": {
        "AUDIO": QT_TRANSLATE_NOOP("SettingsDialog", "Audio"),
        "TEXT": QT_TRANSLATE_NOOP("SettingsDialog", "Text"),
    },
    "generation.media_resolution": {
        None: QT_TRANSLATE_NOOP("SettingsDialog", "Service default"),
        "low": QT_TRANSLATE_NOOP("SettingsDialog", "Low (64 tokens per frame)"),
        "medium": QT_TRANSLATE_NOOP("SettingsDialog", "Medium (256 tokens per frame)"),
        "high": QT_TRANSLATE_NOOP("SettingsDialog", "High (256 tokens, zoomed reframing)"),
    },
    "generation.thinking_level": {
        None: QT_TRANSLATE_NOOP("SettingsDialog", "Model default"),
        "minimal": QT_TRANSLATE_NOOP("SettingsDialog", "Minimal"),
        "low": QT_TRANSLATE_NOOP("SettingsDialog", "Low"),
        "medium": QT_TRANSLATE_NOOP("SettingsDialog", "Medium"),
        "high": QT_TRANSLATE_NOOP("SettingsDialog", "High"),
    },
    "voice.voice": {None: QT_TRANSLATE_NOOP("SettingsDialog", "Model default")},
    "voice.language": {None: QT_TRANSLATE_NOOP("SettingsDialog", "Model default")},
    "vad.start_sensitivity": {
        None: QT_TRANSLATE_NOOP("SettingsDialog", "Service default"),
        "high": QT_TRANSLATE_NOOP("SettingsDialog", "High (starts on quieter speech)"),
        "low": QT_TRANSLATE_NOOP("SettingsDialog", "Low (starts on clearer speech)"),
    },
    "vad.end_sensitivity": {
        None: QT_TRANSLATE_NOOP("SettingsDialog", "Service default"),
        "high": QT_TRANSLATE_NOOP("SettingsDialog", "High (ends after shorter pauses)"),
        "low": QT_TRANSLATE_NOOP("SettingsDialog", "Low (ends after longer pauses)"),
    },
    "vad.activity_handling": {
        None: QT_TRANSLATE_NOOP("SettingsDialog", "Service default"),
        "interrupt": QT_TRANSLATE_NOOP("SettingsDialog", "Interrupt the model"),
        "no_interruption": QT_TRANSLATE_NOOP("SettingsDialog", "Let the model finish"),
    },
    "vad.turn_coverage": {
        None: QT_TRANSLATE_NOOP("SettingsDialog", "Service default"),
        "only_activity": QT_TRANSLATE_NOOP("SettingsDialog", "Only while you speak"),
        "all_input": QT_TRANSLATE_NOOP("SettingsDialog", "All input"),
        "audio_activity_and_all_video": QT_TRANSLATE_NOOP(
            "SettingsDialog", "Your speech and all video"
        ),
    },
    "tools.functions.answered_by": {
        "dialog": QT_TRANSLATE_NOOP("SettingsDialog", "You, in a dialog"),
        "webhook": QT_TRANSLATE_NOOP("SettingsDialog", "A webhook (HTTP POST)"),
    },
    "tools.functions.behavior": {
        "default": QT_TRANSLATE_NOOP("SettingsDialog", "Automatic (non-blocking where allowed)"),
        "blocking": QT_TRANSLATE_NOOP("SettingsDialog", "Blocking (the model waits)"),
        "non_blocking": QT_TRANSLATE_NOOP("SettingsDialog", "Non-blocking (the model goes on)"),
    },
    "video.source": {
        "off": QT_TRANSLATE_NOOP("SettingsDialog", "Off"),
        "camera": QT_TRANSLATE_NOOP("SettingsDialog", "Camera"),
        "screen": QT_TRANSLATE_NOOP("SettingsDialog", "Screen"),
        "file": QT_TRANSLATE_NOOP("SettingsDialog", "Video or image file"),
    },
    "ui.theme": {
        "system": QT_TRANSLATE_NOOP("SettingsDialog", "Follow the system"),
        "light": QT_TRANSLATE_NOOP("SettingsDialog", "Light"),
        "dark": QT_TRANSLATE_NOOP("SettingsDialog", "Dark"),
    },
}

#: Placeholders for text fields whose description hint reads badly as one.
_PLACEHOLDER: dict[str, str] = {
    "connection.custom_base_url": QT_TRANSLATE_NOOP("SettingsDialog", "https://host:port"),
    "connection.token_url": QT_TRANSLATE_NOOP(
        "SettingsDialog", "https://your-server.example.com/live-token"
    ),
    "connection.vertex_project": QT_TRANSLATE_NOOP("SettingsDialog", "my-project-id"),
    "video.file_path": QT_TRANSLATE_NOOP("SettingsDialog", "No file chosen"),
}

#: (decimals, step) of float spin boxes.
_FLOAT_FORMAT: dict[str, tuple[int, float]] = {
    "generation.temperature": (2, 0.05),
    "generation.top_p": (2, 0.05),
    "generation.presence_penalty": (2, 0.1),
    "generation.frequency_penalty": (2, 0.1),
    "video.send_fps": (2, 0.1),
}

#: Where an optional number starts when the user first sets it (a typical value).
_SUGGESTED: dict[str, float] = {
    "generation.temperature": 1.0,
    "generation.top_p": 0.95,
    "generation.top_k": 40,
    "generation.max_output_tokens": 8192,
    "generation.seed": 0,
    "generation.thinking_budget": 1024,
    "vad.prefix_padding_ms": 20,
    "vad.silence_duration_ms": 500,
    "session.compression_trigger_tokens": 100_000,
    "session.compression_target_tokens": 50_000,
}

#: The text of a spin box at its minimum, where that minimum means something special.
_SPECIAL_MINIMUM: dict[str, str] = {
    "video.screen_monitor": QT_TRANSLATE_NOOP("SettingsDialog", "All screens"),
    "recording.keep_days": QT_TRANSLATE_NOOP("SettingsDialog", "Forever"),
}

#: Languages QLocale cannot name from their code.
_LANGUAGE_NAMES = {
    "ar-XA": QT_TRANSLATE_NOOP("SettingsDialog", "Arabic"),
    "cmn-CN": QT_TRANSLATE_NOOP("SettingsDialog", "Mandarin Chinese (China)"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _tr_model(text: str) -> str:
    """Field descriptions come from the settings model; their translations live in "Settings"."""
    return QCoreApplication.translate("Settings", text)


def _split_description(description: str) -> tuple[str, str]:
    match = re.match(r"^(.*?)\s*\((.*)\)$", description)
    return (match.group(1), match.group(2)) if match else (description, "")


def field_label(info: FieldInfo, name: str) -> str:
    """The row label: the description without its parenthetical hint."""
    return _tr_model(_split_description(info.description or name)[0])


def field_hint(info: FieldInfo) -> str:
    """The description's parenthetical: a tooltip, a placeholder or a unit."""
    return _tr_model(_split_description(info.description or "")[1])


def setting_name(path: str) -> str:
    """A setting's label without its hint, translated ("Thinking budget in tokens")."""
    return _tr_model(short_label(path))


class FieldValueError(ValueError):
    """What the user typed cannot become a value (JSON that does not parse, say)."""


# ----------------------------------------------------------------------------------- editors
class FieldEditor(QObject):
    """The widgets of one setting. ``widget`` is what the dialog lays out and disables."""

    changed = Signal()

    def __init__(self, path: str, info: FieldInfo, parent: QWidget) -> None:
        super().__init__(parent)
        self.path = path
        self.info = info
        self.default: Any = info.get_default(call_default_factory=True)
        name = path.rsplit(".", 1)[-1]
        self.label_text = field_label(info, name)
        self.hint = field_hint(info)
        #: The label column's widget; None where the control carries its own text (check boxes).
        self.label: QLabel | None = None
        self.widget = QWidget(parent)
        self.problem_label = QLabel(parent)
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem_label.hide()
        #: The field column's widget: the control, and its problem sentence under it.
        self.row = QWidget(parent)
        column = QVBoxLayout(self.row)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.widget)
        column.addWidget(self.problem_label)
        self._blocked = False
        self._fixed: Any = None
        self._kept: Any = None
        self._block_reason = ""

    # --- for subclasses
    def _read(self) -> Any:
        raise NotImplementedError

    def _write(self, value: Any) -> None:
        raise NotImplementedError

    def _make_label(self, buddy: QWidget) -> None:
        self.label = QLabel(self.label_text, self.widget.parentWidget())
        self.label.setBuddy(buddy)
        buddy.setAccessibleName(self.label_text)
        self._set_tooltip("")

    def _set_tooltip(self, text: str) -> None:
        tip = text or self.hint
        self.widget.setToolTip(tip)
        if self.label is not None:
            self.label.setToolTip(tip)

    # --- what the dialog uses
    def value(self) -> Any:
        """The value to store. While blocked: the user's own value under a fixed one (never
        sent), else the default (so a setting the model rejects is not sent)."""
        if self._blocked:
            return self._kept if self._fixed is not None else self.default
        return self._read()

    def set_value(self, value: Any) -> None:
        if self._blocked:
            self._kept = value
        else:
            self._write(value)

    @property
    def blocked(self) -> bool:
        return self._blocked

    @property
    def block_reason(self) -> str:
        return self._block_reason

    def block(self, reason: str, fixed: Any = None) -> None:
        """Disable the control because the model does not accept it; show ``fixed`` or the
        default meanwhile, and keep what the user had."""
        if not self._blocked:
            try:
                self._kept = self._read()
            except FieldValueError:
                self._kept = self.default
        self._blocked = True
        self._fixed = fixed
        self._block_reason = reason
        self._write(fixed if fixed is not None else self.default)
        self.widget.setEnabled(False)
        self._set_tooltip(reason)

    def unblock(self) -> None:
        if not self._blocked:
            return
        self._blocked = False
        self._fixed = None
        self._block_reason = ""
        self.widget.setEnabled(True)
        self._write(self._kept)
        self._set_tooltip("")

    def limit_choices(self, allowed: Callable[[Any], tuple[bool, str]]) -> None:
        """Grey out choices the model rejects (combo boxes only)."""

    def show_problems(self, problems: Sequence[tuple[str, str]]) -> None:
        """Show (severity, sentence) pairs under the control; errors in red."""
        if not problems:
            self.problem_label.clear()
            self.problem_label.hide()
            return
        error = any(severity == "error" for severity, _ in problems)
        self.problem_label.setStyleSheet(f"color: {ERROR_COLOR if error else WARNING_COLOR};")
        self.problem_label.setText("\n".join(message for _, message in problems))
        self.problem_label.show()

    def sub_widgets(self) -> dict[str, QWidget]:
        """Widgets of the fields inside a list item, by their dotted path (functions only)."""
        return {}


def _hbox(widget: QWidget) -> QHBoxLayout:
    layout = QHBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    return layout


class BoolEditor(FieldEditor):
    def __init__(self, path: str, info: FieldInfo, parent: QWidget) -> None:
        super().__init__(path, info, parent)
        description = _tr_model(info.description or path)
        self.check = QCheckBox(description, self.widget)
        self.check.setAccessibleName(self.label_text)
        _hbox(self.widget).addWidget(self.check)
        self.check.toggled.connect(self.changed)
        self._set_tooltip("")

    def _read(self) -> bool:
        return self.check.isChecked()

    def _write(self, value: Any) -> None:
        self.check.setChecked(bool(value))


class ChoiceEditor(FieldEditor):
    """A Literal: one combo item per value; None first for an optional one."""

    def __init__(
        self,
        path: str,
        info: FieldInfo,
        parent: QWidget,
        values: Sequence[Any],
        optional: bool,
    ) -> None:
        super().__init__(path, info, parent)
        self.combo = QComboBox(self.widget)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        texts = _CHOICE_TEXT.get(path, {})
        choices = ([None] if optional else []) + list(values)
        for value in choices:
            self.combo.addItem(self._text(path, value, texts), value)
        layout = _hbox(self.widget)
        layout.addWidget(self.combo)
        layout.addStretch(1)
        self._make_label(self.combo)
        self.combo.currentIndexChanged.connect(self.changed)

    @staticmethod
    def _text(path: str, value: Any, texts: dict[Any, str]) -> str:
        if value in texts:
            return _tr(texts[value])
        if value is None:
            return QCoreApplication.translate("SettingsDialog", "Service default")
        if path == "voice.language":
            return language_text(str(value))
        return str(value)

    def _read(self) -> Any:
        return self.combo.currentData()

    def _write(self, value: Any) -> None:
        index = self.combo.findData(value)
        if index < 0:
            # A value the list does not know (cannot come from the model, which validated it).
            self.combo.addItem(str(value), value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)

    def limit_choices(self, allowed: Callable[[Any], tuple[bool, str]]) -> None:
        set_item_limits(self.combo, allowed)


class LanguageEditor(ChoiceEditor):
    """The interface language: the system's, or one we have a catalog for, each named in its
    own language (a code typed into the file that has no catalog stays listed as it is)."""

    def __init__(self, path: str, info: FieldInfo, parent: QWidget) -> None:
        super().__init__(path, info, parent, (ENGLISH, *SHIPPED), optional=True)

    @staticmethod
    def _text(path: str, value: Any, texts: dict[Any, str]) -> str:
        if value is None:
            return QCoreApplication.translate("SettingsDialog", "The system's language")
        return LANGUAGE_NAMES.get(str(value), str(value))


def set_item_limits(combo: QComboBox, allowed: Callable[[Any], tuple[bool, str]]) -> None:
    """Enable only the items ``allowed`` accepts; a disabled item's tooltip says why."""
    model = combo.model()
    if not isinstance(model, QStandardItemModel):
        return
    for index in range(combo.count()):
        item = model.item(index)
        ok, reason = allowed(combo.itemData(index))
        item.setEnabled(ok)
        item.setToolTip("" if ok else reason)


def language_text(code: str) -> str:
    """``ja-JP — Japanese (Japan)``; the code alone where Qt cannot name it."""
    if code in _LANGUAGE_NAMES:
        return f"{code} — {_tr(_LANGUAGE_NAMES[code])}"
    locale = QLocale(code.replace("-", "_"))
    if locale.language() == QLocale.Language.C:
        return code
    name = QLocale.languageToString(locale.language())
    territory = QLocale.territoryToString(locale.territory())
    return f"{code} — {name} ({territory})" if territory else f"{code} — {name}"


def _bounds(info: FieldInfo) -> tuple[float | None, float | None]:
    low = high = None
    for item in info.metadata:
        if getattr(item, "ge", None) is not None:
            low = item.ge
        if getattr(item, "le", None) is not None:
            high = item.le
    return low, high


class NumberEditor(FieldEditor):
    """An int or float with the model's bounds; an optional one has a "Set" box in front, and
    shows "Service default" while it is not set."""

    def __init__(
        self, path: str, info: FieldInfo, parent: QWidget, kind: type, optional: bool
    ) -> None:
        super().__init__(path, info, parent)
        self.kind = kind
        self.optional = optional
        low, high = _bounds(info)
        spin: QSpinBox | QDoubleSpinBox
        if kind is float:
            decimals, step = _FLOAT_FORMAT.get(path, (2, 0.05))
            spin = QDoubleSpinBox(self.widget)
            spin.setDecimals(decimals)
            spin.setSingleStep(step)
            spin.setRange(low if low is not None else -1e9, high if high is not None else 1e9)
        else:
            spin = QSpinBox(self.widget)
            spin.setRange(
                int(low) if low is not None else _INT_MIN,
                int(high) if high is not None else _INT_MAX,
            )
        self.spin = spin
        spin.setKeyboardTracking(True)
        spin.setMinimumWidth(170)
        spin.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
        # The unit is known by its English name; self.hint is already translated.
        unit = _UNITS.get(_split_description(info.description or "")[1])
        if unit:
            spin.setSuffix(_tr(unit))
            self.hint = ""
        if path in _SPECIAL_MINIMUM:
            spin.setSpecialValueText(_tr(_SPECIAL_MINIMUM[path]))
        layout = _hbox(self.widget)
        self.set_box: QCheckBox | None = None
        if optional:
            self.set_box = QCheckBox(
                QCoreApplication.translate("SettingsDialog", "Set"), self.widget
            )
            self.set_box.setToolTip(
                QCoreApplication.translate(
                    "SettingsDialog", "Unset: the service's default is used and nothing is sent"
                )
            )
            layout.addWidget(self.set_box)
            self._remembered = self._clamp(_SUGGESTED.get(path, spin.minimum()))
            self.set_box.toggled.connect(self._on_set_toggled)
            self._show_unset()
        layout.addWidget(spin)
        layout.addStretch(1)
        self._make_label(spin)
        if self.set_box is not None:
            self.set_box.setAccessibleName(
                QCoreApplication.translate("SettingsDialog", "Set {label}").format(
                    label=self.label_text
                )
            )
        spin.valueChanged.connect(self.changed)

    def _clamp(self, value: float) -> float:
        return min(max(value, self.spin.minimum()), self.spin.maximum())

    def _number(self) -> int | float:
        value = self.spin.value()
        if self.kind is float:
            return round(float(value), self.spin.decimals())  # type: ignore[union-attr]
        return int(value)

    def _show_unset(self) -> None:
        self.spin.setSpecialValueText(
            QCoreApplication.translate("SettingsDialog", "Service default")
        )
        self.spin.setValue(self.spin.minimum())
        self.spin.setEnabled(False)

    def _show_set(self, value: float) -> None:
        self.spin.setSpecialValueText(_tr(_SPECIAL_MINIMUM.get(self.path, "")))
        self.spin.setEnabled(True)
        self.spin.setValue(value)  # type: ignore[arg-type]

    def _on_set_toggled(self, on: bool) -> None:
        if on:
            self._show_set(self._remembered)
        else:
            self._remembered = self._number()
            self._show_unset()
        self.changed.emit()

    def _read(self) -> int | float | None:
        if self.set_box is not None and not self.set_box.isChecked():
            return None
        return self._number()

    def _write(self, value: Any) -> None:
        if self.set_box is None:
            self.spin.setValue(value)
            return
        if value is None:
            if self.set_box.isChecked():
                self.set_box.setChecked(False)  # remembers the number and shows the default
            return
        self._remembered = value
        if self.set_box.isChecked():
            self.spin.setValue(value)
        else:
            self.set_box.setChecked(True)


class TextEditor(FieldEditor):
    """A line of text; for an optional field, empty means None."""

    def __init__(self, path: str, info: FieldInfo, parent: QWidget, optional: bool) -> None:
        super().__init__(path, info, parent)
        self.optional = optional
        self.edit = QLineEdit(self.widget)
        self.edit.setMinimumWidth(280)
        placeholder = _PLACEHOLDER.get(path)
        self.edit.setPlaceholderText(_tr(placeholder) if placeholder else self.hint)
        self.layout_ = _hbox(self.widget)
        self.layout_.addWidget(self.edit, 1)
        self._make_label(self.edit)
        self.edit.textChanged.connect(self.changed)

    def _read(self) -> str | None:
        text = self.edit.text().strip()
        return None if self.optional and not text else text

    def _write(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))


class FileEditor(TextEditor):
    """A path with a Browse button."""

    def __init__(self, path: str, info: FieldInfo, parent: QWidget) -> None:
        super().__init__(path, info, parent, optional=True)
        self.browse = QPushButton(
            QCoreApplication.translate("SettingsDialog", "Browse…"), self.widget
        )
        self.browse.setAccessibleName(
            QCoreApplication.translate("SettingsDialog", "Choose a video or image file")
        )
        self.browse.clicked.connect(self._on_browse_clicked)
        self.layout_.addWidget(self.browse)

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.widget,
            QCoreApplication.translate("SettingsDialog", "Choose a video or image file"),
            self.edit.text(),
            QCoreApplication.translate(
                "SettingsDialog",
                "Videos and images (*.mp4 *.avi *.mov *.mkv *.webm *.jpg *.jpeg *.png);;"
                "All files (*)",
            ),
        )
        if path:
            self.edit.setText(path)


class LongTextEditor(FieldEditor):
    """Several lines (the system instruction)."""

    def __init__(self, path: str, info: FieldInfo, parent: QWidget) -> None:
        super().__init__(path, info, parent)
        self.edit = QPlainTextEdit(self.widget)
        self.edit.setTabChangesFocus(True)
        self.edit.setPlaceholderText(
            QCoreApplication.translate(
                "SettingsDialog", "How the model should behave, in your words"
            )
        )
        self.edit.setFixedHeight(84)
        _hbox(self.widget).addWidget(self.edit)
        self._make_label(self.edit)
        self.edit.textChanged.connect(self.changed)

    def _read(self) -> str:
        return self.edit.toPlainText()

    def _write(self, value: Any) -> None:
        if self.edit.toPlainText() != (value or ""):
            self.edit.setPlainText(value or "")


class NamedChoiceEditor(FieldEditor):
    """A device or camera stored by name: None is the default, and a saved name that is not
    present now stays listed (and selected) as "… (not connected)"."""

    def __init__(
        self,
        path: str,
        info: FieldInfo,
        parent: QWidget,
        none_text: str,
        options: Callable[[], list[tuple[str, str]]],
    ) -> None:
        super().__init__(path, info, parent)
        self._none_text = none_text
        self._options = options
        self.combo = QComboBox(self.widget)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setMinimumWidth(280)
        layout = _hbox(self.widget)
        layout.addWidget(self.combo)
        layout.addStretch(1)
        self._make_label(self.combo)
        self._fill(None)
        self.combo.currentIndexChanged.connect(self.changed)

    def _fill(self, selected: str | None) -> None:
        blocker = self.combo.blockSignals(True)
        try:
            self.combo.clear()
            self.combo.addItem(self._none_text, None)
            for name, label in self._options():
                self.combo.addItem(label, name)
            if selected is not None and self.combo.findData(selected) < 0:
                self.combo.addItem(
                    QCoreApplication.translate("SettingsDialog", "{name} (not connected)").format(
                        name=selected
                    ),
                    selected,
                )
            self.combo.setCurrentIndex(max(0, self.combo.findData(selected)))
        finally:
            self.combo.blockSignals(blocker)

    def _read(self) -> str | None:
        data = self.combo.currentData()
        return None if data is None else str(data)

    def _write(self, value: Any) -> None:
        before = self._read()
        self._fill(value)
        if before != value:
            self.changed.emit()


class ModelNameEditor(FieldEditor):
    """An editable combo of the models Live Desktop knows; any other name may be typed."""

    def __init__(self, path: str, info: FieldInfo, parent: QWidget) -> None:
        super().__init__(path, info, parent)
        self.combo = QComboBox(self.widget)
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setMinimumWidth(340)
        for name, profile in profiles.PROFILES.items():
            self.combo.addItem(name, name)
            self.combo.setItemData(
                self.combo.count() - 1, profile.display_name, Qt.ItemDataRole.ToolTipRole
            )
        self.about = QLabel(self.widget)
        self.about.setWordWrap(True)
        self.about.setStyleSheet("color: #5f6368;")
        column = QVBoxLayout(self.widget)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.combo)
        column.addWidget(self.about)
        self._make_label(self.combo)
        self._rules = ""
        self.combo.currentTextChanged.connect(self._on_text_changed)
        self._describe()

    def _on_text_changed(self, _text: str) -> None:
        self._describe()
        self.changed.emit()

    def set_rules_text(self, text: str) -> None:
        """What the dialog greyed out for this model, shown under the description."""
        self._rules = text
        self._describe()

    def _describe(self) -> None:
        profile = profiles.get_profile(self.combo.currentText())
        if profile is None:
            about = QCoreApplication.translate(
                "SettingsDialog",
                "Live Desktop does not know this model: nothing is checked before connecting.",
            )
        else:
            notes = translate_core(profile.notes)
            about = " ".join(p for p in (profile.display_name + ".", notes) if p)
        self.about.setText("\n".join(p for p in (about, self._rules) if p))

    def _read(self) -> str:
        return self.combo.currentText().strip()

    def _write(self, value: Any) -> None:
        index = self.combo.findText(str(value))
        if index >= 0:
            self.combo.setCurrentIndex(index)
        else:
            self.combo.setEditText(str(value))


class RegionEditor(FieldEditor):
    """left, top, width, height, or None (the whole screen)."""

    def __init__(self, path: str, info: FieldInfo, parent: QWidget) -> None:
        super().__init__(path, info, parent)
        layout = _hbox(self.widget)
        self.set_box = QCheckBox(
            QCoreApplication.translate("SettingsDialog", "Only this part:"), self.widget
        )
        self.set_box.setToolTip(
            QCoreApplication.translate("SettingsDialog", "Unset: the whole screen is shared")
        )
        layout.addWidget(self.set_box)
        self.spins: list[QSpinBox] = []
        names = (
            QCoreApplication.translate("SettingsDialog", "Left"),
            QCoreApplication.translate("SettingsDialog", "Top"),
            QCoreApplication.translate("SettingsDialog", "Width"),
            QCoreApplication.translate("SettingsDialog", "Height"),
        )
        for index, name in enumerate(names):
            spin = QSpinBox(self.widget)
            spin.setRange(1 if index >= 2 else 0, 16384)
            spin.setPrefix(f"{name} ")
            spin.setAccessibleName(name)
            spin.setValue((0, 0, 1280, 720)[index])
            spin.valueChanged.connect(self.changed)
            self.spins.append(spin)
            layout.addWidget(spin)
        layout.addStretch(1)
        self._make_label(self.set_box)
        self.set_box.toggled.connect(self._on_set_toggled)
        self._on_set_toggled(False)

    def _on_set_toggled(self, on: bool) -> None:
        for spin in self.spins:
            spin.setEnabled(on)
        self.changed.emit()

    def _read(self) -> tuple[int, int, int, int] | None:
        if not self.set_box.isChecked():
            return None
        left, top, width, height = (spin.value() for spin in self.spins)
        return (left, top, width, height)

    def _write(self, value: Any) -> None:
        if value is not None:
            for spin, number in zip(self.spins, value, strict=True):
                spin.setValue(int(number))
        self.set_box.setChecked(value is not None)


class ReadOnlyEditor(FieldEditor):
    """Shown, never edited (the schema version)."""

    def __init__(self, path: str, info: FieldInfo, parent: QWidget) -> None:
        super().__init__(path, info, parent)
        self.text = QLabel(self.widget)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        _hbox(self.widget).addWidget(self.text)
        self._make_label(self.text)
        self._value: Any = self.default

    def _read(self) -> Any:
        return self._value

    def _write(self, value: Any) -> None:
        self._value = value
        self.text.setText(str(value))


# --------------------------------------------------------------------------------- functions
#: An example URL (not words to translate) for an empty webhook URL box.
_WEBHOOK_EXAMPLE = "http://127.0.0.1:8000/tools"
_NEW_PARAMETERS = '{\n  "type": "object",\n  "properties": {}\n}'


class FunctionsEditor(FieldEditor):
    """Declared functions: a list on the left, the chosen one's fields on the right.

    Parameters are typed as JSON; text that does not parse is an error under the editor, so
    the dialog will not apply it.
    """

    def __init__(self, path: str, info: FieldInfo, parent: QWidget) -> None:
        super().__init__(path, info, parent)
        fields = FunctionDeclarationSettings.model_fields
        self._rows: list[dict[str, Any]] = []
        self._loading = False

        self.list = QListWidget(self.widget)
        self.list.setAccessibleName(self.label_text)
        self.list.setMinimumWidth(170)
        self.add_button = QPushButton(
            QCoreApplication.translate("SettingsDialog", "Add"), self.widget
        )
        self.add_button.setAccessibleName(
            QCoreApplication.translate("SettingsDialog", "Add a function")
        )
        self.remove_button = QPushButton(
            QCoreApplication.translate("SettingsDialog", "Remove"), self.widget
        )
        self.remove_button.setAccessibleName(
            QCoreApplication.translate("SettingsDialog", "Remove the chosen function")
        )
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        left.addLayout(buttons)

        self.detail = QWidget(self.widget)
        form = QFormLayout(self.detail)
        form.setContentsMargins(0, 0, 0, 0)
        self.enabled_box = QCheckBox(field_label(fields["enabled"], "enabled"), self.detail)
        self.name_edit = QLineEdit(self.detail)
        self.name_edit.setPlaceholderText("get_weather")
        self.description_edit = QLineEdit(self.detail)
        self.description_edit.setPlaceholderText(
            QCoreApplication.translate("SettingsDialog", "Tells the model when to call it")
        )
        self.behavior_combo = QComboBox(self.detail)
        for value in get_args(fields["behavior"].annotation):
            text = _CHOICE_TEXT[profiles.FUNCTION_BEHAVIOR].get(value, value)
            self.behavior_combo.addItem(_tr(text), value)
        self.parameters_edit = QPlainTextEdit(self.detail)
        self.parameters_edit.setTabChangesFocus(True)
        self.parameters_edit.setPlaceholderText(
            QCoreApplication.translate(
                "SettingsDialog",
                'No parameters. A JSON Schema object, e.g.\n{"type": "object", "properties": {}}',
            )
        )
        self.parameters_edit.setMinimumHeight(110)
        self.answered_by_combo = QComboBox(self.detail)
        for value in get_args(fields["answered_by"].annotation):
            text = _CHOICE_TEXT["tools.functions.answered_by"][value]
            self.answered_by_combo.addItem(_tr(text), value)
        self.webhook_url_edit = QLineEdit(self.detail)
        self.webhook_url_edit.setPlaceholderText(_WEBHOOK_EXAMPLE)
        self.webhook_timeout_spin = QDoubleSpinBox(self.detail)
        timeout = fields["webhook_timeout_s"]
        low, high = _bounds(timeout)
        self.webhook_timeout_spin.setRange(low or 0.5, high or 600.0)
        self.webhook_timeout_spin.setDecimals(1)
        self.webhook_timeout_spin.setSingleStep(1.0)
        self.json_problem = QLabel(self.detail)
        self.json_problem.setWordWrap(True)
        self.json_problem.setStyleSheet(f"color: {ERROR_COLOR};")
        self.json_problem.hide()
        self._labelled: list[tuple[str, QWidget]] = [
            ("name", self.name_edit),
            ("description", self.description_edit),
            ("behavior", self.behavior_combo),
            ("parameters", self.parameters_edit),
            ("answered_by", self.answered_by_combo),
            ("webhook_url", self.webhook_url_edit),
            ("webhook_timeout_s", self.webhook_timeout_spin),
        ]
        form.addRow("", self.enabled_box)
        for name, widget in self._labelled:
            label = field_label(fields[name], name)
            widget.setAccessibleName(label)
            form.addRow(label, widget)
        form.addRow("", self.json_problem)

        layout = _hbox(self.widget)
        layout.addLayout(left, 2)
        layout.addWidget(self.detail, 5)

        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.list.currentRowChanged.connect(self._on_list_row_changed)
        self.enabled_box.toggled.connect(self._on_detail_edited)
        self.name_edit.textChanged.connect(self._on_detail_edited)
        self.description_edit.textChanged.connect(self._on_detail_edited)
        self.behavior_combo.currentIndexChanged.connect(self._on_detail_edited)
        self.parameters_edit.textChanged.connect(self._on_detail_edited)
        self.answered_by_combo.currentIndexChanged.connect(self._on_detail_edited)
        self.webhook_url_edit.textChanged.connect(self._on_detail_edited)
        self.webhook_timeout_spin.valueChanged.connect(self._on_detail_edited)
        self._show_row(-1)

    def sub_widgets(self) -> dict[str, QWidget]:
        widgets: dict[str, QWidget] = {f"{self.path}.enabled": self.enabled_box}
        widgets.update({f"{self.path}.{name}": widget for name, widget in self._labelled})
        return widgets

    def limit_choices(self, allowed: Callable[[Any], tuple[bool, str]]) -> None:
        set_item_limits(self.behavior_combo, allowed)

    # --- rows
    def _row_text(self, row: dict[str, Any]) -> str:
        name = row["name"] or QCoreApplication.translate("SettingsDialog", "(no name)")
        return (
            name
            if row["enabled"]
            else QCoreApplication.translate("SettingsDialog", "{name} (off)").format(name=name)
        )

    def _on_add_clicked(self) -> None:
        taken = {row["name"] for row in self._rows}
        name, counter = "new_function", 2
        while name in taken:
            name, counter = f"new_function_{counter}", counter + 1
        self._rows.append(
            {
                "name": name,
                "description": "",
                "parameters": "",
                "behavior": "default",
                "enabled": True,
                "answered_by": "dialog",
                "webhook_url": "",
                "webhook_timeout_s": 10.0,
            }
        )
        self.list.addItem(QListWidgetItem(self._row_text(self._rows[-1])))
        self.list.setCurrentRow(len(self._rows) - 1)
        self.changed.emit()
        self.name_edit.setFocus()
        self.name_edit.selectAll()

    def _on_remove_clicked(self) -> None:
        index = self.list.currentRow()
        if index < 0:
            return
        del self._rows[index]
        self.list.takeItem(index)
        self._show_row(self.list.currentRow())
        self.changed.emit()

    def _on_list_row_changed(self, index: int) -> None:
        self._show_row(index)

    def _show_row(self, index: int) -> None:
        self._loading = True
        try:
            has_row = 0 <= index < len(self._rows)
            self.detail.setEnabled(has_row)
            self.remove_button.setEnabled(has_row)
            row = self._rows[index] if has_row else None
            self.enabled_box.setChecked(True if row is None else row["enabled"])
            self.name_edit.setText("" if row is None else row["name"])
            self.description_edit.setText("" if row is None else row["description"])
            behavior = "default" if row is None else row["behavior"]
            self.behavior_combo.setCurrentIndex(max(0, self.behavior_combo.findData(behavior)))
            self.parameters_edit.setPlainText("" if row is None else row["parameters"])
            answered_by = "dialog" if row is None else row["answered_by"]
            self.answered_by_combo.setCurrentIndex(
                max(0, self.answered_by_combo.findData(answered_by))
            )
            self.webhook_url_edit.setText("" if row is None else row["webhook_url"])
            self.webhook_timeout_spin.setValue(10.0 if row is None else row["webhook_timeout_s"])
        finally:
            self._loading = False
        self._enable_webhook_fields()
        self._show_json_problem()

    def _enable_webhook_fields(self) -> None:
        webhook = self.answered_by_combo.currentData() == "webhook"
        self.webhook_url_edit.setEnabled(webhook)
        self.webhook_timeout_spin.setEnabled(webhook)

    def _on_detail_edited(self) -> None:
        if self._loading:
            return
        index = self.list.currentRow()
        if not 0 <= index < len(self._rows):
            return
        row = self._rows[index]
        row["enabled"] = self.enabled_box.isChecked()
        row["name"] = self.name_edit.text().strip()
        row["description"] = self.description_edit.text().strip()
        row["behavior"] = self.behavior_combo.currentData()
        row["parameters"] = self.parameters_edit.toPlainText()
        row["answered_by"] = self.answered_by_combo.currentData()
        row["webhook_url"] = self.webhook_url_edit.text().strip()
        row["webhook_timeout_s"] = self.webhook_timeout_spin.value()
        self._enable_webhook_fields()
        item = self.list.item(index)
        if item is not None:
            item.setText(self._row_text(row))
        self._show_json_problem()
        self.changed.emit()

    def _show_json_problem(self) -> None:
        index = self.list.currentRow()
        problem = ""
        if 0 <= index < len(self._rows):
            try:
                _parse_parameters(self._rows[index])
            except FieldValueError as exc:
                problem = str(exc)
        self.json_problem.setText(problem)
        self.json_problem.setVisible(bool(problem))

    # --- values
    def _read(self) -> list[dict[str, Any]]:
        return [
            {
                "name": row["name"],
                "description": row["description"],
                "parameters": _parse_parameters(row),
                "behavior": row["behavior"],
                "enabled": row["enabled"],
                "answered_by": row["answered_by"],
                "webhook_url": row["webhook_url"],
                "webhook_timeout_s": row["webhook_timeout_s"],
            }
            for row in self._rows
        ]

    def _write(self, value: Any) -> None:
        current = self.list.currentRow()
        self._rows = []
        for function in value or []:
            data = function.model_dump() if isinstance(function, BaseModel) else dict(function)
            params = data.get("parameters")
            self._rows.append(
                {
                    "name": data.get("name", ""),
                    "description": data.get("description", ""),
                    "parameters": "" if params is None else json.dumps(params, indent=2),
                    "behavior": data.get("behavior", "default"),
                    "enabled": data.get("enabled", True),
                    "answered_by": data.get("answered_by", "dialog"),
                    "webhook_url": data.get("webhook_url", ""),
                    "webhook_timeout_s": data.get("webhook_timeout_s", 10.0),
                }
            )
        blocker = self.list.blockSignals(True)
        try:
            self.list.clear()
            for row in self._rows:
                self.list.addItem(QListWidgetItem(self._row_text(row)))
            self.list.setCurrentRow(min(max(current, 0), len(self._rows) - 1))
        finally:
            self.list.blockSignals(blocker)
        self._show_row(self.list.currentRow())
        self.changed.emit()


def _parse_parameters(row: dict[str, Any]) -> dict[str, Any] | None:
    text = str(row["parameters"]).strip()
    if not text:
        return None
    name = row["name"] or QCoreApplication.translate("SettingsDialog", "(no name)")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FieldValueError(
            QCoreApplication.translate(
                "SettingsDialog",
                "The parameters of {name} are not valid JSON: {error} (line {line}).",
            ).format(name=name, error=exc.msg, line=exc.lineno)
        ) from exc
    if not isinstance(value, dict):
        raise FieldValueError(
            QCoreApplication.translate(
                "SettingsDialog", "The parameters of {name} must be a JSON object (a JSON Schema)."
            ).format(name=name)
        )
    return value


# ----------------------------------------------------------------------------------- factory
def _unwrap_optional(annotation: Any) -> tuple[Any, bool]:
    if get_origin(annotation) in (Union, pytypes.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1 and len(get_args(annotation)) == 2:
            return args[0], True
    return annotation, False


#: Device-like fields: (text for None, name of the options callable the dialog passes).
NAMED_CHOICES: dict[str, tuple[str, str]] = {
    "audio.input_device": (QT_TRANSLATE_NOOP("SettingsDialog", "System default"), "input"),
    "audio.output_device": (QT_TRANSLATE_NOOP("SettingsDialog", "System default"), "output"),
    "video.camera_name": (
        QT_TRANSLATE_NOOP("SettingsDialog", "By index (below)"),
        "camera",
    ),
}


def build_editor(
    path: str,
    info: FieldInfo,
    parent: QWidget,
    options: Callable[[str], list[tuple[str, str]]],
) -> FieldEditor:
    """The editor for the field at ``path``; ``options(kind)`` lists (name, label) pairs of
    "input"/"output" audio devices and cameras. Raises TypeError for a type it cannot edit."""
    if path in NAMED_CHOICES:
        none_text, kind = NAMED_CHOICES[path]
        return NamedChoiceEditor(path, info, parent, _tr(none_text), lambda: options(kind))
    if path == "model.name":
        return ModelNameEditor(path, info, parent)
    if path == "model.system_instruction":
        return LongTextEditor(path, info, parent)
    if path == "video.file_path":
        return FileEditor(path, info, parent)
    if path == "video.screen_region":
        return RegionEditor(path, info, parent)
    if path == "schema_version":
        return ReadOnlyEditor(path, info, parent)
    if path == "ui.language":
        return LanguageEditor(path, info, parent)
    annotation, optional = _unwrap_optional(info.annotation)
    origin = get_origin(annotation)
    if annotation is bool:
        return BoolEditor(path, info, parent)
    if origin is Literal:
        return ChoiceEditor(path, info, parent, get_args(annotation), optional)
    if annotation in (int, float):
        return NumberEditor(path, info, parent, annotation, optional)
    if annotation is str:
        return TextEditor(path, info, parent, optional)
    if origin is list and get_args(annotation) == (FunctionDeclarationSettings,):
        return FunctionsEditor(path, info, parent)
    raise TypeError(f"the settings dialog has no editor for {path} ({info.annotation!r})")
