"""Just enough JPEG parsing to tell a real frame from garbage and read its size."""

from __future__ import annotations

import struct

# Start-of-frame markers carry the image size; C4 (DHT), C8 (JPG) and CC (DAC) are not SOFs.
_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
# Markers without a length field.
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})


class InvalidJpeg(ValueError):
    """The bytes are not a complete baseline/progressive JPEG image."""


def jpeg_size(data: bytes) -> tuple[int, int]:
    """Return ``(width, height)`` of a JPEG; raise :class:`InvalidJpeg` otherwise.

    Checks the SOI marker, walks the marker segments up to the first SOF header, and requires an
    EOI marker at the end (trailing zero padding is tolerated, as some encoders add it).
    """
    if len(data) < 4 or data[:2] != b"\xff\xd8":
        raise InvalidJpeg("missing SOI marker")
    if not data.rstrip(b"\x00").endswith(b"\xff\xd9"):
        raise InvalidJpeg("missing EOI marker")
    pos = 2
    end = len(data)
    while pos < end:
        if data[pos] != 0xFF:
            raise InvalidJpeg(f"expected a marker at offset {pos}")
        while pos < end and data[pos] == 0xFF:  # fill bytes
            pos += 1
        if pos >= end:
            break
        marker = data[pos]
        pos += 1
        if marker in _STANDALONE:
            continue
        if marker in (0xD9, 0xDA):  # EOI or start of scan before any SOF
            raise InvalidJpeg("no SOF header before the image data")
        if pos + 2 > end:
            break
        (length,) = struct.unpack(">H", data[pos : pos + 2])
        if length < 2 or pos + length > end:
            raise InvalidJpeg("truncated marker segment")
        if marker in _SOF_MARKERS:
            if length < 7:
                raise InvalidJpeg("truncated SOF header")
            height, width = struct.unpack(">HH", data[pos + 3 : pos + 7])
            if width == 0 or height == 0:
                raise InvalidJpeg("zero image size")
            return width, height
        pos += length
    raise InvalidJpeg("no SOF header")
