"""The edit operations of the workout editor, on an immutable Plan.

An item is addressed by its path: its index among the top-level items, then its index
inside each repeat block on the way down, so `(1, 0)` is the first item of the second
top-level item. `rows(plan)` lists every item with its path in display order.

Every operation returns an `Edited`: the new plan and the path of the item to select
next. It never changes the plan it was given (plans are frozen), and it raises EditError
instead of returning a plan the notation would refuse: every plan it returns is one
that `parse(format_plan(plan))` reads back unchanged (see `check_plan`).

A workout always holds at least one interval: an empty plan has no notation, so it can
be neither saved nor run. A new workout starts as NEW_PLAN, and deleting the last item
is refused. A repeat block whose last item goes (by `delete` or by moving it out)
disappears with it, since an empty block has no notation either.

A path that does not lead to an item (not one `rows` gave for this plan) is a mistake
in the caller, not in the user's input: it raises IndexError, not EditError.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple, TypeAlias

from backrun_tui.model._scanner import quoted
from backrun_tui.model.kinds import Kind
from backrun_tui.model.notation import NotationError, format_duration, format_interval, parse
from backrun_tui.model.plan import (
    MAX_INTERVAL_SECONDS,
    MAX_NESTING,
    MAX_PLAN_SECONDS,
    MAX_REPEAT,
    MIN_INTERVAL_SECONDS,
    MIN_REPEAT,
    Interval,
    Item,
    Plan,
    Repeat,
    nesting_depth,
)

Path: TypeAlias = tuple[int, ...]
Items: TypeAlias = tuple[Item, ...]

#: Where a new workout starts: one interval, so that it can be saved and run at once.
NEW_PLAN = Plan((Interval(Kind.WARMUP, 5 * 60),))


class EditError(ValueError):
    """An edit that would break a bound of the notation or makes no sense, in plain words."""


class Edited(NamedTuple):
    """The plan after an edit, and the path of the item to select in it."""

    plan: Plan
    selected: Path


class Row(NamedTuple):
    """One line of the editor's tree: an item, where it is, and how deep it is indented."""

    path: Path
    depth: int
    item: Item


def rows(plan: Plan) -> list[Row]:
    """Every item in display order, a repeat block's row before the rows of its items."""
    return list(_rows(plan.items, ()))


def _rows(items: Items, parent: Path) -> Iterator[Row]:
    for i, item in enumerate(items):
        path = (*parent, i)
        yield Row(path, len(parent), item)
        if isinstance(item, Repeat):
            yield from _rows(item.items, path)


def item_at(plan: Plan, path: Path) -> Item:
    """The item at `path`; IndexError when there is none."""
    if not path:
        raise IndexError("an item's path has at least one index")
    items, item = plan.items, None
    for depth, i in enumerate(path):
        if not 0 <= i < len(items):
            raise IndexError(f"no item {i} at depth {depth} of path {path}")
        item = items[i]
        if isinstance(item, Repeat):
            items = item.items
        elif depth < len(path) - 1:
            raise IndexError(f"path {path} goes inside an interval")
    assert item is not None  # the path has at least one index
    return item


# --- changing one item ----------------------------------------------------------------------


def replace_item(plan: Plan, path: Path, item: Item) -> Edited:
    """`item` in place of the one at `path` (an edited interval, a block with a new count)."""
    item_at(plan, path)
    return _edited(_siblings(plan.items, path[:-1], lambda s: _put(s, path[-1], item)), path)


def set_count(plan: Plan, path: Path, count: int) -> Edited:
    """The repeat block at `path` done `count` times."""
    block = item_at(plan, path)
    if not isinstance(block, Repeat):
        raise EditError("only a repeat block has a count; this is an interval")
    return replace_item(plan, path, Repeat(count, block.items))


def wrap_in_repeat(plan: Plan, path: Path, count: int = 2) -> Edited:
    """The item at `path` inside a new repeat block, which is selected."""
    return replace_item(plan, path, Repeat(count, (item_at(plan, path),)))


