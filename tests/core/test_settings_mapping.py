"""Every settings field maps to the right LiveConnectConfig value (and, for the tricky ones,
to the right key of the setup message the real SDK builds)."""

from __future__ import annotations

import asyncio
import json
import warnings
from typing import Any

import pytest
from google import genai
from google.genai import _common, _live_converters, live, types

from live_desktop.core.settings import (
    LOCAL_TOOLS,
    FunctionDeclarationSettings,
    Settings,
    penalty_deprecation_silenced,
)

M38 = "gemini-3.8-live"
M38X = "gemini-3.8-live-extended-thinking"
M31 = "gemini-3.1-flash-live-preview"
M25 = "gemini-2.5-flash-native-audio-preview-12-2025"
VERTEX = "gemini-live-2.5-flash-native-audio"


def _settings(model: str = M38, **values: Any) -> Settings:
    s = Settings()
    s.model.name = model
    if model == VERTEX:
        s.connection.endpoint = "vertex_ai"
        s.connection.auth = "google_credentials"
        s.connection.vertex_project = "my-project"
    for path, value in values.items():
        section, name = path.split("__")
        setattr(getattr(s, section), name, value)
    return s


def _dump(config: types.LiveConnectConfig) -> dict[str, Any]:
    return config.model_dump(mode="json", exclude_none=True)


def _get(data: Any, path: str) -> Any:
    for part in path.split("."):
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


def _function(name: str = "set_light", **kw: Any) -> FunctionDeclarationSettings:
    return FunctionDeclarationSettings(name=name, **kw)


_LIGHT_SCHEMA = {
    "type": "object",
    "properties": {"on": {"type": "boolean"}, "room": {"type": "string"}},
    "required": ["on"],
}

