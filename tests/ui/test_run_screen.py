"""A whole session driven through the real screens; the file on disk says what happened."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, Label, Static

from backrun_tui.clock import ManualClock
from backrun_tui.engine import CueKind
from backrun_tui.ui.screens.finish import FinishScreen
from backrun_tui.ui.screens.home import HomeScreen
from backrun_tui.ui.screens.run import RunScreen
from backrun_tui.ui.widgets.bigclock import BigClock
from tests.ui.apps import T0, RecordedCues, make_app

PLAN = "2x(1m back @6, 2m fwd @9)"


def sessions(home: Path) -> list[dict[str, Any]]:
    folder = home / "sessions"
    return [tomllib.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.toml"))]


def text(screen: RunScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


class Driver:
    def __init__(self, pilot: Pilot[None], clock: ManualClock) -> None:
        self.pilot = pilot
        self.clock = clock

    @property
    def run(self) -> RunScreen:
        screen = self.pilot.app.screen
        assert isinstance(screen, RunScreen)
        return screen

    async def at(self, seconds: float) -> None:
        """Move the clock to `seconds` after the start and let the screen catch up."""
        self.clock.set(T0 + seconds)
        self.run.sync()
        await self.pilot.pause()

    async def press(self, *keys: str) -> None:
        await self.pilot.press(*keys)
        await self.pilot.pause()


async def test_whole_session_is_recorded_to_the_second(backrun_home: Path) -> None:
    clock = ManualClock(T0)
    app = make_app(PLAN, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        d = Driver(pilot, clock)
        assert text(d.run, "#kind") == "BACKWARD"
        assert d.run.query_one(BigClock).text == "1:00"
        await d.at(20)
        await d.press("space")  # pause 20 s in
        assert d.run.query_one("#run").has_class("-paused")
        assert "PAUSED" in text(d.run, "#banner")
        await d.at(50)
        await d.press("space")  # resume after a 30 s pause
        assert not d.run.query_one("#run").has_class("-paused")
        await d.at(60)
        await d.press("n")  # skip the first backward minute, 30 s done
        assert text(d.run, "#kind") == "FORWARD"
        await d.at(65)
        await d.press("plus")  # the forward run becomes 2m10s
        assert d.run.query_one(BigClock).text == "2:05"
        await d.at(190)  # it ends: the second backward minute starts
        assert text(d.run, "#kind") == "BACKWARD"
        await d.at(192)
        await d.press("p")  # 2 s in: back to the forward run, from its start
        assert (text(d.run, "#kind"), d.run.query_one(BigClock).text) == ("FORWARD", "2:00")
        await d.at(200)
        await d.press("p")  # 8 s in: restart it
        await d.at(215)
        await d.press("minus")  # and shorten it: ends 110 s after the restart
        await d.at(310)
        assert text(d.run, "#kind") == "BACKWARD"
        await d.at(330)
        await d.press("q")
        await d.press("y")  # stop, 20 s into the backward minute
        assert isinstance(app.screen, FinishScreen)

        [saved] = sessions(backrun_home)  # safe on disk before the finish screen shows
        assert saved["status"] == "stopped"
        assert saved["plan"] == "2x(1m back @6kph, 2m fwd @9kph)"
        assert (saved["active_seconds"], saved["paused_seconds"]) == (300.0, 30.0)
        assert (saved["backward_seconds"], saved["forward_seconds"]) == (52.0, 248.0)
        assert saved["started_at"].isoformat() == "2026-11-30T07:15:00+01:00"
        assert saved["updated_at"].isoformat() == "2026-11-30T07:20:30+01:00"
        outcomes = [(i["actual_seconds"], i["outcome"]) for i in saved["intervals"]]
        assert outcomes == [
            (30.0, "skipped"),
            (248.0, "completed"),
            (22.0, "stopped"),
            (0.0, "not_reached"),
        ]
        assert saved["intervals"][1]["adjusted_seconds"] == 0.0  # +10, then -10 after restart
        assert saved["pauses"] == [{"at_seconds": 20.0, "seconds": 30.0, "reason": "user"}]
        assert "rpe" not in saved

        await d.press("7", "tab", *"felt strong", "enter")
        assert isinstance(app.screen, HomeScreen)
        [rated] = sessions(backrun_home)
        assert (rated["rpe"], rated["note"]) == (7, "felt strong")
        assert rated["updated_at"] == saved["updated_at"]
        assert list((backrun_home / "sessions" / ".running").iterdir()) == []  # lock too


async def test_a_completed_session_and_its_cues(backrun_home: Path) -> None:
    clock = ManualClock(T0)
    app = make_app("30s back @6, 20s fwd @9", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        d = Driver(pilot, clock)
        await d.at(20)
        warning = "TURN AROUND in 10 s — next FORWARD, 9.0 km/h — slow the belt first"
        assert warning in text(d.run, "#banner")
        d.clock.set(T0 + 31)
        d.run.sync()
        # Checked before yielding to the event loop, which ends the flash after 0.6 s.
        # The interval change is seen, not only heard.
        assert d.run.query_one("#run").has_class("-flash")
        await pilot.pause()
        assert "TURN AROUND" not in text(d.run, "#banner")
        d.clock.set(T0 + 60)
        d.run.sync()
        await pilot.pause()
        assert isinstance(app.screen, FinishScreen)
        assert str(app.screen.query_one("#title", Label).render()).startswith("Session complete")
        [saved] = sessions(backrun_home)
        assert saved["status"] == "completed"
        assert saved["active_seconds"] == 50.0
        await d.press("escape")
        assert isinstance(app.screen, HomeScreen)
    cues = app.cues
    assert isinstance(cues, RecordedCues)
    kinds = [(c.kind, round(c.at - T0, 3)) for c in cues.played]
    assert kinds[:2] == [(CueKind.INTERVAL_START, 0.0), (CueKind.TURNAROUND, 20.0)]
    assert kinds[-1] == (CueKind.FINISH, 50.0)


async def test_rpe_out_of_range_is_refused_and_nothing_changes(backrun_home: Path) -> None:
    clock = ManualClock(T0)
    app = make_app("10s rest", clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        d = Driver(pilot, clock)
        await d.at(11)
        before = sessions(backrun_home)
        await d.press("1", "1", "enter")
        assert isinstance(app.screen, FinishScreen)
        assert app.screen.query_one("#rpe", Input).value == "11"
        assert sessions(backrun_home) == before


async def test_mute_silences_the_cues_but_not_the_flash(backrun_home: Path) -> None:
    clock = ManualClock(T0)
    app = make_app("10s back, 10s fwd", clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        d = Driver(pilot, clock)
        await d.press("m")
        cues = app.cues
        assert isinstance(cues, RecordedCues)
        heard = len(cues.played)
        assert cues.silenced == 1  # what was sounding stops at once
        d.clock.set(T0 + 10.5)
        d.run.sync()
        assert d.run.query_one("#run").has_class("-flash")
        await pilot.pause()
        assert len(cues.played) == heard


async def test_quitting_mid_session_keeps_it_as_stopped(backrun_home: Path) -> None:
    clock = ManualClock(T0)
    app = make_app("1m back", clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        d = Driver(pilot, clock)
        await d.at(25)
        await app.action_quit()
    [saved] = sessions(backrun_home)
    assert (saved["status"], saved["active_seconds"]) == ("stopped", 25.0)


async def test_home_screen_starts_the_selected_workout(backrun_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        name = str(app.screen.query_one("#name", Label).render())
        assert name == "Backward walk warm-up"
        await pilot.press("down")
        await pilot.pause()
        second = str(app.screen.query_one("#name", Label).render())
        assert second == "Reverse jog: glute activation"
        assert "direction changes" in str(app.screen.query_one("#totals", Static).render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        assert app.screen.session.workout == "Reverse jog: glute activation"


async def test_a_sleeping_computer_pauses_the_session_and_says_for_how_long(
    backrun_home: Path,
) -> None:
    clock = ManualClock(T0)
    app = make_app("2m back @6", clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        d = Driver(pilot, clock)
        await d.at(30)
        clock.suspend(192)  # the lid shut for 3m12s
        clock.advance(0.2)
        d.run.sync()
        await pilot.pause()
        assert "paused: the computer was asleep for 3m12s" in text(d.run, "#banner")
        assert d.run.query_one("#run").has_class("-paused")
        await d.at(60)  # time passes, nothing moves until space
        assert d.run.query_one(BigClock).text == "1:30"
        await d.press("space")
        assert not d.run.query_one("#run").has_class("-paused")
        assert "asleep" not in text(d.run, "#banner")


async def test_every_run_action_is_in_the_command_palette(backrun_home: Path) -> None:
    clock = ManualClock(T0)
    app = make_app("1m back @6, 1m fwd @9", clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        d = Driver(pilot, clock)
        await d.at(5)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"skip interval")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert text(d.run, "#kind") == "FORWARD"


async def test_settings_changed_on_disk_apply_at_once(backrun_home: Path) -> None:
    clock = ManualClock(T0)
    app = make_app("1m fwd @9, 1m back @6", clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        d = Driver(pilot, clock)
        backrun_home.mkdir(parents=True, exist_ok=True)
        (backrun_home / "config.toml").write_text(
            "[sound]\nvolume = 30\nturnaround_warning_s = 20\n", encoding="utf-8"
        )
        await pilot.pause(2.5)  # the app looks at config.toml every 2 s
        assert app.config.sound.volume == 30
        await d.at(41)
        assert "TURN AROUND in 19 s" in text(d.run, "#banner")
        (backrun_home / "config.toml").write_text("[sound]\nvolume = 300\n", encoding="utf-8")
        await pilot.pause(2.5)
        assert app.config.sound.volume == 30  # a bad file changes nothing
