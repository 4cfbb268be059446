"""The history as a table: one row per session, filtered and sorted as the runner asks.

Pure: no textual, no I/O. A row keeps the few figures the table shows and sorts by, not
the whole session (the detail reads its file again), so five years of daily sessions
stay small in memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from backrun_tui.model.kinds import Units
from backrun_tui.model.session import SessionRecord, Status
from backrun_tui.present import HISTORY_SCREEN_HEADINGS, history_screen_row, plain

COLUMNS = HISTORY_SCREEN_HEADINGS
#: Columns whose natural order is biggest (or newest) first.
_DESCENDING_FIRST = frozenset(COLUMNS) - {"workout", "status"}
DATE_FORMAT = "YYYY-MM-DD"

SortValue = float | str | dt.datetime


@dataclass(frozen=True, slots=True)
class Row:
    """A session as the history table shows it, with the values it sorts and filters by."""

    path: Path
    id: str
    started_at: dt.datetime
    workout: str
    status: Status
    values: tuple[SortValue | None, ...]
    """One per column, in COLUMNS order; None for a figure not known (no distance)."""
    cells: tuple[str, ...]
    """The words shown, one per column."""

    @classmethod
    def of(cls, record: SessionRecord, path: Path, units: Units) -> Row:
        workout = plain(record.workout)
        values: tuple[SortValue | None, ...] = (
            record.started_at,
            workout.casefold(),
            record.status.value,
            record.active_seconds,
            record.backward_seconds,
            record.forward_seconds,
            record.distance_km,
            record.energy_kcal,
            None if record.rpe is None else float(record.rpe),
        )
        return cls(
            path=path,
            id=record.id,
            started_at=record.started_at,
            workout=workout,
            status=record.status,
            values=values,
            cells=history_screen_row(record, units),
        )

    @property
    def key(self) -> str:
        return str(self.path)


def parse_date(text: str, field: str) -> dt.date | None:
    """A date typed in a filter (`2026-11-30`), None when empty; ValueError naming `field`."""
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        shown = text if len(text) <= 20 else text[:19] + "…"
        raise ValueError(f'{field}: "{plain(shown)}" is not a date ({DATE_FORMAT})') from None


@dataclass(frozen=True)
class Filter:
    """Which sessions to show: all of them when nothing is set."""

    workout: str = ""
    """Part of the workout's name, in any case."""
    status: Status | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    """The first and last day to show, both included, on the date the table shows."""

    def keeps(self, row: Row) -> bool:
        if self.workout and self.workout.casefold() not in row.workout.casefold():
            return False
        if self.status is not None and row.status is not self.status:
            return False
        day = row.started_at.date()
        if self.since is not None and day < self.since:
            return False
        return self.until is None or day <= self.until


@dataclass(frozen=True)
class Order:
    """The column the table is sorted by, and which way."""

    column: int = 0
    descending: bool = True

    @classmethod
    def by(cls, column: int) -> Order:
        """Sorted by `column` its natural way: newest, longest, furthest first; names A–Z."""
        return cls(column, COLUMNS[column] in _DESCENDING_FIRST)

    def reversed(self) -> Order:
        return Order(self.column, not self.descending)

    def next(self) -> Order:
        return Order.by((self.column + 1) % len(COLUMNS))


def arrange(rows: Iterable[Row], keep: Filter, order: Order) -> list[Row]:
    """The rows `keep` keeps, in `order`; unknown figures last either way, and rows that
    tie stay newest first."""
    kept = [row for row in rows if keep.keeps(row)]
    kept.sort(key=lambda row: (row.started_at, row.id), reverse=True)
    known = [row for row in kept if row.values[order.column] is not None]
    unknown = [row for row in kept if row.values[order.column] is None]
    known.sort(key=_value(order.column), reverse=order.descending)
    return known + unknown


def _value(column: int) -> Callable[[Row], SortValue]:
    def value(row: Row) -> SortValue:
        found = row.values[column]
        assert found is not None
        return found

    return value
