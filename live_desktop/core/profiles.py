"""Model capability profiles: which Live API settings each model accepts, and why not.

A profile is the single place that knows a model's quirks (``gemini-3.8-live`` always has
proactive audio on, the legacy 3.1 preview only calls functions blocking, the 2.5 native-audio
preview needs ``v1alpha`` for affective dialog...). ``settings.check_settings`` reports a
rejected setting before connecting and ``Settings.to_live_connect_config`` keeps it off the
wire; the settings dialog asks :func:`supported` to grey a control out and show the reason.

Setting paths are the dotted attribute paths of :class:`live_desktop.core.settings.Settings`
(``"generation.enable_affective_dialog"``). Function declarations share one path for their
behaviour, ``"tools.functions.behavior"``; problems name the item (``tools.functions[2]...``).

Pure data, no I/O: safe to call from any thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal, get_args

__all__ = [
    "AFFECTIVE_DIALOG",
    "CODE_EXECUTION",
    "DEFAULT_MODEL",
    "EXPLICIT_VAD_SIGNAL",
    "FUNCTION_BEHAVIOR",
    "GEMINI_API_ENDPOINTS",
    "GOOGLE_SEARCH",
    "INCLUDE_THOUGHTS",
    "LANGUAGE",
    "LANGUAGES",
    "NATIVE_AUDIO_LANGUAGES",
    "PROACTIVE_AUDIO",
    "PROFILES",
    "RESPONSE_MODALITY",
    "THINKING_BUDGET",
    "THINKING_LEVEL",
    "TRANSPARENT_RESUMPTION",
    "VOICES",
    "ApiVersion",
    "EndpointKind",
    "LanguageCode",
    "ModelProfile",
    "Severity",
    "Support",
    "VoiceName",
    "fixed_value",
    "get_profile",
    "normalize_model_name",
    "supported",
]

EndpointKind = Literal["gemini_api", "vertex_ai", "custom", "offline_emulator"]
ApiVersion = Literal["v1alpha", "v1beta", "v1", "v1beta1"]
Severity = Literal["error", "warning"]
Modality = Literal["AUDIO", "TEXT"]

#: Endpoints that speak the Gemini API (generativelanguage) protocol. A custom endpoint is a
#: proxy or test server in front of the Gemini API, and the offline emulator imitates it.
GEMINI_API_ENDPOINTS: frozenset[EndpointKind] = frozenset(
    {"gemini_api", "custom", "offline_emulator"}
)
VERTEX_ENDPOINTS: frozenset[EndpointKind] = frozenset({"vertex_ai"})

# --- setting paths that depend on the model -------------------------------------------------
RESPONSE_MODALITY = "model.response_modality"
AFFECTIVE_DIALOG = "generation.enable_affective_dialog"
PROACTIVE_AUDIO = "generation.proactive_audio"
THINKING_LEVEL = "generation.thinking_level"
THINKING_BUDGET = "generation.thinking_budget"
INCLUDE_THOUGHTS = "generation.include_thoughts"
LANGUAGE = "voice.language"
FUNCTION_BEHAVIOR = "tools.functions.behavior"
GOOGLE_SEARCH = "tools.google_search"
CODE_EXECUTION = "tools.code_execution"
TRANSPARENT_RESUMPTION = "session.transparent_resumption"
EXPLICIT_VAD_SIGNAL = "vad.explicit_vad_signal"

DEFAULT_MODEL = "gemini-3.8-live"

VoiceName = Literal[
    "Zephyr", "Puck", "Charon", "Kore", "Fenrir", "Leda", "Orus", "Aoede", "Callirrhoe",
    "Autonoe", "Enceladus", "Iapetus", "Umbriel", "Algieba", "Despina", "Erinome", "Algenib",
    "Rasalgethi", "Laomedeia", "Achernar", "Alnilam", "Schedar", "Gacrux", "Pulcherrima",
    "Achird", "Zubenelgenubi", "Vindemiatrix", "Sadachbia", "Sadaltager", "Sulafat",
]  # fmt: skip
LanguageCode = Literal[
    "de-DE", "en-AU", "en-GB", "en-IN", "en-US", "es-US", "fr-FR", "hi-IN", "pt-BR", "ar-XA",
    "es-ES", "fr-CA", "id-ID", "it-IT", "ja-JP", "tr-TR", "vi-VN", "bn-IN", "gu-IN", "kn-IN",
    "mr-IN", "ml-IN", "ta-IN", "te-IN", "nl-NL", "ko-KR", "cmn-CN", "pl-PL", "ru-RU", "th-TH",
]  # fmt: skip

#: The 30 prebuilt voices of the native-audio models.
VOICES: tuple[str, ...] = get_args(VoiceName)
#: The 30 BCP-47 codes of the Live API language table (seed 002).
LANGUAGES: tuple[str, ...] = get_args(LanguageCode)

#: The table's starred codes are "not available for native audio".
_NOT_ON_NATIVE_AUDIO = frozenset(
    {"en-AU", "en-GB", "es-ES", "fr-CA", "gu-IN", "kn-IN", "ml-IN", "cmn-CN"}
)
NATIVE_AUDIO_LANGUAGES: frozenset[str] = frozenset(LANGUAGES) - _NOT_ON_NATIVE_AUDIO


@dataclass(frozen=True, slots=True)
class Support:
    """How one model treats one setting.

    ``supported`` False: any non-default value is a problem of ``severity``. ``values`` limits a
    choice setting to these values. ``fixed_value`` is what the model always does (the dialog
    shows it, disabled, and the setting is never sent). ``api_version`` is the version the
    setting needs when it is on. ``reason`` is a sentence for a tooltip or a problem message.
    """

    supported: bool = True
    reason: str = ""
    values: frozenset[str] | None = None
    fixed_value: bool | None = None
    api_version: ApiVersion | None = None
    severity: Severity = "error"

    def allows(self, value: object) -> bool:
        if not self.supported or self.fixed_value is not None:
            return False
        return self.values is None or str(value) in self.values


_SUPPORTED = Support()


@dataclass(frozen=True, slots=True)
class ModelProfile:
    """What one Live model accepts. ``settings`` lists only the settings it treats specially."""

    name: str
    display_name: str
    endpoints: frozenset[EndpointKind]
    default_api_version: ApiVersion
    modalities: frozenset[Modality]
    native_audio: bool
    #: The behaviour a function gets when its declaration does not say.
    default_function_behavior: Literal["BLOCKING", "NON_BLOCKING"]
    #: False when the model rejects the ``behavior`` field: it is then never sent.
    sends_function_behavior: bool
    settings: Mapping[str, Support] = field(default_factory=lambda: MappingProxyType({}))
    notes: str = ""

    def support(self, setting: str) -> Support:
        """The model's treatment of ``setting`` (a dotted path); plain support if not listed."""
        return self.settings.get(setting, _SUPPORTED)


