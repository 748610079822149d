"""Model profiles: a setting the chosen model rejects is reported and never reaches the wire."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from live_desktop.core import profiles
from live_desktop.core.profiles import PROFILES, fixed_value, get_profile, supported
from live_desktop.core.settings import (
    FunctionDeclarationSettings,
    Settings,
    SettingsError,
    check_settings,
    function_behaviors,
)

M38 = "gemini-3.8-live"
M38X = "gemini-3.8-live-extended-thinking"
M31 = "gemini-3.1-flash-live-preview"
M25 = "gemini-2.5-flash-native-audio-preview-12-2025"
VERTEX = "gemini-live-2.5-flash-native-audio"

Mutation = Callable[[Settings], None]


def _for(model: str) -> Settings:
    s = Settings()
    s.model.name = model
    if model == VERTEX:
        s.connection.endpoint = "vertex_ai"
        s.connection.auth = "google_credentials"
        s.connection.vertex_project = "my-project"
    return s


def _set(path: str, value: object) -> Mutation:
    section, name = path.split(".")

    def apply(s: Settings) -> None:
        setattr(getattr(s, section), name, value)

    return apply


def _function(behavior: str) -> Mutation:
    def apply(s: Settings) -> None:
        s.tools.functions = [
            FunctionDeclarationSettings(name="lookup"),
            FunctionDeclarationSettings(name="set_light", behavior=behavior),  # type: ignore[arg-type]
        ]

    return apply


AFFECTIVE = ("generation.enable_affective_dialog", _set("generation.enable_affective_dialog", True))
PROACTIVE = ("generation.proactive_audio", _set("generation.proactive_audio", True))
LEVEL = ("generation.thinking_level", _set("generation.thinking_level", "low"))
MINIMAL = ("generation.thinking_level", _set("generation.thinking_level", "minimal"))
BUDGET = ("generation.thinking_budget", _set("generation.thinking_budget", 128))
THOUGHTS = ("generation.include_thoughts", _set("generation.include_thoughts", True))
TEXT = ("model.response_modality", _set("model.response_modality", "TEXT"))
CODE = ("tools.code_execution", _set("tools.code_execution", True))
TRANSPARENT = ("session.transparent_resumption", _set("session.transparent_resumption", True))
EXPLICIT_VAD = ("vad.explicit_vad_signal", _set("vad.explicit_vad_signal", True))
NON_BLOCKING = ("tools.functions[1].behavior", _function("non_blocking"))
BLOCKING = ("tools.functions[1].behavior", _function("blocking"))

REJECTED: dict[str, list[tuple[str, Mutation]]] = {
    M38: [AFFECTIVE, LEVEL, BUDGET, THOUGHTS, TEXT, CODE, TRANSPARENT, EXPLICIT_VAD],
    M38X: [AFFECTIVE, MINIMAL, BUDGET, TEXT, CODE, BLOCKING, TRANSPARENT, EXPLICIT_VAD],
    M31: [AFFECTIVE, PROACTIVE, BUDGET, NON_BLOCKING, CODE, TRANSPARENT, EXPLICIT_VAD],
    M25: [LEVEL, TEXT, CODE, TRANSPARENT, EXPLICIT_VAD],
    VERTEX: [LEVEL, TEXT],
}
CASES = [(model, setting, mutate) for model, items in REJECTED.items() for setting, mutate in items]


def test_every_profile_has_rejection_cases() -> None:
    assert set(REJECTED) == set(PROFILES)


@pytest.mark.parametrize(
    ("model", "setting", "mutate"), CASES, ids=[f"{m}:{s}" for m, s, _ in CASES]
)
def test_rejected_setting_is_reported_and_never_sent(
    model: str, setting: str, mutate: Mutation
) -> None:
    s = _for(model)
    assert [p for p in check_settings(s) if p.severity == "error"] == []
    mutate(s)

    errors = [p for p in check_settings(s) if p.severity == "error"]
    assert [(p.setting, p.model) for p in errors] == [(setting, model)]
    assert model in errors[0].message

    with pytest.raises(SettingsError) as raised:
        s.to_live_connect_config()
    assert [(p.setting, p.model) for p in raised.value.problems] == [(setting, model)]
    assert model in str(raised.value)


@pytest.mark.parametrize("model", [M38, M38X])
def test_proactive_audio_is_fixed_on_for_3_8_and_never_sent(model: str) -> None:
    assert supported(model, "generation.proactive_audio") == (
        False,
        f"{model} always has proactive audio on",
    )
    assert fixed_value(model, "generation.proactive_audio") is True
    for value in (True, False):
        s = _for(model)
        s.generation.proactive_audio = value
        assert check_settings(s) == []
        assert s.to_live_connect_config().proactivity is None


def test_3_1_never_sends_a_function_behavior() -> None:
    s = _for(M31)
    _function("blocking")(s)
    declarations = s.to_live_connect_config().tools[0].function_declarations  # type: ignore[index, union-attr]
    assert [d.behavior for d in declarations] == [None, None]  # type: ignore[union-attr]


def test_3_8_calls_non_blocking_unless_told() -> None:
    s = _for(M38)
    _function("blocking")(s)
    declarations = s.to_live_connect_config().tools[0].function_declarations  # type: ignore[index, union-attr]
    assert [d.behavior for d in declarations] == ["NON_BLOCKING", "BLOCKING"]  # type: ignore[union-attr]
    assert PROFILES[M38].default_function_behavior == "NON_BLOCKING"
    assert function_behaviors(s) == {"lookup": "NON_BLOCKING", "set_light": "BLOCKING"}


@pytest.mark.parametrize(
    ("model", "sent", "used"),
    [
        # Blocking by default, but it accepts NON_BLOCKING: "automatic" asks for it.
        (M25, "NON_BLOCKING", "NON_BLOCKING"),
        # Blocking only: nothing is sent.
        (M31, None, "BLOCKING"),
        # Non-blocking is not documented there: nothing is sent, the model's default holds.
        (VERTEX, None, "BLOCKING"),
        # Unknown: nothing it might reject.
        ("gemini-9-live-experimental", None, "BLOCKING"),
    ],
)
def test_automatic_behaviour_is_non_blocking_only_where_the_model_allows_it(
    model: str, sent: str | None, used: str
) -> None:
    s = _for(model)
    s.tools.current_time = True
    s.tools.functions = [FunctionDeclarationSettings(name="lookup")]
    declarations = s.to_live_connect_config().tools[0].function_declarations  # type: ignore[index, union-attr]
    assert [d.behavior for d in declarations] == [sent, sent]  # type: ignore[union-attr]
    assert function_behaviors(s) == {"get_current_time": used, "lookup": used}


def test_unknown_model_is_a_warning_and_everything_is_sent() -> None:
    s = _for("gemini-9-live-experimental")
    s.generation.enable_affective_dialog = True
    s.generation.proactive_audio = True
    s.generation.thinking_level = "medium"
    s.generation.thinking_budget = 64
    s.model.response_modality = "TEXT"
    s.tools.code_execution = True
    _function("non_blocking")(s)
    problems = check_settings(s)
    assert [(p.setting, p.model, p.severity) for p in problems] == [
        ("model.name", "gemini-9-live-experimental", "warning")
    ]
    config = s.to_live_connect_config()
    assert config.enable_affective_dialog is True
    assert config.proactivity is not None and config.proactivity.proactive_audio is True
    assert config.thinking_config is not None
    assert config.thinking_config.thinking_level == "MEDIUM"
    assert config.thinking_config.thinking_budget == 64
    assert config.response_modalities == ["TEXT"]
    assert s.api_version() == "v1beta"
    assert supported("gemini-9-live-experimental", "generation.enable_affective_dialog")[0]


@pytest.mark.parametrize(
    ("affective", "proactive", "version"),
    [(False, False, "v1beta"), (True, False, "v1alpha"), (False, True, "v1alpha")],
)
def test_2_5_native_audio_picks_v1alpha_for_affective_or_proactive(
    affective: bool, proactive: bool, version: str
) -> None:
    s = _for(M25)
    s.generation.enable_affective_dialog = affective
    s.generation.proactive_audio = proactive
    assert s.api_version() == version
    assert check_settings(s) == []


def test_2_5_pinned_to_v1beta_cannot_carry_affective_dialog() -> None:
    s = _for(M25)
    s.connection.api_version = "v1beta"
    s.generation.enable_affective_dialog = True
    errors = check_settings(s)
    assert [(p.setting, p.model) for p in errors] == [("generation.enable_affective_dialog", M25)]
    assert "v1alpha" in errors[0].message
    with pytest.raises(SettingsError):
        s.to_live_connect_config()


@pytest.mark.parametrize(
    ("model", "version"), [(M38, "v1beta"), (M38X, "v1beta"), (M31, "v1beta"), (VERTEX, "v1beta1")]
)
def test_api_version_is_always_pinned(model: str, version: str) -> None:
    assert _for(model).api_version() == version


def test_ephemeral_tokens_pin_v1alpha() -> None:
    assert _for(M38).api_version("auth_tokens/abc") == "v1alpha"
    s = _for(M38)
    s.connection.auth = "ephemeral_token"
    assert s.api_version() == "v1alpha"
    s.connection.api_version = "v1beta"
    assert [p.setting for p in check_settings(s)] == ["connection.api_version"]


@pytest.mark.parametrize("model", [M38, M38X, M31, M25])
def test_gemini_api_models_are_refused_on_vertex(model: str) -> None:
    s = _for(model)
    s.connection.endpoint = "vertex_ai"
    s.connection.auth = "google_credentials"
    s.connection.vertex_project = "p"
    assert [(p.setting, p.model) for p in check_settings(s)] == [("connection.endpoint", model)]


@pytest.mark.parametrize("endpoint", ["gemini_api", "custom", "offline_emulator"])
def test_the_vertex_model_is_refused_off_vertex(endpoint: str) -> None:
    s = Settings()
    s.model.name = VERTEX
    s.connection.endpoint = endpoint  # type: ignore[assignment]
    s.connection.custom_base_url = "https://proxy.example.com"
    errors = check_settings(s)
    assert [(p.setting, p.model) for p in errors] == [("connection.endpoint", VERTEX)]
    assert "Vertex AI" in errors[0].message


@pytest.mark.parametrize("setting", ["session.transparent_resumption", "vad.explicit_vad_signal"])
def test_vertex_only_fields_are_refused_on_the_gemini_api_even_for_unknown_models(
    setting: str,
) -> None:
    s = _for("some-future-live-model")
    _set(setting, True)(s)
    errors = [p for p in check_settings(s) if p.severity == "error"]
    assert [p.setting for p in errors] == [setting]
    with pytest.raises(SettingsError):
        s.to_live_connect_config()


def test_vertex_only_fields_are_sent_on_vertex() -> None:
    s = _for(VERTEX)
    s.session.transparent_resumption = True
    s.vad.explicit_vad_signal = True
    config = s.to_live_connect_config(resumption_handle="h")
    assert config.explicit_vad_signal is True
    assert config.session_resumption is not None
    assert config.session_resumption.transparent is True
    assert config.session_resumption.handle == "h"


def test_language_not_on_native_audio_is_a_warning_and_still_sent() -> None:
    s = _for(M38)
    s.voice.language = "en-GB"
    problems = check_settings(s)
    assert [(p.setting, p.model, p.severity) for p in problems] == [
        ("voice.language", M38, "warning")
    ]
    config = s.to_live_connect_config()
    assert config.speech_config is not None and config.speech_config.language_code == "en-GB"
    s.voice.language = "pt-BR"
    assert check_settings(s) == []


def test_text_is_fine_on_the_3_1_preview() -> None:
    s = _for(M31)
    s.model.response_modality = "TEXT"
    s.generation.thinking_level = "minimal"
    assert check_settings(s) == []


def test_extended_thinking_accepts_levels_and_async_functions() -> None:
    s = _for(M38X)
    s.generation.thinking_level = "medium"
    s.generation.include_thoughts = True
    _function("non_blocking")(s)
    assert check_settings(s) == []


def test_vertex_non_blocking_is_only_a_warning() -> None:
    s = _for(VERTEX)
    _function("non_blocking")(s)
    assert [(p.setting, p.severity) for p in check_settings(s)] == [
        ("tools.functions[1].behavior", "warning")
    ]


def test_duplicate_function_names_are_refused() -> None:
    s = _for(M38)
    s.tools.current_time = True
    s.tools.functions = [FunctionDeclarationSettings(name="get_current_time")]
    assert [p.setting for p in check_settings(s)] == ["tools.functions[0].name"]


def test_supported_gives_tooltips() -> None:
    assert supported(M38, "generation.enable_affective_dialog") == (
        False,
        "Affective dialog was removed from gemini-3.8-live",
    )
    assert supported(M25, "generation.enable_affective_dialog")[0] is True
    assert "v1alpha" in supported(M25, "generation.enable_affective_dialog")[1]
    assert supported(M31, "model.response_modality", "TEXT") == (True, "")
    ok, reason = supported(M38, "model.response_modality", "TEXT")
    assert not ok and "audio only" in reason
    assert supported(M38, "model.response_modality", "AUDIO")[0]
    assert supported(M31, profiles.FUNCTION_BEHAVIOR, "non_blocking")[0] is False
    assert supported(get_profile(M38) or M38, "generation.temperature") == (True, "")
    assert supported(f"models/{M31}", "generation.proactive_audio")[0] is False


def test_profiles_describe_themselves() -> None:
    for name, profile in PROFILES.items():
        assert profile.name == name and profile.display_name
        assert profile.endpoints and profile.modalities
        assert profile.default_api_version in ("v1alpha", "v1beta", "v1", "v1beta1")
    assert PROFILES[M31].modalities == {"AUDIO", "TEXT"}
    assert PROFILES[M38].modalities == {"AUDIO"}
    assert PROFILES[VERTEX].endpoints == {"vertex_ai"}
    assert get_profile(f"models/{M38}") is PROFILES[M38]
    assert get_profile("nope") is None
