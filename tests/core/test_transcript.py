"""The transcript a person reads: fragments stitched into turns, interruptions marked."""

from __future__ import annotations

from live_desktop.core import events as ev
from live_desktop.core.transcript import Role, TranscriptModel


def feed(model: TranscriptModel, *events: ev.SessionEvent) -> TranscriptModel:
    for event in events:
        model.apply(event)
    return model


def summary(model: TranscriptModel) -> list[tuple[str, str, bool]]:
    return [(t.role.value, t.display_text, t.interrupted) for t in model.turns]


def test_voice_exchange_becomes_two_readable_turns() -> None:
    model = feed(
        TranscriptModel(),
        ev.InputTranscript(" What's the"),
        ev.InputTranscript(" weather like?"),
        ev.OutputTranscript("It is"),
        ev.OutputTranscript(" sunny"),
        ev.OutputTranscript(" today."),
        ev.TurnComplete(),
    )
    assert summary(model) == [
        ("user", "What's the weather like?", False),
        ("model", "It is sunny today.", False),
    ]
    assert all(not t.open for t in model.turns)


def test_late_input_fragments_stay_in_the_user_turn_they_belong_to() -> None:
    # The service often sends the tail of the input transcription after the reply started.
    model = feed(
        TranscriptModel(),
        ev.InputTranscript("Tell me a"),
        ev.OutputTranscript("Once upon"),
        ev.InputTranscript(" story"),
        ev.OutputTranscript(" a time."),
        ev.TurnComplete(),
    )
    assert summary(model) == [
        ("user", "Tell me a story", False),
        ("model", "Once upon a time.", False),
    ]


def test_interruption_marks_the_model_turn_and_the_next_speech_starts_a_new_turn() -> None:
    model = feed(
        TranscriptModel(),
        ev.InputTranscript("Count to ten", finished=True),
        ev.OutputTranscript("One, two,"),
        ev.Interrupted(),
        ev.InputTranscript("Stop please", finished=True),
        ev.OutputTranscript("Okay."),
        ev.TurnComplete(),
    )
    assert summary(model) == [
        ("user", "Count to ten", False),
        ("model", "One, two,", True),
        ("user", "Stop please", False),
        ("model", "Okay.", False),
    ]


def test_glued_word_fragments_get_a_space_but_punctuation_does_not() -> None:
    model = feed(
        TranscriptModel(),
        ev.OutputTranscript("Hello"),
        ev.OutputTranscript("world"),
        ev.OutputTranscript("!"),
        ev.TurnComplete(),
    )
    assert model.turns[0].display_text == "Hello world!"


def test_text_modality_reply_and_typed_message() -> None:
    model = feed(
        TranscriptModel(),
        ev.UserText("hi there"),
        ev.ModelText("You said: "),
        ev.ModelText("hi there"),
        ev.TurnComplete(),
    )
    assert summary(model) == [("user", "hi there", False), ("model", "You said: hi there", False)]


def test_audio_reply_uses_the_transcription_not_duplicated_text_parts() -> None:
    model = feed(
        TranscriptModel(),
        ev.OutputTranscript("Spoken words"),
        ev.ModelText("thinking about it", thought=True),
        ev.TurnComplete(),
    )
    assert model.turns[0].display_text == "Spoken words"
    assert model.turns[0].thoughts == "thinking about it"


def test_tool_calls_and_cancellations_appear_inline() -> None:
    model = feed(
        TranscriptModel(),
        ev.UserText("what time is it"),
        ev.ToolCall((ev.FunctionCall("c1", "get_time", {"tz": "UTC"}),)),
        ev.ToolCallCancellation(("c1",)),
    )
    assert [t.role for t in model.turns] == [Role.USER, Role.TOOL, Role.NOTICE]
    assert model.turns[1].text == 'get_time({"tz": "UTC"})'
    assert "c1" in model.turns[2].text


def test_a_dropped_connection_closes_the_open_reply_as_interrupted() -> None:
    model = feed(
        TranscriptModel(),
        ev.OutputTranscript("Half a sen"),
        ev.StateChanged(ev.ConnectionState.DISCONNECTED, ev.ConnectionState.CONNECTED),
    )
    assert summary(model) == [("model", "Half a sen", True)]
    assert not model.turns[0].open


