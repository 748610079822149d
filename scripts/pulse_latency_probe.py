"""Mouth-to-ear latency of a plain sounddevice client on PulseAudio virtual devices.

    scripts/pulse-virtual-devices.sh                        # PulseAudio must be running
    .venv/bin/python scripts/pulse_latency_probe.py         # every configuration, ~12 s each
    .venv/bin/python scripts/pulse_latency_probe.py --list
    .venv/bin/python scripts/pulse_latency_probe.py plain-480-low duplex-0-low --json out.json
    .venv/bin/python scripts/pulse_latency_probe.py --clock

What is measured: a click reaches a microphone source that is a module-remap-source of a null
sink's monitor (as ``virtual_mic`` is), a *plain client* (a microphone stream whose 10 ms
blocks are forwarded through a FIFO to a speaker stream, nothing else) plays it into a null
sink (as ``virtual_speaker`` is), and it is found on that sink's monitor. What varies is the
client: block sizes, PortAudio latency, ``PULSE_LATENCY_MSEC``, ``PA_ALSA_PERIODSIZE``, one
duplex stream or two, callback or blocking I/O, remap source or plain monitor.

Method. One duplex ``sd.Stream`` (the *meter*) plays a click every 0.32 s and records the
speaker's monitor. Its input and output advance together, callback by callback, so "sample n
played" and "sample n recorded" share one clock, and a matched filter on a 5 ms chirp finds each
arrival to the sample (nothing else on the devices looks like it). The meter's own output and
input buffering are in every raw figure, and they are not a constant one can calibrate once:
PortAudio sets them anew at every open (they differed by whole periods, 10-70 ms, between
opens) and shifts them whenever PulseAudio moves a stream; its timestamps know them only to
about 5 ms. So the reference travels *with every click*, in the other channel of the same
recording:

    meter out R --> speaker R --> speaker.monitor R --> meter in R          (reference)
                                        |
                                        +-> mic (remap-source, R only) --> client
                                              --> speaker L --> speaker.monitor L --> meter in L

Client latency = arrival on L - arrival on R, per click, on one sample clock: the meter's
latency cancels exactly whatever it is. What remains is the remap source, the client's capture
and playback buffering and FIFO, and one extra null-sink hop: everything the client adds
between a microphone and a speaker. Error: one sample (0.02 ms); a click is dropped if the
meter over/underran around it.

Devices. The probe loads that topology privately (a stereo null sink ``ldprobe_speaker`` and a
mono remap source ``ldprobe_mic`` of its monitor's right channel, with the arguments
scripts/pulse-virtual-devices.sh uses) and unloads it when done, also on Ctrl+C / SIGTERM. The
elements on the path are the ones of ``virtual_mic_sink`` -> ``virtual_mic`` ->
``virtual_speaker``; the channel split is what lets the reference travel alongside, and a
private copy keeps other users of ``virtual_*`` (device tests, a module-loopback echo path, the
app) out of the figures and the figures out of them. The default sink and source are never
touched. Devices are chosen per stream by setting ``PULSE_SINK`` / ``PULSE_SOURCE`` in
``os.environ`` just before opening it: the ALSA pulse plugin makes one PulseAudio context per
PCM and libpulse reads them then (verified: streams opened in a row with different values land
on different sinks). The environment is restored straight after each open. The client plays
stereo with the right channel silent (the mic hears only the right channel, so nothing feeds
back); that changes no buffer size in frames.

PortAudio's own view is printed next to it: the client streams' ``latency`` attribute, and
the latency its callbacks' ``inputBufferAdcTime`` / ``outputBufferDacTime`` imply for the
forwarded samples (each converted to ``time.monotonic()`` through ``currentTime`` in the same
callback; PortAudio's ALSA clock is the wall clock, see ``--clock``). Each run lasts at most
20 s.

Findings on the 2-core CI VM (PulseAudio 16.1, PortAudio 19.6 via the ALSA pulse plugin),
3 opens of 8 s per configuration; client mouth-to-ear p50 in ms (FIFO wait included):

    plain-480-high 100   plain-480-low 50   plain-480-low-monitor 40   duplex-480-low 50
    plain-in0-out480 46  plain-in0-out240 33  plain-0-low 27  plain-0-PLM10 27 (steadiest)
    blocking-480-low 21 (jumps mid-run without a reported xrun)   loopback-1ms 7

- Callback playback keeps PortAudio's whole buffer full, and the ALSA pulse plugin insists on
  at least 3 periods, so 10 ms blocks cost 30 ms on the way out whatever ``latency`` says;
  only smaller periods (``blocksize`` 0 or 240) shrink it. ``PULSE_LATENCY_MSEC`` does
  nothing with 10 ms blocks and steadies ``blocksize=0``.
- Capture with ``blocksize=0`` takes ~2 ms fragments instead of 10 ms.
- The remap source behind ``virtual_mic`` adds ~10 ms (plain-480-low vs -monitor).
- PortAudio's ``inputBufferAdcTime`` is ~0.65 s early for the first ~1.2 s after a stream
  starts on an idle null sink's monitor (the sink idles at 2 s latency), then right within a
  few ms; PortAudio's clock is ``time.time()``, not ``time.monotonic()``.
- Duplex streams with a fixed block size take ~2 s to the first callback and can die
  ("ContinuePoll ... failed") when PulseAudio's timing data is briefly missing.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

RATE = 48_000
BLOCK = RATE // 100  # the client's processing block: 10 ms

# The meter's settings: loose, so it never asks the speaker sink for less latency than the
# client does (a null sink runs at the smallest latency any of its streams asks for).
METER_BLOCK = 1920
METER_LATENCY = 0.12

# 321.3 ms: not a whole number of 10 ms, so successive clicks fall 1.3 ms later in the
# client's blocks and the null sinks' render quanta each time and the figures cover every
# phase, as speech would. (Within one open they hardly vary: in a block pipeline every sample
# of a block waits equally long. What varies is the state each open starts in, so every
# configuration is opened several times.) Below this period a click is attributed to the
# right emission whatever the latency.
CLICK_PERIOD = 15_423  # samples
CLICK_PERIOD_S = CLICK_PERIOD / RATE
WARMUP_S = 2.0  # null sinks reconfigure their latency during the first second or so
MEASURE_S = 8.0
MAX_RUN_S = 20.0


@dataclass(frozen=True)
class Devices:
    speaker: str  # stereo null sink; the client plays on the left, the meter on the right
    mic: str  # mono remap source of the speaker monitor's right channel

    @property
    def monitor(self) -> str:
        return f"{self.speaker}.monitor"


DEVICES = Devices("ldprobe_speaker", "ldprobe_mic")


def _click() -> np.ndarray:
    """5 ms linear chirp 500 Hz -> 12 kHz, Hann window: a sharp, unmistakable matched filter."""
    n = RATE // 200
    t = np.arange(n) / RATE
    f0, f1 = 500.0, 12_000.0
    phase = 2 * np.pi * (f0 * t + (f1 - f0) * t**2 / (2 * t[-1]))
    return (0.5 * np.hanning(n) * np.sin(phase)).astype(np.float32)


CLICK = _click()


# ------------------------------------------------------------------------------ PulseAudio
def pactl(*args: str) -> str:
    return subprocess.run(
        ["pactl", *args], capture_output=True, text=True, timeout=10, check=True
    ).stdout


@contextlib.contextmanager
def environment(**values: str | None) -> Iterator[None]:
    """Sets (None: removes) environment variables while a stream is opened, then restores."""
    saved = {name: os.environ.get(name) for name in values}
    try:
        for name, value in values.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def pulse_streams() -> list[dict[str, str]]:
    """Sink inputs and source outputs with what says where their latency goes."""
    keep = ("Driver", "Sink", "Source", "Buffer Latency", "Sink Latency", "Source Latency")
    streams: list[dict[str, str]] = []
    for kind in ("sink-inputs", "source-outputs"):
        for raw in pactl("list", kind).splitlines():
            line = raw.strip()
            if line.startswith(("Sink Input #", "Source Output #")):
                streams.append({"kind": kind, "id": line.split("#")[1]})
            elif streams and ":" in line and line.split(":")[0] in keep:
                key, _, value = line.partition(":")
                streams[-1][key] = value.strip()
            elif streams and line.startswith(("application.process.id", "media.name")):
                key, _, value = line.partition("=")
                streams[-1][key.strip()] = value.strip().strip('"')
    return streams


def indices(kind: str) -> dict[str, str]:
    """name -> index for ``sinks`` or ``sources``."""
    rows = (line.split("\t") for line in pactl("list", "short", kind).splitlines() if line)
    return {row[1]: row[0] for row in rows}


def device_latency(name: str) -> str:
    """A sink's or source's "current, configured" latency as pactl reports it."""
    for kind in ("sinks", "sources"):
        current = ""
        for raw in pactl("list", kind).splitlines():
            line = raw.strip()
            if line.startswith("Name:"):
                current = line.split(":", 1)[1].strip()
            elif line.startswith("Latency:") and current == name:
                return line.split(":", 1)[1].strip()
    return "?"


class PulseModules:
    """Modules this probe loads; ``close`` unloads every one of them."""

    def __init__(self) -> None:
        self.loaded: list[str] = []

    def load(self, name: str, *args: str) -> str:
        index = pactl("load-module", name, *args).strip()
        self.loaded.append(index)
        return index

    def unload(self, index: str) -> None:
        if index in self.loaded:
            self.loaded.remove(index)
            subprocess.run(["pactl", "unload-module", index], check=False, timeout=10)

    def close(self) -> None:
        for index in reversed(list(self.loaded)):
            self.unload(index)

    def devices(self) -> Devices:
        """The probe's private speaker and microphone (see the module docstring)."""
        d = DEVICES
        existing = indices("sinks")
        if d.speaker in existing:
            raise RuntimeError(f"{d.speaker} exists already: is another probe running?")
        self.load(
            "module-null-sink",
            f"sink_name={d.speaker}",
            f"rate={RATE}",
            "channels=2",
            "sink_properties=device.description=LatencyProbeSpeaker",
        )
        self.load(
            "module-remap-source",
            f"master={d.monitor}",
            f"source_name={d.mic}",
            f"rate={RATE}",
            "channels=1",
            "channel_map=mono",
            "master_channel_map=front-right",
            "source_properties=device.description=LatencyProbeMic",
        )
        return d