def _profile(
    name: str,
    display_name: str,
    *,
    endpoints: frozenset[EndpointKind],
    api_version: ApiVersion,
    modalities: frozenset[Modality],
    native_audio: bool,
    default_function_behavior: Literal["BLOCKING", "NON_BLOCKING"],
    sends_function_behavior: bool,
    settings: dict[str, Support],
    notes: str = "",
) -> ModelProfile:
    if modalities == frozenset({"AUDIO"}):
        settings.setdefault(
            RESPONSE_MODALITY,
            Support(
                values=frozenset({"AUDIO"}),
                reason=f"{name} answers with audio only; turn on output transcription for text",
            ),
        )
    if native_audio:
        settings.setdefault(
            LANGUAGE,
            Support(
                values=NATIVE_AUDIO_LANGUAGES,
                severity="warning",
                reason=(
                    f"{name} is a native-audio model; en-AU, en-GB, es-ES, fr-CA, gu-IN, kn-IN, "
                    "ml-IN and cmn-CN are not available for native audio"
                ),
            ),
        )
    return ModelProfile(
        name=name,
        display_name=display_name,
        endpoints=endpoints,
        default_api_version=api_version,
        modalities=modalities,
        native_audio=native_audio,
        default_function_behavior=default_function_behavior,
        sends_function_behavior=sends_function_behavior,
        settings=MappingProxyType(settings),
        notes=notes,
    )


