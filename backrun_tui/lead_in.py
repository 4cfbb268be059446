"""The get-ready countdown before the first interval: time to step on and set the belt.

Pure, on the awake clock the engine reads. The lead-in is not session time: nothing of it is
recorded, and the session's first second is the moment it ends. A time-scaled run scales it
too, as it scales everything else.
"""

from __future__ import annotations

from backrun_tui.engine import COUNTDOWN_FROM, EPSILON
from backrun_tui.engine_types import Cue, CueKind
from backrun_tui.model.plan import Step


class LeadIn:
    """`seconds` (session seconds) of countdown before `first`, the first interval."""

    def __init__(self, seconds: float, first: Step, time_scale: float = 1.0) -> None:
        if seconds <= 0:
            raise ValueError("a lead-in lasts more than 0 seconds")
        self.seconds = seconds
        self.first = first
        self.time_scale = time_scale
        self._end: float | None = None  # awake time it ends, while it counts down
        self._left = seconds  # session seconds left, while it is held (or not started)
        self._counted: set[int] = set()

    @property
    def held(self) -> bool:
        return self._end is None

    @property
    def end(self) -> float:
        """Awake time the lead-in ends (only while it counts down)."""
        if self._end is None:
            raise RuntimeError("the lead-in is held")
        return self._end

    def start(self, now: float) -> list[Cue]:
        """Start counting down; the get-ready cue, which announces the first interval."""
        self.go_on(now)
        return [Cue(CueKind.GET_READY, now, self.first, 0, self.seconds)]

    def hold(self, now: float) -> None:
        if self._end is not None:
            self._left = self.remaining(now)
            self._end = None

    def go_on(self, now: float) -> None:
        if self._end is None:
            self._end = now + self._left / self.time_scale

    def remaining(self, now: float) -> float:
        """Session seconds of the lead-in still to go."""
        if self._end is None:
            return self._left
        return max((self._end - now) * self.time_scale, 0.0)

    def finished(self, now: float) -> bool:
        return self._end is not None and now >= self._end - EPSILON

    def _countdown(self) -> list[tuple[int, float]]:
        """(count, awake time) of the 3-2-1 still to come."""
        assert self._end is not None
        return [
            (count, self._end - count / self.time_scale)
            for count in range(COUNTDOWN_FROM, 0, -1)
            if count < self.seconds and count not in self._counted
        ]

    def poll(self, now: float) -> list[Cue]:
        """The 3-2-1 ticks due by `now`, in order."""
        if self._end is None:
            return []
        due = [(count, at) for count, at in self._countdown() if at <= now + EPSILON]
        self._counted |= {count for count, _at in due}
        return [Cue(CueKind.COUNTDOWN, at, self.first, count, count) for count, at in due]

    def next_deadline(self) -> float | None:
        """Awake time of the next tick or of the end; None while held."""
        if self._end is None:
            return None
        return min([at for _count, at in self._countdown()] + [self._end])
