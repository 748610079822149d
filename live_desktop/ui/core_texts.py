"""Sentences that core (and devices) build in English, translated where the UI shows them.

Core has no Qt, so it cannot call ``tr()``: its error events, notices, settings problems and
key messages arrive as English text. Each sentence it can produce is listed here as a template
(``{name}`` marks a part core fills in: a model, a host, a path), marked for lupdate in the
"CoreText" context. :func:`translate_core` finds the template a text was made from, translates
the template, and puts the filled-in parts back, themselves translated when they are one of
these texts (a reason inside a sentence) or a setting's label.

A text no template matches is shown as it came (English): a log line, a server's own words, a
sentence core learned after this list was written. ``tests/ui/test_translations.py`` drives
core into producing its sentences and fails when one of them is missing here.
"""

from __future__ import annotations

import functools
import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

__all__ = ["TEMPLATES", "translate_core"]

TEMPLATES: tuple[str, ...] = (
    # core/errors.py: why a connection failed or ended
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The API key was rejected. Check the key in Settings (it may be mistyped, revoked or "
        "expired).",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The service rejected the ephemeral token (it expired, was used up or is unknown). Paste "
        "a new one, or check the token endpoint in Settings.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The service did not receive a valid API key. Add your key in Settings.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The model “{model}” is not available for live conversations on this endpoint. Choose "
        "another model in Settings.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The model the chosen model is not available for live conversations on this endpoint. "
        "Choose another model in Settings.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The service refused this request: this key or endpoint may not use this feature.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The service refused the session (policy violation). The server said: {reason}.",
    ),
    QT_TRANSLATE_NOOP("CoreText", "The Live API is not available in your location."),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The conversation outgrew the model's context window. Turn on context compression in "
        "Settings and start a new session.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The service rejected a setting or an input, so the session was closed. The server "
        "said: {reason}.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The connection reached the service's time limit and was closed.",
    ),
    QT_TRANSLATE_NOOP("CoreText", "The service stopped answering, so the connection was closed."),
    QT_TRANSLATE_NOOP("CoreText", "The service had an internal error and closed the connection."),
    QT_TRANSLATE_NOOP("CoreText", "The connection to the service was lost (network interruption)."),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The session reached the service's length limit. Turn on context compression for longer "
        "conversations.",
    ),
    QT_TRANSLATE_NOOP("CoreText", "The service closed the session."),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The service rejected the request ({code}). The server said: {reason}.",
    ),
    QT_TRANSLATE_NOOP("CoreText", "The service had an internal error ({code})."),
    QT_TRANSLATE_NOOP("CoreText", "The connection closed unexpectedly (code {code})."),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The service's usage quota or rate limit was reached. Wait a little and try again.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "{host} accepted the connection but did not start the session in time.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "{host} refused the connection (HTTP {status}). Check the API key or token and that "
        "this endpoint allows live sessions.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "{host} has no Live API at this address (HTTP 404). Check the endpoint URL.",
    ),
    QT_TRANSLATE_NOOP("CoreText", "{host} refused the connection (HTTP {status})."),
    QT_TRANSLATE_NOOP("CoreText", "The endpoint address is not a valid URL. Check it in Settings."),
    QT_TRANSLATE_NOOP("CoreText", "{host} did not speak the Live API protocol."),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The certificate of {host} is not trusted. For a local or corporate server, point the "
        "app at its certificate (--ca-cert or SSL_CERT_FILE).",
    ),
    QT_TRANSLATE_NOOP("CoreText", "A secure (TLS) connection to {host} could not be established."),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The service sent a message the app could not read; it was skipped.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "Could not find {host} on the network. Check your internet connection and the endpoint "
        "address.",
    ),
    QT_TRANSLATE_NOOP("CoreText", "{host} refused the connection. Is the server running?"),
    QT_TRANSLATE_NOOP("CoreText", "Connecting to {host} timed out."),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "A network error interrupted the connection to {host}: {reason}.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "Something unexpected went wrong with the session; details are in the log.",
    ),
    # parts core puts into the sentences above
    QT_TRANSLATE_NOOP("CoreText", "the service"),
    QT_TRANSLATE_NOOP("CoreText", "nothing more"),
    QT_TRANSLATE_NOOP("CoreText", "invalid argument"),
    QT_TRANSLATE_NOOP("CoreText", "the Gemini API"),
    # core/session.py and core/transcript.py: what happened to a message
    QT_TRANSLATE_NOOP("CoreText", "Not connected: the message was not sent. Connect first."),
    QT_TRANSLATE_NOOP("CoreText", "Not connected: the tool response was not sent. Connect first."),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The network is too slow for live audio; some microphone audio was skipped.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "Your message “{text}” may not have been sent before the connection ended; send it "
        "again once connected.",
    ),
    QT_TRANSLATE_NOOP("CoreText", "The answer to the tool call ({names}) may not have been sent."),
    QT_TRANSLATE_NOOP("CoreText", "Tool call cancelled: {names}"),
    # core/session.py: reconnecting after a drop ({reason} is one of the sentences above)
    QT_TRANSLATE_NOOP("CoreText", "Could not reconnect after {count} attempts. {reason}"),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The model's reply was cut off when the connection dropped; ask again if you need the "
        "rest.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The conversation could not be resumed (the service gave no resumption handle), so the "
        "model starts afresh without what was said before.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "About {seconds} s of what you said while reconnecting could not be kept and was not "
        "heard.",
    ),
    # core/recording.py (and the window's export): conversation recordings
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The conversation of {when} was not closed properly (the app stopped); its recording "
        "was repaired: {turns}, {audio}.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "{count} damaged line(s) of its transcript could not be read and were skipped.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The recording in {folder} was not closed properly and could not be repaired "
        "({reason}); its files were left as they are.",
    ),
    QT_TRANSLATE_NOOP("CoreText", "The old recording {path} could not be deleted ({reason})."),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "This conversation is not being recorded: {folder} could not be written ({reason}). "
        "Check the folder's permissions and free space.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The recording of this conversation stopped: {folder} could not be written ({reason}). "
        "What was recorded until then is kept.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "This recording has no audio (it was made without a sound device).",
    ),
    QT_TRANSLATE_NOOP("CoreText", "This conversation was not recorded, so it has no audio."),
    # parts of the repair sentence
    QT_TRANSLATE_NOOP("CoreText", "1 turn"),
    QT_TRANSLATE_NOOP("CoreText", "{count} turns"),
    QT_TRANSLATE_NOOP("CoreText", "{seconds} s of audio"),
    QT_TRANSLATE_NOOP("CoreText", "no audio"),
    # core/tokens.py: ephemeral tokens, pasted or from the user's token endpoint
    QT_TRANSLATE_NOOP(
        "CoreText",
        "No ephemeral token is set: paste one (Add key…), or set a token endpoint URL in "
        "Settings > Connection.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The pasted text is not an ephemeral token: a token starts with auth_tokens/.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        'The token endpoint {url} answered JSON that is not an object; it must be {"name": '
        '"auth_tokens/...", "expireTime": "..."} as auth_tokens.create returns it.',
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        'The token endpoint {url} answered without a token: its JSON needs a "name" that starts '
        "with auth_tokens/ (what auth_tokens.create returns).",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        'The token endpoint {url} answered with a "name" that is not an ephemeral token (a '
        "token starts with auth_tokens/).",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The token endpoint {url} sent a token that had already expired ({field} {deadline} "
        "UTC, now {now} UTC); check the clocks of this computer and of that server.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The token endpoint {url} sent {field} “{value}”, which is not a date and time (it "
        "should look like 2026-01-01T10:30:00Z).",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The token endpoint {url} sent “uses” that is not a whole number: “{value}”.",
    ),
    QT_TRANSLATE_NOOP("CoreText", "The token endpoint {url} did not answer within {seconds} s."),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The certificate of the token endpoint {url} is not trusted ({reason}).",
    ),
    QT_TRANSLATE_NOOP("CoreText", "The token endpoint {url} could not be reached ({reason})."),
    QT_TRANSLATE_NOOP("CoreText", "The token endpoint {url} failed: {reason}."),
    QT_TRANSLATE_NOOP("CoreText", "The token endpoint {url} answered HTTP {status}."),
    QT_TRANSLATE_NOOP("CoreText", "The token endpoint {url} answered HTTP {status}: “{text}”."),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The token endpoint {url} answered HTTP {status}; redirects are not followed, so set "
        "the address it points to.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The token endpoint {url} answered HTTP {status}: “{text}”; redirects are not followed, "
        "so set the address it points to.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The token endpoint {url} did not answer with JSON (it sent {kind}: “{text}”).",
    ),
    QT_TRANSLATE_NOOP("CoreText", "no content type"),
    # core/settings.py: the settings file
    QT_TRANSLATE_NOOP(
        "CoreText",
        "Live Desktop could not read its settings file {path} ({reason}), so it started with "
        "default settings.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "Your settings file {path} could not be used ({reason}), so Live Desktop started with "
        "default settings. The old file was kept as {backup}.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "Your settings file {path} could not be used ({reason}), so Live Desktop started with "
        "default settings. The old file could not be kept and will be replaced.",
    ),
    QT_TRANSLATE_NOOP("CoreText", "it is not valid JSON: {error}"),
    QT_TRANSLATE_NOOP("CoreText", "it does not hold a settings object"),
    QT_TRANSLATE_NOOP("CoreText", "it has no valid schema version"),
    QT_TRANSLATE_NOOP("CoreText", "schema version {version} cannot be migrated"),
    QT_TRANSLATE_NOOP("CoreText", "invalid values: {errors}"),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "Your settings were saved by a newer version of Live Desktop (schema {version}); this "
        "version uses the options it knows and ignores the rest.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "Some saved settings are not known to this version and were ignored: {keys}. They will "
        "be dropped the next time settings are saved.",
    ),
    # core/settings.py: check_settings, and the model validators as the dialog shows them
    QT_TRANSLATE_NOOP(
        "CoreText",
        "Live Desktop does not know the model {model}; every setting you chose is sent as is, "
        "and the service will refuse any it does not accept.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "{name} ({model}) is served by {where} only; choose that endpoint or another model.",
    ),
    QT_TRANSLATE_NOOP("CoreText", '{setting} "{value}" is not available on {model}: {reason}.'),
    QT_TRANSLATE_NOOP("CoreText", "{setting} is not available on {model}: {reason}."),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "Ephemeral tokens work with the Gemini API only, not with Vertex AI.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "Vertex AI needs a Google Cloud project (or use an API key in express mode).",
    ),
    QT_TRANSLATE_NOOP("CoreText", "Vertex AI needs a location."),
    QT_TRANSLATE_NOOP("CoreText", "Vertex AI serves the Live API as v1 or v1beta1, not {version}."),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "Google Cloud credentials work with Vertex AI only; use an API key or an ephemeral token.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "v1beta1 is a Vertex AI version; the Gemini API uses v1alpha, v1beta or v1.",
    ),
    QT_TRANSLATE_NOOP("CoreText", "Ephemeral tokens need api_version v1alpha, not {version}."),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "Transparent resumption works on Vertex AI only; the Gemini API rejects it for {model}.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The explicit VAD signal works on Vertex AI only; the Gemini API rejects it for {model}.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "{setting} needs api_version {version} on {model}, but the connection is pinned to "
        "{pinned}.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The custom endpoint needs a URL such as https://proxy.example.com.",
    ),
    QT_TRANSLATE_NOOP("CoreText", "The custom endpoint {url} is not an https:// URL."),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The custom endpoint {url} is not encrypted; use https:// (plain http:// is allowed "
        "only for this computer).",
    ),
    QT_TRANSLATE_NOOP("CoreText", "The token endpoint {url} is not an https:// URL."),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The token endpoint {url} is not encrypted; use https:// (plain http:// is allowed only "
        "for this computer).",
    ),
    # (--endpoint on the command line: argparse prints these before the interface exists)
    QT_TRANSLATE_NOOP("CoreText", "The endpoint {url} is not an https:// URL."),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The endpoint {url} is not encrypted; use https:// (plain http:// is allowed only for "
        "this computer).",
    ),
    QT_TRANSLATE_NOOP("CoreText", "Two tools are called {name}; function names must be unique."),
    QT_TRANSLATE_NOOP("CoreText", "The parameters of {name} must be a JSON Schema of type object."),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "{name} is answered by a webhook but has no webhook URL (such as "
        "http://127.0.0.1:8000/tools).",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText", "The webhook URL of {name}, {url}, is not an http:// or https:// URL."
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The webhook URL of {name} is not encrypted and not on this computer: the arguments "
        "would cross the network in clear text. Use https:// for a remote host.",
    ),
    QT_TRANSLATE_NOOP("CoreText", "The compression target must be below the trigger."),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "A screen region needs left, top >= 0 and a width and height >= 1.",
    ),
    # core/profiles.py: why a model does not take a setting (inside the sentences above, and
    # in the settings dialog's tooltips)
    QT_TRANSLATE_NOOP(
        "CoreText",
        "{model} answers with audio only; turn on output transcription for text",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "{model} is a native-audio model; en-AU, en-GB, es-ES, fr-CA, gu-IN, kn-IN, ml-IN and "
        "cmn-CN are not available for native audio",
    ),
    QT_TRANSLATE_NOOP("CoreText", "Live models on the Gemini API do not run code execution"),
    QT_TRANSLATE_NOOP("CoreText", "{model} always has proactive audio on"),
    QT_TRANSLATE_NOOP("CoreText", "Affective dialog was removed from {model}"),
    QT_TRANSLATE_NOOP("CoreText", "Transparent resumption is available on Vertex AI only"),
    QT_TRANSLATE_NOOP("CoreText", "The explicit VAD signal is available on Vertex AI only"),
    QT_TRANSLATE_NOOP("CoreText", "{model} accepts thinking level low, medium or high"),
    QT_TRANSLATE_NOOP("CoreText", "{model} accepts thinking level minimal, low, medium or high"),
    QT_TRANSLATE_NOOP("CoreText", "{model} takes a thinking level, not a thinking budget"),
    QT_TRANSLATE_NOOP("CoreText", "{model} takes a thinking budget, not a thinking level"),
    QT_TRANSLATE_NOOP("CoreText", "{model} calls functions asynchronously (non-blocking) only"),
    QT_TRANSLATE_NOOP("CoreText", "{model} calls functions blocking only"),
    QT_TRANSLATE_NOOP("CoreText", "{model} does not support thinking settings"),
    QT_TRANSLATE_NOOP("CoreText", "{model} has no proactive audio"),
    QT_TRANSLATE_NOOP("CoreText", "{model} has no affective dialog"),
    QT_TRANSLATE_NOOP("CoreText", "{model} needs api_version v1alpha for affective dialog"),
    QT_TRANSLATE_NOOP("CoreText", "{model} needs api_version v1alpha for proactive audio"),
    QT_TRANSLATE_NOOP("CoreText", "Non-blocking function calls are not documented for {model}"),
    QT_TRANSLATE_NOOP("CoreText", "Live Desktop does not know {model}; nothing is checked"),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "Vertex AI endpoint only (project and location, or express-mode API key).",
    ),
    # core/video.py: context compression while video is on
    QT_TRANSLATE_NOOP(
        "CoreText",
        "Audio and video sessions end after 2 minutes without context compression; turn context "
        "window compression on to keep talking longer.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "Context compression is on: without it, the service ends audio and video sessions after "
        "2 minutes.",
    ),
    # core/secrets.py: where the API key is kept
    QT_TRANSLATE_NOOP("CoreText", "Using the key you entered (kept for this session only)."),
    QT_TRANSLATE_NOOP("CoreText", "Using the key saved in the system keyring."),
    QT_TRANSLATE_NOOP("CoreText", "Using the key from the {variable} environment variable."),
    QT_TRANSLATE_NOOP("CoreText", "No API key is set."),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "No system keyring is available; the key is kept for this session only.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The system keyring refused the key; it is kept for this session only.",
    ),
    QT_TRANSLATE_NOOP("CoreText", "The key was saved in the system keyring."),
    QT_TRANSLATE_NOOP("CoreText", "The key was removed."),
    QT_TRANSLATE_NOOP("CoreText", "The key was forgotten for this session."),
    QT_TRANSLATE_NOOP("CoreText", "{variable} is still set in the environment and will be used."),
    # core/settings.py describe_endpoint: the status bar's "where" (Gemini API and Vertex AI
    # are names and stay as they are)
    QT_TRANSLATE_NOOP("CoreText", "Offline loopback"),
    QT_TRANSLATE_NOOP("CoreText", "Offline emulator {address}"),
    QT_TRANSLATE_NOOP("CoreText", "Custom endpoint {address}"),
    QT_TRANSLATE_NOOP("CoreText", "Vertex AI (express mode)"),
    # devices/audio*.py, devices/echo_webrtc.py: microphone and speaker trouble
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The microphone “{name}” was not found; using the default microphone.",
    ),
    QT_TRANSLATE_NOOP("CoreText", "The speaker “{name}” was not found; using the default speaker."),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The microphone “{name}” could not be opened; using the default microphone.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The speaker “{name}” could not be opened; using the default speaker.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "No microphone was found. Connect one, or check the system's sound settings.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "No speaker was found. Connect one, or check the system's sound settings.",
    ),
    QT_TRANSLATE_NOOP("CoreText", "Could not open “{name}”. Available microphones: {devices}."),
    QT_TRANSLATE_NOOP("CoreText", "Could not open “{name}”. Available speakers: {devices}."),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "Could not open the default microphone. Available microphones: {devices}.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "Could not open the default speaker. Available speakers: {devices}.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The microphone “{name}” stopped working; switched to the default microphone ({using}).",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The speaker “{name}” stopped working; switched to the default speaker ({using}).",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The microphone “{name}” was disconnected; using the default microphone until it is back.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The speaker “{name}” was disconnected; using the default speaker until it is back.",
    ),
    QT_TRANSLATE_NOOP("CoreText", "The microphone “{name}” is back and in use again."),
    QT_TRANSLATE_NOOP("CoreText", "The speaker “{name}” is back and in use again."),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The sound system could not be loaded (PortAudio is missing); voice is unavailable.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "Echo cancellation is off: its audio processing library could not be loaded. Use "
        "headphones, or the assistant may hear itself.",
    ),
)

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
#: Sentence ends after which a translation needs no space before the next sentence.
_CJK_STOPS = ("。", "！", "？", "；", "：")
_CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])")

