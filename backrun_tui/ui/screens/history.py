"""The history screen: every recorded session in a table, newest first, to sort and filter.

The files are read by a worker thread, newest file name first, so the first rows show at
once however long the history is; a progress bar appears when reading takes more than a
moment. Enter opens a session's detail, where it can be rated, exported or deleted.
"""

from __future__ import annotations

import time

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable, Footer, Input, ProgressBar, Select, Static
from textual.worker import get_current_worker

from backrun_tui.history_table import COLUMNS, Filter, Order, Row, arrange, parse_date
from backrun_tui.model import display
from backrun_tui.model.kinds import Units
from backrun_tui.model.session import Status
from backrun_tui.store import StoreError
from backrun_tui.store.config import Config
from backrun_tui.ui.screens.base import BackrunScreen
from backrun_tui.ui.screens.session_detail import DetailResult, SessionDetailScreen
from backrun_tui.ui.widgets.title_bar import TitleBar

#: Rows read before the first ones are shown (a screenful), or fewer when reading them
#: takes longer than FIRST_WAIT seconds; then the rest of the screenful, or what is read
#: in FILL_WAIT. The rest come at the end; the progress is shown every PROGRESS_EVERY.
FIRST_ROWS = 40
FIRST_WAIT = 0.05
FILL_WAIT = 0.2
PROGRESS_EVERY = 0.25
#: Reading that takes longer than this (seconds) shows a progress bar.
PROGRESS_AFTER = 0.25
#: At most this many unreadable files are named in the notice.
PROBLEMS_SHOWN = 12
STATUSES = (Status.COMPLETED, Status.STOPPED, Status.INTERRUPTED)


class RowsRead(Message):
    """Sessions read by the worker, for the table (posted from its thread)."""

    def __init__(self, generation: int, rows: list[Row], done: int, total: int) -> None:
        super().__init__()
        self.generation = generation
        self.rows = rows
        self.done = done
        """Files read so far, of `total`."""
        self.total = total


class ReadingDone(Message):
    """The worker has read every file: the last rows, and the files it could not read."""

    def __init__(self, generation: int, rows: list[Row], problems: list[StoreError]) -> None:
        super().__init__()
        self.generation = generation
        self.rows = rows
        self.problems = problems


