"""Test videos made at test time (no binaries in the repository), and JPEG checks."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np


def write_video(
    path: Path,
    width: int = 640,
    height: int = 480,
    fps: float = 30.0,
    frames: int = 60,
    fourcc: str = "MJPG",
) -> Path:
    """A moving test pattern: a colour gradient that scrolls and a white disc that crosses it.

    MJPG in AVI needs nothing beyond OpenCV's own writer; mp4v in MP4 goes through FFmpeg.
    """
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*fourcc), fps, (width, height))
    assert writer.isOpened(), f"OpenCV cannot write {fourcc} to {path.name}"
    yy, xx = np.mgrid[0:height, 0:width]
    try:
        for i in range(frames):
            image = np.empty((height, width, 3), np.uint8)
            image[..., 0] = (xx * 255 // max(1, width - 1) + i * 4) % 256
            image[..., 1] = (yy * 255 // max(1, height - 1) + i * 2) % 256
            image[..., 2] = 96
            x = int((i / max(1, frames - 1)) * (width - 1))
            cv2.circle(image, (x, height // 2), max(4, min(width, height) // 10), (255,) * 3, -1)
            writer.write(image)
    finally:
        writer.release()
    return path


def decode_jpeg(data: bytes) -> np.ndarray:
    """Decode a JPEG strictly: it must start and end as a JPEG does and OpenCV must read it."""
    assert data[:2] == b"\xff\xd8" and data.rstrip(b"\x00").endswith(b"\xff\xd9"), "not a JPEG"
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    assert image is not None, "OpenCV could not decode the JPEG"
    return image