#: A text taken apart: (template, {placeholder: filled-in part}) per sentence.
_Parsed = tuple[tuple[str, tuple[tuple[str, str], ...]], ...]


@functools.cache
def _settings_texts() -> frozenset[str]:
    """The settings' labels (a part such as "Affective dialog" is one of them)."""
    try:
        from live_desktop.ui.i18n._settings_texts import SETTINGS_TEXTS
    except ImportError:  # scripts/update_translations.py is writing it
        return frozenset()
    return frozenset(SETTINGS_TEXTS)


@functools.cache
def _patterns() -> tuple[tuple[re.Pattern[str], re.Pattern[str], str], ...]:
    """(whole-text pattern, leading-sentence pattern, template), most literal text first."""
    compiled = []
    for template in TEMPLATES:
        parts: list[str] = []
        seen: set[str] = set()
        position = 0
        for match in _PLACEHOLDER.finditer(template):
            parts.append(re.escape(template[position : match.start()]))
            name = match.group(1)
            parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
            seen.add(name)
            position = match.end()
        parts.append(re.escape(template[position:]))
        body = "".join(parts)
        compiled.append((re.compile(body, re.DOTALL), re.compile(body + r"(?=\s)"), template))
    compiled.sort(key=lambda item: -len(_PLACEHOLDER.sub("", item[2])))
    return tuple(compiled)


