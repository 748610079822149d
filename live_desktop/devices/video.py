"""Video sources (camera, screen, file) and the JPEG sender, each on a thread of its own.

A source captures at its own rate (a camera's, a file's, up to 30 fps for the screen) and keeps
only its newest :class:`Frame`; the preview paints that frame and :class:`VideoSender` takes one
at the send rate, shrinks it, encodes it as JPEG and hands the bytes on. Nothing here queues
frames, so a slow consumer only ever sees fewer, newer frames.

Frames are numpy arrays in OpenCV's channel order (BGR, or BGRA from the screen). A published
frame's array is never written again, so readers on other threads may wrap it without copying.
Errors become :class:`~live_desktop.core.video.VideoSourceError` events with a sentence naming
the cause; they end the video, never the session.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import cv2
import numpy as np

from live_desktop.core.settings import VideoSettings
from live_desktop.core.video import (
    DEFAULT_JPEG_QUALITY,
    DEFAULT_MAX_SIDE,
    DEFAULT_SEND_FPS,
    PREVIEW_MAX_FPS,
    ChangeDetector,
    SendPacer,
    VideoErrorKind,
    VideoSourceError,
    VideoStatus,
    check_jpeg_quality,
    check_max_side,
    check_send_fps,
    fit_within,
)

log = logging.getLogger(__name__)

ErrorCallback = Callable[[VideoSourceError], None]
Deliver = Callable[[bytes], None]

THREAD_PREFIX = "live-desktop-video"
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff"})
DEFAULT_SCREEN_FPS = 15.0
#: A camera that delivers nothing for this long after opening is held by another application.
CAMERA_FIRST_FRAME_S = 5.0
#: A running camera that stops delivering for this long is reported as stopped.
CAMERA_STALL_S = 3.0
#: How often a due frame looks again for a source's first picture.
NO_FRAME_RETRY_S = 0.05
SYSFS_VIDEO = Path("/sys/class/video4linux")


@dataclass(frozen=True, slots=True)
class Frame:
    """One captured image: HxWx3 BGR or HxWx4 BGRA uint8, C-contiguous, read-only by contract.

    ``seq`` counts frames from 1 per source; ``timestamp`` is ``time.monotonic()`` at capture.
    """

    image: np.ndarray
    seq: int
    timestamp: float

    @property
    def width(self) -> int:
        return int(self.image.shape[1])

    @property
    def height(self) -> int:
        return int(self.image.shape[0])


class FrameSource(Protocol):
    """A capture device or file on its own thread; ``latest()`` may be called from any thread."""

    kind: str  # "camera", "screen" or "file"
    label: str  # for people: "Camera 0 (Integrated Webcam)", "Screen 1", "clip.mp4"

    def start(self) -> None: ...

    def stop(self, timeout: float = 3.0) -> None: ...

    def latest(self) -> Frame | None: ...

    @property
    def running(self) -> bool: ...

    @property
    def error(self) -> VideoSourceError | None: ...


class _ThreadedSource:
    """Runs ``_capture`` on a daemon thread; publishes the newest frame; reports errors once.

    ``start``/``stop`` are called from the owning thread; ``latest`` from any thread (a single
    attribute read, atomic in CPython). The error callback runs on the capture thread.
    """

    kind = "source"

    def __init__(self, label: str, on_error: ErrorCallback | None = None) -> None:
        self.label = label
        self._on_error = on_error
        self._latest: Frame | None = None
        self._seq = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._error: VideoSourceError | None = None

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._error = None
        self._thread = threading.Thread(
            target=self._run, name=f"{THREAD_PREFIX}-{self.kind}", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 3.0) -> None:
        thread, self._thread = self._thread, None
        self._stop.set()
        if thread is None:
            return
        thread.join(timeout)
        if thread.is_alive():
            log.warning("The %s capture thread did not stop within %.0f s", self.kind, timeout)

    def latest(self) -> Frame | None:
        return self._latest

    @property
    def running(self) -> bool:
        thread = self._thread
        return thread is not None and thread.is_alive() and self._error is None

    @property
    def error(self) -> VideoSourceError | None:
        return self._error

    def _publish(self, image: np.ndarray) -> None:
        self._seq += 1
        self._latest = Frame(image, self._seq, time.monotonic())

    def _fail(self, kind: VideoErrorKind, message: str, detail: str = "") -> None:
        error = VideoSourceError(self.kind, kind, message, detail)
        self._error = error
        log.warning("Video %s: %s (%s)", self.kind, message, detail or kind.value)
        if self._on_error is not None:
            try:
                self._on_error(error)
            except Exception:
                log.exception("Video error callback failed")

    def _run(self) -> None:
        try:
            self._capture()
        except Exception as exc:
            log.exception("The %s capture thread failed", self.kind)
            self._fail(
                VideoErrorKind.FAILED,
                f"The {self.kind} stopped because of an unexpected error: {exc}.",
                repr(exc),
            )

    def _capture(self) -> None:
        raise NotImplementedError

    def _sleep_until(self, deadline: float) -> bool:
        """Wait until ``deadline`` (monotonic); True if asked to stop meanwhile."""
        return self._stop.wait(max(0.0, deadline - time.monotonic()))


# ------------------------------------------------------------------------------------- file
class FileSource(_ThreadedSource):
    """A video file played in real time and looped, or a still image; the preview's rate is
    the file's (at most 30 fps: faster files skip frames, they are not slowed down)."""

    kind = "file"

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        loop: bool = True,
        on_error: ErrorCallback | None = None,
    ) -> None:
        self.path = Path(path)
        self.loop = loop
        self._capture_obj: Any = None
        super().__init__(self.path.name, on_error)

    def _capture(self) -> None:
        path = self.path
        if not path.exists():
            self._fail(VideoErrorKind.MISSING, f"The video file {path} does not exist.")
            return
        if not os.access(path, os.R_OK):
            self._fail(
                VideoErrorKind.PERMISSION,
                f"Live Desktop may not read the video file {path} (permission denied).",
            )
            return
        if path.suffix.lower() in IMAGE_SUFFIXES:
            self._show_image(path)
            return
        capture = _open_file(path)
        if capture is None:
            self._fail(
                VideoErrorKind.UNREADABLE,
                f"The file {path.name} could not be opened as a video: its format or codec is "
                "not supported.",
            )
            return
        self._capture_obj = capture
        try:
            self._play()
        finally:
            self._capture_obj.release()

    def _show_image(self, path: Path) -> None:
        image = cv2.imread(str(path), cv2.IMREAD_COLOR)
        if image is None:
            self._fail(
                VideoErrorKind.UNREADABLE,
                f"The file {path.name} could not be read as an image.",
            )
            return
        self._publish(np.ascontiguousarray(image))
        self._stop.wait()

    def _play(self) -> None:
        fps = self._capture_obj.get(cv2.CAP_PROP_FPS)
        if not fps or not 1.0 <= fps <= 240.0:
            fps = PREVIEW_MAX_FPS  # unknown rate (some containers): play at preview rate
        step = max(1, round(fps / PREVIEW_MAX_FPS))  # decode-and-drop to stay at <= ~30 fps
        period = step / fps
        next_at = time.monotonic()
        shown_this_pass = 0
        while not self._stop.is_set():
            capture = self._capture_obj
            for _ in range(step - 1):
                capture.grab()
            ok, image = capture.read()
            if not ok or image is None:
                if shown_this_pass == 0:
                    self._fail(
                        VideoErrorKind.UNREADABLE,
                        f"The file {self.path.name} has no frames that can be decoded.",
                    )
                    return
                if not self.loop:
                    self._stop.wait()  # keep showing the last frame
                    return
                # Reopening is the one rewind every container and backend honours.
                capture.release()
                reopened = _open_file(self.path)
                if reopened is None:
                    self._fail(
                        VideoErrorKind.FAILED, f"The file {self.path.name} could not be reopened."
                    )
                    return
                self._capture_obj = reopened
                shown_this_pass = 0
                continue
            shown_this_pass += 1
            self._publish(image)
            next_at += period
            now = time.monotonic()
            if next_at < now - period:
                next_at = now  # fell behind (a loaded machine): carry on, do not rush
            if self._sleep_until(next_at):
                return


