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
import gc
import signal
import sys
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from textual import on
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive

from backrun_tui import present
from backrun_tui.clock import Clock, SystemClock
from backrun_tui.store.config import Config
from backrun_tui.store.errors import StoreError
from backrun_tui.store.library import Library, Stamp
from backrun_tui.ui.screens.home import HomeScreen
from backrun_tui.ui.theme import BACKRUN_THEMES, kind_variables, theme_names

# What the home screen does not show loads after its first paint (see
# benchmarks/startup.py): the sound player and cues, the run screen, the live session.
if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.command import Provider
    from textual.driver import Driver

    from backrun_tui.audio.cues import CuePlayer
    from backrun_tui.audio.player import AudioPlayer
    from backrun_tui.live_session import StartRequest
    from backrun_tui.store.config_edit import ConfigSaved

#: How often config.toml is looked at for changes made while backrun runs.
CONFIG_POLL_SECONDS = 2.0
#: How long `backrun run` waits for the sound player before starting anyway.
PLAYER_WAIT_SECONDS = 3.0


def _screen_commands() -> type[Provider]:
    """The palette's commands from each screen's own keys, loaded when the palette opens."""
    from backrun_tui.ui.commands import ScreenCommands

    return ScreenCommands


class BackrunApp(App[None]):
    TITLE = "backrun"
    SUB_TITLE = "backward and forward treadmill intervals"
    COMMANDS = App.COMMANDS | {_screen_commands}
    # The home screen's style sheet is read with the App's, in the one parse before the
    # first paint: read when the screen is first shown, every sheet would be parsed again.
    CSS_PATH = ["screens/home.tcss"]
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
        recover: bool = True,
        start: StartRequest | None = None,
        clock: Clock | None = None,
        wall: Callable[[], datetime] | None = None,
        cues: CuePlayer | None = None,
        config_poll: float = CONFIG_POLL_SECONDS,
    ) -> None:
        super().__init__()
        self.set_reactive(BackrunApp.config, config)
        self._start_in_theme(config.theme)
        self.library = library
        self.problems = problems or []
        self.config_problems = config_problems or []
        """What was wrong with config.toml when the app started (defaults stand in), until
        the settings are saved; then what is still wrong (keys backrun does not know)."""
        self.config_backup_due = bool(self.config_problems)
        """The file had problems at start: the first save keeps it as config.toml.bak."""
        self.recover = recover
        """Whether to recover the sessions of backruns that died, once the home screen
        shows: every backrun does, so that a session is never left behind."""
        self.start_request = start
        self.clock = clock or SystemClock()
        self.wall = wall or _local_now
        self.config_poll = config_poll
        self.quit_after_session = False
        """The runner asked to quit during a session: backrun ends after its finish screen."""
        self._config_seen: Stamp | None = None
        self.player: AudioPlayer | None = None
        self._cues = cues

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver for the terminal, with an input thread that sleeps between keys
        where Textual's own is for Linux and macOS (see ui/driver.py)."""
        driver = super().get_driver_class()
        if sys.platform == "win32":
            return driver  # Textual's Windows driver (the Linux one does not even import)
        from textual.drivers.linux_driver import LinuxDriver

        if driver is LinuxDriver:
            from backrun_tui.ui.driver import QuietInputDriver

            return QuietInputDriver
        return driver

    def _start_in_theme(self, name: str) -> None:
        """Start in the theme the settings name, set before the style sheets are first
        read: set once the App runs, it would have them all read again before the first
        paint. (Later changes go through `_use_theme`.)"""
        for theme in BACKRUN_THEMES:
            self.register_theme(theme)
        name = self._known_theme(name)
        self.set_reactive(App.theme, name)
        dark = self.current_theme.dark
        self.stylesheet.set_variables(self.get_css_variables())
        self.set_class(dark, "-dark-mode", update=False)
        self.set_class(not dark, "-light-mode", update=False)
        self.set_class(True, f"-theme-{name}", update=False)

    @property
    def cues(self) -> CuePlayer:
        """Who sounds the cues: the CuePlayer given to the App, or the sound player, made
        and started when first asked for (just after the first paint, at the latest)."""
        if self._cues is None:
            from backrun_tui.audio.cues import SoundCues
            from backrun_tui.audio.files import sound_dir
            from backrun_tui.audio.player import AudioPlayer

            self.player = AudioPlayer(sound_dir(), on_failure=self._audio_failed)
            config = self.config
            self._cues = SoundCues(self.player, self.bell, config.sound, config.units)
            self.player.start()
        return self._cues

    class AudioFailed(Message):
        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    def _audio_failed(self, reason: str) -> None:
        # Called from the player's thread, or this one: post_message is safe from both.
        self.post_message(self.AudioFailed(reason))

    @on(AudioFailed)
    def _tell_audio_failed(self, event: AudioFailed) -> None:
        from backrun_tui.ui.screens.run import RunScreen

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

    def get_default_screen(self) -> HomeScreen:
        # The home screen is the bottom of the stack, laid out and painted once: pushed
        # over Textual's blank default screen, both would be, before the first paint.
        return HomeScreen()

    def on_mount(self) -> None:
        """Show the home screen at once; what it does not show follows its first paint."""
        self._handle_signals()
        self._config_seen = self.library.config_stamp()
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
            # Straight to a session from the command line: the home screen is not what
            # the runner waits for, so everything starts now, the session last.
            self._after_first_paint()
        else:
            self.call_after_refresh(self._after_first_paint)

    def _after_first_paint(self) -> None:
        """What the home screen does not show, started once it is on the screen: the sound
        player (ready for the first cue), the look at config.toml for outside changes, the
        recovery of sessions whose backrun died, and a session asked for on the command
        line (once the player is ready, so that its first cue is heard; then this runs
        from `on_mount`, before the first paint)."""
        if not gc.isenabled():  # held off by the `backrun` command until the first paint
            gc.freeze()  # what start-up made lives as long as the app: never scan it again
            gc.enable()
        self.set_interval(self.config_poll, self._poll_config)
        _ = self.cues
        if self.recover:
            self._recover()
        if self.start_request is not None:
            request = self.start_request
            if self.player is not None and not self.player.ready.is_set():
                self.run_worker(self._start_when_ready(request), group="start")
            else:
                self.run_workout(request)

    def _recover(self) -> None:
        """Turn the checkpoints of sessions whose backrun died into interrupted sessions,
        and say so."""
        loaded = self.library.recover(self.wall())
        for record in loaded.items:
            started = record.started_at.strftime("%a %d %b %H:%M")
            self.notify(
                f"{present.plain(record.workout)} ({started}) did not end properly; it is in "
                "your history as interrupted, up to its last save.",
                title="Recovered a session",
                severity="warning",
                timeout=12,
                markup=False,
            )
        for problem in loaded.problems:
            self.notify(
                str(problem),
                title="Could not recover a session",
                severity="error",
                timeout=12,
                markup=False,
            )

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
        from backrun_tui.ui.screens.run import RunScreen

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
        if self._cues is not None:  # else made later, with the settings then in use
            self._cues.apply(config.sound, config.units)
        self._use_theme(config.theme)

    def _use_theme(self, name: str) -> None:
        self.theme = self._known_theme(name)

    def search_themes(self) -> None:
        """The command palette's list of themes ("Change the current theme"), where the one
        chosen is also saved in the settings: Textual's own list only switches to it."""
        from textual.command import CommandPalette

        from backrun_tui.ui.commands import SavedThemes

        self.push_screen(CommandPalette(providers=[SavedThemes], placeholder="Search for themes…"))

    def keep_theme(self, name: str) -> None:
        """Switch to theme `name` and save it in the settings, as the settings screen does:
        backrun starts in it next time. A save that fails is said, and the theme is used
        until backrun ends."""
        if name == self.config.theme:
            self._use_theme(name)
            return
        try:
            self.update_config(replace(self.config, theme=name), save=True)
        except (OSError, StoreError, ValueError) as problem:
            self._use_theme(name)
            self.notify(
                f"theme not saved, in use until backrun ends: {problem}",
                title="Settings",
                severity="error",
                timeout=10,
                markup=False,
            )
            return
        self.notify(f"saved: theme {name}", title="Settings", timeout=4, markup=False)

    def _known_theme(self, name: str) -> str:
        # The settings were checked against these names when read; this is for safety only.
        return name if name in self.available_themes else BACKRUN_THEMES[0].name

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
        from backrun_tui.live_session import LiveSession
        from backrun_tui.ui.screens.run import RunScreen

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
        from backrun_tui.live_session import StartRequest

        self.run_workout(StartRequest(event.entry.workout))


def _local_now() -> datetime:
    """The wall clock sessions are stamped with (`live_session.local_now`), loaded when
    first needed."""
    from backrun_tui.live_session import local_now

    return local_now()
