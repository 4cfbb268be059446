"""The plan notation: parsing, canonical formatting, error messages and bounds.

Formatting is in test_notation_format.py, round trips and robustness in
test_notation_properties.py."""

from __future__ import annotations

import pickle

import pytest

from backrun_tui.model.kinds import Kind, SpeedUnit
from backrun_tui.model.notation import (
    NotationError,
    format_plan,
    parse,
)
from backrun_tui.model.plan import (
    MAX_NESTING,
    MAX_PLAN_SECONDS,
    Interval,
    Plan,
    Repeat,
    Speed,
    nesting_depth,
)

SPEC_EXAMPLE = '5m warmup @5, 6x(1m back @6 2% "push off the floor", 2m fwd @9), 5m cooldown @5'
KPH, MPH = SpeedUnit.KPH, SpeedUnit.MPH


def only(text: str, default_unit: SpeedUnit = KPH) -> Interval:
    """The single interval a line describes."""
    (item,) = parse(text, default_unit).items
    assert isinstance(item, Interval)
    return item


def error(text: str) -> NotationError:
    with pytest.raises(NotationError) as caught:
        parse(text)
    return caught.value


# --- parsing ------------------------------------------------------------------------------


def test_spec_example_parses_to_its_structure() -> None:
    assert parse(SPEC_EXAMPLE) == Plan(
        (
            Interval(Kind.WARMUP, 300, Speed(5, KPH)),
            Repeat(
                6,
                (
                    Interval(Kind.BACKWARD, 60, Speed(6, KPH), 2.0, "push off the floor"),
                    Interval(Kind.FORWARD, 120, Speed(9, KPH)),
                ),
            ),
            Interval(Kind.COOLDOWN, 300, Speed(5, KPH)),
        )
    )


def test_spec_example_formats_canonically() -> None:
    assert format_plan(parse(SPEC_EXAMPLE)) == (
        '5m warmup @5kph, 6x(1m back @6kph 2% "push off the floor", 2m fwd @9kph), '
        "5m cooldown @5kph"
    )


@pytest.mark.parametrize(
    ("written", "seconds"),
    [
        ("45s", 45),
        ("2m", 120),
        ("1m30s", 90),
        ("1h", 3600),
        ("1h5m", 3900),
        ("1h5m30s", 3930),
        ("1h30s", 3630),
        ("90s", 90),
        ("1:30", 90),
        ("0:45", 45),
        ("90:00", 5400),
        ("1:02:00", 3720),
        ("1:02:03", 3723),
        ("1m 30s", 90),
        ("5 m", 300),
    ],
)
def test_duration_forms(written: str, seconds: int) -> None:
    assert only(f"{written} back").seconds == seconds


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ("warmup wu", Kind.WARMUP),
        ("back backward bwd", Kind.BACKWARD),
        ("fwd forward run", Kind.FORWARD),
        ("rest walk recover", Kind.REST),
        ("cooldown cd", Kind.COOLDOWN),
    ],
)
def test_kind_words_and_aliases(words: str, kind: Kind) -> None:
    assert [only(f"1m {word}").kind for word in words.split()] == [kind] * len(words.split())


def test_case_insensitive_except_labels() -> None:
    assert parse('1M30S BACK @6KM/H 2% "Keep It"') == parse('1m30s back @6km/h 2% "Keep It"')
    assert parse("2X(1H Run)") == parse("2x(1h run)")
    assert only('1m back "Keep It"').label == "Keep It"


def test_spaces_are_free_between_tokens_and_kept_in_labels() -> None:
    assert parse(' 6 x ( 1m back @ 6 kph -2 % "  two  spaces " ) ') == Plan(
        (Repeat(6, (Interval(Kind.BACKWARD, 60, Speed(6, KPH), -2.0, "  two  spaces "),)),)
    )
    assert parse("6x(1m back@6kph2%,2m fwd)") == parse("6x(1m back @6kph 2%, 2m fwd)")


def test_repeat_marks_and_nesting() -> None:
    assert parse("3×(1m back)") == parse("3X(1m back)") == parse("3x(1m back)")
    plan = parse("2x(1m wu, 3x(30s back, 30s fwd))")
    assert plan.items == (
        Repeat(
            2,
            (
                Interval(Kind.WARMUP, 60),
                Repeat(3, (Interval(Kind.BACKWARD, 30), Interval(Kind.FORWARD, 30))),
            ),
        ),
    )


@pytest.mark.parametrize(
    ("written", "speed"),
    [
        ("@6", Speed(6, KPH)),
        ("@6kph", Speed(6, KPH)),
        ("@6kmh", Speed(6, KPH)),
        ("@6km/h", Speed(6, KPH)),
        ("@6.5", Speed(6.5, KPH)),
        ("@4mph", Speed(4, MPH)),
        ("@4 MPH", Speed(4, MPH)),
    ],
)
def test_speed_units(written: str, speed: Speed) -> None:
    assert only(f"1m fwd {written}").speed == speed


