"""Session records for the export tests, and the figures a runner would work out by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any

from backrun_tui.model.kinds import Kind
from backrun_tui.model.session import (
    IntervalOutcome,
    IntervalRecord,
    PauseRecord,
    SessionRecord,
    Status,
)

CET = dt.timezone(dt.timedelta(hours=1))
#: 14:29:26 in Paris on 30 November is 13:29:26 UTC.
STARTED = dt.datetime(2026, 11, 30, 14, 29, 26, tzinfo=CET)
STARTED_UTC = dt.datetime(2026, 11, 30, 13, 29, 26, tzinfo=dt.UTC)
LABEL = 'push off the floor <&"heels">'


def interval(
    index: int,
    kind: Kind,
    actual: float,
    outcome: IntervalOutcome = IntervalOutcome.COMPLETED,
    **fields: Any,
) -> IntervalRecord:
    planned = fields.pop("planned", round(actual) or 60)
    return IntervalRecord(
        index=index,
        kind=kind,
        planned_seconds=planned,
        actual_seconds=actual,
        outcome=outcome,
        **fields,
    )


def session(
    intervals: list[IntervalRecord],
    pauses: list[PauseRecord] | None = None,
    **fields: Any,
) -> SessionRecord:
    """A record around the given intervals; its totals add them up as the app does."""
    pauses = pauses or []
    active = sum(i.actual_seconds for i in intervals)
    values: dict[str, Any] = {
        "id": "20261130-142926-3fa2",
        "workout": "Beginner backward/forward intervals",
        "plan": "5m warmup @5kph",
        "started_at": STARTED,
        "updated_at": STARTED + dt.timedelta(seconds=active + sum(p.seconds for p in pauses)),
        "status": Status.COMPLETED,
        "time_scale": 1.0,
        "planned_seconds": sum(i.planned_seconds for i in intervals),
        "active_seconds": active,
        "paused_seconds": sum(p.seconds for p in pauses),
        "backward_seconds": sum(i.actual_seconds for i in intervals if i.kind is Kind.BACKWARD),
        "forward_seconds": sum(i.actual_seconds for i in intervals if i.kind is Kind.FORWARD),
        "distance_km": None,
        "energy_kcal": None,
        "weight_kg": 70.0,
        "intervals": tuple(intervals),
        "pauses": tuple(pauses),
    }
    values.update(fields)
    return SessionRecord(**values)


def treadmill_session() -> SessionRecord:
    """A session as a runner has them: a sleep between intervals, a skip, +10 s, a pause,
    a stop, a label full of XML's special characters and an interval without a speed.

    Plan: 5m warmup @5kph, 2x(1m back @6kph 2% LABEL, 2m fwd @9kph), 3m fwd "free run",
    5m cooldown @5kph.
    """
    done = IntervalOutcome.COMPLETED
    back = {"speed_kmh": 6.0, "incline_pct": 2.0, "label": LABEL, "planned": 60}
    fwd = {"speed_kmh": 9.0, "planned": 120}
    return session(
        [
            interval(1, Kind.WARMUP, 300.0, done, speed_kmh=5.0),
            interval(2, Kind.BACKWARD, 60.0, done, **back),
            interval(3, Kind.FORWARD, 35.5, IntervalOutcome.SKIPPED, **fwd),
            interval(4, Kind.BACKWARD, 70.0, done, adjusted_seconds=10.0, **back),
            interval(5, Kind.FORWARD, 120.0, done, **fwd),
            interval(
                6, Kind.FORWARD, 95.25, IntervalOutcome.STOPPED, label="free run", planned=180
            ),
            interval(
                7, Kind.COOLDOWN, 0.0, IntervalOutcome.NOT_REACHED, speed_kmh=5.0, planned=300
            ),
        ],
        [
            # The computer slept right as the warm-up ended.
            PauseRecord(at_seconds=300.0, seconds=12.0, reason="sleep"),
            # 50 s into the second forward interval (300 + 60 + 35.5 + 70 + 50).
            PauseRecord(at_seconds=515.5, seconds=45.0, reason="user"),
        ],
        status=Status.STOPPED,
        workout='Back & forth <"intervals">',
        note="Calves felt it.",
        distance_km=1.022,
        energy_kcal=67.953,
    )


def at(hours: int, minutes: int, seconds: float) -> dt.datetime:
    """A moment on the day of the sessions above, in UTC."""
    whole = int(seconds)
    micro = round((seconds - whole) * 1_000_000)
    return dt.datetime(2026, 11, 30, hours, minutes, whole, micro, tzinfo=dt.UTC)


#: The treadmill session's laps, worked out by hand: start (UTC), timer and elapsed
#: seconds, metres, whole kcal (ACSM, 70 kg), and the TCX Notes.
TREADMILL_LAPS = [
    # warm-up, 5 km/h (walking): VO2 3.5 + 0.1 x 83.33 = 11.83; x 70 kg x 5 min x 5/1000
    (at(13, 29, 26), 300.0, 300.0, 416.667, 21, "warmup"),
    # after the 12 s sleep; 6 km/h 2 % backward: (3.5 + 10 + 3.6) x 1.3 = 22.23
    (at(13, 34, 38), 60.0, 60.0, 100.0, 8, f"backward: {LABEL}"),
    # skipped after 35.5 s; 9 km/h running: 3.5 + 0.2 x 150 = 33.5
    (at(13, 35, 38), 35.5, 35.5, 88.75, 7, "forward"),
    # ten seconds added
    (at(13, 36, 13.5), 70.0, 70.0, 116.667, 9, f"backward: {LABEL}"),
    # paused 45 s inside: elapsed 165 s, timer 120 s
    (at(13, 37, 23.5), 120.0, 165.0, 300.0, 23, "forward"),
    # stopped; no speed, so no distance and no energy
    (at(13, 40, 8.5), 95.25, 95.25, 0.0, 0, "forward: free run"),
]
