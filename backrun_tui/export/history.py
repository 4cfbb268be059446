"""`backrun history --json` and `--csv`: the sessions as programs read them, always metric."""

from __future__ import annotations

import csv
import io
from typing import Any

from backrun_tui.store.sessions import SessionEntry

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


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def session_json(entry: SessionEntry) -> dict[str, Any]:
    """One session as `history --json` lists it."""
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
    """The sessions as CSV with a header row, the columns of `session_json`."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HISTORY_FIELDS, lineterminator="\n")
    writer.writeheader()
    for entry in entries:
        row = session_json(entry)
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue()
