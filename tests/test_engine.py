"""The session state machine on a hand-moved clock: every time is exact."""

from __future__ import annotations

import pytest

from backrun_tui.clock import ManualClock
from backrun_tui.engine import (
    MIN_LEFT_AFTER_MINUS,
    Cue,
    CueKind,
    Engine,
    Event,
    Outcome,
    Phase,
    Slept,
)
from backrun_tui.model import Interval, Kind, Plan, Repeat, Speed, SpeedUnit

T0 = 1000.0
START, TURN, COUNT, HALF, FINISH = (
    CueKind.INTERVAL_START,
    CueKind.TURNAROUND,
    CueKind.COUNTDOWN,
    CueKind.HALFWAY,
    CueKind.FINISH,
)


def kph(value: float) -> Speed:
    return Speed(value, SpeedUnit.KPH)


def thirty_minutes() -> Plan:
    """5m warmup, 6x(1m back @6 2%, 2m fwd @9), 2m rest, 5m cooldown: 1800 s."""
    return Plan(
        (
            Interval(Kind.WARMUP, 300, kph(5)),
            Repeat(
                6,
                (
                    Interval(Kind.BACKWARD, 60, kph(6), 2.0, "push off"),
                    Interval(Kind.FORWARD, 120, kph(9)),
                ),
            ),
            Interval(Kind.REST, 120),
            Interval(Kind.COOLDOWN, 300, kph(5)),
        )
    )


def simple(*seconds_and_kinds: tuple[int, Kind]) -> Plan:
    return Plan(tuple(Interval(kind, seconds) for seconds, kind in seconds_and_kinds))


def make(plan: Plan, **kwargs: float) -> tuple[Engine, ManualClock]:
    clock = ManualClock(T0)
    return Engine(plan.steps(), clock, **kwargs), clock  # type: ignore[arg-type]


def run_to_end(engine: Engine, clock: ManualClock) -> list[Event]:
    """Poll at every deadline the engine names, as the app's timers do."""
    events: list[Event] = [*engine.poll()]
    while (deadline := engine.next_deadline()) is not None:
        clock.set(deadline)
        events.extend(engine.poll())
    return events


def timeline(events: list[Event]) -> list[tuple[str, float, int]]:
    """Cues as (kind, seconds after T0 to the millisecond, count)."""
    return [(e.kind.value, round(e.at - T0, 3), e.count) for e in events if isinstance(e, Cue)]


def expected_thirty_minutes() -> list[tuple[str, float, int]]:
    def countdown(end: int) -> list[tuple[str, float, int]]:
        return [("countdown", end - 3, 3), ("countdown", end - 2, 2), ("countdown", end - 1, 1)]

    cues = [("interval_start", 0, 0), ("halfway", 150, 0), ("turnaround", 290, 0)]
    cues += countdown(300)
    for r in range(6):
        base = 300 + r * 180
        cues += [("interval_start", base, 0), ("halfway", base + 30, 0)]
        cues += [("turnaround", base + 50, 0), *countdown(base + 60)]
        cues += [("interval_start", base + 60, 0), ("halfway", base + 120, 0)]
        if r < 5:  # the last forward run is followed by rest: no turn-around
            cues.append(("turnaround", base + 170, 0))
        cues += countdown(base + 180)
    cues += [("interval_start", 1380, 0), ("halfway", 1440, 0), *countdown(1500)]
    cues += [("interval_start", 1500, 0), ("halfway", 1650, 0), *countdown(1800)]
    cues.append(("finish", 1800, 0))
    return [(k, float(t), c) for k, t, c in cues]


def test_thirty_minute_plan_cues_and_finish_are_exact() -> None:
    engine, clock = make(thirty_minutes())
    engine.start()
    events = run_to_end(engine, clock)
    assert timeline(events) == expected_thirty_minutes()
    assert engine.phase is Phase.FINISHED
    assert clock.awake() - T0 == 1800.0
    assert [log.outcome for log in engine.logs] == [Outcome.COMPLETED] * 15
    assert [log.actual for log in engine.logs] == [s.seconds for s in engine.steps]


def test_schedule_lists_the_same_cues_before_they_happen() -> None:
    engine, _ = make(thirty_minutes())
    engine.start()
    planned = [(c.kind.value, round(c.at - T0, 3), c.count) for c in engine.schedule()]
    assert planned == expected_thirty_minutes()
    window = engine.cues_between(T0 + 290, T0 + 300)
    assert [(c.kind, c.at - T0, c.count) for c in window] == [
        (COUNT, 297.0, 3),
        (COUNT, 298.0, 2),
        (COUNT, 299.0, 1),
        (START, 300.0, 0),
        (HALF, 330.0, 0),
    ][:4]


