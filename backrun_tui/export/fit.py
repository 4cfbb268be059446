"""A recorded session as a FIT activity file, the binary format Garmin devices write.

What the file holds, in time order as a device writes it:
- file_id: an activity, made by a "development" manufacturer with product name backrun;
  its serial number is derived from the session id, so a session exported twice is one
  activity to anything that de-duplicates uploads.
- Timer events: start at the session's start, stop_all and start around every pause,
  stop_all at the end of the last lap.
- Records: one where the timer starts and stops (lap boundaries, pauses), with the
  distance so far and, in an interval with a speed, that speed. A FIT activity needs at
  least one record; a treadmill gives nothing finer than its set speed.
- One lap per interval that ran (see `backrun_tui.export.laps`), sport running on a
  treadmill, with elapsed and timer time, distance, calories and speed when known (FIT
  leaves an unknown value out rather than writing 0), and the interval's intensity.
- One session (every lap) and one activity message, last.
FIT timestamps are whole seconds, so moments are rounded to the nearest second (half up);
durations keep their milliseconds. FIT laps have no text, so interval labels are not in
the file. fit-tool's strict mode checks, as the file is built, that an activity has the
messages and fields the FIT profile requires.
"""

from __future__ import annotations

import math
import zlib
from datetime import datetime

from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.message import Message
from fit_tool.profile.messages.activity_message import ActivityMessage
from fit_tool.profile.messages.event_message import EventMessage
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.lap_message import LapMessage
from fit_tool.profile.messages.record_message import RecordMessage
from fit_tool.profile.messages.session_message import SessionMessage
from fit_tool.profile.profile_type import (
    Activity,
    Event,
    EventType,
    FileType,
    Intensity,
    LapTrigger,
    Manufacturer,
    SessionTrigger,
    Sport,
    SubSport,
)

from backrun_tui.export.laps import Lap, session_laps
from backrun_tui.model.kinds import Kind
from backrun_tui.model.session import SessionRecord

#: Seconds from the Unix epoch to the FIT epoch (1989-12-31 00:00 UTC).
FIT_EPOCH_OFFSET = 631065600

INTENSITY = {
    Kind.WARMUP: Intensity.WARMUP,
    Kind.BACKWARD: Intensity.ACTIVE,
    Kind.FORWARD: Intensity.ACTIVE,
    Kind.REST: Intensity.REST,
    Kind.COOLDOWN: Intensity.COOLDOWN,
}

#: A gap between two stretches longer than this (seconds) is a pause the timer stopped for.
GAP_SECONDS = 0.001

# One local message number per kind of message, so each is defined once in the file.
_LOCAL = {"file_id": 0, "event": 1, "record": 2, "lap": 3, "session": 4, "activity": 5}


def session_fit(record: SessionRecord) -> bytes:
    """The session as the bytes of a FIT activity file.

    Raises `NothingToExport` when no interval ran: a FIT activity needs at least one lap.
    """
    laps = session_laps(record)
    builder = FitFileBuilder(auto_define=True, strict=True)
    builder.add(_file_id(record))
    builder.add(_timer(record.started_at, EventType.START))
    timer_until: datetime | None = None  # where the timer last ran to
    for index, lap in enumerate(laps):
        ran = 0.0  # timer seconds of this lap before the stretch at hand
        for stretch in lap.stretches:
            since = record.started_at if timer_until is None else timer_until
            paused = (stretch.start - since).total_seconds() > GAP_SECONDS
            if paused:
                # The timer stopped where it last ran to, and starts again now.
                builder.add(_timer(since, EventType.STOP_ALL))
                builder.add(_timer(stretch.start, EventType.START))
            if paused or timer_until is None:
                # Otherwise the previous lap's last record already marks this moment.
                builder.add(_record(lap, stretch.start, ran))
            ran += stretch.seconds
            builder.add(_record(lap, stretch.end, ran))
            timer_until = stretch.end
        builder.add(_lap(index, lap))
    builder.add(_timer(laps[-1].end, EventType.STOP_ALL))
    builder.add(_session(record, laps))
    builder.add(_activity(record, laps))
    return bytes(builder.build().to_bytes())


