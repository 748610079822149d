"""QtCore, with Qt's own translations cut to the languages Live Desktop ships.

PyInstaller's hook collects every ``qt_*.qm`` and ``qtbase_*.qm`` (about 60 languages). The app
loads ``qtbase_<code>.qm`` (Qt's standard buttons and dialogs) for the interface languages it
has itself, ``live_desktop/ui/i18n/live_desktop_<code>.ts``; nothing else is ever read.
"""

import pathlib

from PyInstaller.utils.hooks.qt import get_qt_library_info

_ROOT = pathlib.Path(__file__).resolve().parents[2]
LANGUAGES = sorted(
    ts.stem.removeprefix("live_desktop_")
    for ts in (_ROOT / "live_desktop" / "ui" / "i18n").glob("live_desktop_*.ts")
)
if not LANGUAGES:
    raise SystemExit(f"hook-PySide6.QtCore: no live_desktop_*.ts under {_ROOT}")
KEEP = {f"qtbase_{code}.qm" for code in LANGUAGES}

hiddenimports, binaries, datas = get_qt_library_info("PySide6").collect_module("PySide6.QtCore")
datas = [
    (src, dest)
    for src, dest in datas
    if not (src.endswith(".qm") and pathlib.Path(src).name not in KEEP)
]
_kept = {pathlib.Path(src).name for src, _ in datas if src.endswith(".qm")}
if _kept != KEEP:
    raise SystemExit(f"hook-PySide6.QtCore: Qt has no {sorted(KEEP - _kept)} to bundle")
