"""Who hears the cues. The run screen hands every due cue to a CuePlayer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from backrun_tui.engine import Cue, CueKind


class CuePlayer(Protocol):
    def play(self, cue: Cue) -> None: ...


class BellPlayer:
    """The terminal bell on the cues that matter most: a new interval, a turn-around, the end."""

    LOUD = frozenset({CueKind.INTERVAL_START, CueKind.TURNAROUND, CueKind.FINISH})

    def __init__(self, bell: Callable[[], None]) -> None:
        self._bell = bell

    def play(self, cue: Cue) -> None:
        if cue.kind in self.LOUD:
            self._bell()
