"""The editor form's fields: what they accept, what they refuse and with which words."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backrun_tui.model.fields import (
    MAX_LABEL_CHARS,
    FieldValueError,
    format_count,
    format_duration,
    format_incline,
    format_label,
    format_speed,
    parse_count,
    parse_duration,
    parse_incline,
    parse_label,
    parse_speed,
)
from backrun_tui.model.kinds import KM_PER_MILE, SpeedUnit, Units
from backrun_tui.model.notation import parse
from backrun_tui.model.plan import MAX_INTERVAL_SECONDS, MAX_REPEAT, Speed

KPH, MPH = SpeedUnit.KPH, SpeedUnit.MPH
METRIC, IMPERIAL = Units.METRIC, Units.IMPERIAL


def refusal(parse_field: object, *args: object) -> FieldValueError:
    assert callable(parse_field)
    with pytest.raises(FieldValueError) as caught:
        parse_field(*args)
    return caught.value


def assert_one_line(error: FieldValueError) -> None:
    """What any text may get: the field and the reason, on one line."""
    message = str(error)
    assert message == f"{error.field}: {error.reason}"
    assert len(message.splitlines()) == 1


def assert_plain(error: FieldValueError) -> None:
    """The message for a known text: one line, no column and no Python in it."""
    assert_one_line(error)
    for python in ("column", "Traceback", "Error", "None", "Speed(", "\\"):
        assert python not in str(error)


# --- duration -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("90", 90),
        ("1:30", 90),
        ("1:02:00", 3720),
        ("1m30s", 90),
        ("45s", 45),
        ("2m", 120),
        ("1h5m", 3900),
        ("  1m 30s ", 90),
        ("1M30S", 90),
        ("6h", MAX_INTERVAL_SECONDS),
        ("1", 1),
    ],
)
def test_duration_accepts(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "expected a duration such as 1m30s, 1:30 or 90 (seconds), got nothing"),
        ("   ", "expected a duration such as 1m30s, 1:30 or 90 (seconds), got nothing"),
        ("0", 'expected an interval of 1s to 6h, got "0"'),
        ("0:00", 'expected an interval of 1s to 6h, got "0:00"'),
        ("-5", 'expected an interval of 1s to 6h, got "-5"'),
        ("-1m", 'expected an interval of 1s to 6h, got "-1m"'),
        ("abc", 'expected a duration such as 1m30s, 1:30 or 90 (seconds), got "abc"'),
        ("5m warmup", 'expected a duration such as 1m30s, 1:30 or 90 (seconds), got "5m warmup"'),
        ("25h", 'expected an interval of 1s to 6h, got "25h"'),
        ("6h1s", 'expected an interval of 1s to 6h, got "6h1s"'),
        ("21601", 'expected an interval of 1s to 6h, got "21601"'),
        ("1.5m", 'expected whole numbers, got "1.5m" — write 1m30s'),
        ("1,5m", 'expected whole numbers, got "1,5m" — write 1m30s'),
        ("2.25h", 'expected whole numbers, got "2.25h" — write 2h15m'),
        ("1.5", 'expected whole numbers, got "1.5" — a duration is in whole seconds'),
        ("7.5h", 'expected whole numbers, got "7.5h"'),
        ("0.1s", 'expected whole numbers, got "0.1s"'),
        ("1m30.5s", 'expected whole numbers, got "1m30.5s"'),
        ("5 mins", 'expected a time unit (h, m, s) after "5", got "mins" — did you mean "m"?'),
        ("3m5m", 'expected h, m and s in that order, each at most once, got "m"'),
        ("5s3m", 'expected h, m and s in that order, each at most once, got "5s3m"'),
        ("1:5", 'expected two digits after ":", got "5"'),
        ("1:60", 'expected a number from 00 to 59 after ":", got "60"'),
        ("5x", 'expected a duration such as 1m30s, 1:30 or 90 (seconds), got "5x"'),
        ("2x(1m)", 'expected a duration such as 1m30s, 1:30 or 90 (seconds), got "2x(1m)"'),
        ("1m, 2m", 'expected a duration such as 1m30s, 1:30 or 90 (seconds), got "1m, 2m"'),
    ],
)
def test_duration_refuses(text: str, reason: str) -> None:
    error = refusal(parse_duration, text)
    assert error.field == "duration"
    assert error.reason == reason
    assert_plain(error)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, MAX_INTERVAL_SECONDS))
def test_duration_reads_back_as_shown(seconds: int) -> None:
    assert parse_duration(format_duration(seconds)) == seconds
    assert parse_duration(str(seconds)) == seconds


def test_duration_shown_as_the_notation_writes_it() -> None:
    assert [format_duration(s) for s in (45, 90, 3900)] == ["45s", "1m30s", "1h5m"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789hmsx:.,- \t")) | st.characters()))
def test_duration_agrees_with_the_notation(text: str) -> None:
    """Whatever the field accepts, a plan line accepts as the same duration."""
    try:
        seconds = parse_duration(text)
    except FieldValueError as error:
        assert_one_line(error)
        return
    written = text.strip()
    written += "s" if written.isascii() and written.isdigit() else ""
    assert parse(f"{written} rest").steps()[0].seconds == seconds


# --- speed ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "units", "speed"),
    [
        ("", METRIC, None),
        ("  ", IMPERIAL, None),
        ("6", METRIC, Speed(6, KPH)),
        ("6.5", METRIC, Speed(6.5, KPH)),
        ("4", IMPERIAL, Speed(4, MPH)),
        ("6kph", IMPERIAL, Speed(6, KPH)),
        ("6 km/h", IMPERIAL, Speed(6, KPH)),
        ("4mph", METRIC, Speed(4, MPH)),
        ("30", METRIC, Speed(30, KPH)),
        ("18.6", IMPERIAL, Speed(18.6, MPH)),
    ],
)
def test_speed_accepts(text: str, units: Units, speed: Speed | None) -> None:
    assert parse_speed(text, units) == speed


_TOO_FAST = "expected a speed above 0 and at most 30 km/h (18.6 mph), got "


@pytest.mark.parametrize(
    ("text", "units", "reason"),
    [
        ("0", METRIC, _TOO_FAST + '"0"'),
        ("0.0", IMPERIAL, _TOO_FAST + '"0.0"'),
        ("31", METRIC, _TOO_FAST + '"31"'),
        ("19", IMPERIAL, _TOO_FAST + '"19"'),
        ("19mph", METRIC, _TOO_FAST + '"19mph"'),
        ("-5", METRIC, 'expected a speed above 0 such as 6 or 6.5 (km/h) or 4mph, got "-5"'),
        ("-5", IMPERIAL, 'expected a speed above 0 such as 6 or 6.5 (mph) or 6kph, got "-5"'),
        ("fast", METRIC, 'expected a speed above 0 such as 6 or 6.5 (km/h) or 4mph, got "fast"'),
        ("6 2%", METRIC, 'expected a speed above 0 such as 6 or 6.5 (km/h) or 4mph, got "6 2%"'),
        ("6 kmph", METRIC, 'expected a unit (kph, km/h, mph), got "kmph" — did you mean "kph"?'),
    ],
)
def test_speed_refuses(text: str, units: Units, reason: str) -> None:
    error = refusal(parse_speed, text, units)
    assert (error.field, error.reason) == ("speed", reason)
    assert_plain(error)


@pytest.mark.parametrize(
    ("speed", "units", "shown"),
    [
        (None, METRIC, ""),
        (Speed(6, KPH), METRIC, "6"),
        (Speed(3.7, MPH), IMPERIAL, "3.7"),
        (Speed(6.5, KPH), IMPERIAL, "6.5kph"),
        (Speed(4, MPH), METRIC, "4mph"),
    ],
)
def test_speed_shown_in_the_user_s_units_without_their_name(
    speed: Speed | None, units: Units, shown: str
) -> None:
    assert format_speed(speed, units) == shown
    assert parse_speed(shown, units) == speed


_SPEEDS = st.one_of(
    st.builds(Speed, st.floats(0, 30, exclude_min=True), st.just(KPH)),
    st.builds(Speed, st.floats(0, 30 / KM_PER_MILE, exclude_min=True), st.just(MPH)),
)


@settings(max_examples=200, deadline=None)
@given(_SPEEDS, st.sampled_from(Units))
def test_speed_reads_back_as_shown(speed: Speed, units: Units) -> None:
    shown = format_speed(speed, units)
    assert parse_speed(shown, units) == speed
    assert "e" not in shown.removesuffix(speed.unit.value)  # never 1e-05


# --- incline --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "incline"),
    [("", None), ("2", 2.0), ("2%", 2.0), (" 2 % ", 2.0), ("-1.5", -1.5), ("+3", 3.0), ("40", 40)],
)
def test_incline_accepts(text: str, incline: float | None) -> None:
    assert parse_incline(text) == incline


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("50", 'expected an incline from -10% to 40%, got "50%"'),
        ("-10.5%", 'expected an incline from -10% to 40%, got "-10.5%"'),
        ("steep", 'expected an incline such as 2, 2% or -1.5, got "steep"'),
        ("2%%", 'expected an incline such as 2, 2% or -1.5, got "2%%"'),
        ("- 2", 'expected an incline such as 2, 2% or -1.5, got "- 2"'),
    ],
)
def test_incline_refuses(text: str, reason: str) -> None:
    error = refusal(parse_incline, text)
    assert (error.field, error.reason) == ("incline", reason)
    assert_plain(error)


@settings(max_examples=200, deadline=None)
@given(st.none() | st.floats(-10, 40))
def test_incline_reads_back_as_shown(incline: float | None) -> None:
    assert parse_incline(format_incline(incline)) == incline


def test_incline_shown_without_its_percent_sign() -> None:
    assert [format_incline(x) for x in (2.0, -1.5, -0.0, None)] == ["2", "-1.5", "0", ""]


# --- repeat count ---------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "count"), [("1", 1), (" 6 ", 6), ("99", 99), ("07", 7)])
def test_count_accepts(text: str, count: int) -> None:
    assert parse_count(text) == count


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("0", 'expected a repeat count from 1 to 99, got "0"'),
        ("100", 'expected a repeat count from 1 to 99, got "100"'),
        ("", "expected a whole number from 1 to 99, got nothing"),
        ("-2", 'expected a whole number from 1 to 99, got "-2"'),
        ("six", 'expected a whole number from 1 to 99, got "six"'),
        ("2.5", 'expected a whole number from 1 to 99, got "2.5"'),
        ("1234567890", 'expected a number of at most 9 digits, got "1234567890"'),
    ],
)
def test_count_refuses(text: str, reason: str) -> None:
    error = refusal(parse_count, text)
    assert (error.field, error.reason) == ("repeat count", reason)
    assert_plain(error)


@given(st.integers(1, MAX_REPEAT))
def test_count_reads_back_as_shown(count: int) -> None:
    assert parse_count(format_count(count)) == count


# --- label ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label"),
    [("", ""), ("   ", ""), ("  push off  ", "push off"), ('say "hi" \\ ok', 'say "hi" \\ ok')],
)
def test_label_accepts(text: str, label: str) -> None:
    assert parse_label(text) == label


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("one\ntwo", "expected text you can see on one line, got a control character (U+000A)"),
        ("a\tb", "expected text you can see on one line, got a control character (U+0009)"),
        ("a\u2028b", "expected text you can see on one line, got a line break (U+2028)"),
        ("x" * (MAX_LABEL_CHARS + 1), f"expected at most {MAX_LABEL_CHARS} characters, got 81"),
    ],
)
def test_label_refuses(text: str, reason: str) -> None:
    error = refusal(parse_label, text)
    assert (error.field, error.reason) == ("label", reason)
    assert_plain(error)


def test_a_label_of_80_characters_fits() -> None:
    assert parse_label("x" * MAX_LABEL_CHARS) == "x" * MAX_LABEL_CHARS


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=100))
def test_every_label_the_field_takes_is_one_the_notation_takes(text: str) -> None:
    try:
        label = parse_label(text)
    except FieldValueError as error:
        assert_one_line(error)
        return
    assert parse_label(format_label(label)) == label
    if label:
        escaped = label.replace("\\", "\\\\").replace('"', '\\"')
        assert parse(f'1m rest "{escaped}"').steps()[0].interval.label == label


# --- the error ------------------------------------------------------------------------------


def test_field_error_pickles_and_is_a_value_error() -> None:
    error = refusal(parse_count, "0")
    assert isinstance(error, ValueError)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.field, copy.reason) == (error.field, error.reason)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789.:%@-+ hmskpx/")) | st.characters()))
def test_no_text_crashes_a_field(text: str) -> None:
    """Every field answers any text with a value or a FieldValueError, never another error."""
    for parse_field in (parse_duration, parse_incline, parse_count, parse_label):
        try:
            parse_field(text)
        except FieldValueError as error:
            assert_one_line(error)
    for units in Units:
        try:
            parse_speed(text, units)
        except FieldValueError as error:
            assert_one_line(error)


def test_description() -> None:
    from backrun_tui.model.fields import MAX_DESCRIPTION_CHARS, parse_description

    assert parse_description("  Six rounds.  ") == "Six rounds."
    assert parse_description("") == ""
    with pytest.raises(FieldValueError, match="description: expected text you can see"):
        parse_description("a\nb")
    with pytest.raises(FieldValueError, match="at most 500"):
        parse_description("x" * (MAX_DESCRIPTION_CHARS + 1))
