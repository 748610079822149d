"""Run-time hook (Linux): programs the app starts get the user's environment, not the bundle's.

The frozen app's launcher puts the bundle's library folder on ``LD_LIBRARY_PATH`` (keeping any
earlier value in ``LD_LIBRARY_PATH_ORIG``). Every child process inherits it: the browser that
"Open link" starts through xdg-open, the file manager of "Open log folder", ``pactl``. They
would then load the bundle's GLib, OpenSSL, zlib… instead of their own and can crash. The
dynamic loader read the variable once, when this process started, so putting the original
back here changes nothing for the app itself.
"""


def _pyi_rthook() -> None:
    import os
    import sys

    if not sys.platform.startswith("linux"):
        return
    original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is not None:
        os.environ["LD_LIBRARY_PATH"] = original
    else:
        os.environ.pop("LD_LIBRARY_PATH", None)


_pyi_rthook()
del _pyi_rthook
