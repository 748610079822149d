"""Audio meters: a scrolling peak waveform, a level bar and a speaking dot, for mic and speaker.

A meter reads a :class:`~live_desktop.core.audio.levels.LevelMeter` (lock-free ``latest``, a
decimated peak ``history``) when its owner's 30 Hz timer calls :meth:`MeterWidget.tick`; the audio
threads never call Qt. A tick that finds nothing new (no new history point, same level, same
speaking state) does not repaint, so an idle window costs next to nothing. A meter whose levels
stopped arriving (a stream closed) scrolls silence in and reads as silent.

The waveform is drawn from a numpy mask into one QImage per paint: one column per pixel, each
the peak of a whole number of history points counted from the start of the stream, so a column
keeps its value while it scrolls instead of shimmering.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QEvent, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from live_desktop.ui.theme import ThemeColors, colors_for

if TYPE_CHECKING:  # the window opens without loading the audio package (soxr and friends)
    from live_desktop.core.audio.levels import LevelMeter

FLOOR_DB = -60.0
"""What the meter shows as empty: quieter than any room."""
HOT_DB = -12.0
CLIP_DB = -3.0
SECONDS_SHOWN = 5.0
"""At least this much history is shown (a whole number of points per pixel column)."""
STALE_S = 0.25
"""Levels older than this mean the stream stopped: show silence, not the last block for ever."""
WAVE_HEIGHT = 34
BAR_HEIGHT = 6
GAP = 3


def _never() -> bool:
    return False


@dataclass(frozen=True, slots=True)
class MeterFeed:
    """What a meter reads on each tick: levels, and whether someone is speaking now.

    ``speaking`` is called on the Qt main thread; it must only read (the engine's
    ``speech.in_speech`` or ``playback.speaking``, plain attributes the audio threads write).
    """

    levels: LevelMeter
    speaking: Callable[[], bool] = _never


def fraction(dbfs: float) -> float:
    """Position of ``dbfs`` on the meter: 0 at :data:`FLOOR_DB` and below, 1 at 0 dBFS."""
    return min(1.0, max(0.0, (dbfs - FLOOR_DB) / -FLOOR_DB))


def _argb(color: str) -> int:
    return int(QColor(color).rgba()) & 0xFFFFFFFF


class MeterWidget(QWidget):
    """One meter: title row with a speaking dot, scrolling waveform, level bar.

    Lives on the Qt main thread; ``tick`` is called by the owner's timer.
    """

    def __init__(
        self,
        title: str,
        *,
        kind: str = "mic",
        speaking_text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.title = title
        self.kind = kind
        self.speaking_text = speaking_text or self.tr("Speaking")
        self.setAccessibleName(title)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)
        self._feed: MeterFeed | None = None
        self._key: tuple[object, ...] | None = None
        self.status = ""  # replaces the level text ("Muted", "No microphone")
        self.dimmed = False
        # What the latest tick found; painted by paintEvent, read by tests.
        self.columns: npt.NDArray[np.float32] = np.zeros(0, np.float32)
        self.column_db: npt.NDArray[np.float32] = np.zeros(0, np.float32)
        self.level_dbfs = FLOOR_DB
        self.speaking = False
        self.points_per_column = 1
        self.paints = 0
        self.skipped_ticks = 0

    # ------------------------------------------------------------------ API
    def attach(self, feed: MeterFeed | None) -> None:
        self._feed = feed
        self._key = None
        self.tick()

    @property
    def feed(self) -> MeterFeed | None:
        return self._feed

    def set_status(self, text: str, *, dimmed: bool = False) -> None:
        """A word instead of the level ("Muted"); ``dimmed`` greys the waveform."""
        if (text, dimmed) != (self.status, self.dimmed):
            self.status, self.dimmed = text, dimmed
            self._key = None
            self.update()

    def wave_rect(self) -> QRect:
        top = self._title_height() + GAP
        return QRect(0, top, self.width(), WAVE_HEIGHT)

    def bar_rect(self) -> QRect:
        wave = self.wave_rect()
        return QRect(0, wave.bottom() + 1 + GAP, self.width(), BAR_HEIGHT)

    def tick(self, now: float | None = None) -> bool:
        """Read the feed; schedule a repaint if anything visible changed. Returns whether it did."""
        width = max(1, self.wave_rect().width())
        feed = self._feed
        if feed is None:
            key: tuple[object, ...] = ("none", width)
            if key == self._key:
                self.skipped_ticks += 1
                return False
            self._key = key
            self.columns = np.zeros(width, np.float32)
            self.column_db = np.full(width, FLOOR_DB, np.float32)
            self.level_dbfs, self.speaking = FLOOR_DB, False
            self.update()
            return True
        levels = feed.levels
        now = time.monotonic() if now is None else now
        latest = levels.latest
        pps = levels.points_per_s
        per_column = max(1, math.ceil(SECONDS_SHOWN * pps / width))
        shown = width * per_column
        age = now - latest.at
        if latest.at <= 0.0:
            stale_points = shown  # nothing measured yet
        elif age > STALE_S:
            stale_points = min(shown + per_column, int(age * pps))
        else:
            stale_points = 0
        live = stale_points == 0
        level = latest.peak_dbfs if live else FLOOR_DB
        speaking = live and bool(feed.speaking())
        virtual = levels.points + stale_points
        key = (virtual // per_column, width, round(level), speaking)
        if key == self._key:
            self.skipped_ticks += 1
            return False
        self._key = key
        partial = virtual % per_column  # points of the newest column, not complete yet
        need = shown + partial
        real = levels.history(max(0, need - stale_points))
        if real.size < need:
            real = np.concatenate((real, np.full(need - real.size, FLOOR_DB, np.float32)))
        peaks = np.maximum(real[: need - partial].reshape(width, per_column).max(axis=1), FLOOR_DB)
        level = max(FLOOR_DB, float(level))
        if (
            speaking == self.speaking
            and round(level) == round(self.level_dbfs)
            and np.array_equal(peaks, self.column_db)
        ):
            # Scrolling silence through a silent meter (a speaker between replies) looks the
            # same every time: not worth a paint.
            self.skipped_ticks += 1
            return False
        self.points_per_column = per_column
        self.column_db = peaks
        self.columns = ((peaks - FLOOR_DB) / -FLOOR_DB).astype(np.float32)
        self.level_dbfs = level
        self.speaking = speaking
        self.update()
        return True

    # ------------------------------------------------------------------ painting
    def sizeHint(self) -> QSize:
        return QSize(260, self._title_height() + GAP + WAVE_HEIGHT + GAP + BAR_HEIGHT)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, self.sizeHint().height())

    def _title_height(self) -> int:
        return self.fontMetrics().height() + 2

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (
            QEvent.Type.PaletteChange,
            QEvent.Type.ApplicationPaletteChange,
            QEvent.Type.FontChange,
        ):
            self._key = None
            self.update()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        colors = colors_for(self.palette())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = self.fontMetrics()
        title_h = self._title_height()

        # Title row: speaking dot, name, level (or status) on the right.
        dot = 8
        dot_rect = QRectF(1, (title_h - dot) / 2, dot, dot)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colors.speaking if self.speaking else colors.idle))
        painter.drawEllipse(dot_rect)
        painter.setPen(self.palette().color(self.foregroundRole()))
        text_rect = QRect(dot + 7, 0, self.width() - dot - 7, title_h)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, self.title)
        if self.speaking and not (self.dimmed and self.status):  # muted: say so, not "speaking"
            right, right_color = self.speaking_text, QColor(colors.speaking)
        elif self.status:
            right, right_color = self.status, QColor(colors.stamp)
        elif self.level_dbfs > FLOOR_DB:
            right, right_color = f"{round(self.level_dbfs)} dB", QColor(colors.stamp)
        else:
            right, right_color = "", QColor(colors.stamp)
        if right:
            title_w = fm.horizontalAdvance(self.title) + dot + 7 + 12
            right_rect = text_rect.adjusted(title_w - text_rect.left(), 0, -2, 0)
            painter.setPen(right_color)
            elided = fm.elidedText(right, Qt.TextElideMode.ElideRight, right_rect.width())
            painter.drawText(
                right_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, elided
            )

        # Waveform: mirrored peak envelope, newest on the right.
        wave = self.wave_rect()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colors.meter_background))
        painter.drawRoundedRect(QRectF(wave), 4, 4)
        columns = self.columns
        if columns.size == wave.width() and wave.height() > 2:
            pixels = self._wave_pixels(columns, wave.height(), colors)
            # The QImage borrows ``pixels``' buffer, which lives until this method returns.
            # Opaque colours and transparent black: the same bytes premultiplied, which is the
            # format the raster engine blends without converting first.
            image = QImage(
                pixels.data,
                pixels.shape[1],
                pixels.shape[0],
                pixels.shape[1] * 4,
                QImage.Format.Format_ARGB32_Premultiplied,
            )
            painter.drawImage(wave.topLeft(), image)

        # Level bar: the latest peak, green / amber / red by how hot it is.
        bar = self.bar_rect()
        painter.setBrush(QColor(colors.meter_background))
        painter.drawRoundedRect(QRectF(bar), 3, 3)
        filled = fraction(self.level_dbfs)
        if filled > 0.0:
            if self.dimmed:
                color = colors.idle
            elif self.level_dbfs >= CLIP_DB:
                color = colors.level_clip
            elif self.level_dbfs >= HOT_DB:
                color = colors.level_hot
            else:
                color = colors.level_ok
            painter.setBrush(QColor(color))
            painter.drawRoundedRect(
                QRectF(bar.x(), bar.y(), max(3.0, bar.width() * filled), bar.height()), 3, 3
            )
        painter.end()
        self.paints += 1

    def _wave_pixels(
        self, columns: npt.NDArray[np.float32], height: int, colors: ThemeColors
    ) -> npt.NDArray[np.uint32]:
        """ARGB pixels of the waveform: a column per pixel, mirrored about the middle."""
        base = (
            colors.idle
            if self.dimmed
            else (colors.mic_wave if self.kind == "mic" else colors.speaker_wave)
        )
        fg = np.uint32(_argb(base))
        clip = np.uint32(_argb(colors.idle if self.dimmed else colors.level_clip))
        half = (height - 2) / 2.0
        heights = columns * half
        ys = np.abs(np.arange(height, dtype=np.float32) - (height - 1) / 2.0)[:, None]
        mask = ys <= heights[None, :] + 0.5
        col_colors = np.where(self.column_db >= CLIP_DB, clip, fg).astype(np.uint32)
        return np.ascontiguousarray(np.where(mask, col_colors[None, :], np.uint32(0)))
