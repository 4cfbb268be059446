"""Themes: tried out on the settings form and put back on discard, saved from the form or
from the command palette's list, used at start, and an unknown one named."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.widgets import Static

from backrun_tui.clock import ManualClock
from backrun_tui.store import Config, Paths
from backrun_tui.store.library import Library
from backrun_tui.ui.app import BackrunApp
from tests.ui.apps import T0, FrozenWall, RecordedCues, app_over_file
from tests.ui.settings_helpers import choose, open_settings, saved_file


async def test_the_theme_is_shown_at_once_and_put_back_on_discard(backrun_home: Path) -> None:
    app = app_over_file(backrun_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_settings(pilot)
        assert app.theme == "backrun-dark"
        await choose(pilot, "theme", "backrun-high-contrast")
        assert app.theme == "backrun-high-contrast"
        assert app.config.theme == "backrun-dark"
        await pilot.press("escape", "d")
        await pilot.pause()
        assert app.theme == "backrun-dark"
        await open_settings(pilot)
        await choose(pilot, "theme", "nord")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.theme == "nord" and app.config.theme == "nord"
        await choose(pilot, "theme", "backrun-high-contrast")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.theme == "backrun-high-contrast"
    assert saved_file(backrun_home) == {"theme": "backrun-high-contrast"}


async def test_the_saved_theme_is_used_at_start(backrun_home: Path) -> None:
    app = app_over_file(backrun_home, 'theme = "backrun-high-contrast"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme == "backrun-high-contrast"


async def test_an_unknown_theme_is_a_named_problem_and_the_default_is_used(
    backrun_home: Path,
) -> None:
    app = app_over_file(backrun_home, 'theme = "high-contrast"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_settings(pilot)
        assert app.theme == "backrun-dark"
        problems = str(screen.query_one("#problems", Static).render())
        assert 'line 1: theme: no theme called "high-contrast"' in problems


def _app(config: Config | None = None) -> BackrunApp:
    clock = ManualClock(T0)
    return BackrunApp(
        config or Config(),
        Library(Paths.default()),
        clock=clock,
        wall=FrozenWall(clock),
        cues=RecordedCues(),
    )


async def test_a_theme_chosen_in_the_command_palette_is_saved(backrun_home: Path) -> None:
    app = _app()
    told: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        app.notify = lambda message, **_: told.append(message)  # type: ignore[method-assign]
        await pilot.press("ctrl+p")
        await pilot.press(*"theme")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        await pilot.press(*"nord")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert app.theme == "nord"
        assert app.config.theme == "nord"
    saved = tomllib.loads((backrun_home / "config.toml").read_text(encoding="utf-8"))
    assert saved == {"theme": "nord"}
    assert told == ["saved: theme nord"]


async def test_a_theme_that_cannot_be_saved_is_used_and_said(backrun_home: Path) -> None:
    # config.toml cannot be written where a folder has its name.
    (backrun_home / "config.toml").mkdir(parents=True)
    app = _app()
    told: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        app.notify = lambda message, **_: told.append(message)  # type: ignore[method-assign]
        app.keep_theme("nord")  # as the palette's list of themes does
        await pilot.pause()
        assert app.theme == "nord"
        assert app.config.theme == Config().theme
    assert len(told) == 1
    assert told[0].startswith("theme not saved, in use until backrun ends: ")
    assert "config.toml" in told[0]
