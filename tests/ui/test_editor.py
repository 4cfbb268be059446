"""The workout editor, driven by its keys: building a workout, every action, the form, the
notation line, undo and redo. Saving and leaving are in test_editor_files.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from backrun_tui.model.draft import State
from backrun_tui.model.kinds import Units
from backrun_tui.store import Config
from backrun_tui.ui.screens.home import HomeScreen
from backrun_tui.ui.widgets.plan_tree import PlanTree
from tests.ui.apps import make_app
from tests.ui.editor_helpers import (
    SIZE,
    START,
    TARGET,
    canonical,
    editor,
    error,
    fill,
    focus,
    new_workout,
    notation,
    open_home_entry,
    save,
    saved,
    select,
    settle,
    to_tree,
)

# --- building a workout -----------------------------------------------------------------------


async def test_build_a_workout_by_keys_alone_save_and_reopen(backrun_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await new_workout(pilot)
        assert notation(app) == "5m warmup"
        assert screen.draft.dirty
        # The warm-up at 5 km/h.
        await pilot.press("tab", "tab", "tab")  # kind, duration, speed
        await fill(pilot, "5")
        assert notation(app) == "5m warmup @5kph"
        # A backward minute after it, at 6 km/h and 2 %.
        await pilot.press("shift+tab", "shift+tab", "shift+tab", "a")
        await settle(pilot)
        assert screen.selected == (1,)
        await pilot.press("tab", "enter", "down", "enter")  # kind: back
        await settle(pilot)
        await pilot.press("tab")
        await fill(pilot, "1:00", "tab")
        await fill(pilot, "6", "tab")
        await fill(pilot, "2")
        assert notation(app) == "5m warmup @5kph, 1m back @6kph 2%"
        # Repeated six times.
        await to_tree(pilot)
        await pilot.press("r", "tab")
        await fill(pilot, "6")
        assert notation(app) == "5m warmup @5kph, 6x(1m back @6kph 2%)"
        # Two minutes forward at 9 km/h inside the block.
        await to_tree(pilot)
        await pilot.press("down", "a")
        await settle(pilot)
        assert screen.selected == (1, 1)
        await pilot.press("tab", "enter", "down", "enter", "tab")  # kind: fwd
        await fill(pilot, "2m", "tab")
        await fill(pilot, "9", "tab")
        await fill(pilot, "")
        # A cool-down after the block.
        await to_tree(pilot)
        await pilot.press("up", "up", "a")
        await settle(pilot)
        assert screen.selected == (2,)
        await pilot.press("tab", "enter", *["down"] * 4, "enter", "tab", "tab")
        await fill(pilot, "5")
        assert notation(app) == canonical(TARGET)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not screen.draft.dirty
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert saved() == {"New workout": canonical(TARGET)}
        await open_home_entry(pilot, "New workout")
        assert notation(app) == canonical(TARGET)
        assert not editor(app).draft.dirty


async def test_build_a_workout_by_typing_the_notation_line(backrun_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await new_workout(pilot)
        await focus(pilot, "name")
        await fill(pilot, "Six rounds")
        await focus(pilot, "notation")
        await fill(pilot, TARGET)
        assert notation(app) == canonical(TARGET)
        tree = editor(app).query_one(PlanTree)
        assert [str(n.label).split()[0] for n in tree.root.children] == ["warmup", "6×", "cooldown"]
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert saved() == {"Six rounds": canonical(TARGET)}
        await open_home_entry(pilot, "Six rounds")
        assert editor(app).draft.state == State("Six rounds", "", canonical(TARGET))


# --- every action on the selected item -------------------------------------------------------

ACTIONS = [
    # (select, keys, notation after, selected after)
    (
        (0,),
        "a",
        "5m warmup @5kph, 5m warmup @5kph, 2x(1m back @6kph, 2m fwd @9kph), 5m cooldown @5kph",
        (1,),
    ),
    (
        (1, 0),
        "a",
        "5m warmup @5kph, 2x(1m back @6kph, 1m back @6kph, 2m fwd @9kph), 5m cooldown @5kph",
        (1, 1),
    ),
    ((0,), "r", "2x(5m warmup @5kph), 2x(1m back @6kph, 2m fwd @9kph), 5m cooldown @5kph", (0,)),
    (
        (2,),
        "b",
        "5m warmup @5kph, 2x(1m back @6kph, 2m fwd @9kph), 5m cooldown @5kph, "
        "2x(5m cooldown @5kph)",
        (3,),
    ),
    (
        (1, 1),
        "d",
        "5m warmup @5kph, 2x(1m back @6kph, 2m fwd @9kph, 2m fwd @9kph), 5m cooldown @5kph",
        (1, 2),
    ),
    (
        (1,),
        "d",
        "5m warmup @5kph, 2x(1m back @6kph, 2m fwd @9kph), "
        "2x(1m back @6kph, 2m fwd @9kph), 5m cooldown @5kph",
        (2,),
    ),
    ((0,), "x", "2x(1m back @6kph, 2m fwd @9kph), 5m cooldown @5kph", (0,)),
    ((1, 0), "delete", "5m warmup @5kph, 2x(2m fwd @9kph), 5m cooldown @5kph", (1, 0)),
    ((2,), "K", "5m warmup @5kph, 2x(1m back @6kph, 2m fwd @9kph, 5m cooldown @5kph)", (1, 2)),
    ((0,), "J", "2x(5m warmup @5kph, 1m back @6kph, 2m fwd @9kph), 5m cooldown @5kph", (0, 0)),
    ((1, 0), "K", "5m warmup @5kph, 1m back @6kph, 2x(2m fwd @9kph), 5m cooldown @5kph", (1,)),
    ((1, 1), "J", "5m warmup @5kph, 2x(1m back @6kph), 2m fwd @9kph, 5m cooldown @5kph", (2,)),
    ((1, 0), "J", "5m warmup @5kph, 2x(2m fwd @9kph, 1m back @6kph), 5m cooldown @5kph", (1, 1)),
    ((1,), "plus", "5m warmup @5kph, 3x(1m back @6kph, 2m fwd @9kph), 5m cooldown @5kph", (1,)),
    ((1,), "minus", "5m warmup @5kph, 1x(1m back @6kph, 2m fwd @9kph), 5m cooldown @5kph", (1,)),
]


@pytest.mark.parametrize(("path", "key", "after", "selected"), ACTIONS)
async def test_each_action_on_the_selected_item(
    backrun_home: Path, path: tuple[int, ...], key: str, after: str, selected: tuple[int, ...]
) -> None:
    save("Start", START)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_home_entry(pilot, "Start")
        await select(pilot, path)
        await pilot.press(key)
        await settle(pilot)
        assert notation(app) == after
        assert editor(app).selected == selected
        tree = editor(app).query_one(PlanTree)
        assert tree.selected_path == selected
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert notation(app) == START
        assert saved() == {"Start": START}  # nothing saved until ctrl+s


async def test_refused_actions_change_nothing(backrun_home: Path) -> None:
    save("One", "99x(1s fwd)")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_home_entry(pilot, "One")
        refused = [((0,), "x"), ((0, 0), "delete"), ((0,), "K"), ((0,), "J"), ((0,), "plus")]
        for path, key in refused:
            await select(pilot, path)
            await pilot.press(key)
            await settle(pilot)
            assert notation(app) == "99x(1s fwd)"
        assert not editor(app).draft.can_undo


# --- the form --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("duration", "", "duration: expected a duration"),
        ("duration", "0", "duration: expected an interval of 1s to 6h"),
        ("duration", "-5", "duration: expected an interval of 1s to 6h"),
        ("duration", "abc", "duration: expected a duration"),
        ("duration", "25h", "duration: expected an interval of 1s to 6h"),
        ("duration", "5h", "whole workout to last at most 24h"),
        ("speed", "0", "speed:"),
        ("speed", "-3", "speed:"),
        ("speed", "fast", "speed: expected a speed above 0"),
        ("speed", "31", "speed:"),
        ("incline", "50", "incline:"),
        ("incline", "steep", "incline: expected an incline"),
        ("label", "x" * 81, "label: expected at most 80 characters"),
        ("count", "0", "repeat count:"),
        ("count", "100", "repeat count:"),
        ("count", "", "repeat count: expected a whole number from 1 to 99, got nothing"),
        ("count", "abc", "repeat count:"),
        ("name", "", "name: a workout needs a name"),
    ],
)
async def test_an_invalid_value_shows_its_message_and_changes_nothing(
    backrun_home: Path, field: str, text: str, message: str
) -> None:
    save("Hills", "5m warmup @5, 6x(1m back @6 2%, 2m fwd @9)")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_home_entry(pilot, "Hills")
        await select(pilot, (1,) if field == "count" else (1, 0))
        before = editor(app).draft.state
        await focus(pilot, field)
        await fill(pilot, text)
        assert message in error(app, field)
        await fill(pilot, text, "tab")  # leaving the field applies nothing either
        assert editor(app).draft.state == before
        assert not editor(app).draft.can_undo
        assert "Hills" in saved()


async def test_speed_in_miles_per_hour_when_the_units_are_imperial(backrun_home: Path) -> None:
    save("Hills", "5m warmup @5, 1m fwd @9")
    app = make_app(config=Config(weight_kg=70, get_ready_s=0, units=Units.IMPERIAL))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_home_entry(pilot, "Hills")
        await select(pilot, (1,))
        await focus(pilot, "speed")
        await fill(pilot, "19")
        assert "speed:" in error(app, "speed")
        assert notation(app) == "5m warmup @5kph, 1m fwd @9kph"
        await fill(pilot, "6")
        assert notation(app) == "5m warmup @5kph, 1m fwd @6mph"


async def test_a_valid_value_clears_the_message(backrun_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await new_workout(pilot)
        await focus(pilot, "duration")
        await fill(pilot, "abc")
        assert error(app, "duration")
        await fill(pilot, "1m30s")
        assert error(app, "duration") == ""
        assert notation(app) == "1m30s warmup"
        await fill(pilot, "90")
        assert notation(app) == "1m30s warmup"
        await fill(pilot, "2:05")
        assert notation(app) == "2m5s warmup"


# --- the notation line -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("", 1),
        ("0s warmup", 1),
        ("-1m rest", 1),
        ("5m bak @5", 4),
        ("25h rest", 1),
        ("1m fwd @31", 9),
        ("1m fwd 50%", 8),
        ("0x(1m rest)", 1),
        ("100x(1m rest)", 1),
        ("5x(6h rest)", 1),
        ("1m rest, ", 10),
    ],
)
async def test_an_invalid_notation_line_points_at_the_column(
    backrun_home: Path, text: str, column: int
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await new_workout(pilot)
        tree_before = [str(n.label) for n in screen.query_one(PlanTree).root.children]
        await focus(pilot, "notation")
        await fill(pilot, text)
        shown = error(app, "notation")
        assert shown.startswith(f"column {column}: ")
        line = screen.query_one("#notation-field", Input)
        assert line.value == text  # kept, to be fixed
        assert line.cursor_position == column - 1
        assert notation(app) == "5m warmup"
        assert [str(n.label) for n in screen.query_one(PlanTree).root.children] == tree_before
        assert not screen.draft.can_undo


async def test_the_notation_line_is_read_in_the_configured_units(backrun_home: Path) -> None:
    app = make_app(config=Config(weight_kg=70, get_ready_s=0, units=Units.IMPERIAL))
    async with app.run_test(size=SIZE) as pilot:
        await new_workout(pilot)
        await focus(pilot, "notation")
        await fill(pilot, "1m fwd @19")
        assert error(app, "notation").startswith("column 9: ")
        await fill(pilot, "1m fwd @6")
        assert notation(app) == "1m fwd @6mph"


# --- undo and redo ---------------------------------------------------------------------------


async def test_undo_after_ten_edits_returns_to_the_opened_workout(backrun_home: Path) -> None:
    save("Hills", START, "Up and down")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_home_entry(pilot, "Hills")
        screen = editor(app)
        opened = screen.draft.state
        await select(pilot, (0,))
        await pilot.press("a", "r", "plus", "d")
        await settle(pilot)
        await focus(pilot, "name")
        await fill(pilot, "Steep hills")
        await focus(pilot, "description")
        await fill(pilot, "Up, up")
        await select(pilot, (3, 1))
        await pilot.press("J")
        await settle(pilot)
        await focus(pilot, "duration")
        await fill(pilot, "3m")
        await focus(pilot, "notation")
        await fill(pilot, screen.draft.state.notation + ", 1m rest")
        await select(pilot, (0,))
        await pilot.press("x")
        await settle(pilot)
        final = screen.draft.state
        assert final.name == "Steep hills" and final.description == "Up, up"
        steps = 0
        while screen.draft.can_undo:
            await pilot.press("ctrl+z")
            await settle(pilot)
            steps += 1
        assert steps == 10
        assert screen.draft.state == opened
        assert screen.query_one("#name-field", Input).value == "Hills"
        assert screen.query_one("#notation-field", Input).value == START
        assert not screen.draft.dirty
        for _ in range(10):
            await pilot.press("ctrl+y")
            await settle(pilot)
        assert screen.draft.state == final
        assert screen.draft.dirty
