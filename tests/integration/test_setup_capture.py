"""Every setting the model exposes reaches the emulator's captured setup message with the right
value: Settings -> build_client / to_live_connect_config -> the real google-genai SDK -> TLS
loopback -> the emulator, which records the setup exactly as it arrived."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from live_desktop.core.client import build_client
from live_desktop.core.settings import (
    LOCAL_TOOLS,
    FunctionDeclarationSettings,
    Settings,
    check_settings,
    penalty_deprecation_silenced,
)
from tests.core.test_settings_mapping import NOT_IN_CONFIG, NOT_IN_CONFIG_SECTIONS, _leaf_paths

M38 = "gemini-3.8-live"
M38X = "gemini-3.8-live-extended-thinking"
M31 = "gemini-3.1-flash-live-preview"
M25 = "gemini-2.5-flash-native-audio-preview-12-2025"
VERTEX = "gemini-live-2.5-flash-native-audio"

LIGHT_SCHEMA = {
    "type": "object",
    "properties": {
        "room": {"type": "string", "description": "Which room"},
        "on": {"type": "boolean"},
    },
    "required": ["room", "on"],
}
ABSENT = object()


def _snake(key: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", key).lower()


def normalise(value: Any) -> Any:
    """Keys to snake_case (the SDK sends some camelCase, some snake_case), but never inside a
    function's JSON Schema, whose property names are the user's."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            name = _snake(key)
            out[name] = item if name == "parameters_json_schema" else normalise(item)
        return out
    if isinstance(value, list):
        return [normalise(item) for item in value]
    return value


def _get(data: Any, path: str) -> Any:
    for part in path.split("."):
        if isinstance(data, list):
            data = data[int(part)]
        elif isinstance(data, dict) and part in data:
            data = data[part]
        else:
            return ABSENT
    return data


@dataclass
class Case:
    """One connection: the settings, what must be in the captured setup, and what it covers."""

    model: str
    configure: Callable[[Settings], None]
    expected: dict[str, Any]
    covers: set[str]
    api_version: str
    endpoint: str = "offline_emulator"
    key: str = "test-key"
    method: str = "BidiGenerateContent"
    extra: dict[str, Any] = field(default_factory=dict)


def _functions(*items: FunctionDeclarationSettings) -> list[FunctionDeclarationSettings]:
    return list(items)


def _m38(s: Settings) -> None:
    s.model.system_instruction = "You are a terse ship's navigator."
    g = s.generation
    g.temperature, g.top_p, g.top_k, g.max_output_tokens = 0.35, 0.8, 20, 512
    g.seed, g.presence_penalty, g.frequency_penalty = 1234, 0.25, 0.5
    g.media_resolution = "medium"
    g.proactive_audio = True  # fixed on for 3.8: never sent
    s.voice.voice, s.voice.language = "Charon", "ja-JP"
    v = s.vad
    v.start_sensitivity, v.end_sensitivity = "low", "high"
    v.prefix_padding_ms, v.silence_duration_ms = 120, 640
    v.activity_handling, v.turn_coverage = "no_interruption", "all_input"
    s.session.compression_trigger_tokens = 90_000
    s.session.compression_target_tokens = 45_000
    s.tools.current_time = True
    s.tools.clipboard_text = True
    s.tools.clipboard_write = True
    s.tools.screenshot = True
    s.tools.open_url = True
    s.tools.notification = True
    s.tools.functions = _functions(
        FunctionDeclarationSettings(
            name="set_light",
            description="Turns a light on or off.",
            parameters=LIGHT_SCHEMA,
            behavior="blocking",
        ),
        FunctionDeclarationSettings(name="lookup"),
        FunctionDeclarationSettings(name="disabled_one", enabled=False),
    )
    s.tools.google_search = True


def _m38x(s: Settings) -> None:
    s.generation.thinking_level = "high"
    s.generation.include_thoughts = True
    s.vad.push_to_talk = True
    s.vad.silence_duration_ms = 999  # irrelevant with manual turns: not sent
    s.tools.functions = _functions(
        FunctionDeclarationSettings(name="long_search", behavior="non_blocking")
    )