# ------------------------------------------------------------------------------ the meter
class Meter:
    """One duplex stream on one sample clock: clicks out on the right, both channels in.

    The callback only copies slices of preallocated arrays.
    """

    def __init__(self, sd: Any, devices: Devices, seconds: float) -> None:
        total = int((WARMUP_S + seconds + CLICK_PERIOD_S) * RATE)
        self.play = np.zeros(total, dtype=np.float32)
        self.rec = np.zeros((total, 2), dtype=np.float32)
        self.clicks = list(range(int(WARMUP_S * RATE), total - CLICK_PERIOD, CLICK_PERIOD))
        for index in self.clicks:
            self.play[index : index + CLICK.size] = CLICK
        self.position = 0
        self.xruns: list[int] = []
        self.done = threading.Event()
        with environment(
            PULSE_SINK=devices.speaker,
            PULSE_SOURCE=devices.monitor,
            PULSE_LATENCY_MSEC=None,
            PA_ALSA_PERIODSIZE=None,
        ):
            self.stream = sd.Stream(
                device="pulse",
                samplerate=RATE,
                channels=2,
                dtype="float32",
                blocksize=METER_BLOCK,
                latency=METER_LATENCY,
                callback=self._callback,
            )

    def _callback(self, indata: Any, outdata: Any, frames: int, info: Any, status: Any) -> None:
        p = self.position
        n = max(0, min(frames, self.play.size - p))
        outdata.fill(0)
        outdata[:n, 1] = self.play[p : p + n]
        self.rec[p : p + n] = indata[:n]
        self.position = p + frames
        if status.input_overflow or status.output_underflow:
            self.xruns.append(p)
        if self.position >= self.play.size:
            self.done.set()

    def run(self, during: Callable[[], None]) -> None:
        with self.stream:
            deadline = time.monotonic() + self.play.size / RATE + 10
            during()
            while not self.done.wait(0.05):
                if time.monotonic() > deadline:
                    raise RuntimeError("the meter's stream stopped calling back")

    def wait_for(self, seconds: float) -> None:
        """Blocks until the meter has run ``seconds`` of its own samples."""
        deadline = time.monotonic() + seconds + 10
        while self.position < seconds * RATE:
            if time.monotonic() > deadline:
                raise RuntimeError("the meter's stream stopped calling back")
            time.sleep(0.005)

    def arrivals(self, channel: int) -> list[int]:
        """Per click: samples from playing it to finding it on ``channel``; -1 if not found."""
        template = CLICK.astype(np.float64)
        norm = float(np.sqrt(np.sum(template**2)))
        found = []
        for index in self.clicks:
            window = self.rec[index : index + CLICK_PERIOD - CLICK.size, channel].astype(np.float64)
            corr = np.correlate(window, template, mode="valid")
            energy = np.convolve(window**2, np.ones(template.size), mode="valid")
            score = corr / (norm * np.sqrt(np.maximum(energy, 1e-12)))
            best = int(np.argmax(score))
            found.append(best if score[best] > 0.8 else -1)
        return found


