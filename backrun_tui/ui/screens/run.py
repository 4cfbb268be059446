"""The run screen: the workout, second by second, readable from the belt.

It shows what the LiveSession says, plays the cues it hands over, passes on the runner's
keys, and sleeps until the next thing to show; the session itself decides everything
else (what is recorded, when it is saved). Keys are safe on a moving belt: anything that
ends the session asks first, and capitals work as well as small letters.
"""

from __future__ import annotations

import gc

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.scalar import Unit
from textual.events import Resize
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Footer, Label, Static

from backrun_tui import present
from backrun_tui.audio.cues import CuePlayer
from backrun_tui.engine_types import Cue, CueKind, Phase, Slept, Snapshot
from backrun_tui.inhibit import SleepInhibitor
from backrun_tui.live_session import LiveSession
from backrun_tui.model import display
from backrun_tui.model.kinds import Kind
from backrun_tui.store.checkpoints import SaveResult
from backrun_tui.store.config import Config
from backrun_tui.ui.screens.base import BackrunScreen
from backrun_tui.ui.screens.confirm import ConfirmScreen
from backrun_tui.ui.screens.finish import FinishScreen
from backrun_tui.ui.widgets.bigclock import BigClock
from backrun_tui.ui.widgets.readout import Readout
from backrun_tui.ui.widgets.timeline import Timeline, segments

FLASH_SECONDS = 0.6
#: Textual's one-shot timer drops a delay too short to measure (and fails on zero), which
#: would freeze the screen until a key is pressed: never wait less than this.
MIN_TIMER_DELAY = 0.001
#: Below this many rows the step after next is not shown: the digits need the room.
ROWS_FOR_AFTER_NEXT = 30


