"""Voice for a session: the audio engine and the uplink rules attached to a session controller.

The controller's events drive playback (model audio in, ``interrupted`` empties the buffer at
once, the end of a turn flushes it); the engine's microphone chunks go through
:class:`~live_desktop.core.voice.VoiceUplink` (mute, push-to-talk) to the controller.

The microphone opens when a connection starts and closes when the user disconnects — an app
that holds the microphone while idle lights the OS's "recording" indicator for nothing.
All methods run on the asyncio loop's thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from live_desktop.core import events as ev
from live_desktop.core.audio.speech import LatencyStats
from live_desktop.core.echo import EchoStages
from live_desktop.core.session import SessionController
from live_desktop.core.settings import Settings
from live_desktop.core.voice import AudioEvent, VoiceUplink
from live_desktop.devices.audio import AudioEngine, EchoFactory
from live_desktop.devices.audio_devices import AudioUnavailable, sounddevice
from live_desktop.devices.echo_webrtc import create_echo_processor

log = logging.getLogger(__name__)


class VoiceSession:
    """Owns the :class:`AudioEngine` and :class:`VoiceUplink` for one controller."""

    def __init__(
        self,
        controller: SessionController,
        settings: Settings,
        *,
        loop: asyncio.AbstractEventLoop | None = None,
        on_event: Callable[[AudioEvent], None] | None = None,
        echo_factory: EchoFactory = create_echo_processor,
        latency: float | str = "low",
        auto_start: bool = True,
    ) -> None:
        self.controller = controller
        self._loop = loop or asyncio.get_running_loop()
        self._listeners: list[Callable[[AudioEvent], None]] = []
        if on_event is not None:
            self._listeners.append(on_event)
        self.capture_to_send = LatencyStats()
        # Initialise PortAudio here, on the loop's thread, before any other thread runs:
        # sounddevice's import points file descriptor 2 at /dev/null while PortAudio starts (to
        # hide ALSA's chatter), so whatever another thread logs meanwhile is lost.
        with contextlib.suppress(AudioUnavailable):
            sounddevice()
        self.engine = AudioEngine(
            on_chunk=self._on_chunk,
            on_event=self._on_audio_event,
            loop=self._loop,
            input_device=settings.audio.input_device,
            output_device=settings.audio.output_device,
            stages=EchoStages.from_settings(settings.audio),
            echo_factory=echo_factory,
            latency=latency,
        )
        self.uplink = VoiceUplink(controller, push_to_talk=_push_to_talk(settings), loop=self._loop)
        self.auto_start = auto_start
        # Opening devices asks the sound server (pactl, PortAudio) and takes 50-300 ms: never on
        # the UI thread. One worker keeps start and stop in the order they were asked for.
        self._lifecycle = ThreadPoolExecutor(max_workers=1, thread_name_prefix="audio-lifecycle")
        self._pending: Future[None] | None = None
        self._closed = False
        self.events: list[AudioEvent] = []  # the latest few, for a window opened later
        controller.on_audio_sent = self._on_audio_sent
        self._unsubscribe = controller.subscribe(self._on_session_event)

    # -------------------------------------------------------------- control
    def subscribe(self, listener: Callable[[AudioEvent], None]) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def start(self) -> Future[None]:
        """Open the devices on the lifecycle thread; the future says when it is done."""
        self._pending = self._lifecycle.submit(self.engine.start)
        return self._pending

    def stop(self) -> Future[None]:
        self.uplink.close()
        self._pending = self._lifecycle.submit(self.engine.stop)
        return self._pending

    def wait_idle(self, timeout: float | None = 10.0) -> None:
        """Block until the last start or stop finished (tests, shutdown)."""
        if self._pending is not None:
            self._pending.result(timeout)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        pending = self.stop()
        self._lifecycle.shutdown(wait=False)
        try:
            # Bounded: quitting must never hang on a sound system that stopped answering.
            pending.result(timeout=5.0)
        except Exception:
            log.warning("the audio devices did not close within 5 s; quitting anyway")
        self._unsubscribe()
        if self.controller.on_audio_sent == self._on_audio_sent:
            self.controller.on_audio_sent = None

    def apply_settings(self, settings: Settings) -> None:
        """Devices and processing apply live; the VAD mode takes effect with the next turn."""
        audio = settings.audio
        engine = self.engine
        if engine.wanted("input") != audio.input_device:
            self._lifecycle.submit(engine.set_device, "input", audio.input_device)
        if engine.wanted("output") != audio.output_device:
            self._lifecycle.submit(engine.set_device, "output", audio.output_device)
        engine.configure_echo(EchoStages.from_settings(audio))
        self.uplink.set_push_to_talk(_push_to_talk(settings))

    # -------------------------------------------------------------- wiring
    def _on_chunk(self, pcm: bytes, captured_at: float) -> None:
        self.uplink.on_chunk(pcm, captured_at)

    def _on_audio_sent(self, captured_at: float, sent_at: float) -> None:
        self.capture_to_send.add((sent_at - captured_at) * 1000.0)

    def _on_audio_event(self, event: AudioEvent) -> None:
        self.events = [*self.events[-19:], event]
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:
                log.exception("audio event listener failed")

    def _on_session_event(self, event: ev.SessionEvent) -> None:
        if isinstance(event, ev.AudioOut):
            self.engine.play(event.pcm, rate=event.sample_rate, received_at=event.at)
        elif isinstance(event, ev.Interrupted):
            self.engine.interrupt()
        elif isinstance(event, ev.TurnComplete | ev.GenerationComplete):
            self.engine.end_of_turn()
        elif isinstance(event, ev.StateChanged):
            if event.state is ev.ConnectionState.CONNECTING and self.auto_start:
                self.start()
            elif event.state is ev.ConnectionState.CONNECTED:
                self.uplink.reset()
            elif event.state is ev.ConnectionState.DISCONNECTED and self.auto_start:
                self.stop()


def _push_to_talk(settings: Settings) -> bool:
    return settings.vad.push_to_talk or not settings.vad.automatic
