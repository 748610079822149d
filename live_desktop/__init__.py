"""Live Desktop: a desktop client for real-time conversations with Gemini over the Live API."""

__version__ = "0.1.0"
APP_NAME = "Live Desktop"
APP_ID = "live-desktop"
