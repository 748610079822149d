"""Render the app icon (resources/live-desktop.svg) to the sizes the packages need.

    python scripts/render_icons.py [--source SVG] [--out DIR]

Writes into DIR (default ``build/icons``):

- ``live-desktop-<N>.png`` for N in 16, 24, 32, 48, 64, 128, 256, 512 (Linux: the hicolor
  icon theme sizes; the ``.desktop`` file names the icon ``live-desktop``);
- ``live-desktop.ico`` with 16-256 px (Windows: the executable and the installer);
- ``live-desktop.icns`` with 16-1024 px (macOS: the ``.app``).

Qt's SVG renderer (QtSvg, part of PySide6-Essentials) draws every size from the vector source,
so small sizes are rendered, not scaled down; Pillow writes the ICO and ICNS containers (the
``package`` extra installs it). Prints one line per file. The packaging spec calls
:func:`render` itself, so ``make bundle`` and a bare ``pyinstaller`` run both get icons.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources" / "live-desktop.svg"
NAME = "live-desktop"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def _png(svg: Path, size: int) -> bytes:
    """``svg`` drawn at ``size`` x ``size`` pixels, as PNG bytes (transparent background)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer
    from PySide6.QtWidgets import QApplication

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # A QApplication, not a QGuiApplication: in a process that later shows widgets (the test
    # suite) a QGuiApplication made here would make every QWidget abort.
    _app = QApplication.instance() or QApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {svg} is not an SVG Qt can draw")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # stubs: bytes; runtime: str
        raise SystemExit(f"render_icons: Qt could not encode a {size} px PNG")
    buffer.close()
    return bytes(data.data())


def render(out: Path, source: Path = SOURCE) -> list[Path]:
    """Write every icon file into ``out``; returns their paths."""
    try:
        from PIL import Image
    except ImportError as exc:
        raise SystemExit(
            "render_icons: Pillow is needed for the .ico and .icns files: "
            "pip install -e '.[package]'"
        ) from exc

    out.mkdir(parents=True, exist_ok=True)
    sizes = sorted(set(PNG_SIZES) | set(ICO_SIZES) | set(ICNS_SIZES))
    images = {size: Image.open(io.BytesIO(_png(source, size))).convert("RGBA") for size in sizes}
    written: list[Path] = []
    for size in PNG_SIZES:
        path = out / f"{NAME}-{size}.png"
        images[size].save(path, "PNG")
        written.append(path)
    # Both containers take the largest image first and the exact renders of the other sizes
    # (append_images), instead of letting Pillow scale one image down.
    ico = out / f"{NAME}.ico"
    largest = max(ICO_SIZES)
    images[largest].save(
        ico,
        "ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != largest],
    )
    written.append(ico)
    icns = out / f"{NAME}.icns"
    largest = max(ICNS_SIZES)
    images[largest].save(
        icns, "ICNS", append_images=[images[s] for s in ICNS_SIZES if s != largest]
    )
    written.append(icns)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--source", type=Path, default=SOURCE, help="the SVG to render")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "icons", help="output dir")
    args = parser.parse_args(argv)
    for path in render(args.out, args.source):
        print(f"{path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
