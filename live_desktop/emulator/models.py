"""What each Live model accepts: the emulator's own server-side truth.

This table is deliberately separate from the client's capability profiles (the emulator stands
for the service, so a client bug that sends a rejected field must meet a rejection here).
Setup dicts reaching :func:`validate_setup` have snake_case keys (see ``wire.normalise``);
messages name fields in the camelCase the REST docs use.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

GEMINI = "gemini"
VERTEX = "vertex"


class Support(enum.Enum):
    NO = "no"
    YES = "yes"
    V1ALPHA = "v1alpha"  # only on the v1alpha surface of the Gemini API
    ALWAYS = "always"  # always on; turning it off is an error


@dataclass(frozen=True)
class ModelSpec:
    name: str
    platform: str
    response_modalities: frozenset[str]
    thinking_level: bool
    thinking_budget: bool
    affective_dialog: Support
    proactive_audio: Support
    non_blocking_calls: bool
    default_call_behavior: str  # "BLOCKING" or "NON_BLOCKING"


_AUDIO = frozenset({"AUDIO"})
_TEXT_AUDIO = frozenset({"TEXT", "AUDIO"})

MODELS: dict[tuple[str, str], ModelSpec] = {
    (spec.platform, spec.name): spec
    for spec in (
        ModelSpec(
            "gemini-3.8-live",
            GEMINI,
            _AUDIO,
            thinking_level=False,
            thinking_budget=False,
            affective_dialog=Support.NO,
            proactive_audio=Support.ALWAYS,
            non_blocking_calls=True,
            default_call_behavior="NON_BLOCKING",
        ),
        ModelSpec(
            "gemini-3.8-live-extended-thinking",
            GEMINI,
            _AUDIO,
            thinking_level=True,
            thinking_budget=True,
            affective_dialog=Support.NO,
            proactive_audio=Support.ALWAYS,
            non_blocking_calls=True,
            default_call_behavior="NON_BLOCKING",
        ),
        ModelSpec(
            "gemini-3.1-flash-live-preview",
            GEMINI,
            _TEXT_AUDIO,
            thinking_level=True,
            thinking_budget=True,
            affective_dialog=Support.NO,
            proactive_audio=Support.NO,
            non_blocking_calls=False,
            default_call_behavior="BLOCKING",
        ),
        ModelSpec(
            "gemini-2.5-flash-native-audio-preview-12-2025",
            GEMINI,
            _AUDIO,
            thinking_level=False,
            thinking_budget=True,
            affective_dialog=Support.V1ALPHA,
            proactive_audio=Support.V1ALPHA,
            non_blocking_calls=True,
            default_call_behavior="BLOCKING",
        ),
        ModelSpec(
            "gemini-live-2.5-flash-native-audio",
            VERTEX,
            _AUDIO,
            thinking_level=False,
            thinking_budget=True,
            affective_dialog=Support.YES,
            proactive_audio=Support.YES,
            non_blocking_calls=True,
            default_call_behavior="BLOCKING",
        ),
    )
}

_VOICE_NAMES = (
    "Zephyr Puck Charon Kore Fenrir Leda Orus Aoede Callirrhoe Autonoe Enceladus Iapetus "
    "Umbriel Algieba Despina Erinome Algenib Rasalgethi Laomedeia Achernar Alnilam Schedar "
    "Gacrux Pulcherrima Achird Zubenelgenubi Vindemiatrix Sadachbia Sadaltager Sulafat"
)
VOICES = frozenset(_VOICE_NAMES.lower().split())

_SETUP_FIELDS = frozenset(
    {
        "model",
        "generation_config",
        "system_instruction",
        "tools",
        "realtime_input_config",
        "session_resumption",
        "context_window_compression",
        "input_audio_transcription",
        "output_audio_transcription",
        "proactivity",
        "explicit_vad_signal",
        "history_config",
        "avatar_config",
        "safety_settings",
        "labels",
    }
)
_MEDIA_RESOLUTIONS = frozenset(
    {
        "MEDIA_RESOLUTION_UNSPECIFIED",
        "MEDIA_RESOLUTION_LOW",
        "MEDIA_RESOLUTION_MEDIUM",
        "MEDIA_RESOLUTION_HIGH",
    }
)
_MODALITIES = frozenset({"TEXT", "AUDIO", "IMAGE", "MODALITY_UNSPECIFIED"})
_THINKING_LEVELS = frozenset({"THINKING_LEVEL_UNSPECIFIED", "MINIMAL", "LOW", "MEDIUM", "HIGH"})
_BEHAVIORS = frozenset({"UNSPECIFIED", "BLOCKING", "NON_BLOCKING"})
ENUMS_AAD = {
    "start_of_speech_sensitivity": frozenset(
        {"START_SENSITIVITY_UNSPECIFIED", "START_SENSITIVITY_HIGH", "START_SENSITIVITY_LOW"}
    ),
    "end_of_speech_sensitivity": frozenset(
        {"END_SENSITIVITY_UNSPECIFIED", "END_SENSITIVITY_HIGH", "END_SENSITIVITY_LOW"}
    ),
}
_ACTIVITY_HANDLING = frozenset(
    {"ACTIVITY_HANDLING_UNSPECIFIED", "START_OF_ACTIVITY_INTERRUPTS", "NO_INTERRUPTION"}
)
_TURN_COVERAGE = frozenset(
    {
        "TURN_COVERAGE_UNSPECIFIED",
        "TURN_INCLUDES_ONLY_ACTIVITY",
        "TURN_INCLUDES_ALL_INPUT",
        "TURN_INCLUDES_AUDIO_ACTIVITY_AND_ALL_VIDEO",
    }
)

NOT_FOUND = (
    "{model} is not found for API version {version}, or is not supported for "
    "bidiGenerateContent. Call ListModels to see the list of available models and their "
    "supported methods."
)
VERTEX_NOT_FOUND = (
    "Publisher Model `{model}` was not found or your project does not have access to it."
)


class SetupRejected(Exception):
    """The service would close the connection with ``code`` and ``reason``."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(f"{code} {reason}")
        self.code = code
        self.reason = reason


