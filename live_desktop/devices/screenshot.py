"""One screenshot as a JPEG frame, for the ``take_screenshot`` tool.

The same capture and encoding as screen sharing (``devices/video.py``: mss, the screen and
region chosen in the video settings, shrunk with INTER_AREA to the frame size and JPEG quality
of the video settings), taken once. Blocking (tens of milliseconds): call it from a worker
thread, never from the loop.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from live_desktop.core.settings import VideoSettings
from live_desktop.core.tools import Screenshot, ToolError
from live_desktop.devices.video import JpegEncoder, _mss_instance, screen_capture_problem

__all__ = ["take_screenshot"]


def take_screenshot(video: VideoSettings) -> Screenshot:
    """Capture ``video.screen_monitor`` (or its ``screen_region``) now.

    Raises :class:`ToolError` with a sentence when the screen cannot be captured.
    """
    import mss.exception

    problem = screen_capture_problem()
    if problem is not None:
        raise ToolError(problem)
    try:
        with _mss_instance() as sct:
            area = _area(sct.monitors, video.screen_monitor, video.screen_region)
            shot = sct.grab(area)
    except mss.exception.ScreenShotError as exc:
        raise ToolError(f"The screen could not be captured: {exc}.") from exc
    encoder = JpegEncoder(video.max_side, video.jpeg_quality)
    small = encoder.shrink(np.asarray(shot))
    height, width = small.shape[:2]
    return Screenshot(encoder.encode(small), width, height)


def _area(
    monitors: list[dict[str, int]], monitor: int, region: tuple[int, int, int, int] | None
) -> dict[str, Any]:
    screens = len(monitors) - 1
    if not 0 <= monitor <= screens:
        plural = "screen" if screens == 1 else "screens"
        raise ToolError(
            f"There is no screen {monitor}: this computer has {screens} {plural} "
            "(see Settings > Video)."
        )
    whole = dict(monitors[monitor])
    if region is None:
        return whole
    left, top, width, height = region
    width = min(width, whole["width"] - left)
    height = min(height, whole["height"] - top)
    if width < 1 or height < 1:
        raise ToolError(
            f"The screen region {region} lies outside screen {monitor} "
            f"({whole['width']}x{whole['height']})."
        )
    return {"left": whole["left"] + left, "top": whole["top"] + top, "width": width,
            "height": height}  # fmt: skip