def _whole(text: str) -> tuple[str, tuple[tuple[str, str], ...]] | None:
    for whole, _leading, template in _patterns():
        match = whole.fullmatch(text)
        if match is not None:
            return template, tuple(match.groupdict().items())
    return None


@functools.lru_cache(maxsize=1024)
def _parse(text: str) -> tuple[int, _Parsed] | None:
    """``text`` as one or more of our sentences, or None if any part of it is not ours.

    Of the ways to read it, the one that leaves least to the filled-in parts wins: "The key
    was removed. X is still set…" is two sentences, not one whose variable is "The key…".
    """
    best: tuple[int, _Parsed] | None = None
    for whole, leading, template in _patterns():
        match = whole.fullmatch(text)
        if match is not None:
            values = tuple(match.groupdict().items())
            found = (sum(len(v) for _, v in values), ((template, values),))
            best = found if best is None or found[0] < best[0] else best
        match = leading.match(text)
        if match is None:
            continue
        rest = _parse(text[match.end() :].lstrip())
        if rest is not None:
            values = tuple(match.groupdict().items())
            score = sum(len(v) for _, v in values) + rest[0]
            if best is None or score < best[0]:
                best = (score, ((template, values), *rest[1]))
    return best


def _part(value: str) -> tuple[str, bool]:
    """A filled-in part as shown, and whether it was translated (a reason, a label)."""
    found = _whole(value)
    shown = value
    if found is not None:
        shown = _render(*found)
    elif value in _settings_texts():
        shown = QCoreApplication.translate("Settings", value)
    else:
        parsed = _parse(value)  # a reason of several sentences
        if parsed is not None:
            shown = _join(parsed[1])
    return shown, shown != value