def _no(reason: str) -> Support:
    return Support(supported=False, reason=reason)


_AUDIO: frozenset[Modality] = frozenset({"AUDIO"})
# The Gemini API's "Tool use with Live API" page lists code execution as "No" for its
# native-audio Live models (only the retired half-cascade models had it); Vertex AI's Live API
# documents it. The emulator rejects it the same way. See docs/tools.md.
_CODE_EXECUTION_UNSUPPORTED = "Live models on the Gemini API do not run code execution"


def _gemini_38(name: str, display_name: str, *, thinking: bool) -> ModelProfile:
    settings: dict[str, Support] = {
        PROACTIVE_AUDIO: Support(fixed_value=True, reason=f"{name} always has proactive audio on"),
        AFFECTIVE_DIALOG: _no(f"Affective dialog was removed from {name}"),
        CODE_EXECUTION: _no(_CODE_EXECUTION_UNSUPPORTED),
        TRANSPARENT_RESUMPTION: _no("Transparent resumption is available on Vertex AI only"),
        EXPLICIT_VAD_SIGNAL: _no("The explicit VAD signal is available on Vertex AI only"),
    }
    if thinking:
        settings[THINKING_LEVEL] = Support(
            values=frozenset({"low", "medium", "high"}),
            reason=f"{name} accepts thinking level low, medium or high",
        )
        settings[THINKING_BUDGET] = _no(f"{name} takes a thinking level, not a thinking budget")
        settings[FUNCTION_BEHAVIOR] = Support(
            values=frozenset({"non_blocking"}),
            reason=f"{name} calls functions asynchronously (non-blocking) only",
        )
    else:
        no_thinking = f"{name} does not support thinking settings"
        settings[THINKING_LEVEL] = _no(no_thinking)
        settings[THINKING_BUDGET] = _no(no_thinking)
        settings[INCLUDE_THOUGHTS] = _no(no_thinking)
    return _profile(
        name,
        display_name,
        endpoints=GEMINI_API_ENDPOINTS,
        api_version="v1beta",
        modalities=_AUDIO,
        native_audio=True,
        default_function_behavior="NON_BLOCKING",
        sends_function_behavior=True,
        settings=settings,
    )


_LEGACY_31 = "gemini-3.1-flash-live-preview"
_NATIVE_25 = "gemini-2.5-flash-native-audio-preview-12-2025"
_VERTEX_25 = "gemini-live-2.5-flash-native-audio"

