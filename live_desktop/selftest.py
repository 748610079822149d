"""``live-desktop --self-test``: can this installation hold a conversation? One JSON line says.

Run by CI on the packaged bundle and by people whose install misbehaves. It loads every native
library the app needs (PortAudio, OpenCV, soxr, the WebRTC audio processing of the echo
canceller, the emulator's VAD, the keyring backend) and makes each do one real call, then holds
one text turn and one short spoken turn through the same SessionController and window the app
uses. The spoken turn needs no sound device: a synthetic voiced signal goes in as 16 kHz PCM
between manual activity signals, and an audio reply with its transcription must come back.

Everything here runs on the Qt main thread's asyncio loop; :func:`run_self_test` is called by
the composition root (``app.py``) once the window is up.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from live_desktop import __version__

log = logging.getLogger(__name__)

SELF_TEST_TEXT = "Live Desktop self-test"
#: How long the spoken turn is, and how fast it is sent (the capture path's 16 kHz mono PCM).
SPEECH_SECONDS = 1.0
INPUT_RATE = 16_000
CHUNK_MS = 40
TURN_TIMEOUT_S = 20.0
#: A reply shorter than this is not "an audio reply" (the emulator echoes the whole second).
MIN_REPLY_SECONDS = 0.25

Check = Callable[[], dict[str, Any]]


# --------------------------------------------------------------------------- native libraries
def _check_portaudio() -> dict[str, Any]:
    """PortAudio loads (through sounddevice, after the app's ALSA set-up) and reports itself.

    Only the library: devices are listed but not required (CI has virtual ones, a build host
    may have none)."""
    from live_desktop.devices.audio_devices import PULSE_PCM, sounddevice

    sd = sounddevice()
    _, version = sd.get_portaudio_version()
    devices = sd.query_devices()
    names = {device["name"] for device in devices}
    found: dict[str, Any] = {
        "version": version,
        "library": _loaded_library("libportaudio") or str(getattr(sd, "_libname", "")),
        "devices": len(devices),
    }
    if sys.platform.startswith("linux"):
        # The ALSA that PortAudio reaches PulseAudio/PipeWire through (the system's), and
        # whether the app's own PCM (no 2 s underrun pause) is there; both need a sound server.
        found["alsa"] = _loaded_library("libasound")
        found["pulse_pcm"] = next((n for n in (PULSE_PCM, "pulse") if n in names), None)
    return found


def _loaded_library(stem: str) -> str | None:
    """Linux: the file this process mapped for library ``stem`` (the bundled copy or the
    system's, which is what a support question needs to know); None elsewhere."""
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            for line in maps:
                path = line.split(maxsplit=5)[-1].strip()
                if "/" in path and path.rsplit("/", 1)[-1].startswith(f"{stem}.so"):
                    return path
    except OSError:
        pass
    return None


def _check_opencv() -> dict[str, Any]:
    """OpenCV's native module encodes and decodes a JPEG, as the video sender does."""
    import cv2

    frame = np.zeros((48, 64, 3), dtype=np.uint8)
    frame[:, :32] = (40, 120, 220)
    encoded, jpeg = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, 80])
    if not encoded:
        raise RuntimeError("cv2.imencode could not encode a JPEG")
    decoded = cv2.imdecode(jpeg, cv2.IMREAD_COLOR)
    if decoded is None or decoded.shape != frame.shape:
        raise RuntimeError("cv2.imdecode could not read back the JPEG it wrote")
    return {"version": cv2.__version__, "jpeg_bytes": len(jpeg)}


def _check_soxr() -> dict[str, Any]:
    """soxr (a nanobind extension) resamples one second of 16 kHz to 24 kHz."""
    import soxr

    out = soxr.resample(voiced_signal(1.0, INPUT_RATE), INPUT_RATE, 24_000)
    if abs(len(out) - 24_000) > 24:
        raise RuntimeError(f"soxr returned {len(out)} samples for one second at 24 kHz")
    return {"version": soxr.__version__}


def _check_echo_canceller() -> dict[str, Any]:
    """WebRTC's audio processing (LiveKit's native FFI library) processes 10 ms frames.

    ``create_echo_processor`` never raises for a missing library: it falls back to a
    passthrough with a ``reason``, which is a failure here."""
    from live_desktop.core.echo import EchoStages
    from live_desktop.devices.echo_webrtc import create_echo_processor

    processor = create_echo_processor(INPUT_RATE, EchoStages(), far_rate=24_000)
    reason = getattr(processor, "reason", None)
    if reason:
        raise RuntimeError(reason)
    near = (voiced_signal(0.01, INPUT_RATE) * 8000).astype(np.int16)
    far = (voiced_signal(0.01, 24_000) * 8000).astype(np.int16)
    for _ in range(10):
        processor.process_far(far)
        out = processor.process_near(near)
    if out.shape != near.shape:
        raise RuntimeError(f"echo processing returned {out.shape} for a {near.shape} frame")
    # The direct-call fast path needs these two modules of livekit; without them the processor
    # still works, through livekit's own (slower) calls.
    fast = True
    for name in ("livekit.rtc._ffi_client", "livekit.rtc._proto.ffi_pb2"):
        try:
            importlib.import_module(name)
        except ImportError:
            fast = False
    rtc = importlib.import_module("livekit.rtc")
    return {"version": getattr(rtc, "__version__", "?"), "fast_path_modules": fast}


