"""A few weeks of recorded sessions, written to the sessions folder by the real writer."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from backrun_tui.model.kinds import Kind
from backrun_tui.model.session import IntervalOutcome, SessionRecord, Status
from backrun_tui.store import Paths
from backrun_tui.store.checkpoints import SessionWriter
from tests.export.sessions import interval, session, treadmill_session

CET = dt.timezone(dt.timedelta(hours=1))


def easy_session(started: dt.datetime, **fields: object) -> SessionRecord:
    """Ten minutes: a warm-up, a minute backward, two forward, a cool-down."""
    done = IntervalOutcome.COMPLETED
    record = session(
        [
            interval(1, Kind.WARMUP, 180.0, done, speed_kmh=5.0),
            interval(2, Kind.BACKWARD, 60.0, done, speed_kmh=5.5, incline_pct=1.0),
            interval(3, Kind.FORWARD, 120.0, done, speed_kmh=9.0),
            interval(4, Kind.COOLDOWN, 240.0, done, speed_kmh=5.0),
        ],
        id=f"{started:%Y%m%d-%H%M%S}-0a{started.day:02d}",
        workout="Easy backward",
        plan="3m warmup @5kph, 1m back @5.5kph 1%, 2m fwd @9kph, 4m cooldown @5kph",
        started_at=started,
        updated_at=started + dt.timedelta(seconds=600),
        distance_km=0.929,
        energy_kcal=52.4,
    )
    return replace(record, **fields)  # type: ignore[arg-type]


def sample_sessions() -> list[SessionRecord]:
    """Five sessions over three weeks, of every status, with and without a rating."""
    day = dt.datetime(2026, 11, 9, 7, 0, tzinfo=CET)
    return [
        easy_session(day, rpe=4, note="Felt easy."),
        easy_session(day + dt.timedelta(days=7, hours=11), status=Status.INTERRUPTED, rpe=None),
        easy_session(
            day + dt.timedelta(days=14, hours=1),
            workout="Hill walk backward",
            time_scale=50.0,
            rpe=7,
            distance_km=None,
            energy_kcal=None,
        ),
        easy_session(day + dt.timedelta(days=18), rpe=5, energy_kcal=48.0),
        # The export tests' session: a sleep, a skip, +10 s, a pause, a stop, no RPE.
        treadmill_session(),
    ]


def write_sessions(records: list[SessionRecord], paths: Paths | None = None) -> list[Path]:
    """Save each record as the app does at a session's end; the files written."""
    folder = (paths or Paths.default()).sessions_dir
    written = []
    for record in records:
        result = SessionWriter(folder, record.id).finish(record)
        assert result.ok, result.error
        written.append(result.path)
    return written
