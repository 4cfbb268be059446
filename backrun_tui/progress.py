"""Progress over weeks: what the sessions add up to, week by week, and the streak. No textual.

The rules, as the progress screen and the README state them:
- A week is an ISO week, Monday to Sunday. A session belongs to the day it started on in
  the runner's own time then (`started_at` as the file keeps it, with its UTC offset), so
  an early run stays on its morning whatever time zone the computer is in later.
- A session counts when it was real training: run in real time (`time_scale` 1; a run
  sped up to try a plan out is not training, and its seconds are not real ones) with some
  active time. Completed, stopped and interrupted sessions all count: a stopped run was
  still run. Sessions dated after today (a clock set wrong) are left out.
- The streak is the number of weeks in a row, each with at least one counted session,
  that ends with this week, or with last week while this week has no session yet: a week
  still under way breaks no streak.
- This week is compared with the whole of last week.
- Distance adds up the sessions that know theirs; a week none of whose sessions does has
  no distance (None), never a made-up 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from backrun_tui.model import display
from backrun_tui.model.kinds import Units
from backrun_tui.model.session import SessionRecord

#: How many weeks the charts show, this week included.
WEEKS = 12


@dataclass(frozen=True)
class WeekTotals:
    """What the counted sessions of one ISO week add up to."""

    monday: date
    sessions: int = 0
    backward_seconds: float = 0.0
    forward_seconds: float = 0.0
    distance_km: float | None = None
    """None when no counted session of the week knows its distance."""

    @property
    def week_number(self) -> int:
        return self.monday.isocalendar().week

    @property
    def label(self) -> str:
        """The week as a calendar names it: `W49`."""
        return f"W{self.week_number:02d}"

    def add(self, record: SessionRecord) -> WeekTotals:
        distance = self.distance_km
        if record.distance_km is not None:
            distance = (distance or 0.0) + record.distance_km
        return WeekTotals(
            monday=self.monday,
            sessions=self.sessions + 1,
            backward_seconds=self.backward_seconds + record.backward_seconds,
            forward_seconds=self.forward_seconds + record.forward_seconds,
            distance_km=distance,
        )


@dataclass(frozen=True)
class Progress:
    weeks: tuple[WeekTotals, ...]
    """Oldest first; the last is this week (so far)."""
    streak_weeks: int
    """Weeks in a row with a session, ending this week or, while it has none, last week."""
    sped_up: int
    """Sessions of these weeks left out because they ran faster than real time."""

    @property
    def this_week(self) -> WeekTotals:
        return self.weeks[-1]

    @property
    def last_week(self) -> WeekTotals:
        return self.weeks[-2]


def counts(record: SessionRecord) -> bool:
    """Whether a session was real training: in real time, with some active time."""
    return record.time_scale == 1.0 and record.active_seconds > 0


def session_day(record: SessionRecord) -> date:
    """The day the session started on, on the runner's clock then."""
    return record.started_at.date()


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly_progress(records: Iterable[SessionRecord], today: date, weeks: int = WEEKS) -> Progress:
    """The last `weeks` ISO weeks up to the one `today` falls in, and the streak.

    `weeks` is at least 2, so that this week always has a last week to be set against.
    """
    if weeks < 2:
        raise ValueError(f"expected at least 2 weeks, got {weeks}")
    this_monday = monday_of(today)
    first_monday = this_monday - timedelta(weeks=weeks - 1)
    totals = {
        first_monday + timedelta(weeks=n): WeekTotals(first_monday + timedelta(weeks=n))
        for n in range(weeks)
    }
    active: set[date] = set()  # Mondays of the weeks with a counted session, however old
    sped_up = 0
    for record in records:
        day = session_day(record)
        if day > today:
            continue
        monday = monday_of(day)
        if not counts(record):
            if record.time_scale != 1.0 and monday in totals:
                sped_up += 1
            continue
        active.add(monday)
        if monday in totals:
            totals[monday] = totals[monday].add(record)
    return Progress(
        weeks=tuple(totals[m] for m in sorted(totals)),
        streak_weeks=streak(active, this_monday),
        sped_up=sped_up,
    )


def streak(active_mondays: set[date], this_monday: date) -> int:
    """Weeks in a row with a session, back from this week, or from last week when this
    one has none yet."""
    week = this_monday if this_monday in active_mondays else this_monday - timedelta(weeks=1)
    count = 0
    while week in active_mondays:
        count += 1
        week -= timedelta(weeks=1)
    return count


def streak_line(progress: Progress) -> str:
    weeks = progress.streak_weeks
    if weeks == 0:
        return "Streak: none yet"
    plural = "week" if weeks == 1 else "weeks"
    if progress.this_week.sessions == 0:
        return f"Streak: {weeks} {plural} in a row, up to last week: run this week to keep it"
    return f"Streak: {weeks} {plural} in a row"


def comparison_rows(progress: Progress, units: Units) -> list[tuple[str, str, str]]:
    """This week (so far) against last week: a heading row, then one row per figure."""
    this, last = progress.this_week, progress.last_week
    rows = [(f"{this.label} so far", f"{last.label}")]
    rows += [
        (str(this.sessions), str(last.sessions)),
        (display.duration(this.backward_seconds), display.duration(last.backward_seconds)),
        (display.duration(this.forward_seconds), display.duration(last.forward_seconds)),
        (display.distance(this.distance_km, units), display.distance(last.distance_km, units)),
    ]
    names = ("week", "sessions", "backward", "forward", "distance")
    return [(name, a, b) for name, (a, b) in zip(names, rows, strict=True)]


def comparison_text(progress: Progress, units: Units) -> str:
    """`comparison_rows` as aligned lines."""
    rows = comparison_rows(progress, units)
    widths = [max(display.cells(row[i]) for row in rows) for i in range(3)]
    lines = []
    for name, this, last in rows:
        left = display.pad(name, widths[0])
        lines.append(f"{left}  {this:>{widths[1]}}  {last:>{widths[2]}}".rstrip())
    return "\n".join(lines)


def sped_up_line(progress: Progress) -> str:
    """Why some sessions are not in the charts, or "" when none were left out."""
    n = progress.sped_up
    if n == 0:
        return ""
    return "1 sped-up try-out not counted" if n == 1 else f"{n} sped-up try-outs not counted"
