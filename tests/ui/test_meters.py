"""The meters as a person sees them: a waveform that scrolls left, a bar that follows the level,
a dot that lights while someone speaks, and silence when the audio stops."""

from __future__ import annotations

import os

import numpy as np
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QColor

from live_desktop.core.audio.levels import LevelMeter
from live_desktop.ui.meters import FLOOR_DB, MeterFeed, MeterWidget
from live_desktop.ui.theme import LIGHT
from live_desktop.ui.voice_controls import VoiceControls

RATE = 16000
BLOCK = 160  # 10 ms


def feed_blocks(levels: LevelMeter, amplitude: float, seconds: float, start: float) -> float:
    """Sine blocks of ``amplitude`` (0..1) for ``seconds``, stamped from ``start``."""
    n = round(seconds * 100)
    t = np.arange(BLOCK) / RATE
    block = (np.sin(2 * np.pi * 440 * t) * amplitude * 32767).astype(np.int16)
    for i in range(n):
        levels.update(block, at=start + (i + 1) * 0.01)
    return start + n * 0.01


@pytest.fixture
def meter(qtbot: object) -> MeterWidget:
    widget = MeterWidget("Microphone", kind="mic")
    widget.resize(300, widget.sizeHint().height())
    qtbot.addWidget(widget)  # type: ignore[attr-defined]
    widget.show()
    return widget


def loud_columns(widget: MeterWidget) -> np.ndarray:
    return np.flatnonzero(widget.columns > 0.5)


def test_the_waveform_scrolls_left_and_the_newest_sound_is_on_the_right(
    meter: MeterWidget,
) -> None:
    levels = LevelMeter(RATE)
    speaking = {"now": False}
    meter.attach(MeterFeed(levels, lambda: speaking["now"]))
    end = feed_blocks(levels, 0.0, 2.0, 0.0)  # silence
    end = feed_blocks(levels, 0.5, 1.0, end)  # one second of loud sound, just now
    assert meter.tick(now=end)
    width = meter.wave_rect().width()
    assert meter.columns.size == width
    loud = loud_columns(meter)
    assert loud.size > 0 and loud.max() >= width - 2  # it reaches the right edge
    assert meter.level_dbfs == pytest.approx(-6.0, abs=0.5)

    end = feed_blocks(levels, 0.0, 1.0, end)  # a second of silence later
    assert meter.tick(now=end)
    later = loud_columns(meter)
    assert later.size == pytest.approx(loud.size, abs=1)  # the same sound, moved
    moved = round(100 / meter.points_per_column)  # one second of points, in columns
    assert later.max() == pytest.approx(loud.max() - moved, abs=2)
    assert meter.level_dbfs == FLOOR_DB  # the bar is empty: the latest block is silent


def test_the_bar_and_dot_show_level_and_speaking_in_pixels(meter: MeterWidget) -> None:
    levels = LevelMeter(RATE)
    speaking = {"now": True}
    meter.attach(MeterFeed(levels, lambda: speaking["now"]))
    end = feed_blocks(levels, 0.1, 1.0, 0.0)  # -20 dBFS: a comfortable level, green
    meter.tick(now=end)
    image = meter.grab().toImage()
    bar = meter.bar_rect()
    y = bar.center().y()
    filled_to = max(
        x for x in range(bar.width()) if image.pixelColor(x, y) == QColor(LIGHT.level_ok)
    )
    assert filled_to == pytest.approx(bar.width() * 40 / 60, abs=6)  # -20 dBFS on a 60 dB bar
    dot = image.pixelColor(5, meter._title_height() // 2)
    assert dot == QColor(LIGHT.speaking)
    wave = meter.wave_rect()
    assert image.pixelColor(wave.right() - 1, wave.center().y()) == QColor(LIGHT.mic_wave)

    speaking["now"] = False
    feed_blocks(levels, 0.1, 0.01, end)
    meter.tick(now=end + 0.01)
    image = meter.grab().toImage()
    assert image.pixelColor(5, meter._title_height() // 2) == QColor(LIGHT.idle)


def test_nothing_new_means_no_repaint(meter: MeterWidget) -> None:
    levels = LevelMeter(RATE)
    meter.attach(MeterFeed(levels))
    end = feed_blocks(levels, 0.3, 0.5, 0.0)
    assert meter.tick(now=end)
    skipped = meter.skipped_ticks
    assert not meter.tick(now=end + 0.005)  # same point, same level
    assert meter.skipped_ticks == skipped + 1


def test_a_stream_that_stopped_scrolls_into_silence_then_stays_still(meter: MeterWidget) -> None:
    levels = LevelMeter(RATE)
    meter.attach(MeterFeed(levels, lambda: True))  # the engine's flag may stay set when it stops
    end = feed_blocks(levels, 0.5, 1.0, 0.0)
    meter.tick(now=end)
    assert meter.speaking and meter.level_dbfs > -10
    meter.tick(now=end + 2.0)  # no blocks for two seconds
    assert not meter.speaking
    assert meter.level_dbfs == FLOOR_DB
    scrolled = round(200 / meter.points_per_column)  # two seconds of points, in columns
    assert loud_columns(meter).max() == pytest.approx(meter.columns.size - 1 - scrolled, abs=2)
    meter.tick(now=end + 60.0)
    assert loud_columns(meter).size == 0
    assert not meter.tick(now=end + 61.0)  # all silent: nothing to repaint any more


def test_voice_controls_show_mute_and_no_device(qtbot: object) -> None:
    controls = VoiceControls()
    qtbot.addWidget(controls)  # type: ignore[attr-defined]
    assert not controls.meters_running
    assert controls.mic_meter.status  # "Off" until the app attaches the engine's levels
    mic, speaker = LevelMeter(RATE), LevelMeter(48000)
    controls.attach(MeterFeed(mic), MeterFeed(speaker))
    assert controls.meters_running and controls.mic_meter.status == ""
    toggled: list[bool] = []
    controls.mute_toggled.connect(toggled.append)
    controls.mute_button.click()
    assert toggled == [True]
    assert controls.mic_meter.status == "Muted" and controls.mic_meter.dimmed
    assert controls.mute_button.text() == "Un&mute"
    controls.set_muted(False)  # the uplink says so: no echo back to it
    assert toggled == [True] and controls.mic_meter.status == ""
    controls.set_unavailable("No sound device")
    assert not controls.meters_running
    assert controls.speaker_meter.status == "No sound device"


def test_silence_scrolling_through_a_silent_meter_is_not_repainted(meter: MeterWidget) -> None:
    levels = LevelMeter(RATE)  # a speaker between replies: its callback keeps metering zeros
    meter.attach(MeterFeed(levels))
    end = feed_blocks(levels, 0.0, 1.0, 0.0)
    meter.tick(now=end)
    painted = meter.skipped_ticks
    for _ in range(30):
        end = feed_blocks(levels, 0.0, 0.033, end)
        assert not meter.tick(now=end)
    assert meter.skipped_ticks == painted + 30
    end = feed_blocks(levels, 0.3, 0.05, end)  # a reply starts: it shows at once
    assert meter.tick(now=end)
