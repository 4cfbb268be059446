"""Every key binding of every screen is in the command palette, and runs from there."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen

from backrun_tui.clock import ManualClock
from backrun_tui.model.notation import parse
from backrun_tui.model.plan import Workout
from backrun_tui.store import Paths
from backrun_tui.store.library import Library
from backrun_tui.ui.app import BackrunApp
from backrun_tui.ui.commands import own_bindings
from backrun_tui.ui.screens.ask import ChangedOnDiskScreen, UnsavedScreen
from backrun_tui.ui.screens.confirm import ConfirmScreen
from backrun_tui.ui.screens.editor import EditorScreen
from backrun_tui.ui.screens.export import ExportScreen
from backrun_tui.ui.screens.finish import FinishScreen
from backrun_tui.ui.screens.history import HistoryScreen
from backrun_tui.ui.screens.home import HomeScreen
from backrun_tui.ui.screens.leave import LeaveScreen
from backrun_tui.ui.screens.progress import ProgressScreen
from backrun_tui.ui.screens.run import RunScreen
from backrun_tui.ui.screens.session_detail import SessionDetailScreen
from backrun_tui.ui.screens.settings import SettingsScreen
from tests.ui.apps import T0, make_app
from tests.ui.history_data import sample_sessions, write_sessions

Reach = Callable[[Pilot[None], ManualClock], Awaitable[None]]


async def at_home(pilot: Pilot[None], clock: ManualClock) -> None:
    assert isinstance(pilot.app.screen, HomeScreen)


async def running(pilot: Pilot[None], clock: ManualClock) -> None:
    assert isinstance(pilot.app.screen, RunScreen)


async def finished(pilot: Pilot[None], clock: ManualClock) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, RunScreen)
    clock.set(T0 + 200)
    screen.sync()
    await pilot.pause()
    assert isinstance(pilot.app.screen, FinishScreen)


async def asking(pilot: Pilot[None], clock: ManualClock) -> None:
    await pilot.press("q")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConfirmScreen)


async def in_settings(pilot: Pilot[None], clock: ManualClock) -> None:
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SettingsScreen)


async def leaving_settings(pilot: Pilot[None], clock: ManualClock) -> None:
    await in_settings(pilot, clock)
    pilot.app.screen.query_one("#sound-volume").focus()
    await pilot.press("backspace", "escape")
    await pilot.pause()
    assert isinstance(pilot.app.screen, LeaveScreen)


async def editing(pilot: Pilot[None], clock: ManualClock) -> None:
    await pilot.press("n")
    await pilot.pause()


async def leaving_unsaved(pilot: Pilot[None], clock: ManualClock) -> None:
    await editing(pilot, clock)
    await pilot.press("escape")  # a new workout is not saved yet
    await pilot.pause()


async def saving_over_a_change(pilot: Pilot[None], clock: ManualClock) -> None:
    library = Library(Paths.default())
    path = library.save_workout(Workout("Hills", parse("1m rest")))
    home = pilot.app.screen
    assert isinstance(home, HomeScreen)
    home.refresh_workouts(select="Hills")
    await pilot.press("e")
    await pilot.pause()
    path.write_text(path.read_text().replace("1m", "2m"))
    await pilot.press("ctrl+s")
    await pilot.pause()


async def in_history(pilot: Pilot[None], clock: ManualClock) -> None:
    write_sessions(sample_sessions())
    await pilot.press("h")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(pilot.app.screen, HistoryScreen)


async def in_detail(pilot: Pilot[None], clock: ManualClock) -> None:
    await in_history(pilot, clock)
    await pilot.press("enter")
    await pilot.pause()


async def exporting(pilot: Pilot[None], clock: ManualClock) -> None:
    await in_detail(pilot, clock)
    await pilot.press("x")
    await pilot.pause()


async def progress(pilot: Pilot[None], clock: ManualClock) -> None:
    await pilot.press("g")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    assert isinstance(pilot.app.screen, ProgressScreen)


#: Each screen, how to reach it, and whether the app starts on the run screen.
SCREENS: list[tuple[type[Screen[object]], Reach, bool]] = [
    (HomeScreen, at_home, False),
    (RunScreen, running, True),
    (FinishScreen, finished, True),
    (ConfirmScreen, asking, True),
    (SettingsScreen, in_settings, False),
    (LeaveScreen, leaving_settings, False),
    (EditorScreen, editing, False),
    (UnsavedScreen, leaving_unsaved, False),
    (ChangedOnDiskScreen, saving_over_a_change, False),
    (HistoryScreen, in_history, False),
    (SessionDetailScreen, in_detail, False),
    (ExportScreen, exporting, False),
    (ProgressScreen, progress, False),
]


#: Keys that bring a screen to the state where a binding applies (Resume shows when paused).
STATE_KEYS = {"resume": "space", "unmute": "m"}


def cases() -> list[tuple[type[Screen[object]], Reach, bool, Binding]]:
    found = []
    for screen_class, reach, runs in SCREENS:
        screen = screen_class.__new__(screen_class)  # only its class's bindings are read
        found += [(screen_class, reach, runs, b) for b in own_bindings(screen)]
    return found


def test_every_screen_module_is_covered() -> None:
    import backrun_tui.ui.screens as package
    from backrun_tui.ui.screens.base import BackrunScreen

    declared = {
        cls
        for cls in [*BackrunScreen.__subclasses__(), ConfirmScreen, LeaveScreen, ExportScreen]
        if cls.__module__.startswith(package.__name__)
    }
    assert declared <= {screen for screen, _reach, _runs in SCREENS}


@pytest.mark.parametrize(
    ("screen_class", "reach", "runs", "binding"),
    cases(),
    ids=lambda value: value.action if isinstance(value, Binding) else None,
)
async def test_the_binding_is_in_the_palette(
    backrun_home: object,
    screen_class: type[Screen[object]],
    reach: Reach,
    runs: bool,
    binding: Binding,
) -> None:
    clock = ManualClock(T0)
    app: BackrunApp = make_app("1m back @6, 1m fwd @9" if runs else None, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await reach(pilot, clock)
        assert isinstance(app.screen, screen_class)
        if binding.action in STATE_KEYS:
            await pilot.press(STATE_KEYS[binding.action])
            await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)
        listed = [str(option.prompt) for option in app.screen.query_one(CommandList).options]
        title = binding.tooltip or binding.description
        assert any(title in entry for entry in listed), (title, listed)
