"""Video sources and the sender on real OpenCV and mss: files play and loop, only the newest frame
is kept, a slow consumer gets the newest frame, settings change what is sent, and every failure
becomes an event with a sentence naming its cause.

No camera is needed: camera tests cover what happens without one (and name lookup on a made-up
sysfs). Screen tests run on a private Xvfb server when one is installed.
"""

from __future__ import annotations

import itertools
import os
import select
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest

from live_desktop.core.settings import VideoSettings
from live_desktop.core.video import VideoErrorKind, VideoSourceError
from live_desktop.devices import video as dv
from live_desktop.devices.video import (
    CameraSource,
    FileSource,
    Frame,
    JpegEncoder,
    ScreenSource,
    VideoInput,
    VideoSender,
    camera_backends,
    list_cameras,
    screen_capture_problem,
)
from tests.devices.video_files import decode_jpeg, write_video

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux behaviour")


def wait_for(predicate: Callable[[], object], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.01)


class Errors(list[VideoSourceError]):
    """An error callback that remembers what it was told (called on the capture thread)."""

    def __call__(self, error: VideoSourceError) -> None:
        self.append(error)


def run_until_error(source: dv.FrameSource, errors: Errors) -> VideoSourceError:
    source.start()
    try:
        wait_for(lambda: errors)
    finally:
        source.stop()
    assert len(errors) == 1, "an error is reported once"
    assert source.error is errors[0] and not source.running
    return errors[0]


# --------------------------------------------------------------------------------------- files


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_video(tmp_path_factory.mktemp("video") / "clip.avi", frames=12)


def test_a_file_plays_at_its_own_rate_and_loops(clip: Path) -> None:
    errors = Errors()
    source = FileSource(clip, on_error=errors)
    source.start()
    try:
        started = time.monotonic()
        wait_for(lambda: (f := source.latest()) is not None and f.seq > 12 * 2)  # looped twice
        elapsed = time.monotonic() - started
        frame = source.latest()
    finally:
        source.stop()
    assert frame is not None and frame.image.shape == (480, 640, 3)
    assert frame.image.flags.c_contiguous and frame.image.dtype == np.uint8
    # Paced at the file's 30 fps, not decoded as fast as possible (that would be > 300 fps).
    assert frame.seq <= 30 * elapsed + 10
    assert not errors and source.label == "clip.avi"


def test_a_fast_file_is_shown_at_most_at_30_fps(tmp_path: Path) -> None:
    path = write_video(tmp_path / "fast.avi", 320, 240, fps=120.0, frames=240)
    source = FileSource(path)
    source.start()
    try:
        wait_for(lambda: source.latest() is not None)
        first = source.latest()
        assert first is not None
        time.sleep(1.0)
        last = source.latest()
    finally:
        source.stop()
    assert last is not None
    shown_per_s = (last.seq - first.seq) / (last.timestamp - first.timestamp)
    assert shown_per_s <= 36  # 120 fps decoded, every fourth frame shown


def test_only_the_newest_frame_is_kept_for_a_slow_reader(clip: Path) -> None:
    source = FileSource(clip)
    source.start()
    try:
        wait_for(lambda: source.latest() is not None)
        seen: list[Frame] = []
        for _ in range(3):
            time.sleep(0.3)  # a reader far slower than the source
            frame = source.latest()
            assert frame is not None
            seen.append(frame)
    finally:
        source.stop()
    seqs = [f.seq for f in seen]
    # Each read is newer than the last and skips what the reader was too slow to see.
    assert all(b - a > 1 for a, b in itertools.pairwise(seqs))


def test_published_frames_are_never_overwritten(clip: Path) -> None:
    source = FileSource(clip)
    source.start()
    try:
        wait_for(lambda: source.latest() is not None)
        frame = source.latest()
        assert frame is not None
        kept = frame.image.copy()
        wait_for(lambda: (f := source.latest()) is not None and f.seq > frame.seq + 3)
    finally:
        source.stop()
    # The preview wraps frames without copying, so the source must never reuse a buffer.
    assert np.array_equal(frame.image, kept)


def test_a_still_image_is_shown(tmp_path: Path) -> None:
    path = tmp_path / "still.png"
    cv2.imwrite(str(path), np.full((90, 160, 3), 77, np.uint8))
    source = FileSource(path)
    source.start()
    try:
        wait_for(lambda: source.latest() is not None)
        frame = source.latest()
    finally:
        source.stop()
    assert frame is not None and frame.image.shape == (90, 160, 3) and frame.seq == 1


def test_a_missing_file_is_an_error_event_naming_the_file(tmp_path: Path) -> None:
    errors = Errors()
    error = run_until_error(FileSource(tmp_path / "gone.mp4", on_error=errors), errors)
    assert error.kind is VideoErrorKind.MISSING and error.source == "file"
    assert "gone.mp4" in error.message and "does not exist" in error.message