def unwrap(plan: Plan, path: Path) -> Edited:
    """The items of the repeat block at `path` in its place, done once; the first is selected."""
    block = item_at(plan, path)
    if not isinstance(block, Repeat):
        raise EditError("only a repeat block can be unwrapped; this is an interval")
    i = path[-1]
    return _edited(
        _siblings(plan.items, path[:-1], lambda s: (*s[:i], *block.items, *s[i + 1 :])), path
    )


# --- adding and removing --------------------------------------------------------------------


def insert_after(plan: Plan, path: Path, item: Item) -> Edited:
    """`item` right after the one at `path`, at the same level, and selected."""
    item_at(plan, path)
    after = (*path[:-1], path[-1] + 1)
    return _edited(_siblings(plan.items, path[:-1], lambda s: _insert(s, after[-1], item)), after)


def duplicate(plan: Plan, path: Path) -> Edited:
    """A copy of the item at `path` right after it; the copy is selected."""
    return insert_after(plan, path, item_at(plan, path))


def add_repeat_after(plan: Plan, path: Path, count: int = 2, item: Item | None = None) -> Edited:
    """A new repeat block right after the item at `path`, selected.

    The block holds `item`, or else a copy of the nearest interval (the selected one, or
    the first inside the selected block), so its speed and incline are a start.
    """
    inside = item if item is not None else _first_interval(item_at(plan, path))
    return insert_after(plan, path, Repeat(count, (inside,)))


def delete(plan: Plan, path: Path) -> Edited:
    """The plan without the item at `path`; the item that took its place is selected.

    A repeat block left empty goes too (and so on up). The next item at the same level is
    selected, or the one before it when the deleted item was the last.
    """
    item_at(plan, path)
    gone = path
    while len(gone) > 1 and len(_block(plan, gone[:-1]).items) == 1:
        gone = gone[:-1]
    if len(gone) == 1 and len(plan.items) == 1:
        raise EditError(
            "a workout needs at least one interval: add another before deleting this one"
        )
    i, parent = gone[-1], gone[:-1]
    left = len(_block(plan, parent).items if parent else plan.items) - 1
    selected = gone if i < left else (*parent, i - 1)
    return _edited(_siblings(plan.items, parent, lambda s: (*s[:i], *s[i + 1 :])), selected)


# --- moving ---------------------------------------------------------------------------------


def move_up(plan: Plan, path: Path) -> Edited:
    """The item at `path` one step up, as the tree shows it.

    - Below an interval: the two swap places.
    - Below a repeat block: the item enters the block as its last item. When it cannot
      (the block's count would make the workout too long, or repeats would nest too deep),
      it moves past the block instead, so no block can trap it.
    - First in a block: it leaves the block, to just before it, one level up. A block left
      empty by that disappears.
    - First in the workout: EditError.

    move_down undoes move_up, except when a block disappeared.
    """
    return _move(plan, path, -1)


def move_down(plan: Plan, path: Path) -> Edited:
    """The item at `path` one step down: the mirror of move_up.

    - Above an interval: the two swap places.
    - Above a repeat block: the item enters the block as its first item (or, when it
      cannot, moves past the block).
    - Last in a block: it leaves the block, to just after it, one level up. A block left
      empty by that disappears.
    - Last in the workout: EditError.
    """
    return _move(plan, path, +1)


def _move(plan: Plan, path: Path, step: int) -> Edited:
    item = item_at(plan, path)
    i, parent = path[-1], path[:-1]
    siblings = _block(plan, parent).items if parent else plan.items
    j = i + step
    if not 0 <= j < len(siblings):
        if not parent:
            where = "first" if step < 0 else "last"
            raise EditError(f"this is the {where} item of the workout; it cannot move further")
        return _leave(plan, path, item, step)
    neighbour = siblings[j]
    if isinstance(neighbour, Repeat):
        try:
            return _enter(plan, path, item, neighbour, step)
        except EditError:
            pass  # hop over the block instead: that keeps every bound the plan kept
    swapped = _put(_put(siblings, i, neighbour), j, item)
    return _edited(_siblings(plan.items, parent, lambda _: swapped), (*parent, j))


