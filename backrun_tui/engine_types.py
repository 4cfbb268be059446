"""The engine's values: its phases, the cues it fires, its state and what it records.

Plain values, no behaviour: the run screen, the cue players and the session record read
them; only `backrun_tui.engine` makes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from backrun_tui.model.plan import Step


class Phase(Enum):
    READY = "ready"
    GET_READY = "get_ready"
    """The lead-in before the first interval: counting down, not yet session time."""
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


class CueKind(Enum):
    GET_READY = "get_ready"
    INTERVAL_START = "interval_start"
    TURNAROUND = "turnaround"
    COUNTDOWN = "countdown"
    HALFWAY = "halfway"
    FINISH = "finish"


#: The order of cues that fall on the same moment.
CUE_ORDER = {
    CueKind.GET_READY: 0,
    CueKind.INTERVAL_START: 0,
    CueKind.TURNAROUND: 1,
    CueKind.HALFWAY: 2,
    CueKind.COUNTDOWN: 3,
    CueKind.FINISH: 4,
}


@dataclass(frozen=True)
class Cue:
    """Something the runner should hear (and see) at a moment."""

    kind: CueKind
    at: float
    """Awake-clock time the cue is due."""
    step: Step
    """The interval that starts (INTERVAL_START), or that is announced (TURNAROUND and
    GET_READY: the next one, with its kind, speed and incline), or that is running (the
    others)."""
    count: int = 0
    """3, 2 or 1 for COUNTDOWN."""
    remaining: float = 0.0
    """Session seconds left in the interval the cue falls in ("turn around in ten")."""


@dataclass(frozen=True)
class Slept:
    """The computer was asleep; the session was paused where the sleep began."""

    seconds: float
    """Real seconds asleep."""
    at: float
    """Awake-clock time the sleep was noticed (the session is frozen from here)."""


Event = Cue | Slept


class Outcome(Enum):
    PENDING = "pending"
    COMPLETED = "completed"
    SKIPPED = "skipped"
    STOPPED = "stopped"


@dataclass(frozen=True)
class Pause:
    at: float
    """Session seconds elapsed when the pause began."""
    seconds: float
    """Session seconds the pause lasted (sleep included)."""
    reason: str
    """"user" or "sleep"."""


@dataclass
class StepLog:
    step: Step
    actual: float = 0.0
    """Active session seconds spent in this interval."""
    outcome: Outcome = Outcome.PENDING
    adjusted: float = 0.0
    """Net seconds added (+10) or taken (-10) by the runner."""


@dataclass(frozen=True)
class Snapshot:
    """What is happening at one moment: everything the run screen shows."""

    phase: Phase
    index: int
    """0-based position of the current interval in the steps."""
    step: Step
    step_length: float
    step_elapsed: float
    step_remaining: float
    elapsed: float
    """Active session seconds so far."""
    remaining: float
    """Session seconds still to go, as things stand."""
    next_step: Step | None
    turn_in: float | None = None
    """Session seconds until the runner turns around, while that change of direction is
    within the turn-around warning; None otherwise."""
    lead_in: bool = False
    """The get-ready countdown before the first interval: `step` is the first interval,
    `step_length` and `step_remaining` are the lead-in's (PAUSED while it is held)."""

    @property
    def progress(self) -> float:
        total = self.elapsed + self.remaining
        return self.elapsed / total if total > 0 else 1.0
