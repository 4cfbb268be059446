"""A workout being edited: its state, the history of that state, and whether it is saved.

The whole state of a workout is its name, its description and its plan in canonical
notation (`State`), so a history of states is all undo and redo need. `Draft` keeps that
history: every change that makes a new state is one step; undoing and then changing
something drops the steps that were undone, as in any editor. Pure: no textual, no I/O.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from functools import cached_property

from backrun_tui.model.notation import format_plan, parse
from backrun_tui.model.plan import Plan, Workout

#: How many steps back undo reaches; older ones are forgotten (a long session of edits
#: must not grow without end).
MAX_HISTORY = 1000


@dataclass(frozen=True)
class State:
    """Everything a saved workout holds; `notation` is always canonical."""

    name: str
    description: str
    notation: str

    @classmethod
    def of(cls, workout: Workout) -> State:
        return cls(workout.name, workout.description, format_plan(workout.plan))

    @cached_property
    def plan(self) -> Plan:
        # Canonical notation writes every speed's unit, so no default unit is needed.
        return parse(self.notation)

    def workout(self) -> Workout:
        return Workout(name=self.name, plan=self.plan, description=self.description)

    def with_plan(self, plan: Plan) -> State:
        return replace(self, notation=format_plan(plan))


class Draft:
    """A workout under edit: the current state, undo and redo, and the last saved state."""

    def __init__(self, opened: State, *, saved: bool = True) -> None:
        """`opened` is where undo stops; `saved` says whether it is what is on disk (a new
        workout or a copy is not, until it is saved)."""
        self._history: list[State] = [opened]
        self._at = 0
        self._saved: State | None = opened if saved else None

    @property
    def state(self) -> State:
        return self._history[self._at]

    @property
    def dirty(self) -> bool:
        """Whether the state differs from what was last saved (or was never saved)."""
        return self.state != self._saved

    @property
    def can_undo(self) -> bool:
        return self._at > 0

    @property
    def can_redo(self) -> bool:
        return self._at < len(self._history) - 1

    def change(self, state: State) -> bool:
        """Make `state` the current one, as a step undo can take back; False when it is
        the current state already (nothing to record)."""
        if state == self.state:
            return False
        del self._history[self._at + 1 :]
        self._history.append(state)
        if len(self._history) > MAX_HISTORY:
            del self._history[0]
        self._at = len(self._history) - 1
        return True

    def undo(self) -> bool:
        """One step back; False when there is none."""
        if not self.can_undo:
            return False
        self._at -= 1
        return True

    def redo(self) -> bool:
        """One undone step forward again; False when there is none."""
        if not self.can_redo:
            return False
        self._at += 1
        return True

    def mark_saved(self) -> None:
        """The current state is what is on disk now."""
        self._saved = self.state

    def reloaded(self, state: State) -> None:
        """What is on disk (read again) becomes the current state, and the saved one.

        It is a step like any other, so undo brings back the edits it replaced.
        """
        self.change(state)
        self._saved = state


def free_name(wanted: str, taken: Collection[str], max_length: int) -> str:
    """`wanted`, or else `wanted 2`, `wanted 3`… the first that no workout in `taken` has,
    cut so that it stays within `max_length` characters."""
    name = wanted[:max_length]
    number = 2
    while name in taken:
        suffix = f" {number}"
        name = wanted[: max_length - len(suffix)] + suffix
        number += 1
    return name
