"""A recorded session as Garmin Training Center (TCX) v2: one running Activity, a Lap per interval.

The document is valid against Garmin's TrainingCenterDatabase v2 schema. What goes where:
- Activity Id: the session's start in UTC; its Notes: the workout's name, then the
  runner's note when there is one.
- One Lap per interval that ran (see `backrun_tui.export.laps` for which ran, and how the
  clock times and a time scale are worked out). TotalTimeSeconds is timer time (pauses
  left out, as Garmin devices write it); DistanceMeters and Calories are 0 when unknown
  (the schema requires both); Intensity is Active for backward and forward intervals and
  Resting for the rest; the lap's Notes hold the kind and label.
- Each Lap has a Track of two Trackpoints (start and end, with the distance so far), and
  one more Track after each pause inside it, as devices start a new Track on resume.
  The schema does not require Tracks, but readers do: many take a lap's start, end and
  duration from its Trackpoints and drop a lap that has none.
- No Creator or Author: the schema's kinds for them (a device, or an application with a
  Garmin part number) need identifiers backrun does not have.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

from backrun_tui.export.laps import Lap, Stretch, session_laps
from backrun_tui.model.session import SessionRecord

NS = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_URL = "http://www.garmin.com/xmlschemas/TrainingCenterDatabasev2.xsd"

#: Lap Calories is an xsd:unsignedShort: nothing larger can be written.
MAX_CALORIES = 65535

# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def session_tcx(record: SessionRecord) -> str:
    """The session as a TCX document (text with its XML declaration; write it as UTF-8).

    Raises `NothingToExport` when no interval ran: a TCX Activity needs at least one Lap.
    """
    laps = session_laps(record)
    # ElementTree cannot write a default namespace next to unqualified attributes (Sport,
    # StartTime), so the elements are built unqualified under an explicit xmlns.
    root = ET.Element("TrainingCenterDatabase", {"xmlns": NS})
    root.set(f"{{{XSI}}}schemaLocation", f"{NS} {SCHEMA_URL}")
    activity = ET.SubElement(ET.SubElement(root, "Activities"), "Activity")
    activity.set("Sport", "Running")
    _text(activity, "Id", utc_iso(record.started_at))
    for lap in laps:
        _lap(activity, lap)
    notes = "\n".join(line for line in (record.workout, record.note) if line)
    if notes:
        _text(activity, "Notes", notes)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True)


def utc_iso(moment: datetime) -> str:
    """ISO 8601 in UTC with a Z, to the millisecond when the moment is not a whole second."""
    utc = (moment.astimezone(UTC) + timedelta(microseconds=500)).replace(tzinfo=None)
    millis = utc.microsecond // 1000
    whole = utc.strftime("%Y-%m-%dT%H:%M:%S")
    return f"{whole}.{millis:03d}Z" if millis else f"{whole}Z"


def _lap(activity: ET.Element, lap: Lap) -> None:
    element = ET.SubElement(activity, "Lap")
    element.set("StartTime", utc_iso(lap.start))
    _text(element, "TotalTimeSeconds", _decimal(lap.timer_seconds))
    _text(element, "DistanceMeters", _decimal(lap.distance_m or 0.0))
    if lap.interval.speed_kmh is not None:
        _text(element, "MaximumSpeed", _decimal(lap.interval.speed_kmh / 3.6))
    _text(element, "Calories", str(min(round(lap.kcal or 0.0), MAX_CALORIES)))
    _text(element, "Intensity", "Active" if lap.is_active else "Resting")
    _text(element, "TriggerMethod", "Time")
    ran = 0.0  # timer seconds of the lap before the stretch at hand
    for stretch in lap.stretches:
        _track(element, lap, stretch, ran)
        ran += stretch.seconds
    _text(element, "Notes", lap.notes)


def _track(lap_element: ET.Element, lap: Lap, stretch: Stretch, ran_before: float) -> None:
    track = ET.SubElement(lap_element, "Track")
    for moment, ran in (
        (stretch.start, ran_before),
        (stretch.end, ran_before + stretch.seconds),
    ):
        point = ET.SubElement(track, "Trackpoint")
        _text(point, "Time", utc_iso(moment))
        _text(point, "DistanceMeters", _decimal(lap.distance_at(ran)))


def _text(parent: ET.Element, name: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, name)
    element.text = _NOT_XML.sub("", text)
    return element


def _decimal(value: float) -> str:
    """A number to the thousandth, without trailing zeros: 300, 16.667."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
