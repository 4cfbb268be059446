"""How numbers read on screen and in the text output: never a minus on zero, never a
non-zero speed shown as zero."""

from __future__ import annotations

import pytest

from backrun_tui.model import display
from backrun_tui.model.kinds import KM_PER_MILE, Units

METRIC, IMPERIAL = Units.METRIC, Units.IMPERIAL


@pytest.mark.parametrize(
    ("kmh", "units", "shown"),
    [
        (6.0, METRIC, "6.0 km/h"),
        (12.34, METRIC, "12.3 km/h"),
        (0.1, METRIC, "0.1 km/h"),
        (0.05, METRIC, "0.1 km/h"),
        (0.04, METRIC, "<0.1 km/h"),
        (0.00001, METRIC, "<0.1 km/h"),
        (5e-324, METRIC, "<0.1 km/h"),
        (0.1 * KM_PER_MILE, IMPERIAL, "0.1 mph"),
        (0.00001, IMPERIAL, "<0.1 mph"),
        (9.656064, IMPERIAL, "6.0 mph"),
        (None, METRIC, "—"),
    ],
)
def test_speed(kmh: float | None, units: Units, shown: str) -> None:
    assert display.speed(kmh, units) == shown


@pytest.mark.parametrize("kmh", [0.0, -0.0, -1e-9])
@pytest.mark.parametrize("units", [METRIC, IMPERIAL])
def test_zero_speed_has_no_minus(kmh: float, units: Units) -> None:
    assert display.speed(kmh, units).startswith("0.0 ")


@pytest.mark.parametrize(
    ("pct", "shown"),
    [
        (2.0, "2 %"),
        (2.5, "2.5 %"),
        (2.25, "2.25 %"),
        (-10.0, "-10 %"),
        (-0.5, "-0.5 %"),
        (40.0, "40 %"),
        (0.0, "0 %"),
        (-0.0, "0 %"),
        (-1e-9, "0 %"),
        (-0.004, "0 %"),
        (1e-9, "0 %"),  # not "1e-09 %"
        (None, "—"),
    ],
)
def test_incline(pct: float | None, shown: str) -> None:
    assert display.incline(pct) == shown


@pytest.mark.parametrize(
    ("km", "units", "shown"),
    [
        (1.234, METRIC, "1.23 km"),
        (-0.0, METRIC, "0.00 km"),
        (-0.001, METRIC, "0.00 km"),
        (-0.001, IMPERIAL, "0.00 mi"),
        (KM_PER_MILE, IMPERIAL, "1.00 mi"),
        (None, METRIC, "—"),
    ],
)
def test_distance(km: float | None, units: Units, shown: str) -> None:
    assert display.distance(km, units) == shown


@pytest.mark.parametrize(
    ("kcal", "shown"),
    [(312.6, "313 kcal"), (0.0, "0 kcal"), (-0.0, "0 kcal"), (-0.3, "0 kcal"), (None, "—")],
)
def test_energy(kcal: float | None, shown: str) -> None:
    assert display.energy(kcal) == shown


@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [(30.0, 120.0, "25 %"), (-0.0, 120.0, "0 %"), (-0.1, 120.0, "0 %"), (1.0, 0.0, "—")],
)
def test_share(part: float, whole: float, shown: str) -> None:
    assert display.share(part, whole) == shown


@pytest.mark.parametrize(
    ("text", "columns"),
    [
        ("Hills", 5),
        ("東京", 4),
        ("🏃 run", 6),
        ("ＦＵＬＬ", 8),
        ("Cafe\u0301", 4),  # the accent is a combining mark on the "e"
        ("", 0),
    ],
)
def test_cells_counts_terminal_columns(text: str, columns: int) -> None:
    assert display.cells(text) == columns


def test_pad_fills_to_terminal_columns() -> None:
    assert display.pad("東京", 6) == "東京  "
    assert display.pad("ab", 6) == "ab    "
    assert display.pad("abcdef", 3) == "abcdef"  # never cut
