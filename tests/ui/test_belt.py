"""The first minute on the belt: get ready, the state on screen, keys that cannot hurt."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static
from textual.widgets._toast import Toast

from backrun_tui.clock import ManualClock
from backrun_tui.engine import CueKind
from backrun_tui.model.session import Status
from backrun_tui.store import Config
from backrun_tui.ui.app import BackrunApp
from backrun_tui.ui.screens.confirm import ConfirmScreen
from backrun_tui.ui.screens.finish import FinishScreen
from backrun_tui.ui.screens.home import HomeScreen
from backrun_tui.ui.screens.run import RunScreen
from backrun_tui.ui.widgets.bigclock import BigClock
from backrun_tui.ui.widgets.readout import Readout
from tests.ui.apps import T0, RecordedCues, at, make_app

SIZES = [(120, 40), (80, 24)]


def sessions(home: Path) -> list[dict[str, Any]]:
    folder = home / "sessions"
    return [tomllib.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.toml"))]


def shown(screen: object, selector: str) -> str:
    assert isinstance(screen, RunScreen | HomeScreen | FinishScreen)
    widget = screen.query_one(selector)
    assert isinstance(widget, Static | Readout)
    return str(widget.render())


def footer_keys(app: BackrunApp) -> set[str]:
    return {b.binding.description for b in app.screen.active_bindings.values() if b.binding.show}


# --- 1. get ready ---------------------------------------------------------------------------


async def test_get_ready_counts_down_then_the_session_starts(backrun_home: Path) -> None:
    clock = ManualClock(T0)
    app = make_app("1m back @6 2%, 1m fwd @9", clock=clock, config=Config(get_ready_s=10))
    async with app.run_test(size=(120, 40)) as pilot:
        run = await at(pilot, clock, 0)
        assert shown(run, "#kind") == "GET READY"
        assert "Step on, face backward" in shown(run, "#banner")
        assert shown(run, "#target") == "6.0 km/h · incline 2 %"  # the first target
        assert shown(run, "#next") == "first: BACKWARD 1:00 at 6.0 km/h · incline 2 %"
        assert run.query_one(BigClock).text == "0:10"
        await at(pilot, clock, 6.5)
        assert run.query_one(BigClock).text == "0:04"
        await at(pilot, clock, 10)
        assert shown(run, "#kind") == "BACKWARD"
        assert run.query_one(BigClock).text == "1:00"
        await at(pilot, clock, 40)
        await pilot.press("q", "y")
        await pilot.pause()
        [saved] = sessions(backrun_home)
        assert saved["active_seconds"] == 30.0  # the lead-in is not session time
    cues = app.cues
    assert isinstance(cues, RecordedCues)
    heard = [(c.kind, c.count, round(c.at - T0, 3)) for c in cues.played]
    assert heard[:5] == [
        (CueKind.GET_READY, 0, 0.0),
        (CueKind.COUNTDOWN, 3, 7.0),
        (CueKind.COUNTDOWN, 2, 8.0),
        (CueKind.COUNTDOWN, 1, 9.0),
        (CueKind.INTERVAL_START, 0, 10.0),
    ]


async def test_the_lead_in_holds_with_space_and_n_starts_now(backrun_home: Path) -> None:
    clock = ManualClock(T0)
    app = make_app("1m fwd @9", clock=clock, config=Config(get_ready_s=10))
    async with app.run_test(size=(120, 40)) as pilot:
        run = await at(pilot, clock, 3)
        await pilot.press("space")
        await at(pilot, clock, 30)  # held: time passes, the countdown does not
        assert shown(run, "#kind") == "GET READY · paused"
        assert run.query_one(BigClock).text == "0:07"
        await pilot.press("space")
        await at(pilot, clock, 32)
        assert run.query_one(BigClock).text == "0:05"
        await pilot.press("n")
        await pilot.pause()
        assert shown(run, "#kind") == "FORWARD"
        assert run.query_one(BigClock).text == "1:00"


async def test_leaving_during_the_lead_in_records_nothing(backrun_home: Path) -> None:
    clock = ManualClock(T0)
    app = make_app("1m back", clock=clock, config=Config(get_ready_s=10))
    async with app.run_test(size=(120, 40)) as pilot:
        await at(pilot, clock, 4)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Nothing is recorded" in str(app.screen.question)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert sessions(backrun_home) == []
    running = backrun_home / "sessions" / ".running"
    assert not running.exists() or list(running.iterdir()) == []


# --- 2. nothing covers the target ------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
async def test_notices_never_cover_the_target_or_the_times(
    backrun_home: Path, size: tuple[int, int]
) -> None:
    clock = ManualClock(T0)
    app = make_app("5m back @6, 5m fwd @9", clock=clock)
    async with app.run_test(size=size, notifications=True) as pilot:
        run = await at(pilot, clock, 5)
        for n in range(4):
            app.notify(f"notice {n}: a file was skipped " * 3, title="Skipped a file", timeout=60)
        await pilot.pause()
        assert list(run.query(Toast))
        for selector in ("#target", "#next", "#elapsed", "#remaining", "#distance"):
            region = run.query_one(selector).region
            assert region.area > 0, selector
            # Whatever is on top at every cell of the line is the line itself.
            for x in range(region.x, region.right):
                on_top, _ = run.get_widget_at(x, region.y)
                assert not isinstance(on_top, Toast), (selector, x)
                assert on_top is run.query_one(selector), (selector, x, on_top)


async def test_muted_no_sound_and_time_scale_are_lasting_states(backrun_home: Path) -> None:
    clock = ManualClock(T0)
    app = make_app("5m back @6", clock=clock, time_scale=5)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        run = await at(pilot, clock, 1)
        assert shown(run, "#status") == "×5 time"
        await pilot.press("m")
        app.post_message(BackrunApp.AudioFailed("the sound device failed: Error opening device"))
        await pilot.pause()
        status = shown(run, "#status")
        assert status == (
            "MUTED (m to unmute) · NO SOUND: no sound device found — run backrun doctor · ×5 time"
        )
        assert not list(run.query(Toast))  # a state, not a toast that goes away
        assert "Error opening device" not in status


# --- 3. the screen shows the state -----------------------------------------------------------


async def test_the_footer_says_what_the_keys_do_now(backrun_home: Path) -> None:
    clock = ManualClock(T0)
    app = make_app("5m back @6, 1m fwd", clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await at(pilot, clock, 5)
        assert {"Pause", "Mute"} <= footer_keys(app)
        await pilot.press("space", "m")
        await pilot.pause()
        assert {"Resume", "Unmute"} <= footer_keys(app)
        assert not {"Pause", "Mute"} & footer_keys(app)
        assert shown(run, "#kind") == "BACKWARD · paused"


async def test_nested_rounds_long_labels_what_follows_and_distance(backrun_home: Path) -> None:
    label = "keep the chest up and push off the floor with the balls of the feet " * 2
    clock = ManualClock(T0)
    app = make_app(f'3x(2x(1m back @6 "{label.strip()}", 1m fwd @9))', clock=clock)
    async with app.run_test(size=(80, 30)) as pilot:
        run = await at(pilot, clock, 4 * 60 + 30)  # set 2, round 1, halfway into the back
        assert shown(run, "#round") == "set 2/3 · round 1/2"
        widget = run.query_one("#label")
        visible = widget.render_lines(widget.region.reset_offset)[1].text.strip()
        assert visible.endswith("…") and len(visible) < len(label)
        assert shown(run, "#next") == "next: FORWARD 1:00 at 9.0 km/h"
        assert shown(run, "#after") == "then: BACKWARD 1:00 at 6.0 km/h"
        assert run.query_one("#after").display
        # 2 minutes at 6 km/h, 2 at 9, 30 s at 6: 0.2 + 0.3 + 0.05 km
        assert shown(run, "#distance") == "0.55 km"
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not run.query_one("#after").display  # no room: the digits keep it


# --- 4. keys that cannot hurt ----------------------------------------------------------------


async def test_minus_stops_a_few_seconds_before_the_end(backrun_home: Path) -> None:
    clock = ManualClock(T0)
    app = make_app("2m back @6, 1m fwd @9", clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await at(pilot, clock, 10)
        await pilot.press(*["minus"] * 30)
        await pilot.pause()
        assert shown(run, "#kind") == "BACKWARD"
        assert run.query_one(BigClock).text == "0:05"


async def test_skip_on_the_last_interval_asks_first(backrun_home: Path) -> None:
    clock = ManualClock(T0)
    app = make_app("1m back @6, 1m fwd @9", clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await at(pilot, clock, 10)
        await pilot.press("n")  # not the last: at once
        await pilot.pause()
        run = await at(pilot, clock, 15)
        assert shown(run, "#kind") == "FORWARD"
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # no
        await pilot.pause()
        assert app.screen is run
        await pilot.press("N", "y")  # caps lock on: the same key
        await pilot.pause()
        assert isinstance(app.screen, FinishScreen)


@pytest.mark.parametrize("how", ["ctrl+q", "palette"])
async def test_quitting_mid_session_asks_and_goes_through_the_finish_screen(
    backrun_home: Path, how: str
) -> None:
    clock = ManualClock(T0)
    app = make_app("5m back @6", clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await at(pilot, clock, 30)
        if how == "ctrl+q":
            await pilot.press("ctrl+q")
        else:
            await pilot.press("ctrl+p")
            await pilot.pause(0.3)
            await pilot.press(*"quit the application", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, FinishScreen)
        [saved] = sessions(backrun_home)
        assert (saved["status"], saved["active_seconds"]) == ("stopped", 30.0)
        await pilot.press("7", "enter")
        await pilot.pause()
    assert app.return_code == 0  # the app has ended, after the rating was saved
    assert sessions(backrun_home)[0]["rpe"] == 7


async def test_capitals_and_enter_work_as_well(backrun_home: Path) -> None:
    clock = ManualClock(T0)
    app = make_app("1m back @6, 1m fwd @9, 1m rest", clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await at(pilot, clock, 5)
        await pilot.press("enter")
        await pilot.pause()
        assert shown(run, "#kind") == "BACKWARD · paused"
        await pilot.press("enter", "N")
        await pilot.pause()
        assert shown(run, "#kind") == "FORWARD"
        await pilot.press("P")
        await pilot.pause()
        assert shown(run, "#kind") == "BACKWARD"
        await pilot.press("M")
        await pilot.pause()
        assert run.muted
        await pilot.press("Q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)


# --- 5. a flash you can see from the belt -----------------------------------------------------


async def test_the_flash_fills_the_screen_with_the_kinds_colour(backrun_home: Path) -> None:
    clock = ManualClock(T0)
    app = make_app("10s fwd @9, 10s back @6", clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await at(pilot, clock, 9)
        clock.set(T0 + 10.2)
        run.sync()
        assert run.query_one("#run").has_class("-flash")
        await pilot.pause(0.05)
        backward = app.theme_variables["kind-backward"]
        for selector in ("#top", "#run", "#times"):
            assert run.query_one(selector).background_colors[1].hex.lower() == backward.lower()
        assert run.query_one("#clock").styles.color.hex.lower() != backward.lower()


# --- 6. same figures everywhere --------------------------------------------------------------


async def test_a_session_of_skips_is_not_completed(backrun_home: Path) -> None:
    clock = ManualClock(T0)
    app = make_app("1m back @6, 1m fwd @9", clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await at(pilot, clock, 0.4)
        await pilot.press("n")
        await pilot.pause()
        await at(pilot, clock, 0.8)
        await pilot.press("n", "y")
        await pilot.pause()
        finish = app.screen
        assert isinstance(finish, FinishScreen)
        assert shown(finish, "#title").startswith("Session stopped")
        assert shown(finish, "#summary").startswith("time       0:01 of 2:00 planned")
    [saved] = sessions(backrun_home)
    assert saved["status"] == Status.STOPPED.value
    assert saved["active_seconds"] == 0.8


# --- 7. after the session ---------------------------------------------------------------------


async def test_run_again_from_the_finish_screen_and_repeat_last_from_home(
    backrun_home: Path,
) -> None:
    clock = ManualClock(T0)
    app = make_app("30s back @6", clock=clock, name="Short one")
    async with app.run_test(size=(120, 40)) as pilot:
        await at(pilot, clock, 31)
        assert isinstance(app.screen, FinishScreen)
        await pilot.press("8", "ctrl+r")
        await pilot.pause()
        again = app.screen
        assert isinstance(again, RunScreen)
        assert (again.session.workout, again.session.notation) == ("Short one", "30s back @6kph")
        await at(pilot, clock, 62)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("r")
        await pilot.pause()
        last = app.screen
        assert isinstance(last, RunScreen)
        assert last.session.workout == "Short one"
    rated = [s for s in sessions(backrun_home) if "rpe" in s]
    assert [s["rpe"] for s in rated] == [8]
