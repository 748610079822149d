"""webrtcvad, as the emulator's voice detection uses it (replaces the contrib hook).

pyinstaller-hooks-contrib's hook copies the metadata of the ``webrtcvad`` distribution and
stops the build when it is missing; this project installs the same module from
``webrtcvad-wheels`` (prebuilt wheels), whose ``webrtcvad.py`` reads that name's version.
"""

from PyInstaller.utils.hooks import copy_metadata

datas = copy_metadata("webrtcvad-wheels")
