"""OpenCV: pyinstaller-hooks-contrib's hook, after checking it is the *headless* build.

The contrib hook (loaded from its package below, so it stays the single place that knows
OpenCV's loader and config files) collects ``cv2`` and its bundled FFmpeg and image libraries,
which the video file source needs. This hook replaces it only to refuse ``opencv-python``:
that wheel carries its own Qt (``cv2/qt/plugins``), and two Qts in one bundle make the app
fail at start with "could not load the Qt platform plugin".
"""

import importlib.util
import pathlib

from PyInstaller.utils.hooks import get_module_file_attribute

_cv2_dir = pathlib.Path(get_module_file_attribute("cv2")).parent
if (_cv2_dir / "qt" / "plugins").is_dir():
    raise SystemExit(
        "hook-cv2: the installed OpenCV is opencv-python, which ships its own Qt plugins that "
        "clash with PySide6. Replace it: pip uninstall opencv-python && pip install "
        "opencv-python-headless"
    )

_contrib = importlib.util.find_spec("_pyinstaller_hooks_contrib.stdhooks")
if _contrib is None or not _contrib.submodule_search_locations:
    raise SystemExit("hook-cv2: pyinstaller-hooks-contrib is not installed (pip install it)")
_contrib_hook = pathlib.Path(next(iter(_contrib.submodule_search_locations))) / "hook-cv2.py"
exec(compile(_contrib_hook.read_text(encoding="utf-8"), str(_contrib_hook), "exec"))