# ------------------------------------------------------------------------------ the clients
@dataclass
class ClientConfig:
    """One plain-client configuration."""

    name: str
    # separate: two callback streams; duplex: one callback stream; blocking: one thread reads
    # a block and writes it (lockstep); paced: capture callback, a writer thread that keeps
    # the playback buffer at ``paced_fill_ms``; loopback: module-loopback, no client at all.
    kind: str = "separate"
    blocksize_in: int = BLOCK
    blocksize_out: int = BLOCK
    latency_in: float | str = "low"
    latency_out: float | str = "low"
    env: dict[str, str] = field(default_factory=dict)  # for the client's streams only
    source: str = "mic"  # mic (the remap source) | monitor (the speaker monitor, no remap)
    prefill_blocks: int = 1  # blocking: silence written before the first read
    fifo_start_ms: float = 0.0  # playback waits for this much before it starts (and restarts)
    fifo_max_ms: float | None = None  # beyond this the oldest samples are dropped
    paced_fill_ms: float = 10.0
    loopback_msec: int = 1
    note: str = ""


def _plain(name: str, **kwargs: Any) -> ClientConfig:
    return ClientConfig(name, **kwargs)


CONFIGS = [
    _plain(
        "plain-480-high",
        latency_in="high",
        latency_out="high",
        note="sounddevice's default latency ('high'), 10 ms blocks",
    ),
    _plain("plain-480-low", note="10 ms blocks, latency='low'"),
    _plain("plain-480-5ms", latency_in=0.005, latency_out=0.005),
    _plain(
        "plain-0-low",
        blocksize_in=0,
        blocksize_out=0,
        note="PortAudio picks the periods; input re-blocked to 10 ms",
    ),
    _plain("plain-in0-out480", blocksize_in=0),
    _plain("plain-in480-out0", blocksize_out=0),
    _plain("plain-0-5ms", blocksize_in=0, blocksize_out=0, latency_in=0.005, latency_out=0.005),
    _plain("plain-0-20ms", blocksize_in=0, blocksize_out=0, latency_in=0.02, latency_out=0.02),
    _plain(
        "plain-0-period128",
        blocksize_in=0,
        blocksize_out=0,
        env={"PA_ALSA_PERIODSIZE": "128"},
        note="ALSA period 128 frames (2.7 ms)",
    ),
    _plain("plain-480-PLM5", env={"PULSE_LATENCY_MSEC": "5"}),
    _plain("plain-480-PLM10", env={"PULSE_LATENCY_MSEC": "10"}),
    _plain("plain-0-PLM10", blocksize_in=0, blocksize_out=0, env={"PULSE_LATENCY_MSEC": "10"}),
    _plain(
        "plain-480-low-monitor",
        source="monitor",
        note="reads the monitor directly: what the remap source adds",
    ),
    _plain(
        "in0-out480-fifo10",
        blocksize_in=0,
        fifo_max_ms=10.0,
        note="FIFO capped at one block: drops what start-up left queued",
    ),
    _plain(
        "in0-out0-start5-fifo15",
        blocksize_in=0,
        blocksize_out=0,
        fifo_start_ms=5.0,
        fifo_max_ms=15.0,
        note="small playback cushion, capped",
    ),
    _plain(
        "in0-out0-start10-fifo20",
        blocksize_in=0,
        blocksize_out=0,
        fifo_start_ms=10.0,
        fifo_max_ms=20.0,
    ),
    _plain("plain-in0-out240", blocksize_in=0, blocksize_out=240),
    _plain("plain-in240-out240", blocksize_in=240, blocksize_out=240),
    _plain("plain-in0-out160", blocksize_in=0, blocksize_out=160),
    ClientConfig("duplex-480-low", kind="duplex"),
    ClientConfig("duplex-0-low", kind="duplex", blocksize_in=0, blocksize_out=0),
    ClientConfig("blocking-480-low", kind="blocking"),
    ClientConfig("blocking-480-low-prefill0", kind="blocking", prefill_blocks=0),
    ClientConfig("blocking-in0-480", kind="blocking", blocksize_in=0),
    ClientConfig(
        "paced-in0-low2",
        kind="paced",
        blocksize_in=0,
        paced_fill_ms=2.0,
        note="capture callback; writer thread writes blocks on arrival, silence below 2 ms",
    ),
    ClientConfig("paced-in0-low5", kind="paced", blocksize_in=0, paced_fill_ms=5.0),
    ClientConfig("paced-in480-low5", kind="paced", paced_fill_ms=5.0),
    ClientConfig(
        "loopback-1ms",
        kind="loopback",
        loopback_msec=1,
        note="module-loopback mic -> speaker: PulseAudio alone, no client",
    ),
]