def test_listeners_hear_creation_then_updates() -> None:
    model = TranscriptModel()
    seen: list[tuple[int, str, bool]] = []
    model.subscribe(lambda turn, created: seen.append((turn.index, turn.display_text, created)))
    feed(model, ev.OutputTranscript("a"), ev.OutputTranscript(" b"), ev.TurnComplete())
    assert [created for _, _, created in seen].count(True) == 1
    assert seen[0][2] is True
    assert seen[-1] == (0, "a b", False)


def test_markdown_export_names_speakers_and_marks_interruptions() -> None:
    model = feed(
        TranscriptModel(),
        ev.UserText("hello"),
        ev.OutputTranscript("Hi!"),
        ev.Interrupted(),
    )
    text = model.to_markdown()
    assert "**You**" in text and "hello" in text
    assert "**Gemini**" in text and "*(interrupted)*" in text


def test_search_queries_and_sources_stay_with_the_reply_they_grounded() -> None:
    source = ev.GroundingSource("Weather in Lisbon", "https://example.org/lisbon")
    model = feed(
        TranscriptModel(),
        ev.UserText("weather in Lisbon?"),
        ev.Grounding((source,), ("lisbon weather",)),
        ev.ModelText("Sunny, 24 °C."),
        ev.Grounding((source,), ("lisbon weather",)),  # repeated metadata is not repeated
        ev.TurnComplete(),
    )
    reply = model.turns[1]
    assert reply.sources == [source] and reply.queries == ["lisbon weather"]
    text = model.to_markdown()
    assert "searched: lisbon weather" in text
    assert "[Weather in Lisbon](https://example.org/lisbon)" in text


def test_tool_turns_are_labelled_and_a_cancellation_names_the_function() -> None:
    model = feed(
        TranscriptModel(),
        ev.ToolCall((ev.FunctionCall("c7", "slow_lookup", {}),)),
        ev.ExecutableCode("print(1 + 1)"),
        ev.CodeResult("OUTCOME_OK", "2\n"),
        ev.ToolCallCancellation(("c7",)),
    )
    assert [t.label for t in model.turns[:3]] == ["Function call", "Code", "Code result"]
    assert "slow_lookup" in model.turns[3].text
    markdown = model.to_markdown()
    assert "```\nCode (PYTHON):\nprint(1 + 1)\n```" in markdown


def test_json_records_keep_what_a_reader_needs() -> None:
    import json

    model = feed(
        TranscriptModel(),
        ev.InputTranscript("hello there", finished=True),
        ev.OutputTranscript("Hi"),
        ev.Interrupted(),
    )
    records = json.loads(json.dumps(model.to_records()))
    assert [(r["speaker"], r["text"], r["spoken"], r["interrupted"]) for r in records] == [
        ("You", "hello there", True, False),
        ("Gemini", "Hi", True, True),
    ]
    assert records[0]["time"][:4].isdigit()


def test_a_reply_the_user_typed_over_is_marked_interrupted() -> None:
    # The controller emits the typed turn when it is sent; the service's interrupted follows.
    model = feed(
        TranscriptModel(),
        ev.UserText("tell me a long story"),
        ev.OutputTranscript("Once upon a"),
        ev.UserText("stop, shorter please"),
        ev.Interrupted(),
        ev.TurnComplete(),
        ev.OutputTranscript("Sure."),
        ev.TurnComplete(),
    )
    assert summary(model) == [
        ("user", "tell me a long story", False),
        ("model", "Once upon a", True),
        ("user", "stop, shorter please", False),
        ("model", "Sure.", False),
    ]


def test_typing_after_a_finished_reply_marks_nothing() -> None:
    model = feed(
        TranscriptModel(),
        ev.OutputTranscript("Done."),
        ev.TurnComplete(),
        ev.UserText("thanks"),
        ev.Interrupted(),  # an interruption of nothing (the service may still send one)
    )
    assert summary(model) == [("model", "Done.", False), ("user", "thanks", False)]
