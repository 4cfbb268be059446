"""FIT export: Garmin's own decoder reads it whole, with the laps as worked out by hand."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from garmin_fit_sdk import Decoder, Stream

from backrun_tui.export.fit import session_fit
from backrun_tui.export.laps import NothingToExport
from backrun_tui.model.kinds import Kind
from backrun_tui.model.session import IntervalOutcome, PauseRecord, SessionRecord
from tests.export.sessions import TREADMILL_LAPS, interval, session, treadmill_session

Messages = dict[str, list[dict[str, Any]]]


def utc(hours: int, minutes: int, seconds: int) -> dt.datetime:
    return dt.datetime(2026, 11, 30, hours, minutes, seconds, tzinfo=dt.UTC)


def decoded(record: SessionRecord, tmp_path: Path) -> Messages:
    """The messages Garmin's decoder reads from the file; fails on any error it reports."""
    path = tmp_path / f"{record.id}.fit"
    path.write_bytes(session_fit(record))
    integrity = Decoder(Stream.from_file(str(path)))
    assert integrity.is_fit()
    assert integrity.check_integrity()
    messages, errors = Decoder(Stream.from_file(str(path))).read()
    assert errors == []
    return messages


@pytest.fixture
def treadmill(tmp_path: Path) -> Messages:
    return decoded(treadmill_session(), tmp_path)


def test_it_is_an_activity_file(treadmill: Messages) -> None:
    [file_id] = treadmill["file_id_mesgs"]
    assert file_id["type"] == "activity"
    assert file_id["product_name"] == "backrun"
    assert file_id["time_created"] == utc(13, 29, 26)
    [activity] = treadmill["activity_mesgs"]
    assert activity["num_sessions"] == 1
    assert activity["total_timer_time"] == pytest.approx(680.75)
    # The runner's clock (UTC+1) at the end, in seconds since the FIT epoch.
    fit_epoch = dt.datetime(1989, 12, 31, tzinfo=dt.UTC)
    assert activity["local_timestamp"] == (utc(14, 41, 44) - fit_epoch).total_seconds()


def test_the_laps_are_the_intervals_that_ran(treadmill: Messages) -> None:
    laps = treadmill["lap_mesgs"]
    assert len(laps) == len(TREADMILL_LAPS)
    # FIT keeps whole seconds: 13:36:13.5 is written 13:36:14.
    assert [lap["start_time"] for lap in laps] == [
        utc(13, 29, 26),
        utc(13, 34, 38),
        utc(13, 35, 38),
        utc(13, 36, 14),
        utc(13, 37, 24),
        utc(13, 40, 9),
    ]
    assert [lap["total_timer_time"] for lap in laps] == pytest.approx(
        [row[1] for row in TREADMILL_LAPS]
    )
    assert [lap["total_elapsed_time"] for lap in laps] == pytest.approx(
        [row[2] for row in TREADMILL_LAPS]
    )
    # Distance to the centimetre; the interval without a speed has none (unknown, not 0).
    assert [lap.get("total_distance") for lap in laps] == [
        416.67,
        100.0,
        88.75,
        116.67,
        300.0,
        None,
    ]
    assert [lap.get("total_calories") for lap in laps] == [21, 8, 7, 9, 23, None]
    assert [lap["intensity"] for lap in laps] == [
        "warmup",
        "active",
        "active",
        "active",
        "active",
        "active",
    ]
    assert {lap["sport"] for lap in laps} == {"running"}
    assert {lap["sub_sport"] for lap in laps} == {"treadmill"}
    assert [lap["message_index"] for lap in laps] == list(range(6))


def test_the_session_sums_the_laps(treadmill: Messages) -> None:
    [summary] = treadmill["session_mesgs"]
    assert summary["sport"] == "running"
    assert summary["num_laps"] == 6
    assert summary["first_lap_index"] == 0
    assert summary["start_time"] == utc(13, 29, 26)
    assert summary["timestamp"] == utc(13, 41, 44)
    assert summary["total_timer_time"] == pytest.approx(680.75)
    assert summary["total_elapsed_time"] == pytest.approx(737.75)  # with 57 s of pauses
    assert summary["total_distance"] == pytest.approx(1022.08)
    assert summary["total_calories"] == 68  # 67.95: the sum before rounding


def test_the_timer_stops_for_every_pause(treadmill: Messages) -> None:
    timer = [(e["event_type"], e["timestamp"]) for e in treadmill["event_mesgs"]]
    assert timer == [
        ("start", utc(13, 29, 26)),
        ("stop_all", utc(13, 34, 26)),  # the computer slept after the warm-up
        ("start", utc(13, 34, 38)),
        ("stop_all", utc(13, 38, 14)),  # paused 50 s into the fifth interval
        ("start", utc(13, 38, 59)),
        ("stop_all", utc(13, 41, 44)),
    ]
    assert {e["event"] for e in treadmill["event_mesgs"]} == {"timer"}


def test_records_follow_the_clock_and_the_distance(treadmill: Messages) -> None:
    records = treadmill["record_mesgs"]
    times = [r["timestamp"] for r in records]
    assert times == sorted(times)
    assert times[0] == utc(13, 29, 26)
    assert times[-1] == utc(13, 41, 44)
    distances = [r["distance"] for r in records]
    assert distances == sorted(distances)
    assert distances[-1] == pytest.approx(1022.08)


def test_a_time_scaled_session_spans_its_real_time(tmp_path: Path) -> None:
    record = session(
        [
            interval(1, Kind.WARMUP, 300.0, speed_kmh=5.0),
            interval(2, Kind.FORWARD, 300.0, speed_kmh=9.0),
        ],
        [PauseRecord(at_seconds=300.0, seconds=60.0, reason="user")],
        time_scale=60.0,
    )
    messages = decoded(record, tmp_path)
    laps = messages["lap_mesgs"]
    assert [lap["start_time"] for lap in laps] == [utc(13, 29, 26), utc(13, 29, 32)]
    assert [lap["total_timer_time"] for lap in laps] == [5.0, 5.0]
    [summary] = messages["session_mesgs"]
    assert summary["total_elapsed_time"] == 11.0


def test_an_export_is_the_same_bytes_every_time() -> None:
    record = treadmill_session()
    assert session_fit(record) == session_fit(record)
    assert session_fit(replace(record, id="20261130-142926-beef")) != session_fit(record)


def test_a_session_where_nothing_ran_has_no_fit() -> None:
    record = session([interval(1, Kind.WARMUP, 0.0, IntervalOutcome.NOT_REACHED)])
    with pytest.raises(NothingToExport):
        session_fit(record)