def test_a_file_that_is_not_a_video_is_an_error_event(tmp_path: Path) -> None:
    path = tmp_path / "notes.mp4"
    path.write_bytes(b"this is not a video\n" * 100)
    errors = Errors()
    error = run_until_error(FileSource(path, on_error=errors), errors)
    assert error.kind is VideoErrorKind.UNREADABLE
    assert "notes.mp4" in error.message and "could not be opened as a video" in error.message


# -------------------------------------------------------------------------------------- camera


def test_each_os_gets_its_own_camera_backend() -> None:
    assert camera_backends("linux") == [cv2.CAP_V4L2]
    assert camera_backends("darwin") == [cv2.CAP_AVFOUNDATION]
    assert camera_backends("win32") == [cv2.CAP_MSMF, cv2.CAP_DSHOW]


def _fake_sysfs(root: Path, nodes: dict[str, tuple[str, int]]) -> Path:
    for node, (name, index) in nodes.items():
        (root / node).mkdir(parents=True)
        (root / node / "name").write_text(name + "\n")
        (root / node / "index").write_text(f"{index}\n")
    return root


@linux_only
def test_cameras_are_listed_by_name_without_metadata_nodes(tmp_path: Path) -> None:
    sysfs = _fake_sysfs(
        tmp_path,
        {
            "video0": ("Integrated Webcam", 0),
            "video1": ("Integrated Webcam", 1),
            "video2": ("USB Camera", 0),
        },
    )
    assert [(c.index, c.name) for c in list_cameras(sysfs)] == [
        (0, "Integrated Webcam"),
        (2, "USB Camera"),
    ]


@linux_only
def test_no_camera_at_the_index_says_which_cameras_exist(tmp_path: Path) -> None:
    sysfs = _fake_sysfs(tmp_path / "sys", {"video2": ("USB Camera", 0)})
    errors = Errors()
    camera = CameraSource(0, on_error=errors, device_dir=tmp_path / "dev", sysfs=sysfs)
    error = run_until_error(camera, errors)
    assert error.kind is VideoErrorKind.MISSING and error.source == "camera"
    assert error.message == (
        "There is no camera number 0. Cameras on this computer: 2 (USB Camera)."
    )


@linux_only
def test_no_camera_at_all_says_so(tmp_path: Path) -> None:
    errors = Errors()
    camera = CameraSource(0, on_error=errors, device_dir=tmp_path, sysfs=tmp_path / "none")
    error = run_until_error(camera, errors)
    assert "No cameras were found on this computer." in error.message


@linux_only
def test_a_camera_that_will_not_open_is_reported_busy_by_its_name(tmp_path: Path) -> None:
    # The device node exists (here: a stand-in file), but nothing answers as a camera there,
    # which is how a camera held by another application looks to V4L2.
    sysfs = _fake_sysfs(tmp_path / "sys", {"video63": ("USB Camera", 0)})
    (tmp_path / "dev").mkdir()
    (tmp_path / "dev" / "video63").write_bytes(b"")
    errors = Errors()
    camera = CameraSource(
        0, "usb camera", on_error=errors, device_dir=tmp_path / "dev", sysfs=sysfs
    )
    error = run_until_error(camera, errors)
    assert camera.label == "USB Camera"  # found by name (any case), not by index 0
    assert error.kind is VideoErrorKind.BUSY
    assert error.message.startswith("The camera USB Camera could not be opened")
    assert "another application" in error.message


@linux_only
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root may open anything")
def test_a_camera_without_permission_says_how_to_get_it(tmp_path: Path) -> None:
    node = tmp_path / "video0"
    node.write_bytes(b"")
    node.chmod(0)
    errors = Errors()
    error = run_until_error(
        CameraSource(0, on_error=errors, device_dir=tmp_path, sysfs=tmp_path / "none"), errors
    )
    assert error.kind is VideoErrorKind.PERMISSION
    assert "permission denied" in error.message and "'video' group" in error.message


# -------------------------------------------------------------------------------------- screen