def _check_vad() -> dict[str, Any]:
    """webrtcvad, which the built-in emulator's voice detection runs on."""
    import webrtcvad

    frame = (voiced_signal(0.02, INPUT_RATE) * 12000).astype("<i2").tobytes()
    return {"speech": bool(webrtcvad.Vad(2).is_speech(frame, INPUT_RATE))}


def _check_keyring() -> dict[str, Any]:
    """keyring finds its backends (through package entry points, which a bundle must carry)
    and picks one. A backend that cannot store (no Secret Service on a bare session) is
    reported, not a failure: the app then keeps the key for the session and says so."""
    from importlib.metadata import entry_points

    import keyring

    found = sorted(ep.name for ep in entry_points(group="keyring.backends"))
    if not found:
        raise RuntimeError(
            "keyring found none of its backends (its package metadata is missing), so an API "
            "key could never be stored in the system keyring"
        )
    backend = keyring.get_keyring()
    priority = getattr(backend, "priority", 0)
    return {
        "backend": f"{type(backend).__module__}.{type(backend).__name__}",
        "usable": bool(priority and priority > 0),
        "entry_points": found,
    }


NATIVE_CHECKS: dict[str, Check] = {
    "portaudio": _check_portaudio,
    "opencv": _check_opencv,
    "soxr": _check_soxr,
    "echo_cancellation": _check_echo_canceller,
    "webrtcvad": _check_vad,
    "keyring": _check_keyring,
}


def check_native_libraries() -> dict[str, dict[str, Any]]:
    """Each check's findings with ``ok``; a failure keeps its exception as a sentence."""
    results: dict[str, dict[str, Any]] = {}
    for name, check in NATIVE_CHECKS.items():
        started = time.perf_counter()
        try:
            found = {"ok": True, **check()}
        except Exception as exc:  # any import or native failure is the finding
            log.warning("self-test: %s failed: %s: %s", name, type(exc).__name__, exc)
            found = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
        found["ms"] = round((time.perf_counter() - started) * 1000, 1)
        results[name] = found
    return results


# --------------------------------------------------------------------------- the conversation
def voiced_signal(seconds: float, rate: int) -> np.ndarray:
    """A vowel-like test signal in [-1, 1]: a 140 Hz glottal-like harmonic series with a slow
    pitch glide and a syllable envelope, loud and harmonic enough for any speech detector."""
    t = np.arange(round(seconds * rate)) / rate
    f0 = 140.0 * (1.0 + 0.05 * np.sin(2 * np.pi * 3.0 * t))
    phase = 2 * np.pi * np.cumsum(f0) / rate
    # Harmonics shaped by two formant-like peaks (near 700 Hz and 1.2 kHz: an "a").
    signal = np.zeros_like(t)
    for k in range(1, 25):
        freq = 140.0 * k
        gain = 1.0 / k + 0.6 * np.exp(-(((freq - 700) / 200) ** 2))
        gain += 0.4 * np.exp(-(((freq - 1200) / 250) ** 2))
        signal += gain * np.sin(k * phase)
    envelope = np.minimum(1.0, np.minimum(t, t[-1] - t) / 0.05) if len(t) > 1 else t
    signal *= envelope
    peak = float(np.max(np.abs(signal))) or 1.0
    return (0.6 * signal / peak).astype(np.float32)


def self_test_settings(settings: Any) -> Any:
    """The user's settings with what the self-test depends on: push-to-talk style turns (manual
    activity signals), spoken replies, and both transcriptions. The file is not changed."""
    test = settings.model_copy(deep=True)
    test.vad.automatic = False
    test.vad.push_to_talk = False
    test.model.response_modality = "AUDIO"
    test.transcription.input = True
    test.transcription.output = True
    return test


async def _text_turn(conversation: Any, window: Any) -> dict[str, Any]:
    from live_desktop.core import events as ev
    from live_desktop.core.transcript import Role

    controller = conversation.controller
    turn_done = asyncio.Event()
    unsubscribe = controller.subscribe(
        lambda event: turn_done.set() if isinstance(event, ev.TurnComplete) else None
    )
    try:
        await controller.send_text(SELF_TEST_TEXT)
        await asyncio.wait_for(turn_done.wait(), TURN_TIMEOUT_S)
    except TimeoutError:
        return {"ok": False, "stage": "turn", "reason": "no reply within 20 s"}
    finally:
        unsubscribe()
    replies = [t for t in conversation.transcript.turns if t.role is Role.MODEL]
    reply = replies[-1].display_text if replies else ""
    shown = window.transcript_view.plain_turn_text(replies[-1].index) if replies else ""
    ok = bool(reply) and SELF_TEST_TEXT in reply and reply in shown
    result: dict[str, Any] = {"ok": ok, "reply": reply}
    if not ok:
        result.update(stage="turn", reason="the reply did not reach the transcript pane")
    return result