def test_turnaround_carries_the_next_interval() -> None:
    engine, clock = make(thirty_minutes())
    engine.start()
    clock.advance(290)
    turns = [e for e in engine.poll() if isinstance(e, Cue) and e.kind is TURN]
    assert len(turns) == 1
    nxt = turns[0].step.interval
    assert (nxt.kind, nxt.speed, nxt.incline_pct) == (Kind.BACKWARD, kph(6), 2.0)


def test_late_poll_fires_everything_due_in_order() -> None:
    engine, clock = make(simple((20, Kind.BACKWARD), (20, Kind.FORWARD)))
    engine.start()
    clock.advance(100)
    assert timeline(engine.poll()) == [
        ("interval_start", 0.0, 0),
        ("turnaround", 10.0, 0),
        ("countdown", 17.0, 3),
        ("countdown", 18.0, 2),
        ("countdown", 19.0, 1),
        ("interval_start", 20.0, 0),
        ("countdown", 37.0, 3),
        ("countdown", 38.0, 2),
        ("countdown", 39.0, 1),
        ("finish", 40.0, 0),
    ]
    assert engine.poll() == []
    assert engine.snapshot().elapsed == 40.0


def test_warning_never_comes_before_the_interval_it_sits_in() -> None:
    engine, _clock = make(simple((30, Kind.FORWARD), (4, Kind.REST), (30, Kind.BACKWARD)))
    engine.start()
    turns = [round(c.at - T0, 3) for c in engine.schedule() if c.kind is TURN]
    assert turns == [30.0]  # the 4 s rest is shorter than the 10 s warning


def test_pause_shifts_every_deadline_and_is_recorded() -> None:
    engine, clock = make(simple((60, Kind.BACKWARD)))
    engine.start()
    clock.advance(10)
    assert timeline(engine.poll()) == [("interval_start", 0.0, 0)]
    engine.pause()
    assert engine.phase is Phase.PAUSED
    assert engine.next_deadline() is None
    clock.advance(45)
    assert engine.poll() == []
    assert engine.snapshot().step_remaining == 50.0
    engine.resume()
    assert engine.next_deadline() == pytest.approx(T0 + 10 + 45 + 20, abs=1e-9)  # halfway
    events = run_to_end(engine, clock)
    assert timeline(events)[-1] == ("finish", 105.0, 0)
    assert len(engine.pauses) == 1
    assert (engine.pauses[0].at, engine.pauses[0].seconds, engine.pauses[0].reason) == (
        10.0,
        45.0,
        "user",
    )
    assert engine.logs[0].actual == 60.0


def test_skip_records_the_time_done_and_starts_the_next_now() -> None:
    engine, clock = make(simple((60, Kind.BACKWARD), (60, Kind.FORWARD)))
    engine.start()
    engine.poll()
    clock.advance(12.5)
    engine.skip()
    events = engine.poll()
    assert timeline(events) == [("interval_start", 12.5, 0)]
    assert engine.logs[0].outcome is Outcome.SKIPPED
    assert engine.logs[0].actual == 12.5
    snap = engine.snapshot()
    assert (snap.index, snap.step_remaining, snap.elapsed) == (1, 60.0, 12.5)
    engine.skip()
    assert engine.phase is Phase.FINISHED
    assert engine.logs[1].outcome is Outcome.SKIPPED


def test_back_restarts_or_goes_to_the_previous_interval() -> None:
    engine, clock = make(simple((60, Kind.WARMUP), (60, Kind.BACKWARD)))
    engine.start()
    clock.advance(70)
    engine.poll()
    engine.back()  # 10 s into the second interval: restart it
    snap = engine.snapshot()
    assert (snap.index, snap.step_remaining) == (1, 60.0)
    clock.advance(2)
    engine.back()  # 2 s into it: go to the one before
    snap = engine.snapshot()
    assert (snap.index, snap.step_remaining) == (0, 60.0)
    assert [log.actual for log in engine.logs] == [60.0, 12.0]
    run_to_end(engine, clock)
    assert [log.actual for log in engine.logs] == [120.0, 72.0]
    assert clock.awake() - T0 == 72 + 120


def test_back_on_the_first_interval_restarts_it() -> None:
    engine, clock = make(simple((60, Kind.WARMUP)))
    engine.start()
    clock.advance(1)
    engine.back()
    assert engine.snapshot().step_remaining == 60.0


def test_plus_and_minus_ten_seconds_move_the_end() -> None:
    engine, clock = make(simple((60, Kind.BACKWARD), (60, Kind.FORWARD)))
    engine.start()
    clock.advance(5)
    engine.adjust(+10)
    assert engine.snapshot().step_remaining == 65.0
    assert engine.logs[0].adjusted == 10.0
    clock.advance(40)
    engine.adjust(-10)
    assert engine.snapshot().step_remaining == 15.0
    clock.advance(10)
    engine.adjust(-10)  # 5 s left: "−" never ends the interval, so it does nothing now
    assert engine.snapshot().step_remaining == 5.0
    clock.advance(5)
    events = engine.poll()
    assert [e.kind for e in events if isinstance(e, Cue)][-1] is START
    assert engine.snapshot().index == 1
    assert engine.logs[0].actual == 60.0
    assert engine.logs[0].adjusted == 0.0


