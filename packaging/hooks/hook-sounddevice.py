"""PortAudio for sounddevice (replaces pyinstaller-hooks-contrib's hook of the same name).

- Windows and macOS: the sounddevice wheels carry PortAudio in ``_sounddevice_data``; it goes
  into the bundle where sounddevice looks for it.
- Linux: the wheel has no PortAudio; from source, sounddevice loads the system's
  (``ctypes.util.find_library("portaudio")``; Debian/Ubuntu: ``libportaudio2``). The bundle
  carries the build machine's copy at its top, and that copy is the one that loads: the frozen
  app's library directory comes before the system's in the search for ``libportaudio.so.2``
  (the self-test reports the file). Where the system has no PortAudio at all, ``find_library``
  finds nothing, so the run-time hook ``pyi_rth_portaudio.py`` hands sounddevice the bundled
  file's path. ALSA itself (``libasound.so.2``) is deliberately left to the system, with its
  PulseAudio/PipeWire plugin: see ``SYSTEM_LIBRARIES`` in ``live_desktop.spec``.

A build without PortAudio would make a bundle with no voice at all, so that stops the build.
"""

import ctypes.util
import os
import pathlib

from PyInstaller.compat import is_darwin, is_linux, is_win
from PyInstaller.utils.hooks import get_module_file_attribute

binaries = []
datas = []

module_dir = pathlib.Path(get_module_file_attribute("sounddevice")).parent
wheel_dir = module_dir / "_sounddevice_data" / "portaudio-binaries"

if is_win or is_darwin:
    if not wheel_dir.is_dir():
        raise SystemExit(
            f"hook-sounddevice: {wheel_dir} is missing; install sounddevice from its wheel "
            "(pip install sounddevice), which carries PortAudio on this platform"
        )
    dest = "_sounddevice_data/portaudio-binaries"
    binaries += [(str(lib), dest) for lib in wheel_dir.glob("libportaudio*")]
elif is_linux:
    name = ctypes.util.find_library("portaudio")
    found = None
    if name:
        from PyInstaller.depend.utils import _resolveCtypesImports

        resolved = _resolveCtypesImports([os.path.basename(name)])
        found = resolved[0][1] if resolved else None
    if not found:
        raise SystemExit(
            "hook-sounddevice: PortAudio is not installed on this build machine, so the bundle "
            "would have no voice. Install it first: sudo apt-get install libportaudio2"
        )
    binaries += [(found, ".")]
