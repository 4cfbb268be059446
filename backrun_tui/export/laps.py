"""The intervals of a recorded session as laps on the wall clock: what every export writes.

A session record keeps, per interval, the seconds it ran, and, per pause, the active
seconds at which it began. An exported file wants the reverse: when each lap started and
ended on the clock. This module works that out once, for every format.

Which intervals ran: those with some seconds on the clock (`actual_seconds > 0`). A
skipped interval that ran for a while is a lap of that length; one skipped at once, or
never reached, is no lap.

Where a lap sits: intervals are taken in plan order, so a lap starts after the active
time of the laps before it and after every pause that began by then. A pause that began
inside a lap lengthens that lap's elapsed time but not its timer time. A pause that began
on a boundary (within `BOUNDARY_SECONDS`, as the file keeps seconds to 0.001) is taken
as between the two laps. An interval gone back to with "back" has its seconds summed in
the record, so it shows as one lap at its place in the plan.

Time scale: a session run `time_scale` times faster counts in its own time. Exports
describe what happened on the clock, so every duration (interval and pause seconds) is
divided by `time_scale`; distance and energy come from those real seconds at the
interval's speed, which keeps the pace of each lap the one the treadmill was set to. A
time-scaled session's exported distance and energy are therefore its history figures
divided by `time_scale`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from backrun_tui.model.kinds import Kind, SpeedUnit
from backrun_tui.model.plan import Interval, Speed
from backrun_tui.model.session import IntervalRecord, PauseRecord, SessionRecord
from backrun_tui.model.totals import EnergyModel, interval_kcal, interval_km

#: A pause that began this close to a lap boundary (session seconds) began between laps.
BOUNDARY_SECONDS = 0.01

#: The kinds a runner works in; the others are the easy parts around them.
ACTIVE_KINDS = frozenset({Kind.BACKWARD, Kind.FORWARD})


class NothingToExport(ValueError):
    """The session has no interval that ran, so no format can describe it."""


@dataclass(frozen=True)
class Stretch:
    """A part of a lap when the timer ran: from `start` for `seconds` real seconds."""

    start: datetime
    seconds: float

    @property
    def end(self) -> datetime:
        return self.start + timedelta(seconds=self.seconds)


@dataclass(frozen=True)
class Lap:
    """One interval that ran, on the wall clock (UTC), in real seconds."""

    interval: IntervalRecord
    stretches: tuple[Stretch, ...]
    """When the timer ran, in order: one stretch, or one more per pause inside the lap."""
    distance_m: float | None
    """Speed x timer time; None when the interval had no speed."""
    kcal: float | None
    """The ACSM estimate for the timer time; None without a speed or a body weight."""
    distance_before_m: float
    """Distance of the laps before this one (those with a speed)."""

    @property
    def start(self) -> datetime:
        return self.stretches[0].start

    @property
    def end(self) -> datetime:
        return self.stretches[-1].end

    @property
    def timer_seconds(self) -> float:
        """Real seconds the timer ran: pauses excluded."""
        return sum(s.seconds for s in self.stretches)

    @property
    def elapsed_seconds(self) -> float:
        """Real seconds from start to end: pauses inside the lap included."""
        return (self.end - self.start).total_seconds()

    def distance_at(self, ran: float) -> float:
        """Metres from the start of the session after `ran` timer seconds into this lap."""
        if self.distance_m is None or self.timer_seconds <= 0:
            return self.distance_before_m
        return self.distance_before_m + self.distance_m * ran / self.timer_seconds

    @property
    def is_active(self) -> bool:
        return self.interval.kind in ACTIVE_KINDS

    @property
    def notes(self) -> str:
        """The kind and the label, e.g. "backward: push off the floor"."""
        kind = self.interval.kind.value
        return f"{kind}: {self.interval.label}" if self.interval.label else kind


def session_laps(record: SessionRecord) -> list[Lap]:
    """One lap per interval that ran, in plan order; raises NothingToExport if none did."""
    start = record.started_at.astimezone(UTC)
    scale = record.time_scale
    energy = EnergyModel(weight_kg=record.weight_kg)
    laps: list[Lap] = []
    active = 0.0  # session seconds run before the interval at hand
    distance = 0.0
    for interval in record.intervals:
        if interval.actual_seconds <= 0:
            continue
        lap = _lap(
            interval,
            start,
            active,
            scale,
            record.pauses,
            energy=energy,
            distance_before_m=distance,
        )
        laps.append(lap)
        active += interval.actual_seconds
        distance += lap.distance_m or 0.0
    if not laps:
        raise NothingToExport(
            f"session {record.id}: no interval ran, so there is nothing to export"
        )
    return laps


def _lap(
    interval: IntervalRecord,
    session_start: datetime,
    active_before: float,
    scale: float,
    pauses: tuple[PauseRecord, ...],
    *,
    energy: EnergyModel,
    distance_before_m: float,
) -> Lap:
    active_end = active_before + interval.actual_seconds
    paused_before = sum(
        p.seconds for p in pauses if p.at_seconds <= active_before + BOUNDARY_SECONDS
    )
    inside = sorted(
        (p for p in pauses if _inside(p, active_before, active_end)), key=lambda p: p.at_seconds
    )
    stretches: list[Stretch] = []
    begin = session_start + timedelta(seconds=(active_before + paused_before) / scale)
    ran_from = active_before  # session seconds at the start of the stretch at hand
    for pause in inside:
        stretch = Stretch(begin, (pause.at_seconds - ran_from) / scale)
        stretches.append(stretch)
        begin = stretch.end + timedelta(seconds=pause.seconds / scale)
        ran_from = pause.at_seconds
    stretches.append(Stretch(begin, (active_end - ran_from) / scale))
    seconds = interval.actual_seconds / scale
    model = _as_interval(interval)
    km = interval_km(model, seconds)
    return Lap(
        interval=interval,
        stretches=tuple(stretches),
        distance_m=None if km is None else km * 1000.0,
        kcal=interval_kcal(model, seconds, energy),
        distance_before_m=distance_before_m,
    )


def _inside(pause: PauseRecord, active_start: float, active_end: float) -> bool:
    """Whether a pause began strictly inside a lap, not on one of its boundaries."""
    return active_start + BOUNDARY_SECONDS < pause.at_seconds < active_end - BOUNDARY_SECONDS


def _as_interval(interval: IntervalRecord) -> Interval:
    """The plan interval a record stands for, as the energy and distance formulas take it."""
    speed = None if interval.speed_kmh is None else Speed(interval.speed_kmh, SpeedUnit.KPH)
    return Interval(
        kind=interval.kind,
        seconds=interval.planned_seconds,
        speed=speed,
        incline_pct=interval.incline_pct,
        label=interval.label,
    )
