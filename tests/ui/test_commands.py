"""Every key binding of every screen is in the command palette, and runs from there."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen

from backrun_tui.clock import ManualClock
from backrun_tui.ui.app import BackrunApp
from backrun_tui.ui.commands import own_bindings
from backrun_tui.ui.screens.confirm import ConfirmScreen
from backrun_tui.ui.screens.finish import FinishScreen
from backrun_tui.ui.screens.home import HomeScreen
from backrun_tui.ui.screens.progress import ProgressScreen
from backrun_tui.ui.screens.run import RunScreen
from tests.ui.apps import T0, make_app

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
        for cls in [*BackrunScreen.__subclasses__(), ConfirmScreen]
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
