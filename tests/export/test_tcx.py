"""TCX export: valid against Garmin's schema, and read back by a TCX reader as written."""

from __future__ import annotations

import datetime as dt
import hashlib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import xmlschema
from tcxreader.tcxreader import TCXReader

from backrun_tui.export.laps import NothingToExport
from backrun_tui.export.tcx import session_tcx, utc_iso
from backrun_tui.model.kinds import Kind
from backrun_tui.model.session import IntervalOutcome, PauseRecord
from tests.export.sessions import LABEL, TREADMILL_LAPS, interval, session, treadmill_session

XSD = Path(__file__).parent / "data" / "TrainingCenterDatabasev2.xsd"
XSD_SHA256 = "b690f3c3b943c5a0784246add6671218489d5762b6e1dcff00544a6556eee35e"
TC = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(XSD)


def laps_of(document: str) -> list[ET.Element]:
    return ET.fromstring(document).findall(f"{TC}Activities/{TC}Activity/{TC}Lap")


def texts(laps: list[ET.Element], name: str) -> list[str | None]:
    return [lap.findtext(f"{TC}{name}") for lap in laps]


def test_the_schema_is_garmins_file_as_vendored() -> None:
    assert hashlib.sha256(XSD.read_bytes()).hexdigest() == XSD_SHA256
    root = ET.parse(XSD).getroot()
    assert root.get("targetNamespace") == TC.strip("{}")


def test_the_treadmill_session_is_valid_tcx(schema: xmlschema.XMLSchema) -> None:
    schema.validate(session_tcx(treadmill_session()))


def test_the_schema_catches_a_lap_without_calories(schema: xmlschema.XMLSchema) -> None:
    # The validation above means something only if a broken lap fails it.
    root = ET.fromstring(session_tcx(treadmill_session()))
    lap = root.find(f"{TC}Activities/{TC}Activity/{TC}Lap")
    assert lap is not None
    calories = lap.find(f"{TC}Calories")
    assert calories is not None
    lap.remove(calories)
    assert not schema.is_valid(ET.tostring(root, encoding="unicode"))


def test_a_tcx_reader_finds_the_laps_as_worked_out_by_hand(tmp_path: Path) -> None:
    path = tmp_path / "session.tcx"
    path.write_text(session_tcx(treadmill_session()), encoding="utf-8")
    exercise = TCXReader().read(str(path), only_gps=False)
    assert exercise.activity_type == "Running"
    assert len(exercise.laps) == len(TREADMILL_LAPS)
    # tcxreader reads neither StartTime nor TotalTimeSeconds: a lap's span is that of
    # its Trackpoints (in naive UTC). It works out start_time and duration itself only
    # for laps of three points or more, so they are taken from the points here.
    starts = [row[0].replace(tzinfo=None) for row in TREADMILL_LAPS]
    assert [lap.trackpoints[0].time for lap in exercise.laps] == starts
    spans = [(lap.trackpoints[-1].time - lap.trackpoints[0].time) for lap in exercise.laps]
    assert [span.total_seconds() for span in spans] == pytest.approx(
        [row[2] for row in TREADMILL_LAPS]
    )
    assert [lap.distance for lap in exercise.laps] == pytest.approx(
        [row[3] for row in TREADMILL_LAPS], abs=0.001
    )
    assert [lap.calories for lap in exercise.laps] == [row[4] for row in TREADMILL_LAPS]


def test_each_lap_says_its_timer_time_intensity_and_interval() -> None:
    laps = laps_of(session_tcx(treadmill_session()))
    assert [lap.get("StartTime") for lap in laps] == [
        "2026-11-30T13:29:26Z",
        "2026-11-30T13:34:38Z",
        "2026-11-30T13:35:38Z",
        "2026-11-30T13:36:13.500Z",
        "2026-11-30T13:37:23.500Z",
        "2026-11-30T13:40:08.500Z",
    ]
    assert texts(laps, "TotalTimeSeconds") == ["300", "60", "35.5", "70", "120", "95.25"]
    assert texts(laps, "DistanceMeters") == ["416.667", "100", "88.75", "116.667", "300", "0"]
    assert texts(laps, "Intensity") == ["Resting", "Active", "Active", "Active", "Active", "Active"]
    assert set(texts(laps, "TriggerMethod")) == {"Time"}
    # The label's <, & and " come back as written.
    assert texts(laps, "Notes") == [row[5] for row in TREADMILL_LAPS]
    assert texts(laps, "Notes")[1] == f"backward: {LABEL}"