def test_speed_without_unit_takes_the_default_unit() -> None:
    assert only("1m fwd @4", MPH).speed == Speed(4, MPH)
    assert only("1m fwd @4kph", MPH).speed == Speed(4, KPH)


def test_optional_parts() -> None:
    assert only("1m rest") == Interval(Kind.REST, 60)
    assert only("1m rest 3%") == Interval(Kind.REST, 60, incline_pct=3.0)
    assert only('1m rest "breathe"') == Interval(Kind.REST, 60, label="breathe")
    assert only("1m rest +2.5%").incline_pct == 2.5


def test_label_escapes() -> None:
    assert only(r'1m back "say \"go\" \\ now"').label == 'say "go" \\ now'
    assert only('1m back "ünïcödé 🏃 ok"').label == "ünïcödé 🏃 ok"


# --- errors -------------------------------------------------------------------------------


def test_did_you_mean_message_from_the_spec() -> None:
    # Counted by hand: "5m warmup, 6x(1m " is 17 characters, so "bak" starts at column 18.
    err = error("5m warmup, 6x(1m bak @6, 2m fwd @9)")
    assert str(err) == (
        'column 18: expected a kind (warmup, back, fwd, rest, cooldown), got "bak"'
        ' — did you mean "back"?'
    )
    assert err.column == 18
    assert err.reason.startswith("expected a kind")
    # In the spec's own example line, the kind sits three characters further on.
    assert error(SPEC_EXAMPLE.replace("1m back", "1m bak")).column == 21


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "",
            "column 1: expected an interval (e.g. 5m warmup) or a repeat (e.g. 6x(...)), "
            "got end of line",
        ),
        (
            "5m warmup,",
            "column 11: expected an interval (e.g. 5m warmup) or a repeat "
            "(e.g. 6x(...)), got end of line",
        ),
        ("6x(1m back", 'column 11: expected ")" to close the "(" at column 3, got end of line'),
        ("5m warmup)", 'column 10: expected "," or end of line, got ")" with no "(" to close'),
        ("5 warmup", 'column 3: expected a time unit (h, m, s) after "5", got "warmup"'),
        (
            "5m back @6kmph",
            'column 11: expected a unit (kph, km/h, mph), got "kmph" — did you mean "kph"?',
        ),
        ("5m back @", 'column 10: expected a speed after "@" (e.g. @6), got end of line'),
        ("5m back %", 'column 9: expected a number before "%" (e.g. 2%), got "%"'),
        (
            "5m back @6 2% foo",
            'column 15: expected a label in quotes, "," or end of line, got "foo"',
        ),
        (
            "5m back foo",
            "column 9: expected a speed (e.g. @6), an incline (e.g. 2%), "
            'a label in quotes, "," or end of line, got "foo"',
        ),
    ],
)
def test_full_messages(text: str, message: str) -> None:
    assert str(error(text)) == message


@pytest.mark.parametrize(
    ("text", "column", "fragment"),
    [
        ("   ", 4, "got end of line"),
        ("5m forwrd", 4, 'got "forwrd" — did you mean "forward"?'),
        ("5m cooldwn", 4, 'got "cooldwn" — did you mean "cooldown"?'),
        ("5m zzz", 4, 'expected a kind (warmup, back, fwd, rest, cooldown), got "zzz"'),
        ("5m @6", 4, 'got "@"'),
        ("5min back", 2, 'got "min" — did you mean "m"?'),
        ("1m1h back", 4, 'expected h, m and s in that order, each at most once, got "h"'),
        ("1:3 back", 3, 'expected two digits after ":", got "3"'),
        ("1:60 back", 3, 'expected a number from 00 to 59 after ":", got "60"'),
        ("1:02:60 back", 6, "from 00 to 59"),
        ("5m back 2", 10, 'expected "%" after the incline "2", got end of line'),
        ("5m back 2 kph", 11, 'got "kph"'),
        ("5m back -%", 10, 'expected a number after "-" (e.g. -2%), got "%"'),
        ("5m back @kph", 10, 'expected a speed after "@" (e.g. @6), got "kph"'),
        ("5m back @-6", 10, 'got "-"'),
        ("5m back @6.kph", 12, 'expected a digit after the ".", got "kph"'),
        ("5m back @6 @7", 12, "speed given twice, first at column 9"),
        ('5m back "x" 2%', 13, 'expected "," or end of line, got "2"'),
        ("6x(1m back, 2m fwd x)", 20, '"," or ")", got "x"'),
        ("6x 1m back", 4, 'expected "(" after "6x", got "1"'),
        ("6x()", 4, 'got ")"'),
        ("5m back, , 1m fwd", 10, 'got ","'),
        ("٣m back", 1, 'got "٣"'),
        ("5m\x00back", 3, "got a control character (U+0000)"),
        ("12345678901s back", 1, 'expected a number of at most 9 digits, got "12345678901"'),
        ("5m back @1234567890", 10, "at most 9 digits"),
        ("9" * 5000 + "x(1m back)", 1, "at most 9 digits"),
    ],
)
def test_error_columns(text: str, column: int, fragment: str) -> None:
    err = error(text)
    assert err.column == column
    assert fragment in err.reason


