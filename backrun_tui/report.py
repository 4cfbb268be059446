"""What `backrun plan`, `workouts` and `history` print: JSON for programs, text for people."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from backrun_tui.model import display
from backrun_tui.model.kinds import Units
from backrun_tui.model.notation import format_plan
from backrun_tui.model.plan import Plan, Step
from backrun_tui.model.totals import EnergyModel, Totals, plan_totals
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


def totals_lines(totals: Totals, units: Units, energy: EnergyModel) -> list[str]:
    t = totals
    changes = (
        "1 direction change"
        if t.direction_changes == 1
        else (f"{t.direction_changes} direction changes")
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
    does not push the columns after it out of line.
    """
    widths = [max(display.cells(r[c]) for r in rows) for c in range(len(rows[0]))]
    return "\n".join(
        "  ".join(display.pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )


HISTORY_FIELDS = (
    "id",
    "workout",
    "started_at",
    "status",
    "planned_seconds",
    "active_seconds",
    "paused_seconds",
    "backward_seconds",
    "forward_seconds",
    "distance_km",
    "energy_kcal",
    "rpe",
    "note",
    "time_scale",
    "file",
)


def session_json(entry: SessionEntry) -> dict[str, Any]:
    r = entry.record
    return {
        "id": r.id,
        "workout": r.workout,
        "started_at": r.started_at.isoformat(),
        "status": r.status.value,
        "planned_seconds": r.planned_seconds,
        "active_seconds": round(r.active_seconds, 3),
        "paused_seconds": round(r.paused_seconds, 3),
        "backward_seconds": round(r.backward_seconds, 3),
        "forward_seconds": round(r.forward_seconds, 3),
        "distance_km": _round(r.distance_km, 3),
        "energy_kcal": _round(r.energy_kcal, 1),
        "rpe": r.rpe,
        "note": r.note,
        "time_scale": r.time_scale,
        "file": str(entry.path),
    }


def history_csv(entries: list[SessionEntry]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HISTORY_FIELDS, lineterminator="\n")
    writer.writeheader()
    for entry in entries:
        row = session_json(entry)
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue()


def history_text(entries: list[SessionEntry], units: Units) -> str:
    if not entries:
        return "no sessions yet"
    rows = [("started", "workout", "status", "time", "backward", "distance", "energy", "rpe")]
    for entry in entries:
        r = entry.record
        rows.append(
            (
                r.started_at.strftime("%Y-%m-%d %H:%M"),
                r.workout,
                r.status.value,
                display.clock_down(r.active_seconds),
                display.clock_down(r.backward_seconds),
                display.distance(r.distance_km, units),
                display.energy(r.energy_kcal),
                str(r.rpe) if r.rpe is not None else "—",
            )
        )
    return table(rows)
