"""The backrun App: holds the settings the command line loaded, and shows the screens."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static

from backrun_tui.store import Config, Paths


class BackrunApp(App[None]):
    TITLE = "backrun"
    SUB_TITLE = "backward and forward treadmill intervals"
    BINDINGS = [Binding("q", "quit", "Quit", id="quit")]

    def __init__(self, config: Config, paths: Paths) -> None:
        super().__init__()
        self.config = config
        self.paths = paths

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("backrun", id="welcome")
        yield Footer()