class Fifo:
    """10 ms blocks from the capture side to the playback side, with their ADC times.

    The capture thread only appends and the playback thread only pops (both atomic on a
    deque); the counters each have one writer. ``start`` samples must be queued before
    playback starts or restarts after running dry; beyond ``limit`` the oldest are dropped.
    """

    def __init__(self, start: int = 0, limit: int | None = None) -> None:
        self.blocks: deque[list[Any]] = deque()  # [samples, adc of first, pushed at, offset]
        self.start = start
        self.limit = limit
        self.pushed = 0
        self.pulled = 0
        self.dropped = 0
        self.playing = False
        self.ever_played = False
        self.starved_at: list[float] = []  # monotonic times playback ran dry
        self.dropped_at: list[float] = []
        self.depth: list[tuple[float, int]] = []
        self.residence: list[tuple[float, float]] = []  # (time, seconds a block waited)
        self.estimates: list[tuple[float, float]] = []  # (time, PortAudio's DAC - ADC)

    def push(self, block: np.ndarray, adc: float) -> None:
        self.blocks.append([block, adc, time.monotonic(), 0])
        self.pushed += block.size

    def pull(self, out: np.ndarray, dac: float | None) -> None:
        now = time.monotonic()
        frames = out.size
        depth = self.pushed - self.pulled - self.dropped
        if len(self.depth) < 100_000:
            self.depth.append((now, depth))
        if self.limit is not None and depth - frames > self.limit:
            self._drop(depth - frames - self.limit, now)
        if not self.playing and depth >= max(self.start, 1):
            self.playing = True
        filled = 0
        while self.playing and filled < frames and self.blocks:
            entry = self.blocks[0]
            block, adc, pushed_at, offset = entry
            take = min(frames - filled, block.size - offset)
            if offset == 0 and len(self.residence) < 100_000:
                self.residence.append((now, now - pushed_at))
            if filled == 0 and dac is not None and len(self.estimates) < 100_000:
                self.estimates.append((now, dac - (adc + offset / RATE)))
            out[filled : filled + take] = block[offset : offset + take]
            filled += take
            entry[3] = offset + take
            if entry[3] == block.size:
                self.blocks.popleft()
        self.pulled += filled
        self.ever_played = self.ever_played or filled > 0
        if filled < frames:
            out[filled:] = 0
            if self.playing and self.ever_played:
                self.starved_at.append(now)
                self.playing = self.start == 0  # a cushion has to refill first

    def _drop(self, samples: int, now: float) -> None:
        self.dropped_at.append(now)
        while samples > 0 and self.blocks:
            entry = self.blocks[0]
            take = min(samples, entry[0].size - entry[3])
            entry[3] += take
            samples -= take
            self.dropped += take
            if entry[3] == entry[0].size:
                self.blocks.popleft()


