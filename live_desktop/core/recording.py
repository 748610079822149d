"""Conversation recording: one folder per conversation, written as it happens, kept after a crash.

A conversation (the user's Connect … Disconnect, across reconnections and goAway handovers) goes
to ``<data>/recordings/<YYYYmmdd-HHMMSS>-<id>/``:

- ``transcript.jsonl``: one JSON line per session event, written and flushed as it comes (model
  audio as a byte count and duration per run of chunks, never the samples; no key, no token, no
  resumption handle);
- ``audio.wav``: stereo 16-bit at 24 kHz (left: the microphone after processing, right: the
  model as played) from a :class:`~live_desktop.core.audio.tap.RecordingTap`, appended every
  :data:`DRAIN_PERIOD_S`, its header patched every :data:`PATCH_PERIOD_S` and on close;
- ``meta.json``: written at the start (``ended`` null) and on close (times, model, endpoint,
  turns, audio seconds, usage, ``closed_cleanly``);
- ``transcript.md``: written on close, from ``transcript.jsonl``.

A recording whose ``meta.json`` still says ``ended: null`` at the next start was not closed
(the app was killed or crashed): :func:`repair_recordings` fixes its WAV header from the file
size, rebuilds ``transcript.md`` from the JSON lines and returns the sentence the user is shown.

Threads: :class:`Recorder` is a session listener and runs on the asyncio loop's thread; it
does no disk I/O. Each :class:`Recording` has a writer thread of its own that does all of it
(directory, files, draining the tap), so neither the loop nor an audio callback ever waits
for a disk. The module-level functions (scan, repair, retention, export) do I/O on the caller's
thread: call them at start or from a user action, not per event.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import json
import logging
import os
import queue
import shutil
import struct
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np
import numpy.typing as npt
import platformdirs

from live_desktop import APP_ID, APP_NAME, __version__
from live_desktop.core import events as ev
from live_desktop.core.audio.tap import RecordingTap
from live_desktop.core.files import write_text_atomic
from live_desktop.core.secrets import redact
from live_desktop.core.transcript import Role, TranscriptModel, Turn
from live_desktop.core.usage import UsageMeter

try:  # POSIX: a lock tells the next start that a recording's writer is still alive
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

__all__ = [
    "AUDIO_RATE",
    "DATA_DIR_ENV",
    "DRAIN_PERIOD_S",
    "Recorder",
    "Recording",
    "RecordingError",
    "RecordingInfo",
    "apply_retention",
    "default_data_dir",
    "export_recording",
    "list_recordings",
    "recordings_dir",
    "repair_recordings",
    "repair_wav",
]

DATA_DIR_ENV = "LIVE_DESKTOP_DATA_DIR"
"""Where the data directory is, instead of the platform's (tests, portable installs)."""
RECORDINGS = "recordings"
TRANSCRIPT_JSONL = "transcript.jsonl"
TRANSCRIPT_MD = "transcript.md"
AUDIO_WAV = "audio.wav"
META_JSON = "meta.json"
LOCK = ".lock"
FORMAT = 1

AUDIO_RATE = 24000
CHANNELS = 2
FRAME_BYTES = CHANNELS * 2
WAV_HEADER_BYTES = 44
DRAIN_PERIOD_S = 0.2
"""How often the writer thread drains the tap into the WAV: at most this much audio is lost to
a kill -9 (plus what the tap holds back for a side that lags, see MAX_LAG_S there)."""
PATCH_PERIOD_S = 2.0
"""How often the WAV header is patched while recording (so even an unrepaired file plays)."""
CLOSE_TIMEOUT_S = 3.0
"""The longest a close waits for its writer thread; anything left is repaired at next start."""
_PENDING_LIMIT = 2000  # events kept between CONNECTING and SetupComplete

Int16Frames = npt.NDArray[np.int16]
Report = Callable[[str], None]


class RecordingError(Exception):
    """A recording cannot be read or exported; the message is a sentence for the user."""


# ------------------------------------------------------------------------------ where
def default_data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """``$LIVE_DESKTOP_DATA_DIR`` if set, else the platform's user data dir for the app."""
    env = os.environ if environ is None else environ
    override = (env.get(DATA_DIR_ENV) or "").strip()
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False))


