"""A session under way: the engine, its record, and when that record is saved.

No textual: the run screen drives a SessionRunner and shows what it says, so everything
about what gets recorded and when is testable on a hand-moved clock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from backrun_tui.clock import Clock
from backrun_tui.engine import Cue, CueKind, Engine, Event, Outcome, Phase
from backrun_tui.model.kinds import Kind
from backrun_tui.model.notation import format_plan
from backrun_tui.model.plan import Plan
from backrun_tui.model.session import (
    IntervalOutcome,
    IntervalRecord,
    PauseRecord,
    SessionRecord,
    Status,
)
from backrun_tui.model.totals import interval_kcal, interval_km, sum_known
from backrun_tui.store.config import Config
from backrun_tui.store.sessions import new_session_id

#: A running session is saved at least this often, in session seconds.
CHECKPOINT_EVERY = 15.0

Wall = Callable[[], datetime]


def local_now() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


class SessionRunner:
    """One workout being run: commands go to the engine, the record follows."""

    def __init__(
        self,
        *,
        workout: str,
        plan: Plan,
        config: Config,
        clock: Clock,
        time_scale: float = 1.0,
        wall: Wall = local_now,
    ) -> None:
        self.workout = workout
        self.plan = plan
        self.notation = format_plan(plan)
        self.config = config
        self.wall = wall
        self.engine = Engine(
            plan.steps(),
            clock,
            time_scale=time_scale,
            turnaround_warning=config.sound.turnaround_warning_s,
        )
        self.started_at = wall()
        self.id = new_session_id(self.started_at)
        self.rpe: int | None = None
        self.note = ""
        self._saved_at = 0.0  # session seconds at the last checkpoint

    # --- the session ----------------------------------------------------------------------

    def poll(self) -> list[Event]:
        return self.engine.poll()

    @property
    def phase(self) -> Phase:
        return self.engine.phase

    @property
    def done(self) -> bool:
        return self.engine.phase in (Phase.FINISHED, Phase.STOPPED)

    def checkpoint_due(self, events: list[Event]) -> bool:
        """Whether to save now: at every interval change, and at least every 15 s."""
        elapsed = self.engine.elapsed(self.engine.clock.awake())
        changed = any(isinstance(e, Cue) and e.kind is CueKind.INTERVAL_START for e in events)
        if changed or elapsed - self._saved_at >= CHECKPOINT_EVERY:
            self._saved_at = elapsed
            return True
        return False

    # --- the record -----------------------------------------------------------------------

    def status(self) -> Status:
        phase = self.engine.phase
        if phase is Phase.FINISHED:
            return Status.COMPLETED
        if phase is Phase.STOPPED:
            return Status.STOPPED
        return Status.RUNNING

    def record(self) -> SessionRecord:
        """The session as it stands, ready to be saved."""
        engine = self.engine
        now = engine.clock.awake()  # one reading: every figure is of the same moment
        actual = engine.actual_seconds(now)
        under_way = engine.snapshot().index if not self.done else None
        energy = self.config.energy_model()
        intervals = []
        for i, (log, seconds) in enumerate(zip(engine.logs, actual, strict=True)):
            step = log.step
            interval = step.interval
            intervals.append(
                IntervalRecord(
                    index=step.index,
                    kind=interval.kind,
                    planned_seconds=interval.seconds,
                    actual_seconds=seconds,
                    outcome=_outcome(log.outcome, seconds, under_way=i == under_way),
                    speed_kmh=interval.speed.kmh if interval.speed else None,
                    incline_pct=interval.incline_pct,
                    label=interval.label,
                    adjusted_seconds=log.adjusted,
                )
            )
        steps = [log.step for log in engine.logs]
        by_kind = dict.fromkeys(Kind, 0.0)
        for step, seconds in zip(steps, actual, strict=True):
            by_kind[step.kind] += seconds
        return SessionRecord(
            id=self.id,
            workout=self.workout,
            plan=self.notation,
            started_at=self.started_at,
            updated_at=self.wall(),
            status=self.status(),
            time_scale=engine.time_scale,
            planned_seconds=self.plan.total_seconds,
            active_seconds=engine.elapsed(now),
            paused_seconds=engine.paused_seconds(now),
            backward_seconds=by_kind[Kind.BACKWARD],
            forward_seconds=by_kind[Kind.FORWARD],
            distance_km=sum_known(
                [interval_km(s.interval, a) for s, a in zip(steps, actual, strict=True)]
            ),
            energy_kcal=sum_known(
                [interval_kcal(s.interval, a, energy) for s, a in zip(steps, actual, strict=True)]
            ),
            weight_kg=energy.weight_kg,
            intervals=tuple(intervals),
            pauses=tuple(PauseRecord(p.at, p.seconds, p.reason) for p in engine.pauses),
            rpe=self.rpe,
            note=self.note,
        )


def _outcome(outcome: Outcome, actual: float, *, under_way: bool) -> IntervalOutcome:
    if outcome is Outcome.COMPLETED:
        return IntervalOutcome.COMPLETED
    if outcome is Outcome.SKIPPED:
        return IntervalOutcome.SKIPPED
    if outcome is Outcome.STOPPED or under_way or actual > 0:
        # Under way now, or left part-done with "back": if the session ends here, this
        # interval was stopped part of the way through.
        return IntervalOutcome.STOPPED
    return IntervalOutcome.NOT_REACHED