def _open_file(path: Path) -> Any | None:
    capture = cv2.VideoCapture(str(path))
    if not capture.isOpened():
        capture.release()
        return None
    return capture


# ----------------------------------------------------------------------------------- camera
@dataclass(frozen=True, slots=True)
class CameraInfo:
    index: int
    name: str


def camera_backends(platform: str = sys.platform) -> list[int]:
    """OpenCV capture backends to try, in order, for this OS."""
    if platform.startswith("linux"):
        return [cv2.CAP_V4L2]
    if platform == "darwin":
        return [cv2.CAP_AVFOUNDATION]
    if platform.startswith("win"):
        # Media Foundation opens most webcams quickly; DirectShow still serves older drivers.
        return [cv2.CAP_MSMF, cv2.CAP_DSHOW]
    return [cv2.CAP_ANY]


def list_cameras(sysfs: Path = SYSFS_VIDEO) -> list[CameraInfo]:
    """Cameras with their names where the OS tells them without opening each device.

    Linux only (V4L2 capture nodes in sysfs); elsewhere OpenCV has no way to list cameras, so
    the list is empty and cameras are chosen by index.
    """
    if not sys.platform.startswith("linux") or not sysfs.is_dir():
        return []
    found: list[CameraInfo] = []
    for node in sysfs.iterdir():
        if not node.name.startswith("video") or not node.name[5:].isdigit():
            continue
        # A USB camera also exposes a metadata node; its "index" attribute is not 0.
        with contextlib.suppress(OSError, ValueError):
            if int((node / "index").read_text().strip() or "0") != 0:
                continue
        name = ""
        with contextlib.suppress(OSError):
            name = (node / "name").read_text().strip()
        found.append(CameraInfo(int(node.name[5:]), name or node.name))
    return sorted(found, key=lambda c: c.index)


