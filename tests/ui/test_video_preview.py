"""The video panel as a person sees it: the picture (aspect ratio kept, no pixel copies), the
sending indicator with its counts, error sentences, the compression note, the source selector,
and the offline loopback conversation in which the emulator says how many frames it received."""

from __future__ import annotations

import asyncio
import os
import re
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from live_desktop.app import wire_video
from live_desktop.core.session import SessionController
from live_desktop.core.settings import Settings
from live_desktop.core.video import (
    VIDEO_NEEDS_COMPRESSION,
    VIDEO_USES_COMPRESSION,
    VideoErrorKind,
    VideoSourceError,
    VideoStatus,
)
from live_desktop.devices.video import Frame
from live_desktop.emulator import Emulator
from live_desktop.ui.conversation import ConversationViewModel
from live_desktop.ui.main_window import MainWindow
from live_desktop.ui.video_preview import BACKGROUND, VideoPreviewWidget, fit_rect
from tests.devices.video_files import write_video


def solid(width: int, height: int, bgr: tuple[int, ...], seq: int = 1) -> Frame:
    image = np.empty((height, width, len(bgr)), np.uint8)
    image[...] = bgr
    return Frame(image, seq, time.monotonic())


class FakeFeed:
    """A test double for VideoInput: the frame and status the test sets."""

    def __init__(self, frame: Frame | None = None, status: VideoStatus | None = None) -> None:
        self.frame = frame
        self.status_value = status or VideoStatus(source="camera")

    def latest_frame(self) -> Frame | None:
        return self.frame

    def status(self) -> VideoStatus:
        return self.status_value


@pytest.fixture
def preview(qapp: QApplication) -> VideoPreviewWidget:
    widget = VideoPreviewWidget()
    widget.resize(360, 320)
    widget.show()
    return widget


def address(buffer: object) -> int:
    return int(np.frombuffer(buffer, np.uint8).ctypes.data)  # type: ignore[call-overload]


def test_video_off_shows_a_placeholder_and_no_indicator(preview: VideoPreviewWidget) -> None:
    preview.attach(FakeFeed(status=VideoStatus(source="off")))
    assert preview.view.image is None
    assert preview.view.placeholder.startswith("Video is off")
    assert not preview.indicator.isVisible() and not preview.error_label.isVisible()
    assert preview.source_combo.currentData() == "off"


@pytest.mark.parametrize("channels", [(0, 0, 255), (0, 0, 255, 0)])  # BGR camera, BGRA screen
def test_frames_are_painted_from_their_own_pixels(
    preview: VideoPreviewWidget, channels: tuple[int, ...]
) -> None:
    frame = solid(160, 90, channels)
    preview.attach(FakeFeed(frame))
    image = preview.view.image
    assert image is not None and (image.width(), image.height()) == (160, 90)
    assert address(image.constBits()) == frame.image.ctypes.data  # no copy
    assert image.pixelColor(5, 5) == QColor(255, 0, 0)  # red, whatever the channel order
    assert preview.frames_shown == 1
    preview.refresh()
    assert preview.frames_shown == 1  # the same frame is not painted again


def test_the_picture_keeps_its_aspect_ratio(preview: VideoPreviewWidget) -> None:
    preview.attach(FakeFeed(solid(160, 90, (0, 255, 0))))
    preview.view.setFixedSize(400, 400)
    QApplication.processEvents()
    assert preview.view.image_rect() == QRect(0, 87, 400, 225)
    shot = preview.view.grab().toImage()
    assert shot.pixelColor(200, 200) == QColor(0, 255, 0)
    assert shot.pixelColor(200, 20) == BACKGROUND  # bars above and below, not a stretch
    assert shot.pixelColor(200, 380) == BACKGROUND


def test_fit_rect_handles_portrait_and_odd_sizes() -> None:
    assert fit_rect(90, 160, QRect(0, 0, 400, 400)) == QRect(87, 0, 225, 400)
    assert fit_rect(641, 481, QRect(10, 10, 320, 240)) == QRect(10, 10, 320, 240)
    assert fit_rect(0, 10, QRect(0, 0, 10, 10)).isEmpty()


def test_the_indicator_shows_rate_and_counts_while_sending(preview: VideoPreviewWidget) -> None:
    feed = FakeFeed(solid(64, 36, (9, 9, 9)), VideoStatus(source="camera"))
    preview.attach(feed)
    assert preview.indicator.text() == "Preview only: frames are sent while connected"
    feed.status_value = VideoStatus(source="camera", sending=True, frames_sent=3)
    preview.refresh()
    assert preview.indicator.text() == "● Sending 1 frame/s · 3 sent"
    feed.status_value = VideoStatus(
        source="screen", sending=True, frames_sent=5, frames_skipped=8, skip_unchanged=True
    )
    preview.refresh()
    assert preview.indicator.text() == "● Sending 1 frame/s · 5 sent · 8 unchanged skipped"
    assert preview.source_combo.currentData() == "screen"


def test_a_source_error_is_shown_as_its_sentence(preview: VideoPreviewWidget) -> None:
    error = VideoSourceError(
        "camera", VideoErrorKind.BUSY, "The camera could not be opened: it is in use."
    )
    preview.attach(FakeFeed(solid(64, 36, (1, 2, 3)), VideoStatus(source="camera", error=error)))
    assert preview.error_label.isVisible()
    assert preview.error_label.text() == error.message
    assert preview.view.image is None and preview.view.placeholder == "No video"
    assert not preview.indicator.isVisible()


