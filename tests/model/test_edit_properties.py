"""Properties of the editor's operations, over random plans and random sequences of edits.

Every successful edit gives a plan the notation writes and reads back unchanged, within
every bound; every refused edit raises EditError and leaves the plan as it was.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from hypothesis import event, given, settings
from hypothesis import strategies as st

from backrun_tui.model.edit import (
    Edited,
    EditError,
    Path,
    add_repeat_after,
    check_plan,
    delete,
    duplicate,
    insert_after,
    item_at,
    move_down,
    move_up,
    replace_item,
    rows,
    set_count,
    unwrap,
    wrap_in_repeat,
)
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
    nesting_depth,
)

KPH, MPH = SpeedUnit.KPH, SpeedUnit.MPH

_LABELS = st.one_of(
    st.just(""),
    st.text(
        st.characters(exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")), max_size=8
    ),
    st.sampled_from(['"', "\\", "push off"]),
)
_SPEEDS = st.one_of(
    st.none(),
    st.builds(Speed, st.integers(1, 300).map(lambda tenths: tenths / 10), st.just(KPH)),
    st.builds(Speed, st.floats(0, 30 / KM_PER_MILE, exclude_min=True), st.just(MPH)),
)
#: Short ones mostly, long ones so that some edits run into the 24h bound.
_SECONDS = st.one_of(st.integers(1, 600), st.integers(1, MAX_INTERVAL_SECONDS))
_INTERVALS = st.builds(
    Interval,
    st.sampled_from(Kind),
    _SECONDS,
    _SPEEDS,
    st.none() | st.integers(-10, 40).map(float) | st.floats(-10, 40),
    _LABELS,
)
#: Values a form could not give, to check that the edits refuse them too.
_BAD_INTERVALS = st.sampled_from(
    [
        Interval(Kind.REST, 0),
        Interval(Kind.REST, -5),
        Interval(Kind.REST, MAX_INTERVAL_SECONDS + 1),
        Interval(Kind.REST, 60, Speed(31, KPH)),
        Interval(Kind.REST, 60, Speed(0, MPH)),
        Interval(Kind.REST, 60, incline_pct=40.5),
        Interval(Kind.REST, 60, label="a\nb"),
    ]
)
_COUNTS = st.integers(1, MAX_REPEAT) | st.sampled_from([0, MAX_REPEAT + 1])


def _items(draw: st.DrawFn, budget: int, depth: int) -> tuple[Item, ...]:
    """Items that fit in `budget` seconds and nest no deeper than the limit allows."""
    items: list[Item] = []
    for _ in range(draw(st.integers(1, 4))):
        if budget < 1:
            break
        # Repeats get rarer as they nest, so plans stay small but sometimes go deep.
        if depth < MAX_NESTING and draw(st.integers(0, depth + 1)) == 0:
            count = draw(st.integers(1, min(MAX_REPEAT, budget)))
            repeat = Repeat(count, _items(draw, budget // count, depth + 1))
            items.append(repeat)
            budget -= Plan((repeat,)).total_seconds
        else:
            interval = draw(_INTERVALS)
            if interval.seconds > budget:
                interval = Interval(interval.kind, budget, interval.speed, interval.incline_pct)
            items.append(interval)
            budget -= interval.seconds
    return tuple(items)


def _nest(draw: st.DrawFn, items: tuple[Item, ...], most: int) -> tuple[Item, ...]:
    """`items` with one of them inside up to `most` blocks done once: deep, same length."""
    i = draw(st.integers(0, len(items) - 1))
    item = items[i]
    for _ in range(draw(st.integers(0, most))):
        item = Repeat(1, (item,))
    return (*items[:i], item, *items[i + 1 :])


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    items = _items(draw, MAX_PLAN_SECONDS, 0)
    return Plan(_nest(draw, items, MAX_NESTING - nesting_depth(items)))


def _subtree_rows(item: Item) -> int:
    return len(rows(Plan((item,))))


def _intervals(plan: Plan) -> Counter[Interval]:
    return Counter(row.item for row in rows(plan) if isinstance(row.item, Interval))


def _repeats(plan: Plan) -> int:
    return sum(isinstance(row.item, Repeat) for row in rows(plan))


# --- one random edit, with what must hold after it -----------------------------------------


Check = Callable[[Plan, Path, Edited], None]


def _edit(data: st.DataObject, name: str, plan: Plan, path: Path) -> tuple[Edited, Check]:
    """Operation `name` on the item at `path`, and the check of its own result."""
    old = item_at(plan, path)
    if name == "replace":
        new = data.draw(_INTERVALS | _BAD_INTERVALS, label="item")
        return replace_item(plan, path, new), lambda _, __, r: _is(r, new)
    if name == "insert_after":
        new = data.draw(_INTERVALS | _BAD_INTERVALS, label="item")
        return insert_after(plan, path, new), lambda p, _, r: _added(p, r, new)
    if name == "duplicate":
        return duplicate(plan, path), lambda p, _, r: _added(p, r, old)
    if name == "wrap":
        count = data.draw(_COUNTS, label="count")
        return wrap_in_repeat(plan, path, count), lambda _, __, r: _is(r, Repeat(count, (old,)))
    if name == "add_repeat":
        count = data.draw(_COUNTS, label="count")
        return add_repeat_after(plan, path, count), _added_repeat(count)
    if name == "set_count":
        count = data.draw(_COUNTS, label="count")
        return set_count(plan, path, count), lambda _, __, r: _has_count(r, count)
    if name == "unwrap":
        return unwrap(plan, path), _same_intervals
    if name == "delete":
        return delete(plan, path), _deleted
    move, undo = (move_up, move_down) if name == "move_up" else (move_down, move_up)
    return move(plan, path), _moved(undo)


_OPERATIONS = [
    "replace",
    "insert_after",
    "duplicate",
    "wrap",
    "add_repeat",
    "set_count",
    "unwrap",
    "delete",
    "move_up",
    "move_down",
]


def _is(result: Edited, item: Item) -> None:
    assert item_at(result.plan, result.selected) == item


def _added(before: Plan, result: Edited, item: Item) -> None:
    _is(result, item)
    assert len(rows(result.plan)) == len(rows(before)) + _subtree_rows(item)


def _added_repeat(count: int) -> Check:
    def check(before: Plan, _: Path, result: Edited) -> None:
        block = item_at(result.plan, result.selected)
        assert isinstance(block, Repeat) and block.count == count
        assert len(block.items) == 1 and block.items[0] in _intervals(before)

    return check


def _has_count(result: Edited, count: int) -> None:
    block = item_at(result.plan, result.selected)
    assert isinstance(block, Repeat) and block.count == count


def _same_intervals(before: Plan, _: Path, result: Edited) -> None:
    assert _intervals(result.plan) == _intervals(before)


def _deleted(before: Plan, path: Path, result: Edited) -> None:
    gone = _subtree_rows(item_at(before, path))
    assert len(rows(result.plan)) <= len(rows(before)) - gone


def _moved(undo: Callable[[Plan, Path], Edited]) -> Check:
    def check(before: Plan, path: Path, result: Edited) -> None:
        assert item_at(result.plan, result.selected) == item_at(before, path)
        _same_intervals(before, path, result)
        if _repeats(result.plan) == _repeats(before):  # no block dissolved on the way
            assert undo(result.plan, result.selected) == Edited(before, path)

    return check


# --- the properties ----------------------------------------------------------------------


def _assert_valid(plan: Plan) -> None:
    assert parse(format_plan(plan)) == plan
    assert plan.items
    assert plan.total_seconds <= MAX_PLAN_SECONDS
    assert nesting_depth(plan.items) <= MAX_NESTING
    check_plan(plan)


@settings(max_examples=200, deadline=None)
@given(plans(), st.data())
def test_random_edits_keep_the_plan_valid_or_change_nothing(
    plan: Plan, data: st.DataObject
) -> None:
    _assert_valid(plan)
    for _ in range(data.draw(st.integers(1, 12), label="edits")):
        path = data.draw(st.sampled_from(rows(plan)), label="row").path
        name = data.draw(st.sampled_from(_OPERATIONS), label="operation")
        written = format_plan(plan)
        try:
            result, check = _edit(data, name, plan, path)
        except EditError as error:
            event(f"{name} refused")
            assert format_plan(plan) == written  # the plan it was given is untouched
            assert str(error) and len(str(error).splitlines()) == 1
            continue
        event(f"{name} done")
        _assert_valid(result.plan)
        item_at(result.plan, result.selected)  # the selection is an item of the new plan
        check(plan, path, result)
        plan = result.plan


# --- the check agrees with the notation --------------------------------------------------

_WILD_INTERVALS = _INTERVALS | st.builds(
    Interval,
    st.sampled_from(Kind),
    st.integers(-2, MAX_INTERVAL_SECONDS + 2),
    st.none() | st.builds(Speed, st.floats(-1, 35), st.sampled_from(SpeedUnit)),
    st.none() | st.floats(-12, 45),
    st.sampled_from(["", "ok", "a\nb", "\x00", '"', "line\u2028break"]),
)


def _wild_items(draw: st.DrawFn, depth: int) -> tuple[Item, ...]:
    items: list[Item] = []
    for _ in range(draw(st.integers(0, 3))):
        if depth <= MAX_NESTING + 1 and draw(st.integers(0, 2)) == 0:
            count = draw(_COUNTS | st.integers(1, 3))
            items.append(Repeat(count, _wild_items(draw, depth + 1)))
        else:
            items.append(draw(_WILD_INTERVALS))
    return tuple(items)


@st.composite
def wild_plans(draw: st.DrawFn) -> Plan:
    """Plans with any values at all, inside the bounds or not."""
    items = _wild_items(draw, 0)
    return Plan(_nest(draw, items, MAX_NESTING + 1) if items else items)


@settings(max_examples=400, deadline=None)
@given(wild_plans())
def test_check_plan_accepts_exactly_the_plans_that_round_trip(plan: Plan) -> None:
    try:
        check_plan(plan)
        accepted = True
    except EditError:
        accepted = False
    try:
        round_trips = parse(format_plan(plan)) == plan
    except (NotationError, ValueError):  # format_duration refuses negative seconds
        round_trips = False
    event("accepted" if accepted else "refused")
    assert accepted == round_trips