def recordings_dir(data_dir: Path | None = None) -> Path:
    return (data_dir if data_dir is not None else default_data_dir()) / RECORDINGS


# ------------------------------------------------------------------------------ WAV
def wav_header(frames: int, rate: int = AUDIO_RATE, channels: int = CHANNELS) -> bytes:
    """A canonical 44-byte PCM 16-bit header for ``frames`` frames."""
    block = channels * 2
    data = min(frames * block, 0xFFFFFFFF - 36)
    return struct.pack(
        "<4sI4s4sIHHIIHH4sI",
        b"RIFF",
        36 + data,
        b"WAVE",
        b"fmt ",
        16,
        1,
        channels,
        rate,
        rate * block,
        block,
        16,
        b"data",
        data,
    )


class _WavFile:
    """An incrementally written WAV: header with the sizes known so far, frames appended."""

    def __init__(self, path: Path, *, append: bool = False) -> None:
        if append and path.exists():
            self.frames = repair_wav(path)
            self._file: IO[bytes] = open(path, "r+b")  # noqa: SIM115 - closed in close()
            self._file.seek(0, os.SEEK_END)
        else:
            self.frames = 0
            self._file = open(path, "wb")  # noqa: SIM115 - closed in close()
            self._file.write(wav_header(0))
        self._file.flush()

    def write(self, frames: Int16Frames) -> None:
        if len(frames):
            self._file.write(np.ascontiguousarray(frames, dtype="<i2").tobytes())
            self._file.flush()  # to the OS: a kill -9 loses nothing written so far
            self.frames += len(frames)

    def patch(self) -> None:
        end = self._file.tell()
        self._file.seek(0)
        self._file.write(wav_header(self.frames))
        self._file.seek(end)
        self._file.flush()

    def close(self) -> None:
        try:
            self.patch()
            os.fsync(self._file.fileno())
        finally:
            self._file.close()


def repair_wav(path: Path) -> int:
    """Make ``path`` a valid WAV of whole frames from its size; returns its frame count.

    Whatever follows the 44-byte header is taken as stereo 16-bit frames (this module's own
    files); a torn last frame is cut. A file shorter than a header becomes an empty WAV.
    """
    size = path.stat().st_size
    frames = max(0, size - WAV_HEADER_BYTES) // FRAME_BYTES
    with open(path, "r+b") as handle:
        handle.truncate(WAV_HEADER_BYTES + frames * FRAME_BYTES)
        handle.seek(0)
        handle.write(wav_header(frames))
    return frames


# ------------------------------------------------------------------------------ event lines
_ENUMS = {"state": ev.ConnectionState, "previous": ev.ConnectionState, "kind": ev.ErrorKind}
#: Events whose fields are copied as they are (names as in core/events.py).
_PLAIN = {
    cls.__name__: cls
    for cls in (
        ev.StateChanged,
        ev.SetupComplete,
        ev.InputTranscript,
        ev.OutputTranscript,
        ev.ModelText,
        ev.UserText,
        ev.ExecutableCode,
        ev.CodeResult,
        ev.GenerationComplete,
        ev.TurnComplete,
        ev.Interrupted,
        ev.ToolCallCancellation,
        ev.ToolResult,
        ev.GoAway,
        ev.ErrorEvent,
        ev.Notice,
    )
}


