"""What `backrun plan`, `workouts` and `history` print for people, and `plan --json`.

The wording of each line comes from `backrun_tui.present`, shared with the screens; the
history's JSON and CSV are in `backrun_tui.export.history`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from backrun_tui.model import display
from backrun_tui.model.kinds import Units
from backrun_tui.model.notation import format_plan
from backrun_tui.model.plan import Plan, Step
from backrun_tui.model.totals import EnergyModel, Totals, plan_totals
from backrun_tui.present import HISTORY_HEADINGS, history_row, plain, totals_lines
from backrun_tui.store.sessions import SessionEntry
from backrun_tui.store.workouts import WorkoutEntry


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def step_json(step: Step) -> dict[str, Any]:
    interval = step.interval
    return {
        "index": step.index,
        "kind": interval.kind.value,
        "seconds": interval.seconds,
        "speed_kmh": _round(interval.speed.kmh if interval.speed else None, 4),
        "incline_pct": interval.incline_pct,
        "label": interval.label or None,
        "round": list(step.round) if step.round else None,
    }


def totals_json(totals: Totals) -> dict[str, Any]:
    return {
        "total_seconds": totals.total_seconds,
        "backward_seconds": totals.backward_seconds,
        "forward_seconds": totals.forward_seconds,
        "other_seconds": totals.other_seconds,
        "direction_changes": totals.direction_changes,
        "distance_km": _round(totals.distance_km, 3),
        "energy_kcal": _round(totals.energy_kcal, 1),
    }


def plan_json(plan: Plan, energy: EnergyModel) -> dict[str, Any]:
    steps = plan.steps()
    return {
        "notation": format_plan(plan),
        **totals_json(plan_totals(steps, energy)),
        "steps": [step_json(s) for s in steps],
    }


def plan_text(plan: Plan, units: Units, energy: EnergyModel) -> str:
    steps = plan.steps()
    rows = [("#", "kind", "time", "speed", "incline", "round", "label")]
    for s in steps:
        i = s.interval
        rows.append(
            (
                str(s.index),
                i.kind.title.lower(),
                display.clock(i.seconds),
                display.speed(i.speed.kmh if i.speed else None, units),
                display.incline(i.incline_pct),
                f"{s.round[0]}/{s.round[1]}" if s.round else "",
                i.label,
            )
        )
    totals = totals_lines(plan_totals(steps, energy), units, energy)
    return "\n".join([format_plan(plan), "", table(rows), "", *totals])


def workout_json(entry: WorkoutEntry, energy: EnergyModel) -> dict[str, Any]:
    workout = entry.workout
    return {
        "name": workout.name,
        "builtin": entry.builtin,
        "file": str(entry.path) if entry.path else None,
        "description": workout.description,
        **plan_json(workout.plan, energy),
    }


def workouts_text(entries: list[WorkoutEntry]) -> str:
    if not entries:
        return "no workouts"
    rows = [("name", "", "time", "backward", "turns")]
    for e in entries:
        t = plan_totals(e.workout.plan.steps(), EnergyModel())
        rows.append(
            (
                e.workout.name,
                "built-in" if e.builtin else "saved",
                display.clock(t.total_seconds),
                display.share(t.backward_seconds, t.total_seconds),
                str(t.direction_changes),
            )
        )
    return table(rows)


def table(rows: Sequence[tuple[str, ...]]) -> str:
    """Rows as left-aligned columns, two spaces apart.

    Widths are in terminal columns, not characters, so that a name in CJK or with an emoji
    does not push the columns after it out of line. Every cell is made safe for a terminal
    (`present.plain`): a name from a file cannot move the cursor or reverse the line.
    """
    rows = [tuple(plain(cell) for cell in row) for row in rows]
    widths = [max(display.cells(r[c]) for r in rows) for c in range(len(rows[0]))]
    return "\n".join(
        "  ".join(display.pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )


def history_text(entries: list[SessionEntry], units: Units, since: date | None = None) -> str:
    if not entries:
        return f"no sessions since {since.isoformat()}" if since else "no sessions yet"
    return table([HISTORY_HEADINGS, *(history_row(e.record, units) for e in entries)])
