"""The run screen: the workout, second by second, readable from the belt."""

from __future__ import annotations

import math
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Label, Static

from backrun_tui.cues import CuePlayer
from backrun_tui.engine import Cue, CueKind, Phase, Slept, Snapshot
from backrun_tui.inhibit import SleepInhibitor
from backrun_tui.model import display
from backrun_tui.model.kinds import Kind, Units
from backrun_tui.model.plan import Step
from backrun_tui.session import SessionRunner
from backrun_tui.store.checkpoints import SaveResult, SessionWriter
from backrun_tui.ui.screens.confirm import ConfirmScreen
from backrun_tui.ui.screens.finish import FinishScreen
from backrun_tui.ui.widgets.bigclock import BigClock
from backrun_tui.ui.widgets.timeline import Timeline

#: The screen repaints at most this often, however fast a time-scaled run goes.
MIN_REPAINT_GAP = 0.05
FLASH_SECONDS = 0.6
MIN_TIMER_DELAY = 0.001


class RunScreen(Screen[None]):
    CSS_PATH = "run.tcss"
    BINDINGS = [
        Binding("space", "toggle_pause", "Pause", id="run.pause"),
        Binding("n", "skip", "Skip", id="run.skip"),
        Binding("p", "back", "Back", id="run.back"),
        Binding("plus,equals_sign", "adjust(10)", "+10s", key_display="+", id="run.plus"),
        Binding("minus,underscore", "adjust(-10)", "−10s", key_display="−", id="run.minus"),
        Binding("m", "mute", "Mute", id="run.mute"),
        Binding("q,escape", "stop", "Stop", id="run.stop"),
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

    def __init__(self, runner: SessionRunner, sessions_dir: Path, cues: CuePlayer) -> None:
        super().__init__()
        self.runner = runner
        self.cues = cues
        # post_message is thread-safe: the writer's thread reports through it without
        # waiting for this thread, which may itself be waiting for the writer.
        self.writer = SessionWriter(sessions_dir, runner.id, on_result=self._post_saved)
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
            yield Timeline([(s.kind.value, s.seconds) for s in self.runner.engine.steps])
            with Horizontal(id="times"):
                yield Label("", id="elapsed")
                yield Label("", id="remaining")
            yield Static("", id="save-problem")
        yield Footer()

    def on_mount(self) -> None:
        try:
            self.writer.open()
        except OSError as exc:
            self.save_problem = f"⚠ cannot save to {self.writer.folder}: {exc.strerror or exc}"
        self.inhibitor.start()
        self.runner.engine.start()
        self.sync()

    def on_unmount(self) -> None:
        if self._wake is not None:
            self._wake.stop()
        self.inhibitor.stop()
        if not self.runner.done:
            # Leaving mid-session (the app is quitting): the session is kept as stopped.
            self.runner.engine.stop()
            self.writer.finish(self.runner.record())
            self.writer.close()

    # --- time ----------------------------------------------------------------------------

    def sync(self) -> None:
        """Settle the session to now, show it, and sleep until the next thing to show."""
        runner = self.runner
        events = runner.poll()
        cues = [event for event in events if isinstance(event, Cue)]
        if not self.muted:
            for cue in cues:  # sound first: nothing on screen may make a cue late
                self.cues.play(cue)
        if any(cue.kind in (CueKind.INTERVAL_START, CueKind.FINISH) for cue in cues):
            self._flash()
        for event in events:
            if isinstance(event, Slept):
                self.asleep_for = event.seconds
        if runner.checkpoint_due(events):
            self.writer.checkpoint(runner.record())
        snap = runner.engine.snapshot()
        self._show(snap)
        if runner.done:
            self._end()
            return
        self._schedule(snap)

    def _schedule(self, snap: Snapshot) -> None:
        if self._wake is not None:
            self._wake.stop()
            self._wake = None
        engine = self.runner.engine
        deadline = engine.next_deadline()
        if deadline is None:
            return  # paused: nothing moves until a key is pressed
        now = engine.clock.awake()
        # The countdown shows whole seconds rounded up, the elapsed time rounded down: wake
        # when either of them turns over, or at the next cue, whichever is first.
        turn = min(_until_ceil_changes(snap.step_remaining), _until_floor_changes(snap.elapsed))
        repaint_at = now + max(turn / engine.time_scale, MIN_REPAINT_GAP)
        # Never below a millisecond: Textual's one-shot timer drops a delay too short to
        # measure (and fails on zero), which would freeze the screen until a key is pressed.
        delay = max(min(deadline, repaint_at) - now, MIN_TIMER_DELAY)
        self._wake = self.set_timer(delay, self.sync)

    def _flash(self) -> None:
        self.add_class("-flash")
        self.set_timer(FLASH_SECONDS, lambda: self.remove_class("-flash"))

    # --- what is shown -------------------------------------------------------------------

    def _show(self, snap: Snapshot) -> None:
        """Show the snapshot, touching only what changed: once a second that is the digits,
        the times and the timeline, which repaint without a new layout."""
        step = snap.step
        units = self.runner.config.units
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
        self._put("#target", _target(step, units))
        self._put("#next", _next(snap.next_step, units))
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
            text = (
                f"paused: the computer was asleep for {_spoken(self.asleep_for)}"
                " — press space to go on"
            )
            kind = "paused"
        elif snap.phase is Phase.PAUSED:
            text, kind = "PAUSED — press space to go on", "paused"
        elif (warning := self._turnaround(snap)) is not None:
            text, kind = warning, "turn"
        self._put("#banner", text)
        banner = self.query_one("#banner", Static)
        classes = f"-{kind}" if kind else ""
        if " ".join(sorted(banner.classes)) != classes:
            banner.set_classes(classes)

    def _turnaround(self, snap: Snapshot) -> str | None:
        nxt = snap.next_step
        warn = self.runner.engine.turnaround_warning
        if nxt is None or warn <= 0 or nxt.kind.is_backward == snap.step.kind.is_backward:
            return None
        if snap.step_remaining > warn:
            return None
        target = _target(nxt, self.runner.config.units)
        seconds = math.ceil(snap.step_remaining)
        slow = " — slow the belt first" if nxt.interval.speed else ""
        return (
            f"TURN AROUND in {seconds} s — next {nxt.kind.title}"
            f"{', ' + target if target else ''}{slow}"
        )

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
        was_paused = self.runner.phase is Phase.PAUSED
        self.runner.engine.toggle_pause()
        if was_paused:
            self.asleep_for = 0.0
        self.writer.checkpoint(self.runner.record())
        self.sync()

    def action_skip(self) -> None:
        self.runner.engine.skip()
        self.sync()

    def action_back(self) -> None:
        self.runner.engine.back()
        self.sync()

    def action_adjust(self, seconds: int) -> None:
        self.runner.engine.adjust(seconds)
        self.sync()

    def action_mute(self) -> None:
        self.muted = not self.muted
        if self.muted:
            self.cues.silence()
        self.notify("cues muted" if self.muted else "cues on", timeout=2)

    def action_stop(self) -> None:
        def answer(stop: bool | None) -> None:
            if stop:
                self.runner.engine.stop()
                self.sync()

        self.app.push_screen(
            ConfirmScreen("Stop this session? What you have done so far is kept."), answer
        )

    def _end(self) -> None:
        """Save the finished session before anything else shows, then the finish screen."""
        self.inhibitor.stop()
        record = self.runner.record()
        result = self.writer.finish(record)
        self.app.switch_screen(FinishScreen(self.runner, self.writer, record, result))


def _until_ceil_changes(value: float) -> float:
    """Time until ceil(value) changes as value falls (the countdown's next second)."""
    step = value - math.floor(value)
    return step if step > 1e-9 else 1.0


def _until_floor_changes(value: float) -> float:
    """Time until floor(value) changes as value grows (the elapsed time's next second)."""
    step = math.ceil(value) - value
    return step if step > 1e-9 else 1.0


def _target(step: Step, units: Units) -> str:
    interval = step.interval
    parts = []
    if interval.speed is not None:
        parts.append(display.speed(interval.speed.kmh, units))
    if interval.incline_pct is not None:
        parts.append(f"incline {display.incline(interval.incline_pct)}")
    return " · ".join(parts)


def _next(step: Step | None, units: Units) -> str:
    if step is None:
        return "next: finish"
    target = _target(step, units)
    return f"next: {step.kind.title} {display.clock(step.seconds)}" + (
        f" at {target}" if target else ""
    )


def _spoken(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}m{secs:02d}s" if minutes else f"{secs}s"
