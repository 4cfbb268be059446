"""The run screen: the workout, second by second, readable from the belt.

It shows what the LiveSession says, plays the cues it hands over, passes on the runner's
keys, and sleeps until the next thing to show; the session itself decides everything
else (what is recorded, when it is saved).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
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
from backrun_tui.ui.widgets.timeline import Timeline, segments

FLASH_SECONDS = 0.6
#: Textual's one-shot timer drops a delay too short to measure (and fails on zero), which
#: would freeze the screen until a key is pressed: never wait less than this.
MIN_TIMER_DELAY = 0.001


class RunScreen(BackrunScreen[None]):
    CSS_PATH = "run.tcss"
    BINDINGS = [
        Binding("space", "toggle_pause", "Pause", id="run.pause", tooltip="Pause / resume"),
        Binding("n", "skip", "Skip", id="run.skip", tooltip="Skip interval"),
        Binding("p", "back", "Back", id="run.back", tooltip="Back to the interval's start"),
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
        Binding("m", "mute", "Mute", id="run.mute", tooltip="Mute cues"),
        Binding("q,escape", "stop", "Stop", id="run.stop", tooltip="Stop session"),
    ]

    class Saved(Message):
        """A save of the session ended, well or not (posted from the writer's thread)."""

        def __init__(self, result: SaveResult) -> None:
            super().__init__()
            self.result = result

    muted: reactive[bool] = reactive(False)
    """Cues are silent; the screen still flashes."""
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
            with Horizontal(id="top"):
                yield Label("", id="kind")
                yield Label("", id="label")
                yield Label("", id="round")
            yield Static("", id="banner")
            yield BigClock("0:00", id="clock")
            yield Label("", id="target")
            yield Label("", id="next")
            yield Timeline(segments(self.session.steps))
            with Horizontal(id="times"):
                yield Label("", id="elapsed")
                yield Label("", id="remaining")
            yield Static("", id="save-problem")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "config", self._config_changed, init=False)
        problem = self.session.start()
        if problem is not None:
            self.save_problem = f"⚠ {problem}"
        self.inhibitor.start()
        self.sync()

    def on_unmount(self) -> None:
        if self._wake is not None:
            self._wake.stop()
        self.inhibitor.stop()
        if not self.session.done:
            # Leaving mid-session (the app is quitting): the session is kept as stopped.
            self.session.finish()
            self.session.close()

    def _config_changed(self, config: Config) -> None:
        self.session.apply(config)
        self._show(self.session.snapshot())

    # --- time ----------------------------------------------------------------------------

    def sync(self) -> None:
        """Settle the session to now, sound and show it, and sleep until the next change."""
        events = self.session.tick()
        cues = [event for event in events if isinstance(event, Cue)]
        if not self.muted:
            for cue in cues:  # sound first: nothing on screen may make a cue late
                self.cues.play(cue)
        if any(cue.kind in (CueKind.INTERVAL_START, CueKind.FINISH) for cue in cues):
            self._flash()
        for event in events:
            if isinstance(event, Slept):
                self.asleep_for = event.seconds
        snap = self.session.snapshot()
        self._show(snap)
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

    def _flash(self) -> None:
        self.add_class("-flash")
        self.set_timer(FLASH_SECONDS, lambda: self.remove_class("-flash"))

    # --- what is shown -------------------------------------------------------------------

    def _show(self, snap: Snapshot) -> None:
        """Show the snapshot, touching only what changed: once a second that is the digits,
        the times and the timeline, which repaint without a new layout."""
        step = snap.step
        units = self.backrun.config.units
        if self._kind is not step.kind:
            if self._kind is not None:
                self.remove_class(f"-kind-{self._kind.value}")
            self._kind = step.kind
            self.add_class(f"-kind-{step.kind.value}")
        paused = snap.phase is Phase.PAUSED
        if paused != self.has_class("-paused"):
            self.set_class(paused, "-paused")
        rounds = f"round {step.round[0]}/{step.round[1]}" if step.round else ""
        # These may change size, and change only at an interval's start or a pause.
        self._put("#kind", "PAUSED" if paused else step.kind.title, layout=True)
        self._put("#round", rounds, layout=True)
        self._put("#label", step.interval.label)
        self._put("#target", present.target(step, units))
        self._put("#next", present.next_line(snap.next_step, units))
        self._put("#elapsed", f"elapsed {display.clock_down(snap.elapsed)}")
        self._put("#remaining", f"to go {display.clock(snap.remaining)}")
        # Padded to the width the interval starts at, so the digits keep their size when
        # 10:00 becomes 9:59 (the big font's space is as wide as a digit).
        width = len(display.clock(snap.step_length))
        self.query_one("#clock", BigClock).text = display.clock(snap.step_remaining).rjust(width)
        self.query_one(Timeline).position = snap.progress
        self._show_banner(snap)

    def _put(self, selector: str, text: str, *, layout: bool = False) -> None:
        """Update a line of text if it changed; most keep their size, so no new layout."""
        if self._shown.get(selector) == text:
            return
        self._shown[selector] = text
        self.query_one(selector, Static).update(text, layout=layout)

    def _show_banner(self, snap: Snapshot) -> None:
        text, kind = "", ""
        if snap.phase is Phase.PAUSED and self.asleep_for:
            text, kind = present.asleep_banner(self.asleep_for), "paused"
        elif snap.phase is Phase.PAUSED:
            text, kind = "PAUSED — press space to go on", "paused"
        elif (warning := present.turnaround_banner(snap, self.backrun.config.units)) is not None:
            text, kind = warning, "turn"
        self._put("#banner", text)
        banner = self.query_one("#banner", Static)
        classes = f"-{kind}" if kind else ""
        if " ".join(sorted(banner.classes)) != classes:
            banner.set_classes(classes)

    def watch_save_problem(self, problem: str) -> None:
        widget = self.query_one("#save-problem", Static)
        widget.update(problem)
        widget.display = bool(problem)

    def watch_muted(self, muted: bool) -> None:
        self.sub_title = "muted" if muted else ""

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

    def action_toggle_pause(self) -> None:
        was_paused = self.session.phase is Phase.PAUSED
        self.session.toggle_pause()
        if was_paused:
            self.asleep_for = 0.0
        self.sync()

    def action_skip(self) -> None:
        self.session.skip()
        self.sync()

    def action_back(self) -> None:
        self.session.back()
        self.sync()

    def action_adjust(self, seconds: int) -> None:
        self.session.adjust(seconds)
        self.sync()

    def action_mute(self) -> None:
        self.muted = not self.muted
        if self.muted:
            self.cues.silence()
        self.notify("cues muted" if self.muted else "cues on", timeout=2)

    def action_stop(self) -> None:
        def answer(stop: bool | None) -> None:
            if stop:
                self.session.stop()
                self.sync()

        self.app.push_screen(
            ConfirmScreen("Stop this session? What you have done so far is kept."), answer
        )

    def _end(self) -> None:
        """Save the ended session before anything else shows, then the finish screen."""
        self.inhibitor.stop()
        saved = self.session.finish()
        self.app.switch_screen(FinishScreen(self.session, saved))