def _jsonable(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def event_record(event: ev.SessionEvent, wall: float) -> dict[str, Any] | None:
    """The JSON line for ``event``: its type and fields (without secrets).

    ``AudioOut`` is not handled here (None): the writer sums runs of it, see :class:`Recording`.
    Events added to core/events.py later are written the same way, field by field.
    """
    if isinstance(event, ev.AudioOut) or not dataclasses.is_dataclass(event):
        return None
    record: dict[str, Any] = {"time": round(wall, 3), "type": type(event).__name__}
    if isinstance(event, ev.ResumptionUpdate):
        # The handle resumes the conversation on the service: a credential, never written.
        record["resumable"] = event.resumable
        return record
    for f in dataclasses.fields(event):
        if f.name != "at":
            record[f.name] = _jsonable(getattr(event, f.name))
    return record


def event_from_record(record: Mapping[str, Any]) -> ev.SessionEvent | None:
    """The event a JSON line was made from (for replaying a transcript); None if unknown."""
    name = record.get("type")
    fields = {k: v for k, v in record.items() if k not in ("time", "type")}
    try:
        if name == "ToolCall":
            calls = tuple(
                ev.FunctionCall(str(c["id"]), str(c["name"]), dict(c.get("args") or {}))
                for c in fields.get("calls", ())
            )
            return ev.ToolCall(calls)
        if name == "Grounding":
            sources = tuple(
                ev.GroundingSource(str(s["title"]), str(s["uri"]))
                for s in fields.get("sources", ())
            )
            return ev.Grounding(sources, tuple(fields.get("queries", ())))
        cls = _PLAIN.get(str(name))
        if cls is None:
            return None
        for key, kind in _ENUMS.items():
            if key in fields:
                fields[key] = kind(fields[key])
        for key in ("ids",):
            if key in fields:
                fields[key] = tuple(fields[key])
        event: ev.SessionEvent = cls(**fields)
        return event
    except (KeyError, TypeError, ValueError):
        return None


def read_lines(path: Path) -> tuple[list[dict[str, Any]], int]:
    """The records of a ``transcript.jsonl`` and how many lines could not be read.

    A torn last line (the process died mid-write) or a corrupt one is skipped, never fatal.
    """
    records: list[dict[str, Any]] = []
    bad = 0
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return records, 0
    for line in raw.splitlines():
        if not line.strip():
            continue
        try:
            record = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            bad += 1
            continue
        if isinstance(record, dict):
            records.append(record)
        else:
            bad += 1
    return records, bad


class _Replay:
    """A transcript model fed from JSON lines or live events, turns stamped with line times."""

    def __init__(self) -> None:
        self.model = TranscriptModel()
        self._wall = time.time()
        self.model.subscribe(self._on_turn)

    def _on_turn(self, turn: Turn, created: bool) -> None:
        if created:
            turn.started_wall = self._wall

    def apply(self, event: ev.SessionEvent, wall: float) -> None:
        self._wall = wall
        self.model.apply(event)

    def apply_record(self, record: Mapping[str, Any]) -> None:
        event = event_from_record(record)
        if event is not None:
            wall = record.get("time")
            self.apply(event, float(wall) if isinstance(wall, int | float) else time.time())

    @property
    def turns(self) -> int:
        return sum(1 for t in self.model.turns if t.role in (Role.USER, Role.MODEL))


def _replay(records: Iterable[Mapping[str, Any]]) -> _Replay:
    replay = _Replay()
    for record in records:
        replay.apply_record(record)
    return replay


def _markdown(replay: _Replay, started: float) -> str:
    stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(started))
    return f"# Conversation ({APP_NAME}, {stamp})\n\n" + replay.model.to_markdown()


