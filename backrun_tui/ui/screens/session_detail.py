"""One recorded session: planned against actual, what really happened, and its rating.

The file is read again when the screen opens, so it shows the session as it is on disk.
RPE and note are saved as an update of the session file (only those two lines change);
the session can be exported to a file or moved to the trash.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Input, Label

from backrun_tui import present
from backrun_tui.export.to_file import NothingToExport, export_bytes, export_name, write_new
from backrun_tui.model import display
from backrun_tui.model.session import SessionRecord
from backrun_tui.store import StoreError
from backrun_tui.store.session_update import MAX_NOTE
from backrun_tui.store.sessions import SessionEntry
from backrun_tui.ui.screens.base import BackrunScreen
from backrun_tui.ui.screens.confirm import ConfirmScreen
from backrun_tui.ui.screens.export import ExportScreen
from backrun_tui.ui.widgets.rpe_input import RpeInput, typed_rating
from backrun_tui.ui.widgets.timeline import Timeline, happened
from backrun_tui.ui.widgets.title_bar import TitleBar


@dataclass(frozen=True)
class DetailResult:
    """How the session stands after the detail: its record now, or None when it is no
    longer in the history (deleted, or gone or unreadable when opened)."""

    path: Path
    record: SessionRecord | None


#: How an outcome's words stand out in the intervals table: (theme colour, style).
OUTCOME_STYLES = {
    "skipped": ("warning", "bold"),
    "stopped here": ("error", "bold"),
    "not reached": ("", "dim"),
}


class Figures(Widget):
    """A session's figures side by side, a line breaking only between two of them."""

    DEFAULT_CSS = "Figures { height: auto; }"
    GAP = "   "

    figures: reactive[tuple[str, ...]] = reactive(tuple, layout=True)
    """Each figure in words: `backward 2:10`."""

    def lines(self, width: int) -> list[str]:
        lines: list[str] = []
        for figure in self.figures:
            joined = f"{lines[-1]}{self.GAP}{figure}" if lines else figure
            if lines and display.cells(joined) <= width:
                lines[-1] = joined
            else:
                lines.append(figure)
        return lines

    def render(self) -> Text:
        return Text("\n".join(self.lines(self.size.width)))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self.lines(width)))


