"""A session file may only say what a session can be: bounded numbers, dates, its own name."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from backrun_tui.model.kinds import Kind
from backrun_tui.model.session import IntervalOutcome, IntervalRecord, PauseRecord
from backrun_tui.store import session_toml, sessions
from backrun_tui.store.errors import StoreError
from backrun_tui.store.sessions import load_sessions, record_to_toml
from tests.store.test_sessions import line_number, reread, sample_record
from tests.store.test_sessions_history import save

GOOD = record_to_toml(sample_record())
WEEK = 7 * 24 * 3600


def bad_value(old: str, new: str, occurrence: int = 1) -> StoreError:
    """The error for GOOD with its `occurrence`-th line `old` replaced by `new`."""
    lines = GOOD.split("\n")
    at = [n for n, line in enumerate(lines) if line == old][occurrence - 1]
    lines[at] = new
    text = "\n".join(lines)
    with pytest.raises(StoreError) as caught:
        reread(text)
    assert caught.value.line == at + 1
    return caught.value


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        (
            "active_seconds = 975.0",
            "active_seconds = 1e308",
            f"active_seconds: expected a number at least 0 and at most {WEEK}, got 1e+308",
        ),
        (
            "planned_seconds = 960",
            "planned_seconds = 1000000000000000000000000000000",
            "planned_seconds: expected a whole number from 0 to 86400, got too large a number",
        ),
        (
            "paused_seconds = 60.0",
            "paused_seconds = 1e12",
            f"paused_seconds: expected a number at least 0 and at most {WEEK * 1000}, "
            "got 1000000000000.0",
        ),
        (
            "backward_seconds = 120.0",
            "backward_seconds = 604800.5",
            f"backward_seconds: expected a number at least 0 and at most {WEEK}, got 604800.5",
        ),
        (
            "distance_km = 1.429",
            "distance_km = 40075.0",
            "distance_km: expected a number at least 0 and at most 5040, got 40075.0",
        ),
        (
            "energy_kcal = 80.5",
            "energy_kcal = inf",
            "energy_kcal: expected a number at least 0 and at most 12000000, "
            "got too large a number",
        ),
        (
            "weight_kg = 70.0",
            "weight_kg = 401",
            "weight_kg: expected a number at least 20 and at most 400, got 401",
        ),
        (
            "weight_kg = 70.0",
            "weight_kg = 19.9",
            "weight_kg: expected a number at least 20 and at most 400, got 19.9",
        ),
    ],
)
def test_a_number_out_of_bounds_names_its_field_and_line(old: str, new: str, reason: str) -> None:
    assert bad_value(old, new).reason == reason


@pytest.mark.parametrize(
    ("old", "new", "occurrence", "reason"),
    [
        (
            "index = 1",
            "index = 100001",
            1,
            "intervals #1: index: expected a whole number from 1 to 100000, got 100001",
        ),
        (
            "planned_seconds = 300",
            "planned_seconds = 21601",
            1,
            "intervals #1: planned_seconds: expected a whole number from 0 to 21600, got 21601",
        ),
        (
            "actual_seconds = 135.0",
            "actual_seconds = 1e7",
            1,
            f"intervals #3: actual_seconds: expected a number at least 0 and at most {WEEK}, "
            "got 10000000.0",
        ),
        (
            "speed_kmh = 8.0",
            "speed_kmh = 30.5",
            1,
            "intervals #3: speed_kmh: expected a number above 0 and at most 30, got 30.5",
        ),
        (
            "incline_pct = 2.0",
            "incline_pct = 41",
            1,
            "intervals #2: incline_pct: expected a number at least -10 and at most 40, got 41",
        ),
        (
            "adjusted_seconds = 10.0",
            "adjusted_seconds = -1e7",
            1,
            f"intervals #3: adjusted_seconds: expected a number at least -{WEEK} and at most "
            f"{WEEK}, got -10000000.0",
        ),
        (
            "at_seconds = 431.5",
            "at_seconds = 1e9",
            1,
            f"pauses #1: at_seconds: expected a number at least 0 and at most {WEEK}, "
            "got 1000000000.0",
        ),
        (
            "seconds = 60.0",
            "seconds = 1e300",
            1,
            f"pauses #1: seconds: expected a number at least 0 and at most {WEEK * 1000}, "
            "got 1e+300",
        ),
    ],
)
def test_a_number_out_of_bounds_in_a_table_names_the_table(
    old: str, new: str, occurrence: int, reason: str
) -> None:
    assert bad_value(old, new, occurrence).reason == reason


def test_too_many_intervals_or_pauses(monkeypatch: pytest.MonkeyPatch) -> None:
    # The real bounds (100,000) would take a file of 13 MB to pass.
    monkeypatch.setattr(session_toml, "MAX_INTERVALS", 2)
    with pytest.raises(StoreError) as caught:
        reread(GOOD)
    assert caught.value.reason == "intervals: expected at most 2 [[intervals]] tables, got 3"
    assert caught.value.line == line_number(GOOD, "[[intervals]]")
    monkeypatch.setattr(session_toml, "MAX_INTERVALS", 3)
    monkeypatch.setattr(session_toml, "MAX_PAUSES", 0)
    with pytest.raises(StoreError, match=r"pauses: expected at most 0 \[\[pauses\]\] tables"):
        reread(GOOD)


@pytest.mark.parametrize(
    "changes",
    [
        {"active_seconds": 1e308},
        {"planned_seconds": 10**30},
        {"weight_kg": 500.0},
        {"started_at": dt.datetime(1, 1, 1, tzinfo=dt.UTC)},
        {"intervals": (IntervalRecord(1, Kind.REST, 60, 60.0, IntervalOutcome.COMPLETED, 31),)},
        {"pauses": (PauseRecord(0.0, 1e300, "sleep"),)},
    ],
)
def test_a_record_out_of_bounds_is_refused_before_it_is_written(changes: dict[str, Any]) -> None:
    field = next(iter(changes))
    with pytest.raises(ValueError, match=re.escape(field)):
        record_to_toml(sample_record(**changes))


def test_the_largest_values_allowed_are_written_and_read_back() -> None:
    record = sample_record(
        active_seconds=float(WEEK),
        paused_seconds=float(WEEK * 1000),
        distance_km=5040.0,
        energy_kcal=12_000_000.0,
        weight_kg=400.0,
        started_at=dt.datetime(1970, 1, 1, tzinfo=dt.UTC),
        updated_at=dt.datetime(2200, 12, 31, 23, 59, 59, tzinfo=dt.UTC),
    )
    assert reread(record_to_toml(record)) == record


# --- dates ----------------------------------------------------------------------------------

YEAR_ONE = "0001-01-01 00:00:00+01:00"
YEAR_9999 = "9999-12-31 23:59:59-01:00"


@pytest.mark.parametrize("moment", [YEAR_ONE, YEAR_9999, "1969-12-31 23:59:59+00:00"])
@pytest.mark.parametrize("key", ["started_at", "updated_at"])
def test_a_date_out_of_the_years_a_session_can_have(key: str, moment: str) -> None:
    old = next(line for line in GOOD.split("\n") if line.startswith(f"{key} = "))
    error = bad_value(old, f"{key} = {moment}")
    shown = dt.datetime.fromisoformat(moment).isoformat()
    assert error.reason == f"{key}: expected a date from the year 1970 to 2200, got {shown}"


def test_a_session_from_year_one_does_not_hide_the_others(tmp_path: Path) -> None:
    # Converting year 1 at UTC+1 to local time overflowed, and `history --since` showed
    # nothing at all.
    good = save(tmp_path, sample_record())
    odd = save(tmp_path, sample_record(id="odd"))
    text = odd.read_text()
    odd.write_text(
        text.replace("started_at = 2026-11-30 14:29:26+01:00", f"started_at = {YEAR_ONE}")
    )

    entries, problems = load_sessions(tmp_path, since=dt.date(2026, 1, 1))

    assert [e.path for e in entries] == [good]
    assert [(p.path, p.line) for p in problems] == [(odd, line_number(text, "started_at ="))]
    assert problems[0].reason.startswith("started_at: expected a date from the year 1970")


def test_the_since_filter_takes_a_date_it_cannot_convert_as_written() -> None:
    far = dt.datetime(9999, 12, 31, 23, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    with pytest.raises(OverflowError):
        far.astimezone(dt.UTC)
    assert sessions._local_date(far) == dt.date(9999, 12, 31)


# --- one file per session, named after it -----------------------------------------------------


def test_a_copy_under_another_name_is_reported_not_listed_twice(tmp_path: Path) -> None:
    original = save(tmp_path, sample_record())
    copy = tmp_path / "copy of session.toml"
    shutil.copyfile(original, copy)
    other = save(tmp_path, sample_record(id="20261201-070000-beef"))

    entries, problems = load_sessions(tmp_path)

    assert [e.path for e in entries] == [other, original]
    assert [(p.path, p.line, p.reason) for p in problems] == [
        (copy, line_number(GOOD, "id ="), 'id: "20261130-142926-3fa2" is not the file\'s name')
    ]
    assert copy.read_text() == original.read_text()


def test_a_session_saved_elsewhere_under_any_name_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "my run.toml"
    path.write_text(GOOD)
    assert sessions.read_session(path) == sample_record()
    with pytest.raises(StoreError, match="is not the file's name"):
        sessions.read_session(path, check_name=True)