def _describe_cameras(cameras: list[CameraInfo]) -> str:
    if not cameras:
        if sys.platform.startswith("linux"):
            return "No cameras were found on this computer."
        return "Choose another camera number in the settings."
    listed = ", ".join(f"{c.index} ({c.name})" for c in cameras)
    return f"Cameras on this computer: {listed}."


class CameraSource(_ThreadedSource):
    """A camera through OpenCV, chosen by name where the OS lists names, else by index."""

    kind = "camera"

    def __init__(
        self,
        index: int = 0,
        name: str | None = None,
        *,
        on_error: ErrorCallback | None = None,
        device_dir: Path = Path("/dev"),
        sysfs: Path = SYSFS_VIDEO,
    ) -> None:
        self.index = index
        self.name = name
        self._device_dir = device_dir
        self._sysfs = sysfs
        super().__init__(name or f"Camera {index}", on_error)

    def _resolve(self) -> tuple[int, list[CameraInfo]]:
        cameras = list_cameras(self._sysfs)
        if self.name:
            wanted = self.name.casefold()
            for camera in cameras:
                if camera.name.casefold() == wanted:
                    return camera.index, cameras
            log.info("No camera named %r; using camera index %d", self.name, self.index)
        return self.index, cameras

    def _capture(self) -> None:
        index, cameras = self._resolve()
        self.label = next((c.name for c in cameras if c.index == index), f"Camera {index}")
        if sys.platform.startswith("linux") and not self._linux_node_usable(index, cameras):
            return
        capture = None
        for backend in camera_backends():
            candidate = cv2.VideoCapture(index, backend)
            if candidate.isOpened():
                capture = candidate
                break
            candidate.release()
        if capture is None:
            self._fail(*self._open_failure(index, cameras))
            return
        try:
            # Keep the driver's queue short: the newest picture matters, not every picture.
            capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)
            self._read_loop(capture)
        finally:
            capture.release()

    def _linux_node_usable(self, index: int, cameras: list[CameraInfo]) -> bool:
        node = self._device_dir / f"video{index}"
        if not node.exists():
            self._fail(
                VideoErrorKind.MISSING,
                f"There is no camera number {index}. {_describe_cameras(cameras)}",
                f"{node} does not exist",
            )
            return False
        if not os.access(node, os.R_OK | os.W_OK):
            self._fail(
                VideoErrorKind.PERMISSION,
                f"Live Desktop may not use the camera {self.label} (permission denied on "
                f"{node}); add your user to the 'video' group and log in again.",
                f"no read/write access to {node}",
            )
            return False
        return True

    def _open_failure(
        self, index: int, cameras: list[CameraInfo]
    ) -> tuple[VideoErrorKind, str, str]:
        detail = f"cv2.VideoCapture({index}) did not open"
        if sys.platform == "darwin":
            return (
                VideoErrorKind.PERMISSION,
                f"The camera {self.label} could not be opened: allow camera access for Live "
                "Desktop (or your terminal) in System Settings › Privacy & Security › Camera, "
                "and close other apps that use the camera.",
                detail,
            )
        if sys.platform.startswith("win"):
            return (
                VideoErrorKind.BUSY,
                f"The camera {self.label} could not be opened: another app may be using it, or "
                "camera access is off in Settings › Privacy & security › Camera. "
                f"{_describe_cameras(cameras)}",
                detail,
            )
        return (
            VideoErrorKind.BUSY,
            f"The camera {self.label} could not be opened: another application is probably "
            "using it.",
            detail,
        )

    def _read_loop(self, capture: Any) -> None:
        opened_at = last_frame_at = time.monotonic()
        got_any = False
        while not self._stop.is_set():
            ok, image = capture.read()
            now = time.monotonic()
            if ok and image is not None:
                got_any = True
                last_frame_at = now
                self._publish(image)
                continue
            if not got_any and now - opened_at > CAMERA_FIRST_FRAME_S:
                self._fail(
                    VideoErrorKind.BUSY,
                    f"The camera {self.label} opened but sends no pictures: another application "
                    "is probably using it.",
                    "no frame after opening",
                )
                return
            if got_any and now - last_frame_at > CAMERA_STALL_S:
                self._fail(
                    VideoErrorKind.FAILED,
                    f"The camera {self.label} stopped sending pictures; was it unplugged?",
                    "read() failing",
                )
                return
            if self._stop.wait(0.05):
                return


