"""The backrun App: the settings in use, the library on disk, and the moves between screens.

The App never hunts for files: the command line makes the Library and reads the settings,
and hands both over. `config` is the one source of the settings: `update_config` changes
it (and saves it, when asked), and every screen that shows something the settings decide
watches it.

The top-level sections (home, and the screens pushed from it) are pushed screens, not
Textual MODES: a runner is in one place at a time, a session under way must never be left
running in a background mode, and Escape always leads back the way they came.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal

from textual import on
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive

from backrun_tui import present
from backrun_tui.audio.cues import CuePlayer, SoundCues
from backrun_tui.audio.files import sound_dir
from backrun_tui.audio.player import AudioPlayer
from backrun_tui.clock import Clock, SystemClock
from backrun_tui.live_session import LiveSession, StartRequest, Wall, local_now
from backrun_tui.model.session import SessionRecord
from backrun_tui.store import Config, ConfigSaved, StoreError
from backrun_tui.store.library import Library, Stamp
from backrun_tui.ui.commands import ScreenCommands
from backrun_tui.ui.screens.home import HomeScreen
from backrun_tui.ui.screens.run import RunScreen
from backrun_tui.ui.theme import BACKRUN_THEMES, kind_variables, theme_names

#: How often config.toml is looked at for changes made while backrun runs.
CONFIG_POLL_SECONDS = 2.0
#: How long `backrun run` waits for the sound player before starting anyway.
PLAYER_WAIT_SECONDS = 3.0


class BackrunApp(App[None]):
    TITLE = "backrun"
    SUB_TITLE = "backward and forward treadmill intervals"
    COMMANDS = App.COMMANDS | {ScreenCommands}
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", id="app.quit", show=False)]

    config: reactive[Config] = reactive(Config, init=False)
    """The settings in use: change them with `update_config`; screens watch this."""
    audio_problem: reactive[str] = reactive("")
    """Why the cues cannot be heard, in the runner's words; empty while sound works."""

    def __init__(
        self,
        config: Config,
        library: Library,
        *,
        problems: list[StoreError] | None = None,
        config_problems: list[StoreError] | None = None,
        recovered: list[SessionRecord] | None = None,
        start: StartRequest | None = None,
        clock: Clock | None = None,
        wall: Wall = local_now,
        cues: CuePlayer | None = None,
        config_poll: float = CONFIG_POLL_SECONDS,
    ) -> None:
        super().__init__()
        self.set_reactive(BackrunApp.config, config)
        self.library = library
        self.problems = problems or []
        self.config_problems = config_problems or []
        """What was wrong with config.toml when the app started (defaults stand in), until
        the settings are saved; then what is still wrong (keys backrun does not know)."""
        self.config_backup_due = bool(self.config_problems)
        """The file had problems at start: the first save keeps it as config.toml.bak."""
        self.recovered = recovered or []
        self.start_request = start
        self.clock = clock or SystemClock()
        self.wall = wall
        self.config_poll = config_poll
        self.quit_after_session = False
        """The runner asked to quit during a session: backrun ends after its finish screen."""
        self._config_seen: Stamp | None = None
        self.player: AudioPlayer | None = None
        if cues is None:
            self.player = AudioPlayer(sound_dir(), on_failure=self._audio_failed)
            cues = SoundCues(self.player, self.bell, config.sound, config.units)
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
        self.audio_problem = present.sound_problem(event.reason)
        if isinstance(self.screen, RunScreen):
            return  # shown there as a lasting state, where no notice covers the target
        self.notify(
            f"{self.audio_problem}. Cues use the terminal bell and the screen flash.",
            title="No sound",
            severity="warning",
            timeout=15,
            markup=False,
        )

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # Any theme (the palette can switch to Textual's own) gets the kind colours.
        return {**super().get_theme_variable_defaults(), **kind_variables()}

    def on_mount(self) -> None:
        self._handle_signals()
        self._config_seen = self.library.config_stamp()
        self.set_interval(self.config_poll, self._poll_config)
        if self.player is not None:
            self.player.start()  # now, so that it is ready for the first cue
        for theme in BACKRUN_THEMES:
            self.register_theme(theme)
        self._use_theme(self.config.theme)
        self.push_screen(HomeScreen())
        for record in self.recovered:
            started = record.started_at.strftime("%a %d %b %H:%M")
            self.notify(
                f"{present.plain(record.workout)} ({started}) did not end properly; it is in "
                "your history as interrupted, up to its last save.",
                title="Recovered a session",
                severity="warning",
                timeout=12,
                markup=False,
            )
        for problem in self.config_problems:
            self.notify(
                f"{problem}; the default is used",
                title="Settings",
                severity="error",
                timeout=12,
                markup=False,
            )
        self.tell_problems(self.problems)
        if self.start_request is not None:
            request = self.start_request
            if self.player is not None and not self.player.ready.is_set():
                # Straight from the command line: give the player a moment to load, so the
                # first interval's cue is heard.
                self.run_worker(self._start_when_ready(request), group="start")
            else:
                self.run_workout(request)

    def tell_problems(self, problems: list[StoreError]) -> None:
        for problem in problems:
            self.notify(
                str(problem), title="Skipped a file", severity="error", timeout=12, markup=False
            )

    async def _start_when_ready(self, request: StartRequest) -> None:
        if self.player is not None:
            await asyncio.to_thread(self.player.ready.wait, PLAYER_WAIT_SECONDS)
        self.run_workout(request)

    def _handle_signals(self) -> None:
        """End as the quit key does when told to by a signal (the terminal closed, a kill):
        a session under way is saved as stopped and the terminal is restored."""
        loop = asyncio.get_running_loop()
        for name in ("SIGTERM", "SIGHUP"):
            signum = getattr(signal, name, None)  # Windows has no SIGHUP
            if signum is None:
                continue
            with contextlib.suppress(NotImplementedError, ValueError):
                loop.add_signal_handler(signum, self.exit, None, 128 + signum)

    async def action_quit(self) -> None:
        """Quit; during a session, ask first and go through the finish screen."""
        for screen in self.screen_stack:
            if isinstance(screen, RunScreen) and not screen.session.done:
                screen.ask_to_stop(then_quit=True)
                return
        self.exit()

    # --- settings -------------------------------------------------------------------------

    def update_config(self, config: Config, *, save: bool = False) -> ConfigSaved | None:
        """Use `config` from now on, everywhere; with `save`, write the settings that
        changed to config.toml first, and say what was written.

        Saving raises what `Library.save_config` raises (OSError, StoreError, ValueError),
        and then nothing changes. A saved file is not taken for an edit made outside
        backrun. The first save over a file that had problems at start keeps it as
        config.toml.bak.
        """
        saved = None
        if save:
            saved, self._config_seen = self.library.save_config(
                config, themes=theme_names(), backup=self.config_backup_due
            )
            self.config_backup_due = False
            self.config_problems = self.library.config(theme_names()).problems
        self.config = config
        return saved

    def watch_config(self, config: Config) -> None:
        self.cues.apply(config.sound, config.units)
        self._use_theme(config.theme)

    def _use_theme(self, name: str) -> None:
        # The settings were checked against these names when read; this is for safety only.
        self.theme = name if name in self.available_themes else BACKRUN_THEMES[0].name

    def _poll_config(self) -> None:
        """Take up changes made to config.toml outside backrun while it runs."""
        stamp = self.library.config_stamp()
        if stamp == self._config_seen:
            return
        self._config_seen = stamp
        loaded = self.library.config(theme_names())
        if loaded.problems:
            for problem in loaded.problems:
                self.notify(
                    f"{problem}; the settings in use are kept",
                    title="Settings",
                    severity="error",
                    markup=False,
                )
            return
        self.update_config(loaded.items)
        self.notify("settings reloaded from config.toml", title="Settings", timeout=3)

    # --- sessions -------------------------------------------------------------------------

    def on_unmount(self) -> None:
        if self.player is not None:
            self.player.close()

    def run_workout(self, request: StartRequest) -> None:
        session = LiveSession(
            workout=request.workout.name,
            plan=request.workout.plan,
            config=self.config,
            clock=self.clock,
            sessions_dir=self.library.paths.sessions_dir,
            time_scale=request.time_scale,
            wall=self.wall,
            get_ready=request.get_ready,
        )
        self.push_screen(RunScreen(session, self.cues))

    @on(HomeScreen.StartWorkout)
    def _start(self, event: HomeScreen.StartWorkout) -> None:
        self.run_workout(StartRequest(event.entry.workout))
