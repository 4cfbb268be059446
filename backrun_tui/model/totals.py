"""Totals of a plan: time per direction, direction changes, distance and energy.

The energy model is the ACSM metabolic equations, as the product contract says:
S is speed in m/min and G is incline / 100;
walking (below 6.5 km/h): VO2 = 3.5 + 0.1 S + 1.8 S G;
running (otherwise):      VO2 = 3.5 + 0.2 S + 0.9 S G;
backward intervals cost VO2 x the backward factor (1.3 by default);
kcal = VO2 (ml/kg/min) x weight (kg) x minutes x 5.0 / 1000.

The walking equation can go below resting (even negative) on a steep decline, which no
body does: VO2 is never taken below the resting 3.5 ml/kg/min.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import NamedTuple

from backrun_tui.model.kinds import Kind, is_turn
from backrun_tui.model.plan import Interval, Step

WALK_RUN_THRESHOLD_KMH = 6.5
DEFAULT_BACKWARD_FACTOR = 1.3
KCAL_PER_LITRE_O2 = 5.0
RESTING_VO2 = 3.5


class EnergyModel(NamedTuple):
    """What energy estimates need to know about the runner."""

    weight_kg: float | None = None
    backward_factor: float = DEFAULT_BACKWARD_FACTOR


class Totals(NamedTuple):
    total_seconds: int
    backward_seconds: int
    forward_seconds: int
    other_seconds: int
    direction_changes: int
    distance_km: float | None
    energy_kcal: float | None


def vo2(interval: Interval, backward_factor: float = DEFAULT_BACKWARD_FACTOR) -> float | None:
    """Oxygen cost in ml/kg/min of an interval, or None when it has no speed."""
    if interval.speed is None:
        return None
    kmh = interval.speed.kmh
    s = kmh * 1000.0 / 60.0
    g = (interval.incline_pct or 0.0) / 100.0
    if kmh < WALK_RUN_THRESHOLD_KMH:
        value = 3.5 + 0.1 * s + 1.8 * s * g
    else:
        value = 3.5 + 0.2 * s + 0.9 * s * g
    value = max(value, RESTING_VO2)
    if interval.kind is Kind.BACKWARD:
        value *= backward_factor
    return value


def interval_kcal(interval: Interval, seconds: float, energy: EnergyModel) -> float | None:
    """Energy of `seconds` spent in an interval, or None when it cannot be known."""
    rate = vo2(interval, energy.backward_factor)
    if rate is None or energy.weight_kg is None:
        return None
    return rate * energy.weight_kg * (seconds / 60.0) * KCAL_PER_LITRE_O2 / 1000.0


def interval_km(interval: Interval, seconds: float) -> float | None:
    """Distance covered in `seconds` of an interval, or None without a speed."""
    if interval.speed is None:
        return None
    return interval.speed.kmh * seconds / 3600.0


def sum_known(values: Sequence[float | None]) -> float | None:
    """Sum of the known values; None when none is known (never invent a number)."""
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def direction_changes(kinds: Sequence[Kind]) -> int:
    """How many times the runner turns around: backward to anything else, or the reverse."""
    return sum(1 for a, b in itertools.pairwise(kinds) if is_turn(a, b))


def plan_totals(steps: Sequence[Step], energy: EnergyModel) -> Totals:
    """Totals over the planned steps."""
    backward = sum(s.seconds for s in steps if s.kind is Kind.BACKWARD)
    forward = sum(s.seconds for s in steps if s.kind is Kind.FORWARD)
    total = sum(s.seconds for s in steps)
    return Totals(
        total_seconds=total,
        backward_seconds=backward,
        forward_seconds=forward,
        other_seconds=total - backward - forward,
        direction_changes=direction_changes([s.kind for s in steps]),
        distance_km=sum_known([interval_km(s.interval, s.seconds) for s in steps]),
        energy_kcal=sum_known([interval_kcal(s.interval, s.seconds, energy) for s in steps]),
    )
