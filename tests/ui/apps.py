"""The real App on a hand-moved clock and a frozen calendar, for pilot and snapshot tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from textual.pilot import Pilot

from backrun_tui.clock import ManualClock
from backrun_tui.engine import Cue
from backrun_tui.live_session import StartRequest
from backrun_tui.model.kinds import Units
from backrun_tui.model.notation import parse
from backrun_tui.model.plan import Workout
from backrun_tui.store import Config, Paths
from backrun_tui.store.config import SoundConfig
from backrun_tui.store.library import Library
from backrun_tui.ui.app import BackrunApp
from backrun_tui.ui.screens.run import RunScreen
from backrun_tui.ui.theme import theme_names

T0 = 1000.0
STARTED = datetime(2026, 11, 30, 7, 15, 0, tzinfo=timezone(timedelta(hours=1)))


class FrozenWall:
    """Calendar time that moves only with the manual clock, to the second."""

    def __init__(self, clock: ManualClock) -> None:
        self.clock = clock

    def __call__(self) -> datetime:
        return STARTED + timedelta(seconds=round(self.clock.awake() - T0))


class RecordedCues:
    def __init__(self) -> None:
        self.played: list[Cue] = []
        self.silenced = 0
        self.settings: list[tuple[SoundConfig, Units]] = []

    def play(self, cue: Cue) -> None:
        self.played.append(cue)

    def silence(self) -> None:
        self.silenced += 1

    def apply(self, sound: SoundConfig, units: Units) -> None:
        self.settings.append((sound, units))


def make_app(
    notation: str | None = None,
    *,
    clock: ManualClock | None = None,
    config: Config | None = None,
    name: str = "Intervals",
    time_scale: float = 1.0,
    config_poll: float = 2.0,
) -> BackrunApp:
    """The app as `backrun run --plan NOTATION` opens it (or the home screen, without one)."""
    clock = clock or ManualClock(T0)
    start = None
    if notation is not None:
        start = StartRequest(Workout(name=name, plan=parse(notation)), time_scale)
    return BackrunApp(
        config or Config(weight_kg=70, get_ready_s=0),
        Library(Paths.default()),
        start=start,
        clock=clock,
        wall=FrozenWall(clock),
        cues=RecordedCues(),
        config_poll=config_poll,
    )


def app_over_file(home: Path, text: str | None = None, config_poll: float = 0.05) -> BackrunApp:
    """The app as `backrun` starts it over a config.toml holding `text` (none: no file)."""
    if text is not None:
        home.mkdir(parents=True, exist_ok=True)
        (home / "config.toml").write_text(text, encoding="utf-8")
    library = Library(Paths.default())
    loaded = library.config(theme_names())
    clock = ManualClock(T0)
    return BackrunApp(
        loaded.items,
        library,
        config_problems=loaded.problems,
        clock=clock,
        wall=FrozenWall(clock),
        cues=RecordedCues(),
        config_poll=config_poll,
    )


async def at(pilot: Pilot[None], clock: ManualClock, seconds: float) -> RunScreen:
    """The run screen settled at `seconds` after T0 on the manual clock."""
    clock.set(T0 + seconds)
    screen = pilot.app.screen
    assert isinstance(screen, RunScreen)
    screen.sync()
    await pilot.pause()
    return screen