# ----------------------------------------------------------------------------------- screen
def screen_capture_problem(environ: dict[str, str] | None = None) -> str | None:
    """Why screen capture cannot work in this desktop session, or None.

    mss captures through X11 on Linux. A Wayland session without XWayland (no ``DISPLAY``)
    offers it nothing to capture.
    """
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return None
    wayland = env.get("XDG_SESSION_TYPE", "").lower() == "wayland" or bool(
        env.get("WAYLAND_DISPLAY")
    )
    if not env.get("DISPLAY"):
        if wayland:
            return (
                "Screen capture is not available under Wayland: Live Desktop captures the "
                "screen through X11, and this session has no X display (XWayland). Log in "
                "with an X11 session to share your screen."
            )
        return "Screen capture is not available: there is no X display (DISPLAY is not set)."
    return None


def _mss_instance() -> Any:
    import mss

    factory = getattr(mss, "MSS", None) or mss.mss  # mss 10.2 renamed the factory
    return factory()


class ScreenSource(_ThreadedSource):
    """A screen (1-based; 0 is all screens together) or a region of it, through mss."""

    kind = "screen"

    def __init__(
        self,
        monitor: int = 1,
        region: tuple[int, int, int, int] | None = None,
        *,
        fps: float = DEFAULT_SCREEN_FPS,
        on_error: ErrorCallback | None = None,
    ) -> None:
        self.monitor = monitor
        self.region = region
        self.fps = min(max(fps, 1.0), PREVIEW_MAX_FPS)
        label = "All screens" if monitor == 0 else f"Screen {monitor}"
        super().__init__(label if region is None else f"{label} (region)", on_error)

    def _capture(self) -> None:
        import mss.exception

        problem = screen_capture_problem()
        if problem is not None:
            self._fail(VideoErrorKind.UNAVAILABLE, problem)
            return
        if os.environ.get("XDG_SESSION_TYPE", "").lower() == "wayland":
            log.warning("Wayland session: only X11 (XWayland) windows show in screen capture")
        try:
            sct = _mss_instance()  # mss objects belong to the thread that made them
        except mss.exception.ScreenShotError as exc:
            self._fail(
                VideoErrorKind.UNAVAILABLE, f"Screen capture is not available: {exc}.", repr(exc)
            )
            return
        with sct:
            area = self._area(sct.monitors)
            if area is None:
                return
            period = 1.0 / self.fps
            next_at = time.monotonic()
            while not self._stop.is_set():
                try:
                    shot = sct.grab(area)
                except mss.exception.ScreenShotError as exc:
                    self._fail(VideoErrorKind.FAILED, f"Screen capture stopped: {exc}.", repr(exc))
                    return
                # mss hands over a fresh buffer per grab: a view of it is safe to publish.
                self._publish(np.asarray(shot))
                next_at += period
                now = time.monotonic()
                if next_at < now - period:
                    next_at = now
                if self._sleep_until(next_at):
                    return

    def _area(self, monitors: list[dict[str, int]]) -> dict[str, int] | None:
        screens = len(monitors) - 1
        if not 0 <= self.monitor <= screens:
            plural = "screen" if screens == 1 else "screens"
            self._fail(
                VideoErrorKind.MISSING,
                f"There is no screen {self.monitor}: this computer has {screens} {plural} "
                f"(choose 1–{screens}, or 0 for all screens together).",
            )
            return None
        whole = monitors[self.monitor]
        if self.region is None:
            return dict(whole)
        left, top, width, height = self.region
        width = min(width, whole["width"] - left)
        height = min(height, whole["height"] - top)
        if width < 1 or height < 1:
            self._fail(
                VideoErrorKind.MISSING,
                f"The screen region {self.region} lies outside {self.label.split(' (')[0]} "
                f"({whole['width']}x{whole['height']}).",
            )
            return None
        return {
            "left": whole["left"] + left,
            "top": whole["top"] + top,
            "width": width,
            "height": height,
        }


