"""The workout editor, driven by its keys: every action, the form, the notation line,
undo and redo, saving (conflicts and name clashes included) and leaving."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from backrun_tui.model.draft import State
from backrun_tui.model.kinds import Units
from backrun_tui.model.notation import format_plan, parse
from backrun_tui.model.plan import Workout
from backrun_tui.store import Config, Paths
from backrun_tui.store.library import Library
from backrun_tui.store.workouts import builtin_workouts, load_saved
from backrun_tui.ui.app import BackrunApp
from backrun_tui.ui.screens.ask import ChangedOnDiskScreen, UnsavedScreen
from backrun_tui.ui.screens.confirm import ConfirmScreen
from backrun_tui.ui.screens.editor import EditorScreen
from backrun_tui.ui.screens.home import HomeScreen
from backrun_tui.ui.screens.run import RunScreen
from backrun_tui.ui.widgets.plan_tree import PlanTree
from tests.ui.apps import make_app

SIZE = (120, 40)
TARGET = "5m warmup @5, 6x(1m back @6 2%, 2m fwd @9), 5m cooldown @5"


def library() -> Library:
    return Library(Paths.default())


def save(name: str, notation: str, description: str = "") -> Path:
    return library().save_workout(Workout(name, parse(notation), description))


def saved() -> dict[str, str]:
    """Every saved workout's name and plan, as on disk."""
    entries, problems = load_saved(Paths.default().workouts_dir)
    assert problems == []
    return {e.workout.name: format_plan(e.workout.plan) for e in entries}


def notices(app: BackrunApp) -> list[str]:
    """From now on, every notice the app shows, in words."""
    seen: list[str] = []
    show = app.notify

    def notify(message: str, *args: Any, **kwargs: Any) -> None:
        seen.append(message)
        show(message, *args, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    return seen


def editor(app: BackrunApp) -> EditorScreen:
    screen = app.screen
    assert isinstance(screen, EditorScreen), screen
    return screen


def notation(app: BackrunApp) -> str:
    return editor(app).draft.state.notation


def canonical(text: str) -> str:
    return format_plan(parse(text))


def error(app: BackrunApp, name: str) -> str:
    shown = editor(app).query_one(f"#{name}-error", Static)
    return str(shown.render()) if shown.has_class("-shown") else ""


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.pause()


async def fill(pilot: Pilot[None], text: str, submit: str = "enter") -> None:
    """Replace the focused field's text by typing, then press `submit`."""
    await pilot.press("end", "ctrl+u", *text, submit)
    await settle(pilot)


async def open_home_entry(pilot: Pilot[None], name: str, key: str = "e") -> None:
    """Select the workout called `name` on the home screen and press `key`."""
    home = pilot.app.screen
    assert isinstance(home, HomeScreen)
    home.refresh_workouts(select=name)
    await settle(pilot)
    assert home.selected is not None and home.selected.workout.name == name
    await pilot.press(key)
    await settle(pilot)


async def new_workout(pilot: Pilot[None]) -> EditorScreen:
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    return editor(pilot.app)  # type: ignore[arg-type]


async def focus(pilot: Pilot[None], field: str) -> None:
    pilot.app.screen.query_one(f"#{field}-field").focus()
    await settle(pilot)


async def to_tree(pilot: Pilot[None]) -> None:
    pilot.app.screen.query_one(PlanTree).focus()
    await settle(pilot)


async def select(pilot: Pilot[None], path: tuple[int, ...]) -> None:
    """Move the tree's cursor to the item at `path` with the arrow keys."""
    screen = editor(pilot.app)  # type: ignore[arg-type]
    await to_tree(pilot)
    for _ in range(50):
        if screen.selected == path:
            return
        await pilot.press("up" if screen.selected > path else "down")
        await settle(pilot)
    raise AssertionError(f"could not select {path}, at {screen.selected}")


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

START = "5m warmup @5kph, 2x(1m back @6kph, 2m fwd @9kph), 5m cooldown @5kph"

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


# --- saving ----------------------------------------------------------------------------------


async def test_a_file_changed_under_the_editor_is_not_overwritten(backrun_home: Path) -> None:
    path = save("Hills", START)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_home_entry(pilot, "Hills")
        await select(pilot, (1,))
        await pilot.press("plus")
        await settle(pilot)
        mine = notation(app)
        save("Hills", "9m rest")  # another backrun saves the same workout meanwhile
        theirs = path.read_bytes()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ChangedOnDiskScreen)
        assert path.read_bytes() == theirs
        await pilot.press("escape")  # stay: nothing is written
        await settle(pilot)
        assert path.read_bytes() == theirs and editor(app).draft.dirty
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("r")  # reload theirs; undo brings mine back
        await settle(pilot)
        assert notation(app) == "9m rest"
        assert not editor(app).draft.dirty
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert notation(app) == mine
        await pilot.press("ctrl+s")  # the file is what was reloaded: no question
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        assert saved() == {"Hills": mine}


async def test_overwriting_a_changed_file(backrun_home: Path) -> None:
    path = save("Hills", START)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_home_entry(pilot, "Hills")
        await select(pilot, (1,))
        await pilot.press("plus")
        await settle(pilot)
        mine = notation(app)
        path.write_text(path.read_text().replace("2x(", "4x("))  # a text editor's change
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ChangedOnDiskScreen)
        await pilot.press("o")
        await settle(pilot)
        assert saved() == {"Hills": mine}
        assert not editor(app).draft.dirty


