"""A session under way, from its first second to its saved file: the one owner of its life.

No textual. The run screen asks a LiveSession what is happening and passes it the runner's
keys; the finish screen rates it and may save it elsewhere. Everything about what is
recorded, when it is saved and how a disk failure is borne lives here, so the whole
lifecycle is testable on a hand-moved clock without a screen.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from backrun_tui.clock import Clock
from backrun_tui.engine import Cue, CueKind, Engine, Event, Outcome, Phase, Snapshot
from backrun_tui.lead_in import LeadIn
from backrun_tui.live_record import live_record
from backrun_tui.model.notation import format_plan
from backrun_tui.model.plan import Plan, Step, Workout
from backrun_tui.model.session import SessionRecord, Status
from backrun_tui.model.totals import EnergyModel, interval_km, sum_known
from backrun_tui.store.checkpoints import SaveResult, SessionWriter
from backrun_tui.store.config import Config
from backrun_tui.store.sessions import new_session_id

#: A running session is saved at least this often, in session seconds.
CHECKPOINT_EVERY = 15.0
#: ...and its record is made at most this often in real seconds: a plan of thousands of
#: short intervals at ×1000 changes interval many times a second, and a record costs time
#: in proportion to its intervals. A due checkpoint waits for the gap, never for longer.
MIN_CHECKPOINT_REAL_GAP = 1.0
#: The screen is woken at most this often (real seconds), however fast a scaled run goes.
MIN_WAKE_GAP = 0.05

Wall = Callable[[], datetime]
Listener = Callable[[SaveResult], None]


def local_now() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


@dataclass(frozen=True)
class StartRequest:
    """A workout to run, and how: `backrun run`, the home screen, "run again"."""

    workout: Workout
    time_scale: float = 1.0
    get_ready: float | None = None
    """Seconds of lead-in; None for the settings' `get_ready_s`."""


