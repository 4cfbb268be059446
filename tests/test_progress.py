"""Weekly figures and the streak: ISO weeks, the runner's own dates, what counts as training."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from backrun_tui.model.kinds import Units
from backrun_tui.model.session import SessionRecord, Status
from backrun_tui.progress import (
    comparison_text,
    monday_of,
    sped_up_line,
    streak_line,
    weekly_progress,
)

PARIS = timezone(timedelta(hours=1))
#: Wednesday of ISO week 49 of 2026 (Monday 30 November).
TODAY = date(2026, 12, 2)


def run(
    when: datetime,
    *,
    back: float = 600.0,
    fwd: float = 900.0,
    km: float | None = 3.0,
    **changes: object,
) -> SessionRecord:
    base = SessionRecord(
        id=f"{when:%Y%m%d-%H%M%S}-0000",
        workout="Intervals",
        plan="10m back @6kph, 15m fwd @9kph",
        started_at=when,
        updated_at=when + timedelta(seconds=back + fwd),
        status=Status.COMPLETED,
        time_scale=1.0,
        planned_seconds=int(back + fwd),
        active_seconds=back + fwd,
        paused_seconds=0.0,
        backward_seconds=back,
        forward_seconds=fwd,
        distance_km=km,
        energy_kcal=None,
        weight_kg=None,
        intervals=(),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def on(day: date, hour: int = 7, tz: timezone = PARIS) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=tz)


def week_ago(n: int, weekday: int = 0) -> date:
    """A day `n` weeks before this one: 0 Monday ... 6 Sunday."""
    return monday_of(TODAY) - timedelta(weeks=n) + timedelta(days=weekday)


def test_twelve_iso_weeks_ending_with_this_one() -> None:
    progress = weekly_progress([], TODAY)
    assert len(progress.weeks) == 12
    assert progress.weeks[0].monday == date(2026, 9, 14)
    assert progress.this_week.monday == date(2026, 11, 30)
    assert [w.label for w in progress.weeks] == [f"W{n}" for n in range(38, 50)]
    assert all(w.monday.weekday() == 0 for w in progress.weeks)
    assert progress.streak_weeks == 0


def test_weeks_across_new_year_follow_iso_numbering() -> None:
    # 2026 has 53 ISO weeks; Sunday 3 January 2027 is still in week 53 of 2026.
    today = date(2027, 1, 6)
    progress = weekly_progress([run(on(date(2027, 1, 3)))], today)
    assert [w.label for w in progress.weeks][-3:] == ["W52", "W53", "W01"]
    assert progress.last_week.monday == date(2026, 12, 28)
    assert progress.last_week.sessions == 1
    assert progress.this_week.sessions == 0


def test_a_session_belongs_to_the_runners_own_date() -> None:
    # 00:30 on Monday in Paris is still Sunday in UTC: it is this week's.
    just_after_midnight = run(datetime(2026, 11, 30, 0, 30, tzinfo=PARIS))
    # 20:00 on Sunday in California is Monday in UTC: it is last week's.
    sunday_evening = run(datetime(2026, 11, 29, 20, 0, tzinfo=timezone(timedelta(hours=-8))))
    progress = weekly_progress([just_after_midnight, sunday_evening], TODAY)
    assert (progress.this_week.sessions, progress.last_week.sessions) == (1, 1)


def test_a_week_adds_up_its_sessions() -> None:
    progress = weekly_progress(
        [
            run(on(week_ago(0, 0)), back=600, fwd=900, km=3.0),
            run(on(week_ago(0, 1)), back=300, fwd=0, km=None),
            run(on(week_ago(0, 2)), back=60, fwd=60, km=0.5),
            run(on(week_ago(1, 6)), back=120, fwd=0, km=None),
        ],
        TODAY,
    )
    this, last = progress.this_week, progress.last_week
    assert (this.sessions, this.backward_seconds, this.forward_seconds) == (3, 960, 960)
    assert this.distance_km == pytest.approx(3.5)  # the sessions that know theirs
    assert (last.sessions, last.distance_km) == (1, None)  # none known: no distance, not 0


def test_stopped_and_interrupted_sessions_count() -> None:
    progress = weekly_progress(
        [
            run(on(week_ago(0, 0)), status=Status.STOPPED),
            run(on(week_ago(0, 1)), status=Status.INTERRUPTED),
        ],
        TODAY,
    )
    assert progress.this_week.sessions == 2


def test_sped_up_sessions_are_not_training() -> None:
    progress = weekly_progress(
        [
            run(on(week_ago(0, 0)), time_scale=60.0),
            run(on(week_ago(1, 0)), time_scale=0.5),
            run(on(week_ago(20, 0)), time_scale=60.0),  # outside the charts: not mentioned
            run(on(week_ago(2, 0))),
        ],
        TODAY,
    )
    assert [w.sessions for w in progress.weeks][-3:] == [1, 0, 0]
    assert progress.sped_up == 2
    assert progress.streak_weeks == 0  # two weeks back is not a streak up to last week
    assert sped_up_line(progress) == "2 sped-up try-outs not counted"


def test_a_session_without_active_time_does_not_count() -> None:
    progress = weekly_progress([run(on(week_ago(0, 0)), back=0, fwd=0)], TODAY)
    assert progress.this_week.sessions == 0
    assert progress.sped_up == 0
    assert sped_up_line(progress) == ""


def test_sessions_dated_after_today_are_left_out() -> None:
    progress = weekly_progress([run(on(TODAY + timedelta(days=1)))], TODAY)
    assert progress.this_week.sessions == 0
    assert progress.streak_weeks == 0


def test_a_week_under_way_breaks_no_streak() -> None:
    records = [run(on(week_ago(n, 3))) for n in (1, 2, 3)]
    progress = weekly_progress(records, TODAY)
    assert progress.streak_weeks == 3
    assert streak_line(progress) == (
        "Streak: 3 weeks in a row, up to last week: run this week to keep it"
    )
    progress = weekly_progress([*records, run(on(week_ago(0, 0)))], TODAY)
    assert progress.streak_weeks == 4
    assert streak_line(progress) == "Streak: 4 weeks in a row"


def test_a_week_without_a_session_ends_the_streak() -> None:
    progress = weekly_progress([run(on(week_ago(n))) for n in (0, 1, 3, 4, 5)], TODAY)
    assert progress.streak_weeks == 2
    progress = weekly_progress([run(on(week_ago(n))) for n in (2, 3)], TODAY)
    assert progress.streak_weeks == 0
    assert streak_line(progress) == "Streak: none yet"


def test_a_streak_goes_back_beyond_the_charts() -> None:
    # Each Sunday for 29 weeks, and this Monday.
    progress = weekly_progress([run(on(week_ago(n, 6 if n else 0))) for n in range(30)], TODAY)
    assert progress.streak_weeks == 30
    progress = weekly_progress([run(on(week_ago(0)))], TODAY)
    assert streak_line(progress) == "Streak: 1 week in a row"


def test_this_week_against_last_in_the_runners_units() -> None:
    progress = weekly_progress(
        [
            run(on(week_ago(0, 0)), back=600, fwd=900, km=3.0),
            run(on(week_ago(1, 2)), back=1200, fwd=1800, km=None),
            run(on(week_ago(1, 4)), back=630, fwd=0, km=1.60934),
        ],
        TODAY,
    )
    assert comparison_text(progress, Units.METRIC) == (
        "week      W49 so far      W48\n"
        "sessions           1        2\n"
        "backward       10:00    30:30\n"
        "forward        15:00    30:00\n"
        "distance     3.00 km  1.61 km"
    )
    assert comparison_text(progress, Units.IMPERIAL).endswith("distance     1.86 mi  1.00 mi")


def test_two_weeks_at_least() -> None:
    with pytest.raises(ValueError, match="at least 2 weeks"):
        weekly_progress([], TODAY, weeks=1)
