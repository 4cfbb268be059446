"""The one-line plan notation: parse it into a Plan, and write a Plan back canonically.

`5m warmup @5, 6x(1m back @6 2% "push off the floor", 2m fwd @9), 5m cooldown @5`

The grammar and the canonical form are in SPEC.md, "Notation". A bad line raises one
NotationError, with the 1-based column and what a runner should have written there.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from fractions import Fraction

from backrun_tui.model._scanner import MAX_DIGITS, Cursor, NotationError, quoted, suggest
from backrun_tui.model.kinds import KIND_WORDS, UNIT_WORDS, Kind, SpeedUnit
from backrun_tui.model.plan import (
    MAX_INCLINE_PCT,
    MAX_INTERVAL_SECONDS,
    MAX_NESTING,
    MAX_PLAN_SECONDS,
    MAX_REPEAT,
    MAX_SPEED_KMH,
    MIN_INCLINE_PCT,
    MIN_INTERVAL_SECONDS,
    MIN_REPEAT,
    Interval,
    Item,
    Plan,
    Repeat,
    Speed,
)

__all__ = ["NotationError", "format_duration", "format_interval", "format_plan", "parse"]

#: Slack for a speed written in mph and converted: the top speed in mph, written to however
#: many digits, must not fail the km/h bound by a rounding error.
_SPEED_EPSILON_KMH = 1e-9
_TIME_UNITS = {"h": 3600, "m": 60, "s": 1}
#: Words runners write for a time unit, to say which letter they meant.
_TIME_WORDS = {
    **dict.fromkeys(("hr", "hrs", "hour", "hours"), "h"),
    **dict.fromkeys(("min", "mins", "minute", "minutes"), "m"),
    **dict.fromkeys(("sec", "secs", "second", "seconds"), "s"),
}
_KINDS = ", ".join(kind.word for kind in Kind)
_UNITS = "kph, km/h, mph"
_SPEED_EXAMPLE = "a speed (e.g. @6)"
_INCLINE_EXAMPLE = "an incline (e.g. 2%)"
_LABEL_EXAMPLE = "a label in quotes"
#: Where a part of the text starts and ends, [start, end).
_Span = tuple[int, int]
#: An incline written where one was already given (a lone digit may be the next interval).
_INCLINE_AHEAD = re.compile(r"[+-]?\s*[0-9]+(?:\.[0-9]+)?\s*%")


def parse(text: str, default_unit: SpeedUnit = SpeedUnit.KPH) -> Plan:
    """The plan a line of notation describes; a speed without a unit is in `default_unit`."""
    return Plan(_Parser(text, default_unit).plan())


class _Parser:
    def __init__(self, text: str, default_unit: SpeedUnit) -> None:
        self.cur = Cursor(text)
        self.default_unit = default_unit
        # What the last interval could still have had, so junk after it gets a full answer.
        self.could_follow: list[str] = []

    def plan(self, depth: int = 0, opened_at: int = 0) -> tuple[Item, ...]:
        """The items up to the end of the line (depth 0) or the ")" of a repeat."""
        cur = self.cur
        items: list[Item] = []
        total = 0
        while True:
            cur.skip_space()
            start = cur.pos
            item = self.item(depth)
            items.append(item)
            if depth == 0:
                # Measured without expanding, so 99x(99x(...)) costs nothing here.
                total += Plan((item,)).total_seconds
                if total > MAX_PLAN_SECONDS:
                    raise NotationError(
                        start + 1,
                        f"expected the whole plan to last at most "
                        f"{format_duration(MAX_PLAN_SECONDS)}, "
                        f"got {format_duration(total)} by the end of this "
                        + ("interval" if isinstance(item, Interval) else "repeat"),
                    )
            cur.skip_space()
            if cur.accept(","):
                continue
            if depth == 0 and cur.at_end():
                return tuple(items)
            if depth > 0 and cur.accept(")"):
                return tuple(items)
            raise self.after_item_error(depth, opened_at)

    def after_item_error(self, depth: int, opened_at: int) -> NotationError:
        cur = self.cur
        if depth > 0 and cur.at_end():
            return cur.fail(f'")" to close the "(" at column {opened_at + 1}')
        if depth == 0 and cur.peek_is(")"):
            return cur.fail('"," or end of line', hint=' with no "(" to close')
        closer = '")"' if depth > 0 else "end of line"
        return cur.fail(", ".join([*self.could_follow, '","']) + f" or {closer}")

    def item(self, depth: int) -> Item:
        cur = self.cur
        start = cur.pos
        self.could_follow = []
        if not cur.peek_digit():
            raise cur.fail("an interval (e.g. 5m warmup) or a repeat (e.g. 6x(...))")
        # A fraction is read here only to be refused with what to write instead.
        number = cur.decimal()
        if cur.peek_is(":"):
            if "." in number:
                raise NotationError(
                    start + 1, f'expected a whole number before ":", got {quoted(number)}'
                )
            seconds, fraction = Fraction(self.clock_duration(number)), None
        else:
            cur.skip_space()
            if cur.accept("×") or (cur.peek_is("xX") and _is_word(cur, "x")):
                return self.repeat(start, number, depth)
            seconds, fraction = self.unit_duration(number, start)
        if not MIN_INTERVAL_SECONDS <= seconds <= MAX_INTERVAL_SECONDS:
            written = cur.text[start : cur.pos].strip()
            raise NotationError(
                start + 1,
                f"expected an interval of {format_duration(MIN_INTERVAL_SECONDS)} to "
                f"{format_duration(MAX_INTERVAL_SECONDS)}, got {quoted(written)}",
            )
        if fraction is not None:
            raise _fraction_error(cur.text, fraction, seconds)
        return self.interval(int(seconds))

    def clock_duration(self, first: str) -> int:
        """The rest of `1:30` (m:ss) or `1:02:00` (h:mm:ss), after its first number."""
        cur = self.cur
        fields = [int(first)]
        while len(fields) < 3 and cur.accept(":"):
            field_start = cur.pos
            digits = cur.digit_run()
            if len(digits) != 2:
                raise cur.fail('two digits after ":"', pos=field_start)
            if int(digits) >= 60:
                raise cur.fail('a number from 00 to 59 after ":"', pos=field_start)
            fields.append(int(digits))
        seconds = 0
        for field in fields:
            seconds = seconds * 60 + field
        return seconds

    def unit_duration(self, number: str, start: int) -> tuple[Fraction, _Span | None]:
        """The rest of `45s`, `1h5m30s` and the like, after its first number at `start`.

        Also where the first part written with a fraction (`1.5m`) is, or None: such a
        duration is read to its end so that the message can give the whole equivalent.
        """
        cur = self.cur
        seconds, done = Fraction(0), ""
        number_at, fraction = start, None
        while True:
            cur.skip_space()
            unit_start = cur.pos
            word = cur.letters().lower()
            if word not in _TIME_UNITS:
                hint = f' — did you mean "{_TIME_WORDS[word]}"?' if word in _TIME_WORDS else ""
                raise cur.fail(f'a time unit (h, m, s) after "{number}"', unit_start, hint)
            if any(unit in done for unit in "hms"["hms".index(word) :]):
                raise cur.fail("h, m and s in that order, each at most once", unit_start)
            done += word
            seconds += _duration_number(number) * _TIME_UNITS[word]
            if fraction is None and "." in number:
                fraction = (number_at, cur.pos)
            cur.skip_space()
            if word == "s" or not cur.peek_digit():
                return seconds, fraction
            number_at = cur.pos
            number = cur.decimal()

    def interval(self, seconds: int) -> Interval:
        cur = self.cur
        cur.skip_space()
        kind_start = cur.pos
        word = cur.letters()
        kind = KIND_WORDS.get(word.lower()) if word.isascii() else None
        if kind is None:
            raise cur.fail(
                f"a kind ({_KINDS})", kind_start, suggest(word, KIND_WORDS) if word else ""
            )
        self.could_follow = [_SPEED_EXAMPLE, _INCLINE_EXAMPLE, _LABEL_EXAMPLE]
        speed = incline = None
        label = ""
        given: dict[str, int] = {}  # where each part starts, to point back at it if repeated
        cur.skip_space()
        if cur.peek_is("@"):
            given["speed"] = cur.pos
            cur.accept("@")
            speed = self.speed()
            self.could_follow = [_INCLINE_EXAMPLE, _LABEL_EXAMPLE]
            cur.skip_space()
        if cur.peek_digit() or cur.peek_is("+-"):
            given["incline"] = cur.pos
            incline = self.incline()
            self.could_follow = [_LABEL_EXAMPLE]
            cur.skip_space()
        elif cur.peek_is("%"):
            raise cur.fail('a number before "%" (e.g. 2%)')
        if cur.peek_is('"'):
            given["label"] = cur.pos
            label = cur.label()
            self.could_follow = []
            cur.skip_space()
        self.refuse_second_part(given)
        return Interval(kind=kind, seconds=seconds, speed=speed, incline_pct=incline, label=label)

    def refuse_second_part(self, given: dict[str, int]) -> None:
        """Refuse a speed, incline or label written a second time, by name.

        A runner who wrote `@6 @7` knows what a speed is: "expected a label" would not help.
        """
        cur = self.cur
        if cur.peek_is("@"):
            part = "speed"
        elif _INCLINE_AHEAD.match(cur.text, cur.pos):
            part = "incline"
        elif cur.peek_is('"'):
            part = "label"
        else:
            return
        if part in given:
            raise NotationError(
                cur.column, f"{part} given twice, first at column {given[part] + 1}"
            )

    def speed(self) -> Speed:
        cur = self.cur
        cur.skip_space()
        start = cur.pos
        if not cur.peek_digit():
            raise cur.fail('a speed after "@" (e.g. @6)')
        value = float(cur.decimal())
        unit = self.default_unit
        cur.skip_space()
        if cur.peek_letter():
            unit_start = cur.pos
            word = cur.unit_word()
            found = UNIT_WORDS.get(word.lower()) if word.isascii() else None
            if found is None:
                raise cur.fail(f"a unit ({_UNITS})", unit_start, suggest(word, UNIT_WORDS))
            unit = found
        if not 0 < unit.to_kmh(value) <= MAX_SPEED_KMH + _SPEED_EPSILON_KMH:
            top_mph = _format_number(round(MAX_SPEED_KMH / SpeedUnit.MPH.to_kmh(1), 1))
            written = quoted(cur.text[start : cur.pos].strip())
            raise NotationError(
                start + 1,
                f"expected a speed above 0 and at most {_format_number(MAX_SPEED_KMH)} km/h "
                f"({top_mph} mph), got {written}",
            )
        return Speed(value, unit)

    def incline(self) -> float:
        cur = self.cur
        start = cur.pos
        sign = cur.accept("+-")
        if not cur.peek_digit():
            raise cur.fail(f'a number after "{sign}" (e.g. {sign}2%)')
        written = cur.decimal()
        cur.skip_space()
        if not cur.accept("%"):
            raise cur.fail(f'"%" after the incline "{sign}{written}"')
        value = -float(written) if sign == "-" else float(written)
        if not MIN_INCLINE_PCT <= value <= MAX_INCLINE_PCT:
            raise NotationError(
                start + 1,
                f"expected an incline from {_format_number(MIN_INCLINE_PCT)}% to "
                f"{_format_number(MAX_INCLINE_PCT)}%, got {quoted(sign + written + '%')}",
            )
        return value

    def repeat(self, start: int, number: str, depth: int) -> Repeat:
        """The rest of `6x(...)`, after its `x`."""
        cur = self.cur
        if "." in number:
            raise NotationError(
                start + 1,
                f"expected a whole repeat count from {MIN_REPEAT} to {MAX_REPEAT}, "
                f"got {quoted(number)}",
            )
        count = int(number)
        if not MIN_REPEAT <= count <= MAX_REPEAT:
            raise NotationError(
                start + 1,
                f"expected a repeat count from {MIN_REPEAT} to {MAX_REPEAT}, got {quoted(number)}",
            )
        if depth >= MAX_NESTING:
            raise NotationError(
                start + 1,
                f"expected repeats nested at most {MAX_NESTING} deep, "
                f"got a repeat at depth {depth + 1}",
            )
        cur.skip_space()
        opened_at = cur.pos
        if not cur.accept("("):
            raise cur.fail(f'"(" after "{number}x"')
        items = self.plan(depth + 1, opened_at)
        self.could_follow = []
        return Repeat(count=count, items=items)


def _duration_number(number: str) -> Fraction:
    """A number in a duration, exactly, but for a fraction cut at MAX_DIGITS digits: no
    runner means more, and the exact value of a long paste would take long to work out."""
    whole, _, fraction = number.partition(".")
    fraction = fraction[:MAX_DIGITS]
    return Fraction(int(whole + fraction), 10 ** len(fraction))


def _fraction_error(text: str, fraction: _Span, seconds: Fraction) -> NotationError:
    """The error for a duration written with a fraction, with the whole one to write."""
    at, end = fraction
    written = text[at:end]
    if seconds.denominator == 1:
        hint = f"write {format_duration(int(seconds))}"
    else:
        hint = (
            "there is no exact equivalent in whole seconds: write "
            f"{format_duration(math.floor(seconds))} or {format_duration(math.ceil(seconds))}"
        )
    return NotationError(
        at + 1, f"expected a duration in whole numbers, got {quoted(written)} — {hint}"
    )


def _is_word(cur: Cursor, word: str) -> bool:
    """Whether the word at the cursor is exactly `word` (any case); takes it if so."""
    start = cur.pos
    if cur.letters().lower() == word:
        return True
    cur.pos = start
    return False


def format_plan(plan: Plan) -> str:
    """The canonical notation of a plan: parse(format_plan(p)) == p."""
    return _format_items(plan.items)


def _format_items(items: tuple[Item, ...]) -> str:
    return ", ".join(
        format_interval(item)
        if isinstance(item, Interval)
        else f"{item.count}x({_format_items(item.items)})"
        for item in items
    )


def format_interval(interval: Interval) -> str:
    """One interval in canonical notation, e.g. `1m back @6kph 2% "push off"`."""
    parts = [format_duration(interval.seconds), interval.kind.word]
    if interval.speed is not None:
        parts.append(f"@{_format_number(interval.speed.value)}{interval.speed.unit.value}")
    if interval.incline_pct is not None:
        parts.append(f"{_format_number(interval.incline_pct)}%")
    if interval.label:
        escaped = interval.label.replace("\\", "\\\\").replace('"', '\\"')
        parts.append(f'"{escaped}"')
    return " ".join(parts)


def format_duration(seconds: int) -> str:
    """A duration in canonical notation: `1h5m`, `1m30s`, `45s`, `1h`."""
    if seconds < 0:
        raise ValueError(f"a duration cannot be negative: {seconds}")
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours}h" if hours else "", f"{minutes}m" if minutes else ""]
    parts.append(f"{secs}s" if secs or seconds < 60 else "")
    return "".join(parts)


def _format_number(value: float) -> str:
    """The shortest decimal that reads back as the same float, never in e-notation."""
    if value == 0:
        return "0"  # also for -0.0, which is equal and reads better without its sign
    text = format(Decimal(repr(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