async def _audio_turn(conversation: Any, window: Any) -> dict[str, Any]:
    """Speak one synthetic second (manual activity), wait for the spoken reply."""
    from live_desktop.core import events as ev
    from live_desktop.core.transcript import Role

    controller = conversation.controller
    audio_bytes = 0
    audio_rate = 24_000
    heard: list[str] = []
    said: list[str] = []
    turn_done = asyncio.Event()

    def on_event(event: Any) -> None:
        nonlocal audio_bytes, audio_rate
        if isinstance(event, ev.AudioOut):
            audio_bytes += len(event.pcm)
            audio_rate = event.sample_rate
        elif isinstance(event, ev.InputTranscript):
            heard.append(event.text)
        elif isinstance(event, ev.OutputTranscript):
            said.append(event.text)
        elif isinstance(event, ev.TurnComplete):
            turn_done.set()

    pcm = (voiced_signal(SPEECH_SECONDS, INPUT_RATE) * 32767).astype("<i2").tobytes()
    chunk = INPUT_RATE * 2 * CHUNK_MS // 1000
    started = time.monotonic()
    unsubscribe = controller.subscribe(on_event)
    try:
        if not await controller.activity_start():
            return {"ok": False, "stage": "audio", "reason": "not connected for the audio turn"}
        for offset in range(0, len(pcm), chunk):
            await controller.send_audio(pcm[offset : offset + chunk])
        await controller.activity_end()
        await asyncio.wait_for(turn_done.wait(), TURN_TIMEOUT_S)
    except TimeoutError:
        return {
            "ok": False,
            "stage": "audio",
            "reason": f"no spoken reply within {TURN_TIMEOUT_S:.0f} s",
            "reply_audio_s": round(audio_bytes / 2 / audio_rate, 2),
        }
    finally:
        unsubscribe()
    reply_s = audio_bytes / 2 / audio_rate
    transcript = " ".join("".join(said).split())
    models = [t for t in conversation.transcript.turns if t.role is Role.MODEL]
    shown = window.transcript_view.plain_turn_text(models[-1].index) if models else ""
    result: dict[str, Any] = {
        "ok": True,
        "sent_s": SPEECH_SECONDS,
        "reply_audio_s": round(reply_s, 2),
        "heard": " ".join("".join(heard).split()),
        "transcript": transcript,
        "elapsed_ms": round((time.monotonic() - started) * 1000),
    }
    if reply_s < MIN_REPLY_SECONDS:
        result.update(ok=False, stage="audio", reason=f"only {reply_s:.2f} s of audio came back")
    elif not transcript:
        result.update(ok=False, stage="audio", reason="the spoken reply had no transcription")
    elif transcript not in " ".join(shown.split()):
        result.update(ok=False, stage="audio", reason="the spoken reply is not in the transcript")
    return result


async def run_self_test(conversation: Any, window: Any, endpoint_label: str) -> dict[str, Any]:
    """Native libraries, then connect, one text turn and one spoken turn; a JSON-able verdict.

    ``ok`` is true only if everything worked; ``stage`` and ``reason`` name the first thing
    that did not (``native``, ``connect``, ``turn`` or ``audio``)."""
    started = time.monotonic()
    result: dict[str, Any] = {
        "ok": False,
        "version": __version__,
        "frozen": bool(getattr(sys, "frozen", False)),
        "endpoint": endpoint_label,
    }
    native = check_native_libraries()
    result["native"] = native
    failed = [name for name, found in native.items() if not found["ok"]]

    controller = conversation.controller
    controller.update_settings(self_test_settings(controller.settings))
    if not await controller.connect():
        error = conversation.last_error
        result.update(stage="connect", reason=error.message if error else "unknown")
        return result
    try:
        result["session_id"] = controller.session_id
        text = await _text_turn(conversation, window)
        result["reply"] = text.get("reply", "")
        audio = await _audio_turn(conversation, window) if text["ok"] else None
        if audio is not None:
            result["audio_turn"] = {k: v for k, v in audio.items() if k not in ("stage",)}
    finally:
        await controller.disconnect()
    result["elapsed_ms"] = round((time.monotonic() - started) * 1000)
    if failed:
        reasons = "; ".join(f"{name}: {native[name]['error']}" for name in failed)
        result.update(stage="native", reason=f"a native library did not work ({reasons})")
    elif not text["ok"]:
        result.update(stage=text["stage"], reason=text["reason"])
    elif audio is not None and not audio["ok"]:
        result.update(stage="audio", reason=audio["reason"])
    else:
        result["ok"] = True
    return result