def test_the_selector_reports_only_what_the_user_chose(preview: VideoPreviewWidget) -> None:
    chosen: list[str] = []
    preview.source_selected.connect(chosen.append)
    preview.set_source_choice("camera")  # the app showing its state
    assert chosen == [] and preview.source_combo.currentData() == "camera"
    preview.source_combo.setCurrentIndex(preview.source_combo.findData("screen"))  # the user
    assert chosen == ["screen"]


def test_the_preview_polls_at_most_30_times_a_second(qapp: QApplication) -> None:
    assert VideoPreviewWidget(refresh_hz=120)._timer.interval() >= 33


# ------------------------------------------------------------------ offline loopback window


async def pump_until(predicate: Callable[[], object], timeout: float = 20.0) -> None:
    """Let Qt timers run (the test loop is plain asyncio) until ``predicate`` holds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        QApplication.processEvents()
        await asyncio.sleep(0.02)


class VideoWindow:
    def __init__(self, emulator: Emulator, settings: Settings) -> None:
        controller = SessionController(
            settings,
            api_key="test-key",
            base_url=emulator.base_url,
            ca_cert=emulator.client_ssl_context(),
        )
        self.window = MainWindow(
            ConversationViewModel(controller), endpoint_label="Offline loopback", offline=True
        )
        self.window.show()
        self.video = wire_video(self.window, controller, settings)

    async def close(self) -> None:
        await self.window.conversation.shutdown()
        self.video.close()
        self.window.close()


@pytest.fixture
async def video_window(
    qapp: QApplication, emulator: Emulator, tmp_path: Path
) -> AsyncIterator[VideoWindow]:
    settings = Settings()
    settings.video.source = "file"
    settings.video.file_path = str(write_video(tmp_path / "clip.avi", 320, 240, frames=30))
    parts = VideoWindow(emulator, settings)
    yield parts
    await parts.close()


async def test_offline_conversation_shows_the_preview_and_the_reply_counts_frames(
    video_window: VideoWindow, emulator: Emulator, qtbot: object
) -> None:
    window = video_window.window
    preview = window.video_preview
    await pump_until(lambda: preview.frames_shown >= 5)  # preview before connecting
    assert preview.indicator.text() == "Preview only: frames are sent while connected"
    assert preview.note_label.text() == VIDEO_USES_COMPRESSION

    window.connect_button.click()
    await pump_until(lambda: window.state_label.text() == "Connected")
    await pump_until(lambda: emulator.connections and emulator.connections[0].video_frames >= 2)
    await pump_until(lambda: preview.indicator.text().startswith("● Sending 1 frame/s · "))

    window.text_input.setText("what do you see")
    qtbot.keyClick(window.text_input, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    text = window.transcript_view.toPlainText
    await pump_until(lambda: re.search(r"received \d+ video frames? since the last turn", text()))
    match = re.search(r"received (\d+) video frames? since the last turn, latest 320x240", text())
    assert match is not None and int(match.group(1)) >= 2

    # Video off from the selector: the preview says so and sending stops.
    preview.source_combo.setCurrentIndex(preview.source_combo.findData("off"))
    await pump_until(lambda: preview.view.placeholder.startswith("Video is off"))
    assert not preview.indicator.isVisible() and not preview.note_label.isVisible()
    assert window.state_label.text() == "Connected"  # the conversation goes on


async def test_video_without_compression_is_explained_in_the_window(
    qapp: QApplication, emulator: Emulator, tmp_path: Path
) -> None:
    settings = Settings()
    settings.session.context_compression = False
    settings.video.source = "file"
    settings.video.file_path = str(tmp_path / "not-there.avi")
    parts = VideoWindow(emulator, settings)
    try:
        preview = parts.window.video_preview
        assert preview.note_label.text() == VIDEO_NEEDS_COMPRESSION
        await pump_until(lambda: preview.error_label.isVisible())
        assert "not-there.avi" in preview.error_label.text()
    finally:
        await parts.close()


def test_the_panel_colours_follow_the_theme(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from live_desktop.ui.theme import DARK, LIGHT, apply_theme
    from live_desktop.ui.video_preview import VideoPreviewWidget

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    panel = VideoPreviewWidget()
    qtbot.addWidget(panel)
    try:
        apply_theme(app, "dark")
        app.processEvents()
        panel.set_note("compression is on", warning=True)
        assert DARK.notice in panel.error_label.styleSheet()
        assert DARK.interrupted in panel.note_label.styleSheet()
        apply_theme(app, "light")
        app.processEvents()
        assert LIGHT.notice in panel.error_label.styleSheet()
        assert LIGHT.interrupted in panel.note_label.styleSheet()
    finally:
        apply_theme(app, "system")


def test_the_sending_indicator_says_what_core_says_in_the_interface_language(qtbot) -> None:  # type: ignore[no-untyped-def]
    # The indicator is built in the UI (so it can be translated) from core's fields; in
    # English it must read exactly as core's own text.
    from live_desktop.core.video import VideoStatus
    from live_desktop.ui.video_preview import VideoPreviewWidget

    panel = VideoPreviewWidget()
    qtbot.addWidget(panel)
    for status in (
        VideoStatus(source="file", sending=True, send_fps=1.0, frames_sent=12),
        VideoStatus(source="file", sending=True, send_fps=2.0, frames_sent=3),
        VideoStatus(source="file", sending=True, send_fps=0.2, frames_sent=0),
        VideoStatus(
            source="screen", sending=True, frames_sent=5, frames_skipped=2, skip_unchanged=True
        ),
    ):
        assert panel._indicator_text(status) == status.indicator
