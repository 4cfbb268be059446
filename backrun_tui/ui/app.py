"""The backrun App: holds what the command line loaded, and moves between the screens.

The App never hunts for files: the command line reads settings and workouts and hands them
over; the screens save sessions through the writer they are given.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from textual import on
from textual.app import App
from textual.binding import Binding
from textual.message import Message

from backrun_tui.audio.files import sound_dir
from backrun_tui.audio.player import AudioPlayer
from backrun_tui.clock import Clock, SystemClock
from backrun_tui.cues import CuePlayer, SoundCues
from backrun_tui.model.plan import Workout
from backrun_tui.model.session import SessionRecord
from backrun_tui.session import SessionRunner, Wall, local_now
from backrun_tui.store import Config, Paths, StoreError, load_config
from backrun_tui.store.workouts import WorkoutEntry
from backrun_tui.ui.commands import BackrunCommands
from backrun_tui.ui.screens.home import HomeScreen
from backrun_tui.ui.screens.run import RunScreen
from backrun_tui.ui.theme import BACKRUN_DARK, BACKRUN_LIGHT, kind_variables

#: How often config.toml is looked at for changes made while backrun runs.
CONFIG_CHECK_SECONDS = 2.0
#: How long `backrun run` waits for the sound player before starting anyway.
PLAYER_WAIT_SECONDS = 3.0


@dataclass(frozen=True)
class StartRequest:
    """Open straight on the run screen with this workout (`backrun run`)."""

    workout: Workout
    time_scale: float = 1.0


class BackrunApp(App[None]):
    TITLE = "backrun"
    SUB_TITLE = "backward and forward treadmill intervals"
    COMMANDS = App.COMMANDS | {BackrunCommands}
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", id="app.quit", show=False)]

    def __init__(
        self,
        config: Config,
        paths: Paths,
        *,
        workouts: list[WorkoutEntry] | None = None,
        problems: list[StoreError] | None = None,
        recovered: list[SessionRecord] | None = None,
        start: StartRequest | None = None,
        clock: Clock | None = None,
        wall: Wall = local_now,
        cues: CuePlayer | None = None,
    ) -> None:
        super().__init__()
        self.config = config
        self.paths = paths
        self.workouts = workouts or []
        self.problems = problems or []
        self.recovered = recovered or []
        self.start_request = start
        self.clock = clock or SystemClock()
        self.wall = wall
        self.player: AudioPlayer | None = None
        if cues is None:
            self.player = AudioPlayer(sound_dir(), on_failure=self._audio_failed)
            cues = SoundCues(self.player, self.bell, lambda: (self.config.sound, self.config.units))
        self.cues = cues

    class AudioFailed(Message):
        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    def _audio_failed(self, reason: str) -> None:
        # Called from the player's thread, or this one: post_message is safe from both.
        self.post_message(self.AudioFailed(reason))

    @on(AudioFailed)
    def _tell_audio_failed(self, event: AudioFailed) -> None:
        self.notify(
            f"{event.reason}. Cues now use the terminal bell and the screen flash.",
            title="No sound",
            severity="warning",
            timeout=15,
        )

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # Any theme (the palette can switch to Textual's own) gets the kind colours.
        return {**super().get_theme_variable_defaults(), **kind_variables()}

    def on_mount(self) -> None:
        self._config_seen = self._config_stamp()
        self.set_interval(CONFIG_CHECK_SECONDS, self._watch_config)
        if self.player is not None:
            self.player.start()  # now, so that it is ready for the first cue
        self.register_theme(BACKRUN_DARK)
        self.register_theme(BACKRUN_LIGHT)
        self.theme = BACKRUN_DARK.name
        self.push_screen(HomeScreen(self.workouts, self.config.units, self.config.energy_model()))
        for record in self.recovered:
            started = record.started_at.strftime("%a %d %b %H:%M")
            self.notify(
                f"{record.workout} ({started}) did not end properly; it is in your history "
                "as interrupted, up to its last save.",
                title="Recovered a session",
                severity="warning",
                timeout=12,
            )
        for problem in self.problems:
            self.notify(str(problem), title="Skipped a file", severity="error", timeout=12)
        if self.start_request is not None:
            request = self.start_request
            if self.player is not None and not self.player.ready.is_set():
                # Straight from the command line: give the player a moment to load, so the
                # first interval's cue is heard.
                self.run_worker(self._start_when_ready(request), group="start")
            else:
                self.run_workout(request.workout, request.time_scale)

    async def _start_when_ready(self, request: StartRequest) -> None:
        if self.player is not None:
            await asyncio.to_thread(self.player.ready.wait, PLAYER_WAIT_SECONDS)
        self.run_workout(request.workout, request.time_scale)

    def _config_stamp(self) -> tuple[int, int] | None:
        try:
            stat = self.paths.config_file.stat()
        except OSError:
            return None
        return (stat.st_mtime_ns, stat.st_size)

    def _watch_config(self) -> None:
        """Take up changes to config.toml while running: sound settings apply at once."""
        stamp = self._config_stamp()
        if stamp == self._config_seen:
            return
        self._config_seen = stamp
        try:
            config = load_config(self.paths.config_file)
        except StoreError as exc:
            self.notify(f"{exc}; the settings in use are kept", title="Settings", severity="error")
            return
        self.apply_config(config)
        self.notify("settings reloaded from config.toml", title="Settings", timeout=3)

    def apply_config(self, config: Config) -> None:
        self.config = config
        for screen in self.screen_stack:
            if isinstance(screen, RunScreen):
                screen.runner.engine.turnaround_warning = config.sound.turnaround_warning_s

    def on_unmount(self) -> None:
        if self.player is not None:
            self.player.close()

    def run_workout(self, workout: Workout, time_scale: float = 1.0) -> None:
        runner = SessionRunner(
            workout=workout.name,
            plan=workout.plan,
            config=self.config,
            clock=self.clock,
            time_scale=time_scale,
            wall=self.wall,
        )
        self.push_screen(RunScreen(runner, self.paths.sessions_dir, self.cues))

    @on(HomeScreen.StartWorkout)
    def _start(self, event: HomeScreen.StartWorkout) -> None:
        self.run_workout(event.entry.workout)