def test_a_pause_inside_a_lap_starts_a_new_track() -> None:
    laps = laps_of(session_tcx(treadmill_session()))
    paused = laps[4]
    tracks = paused.findall(f"{TC}Track")
    times = [[p.findtext(f"{TC}Time") for p in t.findall(f"{TC}Trackpoint")] for t in tracks]
    assert times == [
        ["2026-11-30T13:37:23.500Z", "2026-11-30T13:38:13.500Z"],
        ["2026-11-30T13:38:58.500Z", "2026-11-30T13:40:08.500Z"],
    ]
    metres = [p.findtext(f"{TC}DistanceMeters") for p in paused.iter(f"{TC}Trackpoint")]
    # 722.083 m before the lap; 9 km/h for 50 s, then 70 s more.
    assert metres == ["722.083", "847.083", "847.083", "1022.083"]


def test_the_activity_is_identified_by_its_start_and_named_after_the_workout() -> None:
    root = ET.fromstring(session_tcx(treadmill_session()))
    activity = root.find(f"{TC}Activities/{TC}Activity")
    assert activity is not None
    assert activity.get("Sport") == "Running"
    assert activity.findtext(f"{TC}Id") == "2026-11-30T13:29:26Z"
    assert activity.findtext(f"{TC}Notes") == 'Back & forth <"intervals">\nCalves felt it.'


def test_a_time_scaled_session_spans_its_real_time(schema: xmlschema.XMLSchema) -> None:
    record = session(
        [
            interval(1, Kind.WARMUP, 300.0, speed_kmh=5.0),
            interval(2, Kind.FORWARD, 300.0, speed_kmh=9.0),
        ],
        [PauseRecord(at_seconds=300.0, seconds=60.0, reason="user")],
        time_scale=60.0,
    )
    document = session_tcx(record)
    schema.validate(document)
    laps = laps_of(document)
    assert [lap.get("StartTime") for lap in laps] == [
        "2026-11-30T13:29:26Z",
        "2026-11-30T13:29:32Z",
    ]
    assert texts(laps, "TotalTimeSeconds") == ["5", "5"]
    assert texts(laps, "DistanceMeters") == ["6.944", "12.5"]


def test_text_xml_cannot_carry_is_left_out(schema: xmlschema.XMLSchema) -> None:
    record = session([interval(1, Kind.FORWARD, 60.0, label="bell\x07 and\x00 null")])
    document = session_tcx(record)
    schema.validate(document)
    assert texts(laps_of(document), "Notes") == ["forward: bell and null"]


def test_calories_are_zero_without_a_body_weight(schema: xmlschema.XMLSchema) -> None:
    record = session([interval(1, Kind.FORWARD, 600.0, speed_kmh=10.0)], weight_kg=None)
    document = session_tcx(record)
    schema.validate(document)
    assert texts(laps_of(document), "Calories") == ["0"]
    assert texts(laps_of(document), "DistanceMeters") == ["1666.667"]


def test_a_session_where_nothing_ran_has_no_tcx() -> None:
    record = session([interval(1, Kind.WARMUP, 0.0, IntervalOutcome.NOT_REACHED)])
    with pytest.raises(NothingToExport):
        session_tcx(record)


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (
            dt.datetime(2026, 11, 30, 14, 29, 26, tzinfo=dt.timezone(dt.timedelta(hours=1))),
            "2026-11-30T13:29:26Z",
        ),
        (dt.datetime(2026, 11, 30, 13, 29, 26, 250_000, tzinfo=dt.UTC), "2026-11-30T13:29:26.250Z"),
        (dt.datetime(2026, 11, 30, 13, 29, 26, 999_600, tzinfo=dt.UTC), "2026-11-30T13:29:27Z"),
        (dt.datetime(2026, 12, 31, 23, 59, 59, 999_700, tzinfo=dt.UTC), "2027-01-01T00:00:00Z"),
    ],
)
def test_times_are_utc_to_the_millisecond(moment: dt.datetime, text: str) -> None:
    assert utc_iso(moment) == text
