"""Leaving with unsaved changes: save, discard, or stay — one key each."""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label

Leave = Literal["save", "discard", "stay"]


class LeaveScreen(ModalScreen[Leave]):
    """Asks what to do with unsaved changes; dismissed with "save", "discard" or "stay"."""

    CSS_PATH = "leave.tcss"
    BINDINGS = [
        Binding("s", "answer('save')", "Save", id="leave.save", tooltip="Save, then leave"),
        Binding("d", "answer('discard')", "Discard", id="leave.discard", tooltip="Discard changes"),
        Binding("escape,c", "answer('stay')", "Stay", id="leave.stay", tooltip="Stay here"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.question, id="question", markup=False)
            yield Label("s: save    d: discard    Esc: stay", id="keys")
        yield Footer()

    def action_answer(self, answer: Leave) -> None:
        self.dismiss(answer)