@pytest.mark.parametrize(
    ("text", "column", "fragment"),
    [
        ('5m back "abc', 9, "expected a closing '\"' for this label, got end of line"),
        ('5m back ""', 9, "got an empty label"),
        ('5m back "a\\nb"', 11, 'expected \\" or \\\\ after a backslash, got "\\n"'),
        ('5m back "a\\', 11, "after a backslash, got end of line"),
        ('5m back "a\tb"', 11, "got a control character (U+0009)"),
        ('5m back "a\u200bb"', 11, "got a control character (U+200B)"),
        ('5m back "a\u2028b"', 11, "got a line break (U+2028)"),
    ],
)
def test_label_errors(text: str, column: int, fragment: str) -> None:
    err = error(text)
    assert err.column == column
    assert fragment in err.reason


def test_error_is_a_value_error_that_pickles() -> None:
    err = error("5m bak")
    assert isinstance(err, ValueError)
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.column, copy.reason, str(copy)) == (err.column, err.reason, str(err))


# --- bounds -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "1s back",
        "6h back",
        "5:59:59 back",
        "4x(6h back)",
        "4x(5h59m59s back), 4s rest",
        "99x(1s back)",
        "1x(1s back)",
        "1m back @30",
        "1m back @18.6mph",
        "1m back @18.64113576712002mph",  # 30 km/h in mph to the last digit: 30.000000000000004
        "1m back @0.1",
        "1m back -10%",
        "1m back 40%",
        "1m back 0%",
    ],
)
def test_within_bounds(text: str) -> None:
    assert parse(text).total_seconds <= MAX_PLAN_SECONDS


@pytest.mark.parametrize(
    ("text", "column", "fragment"),
    [
        ("0s back", 1, 'expected an interval of 1s to 6h, got "0s"'),
        ("0:00 back", 1, 'got "0:00"'),
        ("6h1s back", 1, 'expected an interval of 1s to 6h, got "6h1s"'),
        ("6:00:01 back", 1, "1s to 6h"),
        ("4x(6h back), 1s rest", 14, "at most 24h, got 24h1s by the end of this interval"),
        ("5x(6h back)", 1, "at most 24h, got 30h by the end of this repeat"),
        ("1m rest, 2x(6h run, 6h run), 1m rest", 10, "got 24h1m by the end of this repeat"),
        ("0x(1m back)", 1, 'expected a repeat count from 1 to 99, got "0"'),
        ("100x(1m back)", 1, 'expected a repeat count from 1 to 99, got "100"'),
        ("1m back @0", 10, 'expected a speed above 0 and at most 30 km/h (18.6 mph), got "0"'),
        ("1m back @30.01", 10, 'got "30.01"'),
        ("1m back @19mph", 10, 'got "19mph"'),
        ("1m back @ 18.7 mph", 11, 'got "18.7 mph"'),
        ("1m back -10.5%", 9, 'expected an incline from -10% to 40%, got "-10.5%"'),
        ("1m back 40.01%", 9, 'got "40.01%"'),
    ],
)
def test_beyond_bounds(text: str, column: int, fragment: str) -> None:
    err = error(text)
    assert err.column == column
    assert fragment in err.reason


def test_nesting_up_to_the_limit() -> None:
    deepest = "1x(" * MAX_NESTING + "1m back" + ")" * MAX_NESTING
    assert nesting_depth(parse(deepest).items) == MAX_NESTING
    too_deep = "1x(" * (MAX_NESTING + 1) + "1m back" + ")" * (MAX_NESTING + 1)
    err = error(too_deep)
    assert err.column == 3 * MAX_NESTING + 1
    assert f"nested at most {MAX_NESTING} deep" in err.reason


def test_absurd_nesting_is_an_error_not_a_recursion_error() -> None:
    assert "nested at most" in error("1x(" * 100_000).reason


def test_huge_nested_total_is_measured_without_expanding() -> None:
    deep = "99x(" * MAX_NESTING + "6h run" + ")" * MAX_NESTING
    assert "at most 24h" in error(deep).reason  # would take forever if it were expanded
