"""The history table's rows, filters and orders, without a screen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from backrun_tui.history_table import COLUMNS, Filter, Order, Row, arrange, parse_date
from backrun_tui.model.kinds import Units
from backrun_tui.model.session import Status
from backrun_tui.present import history_row
from tests.ui.history_data import sample_sessions


def rows(units: Units = Units.METRIC) -> list[Row]:
    return [Row.of(r, Path(f"{r.id}.toml"), units) for r in sample_sessions()]


def test_cells_are_the_command_lines_words_with_forward_time() -> None:
    for record, row in zip(sample_sessions(), rows(Units.IMPERIAL), strict=True):
        words = history_row(record, Units.IMPERIAL)
        assert row.cells[:5] == words[:5]
        assert row.cells[6:] == words[5:]
    assert rows()[0].cells[5] == "2:00"
    assert len(COLUMNS) == len(rows()[0].cells)


def test_newest_first_by_default_and_unknown_figures_last_either_way() -> None:
    every = rows()
    newest = arrange(every, Filter(), Order())
    assert [r.started_at for r in newest] == sorted((r.started_at for r in every), reverse=True)
    energy = COLUMNS.index("energy")
    for order in (Order.by(energy), Order.by(energy).reversed()):
        shown = [r.values[energy] for r in arrange(every, Filter(), order)]
        assert shown[-1] is None
        known = [v for v in shown if v is not None]
        assert known == sorted(known, reverse=order.descending)  # type: ignore[type-var]


def test_natural_orders() -> None:
    assert Order.by(COLUMNS.index("workout")) == Order(1, descending=False)
    assert Order.by(COLUMNS.index("active")).descending
    assert Order(len(COLUMNS) - 1).next() == Order.by(0)


def test_filters_combine() -> None:
    every = rows()
    keep = Filter(workout="EASY", status=Status.COMPLETED, since=dt.date(2026, 11, 10))
    assert [r.started_at.day for r in arrange(every, keep, Order())] == [27]
    assert arrange(every, Filter(until=dt.date(2026, 11, 9)), Order()) == [every[0]]


def test_a_bad_date_is_named_with_its_field() -> None:
    assert parse_date(" 2026-11-30 ", "from") == dt.date(2026, 11, 30)
    assert parse_date("", "from") is None
    with pytest.raises(ValueError, match=r'^to: "30/11/2026" is not a date \(YYYY-MM-DD\)$'):
        parse_date("30/11/2026", "to")
    with pytest.raises(ValueError) as caught:
        parse_date("\x1b[2J", "to")
    assert "\x1b" not in str(caught.value)
