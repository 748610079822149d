"""PlaybackBuffer: what a listener hears when the network is fast, slow, stalling or cut off."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from live_desktop.core.audio.playback import PlaybackBuffer, PlaybackState

RATE = 24000
BLOCK = 240  # 10 ms callbacks


def ramp(n: int, start: int = 1) -> np.ndarray:
    """Distinct, never-zero samples, so order and silence are both visible."""
    return ((np.arange(start, start + n) % 30000) + 1).astype(np.int16)


def ms(x: float) -> int:
    return int(x * RATE / 1000)


def simulate_turn(
    buf: PlaybackBuffer,
    arrivals: list[tuple[int, np.ndarray]],
    *,
    end_of_turn: bool = True,
    tail_blocks: int = 50,
) -> np.ndarray:
    """Play one turn in simulated time: pushes land at their sample time, reads every 10 ms."""
    out = []
    pending = list(arrivals)
    t = 0
    while pending or buf.state is not PlaybackState.IDLE:
        while pending and pending[0][0] <= t:
            buf.push(pending.pop(0)[1], received_at=t / RATE)
            if not pending and end_of_turn:
                buf.end_of_turn()
        out.append(buf.read(BLOCK, dac_time=t / RATE))
        t += BLOCK
        if not pending and not end_of_turn and buf.buffered_samples == 0:
            break
        assert t < RATE * 600, "turn never finished"
    out.extend(buf.read(BLOCK) for _ in range(tail_blocks))
    return np.concatenate(out)


def test_a_burst_plays_in_order_without_underruns() -> None:
    buf = PlaybackBuffer(RATE)
    audio = ramp(RATE * 5)
    chunks = np.array_split(audio, 50)
    # 5 s of audio arrives within the first 100 ms: faster than real time, as the service sends it
    arrivals = [(i * ms(2), c) for i, c in enumerate(chunks)]
    out = simulate_turn(buf, arrivals)
    heard = out[out != 0]
    assert np.array_equal(heard, audio)
    assert buf.underruns == 0
    assert buf.played_samples == audio.size == buf.turn_played_samples
    assert out[0] != 0, "no pre-buffer delay while audio arrives ahead of real time"
    assert buf.state is PlaybackState.IDLE and buf.buffered_ms == 0


def test_slow_arrival_counts_underruns_and_grows_the_prebuffer() -> None:
    buf = PlaybackBuffer(RATE)
    audio = ramp(RATE * 2)
    chunks = np.array_split(audio, 50)  # 40 ms chunks ...
    arrivals = [(i * ms(80), c) for i, c in enumerate(chunks)]  # ... every 80 ms: half speed
    out = simulate_turn(buf, arrivals)
    assert np.array_equal(out[out != 0], audio)  # gaps, but nothing lost or reordered
    assert buf.underruns >= 5
    assert buf.prebuffer_ms == pytest.approx(buf.max_prebuffer_ms)  # each underrun grows it


def stalled_arrivals(
    audio: np.ndarray, rng: np.random.Generator, stall_ms: float = 100
) -> list[tuple[int, np.ndarray]]:
    """40 ms chunks sent in real time; every ~600 ms the network stalls for ``stall_ms`` and then
    delivers the backlog at once (what TCP head-of-line blocking sounds like)."""
    chunks = np.array_split(audio, audio.size // ms(40))
    arrivals = []
    stall_start = int(rng.uniform(ms(100), ms(600)))
    for i, chunk in enumerate(chunks):
        t = i * ms(40)
        if t >= stall_start + ms(stall_ms):
            stall_start += int(rng.uniform(ms(500), ms(700)))
        if stall_start <= t < stall_start + ms(stall_ms):
            t = stall_start + ms(stall_ms)
        arrivals.append((t, chunk))
    return arrivals


def test_a_stalling_network_later_turns_have_fewer_underruns() -> None:
    """100 ms stalls need a cushion of about 100 ms: the pre-buffer climbs there in 20 ms steps,
    one underrun at a time, then holds (5 ms back per clean turn, regrowing if needed)."""
    rng = np.random.default_rng(7)
    buf = PlaybackBuffer(RATE)
    per_turn = []
    for _ in range(10):
        audio = ramp(RATE * 3)
        before = buf.underruns
        out = simulate_turn(buf, stalled_arrivals(audio, rng))
        assert np.array_equal(out[out != 0], audio)
        per_turn.append(buf.underruns - before)
    assert sum(per_turn[:4]) >= 5
    assert sum(per_turn[-5:]) <= 2
    assert 80.0 <= buf.prebuffer_ms <= 200.0  # a cushion about as long as the stalls


def test_the_end_of_a_turn_is_not_an_underrun() -> None:
    buf = PlaybackBuffer(RATE)
    buf.push(ramp(ms(300)))
    buf.end_of_turn()
    buf.end_of_turn()  # generationComplete then turnComplete
    out = np.concatenate([buf.read(BLOCK) for _ in range(60)])
    assert np.count_nonzero(out) == ms(300)
    assert buf.underruns == 0
    assert buf.state is PlaybackState.IDLE and not buf.speaking


def test_running_dry_counts_as_an_underrun_until_the_turn_turns_out_to_have_ended() -> None:
    buf = PlaybackBuffer(RATE)
    buf.push(ramp(ms(100)))
    for _ in range(20):
        buf.read(BLOCK)
    assert buf.underruns == 1  # for all anyone knows, the network is late
    buf.end_of_turn()  # turnComplete arrives after the buffer ran dry, with no more audio
    for _ in range(20):
        buf.read(BLOCK)
    assert buf.underruns == 0
    assert buf.state is PlaybackState.IDLE
    # The model had stopped; the network was not late: no extra delay for the next turn.
    assert buf.prebuffer_ms == 0


@pytest.mark.parametrize(
    ("audio_ms", "late_blocks", "growth_ms"),
    [
        (37.5, 0, 5.0),  # dry for 2.5 ms: the least growth, one output block
        (40.0, 0, 10.0),  # dry for one 10 ms block
        (40.0, 1, 20.0),
        (40.0, 5, 20.0),  # 60 ms late: the most growth per underrun
    ],
)
def test_an_underrun_grows_the_prebuffer_by_how_long_the_buffer_stayed_dry(
    audio_ms: float, late_blocks: int, growth_ms: float
) -> None:
    """Real-time audio with a few ms of jitter should cost a few ms of delay, not 20."""
    buf = PlaybackBuffer(RATE)
    buf.push(ramp(ms(audio_ms)))
    while buf.underruns == 0:
        buf.read(BLOCK)
    for _ in range(late_blocks):
        buf.read(BLOCK)
    assert buf.prebuffer_ms == 0  # nothing decided until the audio is back
    buf.push(ramp(ms(40)))
    buf.read(BLOCK)
    assert buf.prebuffer_ms == pytest.approx(growth_ms)


def test_prebuffer_grows_per_underrun_and_decays_per_clean_turn() -> None:
    buf = PlaybackBuffer(RATE, min_prebuffer_ms=10, max_prebuffer_ms=60)
    assert buf.prebuffer_ms == 10
    for k in range(4):  # each push but the first resumes after 30 ms dry: 10 -> 30 -> 50 -> 60
        buf.push(ramp(ms(200)))
        while buf.underruns == k:
            buf.read(BLOCK)
        for _ in range(3):  # the network is 30 ms late each time
            buf.read(BLOCK)
    buf.push(ramp(ms(100)))  # the fourth late audio: capped
    buf.end_of_turn()
    while buf.state is not PlaybackState.IDLE:
        buf.read(BLOCK)
    assert buf.prebuffer_ms == 60
    for _ in range(9):  # every 3 clean turns in a row give back 5 ms
        buf.push(ramp(ms(100)))
        buf.end_of_turn()
        while buf.state is not PlaybackState.IDLE:
            buf.read(BLOCK)
    assert buf.underruns == 4
    assert buf.prebuffer_ms == pytest.approx(45)
    for _ in range(60):
        buf.push(ramp(ms(20)))
        buf.end_of_turn()
        while buf.state is not PlaybackState.IDLE:
            buf.read(BLOCK)
    assert buf.prebuffer_ms == pytest.approx(10)  # never below the minimum


def test_prebuffer_is_a_cushion_of_time_for_audio_paced_in_real_time() -> None:
    """40 ms chunks every 40 ms: starting once 50 ms were *queued* would leave no cushion just
    before each next chunk; playback starts 50 ms after the audio came instead."""
    buf = PlaybackBuffer(RATE, min_prebuffer_ms=50)
    buf.push(ramp(ms(40)))
    for _ in range(5):  # 10 ms blocks: 50 ms of waiting
        assert not buf.read(BLOCK).any()
    assert buf.read(BLOCK).all()
    assert buf.speaking


def test_prebuffer_adds_no_delay_to_a_burst() -> None:
    buf = PlaybackBuffer(RATE, min_prebuffer_ms=50)
    buf.push(ramp(ms(30)))
    assert not buf.read(BLOCK).any()
    for _ in range(3):  # a burst: 140 ms queued, ahead by more than 50 ms and a chunk
        buf.push(ramp(ms(40)))
    assert buf.read(BLOCK).all()


def test_a_turn_shorter_than_the_prebuffer_plays_at_end_of_turn() -> None:
    buf = PlaybackBuffer(RATE, min_prebuffer_ms=100)
    buf.push(ramp(ms(30)))
    assert not buf.read(BLOCK).any()
    buf.end_of_turn()
    out = np.concatenate([buf.read(BLOCK) for _ in range(5)])
    assert np.count_nonzero(out) == ms(30) and out[0] != 0
    assert buf.underruns == 0


def test_a_turn_shorter_than_the_prebuffer_plays_after_waiting_that_long() -> None:
    """If end_of_turn is late, waiting as long as the pre-buffer itself is the limit."""
    buf = PlaybackBuffer(RATE, min_prebuffer_ms=100)
    buf.push(ramp(ms(30)))
    silent = 0
    while not buf.read(BLOCK).any():
        silent += 1
        assert silent < 50
    assert silent * 10 == pytest.approx(100, abs=10)


def clear_while_reading(buf: PlaybackBuffer) -> tuple[int, int, list[int]]:
    """Clear ``buf`` while another thread reads it like an output callback.

    Returns (dropped, reads begun after clear returned, non-silent samples those reads got).
    """
    cleared = threading.Event()
    stop = threading.Event()
    late_audio: list[int] = []
    reads_after = 0

    def reader() -> None:
        nonlocal reads_after
        while not stop.is_set():
            was_cleared = cleared.is_set()
            block = buf.read(BLOCK)
            if was_cleared:
                reads_after += 1
                late_audio.append(int(np.count_nonzero(block)))
            time.sleep(0)

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        time.sleep(0.002)
        dropped = buf.clear()
        cleared.set()
        deadline = time.monotonic() + 2
        while reads_after < 3 and time.monotonic() < deadline:
            time.sleep(0.001)
    finally:
        stop.set()
        thread.join()
    return dropped, reads_after, late_audio


def test_clear_silences_the_next_read_of_a_concurrent_reader() -> None:
    for _ in range(30):
        buf = PlaybackBuffer(RATE)
        buf.push(np.full(RATE * 60, 1000, np.int16))
        dropped, reads_after, late_audio = clear_while_reading(buf)
        assert reads_after >= 3
        assert not any(late_audio)
        assert dropped > 0
        assert dropped + buf.played_samples == RATE * 60
        assert buf.dropped_samples_on_clear == dropped
        assert buf.state is PlaybackState.IDLE and buf.buffered_ms == 0


def test_every_sample_is_played_dropped_or_still_queued() -> None:
    rng = np.random.default_rng(3)
    buf = PlaybackBuffer(RATE, min_prebuffer_ms=20)
    pushed = 0
    heard = 0
    for step in range(3000):
        action = rng.integers(0, 10)
        if action < 4:
            n = int(rng.integers(1, 3000))
            buf.push(ramp(n))
            pushed += n
        elif action < 9:
            block = buf.read(int(rng.integers(1, 1000)), dac_time=step * 0.01)
            heard += int(np.count_nonzero(block))
        elif rng.random() < 0.3:
            buf.clear()
        else:
            buf.end_of_turn()
    assert heard == buf.played_samples
    assert pushed == buf.played_samples + buf.dropped_samples_on_clear + buf.buffered_samples


def test_dac_times_of_first_and_last_audible_samples() -> None:
    buf = PlaybackBuffer(RATE)
    assert buf.first_audible_dac_time_in_turn is None
    buf.read(BLOCK, dac_time=1.0)
    buf.push(ramp(150), received_at=1.005)
    buf.end_of_turn()
    buf.push(ramp(1000), received_at=1.006)  # the next turn, queued behind
    assert buf.turns_started == 1
    buf.read(BLOCK, dac_time=2.0)
    assert buf.turns_started == 2
    assert buf.first_audible_dac_time_in_turn == pytest.approx(2.0 + 150 / RATE)
    assert buf.first_received_at_in_turn == 1.006
    assert buf.turn_played_samples == BLOCK - 150
    assert buf.last_audible_dac_time == pytest.approx(2.0 + BLOCK / RATE)
    buf.end_of_turn()
    out = buf.read(2000, dac_time=3.0)
    assert np.count_nonzero(out) == 1000 - (BLOCK - 150)
    assert buf.last_audible_dac_time == pytest.approx(3.0 + (1000 - 90) / RATE)
    assert buf.underruns == 0


def test_capacity_bounds_memory() -> None:
    buf = PlaybackBuffer(RATE, capacity_s=1.0)
    buf.push(ramp(RATE))
    buf.push(ramp(RATE // 2))
    assert buf.buffered_samples == RATE
    assert buf.overflow_samples == RATE // 2


def test_read_always_returns_exactly_n_samples() -> None:
    buf = PlaybackBuffer(RATE)
    buf.push(ramp(100))
    for n in (1, 0, 77, 4096):
        block = buf.read(n)
        assert block.shape == (n,) and block.dtype == np.int16


def test_a_turn_that_never_ends_wins_its_pre_buffer_back() -> None:
    """An endless turn (a live echo) that once ran dry must not keep the extra delay for ever."""
    buf = PlaybackBuffer(RATE)
    buf.push(ramp(ms(100)))
    for _ in range(20):
        buf.read(BLOCK)
    buf.push(ramp(BLOCK))  # 190 ms late: the pre-buffer grows by the most, 20 ms
    buf.read(BLOCK)
    assert buf.prebuffer_ms == pytest.approx(20.0)
    for _ in range(ms(61_000) // BLOCK):  # 61 s arriving exactly as fast as it plays
        buf.push(ramp(BLOCK))
        buf.read(BLOCK)
    assert buf.underruns == 1
    assert buf.prebuffer_ms == pytest.approx(0.0)


def test_running_dry_just_before_the_turn_ends_is_no_underrun() -> None:
    """The end message comes some ms after the last audio: that wait is the turn's end, and the
    resampler's tail that comes with it is not late audio."""
    buf = PlaybackBuffer(RATE)
    buf.push(ramp(ms(40)))
    while buf.underruns == 0:
        buf.read(BLOCK)
    buf.read(BLOCK)
    assert buf.end_of_turn(ramp(12)) == 12  # queued: the engine counts it as pushed
    assert buf.end_of_turn(ramp(12)) == 0  # turnComplete after generationComplete: one end
    out = np.concatenate([buf.read(BLOCK) for _ in range(5)])
    assert np.count_nonzero(out) == 12  # the tail still plays
    assert buf.underruns == 0
    assert buf.prebuffer_ms == 0
    assert buf.state is PlaybackState.IDLE


