"""Setup handshake, authentication, model table and field validation, through the real SDK."""

from __future__ import annotations

import logging
import uuid

import pytest
from google import genai
from google.genai import errors, types

from live_desktop.emulator import scenarios
from tests.conftest import make_client

MODEL = "gemini-3.8-live"


@pytest.mark.parametrize("api_version", ["v1", "v1beta", "v1alpha"])
async def test_setup_complete_carries_a_session_id_on_every_api_version(emulator, api_version):
    client = make_client(emulator, api_version=api_version)
    async with client.aio.live.connect(model=MODEL, config={"response_modalities": ["AUDIO"]}) as s:
        assert s.session_id
        uuid.UUID(s.session_id)
    (record,) = await emulator.wait_for_connections(1)
    assert record.api_version == api_version
    assert record.method == "BidiGenerateContent"
    assert record.model == f"models/{MODEL}"
    assert record.session_id == s.session_id
    assert emulator.setups[0]["generationConfig"]["responseModalities"] == ["AUDIO"]
    await emulator.wait_until(lambda: record.closed)
    assert record.close_code == 1000  # the client closed normally


async def test_ephemeral_token_uses_the_constrained_method(emulator):
    client = make_client(emulator, api_key="auth_tokens/abc123", api_version="v1alpha")
    async with client.aio.live.connect(model=MODEL) as session:
        assert session.session_id
    (record,) = emulator.connections
    assert record.method == "BidiGenerateContentConstrained"


async def test_vertex_express_mode_path_and_model_form(emulator):
    client = genai.Client(
        vertexai=True,
        api_key="vertex-key",
        http_options=types.HttpOptions(
            base_url=emulator.base_url,
            api_version="v1beta1",
            async_client_args={"ssl": emulator.client_ssl_context()},
        ),
    )
    async with client.aio.live.connect(model="gemini-live-2.5-flash-native-audio") as session:
        assert session.session_id
        await session.send_realtime_input(text="hi")
        async for message in session.receive():
            if message.usage_metadata:
                # Vertex names the output count candidatesTokenCount; the SDK maps it back.
                assert message.usage_metadata.response_token_count > 0
    (record,) = emulator.connections
    assert record.platform == "vertex"
    assert record.model.endswith("publishers/google/models/gemini-live-2.5-flash-native-audio")


async def test_gemini_model_is_unknown_on_vertex_and_vice_versa(emulator):
    with pytest.raises(errors.APIError) as caught:
        async with make_client(emulator).aio.live.connect(
            model="gemini-live-2.5-flash-native-audio"
        ):
            pass
    assert caught.value.code == 1008
    assert "is not found for API version v1beta" in str(caught.value.details)


async def test_bad_key_closes_1008_with_the_service_wording(emulator_factory):
    emu = await emulator_factory(bad_keys={"revoked"})
    with pytest.raises(errors.APIError) as caught:
        async with make_client(emu, api_key="revoked").aio.live.connect(model=MODEL):
            pass
    assert caught.value.code == 1008
    assert caught.value.details == scenarios.BAD_API_KEY
    assert str(caught.value) == f"1008 None. {scenarios.BAD_API_KEY}"
    # Other keys still work on the same emulator.
    async with make_client(emu, api_key="fine").aio.live.connect(model=MODEL) as session:
        assert session.session_id


async def test_missing_key_closes_1008_unregistered_callers(emulator):
    # The SDK always sends a key, so speak the protocol with a bare client.
    from websockets.asyncio.client import connect

    url = emulator.base_url.replace("https", "wss") + (
        "/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"
    )
    async with connect(url, ssl=emulator.client_ssl_context()) as ws:
        await ws.send('{"setup": {"model": "models/gemini-3.8-live"}}')
        await ws.wait_closed()
    assert ws.close_code == 1008
    assert ws.close_reason == scenarios.MISSING_KEY[:123]
    assert scenarios.MISSING_KEY.startswith(ws.close_reason)


async def test_unknown_model_closes_1008_truncated_to_123_bytes(emulator):
    with pytest.raises(errors.APIError) as caught:
        async with make_client(emulator).aio.live.connect(model="gemini-2.0-flash-live-001"):
            pass
    assert caught.value.code == 1008
    reason = caught.value.details
    assert reason.startswith(
        "models/gemini-2.0-flash-live-001 is not found for API version v1beta, or is not "
        "supported for bidiGenerateContent."
    )
    assert len(reason.encode()) <= 123


