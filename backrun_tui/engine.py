"""The session state machine: given the steps of a plan and a clock, what is happening now.

Pure: no textual, no I/O; the clock is injected. State is answered from deadlines, never by
counting ticks, so a caller may poll as rarely or as late as it likes and still see the
truth. Times the caller sees (`Cue.at`, `next_deadline`) are readings of the awake clock;
everything recorded (step lengths, actual seconds, pauses) is in session seconds, which
run `time_scale` times faster than the clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from backrun_tui.clock import Clock
from backrun_tui.engine_types import (
    CUE_ORDER,
    Cue,
    CueKind,
    Event,
    Outcome,
    Pause,
    Phase,
    Slept,
    Snapshot,
    StepLog,
)
from backrun_tui.model.kinds import is_turn
from backrun_tui.model.plan import Step

__all__ = [
    "Cue",
    "CueKind",
    "Engine",
    "Event",
    "Outcome",
    "Pause",
    "Phase",
    "Slept",
    "Snapshot",
    "StepLog",
]

#: A gap of more than this many seconds between the awake clock and the sleep-counting
#: clock means the computer was suspended.
SLEEP_GAP_SECONDS = 5.0
#: Pressing "back" this soon (real seconds) after an interval began goes to the one before.
BACK_GRACE_SECONDS = 3.0
#: "−" shortens an interval to no less than this many session seconds left, so that however
#: often it is pressed it never runs into the next interval unannounced.
MIN_LEFT_AFTER_MINUS = 5.0
DEFAULT_TURNAROUND_WARNING = 10
HALFWAY_MIN_SECONDS = 60
COUNTDOWN_FROM = 3
#: Deadlines within a microsecond count as reached: converting between awake-clock and
#: session time in floating point may land a hair short of a deadline it was computed from.
EPSILON = 1e-6


@dataclass
class _Visit:
    """The current time in one interval: where it began and how long it is now."""

    index: int
    start: float
    length: float
    fired: set[tuple[CueKind, int]] = field(default_factory=set)

    @property
    def end(self) -> float:
        return self.start + self.length


class Engine:
    def __init__(
        self,
        steps: Sequence[Step],
        clock: Clock,
        *,
        time_scale: float = 1.0,
        turnaround_warning: int = DEFAULT_TURNAROUND_WARNING,
    ) -> None:
        if not steps:
            raise ValueError("a session needs at least one interval")
        if not 0 < time_scale <= 1000:
            raise ValueError("time_scale must be above 0 and at most 1000")
        self.steps = list(steps)
        self.clock = clock
        self.time_scale = time_scale
        self.turnaround_warning = turnaround_warning
        self.logs = [StepLog(step) for step in self.steps]
        self.pauses: list[Pause] = []
        self.phase = Phase.READY
        self._visit = _Visit(0, 0.0, float(self.steps[0].seconds))
        self._elapsed_before = 0.0  # session seconds banked before the current run
        self._anchor: float | None = None  # awake time the current run began
        self._paused_at: float | None = None
        self._pause_reason = "user"
        self._slept = 0.0
        self._last_awake = 0.0
        self._last_boot = 0.0
        self._pending: list[Cue] = []

    # --- time -----------------------------------------------------------------------------

    def elapsed(self, now: float) -> float:
        """Active session seconds at awake time `now`."""
        if self._anchor is None:
            return self._elapsed_before
        return self._elapsed_before + (now - self._anchor) * self.time_scale

    def _real(self, session: float) -> float:
        assert self._anchor is not None
        return self._anchor + (session - self._elapsed_before) / self.time_scale

    def _mark(self) -> float:
        now = self.clock.awake()
        self._last_awake, self._last_boot = now, self.clock.since_boot()
        return now

    # --- commands -------------------------------------------------------------------------

    def start(self, at: float | None = None) -> None:
        """Start the session now, or at awake time `at` (the end of a lead-in, just past)."""
        if self.phase is not Phase.READY:
            return
        now = self._mark()
        self._anchor = now if at is None else min(at, now)
        self.phase = Phase.RUNNING

    def pause(self, reason: str = "user") -> None:
        if self.phase is not Phase.RUNNING:
            return
        now = self.clock.awake()
        self._settle(now)
        if self.phase is not Phase.RUNNING:
            return
        self._freeze(now, reason)

    def resume(self) -> None:
        if self.phase is not Phase.PAUSED or self._paused_at is None:
            return
        now = self._mark()
        seconds = (now - self._paused_at) * self.time_scale + self._slept * self.time_scale
        self.pauses.append(Pause(self._elapsed_before, seconds, self._pause_reason))
        self._paused_at, self._slept = None, 0.0
        self._anchor = now
        self.phase = Phase.RUNNING

    def toggle_pause(self) -> None:
        if self.phase is Phase.READY:
            self.start()
        elif self.phase is Phase.RUNNING:
            self.pause()
        elif self.phase is Phase.PAUSED:
            self.resume()

    def skip(self) -> None:
        """End the current interval now and go to the next (or finish after the last)."""
        now = self._command()
        if now is None:
            return
        elapsed = self.elapsed(now)
        self._leave(elapsed, Outcome.SKIPPED)
        self._enter(self._visit.index + 1, elapsed)

    def back(self) -> None:
        """Restart the interval, or go to the one before if it began moments ago."""
        now = self._command()
        if now is None:
            return
        elapsed = self.elapsed(now)
        visit = self._visit
        in_step = elapsed - visit.start
        target = visit.index
        if in_step < BACK_GRACE_SECONDS * self.time_scale and visit.index > 0:
            target -= 1
        self._leave(elapsed, Outcome.PENDING)
        self._enter(target, elapsed)

    def adjust(self, seconds: float) -> None:
        """Lengthen (+) or shorten (-) the current interval.

        Shortening stops at MIN_LEFT_AFTER_MINUS session seconds left (or what is left, if
        less), so the interval never ends at the press of a key.
        """
        now = self._command()
        if now is None:
            return
        visit = self._visit
        in_step = self.elapsed(now) - visit.start
        left = visit.length - in_step
        new_length = max(visit.length + seconds, in_step + min(left, MIN_LEFT_AFTER_MINUS))
        self.logs[visit.index].adjusted += new_length - visit.length
        visit.length = new_length

    def stop(self) -> None:
        """End the session early; what was done is kept."""
        if self.phase not in (Phase.RUNNING, Phase.PAUSED):
            return
        now = self.clock.awake()
        self._settle(now)
        if self.phase in (Phase.FINISHED, Phase.STOPPED):
            return
        if self.phase is Phase.PAUSED:
            self.resume()
            now = self.clock.awake()
        self._leave(self.elapsed(now), Outcome.STOPPED)
        self._freeze(now, None)
        self.phase = Phase.STOPPED

    def _command(self) -> float | None:
        """Settle the state to now; the awake time, or None if commands do nothing now."""
        if self.phase not in (Phase.RUNNING, Phase.PAUSED):
            return None
        now = self.clock.awake()
        self._settle(now)
        return now if self.phase in (Phase.RUNNING, Phase.PAUSED) else None

    def _settle(self, now: float) -> None:
        # Commands act on the true state: catch up with deadlines passed since the last
        # poll, and keep their cues for the next poll so that none is lost.
        self._pending.extend(self._advance(now))

    def _freeze(self, now: float, reason: str | None) -> None:
        self._elapsed_before = self.elapsed(now)
        self._anchor = None
        if reason is not None:
            self._paused_at = now
            self._pause_reason = reason
            self.phase = Phase.PAUSED

    def _leave(self, elapsed: float, outcome: Outcome) -> None:
        visit = self._visit
        log = self.logs[visit.index]
        log.actual += elapsed - visit.start
        if outcome is not Outcome.PENDING:
            log.outcome = outcome

    def _enter(self, index: int, at: float) -> None:
        if index >= len(self.steps):
            self._visit = _Visit(len(self.steps) - 1, at, 0.0)
            self._elapsed_before, self._anchor = at, None
            self.phase = Phase.FINISHED
            return
        self._visit = _Visit(index, at, float(self.steps[index].seconds))

    # --- time passing ---------------------------------------------------------------------

    def poll(self) -> list[Event]:
        """Bring the state up to now; the cues that fell due since the last poll, in order."""
        now = self.clock.awake()
        boot = self.clock.since_boot()
        slept = (boot - self._last_boot) - (now - self._last_awake)
        self._last_awake, self._last_boot = now, boot
        events: list[Event] = [*self._pending, *self._advance(now)]
        self._pending.clear()
        if self.phase is Phase.RUNNING and slept > SLEEP_GAP_SECONDS:
            # The awake clock stood still while the computer slept, so freezing at `now`
            # freezes the session where the sleep began; nothing due during it is fired.
            self._freeze(now, "sleep")
            self._slept = slept
            events.append(Slept(slept, now))
        return events

    def _advance(self, now: float) -> list[Cue]:
        """Fire the cues due by `now` and pass every interval end up to it."""
        fired: list[Cue] = []
        while self.phase is Phase.RUNNING:
            visit = self._visit
            for cue in self._visit_cues(visit):
                key = (cue.kind, cue.count)
                if cue.at <= now + EPSILON and key not in visit.fired:
                    visit.fired.add(key)
                    fired.append(cue)
            if self.elapsed(now) < visit.end - EPSILON:
                break
            end_at = self._real(visit.end)
            self._leave(visit.end, Outcome.COMPLETED)
            self._enter(visit.index + 1, visit.end)
            if visit.index + 1 == len(self.steps):
                fired.append(Cue(CueKind.FINISH, end_at, self.steps[visit.index]))
        return fired

    def _visit_cues(self, visit: _Visit) -> list[Cue]:
        """Every cue of one interval visit, in order, in awake-clock time."""
        step = self.steps[visit.index]
        end = visit.end

        def cue(kind: CueKind, at: float, about: Step, count: int = 0) -> Cue:
            return Cue(kind, self._real(at), about, count, end - at)

        cues = [cue(CueKind.INTERVAL_START, visit.start, step)]
        after = self._turn_after(visit.index)
        if after is not None:
            warn_at = max(end - self.turnaround_warning, visit.start)
            cues.append(cue(CueKind.TURNAROUND, warn_at, after))
        if visit.length >= HALFWAY_MIN_SECONDS:
            cues.append(cue(CueKind.HALFWAY, visit.start + visit.length / 2, step))
        for count in range(COUNTDOWN_FROM, 0, -1):
            if end - count > visit.start:
                cues.append(cue(CueKind.COUNTDOWN, end - count, step, count))
        cues.sort(key=lambda c: (c.at, CUE_ORDER[c.kind]))
        return cues

    def _turn_after(self, index: int) -> Step | None:
        """The next interval, if the runner turns around for it and is to be warned."""
        if index + 1 >= len(self.steps) or self.turnaround_warning <= 0:
            return None
        after = self.steps[index + 1]
        return after if is_turn(self.steps[index].kind, after.kind) else None

    # --- questions ------------------------------------------------------------------------

    def schedule(self) -> list[Cue]:
        """Every cue still to come if nothing is pressed, in order (empty unless running)."""
        if self.phase is not Phase.RUNNING:
            return []
        visit = self._visit
        cues = [c for c in self._visit_cues(visit) if (c.kind, c.count) not in visit.fired]
        start = visit.end
        for index in range(visit.index + 1, len(self.steps)):
            future = _Visit(index, start, float(self.steps[index].seconds))
            cues.extend(self._visit_cues(future))
            start = future.end
        cues.append(Cue(CueKind.FINISH, self._real(start), self.steps[-1]))
        return cues

    def cues_between(self, t0: float, t1: float) -> list[Cue]:
        """The cues due in (t0, t1] of the awake clock, as things stand."""
        return [c for c in self.schedule() if t0 < c.at <= t1]

    def next_deadline(self) -> float | None:
        """Awake time of the next cue or interval end, or None when time is not running."""
        if self.phase is not Phase.RUNNING:
            return None
        visit = self._visit
        pending = [c.at for c in self._visit_cues(visit) if (c.kind, c.count) not in visit.fired]
        return min([*pending, self._real(visit.end)])

    def snapshot(self) -> Snapshot:
        """The state now (call `poll` first so that passed deadlines are settled)."""
        now = self.clock.awake()
        visit = self._visit
        elapsed = self.elapsed(now)
        step_elapsed = min(max(elapsed - visit.start, 0.0), visit.length)
        step_remaining = visit.length - step_elapsed
        future = sum(s.seconds for s in self.steps[visit.index + 1 :])
        done = self.phase in (Phase.FINISHED, Phase.STOPPED)
        index = visit.index
        turning = not done and self._turn_after(index) is not None
        return Snapshot(
            phase=self.phase,
            index=index,
            step=self.steps[index],
            step_length=visit.length,
            step_elapsed=step_elapsed,
            step_remaining=0.0 if done else step_remaining,
            elapsed=elapsed,
            remaining=0.0 if done else step_remaining + future,
            next_step=self.steps[index + 1] if index + 1 < len(self.steps) else None,
            turn_in=(
                step_remaining if turning and step_remaining <= self.turnaround_warning else None
            ),
        )

    def actual_seconds(self, now: float) -> list[float]:
        """Active session seconds per interval at awake time `now`, the one under way too."""
        actual = [log.actual for log in self.logs]
        if self.phase in (Phase.RUNNING, Phase.PAUSED):
            visit = self._visit
            actual[visit.index] += self.elapsed(now) - visit.start
        return actual

    def ongoing_pause(self, now: float) -> Pause | None:
        """The pause under way at awake time `now`, as it stands, or None."""
        if self._paused_at is None:
            return None
        seconds = (now - self._paused_at + self._slept) * self.time_scale
        return Pause(self._elapsed_before, seconds, self._pause_reason)

    def paused_seconds(self, now: float) -> float:
        """Session seconds paused by awake time `now`, a pause under way included."""
        total = sum(p.seconds for p in self.pauses)
        if self._paused_at is not None:
            ongoing = now - self._paused_at + self._slept
            total += ongoing * self.time_scale
        return total
