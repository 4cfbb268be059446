"""Which format to export a session in, answered with one key."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option

#: Each format the detail screen exports: its key, and what takes it.
CHOICES = (
    ("tcx", "TCX — Garmin Connect, Strava, intervals.icu"),
    ("fit", "FIT — Garmin Connect, Strava, intervals.icu"),
    ("json", "JSON — as backrun history --json lists it"),
    ("csv", "CSV — a spreadsheet row"),
)


class ExportScreen(ModalScreen[str | None]):
    CSS_PATH = "export.tcss"
    BINDINGS = [
        Binding("t", "choose('tcx')", "TCX", id="export.tcx", tooltip="Export as TCX"),
        Binding("f", "choose('fit')", "FIT", id="export.fit", tooltip="Export as FIT"),
        Binding("j", "choose('json')", "JSON", id="export.json", tooltip="Export as JSON"),
        Binding("c", "choose('csv')", "CSV", id="export.csv", tooltip="Export as CSV"),
        Binding("escape,q", "choose(None)", "Cancel", id="export.cancel", tooltip="Cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Export the session as", id="question")
            yield OptionList(
                *(Option(words, id=fmt) for fmt, words in CHOICES), id="formats", markup=False
            )
            yield Label("The file is written in the current folder.", id="keys")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_choose(self, fmt: str | None) -> None:
        self.dismiss(fmt)
