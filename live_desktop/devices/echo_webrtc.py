"""WebRTC echo cancellation, noise suppression, high-pass filter and gain control, offline.

:class:`WebRtcEchoProcessor` implements :class:`~live_desktop.core.echo.EchoProcessor` with
WebRTC's AudioProcessingModule (AEC3) as shipped in LiveKit's native FFI library
(``livekit.rtc.AudioProcessingModule``). Nothing here talks to LiveKit servers.

What was found out about that library (livekit 1.2, measured on the 2-core CI VM):

- Frames must be exactly 10 ms. A wrong length is not an exception: the Rust side asserts and
  the whole process aborts (SIGABRT). So every frame is checked here before it crosses over.
- Near-end rates 8-96 kHz are accepted; this adapter allows 16, 32 and 48 kHz. The far end may
  run at a different rate than the near end: WebRTC configures the render (far) stream on its
  own and resamples it internally. Measured echo reduction with far/near 24k/16k, 48k/16k,
  44.1k/48k and 16k/48k was 42-52 dB, as good as equal rates, so no resampler is needed here;
  ``far_rate`` only has to divide into 10 ms frames.
- Thread safety: the FFI keeps each module as ``Arc<Mutex<AudioProcessingModule>>`` and locks
  it for every call (livekit-ffi ``server/requests.rs``), and ctypes releases the GIL during the
  call. So ``process_far`` (playback thread) and ``process_near`` (capture thread) may run at
  the same time without a Python lock; the native mutex serialises them (each call is tens of
  microseconds). ``configure`` builds a new module and swaps one reference, so a callback in
  flight finishes on the old module and the next one uses the new; callbacks never wait for
  the main thread.
- The module has no setters, so ``configure`` recreates it; the echo model starts afresh and
  reconverges within about half a second.
- Creating the first module initialises the FFI runtime: about 15 ms once, then about 1 ms per
  module. It starts four idle native threads (two ``tokio-rt-worker``, ``livekit-audio`` and
  one unnamed) that use no CPU while only the APM is used, opens no network socket (only a
  local AF_UNIX socketpair) and works in a network namespace with no interfaces at all.
- Algorithmic delay added to the microphone signal: 4-5 ms with echo cancellation alone,
  6-7 ms with noise suppression alone, 10-11 ms with all four stages.
- The stream delay is only a hint: AEC3 finds the delay itself (30-80 ms converge alike with
  no hint), and a hint far above the true delay costs the first ~250 ms of cancellation.
- Frames go through :class:`_FrameCall`, which calls the same native function with a request
  serialised once, instead of livekit's per-frame Python: warm 6 µs instead of 10-16 for the
  far end, and from a cold audio thread (10 ms sleeps in between) far 164 µs instead of
  266-295, near 228-245 instead of 261-269 (session 4). Output is bit-identical (tested).
- CPU per 10 ms frame, far + near, all four stages, this adapter's Python included:
  48 kHz 0.13 ms (p99 0.25 ms), 16 kHz 0.08 ms (p99 0.18 ms): 1.3 % / 0.9 % of one core.
  Echo cancellation alone: 0.10 / 0.07 ms. Every stage off: 3 µs (the APM is skipped).
"""

from __future__ import annotations

import ctypes
import importlib
import logging
import threading
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import numpy as np

from live_desktop.core.echo import (
    EchoProcessor,
    EchoStages,
    Int16Array,
    PassthroughProcessor,
    check_frame,
    frame_samples_for,
)

__all__ = ["SUPPORTED_RATES", "WebRtcEchoProcessor", "create_echo_processor"]

log = logging.getLogger(__name__)

#: Near-end rates WebRTC processes natively (it splits 32 and 48 kHz into bands).
SUPPORTED_RATES = (16_000, 32_000, 48_000)
#: WebRTC clamps the stream delay to this range and warns beyond it.
_MAX_DELAY_MS = 500


def _load_rtc() -> ModuleType:
    """``livekit.rtc``, imported on first use (it takes ~0.1 s and loads a native library)."""
    return importlib.import_module("livekit.rtc")


