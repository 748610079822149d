"""Voice controls: mute, push-to-talk, and a level bar each for the microphone and the speaker.

The bars are painted from the audio engine's latest levels on a 30 Hz timer; the audio threads
never signal Qt per block. The buttons only emit intent; the app connects them to the
:class:`~live_desktop.core.voice.VoiceUplink`, so the same rules apply to keys and buttons.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

FLOOR_DB = -60.0


#: Returns (microphone peak dBFS, speaker peak dBFS), read from the engine's latest levels.
LevelSource = Callable[[], tuple[float, float]]


class LevelBar(QProgressBar):
    """A thin bar showing a peak level from -60 dBFS (empty) to 0 dBFS (full)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, 1000)
        self.setTextVisible(False)
        self.setFixedHeight(8)
        self.setMinimumWidth(80)
        self.setAccessibleName(name)

    def set_dbfs(self, dbfs: float) -> None:
        fraction = (max(FLOOR_DB, min(0.0, dbfs)) - FLOOR_DB) / -FLOOR_DB
        self.setValue(round(fraction * 1000))


class VoiceControls(QWidget):
    """Mute (Ctrl+M in the window), push-to-talk (hold), and the two level bars."""

    mute_toggled = Signal(bool)
    push_to_talk_pressed = Signal()
    push_to_talk_released = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.mute_button = QPushButton(self.tr("Mute"), self)
        self.mute_button.setCheckable(True)
        self.mute_button.setAccessibleName(self.tr("Mute the microphone"))
        self.mute_button.setToolTip(self.tr("Stop sending your voice (Ctrl+M)"))
        self.mute_button.toggled.connect(self._on_mute_toggled)
        self.ptt_button = QPushButton(self.tr("Hold to talk"), self)
        self.ptt_button.setAccessibleName(self.tr("Push to talk"))
        self.ptt_button.setToolTip(
            self.tr("Hold while you speak (or hold Space when the message box is not focused)")
        )
        self.ptt_button.pressed.connect(self.push_to_talk_pressed)
        self.ptt_button.released.connect(self.push_to_talk_released)
        self.mic_label = QLabel(self.tr("Mic"), self)
        self.mic_bar = LevelBar(self.tr("Microphone level"), self)
        self.speaker_label = QLabel(self.tr("Speaker"), self)
        self.speaker_bar = LevelBar(self.tr("Speaker level"), self)
        self.status = QLabel(self)
        self.status.setAccessibleName(self.tr("Voice status"))
        for widget in (self.mute_button, self.ptt_button, self.mic_label, self.mic_bar):
            layout.addWidget(widget)
        layout.addWidget(self.speaker_label)
        layout.addWidget(self.speaker_bar)
        layout.addWidget(self.status, 1)
        self._levels: LevelSource | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(33)  # 30 Hz: smooth enough, cheap
        self._timer.setTimerType(Qt.TimerType.CoarseTimer)
        self._timer.timeout.connect(self._repaint_levels)
        self.set_push_to_talk_mode(False)

    def attach(self, levels: LevelSource) -> None:
        self._levels = levels
        self._timer.start()

    def set_push_to_talk_mode(self, enabled: bool) -> None:
        self.ptt_button.setVisible(enabled)

    def set_muted(self, muted: bool) -> None:
        """Reflect the uplink's state (e.g. changed by the menu) without re-emitting."""
        if self.mute_button.isChecked() != muted:
            self.mute_button.blockSignals(True)
            self.mute_button.setChecked(muted)
            self.mute_button.blockSignals(False)
        self._show_mute(muted)

    def _on_mute_toggled(self, muted: bool) -> None:
        self._show_mute(muted)
        self.mute_toggled.emit(muted)

    def _show_mute(self, muted: bool) -> None:
        self.mute_button.setText(self.tr("Unmute") if muted else self.tr("Mute"))
        self.mic_label.setText(self.tr("Mic (muted)") if muted else self.tr("Mic"))

    def _repaint_levels(self) -> None:
        if self._levels is not None:
            mic, speaker = self._levels()
            self.mic_bar.set_dbfs(mic)
            self.speaker_bar.set_dbfs(speaker)
