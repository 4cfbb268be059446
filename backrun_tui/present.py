"""How backrun puts things into words: the lines the screens and the command line share.

Pure: no textual, no I/O. A rule for showing something (a treadmill target, a session's
summary, a row of the history) lives here once, so the run screen, the finish screen, the
history screen and `backrun history` can never disagree.
"""

from __future__ import annotations

import math

from backrun_tui.engine_types import Snapshot
from backrun_tui.model import display
from backrun_tui.model.kinds import Units
from backrun_tui.model.plan import Step
from backrun_tui.model.session import IntervalOutcome, SessionRecord, Status
from backrun_tui.model.totals import EnergyModel, Totals

STATUS_TITLES = {
    Status.COMPLETED: "Session complete",
    Status.STOPPED: "Session stopped",
    Status.INTERRUPTED: "Session interrupted",
}


def target(step: Step, units: Units) -> str:
    """The treadmill setting of an interval: `6.0 km/h · incline 2 %`, or "" for none."""
    interval = step.interval
    parts = []
    if interval.speed is not None:
        parts.append(display.speed(interval.speed.kmh, units))
    if interval.incline_pct is not None:
        parts.append(f"incline {display.incline(interval.incline_pct)}")
    return " · ".join(parts)


def next_line(step: Step | None, units: Units) -> str:
    """What comes after the current interval: `next: FORWARD 2:00 at 9.0 km/h`."""
    if step is None:
        return "next: finish"
    setting = target(step, units)
    return f"next: {step.kind.title} {display.clock(step.seconds)}" + (
        f" at {setting}" if setting else ""
    )


def turnaround_banner(snap: Snapshot, units: Units) -> str | None:
    """The warning before a change of direction, with the next kind and its target."""
    nxt = snap.next_step
    if snap.turn_in is None or nxt is None:
        return None
    setting = target(nxt, units)
    slow = " — slow the belt first" if nxt.interval.speed else ""
    return (
        f"TURN AROUND in {math.ceil(snap.turn_in)} s — next {nxt.kind.title}"
        f"{', ' + setting if setting else ''}{slow}"
    )


def short_duration(seconds: float) -> str:
    """A stretch of real time in few characters: `3m12s`, `45s`."""
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}m{secs:02d}s" if minutes else f"{secs}s"


def asleep_banner(seconds: float) -> str:
    return f"paused: the computer was asleep for {short_duration(seconds)} — press space to go on"


def totals_lines(totals: Totals, units: Units, energy: EnergyModel) -> list[str]:
    """A plan's totals, a line each: time by direction, turns, distance, energy."""
    t = totals
    changes = (
        "1 direction change"
        if t.direction_changes == 1
        else f"{t.direction_changes} direction changes"
    )
    kcal = display.energy(t.energy_kcal)
    if t.energy_kcal is None and energy.weight_kg is None and t.distance_km is not None:
        kcal += " (set weight_kg in config.toml)"
    return [
        f"total     {display.clock(t.total_seconds)}",
        f"backward  {display.clock(t.backward_seconds)} "
        f"({display.share(t.backward_seconds, t.total_seconds)})",
        f"forward   {display.clock(t.forward_seconds)}",
        f"other     {display.clock(t.other_seconds)}",
        f"turns     {changes}",
        f"distance  {display.distance(t.distance_km, units)}",
        f"energy    {kcal}",
    ]


def session_title(record: SessionRecord) -> str:
    """The finish screen's heading: `Session complete: Beginner intervals`."""
    return f"{STATUS_TITLES.get(record.status, 'Session ended')}: {record.workout}"


def summary_rows(record: SessionRecord, units: Units) -> list[tuple[str, str]]:
    """A session in a few (name, value) rows: planned against actual, by direction, and more."""
    rows = [
        (
            "time",
            f"{display.clock(record.active_seconds)} of "
            f"{display.clock(record.planned_seconds)} planned",
        ),
        ("backward", display.clock(record.backward_seconds)),
        ("forward", display.clock(record.forward_seconds)),
        ("paused", display.clock(record.paused_seconds)),
        ("distance", display.distance(record.distance_km, units)),
        ("energy", display.energy(record.energy_kcal)),
    ]
    skipped = sum(1 for i in record.intervals if i.outcome is IntervalOutcome.SKIPPED)
    if skipped:
        rows.append(("skipped", f"{skipped} interval{'s' if skipped > 1 else ''}"))
    if record.time_scale != 1:
        rows.append(("time scale", f"×{record.time_scale:g}"))
    return rows


def summary(record: SessionRecord, units: Units) -> str:
    return "\n".join(f"{name:<11}{value}" for name, value in summary_rows(record, units))


HISTORY_HEADINGS = ("started", "workout", "status", "time", "backward", "distance", "energy", "rpe")


def history_row(record: SessionRecord, units: Units) -> tuple[str, ...]:
    """One session as a row of the history, in the order of HISTORY_HEADINGS."""
    return (
        record.started_at.strftime("%Y-%m-%d %H:%M"),
        record.workout,
        record.status.value,
        display.clock_down(record.active_seconds),
        display.clock_down(record.backward_seconds),
        display.distance(record.distance_km, units),
        display.energy(record.energy_kcal),
        str(record.rpe) if record.rpe is not None else "—",
    )