PROFILES: Mapping[str, ModelProfile] = MappingProxyType(
    {
        p.name: p
        for p in (
            _gemini_38("gemini-3.8-live", "Gemini 3.8 Live", thinking=False),
            _gemini_38(
                "gemini-3.8-live-extended-thinking",
                "Gemini 3.8 Live (extended thinking)",
                thinking=True,
            ),
            _profile(
                _LEGACY_31,
                "Gemini 3.1 Flash Live (legacy preview)",
                endpoints=GEMINI_API_ENDPOINTS,
                api_version="v1beta",
                modalities=frozenset({"AUDIO", "TEXT"}),
                native_audio=False,
                default_function_behavior="BLOCKING",
                # Blocking is the only mode; the behaviour field is left off entirely.
                sends_function_behavior=False,
                settings={
                    PROACTIVE_AUDIO: _no(f"{_LEGACY_31} has no proactive audio"),
                    AFFECTIVE_DIALOG: _no(f"{_LEGACY_31} has no affective dialog"),
                    THINKING_LEVEL: Support(
                        values=frozenset({"minimal", "low", "medium", "high"}),
                        reason=f"{_LEGACY_31} accepts thinking level minimal, low, medium or high",
                    ),
                    THINKING_BUDGET: _no(
                        f"{_LEGACY_31} takes a thinking level, not a thinking budget"
                    ),
                    FUNCTION_BEHAVIOR: Support(
                        values=frozenset({"blocking"}),
                        reason=f"{_LEGACY_31} calls functions blocking only",
                    ),
                    CODE_EXECUTION: _no(_CODE_EXECUTION_UNSUPPORTED),
                    TRANSPARENT_RESUMPTION: _no(
                        "Transparent resumption is available on Vertex AI only"
                    ),
                    EXPLICIT_VAD_SIGNAL: _no(
                        "The explicit VAD signal is available on Vertex AI only"
                    ),
                },
            ),
            _profile(
                _NATIVE_25,
                "Gemini 2.5 Flash native audio (preview 12-2025)",
                endpoints=GEMINI_API_ENDPOINTS,
                api_version="v1beta",
                modalities=_AUDIO,
                native_audio=True,
                default_function_behavior="BLOCKING",
                sends_function_behavior=True,
                settings={
                    AFFECTIVE_DIALOG: Support(
                        api_version="v1alpha",
                        reason=f"{_NATIVE_25} needs api_version v1alpha for affective dialog",
                    ),
                    PROACTIVE_AUDIO: Support(
                        api_version="v1alpha",
                        reason=f"{_NATIVE_25} needs api_version v1alpha for proactive audio",
                    ),
                    THINKING_LEVEL: _no(
                        f"{_NATIVE_25} takes a thinking budget, not a thinking level"
                    ),
                    CODE_EXECUTION: _no(_CODE_EXECUTION_UNSUPPORTED),
                    TRANSPARENT_RESUMPTION: _no(
                        "Transparent resumption is available on Vertex AI only"
                    ),
                    EXPLICIT_VAD_SIGNAL: _no(
                        "The explicit VAD signal is available on Vertex AI only"
                    ),
                },
            ),
            _profile(
                _VERTEX_25,
                "Gemini Live 2.5 Flash native audio (Vertex AI)",
                endpoints=VERTEX_ENDPOINTS,
                api_version="v1beta1",
                modalities=_AUDIO,
                native_audio=True,
                default_function_behavior="BLOCKING",
                sends_function_behavior=True,
                settings={
                    THINKING_LEVEL: _no(
                        f"{_VERTEX_25} takes a thinking budget, not a thinking level"
                    ),
                    FUNCTION_BEHAVIOR: Support(
                        values=frozenset({"blocking"}),
                        severity="warning",
                        reason=(f"Non-blocking function calls are not documented for {_VERTEX_25}"),
                    ),
                },
                notes="Vertex AI endpoint only (project and location, or express-mode API key).",
            ),
        )
    }
)


def normalize_model_name(name: str) -> str:
    """``models/gemini-3.8-live`` and `` gemini-3.8-live `` both name ``gemini-3.8-live``."""
    name = name.strip()
    for prefix in ("models/", "publishers/google/models/"):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def get_profile(model: str) -> ModelProfile | None:
    """The profile for ``model``, or None for a model Live Desktop does not know."""
    return PROFILES.get(normalize_model_name(model))


def _resolve(profile_or_model_name: ModelProfile | str) -> ModelProfile | None:
    if isinstance(profile_or_model_name, ModelProfile):
        return profile_or_model_name
    return get_profile(profile_or_model_name)


def supported(
    profile_or_model_name: ModelProfile | str, setting_path: str, value: object = None
) -> tuple[bool, str]:
    """Whether the user may change ``setting_path`` on this model, and a tooltip why not.

    With ``value`` (a choice such as ``"TEXT"`` or ``"non_blocking"``) the answer is about that
    value. A setting the model fixes (proactive audio on 3.8) is not changeable: the dialog
    shows :func:`fixed_value` disabled. Unknown models allow everything, with a reason saying
    that nothing is checked.
    """
    profile = _resolve(profile_or_model_name)
    if profile is None:
        return True, f"Live Desktop does not know {profile_or_model_name}; nothing is checked"
    support = profile.support(setting_path)
    if support.fixed_value is not None or not support.supported:
        return False, support.reason
    if value is not None and support.values is not None and str(value) not in support.values:
        return False, support.reason
    # A limited choice is still a setting the user can change; the reason lists the choices.
    return True, support.reason


def fixed_value(profile_or_model_name: ModelProfile | str, setting_path: str) -> bool | None:
    """The value a model always uses for ``setting_path`` (shown checked and disabled), or None."""
    profile = _resolve(profile_or_model_name)
    return None if profile is None else profile.support(setting_path).fixed_value
