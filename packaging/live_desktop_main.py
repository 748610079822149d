"""The frozen app's entry point: PyInstaller runs this file as ``__main__``.

A file of its own, not ``live_desktop/__main__.py``, so that the package is analysed and
collected as a package (``live_desktop.*``), exactly as it is imported from a source checkout.
"""

import sys

from live_desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
