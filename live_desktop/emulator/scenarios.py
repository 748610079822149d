"""Fault scenarios a connection can be put into, and the service wording they use.

A connection's scenario comes from the request header ``x-emulator-scenario`` if present, else
from the emulator's ``scenario`` attribute (constructor / ``--scenario``).
"""

from __future__ import annotations

SCENARIO_HEADER = "x-emulator-scenario"

DROP_MID_TURN = "drop-mid-turn"  # TCP abort during the first reply (client sees 1006)
CLOSE_1011_MID_TURN = "close-1011-mid-turn"  # close 1011 during the first reply
STALL = "stall"  # after setupComplete: never send, stop reading (pings go unanswered)
MALFORMED_FRAME = "malformed-frame"  # one non-JSON frame during the first reply, then carry on
NO_SETUP_REPLY = "no-setup-reply"  # never answer setup; keep reading and ignoring input
RATE_LIMIT_429 = "rate-limit-429"  # a 429 RESOURCE_EXHAUSTED frame after setupComplete, then close
BAD_KEY = "bad-key"  # every key is invalid: close 1008 after setup
INSTANT_ECHO = "instant-echo"  # every audio chunk back at once as 24 kHz; no VAD, no pacing
GO_AWAY_SOON = "go-away-soon"  # goAway right after setupComplete, then close when it runs out

SCENARIOS = frozenset(
    {
        DROP_MID_TURN,
        CLOSE_1011_MID_TURN,
        STALL,
        MALFORMED_FRAME,
        NO_SETUP_REPLY,
        RATE_LIMIT_429,
        BAD_KEY,
        INSTANT_ECHO,
        GO_AWAY_SOON,
    }
)

#: Scenarios ``Emulator.inject`` can put a live connection into.
MID_TURN_SCENARIOS = frozenset({DROP_MID_TURN, CLOSE_1011_MID_TURN, MALFORMED_FRAME})

# Mid-turn faults fire after this many content frames of the first reply have been sent.
MID_TURN_AFTER_FRAMES = 3
# go-away-soon: time left announced right after setupComplete (emulated seconds, then scaled).
GO_AWAY_SOON_S = 3.0
MALFORMED_PAYLOAD = "<html><body>502 Bad Gateway (emulator malformed-frame scenario)</body></html>"

# --- the service's wording ----------------------------------------------------------------
MISSING_KEY = (
    "Method doesn't allow unregistered callers (callers without established identity). "
    "Please use API Key or other form of API consumer identity to call this API."
)
VERTEX_MISSING_AUTH = (
    "Request is missing required authentication credential. Expected OAuth 2 access token, "
    "login cookie or other valid authentication credential."
)
BAD_API_KEY = "API key not valid. Please pass a valid API key."
DEADLINE_EXPIRED = "Deadline expired before operation could complete."
INTERNAL_ERROR = "Internal error occurred."
RESOURCE_EXHAUSTED = "Resource has been exhausted (e.g. check quota)."
INVALID_IMAGE = "Provided image is not valid."
INVALID_JSON = "Invalid JSON payload received."
# Best guess: the service ends an uncompressed session that outgrows its budget as an invalid
# argument (the context is exhausted); its exact words are not documented.
SESSION_LIMIT = (
    "Request contains an invalid argument. Session limit reached ({what}); "
    "enable contextWindowCompression for longer sessions."
)
UNKNOWN_HANDLE = "Session resumption handle is invalid or has expired."
# Guesses (no public wording found): an ephemeral token past its expireTime (or, for a new
# session, its newSessionExpireTime), and one the service never issued or that has no uses left.
TOKEN_EXPIRED = "The auth token has expired. Request a new ephemeral token."
TOKEN_INVALID = "The auth token is not valid (unknown, or it has no uses left)."
EXPLICIT_ACTIVITY_WITH_AUTO_VAD = (
    "Explicit activity control (activityStart/activityEnd) is not supported when automatic "
    "activity detection is enabled."
)
