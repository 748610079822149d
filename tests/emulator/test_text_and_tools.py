"""Text turns in both modalities, client-content history, and function calls."""

from __future__ import annotations

import pytest
from google.genai import types

from tests.conftest import make_client
from tests.emulator.helpers import receive_turn, receive_until

TEXT_MODEL = "gemini-3.1-flash-live-preview"  # the model that answers in TEXT
WEATHER = {
    "name": "get_weather",
    "description": "Weather for a city",
    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
}


async def test_text_turn_in_text_modality(emulator):
    config = {"response_modalities": ["TEXT"]}
    async with make_client(emulator).aio.live.connect(model=TEXT_MODEL, config=config) as s:
        await s.send_realtime_input(text="hello there")
        turn = await receive_turn(s)
    assert turn.model_text == "You said: hello there (turn 1 of this conversation)"
    assert not turn.audio
    usage = turn.usage
    assert {d.modality.value for d in usage.response_tokens_details} == {"TEXT"}
    assert usage.response_token_count == pytest.approx(len(turn.model_text) / 4, abs=1)


async def test_text_turn_in_audio_modality_is_a_chime_with_transcript(emulator):
    config = {"response_modalities": ["AUDIO"], "output_audio_transcription": {}}
    async with make_client(emulator).aio.live.connect(model="gemini-3.8-live", config=config) as s:
        await s.send_client_content(
            turns=types.Content(role="user", parts=[types.Part(text="what time is it")])
        )
        turn = await receive_turn(s)
    assert turn.text("output_transcription") == (
        "You said: what time is it (turn 1 of this conversation)"
    )
    # Speech-like length for the text (about 60 ms a character), but plainly not speech.
    assert 0.6 <= turn.audio_seconds <= 6.0
    assert turn.audio_seconds == pytest.approx(len("You said: what time is it") * 0.06, rel=0.1)
    assert not turn.model_text


async def test_client_content_history_then_turn(emulator):
    config = {"response_modalities": ["TEXT"]}
    async with make_client(emulator).aio.live.connect(model=TEXT_MODEL, config=config) as s:
        await s.send_client_content(
            turns=[
                types.Content(role="user", parts=[types.Part(text="capital of France?")]),
                types.Content(role="model", parts=[types.Part(text="Paris")]),
            ],
            turn_complete=False,
        )
        with pytest.raises(TimeoutError):  # history alone is not answered
            await receive_turn(s, limit_s=0.3)
        await s.send_client_content(
            turns=types.Content(role="user", parts=[types.Part(text="and Germany?")])
        )
        turn = await receive_turn(s)
    assert turn.model_text.startswith("You said: and Germany?")
    # History counts in the prompt.
    assert turn.usage.prompt_token_count > len("and Germany?") / 4 + 2


async def test_blocking_tool_call_round_trip(emulator):
    config = {"response_modalities": ["TEXT"], "tools": [{"function_declarations": [WEATHER]}]}
    async with make_client(emulator).aio.live.connect(model=TEXT_MODEL, config=config) as s:
        await s.send_realtime_input(text='call get_weather {"city": "Paris"}')
        (message,) = await receive_until(s, lambda m: m.tool_call is not None)
        (call,) = message.tool_call.function_calls
        assert call.name == "get_weather" and call.args == {"city": "Paris"} and call.id
        await s.send_tool_response(
            function_responses=[
                types.FunctionResponse(id=call.id, name=call.name, response={"temp_c": 21})
            ]
        )
        turn = await receive_turn(s)
    assert turn.model_text.startswith('get_weather returned {"temp_c": 21}')
    (record,) = emulator.connections
    assert record.tool_calls[0]["name"] == "get_weather"
    assert record.tool_calls[0]["behavior"] == "BLOCKING"


