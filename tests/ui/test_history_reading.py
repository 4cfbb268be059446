"""Getting to the history and reading it: from the finish screen, the first rows while the
rest are read, a file spoilt since it was listed, and leaving with a rating not saved."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from backrun_tui.clock import ManualClock
from backrun_tui.model.session import SessionRecord
from backrun_tui.store import Paths
from backrun_tui.store.library import Library
from backrun_tui.ui.app import BackrunApp
from backrun_tui.ui.screens.confirm import ConfirmScreen
from backrun_tui.ui.screens.finish import FinishScreen
from backrun_tui.ui.screens.history import FIRST_ROWS, HistoryScreen
from backrun_tui.ui.screens.home import HomeScreen
from backrun_tui.ui.screens.run import RunScreen
from backrun_tui.ui.screens.session_detail import SessionDetailScreen
from tests.ui.apps import T0, make_app
from tests.ui.history_data import easy_session, sample_sessions, write_sessions
from tests.ui.history_helpers import ALL_DATES, SIZE, column, dates, open_history


async def test_h_from_the_finish_screen_keeps_the_rating_and_shows_the_session() -> None:
    clock = ManualClock(T0)
    app: BackrunApp = make_app("1m back @6, 1m fwd @9", clock=clock, name="Short one")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        run = app.screen
        assert isinstance(run, RunScreen)
        clock.set(T0 + 200)
        run.sync()
        await pilot.pause()
        assert isinstance(app.screen, FinishScreen)
        await pilot.press("6", "h")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        history = app.screen
        assert isinstance(history, HistoryScreen)
        assert column(history, 1) == ["Short one"]
        assert column(history, 8) == ["6"]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_an_h_in_the_finish_screens_note_is_typed() -> None:
    clock = ManualClock(T0)
    app: BackrunApp = make_app("1m back @6", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        clock.set(T0 + 100)
        app.screen.sync()
        await pilot.pause()
        assert isinstance(app.screen, FinishScreen)
        await pilot.press("tab", *"hard hill")
        await pilot.pause()
        assert isinstance(app.screen, FinishScreen)
        assert app.screen.query_one("#note", Input).value == "hard hill"


class GatedLibrary(Library):
    """The real library, whose reading stops after `after` files until `gate` is set: the
    history can be looked at half read."""

    def __init__(self, paths: Paths, after: int) -> None:
        super().__init__(paths)
        self.after = after
        self.read = 0
        self.gate = threading.Event()

    def read_session(self, path: Path) -> SessionRecord:
        self.read += 1
        if self.read > self.after:
            self.gate.wait(60)
        return super().read_session(path)


async def test_the_first_rows_show_while_the_rest_are_read() -> None:
    first = dt.datetime(2026, 1, 1, 7, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    write_sessions([easy_session(first + dt.timedelta(days=n)) for n in range(FIRST_ROWS + 20)])
    app = make_app()
    library = GatedLibrary(Paths.default(), after=FIRST_ROWS + 5)
    app.library = library
    async with app.run_test(size=SIZE) as pilot:
        try:
            await look_half_read(pilot)
        finally:
            library.gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        assert screen.query_one("#sessions", DataTable).row_count == FIRST_ROWS + 20
        assert str(screen.query_one("#count", Static).render()) == f"{FIRST_ROWS + 20} sessions"


async def look_half_read(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.press("h")
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    table = screen.query_one("#sessions", DataTable)
    for _ in range(200):
        if table.row_count:
            break
        await pilot.pause(0.05)
    assert table.row_count <= FIRST_ROWS
    assert dates(screen)[0] == "2026-03-01 07:00"  # the newest
    assert not screen.loading  # Textual's own indicator would cover the rows
    assert str(screen.query_one("#count", Static).render()).startswith("reading session")


async def test_a_session_spoilt_since_the_list_was_read_is_named_and_leaves_it() -> None:
    paths = write_sessions(sample_sessions())
    target = paths[-1]
    async with make_app().run_test(size=SIZE) as pilot:
        history = await open_history(pilot)
        spoilt = target.read_text().replace("active_seconds = ", "active_seconds = -")
        target.write_text(spoilt)
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is history
        assert dates(history) == ALL_DATES[1:]
        messages = [n.message for n in pilot.app._notifications]
        assert any(m.startswith(f"{target}: line ") and "active_seconds" in m for m in messages)
        assert target.read_text() == spoilt


async def test_leaving_with_a_rating_not_saved_asks_first() -> None:
    paths = write_sessions(sample_sessions())
    before = paths[-1].read_bytes()
    async with make_app().run_test(size=SIZE) as pilot:
        history = await open_history(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("e", "9", "escape", "escape")  # out of the field, then out
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(pilot.app.screen, SessionDetailScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert pilot.app.screen is history
        assert paths[-1].read_bytes() == before
