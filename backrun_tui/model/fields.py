"""The editor form's fields: what a runner types in one, read into a value, and back.

Each `parse_*` returns the value or raises FieldValueError naming the field and what was
expected, in the notation's words but without columns. Durations, speeds, inclines and
repeat counts are read by the notation itself (the text is checked for the right shape,
then parsed as a piece of a plan), so a field and a plan line never disagree on what is
valid. Each `format_*` shows a stored value so that its `parse_*` gives the value back.
"""

from __future__ import annotations

import re
from decimal import Decimal

from backrun_tui.model._scanner import describe_char, is_line_break_or_control, quoted
from backrun_tui.model.kinds import Kind, Units
from backrun_tui.model.notation import NotationError, format_duration, format_interval, parse
from backrun_tui.model.plan import (
    MAX_INTERVAL_SECONDS,
    MAX_REPEAT,
    MIN_INTERVAL_SECONDS,
    MIN_REPEAT,
    Interval,
    Repeat,
    Speed,
)

#: A label longer than this does not fit the run screen's line.
MAX_LABEL_CHARS = 80

_CLOCK = re.compile(r"[0-9]+(?::[0-9]+){1,2}")
_UNIT_PARTS = re.compile(r"(?:[0-9]+\s*[^\W\d_]+\s*)+")
_WORD = re.compile(r"[^\W\d_]+")
_WHOLE = re.compile(r"[0-9]+")
_FRACTION = re.compile(r"([0-9]*)[.,]([0-9]*)\s*([hms]?)", re.IGNORECASE)
_SPEED = re.compile(r"[0-9]+(?:\.[0-9]+)?\s*(?:[^\W\d_][^\W\d_/]*(?:/[^\W\d_]+)?)?")
_INCLINE = re.compile(r"([+-]?[0-9]+(?:\.[0-9]+)?)\s*%?")
_DECIMAL_MARK = re.compile(r"[0-9][.,]|[.,][0-9]")
_SECONDS_PER = {"h": 3600, "m": 60, "s": 1}
#: Any kind does for writing a lone speed or incline with the notation: only what
#: follows the kind is kept.
_ANY_KIND = Kind.REST

__all__ = [
    "MAX_LABEL_CHARS",
    "FieldValueError",
    "format_count",
    "format_duration",
    "format_incline",
    "format_label",
    "format_speed",
    "parse_count",
    "parse_description",
    "parse_duration",
    "parse_incline",
    "parse_label",
    "parse_speed",
]


class FieldValueError(ValueError):
    """A value a form field cannot take: which field, and why in plain words."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(field, reason)  # both in args, so the error pickles
        self.field = field
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.field}: {self.reason}"


# --- duration -------------------------------------------------------------------------------

_DURATION = "duration"
_DURATION_EXAMPLE = "a duration such as 1m30s, 1:30 or 90 (seconds)"
_DURATION_BOUNDS = (
    f"an interval of {format_duration(MIN_INTERVAL_SECONDS)} to "
    f"{format_duration(MAX_INTERVAL_SECONDS)}"
)


def parse_duration(text: str) -> int:
    """Seconds from `90`, `1:30`, `1:02:00`, `1m30s`, `45s`, `2m`, `1h5m` and the like."""
    written = text.strip()
    if not written:
        raise FieldValueError(_DURATION, f"expected {_DURATION_EXAMPLE}, got nothing")
    if written.startswith("-"):
        raise FieldValueError(_DURATION, f"expected {_DURATION_BOUNDS}, got {quoted(written)}")
    fraction = _FRACTION.fullmatch(written)
    if fraction is not None or _DECIMAL_MARK.search(written):
        raise FieldValueError(
            _DURATION, f"expected whole numbers, got {quoted(written)}{_whole_hint(fraction)}"
        )
    notation = written + "s" if _WHOLE.fullmatch(written) else written
    if not _is_duration_shape(notation):
        raise FieldValueError(_DURATION, f"expected {_DURATION_EXAMPLE}, got {quoted(written)}")
    try:
        (interval,) = parse(f"{notation} rest").items
    except NotationError as err:
        raise FieldValueError(_DURATION, _duration_reason(err, written)) from None
    assert isinstance(interval, Interval)  # the shape check leaves no room for a repeat
    return interval.seconds


def _is_duration_shape(text: str) -> bool:
    """Numbers with units or a clock, and nothing the notation would read as more of a plan."""
    if _CLOCK.fullmatch(text):
        return True
    # "5x" would start a repeat block in a plan line.
    words = _WORD.findall(text)
    return _UNIT_PARTS.fullmatch(text) is not None and "x" not in (w.lower() for w in words)


def _duration_reason(err: NotationError, written: str) -> str:
    if err.reason.startswith("expected a kind"):
        # The notation ends a duration at "s": what follows it would be the kind.
        return f"expected h, m and s in that order, each at most once, got {quoted(written)}"
    if err.column == 1:
        # The whole duration is at fault (too long, too many digits): show it as typed,
        # not with the "s" added to a bare number of seconds.
        return err.reason.rpartition(", got ")[0] + f", got {quoted(written)}"
    return err.reason


def _whole_hint(fraction: re.Match[str] | None) -> str:
    """' — write 1m30s' for `1.5m` (a bare number is seconds), when there is such a way.

    An amount out of bounds gets no hint: rewritten, it would only be refused again.
    """
    if fraction is None or not (fraction.group(1) or fraction.group(2)):
        return ""
    amount = Decimal(f"{fraction.group(1) or 0}.{fraction.group(2) or 0}")
    seconds = amount * _SECONDS_PER[fraction.group(3).lower() or "s"]
    if not MIN_INTERVAL_SECONDS <= seconds <= MAX_INTERVAL_SECONDS:
        return ""
    if seconds != seconds.to_integral_value():
        return " — a duration is in whole seconds"
    return f" — write {format_duration(int(seconds))}"


# --- speed ----------------------------------------------------------------------------------

_SPEED_FIELD = "speed"


def parse_speed(text: str, units: Units) -> Speed | None:
    """A speed in `units` (`6`, `6.5`), or in the unit written (`6kph`, `4mph`); None if empty."""
    written = text.strip()
    if not written:
        return None
    if not _SPEED.fullmatch(written):
        # The example of an explicit unit is the one the user would not get by default.
        other = "6kph" if units is Units.IMPERIAL else "4mph"
        example = f"6 or 6.5 ({units.speed_unit.label}) or {other}"
        raise FieldValueError(
            _SPEED_FIELD, f"expected a speed above 0 such as {example}, got {quoted(written)}"
        )
    try:
        (interval,) = parse(f"1s rest @{written}", units.speed_unit).items
    except NotationError as err:
        raise FieldValueError(_SPEED_FIELD, err.reason) from None
    assert isinstance(interval, Interval) and interval.speed is not None
    return interval.speed


def format_speed(speed: Speed | None, units: Units) -> str:
    """A speed as the field shows it: `6`, `3.7` in the user's units; `6kph` in the other unit.

    A speed written in the other unit keeps it, so that reading the field back gives the
    same speed and not a converted, rounded one.
    """
    if speed is None:
        return ""
    written = _speed_text(speed)
    return written.removesuffix(units.speed_unit.value)


def _speed_text(speed: Speed) -> str:
    """`6kph`, `3.7mph`: the notation's own digits, so every stored float reads back."""
    formatted = format_interval(Interval(_ANY_KIND, 1, speed=speed))
    return formatted.rpartition("@")[2]