def _render(template: str, values: tuple[tuple[str, str], ...]) -> str:
    parts = {name: _part(value) for name, value in values}
    text = QCoreApplication.translate("CoreText", template)
    # Not str.format: a template may quote JSON ({"name": ...}) with braces of its own.
    text = _PLACEHOLDER.sub(
        lambda m: parts[m.group(1)][0] if m.group(1) in parts else m.group(0), text
    )
    first = _PLACEHOLDER.match(template)
    if first is not None and parts[first.group(1)][1]:
        # "the service refused…": a translated part that starts the sentence is capitalised.
        text = text[:1].upper() + text[1:]
    # The space a Chinese template keeps around a host name is not wanted around a word.
    return _CJK_GAP.sub("", text)


def translate_core(text: str) -> str:
    """``text`` (a sentence, or several, from core) in the interface language; as it came if
    it is not one of ours. Lines are translated one by one."""
    if not text or not text.strip():
        return text
    if "\n" in text:
        return "\n".join(translate_core(line) for line in text.split("\n"))
    parsed = _parse(text.strip())
    if parsed is None:
        return text
    return _join(parsed[1])


def _join(sentences: _Parsed) -> str:
    """The sentences rendered one by one, a space between them (none after a Chinese stop)."""
    result = ""
    for template, values in sentences:
        sentence = _render(template, values)
        if result:
            result += "" if result.endswith(_CJK_STOPS) else " "
        result += sentence
    return result
