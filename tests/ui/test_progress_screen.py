"""The progress screen, driven with the pilot over real session files and a frozen today."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from backrun_tui.model.kinds import Units
from backrun_tui.store import Config
from backrun_tui.store.sessions import record_to_toml
from backrun_tui.ui.app import BackrunApp
from backrun_tui.ui.screens.home import HomeScreen
from backrun_tui.ui.screens.progress import ProgressScreen, WeekBars, _columns, _ticks
from tests.ui.apps import make_app
from tests.ui.progress_data import THIS_MONDAY, record, write_twelve_weeks


async def open_progress(pilot: Pilot[None]) -> ProgressScreen:
    await pilot.pause()
    await pilot.press("g")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ProgressScreen)
    return screen


def text(screen: ProgressScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


async def test_g_shows_the_weeks_streak_and_this_week_against_the_last(
    backrun_home: Path,
) -> None:
    write_twelve_weeks(backrun_home, broken=False)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_progress(pilot)
        assert text(screen, "#streak") == "Streak: 7 weeks in a row"
        assert text(screen, "#compare").splitlines() == [
            "week      W49 so far       W48",
            "sessions           1         3",
            "backward       12:00     52:00",
            "forward        15:00   1:06:00",
            "distance     3.10 km  14.70 km",
        ]
        assert text(screen, "#notes") == "1 sped-up try-out not counted"
        sessions = screen.query_one("#sessions-chart", WeekBars)
        assert sessions.labels == [f"W{n}" for n in range(38, 50)]
        assert sessions.series == [[1, 2, 1, 2, 0, 1, 2, 3, 1, 2, 3, 1]]
        minutes = screen.query_one("#minutes-chart", WeekBars)
        assert minutes.series[0][-2:] == [52, 12]  # backward
        assert minutes.series[1][-2:] == [66, 15]  # forward
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_an_unreadable_file_is_named_in_a_notice_and_left_alone(
    backrun_home: Path,
) -> None:
    folder = write_twelve_weeks(backrun_home)
    broken = folder / "20261126-070000-dead.toml"
    before = broken.read_bytes()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_progress(pilot)
        [notice] = [n for n in app._notifications if n.title == "Skipped a file"]
        assert str(broken) in notice.message
        assert notice.markup is False
        assert text(screen, "#notes").endswith("1 file could not be read (see the notices)")
        assert screen.query_one("#sessions-chart", WeekBars).series[0][-1] == 1
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        told = [n for n in app._notifications if n.title == "Skipped a file"]
        assert len(told) == 1  # a reload does not repeat it
    assert broken.read_bytes() == before


async def test_reload_and_coming_back_read_the_sessions_again(backrun_home: Path) -> None:
    folder = write_twelve_weeks(backrun_home, broken=False)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_progress(pilot)
        extra = record(THIS_MONDAY + timedelta(hours=6, minutes=30), 10, 10, 2.0)
        extra = replace(extra, id="20261130-063000-beef")
        (folder / f"{extra.id}.toml").write_text(record_to_toml(extra), encoding="utf-8")
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert text(screen, "#compare").splitlines()[1] == "sessions           2         3"
        (folder / f"{extra.id}.toml").unlink()
        await pilot.press("escape")
        await pilot.pause()
        await open_progress(pilot)
        assert isinstance(app.screen, ProgressScreen)
        assert text(app.screen, "#compare").splitlines()[1] == "sessions           1         3"


async def test_distance_follows_the_units_setting(backrun_home: Path) -> None:
    write_twelve_weeks(backrun_home, broken=False)
    app: BackrunApp = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_progress(pilot)
        app.update_config(Config(weight_kg=70, get_ready_s=0, units=Units.IMPERIAL))
        await pilot.pause()
        assert text(screen, "#compare").splitlines()[-1] == "distance     1.93 mi  9.13 mi"
        assert screen.query_one("#distance-chart").border_title == "Distance per week (mi)"


async def test_no_sessions_yet(backrun_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_progress(pilot)
        assert text(screen, "#streak") == "Streak: none yet"
        assert text(screen, "#notes") == "No sessions in the last 12 weeks"
        assert screen.query_one("#sessions-chart", WeekBars).series == [[0.0] * 12]


def test_ticks_are_round_and_reach_the_top() -> None:
    assert _ticks(3, max_steps=3) == [0, 1, 2, 3]
    assert _ticks(3, max_steps=2) == [0, 2, 4]
    assert _ticks(118, max_steps=3) == [0, 50, 100, 150]
    assert _ticks(14.7, max_steps=4) == [0, 5, 10, 15]
    assert _ticks(0.3, max_steps=3) == [0, 0.1, 0.2, 0.3]
    assert _ticks(0, max_steps=3) == [0, 1]


def test_every_week_gets_the_same_whole_columns() -> None:
    for columns in (35, 36, 55, 56, 57, 80):
        (low, high), width = _columns(columns, 12)
        per_week = (columns - 1) / (high - low)
        assert per_week.is_integer() and per_week >= 2
        bar = width * per_week + 1  # columns a bar covers, its edges included
        assert bar.is_integer() and 1 <= bar < per_week  # a gap between weeks
        centre = (1 - low) * per_week
        left = centre - (bar - 1) / 2
        assert abs(left - round(left)) < 1e-9  # edges on whole columns
    assert _columns(20, 12) == ((0.5, 12.5), 0.5)  # too narrow: plain bars


async def test_bars_take_their_colours_from_the_theme(backrun_home: Path) -> None:
    write_twelve_weeks(backrun_home, broken=False)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_progress(pilot)
        minutes = screen.query_one("#minutes-chart", WeekBars)
        assert minutes._rgb(minutes.colours[0]) == (0xFF, 0x8C, 0x1A)  # backward, dark theme
        app.theme = "backrun-light"
        await pilot.pause()
        assert minutes._rgb(minutes.colours[0]) == (0xC7, 0x5A, 0x00)
        assert minutes._rgb(minutes.colours[1]) == (0x00, 0x60, 0xC0)