def test_minus_however_often_pressed_stops_a_few_seconds_before_the_end() -> None:
    engine, clock = make(simple((10 * 60, Kind.BACKWARD), (60, Kind.FORWARD)))
    engine.start()
    clock.advance(30)
    engine.poll()
    for _ in range(100):
        engine.adjust(-10)
    snap = engine.snapshot()
    assert (snap.index, snap.step_remaining) == (0, MIN_LEFT_AFTER_MINUS)
    started = [e for e in engine.poll() if isinstance(e, Cue) and e.kind is START]
    assert started == []  # nothing ended: the next interval is still ahead
    assert engine.snapshot().turn_in == MIN_LEFT_AFTER_MINUS


def test_stop_keeps_what_was_done() -> None:
    engine, clock = make(simple((60, Kind.BACKWARD), (60, Kind.FORWARD)))
    engine.start()
    clock.advance(75)
    engine.stop()
    assert engine.phase is Phase.STOPPED
    assert [log.outcome for log in engine.logs] == [Outcome.COMPLETED, Outcome.STOPPED]
    assert [log.actual for log in engine.logs] == [60.0, 15.0]
    assert engine.poll() != []  # the cues of the catch-up are kept for the next poll
    assert engine.next_deadline() is None


def test_sleep_pauses_where_it_began_and_fires_nothing_missed() -> None:
    engine, clock = make(simple((60, Kind.BACKWARD), (60, Kind.FORWARD)))
    engine.start()
    clock.advance(20)
    engine.poll()
    clock.advance(0.5)
    clock.suspend(192)  # the lid was shut for 3m12s
    clock.advance(0.25)
    events = engine.poll()
    assert events == [Slept(192.0, T0 + 20.75)]
    assert engine.phase is Phase.PAUSED
    assert engine.snapshot().elapsed == 20.75
    clock.advance(5)
    engine.resume()
    assert engine.pauses[-1].reason == "sleep"
    assert engine.pauses[-1].seconds == pytest.approx(197.0)
    rest = run_to_end(engine, clock)
    # Session time stood still through the sleep and the 5 s pause after it.
    assert timeline(rest)[:2] == [("halfway", 35.0, 0), ("turnaround", 55.0, 0)]


def test_a_short_stall_is_not_sleep() -> None:
    engine, clock = make(simple((60, Kind.BACKWARD)))
    engine.start()
    clock.advance(1)
    clock.suspend(4.9)
    assert not any(isinstance(e, Slept) for e in engine.poll())
    assert engine.phase is Phase.RUNNING


def test_time_scale_runs_the_schedule_faster() -> None:
    engine, clock = make(thirty_minutes(), time_scale=50)
    engine.start()
    events = run_to_end(engine, clock)
    assert round(clock.awake() - T0, 6) == 36.0
    scaled = [(k, round(t * 50, 3), c) for k, t, c in timeline(events)]
    assert scaled == expected_thirty_minutes()
    assert engine.snapshot().elapsed == pytest.approx(1800.0)


def test_warning_can_be_turned_off() -> None:
    engine, _ = make(simple((30, Kind.FORWARD), (30, Kind.BACKWARD)), turnaround_warning=0)
    engine.start()
    assert TURN not in {c.kind for c in engine.schedule()}


def test_commands_before_start_and_after_finish_do_nothing() -> None:
    engine, clock = make(simple((5, Kind.REST)))
    engine.skip()
    engine.adjust(10)
    assert engine.phase is Phase.READY
    engine.toggle_pause()
    assert engine.phase is Phase.RUNNING
    clock.advance(10)
    assert timeline(engine.poll())[-1] == ("finish", 5.0, 0)
    engine.back()
    engine.toggle_pause()
    assert engine.phase is Phase.FINISHED
    assert engine.snapshot().remaining == 0.0


def test_halfway_only_for_intervals_of_a_minute_or_more() -> None:
    engine, _ = make(simple((59, Kind.FORWARD), (60, Kind.FORWARD)))
    engine.start()
    halves = [round(c.at - T0, 3) for c in engine.schedule() if c.kind is HALF]
    assert halves == [89.0]


def test_progress_and_remaining_follow_the_plan() -> None:
    engine, clock = make(thirty_minutes())
    engine.start()
    clock.advance(450)
    engine.poll()
    snap = engine.snapshot()
    assert snap.remaining == 1350.0
    assert snap.progress == 0.25
    assert snap.next_step is not None and snap.next_step.kind is Kind.BACKWARD
    assert snap.step.round == (1, 6)
    assert FINISH not in {e.kind for e in engine.poll() if isinstance(e, Cue)}