def test_wayland_without_xwayland_is_named_as_the_cause() -> None:
    problem = screen_capture_problem({"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "w-0"})
    if not sys.platform.startswith("linux"):
        assert problem is None
        return
    assert problem is not None and "Wayland" in problem and "X11" in problem
    assert screen_capture_problem({"XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"}) is None
    assert "no X display" in (screen_capture_problem({}) or "")


@linux_only
def test_screen_capture_under_wayland_is_an_error_event(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.setenv("XDG_SESSION_TYPE", "wayland")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    errors = Errors()
    error = run_until_error(ScreenSource(1, on_error=errors), errors)
    assert error.kind is VideoErrorKind.UNAVAILABLE and error.source == "screen"
    assert "not available under Wayland" in error.message


@pytest.fixture
def xvfb(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A private X server (800x600) as DISPLAY for this test."""
    if not sys.platform.startswith("linux") or shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed")
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "800x600x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        ready, _, _ = select.select([read_fd], [], [], 15)
        if not ready:
            pytest.fail("Xvfb did not start")
        display = ":" + os.read(read_fd, 16).decode().strip()
        monkeypatch.setenv("DISPLAY", display)
        monkeypatch.setenv("XDG_SESSION_TYPE", "x11")
        monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
        yield display
    finally:
        os.close(read_fd)
        proc.terminate()
        proc.wait(10)


def first_frame(source: ScreenSource) -> Frame:
    source.start()
    try:
        wait_for(lambda: source.latest() is not None or source.error is not None)
    finally:
        source.stop()
    assert source.error is None, source.error
    frame = source.latest()
    assert frame is not None
    return frame


def test_a_screen_is_captured_whole_or_as_a_region(xvfb: str) -> None:
    whole = first_frame(ScreenSource(1))
    assert whole.image.shape == (600, 800, 4)  # BGRA, straight from mss without a copy
    region = first_frame(ScreenSource(1, (100, 50, 200, 120)))
    assert region.image.shape == (120, 200, 4)
    clipped = first_frame(ScreenSource(1, (700, 500, 400, 400)))
    assert clipped.image.shape == (100, 100, 4)  # a region past the edge is cut at the edge
    assert decode_jpeg(JpegEncoder()(whole.image)).shape == (576, 768, 3)


def test_a_screen_that_does_not_exist_says_how_many_there_are(xvfb: str) -> None:
    errors = Errors()
    error = run_until_error(ScreenSource(3, on_error=errors), errors)
    assert error.kind is VideoErrorKind.MISSING
    assert error.message.startswith("There is no screen 3: this computer has 1 screen")
    errors = Errors()
    error = run_until_error(ScreenSource(1, (900, 0, 10, 10), on_error=errors), errors)
    assert "lies outside Screen 1 (800x600)" in error.message


# ------------------------------------------------------------------------------------ encoding


@pytest.mark.parametrize(
    ("shape", "max_side", "expected"),
    [
        ((1080, 1920, 3), 768, (432, 768)),
        ((1920, 1080, 3), 768, (768, 432)),  # portrait
        ((481, 641, 3), 768, (481, 641)),  # odd and small: as is
        ((721, 1281, 4), 768, (432, 768)),  # BGRA from the screen
        ((1440, 2560, 3), 1536, (864, 1536)),
    ],
)
def test_encoded_frames_are_valid_jpeg_at_the_size_to_send(shape, max_side, expected) -> None:
    rng = np.random.default_rng(0)
    image = rng.integers(0, 256, size=shape, dtype=np.uint8)
    data = JpegEncoder(max_side, 85)(image)
    assert decode_jpeg(data).shape[:2] == expected


def test_jpeg_quality_trades_size_for_detail() -> None:
    path_image = np.random.default_rng(1).integers(0, 256, size=(480, 640, 3), dtype=np.uint8)
    low, high = JpegEncoder(768, 10)(path_image), JpegEncoder(768, 100)(path_image)
    assert len(low) * 3 < len(high)
    for quality in (9, 101):
        with pytest.raises(ValueError):
            JpegEncoder(768, quality)


# -------------------------------------------------------------------------------------- sender


class ManualSource:
    """A test double for FrameSource: frames appear only when the test publishes them."""

    kind = "file"
    label = "manual"
    running = True
    error = None

    def __init__(self, size: tuple[int, int] = (160, 120)) -> None:
        self.size = size
        self.seq = 0
        self._latest: Frame | None = None

    def publish(self, grey: int) -> None:
        self.seq += 1
        width, height = self.size
        image = np.full((height, width, 3), grey, np.uint8)
        self._latest = Frame(image, self.seq, time.monotonic())

    def latest(self) -> Frame | None:
        return self._latest

    def start(self) -> None:
        pass

    def stop(self, timeout: float = 3.0) -> None:
        pass


class Sink:
    """A ``deliver`` callback that decodes what it gets; it can be made to hang (a slow
    consumer) until released."""

    def __init__(self) -> None:
        self.frames: list[np.ndarray] = []
        self.open = threading.Event()
        self.open.set()

    def __call__(self, jpeg: bytes) -> None:
        self.frames.append(decode_jpeg(jpeg))
        self.open.wait(10)

    def greys(self) -> list[int]:
        return [round(float(f.mean())) for f in self.frames]


@pytest.fixture
def sender_parts() -> Iterator[tuple[ManualSource, Sink, VideoSender]]:
    source, sink = ManualSource(), Sink()
    sender = VideoSender(sink, send_fps=2.0)
    sender.set_source(source)
    yield source, sink, sender
    sink.open.set()
    sender.stop()


def test_a_slow_consumer_gets_the_newest_frame_not_a_backlog(sender_parts) -> None:
    source, sink, sender = sender_parts
    sink.open.clear()  # the consumer hangs on the first frame
    source.publish(20)
    sender.start()
    wait_for(lambda: len(sink.frames) == 1)
    for grey in range(40, 200, 20):  # eight frames while the consumer is stuck
        source.publish(grey)
    sink.open.set()
    wait_for(lambda: len(sink.frames) >= 2)
    sender.stop()
    greys = sink.greys()
    assert greys[:2] == [20, 180]  # the frames in between were never sent
    assert len(greys) <= 3


def test_switching_source_takes_effect_within_one_frame(sender_parts) -> None:
    source, sink, sender = sender_parts
    source.publish(50)
    sender.start()
    wait_for(lambda: len(sink.frames) >= 1)
    other = ManualSource()
    other.publish(200)
    sender.set_source(other)
    switched_at = len(sink.frames)
    wait_for(lambda: len(sink.frames) >= switched_at + 2)
    sender.stop()
    after = sink.greys()[switched_at:]
    assert after[1:] == [200] * (len(after) - 1)  # at most the frame in flight was the old one


def test_turning_sending_off_stops_at_once(sender_parts) -> None:
    source, sink, sender = sender_parts
    source.publish(90)
    sender.start()
    wait_for(lambda: len(sink.frames) >= 1)
    sender.stop()
    count = len(sink.frames)
    time.sleep(0.6)  # more than a period at 2 fps
    assert len(sink.frames) == count and not sender.sending


def test_a_source_without_frames_yet_sends_its_first_frame_when_it_comes(sender_parts) -> None:
    source, sink, sender = sender_parts
    sender.start()
    time.sleep(0.2)
    assert not sink.frames
    source.publish(120)
    wait_for(lambda: sink.frames)
    assert sink.greys() == [120]


def test_new_size_and_quality_apply_to_the_next_frame(sender_parts) -> None:
    source, sink, sender = sender_parts
    source.size = (1600, 900)
    source.publish(60)
    sender.start()
    wait_for(lambda: sink.frames)
    assert sink.frames[0].shape[:2] == (432, 768)
    sender.configure(max_side=320, quality=30)
    count = len(sink.frames)
    wait_for(lambda: len(sink.frames) >= count + 2)
    assert sink.frames[-1].shape[:2] == (180, 320)
    assert sender.last_size == (320, 180)


def test_unchanged_frames_are_skipped_and_counted(sender_parts) -> None:
    source, sink, sender = sender_parts
    sender.configure(skip_unchanged=True)
    source.publish(100)
    sender.start()
    wait_for(lambda: sender.frames_skipped >= 2)
    assert len(sink.frames) == 1 and sender.frames_sent == 1
    source.publish(160)  # the picture changed
    wait_for(lambda: len(sink.frames) == 2)
    assert sink.greys() == [100, 160]


# ---------------------------------------------------------------------------------- video input


def test_video_input_previews_sends_while_connected_and_turns_off(clip: Path) -> None:
    sink = Sink()
    settings = VideoSettings(source="file", file_path=str(clip), send_fps=2.0)
    video = VideoInput(settings, sink)
    try:
        wait_for(lambda: video.latest_frame() is not None)
        time.sleep(0.3)
        assert not sink.frames and not video.status().sending  # preview only: not connected
        video.set_sending(True)
        wait_for(lambda: len(sink.frames) >= 2)
        status = video.status()
        assert status.sending and status.source == "file" and status.label == "clip.avi"
        assert status.indicator.startswith("Sending 2 frames/s · ")
        video.apply(VideoSettings(source="off"))
        count = len(sink.frames)
        assert video.latest_frame() is None and not video.status().sending
        assert not [t for t in threading.enumerate() if t.name.startswith("live-desktop-video")]
        time.sleep(0.6)
        assert len(sink.frames) == count
    finally:
        video.close()


def test_video_input_reports_a_source_error_and_keeps_going(tmp_path: Path) -> None:
    errors = Errors()
    settings = VideoSettings(source="file", file_path=str(tmp_path / "missing.avi"))
    video = VideoInput(settings, lambda _jpeg: None, on_error=errors)
    try:
        video.set_sending(True)
        wait_for(lambda: errors)
        status = video.status()
        assert status.error is errors[0] and not status.sending
        assert "missing.avi" in status.error.message
        video.apply(VideoSettings(source="file"))  # file chosen, no path yet
        assert video.status().error is not None
        assert video.status().error.message == "Choose a video file to share."
    finally:
        video.close()
