"""What a session under way has done so far, as a SessionRecord ready to be saved.

Pure: read from the engine at one moment, so every figure in a record is of that moment.
"""

from __future__ import annotations

from datetime import datetime

from backrun_tui.engine import Engine, Outcome, Phase
from backrun_tui.model.kinds import Kind
from backrun_tui.model.session import (
    IntervalOutcome,
    IntervalRecord,
    PauseRecord,
    SessionRecord,
    Status,
)
from backrun_tui.model.totals import EnergyModel, interval_kcal, interval_km, sum_known


def live_record(
    engine: Engine,
    *,
    session_id: str,
    workout: str,
    notation: str,
    planned_seconds: int,
    started_at: datetime,
    updated_at: datetime,
    status: Status,
    energy: EnergyModel,
) -> SessionRecord:
    """The session as the engine has it now: planned against actual, pauses, totals."""
    now = engine.clock.awake()  # one reading: every figure is of the same moment
    actual = engine.actual_seconds(now)
    done_yet = engine.phase not in (Phase.FINISHED, Phase.STOPPED)
    under_way = engine.snapshot().index if done_yet else None
    intervals = []
    for i, (log, seconds) in enumerate(zip(engine.logs, actual, strict=True)):
        interval = log.step.interval
        intervals.append(
            IntervalRecord(
                index=log.step.index,
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
    done = list(zip(steps, actual, strict=True))
    # A pause under way is recorded as it stands, so a crash during it keeps it.
    ongoing = engine.ongoing_pause(now)
    pauses = [*engine.pauses, *([ongoing] if ongoing is not None else [])]
    return SessionRecord(
        id=session_id,
        workout=workout,
        plan=notation,
        started_at=started_at,
        updated_at=updated_at,
        status=status,
        time_scale=engine.time_scale,
        planned_seconds=planned_seconds,
        active_seconds=engine.elapsed(now),
        paused_seconds=engine.paused_seconds(now),
        backward_seconds=by_kind[Kind.BACKWARD],
        forward_seconds=by_kind[Kind.FORWARD],
        distance_km=sum_known([interval_km(s.interval, a) for s, a in done]),
        energy_kcal=sum_known([interval_kcal(s.interval, a, energy) for s, a in done]),
        weight_kg=energy.weight_kg,
        intervals=tuple(intervals),
        pauses=tuple(PauseRecord(p.at, p.seconds, p.reason) for p in pauses),
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
