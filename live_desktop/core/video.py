"""Video logic that needs no device: frame sizes, send pacing, change detection, status.

The Live API takes discrete JPEG frames, about one per second, best at 768 px on the longest
side. Capture runs at the source's own rate for the preview; what is sent is paced, shrunk and
(optionally) de-duplicated here. The device adapters (``live_desktop.devices.video``) call these
helpers from their own threads; everything in this module is pure and thread-agnostic.
"""

from __future__ import annotations

import enum
import math
import time
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

__all__ = [
    "DEFAULT_JPEG_QUALITY",
    "DEFAULT_MAX_SIDE",
    "DEFAULT_SEND_FPS",
    "JPEG_QUALITY_RANGE",
    "MAX_SIDE_RANGE",
    "PREVIEW_MAX_FPS",
    "SEND_FPS_RANGE",
    "VIDEO_NEEDS_COMPRESSION",
    "VIDEO_USES_COMPRESSION",
    "ChangeDetector",
    "SendPacer",
    "VideoErrorKind",
    "VideoSourceError",
    "VideoStatus",
    "check_jpeg_quality",
    "check_max_side",
    "check_send_fps",
    "compression_note",
    "fit_within",
    "format_send_rate",
]

DEFAULT_SEND_FPS = 1.0
SEND_FPS_RANGE = (0.2, 2.0)
DEFAULT_MAX_SIDE = 768
#: 1536 px lets the model read text on a screen; more only costs bandwidth.
MAX_SIDE_RANGE = (128, 1536)
DEFAULT_JPEG_QUALITY = 85
JPEG_QUALITY_RANGE = (10, 100)
PREVIEW_MAX_FPS = 30.0

VIDEO_NEEDS_COMPRESSION = (
    "Audio and video sessions end after 2 minutes without context compression; turn context "
    "window compression on to keep talking longer."
)
VIDEO_USES_COMPRESSION = (
    "Context compression is on: without it, the service ends audio and video sessions after "
    "2 minutes."
)


# ------------------------------------------------------------------------------------- sizes
def fit_within(width: int, height: int, max_side: int) -> tuple[int, int]:
    """The size to send: longest side at most ``max_side``, aspect ratio kept, never upscaled.

    The longest side becomes exactly ``max_side`` when the frame is larger; the other side is
    rounded to the nearest pixel and is at least 1 (a 4000x3 strip stays a strip). Odd sizes
    are fine: JPEG pads its blocks internally.
    """
    if width <= 0 or height <= 0:
        raise ValueError(f"a frame must have a positive size, not {width}x{height}")
    if max_side <= 0:
        raise ValueError(f"the longest side must be positive, not {max_side}")
    longest = max(width, height)
    if longest <= max_side:
        return width, height
    scale = max_side / longest
    if width >= height:
        return max_side, max(1, round(height * scale))
    return max(1, round(width * scale)), max_side


def check_jpeg_quality(quality: int) -> int:
    """``quality`` if it is a JPEG quality the app offers (10–100), else ValueError.

    Below 10 frames turn to blocks the model cannot read; 100 is the encoder's maximum.
    """
    low, high = JPEG_QUALITY_RANGE
    if isinstance(quality, bool) or not isinstance(quality, int) or not low <= quality <= high:
        raise ValueError(f"JPEG quality must be a whole number from {low} to {high}, not {quality}")
    return quality


def check_send_fps(fps: float) -> float:
    low, high = SEND_FPS_RANGE
    if not low <= fps <= high:
        raise ValueError(f"frames sent per second must be from {low} to {high}, not {fps}")
    return float(fps)


def check_max_side(max_side: int) -> int:
    low, high = MAX_SIDE_RANGE
    if not low <= max_side <= high:
        raise ValueError(f"the longest frame side must be from {low} to {high} px, not {max_side}")
    return max_side


def format_send_rate(fps: float) -> str:
    """The rate as the indicator shows it: "1 frame/s", "2 frames/s", "1 frame every 5 s"."""
    if fps >= 1.0:
        count = f"{fps:g}"
        return f"{count} frame/s" if count == "1" else f"{count} frames/s"
    return f"1 frame every {1.0 / fps:g} s"


def compression_note(video_on: bool, compression_on: bool) -> str | None:
    """What the UI says about context compression while video is on (None: video is off)."""
    if not video_on:
        return None
    return VIDEO_USES_COMPRESSION if compression_on else VIDEO_NEEDS_COMPRESSION