def _m31(s: Settings) -> None:
    s.model.response_modality = "TEXT"
    s.generation.thinking_level = "minimal"
    s.voice.voice = "Puck"  # text replies: no speech config
    s.vad.automatic = False
    s.vad.activity_handling = "interrupt"
    s.vad.turn_coverage = "only_activity"
    s.session.context_compression = False
    s.session.session_resumption = False
    s.transcription.input = False
    s.tools.functions = _functions(
        FunctionDeclarationSettings(name="lookup", behavior="blocking")  # never sent on 3.1
    )


def _m25(s: Settings) -> None:
    g = s.generation
    g.enable_affective_dialog = True
    g.proactive_audio = True
    g.thinking_budget = 256
    g.media_resolution = "low"
    s.voice.voice = "Aoede"
    s.vad.start_sensitivity, s.vad.end_sensitivity = "high", "low"
    s.vad.turn_coverage = "audio_activity_and_all_video"
    s.transcription.output = False
    s.session.compression_target_tokens = 20_000
    s.tools.functions = _functions(
        FunctionDeclarationSettings(name="fetch_weather", behavior="non_blocking")
    )


def _vertex(s: Settings) -> None:
    s.connection.auth = "api_key"  # express mode
    s.generation.thinking_budget = 0
    s.generation.media_resolution = "high"
    s.vad.explicit_vad_signal = True
    s.session.transparent_resumption = True
    s.tools.code_execution = True


