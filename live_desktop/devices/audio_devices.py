"""Which microphones and speakers exist, by name, and how to open one.

Settings store a device by *name*, never by PortAudio index: indices change whenever a device is
plugged in or the machine restarts. ``None`` means "the system default", which follows the user's
choice in the OS sound settings.

On Linux, PortAudio reaches PulseAudio (or PipeWire's PulseAudio server) only through ALSA's
``pulse``/``default`` PCMs, which always mean "the default device". So there we also list the
PulseAudio sinks and sources themselves (through ``pactl``) and open a chosen one by setting
``PULSE_SINK``/``PULSE_SOURCE`` for the moment the stream is opened: libpulse reads them when the
ALSA plugin creates its context, so each stream gets its own device and nothing global changes.

The ALSA ``pulse`` PCM as distributions configure it reports every underrun to PortAudio, and its
recovery then stops the stream's callbacks for two seconds (measured: 2.00 s after each of dozens
of forced underruns, whatever the block size or latency). One late callback, which a Python app
cannot rule out, would cut the model's voice for two seconds. So before PortAudio loads, this
module adds its own PCM, ``live_desktop``: the same plugin with ``handle_underrun false``, which
lets PulseAudio play silence through a late callback and carry on (no pause in the same test).
It is added through ``ALSA_CONFIG_PATH`` (the standard ALSA configuration first), so nothing on
the machine changes, and the app opens PulseAudio devices through it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Literal

log = logging.getLogger(__name__)

Kind = Literal["input", "output"]

#: Serialises stream opening: the PULSE_* variables are process-wide for that moment.
_open_lock = threading.RLock()


class AudioUnavailable(RuntimeError):
    """PortAudio itself cannot be loaded (no library, no sound system)."""


#: Our ALSA PCM: PulseAudio without the plugin's two-second underrun recovery (see above).
PULSE_PCM = "live_desktop"
_ALSA_DEFAULT_CONFIG = "/usr/share/alsa/alsa.conf"  # alsa-lib's built-in default path
_ALSA_CONFIG = f"""# Written by Live Desktop; on ALSA_CONFIG_PATH in its own process only.
pcm.{PULSE_PCM} {{
    type pulse
    handle_underrun false
    hint {{ show off }}
}}
"""


def add_alsa_pcm(directory: str | None = None) -> str | None:
    """Make ALSA define :data:`PULSE_PCM` in this process; call before PortAudio loads.

    Returns the config file used, or None where it does not apply (not Linux, PortAudio already
    loaded, no standard ALSA configuration to extend, nowhere to write).
    """
    if not sys.platform.startswith("linux") or "sounddevice" in sys.modules:
        return None
    current = os.environ.get("ALSA_CONFIG_PATH", "")
    if PULSE_PCM in current:
        return None  # already done (a child process inherits it)
    base = current or (_ALSA_DEFAULT_CONFIG if os.path.isfile(_ALSA_DEFAULT_CONFIG) else "")
    if not base:
        log.info("no ALSA configuration at %s; not adding %s", _ALSA_DEFAULT_CONFIG, PULSE_PCM)
        return None
    if directory is None:
        import platformdirs

        from live_desktop import APP_ID

        directory = platformdirs.user_cache_dir(APP_ID)
    path = os.path.join(directory, f"alsa-{PULSE_PCM}.conf")
    try:
        os.makedirs(directory, exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(_ALSA_CONFIG)
    except OSError as exc:
        log.warning("could not write %s (%s); PulseAudio underruns will pause 2 s", path, exc)
        return None
    os.environ["ALSA_CONFIG_PATH"] = f"{base}:{path}"
    return path


def sounddevice() -> ModuleType:
    """Import sounddevice lazily: importing it initialises PortAudio, which lists devices once.

    A missing PortAudio library becomes :class:`AudioUnavailable` with a sentence for people.
    """
    add_alsa_pcm()
    try:
        import sounddevice as sd
    except OSError as exc:  # "PortAudio library not found"
        raise AudioUnavailable(
            "The sound system could not be loaded (PortAudio is missing); voice is unavailable."
        ) from exc
    return sd


@dataclass(frozen=True, slots=True)
class AudioDevice:
    """One microphone or speaker as the settings and the device menu see it."""

    name: str  # stored in settings; the PulseAudio name or the PortAudio device name
    label: str  # what people read
    kind: Kind
    is_default: bool
    rate: int  # native sample rate: opening at it avoids a resampler in the sound server
    channels: int
    pulse: bool = False  # opened through PortAudio's "pulse" PCM with PULSE_SINK/PULSE_SOURCE
    portaudio_index: int | None = None
    monitor: bool = False  # a PulseAudio monitor source (what a speaker plays)


def _pactl(*args: str) -> str | None:
    exe = shutil.which("pactl")
    if exe is None:
        return None
    try:
        done = subprocess.run(
            [exe, *args],
            capture_output=True,
            text=True,
            timeout=3,
            env={**os.environ, "LC_ALL": "C"},
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _parse_pactl_list(text: str, header: str) -> list[dict[str, str]]:
    """Parse ``pactl list sinks|sources`` (LC_ALL=C) into dicts of the fields we use."""
    items: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if raw.startswith(header + " #"):
            current = {}
            items.append(current)
            continue
        if current is None or ":" not in line or raw.startswith("\t\t"):
            continue
        key, _, value = line.partition(":")
        if key in ("Name", "Description", "Sample Specification", "Monitor of Sink"):
            current[key] = value.strip()
    return items


def _spec(spec: str) -> tuple[int, int]:
    """'s16le 2ch 48000Hz' → (48000, 2)."""
    rate, channels = 48000, 2
    for part in spec.split():
        if part.endswith("Hz") and part[:-2].isdigit():
            rate = int(part[:-2])
        elif part.endswith("ch") and part[:-2].isdigit():
            channels = int(part[:-2])
    return rate, channels


def _pulse_index(sd: ModuleType) -> int | None:
    """PortAudio's index of our PulseAudio PCM, or of the stock ``pulse`` one without it."""
    if not sys.platform.startswith("linux"):
        return None
    found: dict[str, int] = {}
    for index, info in enumerate(sd.query_devices()):
        if info["name"] in (PULSE_PCM, "pulse"):
            found.setdefault(str(info["name"]), index)
    return found.get(PULSE_PCM, found.get("pulse"))


