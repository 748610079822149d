"""A local stand-in for the Gemini Live API: a TLS WebSocket server speaking the SDK's protocol.

Used offline, in tests and in benchmarks. It imports nothing from the client (core, ui, devices,
app): it stands for the service and keeps its own idea of what each model accepts.
"""

from .records import ConnectionRecord
from .scenarios import SCENARIO_HEADER, SCENARIOS
from .server import Emulator, EmulatorThread

__all__ = ["SCENARIOS", "SCENARIO_HEADER", "ConnectionRecord", "Emulator", "EmulatorThread"]