CASES: dict[str, Case] = {
    "3.8-everything": Case(
        M38,
        _m38,
        {
            "generation_config.response_modalities": ["AUDIO"],
            "generation_config.temperature": 0.35,
            "generation_config.top_p": 0.8,
            "generation_config.top_k": 20,
            "generation_config.max_output_tokens": 512,
            "generation_config.seed": 1234,
            "generation_config.presence_penalty": 0.25,
            "generation_config.frequency_penalty": 0.5,
            "generation_config.media_resolution": "MEDIA_RESOLUTION_MEDIUM",
            "generation_config.speech_config": {
                "voice_config": {"prebuilt_voice_config": {"voice_name": "Charon"}},
                "language_code": "ja-JP",
            },
            "generation_config.thinking_config": ABSENT,
            "generation_config.enable_affective_dialog": ABSENT,
            "system_instruction.parts.0.text": "You are a terse ship's navigator.",
            "realtime_input_config": {
                "automatic_activity_detection": {
                    "start_of_speech_sensitivity": "START_SENSITIVITY_LOW",
                    "end_of_speech_sensitivity": "END_SENSITIVITY_HIGH",
                    "prefix_padding_ms": 120,
                    "silence_duration_ms": 640,
                },
                "activity_handling": "NO_INTERRUPTION",
                "turn_coverage": "TURN_INCLUDES_ALL_INPUT",
            },
            "input_audio_transcription": {},
            "output_audio_transcription": {},
            "context_window_compression": {
                "trigger_tokens": 90000,
                "sliding_window": {"target_tokens": 45000},
            },
            "session_resumption": {},
            "proactivity": ABSENT,
            "explicit_vad_signal": ABSENT,
            "tools": [
                {
                    "function_declarations": [
                        # Built-in tools, NON_BLOCKING: gemini-3.8-live allows it.
                        {
                            "name": "get_current_time",
                            "description": "Returns the user's local date, time and time zone.",
                            "behavior": "NON_BLOCKING",
                        },
                        {
                            "name": "get_clipboard_text",
                            "description": "Returns the text currently on the user's clipboard.",
                            "behavior": "NON_BLOCKING",
                        },
                        *(
                            {**LOCAL_TOOLS[key], "behavior": "NON_BLOCKING"}
                            for key in ("clipboard_write", "screenshot", "open_url", "notification")
                        ),
                        {
                            "name": "set_light",
                            "description": "Turns a light on or off.",
                            "parameters_json_schema": LIGHT_SCHEMA,
                            "behavior": "BLOCKING",
                        },
                        # "Automatic" behaviour: non-blocking where the model allows it.
                        {"name": "lookup", "behavior": "NON_BLOCKING"},
                    ]
                },
                {"google_search": {}},
            ],
        },
        {
            "model.response_modality",
            "model.system_instruction",
            "generation.temperature",
            "generation.top_p",
            "generation.top_k",
            "generation.max_output_tokens",
            "generation.seed",
            "generation.presence_penalty",
            "generation.frequency_penalty",
            "generation.media_resolution",
            "generation.proactive_audio",
            "voice.voice",
            "voice.language",
            "vad.automatic",
            "vad.start_sensitivity",
            "vad.end_sensitivity",
            "vad.prefix_padding_ms",
            "vad.silence_duration_ms",
            "vad.activity_handling",
            "vad.turn_coverage",
            "transcription.input",
            "transcription.output",
            "session.context_compression",
            "session.compression_trigger_tokens",
            "session.compression_target_tokens",
            "session.session_resumption",
            "tools.current_time",
            "tools.clipboard_text",
            "tools.clipboard_write",
            "tools.screenshot",
            "tools.open_url",
            "tools.notification",
            "tools.functions",
            "tools.google_search",
        },
        api_version="v1beta",
    ),
    "3.8-extended-thinking": Case(
        M38X,
        _m38x,
        {
            "generation_config.thinking_config": {
                "thinking_level": "HIGH",
                "include_thoughts": True,
            },
            "realtime_input_config": {"automatic_activity_detection": {"disabled": True}},
            "tools": [
                {"function_declarations": [{"name": "long_search", "behavior": "NON_BLOCKING"}]}
            ],
            "proactivity": ABSENT,
        },
        {
            "generation.thinking_level",
            "generation.include_thoughts",
            "vad.push_to_talk",
            "tools.functions",
        },
        api_version="v1beta",
    ),
    "3.1-text": Case(
        M31,
        _m31,
        {
            "generation_config.response_modalities": ["TEXT"],
            "generation_config.thinking_config": {"thinking_level": "MINIMAL"},
            "generation_config.speech_config": ABSENT,
            "realtime_input_config": {
                "automatic_activity_detection": {"disabled": True},
                "activity_handling": "START_OF_ACTIVITY_INTERRUPTS",
                "turn_coverage": "TURN_INCLUDES_ONLY_ACTIVITY",
            },
            "input_audio_transcription": ABSENT,
            "output_audio_transcription": ABSENT,
            "context_window_compression": ABSENT,
            "session_resumption": ABSENT,
            "tools": [{"function_declarations": [{"name": "lookup"}]}],
        },
        {
            "model.response_modality",
            "generation.thinking_level",
            "vad.automatic",
            "vad.activity_handling",
            "vad.turn_coverage",
            "session.context_compression",
            "session.session_resumption",
            "transcription.input",
            "transcription.output",
        },
        api_version="v1beta",
    ),
    "2.5-native-audio-v1alpha": Case(
        M25,
        _m25,
        {
            "generation_config.enable_affective_dialog": True,
            "generation_config.thinking_config": {"thinking_budget": 256},
            "generation_config.media_resolution": "MEDIA_RESOLUTION_LOW",
            "generation_config.speech_config": {
                "voice_config": {"prebuilt_voice_config": {"voice_name": "Aoede"}}
            },
            "proactivity": {"proactive_audio": True},
            "realtime_input_config": {
                "automatic_activity_detection": {
                    "start_of_speech_sensitivity": "START_SENSITIVITY_HIGH",
                    "end_of_speech_sensitivity": "END_SENSITIVITY_LOW",
                },
                "turn_coverage": "TURN_INCLUDES_AUDIO_ACTIVITY_AND_ALL_VIDEO",
            },
            "output_audio_transcription": ABSENT,
            "input_audio_transcription": {},
            "context_window_compression": {"sliding_window": {"target_tokens": 20000}},
            "tools": [
                {"function_declarations": [{"name": "fetch_weather", "behavior": "NON_BLOCKING"}]}
            ],
        },
        {
            "generation.enable_affective_dialog",
            "generation.proactive_audio",
            "generation.thinking_budget",
            "generation.media_resolution",
            "vad.start_sensitivity",
            "vad.end_sensitivity",
            "vad.turn_coverage",
            "transcription.output",
            "session.compression_target_tokens",
        },
        api_version="v1alpha",
    ),
    "vertex-express": Case(
        VERTEX,
        _vertex,
        {
            "generation_config.thinking_config": {"thinking_budget": 0},
            "generation_config.media_resolution": "MEDIA_RESOLUTION_HIGH",
            "generation_config.response_modalities": ["AUDIO"],
            "explicit_vad_signal": True,
            "session_resumption": {"transparent": True},
            "tools": [{"code_execution": {}}],
        },
        {
            "generation.thinking_budget",
            "generation.media_resolution",
            "vad.explicit_vad_signal",
            "session.transparent_resumption",
            "tools.code_execution",
        },
        api_version="v1beta1",
        endpoint="vertex_ai",
        key="vertex-express-key",
    ),
    "ephemeral-token": Case(
        M38,
        # Where the app would fetch tokens from: not on the wire, but a setting to round-trip.
        lambda s: setattr(s.connection, "token_url", "https://tokens.example.com/live"),
        {"generation_config.response_modalities": ["AUDIO"]},
        set(),
        api_version="v1alpha",
        key="auth_tokens/ephemeral-test-token",
        method="BidiGenerateContentConstrained",
    ),
}


