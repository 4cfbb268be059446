"""`backrun history --json` and `--csv`, and one session with its intervals and pauses as
`backrun export --format json|csv` writes it: as programs read them, always metric.

Times are session seconds as the file keeps them (a time-scaled run counts in its own
time, and says so in `time_scale`); TCX and FIT, which describe the clock, differ there.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from backrun_tui.model.session import IntervalRecord, PauseRecord
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

#: The columns an interval adds to its session's in `session_csv`.
INTERVAL_FIELDS = (
    "interval_index",
    "interval_kind",
    "interval_planned_seconds",
    "interval_actual_seconds",
    "interval_outcome",
    "interval_speed_kmh",
    "interval_incline_pct",
    "interval_label",
    "interval_adjusted_seconds",
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


def interval_json(interval: IntervalRecord) -> dict[str, Any]:
    """One interval of a session: planned against actual, as the session file keeps it."""
    return {
        "index": interval.index,
        "kind": interval.kind.value,
        "planned_seconds": interval.planned_seconds,
        "actual_seconds": round(interval.actual_seconds, 3),
        "outcome": interval.outcome.value,
        "speed_kmh": interval.speed_kmh,
        "incline_pct": interval.incline_pct,
        "label": interval.label or None,
        "adjusted_seconds": round(interval.adjusted_seconds, 3),
    }


def pause_json(pause: PauseRecord) -> dict[str, Any]:
    return {
        "at_seconds": round(pause.at_seconds, 3),
        "seconds": round(pause.seconds, 3),
        "reason": pause.reason,
    }


def session_detail_json(entry: SessionEntry) -> dict[str, Any]:
    """One session as `history --json` lists it, plus its intervals and pauses."""
    return {
        **session_json(entry),
        "intervals": [interval_json(i) for i in entry.record.intervals],
        "pauses": [pause_json(p) for p in entry.record.pauses],
    }


def session_csv(entry: SessionEntry) -> str:
    """One row per interval (every one in the plan, whatever its outcome), each with the
    session's columns of `history --csv` repeated before the interval's own."""
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=(*HISTORY_FIELDS, *INTERVAL_FIELDS), lineterminator="\n"
    )
    writer.writeheader()
    session = session_json(entry)
    for interval in entry.record.intervals:
        own = {f"interval_{k}": v for k, v in interval_json(interval).items()}
        row = {**session, **own}
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue()
