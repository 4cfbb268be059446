"""One config: a change through `update_config` reaches the run screen, the cues and home."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

from textual.widgets import Static

from backrun_tui.audio.cues import SoundCues
from backrun_tui.clock import ManualClock
from backrun_tui.live_session import StartRequest
from backrun_tui.model.kinds import Units
from backrun_tui.model.notation import parse
from backrun_tui.model.plan import Workout
from backrun_tui.store import Config, Paths
from backrun_tui.store.library import Library
from backrun_tui.ui.app import BackrunApp
from backrun_tui.ui.screens.finish import FinishScreen
from backrun_tui.ui.screens.home import HomeScreen
from backrun_tui.ui.screens.run import RunScreen
from tests.ui.apps import T0, FrozenWall, RecordedCues


class FakePlayer:
    """Stands in for the player process: keeps the clips it is asked to play."""

    working = True

    def __init__(self) -> None:
        self.played: list[list[str]] = []

    def play(self, clips: list[str], volume: int, due: float | None = None) -> int | None:
        self.played.append(clips)
        return len(self.played)

    def silence(self) -> None:
        pass


def shown(screen: object, selector: str) -> str:
    assert isinstance(screen, RunScreen | HomeScreen)
    return str(screen.query_one(selector, Static).render())


async def test_units_changed_mid_run_reach_screen_cues_and_home(backrun_home: Path) -> None:
    clock = ManualClock(T0)
    config = Config(weight_kg=70, get_ready_s=0)
    player = FakePlayer()
    cues = SoundCues(player, lambda: None, config.sound, config.units)  # type: ignore[arg-type]
    workout = Workout("Units", parse("30s fwd @9.6, 30s back @6"))
    app = BackrunApp(
        config,
        Library(Paths.default()),
        start=StartRequest(workout),
        clock=clock,
        wall=FrozenWall(clock),
        cues=cues,
        config_poll=0.05,
    )
    told: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        app.notify = lambda message, **_: told.append(message)  # type: ignore[method-assign]
        run = app.screen
        assert isinstance(run, RunScreen)
        assert shown(run, "#target") == "9.6 km/h"
        clock.set(T0 + 5)
        run.sync()
        app.update_config(replace(config, units=Units.IMPERIAL), save=True)
        await pilot.pause()
        assert shown(run, "#target") == "6.0 mph"
        assert shown(run, "#next") == "next: BACKWARD 0:30 at 3.7 mph"
        clock.set(T0 + 20)  # the turn-around warning, spoken
        run.sync()
        await pilot.pause()
        assert "TURN AROUND in 10 s — next BACKWARD, 3.7 mph" in shown(run, "#banner")
        assert player.played[-1][-2:] == ["num_7", "voice_mph"]  # "three point seven mph"
        clock.set(T0 + 61)
        run.sync()
        await pilot.pause()
        assert isinstance(app.screen, FinishScreen)
        await pilot.press("escape")
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert "distance  " in shown(home, "#totals") and " mi" in shown(home, "#totals")
        await pilot.pause(0.3)  # several polls of config.toml
    saved = tomllib.loads((backrun_home / "config.toml").read_text(encoding="utf-8"))
    assert saved["units"] == "imperial"
    assert not [message for message in told if "reloaded" in message]


async def test_config_toml_edited_outside_is_taken_up_and_said(backrun_home: Path) -> None:
    clock = ManualClock(T0)
    app = BackrunApp(
        Config(),
        Library(Paths.default()),
        clock=clock,
        wall=FrozenWall(clock),
        cues=RecordedCues(),
        config_poll=0.05,
    )
    told: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        app.notify = lambda message, **_: told.append(message)  # type: ignore[method-assign]
        backrun_home.mkdir(parents=True, exist_ok=True)
        (backrun_home / "config.toml").write_text('units = "imperial"\n', encoding="utf-8")
        await pilot.pause(0.3)
        assert app.config.units is Units.IMPERIAL
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert " mi" in shown(home, "#totals")
    assert told == ["settings reloaded from config.toml"]
