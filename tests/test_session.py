"""A session's record, and when it is saved, on a hand-moved clock."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from backrun_tui.clock import ManualClock
from backrun_tui.model.kinds import Kind
from backrun_tui.model.notation import parse
from backrun_tui.model.session import IntervalOutcome, Status
from backrun_tui.session import SessionRunner
from backrun_tui.store.config import Config

START = datetime(2026, 11, 30, 7, 15, 0, tzinfo=timezone(timedelta(hours=1)))


class Wall:
    def __init__(self, clock: ManualClock) -> None:
        self.clock = clock
        self.t0 = clock.awake()

    def __call__(self) -> datetime:
        return START + timedelta(seconds=round(self.clock.awake() - self.t0))


def runner(notation: str, weight: float | None = 70.0, **kwargs: float) -> SessionRunner:
    clock = ManualClock()
    return SessionRunner(
        workout="Test",
        plan=parse(notation),
        config=Config(weight_kg=weight),
        clock=clock,
        wall=Wall(clock),
        **kwargs,
    )


def clock_of(r: SessionRunner) -> ManualClock:
    clock = r.engine.clock
    assert isinstance(clock, ManualClock)
    return clock


def test_checkpoints_at_every_interval_change_and_every_15_seconds() -> None:
    r = runner("40s back, 40s fwd")
    clock = clock_of(r)
    r.engine.start()
    due = []
    for second in range(81):
        clock.set(1000.0 + second)
        if r.checkpoint_due(r.poll()):
            due.append(second)
    assert due == [0, 15, 30, 40, 55, 70]  # the end is saved as the session file itself


def test_time_scaled_sessions_checkpoint_in_their_own_time() -> None:
    r = runner("1m back", time_scale=10)
    clock = clock_of(r)
    r.engine.start()
    due = []
    for tenth in range(61):
        clock.set(1000.0 + tenth / 10)
        if r.checkpoint_due(r.poll()):
            due.append(tenth)
    assert due == [0, 15, 30, 45, 60]


def test_record_says_what_happened_to_the_second() -> None:
    r = runner('5m warmup @5, 2x(1m back @6 5% "push", 2m fwd @9), 5m cooldown @5')
    clock = clock_of(r)
    r.engine.start()
    clock.advance(300)  # warm-up done
    r.poll()
    clock.advance(20)
    r.engine.pause()
    clock.advance(30)
    r.engine.resume()
    clock.advance(10)
    r.engine.skip()  # 30 s of the first backward minute
    clock.advance(5)
    r.engine.adjust(10)
    clock.advance(125)  # the forward run, 2m10s
    r.poll()
    clock.advance(15)
    r.engine.stop()  # 15 s into the second backward minute
    record = r.record()
    assert record.status is Status.STOPPED
    assert (record.started_at, record.updated_at) == (START, START + timedelta(seconds=505))
    assert record.planned_seconds == 16 * 60
    assert record.active_seconds == 475.0
    assert record.paused_seconds == 30.0
    assert record.backward_seconds == 45.0
    assert record.forward_seconds == 130.0
    assert [(i.kind, i.actual_seconds, i.outcome) for i in record.intervals] == [
        (Kind.WARMUP, 300.0, IntervalOutcome.COMPLETED),
        (Kind.BACKWARD, 30.0, IntervalOutcome.SKIPPED),
        (Kind.FORWARD, 130.0, IntervalOutcome.COMPLETED),
        (Kind.BACKWARD, 15.0, IntervalOutcome.STOPPED),
        (Kind.FORWARD, 0.0, IntervalOutcome.NOT_REACHED),
        (Kind.COOLDOWN, 0.0, IntervalOutcome.NOT_REACHED),
    ]
    assert record.intervals[2].adjusted_seconds == 10.0
    assert [(p.at_seconds, p.seconds, p.reason) for p in record.pauses] == [(320.0, 30.0, "user")]
    # 300 s at 5 km/h, 45 s at 6 km/h, 130 s at 9 km/h
    assert record.distance_km == pytest.approx((300 * 5 + 45 * 6 + 130 * 9) / 3600)
    # ACSM by hand, 70 kg: warm-up walk 5 km/h (S = 83.33): 3.5 + 8.333 = 11.833 ml/kg/min;
    # backward walk 6 km/h 5 % (S = 100): (3.5 + 10 + 9) * 1.3 = 29.25; run 9 km/h
    # (S = 150): 3.5 + 30 = 33.5. kcal = VO2 * 70 * minutes * 5 / 1000.
    kcal = (11.8333333 * 5 + 29.25 * 0.75 + 33.5 * 130 / 60) * 70 * 5 / 1000
    assert record.energy_kcal == pytest.approx(kcal, rel=1e-6)
    assert record.plan == (
        '5m warmup @5kph, 2x(1m back @6kph 5% "push", 2m fwd @9kph), 5m cooldown @5kph'
    )


def test_record_under_way_counts_the_interval_in_progress() -> None:
    r = runner("1m back, 1m fwd", weight=None)
    clock = clock_of(r)
    r.engine.start()
    clock.advance(80)
    r.poll()
    r.engine.pause()
    clock.advance(7)
    record = r.record()
    assert record.status is Status.RUNNING
    assert [i.actual_seconds for i in record.intervals] == [60.0, 20.0]
    assert [i.outcome for i in record.intervals] == [
        IntervalOutcome.COMPLETED,
        IntervalOutcome.STOPPED,
    ]
    assert record.paused_seconds == 7.0
    assert (record.distance_km, record.energy_kcal) == (None, None)


def test_a_finished_session_is_completed() -> None:
    r = runner("30s back @5")
    clock = clock_of(r)
    r.engine.start()
    clock.advance(31)
    r.poll()
    record = r.record()
    assert record.status is Status.COMPLETED
    assert record.active_seconds == 30.0
    assert record.intervals[0].outcome is IntervalOutcome.COMPLETED
    assert r.id.startswith("20261130-071500-")
