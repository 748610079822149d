"""Conversation recording: what lands on disk while talking, after a close, after a crash.

Real files, a real WAV read back with the standard ``wave`` module, a real RecordingTap fed
with known tones; the events are core's own dataclasses (the SDK path is in
tests/integration/test_recording_session.py).
"""

from __future__ import annotations

import json
import os
import time
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from live_desktop.core import events as ev
from live_desktop.core.audio.tap import RecordingTap
from live_desktop.core.recording import (
    AUDIO_RATE,
    DATA_DIR_ENV,
    Recorder,
    Recording,
    RecordingError,
    apply_retention,
    default_data_dir,
    export_recording,
    list_recordings,
    repair_recordings,
    wav_header,
)

S = ev.ConnectionState
KEY = "sk-test-SECRET-0123456789"


def wait_until(predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    """Poll for an outcome (not a timing assertion: the limit only stops a hung test)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.01)


def feed_tones(tap: RecordingTap, seconds: float, start: float = 50.0) -> None:
    """``seconds`` of a 440 Hz microphone (16 kHz) and a 1 kHz model side played at 48 kHz,
    stamped as a device would, in time order (as the two audio threads would interleave)."""
    for k in range(round(seconds * 100)):
        t = start + k * 0.01
        n16 = np.arange(k * 160, (k + 1) * 160)
        tap.mic((8000 * np.sin(2 * np.pi * 440 * n16 / 16000)).astype(np.int16), t)
        n48 = np.arange(k * 480, (k + 1) * 480)
        tap.played((8000 * np.sin(2 * np.pi * 1000 * n48 / 48000)).astype(np.int16), 48000, t)


def dominant_hz(channel: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(channel.astype(np.float64)))
    return float(np.argmax(spectrum) * AUDIO_RATE / len(channel))


def read_wav(path: Path) -> tuple[wave._wave_params, np.ndarray]:
    with wave.open(str(path), "rb") as wav:
        params = wav.getparams()
        frames = np.frombuffer(wav.readframes(params.nframes), "<i2").reshape(-1, 2)
    return params, frames


def lines(folder: Path) -> list[dict[str, Any]]:
    text = (folder / "transcript.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def conversation(turns: int = 2) -> list[ev.SessionEvent]:
    events: list[ev.SessionEvent] = [
        ev.StateChanged(S.CONNECTING, S.DISCONNECTED),
        ev.StateChanged(S.CONNECTED, S.CONNECTING),
        ev.SetupComplete("s-1", "gemini-live", False),
    ]
    for i in range(turns):
        events += [
            ev.UserText(f"question {i}"),
            ev.AudioOut(b"\0\0" * 2400),
            ev.OutputTranscript(f"answer {i}"),
            ev.AudioOut(b"\0\0" * 2400),
            ev.TurnComplete(),
            ev.Usage(10, 20, 30),
            ev.ResumptionUpdate(f"handle-{i}", True),
        ]
    return events


class Taps:
    """What the app's attach_tap does to the audio engine: hold the current tap."""

    def __init__(self) -> None:
        self.tap: RecordingTap | None = None
        self.attached: list[RecordingTap | None] = []

    def __call__(self, tap: RecordingTap | None) -> None:
        self.tap = tap
        self.attached.append(tap)


# ------------------------------------------------------------------------------ the writer
def test_each_event_is_a_flushed_line_while_the_recording_is_open(tmp_path: Path) -> None:
    folder = tmp_path / "rec"
    recording = Recording(folder, {"started": time.time()}, tap=None, secrets=[KEY])
    for event in conversation(1):
        recording.add(event)
    # 3 opening events, the user's text, the transcript between two runs of audio, the turn's
    # end, usage, resumption
    wait_until(lambda: recording.lines_written == 10)
    # Readable from the file while the recording is still open: nothing waits for a close.
    written = lines(folder)
    assert [r["type"] for r in written][:5] == [
        "StateChanged",
        "StateChanged",
        "SetupComplete",
        "UserText",
        "AudioOut",
    ]
    audio = written[4]
    assert audio["chunks"] == 1 and audio["bytes"] == 4800 and audio["seconds"] == 0.1
    assert "pcm" not in audio
    resumption = written[-1]
    assert resumption == {"time": resumption["time"], "type": "ResumptionUpdate", "resumable": True}
    assert not (folder / "transcript.md").exists()
    assert json.loads((folder / "meta.json").read_text())["ended"] is None
    recording.close({"usage": {"total_tokens": 30}})
    assert recording.join()
    meta = json.loads((folder / "meta.json").read_text())
    assert meta["closed_cleanly"] and meta["turns"] == 2 and meta["usage"]["total_tokens"] == 30
    markdown = (folder / "transcript.md").read_text()
    assert "**You**" in markdown and "question 0" in markdown and "answer 0" in markdown


def test_the_wav_is_stereo_24k_of_the_right_length_and_sides(tmp_path: Path) -> None:
    folder = tmp_path / "rec"
    tap = RecordingTap(AUDIO_RATE)
    recording = Recording(folder, {"started": time.time()}, tap=tap, drain_period_s=0.05)
    feed_tones(tap, 2.0)
    wait_until(lambda: recording.audio_frames > 0)
    recording.close()
    assert recording.join()
    params, frames = read_wav(folder / "audio.wav")
    assert (params.nchannels, params.sampwidth, params.framerate) == (2, 2, AUDIO_RATE)
    # The header was patched on close: it counts exactly the frames in the file.
    assert params.nframes == ((folder / "audio.wav").stat().st_size - 44) // 4
    assert abs(params.nframes / AUDIO_RATE - 2.0) < 0.02
    middle = frames[AUDIO_RATE // 2 : AUDIO_RATE // 2 + 12000]
    assert abs(dominant_hz(middle[:, 0]) - 440) < 5  # left: the microphone
    assert abs(dominant_hz(middle[:, 1]) - 1000) < 5  # right: the model as played
    meta = json.loads((folder / "meta.json").read_text())
    assert abs(meta["audio_seconds"] - 2.0) < 0.02 and meta["closed_cleanly"]


# ------------------------------------------------------------------------------ the repair
def crashed_recording(folder: Path, frames: int, *, header_frames: int = 0) -> None:
    """A folder as a kill -9 leaves it: meta not ended, a stale WAV header and a torn last
    sample, a torn last JSON line."""
    folder.mkdir(parents=True)
    started = time.mktime((2026, 11, 21, 10, 14, 0, 0, 0, -1))
    meta = {"format": 1, "started": started, "ended": None, "model": "m", "audio": True}
    (folder / "meta.json").write_text(json.dumps(meta))
    records = [
        {
            "time": started + 1,
            "type": "SetupComplete",
            "session_id": "s",
            "model": "m",
            "resumed": False,
        },
        {"time": started + 2, "type": "UserText", "text": "hello"},
        {"time": started + 3, "type": "OutputTranscript", "text": "hi there", "finished": False},
        {"time": started + 4, "type": "TurnComplete", "reason": None},
        {"time": started + 5, "type": "UserText", "text": "and then"},
    ]
    body = "".join(json.dumps(r) + "\n" for r in records)
    (folder / "transcript.jsonl").write_text(body + "not json at all\n" + '{"time": 1, "ty')
    audio = np.full((frames, 2), 1000, np.int16).tobytes()
    (folder / "audio.wav").write_bytes(wav_header(header_frames) + audio + b"\x01\x02")


def test_a_recording_left_open_is_repaired_and_the_user_told(tmp_path: Path) -> None:
    root = tmp_path / "recordings"
    crashed_recording(root / "20261121-101400-abcdef", 42 * AUDIO_RATE)
    sentences = repair_recordings(root)
    assert sentences == [
        "The conversation of 21 Nov 10:14 was not closed properly (the app stopped); its "
        "recording was repaired: 3 turns, 42 s of audio. 2 damaged line(s) of its transcript "
        "could not be read and were skipped."
    ]
    folder = root / "20261121-101400-abcdef"
    params, frames = read_wav(folder / "audio.wav")
    assert params.nframes == 42 * AUDIO_RATE and (frames == 1000).all()
    markdown = (folder / "transcript.md").read_text()
    assert "hello" in markdown and "hi there" in markdown and "and then" in markdown
    [info] = list_recordings(root)
    assert info.repaired and not info.closed_cleanly and not info.open
    assert info.turns == 3 and info.audio_seconds == 42.0
    assert repair_recordings(root) == []  # once repaired, it is an ordinary recording


def test_a_transcript_only_recording_is_repaired_without_audio(tmp_path: Path) -> None:
    root = tmp_path / "recordings"
    folder = root / "20261121-101400-abcdef"
    crashed_recording(folder, 0)
    (folder / "audio.wav").unlink()
    [sentence] = repair_recordings(root)
    assert "3 turns, no audio." in sentence


def test_a_recording_another_writer_holds_is_left_alone(tmp_path: Path) -> None:
    root = tmp_path / "recordings"
    recording = Recording(root / "live", {"started": time.time()}, tap=None)
    recording.add(ev.UserText("still talking"))
    wait_until(lambda: recording.lines_written == 1)
    if os.name == "posix":
        assert repair_recordings(root) == []
        assert json.loads((root / "live" / "meta.json").read_text())["ended"] is None
    recording.close()
    assert recording.join()


# ------------------------------------------------------------------------------ retention
def closed_recording(root: Path, name: str, started: float, ended: float | None) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    meta = {"started": started, "ended": ended, "closed_cleanly": ended is not None}
    (folder / "meta.json").write_text(json.dumps(meta))
    return folder


def test_retention_deletes_only_closed_recordings_older_than_the_setting(tmp_path: Path) -> None:
    root = tmp_path / "recordings"
    now = time.time()
    day = 86400.0
    old = closed_recording(root, "old", now - 40 * day, now - 40 * day + 60)
    recent = closed_recording(root, "recent", now - 10 * day, now - 10 * day + 60)
    still_open = closed_recording(root, "open", now - 40 * day, None)
    stranger = root / "not-a-recording"
    stranger.mkdir()
    assert apply_retention(root, 0, now) == [] and old.exists()  # 0: keep forever
    assert apply_retention(root, None, now) == [] and old.exists()
    assert apply_retention(root, 30, now) == []
    assert not old.exists()
    assert recent.exists() and still_open.exists() and stranger.exists()


# ------------------------------------------------------------------------------ the listener
def test_one_recording_spans_reconnections_and_a_resume_after_a_failure(tmp_path: Path) -> None:
    root = tmp_path / "recordings"
    taps = Taps()
    recorder = Recorder(root, attach_tap=taps, endpoint="Offline loopback", secrets=[KEY])
    for event in conversation(1):
        recorder.apply(event)
    assert taps.tap is not None
    feed_tones(taps.tap, 1.0)
    # An automatic reconnection and a goAway handover keep the recording.
    for event in [
        ev.GoAway(5.0),
        ev.StateChanged(S.RECONNECTING, S.CONNECTED),
        ev.StateChanged(S.CONNECTED, S.RECONNECTING),
        ev.SetupComplete("s-1", "gemini-live", True),
        ev.UserText("after the handover"),
        # Then the connection fails for good and the user presses Connect again (resume).
        ev.StateChanged(S.FAILED, S.CONNECTED),
        ev.ErrorEvent(
            ev.ErrorKind.CONNECTION_LOST,
            "The connection was lost.",
            True,
            f"wss://host/ws?key={KEY}",
        ),
        ev.StateChanged(S.DISCONNECTED, S.FAILED),
    ]:
        recorder.apply(event)
    assert recorder.current is None and taps.tap is None  # closed, tap detached
    first = recorder.last_folder
    assert first is not None
    for event in [
        ev.StateChanged(S.CONNECTING, S.DISCONNECTED),
        ev.StateChanged(S.CONNECTED, S.CONNECTING),
        ev.SetupComplete("s-1", "gemini-live", True),
        ev.UserText("after the failure"),
        ev.StateChanged(S.CLOSING, S.CONNECTED),
        ev.StateChanged(S.DISCONNECTED, S.CLOSING),
    ]:
        recorder.apply(event)
    assert recorder.last_folder == first
    # After the user's own Disconnect, the next Connect is a new recording even if resumed.
    for event in [
        ev.StateChanged(S.CONNECTING, S.DISCONNECTED),
        ev.SetupComplete("s-1", "gemini-live", True),
        ev.UserText("a new conversation"),
        ev.StateChanged(S.DISCONNECTED, S.CONNECTED),
    ]:
        recorder.apply(event)
    assert recorder.close()
    second = recorder.last_folder
    assert second is not None and second != first
    assert [info.path for info in list_recordings(root)].count(first) == 1

    texts = [r["text"] for r in lines(first) if r["type"] == "UserText"]
    assert texts == ["question 0", "after the handover", "after the failure"]
    kinds = [r["type"] for r in lines(first)]
    assert "GoAway" in kinds and kinds.count("SetupComplete") == 3
    meta = json.loads((first / "meta.json").read_text())
    assert meta["closed_cleanly"] and meta["endpoint"] == "Offline loopback" and meta["audio"]
    assert meta["usage"]["usage"]["total_tokens"] == 30 and meta["usage"]["connections"] == 3
    assert [r["text"] for r in lines(second) if r["type"] == "UserText"] == ["a new conversation"]
    for folder in (first, second):
        for file in folder.iterdir():
            assert KEY not in file.read_bytes().decode("utf-8", "replace"), file
            assert "handle-0" not in file.read_bytes().decode("utf-8", "replace"), file


def test_without_a_sound_system_the_recording_is_transcript_only(tmp_path: Path) -> None:
    recorder = Recorder(tmp_path, audio_note="No sound device: transcript only.")
    for event in [*conversation(1), ev.StateChanged(S.DISCONNECTED, S.CONNECTED)]:
        recorder.apply(event)
    assert recorder.close()
    [info] = list_recordings(tmp_path)
    assert not info.has_audio and info.turns == 2
    meta = json.loads((info.path / "meta.json").read_text())
    assert meta["audio"] is False and meta["audio_note"] == "No sound device: transcript only."
    with pytest.raises(RecordingError, match="no audio"):
        export_recording(info.path, tmp_path / "out.wav")


def test_recording_switched_off_writes_nothing(tmp_path: Path) -> None:
    recorder = Recorder(tmp_path / "recordings", enabled=lambda: False, attach_tap=Taps())
    for event in [*conversation(1), ev.StateChanged(S.DISCONNECTED, S.CONNECTED)]:
        recorder.apply(event)
    assert recorder.close() and not (tmp_path / "recordings").exists()


def test_a_failed_connection_attempt_leaves_no_recording(tmp_path: Path) -> None:
    recorder = Recorder(tmp_path)
    for event in [
        ev.StateChanged(S.CONNECTING, S.DISCONNECTED),
        ev.StateChanged(S.FAILED, S.CONNECTING),
        ev.ErrorEvent(ev.ErrorKind.AUTHENTICATION, "The API key was rejected.", False),
        ev.StateChanged(S.DISCONNECTED, S.FAILED),
    ]:
        recorder.apply(event)
    assert recorder.close() and list_recordings(tmp_path) == []


# ------------------------------------------------------------------------------ bad disks
def test_an_unwritable_folder_is_one_sentence_and_nothing_else(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the recordings folder should be")
    said: list[str] = []
    recorder = Recorder(blocker / "recordings", attach_tap=Taps(), report=said.append)
    for event in [*conversation(1), ev.StateChanged(S.DISCONNECTED, S.CONNECTED)]:
        recorder.apply(event)
    assert recorder.close()
    assert len(said) == 1
    assert said[0].startswith("This conversation is not being recorded:") and "data" in said[0]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_stops_the_recording_and_keeps_what_was_written(tmp_path: Path) -> None:
    folder = tmp_path / "rec"
    folder.mkdir()
    (folder / "transcript.jsonl").symlink_to("/dev/full")  # every write: ENOSPC
    said: list[str] = []
    tap = RecordingTap(AUDIO_RATE)
    recording = Recording(folder, {"started": time.time()}, tap=tap, report=said.append)
    recording.add(ev.UserText("hello"))
    wait_until(lambda: bool(said))
    recording.add(ev.UserText("lost, and said so"))
    recording.close()
    assert recording.join()
    assert said == [
        f"The recording of this conversation stopped: {folder} could not be written (No space "
        "left on device). What was recorded until then is kept."
    ]
    meta = json.loads((folder / "meta.json").read_text())
    assert meta["closed_cleanly"] is False and "No space left" in meta["problem"]
    assert read_wav(folder / "audio.wav")[0].nframes == 0  # a valid (empty) WAV


# ------------------------------------------------------------------------------ export
def test_exports_of_a_recording_still_being_written(tmp_path: Path) -> None:
    root = tmp_path / "recordings"
    taps = Taps()
    recorder = Recorder(root, attach_tap=taps, secrets=[KEY])
    for event in [*conversation(2), ev.Notice(f"a notice that quotes {KEY}")]:
        recorder.apply(event)
    assert taps.tap is not None and recorder.current is not None
    feed_tones(taps.tap, 1.0)
    current = recorder.current
    wait_until(lambda: current.audio_frames >= AUDIO_RATE - 480 and current.lines_written >= 16)
    folder = recorder.last_folder
    assert folder is not None
    wav = export_recording(folder, tmp_path / "out.wav")
    params, _ = read_wav(wav)
    assert params.nframes == current.audio_frames  # the copy's header fits the copy
    markdown = export_recording(folder, tmp_path / "out.md").read_text()
    assert markdown.startswith("# Conversation (Live Desktop,")
    assert "question 1" in markdown and "answer 1" in markdown
    document = json.loads(export_recording(folder, tmp_path / "out.json").read_text())
    assert [t["text"] for t in document["turns"] if t["role"] == "user"] == [
        "question 0",
        "question 1",
    ]
    for name in ("out.md", "out.json"):
        assert KEY not in (tmp_path / name).read_text()
    recorder.apply(ev.StateChanged(S.DISCONNECTED, S.CONNECTED))
    assert recorder.close()


def test_the_data_dir_follows_the_environment(tmp_path: Path) -> None:
    assert default_data_dir({DATA_DIR_ENV: str(tmp_path)}) == tmp_path
    assert default_data_dir({}).name.lower().replace(" ", "-") in ("live-desktop",)
