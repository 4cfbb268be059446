"""The editor's operations on a plan, each on a small plan written in notation.

Random plans and operation sequences are in test_edit_properties.py."""

from __future__ import annotations

import pytest

from backrun_tui.model.edit import (
    NEW_PLAN,
    Edited,
    EditError,
    Path,
    Row,
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
from backrun_tui.model.kinds import Kind, SpeedUnit
from backrun_tui.model.notation import format_plan, parse
from backrun_tui.model.plan import MAX_NESTING, Interval, Item, Plan, Repeat, Speed

PLAN = parse("5m warmup, 3x(1m back, 2m fwd), 5m cooldown")
#: Deepest allowed: MAX_NESTING repeats inside each other.
DEEP = "2x(" * MAX_NESTING + "1s rest" + ")" * MAX_NESTING


def edited(result: Edited) -> tuple[str, Path]:
    """An edit's result as notation, so expectations read like what the user sees."""
    return format_plan(result.plan), result.selected


def interval(text: str) -> Item:
    (item,) = parse(text).items
    return item


def refused(message: str) -> pytest.RaisesExc[EditError]:
    return pytest.raises(EditError, match=message)


# --- addressing -----------------------------------------------------------------------------


def test_rows_list_a_block_before_its_items_with_their_depth() -> None:
    listed = [(row.path, row.depth, format_plan(Plan((row.item,)))) for row in rows(PLAN)]
    assert listed == [
        ((0,), 0, "5m warmup"),
        ((1,), 0, "3x(1m back, 2m fwd)"),
        ((1, 0), 1, "1m back"),
        ((1, 1), 1, "2m fwd"),
        ((2,), 0, "5m cooldown"),
    ]


def test_rows_of_nested_blocks() -> None:
    plan = parse("2x(3x(1m back), 1m rest)")
    assert [(row.path, row.depth) for row in rows(plan)] == [
        ((0,), 0),
        ((0, 0), 1),
        ((0, 0, 0), 2),
        ((0, 1), 1),
    ]
    assert rows(plan)[2] == Row((0, 0, 0), 2, interval("1m back"))


def test_item_at_follows_the_path() -> None:
    assert item_at(PLAN, (1, 1)) == interval("2m fwd")
    assert item_at(PLAN, (1,)) == interval("3x(1m back, 2m fwd)")
    for row in rows(PLAN):
        assert item_at(PLAN, row.path) is row.item


@pytest.mark.parametrize("path", [(), (3,), (-1,), (1, 2), (0, 0), (1, 0, 0)])
def test_a_path_to_no_item_is_the_caller_s_mistake(path: Path) -> None:
    with pytest.raises(IndexError):
        item_at(PLAN, path)
    with pytest.raises(IndexError):
        delete(PLAN, path)


def test_a_new_workout_is_one_valid_warm_up() -> None:
    assert format_plan(NEW_PLAN) == "5m warmup"
    check_plan(NEW_PLAN)


# --- changing one item ----------------------------------------------------------------------


def test_replace_an_interval() -> None:
    new = interval('90s back @6.5kph 2% "push"')
    result = replace_item(PLAN, (1, 0), new)
    assert edited(result) == (
        '5m warmup, 3x(1m30s back @6.5kph 2% "push", 2m fwd), 5m cooldown',
        (1, 0),
    )
    assert format_plan(PLAN) == "5m warmup, 3x(1m back, 2m fwd), 5m cooldown"


@pytest.mark.parametrize(
    ("item", "message"),
    [
        (Interval(Kind.REST, 0), r'expected an interval of 1s to 6h, got "0s"'),
        (Interval(Kind.REST, -3), r'expected an interval of 1s to 6h, got "-3s"'),
        (Interval(Kind.REST, 6 * 3600 + 1), r'expected an interval of 1s to 6h, got "6h1s"'),
        (
            Interval(Kind.REST, 60, Speed(31, SpeedUnit.KPH)),
            r'at most 30 km/h \(18.6 mph\), got "31kph"',
        ),
        (Interval(Kind.REST, 60, Speed(19, SpeedUnit.MPH)), r'got "19mph"'),
        (Interval(Kind.REST, 60, Speed(0, SpeedUnit.KPH)), r"expected a speed above 0"),
        (Interval(Kind.REST, 60, incline_pct=50), r'from -10% to 40%, got "50%"'),
        (Interval(Kind.REST, 60, label="a\nb"), r"got a control character \(U\+000A\)"),
        (Repeat(2, ()), r"expected at least one interval in a repeat block, got none"),
        (Repeat(0, (Interval(Kind.REST, 60),)), r"expected a repeat count from 1 to 99, got 0"),
    ],
)
def test_replace_refuses_what_the_notation_refuses(item: Item, message: str) -> None:
    with refused(message):
        replace_item(PLAN, (1, 0), item)
    with refused(message):
        insert_after(PLAN, (0,), item)


def test_set_count_of_a_block() -> None:
    assert edited(set_count(PLAN, (1,), 8)) == (
        "5m warmup, 8x(1m back, 2m fwd), 5m cooldown",
        (1,),
    )


@pytest.mark.parametrize("count", [0, 100])
def test_set_count_stays_within_1_to_99(count: int) -> None:
    with refused(f"expected a repeat count from 1 to 99, got {count}"):
        set_count(PLAN, (1,), count)


def test_set_count_keeps_the_whole_workout_within_24h() -> None:
    plan = parse("2x(6h rest), 6h rest")
    assert edited(set_count(plan, (0,), 3)) == ("3x(6h rest), 6h rest", (0,))
    with refused("expected the whole workout to last at most 24h, got 30h"):
        set_count(plan, (0,), 4)


def test_set_count_of_an_interval_makes_no_sense() -> None:
    with refused("only a repeat block has a count"):
        set_count(PLAN, (0,), 2)


def test_wrap_in_repeat() -> None:
    assert edited(wrap_in_repeat(PLAN, (1, 1))) == (
        "5m warmup, 3x(1m back, 2x(2m fwd)), 5m cooldown",
        (1, 1),
    )
    assert edited(wrap_in_repeat(PLAN, (0,), 4)) == (
        "4x(5m warmup), 3x(1m back, 2m fwd), 5m cooldown",
        (0,),
    )


def test_wrap_in_repeat_respects_nesting_and_length() -> None:
    with refused(f"expected repeats nested at most {MAX_NESTING} deep, got {MAX_NESTING + 1}"):
        wrap_in_repeat(parse(DEEP), (0,))
    with refused("expected the whole workout to last at most 24h, got 24h1s"):
        wrap_in_repeat(parse("6h rest, 6h rest, 6h rest, 1s rest"), (0,))


def test_unwrap_puts_a_block_s_items_in_its_place_once() -> None:
    assert edited(unwrap(PLAN, (1,))) == ("5m warmup, 1m back, 2m fwd, 5m cooldown", (1,))
    with refused("only a repeat block can be unwrapped"):
        unwrap(PLAN, (0,))


# --- adding and removing --------------------------------------------------------------------


def test_insert_after_at_the_same_level() -> None:
    rest = interval("30s rest")
    assert edited(insert_after(PLAN, (1, 1), rest)) == (
        "5m warmup, 3x(1m back, 2m fwd, 30s rest), 5m cooldown",
        (1, 2),
    )
    assert edited(insert_after(PLAN, (1,), rest)) == (
        "5m warmup, 3x(1m back, 2m fwd), 30s rest, 5m cooldown",
        (2,),
    )


def test_insert_inside_a_block_counts_once_per_round() -> None:
    plan = parse("3x(2h rest), 1h rest")
    assert edited(insert_after(plan, (0, 0), interval("4h rest"))) == (
        "3x(2h rest, 4h rest), 1h rest",
        (0, 1),
    )
    with refused("expected the whole workout to last at most 24h, got 25h"):
        insert_after(plan, (0, 0), interval("6h rest"))


def test_duplicate_puts_a_copy_right_after() -> None:
    assert edited(duplicate(PLAN, (1,))) == (
        "5m warmup, 3x(1m back, 2m fwd), 3x(1m back, 2m fwd), 5m cooldown",
        (2,),
    )
    assert edited(duplicate(PLAN, (1, 0))) == (
        "5m warmup, 3x(1m back, 1m back, 2m fwd), 5m cooldown",
        (1, 1),
    )


def test_duplicate_refused_past_24h() -> None:
    with refused("expected the whole workout to last at most 24h, got 30h"):
        duplicate(parse("6h rest, 6h rest, 6h rest, 6h rest"), (0,))


def test_add_repeat_after_holds_a_copy_of_the_nearest_interval() -> None:
    assert edited(add_repeat_after(PLAN, (0,))) == (
        "5m warmup, 2x(5m warmup), 3x(1m back, 2m fwd), 5m cooldown",
        (1,),
    )
    assert edited(add_repeat_after(PLAN, (1,), count=4)) == (
        "5m warmup, 3x(1m back, 2m fwd), 4x(1m back), 5m cooldown",
        (2,),
    )


def test_add_repeat_after_with_a_given_interval() -> None:
    result = add_repeat_after(PLAN, (2,), 6, interval("1m fwd @9"))
    assert edited(result) == (
        "5m warmup, 3x(1m back, 2m fwd), 5m cooldown, 6x(1m fwd @9kph)",
        (3,),
    )


def test_delete_selects_the_next_item_or_else_the_one_before() -> None:
    assert edited(delete(PLAN, (0,))) == ("3x(1m back, 2m fwd), 5m cooldown", (0,))
    assert edited(delete(PLAN, (1, 0))) == ("5m warmup, 3x(2m fwd), 5m cooldown", (1, 0))
    assert edited(delete(PLAN, (1, 1))) == ("5m warmup, 3x(1m back), 5m cooldown", (1, 0))
    assert edited(delete(PLAN, (2,))) == ("5m warmup, 3x(1m back, 2m fwd)", (1,))
    assert edited(delete(PLAN, (1,))) == ("5m warmup, 5m cooldown", (1,))


def test_a_block_emptied_by_delete_goes_with_its_last_item() -> None:
    plan = parse("1m rest, 2x(3x(1m back)), 2m fwd")
    assert edited(delete(plan, (1, 0, 0))) == ("1m rest, 2m fwd", (1,))
    plan = parse("2x(1m rest, 3x(1m back))")
    assert edited(delete(plan, (0, 1, 0))) == ("2x(1m rest)", (0, 0))


def test_the_last_interval_of_a_workout_stays() -> None:
    for plan, path in [(NEW_PLAN, (0,)), (parse("2x(3x(1m back))"), (0, 0, 0))]:
        with refused("a workout needs at least one interval"):
            delete(plan, path)
    with refused("a workout needs at least one interval"):
        delete(parse("2x(1m back)"), (0,))


# --- moving ---------------------------------------------------------------------------------


def test_moving_swaps_with_a_neighbouring_interval() -> None:
    plan = parse("1m back, 2m fwd, 3m rest")
    assert edited(move_up(plan, (1,))) == ("2m fwd, 1m back, 3m rest", (0,))
    assert edited(move_down(plan, (1,))) == ("1m back, 3m rest, 2m fwd", (2,))
    assert edited(move_up(PLAN, (1, 1))) == ("5m warmup, 3x(2m fwd, 1m back), 5m cooldown", (1, 0))


def test_moving_up_from_below_a_block_enters_it_as_its_last_item() -> None:
    assert edited(move_up(PLAN, (2,))) == ("5m warmup, 3x(1m back, 2m fwd, 5m cooldown)", (1, 2))


def test_moving_down_from_above_a_block_enters_it_as_its_first_item() -> None:
    assert edited(move_down(PLAN, (0,))) == ("3x(5m warmup, 1m back, 2m fwd), 5m cooldown", (0, 0))


def test_moving_past_a_block_s_edge_leaves_it_one_level_up() -> None:
    assert edited(move_up(PLAN, (1, 0))) == ("5m warmup, 1m back, 3x(2m fwd), 5m cooldown", (1,))
    assert edited(move_down(PLAN, (1, 1))) == ("5m warmup, 3x(1m back), 2m fwd, 5m cooldown", (2,))


def test_moving_enters_and_leaves_nested_blocks_one_level_at_a_time() -> None:
    plan = parse("2x(3x(1m back)), 1m rest")
    first = move_up(plan, (1,))
    assert edited(first) == ("2x(3x(1m back), 1m rest)", (0, 1))
    second = move_up(first.plan, first.selected)
    assert edited(second) == ("2x(3x(1m back, 1m rest))", (0, 0, 1))
    back = move_down(second.plan, second.selected)
    assert edited(back) == edited(first)


def test_moving_the_only_item_out_of_a_block_dissolves_the_block() -> None:
    plan = parse("1m rest, 2x(1m back), 2m fwd")
    assert edited(move_up(plan, (1, 0))) == ("1m rest, 1m back, 2m fwd", (1,))
    assert edited(move_down(plan, (1, 0))) == ("1m rest, 1m back, 2m fwd", (1,))


def test_a_block_that_cannot_take_the_item_is_moved_past() -> None:
    # Inside the 2x block the 6h rest would count twice: 30h.
    plan = parse("6h rest, 6h rest, 6h rest, 2x(1m back)")
    assert edited(move_down(plan, (2,))) == ("6h rest, 6h rest, 2x(1m back), 6h rest", (3,))
    assert edited(move_up(parse("2x(1m back), 6h rest, 6h rest, 6h rest"), (1,))) == (
        "6h rest, 2x(1m back), 6h rest, 6h rest",
        (0,),
    )
    # A block already nested as deep as allowed cannot go into another.
    deep = parse(f"2x(1m rest), {DEEP}")
    assert edited(move_up(deep, (1,))) == (f"{DEEP}, 2x(1m rest)", (0,))
    assert edited(move_down(parse(f"{DEEP}, 2x(1m rest)"), (0,))) == (
        f"2x(1m rest), {DEEP}",
        (1,),
    )


def test_moving_stops_at_the_ends_of_the_workout() -> None:
    with refused("this is the first item of the workout; it cannot move further"):
        move_up(PLAN, (0,))
    with refused("this is the last item of the workout; it cannot move further"):
        move_down(PLAN, (2,))


def test_move_down_undoes_move_up() -> None:
    for row in rows(PLAN):
        try:
            up = move_up(PLAN, row.path)
        except EditError:
            continue
        assert move_down(up.plan, up.selected) == Edited(PLAN, row.path)


# --- checking -------------------------------------------------------------------------------


def test_check_plan_refuses_an_empty_workout() -> None:
    with refused("expected at least one interval in the workout, got none"):
        check_plan(Plan(()))


def test_errors_read_as_one_plain_line() -> None:
    with pytest.raises(EditError) as caught:
        set_count(PLAN, (1,), 100)
    message = str(caught.value)
    assert "\n" not in message
    assert "Repeat(" not in message
    assert "column" not in message
