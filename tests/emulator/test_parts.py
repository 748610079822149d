"""The emulator's building blocks, without a network: JPEG, wire format, VAD, audio, certs."""

from __future__ import annotations

import datetime as dt
import os
import ssl
import stat
import sys
import threading

import numpy as np
import pytest
from cryptography import x509

from live_desktop.emulator import audio, certs, models, wire
from live_desktop.emulator.jpeg import InvalidJpeg, jpeg_size
from live_desktop.emulator.vad import SpeechDetector, SpeechEnded, SpeechStarted, VadSettings
from tests.conftest import leak_problems
from tests.emulator.helpers import SMALL_JPEG, silence, speech

# --- JPEG -----------------------------------------------------------------------------------


def test_jpeg_size_reads_the_sof_header():
    assert jpeg_size(SMALL_JPEG) == (64, 36)
    assert jpeg_size(SMALL_JPEG + b"\x00\x00") == (64, 36)  # zero padding after EOI


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"GIF89a" + bytes(20),
        SMALL_JPEG[:-2],  # no EOI
        b"\xff\xd8\xff\xda\x00\x02\xff\xd9",  # scan before any SOF
        b"\xff\xd8\xff\xe0\x00\x40\xff\xd9",  # segment length runs past the end
    ],
)
def test_jpeg_size_rejects_garbage(data):
    with pytest.raises(InvalidJpeg):
        jpeg_size(data)


# --- wire format ----------------------------------------------------------------------------


def test_normalise_snake_cases_keys_but_not_user_data():
    message = {
        "toolResponse": {
            "functionResponses": [{"id": "1", "response": {"tempC": 3, "nestedKey": {"aB": 1}}}]
        },
        "realtimeInputConfig": {"automatic_activity_detection": {"silenceDurationMs": 300}},
    }
    out = wire.normalise(message)
    assert out["tool_response"]["function_responses"][0]["response"] == {
        "tempC": 3,
        "nestedKey": {"aB": 1},
    }
    assert out["realtime_input_config"]["automatic_activity_detection"] == {
        "silence_duration_ms": 300
    }


def test_b64decode_accepts_url_safe_and_standard_padded_or_not():
    data = bytes(range(250, 256)) * 3  # encodes with '+' and '/' in standard base64
    import base64

    standard = base64.b64encode(data).decode()
    urlsafe = base64.urlsafe_b64encode(data).decode()
    assert "/" in standard and "_" in urlsafe
    for text in (standard, urlsafe, urlsafe.rstrip("=")):
        assert wire.b64decode(text) == data
    with pytest.raises(ValueError):
        wire.b64decode("not base64 at all!")


def test_close_reason_is_cut_to_123_bytes_on_a_character_boundary():
    reason = wire.close_reason("é" * 100)  # 200 bytes
    assert len(reason.encode()) <= 123
    assert reason == "é" * 61


def test_duration_strings():
    assert wire.duration(60) == "60s"
    assert wire.duration(0.5) == "0.500s"


# --- model table ----------------------------------------------------------------------------


def test_vertex_model_forms():
    for name in (
        "publishers/google/models/gemini-live-2.5-flash-native-audio",
        "projects/p/locations/us-central1/publishers/google/models/gemini-live-2.5-flash-native-audio",
    ):
        assert models.resolve_model(name, models.VERTEX, "v1beta1").name.endswith("native-audio")
    with pytest.raises(models.SetupRejected):
        models.resolve_model("models/gemini-3.8-live", models.VERTEX, "v1beta1")


def test_gemini_api_rejects_vertex_only_fields():
    spec = models.resolve_model("models/gemini-3.8-live", models.GEMINI, "v1beta")
    for setup in ({"explicit_vad_signal": True}, {"session_resumption": {"transparent": True}}):
        with pytest.raises(models.SetupRejected) as caught:
            models.validate_setup(setup, spec, "v1beta")
        assert caught.value.code == 1007


# --- VAD ------------------------------------------------------------------------------------


def _events(detector: SpeechDetector, pcm: bytes) -> list:
    events = []
    for i in range(0, len(pcm), 640 * 5):
        events += detector.feed(pcm[i : i + 640 * 5])
    return events


def test_vad_trims_the_utterance_to_the_speech():
    events = _events(SpeechDetector(), silence(0.5) + speech(1.2) + silence(0.6))
    assert isinstance(events[0], SpeechStarted)
    assert isinstance(events[1], SpeechEnded)
    assert len(events[1].pcm) / 32000 == pytest.approx(1.2, abs=0.06)


def test_vad_silence_duration_is_honoured():
    pause = silence(0.3)
    pcm = speech(0.4) + pause + speech(0.4) + silence(0.6)
    default = [e for e in _events(SpeechDetector(), pcm) if isinstance(e, SpeechEnded)]
    short = SpeechDetector(VadSettings(silence_duration_ms=200))
    split = [e for e in _events(short, pcm) if isinstance(e, SpeechEnded)]
    assert len(default) == 1  # a 300 ms pause is not the end with the 500 ms default
    assert len(split) == 2