# ------------------------------------------------------------------------------ files
def _read_meta(folder: Path) -> dict[str, Any] | None:
    try:
        meta = json.loads((folder / META_JSON).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return meta if isinstance(meta, dict) else None


class _Lock:
    """An exclusive lock on a recording folder while its writer lives (POSIX; the OS drops
    it when the process dies, so a kill -9 leaves it free for the repair)."""

    def __init__(self, folder: Path) -> None:
        self._handle: IO[bytes] | None = None
        if fcntl is None:
            return
        handle = open(folder / LOCK, "ab")  # noqa: SIM115 - closed in release()
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def _in_use(folder: Path) -> bool:
    """True if a living writer holds ``folder`` (another instance of the app, say)."""
    try:
        lock = _Lock(folder)
    except BlockingIOError:
        return True
    except OSError:
        return False
    lock.release()
    return False


# ------------------------------------------------------------------------------ listing
@dataclass(frozen=True, slots=True)
class RecordingInfo:
    """What the recordings list shows about one recording (from its meta.json)."""

    path: Path
    started: float
    ended: float | None
    model: str
    endpoint: str
    turns: int
    audio_seconds: float
    audio: bool
    closed_cleanly: bool
    repaired: bool

    @property
    def open(self) -> bool:
        """Still being written (or not closed and not yet repaired)."""
        return self.ended is None

    @property
    def duration_s(self) -> float:
        """From the start to the last event, or the audio's length if that is longer (a
        repaired recording ends at its last event line, its audio may go on after it)."""
        if self.ended is None:
            return self.audio_seconds
        return max(0.0, self.ended - self.started, self.audio_seconds)

    @property
    def has_audio(self) -> bool:
        return self.audio and (self.path / AUDIO_WAV).exists()


def _info(folder: Path, meta: Mapping[str, Any]) -> RecordingInfo:
    def number(key: str, default: float = 0.0) -> float:
        value = meta.get(key)
        return float(value) if isinstance(value, int | float) else default

    ended = meta.get("ended")
    return RecordingInfo(
        path=folder,
        started=number("started"),
        ended=float(ended) if isinstance(ended, int | float) else None,
        model=str(meta.get("model") or ""),
        endpoint=str(meta.get("endpoint") or ""),
        turns=int(number("turns")),
        audio_seconds=number("audio_seconds"),
        audio=bool(meta.get("audio")),
        closed_cleanly=bool(meta.get("closed_cleanly")),
        repaired=bool(meta.get("repaired")),
    )


def _folders(root: Path) -> Iterator[Path]:
    try:
        entries = sorted(root.iterdir())
    except OSError:
        return
    for entry in entries:
        if entry.is_dir() and not entry.name.startswith(".") and (entry / META_JSON).exists():
            yield entry


def list_recordings(root: Path) -> list[RecordingInfo]:
    """Every recording under ``root``, newest first; unreadable ones are skipped."""
    found = []
    for folder in _folders(root):
        meta = _read_meta(folder)
        if meta is not None:
            found.append(_info(folder, meta))
    return sorted(found, key=lambda info: info.started, reverse=True)


# ------------------------------------------------------------------------------ repair
def _when(wall: float) -> str:
    tm = time.localtime(wall)
    return f"{tm.tm_mday} {time.strftime('%b %H:%M', tm)}"


def _turns_text(turns: int) -> str:
    return "1 turn" if turns == 1 else f"{turns} turns"


def _audio_text(seconds: float | None) -> str:
    return "no audio" if seconds is None else f"{round(seconds)} s of audio"


def repair_recording(folder: Path) -> str:
    """Repair one recording that was not closed; returns the sentence for the user."""
    meta = _read_meta(folder) or {}
    records, bad = read_lines(folder / TRANSCRIPT_JSONL)
    started = meta.get("started")
    if not isinstance(started, int | float):
        started = records[0]["time"] if records and "time" in records[0] else time.time()
    wav = folder / AUDIO_WAV
    seconds: float | None = None
    if wav.exists():
        seconds = repair_wav(wav) / AUDIO_RATE
    replay = _replay(records)
    write_text_atomic(folder / TRANSCRIPT_MD, _markdown(replay, float(started)))
    times = [r["time"] for r in records if isinstance(r.get("time"), int | float)]
    meta.update(
        {
            "started": started,
            "ended": max(times) if times else started,
            "turns": replay.turns,
            "audio_seconds": round(seconds, 3) if seconds is not None else 0.0,
            "closed_cleanly": False,
            "repaired": True,
            "repaired_at": round(time.time(), 3),
            "unreadable_lines": bad,
        }
    )
    meta.setdefault("format", FORMAT)
    write_text_atomic(folder / META_JSON, json.dumps(meta, ensure_ascii=False, indent=2) + "\n")
    sentence = (
        f"The conversation of {_when(float(started))} was not closed properly (the app "
        f"stopped); its recording was repaired: {_turns_text(replay.turns)}, "
        f"{_audio_text(seconds)}."
    )
    if bad:
        sentence += f" {bad} damaged line(s) of its transcript could not be read and were skipped."
    return sentence


def repair_recordings(root: Path) -> list[str]:
    """Repair every recording under ``root`` left open by a crash; a sentence for each.

    A recording another running instance is writing is left alone. A repair that fails says
    so and leaves the files as they were (nothing is deleted).
    """
    sentences = []
    for folder in _folders(root):
        meta = _read_meta(folder)
        if meta is not None and meta.get("ended") is not None:
            continue
        if _in_use(folder):
            continue
        try:
            sentences.append(repair_recording(folder))
        except OSError as exc:
            log.warning("Could not repair the recording %s: %s", folder, exc)
            sentences.append(
                f"The recording in {folder} was not closed properly and could not be repaired "
                f"({exc.strerror or exc}); its files were left as they are."
            )
    return sentences


# ------------------------------------------------------------------------------ retention
def apply_retention(root: Path, keep_days: int | None, now: float | None = None) -> list[str]:
    """Delete recordings that started more than ``keep_days`` days ago (None or 0: keep all).

    Returns sentences for deletions that failed (nothing for those that worked). Open
    recordings are never deleted.
    """
    if not keep_days:
        return []
    limit = (time.time() if now is None else now) - keep_days * 86400.0
    problems = []
    for info in list_recordings(root):
        if info.started >= limit or info.open:
            continue
        try:
            shutil.rmtree(info.path)
        except OSError as exc:
            log.warning("Could not delete the old recording %s: %s", info.path, exc)
            problems.append(
                f"The old recording {info.path} could not be deleted ({exc.strerror or exc})."
            )
    return problems


# ------------------------------------------------------------------------------ export
def export_recording(folder: Path, dest: Path, *, secrets: Iterable[str] = ()) -> Path:
    """Write a recording to ``dest``: Markdown (``.md``), JSON (``.json``) or WAV (``.wav``).

    Raises :class:`RecordingError` (a sentence) when the recording has no such content and
    OSError when ``dest`` cannot be written. Text exports are redacted once more on the way out.
    """
    suffix = dest.suffix.lower()
    meta = _read_meta(folder) or {}
    if suffix == ".wav":
        wav = folder / AUDIO_WAV
        if not wav.exists():
            raise RecordingError(
                "This recording has no audio (it was made without a sound device)."
            )
        tmp = dest.with_name(f".{dest.name}.part")
        try:
            shutil.copyfile(wav, tmp)
            repair_wav(tmp)  # a recording still being written has a header that lags behind
            os.replace(tmp, dest)
        finally:
            with contextlib.suppress(OSError):
                tmp.unlink()
        return dest
    records, _bad = read_lines(folder / TRANSCRIPT_JSONL)
    replay = _replay(records)
    started = meta.get("started")
    started = float(started) if isinstance(started, int | float) else time.time()
    if suffix == ".json":
        document = {
            "app": APP_NAME,
            "exported": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "endpoint": meta.get("endpoint", ""),
            "model": meta.get("model", ""),
            "recording": {k: v for k, v in meta.items() if k != "pid"},
            "turns": replay.model.to_records(),
        }
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    else:
        text = _markdown(replay, started)
    dest.write_text(redact(text, secrets), encoding="utf-8")
    return dest


# ------------------------------------------------------------------------------ writing
@dataclass(frozen=True, slots=True)
class _Close:
    meta: dict[str, Any]


class Recording:
    """One recording folder and the writer thread that owns every file in it.

    :meth:`add` and :meth:`close` are called on the loop thread and only queue; the writer
    thread opens the folder, writes each event's line and flushes it, drains ``tap`` into the
    WAV every ``drain_period_s`` and finishes the files on close. ``report`` is called with a
    sentence, from the writer thread, when something stops the recording (disk full).
    """

    def __init__(
        self,
        folder: Path,
        meta: dict[str, Any],
        *,
        tap: RecordingTap | None,
        secrets: Iterable[str] = (),
        report: Report | None = None,
        append: bool = False,
        drain_period_s: float = DRAIN_PERIOD_S,
    ) -> None:
        self.folder = folder
        self.tap = tap
        self._meta = dict(meta)
        self._secrets = tuple(s for s in secrets if s)
        self._report = report or (lambda _s: None)
        self._append = append
        self._period = drain_period_s
        self._queue: queue.SimpleQueue[tuple[ev.SessionEvent, float] | _Close] = queue.SimpleQueue()
        self._replay = _Replay()
        self._lines: IO[str] | None = None
        self._wav: _WavFile | None = None
        self._lock: _Lock | None = None
        self._audio_run: dict[str, Any] | None = None  # model audio since the last other event
        self._failed = False
        self._closing = False
        #: Frames in the WAV so far (read from any thread; for progress and tests).
        self.audio_frames = 0
        self.lines_written = 0
        self.problem: str | None = None
        self._thread = threading.Thread(
            target=self._run, name=f"recording-{folder.name}", daemon=True
        )
        self._thread.start()

    # -- loop thread ------------------------------------------------------------------------
    def add(self, event: ev.SessionEvent, wall: float | None = None) -> None:
        if not self._failed and not self._closing:
            self._queue.put((event, time.time() if wall is None else wall))

    def close(self, meta: Mapping[str, Any] | None = None) -> None:
        """Finish the files (on the writer thread); returns at once. See :meth:`join`."""
        if not self._closing:
            self._closing = True
            self._queue.put(_Close(dict(meta or {})))

    def join(self, timeout: float = CLOSE_TIMEOUT_S) -> bool:
        """Wait for the writer to finish; False if it did not within ``timeout``."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def closed(self) -> bool:
        return not self._thread.is_alive()

    # -- writer thread ----------------------------------------------------------------------
    def _run(self) -> None:
        try:
            self._open()
        except OSError as exc:
            self._fail(
                f"This conversation is not being recorded: {self.folder} could not be written "
                f"({exc.strerror or exc}). Check the folder's permissions and free space."
            )
        period = self._period
        next_drain = time.monotonic() + period
        next_patch = time.monotonic() + PATCH_PERIOD_S
        while True:
            try:
                item = self._queue.get(timeout=max(0.0, next_drain - time.monotonic()))
            except queue.Empty:
                item = None
            if isinstance(item, _Close):
                self._finish(item.meta)
                return
            if item is not None and not self._failed:
                self._guard(self._write_event, *item)
            now = time.monotonic()
            if now >= next_drain:
                next_drain = now + period
                self._guard(self._drain)
            if now >= next_patch and self._wav is not None:
                next_patch = now + PATCH_PERIOD_S
                self._guard(self._wav.patch)

    def _open(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = _Lock(self.folder)
        if self._append:
            records, _bad = read_lines(self.folder / TRANSCRIPT_JSONL)
            for record in records:
                self._replay.apply_record(record)
            self.lines_written = len(records)
            meta = _read_meta(self.folder) or {}
            meta.update(self._meta)
            self._meta = meta
        self._meta.update({"ended": None, "closed_cleanly": False, "repaired": False})
        self._write_meta()
        self._lines = open(self.folder / TRANSCRIPT_JSONL, "a", encoding="utf-8")  # noqa: SIM115
        if self.tap is not None:
            self._wav = _WavFile(self.folder / AUDIO_WAV, append=self._append)
            self.audio_frames = self._wav.frames

    def _guard(self, step: Callable[..., None], *args: Any) -> None:
        if self._failed:
            return
        try:
            step(*args)
        except OSError as exc:
            self._fail(
                f"The recording of this conversation stopped: {self.folder} could not be "
                f"written ({exc.strerror or exc}). What was recorded until then is kept."
            )

    def _fail(self, sentence: str) -> None:
        log.warning("Recording %s: %s", self.folder, sentence)
        self._failed = True
        self.problem = sentence
        if self.tap is not None:
            self.tap = None  # stop draining: the tap's own bounded queues drop the rest
        try:
            self._report(sentence)
        except Exception:
            log.exception("Recording problem reporter failed")

    def _line(self, record: Mapping[str, Any]) -> None:
        assert self._lines is not None
        text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        self._lines.write(redact(text, self._secrets) + "\n")
        self._lines.flush()  # to the OS, per event: a kill -9 loses no line written
        self.lines_written += 1

    def _write_event(self, event: ev.SessionEvent, wall: float) -> None:
        if isinstance(event, ev.AudioOut):
            run = self._audio_run
            if run is None:
                run = self._audio_run = {"time": round(wall, 3), "type": "AudioOut", "chunks": 0}
                run.update(bytes=0, seconds=0.0, sample_rate=event.sample_rate)
            run["chunks"] += 1
            run["bytes"] += len(event.pcm)
            run["seconds"] = round(run["seconds"] + len(event.pcm) / 2 / event.sample_rate, 3)
            return
        self._end_audio_run()
        record = event_record(event, wall)
        if record is not None:
            self._line(record)
        self._replay.apply(event, wall)

    def _end_audio_run(self) -> None:
        if self._audio_run is not None:
            run, self._audio_run = self._audio_run, None
            self._line(run)

    def _drain(self) -> None:
        tap = self.tap
        if tap is None or self._wav is None:
            return
        self._wav.write(tap.drain())
        self.audio_frames = self._wav.frames

    def _write_meta(self) -> None:
        text = json.dumps(self._meta, ensure_ascii=False, indent=2) + "\n"
        write_text_atomic(self.folder / META_JSON, redact(text, self._secrets))

    def _finish(self, meta: Mapping[str, Any]) -> None:
        try:
            if self._lines is not None and not self._failed:
                self._guard(self._end_audio_run)
                self._guard(self._drain)
            for handle in (self._wav, self._lines):
                if handle is not None:
                    with contextlib.suppress(OSError):
                        handle.close()
            if self._lines is None:
                return  # the folder never opened: nothing to finish
            started = float(self._meta.get("started") or time.time())
            self._meta.update(meta)
            self._meta.update(
                {
                    "ended": round(time.time(), 3),
                    "turns": self._replay.turns,
                    "audio_seconds": round(self.audio_frames / AUDIO_RATE, 3),
                    "closed_cleanly": not self._failed,
                    "repaired": False,
                }
            )
            if self._failed and self.problem:
                self._meta["problem"] = self.problem
            try:
                write_text_atomic(
                    self.folder / TRANSCRIPT_MD,
                    redact(_markdown(self._replay, started), self._secrets),
                )
                self._write_meta()
            except OSError as exc:
                # meta.json still says "not ended": the next start repairs the folder.
                log.warning("Could not finish the recording %s: %s", self.folder, exc)
        finally:
            if self._lock is not None:
                self._lock.release()
                with contextlib.suppress(OSError):
                    (self.folder / LOCK).unlink()  # tidy: no writer holds it any more


# ------------------------------------------------------------------------------ the listener
TapAttach = Callable[[RecordingTap | None], None]


class Recorder:
    """Follows a session controller's events and keeps one :class:`Recording` per conversation.

    A recording starts at the first ``SetupComplete`` after the state was DISCONNECTED (the
    events since CONNECTING are written first), stays open through RECONNECTING and goAway
    handovers (their events are in the file), and closes when the state becomes DISCONNECTED.
    If the conversation ended on a failure (FAILED before DISCONNECTED) and the next connection
    resumes it (``SetupComplete.resumed``), the same recording is reopened and continued: the
    user pressed Connect to go on with the same conversation.

    ``attach_tap(tap)`` hands the audio engine a fresh tap for each recording (None detaches);
    without it the recording is transcript-only and its meta says why (``audio_note``).
    ``enabled()`` is asked at each new conversation. Loop thread only; no disk I/O here.
    """

    def __init__(
        self,
        root: Path,
        *,
        enabled: Callable[[], bool] = lambda: True,
        attach_tap: TapAttach | None = None,
        audio_note: str = "",
        endpoint: str | Callable[[], str] = "",
        secrets: Iterable[str] | Callable[[], Iterable[str]] = (),
        report: Report | None = None,
        drain_period_s: float = DRAIN_PERIOD_S,
    ) -> None:
        self.root = root
        self._enabled = enabled
        self._attach_tap = attach_tap
        self._audio_note = audio_note
        self._endpoint = endpoint
        self._secrets = secrets
        self._report = report
        self._period = drain_period_s
        self.usage = UsageMeter()
        #: Sentences the app's start-up repair and retention produced (the app fills it in).
        self.notices: list[str] = []
        self.current: Recording | None = None
        #: The folder of the newest recording this run (open or closed), for "export current".
        self.last_folder: Path | None = None
        self._last: Recording | None = None
        self._closing: list[Recording] = []  # closed here, their writers maybe not done yet
        self._pending: list[tuple[ev.SessionEvent, float]] | None = None
        self._tap_attached = False
        self._failed = False  # FAILED was seen since the last SetupComplete
        self._resumable_after_failure = False

    # -- listener ---------------------------------------------------------------------------
    def apply(self, event: ev.SessionEvent) -> None:
        wall = time.time()
        self.usage.apply(event)
        if isinstance(event, ev.StateChanged):
            self._on_state(event, wall)
            return
        if isinstance(event, ev.SetupComplete):
            self._failed = False
            if self.current is None:
                self._start(event.resumed)
        self._add(event, wall)

    def _add(self, event: ev.SessionEvent, wall: float) -> None:
        if self.current is not None:
            self.current.add(event, wall)
        elif self._pending is not None and len(self._pending) < _PENDING_LIMIT:
            self._pending.append((event, wall))

    def _on_state(self, event: ev.StateChanged, wall: float) -> None:
        state = event.state
        if state is ev.ConnectionState.CONNECTING and self.current is None:
            self._pending = []
        if state is ev.ConnectionState.FAILED:
            self._failed = True
        self._add(event, wall)
        if state is ev.ConnectionState.DISCONNECTED:
            self._pending = None
            ended_by_failure = self._failed
            self._failed = False
            if self.current is not None:
                self._close_current()
                self._resumable_after_failure = ended_by_failure

    # -- lifecycle --------------------------------------------------------------------------
    def _start(self, resumed: bool) -> None:
        pending, self._pending = self._pending or [], None
        previous = self._last
        if resumed and self._resumable_after_failure and previous is not None:
            # Continue the recording the failure closed: its writer must be done first.
            if not previous.join(1.0):
                log.warning("The previous recording is still closing; starting a new one")
                previous = None
        else:
            previous = None
        self._resumable_after_failure = False
        if previous is None and not self._enabled():
            return
        tap = RecordingTap(AUDIO_RATE) if self._attach_tap is not None else None
        if previous is not None:
            folder = previous.folder
            meta: dict[str, Any] = {}
        else:
            now = time.time()
            folder = self.root / (
                time.strftime("%Y%m%d-%H%M%S", time.localtime(now)) + "-" + uuid.uuid4().hex[:6]
            )
            meta = {
                "format": FORMAT,
                "app": APP_NAME,
                "version": __version__,
                "started": round(now, 3),
                "started_local": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(now)),
                "model": self.usage.current.model if self.usage.current else "",
                "endpoint": self._endpoint() if callable(self._endpoint) else self._endpoint,
                "audio": tap is not None,
                "pid": os.getpid(),
            }
            if tap is None:
                meta["audio_note"] = self._audio_note or "Recorded without audio."
        secrets = self._secrets() if callable(self._secrets) else self._secrets
        self.current = Recording(
            folder,
            meta,
            tap=tap,
            secrets=list(secrets),
            report=self._report,
            append=previous is not None,
            drain_period_s=self._period,
        )
        self._last = self.current
        self.last_folder = folder
        if tap is not None and self._attach_tap is not None:
            self._attach_tap(tap)
            self._tap_attached = True
        for event, wall in pending:
            self.current.add(event, wall)
        log.info("Recording the conversation to %s", folder)

    def _close_current(self) -> None:
        recording, self.current = self.current, None
        if recording is None:
            return
        if self._tap_attached and self._attach_tap is not None:
            self._attach_tap(None)  # the engine stops feeding it; the writer drains the rest
            self._tap_attached = False
        summary = self.usage.current
        recording.close({"usage": summary.as_dict()} if summary is not None else {})
        self._closing = [r for r in self._closing if not r.closed] + [recording]

    def close(self, timeout: float = CLOSE_TIMEOUT_S) -> bool:
        """Close the open recording and wait (see :meth:`join`); loop thread."""
        self._close_current()
        return self.join(timeout)

    def join(self, timeout: float = CLOSE_TIMEOUT_S) -> bool:
        """Wait, ``timeout`` at most in all, for the writers of closed recordings to finish
        (any thread; for the app's quit). False if one did not: it is repaired at next start."""
        deadline = time.monotonic() + timeout
        done = [r.join(max(0.0, deadline - time.monotonic())) for r in list(self._closing)]
        return all(done)
