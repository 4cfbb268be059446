"""The workout editor, frozen, at the two sizes a treadmill laptop is likely to give."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from backrun_tui.model.notation import parse
from backrun_tui.model.plan import Workout
from backrun_tui.store import Paths
from backrun_tui.store.library import Library
from backrun_tui.ui.screens.editor import EditorScreen
from backrun_tui.ui.screens.home import HomeScreen
from tests.ui.apps import make_app

SIZES = [(120, 40), (80, 24)]
PLAN = '5m warmup @5, 6x(1m back @6 2% "push off the floor", 2m fwd @9), 5m cooldown @5'

SnapCompare = Callable[..., bool]


def editing(*keys: str, field: str | None = None) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Before the snapshot: open the saved workout, press `keys` (in `field`, if given)."""

    async def before(pilot: Pilot[None]) -> None:
        Library(Paths.default()).save_workout(
            Workout("Six rounds", parse(PLAN), "One minute backward, two forward.")
        )
        await pilot.pause()  # the home screen (the App's default screen) is composed
        home = pilot.app.screen
        assert isinstance(home, HomeScreen)
        home.refresh_workouts(select="Six rounds")
        await pilot.press("e")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, EditorScreen)
        for box in screen.query(Input):
            box.cursor_blink = False
        if field is not None:
            screen.query_one(f"#{field}-field").focus()
            await pilot.press("end", "ctrl+u")
        await pilot.press(*keys)
        await pilot.pause()
        await pilot.pause()

    return before


@pytest.mark.parametrize("size", SIZES)
def test_editor_in_a_repeat_block(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=editing("down", "down"))


@pytest.mark.parametrize("size", SIZES)
def test_editor_with_an_invalid_value(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    keys = editing("down", "down", "tab", "tab", "tab", "end", "ctrl+u", *"31", "enter")
    assert snap_compare(make_app(), terminal_size=size, run_before=keys)


@pytest.mark.parametrize("size", SIZES)
def test_editor_with_a_notation_error(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    keys = editing(*"5m warmup @5, 6x(1m bak @6)", "enter", field="notation")
    assert snap_compare(make_app(), terminal_size=size, run_before=keys)
