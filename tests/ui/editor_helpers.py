"""What the editor tests share: saved workouts, the editor on top, and keys to drive it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static

from backrun_tui.model.notation import format_plan, parse
from backrun_tui.model.plan import Workout
from backrun_tui.store import Paths
from backrun_tui.store.library import Library
from backrun_tui.store.workouts import load_saved
from backrun_tui.ui.app import BackrunApp
from backrun_tui.ui.screens.editor import EditorScreen
from backrun_tui.ui.screens.home import HomeScreen
from backrun_tui.ui.widgets.plan_tree import PlanTree

SIZE = (120, 40)
START = "5m warmup @5kph, 2x(1m back @6kph, 2m fwd @9kph), 5m cooldown @5kph"
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
