from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backrun_tui.model.kinds import Kind
from backrun_tui.model.session import (
    IntervalOutcome,
    IntervalRecord,
    PauseRecord,
    SessionRecord,
    Status,
)
from backrun_tui.store.errors import StoreError
from backrun_tui.store.session_toml import (
    MAX_DISTANCE_KM,
    MAX_ENERGY_KCAL,
    MAX_PAUSED_SECONDS,
    MAX_SESSION_SECONDS,
)
from backrun_tui.store.sessions import (
    as_saved,
    record_from_document,
    record_to_toml,
)
from backrun_tui.store.tomlfile import parse_toml

CET = dt.timezone(dt.timedelta(hours=1))
PLAN = '5m warmup @5kph, 2x(1m back @5kph 2% "push off", 2m fwd @8kph), 5m cooldown @5kph'


def sample_record(**changes: Any) -> SessionRecord:
    """A finished session as the run screen would save it; tests change what they test."""
    record = SessionRecord(
        id="20261130-142926-3fa2",
        workout="Beginner backward/forward intervals",
        plan=PLAN,
        started_at=dt.datetime(2026, 11, 30, 14, 29, 26, tzinfo=CET),
        updated_at=dt.datetime(2026, 11, 30, 14, 46, 41, tzinfo=CET),
        status=Status.COMPLETED,
        time_scale=1.0,
        planned_seconds=960,
        active_seconds=975.0,
        paused_seconds=60.0,
        backward_seconds=120.0,
        forward_seconds=255.0,
        distance_km=1.429,
        energy_kcal=80.5,
        weight_kg=70.0,
        intervals=(
            IntervalRecord(1, Kind.WARMUP, 300, 300.0, IntervalOutcome.COMPLETED, 5.0),
            IntervalRecord(
                2, Kind.BACKWARD, 60, 60.0, IntervalOutcome.COMPLETED, 5.0, 2.0, "push off"
            ),
            IntervalRecord(
                3, Kind.FORWARD, 120, 135.0, IntervalOutcome.COMPLETED, 8.0, adjusted_seconds=10.0
            ),
        ),
        pauses=(PauseRecord(431.5, 60.0, "user"),),
        rpe=6,
        note="Calves felt it.",
    )
    return replace(record, **changes)


def reread(text: str, *, checkpoint: bool = False) -> SessionRecord:
    return record_from_document(parse_toml(Path("s.toml"), text), checkpoint=checkpoint)