# ---------------------------------------------------------------------------------- encoding
@dataclass(frozen=True, slots=True)
class EncodedFrame:
    jpeg: bytes
    width: int
    height: int
    seq: int


class JpegEncoder:
    """Shrinks a frame to the longest side allowed (INTER_AREA: no aliasing on text) and
    encodes it as a baseline JPEG. Called on the sender thread."""

    def __init__(self, max_side: int = DEFAULT_MAX_SIDE, quality: int = DEFAULT_JPEG_QUALITY):
        self.max_side = check_max_side(max_side)
        self.quality = check_jpeg_quality(quality)

    def shrink(self, image: np.ndarray) -> np.ndarray:
        """The frame at the size to send, BGR; the input itself when it is already small."""
        height, width = image.shape[:2]
        size = fit_within(width, height, self.max_side)
        small = image
        if size != (width, height):
            small = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
        if small.ndim == 3 and small.shape[2] == 4:
            small = cv2.cvtColor(small, cv2.COLOR_BGRA2BGR)
        return small

    def encode(self, small: np.ndarray) -> bytes:
        ok, buffer = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, self.quality])
        if not ok:
            raise ValueError("OpenCV could not encode the frame as JPEG")
        return bytes(buffer)

    def __call__(self, image: np.ndarray) -> bytes:
        return self.encode(self.shrink(image))


def thumbnail(small: np.ndarray, width: int = 64) -> np.ndarray:
    """A small grey picture of a BGR frame for change detection."""
    height = max(1, round(small.shape[0] * width / small.shape[1]))
    grey = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY) if small.ndim == 3 else small
    return cv2.resize(grey, (width, height), interpolation=cv2.INTER_AREA)


