"""A workout plan: intervals, repeat blocks that may nest, and their expansion into steps."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TypeAlias

from backrun_tui.model.kinds import Kind, SpeedUnit

# Bounds from the product contract.
MIN_INTERVAL_SECONDS = 1
MAX_INTERVAL_SECONDS = 6 * 3600
MAX_PLAN_SECONDS = 24 * 3600
MIN_REPEAT = 1
MAX_REPEAT = 99
MAX_SPEED_KMH = 30.0
MIN_INCLINE_PCT = -10.0
MAX_INCLINE_PCT = 40.0
#: Repeats nest at most this deep; deeper plans are no plan a runner writes.
MAX_NESTING = 8


@dataclass(frozen=True)
class Speed:
    """A treadmill speed as written: its value and its unit."""

    value: float
    unit: SpeedUnit

    @property
    def kmh(self) -> float:
        return self.unit.to_kmh(self.value)


@dataclass(frozen=True)
class Interval:
    """One stretch of a single kind at a single treadmill setting."""

    kind: Kind
    seconds: int
    speed: Speed | None = None
    incline_pct: float | None = None
    label: str = ""


@dataclass(frozen=True)
class Repeat:
    """A block of items done `count` times in a row."""

    count: int
    items: tuple[Item, ...]


Item: TypeAlias = Interval | Repeat


@dataclass(frozen=True)
class Plan:
    """The items of a workout, in order."""

    items: tuple[Item, ...]

    def steps(self) -> list[Step]:
        """Every interval in the order it is run, numbered from 1."""
        return [
            Step(index=i, interval=interval, rounds=rounds)
            for i, (interval, rounds) in enumerate(_walk(self.items, ()), start=1)
        ]

    @property
    def total_seconds(self) -> int:
        return _seconds(self.items)


@dataclass(frozen=True)
class Workout:
    """A named plan, as saved in the workouts folder or shipped as a preset."""

    name: str
    plan: Plan
    description: str = ""


#: Where a step stands in one repeat block: (this round, of how many).
Round = tuple[int, int]


@dataclass(frozen=True)
class Step:
    """One interval of the expanded plan, with its place in every repeat around it."""

    index: int
    interval: Interval
    rounds: tuple[Round, ...] = field(default=())
    """(i, n) for each repeat the step is in, the outermost first."""

    @property
    def round(self) -> Round | None:
        """The innermost repeat's (i, n), or None outside any repeat."""
        return self.rounds[-1] if self.rounds else None

    @property
    def kind(self) -> Kind:
        return self.interval.kind

    @property
    def seconds(self) -> int:
        return self.interval.seconds


def _walk(
    items: tuple[Item, ...], rounds: tuple[Round, ...]
) -> Iterator[tuple[Interval, tuple[Round, ...]]]:
    for item in items:
        if isinstance(item, Interval):
            yield item, rounds
        else:
            for i in range(1, item.count + 1):
                yield from _walk(item.items, (*rounds, (i, item.count)))


def _seconds(items: tuple[Item, ...]) -> int:
    """Total duration without expanding, so a huge nested repeat costs nothing to measure."""
    total = 0
    for item in items:
        if isinstance(item, Interval):
            total += item.seconds
        else:
            total += item.count * _seconds(item.items)
    return total


def nesting_depth(items: tuple[Item, ...]) -> int:
    """How deep repeats nest: 0 for a flat plan."""
    return max((1 + nesting_depth(i.items) for i in items if isinstance(i, Repeat)), default=0)
