"""What one field of the editor's form does to the workout."""

from __future__ import annotations

import pytest

from backrun_tui.model.draft import State
from backrun_tui.model.fields import FieldValueError
from backrun_tui.model.form import apply_field
from backrun_tui.model.kinds import Units

STATE = State("Hills", "", "5m warmup @5kph, 6x(1m back @6kph 2%, 2m fwd @9kph)")
METRIC = Units.METRIC


def notation(path: tuple[int, ...], field: str, text: str, units: Units = METRIC) -> str:
    return apply_field(STATE, path, field, text, units).notation


@pytest.mark.parametrize(
    ("path", "field", "text", "after"),
    [
        ((0,), "duration", "90", "1m30s warmup @5kph, 6x(1m back @6kph 2%, 2m fwd @9kph)"),
        ((0,), "duration", "1:30", "1m30s warmup @5kph, 6x(1m back @6kph 2%, 2m fwd @9kph)"),
        ((1, 0), "speed", "6.5", "5m warmup @5kph, 6x(1m back @6.5kph 2%, 2m fwd @9kph)"),
        ((1, 0), "speed", "", "5m warmup @5kph, 6x(1m back 2%, 2m fwd @9kph)"),
        ((1, 1), "incline", "-1.5", "5m warmup @5kph, 6x(1m back @6kph 2%, 2m fwd @9kph -1.5%)"),
        ((1, 1), "label", " go ", '5m warmup @5kph, 6x(1m back @6kph 2%, 2m fwd @9kph "go")'),
        ((1,), "count", "8", "5m warmup @5kph, 8x(1m back @6kph 2%, 2m fwd @9kph)"),
    ],
)
def test_a_valid_value_changes_the_item(
    path: tuple[int, ...], field: str, text: str, after: str
) -> None:
    assert notation(path, field, text) == after


def test_speed_in_the_configured_units() -> None:
    assert notation((0,), "speed", "4", Units.IMPERIAL).startswith("5m warmup @4mph,")


@pytest.mark.parametrize(
    ("path", "field", "text", "message"),
    [
        ((0,), "duration", "", "duration: expected a duration"),
        ((0,), "duration", "0", "duration:"),
        ((0,), "duration", "25h", "duration:"),
        ((1, 0), "duration", "5h", "duration: expected the whole workout to last at most 24h"),
        ((0,), "speed", "31", "speed:"),
        ((0,), "speed", "x", "speed:"),
        ((0,), "incline", "50", "incline:"),
        ((1,), "count", "0", "repeat count:"),
        ((1,), "count", "100", "repeat count:"),
    ],
)
def test_an_invalid_value_is_refused(
    path: tuple[int, ...], field: str, text: str, message: str
) -> None:
    with pytest.raises(FieldValueError) as caught:
        apply_field(STATE, path, field, text, METRIC)
    assert message in str(caught.value)


def test_a_field_the_item_has_not_changes_nothing() -> None:
    assert apply_field(STATE, (0,), "count", "3", METRIC) is STATE
    assert apply_field(STATE, (1,), "duration", "3m", METRIC) is STATE
    assert apply_field(STATE, (7,), "duration", "3m", METRIC) is STATE


def test_the_same_value_is_the_same_state() -> None:
    assert apply_field(STATE, (0,), "duration", "300", METRIC) is STATE


def test_description() -> None:
    assert apply_field(STATE, (0,), "description", " Up ", METRIC).description == "Up"
    with pytest.raises(FieldValueError, match="description"):
        apply_field(STATE, (0,), "description", "a\x1bb", METRIC)