def test_vad_start_sensitivity_and_prefix_padding():
    blip = silence(0.3) + speech(0.08) + silence(0.6)
    high = SpeechDetector(VadSettings(start_sensitivity="START_SENSITIVITY_HIGH"))
    low = SpeechDetector(VadSettings(start_sensitivity="START_SENSITIVITY_LOW"))
    padded = SpeechDetector(VadSettings(prefix_padding_ms=200))
    assert any(isinstance(e, SpeechStarted) for e in _events(high, blip))
    assert not _events(low, blip)
    assert not _events(padded, silence(0.2) + speech(0.15) + silence(0.6))


def test_vad_end_sensitivity_decides_whether_a_quiet_tail_is_still_speech():
    rng = np.random.default_rng(2)
    tail = (rng.standard_normal(16000) * 230).astype("<i2").tobytes()  # about -43 dBFS
    pcm = speech(0.5) + tail + silence(0.6)

    def utterance(settings: VadSettings) -> float:
        ended = [e for e in _events(SpeechDetector(settings), pcm) if isinstance(e, SpeechEnded)]
        return len(ended[0].pcm) / 32000

    assert utterance(VadSettings()) == pytest.approx(1.5, abs=0.1)
    assert utterance(VadSettings(end_sensitivity="END_SENSITIVITY_HIGH")) == pytest.approx(
        0.5, abs=0.05
    )


def test_vad_ignores_quiet_noise_and_flush_ends_speech():
    noise = (np.random.default_rng(1).standard_normal(16000) * 60).astype("<i2").tobytes()
    detector = SpeechDetector()
    assert not _events(detector, noise)
    assert detector.flush() is None
    _events(detector, speech(0.5))
    ended = detector.flush()
    assert ended is not None and len(ended.pcm) / 32000 == pytest.approx(0.5, abs=0.05)


# --- audio ----------------------------------------------------------------------------------


def test_rate_from_mime():
    assert audio.rate_from_mime("audio/pcm;rate=48000") == 48000
    assert audio.rate_from_mime("audio/pcm") == 16000


@pytest.mark.parametrize("resampler_type", [audio.StreamResampler, audio.LinearStreamResampler])
def test_stream_resamplers_keep_pitch_and_length(resampler_type):
    t = np.arange(16000) / 16000
    tone = (np.sin(2 * np.pi * 440 * t) * 10000).astype("<i2").tobytes()
    resampler = resampler_type(16000, 24000)
    out = b"".join(resampler.process(tone[i : i + 333]) for i in range(0, len(tone), 333))
    y = np.frombuffer(out, dtype="<i2").astype(float)
    assert len(y) == pytest.approx(24000, abs=800)
    peak = np.argmax(np.abs(np.fft.rfft(y))) * 24000 / len(y)
    assert peak == pytest.approx(440, abs=3)


def test_chime_has_the_asked_length_and_is_not_silent():
    pcm = audio.chime(1.0)
    assert len(pcm) == 48000
    assert np.abs(np.frombuffer(pcm, dtype="<i2")).max() > 3000


# --- certificates ---------------------------------------------------------------------------


def test_certificate_is_made_once_and_trusted(tmp_path):
    pair = certs.ensure_certificate(tmp_path)
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(pair.key_path).st_mode) == 0o600
    first = pair.cert_path.read_bytes()
    assert certs.ensure_certificate(tmp_path).cert_path.read_bytes() == first
    cert = x509.load_pem_x509_certificate(first)
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert "localhost" in san.get_values_for_type(x509.DNSName)
    assert {str(ip) for ip in san.get_values_for_type(x509.IPAddress)} >= {"127.0.0.1", "::1"}
    ctx = ssl.create_default_context(cafile=str(pair.cert_path))  # loads as a trust anchor
    assert ctx.cert_store_stats()["x509_ca"] == 1


def test_certificate_is_regenerated_when_unreadable_or_expired(tmp_path, monkeypatch):
    pair = certs.ensure_certificate(tmp_path)
    original = pair.cert_path.read_bytes()
    pair.cert_path.write_text("garbage")
    assert certs.ensure_certificate(tmp_path).cert_path.read_bytes() != original
    renewed = pair.cert_path.read_bytes()
    # Pretend it is two years later: the certificate has expired and is replaced.
    later = dt.datetime.now(dt.UTC) + certs.VALIDITY + dt.timedelta(days=1)
    monkeypatch.setattr(certs, "_now", lambda: later)
    assert certs.ensure_certificate(tmp_path).cert_path.read_bytes() != renewed


def test_certificate_dir_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(certs.ENV_DIR, str(tmp_path / "x"))
    assert certs.default_dir() == tmp_path / "x"
    monkeypatch.delenv(certs.ENV_DIR)
    assert certs.default_dir().name == "emulator"


# --- the leak check itself -------------------------------------------------------------------


def test_leak_check_reports_a_non_daemon_thread():
    before = set(threading.enumerate())
    release = threading.Event()
    thread = threading.Thread(target=release.wait, name="leaky", daemon=False)
    thread.start()
    try:
        assert leak_problems(before, grace_s=0.05) == ["threads left running: ['leaky']"]
    finally:
        release.set()
        thread.join()
    assert leak_problems(before, grace_s=0.05) == []