class RunScreen(BackrunScreen[None]):
    CSS_PATH = "run.tcss"
    BINDINGS = [
        Binding("space,enter", "pause", "Pause", id="run.pause", tooltip="Pause"),
        Binding("space,enter", "resume", "Resume", id="run.resume", tooltip="Resume"),
        Binding("n,N", "skip", "Skip", id="run.skip", tooltip="Skip interval"),
        Binding("p,P", "back", "Back", id="run.back", tooltip="Back to the interval's start"),
        Binding(
            "plus,equals_sign",
            "adjust(10)",
            "+10s",
            key_display="+",
            id="run.plus",
            tooltip="Ten seconds more",
        ),
        Binding(
            "minus,underscore",
            "adjust(-10)",
            "−10s",
            key_display="−",
            id="run.minus",
            tooltip="Ten seconds less",
        ),
        Binding("m,M", "mute", "Mute", id="run.mute", tooltip="Mute cues"),
        Binding("m,M", "unmute", "Unmute", id="run.unmute", tooltip="Unmute cues"),
        Binding("q,Q,escape", "stop", "Stop", id="run.stop", tooltip="Stop session"),
    ]

    class Saved(Message):
        """A save of the session ended, well or not (posted from the writer's thread)."""

        def __init__(self, result: SaveResult) -> None:
            super().__init__()
            self.result = result

    muted: reactive[bool] = reactive(False, init=False)
    """Cues are silent; the screen still flashes. (No watcher call at first read: the
    Footer of the screen below may ask `check_action` before this one is composed.)"""
    asleep_for: reactive[float] = reactive(0.0)
    """Seconds the computer slept, while the session waits for space after it."""
    save_problem: reactive[str] = reactive("")
    """Why the last save failed, or empty when saving works."""

    def __init__(self, session: LiveSession, cues: CuePlayer) -> None:
        super().__init__()
        self.session = session
        self.cues = cues
        # post_message is thread-safe: the writer's thread reports through it without
        # waiting for this thread, which may itself be waiting for the writer.
        session.listen(self._post_saved)
        self.inhibitor = SleepInhibitor()
        self._wake: Timer | None = None
        self._kind: Kind | None = None
        self._shown: dict[str, str] = {}

    def _post_saved(self, result: SaveResult) -> None:
        self.post_message(self.Saved(result))

    def compose(self) -> ComposeResult:
        with Vertical(id="run"):
            # The lines above the clock change only with the interval or the state: in a
            # container of their own, they are left out of the screen's work each second.
            with Vertical(id="head"):
                with Horizontal(id="top"):
                    yield Label("", id="kind", markup=False)
                    yield Label("", id="label", markup=False)
                    yield Label("", id="round", markup=False)
                yield Static("", id="status", markup=False)
                yield Static("", id="banner", markup=False)
            yield BigClock("0:00", id="clock")
            yield Label("", id="target", markup=False)
            yield Label("", id="next", markup=False)
            yield Label("", id="after", markup=False)
            yield Timeline(segments(self.session.steps))
            with Horizontal(id="times"):
                yield Readout(id="elapsed")
                yield Readout(id="distance")
                yield Readout(id="remaining")
            yield Static("", id="save-problem", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        # What a tick updates, found once: a query each second is work for nothing.
        lines: list[Static | Readout] = [*self.query(Static), *self.query(Readout)]
        self._lines = {f"#{line.id}": line for line in lines if line.id}
        self._run = self.query_one("#run", Vertical)
        self._clock = self.query_one("#clock", BigClock)
        self._timeline = self.query_one(Timeline)
        self.watch(self.app, "config", self._config_changed, init=False)
        self.watch(self.app, "audio_problem", self._show_status, init=False)
        problem = self.session.start()
        if problem is not None:
            self.save_problem = f"⚠ {problem}"
        self._keep_awake(self.backrun.config)
        self._show_status()
        self.sync()
        # Everything made so far lives as long as the session: the garbage collector's
        # full passes, every so often, need not go over it again and again while it runs.
        gc.freeze()

    def on_unmount(self) -> None:
        gc.unfreeze()  # what the session let go of is collected as usual again
        if self._wake is not None:
            self._wake.stop()
        self.inhibitor.stop()
        if self.session.in_lead_in:
            self.session.discard()
        elif not self.session.done:
            # Leaving mid-session (the app is quitting, or was told to by a signal): the
            # session is kept as stopped, with everything done up to this moment.
            self.session.finish()
            self.session.close()

    def _config_changed(self, config: Config) -> None:
        self.session.apply(config)
        self._keep_awake(config)
        self._show(self.session.snapshot())

    def _keep_awake(self, config: Config) -> None:
        """Hold the computer awake while the session runs, if the settings ask for it."""
        if config.keep_awake and not self.session.done:
            self.inhibitor.start()
        else:
            self.inhibitor.stop()

    def on_resize(self, event: Resize) -> None:
        self.query_one("#after").display = event.size.height >= ROWS_FOR_AFTER_NEXT

    # --- time ----------------------------------------------------------------------------

    def sync(self) -> None:
        """Settle the session to now, sound and show it, and sleep until the next change."""
        events = self.session.tick()
        cues = [event for event in events if isinstance(event, Cue)]
        if not self.muted:
            for cue in cues:  # sound first: nothing on screen may make a cue late
                self.cues.play(cue)
        flash = any(cue.kind in (CueKind.INTERVAL_START, CueKind.FINISH) for cue in cues)
        if flash:
            self.set_timer(FLASH_SECONDS, lambda: self._run.remove_class("-flash"))
        for event in events:
            if isinstance(event, Slept):
                self.asleep_for = event.seconds
        snap = self.session.snapshot()
        self._show(snap, flash=flash)
        if self.session.done:
            self._end()
            return
        self._schedule(snap)

    def _schedule(self, snap: Snapshot) -> None:
        if self._wake is not None:
            self._wake.stop()
            self._wake = None
        delay = self.session.next_wake(snap)
        if delay is not None:  # None: paused, nothing moves until a key is pressed
            self._wake = self.set_timer(max(delay, MIN_TIMER_DELAY), self.sync)

    # --- what is shown -------------------------------------------------------------------

    def _show(self, snap: Snapshot, *, flash: bool = False) -> None:
        """Show the snapshot, touching only what changed: once a second that is the digits,
        the times and the timeline, which repaint without a new layout. With `flash`, the
        screen flashes the new kind's colour (an interval started, or the session ended)."""
        step = snap.step
        units = self.backrun.config.units
        self._set_state(snap, flash)
        # These may change size, and change only at an interval's start or a pause.
        self._put("#kind", present.kind_line(snap), layout=True)
        self._put("#round", "" if snap.lead_in else present.rounds_line(step), layout=True)
        self._put("#label", "" if snap.lead_in else present.plain(step.interval.label))
        self._put("#target", present.target(step, units))
        self._put("#next", self._next_text(snap))
        self._put("#after", self._after_text(snap))
        self._put("#elapsed", f"elapsed {display.clock_down(snap.elapsed)}")
        distance = self.session.distance_km()
        self._put("#distance", "" if distance is None else display.distance(distance, units))
        self._put("#remaining", f"to go {display.clock(snap.remaining)}")
        # Padded to the width the interval starts at, so the digits keep their size when
        # 10:00 becomes 9:59 (the big font's space is as wide as a digit).
        width = len(display.clock(snap.step_length))
        self._clock.text = display.clock(snap.step_remaining).rjust(width)
        self._timeline.position = snap.progress
        self._show_banner(snap)

    def _set_state(self, snap: Snapshot, flash: bool) -> None:
        """The classes of #run for the kind, pause, lead-in and flash, restyled at once.

        They are on #run, which holds all that they colour, not on the screen: a restyle goes
        over every widget under the node whose classes change (the Footer too, from the
        screen). An interval start changes the kind and flashes: one restyle, not three.
        """
        classes = set(self._run.classes) - {"-paused", "-lead-in"}
        if self._kind is not None:
            classes.discard(f"-kind-{self._kind.value}")
        self._kind = snap.step.kind
        classes.add(f"-kind-{snap.step.kind.value}")
        if snap.phase is Phase.PAUSED:
            classes.add("-paused")
        if snap.lead_in:
            classes.add("-lead-in")
        if flash:
            classes.add("-flash")
        if classes != self._run.classes:
            self._run.set_classes(classes)

    def _next_text(self, snap: Snapshot) -> str:
        units = self.backrun.config.units
        if snap.lead_in:
            return present.next_line(snap.step, units, heading="first")
        return present.next_line(snap.next_step, units)

    def _after_text(self, snap: Snapshot) -> str:
        """The step after the next one, or nothing."""
        steps = self.session.steps
        index = snap.index + (1 if snap.lead_in else 2)
        if index >= len(steps) or (not snap.lead_in and snap.next_step is None):
            return ""
        return present.next_line(steps[index], self.backrun.config.units, heading="then")

    def _put(self, selector: str, text: str, *, layout: bool = False) -> None:
        """Update a line of text if it changed; most keep their size, so no new layout.

        With `layout`, the line is as wide as its text (`width: auto`): the screen is laid out
        again only if the new text makes it wider or narrower. A kind word shorter than the
        kind bar's min-width, or `round 3/6` after `round 2/6`, keeps the width it had.
        """
        if self._shown.get(selector) == text:
            return
        self._shown[selector] = text
        line = self._lines[selector]
        if layout:
            layout = self._auto_width(line, text) != line.outer_size.width
        line.update(text, layout=layout)

    @staticmethod
    def _auto_width(line: Static | Readout, text: str) -> int | None:
        """How wide a line of `width: auto` is with `text` (one line of text, its padding
        and border, no less than a min-width in cells), or None when that takes Textual's
        own layout to say (several lines, a min-width in other units, a max-width, line
        padding, content-box sizing)."""
        styles = line.styles
        min_width = styles.min_width
        if (
            "\n" in text
            or (min_width is not None and min_width.unit is not Unit.CELLS)
            or styles.max_width is not None
            or styles.line_pad
            or styles.box_sizing != "border-box"
        ):
            return None
        width = cell_len(text) + styles.gutter.width
        return width if min_width is None else max(width, int(min_width.value))

    def _show_banner(self, snap: Snapshot) -> None:
        text, kind = "", ""
        if snap.lead_in:
            text, kind = present.lead_in_banner(snap), "ready"
        elif snap.phase is Phase.PAUSED and self.asleep_for:
            text, kind = present.asleep_banner(self.asleep_for), "paused"
        elif snap.phase is Phase.PAUSED:
            text, kind = "PAUSED — space or Enter to go on", "paused"
        elif (warning := present.turnaround_banner(snap, self.backrun.config.units)) is not None:
            text, kind = warning, "turn"
        self._put("#banner", text)
        banner = self._lines["#banner"]
        classes = f"-{kind}" if kind else ""
        if " ".join(sorted(banner.classes)) != classes:
            banner.set_classes(classes)

    def _show_status(self) -> None:
        """The lasting states, where no notice can cover the target: mute, no sound, scale."""
        parts = []
        if self.muted:
            parts.append("MUTED (m to unmute)")
        if self.backrun.audio_problem:
            parts.append(f"NO SOUND: {self.backrun.audio_problem}")
        if self.session.time_scale != 1:
            parts.append(f"×{self.session.time_scale:g} time")
        status = self.query_one("#status", Static)
        status.update(" · ".join(parts))
        status.display = bool(parts)

    def watch_save_problem(self, problem: str) -> None:
        widget = self.query_one("#save-problem", Static)
        widget.update(problem)
        widget.display = bool(problem)

    def watch_muted(self) -> None:
        self._show_status()
        self.refresh_bindings()

    @on(Saved)
    def _saved(self, event: Saved) -> None:
        result = event.result
        if result.ok:
            self.save_problem = ""
        else:
            self.save_problem = (
                f"⚠ saving failed: {result.error} — the session is kept in memory and saving"
                " is tried again at the next checkpoint"
            )

    # --- keys -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show Pause or Resume, Mute or Unmute: whichever the key does now."""
        paused = self.session.phase is Phase.PAUSED
        shown = {
            "pause": not paused,
            "resume": paused,
            "mute": not self.muted,
            "unmute": self.muted,
        }
        return shown.get(action, True)

    def action_pause(self) -> None:
        self._toggle_pause()

    def action_resume(self) -> None:
        self._toggle_pause()
        self.asleep_for = 0.0

    def _toggle_pause(self) -> None:
        self.session.toggle_pause()
        self.sync()
        self.refresh_bindings()

    def action_skip(self) -> None:
        snap = self.session.snapshot()
        if snap.lead_in or snap.next_step is not None:
            self.session.skip()
            self.sync()
            return

        def answer(skip: bool | None) -> None:
            if skip:
                self.session.skip()
                self.sync()

        self.app.push_screen(
            ConfirmScreen("Skip the last interval? That ends the session."), answer
        )

    def action_back(self) -> None:
        self.session.back()
        self.sync()

    def action_adjust(self, seconds: int) -> None:
        self.session.adjust(seconds)
        self.sync()

    def action_mute(self) -> None:
        self.muted = True
        self.cues.silence()

    def action_unmute(self) -> None:
        self.muted = False

    def action_stop(self) -> None:
        self.ask_to_stop()

    def ask_to_stop(self, *, then_quit: bool = False) -> None:
        """Ask before ending the session early; with `then_quit`, backrun ends after it."""
        if self.session.in_lead_in:
            question = "Leave before the first interval? Nothing is recorded."
        else:
            question = "Stop this session? What you have done so far is kept."

        def answer(stop: bool | None) -> None:
            if not stop:
                return
            if then_quit:
                self.backrun.quit_after_session = True
            self.session.stop()
            self.sync()

        self.app.push_screen(ConfirmScreen(question), answer)

    def _end(self) -> None:
        """Save the ended session before anything else shows, then the finish screen."""
        self.inhibitor.stop()
        if self.session.abandoned:
            self.session.discard()
            if self.backrun.quit_after_session:
                self.app.exit()
            else:
                self.dismiss()
            return
        saved = self.session.finish()
        self.app.switch_screen(FinishScreen(self.session, saved))