def _enter(plan: Plan, path: Path, item: Item, block: Repeat, step: int) -> Edited:
    """The item moved into its neighbouring block: last in it from below, first from above."""
    i, parent = path[-1], path[:-1]
    inside = (*block.items, item) if step < 0 else (item, *block.items)
    at = min(i, i + step)  # where the block is once the item has left the list
    selected = (*parent, at, len(block.items) if step < 0 else 0)

    def entered(siblings: Items) -> Items:
        return _put((*siblings[:i], *siblings[i + 1 :]), at, Repeat(block.count, inside))

    return _edited(_siblings(plan.items, parent, entered), selected)


def _leave(plan: Plan, path: Path, item: Item, step: int) -> Edited:
    """The item moved out of its block, to just before (up) or after (down) it."""
    block = _block(plan, path[:-1])
    i, b, outer = path[-1], path[-2], path[:-2]
    rest = (*block.items[:i], *block.items[i + 1 :])
    if not rest:
        placed: Items = (item,)
    elif step < 0:
        placed = (item, Repeat(block.count, rest))
    else:
        placed = (Repeat(block.count, rest), item)
    selected = (*outer, b + 1) if step > 0 and rest else (*outer, b)
    return _edited(_siblings(plan.items, outer, lambda s: (*s[:b], *placed, *s[b + 1 :])), selected)


# --- checking -------------------------------------------------------------------------------


def check_plan(plan: Plan) -> None:
    """EditError unless the notation can write `plan` and read it back unchanged."""
    if not plan.items:
        raise EditError("expected at least one interval in the workout, got none")
    depth = nesting_depth(plan.items)
    if depth > MAX_NESTING:
        raise EditError(f"expected repeats nested at most {MAX_NESTING} deep, got {depth} deep")
    _check_items(plan.items)
    total = plan.total_seconds
    if total > MAX_PLAN_SECONDS:
        raise EditError(
            f"expected the whole workout to last at most {format_duration(MAX_PLAN_SECONDS)}, "
            f"got {format_duration(total)}"
        )


def _check_items(items: Items) -> None:
    for item in items:
        if isinstance(item, Interval):
            check_interval(item)
            continue
        if not MIN_REPEAT <= item.count <= MAX_REPEAT:
            raise EditError(
                f"expected a repeat count from {MIN_REPEAT} to {MAX_REPEAT}, got {item.count}"
            )
        if not item.items:
            raise EditError("expected at least one interval in a repeat block, got none")
        _check_items(item.items)


def check_interval(interval: Interval) -> None:
    """EditError unless the notation takes `interval` as it writes it.

    The notation itself judges, so the editor and the notation cannot disagree on a bound.
    """
    if interval.seconds < 0:  # format_duration has no way to write these
        raise EditError(
            f"expected an interval of {format_duration(MIN_INTERVAL_SECONDS)} to "
            f"{format_duration(MAX_INTERVAL_SECONDS)}, got {quoted(f'{interval.seconds}s')}"
        )
    try:
        parse(format_interval(interval))
    except NotationError as err:
        raise EditError(err.reason) from None


# --- helpers --------------------------------------------------------------------------------


def _edited(items: Items, selected: Path) -> Edited:
    plan = Plan(items)
    check_plan(plan)
    return Edited(plan, selected)


def _siblings(items: Items, parent: Path, change: Callable[[Items], Items]) -> Items:
    """`items` with `change` applied to the items of the block at `parent` (() = top level)."""
    if not parent:
        return change(items)
    i = parent[0]
    block = items[i]
    assert isinstance(block, Repeat)  # callers looked the path up with item_at first
    inner = Repeat(block.count, _siblings(block.items, parent[1:], change))
    return _put(items, i, inner)


def _block(plan: Plan, path: Path) -> Repeat:
    block = item_at(plan, path)
    assert isinstance(block, Repeat)  # the parent of an item is always a block
    return block


def _put(items: Items, i: int, item: Item) -> Items:
    return (*items[:i], item, *items[i + 1 :])


def _insert(items: Items, i: int, item: Item) -> Items:
    return (*items[:i], item, *items[i:])


def _first_interval(item: Item) -> Interval:
    while isinstance(item, Repeat):
        item = item.items[0]
    return item
