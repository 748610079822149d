"""The settings model: every Live API option the app offers, its checks, its file and its wire form.

One pydantic model (:class:`Settings`) with a schema version, made of small sections the settings
dialog shows as pages; each field's ``description`` is the label the dialog uses. Optional
generation parameters default to ``None``, meaning "service default, not sent".

- :func:`check_settings` reports, before connecting, every setting the chosen model or endpoint
  rejects (see :mod:`live_desktop.core.profiles`).
- :meth:`Settings.to_live_connect_config` builds the SDK's ``LiveConnectConfig`` and refuses
  (``SettingsError``) while an error-level problem exists, so a rejected setting never reaches
  the wire.
- :func:`load_settings` / :func:`save_settings` keep the JSON file in the platformdirs config
  dir, written atomically; a broken file is kept as a dated backup and defaults are used.

The API key is not part of the model at all (see :mod:`live_desktop.core.secrets`).
Plain data and file I/O only; call from the main thread (or any one thread at a time).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import types as pytypes
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Union, get_args, get_origin
from urllib.parse import SplitResult, urlsplit

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from live_desktop import APP_ID
from live_desktop.core import profiles
from live_desktop.core.files import write_text_atomic
from live_desktop.core.lazy import lazy_module
from live_desktop.core.profiles import (
    EndpointKind,
    LanguageCode,
    ModelProfile,
    Severity,
    VoiceName,
)
from live_desktop.core.video import VIDEO_NEEDS_COMPRESSION

if TYPE_CHECKING:
    from google.genai import types
else:
    # Imported on first use: the window must not wait for google-genai (see core/lazy.py).
    types = lazy_module("google.genai.types")

__all__ = [
    "LOCAL_TOOLS",
    "SCHEMA_VERSION",
    "AudioSettings",
    "ConnectionSettings",
    "FunctionDeclarationSettings",
    "GenerationSettings",
    "LoadResult",
    "ModelSettings",
    "RecordingSettings",
    "SessionSettings",
    "SettingProblem",
    "Settings",
    "SettingsError",
    "ToolSettings",
    "TranscriptionSettings",
    "UiSettings",
    "VadSettings",
    "VideoSettings",
    "VoiceSettings",
    "check_settings",
    "default_settings_path",
    "describe_endpoint",
    "endpoint_url_problem",
    "function_behaviors",
    "is_loopback_host",
    "load_settings",
    "penalty_deprecation_silenced",
    "resolve_api_version",
    "save_settings",
    "setting_label",
    "short_label",
    "token_url_problem",
    "webhook_url_problem",
]

SCHEMA_VERSION = 1
SETTINGS_FILE_NAME = "settings.json"

_LOOPBACK_NAMES = frozenset({"localhost", "ip6-localhost", "ip6-loopback"})


# --------------------------------------------------------------------------------- problems
@dataclass(frozen=True, slots=True)
class SettingProblem:
    """A setting the chosen model or endpoint rejects (error) or may not honour (warning)."""

    setting: str
    model: str
    message: str
    severity: Severity = "error"


class SettingsError(ValueError):
    """Settings that cannot be used to connect; ``problems`` says which and why."""

    def __init__(self, problems: list[SettingProblem] | str) -> None:
        if isinstance(problems, str):
            problems = [SettingProblem("connection", "", problems)]
        self.problems: list[SettingProblem] = list(problems)
        super().__init__(" ".join(p.message for p in self.problems))


# --------------------------------------------------------------------------------- sections
class _Section(BaseModel):
    # Assignments from the settings dialog are validated; keys from a newer version are
    # ignored here and reported by load_settings.
    model_config = ConfigDict(validate_assignment=True, extra="ignore")


class ConnectionSettings(_Section):
    """Where the app connects and how it authenticates (the secret itself is not stored)."""

    endpoint: EndpointKind = Field(
        default="gemini_api",
        description="Endpoint (Gemini API, Vertex AI, custom URL or offline emulator)",
    )
    auth: Literal["api_key", "ephemeral_token", "google_credentials"] = Field(
        default="api_key",
        description="Authentication (API key, ephemeral token or Google Cloud credentials)",
    )
    api_version: Literal["auto", "v1alpha", "v1beta", "v1", "v1beta1"] = Field(
        default="auto", description="API version (auto: the version the model needs)"
    )
    vertex_project: str = Field(default="", description="Google Cloud project (Vertex AI)")
    vertex_location: str = Field(
        default="us-central1", description="Google Cloud location (Vertex AI)"
    )
    custom_base_url: str = Field(
        default="", description="Custom endpoint URL (https://host:port; a proxy or test server)"
    )
    token_url: str = Field(
        default="",
        description="Token endpoint URL (your server that hands out ephemeral tokens)",
    )

    @field_validator("vertex_project", "vertex_location", "custom_base_url", "token_url")
    @classmethod
    def _strip(cls, value: str) -> str:
        return value.strip()


class ModelSettings(_Section):
    name: str = Field(default=profiles.DEFAULT_MODEL, min_length=1, description="Model")
    response_modality: Literal["AUDIO", "TEXT"] = Field(
        default="AUDIO", description="Response modality (audio or text)"
    )
    system_instruction: str = Field(default="", description="System instruction")

    @field_validator("name")
    @classmethod
    def _strip_name(cls, value: str) -> str:
        return value.strip()


class GenerationSettings(_Section):
    """Sampling and model features; None means the service default and is not sent."""

    temperature: float | None = Field(default=None, ge=0.0, le=2.0, description="Temperature")
    top_p: float | None = Field(default=None, ge=0.0, le=1.0, description="Top-p")
    top_k: int | None = Field(default=None, ge=1, description="Top-k")
    max_output_tokens: int | None = Field(default=None, ge=1, description="Maximum output tokens")
    presence_penalty: float | None = Field(
        default=None, ge=-2.0, le=2.0, description="Presence penalty"
    )
    frequency_penalty: float | None = Field(
        default=None, ge=-2.0, le=2.0, description="Frequency penalty"
    )
    seed: int | None = Field(default=None, description="Seed")
    media_resolution: Literal["low", "medium", "high"] | None = Field(
        default=None, description="Media resolution of video frames"
    )
    enable_affective_dialog: bool = Field(default=False, description="Affective dialog")
    proactive_audio: bool = Field(default=False, description="Proactive audio")
    thinking_level: Literal["minimal", "low", "medium", "high"] | None = Field(
        default=None, description="Thinking level"
    )
    thinking_budget: int | None = Field(
        default=None, ge=-1, description="Thinking budget in tokens (-1 dynamic, 0 off)"
    )
    include_thoughts: bool = Field(default=False, description="Include thought summaries")


class VoiceSettings(_Section):
    voice: VoiceName | None = Field(default=None, description="Voice")
    language: LanguageCode | None = Field(default=None, description="Spoken language")


class VadSettings(_Section):
    """Turn taking: the service's voice activity detection, or push-to-talk."""

    automatic: bool = Field(default=True, description="Automatic voice activity detection")
    push_to_talk: bool = Field(
        default=False, description="Push-to-talk (hold to speak; turns automatic detection off)"
    )
    start_sensitivity: Literal["high", "low"] | None = Field(
        default=None, description="Start-of-speech sensitivity"
    )
    end_sensitivity: Literal["high", "low"] | None = Field(
        default=None, description="End-of-speech sensitivity"
    )
    prefix_padding_ms: int | None = Field(default=None, ge=0, description="Prefix padding (ms)")
    silence_duration_ms: int | None = Field(default=None, ge=0, description="Silence duration (ms)")
    activity_handling: Literal["interrupt", "no_interruption"] | None = Field(
        default=None, description="When you start speaking (interrupt the model or not)"
    )
    turn_coverage: Literal["only_activity", "all_input", "audio_activity_and_all_video"] | None = (
        Field(default=None, description="What a turn includes")
    )
    explicit_vad_signal: bool = Field(
        default=False, description="Explicit VAD signal (Vertex AI only)"
    )


