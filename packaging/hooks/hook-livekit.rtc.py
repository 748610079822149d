"""LiveKit's native FFI library, which the echo canceller (WebRTC's audio processing) runs in.

``devices/echo_webrtc.py`` imports ``livekit.rtc`` and its fast path's ``_ffi_client`` and
``_proto.ffi_pb2`` with ``importlib`` (so the analysis cannot see them), and livekit finds
``liblivekit_ffi.{so,dylib}`` / ``livekit_ffi.dll`` through ``importlib.resources`` in
``livekit.rtc.resources``: the library must land there, not at the top of the bundle. The
header, licence and Jupyter files next to it are not needed at run time.
"""

from PyInstaller.utils.hooks import collect_dynamic_libs, collect_submodules

binaries = collect_dynamic_libs("livekit.rtc")
if not binaries:
    raise SystemExit(
        "hook-livekit.rtc: livekit's native library (livekit/rtc/resources/liblivekit_ffi.*) "
        "is missing; reinstall the livekit wheel. Without it there is no echo cancellation."
    )
hiddenimports = [
    "livekit.rtc.resources",
    "livekit.rtc._ffi_client",
    *collect_submodules("livekit.rtc._proto"),
]