# --- incline --------------------------------------------------------------------------------

_INCLINE_FIELD = "incline"


def parse_incline(text: str) -> float | None:
    """An incline in percent from `2`, `2%`, `-1.5`; None if empty."""
    written = text.strip()
    if not written:
        return None
    shape = _INCLINE.fullmatch(written)
    if shape is None:
        raise FieldValueError(
            _INCLINE_FIELD, f"expected an incline such as 2, 2% or -1.5, got {quoted(written)}"
        )
    try:
        (interval,) = parse(f"1s rest {shape.group(1)}%").items
    except NotationError as err:
        raise FieldValueError(_INCLINE_FIELD, err.reason) from None
    assert isinstance(interval, Interval) and interval.incline_pct is not None
    return interval.incline_pct


def format_incline(incline_pct: float | None) -> str:
    """An incline as the field shows it: `2`, `-1.5`, without the `%`."""
    if incline_pct is None:
        return ""
    formatted = format_interval(Interval(_ANY_KIND, 1, incline_pct=incline_pct))
    return formatted.rpartition(" ")[2].removesuffix("%")


# --- repeat count ---------------------------------------------------------------------------

_COUNT_FIELD = "repeat count"


def parse_count(text: str) -> int:
    """How many times a repeat block is done: a whole number from 1 to 99."""
    written = text.strip()
    if not _WHOLE.fullmatch(written):
        got = quoted(written) if written else "nothing"
        raise FieldValueError(
            _COUNT_FIELD, f"expected a whole number from {MIN_REPEAT} to {MAX_REPEAT}, got {got}"
        )
    try:
        (block,) = parse(f"{written}x(1s rest)").items
    except NotationError as err:
        raise FieldValueError(_COUNT_FIELD, err.reason) from None
    assert isinstance(block, Repeat)
    return block.count


def format_count(count: int) -> str:
    return str(count)


# --- label ----------------------------------------------------------------------------------

_LABEL_FIELD = "label"


def parse_label(text: str) -> str:
    """A label without the spaces around it; "" for none."""
    label = text.strip()
    hidden = next((char for char in label if is_line_break_or_control(char)), None)
    if hidden is not None:
        raise FieldValueError(
            _LABEL_FIELD, f"expected text you can see on one line, got {describe_char(hidden)}"
        )
    if len(label) > MAX_LABEL_CHARS:
        raise FieldValueError(
            _LABEL_FIELD,
            f"expected at most {MAX_LABEL_CHARS} characters, got {len(label)}",
        )
    return label


def format_label(label: str) -> str:
    """A label as the field shows it: as it is.

    Even a label from a plan line that the field would trim or find too long is shown
    unchanged, so that opening the form alone changes nothing.
    """
    return label


# --- description ----------------------------------------------------------------------------

#: A sentence or two for the preview; the file itself has no bound but its size.
MAX_DESCRIPTION_CHARS = 500


def parse_description(text: str) -> str:
    """A workout's description without the spaces around it; "" for none."""
    description = text.strip()
    hidden = next((char for char in description if is_line_break_or_control(char)), None)
    if hidden is not None:
        raise FieldValueError(
            "description", f"expected text you can see on one line, got {describe_char(hidden)}"
        )
    if len(description) > MAX_DESCRIPTION_CHARS:
        raise FieldValueError(
            "description",
            f"expected at most {MAX_DESCRIPTION_CHARS} characters, got {len(description)}",
        )
    return description