class TranscriptionSettings(_Section):
    input: bool = Field(default=True, description="Transcribe what you say")
    output: bool = Field(default=True, description="Transcribe what the model says")


class SessionSettings(_Section):
    """Long sessions: context window compression and resumption."""

    context_compression: bool = Field(
        default=True, description="Context window compression (sliding window)"
    )
    compression_trigger_tokens: int | None = Field(
        default=None, ge=1, description="Compress when the context reaches (tokens)"
    )
    compression_target_tokens: int | None = Field(
        default=None, ge=1, description="Compress down to (tokens)"
    )
    session_resumption: bool = Field(default=True, description="Session resumption")
    transparent_resumption: bool = Field(
        default=False, description="Transparent resumption (Vertex AI only)"
    )

    @model_validator(mode="after")
    def _target_below_trigger(self) -> SessionSettings:
        trigger, target = self.compression_trigger_tokens, self.compression_target_tokens
        if trigger is not None and target is not None and target >= trigger:
            raise ValueError("the compression target must be below the trigger")
        return self


_FUNCTION_NAME = r"^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$"


class FunctionDeclarationSettings(_Section):
    """A function the model may call, declared as JSON (the app answers the call)."""

    name: str = Field(pattern=_FUNCTION_NAME, description="Function name")
    description: str = Field(default="", description="What the function does")
    parameters: dict[str, Any] | None = Field(
        default=None, description="Parameters (JSON Schema object)"
    )
    behavior: Literal["default", "blocking", "non_blocking"] = Field(
        default="default",
        description="Call behaviour (automatic: non-blocking where the model allows it)",
    )
    enabled: bool = Field(default=True, description="Enabled")
    answered_by: Literal["dialog", "webhook"] = Field(
        default="dialog", description="Answered by (you in a dialog, or a local webhook)"
    )
    webhook_url: str = Field(
        default="",
        description="Webhook URL (the arguments are POSTed as JSON; the reply must be JSON)",
    )
    webhook_timeout_s: float = Field(
        default=10.0, ge=0.5, le=600.0, description="Webhook timeout (seconds)"
    )

    @field_validator("webhook_url")
    @classmethod
    def _strip_url(cls, value: str) -> str:
        return value.strip()


#: Built-in local tools: ToolSettings field -> function declaration (JSON form). The app
#: answers their calls; the switches only decide whether the model is told about them.
LOCAL_TOOLS: dict[str, dict[str, Any]] = {
    "current_time": {
        "name": "get_current_time",
        "description": "Returns the user's local date, time and time zone.",
    },
    "clipboard_text": {
        "name": "get_clipboard_text",
        "description": "Returns the text currently on the user's clipboard.",
    },
    "clipboard_write": {
        "name": "set_clipboard_text",
        "description": "Puts text on the user's clipboard (the user is asked first).",
        "parameters_json_schema": {
            "type": "object",
            "properties": {"text": {"type": "string", "description": "The text to copy"}},
            "required": ["text"],
        },
    },
    "screenshot": {
        "name": "take_screenshot",
        "description": "Takes a screenshot of the user's screen and sends it as a video frame.",
    },
    "open_url": {
        "name": "open_url",
        "description": "Opens a web page in the user's browser (the user is asked first).",
        "parameters_json_schema": {
            "type": "object",
            "properties": {"url": {"type": "string", "description": "An http or https URL"}},
            "required": ["url"],
        },
    },
    "notification": {
        "name": "show_notification",
        "description": "Shows the user a desktop notification.",
        "parameters_json_schema": {
            "type": "object",
            "properties": {
                "title": {"type": "string", "description": "A short title"},
                "message": {"type": "string", "description": "The notification text"},
            },
            "required": ["message"],
        },
    },
}


