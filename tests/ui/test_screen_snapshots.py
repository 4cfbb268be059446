"""Every screen, frozen in time, at the two sizes a treadmill laptop is likely to give."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from backrun_tui.clock import ManualClock
from backrun_tui.store import Config
from backrun_tui.ui.app import BackrunApp
from backrun_tui.ui.screens.run import RunScreen
from tests.ui.apps import T0, make_app

SIZES = [(120, 40), (80, 24)]
PLAN = '5m warmup @5, 4x(1m back @6 2% "push off the floor", 2m fwd @9), 5m cooldown @5'

SnapCompare = Callable[..., bool]


def at(clock: ManualClock, seconds: float, *keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Before the snapshot: move to `seconds` into the session, then press `keys`."""

    async def before(pilot: Pilot[None]) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, RunScreen)
        clock.set(T0 + seconds)
        screen.sync()
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        # Let the interval-change flash end, so the picture shows the steady screen.
        screen.query_one("#run").remove_class("-flash")
        await pilot.pause()

    return before


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_run_backward_interval(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    clock = ManualClock(T0)
    app = make_app(PLAN, clock=clock)
    assert snap_compare(app, terminal_size=size, run_before=at(clock, 330.4))


@pytest.mark.parametrize("size", SIZES)
def test_run_paused(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    clock = ManualClock(T0)
    app = make_app(PLAN, clock=clock)
    assert snap_compare(app, terminal_size=size, run_before=at(clock, 130, "space"))


@pytest.mark.parametrize("size", SIZES)
def test_run_turnaround_warning(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    clock = ManualClock(T0)
    app = make_app(PLAN, clock=clock)
    assert snap_compare(app, terminal_size=size, run_before=at(clock, 472))


@pytest.mark.parametrize("size", SIZES)
def test_finish(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    clock = ManualClock(T0)
    app = make_app("2x(1m back @6, 1m fwd @9)", clock=clock)

    async def before(pilot: Pilot[Any]) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, RunScreen)
        clock.set(T0 + 240)
        screen.sync()
        await pilot.pause()
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.press("8")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES)
def test_run_get_ready(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    clock = ManualClock(T0)
    app = make_app(PLAN, clock=clock, config=Config(weight_kg=70, get_ready_s=10))
    assert snap_compare(app, terminal_size=size, run_before=at(clock, 3.5))


@pytest.mark.parametrize("size", SIZES)
def test_run_muted(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    clock = ManualClock(T0)
    app = make_app(PLAN, clock=clock)
    assert snap_compare(app, terminal_size=size, run_before=at(clock, 330.4, "m"))


@pytest.mark.parametrize("size", SIZES)
def test_run_no_sound(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    clock = ManualClock(T0)
    app = make_app(PLAN, clock=clock)

    async def before(pilot: Pilot[None]) -> None:
        failed = BackrunApp.AudioFailed("the sound device failed: Error opening PCM device")
        pilot.app.post_message(failed)
        await at(clock, 330.4)(pilot)

    assert snap_compare(app, terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES)
def test_run_with_a_notice(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    clock = ManualClock(T0)
    app = make_app(PLAN, clock=clock)

    async def before(pilot: Pilot[None]) -> None:
        await at(clock, 330.4)(pilot)
        pilot.app.notify(
            "sessions/20261130-071500-3fa2.toml: line 12: active_seconds: expected a number",
            title="Skipped a file",
            severity="error",
            timeout=60,
        )
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=before)
