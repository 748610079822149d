"""The audio engine: a microphone stream and a speaker stream on real PortAudio devices.

Two independent streams (the microphone and speaker may be different devices, even different
clocks), each at its device's native rate, so the sound server resamples nothing: 10 ms capture
blocks (the echo processor's frame) and 5 ms playback blocks (10 ms of output buffer through
PulseAudio; see ``_open_stream``).

Capture callback (PortAudio thread), 10 ms blocks, worked on in pairs (one 20 ms chunk):
    mono → 16 kHz (streaming soxr) → 10 ms frames → echo processor (AEC, noise suppression,
    high-pass, gain control; the far end is what the speaker callback actually played) →
    level meter, local voice detector, recording tap → 20 ms chunks handed to the asyncio loop
    with the capture (ADC) time of their newest sample, from the callback whose block
    completes them (the frames are aligned to block ends once, at the stream's start).

Playback: the loop resamples each 24 kHz model chunk to the output rate and pushes it into the
jitter buffer; the speaker callback reads exactly one block from it (silence when empty), hands
the same samples to the recording tap and queues them for the microphone thread, which meters
them and feeds them to the echo processor's far end; it notes when the first audible sample of a
reply reaches the DAC (voice-to-voice latency).

Times: PortAudio's ADC/DAC times are on the stream's own clock; each callback converts them to
``time.monotonic()`` through ``currentTime``, so every latency is measured on one clock.

Device loss: a stream that finishes without being asked to (unplugged, server restarted) or whose
callbacks stop for a second is reopened on the system default by a watchdog thread, with a
:class:`~live_desktop.core.voice.DeviceNotice`; the session never notices.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from live_desktop.core.audio.levels import LevelMeter
from live_desktop.core.audio.playback import PlaybackBuffer
from live_desktop.core.audio.resample import StreamResampler, to_mono_int16
from live_desktop.core.audio.speech import (
    LatencyStats,
    LatencyTracker,
    SpeechEndDetector,
    SpeechEnded,
    SpeechStarted,
)
from live_desktop.core.audio.tap import RecordingTap
from live_desktop.core.echo import EchoProcessor, EchoStages, FrameBuffer, PassthroughProcessor
from live_desktop.core.voice import (
    CHUNK_MS,
    UPLINK_RATE,
    AudioEvent,
    DeviceFailure,
    DeviceNotice,
    UserSpeech,
    VoiceLatency,
)
from live_desktop.devices.audio_devices import (
    AudioDevice,
    AudioUnavailable,
    Kind,
    default_device,
    describe_available,
    find_device,
    opening,
    pulse_names,
    sounddevice,
)
from live_desktop.devices.echo_webrtc import create_echo_processor

log = logging.getLogger(__name__)

MODEL_RATE = 24000
FRAME_16K = UPLINK_RATE // 100  # 10 ms at 16 kHz: the echo processor's frame
CHUNK_16K = UPLINK_RATE * CHUNK_MS // 1000

ChunkCallback = Callable[[bytes, float], None]
EventCallback = Callable[[AudioEvent], None]
EchoFactory = Callable[[int, EchoStages], EchoProcessor]

_WHAT = {"input": "microphone", "output": "speaker"}


@dataclass
class StreamInfo:
    """What is open, for the UI and the log."""

    device: AudioDevice
    rate: int
    block: int
    latency_ms: float


class AudioEngine:
    """Microphone and speaker streams, echo cancellation, levels and latency marks."""

    #: Callback silence longer than this means the device is gone (a stream that stalls).
    #: ALSA's PulseAudio plugin itself goes quiet for up to 2 s while it recovers an underrun.
    STALL_S = 3.0
    #: For this long after opening, a stream may pause this long: PulseAudio sources were seen
    #: to need 1.3 s to deliver their first block, and outputs to stop for 2 s after their
    #: first few callbacks while the server starts consuming.
    FIRST_CALLBACK_S = 4.0
    #: How often a device that failed to open is tried again.
    RETRY_S = 2.0
    #: How often a chosen PulseAudio device is checked for having gone away.
    PRESENCE_CHECK_S = 2.0
    #: More played blocks than this waiting (40 ms of 5 ms blocks) means the microphone thread
    #: is not draining them (none open, or stalled): the speaker callback meters them itself.
    FAR_BACKLOG_BLOCKS = 8

    def __init__(
        self,
        *,
        on_chunk: ChunkCallback,
        on_event: EventCallback,
        loop: asyncio.AbstractEventLoop | None = None,
        input_device: str | None = None,
        output_device: str | None = None,
        stages: EchoStages | None = None,
        echo_factory: EchoFactory = create_echo_processor,
        block_ms: int = 10,
        output_block_ms: int = 5,
        latency: float | str = "low",
        output_latency: float | str = "low",
        enable_input: bool = True,
        enable_output: bool = True,
    ) -> None:
        self._on_chunk = on_chunk
        self._on_event = on_event
        self._loop = loop
        self._wanted = {"input": input_device, "output": output_device}
        self._enabled = {"input": enable_input, "output": enable_output}
        self._stages = stages or EchoStages(True, True, True, True)
        self._echo_factory = echo_factory
        self._block_ms = {"input": block_ms, "output": output_block_ms}
        self._latency = {"input": latency, "output": output_latency}

        self._lock = threading.RLock()  # stream lifecycle (not the callbacks)
        self._streams: dict[str, Any] = {}
        self.info: dict[str, StreamInfo] = {}
        self._last_callback = {"input": 0.0, "output": 0.0}
        self._called = {"input": False, "output": False}  # first callback seen since open
        self._opened_at = {"input": 0.0, "output": 0.0}
        self._closing: set[Any] = set()
        self._running = False
        self._watchdog: threading.Thread | None = None
        self._stop_event = threading.Event()
        self._failed: dict[str, bool] = {"input": False, "output": False}
        self._moved: dict[str, str | None] = {}  # chosen device gone, the server moved us

        # Passthrough until start(): loading WebRTC (livekit's native library and its runtime
        # threads) happens on the thread that opens the devices, never on the UI thread.
        self.echo: EchoProcessor = PassthroughProcessor(UPLINK_RATE)
        self._echo_ready = False
        self.mic_levels = LevelMeter(UPLINK_RATE)
        self.speaker_levels = LevelMeter(48000)
        self.playback = PlaybackBuffer(48000)
        self.speech = SpeechEndDetector(UPLINK_RATE)
        self.latency = LatencyTracker()
        self.receive_to_dac = LatencyStats()
        self.tap: RecordingTap | None = None

        self._cap_rs: StreamResampler | None = None
        self._near = FrameBuffer(FRAME_16K)
        self._near_aligned = False  # see _input_callback
        self._raw: list[np.ndarray] = []  # microphone blocks kept until a chunk's worth is in
        self._raw_len = 0
        self._pending: list[np.ndarray] = []
        self._pending_len = 0
        self._far_rs: StreamResampler | None = None
        self._far = FrameBuffer(FRAME_16K)
        # Blocks the speaker played, waiting for the microphone thread to hand them to the echo
        # processor as its far end (bounded: with no microphone open nobody drains it).
        self._far_blocks: deque[np.ndarray] = deque(maxlen=400)
        self._far_lock = threading.Lock()  # the far resampler, replaced when the output reopens
        self._play_rs: StreamResampler | None = None
        self._play_in_rate = MODEL_RATE
        self._play_lock = threading.Lock()  # playback buffer resampler + receive marks
        self._pushed = 0  # samples pushed into the playback buffer (minus cleared)
        self._marks: deque[tuple[int, float]] = deque()  # (start sample, received_at)
        self._turn_audible_seen = 0  # playback.turns_started already reported
        self.overflows = 0
        self.underflows = 0
        self.callback_errors = 0

    # ------------------------------------------------------------------ lifecycle
    @property
    def output_rate(self) -> int:
        info = self.info.get("output")
        return info.rate if info else 48000

    def start(self) -> None:
        """Open the streams; a failing direction is reported and the other still works."""
        with self._lock:
            if self._running:
                return
            self._running = True
            self._stop_event.clear()
            if not self._echo_ready:
                self.echo = self._make_echo()
                self._echo_ready = True
            for kind in ("output", "input"):
                if self._enabled[kind]:
                    self._open(kind, self._wanted[kind])  # type: ignore[arg-type]
            self._watchdog = threading.Thread(
                target=self._watch, name="audio-watchdog", daemon=True
            )
            self._watchdog.start()

    def stop(self) -> None:
        with self._lock:
            self._running = False
            self._stop_event.set()
            for kind in list(self._streams):
                self._close(kind)
            self.interrupt()  # a new start must not play the end of an old reply
            # The resamplers hold native soxr state; a stopped engine needs none (opening a
            # stream makes new ones), and left alive at exit nanobind reports them as leaks.
            self._cap_rs = None
            with self._play_lock:
                self._play_rs = None
                with self._far_lock:
                    self._far_rs = None
        if self._watchdog is not None and self._watchdog is not threading.current_thread():
            self._watchdog.join(timeout=3)
        self._watchdog = None

    def wanted(self, kind: Kind) -> str | None:
        """The device name the settings ask for (None: the default)."""
        return self._wanted[kind]

    @property
    def running(self) -> bool:
        return self._running

    def set_device(self, kind: Kind, name: str | None) -> None:
        """Switch a device live (settings changed); ``None`` is the system default."""
        with self._lock:
            self._wanted[kind] = name
            if self._running and self._enabled[kind]:
                self._close(kind)
                self._open(kind, name)

    def configure_echo(self, stages: EchoStages) -> None:
        """Switch echo cancellation stages live."""
        self._stages = stages
        self.echo.configure(
            echo_cancellation=stages.echo_cancellation,
            noise_suppression=stages.noise_suppression,
            high_pass_filter=stages.high_pass_filter,
            gain_control=stages.gain_control,
        )
        self._update_echo_delay()

    def _make_echo(self) -> EchoProcessor:
        return self._echo_factory(UPLINK_RATE, self._stages)

    # ------------------------------------------------------------------ opening
    def _open(self, kind: Kind, name: str | None) -> bool:
        """Open ``kind`` on ``name`` or, failing that, the default. Emits what happened."""
        what = _WHAT[kind]
        try:
            sd = sounddevice()
        except AudioUnavailable as exc:
            self._fail(kind, str(exc), detail=repr(exc.__cause__))
            return False
        candidates: list[tuple[AudioDevice, str | None]] = []
        if name:
            device = find_device(kind, name)
            if device is None:
                notice = f"The {what} “{name}” was not found; using the default {what}."
            else:
                candidates.append((device, None))
                notice = (
                    f"The {what} “{device.label}” could not be opened; using the default {what}."
                )
        else:
            notice = None
        fallback = default_device(kind)
        if fallback is not None:
            candidates.append((fallback, notice))
        errors: list[str] = []
        for device, message in candidates:
            try:
                self._open_stream(sd, kind, device)
            except Exception as exc:  # PortAudioError, ValueError for bad parameters
                log.warning("opening %s %r failed: %s", what, device.name, exc)
                errors.append(f"{device.label}: {exc}")
                continue
            self._failed[kind] = False
            self._moved[kind] = None
            if message:
                self._emit(DeviceNotice(kind, message, wanted=name, using=device.label))
            return True
        available = describe_available(kind)
        if not available:
            sentence = f"No {what} was found. Connect one, or check the system's sound settings."
        else:
            wanted = f"“{name}”" if name else f"the default {what}"
            sentence = f"Could not open {wanted}. Available {what}s: {', '.join(available)}."
        self._fail(kind, sentence, available=available, detail="; ".join(errors))
        return False

    def _fail(
        self, kind: Kind, sentence: str, *, available: tuple[str, ...] = (), detail: str = ""
    ) -> None:
        if not self._failed[kind]:  # say it once, not at every retry
            self._emit(DeviceFailure(kind, sentence, available=available, detail=detail))
        self._failed[kind] = True

    def _open_stream(self, sd: Any, kind: Kind, device: AudioDevice) -> None:
        rate = device.rate or 48000
        # Output: fixed 5 ms blocks. PortAudio's own choice (block 0) called back ~680 times a
        # second with 16-104 frame blocks, which cost a third of the app's CPU; fixed 10 ms
        # blocks cost 30 ms of buffer (the pulse plugin keeps three periods). 5 ms blocks used
        # to stall 2 s after an underrun; our PCM (audio_devices.PULSE_PCM) no longer does.
        block = rate * self._block_ms[kind] // 1000
        with opening(device, low_latency_ms=10 if kind == "output" else None) as index:
            if kind == "input":
                channels = 1 if device.pulse or device.channels >= 1 else device.channels
                stream = sd.InputStream(
                    device=index,
                    samplerate=rate,
                    blocksize=block,
                    channels=min(max(channels, 1), 2),
                    dtype="int16",
                    latency=self._latency["input"],
                    callback=self._input_callback,
                    finished_callback=lambda: self._finished("input", stream),
                )
            else:
                channels = 1 if device.pulse else min(2, max(device.channels, 1))
                stream = sd.OutputStream(
                    device=index,
                    samplerate=rate,
                    blocksize=block,
                    channels=channels,
                    dtype="int16",
                    latency=self._latency["output"],
                    callback=self._output_callback,
                    finished_callback=lambda: self._finished("output", stream),
                )
        latency_ms = float(stream.latency) * 1000.0
        if kind == "input":
            self._cap_rs = StreamResampler(rate, UPLINK_RATE)
            self._near.reset()
            self._near_aligned = False
            self._raw = []
            self._raw_len = 0
            self._pending = []
            self._pending_len = 0
        else:
            with self._play_lock:
                with self._far_lock:
                    self._far_rs = StreamResampler(rate, UPLINK_RATE)
                    self._far.reset()
                    self._far_blocks.clear()
                self._play_rs = StreamResampler(MODEL_RATE, rate)
                self._play_in_rate = MODEL_RATE
                if self.playback.rate != rate:
                    self.playback = PlaybackBuffer(rate)
                    self.speaker_levels = LevelMeter(rate)
        self._streams[kind] = stream
        self.info[kind] = StreamInfo(device, rate, block, latency_ms)
        self._last_callback[kind] = self._opened_at[kind] = time.monotonic()
        self._called[kind] = False
        stream.start()
        self._update_echo_delay()
        log.info(
            "%s open: %s at %d Hz, %d-sample blocks, %.1f ms latency",
            _WHAT[kind],
            device.label,
            rate,
            block,
            latency_ms,
        )

    def _update_echo_delay(self) -> None:
        # The echo reaches the microphone one output latency plus one input latency after the
        # far-end frame was handed over; AEC3 estimates the rest itself.
        total = sum(info.latency_ms for info in self.info.values())
        try:
            self.echo.set_delay_ms(int(total))
        except Exception:
            log.exception("setting the echo delay failed")

    def _close(self, kind: str) -> None:
        stream = self._streams.pop(kind, None)
        self.info.pop(kind, None)
        if stream is None:
            return
        self._closing.add(stream)
        try:
            stream.abort()
            stream.close()
        except Exception:
            log.exception("closing the %s stream failed", _WHAT.get(kind, kind))
        finally:
            self._closing.discard(stream)

    def _finished(self, kind: Kind, stream: Any) -> None:
        """PortAudio thread: a stream ended. Unasked for, that is a lost device."""
        if stream in self._closing or not self._running:
            return
        if self._streams.get(kind) is stream:
            log.warning("%s stream ended unexpectedly", _WHAT[kind])
            self._last_callback[kind] = 0.0  # let the watchdog reopen it now
            self._called[kind] = True

    def _watch(self) -> None:
        """Reopen a lost or stalled stream on the default device; retry while it fails."""
        next_presence_check = time.monotonic() + self.PRESENCE_CHECK_S
        while not self._stop_event.wait(0.25):
            for kind in ("input", "output"):
                if not self._enabled[kind]:
                    continue
                with self._lock:
                    if not self._running:
                        return
                    self._check_stream(kind)  # type: ignore[arg-type]
            if time.monotonic() >= next_presence_check:
                next_presence_check = time.monotonic() + self.PRESENCE_CHECK_S
                with self._lock:
                    if not self._running:
                        return
                    self._check_presence()

    def _check_stream(self, kind: Kind) -> None:
        stream = self._streams.get(kind)
        silent_for = time.monotonic() - self._last_callback[kind]
        settling = time.monotonic() - self._opened_at[kind] < 2 * self.FIRST_CALLBACK_S
        limit = self.FIRST_CALLBACK_S if settling or not self._called[kind] else self.STALL_S
        if stream is not None and silent_for < limit:
            return
        if stream is None and silent_for < self.RETRY_S:
            return
        self._last_callback[kind] = time.monotonic()
        if stream is None:  # nothing could be opened: try again, the wanted device first
            self._open(kind, self._wanted[kind])
            return
        label = self.info[kind].device.label
        log.warning("%s %r stopped delivering; reopening it", _WHAT[kind], label)
        self._close(kind)
        # The device the user chose first (a stall may be the sound server recovering); the
        # open falls back to the default by itself, and only then is there news to tell.
        if self._open(kind, self._wanted[kind]):
            using = self.info[kind].device.label
            if using == label:
                return
            self._emit(
                DeviceNotice(
                    kind,
                    f"The {_WHAT[kind]} “{label}” stopped working; switched to the default "
                    f"{_WHAT[kind]} ({using}).",
                    wanted=label,
                    using=using,
                )
            )

    def _check_presence(self) -> None:
        """A chosen PulseAudio device that disappears is not an error to PortAudio: the server
        moves our stream to its default device and the audio goes on. Say so, and move back
        when the device returns (a USB headset plugged in again)."""
        for kind in ("input", "output"):
            info = self.info.get(kind)
            wanted = self._wanted[kind]  # type: ignore[index]
            if info is None or not info.device.pulse or not wanted:
                continue
            names = pulse_names(kind)  # type: ignore[arg-type]
            if names is None:
                continue
            what = _WHAT[kind]
            if self._moved.get(kind) is None and info.device.name not in names:
                self._moved[kind] = info.device.name
                self._emit(
                    DeviceNotice(
                        kind,  # type: ignore[arg-type]
                        f"The {what} “{info.device.label}” was disconnected; using the "
                        f"default {what} until it is back.",
                        wanted=info.device.label,
                        using=None,
                    )
                )
            elif self._moved.get(kind) is not None and wanted in names:
                self._moved[kind] = None
                self._close(kind)
                if self._open(kind, wanted):  # type: ignore[arg-type]
                    using = self.info[kind].device.label
                    self._emit(
                        DeviceNotice(
                            kind,  # type: ignore[arg-type]
                            f"The {what} “{using}” is back and in use again.",
                            wanted=wanted,
                            using=using,
                        )
                    )

    # ------------------------------------------------------------------ events out
    def _emit(self, event: AudioEvent) -> None:
        if self._loop is not None:
            with contextlib.suppress(RuntimeError):  # the loop closed during shutdown
                self._loop.call_soon_threadsafe(self._on_event, event)
        else:
            self._on_event(event)

    # ------------------------------------------------------------------ capture
    def _input_callback(self, indata: np.ndarray, frames: int, t: Any, status: Any) -> None:
        now = time.monotonic()
        self._last_callback["input"] = now
        self._called["input"] = True
        try:
            if status and status.input_overflow:
                self.overflows += 1
            adc = t.inputBufferAdcTime
            start = now - (t.currentTime - adc) if adc else now - frames / 48000
            info = self.info.get("input")
            rate = info.rate if info else 48000
            block_end = start + frames / rate
            resampler = self._cap_rs
            if resampler is None:
                return
            # A chunk is two 10 ms blocks, and it can leave only when its second block is in.
            # So the first block of each pair is only kept, and all the work (resampling, echo
            # processing, meters, voice detection) runs once per chunk on both: on this kind of
            # machine the cost is mostly per wake-up of that code, not per sample, and the
            # chunk leaves exactly when it did.
            self._raw.append(np.array(to_mono_int16(indata), copy=True))
            self._raw_len += frames
            if self._raw_len < rate * CHUNK_MS // 1000:
                return
            mono = self._raw[0] if len(self._raw) == 1 else np.concatenate(self._raw)
            self._raw.clear()
            self._raw_len = 0
            s16 = resampler.process(mono)
            if not self._near_aligned and s16.size:
                # The resampler's first output is short by its delay (19 samples at 48 kHz), so
                # frames would end that far before a block's end, and chunks a frame or less
                # before it: each would wait for the next callback (8.8 ms, or 18.8). Dropping
                # the stream's first few ms once puts chunk ends on block ends: every chunk
                # leaves in the callback that completes it.
                held = self._near.pending + self._pending_len
                s16 = s16[(held + s16.size) % CHUNK_16K :]
                self._near_aligned = True
            frames16 = self._near.push(s16)
            # Each 10 ms frame gets the capture time of its own first sample: the newest frame
            # ends where this block ends, less what the resampler and re-blocker still hold.
            held = self._near.pending + resampler.delay_ms * UPLINK_RATE / 1000.0
            end = block_end - held / UPLINK_RATE
            self._feed_far_end()
            count = len(frames16)
            for i, frame in enumerate(frames16):
                out = self.echo.process_near(frame)
                self._capture_frame(out, end - (count - i) * FRAME_16K / UPLINK_RATE)
        except Exception:
            self.callback_errors += 1
            if self.callback_errors <= 3:
                log.exception("microphone callback failed")

    def _feed_far_end(self) -> None:
        """Microphone thread: give the echo processor what the speaker played since last time,
        and measure its level (one meter update per 10 ms instead of one per 5 ms block)."""
        if self._far_blocks:
            with self._far_lock:
                self._drain_played(far_end=True)

    def _drain_played(self, *, far_end: bool) -> None:
        """``_far_lock`` held: the played blocks, joined, to the speaker meter and (when a
        microphone is listening) the echo processor's far end."""
        blocks = self._far_blocks
        taken = [blocks.popleft() for _ in range(len(blocks))]
        if not taken:
            return
        played = taken[0] if len(taken) == 1 else np.concatenate(taken)
        self.speaker_levels.update(played)
        far_rs = self._far_rs
        if far_end and far_rs is not None:
            for frame in self._far.push(far_rs.process(played)):
                self.echo.process_far(frame)

    def _capture_frame(self, frame: np.ndarray, frame_start: float) -> None:
        self.mic_levels.update(frame, at=frame_start)
        event = self.speech.process(frame, frame_start)
        if isinstance(event, SpeechEnded):
            self.latency.on_speech_end(event.at)
            self._emit(UserSpeech(False, event.at))
        elif isinstance(event, SpeechStarted):
            self._emit(UserSpeech(True, event.at))
        tap = self.tap
        if tap is not None:
            tap.mic(frame, frame_start)
        captured_at = frame_start + FRAME_16K / UPLINK_RATE  # the chunk's newest sample
        self._pending.append(frame)
        self._pending_len += frame.size
        if self._pending_len >= CHUNK_16K:
            pcm = np.concatenate(self._pending).astype("<i2", copy=False).tobytes()
            self._pending = []
            self._pending_len = 0
            if self._loop is not None:
                with contextlib.suppress(RuntimeError):
                    self._loop.call_soon_threadsafe(self._on_chunk, pcm, captured_at)
            else:
                self._on_chunk(pcm, captured_at)

    # ------------------------------------------------------------------ playback
    def play(self, pcm: bytes, *, rate: int = MODEL_RATE, received_at: float | None = None) -> None:
        """Queue mono int16 model audio (24 kHz from the service; loop thread)."""
        samples = np.frombuffer(pcm, dtype="<i2")
        with self._play_lock:
            resampler = self._play_rs
            if resampler is None or self._play_in_rate != rate:
                self._play_in_rate = rate
                resampler = self._play_rs = StreamResampler(rate, self.output_rate)
            out = resampler.process(samples)
            if out.size == 0:
                return
            if received_at is not None:
                self._marks.append((self._pushed, received_at))
            self._pushed += out.size
            self.playback.push(out, received_at=received_at)

    def end_of_turn(self) -> None:
        """The model finished speaking: flush the resampler; draining is not an underrun."""
        with self._play_lock:
            tail = None
            if self._play_rs is not None:
                tail = self._play_rs.flush()
                self._play_rs.reset()
            # The tail goes with the end, so a buffer already dry does not take it for late
            # audio (an underrun) but for the turn's last samples.
            self._pushed += self.playback.end_of_turn(tail)

    def interrupt(self) -> int:
        """The user barged in: silence from the very next output block. Returns samples dropped."""
        with self._play_lock:
            dropped = self.playback.clear()
            self._pushed -= dropped
            self._marks.clear()
            if self._play_rs is not None:
                self._play_rs.reset()
        self.latency.on_interrupted()
        return dropped

    def _output_callback(self, outdata: np.ndarray, frames: int, t: Any, status: Any) -> None:
        now = time.monotonic()
        self._last_callback["output"] = now
        self._called["output"] = True
        try:
            if status and status.output_underflow:
                self.underflows += 1
            dac = t.outputBufferDacTime
            dac_at = now + (dac - t.currentTime) if dac else now
            playback = self.playback
            played_before = playback.consumed_samples
            block = playback.read(frames, dac_time=dac_at)
            if outdata.shape[1] == 1:
                outdata[:, 0] = block
            else:
                outdata[:] = block[:, None]
            rate = playback.rate
            self._mark_received(played_before, playback.consumed_samples, dac_at, rate)
            first = playback.first_audible_dac_time_in_turn
            if first is not None and playback.turns_started != self._turn_audible_seen:
                self._turn_audible_seen = playback.turns_started
                ms = self.latency.on_model_audible(first)
                if ms is not None:
                    self._emit(VoiceLatency(ms))
            # The far end is resampled, metered and analysed on the microphone's thread, just
            # before the near frames it may echo into (WebRTC's order: render, then capture).
            # Here it is one append: this callback runs 200 times a second, and on a VM each
            # wake-up of Python code costs several times its warm cost. With no microphone
            # running (none open, or it stalled) nobody else drains: do it here.
            self._far_blocks.append(block)
            if len(self._far_blocks) > self.FAR_BACKLOG_BLOCKS and self._far_lock.acquire(
                blocking=False
            ):
                try:
                    self._drain_played(far_end=False)
                finally:
                    self._far_lock.release()
            tap = self.tap
            if tap is not None:
                tap.played(block, rate, dac_at)
        except Exception:
            self.callback_errors += 1
            outdata.fill(0)
            if self.callback_errors <= 3:
                log.exception("speaker callback failed")

    def _mark_received(self, before: int, after: int, dac_at: float, rate: int) -> None:
        if not self._marks or after <= before:
            return
        with self._play_lock:
            while self._marks and self._marks[0][0] < after:
                start, received_at = self._marks.popleft()
                offset = max(0, start - before) / rate
                self.receive_to_dac.add((dac_at + offset - received_at) * 1000.0)