class ToolSettings(_Section):
    current_time: bool = Field(default=False, description="Local tool: current date and time")
    clipboard_text: bool = Field(
        default=False, description="Local tool: read the clipboard text (asks each time)"
    )
    clipboard_write: bool = Field(
        default=False, description="Local tool: write text to the clipboard (asks each time)"
    )
    screenshot: bool = Field(
        default=False, description="Local tool: take a screenshot and send it as a video frame"
    )
    open_url: bool = Field(
        default=False, description="Local tool: open a web page in the browser (asks first)"
    )
    notification: bool = Field(default=False, description="Local tool: show a desktop notification")
    functions: list[FunctionDeclarationSettings] = Field(
        default_factory=list, description="Declared functions"
    )
    google_search: bool = Field(default=False, description="Google Search")
    code_execution: bool = Field(default=False, description="Code execution")


class AudioSettings(_Section):
    """Devices are stored by name (indices change between runs); None is the system default."""

    input_device: str | None = Field(default=None, description="Microphone")
    output_device: str | None = Field(default=None, description="Speaker")
    echo_cancellation: bool = Field(default=True, description="Echo cancellation")
    noise_suppression: bool = Field(default=True, description="Noise suppression")
    high_pass_filter: bool = Field(default=True, description="High-pass filter")
    gain_control: bool = Field(default=True, description="Automatic gain control")


class VideoSettings(_Section):
    source: Literal["off", "camera", "screen", "file"] = Field(
        default="off", description="Video source"
    )
    camera_name: str | None = Field(default=None, description="Camera")
    camera_index: int = Field(
        default=0, ge=0, description="Camera index (when the name is not found)"
    )
    screen_monitor: int = Field(default=1, ge=0, description="Screen (0: all screens)")
    file_path: str | None = Field(default=None, description="Video or image file")
    send_fps: float = Field(default=1.0, ge=0.2, le=2.0, description="Frames sent per second")
    max_side: int = Field(default=768, ge=128, le=1536, description="Longest frame side (pixels)")
    jpeg_quality: int = Field(default=85, ge=10, le=100, description="JPEG quality")
    skip_unchanged: bool = Field(
        default=False, description="Skip frames that did not change (counted and shown)"
    )
    screen_region: tuple[int, int, int, int] | None = Field(
        default=None, description="Screen region (left, top, width, height; empty: whole screen)"
    )

    @field_validator("screen_region")
    @classmethod
    def _region_has_area(
        cls, value: tuple[int, int, int, int] | None
    ) -> tuple[int, int, int, int] | None:
        if value is not None and (value[0] < 0 or value[1] < 0 or value[2] < 1 or value[3] < 1):
            raise ValueError("a screen region needs left, top >= 0 and a width and height >= 1")
        return value


class UiSettings(_Section):
    theme: Literal["system", "light", "dark"] = Field(default="system", description="Theme")
    language: str | None = Field(
        default=None,
        pattern=r"^[a-z]{2,3}([_-][A-Za-z0-9]{2,8})?$",
        description="Interface language (empty: the system's)",
    )


class RecordingSettings(_Section):
    """Conversation recordings in the data folder (see core/recording.py); applied at the next
    conversation (on/off) and at the next start (how long to keep them)."""

    enabled: bool = Field(
        default=True,
        description="Record conversations (transcript and audio, kept on this computer)",
    )
    keep_days: int = Field(default=30, ge=0, le=3650, description="Keep recordings for (days)")


class Settings(BaseModel):
    """Everything the user can set, persisted as one JSON document with a schema version."""

    model_config = ConfigDict(validate_assignment=True, extra="ignore")

    schema_version: Literal[1] = Field(default=1, description="Settings schema version")
    connection: ConnectionSettings = Field(default_factory=ConnectionSettings)
    model: ModelSettings = Field(default_factory=ModelSettings)
    generation: GenerationSettings = Field(default_factory=GenerationSettings)
    voice: VoiceSettings = Field(default_factory=VoiceSettings)
    vad: VadSettings = Field(default_factory=VadSettings)
    transcription: TranscriptionSettings = Field(default_factory=TranscriptionSettings)
    session: SessionSettings = Field(default_factory=SessionSettings)
    tools: ToolSettings = Field(default_factory=ToolSettings)
    audio: AudioSettings = Field(default_factory=AudioSettings)
    video: VideoSettings = Field(default_factory=VideoSettings)
    ui: UiSettings = Field(default_factory=UiSettings)
    recording: RecordingSettings = Field(default_factory=RecordingSettings)

    @property
    def profile(self) -> ModelProfile | None:
        """The chosen model's capability profile, or None for a model the app does not know."""
        return profiles.get_profile(self.model.name)

    def api_version(self, api_key: str | None = None) -> str:
        """The api_version to pin for this model, endpoint and key (see resolve_api_version)."""
        return resolve_api_version(self, api_key)

    def to_live_connect_config(
        self, resumption_handle: str | None = None
    ) -> types.LiveConnectConfig:
        """The session config for ``client.aio.live.connect``.

        Raises SettingsError if :func:`check_settings` finds an error. With penalties set the
        config carries ``generation_config``; wrap ``connect()`` in
        :func:`penalty_deprecation_silenced` (the SDK warns there, not here).
        """
        problems = [p for p in check_settings(self) if p.severity == "error"]
        if problems:
            raise SettingsError(problems)
        return _build_config(self, resumption_handle)