# ------------------------------------------------------------------------------------ sender
class VideoSender:
    """Takes the newest frame of a source at ``send_fps``, shrinks and encodes it, and hands the
    JPEG to ``deliver`` -- on a thread of its own.

    ``deliver`` runs on the sender thread and must only hand the bytes over (the app passes
    ``loop.call_soon_threadsafe(controller.send_video, jpeg)``). ``configure``, ``set_source``,
    ``start`` and ``stop`` are called from the owning thread and take effect at the next frame.
    A frame due while the source has none yet goes as soon as the source has one.
    """

    def __init__(
        self,
        deliver: Deliver,
        *,
        send_fps: float = DEFAULT_SEND_FPS,
        max_side: int = DEFAULT_MAX_SIDE,
        quality: int = DEFAULT_JPEG_QUALITY,
        skip_unchanged: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._deliver = deliver
        self._clock = clock
        self._lock = threading.Lock()
        self._send_fps = check_send_fps(send_fps)
        self._encoder = JpegEncoder(max_side, quality)
        self._skip_unchanged = skip_unchanged
        self._source: FrameSource | None = None
        self._changes = ChangeDetector()
        self._pacer: SendPacer | None = None
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self.frames_sent = 0
        self.frames_skipped = 0
        self.last_size: tuple[int, int] | None = None
        self.encode_ms: list[float] = []  # the most recent encode times (bounded)

    # -------------------------------------------------------------- owner thread
    @property
    def send_fps(self) -> float:
        return self._send_fps

    @property
    def skip_unchanged(self) -> bool:
        return self._skip_unchanged

    @property
    def sending(self) -> bool:
        return self._thread is not None

    def configure(
        self,
        *,
        send_fps: float | None = None,
        max_side: int | None = None,
        quality: int | None = None,
        skip_unchanged: bool | None = None,
    ) -> None:
        with self._lock:
            if send_fps is not None and send_fps != self._send_fps:
                self._send_fps = check_send_fps(send_fps)
                if self._pacer is not None:
                    self._pacer.set_fps(self._send_fps, self._clock())
            if max_side is not None or quality is not None:
                self._encoder = JpegEncoder(
                    self._encoder.max_side if max_side is None else max_side,
                    self._encoder.quality if quality is None else quality,
                )
                self._changes.reset()
            if skip_unchanged is not None:
                self._skip_unchanged = skip_unchanged
        self._wake.set()

    def set_source(self, source: FrameSource | None) -> None:
        with self._lock:
            self._source = source
            self._changes.reset()
        self._wake.set()

    def start(self) -> None:
        """Start sending: the first frame goes at once, then one per period."""
        if self._thread is not None:
            return
        self.frames_sent = self.frames_skipped = 0
        self._stopping.clear()
        with self._lock:
            self._pacer = SendPacer(self._send_fps, self._clock())
            self._changes.reset()
        self._thread = threading.Thread(
            target=self._run, name=f"{THREAD_PREFIX}-sender", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 3.0) -> None:
        thread, self._thread = self._thread, None
        self._stopping.set()
        self._wake.set()
        if thread is not None:
            thread.join(timeout)

    # -------------------------------------------------------------- sender thread
    def _run(self) -> None:
        while not self._stopping.is_set():
            with self._lock:
                pacer = self._pacer
                assert pacer is not None
                wait = pacer.wait_time(self._clock())
            if wait > 0:
                self._wake.wait(wait)
                self._wake.clear()
                continue
            with self._lock:
                source, encoder, skip = self._source, self._encoder, self._skip_unchanged
            frame = source.latest() if source is not None else None
            if frame is None:
                # No picture yet (a camera warming up, a source being switched): the frame
                # stays due and goes as soon as there is one.
                self._wake.wait(NO_FRAME_RETRY_S)
                self._wake.clear()
                continue
            with self._lock:
                pacer.advance(self._clock())
            try:
                self._send(frame, encoder, skip)
            except Exception:
                log.exception("A video frame could not be encoded or handed over")

    def _send(self, frame: Frame, encoder: JpegEncoder, skip: bool) -> None:
        started = time.perf_counter()
        small = encoder.shrink(frame.image)
        if skip:
            thumb = thumbnail(small)
            with self._lock:
                unchanged = not self._changes.changed(thumb)
                if not unchanged:
                    self._changes.mark_sent(thumb)
            if unchanged:
                self.frames_skipped += 1
                return
        jpeg = encoder.encode(small)
        self.encode_ms.append((time.perf_counter() - started) * 1000)
        del self.encode_ms[:-100]
        if self._stopping.is_set():
            return  # turned off while encoding: nothing more goes out
        self._deliver(jpeg)
        self.frames_sent += 1
        self.last_size = (int(small.shape[1]), int(small.shape[0]))


# ------------------------------------------------------------------------------- composition
def open_source(
    settings: VideoSettings, on_error: ErrorCallback | None = None
) -> FrameSource | None:
    """The source ``settings`` choose (not started), or None when video is off."""
    if settings.source == "camera":
        return CameraSource(settings.camera_index, settings.camera_name, on_error=on_error)
    if settings.source == "screen":
        return ScreenSource(settings.screen_monitor, settings.screen_region, on_error=on_error)
    if settings.source == "file" and settings.file_path:
        return FileSource(settings.file_path, on_error=on_error)
    return None


def _source_key(settings: VideoSettings) -> tuple[object, ...]:
    return (
        settings.source,
        settings.camera_name,
        settings.camera_index,
        settings.screen_monitor,
        settings.screen_region,
        settings.file_path,
    )


class VideoInput:
    """The app's video: the chosen source (always previewed) and the sender (while connected).

    Methods are called from the owning (Qt main) thread; the source and the sender run on their
    own threads. ``on_error`` is called on the capture thread.
    """

    def __init__(
        self,
        settings: VideoSettings,
        deliver: Deliver,
        *,
        on_error: ErrorCallback | None = None,
        source_factory: Callable[
            [VideoSettings, ErrorCallback | None], FrameSource | None
        ] = open_source,
    ) -> None:
        self._on_error = on_error
        self._factory = source_factory
        self._sender = VideoSender(
            deliver,
            send_fps=settings.send_fps,
            max_side=settings.max_side,
            quality=settings.jpeg_quality,
            skip_unchanged=settings.skip_unchanged,
        )
        self._source: FrameSource | None = None
        self._kind = "off"
        self._key: tuple[object, ...] | None = None
        self._setup_error: VideoSourceError | None = None
        self._want_sending = False
        self.apply(settings)

    @property
    def source(self) -> FrameSource | None:
        return self._source

    @property
    def sender(self) -> VideoSender:
        return self._sender

    def apply(self, settings: VideoSettings) -> None:
        """Use ``settings`` now: a new source if the choice changed, new send parameters."""
        self._sender.configure(
            send_fps=settings.send_fps,
            max_side=settings.max_side,
            quality=settings.jpeg_quality,
            skip_unchanged=settings.skip_unchanged,
        )
        key = _source_key(settings)
        if key == self._key:
            return
        self._key = key
        old, self._source = self._source, None
        self._sender.set_source(None)  # nothing from the old source goes out from now on
        if old is not None:
            old.stop()
        self._kind = settings.source
        self._setup_error = None
        if settings.source == "file" and not settings.file_path:
            self._setup_error = VideoSourceError(
                "file", VideoErrorKind.MISSING, "Choose a video file to share."
            )
        source = self._factory(settings, self._on_error)
        self._source = source
        if source is not None:
            source.start()
            self._sender.set_source(source)
        self._update_sending()

    def set_sending(self, sending: bool) -> None:
        """Send frames (the session is connected) or stop sending (it is not)."""
        self._want_sending = sending
        self._update_sending()

    def _update_sending(self) -> None:
        if self._want_sending and self._source is not None:
            self._sender.start()
        else:
            self._sender.stop()

    def latest_frame(self) -> Frame | None:
        source = self._source
        return source.latest() if source is not None else None

    def status(self) -> VideoStatus:
        source = self._source
        sender = self._sender
        error = self._setup_error or (source.error if source is not None else None)
        return VideoStatus(
            source=self._kind,
            label=source.label if source is not None else "",
            sending=sender.sending and error is None,
            send_fps=sender.send_fps,
            frames_sent=sender.frames_sent,
            frames_skipped=sender.frames_skipped,
            skip_unchanged=sender.skip_unchanged,
            last_size=sender.last_size,
            error=error,
        )

    def close(self) -> None:
        """Stop sending and capturing; joins both threads."""
        self._sender.stop()
        self._sender.set_source(None)
        source, self._source = self._source, None
        if source is not None:
            source.stop()