def _file_id(record: SessionRecord) -> Message:
    message = FileIdMessage(local_id=_LOCAL["file_id"])
    message.type = FileType.ACTIVITY
    message.manufacturer = Manufacturer.DEVELOPMENT.value
    message.product = 0
    message.product_name = "backrun"
    # serial_number is a uint32z: 0 means "none", so a zero checksum becomes 1.
    message.serial_number = zlib.crc32(record.id.encode()) or 1
    message.time_created = _millis(record.started_at)
    return message


def _timer(at: datetime, event_type: EventType) -> Message:
    message = EventMessage(local_id=_LOCAL["event"])
    message.timestamp = _millis(at)
    message.event = Event.TIMER
    message.event_type = event_type
    message.event_group = 0
    return message


def _record(lap: Lap, at: datetime, ran: float) -> Message:
    """Where the runner was `ran` timer seconds into a lap, at the moment `at`."""
    message = RecordMessage(local_id=_LOCAL["record"])
    message.timestamp = _millis(at)
    message.distance = lap.distance_at(ran)
    if lap.interval.speed_kmh is not None:
        message.speed = lap.interval.speed_kmh / 3.6
    return message


def _lap(index: int, lap: Lap) -> Message:
    message = LapMessage(local_id=_LOCAL["lap"])
    message.message_index = index
    message.timestamp = _millis(lap.end)
    message.start_time = _millis(lap.start)
    message.event = Event.LAP
    message.event_type = EventType.STOP
    message.lap_trigger = LapTrigger.TIME
    message.sport = Sport.RUNNING
    message.sub_sport = SubSport.TREADMILL
    message.intensity = INTENSITY[lap.interval.kind]
    message.total_elapsed_time = lap.elapsed_seconds
    message.total_timer_time = lap.timer_seconds
    if lap.distance_m is not None:
        message.total_distance = lap.distance_m
    if lap.interval.speed_kmh is not None:
        message.avg_speed = lap.interval.speed_kmh / 3.6
        message.max_speed = lap.interval.speed_kmh / 3.6
    if lap.kcal is not None:
        message.total_calories = round(lap.kcal)
    return message


def _session(record: SessionRecord, laps: list[Lap]) -> Message:
    message = SessionMessage(local_id=_LOCAL["session"])
    message.message_index = 0
    message.timestamp = _millis(laps[-1].end)
    message.start_time = _millis(record.started_at)
    message.event = Event.SESSION
    message.event_type = EventType.STOP
    message.trigger = SessionTrigger.ACTIVITY_END
    message.sport = Sport.RUNNING
    message.sub_sport = SubSport.TREADMILL
    message.first_lap_index = 0
    message.num_laps = len(laps)
    message.total_elapsed_time = (laps[-1].end - record.started_at).total_seconds()
    message.total_timer_time = sum(lap.timer_seconds for lap in laps)
    distances = [lap.distance_m for lap in laps if lap.distance_m is not None]
    if distances:
        message.total_distance = sum(distances)
    energies = [lap.kcal for lap in laps if lap.kcal is not None]
    if energies:
        message.total_calories = round(sum(energies))
    return message


def _activity(record: SessionRecord, laps: list[Lap]) -> Message:
    end = laps[-1].end
    message = ActivityMessage(local_id=_LOCAL["activity"])
    message.timestamp = _millis(end)
    message.total_timer_time = sum(lap.timer_seconds for lap in laps)
    message.num_sessions = 1
    message.type = Activity.MANUAL
    message.event = Event.ACTIVITY
    message.event_type = EventType.STOP
    # local_timestamp is the runner's wall clock, in seconds since the FIT epoch.
    offset = record.started_at.utcoffset()
    local = _seconds(end) + (int(offset.total_seconds()) if offset else 0)
    message.local_timestamp = local - FIT_EPOCH_OFFSET
    return message


def _seconds(moment: datetime) -> int:
    """Unix seconds, rounded half up: FIT timestamps are whole seconds."""
    return math.floor(moment.timestamp() + 0.5)


def _millis(moment: datetime) -> int:
    """Unix milliseconds of the whole second, as fit-tool takes date-time values."""
    return _seconds(moment) * 1000
