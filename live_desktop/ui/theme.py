"""Themes: the system's look, or light or dark through an explicit QPalette on Fusion.

Widgets that paint their own colours (transcript, meters, banners) take them from
:func:`colors_for` with the palette they are painted with, and repaint on a palette change, so
the whole window follows a switch at once. Called on the Qt main thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

THEMES = ("system", "light", "dark")

_ORIGINAL_STYLE = "_live_desktop_original_style"
_ORIGINAL_PALETTE = "_live_desktop_original_palette"


@dataclass(frozen=True, slots=True)
class ThemeColors:
    """Colours for what the app paints itself, readable on the palette's background."""

    user: str
    model: str
    tool: str
    notice: str
    stamp: str
    interrupted: str
    link: str
    user_background: str
    tool_background: str
    mic_wave: str
    speaker_wave: str
    meter_background: str
    level_ok: str
    level_hot: str
    level_clip: str
    speaking: str
    idle: str
    banner: dict[str, tuple[str, str]]  # tone -> (background, text)


LIGHT = ThemeColors(
    user="#1558b0",
    model="#1e7a34",
    tool="#6a1b9a",
    notice="#b3261e",
    stamp="#5f6368",
    interrupted="#b54a00",
    link="#1558b0",
    user_background="#edf3fc",
    tool_background="#f5f0f9",
    mic_wave="#1a73e8",
    speaker_wave="#188038",
    meter_background="#eef0f2",
    level_ok="#34a853",
    level_hot="#f9ab00",
    level_clip="#d93025",
    speaking="#1e8e3e",
    idle="#bdc1c6",
    banner={
        "info": ("#e3f2fd", "#0d3c7a"),
        "warning": ("#fff4d6", "#6b3d00"),
        "error": ("#fdecea", "#8c1d18"),
    },
)

DARK = ThemeColors(
    user="#8ab4f8",
    model="#81c995",
    tool="#d7aefb",
    notice="#f28b82",
    stamp="#9aa0a6",
    interrupted="#fcad70",
    link="#8ab4f8",
    user_background="#1e2836",
    tool_background="#2a2233",
    mic_wave="#8ab4f8",
    speaker_wave="#81c995",
    meter_background="#2a2b2e",
    level_ok="#81c995",
    level_hot="#fdd663",
    level_clip="#f28b82",
    speaking="#81c995",
    idle="#5f6368",
    banner={
        "info": ("#1c3147", "#d2e3fc"),
        "warning": ("#3d3114", "#fde293"),
        "error": ("#3f1f1d", "#f6c4c0"),
    },
)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def colors_for(palette: QPalette) -> ThemeColors:
    return DARK if is_dark(palette) else LIGHT


def dark_palette() -> QPalette:
    """A dark palette for Fusion, with readable disabled text and links."""
    p = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    window, base, text = QColor("#2b2c2f"), QColor("#1f2023"), QColor("#e8eaed")
    for r, c in (
        (role.Window, window),
        (role.WindowText, text),
        (role.Base, base),
        (role.AlternateBase, QColor("#27282b")),
        (role.ToolTipBase, QColor("#3c4043")),
        (role.ToolTipText, text),
        (role.PlaceholderText, QColor("#9aa0a6")),
        (role.Text, text),
        (role.Button, QColor("#35363a")),
        (role.ButtonText, text),
        (role.BrightText, QColor("#f28b82")),
        (role.Light, QColor("#4a4b4f")),
        (role.Midlight, QColor("#3c3d41")),
        (role.Mid, QColor("#9aa0a6")),
        (role.Dark, QColor("#18191b")),
        (role.Shadow, QColor("#000000")),
        (role.Highlight, QColor("#4c8bf5")),
        (role.HighlightedText, QColor("#ffffff")),
        (role.Link, QColor("#8ab4f8")),
        (role.LinkVisited, QColor("#c58af9")),
    ):
        p.setColor(r, c)
    disabled = QColor("#7f8287")
    for r in (role.WindowText, role.Text, role.ButtonText, role.HighlightedText):
        p.setColor(group.Disabled, r, disabled)
    p.setColor(group.Disabled, role.Button, QColor("#2f3033"))
    p.setColor(group.Disabled, role.Highlight, QColor("#44474c"))
    return p


def apply_theme(app: QApplication, name: str) -> str:
    """Switch the whole app to ``name`` ("system", "light" or "dark"); returns what it applied.

    The style and palette the app started with are kept, so "system" goes back to them.
    """
    if name not in THEMES:
        name = "system"
    if app.property(_ORIGINAL_STYLE) is None:
        app.setProperty(_ORIGINAL_STYLE, app.style().name())
        app.setProperty(_ORIGINAL_PALETTE, QPalette(app.palette()))
    hints = QGuiApplication.styleHints()
    if name == "system":
        if hasattr(hints, "unsetColorScheme"):
            hints.unsetColorScheme()
        app.setStyle(QStyleFactory.create(str(app.property(_ORIGINAL_STYLE))))
        palette = app.property(_ORIGINAL_PALETTE)
        app.setPalette(palette if isinstance(palette, QPalette) else app.style().standardPalette())
        return name
    if hasattr(hints, "setColorScheme"):  # Qt 6.8+: native parts (title bars) follow too
        hints.setColorScheme(Qt.ColorScheme.Dark if name == "dark" else Qt.ColorScheme.Light)
    fusion = QStyleFactory.create("Fusion")
    app.setStyle(fusion)
    app.setPalette(dark_palette() if name == "dark" else fusion.standardPalette())
    return name