async def test_non_blocking_call_by_default_on_3_8(emulator):
    config = {
        "response_modalities": ["AUDIO"],
        "output_audio_transcription": {},
        "tools": [{"function_declarations": [WEATHER]}],
    }
    async with make_client(emulator).aio.live.connect(model="gemini-3.8-live", config=config) as s:
        await s.send_realtime_input(text='call get_weather {"city": "Oslo"}')
        turn = await receive_turn(s)  # the turn goes on without waiting for the result
        call = turn.first("tool_call").function_calls[0]
        assert "Started get_weather in the background." in turn.text("output_transcription")
        await s.send_tool_response(
            function_responses=[
                types.FunctionResponse(
                    id=call.id,
                    name=call.name,
                    response={"temp_c": -3},
                    scheduling="WHEN_IDLE",
                )
            ]
        )
        later = await receive_turn(s)
    assert later.text("output_transcription").startswith('get_weather returned {"temp_c": -3}')
    assert emulator.connections[0].tool_calls[0]["behavior"] == "NON_BLOCKING"


async def test_new_user_turn_cancels_a_pending_call(emulator):
    config = {"response_modalities": ["TEXT"], "tools": [{"function_declarations": [WEATHER]}]}
    async with make_client(emulator).aio.live.connect(model=TEXT_MODEL, config=config) as s:
        await s.send_realtime_input(text="call get_weather {}")
        (message,) = await receive_until(s, lambda m: m.tool_call is not None)
        call_id = message.tool_call.function_calls[0].id
        await s.send_realtime_input(text="never mind")
        interrupted = await receive_turn(s)
        assert interrupted.content("interrupted") == [True]
        assert interrupted.first("tool_call_cancellation").ids == [call_id]
        answer = await receive_turn(s)
    assert answer.model_text.startswith("You said: never mind")


async def test_undeclared_function_gets_a_text_answer(emulator):
    config = {"response_modalities": ["TEXT"]}
    async with make_client(emulator).aio.live.connect(model=TEXT_MODEL, config=config) as s:
        await s.send_realtime_input(text="call launch_rocket {}")
        turn = await receive_turn(s)
    assert turn.first("tool_call") is None
    assert "no function named launch_rocket" in turn.model_text


def _vertex_client(emulator):
    from google import genai

    return genai.Client(
        vertexai=True,
        api_key="vertex-key",
        http_options=types.HttpOptions(
            base_url=emulator.base_url,
            api_version="v1beta1",
            async_client_args={"ssl": emulator.client_ssl_context()},
        ),
    )


async def test_search_turn_with_google_search_sends_grounding(emulator):
    config = {"response_modalities": ["TEXT"], "tools": [{"google_search": {}}]}
    async with make_client(emulator).aio.live.connect(model=TEXT_MODEL, config=config) as s:
        await s.send_realtime_input(text="search Lisbon weather")
        turn = await receive_turn(s)
    (meta,) = [m.server_content.grounding_metadata for m in turn.messages
               if m.server_content and m.server_content.grounding_metadata]  # fmt: skip
    assert meta.web_search_queries == ["Lisbon weather"]
    assert [(c.web.title, c.web.uri) for c in meta.grounding_chunks] == [
        ("About Lisbon weather", "https://example.org/lisbon-weather"),
        ("example.org", "https://www.example.org/?q=lisbon-weather"),
    ]
    assert turn.model_text.startswith("Searched the web for Lisbon weather")


async def test_search_without_the_tool_is_an_ordinary_turn(emulator):
    config = {"response_modalities": ["TEXT"]}
    async with make_client(emulator).aio.live.connect(model=TEXT_MODEL, config=config) as s:
        await s.send_realtime_input(text="search Lisbon weather")
        turn = await receive_turn(s)
    assert turn.model_text.startswith("You said: search Lisbon weather")


async def test_run_turn_with_code_execution_sends_code_and_result(emulator):
    config = {"tools": [{"code_execution": {}}], "output_audio_transcription": {}}
    client = _vertex_client(emulator)
    async with client.aio.live.connect(
        model="gemini-live-2.5-flash-native-audio", config=config
    ) as s:
        await s.send_realtime_input(text="run print(6 * 7)")
        turn = await receive_turn(s)
    parts = [p for m in turn.messages if m.server_content and m.server_content.model_turn
             for p in m.server_content.model_turn.parts or []]  # fmt: skip
    code = next(p.executable_code for p in parts if p.executable_code)
    result = next(p.code_execution_result for p in parts if p.code_execution_result)
    assert (code.language.value, code.code) == ("PYTHON", "print(6 * 7)")
    assert result.outcome.value == "OUTCOME_OK"
    assert result.output == "[the emulator does not run code: 1 line of Python received]"