# ------------------------------------------------------------------------------ api version
def resolve_api_version(settings: Settings, api_key: str | None = None) -> str:
    """The API version to pin: never left to the SDK, whose default is now ``v1``.

    An ephemeral token (``auth_tokens/...``) needs ``v1alpha``. Otherwise an explicit choice
    wins; "auto" takes the profile's default, raised to what enabled settings need (2.5
    native audio: ``v1alpha`` for affective dialog or proactive audio).
    """
    conn = settings.connection
    if conn.auth == "ephemeral_token" or (api_key or "").strip().startswith("auth_tokens/"):
        return "v1alpha"
    if conn.api_version != "auto":
        return conn.api_version
    profile = settings.profile
    if profile is None:
        return "v1beta1" if conn.endpoint == "vertex_ai" else "v1beta"
    version: str = profile.default_api_version
    for path, value in _model_dependent_values(settings):
        support = profile.support(path)
        if support.api_version is not None and value is not None and value is not False:
            version = support.api_version
    return version


# ----------------------------------------------------------------------------------- checks
def _model_dependent_values(settings: Settings) -> list[tuple[str, object]]:
    """(setting path, value) for every model-dependent setting the user turned on or chose."""
    g = settings.generation
    values: list[tuple[str, object]] = [
        (profiles.RESPONSE_MODALITY, settings.model.response_modality)
    ]
    if g.enable_affective_dialog:
        values.append((profiles.AFFECTIVE_DIALOG, True))
    if g.proactive_audio:
        values.append((profiles.PROACTIVE_AUDIO, True))
    if g.thinking_level is not None:
        values.append((profiles.THINKING_LEVEL, g.thinking_level))
    if g.thinking_budget is not None:
        values.append((profiles.THINKING_BUDGET, g.thinking_budget))
    if g.include_thoughts:
        values.append((profiles.INCLUDE_THOUGHTS, True))
    if settings.voice.language is not None and settings.model.response_modality == "AUDIO":
        values.append((profiles.LANGUAGE, settings.voice.language))
    if settings.tools.google_search:
        values.append((profiles.GOOGLE_SEARCH, True))
    if settings.tools.code_execution:
        values.append((profiles.CODE_EXECUTION, True))
    return values


def _problem_path(path: str, index: int | None = None) -> str:
    if index is None:
        return path
    return path.replace("tools.functions.", f"tools.functions[{index}].")


def check_settings(settings: Settings) -> list[SettingProblem]:
    """Every setting the chosen model or endpoint rejects (error) or may ignore (warning).

    Errors name the setting and the model; ``to_live_connect_config`` refuses while one exists.
    An unknown model is a warning: everything the user set is then sent as is.
    """
    model = profiles.normalize_model_name(settings.model.name)
    problems: list[SettingProblem] = []

    def add(path: str, message: str, severity: Severity = "error") -> None:
        problems.append(SettingProblem(path, model, message, severity))

    _check_connection(settings, add)
    profile = settings.profile
    if profile is None:
        add(
            "model.name",
            f"Live Desktop does not know the model {model}; every setting you chose is sent as "
            "is, and the service will refuse any it does not accept.",
            "warning",
        )
    else:
        if settings.connection.endpoint not in profile.endpoints:
            where = "Vertex AI" if "vertex_ai" in profile.endpoints else "the Gemini API"
            add(
                "connection.endpoint",
                f"{profile.display_name} ({model}) is served by {where} only; choose that "
                "endpoint or another model.",
            )
        for path, value in _model_dependent_values(settings):
            _check_value(profile, path, value, None, add)
        for index, function in enumerate(settings.tools.functions):
            if function.enabled and function.behavior != "default":
                _check_value(profile, profiles.FUNCTION_BEHAVIOR, function.behavior, index, add)
    _check_functions(settings, add)
    if settings.video.source != "off" and not settings.session.context_compression:
        add("session.context_compression", VIDEO_NEEDS_COMPRESSION, "warning")
    return problems


def _check_value(
    profile: ModelProfile,
    path: str,
    value: object,
    index: int | None,
    add: Callable[[str, str, Severity], None],
) -> None:
    support = profile.support(path)
    if support.fixed_value is not None:
        return  # the model's own value is used and the setting is never sent
    if support.supported and (support.values is None or str(value) in support.values):
        return
    label = short_label(path)
    shown = "" if isinstance(value, bool) else f' "{value!s}"'
    add(
        _problem_path(path, index),
        f"{label}{shown} is not available on {profile.name}: {support.reason}.",
        support.severity,
    )