class LiveSession:
    """One workout being run: the engine, the record it makes, and the writer that keeps it.

    `start()`, then `tick()` whenever the screen wakes, the commands as the runner presses
    keys, `finish()` when it is done (or stopped), `rate()` and `save_to()` after it, and
    `close()` last. The energy figure is worked out with the body weight and backward
    factor of the start (the record says which weight); every other setting comes through
    `apply()` and takes effect at once.

    With a lead-in (`get_ready` seconds, by default the config's `get_ready_s`), the session
    counts down before its first interval; space holds that countdown, `skip` ends it, and
    stopping during it abandons the session: nothing was done, so nothing is recorded.
    """

    def __init__(
        self,
        *,
        workout: str,
        plan: Plan,
        config: Config,
        clock: Clock,
        sessions_dir: Path,
        time_scale: float = 1.0,
        wall: Wall = local_now,
        get_ready: float | None = None,
    ) -> None:
        self.workout = workout
        self.plan = plan
        self.notation = format_plan(plan)
        self.energy: EnergyModel = config.energy_model()
        self.clock = clock
        self.wall = wall
        self.engine = Engine(
            plan.steps(),
            clock,
            time_scale=time_scale,
            turnaround_warning=config.sound.turnaround_warning_s,
        )
        lead = config.get_ready_s if get_ready is None else get_ready
        self.lead_in = LeadIn(lead, self.engine.steps[0], time_scale) if lead > 0 else None
        self._begun = self.lead_in is None  # the first interval has started
        self.abandoned = False
        """Stopped during the lead-in: nothing to record."""
        self._pending: list[Event] = []
        self.started_at = wall()
        self.id = new_session_id(self.started_at)
        self._listener: Listener | None = None
        self.writer = SessionWriter(sessions_dir, self.id, on_result=self._report)
        self._saved_at = 0.0  # session seconds at the last checkpoint
        self._saved_real: float | None = None  # awake time of the last checkpoint
        self._due = False  # a checkpoint is due and waits for MIN_CHECKPOINT_REAL_GAP
        self.final: SessionRecord | None = None
        """The record as saved at the end, with its rating once rated."""
        self.saved: SaveResult | None = None
        """How the last save of the session file went (None before the end)."""

    # --- life -----------------------------------------------------------------------------

    def listen(self, listener: Listener) -> None:
        """Have `listener` told how each checkpoint went, from the writer's thread."""
        self._listener = listener

    def _report(self, result: SaveResult) -> None:
        if self._listener is not None:
            self._listener(result)

    def start(self) -> str | None:
        """Take the session's lock and start the clock (or the lead-in); what keeps the
        session from being saved, or None.

        A folder that cannot be written does not stop the run: each checkpoint tries again.
        """
        problem = None
        try:
            self.writer.open()
        except OSError as exc:
            problem = f"cannot save to {self.writer.folder}: {exc.strerror or exc}"
        if self.lead_in is not None:
            self._pending = list(self.lead_in.start(self.clock.awake()))
        else:
            self.engine.start()
        return problem

    @property
    def in_lead_in(self) -> bool:
        return not self._begun and not self.abandoned

    def _begin(self, at: float | None = None) -> None:
        self._begun = True
        self.engine.start(at)

    def tick(self) -> list[Event]:
        """Bring the session up to now: the cues due since the last tick, in order.

        Saves a checkpoint at every interval change and at least every CHECKPOINT_EVERY
        session seconds.
        """
        events, self._pending = self._pending, []
        if self.in_lead_in and self.lead_in is not None:
            now = self.clock.awake()
            events += self.lead_in.poll(now)
            if not self.lead_in.finished(now):
                return events
            self._begin(self.lead_in.end)
        events += self.engine.poll()
        if self.done:
            return events
        self._due = self._due or self._checkpoint_due(events)
        now = self.clock.awake()
        if self._due and (
            self._saved_real is None or now - self._saved_real >= MIN_CHECKPOINT_REAL_GAP
        ):
            self.checkpoint()
        return events

    def _checkpoint_due(self, events: list[Event]) -> bool:
        elapsed = self.engine.elapsed(self.clock.awake())
        changed = any(isinstance(e, Cue) and e.kind is CueKind.INTERVAL_START for e in events)
        return changed or elapsed - self._saved_at >= CHECKPOINT_EVERY

    def checkpoint(self) -> None:
        """Save the session as it stands to its checkpoint (on the writer's thread)."""
        now = self.clock.awake()
        self._saved_at = self.engine.elapsed(now)
        self._saved_real, self._due = now, False
        self.writer.checkpoint(self.record())

    def apply(self, config: Config) -> None:
        """Take up changed settings while running."""
        self.engine.turnaround_warning = config.sound.turnaround_warning_s

    def finish(self) -> SaveResult:
        """Save the ended session (stopping it first if it is still going); waits for the disk."""
        if not self.done:
            self.engine.stop()
        self.final = self.record()
        return self._save_final()

    def rate(self, rpe: int | None, note: str) -> SaveResult:
        """Add the runner's rating and note to the saved session (or try its save again)."""
        self.final = replace(self._ended(), rpe=rpe, note=note)
        return self._save_final()

    def save_to(self, path: Path) -> SaveResult:
        """Save the session file at `path` instead (a folder gets the usual file name)."""
        self.saved = self.writer.save_to(self._ended(), path)
        return self.saved

    def close(self) -> None:
        """Let go of the lock and the writer's thread; nothing is saved after this."""
        self.writer.close()

    def discard(self) -> None:
        """End a session abandoned during its lead-in: nothing is saved."""
        self.abandoned = True
        self.writer.close()

    def _ended(self) -> SessionRecord:
        if self.final is None:
            raise RuntimeError("the session has not ended yet")
        return self.final

    def _save_final(self) -> SaveResult:
        self.saved = self.writer.finish(self._ended())
        return self.saved

    # --- commands -------------------------------------------------------------------------

    def toggle_pause(self) -> None:
        """Pause or go on; saved at once, so a pause survives a crash that follows it.

        During the lead-in this holds the countdown, or lets it go on.
        """
        if self.in_lead_in and self.lead_in is not None:
            now = self.clock.awake()
            if self.lead_in.held:
                self.lead_in.go_on(now)
            else:
                self.lead_in.hold(now)
            return
        self.engine.toggle_pause()
        self.checkpoint()

    def skip(self) -> None:
        """Go to the next interval now (from the lead-in: start the first one now)."""
        if self.in_lead_in:
            self._begin()
            return
        self.engine.skip()

    def back(self) -> None:
        if not self.in_lead_in:
            self.engine.back()

    def adjust(self, seconds: float) -> None:
        if not self.in_lead_in:
            self.engine.adjust(seconds)

    def stop(self) -> None:
        """End the session early; what was done is kept (during the lead-in, it is abandoned)."""
        if self.in_lead_in:
            self.abandoned = True
            return
        self.engine.stop()

    # --- questions ------------------------------------------------------------------------

    @property
    def steps(self) -> list[Step]:
        return self.engine.steps

    @property
    def time_scale(self) -> float:
        return self.engine.time_scale

    @property
    def phase(self) -> Phase:
        if self.in_lead_in and self.lead_in is not None:
            return Phase.PAUSED if self.lead_in.held else Phase.GET_READY
        return self.engine.phase

    @property
    def done(self) -> bool:
        return self.abandoned or self.engine.phase in (Phase.FINISHED, Phase.STOPPED)

    def snapshot(self) -> Snapshot:
        """What is happening now (after `tick`)."""
        if self.in_lead_in and self.lead_in is not None:
            left = self.lead_in.remaining(self.clock.awake())
            return Snapshot(
                phase=self.phase,
                index=0,
                step=self.steps[0],
                step_length=self.lead_in.seconds,
                step_elapsed=self.lead_in.seconds - left,
                step_remaining=left,
                elapsed=0.0,
                remaining=float(self.plan.total_seconds),
                next_step=self.steps[0],
                lead_in=True,
            )
        return self.engine.snapshot()

    def next_wake(self, snap: Snapshot) -> float | None:
        """Real seconds until something shown changes or a cue is due; None while paused.

        The countdown shows whole seconds rounded up and the elapsed time rounded down: the
        screen wakes when either turns over, or at the next cue, whichever comes first.
        """
        if self.in_lead_in and self.lead_in is not None:
            deadline = self.lead_in.next_deadline()
        else:
            deadline = self.engine.next_deadline()
        if deadline is None:
            return None
        now = self.clock.awake()
        turn = min(_until_ceil_changes(snap.step_remaining), _until_floor_changes(snap.elapsed))
        repaint_at = now + max(turn / self.time_scale, MIN_WAKE_GAP)
        return max(min(deadline, repaint_at) - now, 0.0)

    def distance_km(self) -> float | None:
        """Distance covered so far; None when no interval has a speed."""
        actual = self.engine.actual_seconds(self.clock.awake())
        return sum_known(
            [interval_km(s.interval, a) for s, a in zip(self.steps, actual, strict=True)]
        )

    def status(self) -> Status:
        """Completed when the plan ran to its end with at least one interval done in full;
        a run whose every interval was skipped was not completed."""
        phase = self.engine.phase
        if phase is Phase.FINISHED:
            done = any(log.outcome is Outcome.COMPLETED for log in self.engine.logs)
            return Status.COMPLETED if done else Status.STOPPED
        if phase is Phase.STOPPED:
            return Status.STOPPED
        return Status.RUNNING

    def record(self) -> SessionRecord:
        """The session as it stands, ready to be saved."""
        return live_record(
            self.engine,
            session_id=self.id,
            workout=self.workout,
            notation=self.notation,
            planned_seconds=self.plan.total_seconds,
            started_at=self.started_at,
            updated_at=self.wall(),
            status=self.status(),
            energy=self.energy,
        )


def _until_ceil_changes(value: float) -> float:
    """Time until ceil(value) changes as value falls (the countdown's next second)."""
    step = value - math.floor(value)
    return step if step > 1e-9 else 1.0


def _until_floor_changes(value: float) -> float:
    """Time until floor(value) changes as value grows (the elapsed time's next second)."""
    step = math.ceil(value) - value
    return step if step > 1e-9 else 1.0
