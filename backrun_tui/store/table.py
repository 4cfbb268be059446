"""Reading one table of a parsed TOML file field by field, each value checked and bounded.

Every reader names the field in the FieldError it raises, so the caller can point at the
line; every number has an upper bound as well as a lower one, so that no file brings an
absurd value (1e308 seconds) into the sums made from it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from enum import Enum
from typing import Any, TypeVar

from backrun_tui.store.tomlfile import FieldError, check_keys, is_number, show

E = TypeVar("E", bound=Enum)


class Table:
    """One table of a parsed file, read field by field; each error names the field."""

    def __init__(self, data: object, where: tuple[str, ...], known: Iterable[str]) -> None:
        if not isinstance(data, dict):
            raise FieldError(where, f"expected a table, got {show(data)}")
        check_keys(data, known, where)
        self.data: dict[str, Any] = data
        self.where = where

    def fail(self, key: str, reason: str) -> FieldError:
        return FieldError((*self.where, key), reason)

    def value(self, key: str) -> object:
        if key not in self.data:
            raise self.fail(key, "missing")
        return self.data[key]

    def text(self, key: str, default: str | None = None) -> str:
        if default is not None and key not in self.data:
            return default
        value = self.value(key)
        if not isinstance(value, str):
            raise self.fail(key, f"expected text in quotes, got {show(value)}")
        return value

    def number(self, key: str, low: float, high: float, *, above: bool = False) -> float:
        """A finite number, at least `low` (or `above` it) and at most `high`."""
        value = self.value(key)
        if is_number(value) and math.isfinite(value):
            too_low = value <= low if above else value < low
            if not too_low and value <= high:
                return float(value)
        wanted = f"{'above' if above else 'at least'} {_bound(low)} and at most {_bound(high)}"
        raise self.fail(key, f"expected a number {wanted}, got {show(value)}")

    def optional_number(
        self, key: str, low: float, high: float, *, above: bool = False
    ) -> float | None:
        return self.number(key, low, high, above=above) if key in self.data else None

    def whole(self, key: str, low: int, high: int) -> int:
        value = self.value(key)
        whole = value if isinstance(value, int) and not isinstance(value, bool) else None
        if whole is not None and low <= whole <= high:
            return whole
        raise self.fail(key, f"expected a whole number from {low} to {high}, got {show(value)}")

    def choice(self, key: str, allowed: Iterable[E]) -> E:
        allowed = list(allowed)
        value = self.value(key)
        for member in allowed:
            if value == member.value:
                return member
        names = [f'"{m.value}"' for m in allowed]
        wanted = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
        raise self.fail(key, f"expected {wanted}, got {show(value)}")

    def moment(self, key: str, first_year: int, last_year: int) -> dt.datetime:
        value = self.value(key)
        if not (isinstance(value, dt.datetime) and value.tzinfo is not None):
            raise self.fail(
                key,
                f"expected a date and time with its UTC offset (e.g. 2026-11-30 14:29:26+01:00), "
                f"got {show(value)}",
            )
        # A year far off (1, 9999) would overflow when converted to local time.
        if not first_year <= value.year <= last_year:
            raise self.fail(
                key, f"expected a date from the year {first_year} to {last_year}, got {show(value)}"
            )
        return value

    def tables(self, key: str, most: int) -> list[object]:
        value = self.data.get(key, [])
        if not isinstance(value, list):
            raise self.fail(key, f"expected an array of tables ([[{key}]]), got {show(value)}")
        if len(value) > most:
            raise self.fail(key, f"expected at most {most:,} [[{key}]] tables, got {len(value):,}")
        return value


def _bound(value: float) -> str:
    """A bound as a runner would write it: 604800, not 6.048e+05."""
    return str(int(value)) if value == int(value) else f"{value:g}"
