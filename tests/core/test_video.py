"""Video logic without devices: the size sent, JPEG quality bounds, pacing, change detection,
the indicator text and the compression rule for video sessions."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from live_desktop.core.settings import Settings, VideoSettings, check_settings
from live_desktop.core.video import (
    VIDEO_NEEDS_COMPRESSION,
    VIDEO_USES_COMPRESSION,
    ChangeDetector,
    SendPacer,
    VideoStatus,
    check_jpeg_quality,
    compression_note,
    fit_within,
    format_send_rate,
)

# ------------------------------------------------------------------------------------ sizes


@pytest.mark.parametrize(
    ("size", "max_side", "expected"),
    [
        ((1920, 1080), 768, (768, 432)),  # landscape 16:9
        ((1080, 1920), 768, (432, 768)),  # portrait
        ((1000, 1000), 768, (768, 768)),  # square
        ((1281, 721), 768, (768, 432)),  # odd sizes round to the nearest pixel
        ((641, 481), 640, (640, 480)),
        ((3840, 2160), 1536, (1536, 864)),  # screen text at the largest setting
        ((4000, 3), 768, (768, 1)),  # a sliver stays at least one pixel high
        ((3, 4000), 768, (1, 768)),
    ],
)
def test_large_frames_shrink_to_the_longest_side(size, max_side, expected):
    assert fit_within(*size, max_side) == expected


@pytest.mark.parametrize("size", [(640, 480), (768, 432), (432, 768), (767, 1), (1, 1)])
def test_small_frames_are_never_enlarged(size):
    assert fit_within(*size, 768) == size


def test_aspect_ratio_is_kept_within_a_pixel_for_every_shape():
    rng = np.random.default_rng(4)
    for width, height in rng.integers(1, 5000, size=(500, 2)):
        w, h = fit_within(int(width), int(height), 768)
        assert max(w, h) == min(768, max(width, height))
        if width >= height:
            assert abs(h - height * w / width) <= 0.5 + 1e-9 or h == 1
        else:
            assert abs(w - width * h / height) <= 0.5 + 1e-9 or w == 1


@pytest.mark.parametrize(("w", "h", "side"), [(0, 10, 768), (10, -1, 768), (10, 10, 0)])
def test_impossible_sizes_are_refused(w, h, side):
    with pytest.raises(ValueError):
        fit_within(w, h, side)


# --------------------------------------------------------------------------------- quality


@pytest.mark.parametrize("quality", [10, 11, 85, 100])
def test_jpeg_qualities_the_app_offers_are_accepted(quality):
    assert check_jpeg_quality(quality) == quality
    assert VideoSettings(jpeg_quality=quality).jpeg_quality == quality


@pytest.mark.parametrize("quality", [9, 0, -1, 101, 50.5, True])
def test_jpeg_qualities_outside_10_to_100_are_refused(quality):
    with pytest.raises(ValueError, match="10 to 100"):
        check_jpeg_quality(quality)


@pytest.mark.parametrize("quality", [9, 101])
def test_settings_refuse_the_same_qualities(quality):
    with pytest.raises(ValidationError):
        VideoSettings(jpeg_quality=quality)


def test_video_settings_defaults_follow_the_service_advice():
    video = VideoSettings()
    assert (video.send_fps, video.max_side, video.skip_unchanged) == (1.0, 768, False)
    with pytest.raises(ValidationError):
        VideoSettings(max_side=1537)
    with pytest.raises(ValidationError):
        VideoSettings(send_fps=2.5)
    assert VideoSettings(max_side=1536, send_fps=0.2).max_side == 1536


def test_screen_region_needs_an_area():
    assert VideoSettings(screen_region=(10, 20, 300, 200)).screen_region == (10, 20, 300, 200)
    for bad in [(0, 0, 0, 100), (-1, 0, 10, 10), (0, 0, 10, 0)]:
        with pytest.raises(ValidationError):
            VideoSettings(screen_region=bad)


# ---------------------------------------------------------------------------------- pacing


def test_the_first_frame_is_due_at_once_then_one_per_period():
    pacer = SendPacer(1.0, start=100.0)
    assert pacer.wait_time(100.0) == 0
    pacer.advance(100.0)
    assert pacer.wait_time(100.0) == pytest.approx(1.0)
    assert pacer.wait_time(100.4) == pytest.approx(0.6)


def test_late_wake_ups_do_not_drift():
    pacer = SendPacer(1.0, start=0.0)
    now = 0.0
    for _ in range(100):
        now = pacer.next_due + 0.03  # every wake-up 30 ms late
        pacer.advance(now)
    assert pacer.next_due == pytest.approx(100.0)  # still on the 1 s grid


def test_a_stall_skips_missed_slots_instead_of_sending_a_burst():
    pacer = SendPacer(2.0, start=0.0)
    pacer.advance(0.0)
    pacer.advance(3.2)  # the thread was stuck for 3 s
    assert pacer.next_due == pytest.approx(3.5)  # the next slot on the grid, not 1.0
    assert pacer.wait_time(3.2) > 0


def test_changing_the_rate_applies_from_the_next_frame():
    pacer = SendPacer(0.2, start=0.0)
    pacer.advance(0.0)  # next due at 5.0
    pacer.set_fps(2.0, now=0.1)
    assert pacer.next_due == pytest.approx(0.5)
    pacer.advance(0.5)
    assert pacer.next_due == pytest.approx(1.0)
    pacer.set_fps(0.5, now=1.2)  # slower: two seconds after the last frame sent
    assert pacer.next_due == pytest.approx(2.5)


def test_a_faster_rate_long_after_the_last_frame_sends_at_once():
    pacer = SendPacer(0.2, start=0.0)
    pacer.advance(0.0)
    pacer.set_fps(2.0, now=4.0)
    assert pacer.wait_time(4.0) == 0


@pytest.mark.parametrize("fps", [0.1, 0, 2.01])
def test_rates_outside_the_offered_range_are_refused(fps):
    with pytest.raises(ValueError):
        SendPacer(fps, start=0.0)


# -------------------------------------------------------------------------------- changes


def _scene(seed: int = 1) -> np.ndarray:
    return np.random.default_rng(seed).integers(40, 200, size=(36, 64), dtype=np.uint8)


def test_the_first_frame_and_real_changes_count_as_changed():
    detector = ChangeDetector()
    scene = _scene()
    assert detector.changed(scene)
    detector.mark_sent(scene)
    moved = scene.copy()
    moved[10:14, 20:26] += 40  # a word typed, a hand raised
    assert detector.changed(moved)


def test_noise_and_identical_frames_count_as_unchanged():
    detector = ChangeDetector()
    scene = _scene()
    detector.mark_sent(scene)
    assert not detector.changed(scene.copy())
    noise = np.random.default_rng(2).integers(-3, 4, size=scene.shape)
    assert not detector.changed((scene + noise).astype(np.uint8))


def test_a_new_size_or_a_reset_counts_as_changed():
    detector = ChangeDetector()
    detector.mark_sent(_scene())
    assert detector.changed(np.zeros((48, 64), np.uint8))
    detector.reset()
    assert detector.changed(_scene())


def test_slow_drift_is_sent_once_it_adds_up():
    detector = ChangeDetector(threshold=8)
    scene = _scene()
    detector.mark_sent(scene)
    for step in range(1, 20):
        drifted = np.clip(scene.astype(int) + step, 0, 255).astype(np.uint8)
        if detector.changed(drifted):
            break
    assert step == 9  # compared with the frame sent, not with the previous frame


# --------------------------------------------------------------------------------- status


@pytest.mark.parametrize(
    ("fps", "text"),
    [
        (1.0, "1 frame/s"),
        (2.0, "2 frames/s"),
        (1.5, "1.5 frames/s"),
        (0.5, "1 frame every 2 s"),
        (0.2, "1 frame every 5 s"),
    ],
)
def test_send_rate_is_said_plainly(fps, text):
    assert format_send_rate(fps) == text


def test_indicator_shows_rate_and_counts_only_while_sending():
    assert VideoStatus(source="camera", sending=False).indicator == ""
    status = VideoStatus(source="camera", sending=True, frames_sent=12)
    assert status.indicator == "Sending 1 frame/s · 12 sent"
    skipping = VideoStatus(
        source="screen", sending=True, frames_sent=4, frames_skipped=7, skip_unchanged=True
    )
    assert skipping.indicator == "Sending 1 frame/s · 4 sent · 7 unchanged skipped"


# ----------------------------------------------------------------------------- compression


def test_video_sessions_use_context_compression_by_default():
    settings = Settings()
    settings.video.source = "camera"
    assert settings.session.context_compression
    config = settings.to_live_connect_config()
    assert config.context_window_compression is not None
    assert not [p for p in check_settings(settings) if p.setting == "session.context_compression"]


def test_turning_compression_off_with_video_warns_about_the_two_minute_limit():
    settings = Settings()
    settings.session.context_compression = False
    assert not check_settings(settings)  # audio only: 15 minutes, no warning
    settings.video.source = "screen"
    (problem,) = check_settings(settings)
    assert problem.severity == "warning"
    assert problem.setting == "session.context_compression"
    assert "2 minutes" in problem.message and "compression" in problem.message
    settings.to_live_connect_config()  # a warning, not a refusal


def test_the_ui_note_says_why_compression_is_on():
    assert compression_note(False, True) is None
    assert compression_note(True, True) == VIDEO_USES_COMPRESSION
    assert "2 minutes" in VIDEO_USES_COMPRESSION
    assert compression_note(True, False) == VIDEO_NEEDS_COMPRESSION
