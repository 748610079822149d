"""The insight windows in the main window: the event inspector and the latency panel, each a
dock (or a floating window, dragged out) that View > Event inspector / Latency opens.

Also the status bar's token readout: prompt, response and total tokens of the current
conversation, by modality (core's :class:`~live_desktop.core.usage.UsageMeter`, kept by the
conversation view model). Qt main thread only.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow

from live_desktop.core.inspector import EventInspector
from live_desktop.core.turn_latency import TurnLatencyLog
from live_desktop.core.usage import UsageTotals
from live_desktop.ui.inspector_panel import InspectorWidget
from live_desktop.ui.latency_panel import LatencyPanelWidget

_MODALITY = {
    "AUDIO": QT_TRANSLATE_NOOP("Insight", "audio"),
    "TEXT": QT_TRANSLATE_NOOP("Insight", "text"),
    "VIDEO": QT_TRANSLATE_NOOP("Insight", "video"),
    "IMAGE": QT_TRANSLATE_NOOP("Insight", "image"),
    "DOCUMENT": QT_TRANSLATE_NOOP("Insight", "document"),
}


def _modality_name(modality: str) -> str:
    if modality in _MODALITY:
        return QCoreApplication.translate("Insight", _MODALITY[modality])
    return modality.lower()


def _modalities(totals: UsageTotals, direction: str) -> str:
    items = totals.modalities(direction)
    if not items:
        return ""
    shown = ", ".join(f"{_modality_name(m)} {n:,}" for m, n in items)
    return f" ({shown})"


def usage_text(totals: UsageTotals) -> tuple[str, str]:
    """(status bar text, tooltip) for a conversation's token totals."""
    text = QCoreApplication.translate("MainWindow", "Tokens: {count}").format(
        count=f"{totals.total:,}"
    )
    if totals.messages:
        text += " · " + QCoreApplication.translate("Insight", "prompt {count}").format(
            count=f"{totals.prompt:,}"
        )
        text += _modalities(totals, "prompt")
        text += " · " + QCoreApplication.translate("Insight", "response {count}").format(
            count=f"{totals.response:,}"
        )
        text += _modalities(totals, "response")
    tip = QCoreApplication.translate(
        "Insight",
        "Tokens the service counted in this conversation, summed over its {count} usage "
        "reports. Each turn's prompt counts the whole context that turn read.",
    ).format(count=totals.messages)
    return text, tip


class _Dock(QDockWidget):
    """A dock that says when the language changed (its owner retitles it)."""

    language_changed: weakref.WeakMethod[Callable[[], None]] | None = None

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.language_changed is not None:
            retranslate = self.language_changed()
            if retranslate is not None:
                retranslate()
        super().changeEvent(event)


class InsightDocks(QObject):
    """Adds the inspector and latency docks to ``window`` and their View menu entries."""

    def __init__(
        self,
        window: QMainWindow,
        inspector: EventInspector,
        latency: TurnLatencyLog,
        *,
        view_menu: Any = None,
    ) -> None:
        super().__init__(window)  # owned by the window; no Python reference back to it
        self.inspector_widget = InspectorWidget(inspector)
        self.latency_widget = LatencyPanelWidget(latency)
        self.inspector_dock = self._dock("inspectorDock", self.inspector_widget)
        self.latency_dock = self._dock("latencyDock", self.latency_widget)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.inspector_dock)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.latency_dock)
        self.inspector_action = self.inspector_dock.toggleViewAction()
        self.inspector_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.latency_action = self.latency_dock.toggleViewAction()
        self.latency_action.setShortcut(QKeySequence("Ctrl+Shift+Y"))
        menu = view_menu if view_menu is not None else getattr(window, "view_menu", None)
        if menu is not None:
            first = menu.actions()[0] if menu.actions() else None
            menu.insertAction(first, self.inspector_action)
            menu.insertAction(first, self.latency_action)
            menu.insertSeparator(first)
        self.inspector_action.triggered.connect(self._on_inspector_action_triggered)
        self.latency_action.triggered.connect(self._on_latency_action_triggered)
        self.inspector_dock.hide()
        self.latency_dock.hide()
        self.inspector_dock.language_changed = weakref.WeakMethod(self.retranslate_ui)
        self.retranslate_ui()

    def _dock(self, name: str, widget: Any) -> _Dock:
        dock = _Dock(self.parent())  # type: ignore[arg-type]
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setAllowedAreas(Qt.DockWidgetArea.AllDockWidgetAreas)
        return dock

    def show_inspector(self) -> None:
        self._show(self.inspector_dock, Qt.Orientation.Vertical, 0.55)

    def show_latency(self) -> None:
        self._show(self.latency_dock, Qt.Orientation.Horizontal, 0.42)

    def _on_inspector_action_triggered(self, checked: bool) -> None:
        if checked:
            self._show(self.inspector_dock, Qt.Orientation.Vertical, 0.55)

    def _on_latency_action_triggered(self, checked: bool) -> None:
        if checked:
            self._show(self.latency_dock, Qt.Orientation.Horizontal, 0.42)

    def _show(self, dock: QDockWidget, orientation: Qt.Orientation, share: float) -> None:
        window = self.parent()
        assert isinstance(window, QMainWindow)
        dock.show()
        dock.raise_()
        if not dock.isFloating():
            # The widgets' size hints would give a narrow strip; a useful share of the window.
            whole = window.height() if orientation == Qt.Orientation.Vertical else window.width()
            window.resizeDocks([dock], [int(whole * share)], orientation)

    def retranslate_ui(self) -> None:
        self.inspector_dock.setWindowTitle(self.tr("Event inspector"))
        self.latency_dock.setWindowTitle(self.tr("Latency"))
        self.inspector_action.setText(self.tr("Event &inspector"))
        self.inspector_action.setStatusTip(
            self.tr("Every message to and from the service, with its time, type and size")
        )
        self.latency_action.setText(self.tr("Late&ncy"))
        self.latency_action.setStatusTip(
            self.tr("How long each reply took to be heard, stage by stage")
        )


def wire_insight(
    window: Any,
    controller: Any,
    inspector: EventInspector,
    voice: Any = None,
) -> InsightDocks:
    """The latency log fed by the controller and the voice session, and the two docks.

    ``voice`` is the app's VoiceSession (None without sound: the log still times the audio
    received, and says nothing is measured at the speaker).
    """
    playback: Callable[[], Any] | None = None
    if voice is not None:
        engine = voice.engine
        playback = lambda: engine.playback  # noqa: E731  (replaced when the output reopens)
    latency = TurnLatencyLog(playback)
    controller.subscribe(latency.on_session_event)
    if voice is not None:
        voice.subscribe(latency.on_audio_event)
    return InsightDocks(window, inspector, latency)
