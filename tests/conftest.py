"""Shared fixtures: a running emulator, an SDK client for it, and leak checks.

Every test that involves the service runs the real google-genai SDK against the emulator over
TLS loopback; nothing here mocks the SDK.
"""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from google import genai
from google.genai import types

from live_desktop.emulator import Emulator


def make_client(
    emu: Any,
    api_key: str = "test-key",
    api_version: str = "v1beta",
    headers: dict[str, str] | None = None,
) -> genai.Client:
    """A real ``genai.Client`` for ``emu`` (Emulator or EmulatorThread), trusting its cert."""
    return genai.Client(
        api_key=api_key,
        http_options=types.HttpOptions(
            base_url=emu.base_url,
            api_version=api_version,
            headers=headers,
            async_client_args={"ssl": emu.client_ssl_context()},
        ),
    )


@pytest.fixture(scope="session")
def emulator_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One certificate directory for the whole run (never the user's data dir)."""
    return tmp_path_factory.mktemp("emulator")


@pytest_asyncio.fixture
async def emulator(emulator_dir: Path) -> AsyncIterator[Emulator]:
    """A running in-process emulator with default settings."""
    async with Emulator(data_dir=emulator_dir) as emu:
        yield emu


@pytest_asyncio.fixture
async def emulator_factory(
    emulator_dir: Path,
) -> AsyncIterator[Callable[..., Awaitable[Emulator]]]:
    """``await emulator_factory(scenario=..., time_scale=..., ...)`` -> a running emulator."""
    started: list[Emulator] = []

    async def make(**kwargs: Any) -> Emulator:
        kwargs.setdefault("data_dir", emulator_dir)
        emu = Emulator(**kwargs)
        await emu.start()
        started.append(emu)
        return emu

    yield make
    for emu in started:
        await emu.stop()


def _suspect(thread: threading.Thread) -> bool:
    return not thread.daemon or thread.name.startswith(
        ("live-desktop-emulator", "live-desktop-video")
    )


def leak_problems(before: set[threading.Thread], grace_s: float = 2.0) -> list[str]:
    """What a test left behind: new non-daemon or emulator threads, running emulators."""
    deadline = time.monotonic() + grace_s
    leaked = [t for t in threading.enumerate() if t not in before and _suspect(t)]
    for thread in leaked:
        thread.join(max(0.0, deadline - time.monotonic()))
    still = [t.name for t in leaked if t.is_alive()]
    running = [emu.base_url for emu in list(Emulator._running)]
    Emulator._running.clear()  # report a leak once, not in every later test
    problems = []
    if still:
        problems.append(f"threads left running: {still}")
    if running:
        problems.append(f"emulators left running: {running}")
    return problems


@pytest.fixture(autouse=True)
def no_leaked_threads_or_servers() -> Iterator[None]:
    """Fail a test that leaves a non-daemon, emulator or video thread, or an emulator running."""
    before = set(threading.enumerate())
    yield
    problems = leak_problems(before)
    if problems:
        pytest.fail("; ".join(problems))