def _check_connection(settings: Settings, add: Callable[[str, str, Severity], None]) -> None:
    conn = settings.connection
    model = profiles.normalize_model_name(settings.model.name)
    if conn.endpoint == "vertex_ai":
        if conn.auth == "ephemeral_token":
            add(
                "connection.auth",
                "Ephemeral tokens work with the Gemini API only, not with Vertex AI.",
                "error",
            )
        if conn.auth == "google_credentials" and not conn.vertex_project:
            add(
                "connection.vertex_project",
                "Vertex AI needs a Google Cloud project (or use an API key in express mode).",
                "error",
            )
        if conn.auth == "google_credentials" and not conn.vertex_location:
            add("connection.vertex_location", "Vertex AI needs a location.", "error")
        if conn.api_version not in ("auto", "v1", "v1beta1"):
            add(
                "connection.api_version",
                f"Vertex AI serves the Live API as v1 or v1beta1, not {conn.api_version}.",
                "error",
            )
    else:
        if conn.auth == "google_credentials":
            add(
                "connection.auth",
                "Google Cloud credentials work with Vertex AI only; use an API key or an "
                "ephemeral token.",
                "error",
            )
        if conn.api_version == "v1beta1":
            add(
                "connection.api_version",
                "v1beta1 is a Vertex AI version; the Gemini API uses v1alpha, v1beta or v1.",
                "error",
            )
        if conn.auth == "ephemeral_token" and conn.api_version not in ("auto", "v1alpha"):
            add(
                "connection.api_version",
                f"Ephemeral tokens need api_version v1alpha, not {conn.api_version}.",
                "error",
            )
        if settings.session.transparent_resumption:
            add(
                profiles.TRANSPARENT_RESUMPTION,
                "Transparent resumption works on Vertex AI only; the Gemini API rejects it "
                f"for {model}.",
                "error",
            )
        if settings.vad.explicit_vad_signal:
            add(
                profiles.EXPLICIT_VAD_SIGNAL,
                "The explicit VAD signal works on Vertex AI only; the Gemini API rejects it "
                f"for {model}.",
                "error",
            )
    if conn.endpoint == "custom":
        message = _custom_url_problem(conn.custom_base_url)
        if message:
            add("connection.custom_base_url", message, "error")
    if conn.auth == "ephemeral_token" and conn.token_url:
        message = token_url_problem(conn.token_url)
        if message:
            add("connection.token_url", message, "error")
    # An explicit version that cannot carry a setting the model gates on a version.
    profile = settings.profile
    if profile is not None and conn.api_version != "auto" and conn.auth != "ephemeral_token":
        for path, value in _model_dependent_values(settings):
            needed = profile.support(path).api_version
            if needed is not None and value and needed != conn.api_version:
                add(
                    path,
                    f"{short_label(path)} needs api_version {needed} on {profile.name}, "
                    f"but the connection is pinned to {conn.api_version}.",
                    "error",
                )


def _custom_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be a custom endpoint, or None."""
    if not url:
        return "The custom endpoint needs a URL such as https://proxy.example.com."
    parts = _split_url(url)
    if parts is None or parts.scheme not in ("https", "wss", "http", "ws") or not parts.hostname:
        return f"The custom endpoint {url} is not an https:// URL."
    if parts.scheme in ("http", "ws") and not is_loopback_host(parts.hostname):
        return (
            f"The custom endpoint {url} is not encrypted; use https:// (plain http:// is "
            "allowed only for this computer)."
        )
    return None


def token_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be the token endpoint, or None: it must be https://, except on this
    computer, because the token it answers with is a credential."""
    parts = _split_url(url)
    if parts is None or parts.scheme not in ("https", "http") or not parts.hostname:
        return f"The token endpoint {url} is not an https:// URL."
    if parts.scheme == "http" and not is_loopback_host(parts.hostname):
        return (
            f"The token endpoint {url} is not encrypted; use https:// (plain http:// is "
            "allowed only for this computer)."
        )
    return None


def endpoint_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be a Live API endpoint given on the command line (``--endpoint``)."""
    parts = _split_url(url)
    if parts is None or parts.scheme not in ("https", "wss", "http", "ws") or not parts.hostname:
        return f"The endpoint {url} is not an https:// URL."
    if parts.scheme in ("http", "ws") and not is_loopback_host(parts.hostname):
        return (
            f"The endpoint {url} is not encrypted; use https:// (plain http:// is allowed "
            "only for this computer)."
        )
    return None


def _split_url(url: str) -> SplitResult | None:
    """``urlsplit(url)``, or None where it (or its port) raises: "http://[::1", ":99999"."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018
    except ValueError:
        return None
    return parts


def is_loopback_host(host: str) -> bool:
    """True for localhost, 127.0.0.0/8 and ::1: traffic that never leaves this computer."""
    import ipaddress

    host = host.strip("[]").lower()
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def describe_endpoint(settings: Settings, base_url: str | None = None) -> str:
    """A short description for the status bar: "Gemini API", "Custom endpoint host:port"..."""
    conn = settings.connection
    if conn.endpoint == "vertex_ai":
        if conn.auth == "google_credentials":
            return f"Vertex AI ({conn.vertex_project}/{conn.vertex_location})"
        return "Vertex AI (express mode)"
    url = base_url or (conn.custom_base_url if conn.endpoint == "custom" else None)
    if conn.endpoint == "offline_emulator":
        if url is None or is_loopback_host(urlsplit(url).hostname or ""):
            return "Offline loopback"
        return f"Offline emulator {_host_port(url)}"
    if url:
        return f"Custom endpoint {_host_port(url)}"
    return "Gemini API"


def _host_port(url: str) -> str:
    parts = _split_url(url)
    if parts is None:
        return url  # malformed: check_settings says so; the label must not crash the start
    host = parts.hostname or url
    if ":" in host:
        host = f"[{host}]"
    port = parts.port or (80 if parts.scheme in ("http", "ws") else 443)
    return f"{host}:{port}"


def _check_functions(settings: Settings, add: Callable[[str, str, Severity], None]) -> None:
    tools = settings.tools
    seen = {str(decl["name"]) for key, decl in LOCAL_TOOLS.items() if getattr(tools, key) is True}
    for index, function in enumerate(tools.functions):
        if not function.enabled:
            continue
        if function.name in seen:
            add(
                f"tools.functions[{index}].name",
                f"Two tools are called {function.name}; function names must be unique.",
                "error",
            )
        seen.add(function.name)
        params = function.parameters
        if params is not None and params.get("type", "object") != "object":
            add(
                f"tools.functions[{index}].parameters",
                f"The parameters of {function.name} must be a JSON Schema of type object.",
                "error",
            )
        if function.answered_by == "webhook":
            problem = webhook_url_problem(function.name, function.webhook_url)
            if problem is not None:
                add(f"tools.functions[{index}].webhook_url", *problem)


