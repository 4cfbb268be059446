"""What the app does once its home screen is on the screen: recover the sessions of
backruns that died (and say so), start the sound player, and only then start a session
asked for on the command line."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from textual.events import ScreenResume
from textual.pilot import Pilot

from backrun_tui.live_session import StartRequest
from backrun_tui.model.notation import parse
from backrun_tui.model.plan import Workout
from backrun_tui.model.session import Status
from backrun_tui.store import Config, Paths
from backrun_tui.store.checkpoints import SessionWriter
from backrun_tui.store.library import Library
from backrun_tui.store.sessions import read_session
from backrun_tui.ui.app import BackrunApp
from backrun_tui.ui.screens.home import HomeScreen
from backrun_tui.ui.screens.run import RunScreen
from tests.store.test_checkpoints import ID, running_record
from tests.ui.apps import RecordedCues

#: Pauses of the pilot before giving up on something the app does in a thread.
PATIENCE = 400


def left_behind(home: Path) -> Path:
    """A checkpoint of a backrun that died mid-session; the session file it becomes."""
    sessions = home / "sessions"
    with SessionWriter(sessions, ID) as writer:
        writer.checkpoint(running_record())
    assert (sessions / ".running" / f"{ID}.toml").exists()
    return sessions / f"{ID}.toml"


class Told:
    """Records the app's notices, by title."""

    def __init__(self, app: BackrunApp) -> None:
        self.notices: list[tuple[str, str]] = []
        app.notify = self._notify  # type: ignore[method-assign]

    def _notify(self, message: str, *, title: str = "", **_: object) -> None:
        self.notices.append((title, message))

    def titled(self, title: str) -> list[str]:
        return [message for told, message in self.notices if told == title]


async def wait_for(pilot: Pilot[None], done: object) -> None:
    for _ in range(PATIENCE):
        if callable(done) and done():
            return
        await pilot.pause(0.02)
    raise AssertionError("the app did not get there")


async def test_a_session_left_behind_is_recovered_and_told_after_the_first_paint(
    backrun_home: Path,
) -> None:
    saved = left_behind(backrun_home)
    app = BackrunApp(Config(), Library(Paths.default()), recover=True, cues=RecordedCues())
    told = Told(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: told.titled("Recovered a session"))
        assert isinstance(app.screen, HomeScreen)
        [notice] = told.titled("Recovered a session")
    assert "did not end properly; it is in your history as interrupted" in notice
    assert read_session(saved).status is Status.INTERRUPTED
    assert not (backrun_home / "sessions" / ".running" / f"{ID}.toml").exists()


async def test_without_recover_nothing_left_behind_is_touched(backrun_home: Path) -> None:
    saved = left_behind(backrun_home)
    app = BackrunApp(Config(), Library(Paths.default()), recover=False, cues=RecordedCues())
    told = Told(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.1)
    assert told.titled("Recovered a session") == []
    assert not saved.exists()


async def test_a_run_from_the_command_line_starts_after_recovery(backrun_home: Path) -> None:
    saved = left_behind(backrun_home)
    workout = Workout("From the command line", parse("1m fwd @9"))
    app = BackrunApp(
        Config(get_ready_s=0),
        Library(Paths.default()),
        recover=True,
        start=StartRequest(workout),
        cues=RecordedCues(),
    )
    told = Told(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, RunScreen))
        run = app.screen
        assert isinstance(run, RunScreen)
        # Recovered before the new session began, and the new one left running.
        assert read_session(saved).status is Status.INTERRUPTED
        assert len(told.titled("Recovered a session")) == 1
        running = backrun_home / "sessions" / ".running"
        await wait_for(pilot, lambda: list(running.glob("*.toml")))
        assert [path.stem for path in running.glob("*.toml")] == [run.session.id]


async def test_the_sound_player_is_made_after_the_first_paint(backrun_home: Path) -> None:
    app = BackrunApp(Config(), Library(Paths.default()))
    assert app.player is None  # nothing of it before the app runs
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.player is not None)
        player = app.player
        assert player is not None
        assert player.pid is not None or player.failure is not None
        assert isinstance(app.screen, HomeScreen)


async def test_the_garbage_collector_held_off_for_start_up_is_on_after_the_first_paint(
    backrun_home: Path,
) -> None:
    gc.disable()  # as the `backrun` command does (backrun_tui.__main__)
    try:
        app = BackrunApp(Config(), Library(Paths.default()), cues=RecordedCues())
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for(pilot, gc.isenabled)
            assert isinstance(app.screen, HomeScreen)
            assert gc.get_freeze_count() > 0  # what start-up made is not scanned again
    finally:
        gc.unfreeze()
        gc.enable()


async def test_an_app_started_with_the_collector_on_leaves_it_alone(backrun_home: Path) -> None:
    app = BackrunApp(Config(), Library(Paths.default()), cues=RecordedCues())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.1)
        assert gc.isenabled()
        assert gc.get_freeze_count() == 0


async def test_the_home_screen_is_styled_once_before_its_first_paint(
    backrun_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    restyled: list[str] = []
    restyle = HomeScreen.update_node_styles

    def spy(self: HomeScreen, animate: bool = True) -> None:
        restyled.append("home")
        restyle(self, animate)

    monkeypatch.setattr(HomeScreen, "update_node_styles", spy)
    app = BackrunApp(Config(), Library(Paths.default()), recover=False, cues=RecordedCues())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        # Styled as it was put together; coming on the screen the first time adds nothing.
        assert restyled == []
        assert home.query_one("#workouts").has_focus
        # Any later resume that asks for it is restyled as Textual does it.
        home.post_message(ScreenResume())
        await pilot.pause()
        assert restyled == ["home"]
