"""What a session was: planned against actual, per interval, with its pauses and totals.

Pure data. The engine's state becomes a SessionRecord in `backrun_tui.live_session`; the store
writes it as one TOML file per session.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from backrun_tui.model.kinds import Kind


class Status(Enum):
    RUNNING = "running"
    """Only in a checkpoint: the session is under way in a live backrun."""
    COMPLETED = "completed"
    STOPPED = "stopped"
    INTERRUPTED = "interrupted"
    """backrun ended without finishing the session (crash, kill, power cut)."""


class IntervalOutcome(Enum):
    COMPLETED = "completed"
    SKIPPED = "skipped"
    STOPPED = "stopped"
    """The session was stopped (or interrupted) during this interval."""
    NOT_REACHED = "not_reached"


@dataclass(frozen=True)
class IntervalRecord:
    index: int
    """1-based, as `backrun plan --json` numbers steps."""
    kind: Kind
    planned_seconds: int
    actual_seconds: float
    outcome: IntervalOutcome
    speed_kmh: float | None = None
    incline_pct: float | None = None
    label: str = ""
    adjusted_seconds: float = 0.0
    """Net time added or taken with + and − during the session."""


@dataclass(frozen=True)
class PauseRecord:
    at_seconds: float
    """Active session seconds when the pause began."""
    seconds: float
    reason: str
    """"user" or "sleep"."""


@dataclass(frozen=True)
class SessionRecord:
    id: str
    workout: str
    plan: str
    """The plan in canonical notation."""
    started_at: datetime
    """Timezone-aware."""
    updated_at: datetime
    """When this record was written: the end for a finished session."""
    status: Status
    time_scale: float
    planned_seconds: int
    active_seconds: float
    paused_seconds: float
    backward_seconds: float
    forward_seconds: float
    distance_km: float | None
    energy_kcal: float | None
    weight_kg: float | None
    intervals: tuple[IntervalRecord, ...]
    pauses: tuple[PauseRecord, ...] = field(default=())
    rpe: int | None = None
    note: str = ""
