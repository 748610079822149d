"""VideoPreviewWidget: the newest video frame, whether frames are being sent, and why video stopped.

The widget polls its feed on a QTimer (30 Hz at most) instead of taking a Qt signal per frame from
the capture thread: a frame that arrives between two ticks is simply never painted, and the
capture thread never waits on the UI. Frames are wrapped as QImages without copying the pixels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from live_desktop.core.video import PREVIEW_MAX_FPS, VideoStatus
from live_desktop.ui.theme import colors_for

if TYPE_CHECKING:  # the window opens without importing OpenCV
    from live_desktop.devices.video import Frame

SOURCES = (("off", "Off"), ("camera", "Camera"), ("screen", "Screen"), ("file", "File"))
BACKGROUND = QColor("#202124")

_WAITING = {
    "camera": "Starting the camera…",
    "screen": "Starting screen capture…",
    "file": "Opening the video file…",
}


class VideoFeed(Protocol):
    """What the preview reads; ``VideoInput`` in the app. Called on the Qt main thread."""

    def latest_frame(self) -> Frame | None: ...

    def status(self) -> VideoStatus: ...


def frame_to_qimage(frame: Frame) -> QImage:
    """A QImage over the frame's own pixels, no copy: keep ``frame`` alive while it is used."""
    image = frame.image
    height, width = image.shape[:2]
    channels = image.shape[2] if image.ndim == 3 else 1
    if channels == 4:
        # BGRA bytes are a little-endian 0xAARRGGBB; RGB32 ignores the alpha mss leaves at 0.
        fmt = QImage.Format.Format_RGB32
    elif channels == 3:
        fmt = QImage.Format.Format_BGR888
    else:
        fmt = QImage.Format.Format_Grayscale8
    return QImage(image.data, width, height, image.strides[0], fmt)


