"""QtGui, with only the Qt plugins a desktop widgets app uses.

PyInstaller's hook collects every plugin type QtGui may load. Dropped here (none of them is
used by Live Desktop, and some pull in whole Qt modules the app does not otherwise need):

- platforms for embedded or remote screens (eglfs, linuxfb, vnc, vkkhrdisplay, minimalegl),
  and their ``egldeviceintegrations`` and ``generic`` (evdev, tuio) input plugins;
- the virtual keyboard input context (it needs QtQuick and QtQml);
- the GTK 3 platform theme: it links GTK, Pango, Cairo and GLib, which would then be bundled
  from the build machine and clash with the GTK of the desktop that loads the plugin (Qt's
  own Fusion style and the XDG desktop portal's file dialogs are used instead);
- image formats nobody opens in this app (pdf needs QtPdf; tiff, webp, tga, wbmp), keeping
  jpeg, gif, svg (icon themes), ico (Windows) and icns (macOS);
- the Wayland compositor-side (``*-server``) buffer integrations and the non-desktop Wayland
  shells (ivi, fullscreen, wl-shell, qt-shell); xdg-shell stays.

Kept: xcb (X11) and wayland, offscreen (``--self-test``) and minimal; the XDG desktop portal
theme (native file dialogs through the portal); compose and ibus input methods (Chinese
input); the SVG icon engine; xcb GL integrations; Windows' and macOS' own platform plugins.
"""

import pathlib

from PyInstaller.utils.hooks.qt import get_qt_library_info

DROP = {
    "platforms": {"qeglfs", "qlinuxfb", "qvnc", "qvkkhrdisplay", "qminimalegl"},
    "egldeviceintegrations": "*",
    "generic": "*",
    "platforminputcontexts": {"qtvirtualkeyboardplugin"},
    "platformthemes": {"qgtk3"},
    "imageformats": {"qpdf", "qtiff", "qwebp", "qtga", "qwbmp"},
    "wayland-shell-integration": {
        "fullscreen-shell-v1",
        "ivi-shell",
        "qt-shell",
        "wl-shell-plugin",
    },
    "wayland-graphics-integration-client": {
        "dmabuf-server",
        "drm-egl-server",
        "shm-emulation-server",
        "vulkan-server",
    },
}


def _plugin_name(path: str) -> str:
    stem = pathlib.Path(path).name.split(".")[0]
    return stem.removeprefix("lib")


def keep(src: str, dest: str) -> bool:
    parts = pathlib.PurePath(dest).parts
    if "plugins" not in parts:
        return True
    kind = "/".join(parts[parts.index("plugins") + 1 :])
    dropped = DROP.get(kind, ())
    return not (dropped == "*" or _plugin_name(src) in dropped)


hiddenimports, binaries, datas = get_qt_library_info("PySide6").collect_module("PySide6.QtGui")
binaries = [(src, dest) for src, dest in binaries if keep(src, dest)]
