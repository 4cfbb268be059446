"""Questions with more than two answers, each answered with one key.

Each kind of question is its own small class, so that its keys are plain BINDINGS: shown
in the Footer and in the command palette like every other action.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label


class ChoiceScreen(ModalScreen[str]):
    """A question; dismissed with the answer's word."""

    CSS_PATH = "ask.tcss"
    #: The answers and their keys in a line, under the question.
    KEYS: ClassVar[str] = ""

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.question, id="question", markup=False)
            yield Label(self.KEYS, id="keys", markup=False)
        yield Footer()

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)


class UnsavedScreen(ChoiceScreen):
    """Leaving (or starting) with changes not saved: save them, drop them, or stay."""

    KEYS = "s: save    d: discard the changes    Esc: stay"
    BINDINGS = [
        Binding("s", "answer('save')", "Save", id="unsaved.save", tooltip="Save the changes"),
        Binding(
            "d", "answer('discard')", "Discard", id="unsaved.discard", tooltip="Discard the changes"
        ),
        Binding("escape,n", "answer('stay')", "Stay", id="unsaved.stay", tooltip="Stay and edit"),
    ]


class ChangedOnDiskScreen(ChoiceScreen):
    """The file changed since it was opened: overwrite it, take it as it is now, or stay."""

    KEYS = "o: overwrite it with yours    r: reload it (undo brings yours back)    Esc: stay"
    BINDINGS = [
        Binding(
            "o",
            "answer('overwrite')",
            "Overwrite",
            id="disk.overwrite",
            tooltip="Overwrite the file",
        ),
        Binding("r", "answer('reload')", "Reload", id="disk.reload", tooltip="Reload the file"),
        Binding("escape,n", "answer('stay')", "Stay", id="disk.stay", tooltip="Stay, save nothing"),
    ]
