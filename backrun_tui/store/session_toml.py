"""The session file format: a SessionRecord to TOML text and back, with full validation.

The schema is described in `backrun_tui.store.sessions`. Writing rounds measured figures
and refuses a record that would not read back; reading names the path, line and field of
the first thing wrong.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import tomli_w

from backrun_tui.model.kinds import Kind
from backrun_tui.model.notation import NotationError, parse
from backrun_tui.model.plan import (
    MAX_INCLINE_PCT,
    MAX_INTERVAL_SECONDS,
    MAX_PLAN_SECONDS,
    MAX_SPEED_KMH,
    MIN_INCLINE_PCT,
)
from backrun_tui.model.session import (
    IntervalOutcome,
    IntervalRecord,
    PauseRecord,
    SessionRecord,
    Status,
)
from backrun_tui.store.config import MAX_WEIGHT_KG, MIN_WEIGHT_KG
from backrun_tui.store.errors import StoreError
from backrun_tui.store.table import Table
from backrun_tui.store.tomlfile import FieldError, TomlDocument, check_schema_version, show

SCHEMA_VERSION = 1
MAX_TIME_SCALE = 1000
# Bounds on what a session file may say, far beyond any real session, so that a hand-edited
# or hostile file cannot bring absurd numbers (1e308 seconds) into the history's sums.
#: Session time run (pauses excluded): a week, against plans of at most 24 hours.
MAX_SESSION_SECONDS = 7 * 24 * 3600
#: Paused time: a time-scaled session's pauses count scaled seconds, like its clock.
MAX_PAUSED_SECONDS = MAX_SESSION_SECONDS * MAX_TIME_SCALE
#: A week at the top speed: 5,040 km.
MAX_DISTANCE_KM = MAX_SPEED_KMH * MAX_SESSION_SECONDS / 3600
#: A week at the top speed and incline, backward, at the top weight: about 11.4 million.
MAX_ENERGY_KCAL = 12_000_000
#: Intervals and pauses per session; a 24-hour plan of 1-second intervals has 86,400.
MAX_INTERVALS = 100_000
MAX_PAUSES = 100_000
#: Years a start or update time may fall in. 1970: a computer without a clock battery
#: starts there until it finds the time, and its sessions must still be saved.
MIN_YEAR = 1970
MAX_YEAR = 2200
FINAL_STATUSES = (Status.COMPLETED, Status.STOPPED, Status.INTERRUPTED)
_SESSION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
_KEYS = (
    "schema_version", "id", "workout", "plan", "started_at", "updated_at", "status",
    "time_scale", "planned_seconds", "active_seconds", "paused_seconds", "backward_seconds",
    "forward_seconds", "distance_km", "energy_kcal", "weight_kg", "rpe", "note",
    "intervals", "pauses",
)  # fmt: skip
_INTERVAL_KEYS = (
    "index", "kind", "planned_seconds", "actual_seconds", "outcome", "speed_kmh",
    "incline_pct", "label", "adjusted_seconds",
)  # fmt: skip
_PAUSE_KEYS = ("at_seconds", "seconds", "reason")
_ARRAYS = ("intervals", "pauses")
_HEADER_COMMENT = '# A backrun session. The fields are described in the README ("Session files").\n'


def is_session_id(text: str) -> bool:
    """Whether `text` can be a session id: safe as a file name, inside its folder."""
    return _SESSION_ID.fullmatch(text) is not None


def record_to_toml(record: SessionRecord) -> str:
    """The text of a session file, with values rounded as `as_saved` does.

    ValueError (naming the field) for a record that would not read back, so a bad value
    is caught while it is still in memory instead of making an unreadable file.
    """
    saved = as_saved(record)
    data = _to_data(saved)
    try:
        _record_from_data(data, tuple(Status))
    except FieldError as problem:
        raise ValueError(_field_message(problem)) from problem
    intervals = data.pop("intervals")
    pauses = data.pop("pauses")
    # tomli_w would write short arrays of tables inline, on one line each; a table per
    # interval is easier to read and diff, and lets errors point at the right line.
    parts = [_HEADER_COMMENT, tomli_w.dumps(data)]
    parts += [f"\n[[intervals]]\n{tomli_w.dumps(table)}" for table in intervals]
    parts += [f"\n[[pauses]]\n{tomli_w.dumps(table)}" for table in pauses]
    text = "".join(parts)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate, which no file can hold
        raise ValueError(f"text that cannot be written as UTF-8: {exc.reason}") from exc
    return text


def as_saved(record: SessionRecord) -> SessionRecord:
    """`record` as it reads back from its file: times to the second, figures rounded.

    Measured figures are rounded (seconds and km to 0.001, kcal to 0.1, km/h to 0.001);
    the numbers a runner typed (time scale, weight, incline) are kept as they are.
    """
    return replace(
        record,
        started_at=_to_second(record.started_at),
        updated_at=_to_second(record.updated_at),
        time_scale=float(record.time_scale),
        active_seconds=_round(record.active_seconds, 3),
        paused_seconds=_round(record.paused_seconds, 3),
        backward_seconds=_round(record.backward_seconds, 3),
        forward_seconds=_round(record.forward_seconds, 3),
        distance_km=_maybe(record.distance_km, lambda v: _round(v, 3)),
        energy_kcal=_maybe(record.energy_kcal, lambda v: _round(v, 1)),
        weight_kg=_maybe(record.weight_kg, float),
        intervals=tuple(
            replace(
                i,
                actual_seconds=_round(i.actual_seconds, 3),
                speed_kmh=_maybe(i.speed_kmh, lambda v: _round(v, 3)),
                incline_pct=_maybe(i.incline_pct, float),
                adjusted_seconds=_round(i.adjusted_seconds, 3),
            )
            for i in record.intervals
        ),
        pauses=tuple(
            replace(p, at_seconds=_round(p.at_seconds, 3), seconds=_round(p.seconds, 3))
            for p in record.pauses
        ),
    )


def record_from_document(document: TomlDocument, *, checkpoint: bool = False) -> SessionRecord:
    """Validate a parsed session file; StoreError names the path, the line and the field."""
    statuses = (Status.RUNNING,) if checkpoint else FINAL_STATUSES
    try:
        return _record_from_data(document.data, statuses)
    except FieldError as problem:
        raise StoreError(
            document.path, _field_message(problem), _line(document, problem)
        ) from problem


# --- writing ------------------------------------------------------------------------------


def _to_data(record: SessionRecord) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "id": record.id,
        "workout": record.workout,
        "plan": record.plan,
        "started_at": record.started_at,
        "updated_at": record.updated_at,
        "status": record.status.value,
        "time_scale": record.time_scale,
        "planned_seconds": record.planned_seconds,
        "active_seconds": record.active_seconds,
        "paused_seconds": record.paused_seconds,
        "backward_seconds": record.backward_seconds,
        "forward_seconds": record.forward_seconds,
    }
    _put(data, "distance_km", record.distance_km)
    _put(data, "energy_kcal", record.energy_kcal)
    _put(data, "weight_kg", record.weight_kg)
    _put(data, "rpe", record.rpe)
    _put(data, "note", record.note or None)
    data["intervals"] = [_interval_data(i) for i in record.intervals]
    data["pauses"] = [
        {"at_seconds": p.at_seconds, "seconds": p.seconds, "reason": p.reason}
        for p in record.pauses
    ]
    return data


def _interval_data(interval: IntervalRecord) -> dict[str, Any]:
    table: dict[str, Any] = {
        "index": interval.index,
        "kind": interval.kind.value,
        "planned_seconds": interval.planned_seconds,
        "actual_seconds": interval.actual_seconds,
        "outcome": interval.outcome.value,
    }
    _put(table, "speed_kmh", interval.speed_kmh)
    _put(table, "incline_pct", interval.incline_pct)
    _put(table, "label", interval.label or None)
    table["adjusted_seconds"] = interval.adjusted_seconds
    return table


def _put(table: dict[str, Any], key: str, value: object) -> None:
    if value is not None:
        table[key] = value


def _round(value: float, digits: int) -> float:
    # + 0.0 turns -0.0 (a tiny negative rounded) into 0.0, which reads better in the file.
    return round(float(value), digits) + 0.0 if math.isfinite(value) else float(value)


def _maybe(value: float | None, convert: Callable[[float], float]) -> float | None:
    return None if value is None else convert(value)


def _to_second(moment: dt.datetime) -> dt.datetime:
    moment = moment.replace(microsecond=0)
    offset = moment.utcoffset()
    if offset is not None and offset.seconds % 60:
        # TOML offsets are whole minutes; a historic zone's odd seconds become UTC.
        return moment.astimezone(dt.UTC)
    return moment


# --- reading ------------------------------------------------------------------------------


def _record_from_data(data: dict[str, Any], statuses: tuple[Status, ...]) -> SessionRecord:
    top = Table(data, (), _KEYS)
    check_schema_version(top.data, SCHEMA_VERSION)
    session_id = top.text("id")
    if not is_session_id(session_id):
        raise top.fail("id", f"expected letters, digits, - and _ only, got {show(session_id)}")
    return SessionRecord(
        id=session_id,
        workout=top.text("workout"),
        plan=_plan(top),
        started_at=top.moment("started_at", MIN_YEAR, MAX_YEAR),
        updated_at=top.moment("updated_at", MIN_YEAR, MAX_YEAR),
        status=top.choice("status", statuses),
        time_scale=top.number("time_scale", 0, MAX_TIME_SCALE, above=True),
        planned_seconds=top.whole("planned_seconds", 0, MAX_PLAN_SECONDS),
        active_seconds=top.number("active_seconds", 0, MAX_SESSION_SECONDS),
        paused_seconds=top.number("paused_seconds", 0, MAX_PAUSED_SECONDS),
        backward_seconds=top.number("backward_seconds", 0, MAX_SESSION_SECONDS),
        forward_seconds=top.number("forward_seconds", 0, MAX_SESSION_SECONDS),
        distance_km=top.optional_number("distance_km", 0, MAX_DISTANCE_KM),
        energy_kcal=top.optional_number("energy_kcal", 0, MAX_ENERGY_KCAL),
        weight_kg=top.optional_number("weight_kg", MIN_WEIGHT_KG, MAX_WEIGHT_KG),
        intervals=tuple(
            _interval(t, n) for n, t in enumerate(top.tables("intervals", MAX_INTERVALS), start=1)
        ),
        pauses=tuple(_pause(t, n) for n, t in enumerate(top.tables("pauses", MAX_PAUSES), start=1)),
        rpe=top.whole("rpe", 1, 10) if "rpe" in data else None,
        note=top.text("note", default=""),
    )


def _plan(top: Table) -> str:
    notation = top.text("plan")
    try:
        parse(notation)
    except NotationError as exc:
        raise top.fail("plan", str(exc)) from exc
    return notation


def _interval(data: object, number: int) -> IntervalRecord:
    table = Table(data, ("intervals", str(number)), _INTERVAL_KEYS)
    return IntervalRecord(
        index=table.whole("index", 1, MAX_INTERVALS),
        kind=table.choice("kind", Kind),
        planned_seconds=table.whole("planned_seconds", 0, MAX_INTERVAL_SECONDS),
        actual_seconds=table.number("actual_seconds", 0, MAX_SESSION_SECONDS),
        outcome=table.choice("outcome", IntervalOutcome),
        speed_kmh=table.optional_number("speed_kmh", 0, MAX_SPEED_KMH, above=True),
        incline_pct=table.optional_number("incline_pct", MIN_INCLINE_PCT, MAX_INCLINE_PCT),
        label=table.text("label", default=""),
        adjusted_seconds=table.number(
            "adjusted_seconds", -MAX_SESSION_SECONDS, MAX_SESSION_SECONDS
        ),
    )


def _pause(data: object, number: int) -> PauseRecord:
    table = Table(data, ("pauses", str(number)), _PAUSE_KEYS)
    return PauseRecord(
        at_seconds=table.number("at_seconds", 0, MAX_SESSION_SECONDS),
        seconds=table.number("seconds", 0, MAX_PAUSED_SECONDS),
        reason=table.text("reason"),
    )


# --- where an error is ----------------------------------------------------------------------


def _in_array(problem: FieldError) -> tuple[str, int, tuple[str, ...]] | None:
    """(array, 1-based table number, keys inside it) for an error inside [[intervals]] etc."""
    keys = problem.keys
    if len(keys) >= 2 and keys[0] in _ARRAYS and keys[1].isdigit():
        return keys[0], int(keys[1]), keys[2:]
    return None


def _field_message(problem: FieldError) -> str:
    place = _in_array(problem)
    if place is None:
        return str(problem)
    array, number, inner = place
    field = f": {'.'.join(inner)}" if inner else ""
    return f"{array} #{number}{field}: {problem.reason}"


def _line(document: TomlDocument, problem: FieldError) -> int | None:
    place = _in_array(problem)
    if place is None:
        return document.line_of(problem.keys)
    array, number, inner = place
    # line_of finds a key's first assignment; in the n-th [[array]] table, look in that
    # table's own lines.
    lines = document.text.splitlines()
    headers = [i for i, line in enumerate(lines) if re.match(r"\s*\[", line)]
    mine = [i for i in headers if re.fullmatch(rf"\s*\[\[\s*{array}\s*\]\]\s*(#.*)?", lines[i])]
    if len(mine) < number:  # an inline array, written by hand
        return document.line_of((array,))
    start = mine[number - 1]
    end = next((i for i in headers if i > start), len(lines))
    body = TomlDocument(document.path, "\n".join(lines[start + 1 : end]), {})
    found = body.line_of(inner) if inner else None
    return start + 1 + (found or 0)