def webhook_url_problem(name: str, url: str) -> tuple[str, Severity] | None:
    """Why ``url`` cannot answer the function ``name`` (an error), a warning, or None."""
    if not url:
        return (
            f"{name} is answered by a webhook but has no webhook URL "
            "(such as http://127.0.0.1:8000/tools).",
            "error",
        )
    not_http: tuple[str, Severity] = (
        f"The webhook URL of {name}, {url}, is not an http:// or https:// URL.",
        "error",
    )
    try:
        # urlsplit raises on an unclosed "[" (typing http://[::1]:8000/ passes through it) and
        # .port on a port that is not a number from 0 to 65535.
        parts = urlsplit(url)
        parts.port  # noqa: B018
    except ValueError:
        return not_http
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return not_http
    if parts.scheme == "http" and not is_loopback_host(parts.hostname):
        return (
            f"The webhook URL of {name} is not encrypted and not on this computer: the "
            "arguments would cross the network in clear text. Use https:// for a remote host.",
            "warning",
        )
    return None


# --------------------------------------------------------------------------------- mapping
# The SDK's enum *values* (strings), so this module loads without google-genai; the builders
# below turn them into the SDK's enums.
_START = {
    "high": "START_SENSITIVITY_HIGH",
    "low": "START_SENSITIVITY_LOW",
}
_END = {
    "high": "END_SENSITIVITY_HIGH",
    "low": "END_SENSITIVITY_LOW",
}
_ACTIVITY = {
    "interrupt": "START_OF_ACTIVITY_INTERRUPTS",
    "no_interruption": "NO_INTERRUPTION",
}
_COVERAGE = {
    "only_activity": "TURN_INCLUDES_ONLY_ACTIVITY",
    "all_input": "TURN_INCLUDES_ALL_INPUT",
    "audio_activity_and_all_video": "TURN_INCLUDES_AUDIO_ACTIVITY_AND_ALL_VIDEO",
}
_MEDIA_RESOLUTION = {
    "low": "MEDIA_RESOLUTION_LOW",
    "medium": "MEDIA_RESOLUTION_MEDIUM",
    "high": "MEDIA_RESOLUTION_HIGH",
}
_THINKING_LEVEL = {
    "minimal": "MINIMAL",
    "low": "LOW",
    "medium": "MEDIUM",
    "high": "HIGH",
}
_BEHAVIOR = {
    "blocking": "BLOCKING",
    "non_blocking": "NON_BLOCKING",
}


def _build_config(settings: Settings, resumption_handle: str | None) -> types.LiveConnectConfig:
    profile = settings.profile
    g = settings.generation
    audio_out = settings.model.response_modality == "AUDIO"
    vertex = settings.connection.endpoint == "vertex_ai"

    def fixed(path: str) -> bool:
        return profile is not None and profile.support(path).fixed_value is not None

    speech: types.SpeechConfig | None = None
    if audio_out and (settings.voice.voice or settings.voice.language):
        speech = types.SpeechConfig(
            voice_config=(
                types.VoiceConfig(
                    prebuilt_voice_config=types.PrebuiltVoiceConfig(voice_name=settings.voice.voice)
                )
                if settings.voice.voice
                else None
            ),
            language_code=settings.voice.language,
        )

    thinking: types.ThinkingConfig | None = None
    if g.thinking_level is not None or g.thinking_budget is not None or g.include_thoughts:
        thinking = types.ThinkingConfig(
            thinking_level=types.ThinkingLevel(_THINKING_LEVEL[g.thinking_level])
            if g.thinking_level
            else None,
            thinking_budget=g.thinking_budget,
            include_thoughts=True if g.include_thoughts else None,
        )

    compression: types.ContextWindowCompressionConfig | None = None
    if settings.session.context_compression:
        compression = types.ContextWindowCompressionConfig(
            trigger_tokens=settings.session.compression_trigger_tokens,
            sliding_window=types.SlidingWindow(
                target_tokens=settings.session.compression_target_tokens
            ),
        )

    resumption: types.SessionResumptionConfig | None = None
    if settings.session.session_resumption or resumption_handle:
        resumption = types.SessionResumptionConfig(
            handle=resumption_handle,
            # The Gemini API rejects ``transparent``; check_settings stops it before here.
            transparent=True if vertex and settings.session.transparent_resumption else None,
        )

    proactivity: types.ProactivityConfig | None = None
    if g.proactive_audio and not fixed(profiles.PROACTIVE_AUDIO):
        # Only ever true: gemini-3.8-live refuses an explicit false, and "off" is the default
        # everywhere else, so false is never sent.
        proactivity = types.ProactivityConfig(proactive_audio=True)

    generation_config: types.GenerationConfig | None = None
    if g.presence_penalty is not None or g.frequency_penalty is not None:
        # LiveConnectConfig (SDK 3.4) has no penalty fields; the deprecated generation_config is
        # the only way onto the wire: the converter copies it into setup.generationConfig and
        # then lays the top-level fields over it. Only used when a penalty is set.
        generation_config = types.GenerationConfig(
            presence_penalty=g.presence_penalty, frequency_penalty=g.frequency_penalty
        )

    return types.LiveConnectConfig(
        generation_config=generation_config,
        response_modalities=[types.Modality.AUDIO if audio_out else types.Modality.TEXT],
        temperature=g.temperature,
        top_p=g.top_p,
        top_k=g.top_k,
        max_output_tokens=g.max_output_tokens,
        seed=g.seed,
        media_resolution=types.MediaResolution(_MEDIA_RESOLUTION[g.media_resolution])
        if g.media_resolution
        else None,
        speech_config=speech,
        thinking_config=thinking,
        enable_affective_dialog=True if g.enable_affective_dialog else None,
        system_instruction=settings.model.system_instruction or None,
        tools=_build_tools(settings, profile) or None,
        session_resumption=resumption,
        input_audio_transcription=(
            types.AudioTranscriptionConfig() if settings.transcription.input else None
        ),
        # Output transcription transcribes the model's audio; with text replies there is none.
        output_audio_transcription=(
            types.AudioTranscriptionConfig()
            if settings.transcription.output and audio_out
            else None
        ),
        realtime_input_config=_build_realtime_input(settings.vad),
        context_window_compression=compression,
        proactivity=proactivity,
        explicit_vad_signal=True if vertex and settings.vad.explicit_vad_signal else None,
    )


