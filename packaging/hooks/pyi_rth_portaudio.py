"""Run-time hook (Linux): let sounddevice find the PortAudio the bundle carries.

sounddevice loads ``ctypes.util.find_library("portaudio")``, which asks the system's library
cache. Where the system has PortAudio it answers ``libportaudio.so.2`` and the loader then
finds the bundle's copy first; where the system has none it answers nothing, and sounddevice
would give up with "PortAudio library not found". Then this hands it the bundled file.
"""


def _pyi_rthook() -> None:
    import ctypes.util
    import os
    import sys

    if not sys.platform.startswith("linux"):
        return
    bundled = os.path.join(getattr(sys, "_MEIPASS", ""), "libportaudio.so.2")
    original = ctypes.util.find_library

    def find_library(name: str) -> str | None:
        found = original(name)
        if found is None and name == "portaudio" and os.path.isfile(bundled):
            return bundled
        return found

    ctypes.util.find_library = find_library


_pyi_rthook()
del _pyi_rthook
