"""Clocks the engine reads. Injected, so tests can move time by hand.

The engine runs on a clock that stops while the computer sleeps (`awake`), so a suspended
laptop freezes the session where it was. A second clock that keeps counting through sleep
(`since_boot`) lets the engine see that a sleep happened, and for how long.
"""

from __future__ import annotations

import sys
import time
from typing import Protocol


class Clock(Protocol):
    def awake(self) -> float:
        """Seconds that do not advance while the computer is suspended."""

    def since_boot(self) -> float:
        """Seconds that keep advancing while the computer is suspended."""


class SystemClock:
    """The machine's clocks: monotonic for `awake`, a sleep-counting clock beside it."""

    def __init__(self) -> None:
        self._since_boot = _sleep_counting_clock()

    def awake(self) -> float:
        return time.monotonic()

    def since_boot(self) -> float:
        return self._since_boot()


def _sleep_counting_clock() -> _Reader:
    # time.monotonic() stops during suspend on Linux (CLOCK_MONOTONIC) and macOS
    # (mach_absolute_time); these keep counting. Elsewhere wall time is the best there is.
    if sys.platform.startswith("linux") and hasattr(time, "CLOCK_BOOTTIME"):
        clock_id = time.CLOCK_BOOTTIME
        return lambda: time.clock_gettime(clock_id)
    if sys.platform == "darwin" and hasattr(time, "CLOCK_MONOTONIC"):
        clock_id = time.CLOCK_MONOTONIC
        return lambda: time.clock_gettime(clock_id)
    return time.time


class _Reader(Protocol):
    def __call__(self) -> float: ...


class ManualClock:
    """A clock moved by hand: `advance` passes awake time, `suspend` passes sleep."""

    def __init__(self, start: float = 1000.0) -> None:
        self._awake = start
        self._boot = start

    def awake(self) -> float:
        return self._awake

    def since_boot(self) -> float:
        return self._boot

    def advance(self, seconds: float) -> None:
        self._awake += seconds
        self._boot += seconds

    def set(self, awake: float) -> None:
        """Move awake time forward to `awake` (never back)."""
        self.advance(max(0.0, awake - self._awake))

    def suspend(self, seconds: float) -> None:
        self._boot += seconds
