"""The workout editor and its files: saving (conflicts and name clashes included), leaving,
starting, and the home screen's edit, new, copy and delete."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from backrun_tui.model.notation import format_plan, parse
from backrun_tui.store import Paths
from backrun_tui.store.workouts import builtin_workouts
from backrun_tui.ui.app import BackrunApp
from backrun_tui.ui.screens.ask import ChangedOnDiskScreen, UnsavedScreen
from backrun_tui.ui.screens.confirm import ConfirmScreen
from backrun_tui.ui.screens.editor import EditorScreen
from backrun_tui.ui.screens.home import HomeScreen
from backrun_tui.ui.screens.run import RunScreen
from backrun_tui.ui.widgets.plan_tree import PlanTree
from tests.ui.apps import make_app
from tests.ui.editor_helpers import (
    SIZE,
    START,
    canonical,
    editor,
    error,
    fill,
    focus,
    new_workout,
    notation,
    notices,
    open_home_entry,
    save,
    saved,
    select,
    settle,
)

# --- saving ----------------------------------------------------------------------------------


async def open_the_block_of_hills(pilot: Pilot[None]) -> None:
    """Open the saved workout "Hills" in the editor, its block of rounds selected."""
    await settle(pilot)
    await open_home_entry(pilot, "Hills")
    await select(pilot, (1,))


async def one_more_round_of_hills(app: BackrunApp, pilot: Pilot[None]) -> str:
    """Give the block of "Hills" one more round, not saved yet; the notation it then has."""
    await open_the_block_of_hills(pilot)
    await pilot.press("plus")
    await settle(pilot)
    return notation(app)


async def test_a_file_changed_under_the_editor_is_not_overwritten(backrun_home: Path) -> None:
    path = save("Hills", START)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        mine = await one_more_round_of_hills(app, pilot)
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
        mine = await one_more_round_of_hills(app, pilot)
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
        await open_the_block_of_hills(pilot)
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
        await open_the_block_of_hills(pilot)
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
        await open_the_block_of_hills(pilot)
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