def line_number(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the `occurrence`-th line of `text` that starts with `needle`."""
    found = [n for n, line in enumerate(text.split("\n"), start=1) if line.startswith(needle)]
    return found[occurrence - 1]


# --- the format ---------------------------------------------------------------------------


def test_file_text() -> None:
    record = sample_record(intervals=sample_record().intervals[1:2])
    assert record_to_toml(record) == (
        '# A backrun session. The fields are described in the README ("Session files").\n'
        "schema_version = 1\n"
        'id = "20261130-142926-3fa2"\n'
        'workout = "Beginner backward/forward intervals"\n'
        'plan = "5m warmup @5kph, 2x(1m back @5kph 2% \\"push off\\", 2m fwd @8kph), '
        '5m cooldown @5kph"\n'
        "started_at = 2026-11-30 14:29:26+01:00\n"
        "updated_at = 2026-11-30 14:46:41+01:00\n"
        'status = "completed"\n'
        "time_scale = 1.0\n"
        "planned_seconds = 960\n"
        "active_seconds = 975.0\n"
        "paused_seconds = 60.0\n"
        "backward_seconds = 120.0\n"
        "forward_seconds = 255.0\n"
        "distance_km = 1.429\n"
        "energy_kcal = 80.5\n"
        "weight_kg = 70.0\n"
        "rpe = 6\n"
        'note = "Calves felt it."\n'
        "\n"
        "[[intervals]]\n"
        "index = 2\n"
        'kind = "backward"\n'
        "planned_seconds = 60\n"
        "actual_seconds = 60.0\n"
        'outcome = "completed"\n'
        "speed_kmh = 5.0\n"
        "incline_pct = 2.0\n"
        'label = "push off"\n'
        "adjusted_seconds = 0.0\n"
        "\n"
        "[[pauses]]\n"
        "at_seconds = 431.5\n"
        "seconds = 60.0\n"
        'reason = "user"\n'
    )


def test_unknown_values_are_left_out() -> None:
    bare = IntervalRecord(1, Kind.REST, 60, 12.5, IntervalOutcome.STOPPED)
    record = sample_record(
        distance_km=None,
        energy_kcal=None,
        weight_kg=None,
        rpe=None,
        note="",
        intervals=(bare,),
        pauses=(),
    )
    text = record_to_toml(record)
    for key in ("distance_km", "energy_kcal", "weight_kg", "rpe", "note", "speed_kmh"):
        assert f"{key} =" not in text
    assert "incline_pct" not in text and "label" not in text and "[[pauses]]" not in text
    assert reread(text) == record


def test_figures_are_rounded_and_times_cut_to_the_second() -> None:
    six_mph = 6 * 1.609344
    record = sample_record(
        started_at=dt.datetime(2026, 11, 30, 14, 29, 26, 999_999, tzinfo=CET),
        active_seconds=975.00049,
        paused_seconds=-0.0001,  # a float's rounding error around zero
        distance_km=1.4293333,
        energy_kcal=80.456,
        intervals=(
            IntervalRecord(1, Kind.FORWARD, 60, 59.99951, IntervalOutcome.STOPPED, six_mph),
        ),
    )
    text = record_to_toml(record)
    assert "started_at = 2026-11-30 14:29:26+01:00\n" in text
    assert "active_seconds = 975.0\n" in text
    assert "paused_seconds = 0.0\n" in text
    assert "distance_km = 1.429\n" in text
    assert "energy_kcal = 80.5\n" in text
    assert "actual_seconds = 60.0\n" in text
    assert "speed_kmh = 9.656\n" in text
    assert reread(text) == as_saved(record)


def test_an_offset_with_seconds_is_written_in_utc() -> None:
    # Historic zones (local mean time) have offsets TOML cannot write.
    odd = dt.timezone(dt.timedelta(minutes=19, seconds=32))
    started = dt.datetime(2026, 1, 1, 12, 0, 0, tzinfo=odd)
    text = record_to_toml(sample_record(started_at=started))
    assert "started_at = 2026-01-01 11:40:28+00:00\n" in text
    assert reread(text).started_at == started


offsets = st.integers(-12 * 60, 14 * 60).map(lambda m: dt.timezone(dt.timedelta(minutes=m)))
moments = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=offsets
)
seconds = st.floats(min_value=0, max_value=MAX_SESSION_SECONDS)
texts = st.text(max_size=40)
records = st.builds(
    SessionRecord,
    id=st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}", fullmatch=True),
    workout=texts,
    plan=st.sampled_from([PLAN, "45s fwd", "1h5m back @4mph -2.5%, 3x(2x(30s rest))"]),
    started_at=moments,
    updated_at=moments,
    status=st.sampled_from([Status.COMPLETED, Status.STOPPED, Status.INTERRUPTED]),
    time_scale=st.floats(min_value=0, max_value=1000, exclude_min=True),
    planned_seconds=st.integers(0, 24 * 3600),
    active_seconds=seconds,
    paused_seconds=st.floats(min_value=0, max_value=MAX_PAUSED_SECONDS),
    backward_seconds=seconds,
    forward_seconds=seconds,
    distance_km=st.none() | st.floats(min_value=0, max_value=MAX_DISTANCE_KM),
    energy_kcal=st.none() | st.floats(min_value=0, max_value=MAX_ENERGY_KCAL),
    weight_kg=st.none() | st.floats(min_value=20, max_value=400),
    intervals=st.lists(
        st.builds(
            IntervalRecord,
            index=st.integers(1, 10_000),
            kind=st.sampled_from(Kind),
            planned_seconds=st.integers(1, 6 * 3600),
            actual_seconds=seconds,
            outcome=st.sampled_from(IntervalOutcome),
            speed_kmh=st.none() | st.floats(min_value=0.001, max_value=30),
            incline_pct=st.none() | st.floats(min_value=-10, max_value=40),
            label=texts,
            adjusted_seconds=st.floats(min_value=-1e5, max_value=1e5),
        ),
        max_size=5,
    ).map(tuple),
    pauses=st.lists(
        st.builds(PauseRecord, seconds, seconds, st.sampled_from(["user", "sleep"])), max_size=3
    ).map(tuple),
    rpe=st.none() | st.integers(1, 10),
    note=texts,
)


@given(records)
def test_round_trip(record: SessionRecord) -> None:
    text = record_to_toml(record)
    assert reread(text) == as_saved(record)
    assert record_to_toml(as_saved(record)) == text


@given(records)
def test_a_checkpoint_round_trips_as_running(record: SessionRecord) -> None:
    running = replace(record, status=Status.RUNNING)
    assert reread(record_to_toml(running), checkpoint=True) == as_saved(running)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"started_at": dt.datetime(2026, 11, 30, 14, 29, 26)}, "started_at"),
        ({"rpe": 11}, "rpe"),
        ({"rpe": 0}, "rpe"),
        ({"time_scale": 0.0}, "time_scale"),
        ({"time_scale": 1001.0}, "time_scale"),
        ({"active_seconds": float("nan")}, "active_seconds"),
        ({"weight_kg": 0.0}, "weight_kg"),
        ({"id": "../escape"}, "id"),
        ({"plan": "5m bak"}, "plan"),
        ({"note": "\ud800"}, "UTF-8"),
        (
            {"intervals": (IntervalRecord(1, Kind.REST, 60, -5.0, IntervalOutcome.STOPPED),)},
            "intervals #1: actual_seconds",
        ),
    ],
)
def test_a_record_that_would_not_read_back_is_refused(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(ValueError, match=re.escape(field)):
        record_to_toml(sample_record(**changes))


# --- reading bad files ----------------------------------------------------------------------

GOOD = record_to_toml(sample_record())


@pytest.mark.parametrize(
    ("old", "new", "line_of", "reason"),
    [
        (
            'status = "completed"',
            'status = "running"',
            ("status",),
            'status: expected "completed", "stopped" or "interrupted", got "running"',
        ),
        (
            "started_at = 2026-11-30 14:29:26+01:00",
            "started_at = 2026-11-30 14:29:26",
            ("started_at",),
            "started_at: expected a date and time with its UTC offset "
            "(e.g. 2026-11-30 14:29:26+01:00), got 2026-11-30T14:29:26",
        ),
        ("rpe = 6", "rpe = 11", ("rpe",), "rpe: expected a whole number from 1 to 10, got 11"),
        ("rpe = 6", "rpee = 6", ("rpee",), 'rpee: unknown key — did you mean "rpe"?'),
        (
            "time_scale = 1.0",
            "time_scale = 0",
            ("time_scale",),
            "time_scale: expected a number above 0 and at most 1000, got 0",
        ),
        (
            "schema_version = 1",
            "schema_version = 2",
            ("schema_version",),
            "schema_version: written by a newer backrun (schema 2); this one reads schema 1",
        ),
        (
            'kind = "forward"',
            'kind = "sideways"',
            ('kind = "sideways"',),
            'intervals #3: kind: expected "warmup", "backward", "forward", "rest" or '
            '"cooldown", got "sideways"',
        ),
        (
            "actual_seconds = 60.0",
            "actual_seconds = -1",
            ("actual_seconds = -1",),
            "intervals #2: actual_seconds: expected a number at least 0 and at most 604800, got -1",
        ),
        (
            "adjusted_seconds = 10.0",
            "adjusted_seconds = nan",
            ("adjusted_seconds = nan",),
            "intervals #3: adjusted_seconds: expected a number at least -604800 and at most "
            "604800, got nan",
        ),
        (
            'reason = "user"',
            "",
            ("[[pauses]]",),
            "pauses #1: reason: missing",
        ),
        (
            "seconds = 60.0",
            "secs = 60.0",
            ("secs = 60.0",),
            'pauses #1: secs: unknown key — did you mean "seconds"?',
        ),
    ],
)
def test_a_bad_value_is_reported_with_its_line_and_field(
    old: str, new: str, line_of: tuple[str], reason: str
) -> None:
    assert GOOD.count(f"\n{old}\n") == 1
    text = GOOD.replace(f"\n{old}\n", f"\n{new}\n")
    with pytest.raises(StoreError) as caught:
        reread(text)
    assert (caught.value.line, caught.value.reason) == (line_number(text, line_of[0]), reason)
    assert caught.value.path == Path("s.toml")


def test_a_missing_key_points_at_its_table() -> None:
    text = GOOD.replace('kind = "backward"\n', "")
    with pytest.raises(StoreError) as caught:
        reread(text)
    assert caught.value.reason == "intervals #2: kind: missing"
    assert caught.value.line == line_number(text, "[[intervals]]", 2)


def test_a_bad_plan_is_reported_with_its_column() -> None:
    text = GOOD.replace(PLAN.replace('"', '\\"'), "5m warmup @5, 2x(1m bak)")
    with pytest.raises(StoreError) as caught:
        reread(text)
    assert caught.value.line == line_number(text, "plan =")
    assert caught.value.reason.startswith("plan: column 21: ")


def test_intervals_written_inline_by_hand_are_read() -> None:
    text = GOOD.split("\n[[intervals]]")[0] + (
        '\nintervals = [{ index = 1, kind = "rest", planned_seconds = 60, '
        'actual_seconds = 60, outcome = "completed", adjusted_seconds = 0 }]\n'
    )
    assert reread(text).intervals == (
        IntervalRecord(1, Kind.REST, 60, 60.0, IntervalOutcome.COMPLETED),
    )
    with pytest.raises(StoreError) as caught:
        reread(text.replace('"rest"', '"resting"'))
    assert caught.value.line == line_number(text, "intervals =")


def test_a_checkpoint_must_say_running_and_a_session_must_not() -> None:
    running = record_to_toml(sample_record(status=Status.RUNNING))
    assert reread(running, checkpoint=True).status is Status.RUNNING
    with pytest.raises(StoreError, match="status"):
        reread(running)
    with pytest.raises(StoreError, match='status: expected "running", got "completed"'):
        reread(GOOD, checkpoint=True)