class HistoryScreen(BackrunScreen[None]):
    CSS_PATH = "history.tcss"
    SUB_TITLE = "history"
    BINDINGS = [
        # A priority key, so the Footer shows it over the table's own Enter; check_action
        # leaves Enter to the filter fields.
        Binding(
            "enter", "open", "Open", id="history.open", priority=True, tooltip="Open the session"
        ),
        Binding("s", "sort", "Sort", id="history.sort", tooltip="Sort by the next column"),
        Binding("r", "reverse", "Reverse", id="history.reverse", tooltip="Reverse the order"),
        Binding("f", "filter", "Filter", id="history.filter", tooltip="Filter the sessions"),
        Binding("ctrl+l", "clear_filter", "Clear", id="history.clear", tooltip="Clear the filters"),
        Binding("escape,q", "back", "Back", id="history.back", tooltip="Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Row] = []
        """Every session read so far, in no particular order."""
        self.shown: list[Row] = []
        """The rows in the table, in its order."""
        self.keep = Filter()
        self.order = Order()
        self.reading = False
        self.problems: list[StoreError] = []
        self._generation = 0  # which load the worker's rows belong to
        self._ready = False  # mounted: the table can take rows
        self._units: Units | None = None

    def compose(self) -> ComposeResult:
        # Start reading now, while the widgets are made: the first rows are wanted at once.
        self.reload()
        yield TitleBar()
        with Horizontal(id="filters"):
            yield Input(placeholder="workout", id="workout")
            yield Select(
                [(status.value, status) for status in STATUSES],
                prompt="any status",
                id="status",
            )
            yield Input(placeholder="from YYYY-MM-DD", id="since", max_length=10)
            yield Input(placeholder="to YYYY-MM-DD", id="until", max_length=10)
        with Horizontal(id="state"):
            yield Static("", id="count", markup=False)
            yield Static("", id="filter-problem", markup=False)
            yield ProgressBar(id="progress", show_eta=False)
        table: DataTable[str | Text] = DataTable(
            id="sessions", cursor_type="row", zebra_stripes=True
        )
        yield table
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#sessions", DataTable)
        for index, name in enumerate(COLUMNS):
            # Room for the heading; _show_headings and _fit_columns widen it as needed.
            table.add_column(name, key=str(index), width=display.cells(name))
        self._show_headings()
        self.query_one("#progress", ProgressBar).display = False
        self.watch(self.app, "config", self._config_changed, init=False)
        table.focus()
        self._ready = True
        self._arrange()
        if self.reading:
            self.set_timer(PROGRESS_AFTER, self._show_progress)
        else:
            self._tell_problems()

    # --- reading --------------------------------------------------------------------------

    def reload(self) -> None:
        """Read every session file again, newest first."""
        self._generation += 1
        self._units = self.backrun.config.units
        self.rows = []
        self.problems = []
        self.reading = True
        if self._ready:
            self._arrange()
            self.set_timer(PROGRESS_AFTER, self._show_progress)
        self._load(self._generation)

    def _config_changed(self, config: Config) -> None:
        if config.units != self._units:
            self.reload()  # distances are shown in the units

    @work(thread=True, exclusive=True, group="history-load")
    def _load(self, generation: int) -> None:
        # Messages, not call_from_thread: posting is safe from a thread and does not wait
        # for the screen, so reading goes on while the table is drawn.
        worker = get_current_worker()
        library = self.backrun.library
        units = self.backrun.config.units
        try:
            paths = library.session_files()
        except StoreError as error:
            self.post_message(ReadingDone(generation, [], [error]))
            return
        rows: list[Row] = []
        problems: list[StoreError] = []
        shown = 0  # rows handed to the table so far
        last = time.monotonic()
        for done, path in enumerate(paths, start=1):
            if worker.is_cancelled:
                return
            try:
                rows.append(Row.of(library.read_session(path), path, units))
            except FileNotFoundError:
                continue  # deleted since the folder was listed
            except StoreError as error:
                problems.append(error)
            now = time.monotonic()
            first = shown < FIRST_ROWS and rows
            wait = FIRST_WAIT if not shown else FILL_WAIT
            if first and (shown + len(rows) >= FIRST_ROWS or now - last >= wait):
                # The first screenful at once (in parts, if reading is slow); the rest
                # together at the end, which keeps the table's work (and the memory it
                # leaves behind) to a few updates.
                self.post_message(RowsRead(generation, rows, done, len(paths)))
                shown, rows, last = shown + len(rows), [], now
            elif now - last >= PROGRESS_EVERY:
                self.post_message(RowsRead(generation, [], done, len(paths)))
                last = now
        self.post_message(ReadingDone(generation, rows, problems))

    @on(RowsRead)
    def _rows_read(self, event: RowsRead) -> None:
        if event.generation != self._generation:
            return
        self.rows += event.rows
        if not self._ready:
            return  # on_mount shows them
        self.query_one("#progress", ProgressBar).update(total=event.total, progress=event.done)
        if event.rows:
            self._arrange()
        self._show_count(event.done)

    @on(ReadingDone)
    def _reading_done(self, event: ReadingDone) -> None:
        if event.generation != self._generation:
            return
        self.reading = False
        self.problems = event.problems
        self.rows += event.rows
        if self._ready:
            self.query_one("#progress", ProgressBar).display = False
            self._arrange()
            self._tell_problems()

    def _show_progress(self) -> None:
        if self.reading:
            self.query_one("#progress", ProgressBar).display = True

    def _tell_problems(self) -> None:
        if not self.problems:
            return
        lines = [str(problem) for problem in self.problems[:PROBLEMS_SHOWN]]
        if len(self.problems) > PROBLEMS_SHOWN:
            lines.append(f"… and {len(self.problems) - PROBLEMS_SHOWN} more")
        count = len(self.problems)
        self.notify(
            "\n".join([*lines, "These files are left as they are."]),
            title=f"Skipped {count} unreadable session file{'s' if count > 1 else ''}",
            severity="error",
            timeout=20,
            markup=False,
        )

    # --- the table ------------------------------------------------------------------------

    def _arrange(self, *, rebuild: bool = False) -> None:
        """Show the rows the filters keep, in the chosen order; the cursor stays on its
        session."""
        arranged = arrange(self.rows, self.keep, self.order)
        table = self.query_one("#sessions", DataTable)
        keep: str | None = None
        if not rebuild and arranged[: len(self.shown)] == self.shown:
            # New rows only at the end (the usual case while reading): add just those.
            new = arranged[len(self.shown) :]
        else:
            current = self.selected
            keep = None if current is None else current.key
            table.clear()
            new = arranged
        for row in new:
            # Text, not str, which the table would read as markup.
            table.add_row(*(Text(cell) for cell in row.cells), key=row.key)
        self._fit_columns(new)
        self.shown = arranged
        if keep is not None:
            index = next((i for i, row in enumerate(arranged) if row.key == keep), 0)
            table.move_cursor(row=index, animate=False)
        self._show_count()

    def _fit_columns(self, rows: list[Row]) -> None:
        """Widen the columns for the cells of `rows`, at once.

        The widths are set here rather than measured by the table: it measures when idle,
        and lines it draws before that keep their old widths in its caches (rows read
        later would show cut short).
        """
        table = self.query_one("#sessions", DataTable)
        wider = False
        for index, column in enumerate(table.ordered_columns):
            needed = max((display.cells(row.cells[index]) for row in rows), default=0)
            if needed > column.width:
                column.width = needed
                wider = True
        if wider and table.row_count:
            # A cell set to itself: the table's caches take the new widths.
            first = Coordinate(0, 0)
            table.update_cell_at(first, table.get_cell_at(first))
            table.refresh(layout=True)

    def _show_count(self, read: int | None = None) -> None:
        total, shown = len(self.rows), len(self.shown)
        noun = "session" if total == 1 else "sessions"
        if self.reading:
            words = f"reading session files… {read or total} so far"
        elif not total:
            words = "No sessions yet: finish a workout and it shows here."
        elif shown == total:
            words = f"{total} {noun}"
        else:
            words = f"{shown} of {total} {noun}"
        self.query_one("#count", Static).update(words)

    def _show_headings(self) -> None:
        table = self.query_one("#sessions", DataTable)
        for index, name in enumerate(COLUMNS):
            column = table.columns[str(index)]  # type: ignore[index]
            arrow = (" ▼" if self.order.descending else " ▲") if index == self.order.column else ""
            column.label = Text(name + arrow)
            column.width = max(column.width, display.cells(name + arrow))
        table.refresh()

    @property
    def selected(self) -> Row | None:
        table = self.query_one("#sessions", DataTable)
        if not self.shown or not 0 <= table.cursor_row < len(self.shown):
            return None
        return self.shown[table.cursor_row]

    def _sort(self, order: Order) -> None:
        self.order = order
        self._show_headings()
        self._arrange(rebuild=True)

    # --- filters --------------------------------------------------------------------------

    @on(Input.Changed)
    @on(Select.Changed)
    def _filter_changed(self) -> None:
        problems = []
        dates = []
        for field, name in (("#since", "from"), ("#until", "to")):
            try:
                dates.append(parse_date(self.query_one(field, Input).value, name))
            except ValueError as exc:
                problems.append(str(exc))
                dates.append(None)
        status = self.query_one("#status", Select).value
        self.keep = Filter(
            workout=self.query_one("#workout", Input).value.strip(),
            status=status if isinstance(status, Status) else None,
            since=dates[0],
            until=dates[1],
        )
        self.query_one("#filter-problem", Static).update("; ".join(problems))
        self._arrange()

    @on(Input.Submitted)
    def _filter_done(self) -> None:
        self.query_one("#sessions", DataTable).focus()

    # --- actions --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            # Enter elsewhere belongs to the focused widget (a filter field, the status list).
            return self.focused is None or isinstance(self.focused, DataTable)
        return True

    @on(DataTable.RowSelected)
    def _row_chosen(self) -> None:
        self.action_open()

    @on(DataTable.HeaderSelected)
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        column = event.column_index
        self._sort(self.order.reversed() if column == self.order.column else Order.by(column))

    def action_open(self) -> None:
        row = self.selected
        if row is not None:
            self.app.push_screen(SessionDetailScreen(row.path), self._detail_closed)

    def _detail_closed(self, result: DetailResult | None) -> None:
        if result is None:
            return
        self.rows = [row for row in self.rows if row.path != result.path]
        if result.record is not None:
            self.rows.append(Row.of(result.record, result.path, self.backrun.config.units))
        self._arrange(rebuild=True)

    def action_sort(self) -> None:
        self._sort(self.order.next())

    def action_reverse(self) -> None:
        self._sort(self.order.reversed())

    def action_filter(self) -> None:
        self.query_one("#workout", Input).focus()

    def action_clear_filter(self) -> None:
        for field in ("#workout", "#since", "#until"):
            self.query_one(field, Input).value = ""
        self.query_one("#status", Select).clear()
        self.keep = Filter()
        self._arrange()

    def action_back(self) -> None:
        """From a filter, back to the table; from the table, back where we came from."""
        if isinstance(self.focused, Input):
            self.query_one("#sessions", DataTable).focus()
            return
        self.dismiss()
