"""Thin adapters over PortAudio, OpenCV and mss. No Qt, no business logic."""
