"""The settings screen, and backrun in its high-contrast theme, at the two usual sizes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from backrun_tui.clock import ManualClock
from backrun_tui.store import Config
from backrun_tui.ui.screens.run import RunScreen
from tests.ui.apps import T0, app_over_file, make_app

SIZES = [(120, 40), (80, 24)]
PLAN = '5m warmup @5, 4x(1m back @6 2% "push off the floor", 2m fwd @9), 5m cooldown @5'
HIGH_CONTRAST = Config(weight_kg=70, get_ready_s=0, theme="backrun-high-contrast")

SnapCompare = Callable[..., bool]


@pytest.fixture(autouse=True)
def home_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths under the home folder are shown from `~`: the same in every run."""
    monkeypatch.setenv("HOME", str(tmp_path))


def settings(*keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Before the snapshot: open the settings, then press `keys`."""

    async def before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        pilot.app.clear_notifications()  # the start's notices; the screen says it all
        await pilot.press("s")
        await pilot.pause()
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.press(*keys)
        await pilot.pause()

    return before


@pytest.mark.parametrize("size", SIZES)
def test_settings(snap_compare: SnapCompare, backrun_home: Path, size: tuple[int, int]) -> None:
    app = app_over_file(backrun_home, "weight_kg = 70\nget_ready_s = 0\n")
    assert snap_compare(app, terminal_size=size, run_before=settings())


@pytest.mark.parametrize("size", SIZES)
def test_settings_with_problems_and_a_bad_value(
    snap_compare: SnapCompare, backrun_home: Path, size: tuple[int, int]
) -> None:
    """The file's problems at the top; a volume of 900 typed, refused under its field."""
    text = '# mine\nweight_kg = 70\ntheme = "nrod"\n[sound]\nvolume = 300\nvolum = 3\n'
    app = app_over_file(backrun_home, text)
    keys = ("tab",) * 6 + ("end", "shift+home", "9", "0", "0")
    assert snap_compare(app, terminal_size=size, run_before=settings(*keys))


@pytest.mark.parametrize("size", SIZES)
def test_home_high_contrast(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(config=HIGH_CONTRAST), terminal_size=size)


def test_settings_high_contrast(snap_compare: SnapCompare, backrun_home: Path) -> None:
    app = app_over_file(backrun_home, 'theme = "backrun-high-contrast"\nweight_kg = 70\n')
    assert snap_compare(app, terminal_size=(120, 40), run_before=settings(*("tab",) * 4, "space"))


def test_run_high_contrast(snap_compare: SnapCompare) -> None:
    clock = ManualClock(T0)
    app = make_app(PLAN, clock=clock, config=HIGH_CONTRAST)

    async def before(pilot: Pilot[None]) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, RunScreen)
        clock.set(T0 + 330.4)
        screen.sync()
        await pilot.pause()
        screen.query_one("#run").remove_class("-flash")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=before)


def test_leaving_with_unsaved_changes(snap_compare: SnapCompare, backrun_home: Path) -> None:
    app = app_over_file(backrun_home, "weight_kg = 70\n")
    keys = ("tab", "end", "backspace", "5", "escape")
    assert snap_compare(app, terminal_size=(80, 24), run_before=settings(*keys))
