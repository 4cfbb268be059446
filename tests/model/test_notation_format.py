"""The canonical form the app writes plans in."""

from __future__ import annotations

import pytest

from backrun_tui.model.kinds import Kind, SpeedUnit
from backrun_tui.model.notation import format_duration, format_interval, format_plan, parse
from backrun_tui.model.plan import MAX_PLAN_SECONDS, Interval, Plan, Repeat, Speed

KPH, MPH = SpeedUnit.KPH, SpeedUnit.MPH


# --- formatting ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "written"),
    [
        (0, "0s"),
        (45, "45s"),
        (60, "1m"),
        (90, "1m30s"),
        (3600, "1h"),
        (3630, "1h30s"),
        (3900, "1h5m"),
        (3930, "1h5m30s"),
        (MAX_PLAN_SECONDS, "24h"),
    ],
)
def test_format_duration(seconds: int, written: str) -> None:
    assert format_duration(seconds) == written


def test_format_duration_refuses_negative() -> None:
    with pytest.raises(ValueError):
        format_duration(-1)


@pytest.mark.parametrize(
    ("interval", "written"),
    [
        (Interval(Kind.BACKWARD, 60), "1m back"),
        (Interval(Kind.FORWARD, 90, Speed(6.0, KPH)), "1m30s fwd @6kph"),
        (Interval(Kind.FORWARD, 90, Speed(6.5, KPH)), "1m30s fwd @6.5kph"),
        (Interval(Kind.REST, 45, Speed(4, MPH), -2.5), "45s rest @4mph -2.5%"),
        (Interval(Kind.REST, 45, incline_pct=-0.0), "45s rest 0%"),
        (Interval(Kind.WARMUP, 45, Speed(0.00001, KPH)), "45s warmup @0.00001kph"),
        (Interval(Kind.WARMUP, 45, Speed(0.1 + 0.2, KPH)), "45s warmup @0.30000000000000004kph"),
        (Interval(Kind.COOLDOWN, 3600, label='a "b" \\c'), '1h cooldown "a \\"b\\" \\\\c"'),
        (Interval(Kind.COOLDOWN, 3600, label=""), "1h cooldown"),
    ],
)
def test_format_interval(interval: Interval, written: str) -> None:
    assert format_interval(interval) == written
    assert parse(written).items == (interval,)


def test_format_plan_joins_items_and_repeats() -> None:
    plan = Plan((Interval(Kind.WARMUP, 300), Repeat(6, (Interval(Kind.BACKWARD, 60),))))
    assert format_plan(plan) == "5m warmup, 6x(1m back)"