def pulse_names(kind: Kind) -> set[str] | None:
    """Names of the PulseAudio sinks or sources now (None: no pactl or no server)."""
    text = _pactl("list", "short", "sinks" if kind == "output" else "sources")
    if text is None:
        return None
    return {line.split("\t")[1] for line in text.splitlines() if line.count("\t") >= 1}


def _pulse_devices(kind: Kind, pulse_index: int) -> list[AudioDevice]:
    what = "sinks" if kind == "output" else "sources"
    text = _pactl("list", what)
    if text is None:
        return []
    info = _pactl("info") or ""
    default = ""
    for line in info.splitlines():
        if line.startswith("Default Sink:" if kind == "output" else "Default Source:"):
            default = line.split(":", 1)[1].strip()
    devices = []
    for item in _parse_pactl_list(text, "Sink" if kind == "output" else "Source"):
        name = item.get("Name")
        if not name:
            continue
        rate, channels = _spec(item.get("Sample Specification", ""))
        monitor = item.get("Monitor of Sink", "n/a") != "n/a"
        devices.append(
            AudioDevice(
                name=name,
                label=item.get("Description") or name,
                kind=kind,
                is_default=name == default,
                rate=rate,
                channels=channels,
                pulse=True,
                portaudio_index=pulse_index,
                monitor=monitor,
            )
        )
    return devices