class _FrameCall:
    """One APM call (``process_stream`` or ``process_reverse_stream``) without livekit's
    per-call Python.

    livekit's wrapper builds an ``AudioFrame``, a protobuf request and a handle object for
    every 10 ms frame, and parses the reply: on the CI VM that cost more than the processing
    itself (~200 µs a call from a cold audio thread). Here the frame goes into a buffer with a
    fixed address, so the request, which holds only that address, the size, the rate and the
    module's handle, is serialised once; a reply is parsed only when its bytes differ from the
    first successful one. Same native library, same module, same request: only the Python
    around the call is gone (a test compares the output with livekit's own calls, bit for bit).
    One instance per calling thread.
    """

    def __init__(self, apm: Any, request_field: str, rate: int, samples: int) -> None:
        ffi = importlib.import_module("livekit.rtc._ffi_client")
        self._proto = importlib.import_module("livekit.rtc._proto.ffi_pb2")
        self._invalid = ffi.INVALID_HANDLE
        self._lib = ffi.FfiClient.instance._ffi_lib
        self._field = request_field
        self._buf = (ctypes.c_int16 * samples)()
        self._frame = np.frombuffer(self._buf, dtype=np.int16)
        request = self._proto.FfiRequest()
        call = getattr(request, request_field)
        call.apm_handle = apm._ffi_handle.handle
        call.data_ptr = ctypes.addressof(self._buf)
        call.size = samples * 2
        call.sample_rate = rate
        call.num_channels = 1
        data = request.SerializeToString()
        self._request = ctypes.create_string_buffer(data, len(data))
        self._request_ptr = ctypes.cast(self._request, ctypes.POINTER(ctypes.c_ubyte))
        self._request_len = len(data)
        self._reply_ptr = ctypes.POINTER(ctypes.c_ubyte)()
        self._reply_len = ctypes.c_size_t()
        self._reply_ptr_ref = ctypes.byref(self._reply_ptr)
        self._reply_len_ref = ctypes.byref(self._reply_len)
        self._ok: bytes | None = None

    def __call__(self, frame: Int16Array) -> Int16Array:
        """Processes ``frame`` in the call's buffer; returns that buffer (copy it to keep it)."""
        self._frame[:] = frame
        handle = self._lib.livekit_ffi_request(
            self._request_ptr, self._request_len, self._reply_ptr_ref, self._reply_len_ref
        )
        if handle == self._invalid:
            raise RuntimeError("the audio processing library refused the request")
        reply = ctypes.string_at(self._reply_ptr, self._reply_len.value)
        self._lib.livekit_ffi_drop_handle(handle)
        if reply != self._ok:
            response = self._proto.FfiResponse()
            response.ParseFromString(reply)
            error = getattr(response, self._field).error
            if error:
                raise RuntimeError(error)
            self._ok = reply
        return self._frame


@dataclass(frozen=True, slots=True)
class _Module:
    """One APM and the stages it was built with; swapped as a whole by ``configure``."""

    apm: Any  # livekit.rtc.AudioProcessingModule, or None when every stage is off
    stages: EchoStages
    near: _FrameCall | None = None  # the fast calls, when this livekit has what they need
    far: _FrameCall | None = None