# ------------------------------------------------------------------------------------ pacing
class SendPacer:
    """When the next frame is due, at ``fps`` frames per second on a monotonic clock.

    Deadlines are ``anchor + n / fps``, computed afresh each time, so late wake-ups and
    rounding never accumulate (no drift). A sender more than one period late skips the missed
    slots instead of sending a burst. Not thread-safe: one sender thread owns it.
    """

    def __init__(self, fps: float, start: float) -> None:
        self._period = 1.0 / check_send_fps(fps)
        self._anchor = start
        self._n = 0  # the first frame is due at once

    @property
    def fps(self) -> float:
        return 1.0 / self._period

    @property
    def next_due(self) -> float:
        return self._anchor + self._n * self._period

    def wait_time(self, now: float) -> float:
        """Seconds until the next frame is due (0 when it is due now)."""
        return max(0.0, self.next_due - now)

    def advance(self, now: float) -> None:
        """The due frame was handled at ``now``; schedule the next one."""
        self._n += 1
        if self.next_due <= now:
            # More than a period behind (a stalled thread, a suspended laptop): resume on the
            # grid, one period from the last slot that has passed.
            self._n = math.floor((now - self._anchor) / self._period) + 1

    def set_fps(self, fps: float, now: float) -> None:
        """Change the rate from the next frame on: one new period after the last slot used."""
        period = 1.0 / check_send_fps(fps)
        last_slot = self.next_due - self._period
        self._period = period
        self._anchor, self._n = last_slot, 1
        if self.next_due < now:
            self._anchor, self._n = now, 0


# -------------------------------------------------------------------------- change detection
Thumbnail = npt.NDArray[np.uint8]


class ChangeDetector:
    """Decides whether a frame differs from the last one sent, on small grey thumbnails.

    A frame counts as changed when any thumbnail pixel moved by more than ``threshold`` grey
    levels. Thumbnails average many pixels each, so camera noise stays well below the
    threshold while a typed word on a screen or a moving hand does not. The reference is the
    last frame *sent*, so slow drift still ends in a send once it adds up.
    """

    def __init__(self, threshold: int = 8) -> None:
        self.threshold = threshold
        self._reference: Thumbnail | None = None

    def reset(self) -> None:
        """Forget the reference (a new source): the next frame counts as changed."""
        self._reference = None

    def changed(self, thumbnail: Thumbnail) -> bool:
        reference = self._reference
        if reference is None or reference.shape != thumbnail.shape:
            return True
        difference = np.abs(thumbnail.astype(np.int16) - reference.astype(np.int16))
        return bool(difference.max() > self.threshold)

    def mark_sent(self, thumbnail: Thumbnail) -> None:
        self._reference = thumbnail


# ---------------------------------------------------------------------------------- status
class VideoErrorKind(enum.Enum):
    MISSING = "missing"  # no such camera, screen, file or region
    BUSY = "busy"  # another application holds the camera
    PERMISSION = "permission"  # the OS or file system refused access
    UNAVAILABLE = "unavailable"  # capture cannot work here at all (Wayland, no display)
    UNREADABLE = "unreadable"  # a file that is not a video the decoder can read
    FAILED = "failed"  # it worked, then stopped


def _now() -> float:
    return time.monotonic()


@dataclass(frozen=True, slots=True)
class VideoSourceError:
    """A video source could not start or stopped delivering frames.

    ``message`` is a sentence naming the cause for the user; ``detail`` is for the log. Audio
    and the session go on without video.
    """

    source: str  # "camera", "screen" or "file"
    kind: VideoErrorKind
    message: str
    detail: str = ""
    at: float = field(default_factory=_now)


@dataclass(frozen=True, slots=True)
class VideoStatus:
    """What the preview shows next to the picture; a snapshot, safe to read on any thread."""

    source: str = "off"  # "off", "camera", "screen" or "file"
    label: str = ""  # "Camera 0", "Screen 1", "clip.mp4"
    sending: bool = False  # frames go to the session right now
    send_fps: float = DEFAULT_SEND_FPS
    frames_sent: int = 0  # this connection
    frames_skipped: int = 0  # unchanged frames not sent (only with skip_unchanged)
    skip_unchanged: bool = False
    last_size: tuple[int, int] | None = None  # (width, height) of the last frame sent
    error: VideoSourceError | None = None

    @property
    def indicator(self) -> str:
        """The sending indicator ("Sending 1 frame/s · 12 sent"); empty when nothing is sent."""
        if not self.sending:
            return ""
        parts = [f"Sending {format_send_rate(self.send_fps)}", f"{self.frames_sent} sent"]
        if self.skip_unchanged:
            parts.append(f"{self.frames_skipped} unchanged skipped")
        return " · ".join(parts)