async def test_unknown_path_is_http_404(emulator):
    from websockets.asyncio.client import connect
    from websockets.exceptions import InvalidStatus

    with pytest.raises(InvalidStatus) as caught:
        async with connect(
            emulator.base_url.replace("https", "wss") + "/ws/nothing.here",
            ssl=emulator.client_ssl_context(),
        ):
            pass
    assert caught.value.response.status_code == 404


REJECTIONS = [
    # (model, api_version, config, words the close reason must contain)
    ("gemini-3.8-live", "v1beta", {"response_modalities": ["TEXT"]}, ["TEXT", "gemini-3.8-live"]),
    (
        "gemini-3.8-live",
        "v1beta",
        {"proactivity": {"proactive_audio": False}},
        ["proactiveAudio", "gemini-3.8-live"],
    ),
    (
        "gemini-3.8-live",
        "v1beta",
        {"enable_affective_dialog": True},
        ["enableAffectiveDialog", "gemini-3.8-live"],
    ),
    (
        "gemini-3.8-live",
        "v1beta",
        {"thinking_config": {"thinking_level": "LOW"}},
        ["thinkingConfig", "gemini-3.8-live"],
    ),
    (
        "gemini-3.1-flash-live-preview",
        "v1beta",
        {"proactivity": {"proactive_audio": True}},
        ["proactivity", "gemini-3.1-flash-live-preview"],
    ),
    (
        "gemini-3.1-flash-live-preview",
        "v1beta",
        {"enable_affective_dialog": True},
        ["enableAffectiveDialog", "gemini-3.1-flash-live-preview"],
    ),
    (
        "gemini-3.1-flash-live-preview",
        "v1beta",
        {"tools": [{"function_declarations": [{"name": "lookup", "behavior": "NON_BLOCKING"}]}]},
        ["NON_BLOCKING", "lookup", "gemini-3.1-flash-live-preview"],
    ),
    (
        "gemini-2.5-flash-native-audio-preview-12-2025",
        "v1beta",
        {"enable_affective_dialog": True},
        ["enableAffectiveDialog", "v1alpha"],
    ),
    (
        "gemini-2.5-flash-native-audio-preview-12-2025",
        "v1beta",
        {"proactivity": {"proactive_audio": True}},
        ["proactivity", "v1alpha"],
    ),
    (
        "gemini-2.5-flash-native-audio-preview-12-2025",
        "v1alpha",
        {"response_modalities": ["TEXT"]},
        ["TEXT", "gemini-2.5-flash-native-audio-preview-12-2025"],
    ),
    (
        "gemini-2.5-flash-native-audio-preview-12-2025",
        "v1alpha",
        {"thinking_config": {"thinking_level": "LOW"}},
        ["thinkingLevel", "gemini-2.5-flash-native-audio-preview-12-2025"],
    ),
    (
        "gemini-3.8-live",
        "v1beta",
        {"speech_config": {"voice_config": {"prebuilt_voice_config": {"voice_name": "Nobody"}}}},
        ["Nobody", "gemini-3.8-live"],
    ),
    # Code execution: "No" in the Gemini API's Live tools table (docs/tools.md).
    *(
        (model, "v1beta", {"tools": [{"code_execution": {}}]}, ["codeExecution", model])
        for model in (
            "gemini-3.8-live",
            "gemini-3.1-flash-live-preview",
            "gemini-2.5-flash-native-audio-preview-12-2025",
        )
    ),
]


@pytest.mark.parametrize(("model", "api_version", "config", "words"), REJECTIONS)
async def test_unsupported_setup_field_closes_1007_naming_field_and_model(
    emulator, model, api_version, config, words
):
    client = make_client(emulator, api_version=api_version)
    with pytest.raises(errors.APIError) as caught:
        async with client.aio.live.connect(model=model, config=config):
            pass
    assert caught.value.code == 1007
    for word in words:
        assert word in caught.value.details