class WebRtcEchoProcessor:
    """:class:`EchoProcessor` on WebRTC's audio processing module.

    ``process_far`` runs on the playback callback thread, ``process_near`` on the capture
    callback thread (concurrently is fine, see the module docstring); ``set_delay_ms`` and
    ``configure`` on the main thread. With every stage off the APM is skipped altogether and
    the microphone passes bit-exact.
    """

    reason: str | None = None  # only the passthrough fallback has one
    #: Frames go through :class:`_FrameCall` (False: through livekit's own API, for comparison).
    fast_calls = True

    def __init__(
        self,
        rate: int,
        stages: EchoStages | None = None,
        *,
        far_rate: int | None = None,
    ) -> None:
        if rate not in SUPPORTED_RATES:
            raise ValueError(f"echo processing needs one of {SUPPORTED_RATES} Hz, not {rate}")
        self._rate = rate
        self._frame = frame_samples_for(rate)
        self._far_rate = rate if far_rate is None else far_rate
        self._far_frame = frame_samples_for(self._far_rate)
        self._delay_ms = 0
        self._applied_delay: tuple[_Module, int] | None = None  # capture thread only
        self._configure_lock = threading.Lock()  # main-thread calls only, never the callbacks
        self._rtc = _load_rtc()
        self._module = self._build(stages if stages is not None else EchoStages())

    # ------------------------------------------------------------------ the port
    @property
    def rate(self) -> int:
        return self._rate

    @property
    def frame_samples(self) -> int:
        return self._frame

    @property
    def far_rate(self) -> int:
        return self._far_rate

    @property
    def far_frame_samples(self) -> int:
        return self._far_frame

    @property
    def stages(self) -> EchoStages:
        return self._module.stages

    @property
    def delay_ms(self) -> int:
        return self._delay_ms

    def process_far(self, frame: Int16Array) -> None:
        frame = check_frame(frame, self._far_frame, "far-end")
        module = self._module
        if module.apm is None or not module.stages.echo_cancellation:
            return  # only the echo canceller listens to the far end
        if module.far is not None:
            module.far(frame)  # a copy: the APM writes the (unchanged) render frame back
            return
        # The APM writes the (unchanged) render frame back in place: hand it a copy.
        data = bytearray(np.ascontiguousarray(frame))
        module.apm.process_reverse_stream(
            self._rtc.AudioFrame(data, self._far_rate, 1, self._far_frame)
        )

    def process_near(self, frame: Int16Array) -> Int16Array:
        frame = check_frame(frame, self._frame, "near-end")
        module = self._module
        if module.apm is None:
            return frame.copy()
        if module.stages.echo_cancellation:
            # The APM keeps the last delay it was given; only a change costs an FFI call.
            delay = self._delay_ms
            if self._applied_delay != (module, delay):
                module.apm.set_stream_delay_ms(delay)
                self._applied_delay = (module, delay)
        if module.near is not None:
            return module.near(frame).copy()
        data = bytearray(np.ascontiguousarray(frame))
        module.apm.process_stream(self._rtc.AudioFrame(data, self._rate, 1, self._frame))
        return np.frombuffer(data, dtype=np.int16)

    def set_delay_ms(self, ms: int) -> None:
        self._delay_ms = max(0, min(_MAX_DELAY_MS, int(ms)))

    def configure(
        self,
        *,
        echo_cancellation: bool,
        noise_suppression: bool,
        high_pass_filter: bool,
        gain_control: bool,
    ) -> None:
        stages = EchoStages(echo_cancellation, noise_suppression, high_pass_filter, gain_control)
        with self._configure_lock:
            if stages == self._module.stages:
                return  # recreating would throw away a converged echo model for nothing
            self._module = self._build(stages)
        log.info("echo processing stages: %s", stages)

    # ------------------------------------------------------------------ internals
    def _build(self, stages: EchoStages) -> _Module:
        if not stages.any:
            # Still load the native library now, so a broken one shows at creation (and
            # create_echo_processor falls back) rather than when a stage is switched on.
            self._rtc.AudioProcessingModule()
            return _Module(None, stages)
        apm = self._rtc.AudioProcessingModule(
            echo_cancellation=stages.echo_cancellation,
            noise_suppression=stages.noise_suppression,
            high_pass_filter=stages.high_pass_filter,
            auto_gain_control=stages.gain_control,
        )
        if not self.fast_calls:
            return _Module(apm, stages)
        try:
            near = _FrameCall(apm, "apm_process_stream", self._rate, self._frame)
            far = _FrameCall(apm, "apm_process_reverse_stream", self._far_rate, self._far_frame)
        except Exception as exc:  # another livekit: its own calls still work
            log.info(
                "echo processing through livekit's own calls (%s: %s)", type(exc).__name__, exc
            )
            return _Module(apm, stages)
        return _Module(apm, stages, near, far)


def create_echo_processor(
    rate: int, stages: EchoStages, *, far_rate: int | None = None
) -> EchoProcessor:
    """A :class:`WebRtcEchoProcessor`, or a passthrough with a ``reason`` if WebRTC won't load.

    Matches :data:`~live_desktop.core.echo.EchoFactory`. A rate WebRTC cannot process is a
    programming error and raises ``ValueError``; a missing or broken native library is a
    condition of the machine, logged once as a warning, and the conversation goes on without
    echo cancellation (headphones still work).
    """
    if rate not in SUPPORTED_RATES:
        raise ValueError(f"echo processing needs one of {SUPPORTED_RATES} Hz, not {rate}")
    try:
        return WebRtcEchoProcessor(rate, stages, far_rate=far_rate)
    except Exception as exc:  # ImportError, OSError from ctypes, anything the FFI raises
        reason = (
            "Echo cancellation is off: its audio processing library could not be loaded. "
            "Use headphones, or the assistant may hear itself."
        )
        log.warning("%s (%s: %s)", reason, type(exc).__name__, exc)
        return PassthroughProcessor(rate, far_rate=far_rate, reason=reason)