class Reblocker:
    """Capture blocks of any size -> 10 ms blocks with the ADC time of their first sample."""

    def __init__(self) -> None:
        self.buffer = np.zeros(BLOCK, dtype=np.float32)
        self.fill = 0

    def push(self, data: np.ndarray, adc: float, fifo: Fifo) -> None:
        offset = 0
        while offset < data.size:
            take = min(BLOCK - self.fill, data.size - offset)
            self.buffer[self.fill : self.fill + take] = data[offset : offset + take]
            self.fill += take
            offset += take
            if self.fill == BLOCK:
                fifo.push(self.buffer.copy(), adc + (offset - BLOCK) / RATE)
                self.fill = 0


class PlainClient:
    """Microphone -> 10 ms blocks -> FIFO -> speaker (left channel), in the configured shape."""

    def __init__(self, sd: Any, config: ClientConfig, devices: Devices, modules: PulseModules):
        self.sd = sd
        self.config = config
        self.devices = devices
        self.modules = modules
        limit = None if config.fifo_max_ms is None else int(config.fifo_max_ms * RATE / 1000)
        self.fifo = Fifo(int(config.fifo_start_ms * RATE / 1000), limit)
        self.reblock = Reblocker()
        self.xruns: list[tuple[float, str]] = []
        self.streams: list[Any] = []
        self.latency: dict[str, Any] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._module: str | None = None
        # The monitor variant records both channels and keeps the right one (the click's).
        self.source = devices.mic if config.source == "mic" else devices.monitor
        self.in_channels = 1 if config.source == "mic" else 2

    # ---------------------------------------------------------------- callbacks
    def _note(self, status: Any, now: float) -> None:
        if status:
            self.xruns.append((now, str(status)))

    def _on_input(self, indata: Any, frames: int, info: Any, status: Any) -> None:
        now = time.monotonic()
        self._note(status, now)
        adc = now + (info.inputBufferAdcTime - info.currentTime)
        self.reblock.push(indata[:, -1], adc, self.fifo)

    def _on_output(self, outdata: Any, frames: int, info: Any, status: Any) -> None:
        now = time.monotonic()
        self._note(status, now)
        outdata[:, 1] = 0
        self.fifo.pull(outdata[:, 0], now + (info.outputBufferDacTime - info.currentTime))

    def _on_duplex(self, indata: Any, outdata: Any, frames: int, info: Any, status: Any) -> None:
        now = time.monotonic()
        self._note(status, now)
        adc = now + (info.inputBufferAdcTime - info.currentTime)
        self.reblock.push(indata[:, -1], adc, self.fifo)
        outdata[:, 1] = 0
        self.fifo.pull(outdata[:, 0], now + (info.outputBufferDacTime - info.currentTime))

    def _blocking_loop(self, instream: Any, outstream: Any) -> None:
        stereo = np.zeros((BLOCK, 2), dtype=np.float32)
        for _ in range(self.config.prefill_blocks):
            outstream.write(stereo)
        while not self._stop.is_set():
            data, overflowed = instream.read(BLOCK)
            if overflowed:
                self.xruns.append((time.monotonic(), "input overflow"))
            stereo[:, 0] = data[:, -1]
            if outstream.write(stereo):
                self.xruns.append((time.monotonic(), "output underflow"))

    def _paced_loop(self, outstream: Any) -> None:
        """A network-fed player's shape with a blocking stream: write each 10 ms block as soon
        as it is there; when none is and the playback buffer is about to run dry (below
        ``paced_fill_ms``), write 2.5 ms of silence (a gap, counted like a FIFO gap).

        A plain ``write`` loop would instead keep PortAudio's buffer full, as a callback
        stream does, and pay that buffer in latency.
        """
        block = np.zeros((BLOCK, 2), dtype=np.float32)
        silence = np.zeros((BLOCK // 4, 2), dtype=np.float32)
        size = outstream.write_available  # empty at this point: the whole buffer
        low_water = int(self.config.paced_fill_ms * RATE / 1000)
        fifo = self.fifo
        while not self._stop.is_set():
            if fifo.pushed - fifo.pulled - fifo.dropped >= BLOCK:
                fifo.pull(block[:, 0], None)
                underflowed = outstream.write(block)
            elif size - outstream.write_available < low_water:
                if fifo.ever_played:
                    fifo.starved_at.append(time.monotonic())
                underflowed = outstream.write(silence)
            else:
                time.sleep(0.001)
                continue
            if underflowed:
                self.xruns.append((time.monotonic(), "output underflow"))

    # ---------------------------------------------------------------- lifecycle
    def _open(self, cls: Any, **kwargs: Any) -> Any:
        env: dict[str, str | None] = {
            "PULSE_SINK": self.devices.speaker,
            "PULSE_SOURCE": self.source,
            "PULSE_LATENCY_MSEC": None,
            "PA_ALSA_PERIODSIZE": None,
        }
        env.update(self.config.env)
        with environment(**env):
            stream = cls(device="pulse", samplerate=RATE, dtype="float32", **kwargs)
        self.streams.append(stream)
        return stream

    def start(self) -> None:
        c, sd = self.config, self.sd
        if c.kind == "loopback":
            # Mono onto the left channel only, like the clients (the mic hears the right).
            self._module = self.modules.load(
                "module-loopback",
                f"source={self.source}",
                f"sink={self.devices.speaker}",
                f"latency_msec={c.loopback_msec}",
                "channels=1",
                "channel_map=front-left",
                "source_dont_move=true",
                "sink_dont_move=true",
            )
            return
        if c.kind == "duplex":
            stream = self._open(
                sd.Stream,
                channels=(self.in_channels, 2),
                blocksize=c.blocksize_in,
                latency=c.latency_in,
                callback=self._on_duplex,
            )
            self.latency = {"in": stream.latency[0], "out": stream.latency[1]}
            stream.start()
            return
        blocking = c.kind == "blocking"
        out = self._open(
            sd.OutputStream,
            channels=2,
            blocksize=c.blocksize_out,
            latency=c.latency_out,
            callback=None if c.kind in ("blocking", "paced") else self._on_output,
        )
        inp = self._open(
            sd.InputStream,
            channels=self.in_channels,
            blocksize=c.blocksize_in,
            latency=c.latency_in,
            callback=None if blocking else self._on_input,
        )
        self.latency = {"in": inp.latency, "out": out.latency}
        # The speaker first, so capture never queues blocks before anyone plays them.
        out.start()
        inp.start()
        if blocking:
            self._thread = threading.Thread(
                target=self._blocking_loop, args=(inp, out), name="probe-blocking", daemon=True
            )
        elif c.kind == "paced":
            self._thread = threading.Thread(
                target=self._paced_loop, args=(out,), name="probe-paced", daemon=True
            )
        if self._thread is not None:
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        for stream in self.streams:
            with contextlib.suppress(Exception):
                stream.abort()
            stream.close()
        self.streams.clear()
        if self._module is not None:
            self.modules.unload(self._module)
            self._module = None


# ------------------------------------------------------------------------------ runs
def stats(values: list[float] | np.ndarray) -> dict[str, float]:
    array = np.asarray(values, dtype=np.float64)
    if array.size == 0:
        return {}
    p10, p50, p90 = np.percentile(array, [10, 50, 90])
    return {
        "n": int(array.size),
        "mean": round(float(array.mean()), 2),
        "p10": round(float(p10), 2),
        "p50": round(float(p50), 2),
        "p90": round(float(p90), 2),
        "min": round(float(array.min()), 2),
        "max": round(float(array.max()), 2),
    }


@dataclass
class Run:
    """One open of the client's streams: what each click took, and what went wrong."""

    client_ms: list[float] = field(default_factory=list)
    meter_ms: list[float] = field(default_factory=list)  # the reference loop, for the record
    lost: int = 0
    meter_xruns: int = 0
    xruns: int = 0  # client stream over/underruns after the warm-up
    starved: int = 0  # FIFO ran dry after the warm-up (an audible gap)
    dropped: int = 0  # FIFO cap dropped samples after the warm-up
    residence_ms: list[float] = field(default_factory=list)
    estimate_ms: list[float] = field(default_factory=list)
    reported_ms: dict[str, float] = field(default_factory=dict)
    pulse: dict[str, Any] = field(default_factory=dict)
    problem: str = ""


def run_once(sd: Any, config: ClientConfig, devices: Devices, modules: PulseModules) -> Run:
    assert WARMUP_S + MEASURE_S <= MAX_RUN_S
    result = Run()
    client = PlainClient(sd, config, devices, modules)
    try:
        client.start()
        meter = Meter(sd, devices, MEASURE_S)
        steady_from = [float("inf")]

        def during() -> None:
            meter.wait_for(WARMUP_S - CLICK_PERIOD_S)  # the first click goes out at WARMUP_S
            steady_from[0] = time.monotonic()
            meter.wait_for(WARMUP_S + MEASURE_S / 2)
            result.pulse = _pulse_snapshot(devices)

        meter.run(during)
    finally:
        client.stop()

    steady = steady_from[0]
    reference, through_client = meter.arrivals(1), meter.arrivals(0)
    for index, ref, cli in zip(meter.clicks, reference, through_client, strict=True):
        if any(index - RATE // 2 <= x < index + CLICK_PERIOD for x in meter.xruns):
            result.meter_xruns += 1
        elif ref < 0:
            result.problem = "a reference click went missing (something else on the device?)"
        elif cli < 0:
            result.lost += 1
        else:
            result.client_ms.append((cli - ref) / RATE * 1000)
            result.meter_ms.append(ref / RATE * 1000)
    fifo = client.fifo
    result.xruns = sum(1 for at, _ in client.xruns if at >= steady)
    result.starved = sum(1 for at in fifo.starved_at if at >= steady)
    result.dropped = sum(1 for at in fifo.dropped_at if at >= steady)
    result.residence_ms = [w * 1000 for at, w in fifo.residence if at >= steady]
    result.estimate_ms = [e * 1000 for at, e in fifo.estimates if at >= steady]
    result.reported_ms = {k: round(v * 1000, 1) for k, v in client.latency.items()}
    if len(result.client_ms) < 10 and not result.problem:
        result.problem = (
            f"only {len(result.client_ms)} of {len(meter.clicks)} clicks measured "
            f"({result.lost} lost in the client, {result.meter_xruns} around meter xruns)"
        )
    return result


def _pulse_snapshot(devices: Devices) -> dict[str, Any]:
    """Every stream on the probe's devices, and their latencies, as the server sees them."""
    sinks, sources = indices("sinks"), indices("sources")
    wanted = ("kind", "Driver", "Buffer Latency", "Sink Latency", "Source Latency")
    streams = [
        {k: v for k, v in s.items() if k in wanted}
        for s in pulse_streams()
        if s.get("Sink") == sinks.get(devices.speaker)
        or s.get("Source") in (sources.get(devices.monitor), sources.get(devices.mic))
    ]
    return {
        "streams": streams,
        devices.speaker: device_latency(devices.speaker),
        devices.mic: device_latency(devices.mic),
    }


@dataclass
class Result:
    """A configuration over several opens."""

    config: str
    runs: list[Run] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def good(self) -> list[Run]:
        return [r for r in self.runs if not r.problem]

    def summary(self) -> dict[str, Any]:
        good = self.good
        pooled = [ms for r in good for ms in r.client_ms]
        return {
            "client_ms": stats(pooled),
            "per_open_p50_ms": [round(float(np.median(r.client_ms)), 1) for r in good],
            "per_open_spread_ms": [round(float(np.ptp(r.client_ms)), 1) for r in good],
            "lost": sum(r.lost for r in good),
            "xruns": sum(r.xruns for r in good),
            "starved": sum(r.starved for r in good),
            "dropped": sum(r.dropped for r in good),
            "fifo_wait_ms": stats([ms for r in good for ms in r.residence_ms]),
            "portaudio_estimate_ms": stats([ms for r in good for ms in r.estimate_ms]),
            "reported_ms": good[0].reported_ms if good else {},
            "opens": len(good),
            "failed_opens": self.failures + [r.problem for r in self.runs if r.problem],
        }


def run(
    sd: Any, config: ClientConfig, devices: Devices, modules: PulseModules, repeats: int
) -> Result:
    """``repeats`` good opens of ``config`` (at most twice as many tries)."""
    result = Result(config.name)
    for _ in range(2 * repeats):
        if len(result.good) >= repeats:
            break
        try:
            one = run_once(sd, config, devices, modules)
        except Exception as exc:  # a PortAudio duplex stream may die; that is a finding too
            result.failures.append(f"{type(exc).__name__}: {exc}")
            print(f"  {config.name}: {result.failures[-1]}", file=sys.stderr)
            continue
        result.runs.append(one)
        if one.problem:
            print(f"  {config.name}: {one.problem}", file=sys.stderr)
    return result


# ------------------------------------------------------------------------------ clocks
def clock_check(sd: Any, devices: Devices, seconds: float = 4.0) -> dict[str, Any]:
    """Which clock PortAudio's stream times are on, and how far its ADC time can be trusted.

    The microphone's latency as PulseAudio reports it (which PortAudio's ALSA backend turns
    into ``inputBufferAdcTime``) is that of the null sink behind it, which idles at 2 s and
    takes about a second to come down once streams run; so it is reported early and late.
    """
    rows: queue.SimpleQueue[tuple[float, float, float, float]] = queue.SimpleQueue()

    def callback(indata: Any, frames: int, info: Any, status: Any) -> None:
        rows.put((info.currentTime, info.inputBufferAdcTime, time.monotonic(), time.time()))

    with environment(PULSE_SOURCE=devices.mic):
        stream = sd.InputStream(
            device="pulse",
            samplerate=RATE,
            channels=1,
            blocksize=BLOCK,
            latency="low",
            callback=callback,
        )
    with stream:
        started = time.monotonic()
        time.sleep(seconds)
        pairs = [(stream.time, time.time()) for _ in range(20)]
    data = np.array([rows.get() for _ in range(rows.qsize())])
    elapsed = data[:, 2] - data[0, 2]
    to_wall = data[:, 0] - data[:, 3]
    adc_lag = (data[:, 0] - data[:, 1]) * 1000

    def lag(mask: np.ndarray) -> float:
        return round(float(np.median(adc_lag[mask])), 1) if mask.any() else float("nan")

    return {
        "currentTime - time.monotonic() (s)": round(float(np.median(data[:, 0] - data[:, 2])), 1),
        "currentTime - time.time(): median, spread (ms)": [
            round(float(np.median(to_wall) * 1000), 3),
            round(float(np.ptp(to_wall) * 1000), 3),
        ],
        "stream.time - time.time() (ms)": round(
            float(np.median([a - b for a, b in pairs]) * 1000), 3
        ),
        "currentTime - inputBufferAdcTime, first 0.5 s / after 1.5 s (ms)": [
            lag(elapsed < 0.5),
            lag(elapsed > 1.5),
        ],
        "stream.latency (ms)": round(stream.latency * 1000, 1),
        "first callback after start (s)": round(float(data[0, 2] - started), 2),
    }


# ------------------------------------------------------------------------------ main
def table(results: list[Result]) -> str:
    head = (
        f"{'configuration':26} {'p50':>6} {'p90':>6} {'max':>6} {'opens (p50 each)':>22} "
        f"{'fifo':>5} {'PA est':>6} {'xrun':>4} {'gap':>4} {'drop':>4}  reported in/out"
    )
    lines = [head, "-" * len(head)]
    nan = float("nan")
    for r in results:
        s = r.summary()
        c = s["client_ms"]
        if not c:
            lines.append(f"{r.config:26} not measured: {'; '.join(s['failed_opens'])[:120]}")
            continue
        reported = "/".join(f"{v:g}" for v in s["reported_ms"].values()) or "-"
        opens = " ".join(f"{v:g}" for v in s["per_open_p50_ms"])
        lines.append(
            f"{r.config:26} {c['p50']:6.1f} {c['p90']:6.1f} {c['max']:6.1f} {opens:>22} "
            f"{s['fifo_wait_ms'].get('p50', nan):5.1f} "
            f"{s['portaudio_estimate_ms'].get('p50', nan):6.1f} {s['xruns']:4d} "
            f"{s['starved']:4d} {s['dropped']:4d}  {reported}"
            + (f"  ({len(s['failed_opens'])} opens failed)" if s["failed_opens"] else "")
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("configs", nargs="*", help="configuration names (default: all)")
    parser.add_argument("--list", action="store_true", help="list the configurations")
    parser.add_argument("--clock", action="store_true", help="only compare the clocks")
    parser.add_argument("--json", help="write every figure to this file")
    parser.add_argument("--repeats", type=int, default=3, help="opens per configuration")
    args = parser.parse_args(argv)

    if args.list:
        for c in CONFIGS:
            print(f"{c.name:26} {c.note}")
        return 0
    unknown = set(args.configs) - {c.name for c in CONFIGS}
    if unknown:
        parser.error(f"unknown configuration(s): {', '.join(sorted(unknown))}")
    chosen = [c for c in CONFIGS if not args.configs or c.name in args.configs]

    # SIGTERM unwinds like Ctrl+C, so the finally below unloads what was loaded.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    modules = PulseModules()
    try:
        devices = modules.devices()
        import sounddevice as sd  # only once PulseAudio is known to be reachable

        clocks = clock_check(sd, devices)
        print("clocks:", json.dumps(clocks, indent=2))
        if args.clock:
            return 0
        results = []
        for config in chosen:
            print(f"measuring {config.name} ...", file=sys.stderr)
            results.append(run(sd, config, devices, modules, args.repeats))
        print(table(results))
        if args.json:
            with open(args.json, "w") as file:
                json.dump(
                    {
                        "clocks": clocks,
                        "devices": asdict(devices),
                        "meter": {"blocksize": METER_BLOCK, "latency": METER_LATENCY},
                        "results": [
                            {"config": r.config, **r.summary(), "runs": [asdict(x) for x in r.runs]}
                            for r in results
                        ],
                    },
                    file,
                    indent=2,
                )
        return 0
    finally:
        modules.close()


if __name__ == "__main__":
    sys.exit(main())
