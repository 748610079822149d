"""Voice controls: a meter each for the microphone and the speaker, mute and push-to-talk.

The meters are painted from the audio engine's latest levels on one 30 Hz timer; the audio
threads never signal Qt per block. The buttons only emit intent; the app connects them to the
:class:`~live_desktop.core.voice.VoiceUplink`, so the same rules apply to keys and buttons.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from live_desktop.ui.meters import MeterFeed, MeterWidget

METER_HZ = 30


class VoiceControls(QWidget):
    """Microphone and speaker meters, Mute (Ctrl+M in the window) and push-to-talk (hold)."""

    mute_toggled = Signal(bool)
    push_to_talk_pressed = Signal()
    push_to_talk_released = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mic_meter = MeterWidget("", kind="mic", parent=self)
        self.speaker_meter = MeterWidget("", kind="speaker", parent=self)
        self.mute_button = QPushButton(self)
        self.mute_button.setCheckable(True)
        self.mute_button.toggled.connect(self._on_mute_toggled)
        self.ptt_button = QPushButton(self)
        self.ptt_button.pressed.connect(self.push_to_talk_pressed)
        self.ptt_button.released.connect(self.push_to_talk_released)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.mute_button)
        buttons.addWidget(self.ptt_button, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.mic_meter)
        layout.addWidget(self.speaker_meter)
        layout.addLayout(buttons)

        self._timer = QTimer(self)
        self._timer.setInterval(round(1000 / METER_HZ))
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.tick)
        self.set_push_to_talk_mode(False)
        #: Why there is no audio, as the app said it; None while the meters just say "Off".
        self._unavailable: str | None = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every text in the current language (again, after a change)."""
        for meter, title, speaking, name in (
            (
                self.mic_meter,
                self.tr("Microphone"),
                self.tr("You are speaking"),
                self.tr("Microphone level"),
            ),
            (
                self.speaker_meter,
                self.tr("Speaker"),
                self.tr("Gemini is speaking"),
                self.tr("Speaker level"),
            ),
        ):
            meter.title, meter.speaking_text = title, speaking
            meter.setAccessibleName(name)
            meter.update()
        self.mute_button.setAccessibleName(self.tr("Mute the microphone"))
        self.mute_button.setToolTip(self.tr("Stop sending your voice (Ctrl+M)"))
        self.ptt_button.setText(self.tr("Hold to talk"))
        self.ptt_button.setAccessibleName(self.tr("Push to talk"))
        self.ptt_button.setToolTip(
            self.tr("Hold while you speak, or hold Space (press Esc first if you are typing)")
        )
        self._show_mute(self.mute_button.isChecked())
        if self.mic_meter.feed is None and self.speaker_meter.feed is None:
            self._show_unavailable(self._unavailable or self.tr("Off"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "_unavailable"):
            self.retranslate_ui()
        super().changeEvent(event)

    def attach(self, mic: MeterFeed | None, speaker: MeterFeed | None) -> None:
        """Read these levels from now on (None: nothing to show)."""
        self.mic_meter.attach(mic)
        self.speaker_meter.attach(speaker)
        self._show_mute(self.mute_button.isChecked())
        self.speaker_meter.set_status("")
        if mic is None and speaker is None:
            self._timer.stop()
        else:
            self._timer.start()

    def set_unavailable(self, reason: str) -> None:
        """No audio at all (no sound system): say so on both meters."""
        self._unavailable = reason
        self.attach(None, None)
        self._show_unavailable(reason)

    def _show_unavailable(self, reason: str) -> None:
        self.mic_meter.set_status(reason, dimmed=True)
        self.speaker_meter.set_status(reason, dimmed=True)

    def tick(self) -> None:
        now = time.monotonic()
        self.mic_meter.tick(now)
        self.speaker_meter.tick(now)

    @property
    def meters_running(self) -> bool:
        return self._timer.isActive()

    def set_push_to_talk_mode(self, enabled: bool) -> None:
        self.ptt_button.setVisible(enabled)

    @property
    def push_to_talk_mode(self) -> bool:
        return not self.ptt_button.isHidden()

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
        self.mute_button.setText(self.tr("Un&mute") if muted else self.tr("&Mute"))
        if self.mic_meter.feed is not None:
            self.mic_meter.set_status(self.tr("Muted") if muted else "", dimmed=muted)
