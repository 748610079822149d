"""The transcript pane: who said what and when, marks and links inline, text a person can copy,
and a long conversation where a streaming turn rewrites its own block and nothing else."""

from __future__ import annotations

import os
import re

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QFontMetrics, QGuiApplication, QTextCursor
from PySide6.QtWidgets import QApplication

from live_desktop.core import events as ev
from live_desktop.core.transcript import TranscriptModel
from live_desktop.ui.theme import DARK, LIGHT, apply_theme
from live_desktop.ui.transcript_widget import TranscriptWidget

CLOCK = re.compile(r"\b\d\d:\d\d:\d\d\b")


@pytest.fixture
def pane(qtbot: object) -> tuple[TranscriptModel, TranscriptWidget]:
    widget = TranscriptWidget()
    widget.resize(600, 400)
    qtbot.addWidget(widget)  # type: ignore[attr-defined]
    widget.show()
    model = TranscriptModel()
    model.subscribe(widget.show_turn)
    return model, widget


def feed(model: TranscriptModel, *events: ev.SessionEvent) -> None:
    for event in events:
        model.apply(event)


def anchors(widget: TranscriptWidget, index: int) -> list[str]:
    block = widget.document().findBlockByNumber(index)
    found = []
    it = block.begin()
    while not it.atEnd():
        fmt = it.fragment().charFormat()
        if fmt.isAnchor():
            found.append(fmt.anchorHref())
        it += 1
    return found


def test_turns_read_as_a_conversation_with_marks_sources_and_tools(
    pane: tuple[TranscriptModel, TranscriptWidget],
) -> None:
    model, widget = pane
    source = ev.GroundingSource("Lisbon forecast", "https://example.org/lisbon")
    feed(
        model,
        ev.InputTranscript("What's the weather", finished=False),
        ev.InputTranscript(" in Lisbon?", finished=True),
        ev.Grounding((source,), ("lisbon weather today",)),
        ev.OutputTranscript("Sunny and"),
        ev.Interrupted(),
        ev.ToolCall((ev.FunctionCall("c1", "get_time", {"tz": "Europe/Lisbon"}),)),
        ev.ExecutableCode("print(6 * 7)"),
        ev.CodeResult("OUTCOME_OK", "42"),
    )
    texts = [widget.plain_turn_text(i) for i in range(widget.turn_count)]
    assert texts[0].startswith("You") and "voice" in texts[0]
    assert texts[0].splitlines()[1] == "What's the weather in Lisbon?"
    assert texts[1].startswith("Gemini")
    assert "Sunny and" in texts[1] and "— interrupted" in texts[1]
    assert "Searched: lisbon weather today" in texts[1]
    assert "Source: Lisbon forecast" in texts[1]
    assert anchors(widget, 1) == ["https://example.org/lisbon"]
    assert texts[2].startswith("Tool · Function call")
    assert 'get_time({"tz": "Europe/Lisbon"})' in texts[2]
    assert texts[3].startswith("Tool · Code") and texts[3].endswith("print(6 * 7)")
    assert "Result (OUTCOME_OK):\n42" in texts[4]
    assert all(CLOCK.search(text.splitlines()[0]) for text in texts)


def test_every_character_has_a_glyph_in_the_pane_font(
    pane: tuple[TranscriptModel, TranscriptWidget],
) -> None:
    """Under Xvfb with no emoji font an emoji is a box; the pane must not depend on one."""
    model, widget = pane
    feed(
        model,
        ev.InputTranscript("[speech 3.1 s]", finished=True),
        ev.OutputTranscript("Hello"),
        ev.Interrupted(),
        ev.Grounding((ev.GroundingSource("A page", "https://example.org"),)),
        ev.TurnComplete(),
    )
    metrics = QFontMetrics(widget.font())
    text = widget.toPlainText()
    ours = set(text) - set("[speech 3.1 s]Hello A page")  # what the pane added itself
    missing = [c for c in ours if c.isprintable() and not metrics.inFontUcs4(ord(c))]
    assert not missing, f"no glyph for {missing!r}"


def test_text_streams_into_its_own_turn(pane: tuple[TranscriptModel, TranscriptWidget]) -> None:
    model, widget = pane
    feed(model, ev.UserText("Tell me a story"))
    feed(model, ev.OutputTranscript("Once"))
    assert widget.plain_turn_text(1).endswith("Once")
    feed(model, ev.OutputTranscript(" upon a"))
    feed(model, ev.OutputTranscript(" time."))
    assert widget.plain_turn_text(1).endswith("Once upon a time.")
    assert widget.turn_count == 2


