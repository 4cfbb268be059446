"""Which intervals become laps, and where they sit on the clock."""

from __future__ import annotations

import datetime as dt

import pytest

from backrun_tui.export.laps import NothingToExport, session_laps
from backrun_tui.model.kinds import Kind
from backrun_tui.model.session import IntervalOutcome, PauseRecord
from tests.export.sessions import (
    STARTED_UTC,
    TREADMILL_LAPS,
    at,
    interval,
    session,
    treadmill_session,
)

SKIPPED = IntervalOutcome.SKIPPED
NOT_REACHED = IntervalOutcome.NOT_REACHED


def seconds_after_start(moment: dt.datetime) -> float:
    return (moment - STARTED_UTC).total_seconds()


def test_the_treadmill_session_gives_the_laps_worked_out_by_hand() -> None:
    laps = session_laps(treadmill_session())
    assert [lap.start for lap in laps] == [row[0] for row in TREADMILL_LAPS]
    assert [lap.timer_seconds for lap in laps] == pytest.approx([row[1] for row in TREADMILL_LAPS])
    assert [lap.elapsed_seconds for lap in laps] == pytest.approx(
        [row[2] for row in TREADMILL_LAPS]
    )
    assert [lap.distance_m or 0.0 for lap in laps] == pytest.approx(
        [row[3] for row in TREADMILL_LAPS], abs=0.001
    )
    assert [round(lap.kcal or 0.0) for lap in laps] == [row[4] for row in TREADMILL_LAPS]
    assert [lap.notes for lap in laps] == [row[5] for row in TREADMILL_LAPS]
    assert laps[-1].end == at(13, 41, 43.75)


def test_only_intervals_with_seconds_on_the_clock_are_laps() -> None:
    record = session(
        [
            interval(1, Kind.WARMUP, 60.0),
            interval(2, Kind.BACKWARD, 0.0, SKIPPED),  # skipped at once
            interval(3, Kind.FORWARD, 12.5, SKIPPED),  # skipped after a while
            interval(4, Kind.COOLDOWN, 0.0, NOT_REACHED),
        ]
    )
    laps = session_laps(record)
    assert [lap.interval.index for lap in laps] == [1, 3]
    assert laps[1].timer_seconds == 12.5
    assert seconds_after_start(laps[1].start) == 60.0


def test_an_adjusted_interval_lasts_its_actual_seconds() -> None:
    record = session(
        [
            interval(1, Kind.BACKWARD, 70.0, planned=60, adjusted_seconds=10.0),
            interval(2, Kind.FORWARD, 110.0, planned=120, adjusted_seconds=-10.0),
        ]
    )
    laps = session_laps(record)
    assert [lap.timer_seconds for lap in laps] == [70.0, 110.0]
    assert seconds_after_start(laps[1].start) == 70.0


def test_a_lap_starts_after_the_pauses_that_began_before_it() -> None:
    record = session(
        [interval(i, Kind.FORWARD, 60.0) for i in (1, 2, 3)],
        [
            PauseRecord(at_seconds=60.0, seconds=30.0, reason="user"),  # on the boundary
            PauseRecord(at_seconds=90.0, seconds=15.0, reason="sleep"),  # inside lap 2
        ],
    )
    laps = session_laps(record)
    assert [seconds_after_start(lap.start) for lap in laps] == [0.0, 90.0, 165.0]
    assert [lap.elapsed_seconds for lap in laps] == [60.0, 75.0, 60.0]
    assert [lap.timer_seconds for lap in laps] == [60.0, 60.0, 60.0]


def test_a_pause_inside_a_lap_splits_it_where_the_timer_stopped() -> None:
    record = session(
        [interval(1, Kind.FORWARD, 100.0, speed_kmh=9.0)],
        [
            PauseRecord(at_seconds=70.0, seconds=5.0, reason="user"),
            PauseRecord(at_seconds=20.0, seconds=10.0, reason="user"),  # listed out of order
        ],
    )
    [lap] = session_laps(record)
    assert [(seconds_after_start(s.start), s.seconds) for s in lap.stretches] == [
        (0.0, 20.0),
        (30.0, 50.0),
        (85.0, 30.0),
    ]
    assert lap.timer_seconds == 100.0
    assert lap.elapsed_seconds == 115.0
    assert lap.distance_m == pytest.approx(250.0)  # 9 km/h for 100 s; pauses cover nothing
    assert lap.distance_at(20.0) == pytest.approx(50.0)  # where the first pause began


