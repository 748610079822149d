"""The pure parts of the tools: declared-function checks, manual answers, transcript summaries.

The round trips with the real SDK and the emulator are in tests/integration/test_tools.py.
"""

from __future__ import annotations

import pytest

from live_desktop.core.settings import FunctionDeclarationSettings, Settings, check_settings
from live_desktop.core.tools import parse_manual_answer, summarize


def _problems(function: FunctionDeclarationSettings) -> list[tuple[str, str, str]]:
    s = Settings()
    s.tools.functions = [function]
    return [(p.setting, p.severity, p.message) for p in check_settings(s)]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("", ("error", "lookup is answered by a webhook but has no webhook URL (such as "
                       "http://127.0.0.1:8000/tools).")),
        ("127.0.0.1:8000/tools", ("error", "The webhook URL of lookup, 127.0.0.1:8000/tools, is "
                                           "not an http:// or https:// URL.")),
        ("ftp://example.org/x", ("error", "The webhook URL of lookup, ftp://example.org/x, is not "
                                          "an http:// or https:// URL.")),
        ("http://tools.example.org/x", ("warning", "The webhook URL of lookup is not encrypted and "
                                        "not on this computer: the arguments would cross the "
                                        "network in clear text. Use https:// for a remote host.")),
    ],
)  # fmt: skip
def test_a_webhook_url_that_cannot_work_is_named(url: str, expected: tuple[str, str]) -> None:
    function = FunctionDeclarationSettings(name="lookup", answered_by="webhook", webhook_url=url)
    assert _problems(function) == [("tools.functions[0].webhook_url", *expected)]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/tools",
        "http://localhost/x",
        "https://tools.example.org/x",
        "http://[::1]:8000/tools",
    ],
)
def test_local_and_encrypted_webhooks_are_fine(url: str) -> None:
    function = FunctionDeclarationSettings(name="lookup", answered_by="webhook", webhook_url=url)
    assert _problems(function) == []


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1",  # on the way to typing http://[::1]:8000/tools
        "http://[::1/tools",
        "http://127.0.0.1:99999/tools",
        "http://127.0.0.1:80a/tools",
    ],
)
def test_a_malformed_webhook_url_is_named_not_raised(url: str) -> None:
    # urlsplit raised ValueError here, out of check_settings: the settings dialog's
    # validation (it runs on every keystroke) died and connecting failed with no sentence.
    function = FunctionDeclarationSettings(name="lookup", answered_by="webhook", webhook_url=url)
    assert _problems(function) == [
        (
            "tools.functions[0].webhook_url",
            "error",
            f"The webhook URL of lookup, {url}, is not an http:// or https:// URL.",
        )
    ]


def test_a_dialog_answered_function_needs_no_url() -> None:
    assert _problems(FunctionDeclarationSettings(name="lookup")) == []


@pytest.mark.parametrize(
    ("text", "response"),
    [
        ("21 degrees", {"output": "21 degrees"}),
        ('  {"temperature": 21}  ', {"temperature": 21}),
        ("[1, 2]", {"output": [1, 2]}),
        ("42", {"output": 42}),
        ('"quoted"', {"output": "quoted"}),
    ],
)
def test_a_manual_answer_is_json_or_plain_text(text: str, response: dict[str, object]) -> None:
    assert parse_manual_answer(text) == response


def test_bad_manual_answers_say_why() -> None:
    with pytest.raises(ValueError) as empty:
        parse_manual_answer("  \n")
    assert str(empty.value) == "Type an answer, or choose Decline."
    with pytest.raises(ValueError) as caught:
        parse_manual_answer('{"temperature": }')
    assert str(caught.value) == (
        "This looks like JSON but is not valid: Expecting value (line 1, column 17). Fix it, or "
        "write the answer as plain text."
    )


def test_summaries_are_one_short_line() -> None:
    assert summarize({"output": "it is\n  sunny"}) == "it is sunny"
    assert summarize({"output": {"a": 1}}) == '{"a": 1}'
    assert summarize({"error": "x", "code": 3}) == '{"error": "x", "code": 3}'
    long = summarize({"output": "word " * 100})
    assert len(long) == 160 and long.endswith("…")