class SessionDetailScreen(BackrunScreen[DetailResult]):
    CSS_PATH = "session_detail.tcss"
    SUB_TITLE = "session"
    BINDINGS = [
        Binding("e", "rate", "Rate", id="detail.rate", tooltip="Edit the RPE and note"),
        Binding("ctrl+s", "save", "Save", id="detail.save", tooltip="Save the RPE and note"),
        Binding("x", "export", "Export", id="detail.export", tooltip="Export the session"),
        Binding("d", "delete", "Delete", id="detail.delete", tooltip="Delete the session"),
        Binding("escape,q", "back", "Back", id="detail.back", tooltip="Back to the history"),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.record: SessionRecord | None = None
        """The session as last read or saved; None when it could not be read."""

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="detail"):
            yield Label("", id="title", markup=False)
            yield Timeline([], id="happened")
            yield Figures(id="totals")
            table: DataTable[str | Text] = DataTable(id="intervals", cursor_type="row")
            yield table
            with Horizontal(id="rating"):
                yield Label("RPE", classes="field")
                yield RpeInput(id="rpe")
                yield Label("note", classes="field")
                yield Input(placeholder="how it felt", id="note", max_length=MAX_NOTE)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#intervals", DataTable)
        for heading in present.INTERVAL_HEADINGS:
            table.add_column(heading)
        try:
            record = self.backrun.library.read_session(self.path)
        except FileNotFoundError:
            self.notify(f"{self.path}: not there any more", severity="warning", markup=False)
            self.dismiss(DetailResult(self.path, None))
            return
        except StoreError as error:
            self.notify(str(error), title="Cannot open", severity="error", markup=False)
            self.dismiss(DetailResult(self.path, None))
            return
        self.show(record)
        self.query_one("#rpe", Input).value = "" if record.rpe is None else str(record.rpe)
        self.query_one("#note", Input).value = present.plain(record.note)
        table.focus()

    def show(self, record: SessionRecord) -> None:
        self.record = record
        units = self.backrun.config.units
        started = record.started_at.strftime("%a %d %b %Y %H:%M")
        title = f"{present.plain(record.workout)} · {started} · {present.status_word(record)}"
        self.query_one("#title", Label).update(title)
        self.query_one(Timeline).segments = happened(record)
        rows = present.summary_rows(record, units)
        self.query_one(Figures).figures = tuple(f"{name} {value}" for name, value in rows)
        table = self.query_one("#intervals", DataTable)
        table.clear()
        for kind, cells in present.interval_rows(record, units):
            table.add_row(*self._styled(kind, cells))

    def _styled(self, kind: str, cells: tuple[str, ...]) -> list[str | Text]:
        """An interval's kind in its colour and an outcome that stands out; pauses dim.
        Every cell is a Text: the table would read a str (a label) as markup."""
        if kind == "pause":
            return [Text(cell, style="italic dim") for cell in cells]
        variables = self.app.theme_variables
        styled: list[str | Text] = [Text(cell) for cell in cells]
        styled[1] = Text(cells[1], style=f"bold {variables.get(f'kind-{kind}', '')}")
        colour, style = OUTCOME_STYLES.get(cells[5], ("", ""))
        if style:
            styled[5] = Text(cells[5], style=f"{style} {variables.get(colour, '')}".strip())
        return styled

    # --- rating ---------------------------------------------------------------------------

    def action_rate(self) -> None:
        self.query_one("#rpe", Input).focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def _rating(self) -> tuple[int | None, str] | None:
        """The RPE and note typed, or None (and a message) if the RPE is off."""
        return typed_rating(self)

    def action_save(self) -> None:
        rating = self._rating()
        if rating is None or self.record is None:
            return
        if rating == (self.record.rpe, self.record.note):
            self.notify("nothing to save: the rating is as it was", timeout=3)
            return
        try:
            record = self.backrun.library.update_session(self.path, *rating, seen=self.record)
        except (StoreError, ValueError) as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        except OSError as error:
            reason = f"cannot write {self.path}: {error.strerror or error}"
            self.notify(reason, title="Not saved", severity="error", markup=False)
            return
        self.show(record)
        self.notify("rating saved", timeout=3)
        self.query_one("#intervals", DataTable).focus()

    # --- export and delete ----------------------------------------------------------------

    def action_export(self) -> None:
        if self.record is not None:
            self.app.push_screen(ExportScreen(), self._export)

    def _export(self, fmt: str | None) -> None:
        if fmt is None or self.record is None:
            return
        entry = SessionEntry(self.record, self.path)
        target = Path.cwd() / export_name(entry, fmt)
        try:
            write_new(target, export_bytes(entry, fmt))
        except NothingToExport as error:
            self.notify(str(error), title="Not exported", severity="warning", markup=False)
            return
        except FileExistsError:
            self.notify(
                f"{target} is already there; it is left as it is (move it, then export again)",
                title="Not exported",
                severity="error",
                markup=False,
            )
            return
        except OSError as error:
            reason = f"cannot write {target}: {error.strerror or error}"
            self.notify(reason, title="Not exported", severity="error", markup=False)
            return
        self.notify(str(target), title=f"Exported as {fmt.upper()}", timeout=8, markup=False)

    def action_delete(self) -> None:
        if self.record is None:
            return
        started = self.record.started_at.strftime("%a %d %b %Y %H:%M")
        question = f"Delete the session of {started}? Its file moves to the trash."
        self.app.push_screen(ConfirmScreen(question), self._delete)

    def _delete(self, sure: bool | None) -> None:
        if not sure:
            return
        try:
            where = self.backrun.library.delete_session(self.path)
        except FileNotFoundError:
            self.notify(f"{self.path}: already gone", severity="warning", markup=False)
        except OSError as error:
            reason = f"cannot move {self.path} to the trash: {error.strerror or error}"
            self.notify(reason, title="Not deleted", severity="error", markup=False)
            return
        else:
            self.notify(f"moved to {where}", title="Session deleted", timeout=6, markup=False)
        self.dismiss(DetailResult(self.path, None))

    def action_back(self) -> None:
        """From the rating, back to the intervals; from there, back to the history (after
        asking, when a rating typed is not saved)."""
        if isinstance(self.focused, Input):
            self.query_one("#intervals", DataTable).focus()
            return
        if self._unsaved():
            question = "Leave without saving the RPE and note typed?"
            self.app.push_screen(ConfirmScreen(question), self._leave)
            return
        self._leave(True)

    def _unsaved(self) -> bool:
        record = self.record
        if record is None:
            return False
        rpe = self.query_one("#rpe", Input).value.strip()
        note = self.query_one("#note", Input).value.strip()
        saved_rpe = "" if record.rpe is None else str(record.rpe)
        return (rpe, note) != (saved_rpe, present.plain(record.note).strip())

    def _leave(self, sure: bool | None) -> None:
        if sure:
            self.dismiss(DetailResult(self.path, self.record))