def list_devices(kind: Kind, *, include_monitors: bool = False) -> list[AudioDevice]:
    """Every device of ``kind``, the default first. Empty if there is no sound system."""
    try:
        sd = sounddevice()
    except AudioUnavailable:
        return []
    channels_key = "max_input_channels" if kind == "input" else "max_output_channels"
    try:
        infos = list(sd.query_devices())
        default_index = sd.default.device[0 if kind == "input" else 1]
    except Exception:  # PortAudioError: no devices at all
        log.exception("listing %s devices failed", kind)
        return []
    devices: list[AudioDevice] = []
    pulse_index = _pulse_index(sd)
    if pulse_index is not None:
        devices = [
            d for d in _pulse_devices(kind, pulse_index) if include_monitors or not d.monitor
        ]
    seen = {d.name for d in devices}
    for index, info in enumerate(infos):
        if info[channels_key] <= 0:
            continue
        name = str(info["name"])
        # With PulseAudio listed device by device, ALSA's catch-all PCMs would only repeat
        # "the default"; hardware PCMs stay (they work when no sound server holds the card).
        if name == PULSE_PCM or (
            devices and name in ("pulse", "default", "sysdefault", "pipewire")
        ):
            continue
        if name in seen:
            continue
        seen.add(name)
        devices.append(
            AudioDevice(
                name=name,
                label=name,
                kind=kind,
                is_default=index == default_index and not devices,
                rate=int(info["default_samplerate"]),
                channels=int(info[channels_key]),
                portaudio_index=index,
            )
        )
    devices.sort(key=lambda d: not d.is_default)
    return devices


def default_device(kind: Kind) -> AudioDevice | None:
    """The system default, as a device (what ``None`` in settings means)."""
    try:
        sd = sounddevice()
        index = sd.default.device[0 if kind == "input" else 1]
        if index is None or index < 0:
            return None
        info = sd.query_devices(index)
    except Exception:
        return None
    for device in list_devices(kind):
        if device.is_default:
            if device.pulse:
                # Open "the default" without naming a device (so it follows the OS choice
                # live), at the default PulseAudio device's native rate, through our PCM when
                # there is one (ALSA's "default" is the stock pulse PCM, with its 2 s pauses).
                return AudioDevice(
                    name=device.name,
                    label=device.label,
                    kind=kind,
                    is_default=True,
                    rate=device.rate,
                    channels=device.channels,
                    pulse=False,
                    portaudio_index=device.portaudio_index
                    if _is_our_pcm(sd, device.portaudio_index)
                    else int(index),
                )
            return device
    key = "max_input_channels" if kind == "input" else "max_output_channels"
    return AudioDevice(
        name=str(info["name"]),
        label=str(info["name"]),
        kind=kind,
        is_default=True,
        rate=int(info["default_samplerate"]),
        channels=int(info[key]),
        portaudio_index=int(index),
    )


def _is_our_pcm(sd: ModuleType, index: int | None) -> bool:
    if index is None:
        return False
    try:
        return bool(sd.query_devices(index)["name"] == PULSE_PCM)
    except Exception:
        return False


def find_device(kind: Kind, name: str) -> AudioDevice | None:
    """The device called ``name`` (exact, then case-insensitive label match), or None."""
    devices = list_devices(kind, include_monitors=True)
    for device in devices:
        if device.name == name:
            return device
    folded = name.casefold()
    for device in devices:
        if device.label.casefold() == folded:
            return device
    return None


def describe_available(kind: Kind) -> tuple[str, ...]:
    return tuple(d.label for d in list_devices(kind))


@contextlib.contextmanager
def _env(var: str, value: str | None) -> Iterator[None]:
    if value is None:
        yield
        return
    old = os.environ.get(var)
    os.environ[var] = value
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(var, None)
        else:
            os.environ[var] = old


@contextlib.contextmanager
def opening(device: AudioDevice, *, low_latency_ms: int | None = None) -> Iterator[Any]:
    """Context for opening a stream on ``device``; yields the PortAudio device index.

    ``low_latency_ms`` asks libpulse (through PULSE_LATENCY_MSEC, read when ALSA's pulse plugin
    connects) for that much buffer: it holds the server-side latency steady with PortAudio
    choosing the block size. Ignored where PulseAudio is not in the path.
    """
    var = "PULSE_SINK" if device.kind == "output" else "PULSE_SOURCE"
    latency = str(low_latency_ms) if low_latency_ms and sys.platform.startswith("linux") else None
    with (
        _open_lock,
        _env(var, device.name if device.pulse else None),
        _env("PULSE_LATENCY_MSEC", latency),
    ):
        yield device.portaudio_index
