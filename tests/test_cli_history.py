"""`backrun history` as SPEC.md says: newest first, JSON, CSV, --since, bad files skipped."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from backrun_tui.cli import main
from backrun_tui.model.kinds import Kind
from backrun_tui.model.session import IntervalOutcome, IntervalRecord, SessionRecord, Status
from backrun_tui.store.sessions import record_to_toml

TZ = timezone(timedelta(hours=1))


def record(day: int, hour: int, **changes: object) -> SessionRecord:
    started = datetime(2026, 11, day, hour, 0, 0, tzinfo=TZ)
    base = SessionRecord(
        id=f"202611{day:02d}-{hour:02d}0000-ab{day:02d}",
        workout="Beginner",
        plan="1m back @6kph, 1m fwd @9kph",
        started_at=started,
        updated_at=started + timedelta(minutes=2),
        status=Status.COMPLETED,
        time_scale=1.0,
        planned_seconds=120,
        active_seconds=120.0,
        paused_seconds=5.0,
        backward_seconds=60.0,
        forward_seconds=60.0,
        distance_km=0.25,
        energy_kcal=None,
        weight_kg=None,
        intervals=(
            IntervalRecord(1, Kind.BACKWARD, 60, 60.0, IntervalOutcome.COMPLETED, 6.0),
            IntervalRecord(2, Kind.FORWARD, 60, 60.0, IntervalOutcome.COMPLETED, 9.0),
        ),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.fixture
def sessions(backrun_home: Path) -> Path:
    folder = backrun_home / "sessions"
    folder.mkdir(parents=True)
    for r in (
        record(28, 7, rpe=6, note="easy, calves fine"),
        record(30, 7, status=Status.STOPPED, active_seconds=70.0),
        record(29, 18, status=Status.INTERRUPTED, time_scale=50.0),
    ):
        (folder / f"{r.id}.toml").write_text(record_to_toml(r), encoding="utf-8")
    return folder


def history(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["history", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_newest_first_with_every_field(
    capsys: pytest.CaptureFixture[str], sessions: Path
) -> None:
    code, out, err = history(capsys, "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert [s["started_at"] for s in data] == [
        "2026-11-30T07:00:00+01:00",
        "2026-11-29T18:00:00+01:00",
        "2026-11-28T07:00:00+01:00",
    ]
    assert [s["status"] for s in data] == ["stopped", "interrupted", "completed"]
    assert data[2] == {
        "id": "20261128-070000-ab28",
        "workout": "Beginner",
        "started_at": "2026-11-28T07:00:00+01:00",
        "status": "completed",
        "planned_seconds": 120,
        "active_seconds": 120.0,
        "paused_seconds": 5.0,
        "backward_seconds": 60.0,
        "forward_seconds": 60.0,
        "distance_km": 0.25,
        "energy_kcal": None,
        "rpe": 6,
        "note": "easy, calves fine",
        "time_scale": 1.0,
        "file": str(sessions / "20261128-070000-ab28.toml"),
    }
    assert data[1]["time_scale"] == 50.0


def test_since_filters_by_day(capsys: pytest.CaptureFixture[str], sessions: Path) -> None:
    _, out, _ = history(capsys, "--json", "--since", "2026-11-29")
    assert [s["id"][:8] for s in json.loads(out)] == ["20261130", "20261129"]


def test_csv_has_a_header_and_the_same_rows(
    capsys: pytest.CaptureFixture[str], sessions: Path
) -> None:
    code, out, _ = history(capsys, "--csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 3
    assert rows[2]["note"] == "easy, calves fine"
    assert rows[2]["energy_kcal"] == ""
    assert list(rows[0]) == [
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
    ]


def test_text_table(capsys: pytest.CaptureFixture[str], sessions: Path) -> None:
    _, out, _ = history(capsys)
    lines = out.splitlines()
    assert lines[0].split() == [
        "started",
        "workout",
        "status",
        "time",
        "backward",
        "distance",
        "energy",
        "rpe",
    ]
    assert lines[1].startswith("2026-11-30 07:00  Beginner  stopped")


def test_unreadable_file_is_named_skipped_and_left_alone(
    capsys: pytest.CaptureFixture[str], sessions: Path
) -> None:
    broken = sessions / "20261101-070000-dead.toml"
    broken.write_text("schema_version = 1\nstatus = 'done'\n", encoding="utf-8")
    code, out, err = history(capsys, "--json")
    assert code == 0
    assert len(json.loads(out)) == 3
    assert err.startswith(f"backrun: skipped {broken}")
    assert broken.read_text(encoding="utf-8") == "schema_version = 1\nstatus = 'done'\n"


def test_bad_since_is_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = history(capsys, "--since", "yesterday")
    assert (code, out) == (2, "")
    assert "expected a date like 2026-11-30" in err


def test_json_and_csv_exclude_each_other(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = history(capsys, "--json", "--csv")
    assert code == 2 and "not allowed with argument" in err


def test_no_sessions_yet(capsys: pytest.CaptureFixture[str]) -> None:
    assert history(capsys) == (0, "no sessions yet\n", "")
    assert history(capsys, "--json") == (0, "[]\n", "")