def test_a_pause_within_a_hundredth_of_a_boundary_is_between_the_laps() -> None:
    # The file keeps seconds to 0.001, so a pause at a turn-over can read 300.004.
    record = session(
        [interval(1, Kind.WARMUP, 300.0), interval(2, Kind.FORWARD, 60.0)],
        [PauseRecord(at_seconds=300.004, seconds=20.0, reason="user")],
    )
    first, second = session_laps(record)
    assert len(first.stretches) == 1
    assert first.elapsed_seconds == 300.0
    assert seconds_after_start(second.start) == 320.0


def test_a_time_scaled_session_is_put_on_the_real_clock() -> None:
    # Run 10 times faster: 600 session seconds took 60 real ones.
    record = session(
        [
            interval(1, Kind.WARMUP, 300.0, speed_kmh=6.0),
            interval(2, Kind.FORWARD, 300.0, speed_kmh=9.0),
        ],
        [PauseRecord(at_seconds=400.0, seconds=50.0, reason="user")],
        time_scale=10.0,
    )
    first, second = session_laps(record)
    assert first.timer_seconds == 30.0
    assert seconds_after_start(second.start) == 30.0
    assert second.timer_seconds == pytest.approx(30.0)
    assert second.elapsed_seconds == pytest.approx(35.0)
    assert [(seconds_after_start(s.start), s.seconds) for s in second.stretches] == pytest.approx(
        [(30.0, 10.0), (45.0, 20.0)]
    )
    # Distance at the treadmill's speed over the real seconds: the pace stays the set one.
    assert first.distance_m == pytest.approx(50.0)
    assert second.distance_m == pytest.approx(75.0)


def test_distance_and_energy_are_unknown_without_a_speed_or_a_weight() -> None:
    laps = session_laps(
        session(
            [
                interval(1, Kind.WARMUP, 60.0, speed_kmh=6.0),
                interval(2, Kind.FORWARD, 60.0),
                interval(3, Kind.FORWARD, 60.0, speed_kmh=12.0),
            ],
            weight_kg=None,
        )
    )
    assert [lap.distance_m for lap in laps] == [pytest.approx(100.0), None, pytest.approx(200.0)]
    assert [lap.kcal for lap in laps] == [None, None, None]
    assert [lap.distance_before_m for lap in laps] == pytest.approx([0.0, 100.0, 100.0])


def test_energy_is_the_apps_acsm_estimate_with_the_backward_factor() -> None:
    [lap] = session_laps(
        session([interval(1, Kind.BACKWARD, 120.0, speed_kmh=6.0, incline_pct=2.0)])
    )
    # S = 100 m/min, G = 0.02, walking: 3.5 + 10 + 3.6 = 17.1, x 1.3 backward
    assert lap.kcal == pytest.approx(17.1 * 1.3 * 70.0 * 2.0 * 5.0 / 1000.0)


def test_laps_start_in_utc_whatever_the_runners_time_zone() -> None:
    laps = session_laps(session([interval(1, Kind.FORWARD, 60.0)]))
    assert laps[0].start.utcoffset() == dt.timedelta(0)
    assert laps[0].start == STARTED_UTC


def test_intensity_follows_the_kind() -> None:
    kinds = [Kind.WARMUP, Kind.BACKWARD, Kind.FORWARD, Kind.REST, Kind.COOLDOWN]
    laps = session_laps(session([interval(i, k, 10.0) for i, k in enumerate(kinds, start=1)]))
    assert [lap.is_active for lap in laps] == [False, True, True, False, False]


def test_a_session_where_nothing_ran_cannot_be_exported() -> None:
    record = session([interval(1, Kind.WARMUP, 0.0, NOT_REACHED)])
    with pytest.raises(NothingToExport, match=r"session 20261130-142926-3fa2: no interval ran"):
        session_laps(record)