def _build_realtime_input(vad: VadSettings) -> types.RealtimeInputConfig | None:
    detection: types.AutomaticActivityDetection | None = None
    if not vad.automatic or vad.push_to_talk:
        # Manual turns: the client sends activity_start / activity_end itself.
        detection = types.AutomaticActivityDetection(disabled=True)
    elif any(
        v is not None
        for v in (
            vad.start_sensitivity,
            vad.end_sensitivity,
            vad.prefix_padding_ms,
            vad.silence_duration_ms,
        )
    ):
        detection = types.AutomaticActivityDetection(
            start_of_speech_sensitivity=types.StartSensitivity(_START[vad.start_sensitivity])
            if vad.start_sensitivity
            else None,
            end_of_speech_sensitivity=types.EndSensitivity(_END[vad.end_sensitivity])
            if vad.end_sensitivity
            else None,
            prefix_padding_ms=vad.prefix_padding_ms,
            silence_duration_ms=vad.silence_duration_ms,
        )
    handling = (
        types.ActivityHandling(_ACTIVITY[vad.activity_handling]) if vad.activity_handling else None
    )
    coverage = types.TurnCoverage(_COVERAGE[vad.turn_coverage]) if vad.turn_coverage else None
    if detection is None and handling is None and coverage is None:
        return None
    return types.RealtimeInputConfig(
        automatic_activity_detection=detection, activity_handling=handling, turn_coverage=coverage
    )


def _non_blocking_allowed(profile: ModelProfile | None) -> bool:
    """Whether "automatic" behaviour becomes NON_BLOCKING: only where the profile says so (an
    unknown model gets nothing it might reject)."""
    return (
        profile is not None
        and profile.sends_function_behavior
        and profile.support(profiles.FUNCTION_BEHAVIOR).allows("non_blocking")
    )


def _wire_behavior(choice: str, profile: ModelProfile | None) -> str | None:
    """The ``behavior`` a declaration carries on the wire, or None when it is left off."""
    if profile is not None and not profile.sends_function_behavior:
        return None
    if choice == "default":
        return "NON_BLOCKING" if _non_blocking_allowed(profile) else None
    return _BEHAVIOR.get(choice)


def function_behaviors(settings: Settings) -> dict[str, str]:
    """How the model will call each declared function: name -> "BLOCKING" or "NON_BLOCKING".

    What was sent, else the model's default (BLOCKING for a model Live Desktop does not know).
    The tool dispatcher uses it to give non-blocking answers a ``scheduling``.
    """
    profile = settings.profile
    default = profile.default_function_behavior if profile is not None else "BLOCKING"
    tools = settings.tools
    result: dict[str, str] = {}
    for key, decl in LOCAL_TOOLS.items():
        if getattr(tools, key) is True:
            result[str(decl["name"])] = _wire_behavior("default", profile) or default
    for function in tools.functions:
        if function.enabled:
            result[function.name] = _wire_behavior(function.behavior, profile) or default
    return result


def _build_tools(settings: Settings, profile: ModelProfile | None) -> types.ToolListUnion:
    tools = settings.tools
    declarations: list[types.FunctionDeclaration] = []
    local_behavior = _wire_behavior("default", profile)
    for key, decl in LOCAL_TOOLS.items():
        if getattr(tools, key) is True:
            extra = {} if local_behavior is None else {"behavior": local_behavior}
            declarations.append(types.FunctionDeclaration.model_validate({**decl, **extra}))
    for function in tools.functions:
        if not function.enabled:
            continue
        wire_behavior = _wire_behavior(function.behavior, profile)
        behavior = types.Behavior(wire_behavior) if wire_behavior is not None else None
        declarations.append(
            types.FunctionDeclaration(
                name=function.name,
                description=function.description or None,
                parameters_json_schema=function.parameters,
                behavior=behavior,
            )
        )
    result: types.ToolListUnion = []
    if declarations:
        result.append(types.Tool(function_declarations=declarations))
    if tools.google_search:
        result.append(types.Tool(google_search=types.GoogleSearch()))
    if tools.code_execution:
        result.append(types.Tool(code_execution=types.ToolCodeExecution()))
    return result


_PENALTY_WARNING = r"Setting `LiveConnectConfig\.generation_config` is deprecated"


