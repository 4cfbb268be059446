"""What the notation tells a runner who wrote a decimal duration or gave a part twice.

Each message stays one line and its column points at the part to change."""

from __future__ import annotations

import pytest

from backrun_tui.model.notation import NotationError, parse


def error(text: str) -> NotationError:
    with pytest.raises(NotationError) as caught:
        parse(text)
    return caught.value


# --- decimal durations --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "1.5m back",
            'column 1: expected a duration in whole numbers, got "1.5m" — write 1m30s',
        ),
        ("0.5h back", 'column 1: expected a duration in whole numbers, got "0.5h" — write 30m'),
        (
            "2.5s back",
            'column 1: expected a duration in whole numbers, got "2.5s" — '
            "there is no exact equivalent in whole seconds: write 2s or 3s",
        ),
    ],
)
def test_decimal_duration_full_messages(text: str, message: str) -> None:
    assert str(error(text)) == message


@pytest.mark.parametrize(
    ("text", "column", "got", "hint"),
    [
        ("1.25m back", 1, '"1.25m"', "write 1m15s"),
        ("1.0m back", 1, '"1.0m"', "write 1m"),
        ("1.5 m back", 1, '"1.5 m"', "write 1m30s"),
        ("0.25h fwd", 1, '"0.25h"', "write 15m"),
        ("1.5h back", 1, '"1.5h"', "write 1h30m"),
        # The hint is the whole duration, the column the part written with a fraction.
        ("1h0.5m back", 3, '"0.5m"', "write 1h30s"),
        ("1.5m30s back", 1, '"1.5m"', "write 2m"),
        ("1m 30.5s back", 4, '"30.5s"', "write 1m30s or 1m31s"),
        ("1.01m back", 1, '"1.01m"', "write 1m or 1m1s"),
        ("5m warmup, 2.5m back", 12, '"2.5m"', "write 2m30s"),
        ("6x(1.5m back, 2m fwd)", 4, '"1.5m"', "write 1m30s"),
    ],
)
def test_decimal_duration_hints(text: str, column: int, got: str, hint: str) -> None:
    err = error(text)

    assert err.column == column
    assert err.reason.startswith(f"expected a duration in whole numbers, got {got} — ")
    assert err.reason.endswith(hint)


@pytest.mark.parametrize(
    ("text", "column", "fragment"),
    [
        # Out of bounds even as written: the bounds are what to fix first.
        ("0.5s back", 1, 'expected an interval of 1s to 6h, got "0.5s"'),
        ("6.5h back", 1, 'expected an interval of 1s to 6h, got "6.5h"'),
        ("1.5 back", 5, 'expected a time unit (h, m, s) after "1.5", got "back"'),
        ("1.5min back", 4, 'got "min" — did you mean "m"?'),
        ("1.m back", 3, 'expected a digit after the ".", got "m"'),
        ("1.5x(1m back)", 1, 'expected a whole repeat count from 1 to 99, got "1.5"'),
        ("1.5:30 back", 1, 'expected a whole number before ":", got "1.5"'),
    ],
)
def test_other_decimal_mistakes(text: str, column: int, fragment: str) -> None:
    err = error(text)

    assert err.column == column
    assert fragment in err.reason


def test_a_very_long_fraction_is_still_one_line() -> None:
    err = error("1." + "5" * 5000 + "m back")

    assert err.column == 1
    assert "\n" not in str(err)
    assert len(str(err)) < 200


# --- parts given twice --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1m back @6 @7", "column 12: speed given twice, first at column 9"),
        ("1m back @6 2% @7", "column 15: speed given twice, first at column 9"),
        ('1m back @6 "a" @7', "column 16: speed given twice, first at column 9"),
        ("1m back 2% 3%", "column 12: incline given twice, first at column 9"),
        ("1m back @6 -2% +3 %", "column 16: incline given twice, first at column 12"),
        ('1m back 2% "a" 3.5%', "column 16: incline given twice, first at column 9"),
        ('1m back "a" "b"', "column 13: label given twice, first at column 9"),
        ('1m back @6 2% "a"  "b"', "column 20: label given twice, first at column 15"),
        ("6x(1m back @6@7), 1m fwd", "column 14: speed given twice, first at column 12"),
    ],
)
def test_part_given_twice(text: str, message: str) -> None:
    assert str(error(text)) == message


@pytest.mark.parametrize(
    ("text", "column", "fragment"),
    [
        # Not an incline: a forgotten comma before the next interval.
        ("1m back 2% 3m fwd", 12, 'expected a label in quotes, "," or end of line, got "3"'),
        # Parts out of order, none twice: the usual "expected ..." still applies.
        ("1m back 2% @7", 12, 'expected a label in quotes, "," or end of line, got "@"'),
        ('1m back "a" 2%', 13, 'expected "," or end of line, got "2"'),
    ],
)
def test_other_parts_after_the_interval(text: str, column: int, fragment: str) -> None:
    err = error(text)

    assert err.column == column
    assert fragment in err.reason