# (settings path covered, model, values, config path, expected value)
CASES: list[tuple[str, str, dict[str, Any], str, Any]] = [
    ("model.response_modality", M31, {"model__response_modality": "TEXT"},
     "response_modalities", ["TEXT"]),
    ("model.response_modality", M38, {}, "response_modalities", ["AUDIO"]),
    ("model.system_instruction", M38, {"model__system_instruction": "Be brief."},
     "system_instruction", "Be brief."),
    ("generation.temperature", M38, {"generation__temperature": 0.4}, "temperature", 0.4),
    ("generation.top_p", M38, {"generation__top_p": 0.9}, "top_p", 0.9),
    ("generation.top_k", M38, {"generation__top_k": 32}, "top_k", 32),
    ("generation.max_output_tokens", M38, {"generation__max_output_tokens": 1024},
     "max_output_tokens", 1024),
    ("generation.presence_penalty", M38, {"generation__presence_penalty": 0.5},
     "generation_config.presence_penalty", 0.5),
    ("generation.frequency_penalty", M38, {"generation__frequency_penalty": -0.25},
     "generation_config.frequency_penalty", -0.25),
    ("generation.seed", M38, {"generation__seed": 42}, "seed", 42),
    ("generation.media_resolution", M38, {"generation__media_resolution": "low"},
     "media_resolution", "MEDIA_RESOLUTION_LOW"),
    ("generation.media_resolution", M38, {"generation__media_resolution": "medium"},
     "media_resolution", "MEDIA_RESOLUTION_MEDIUM"),
    ("generation.media_resolution", M38, {"generation__media_resolution": "high"},
     "media_resolution", "MEDIA_RESOLUTION_HIGH"),
    ("generation.enable_affective_dialog", M25, {"generation__enable_affective_dialog": True},
     "enable_affective_dialog", True),
    ("generation.proactive_audio", M25, {"generation__proactive_audio": True},
     "proactivity", {"proactive_audio": True}),
    ("generation.thinking_level", M31, {"generation__thinking_level": "minimal"},
     "thinking_config", {"thinking_level": "MINIMAL"}),
    ("generation.thinking_level", M38X, {"generation__thinking_level": "high"},
     "thinking_config", {"thinking_level": "HIGH"}),
    ("generation.thinking_budget", M25, {"generation__thinking_budget": 256},
     "thinking_config", {"thinking_budget": 256}),
    ("generation.thinking_budget", M25, {"generation__thinking_budget": 0},
     "thinking_config", {"thinking_budget": 0}),
    ("generation.include_thoughts", M25, {"generation__include_thoughts": True},
     "thinking_config", {"include_thoughts": True}),
    ("voice.voice", M38, {"voice__voice": "Kore"},
     "speech_config", {"voice_config": {"prebuilt_voice_config": {"voice_name": "Kore"}}}),
    ("voice.language", M38, {"voice__language": "de-DE"},
     "speech_config", {"language_code": "de-DE"}),
    ("vad.automatic", M38, {"vad__automatic": False},
     "realtime_input_config", {"automatic_activity_detection": {"disabled": True}}),
    ("vad.push_to_talk", M38, {"vad__push_to_talk": True},
     "realtime_input_config", {"automatic_activity_detection": {"disabled": True}}),
    ("vad.start_sensitivity", M38, {"vad__start_sensitivity": "high"},
     "realtime_input_config.automatic_activity_detection.start_of_speech_sensitivity",
     "START_SENSITIVITY_HIGH"),
    ("vad.start_sensitivity", M38, {"vad__start_sensitivity": "low"},
     "realtime_input_config.automatic_activity_detection.start_of_speech_sensitivity",
     "START_SENSITIVITY_LOW"),
    ("vad.end_sensitivity", M38, {"vad__end_sensitivity": "high"},
     "realtime_input_config.automatic_activity_detection.end_of_speech_sensitivity",
     "END_SENSITIVITY_HIGH"),
    ("vad.end_sensitivity", M38, {"vad__end_sensitivity": "low"},
     "realtime_input_config.automatic_activity_detection.end_of_speech_sensitivity",
     "END_SENSITIVITY_LOW"),
    ("vad.prefix_padding_ms", M38, {"vad__prefix_padding_ms": 300},
     "realtime_input_config.automatic_activity_detection.prefix_padding_ms", 300),
    ("vad.silence_duration_ms", M38, {"vad__silence_duration_ms": 0},
     "realtime_input_config.automatic_activity_detection.silence_duration_ms", 0),
    ("vad.activity_handling", M38, {"vad__activity_handling": "interrupt"},
     "realtime_input_config", {"activity_handling": "START_OF_ACTIVITY_INTERRUPTS"}),
    ("vad.activity_handling", M38, {"vad__activity_handling": "no_interruption"},
     "realtime_input_config", {"activity_handling": "NO_INTERRUPTION"}),
    ("vad.turn_coverage", M38, {"vad__turn_coverage": "only_activity"},
     "realtime_input_config", {"turn_coverage": "TURN_INCLUDES_ONLY_ACTIVITY"}),
    ("vad.turn_coverage", M38, {"vad__turn_coverage": "all_input"},
     "realtime_input_config", {"turn_coverage": "TURN_INCLUDES_ALL_INPUT"}),
    ("vad.turn_coverage", M38, {"vad__turn_coverage": "audio_activity_and_all_video"},
     "realtime_input_config", {"turn_coverage": "TURN_INCLUDES_AUDIO_ACTIVITY_AND_ALL_VIDEO"}),
    ("vad.explicit_vad_signal", VERTEX, {"vad__explicit_vad_signal": True},
     "explicit_vad_signal", True),
    ("transcription.input", M38, {}, "input_audio_transcription", {}),
    ("transcription.output", M38, {}, "output_audio_transcription", {}),
    ("session.context_compression", M38, {}, "context_window_compression",
     {"sliding_window": {}}),
    ("session.compression_trigger_tokens", M38,
     {"session__compression_trigger_tokens": 64000, "session__compression_target_tokens": 32000},
     "context_window_compression",
     {"trigger_tokens": 64000, "sliding_window": {"target_tokens": 32000}}),
    ("session.compression_target_tokens", M38, {"session__compression_target_tokens": 16000},
     "context_window_compression", {"sliding_window": {"target_tokens": 16000}}),
    ("session.session_resumption", M38, {}, "session_resumption", {}),
    ("session.transparent_resumption", VERTEX, {"session__transparent_resumption": True},
     "session_resumption", {"transparent": True}),
    ("tools.current_time", M38, {"tools__current_time": True},
     "tools.0.function_declarations.0.name", "get_current_time"),
    ("tools.clipboard_text", M38, {"tools__clipboard_text": True},
     "tools.0.function_declarations.0.name", "get_clipboard_text"),
    ("tools.clipboard_write", M38, {"tools__clipboard_write": True},
     "tools.0.function_declarations.0",
     {"name": "set_clipboard_text", "behavior": "NON_BLOCKING",
      "description": "Puts text on the user's clipboard (the user is asked first).",
      "parameters_json_schema": {"type": "object", "required": ["text"],
                                 "properties": {"text": {"type": "string",
                                                         "description": "The text to copy"}}}}),
    ("tools.screenshot", M38, {"tools__screenshot": True},
     "tools.0.function_declarations.0.name", "take_screenshot"),
    ("tools.open_url", M38, {"tools__open_url": True},
     "tools.0.function_declarations.0.parameters_json_schema.required", ["url"]),
    ("tools.notification", M31, {"tools__notification": True},
     "tools.0.function_declarations.0",
     {"name": "show_notification", "description": "Shows the user a desktop notification.",
      "parameters_json_schema": LOCAL_TOOLS["notification"]["parameters_json_schema"]}),
    ("tools.functions", M38,
     {"tools__functions": [_function(description="Turns a light on or off.",
                                     parameters=_LIGHT_SCHEMA, behavior="blocking")]},
     "tools.0.function_declarations.0",
     {"name": "set_light", "description": "Turns a light on or off.",
      "parameters_json_schema": _LIGHT_SCHEMA, "behavior": "BLOCKING"}),
    ("tools.google_search", M38, {"tools__google_search": True},
     "tools.0", {"google_search": {}}),
    ("tools.code_execution", VERTEX, {"tools__code_execution": True},
     "tools.0", {"code_execution": {}}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("covered", "model", "values", "path", "expected"),
    CASES,
    ids=[f"{c[0]}={c[4]!s:.30}" for c in CASES],
)
def test_setting_maps_to_config(
    covered: str, model: str, values: dict[str, Any], path: str, expected: Any
) -> None:
    config = _dump(_settings(model, **values).to_live_connect_config())
    assert _get(config, path) == expected


# Fields that never go into LiveConnectConfig: the client, the devices and the window use them.
NOT_IN_CONFIG = {
    "schema_version",
    "model.name",  # the model argument of connect()
    "connection.endpoint",
    "connection.auth",
    "connection.api_version",
    "connection.vertex_project",
    "connection.vertex_location",
    "connection.custom_base_url",
    "connection.token_url",  # where the app fetches ephemeral tokens
}
NOT_IN_CONFIG_SECTIONS = {"audio", "video", "ui", "recording"}


def _leaf_paths(model: type, prefix: str = "") -> list[str]:
    paths: list[str] = []
    for name, info in model.model_fields.items():  # type: ignore[attr-defined]
        annotation = info.annotation
        if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
            paths += _leaf_paths(annotation, f"{prefix}{name}.")
        else:
            paths.append(prefix + name)
    return paths


def test_every_wire_setting_has_a_mapping_case() -> None:
    covered = {case[0] for case in CASES}
    wire = {
        p
        for p in _leaf_paths(Settings)
        if p not in NOT_IN_CONFIG and p.split(".")[0] not in NOT_IN_CONFIG_SECTIONS
    }
    assert wire - covered == set(), "add a mapping case for these settings"


def test_defaults_send_only_what_the_issue_asks_for() -> None:
    assert _dump(Settings().to_live_connect_config()) == {
        "response_modalities": ["AUDIO"],
        "session_resumption": {},
        "input_audio_transcription": {},
        "output_audio_transcription": {},
        "context_window_compression": {"sliding_window": {}},
    }


def test_resumption_handle_is_sent() -> None:
    config = Settings().to_live_connect_config(resumption_handle="handle-123")
    assert config.session_resumption == types.SessionResumptionConfig(handle="handle-123")


def test_off_switches_remove_their_config() -> None:
    s = _settings(
        transcription__input=False,
        transcription__output=False,
        session__context_compression=False,
        session__session_resumption=False,
    )
    config = _dump(s.to_live_connect_config())
    for key in (
        "input_audio_transcription",
        "output_audio_transcription",
        "context_window_compression",
        "session_resumption",
    ):
        assert key not in config


def test_text_replies_carry_no_voice_and_no_output_transcription() -> None:
    s = _settings(M31, model__response_modality="TEXT", voice__voice="Puck")
    s.voice.language = "fr-FR"
    config = _dump(s.to_live_connect_config())
    assert config["response_modalities"] == ["TEXT"]
    assert "speech_config" not in config and "output_audio_transcription" not in config
    assert config["input_audio_transcription"] == {}


def test_manual_turns_send_only_disabled() -> None:
    s = _settings(vad__push_to_talk=True, vad__start_sensitivity="low", vad__prefix_padding_ms=10)
    config = _dump(s.to_live_connect_config())
    assert config["realtime_input_config"] == {"automatic_activity_detection": {"disabled": True}}


def test_disabled_functions_are_not_declared() -> None:
    s = _settings(tools__functions=[_function(enabled=False)])
    assert "tools" not in _dump(s.to_live_connect_config())


def test_all_tools_go_out_together() -> None:
    s = _settings(
        VERTEX,
        tools__current_time=True,
        tools__functions=[_function(parameters=_LIGHT_SCHEMA)],
        tools__google_search=True,
        tools__code_execution=True,
    )
    tools = _dump(s.to_live_connect_config())["tools"]
    assert [d["name"] for d in tools[0]["function_declarations"]] == [
        "get_current_time",
        "set_light",
    ]
    assert tools[1:] == [{"google_search": {}}, {"code_execution": {}}]


def test_unset_generation_parameters_are_not_sent() -> None:
    config = _dump(Settings().to_live_connect_config())
    for key in (
        "temperature",
        "top_p",
        "top_k",
        "max_output_tokens",
        "seed",
        "media_resolution",
        "generation_config",
        "thinking_config",
        "speech_config",
        "enable_affective_dialog",
        "proactivity",
        "explicit_vad_signal",
        "realtime_input_config",
        "tools",
        "system_instruction",
    ):
        assert key not in config


# ------------------------------------------------------------- the setup the SDK really builds
def _setup_json(config: types.LiveConnectConfig, model: str = M38) -> dict[str, Any]:
    """The setup message exactly as ``client.aio.live.connect`` serialises it (Gemini API)."""
    client = genai.Client(api_key="k", http_options=types.HttpOptions(api_version="v1beta"))
    api = client._api_client
    with penalty_deprecation_silenced():
        parameter_model = asyncio.run(live._t_live_connect_config(api, config))
    request = _common.convert_to_dict(
        _live_converters._LiveConnectParameters_to_mldev(
            api_client=api,
            from_object=types.LiveConnectParameters(
                model=f"models/{model}", config=parameter_model
            ).model_dump(exclude_none=True),
        )
    )
    del request["config"]
    setup: dict[str, Any] = json.loads(json.dumps(_common.encode_unserializable_types(request)))[
        "setup"
    ]
    return setup


def test_penalties_reach_setup_generation_config_next_to_the_other_fields() -> None:
    s = _settings(
        generation__presence_penalty=0.5,
        generation__frequency_penalty=-0.25,
        generation__temperature=0.3,
        generation__seed=7,
        voice__voice="Puck",
    )
    generation = _setup_json(s.to_live_connect_config())["generationConfig"]
    assert generation["presence_penalty"] == 0.5
    assert generation["frequency_penalty"] == -0.25
    assert generation["temperature"] == 0.3
    assert generation["seed"] == 7
    assert generation["responseModalities"] == ["AUDIO"]
    assert generation["speechConfig"]["voice_config"]["prebuilt_voice_config"] == {
        "voice_name": "Puck"
    }


def test_without_penalties_no_generation_config_is_set() -> None:
    config = _settings(generation__temperature=0.3).to_live_connect_config()
    assert config.generation_config is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _setup_json(config)


def test_the_sdk_warns_about_generation_config_and_the_helper_silences_only_that() -> None:
    config = _settings(generation__presence_penalty=0.1).to_live_connect_config()
    client = genai.Client(api_key="k", http_options=types.HttpOptions(api_version="v1beta"))
    with pytest.warns(DeprecationWarning, match="generation_config"):
        asyncio.run(live._t_live_connect_config(client._api_client, config))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with penalty_deprecation_silenced():
            asyncio.run(live._t_live_connect_config(client._api_client, config))
            with pytest.raises(DeprecationWarning, match="something else"):
                warnings.warn("something else", DeprecationWarning, stacklevel=1)


def test_setup_message_for_a_full_2_5_session() -> None:
    s = _settings(
        M25,
        generation__enable_affective_dialog=True,
        generation__proactive_audio=True,
        generation__thinking_budget=128,
        vad__silence_duration_ms=500,
        tools__functions=[_function(parameters=_LIGHT_SCHEMA, behavior="non_blocking")],
        tools__google_search=True,
    )
    setup = _setup_json(s.to_live_connect_config(resumption_handle="h1"), M25)
    assert setup["model"] == f"models/{M25}"
    assert setup["generationConfig"]["enableAffectiveDialog"] is True
    assert setup["generationConfig"]["thinkingConfig"] == {"thinking_budget": 128}
    assert setup["proactivity"] == {"proactive_audio": True}
    assert setup["sessionResumption"] == {"handle": "h1"}
    assert setup["contextWindowCompression"] == {"sliding_window": {}}
    assert setup["realtimeInputConfig"] == {
        "automatic_activity_detection": {"silence_duration_ms": 500}
    }
    declarations = next(t for t in setup["tools"] if "functionDeclarations" in t)
    assert declarations["functionDeclarations"] == [
        {"name": "set_light", "parameters_json_schema": _LIGHT_SCHEMA, "behavior": "NON_BLOCKING"}
    ]
    assert {"googleSearch": {}} in setup["tools"]
