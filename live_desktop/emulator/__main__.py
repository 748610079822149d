"""``python -m live_desktop.emulator``: serve until SIGINT/SIGTERM.

The first line on stdout is JSON: ``{"base_url": "https://127.0.0.1:PORT", "cert": "<PEM path>"}``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import signal
import sys

from .scenarios import SCENARIOS
from .server import Emulator


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m live_desktop.emulator",
        description="Local Gemini Live API emulator (TLS WebSocket on loopback).",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=0, help="port (0 picks a free one)")
    parser.add_argument("--scenario", choices=sorted(SCENARIOS), help="fault scenario")
    parser.add_argument(
        "--time-scale", type=float, default=1.0, help="divide every session duration by this"
    )
    parser.add_argument(
        "--bad-key", action="append", default=[], metavar="KEY", help="reject this API key"
    )
    parser.add_argument(
        "--lifetime", type=float, default=600.0, metavar="SECONDS", help="connection lifetime"
    )
    parser.add_argument("--data-dir", help="where the TLS certificate is kept")
    parser.add_argument("--log-level", default="WARNING", help="logging level (to stderr)")
    return parser


async def _serve(args: argparse.Namespace) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):  # Windows: fall back to signal.signal
            signal.signal(sig, lambda *_: loop.call_soon_threadsafe(stop.set))
    async with Emulator(
        scenario=args.scenario,
        time_scale=args.time_scale,
        bad_keys=args.bad_key,
        connection_lifetime_s=args.lifetime,
        host=args.host,
        port=args.port,
        data_dir=args.data_dir,
    ) as emu:
        sys.stdout.write(json.dumps({"base_url": emu.base_url, "cert": str(emu.cert_path)}) + "\n")
        sys.stdout.flush()
        await stop.wait()


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