def test_the_cases_cover_every_setting_that_goes_on_the_wire() -> None:
    wire = {
        p
        for p in _leaf_paths(Settings)
        if p not in NOT_IN_CONFIG and p.split(".")[0] not in NOT_IN_CONFIG_SECTIONS
    }
    covered = set().union(*(case.covers for case in CASES.values()))
    # The resumption handle is covered by test_resumption_handle_reaches_the_setup below.
    assert wire - covered == set()


def _settings_for(case: Case) -> Settings:
    s = Settings()
    s.model.name = case.model
    s.connection.endpoint = case.endpoint  # type: ignore[assignment]
    case.configure(s)
    assert [p for p in check_settings(s) if p.severity == "error"] == []
    return s


@pytest.mark.parametrize("name", list(CASES))
async def test_every_setting_reaches_the_captured_setup(emulator: Any, name: str) -> None:
    case = CASES[name]
    settings = _settings_for(case)
    client = build_client(
        settings, case.key, base_url=emulator.base_url, ca_cert=emulator.client_ssl_context()
    )
    config = settings.to_live_connect_config()
    with penalty_deprecation_silenced():
        async with client.aio.live.connect(model=settings.model.name, config=config) as session:
            assert session.session_id  # the emulator accepted every field
    (record,) = await emulator.wait_for_connections(1)
    assert record.api_version == case.api_version
    assert record.method == case.method
    assert record.close_code in (None, 1000), record.close_reason

    setup = normalise(emulator.setups[-1])
    assert setup["model"].endswith(case.model)
    expected = dict(case.expected)
    if "tools" in setup and "tools" in expected:
        # The SDK puts function declarations after the built-in tools; order carries no meaning.
        setup["tools"] = sorted(setup["tools"], key=json.dumps)
        expected["tools"] = sorted(expected["tools"], key=json.dumps)
    mismatches = {
        path: (_get(setup, path), value)
        for path, value in expected.items()
        if _get(setup, path) != value
    }
    assert mismatches == {}, f"setup was {setup}"


async def test_resumption_handle_reaches_the_setup(emulator: Any) -> None:
    settings = Settings()
    settings.model.name = M31
    settings.model.response_modality = "TEXT"
    settings.connection.endpoint = "offline_emulator"
    client = build_client(
        settings, "test-key", base_url=emulator.base_url, ca_cert=emulator.client_ssl_context()
    )

    async def first_handle(session: Any) -> str:
        # receive() stops at each turnComplete; the handle may follow it.
        while True:
            async for message in session.receive():
                update = message.session_resumption_update
                if update is not None and update.resumable and update.new_handle:
                    return str(update.new_handle)

    async with client.aio.live.connect(
        model=M31, config=settings.to_live_connect_config()
    ) as session:
        await session.send_realtime_input(text="Hello there")
        handle = await asyncio.wait_for(first_handle(session), 10)

    config = settings.to_live_connect_config(resumption_handle=handle)
    async with client.aio.live.connect(model=M31, config=config) as session:
        assert session.session_id
    records = await emulator.wait_for_connections(2)
    assert normalise(emulator.setups[-1])["session_resumption"] == {"handle": handle}
    assert records[1].session_handle_used == handle


async def test_the_socket_offers_no_compression(emulator: Any) -> None:
    # Base64 audio and JPEG hardly compress: deflating 75 messages a second only cost CPU
    # (about 3 points of a core in the UI benchmark). websockets offers it unless told not to.
    settings = Settings()
    client = build_client(
        settings, "key", base_url=emulator.base_url, ca_cert=emulator.client_ssl_context()
    )
    async with client.aio.live.connect(
        model=settings.model.name, config=settings.to_live_connect_config()
    ) as session:
        assert session.session_id
    (record,) = await emulator.wait_for_connections(1)
    assert record.extensions_offered is None