async def test_two_app_instances_editing_one_workout(backrun_home: Path) -> None:
    save("Hills", START)
    first, second = make_app(), make_app()
    async with first.run_test(size=SIZE) as one, second.run_test(size=SIZE) as two:
        await settle(one)
        await settle(two)
        await open_home_entry(one, "Hills")
        await open_home_entry(two, "Hills")
        await select(one, (1,))
        await select(two, (1,))
        await one.press("plus", "ctrl+s")
        await settle(one)
        assert saved() == {"Hills": START.replace("2x(", "3x(")}
        await two.press("minus", "ctrl+s")
        await settle(two)
        assert isinstance(second.screen, ChangedOnDiskScreen)
        assert saved() == {"Hills": START.replace("2x(", "3x(")}


async def test_a_name_another_workout_has_is_refused(backrun_home: Path) -> None:
    save("Hills", START)
    save("Flat", "30m fwd @9")
    builtin = builtin_workouts()[0].workout.name
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_home_entry(pilot, "Flat")
        for taken in ("Hills", builtin):
            await focus(pilot, "name")
            await fill(pilot, taken)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert f'already called "{taken}"' in error(app, "name")
            assert saved() == {"Hills": canonical(START), "Flat": "30m fwd @9kph"}
        await fill(pilot, "Flat and fast")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert saved() == {"Hills": canonical(START), "Flat and fast": "30m fwd @9kph"}
        assert len(list(Paths.default().workouts_dir.iterdir())) == 2  # renamed in place


async def test_save_applies_the_value_being_typed(backrun_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await new_workout(pilot)
        await focus(pilot, "duration")
        await pilot.press("end", "ctrl+u", *"7m", "ctrl+s")
        await settle(pilot)
        assert saved() == {"New workout": "7m warmup"}


# --- leaving and starting --------------------------------------------------------------------


async def test_leaving_with_unsaved_changes_asks(backrun_home: Path) -> None:
    save("Hills", START)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_home_entry(pilot, "Hills")
        await select(pilot, (1,))
        await pilot.press("plus", "escape")
        await settle(pilot)
        assert isinstance(app.screen, UnsavedScreen)
        await pilot.press("escape")  # stay
        await settle(pilot)
        assert notation(app) == START.replace("2x(", "3x(")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("d")  # discard
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert saved() == {"Hills": START}
        await open_home_entry(pilot, "Hills")
        await select(pilot, (1,))
        await pilot.press("plus", "escape")
        await settle(pilot)
        await pilot.press("s")  # save
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert saved() == {"Hills": START.replace("2x(", "3x(")}


async def test_leaving_without_changes_does_not_ask(backrun_home: Path) -> None:
    save("Hills", START)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_home_entry(pilot, "Hills")
        await select(pilot, (1,))
        await pilot.press("plus", "minus", "escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_start_from_the_editor_saves_first(backrun_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await new_workout(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, RunScreen)
        assert app.screen.session.plan == parse("5m warmup")
        assert saved() == {"New workout": "5m warmup"}


async def test_a_new_workout_whose_name_is_taken_is_not_started(backrun_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await new_workout(pilot)
        await focus(pilot, "name")
        await fill(pilot, builtin_workouts()[0].workout.name)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        assert saved() == {}


# --- from home: edit, new, copy, delete ------------------------------------------------------


async def test_edit_on_a_built_in_workout_opens_a_copy(backrun_home: Path) -> None:
    preset = builtin_workouts()[0].workout
    app = make_app()
    told = notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_home_entry(pilot, preset.name)
        screen = editor(app)
        assert screen.draft.state.name == f"{preset.name} (copy)"
        assert screen.draft.state.notation == format_plan(preset.plan)
        assert screen.draft.dirty
        assert any("cannot be changed" in notice for notice in told)
        await pilot.press("ctrl+s", "escape")
        await settle(pilot)
        assert saved() == {f"{preset.name} (copy)": format_plan(preset.plan)}
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert home.selected is not None and home.selected.workout.name == f"{preset.name} (copy)"


async def test_copy_a_saved_workout(backrun_home: Path) -> None:
    save("Hills", START)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_home_entry(pilot, "Hills", "c")
        await pilot.press("ctrl+s", "escape")
        await settle(pilot)
        assert saved() == {"Hills": START, "Hills (copy)": START}


async def test_delete_moves_a_saved_workout_to_the_trash(backrun_home: Path) -> None:
    path = save("Hills", START)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_home_entry(pilot, "Hills", "d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert path.exists()
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert not path.exists()
        trashed = list(Paths.default().trash_dir.iterdir())
        assert [p.name.split(".")[0] for p in trashed] == [path.stem]
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert "Hills" not in [e.workout.name for e in home.entries]


async def test_a_built_in_workout_cannot_be_deleted(backrun_home: Path) -> None:
    preset = builtin_workouts()[0].workout
    app = make_app()
    told = notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_home_entry(pilot, preset.name, "d")
        assert isinstance(app.screen, HomeScreen)
        assert any("cannot be deleted" in notice for notice in told)
        assert not Paths.default().trash_dir.exists()


async def test_the_mouse_selects_an_item_and_runs_a_footer_key(backrun_home: Path) -> None:
    from textual.widgets._footer import FooterKey

    save("Start", START)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_home_entry(pilot, "Start")
        screen = editor(app)
        await pilot.click(PlanTree, offset=(8, 3))  # inside the border: the third row
        await settle(pilot)
        assert screen.selected == (1, 0)
        add = next(key for key in screen.query(FooterKey) if key.action == "add")
        await pilot.click(add)
        await settle(pilot)
        assert notation(app) == (
            "5m warmup @5kph, 2x(1m back @6kph, 1m back @6kph, 2m fwd @9kph), 5m cooldown @5kph"
        )