def test_copying_gives_plain_lines(
    pane: tuple[TranscriptModel, TranscriptWidget], qtbot: object
) -> None:
    model, widget = pane
    feed(model, ev.UserText("first line"), ev.ModelText("an answer"), ev.TurnComplete())
    widget.setFocus()
    widget.selectAll()
    widget.copy()
    copied = QGuiApplication.clipboard().text()
    lines = copied.splitlines()
    assert lines[0].startswith("You") and lines[1] == "first line"
    assert lines[2].startswith("Gemini") and lines[3] == "an answer"
    assert "\u2028" not in copied and "\u2029" not in copied


def test_a_long_conversation_updates_one_block_not_the_document(
    pane: tuple[TranscriptModel, TranscriptWidget],
) -> None:
    model, widget = pane
    for i in range(1500):
        feed(
            model,
            ev.UserText(f"question {i}"),
            ev.OutputTranscript(f"answer {i}"),
            ev.TurnComplete(),
        )
    QApplication.processEvents()
    doc = widget.document()
    assert doc.blockCount() == widget.turn_count == 3000
    written = widget.blocks_written
    sample = [doc.findBlockByNumber(i).text() for i in (0, 1233, 1235, 2998)]
    notified: list[int] = []
    model.subscribe(lambda turn, _created: notified.append(turn.index))

    changes: list[tuple[int, int, int]] = []
    doc.contentsChange.connect(lambda at, removed, added: changes.append((at, removed, added)))
    layout_updates: list[float] = []
    doc.documentLayout().update.connect(lambda rect: layout_updates.append(rect.top()))

    feed(model, ev.OutputTranscript("a new reply"))  # a turn is created ...
    feed(model, ev.OutputTranscript(" that streams"))  # ... and grows twice
    feed(model, ev.OutputTranscript(" in."))
    QApplication.processEvents()

    last = doc.lastBlock()
    assert "a new reply that streams in." in last.text()
    # One block written per change the model reported (created, then three fragments), all
    # of them the new turn's: nothing was rebuilt.
    assert notified == [3000] * 4
    assert widget.blocks_written - written == len(notified)
    assert doc.blockCount() == 3001
    assert [doc.findBlockByNumber(i).text() for i in (0, 1233, 1235, 2998)] == sample
    # Every edit was inside the new turn's block ...
    assert changes and all(at >= last.position() - 1 for at, _removed, _added in changes)
    # ... and the layout redid the document from there down (the block before takes the new
    # block's separator), not from the top.
    top = doc.documentLayout().blockBoundingRect(doc.findBlockByNumber(2998)).top()
    assert layout_updates and min(layout_updates) >= top - 1

    # Updating a turn far up (a late fragment) touches that block alone.
    changes.clear()
    turn = model.turns[1234]
    turn.text += " (corrected)"
    widget.show_turn(turn, False)
    block = doc.findBlockByNumber(1234)
    assert block.text().endswith("(corrected)")
    end = block.position() + block.length()
    assert changes and all(block.position() <= at <= end for at, _r, _a in changes)
    assert [doc.findBlockByNumber(i).text() for i in (0, 1233, 1235, 2998)] == sample


def test_keyboard_selection_and_theme_colours(
    pane: tuple[TranscriptModel, TranscriptWidget],
) -> None:
    model, widget = pane
    feed(model, ev.UserText("hello"), ev.ModelText("hi"), ev.TurnComplete())
    widget.setFocus()
    widget.moveCursor(QTextCursor.MoveOperation.Start)
    widget.moveCursor(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    assert "hello" in widget.textCursor().selectedText()  # selectable from the keyboard

    def speaker_colour() -> str:
        block = widget.document().findBlockByNumber(0)
        return block.begin().fragment().charFormat().foreground().color().name()

    assert speaker_colour() == LIGHT.user
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        apply_theme(app, "dark")
        QApplication.processEvents()
        assert speaker_colour() == DARK.user
        assert widget.plain_turn_text(0).endswith("hello")  # same words, new colours
    finally:
        apply_theme(app, "system")
        QApplication.processEvents()