def short_model_name(model: str) -> str:
    """``models/X``, ``publishers/google/models/X`` or ``projects/.../models/X`` -> ``X``."""
    return model.rsplit("/models/", 1)[-1].removeprefix("models/")


def resolve_model(model: Any, platform: str, api_version: str) -> ModelSpec:
    """Look the setup's model up for this endpoint; raise 1008 like the service when unknown."""
    text = model if isinstance(model, str) else ""
    if platform == VERTEX:
        ok_form = text.startswith("publishers/google/models/") or (
            text.startswith("projects/") and "/publishers/google/models/" in text
        )
        spec = MODELS.get((VERTEX, short_model_name(text))) if ok_form else None
        if spec is None:
            raise SetupRejected(1008, VERTEX_NOT_FOUND.format(model=text or "<empty>"))
        return spec
    name = text.removeprefix("models/")
    spec = MODELS.get((GEMINI, name)) if name and "/" not in name else None
    if spec is None:
        shown = text if text.startswith("models/") else f"models/{text}"
        raise SetupRejected(1008, NOT_FOUND.format(model=shown, version=api_version))
    return spec


def validate_setup(setup: dict[str, Any], spec: ModelSpec, api_version: str) -> None:
    """Raise :class:`SetupRejected` (1007) for the first field this model/endpoint rejects."""
    m = f"models/{spec.name}"

    def reject(message: str) -> SetupRejected:
        return SetupRejected(1007, message)

    for key in setup:
        if key not in _SETUP_FIELDS:
            raise reject(f"Invalid JSON payload received. Unknown name \"{key}\" at 'setup'.")
    if spec.platform == GEMINI:
        if "explicit_vad_signal" in setup:
            raise reject("explicitVadSignal is only supported on Vertex AI, not the Gemini API.")
        if "transparent" in (setup.get("session_resumption") or {}):
            raise reject(
                "sessionResumption.transparent is only supported on Vertex AI, not the Gemini API."
            )
    if "avatar_config" in setup:
        raise reject(f"avatarConfig is not supported by {m}.")

    gen = setup.get("generation_config") or {}
    if not isinstance(gen, dict):
        raise reject("Invalid value at 'setup.generation_config'.")
    modalities = gen.get("response_modalities") or []
    if not isinstance(modalities, list):
        modalities = [modalities]
    for mod in modalities:
        if mod not in _MODALITIES:
            raise reject(f"Invalid value at 'setup.generation_config.response_modalities': {mod}.")
    if len(set(modalities)) > 1:
        raise reject("Only one response modality is supported per session (TEXT or AUDIO).")
    for mod in modalities:
        if mod not in spec.response_modalities and mod != "MODALITY_UNSPECIFIED":
            raise reject(f"responseModalities {mod} is not supported by {m}; use AUDIO.")

    res = gen.get("media_resolution")
    if res is not None and res not in _MEDIA_RESOLUTIONS:
        raise reject(f"Invalid value at 'setup.generation_config.media_resolution': {res}.")
    for field, lo, hi in (("temperature", 0.0, 2.0), ("top_p", 0.0, 1.0)):
        value = gen.get(field)
        if value is not None and not (isinstance(value, int | float) and lo <= float(value) <= hi):
            raise reject(f"{_camel(field)} must be between {lo:g} and {hi:g}, got {value}.")

    speech = gen.get("speech_config") or {}
    if "multi_speaker_voice_config" in speech:
        raise reject(f"multiSpeakerVoiceConfig is not supported by {m}.")
    voice = ((speech.get("voice_config") or {}).get("prebuilt_voice_config") or {}).get(
        "voice_name"
    )
    if voice is not None and str(voice).lower() not in VOICES:
        raise reject(f"Voice {voice} is not available for {m}.")

    if "thinking_config" in gen:
        thinking = gen.get("thinking_config") or {}
        if not (spec.thinking_level or spec.thinking_budget):
            raise reject(f"thinkingConfig is not supported by {m}.")
        has_level = thinking.get("thinking_level") is not None
        has_budget = thinking.get("thinking_budget") is not None
        if has_level and not spec.thinking_level:
            raise reject(f"thinkingLevel is not supported by {m}; use thinkingBudget.")
        if has_budget and not spec.thinking_budget:
            raise reject(f"thinkingBudget is not supported by {m}; use thinkingLevel.")
        if has_level and has_budget:
            raise reject("thinkingLevel and thinkingBudget cannot both be set.")
        if has_level and thinking["thinking_level"] not in _THINKING_LEVELS:
            raise reject(f"Invalid value for thinkingLevel: {thinking['thinking_level']}.")

    if "enable_affective_dialog" in gen:
        _check_support(
            spec.affective_dialog,
            "enableAffectiveDialog",
            gen["enable_affective_dialog"],
            m,
            api_version,
        )
    if "proactivity" in setup:
        proactive = (setup.get("proactivity") or {}).get("proactive_audio")
        _check_support(spec.proactive_audio, "proactivity", proactive, m, api_version)
        if spec.proactive_audio is Support.ALWAYS and proactive is False:
            raise reject(
                f"proactivity.proactiveAudio cannot be false for {m}: proactive audio is always on."
            )

    for tool in setup.get("tools") or []:
        if spec.platform == GEMINI and "code_execution" in (tool or {}):
            # The Gemini API's Live tools table lists code execution as "No" for its
            # native-audio models; Vertex AI documents it for the Live API (docs/tools.md).
            raise reject(f"codeExecution is not supported by {m} on the Gemini API.")
        for decl in (tool or {}).get("function_declarations") or []:
            behavior = (decl or {}).get("behavior")
            if behavior is None:
                continue
            if behavior not in _BEHAVIORS:
                raise reject(f"Invalid value for behavior: {behavior}.")
            if behavior == "NON_BLOCKING" and not spec.non_blocking_calls:
                name = (decl or {}).get("name", "?")
                raise reject(
                    f"behavior NON_BLOCKING (function {name}) is not supported by {m}; "
                    "only blocking calls."
                )

    ric = setup.get("realtime_input_config") or {}
    aad = ric.get("automatic_activity_detection") or {}
    for field, allowed in ENUMS_AAD.items():
        value = aad.get(field)
        if value is not None and value not in allowed:
            raise reject(f"Invalid value for {_camel(field)}: {value}.")
    for field in ("prefix_padding_ms", "silence_duration_ms"):
        value = aad.get(field)
        if value is not None and (not isinstance(value, int | float) or value < 0):
            raise reject(f"Invalid value for {_camel(field)}: {value}.")
    if ric.get("activity_handling") not in (None, *_ACTIVITY_HANDLING):
        raise reject(f"Invalid value for activityHandling: {ric['activity_handling']}.")
    if ric.get("turn_coverage") not in (None, *_TURN_COVERAGE):
        raise reject(f"Invalid value for turnCoverage: {ric['turn_coverage']}.")


def _check_support(support: Support, field: str, value: Any, m: str, api_version: str) -> None:
    if support is Support.NO:
        raise SetupRejected(1007, f"{field} is not supported by {m}.")
    if support is Support.V1ALPHA and api_version != "v1alpha":
        raise SetupRejected(1007, f"{field} needs API version v1alpha for {m} (got {api_version}).")
    del value


def _camel(snake: str) -> str:
    head, *rest = snake.split("_")
    return head + "".join(p.title() for p in rest)