def test_late_audio_then_the_end_is_still_an_underrun() -> None:
    buf = PlaybackBuffer(RATE)
    buf.push(ramp(ms(40)))
    while buf.underruns == 0:
        buf.read(BLOCK)
    buf.push(ramp(ms(40)))  # the network was late: more of the turn came
    buf.end_of_turn()
    while buf.state is not PlaybackState.IDLE:
        buf.read(BLOCK)
    assert buf.underruns == 1


# -- a stale backlog in a turn paced in real time ------------------------------------------------


def clicks_every(n: int, period: int, width: int = ms(5)) -> np.ndarray:
    """Silence with a loud click every ``period`` samples: speech that must survive a trim."""
    audio = np.zeros(n, np.int16)
    for start in range(period // 2, n - width, period):
        audio[start : start + width] = ramp(width, start)
    return audio


def play_paced(buf: PlaybackBuffer, audio: np.ndarray, *, backlog_ms: float, chunk_ms: int = 20):
    """An endless turn paced in real time after a hiccup left ``backlog_ms`` queued.

    Returns what was heard and the queue's depth (ms) at each read."""
    chunk = ms(chunk_ms)
    buf.push(np.zeros(ms(backlog_ms), np.int16))  # what the hiccup left behind
    heard, depth = [], []
    for start in range(0, audio.size, chunk):
        buf.push(audio[start : start + chunk])
        for _ in range(chunk // BLOCK):
            depth.append(buf.buffered_ms)
            heard.append(buf.read(BLOCK))
    return np.concatenate(heard), np.array(depth)


def test_a_stale_backlog_in_an_endless_paced_turn_is_given_back_from_silence_only() -> None:
    buf = PlaybackBuffer(RATE)
    audio = clicks_every(RATE * 30, ms(500))
    heard, depth = play_paced(buf, audio, backlog_ms=60)
    # Every click is heard, whole and in order: nothing but silence was skipped.
    assert np.array_equal(heard[heard != 0], audio[audio != 0])
    assert buf.skipped_samples >= ms(40)
    # Depth is read just after each 20 ms chunk lands: at least 60 ms more than the chunk at
    # first, a block and the 5 ms margin at most at the end.
    assert depth[: ms(20000) // BLOCK].min() >= 60 + 10  # the first 20 s are left alone
    assert depth[-ms(2000) // BLOCK :].min() <= 10 + 5 + BLOCK * 1000 / RATE
    assert buf.underruns == 0


def test_continuous_speech_is_never_trimmed() -> None:
    buf = PlaybackBuffer(RATE)
    tone = (np.sin(np.arange(RATE * 30) * 2 * np.pi * 300 / RATE) * 8000).astype(np.int16)
    heard, _ = play_paced(buf, tone, backlog_ms=60)
    assert buf.skipped_samples == 0
    assert np.array_equal(heard[ms(60) :], tone[: heard.size - ms(60)])


def test_audio_ahead_of_real_time_is_never_trimmed() -> None:
    """The service sends replies faster than they play: all of it is heard, pauses included."""
    buf = PlaybackBuffer(RATE)
    audio = clicks_every(RATE * 10, ms(500))
    for start in range(0, audio.size, ms(200)):  # 10 s arriving in the first second
        buf.push(audio[start : start + ms(200)])
    heard = np.concatenate([buf.read(BLOCK) for _ in range(audio.size // BLOCK)])
    assert buf.skipped_samples == 0
    assert np.array_equal(heard, audio)


def test_a_large_steady_backlog_is_the_service_being_ahead_and_is_kept() -> None:
    buf = PlaybackBuffer(RATE)
    audio = clicks_every(RATE * 30, ms(500))
    play_paced(buf, audio, backlog_ms=400)
    assert buf.skipped_samples == 0


def test_a_reply_is_played_exactly_as_sent_even_with_a_backlog() -> None:
    buf = PlaybackBuffer(RATE)
    audio = clicks_every(RATE * 15, ms(500))
    heard, _ = play_paced(buf, audio, backlog_ms=60)
    assert buf.skipped_samples == 0
    assert np.array_equal(heard[ms(60) :], audio[: heard.size - ms(60)])
