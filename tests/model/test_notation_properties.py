"""Properties of the notation: every valid plan round-trips; no text crashes the parser."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from backrun_tui.model.kinds import KM_PER_MILE, Kind, SpeedUnit
from backrun_tui.model.notation import NotationError, format_plan, parse
from backrun_tui.model.plan import (
    MAX_INTERVAL_SECONDS,
    MAX_NESTING,
    MAX_PLAN_SECONDS,
    MAX_REPEAT,
    Interval,
    Item,
    Plan,
    Repeat,
    Speed,
)

KPH, MPH = SpeedUnit.KPH, SpeedUnit.MPH


_LABEL_TEXT = st.text(
    st.characters(exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")),
    min_size=1,
    max_size=12,
)
_LABELS = st.one_of(st.just(""), _LABEL_TEXT, st.sampled_from(['"', "\\", '\\"', "a\\\\b", " "]))
_SPEEDS = st.one_of(
    st.none(),
    st.builds(Speed, st.floats(0, 30, exclude_min=True), st.just(KPH)),
    st.builds(Speed, st.floats(0, 30 / KM_PER_MILE, exclude_min=True), st.just(MPH)),
    st.builds(
        Speed, st.integers(1, 300).map(lambda tenths: tenths / 10), st.sampled_from(SpeedUnit)
    ).filter(lambda speed: speed.kmh <= 30),
)
_INCLINES = st.one_of(st.none(), st.floats(-10, 40), st.integers(-10, 40).map(float))


def _items(draw: st.DrawFn, budget: int, depth: int) -> tuple[Item, ...]:
    """Items that fit in `budget` seconds and nest no deeper than the limit allows."""
    items: list[Item] = []
    for _ in range(draw(st.integers(1, 4))):
        if budget < 1:
            break
        # Repeats get rarer as they nest, so plans stay small but sometimes go deep.
        if depth < MAX_NESTING and draw(st.integers(0, depth + 2)) == 0:
            count = draw(st.integers(1, min(MAX_REPEAT, budget)))
            repeat = Repeat(count, _items(draw, budget // count, depth + 1))
            items.append(repeat)
            budget -= Plan((repeat,)).total_seconds
        else:
            seconds = draw(st.integers(1, min(MAX_INTERVAL_SECONDS, budget)))
            kind = draw(st.sampled_from(Kind))
            items.append(Interval(kind, seconds, draw(_SPEEDS), draw(_INCLINES), draw(_LABELS)))
            budget -= seconds
    return tuple(items)


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    return Plan(_items(draw, MAX_PLAN_SECONDS, 0))


@settings(max_examples=150, deadline=None)
@given(plans(), st.sampled_from(SpeedUnit))
def test_round_trip_and_idempotence(plan: Plan, default_unit: SpeedUnit) -> None:
    text = format_plan(plan)
    assert parse(text, default_unit) == plan
    assert format_plan(parse(text)) == text


@st.composite
def mutated_notation(draw: st.DrawFn) -> str:
    """Valid notation with a few characters inserted or deleted: near-misses a runner types."""
    text = format_plan(draw(plans()))
    noise = st.sampled_from(list('0123456789x×()@%:,."\\-+ hmsbk\t')) | st.characters()
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(noise) + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(1, 3)) :]
    return text


def _parse_or_notation_error(text: str) -> None:
    try:
        parse(text)
    except NotationError as err:
        assert 1 <= err.column <= len(text) + 1
        assert str(err) == f"column {err.column}: {err.reason}"
        assert "\n" not in str(err)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text_raises_only_notation_errors(text: str) -> None:
    _parse_or_notation_error(text)


@settings(max_examples=150, deadline=None)
@given(mutated_notation())
def test_near_miss_notation_raises_only_notation_errors(text: str) -> None:
    _parse_or_notation_error(text)