ACCEPTED = [
    ("gemini-3.8-live", "v1beta", {"proactivity": {"proactive_audio": True}}),
    (
        "gemini-3.8-live",
        "v1beta",
        {"tools": [{"function_declarations": [{"name": "f", "behavior": "NON_BLOCKING"}]}]},
    ),
    ("gemini-3.8-live-extended-thinking", "v1beta", {"thinking_config": {"thinking_level": "LOW"}}),
    ("gemini-3.1-flash-live-preview", "v1beta", {"response_modalities": ["TEXT"]}),
    ("gemini-3.1-flash-live-preview", "v1beta", {"thinking_config": {"thinking_level": "HIGH"}}),
    (
        "gemini-2.5-flash-native-audio-preview-12-2025",
        "v1alpha",
        {"enable_affective_dialog": True, "proactivity": {"proactive_audio": True}},
    ),
    (
        "gemini-2.5-flash-native-audio-preview-12-2025",
        "v1beta",
        {"thinking_config": {"thinking_budget": 512}},
    ),
]


@pytest.mark.parametrize(("model", "api_version", "config"), ACCEPTED)
async def test_supported_settings_are_accepted(emulator, model, api_version, config):
    client = make_client(emulator, api_version=api_version)
    async with client.aio.live.connect(model=model, config=config) as session:
        assert session.session_id


async def test_full_setup_in_both_key_cases_is_accepted(emulator):
    """The SDK's mixed snake/camel setup (all common fields) passes on the default model."""
    config = types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        temperature=0.5,
        top_p=0.9,
        top_k=10,
        max_output_tokens=100,
        media_resolution="MEDIA_RESOLUTION_LOW",
        seed=3,
        speech_config=types.SpeechConfig(
            voice_config=types.VoiceConfig(
                prebuilt_voice_config=types.PrebuiltVoiceConfig(voice_name="Puck")
            ),
            language_code="en-US",
        ),
        system_instruction="be nice",
        tools=[
            {"google_search": {}},
            {"function_declarations": [{"name": "f", "behavior": "NON_BLOCKING"}]},
        ],
        session_resumption=types.SessionResumptionConfig(),
        input_audio_transcription={},
        output_audio_transcription={},
        realtime_input_config=types.RealtimeInputConfig(
            automatic_activity_detection=types.AutomaticActivityDetection(
                disabled=False,
                start_of_speech_sensitivity="START_SENSITIVITY_LOW",
                end_of_speech_sensitivity="END_SENSITIVITY_HIGH",
                prefix_padding_ms=40,
                silence_duration_ms=500,
            ),
            activity_handling="NO_INTERRUPTION",
        ),
        context_window_compression=types.ContextWindowCompressionConfig(
            trigger_tokens=10000, sliding_window=types.SlidingWindow(target_tokens=5000)
        ),
        proactivity={"proactive_audio": True},
    )
    async with make_client(emulator).aio.live.connect(model=MODEL, config=config) as session:
        assert session.session_id
    setup = emulator.setups[0]
    assert "realtimeInputConfig" in setup and "speechConfig" in setup["generationConfig"]


async def test_unknown_header_scenario_is_refused(emulator):
    client = make_client(emulator, headers={"x-emulator-scenario": "no-such-thing"})
    with pytest.raises(errors.APIError) as caught:
        async with client.aio.live.connect(model=MODEL):
            pass
    assert caught.value.code == 1008
    assert "no-such-thing" in caught.value.details


async def test_keys_never_reach_the_log_even_at_debug(emulator_factory, caplog):
    caplog.set_level(logging.DEBUG)
    emu = await emulator_factory(bad_keys={"bad-secret-456"})
    async with make_client(emu, api_key="good-secret-123").aio.live.connect(model=MODEL) as s:
        assert s.session_id
    with pytest.raises(errors.APIError):
        async with make_client(emu, api_key="bad-secret-456").aio.live.connect(model=MODEL):
            pass
    emulator_lines = [r for r in caplog.records if r.name.startswith("live_desktop.emulator")]
    assert any("x-goog-api-key" in r.getMessage().lower() for r in emulator_lines)  # headers seen
    text = "\n".join(r.getMessage() for r in emulator_lines)
    assert "good-secret-123" not in text and "bad-secret-456" not in text