def fit_rect(width: int, height: int, area: QRect) -> QRect:
    """The largest rectangle of ``width``:``height`` inside ``area``, centred."""
    if width <= 0 or height <= 0 or area.isEmpty():
        return QRect()
    scale = min(area.width() / width, area.height() / height)
    w, h = max(1, round(width * scale)), max(1, round(height * scale))
    return QRect(area.x() + (area.width() - w) // 2, area.y() + (area.height() - h) // 2, w, h)


class FrameViewWidget(QWidget):
    """Paints one image scaled to fit (aspect ratio kept, dark bars), or a placeholder sentence."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(192, 108)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._image: QImage | None = None
        self._frame: Frame | None = None  # owns the pixels the QImage points at
        self.placeholder = ""

    def sizeHint(self) -> QSize:
        return QSize(320, 180)

    def show_frame(self, frame: Frame | None, placeholder: str = "") -> None:
        self._frame = frame
        self._image = frame_to_qimage(frame) if frame is not None else None
        self.placeholder = placeholder
        self.update()

    @property
    def image(self) -> QImage | None:
        return self._image

    @property
    def frame(self) -> Frame | None:
        return self._frame

    def image_rect(self) -> QRect:
        if self._image is None:
            return QRect()
        return fit_rect(self._image.width(), self._image.height(), self.rect())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), BACKGROUND)
        if self._image is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(self.image_rect(), self._image)
        elif self.placeholder:
            painter.setPen(QColor("#bdc1c6"))
            painter.drawText(
                self.rect().adjusted(12, 12, -12, -12),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.placeholder,
            )
        painter.end()


class VideoPreviewWidget(QWidget):
    """The video panel: source selector, preview, sending indicator, error and notes.

    Lives on the Qt main thread; reads its feed on a timer, never from the capture threads.
    """

    source_selected = Signal(str)  # "off", "camera", "screen" or "file", chosen by the user

    def __init__(self, parent: QWidget | None = None, *, refresh_hz: float = PREVIEW_MAX_FPS):
        super().__init__(parent)
        self.setObjectName("videoPreview")
        self._feed: VideoFeed | None = None
        self._status: VideoStatus | None = None
        self.frames_shown = 0

        header = QHBoxLayout()
        title = QLabel(self.tr("Video"), self)
        self.source_combo = QComboBox(self)
        self.source_combo.setAccessibleName(self.tr("Video source"))
        for key, text in SOURCES:
            self.source_combo.addItem(self.tr(text), key)
        self.source_combo.currentIndexChanged.connect(self._on_source_combo_changed)
        header.addWidget(title)
        header.addWidget(self.source_combo, 1)

        self.view = FrameViewWidget(self)
        self.view.setAccessibleName(self.tr("Video preview"))
        self.indicator = QLabel(self)
        self.indicator.setAccessibleName(self.tr("Video sending"))
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.note_label = QLabel(self)
        self.note_label.setWordWrap(True)
        self.note_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.view)
        layout.addWidget(self.indicator)
        layout.addWidget(self.error_label)
        layout.addWidget(self.note_label)
        layout.addStretch(1)
        self.setMaximumWidth(380)

        self._sending = False
        self._note_warning = False
        self._apply_colors()

        self._timer = QTimer(self)
        self._timer.setInterval(max(1, round(1000 / min(refresh_hz, PREVIEW_MAX_FPS))))
        self._timer.timeout.connect(self.refresh)
        self.refresh()

    # ------------------------------------------------------------------ API
    def attach(self, feed: VideoFeed | None) -> None:
        """Show ``feed`` from now on (None: nothing to show)."""
        self._feed = feed
        self._status = None
        if feed is None:
            self._timer.stop()
        else:
            self._timer.start()
        self.refresh()

    def set_source_choice(self, source: str) -> None:
        """Show ``source`` as chosen without emitting ``source_selected``."""
        index = self.source_combo.findData(source)
        if index >= 0:
            self.source_combo.blockSignals(True)
            self.source_combo.setCurrentIndex(index)
            self.source_combo.blockSignals(False)

    def set_note(self, text: str | None, *, warning: bool = False) -> None:
        """A sentence under the preview (why context compression is on, say)."""
        self.note_label.setText(text or "")
        self._note_warning = warning
        self._apply_colors()
        self.note_label.setVisible(bool(text))

    # ------------------------------------------------------------------ polling
    def refresh(self) -> None:
        """Paint the newest frame if it is new, and update the labels if the status changed."""
        feed = self._feed
        status = feed.status() if feed is not None else VideoStatus()
        frame = feed.latest_frame() if feed is not None else None
        if frame is not None and status.error is None:
            if frame is not self.view.frame:
                self.view.show_frame(frame)
                self.frames_shown += 1
        elif self.view.image is not None or self.view.placeholder != self._placeholder(status):
            self.view.show_frame(None, self._placeholder(status))
        if status != self._status:
            self._status = status
            self._show_status(status)

    def _placeholder(self, status: VideoStatus) -> str:
        if status.source == "off":
            return self.tr("Video is off. Choose a camera, a screen or a file to show Gemini.")
        if status.error is not None:
            return self.tr("No video")
        return self.tr(_WAITING.get(status.source, "Waiting for the first frame…"))

    def _show_status(self, status: VideoStatus) -> None:
        self.set_source_choice(status.source)
        self._sending = status.sending
        if status.sending:
            self.indicator.setText("● " + self._indicator_text(status))
        elif status.source != "off" and status.error is None:
            self.indicator.setText(self.tr("Preview only: frames are sent while connected"))
        else:
            self.indicator.setText("")
        self._apply_colors()
        self.indicator.setVisible(bool(self.indicator.text()))
        error = status.error.message if status.error is not None else ""
        self.error_label.setText(error)
        self.error_label.setVisible(bool(error))

    def _indicator_text(self, status: VideoStatus) -> str:
        """What ``VideoStatus.indicator`` says in English, in the interface's language."""
        fps = status.send_fps
        if fps >= 1.0:
            count = f"{fps:g}"
            rate = (
                self.tr("1 frame/s")
                if count == "1"
                else self.tr("{count} frames/s").format(count=count)
            )
        else:
            rate = self.tr("1 frame every {seconds} s").format(seconds=f"{1.0 / fps:g}")
        parts = [
            self.tr("Sending {rate}").format(rate=rate),
            self.tr("{count} sent").format(count=status.frames_sent),
        ]
        if status.skip_unchanged:
            parts.append(self.tr("{count} unchanged skipped").format(count=status.frames_skipped))
        return " · ".join(parts)

    # ------------------------------------------------------------------ theme
    def changeEvent(self, event: QEvent) -> None:
        # The theme can change at any time (View menu); the label colours follow the palette.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_colors()
        super().changeEvent(event)

    def _apply_colors(self) -> None:
        colors = colors_for(self.palette())
        self.error_label.setStyleSheet(f"color: {colors.notice};")
        self.note_label.setStyleSheet(
            f"color: {colors.interrupted};" if self._note_warning else "color: palette(mid);"
        )
        self.indicator.setStyleSheet(
            f"color: {colors.level_clip}; font-weight: bold;"
            if self._sending
            else "color: palette(mid);"
        )

    def _on_source_combo_changed(self, index: int) -> None:
        self.source_selected.emit(str(self.source_combo.itemData(index)))
