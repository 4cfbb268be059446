"""Twelve weeks of sessions on disk, for the progress screen's pilot and snapshot tests.

Today, for the test apps, is Monday 30 November 2026 (ISO week 49), 07:15 in Paris.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from backrun_tui.model.kinds import Kind
from backrun_tui.model.session import IntervalOutcome, IntervalRecord, SessionRecord, Status
from backrun_tui.store.sessions import record_to_toml

PARIS = timezone(timedelta(hours=1))
#: Monday of ISO week 49 of 2026, the week the test apps' today falls in.
THIS_MONDAY = datetime(2026, 11, 30, tzinfo=PARIS)

#: Per week, oldest (W38) first: (weekday, hour, backward minutes, forward minutes, km)
#: of each session. W42 has none, so the streak is the seven weeks since.
WEEKS: list[list[tuple[int, int, int, int, float | None]]] = [
    [(1, 7, 6, 12, 2.4)],
    [(1, 7, 6, 12, 2.4), (4, 18, 6, 12, 2.4)],
    [(2, 7, 8, 12, 2.7)],
    [(0, 7, 8, 14, 2.9), (3, 7, 8, 14, 2.9)],
    [],
    [(1, 7, 10, 14, 3.2)],
    [(1, 7, 10, 16, 3.4), (5, 9, 12, 16, 3.6)],
    [(0, 7, 12, 18, 3.9), (2, 7, 12, 18, 3.9), (4, 7, 6, 0, None)],
    [(1, 7, 14, 18, 4.1)],
    [(1, 7, 14, 20, 4.3), (3, 7, 16, 20, 4.5)],
    [(0, 7, 16, 20, 4.5), (2, 7, 18, 22, 5.0), (6, 10, 18, 24, 5.2)],
    [(0, 6, 12, 15, 3.1)],
]


def record(when: datetime, back_min: int, fwd_min: int, km: float | None) -> SessionRecord:
    back, fwd = back_min * 60.0, fwd_min * 60.0
    return SessionRecord(
        id=f"{when:%Y%m%d-%H%M%S}-0a0b",
        workout="Backward/forward intervals",
        plan=f"{back_min}m back @6kph, {fwd_min}m fwd @9kph" if fwd_min else f"{back_min}m back",
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
        intervals=(IntervalRecord(1, Kind.BACKWARD, int(back), back, IntervalOutcome.COMPLETED),),
    )


def write_twelve_weeks(home: Path, *, broken: bool = True) -> Path:
    """The sessions of `WEEKS`, one sped-up try-out, and (with `broken`) a file that cannot
    be read; the sessions folder."""
    folder = home / "sessions"
    folder.mkdir(parents=True, exist_ok=True)
    records = []
    for n, week in enumerate(WEEKS):
        monday = THIS_MONDAY - timedelta(weeks=len(WEEKS) - 1 - n)
        for weekday, hour, back, fwd, km in week:
            when = monday + timedelta(days=weekday, hours=hour)
            records.append(record(when, back, fwd, km))
    tried = record(THIS_MONDAY - timedelta(days=3, hours=-20), 30, 30, 8.0)
    records.append(replace(tried, id="20261127-200000-5eed", time_scale=60.0))
    for r in records:
        (folder / f"{r.id}.toml").write_text(record_to_toml(r), encoding="utf-8")
    if broken:
        (folder / "20261126-070000-dead.toml").write_text(
            'schema_version = 1\nid = "20261126-070000-dead"\nstatus = "done"\n',
            encoding="utf-8",
        )
    return folder
