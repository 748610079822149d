"""The whole video path with the real SDK: a video file -> FileSource -> VideoSender -> the
session controller's newest-wins slot -> google-genai -> the emulator over TLS loopback.

What is checked is what the service would see: valid JPEG frames, their size, their rate, and
the emulator's reply saying how many frames it got.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from live_desktop.core import events as ev
from live_desktop.core.session import SessionController
from live_desktop.core.settings import Settings
from live_desktop.devices.video import VideoInput
from live_desktop.emulator import ConnectionRecord, Emulator
from live_desktop.emulator.wire import b64decode
from tests.devices.video_files import decode_jpeg, write_video
from tests.integration.test_session_controller import make_controller, until

pytestmark = pytest.mark.slow


def received_frames(record: ConnectionRecord) -> list[bytes]:
    """The JPEG bytes of every video frame the emulator received, in order."""
    frames = []
    for message in record.client_messages:
        video = (message.get("realtime_input") or {}).get("video")
        if video is not None:
            frames.append(b64decode(video["data"]))
    return frames


def rate(times: list[float]) -> float:
    """Frames per second over the span of ``times`` (arrival times of consecutive frames)."""
    return (len(times) - 1) / (times[-1] - times[0])


class Wired:
    """A controller and a VideoInput wired as the app wires them."""

    def __init__(self, emulator: Emulator, settings: Settings) -> None:
        self.settings = settings
        self.controller: SessionController
        self.controller, self.rec = make_controller(emulator, settings)
        loop = asyncio.get_running_loop()
        self.video = VideoInput(
            settings.video,
            lambda jpeg: loop.call_soon_threadsafe(self.controller.send_video, jpeg),
        )
        self.controller.subscribe(self._on_event)

    def _on_event(self, event: ev.SessionEvent) -> None:
        if isinstance(event, ev.StateChanged):
            self.video.set_sending(event.state is ev.ConnectionState.CONNECTED)

    async def close(self) -> None:
        self.video.close()
        await self.controller.disconnect()


@pytest.fixture
async def wired(emulator: Emulator, tmp_path: Path) -> AsyncIterator[Wired]:
    clip = write_video(tmp_path / "clip.avi", 1280, 720, fps=30.0, frames=60)
    settings = Settings()
    settings.generation.media_resolution = "low"
    settings.video.source = "file"
    settings.video.file_path = str(clip)
    parts = Wired(emulator, settings)
    yield parts
    await parts.close()


async def test_file_frames_reach_the_service_as_jpeg_at_one_per_second(
    emulator: Emulator, wired: Wired
) -> None:
    assert await wired.controller.connect()
    record = emulator.connections[0]
    await until(lambda: record.video_frames >= 11, timeout=30)

    # Over 10 s (eleven frames, ten intervals): 1 +- 0.1 FPS.
    assert rate(record.video_frame_times[:11]) == pytest.approx(1.0, abs=0.1)
    for data in received_frames(record)[:11]:
        image = decode_jpeg(data)
        assert max(image.shape[:2]) <= 768
        assert image.shape[:2] == (432, 768)  # 1280x720 shrunk, aspect ratio kept

    # The emulator's reply says how many frames it received; media resolution low was sent
    # with the session, so each frame costs 64 tokens.
    await wired.controller.send_text("what do you see")
    await wired.rec.wait_for(ev.TurnComplete, timeout=20)
    said = "".join(e.text for e in wired.rec.of(ev.OutputTranscript))
    match = re.search(r"received (\d+) video frames since the last turn, latest 768x432", said)
    assert match is not None, said
    counted = int(match.group(1))
    assert counted >= 11
    usage = await wired.rec.wait_for(ev.Usage)
    video_tokens = [d.tokens for d in usage.details if d.modality == "VIDEO"]
    assert video_tokens == [64 * counted]
    assert not wired.rec.of(ev.ErrorEvent)


async def test_changing_rate_and_size_changes_what_arrives(
    emulator: Emulator, wired: Wired
) -> None:
    assert await wired.controller.connect()
    record = emulator.connections[0]
    await until(lambda: record.video_frames >= 3, timeout=15)

    wired.settings.video.send_fps = 2.0
    wired.settings.video.max_side = 320
    wired.video.apply(wired.settings.video)
    changed_at = record.video_frames
    # Skip one frame: it may have been encoded before the change.
    await until(lambda: record.video_frames >= changed_at + 12, timeout=30)
    after = slice(changed_at + 1, changed_at + 12)

    assert rate(record.video_frame_times[after]) == pytest.approx(2.0, abs=0.2)
    sizes = {decode_jpeg(data).shape[:2] for data in received_frames(record)[after]}
    assert sizes == {(180, 320)}

    # Video off: nothing more arrives after the frame that may be in flight.
    wired.settings.video.source = "off"
    wired.video.apply(wired.settings.video)
    stopped_at = record.video_frames
    await asyncio.sleep(1.5)
    assert record.video_frames <= stopped_at + 1
    assert wired.controller.connected  # the session goes on without video