@contextlib.contextmanager
def penalty_deprecation_silenced() -> Iterator[None]:
    """Silence the SDK's deprecation warning for ``generation_config`` (penalties only).

    The SDK warns inside ``client.aio.live.connect()`` (while entering it), not when the
    config is built, so the caller wraps the connect. Only that one warning is silenced.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=_PENALTY_WARNING, category=DeprecationWarning)
        yield


# ----------------------------------------------------------------------------------- labels
def _section_class(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = get_origin(annotation)
    if origin in (list, Union, pytypes.UnionType):
        for arg in get_args(annotation):
            found = _section_class(arg)
            if found is not None:
                return found
    return None


def short_label(path: str) -> str:
    """The label without its parenthetical hint: "Thinking budget in tokens", "Call behaviour"."""
    return re.sub(r"\s*\(.*\)$", "", setting_label(path))


def setting_label(path: str) -> str:
    """The dialog label (field description) for a dotted setting path; the path if unknown."""
    cls: type[BaseModel] | None = Settings
    info = None
    for part in re.sub(r"\[\d+\]", "", path).split("."):
        if cls is None or part not in cls.model_fields:
            return path
        info = cls.model_fields[part]
        cls = _section_class(info.annotation)
    if info is None or not info.description:
        return path
    return info.description


# ------------------------------------------------------------------------------ persistence
def default_settings_path() -> Path:
    """``settings.json`` in the platformdirs config dir of ``live-desktop``."""
    return Path(platformdirs.user_config_dir(APP_ID)) / SETTINGS_FILE_NAME


@dataclass(frozen=True, slots=True)
class LoadResult:
    """Settings to use, sentences to show the user, and where a broken file was kept."""

    settings: Settings
    messages: list[str] = field(default_factory=list)
    backup_path: Path | None = None


#: Migrations from an older schema: version -> function returning the next version's dict.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


class _Unusable(Exception):
    """The settings file cannot be used; the message says why in user terms."""


def load_settings(path: str | os.PathLike[str] | None = None) -> LoadResult:
    """Read the settings file; never raises for a bad file (defaults plus a message instead).

    Missing file: defaults, no message. A file that is not JSON, fails validation or has a
    schema version that cannot be migrated is renamed to ``settings.json.corrupt-<date>`` and
    defaults are used. Keys this version does not know (a newer version wrote them) are
    ignored with a message.
    """
    file = Path(path) if path is not None else default_settings_path()
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        return LoadResult(Settings())
    except OSError as exc:
        return LoadResult(
            Settings(),
            [
                f"Live Desktop could not read its settings file {file} ({exc.strerror}), so it "
                "started with default settings."
            ],
        )
    messages: list[str] = []
    try:
        settings = _parse(raw, messages)
    except _Unusable as exc:
        backup = _keep_backup(file)
        where = (
            f"The old file was kept as {backup}."
            if backup is not None
            else "The old file could not be kept and will be replaced."
        )
        message = (
            f"Your settings file {file} could not be used ({exc}), so Live Desktop started "
            f"with default settings. {where}"
        )
        return LoadResult(Settings(), [message], backup)
    return LoadResult(settings, messages)


def _parse(raw: bytes, messages: list[str]) -> Settings:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _Unusable(f"it is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise _Unusable("it does not hold a settings object")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _Unusable("it has no valid schema version")
    while version < SCHEMA_VERSION:
        migrate = MIGRATIONS.get(version)
        if migrate is None:
            raise _Unusable(f"schema version {version} cannot be migrated")
        data = migrate(data)
        version += 1
        data["schema_version"] = version
    if version > SCHEMA_VERSION:
        messages.append(
            f"Your settings were saved by a newer version of Live Desktop (schema {version}); "
            "this version uses the options it knows and ignores the rest."
        )
        data["schema_version"] = SCHEMA_VERSION
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        raise _Unusable(_summarize(exc)) from exc
    unknown = _unknown_keys(data, settings.model_dump(mode="json"))
    if unknown:
        shown = ", ".join(unknown[:8]) + (" ..." if len(unknown) > 8 else "")
        messages.append(
            f"Some saved settings are not known to this version and were ignored: {shown}. "
            "They will be dropped the next time settings are saved."
        )
    return settings


def _summarize(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors()[:3]:
        where = ".".join(str(p) for p in error["loc"])
        parts.append(f"{where}: {error['msg']}")
    more = len(exc.errors()) - len(parts)
    return "invalid values: " + "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")


def _unknown_keys(raw: Any, known: Any, prefix: str = "") -> list[str]:
    """Dotted paths present in ``raw`` but absent from the validated dump ``known``."""
    found: list[str] = []
    if isinstance(raw, dict) and isinstance(known, dict):
        for key, value in raw.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            if key not in known:
                found.append(path)
            else:
                found.extend(_unknown_keys(value, known[key], path))
    elif isinstance(raw, list) and isinstance(known, list):
        for index, (r, k) in enumerate(zip(raw, known, strict=False)):
            found.extend(_unknown_keys(r, k, f"{prefix}[{index}]"))
    return found


def _keep_backup(file: Path) -> Path | None:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = file.with_name(f"{file.name}.corrupt-{stamp}")
    counter = 1
    while backup.exists():
        backup = file.with_name(f"{file.name}.corrupt-{stamp}-{counter}")
        counter += 1
    try:
        os.replace(file, backup)
    except OSError:
        return None
    return backup


def save_settings(settings: Settings, path: str | os.PathLike[str] | None = None) -> Path:
    """Write ``settings`` atomically: a temp file in the same dir, fsync, then os.replace.

    A failure at any step leaves the previous file as it was and no temp file behind.
    """
    file = Path(path) if path is not None else default_settings_path()
    file.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(file, settings.model_dump_json(indent=2) + "\n")
    return file
