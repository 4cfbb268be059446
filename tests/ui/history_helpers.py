"""What the history screen tests share: opening the history, and its table as a runner reads it."""

from __future__ import annotations

from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable

from backrun_tui.ui.screens.history import HistoryScreen

SIZE = (120, 40)


async def open_history(pilot: Pilot[None]) -> HistoryScreen:
    await pilot.pause()
    await pilot.press("h")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


def column(screen: HistoryScreen, index: int) -> list[str]:
    """A column's cells as the table shows them (it reads a str cell as markup)."""
    table = screen.query_one("#sessions", DataTable)
    return [shown(table.get_row_at(row)[index]) for row in range(table.row_count)]


def shown(cell: object) -> str:
    return Text.from_markup(cell).plain if isinstance(cell, str) else str(cell)


def dates(screen: HistoryScreen) -> list[str]:
    return column(screen, 0)


ALL_DATES = [
    "2026-11-30 14:29",
    "2026-11-27 07:00",
    "2026-11-23 08:00",
    "2026-11-16 18:00",
    "2026-11-09 07:00",
]
