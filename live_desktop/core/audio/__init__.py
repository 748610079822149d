"""Pure DSP building blocks of the audio engine: no PortAudio, no Qt, only numpy/soxr/webrtcvad.

The device layer (``live_desktop.devices.audio``) wires them to PortAudio streams:

* microphone -> :class:`StreamResampler` (device rate -> 16 kHz) -> :class:`LevelMeter`,
  :class:`SpeechEndDetector`, :class:`RecordingTap`, the session's audio outbox;
* model audio (24 kHz) -> :class:`StreamResampler` (-> device rate) -> :class:`PlaybackBuffer`,
  whose ``read`` feeds the output callback, a :class:`LevelMeter` and the :class:`RecordingTap`;
* :class:`LatencyTracker` pairs the user's speech end (ADC time) with the model's first audible
  sample (DAC time) for the voice-to-voice figure.

Each module's docstring says which thread calls what, and what it costs per 10 ms block.
"""

from live_desktop.core.audio.levels import FLOOR_DBFS, Level, LevelMeter
from live_desktop.core.audio.playback import PlaybackBuffer, PlaybackState
from live_desktop.core.audio.resample import (
    StreamResampler,
    float_to_int16,
    int16_to_float,
    to_mono_int16,
)
from live_desktop.core.audio.speech import (
    LatencyStats,
    LatencyTracker,
    SpeechEndDetector,
    SpeechEnded,
    SpeechEvent,
    SpeechStarted,
)
from live_desktop.core.audio.tap import RecordingTap

__all__ = [
    "FLOOR_DBFS",
    "LatencyStats",
    "LatencyTracker",
    "Level",
    "LevelMeter",
    "PlaybackBuffer",
    "PlaybackState",
    "RecordingTap",
    "SpeechEndDetector",
    "SpeechEnded",
    "SpeechEvent",
    "SpeechStarted",
    "StreamResampler",
    "float_to_int16",
    "int16_to_float",
    "to_mono_int16",
]
