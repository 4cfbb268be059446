"""Leaving with unsaved changes: save, discard, or stay — one key each."""

from __future__ import annotations

from textual.binding import Binding

from backrun_tui.ui.screens.ask import ChoiceScreen


class LeaveScreen(ChoiceScreen):
    """Asks what to do with unsaved changes; dismissed with "save", "discard" or "stay"
    (the one ChoiceScreen of every question with more than two answers)."""

    KEYS = "s: save    d: discard    Esc: stay"
    BINDINGS = [
        Binding("s", "answer('save')", "Save", id="leave.save", tooltip="Save, then leave"),
        Binding("d", "answer('discard')", "Discard", id="leave.discard", tooltip="Discard changes"),
        Binding("escape,c", "answer('stay')", "Stay", id="leave.stay", tooltip="Stay here"),
    ]
