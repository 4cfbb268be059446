"""The finish screen: how the session went, how hard it felt, and a note."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Input, Label, Static

from backrun_tui import present
from backrun_tui.live_session import LiveSession, StartRequest
from backrun_tui.model.plan import Workout
from backrun_tui.store.checkpoints import SaveResult
from backrun_tui.ui.screens.base import BackrunScreen
from backrun_tui.ui.widgets.rpe_input import RpeInput, typed_rating

MAX_NOTE = 500


class FinishScreen(BackrunScreen[None]):
    CSS_PATH = "finish.tcss"
    BINDINGS = [
        Binding("enter", "save", "Save", id="finish.save", tooltip="Save rating and note"),
        Binding("escape", "done", "Done", id="finish.done", tooltip="Done, without a rating"),
        Binding(
            "ctrl+r", "run_again", "Run again", id="finish.again", tooltip="Run this workout again"
        ),
        # A priority key, so that it works from the RPE field (which takes digits only and
        # lets other keys through); the note and file fields take their h as typed.
        Binding(
            "h", "history", "History", id="finish.history", priority=True, tooltip="Past sessions"
        ),
    ]

    def __init__(self, session: LiveSession, saved: SaveResult) -> None:
        super().__init__()
        self.session = session
        self.saved = saved
        """How the last save of the session file went."""

    def compose(self) -> ComposeResult:
        record = self.session.final
        assert record is not None, "the finish screen shows a session that has ended"
        with Vertical(id="finish"):
            yield Label(present.session_title(record), id="title", markup=False)
            yield Static(
                present.summary(record, self.backrun.config.units), id="summary", markup=False
            )
            yield Label("How hard was it? RPE 1 (very easy) to 10 (all out):")
            yield RpeInput(id="rpe")
            yield Label("A note for your history:")
            yield Input(
                placeholder="how it felt, the belt, the knees…", id="note", max_length=MAX_NOTE
            )
            yield Static("", id="problem", markup=False)
            yield Input(id="elsewhere", placeholder="save the session to this file")
            yield Label("Enter saves · Esc finishes without a rating", id="keys")
        yield Footer()

    def on_mount(self) -> None:
        self._show_result(self.saved)
        self.query_one("#rpe", Input).focus()

    def _show_result(self, result: SaveResult) -> None:
        problem = self.query_one("#problem", Static)
        elsewhere = self.query_one("#elsewhere", Input)
        if result.ok:
            problem.update("")
            problem.display = elsewhere.display = False
            return
        problem.update(
            f"⚠ not saved: {result.error}\nThe session is still here. Enter tries again; or "
            "type another file below and press Enter to save it there."
        )
        problem.display = elsewhere.display = True
        if not elsewhere.value:
            elsewhere.value = str(Path.home() / f"backrun-session-{self.session.id}.toml")

    def _rating(self) -> tuple[int | None, str] | None:
        """The RPE and note typed, or None (and a message) if the RPE is off."""
        return typed_rating(self)

    def action_save(self) -> None:
        rating = self._rating()
        if rating is None:
            return
        result = self.session.rate(*rating)
        elsewhere = self.query_one("#elsewhere", Input)
        if elsewhere.display and self.focused is elsewhere and elsewhere.value.strip():
            result = self.session.save_to(Path(elsewhere.value.strip()).expanduser())
        self.saved = result
        self._show_result(result)
        if result.ok:
            self.notify(f"saved to {result.path}", timeout=4, markup=False)
            self._leave()

    def action_done(self) -> None:
        if not self.saved.ok:
            self.notify("not saved yet: press Enter to try again", severity="warning")
            return
        self._leave()

    def _keep_rating(self) -> bool:
        """Save the rating typed so far (if any, or if the session is not saved yet) before
        leaving for another screen; False, with the reason shown, when that failed."""
        rating = self._rating()
        if rating is None:
            return False
        if rating != (None, "") or not self.saved.ok:
            self.saved = self.session.rate(*rating)
            if not self.saved.ok:
                self._show_result(self.saved)
                return False
        return True

    def action_run_again(self) -> None:
        """Keep the rating typed so far, then the same workout once more, from its start."""
        if not self._keep_rating():
            return
        session = self.session
        again = StartRequest(Workout(session.workout, session.plan), session.time_scale)
        self.dismiss()
        self.backrun.run_workout(again)

    def action_history(self) -> None:
        """Keep the rating typed so far, then the history, where this session is the newest."""
        if not self._keep_rating():
            return
        self.dismiss()
        # Loaded when first wanted: the history's exporters take a moment to import.
        from backrun_tui.ui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen())

    def _leave(self) -> None:
        if self.backrun.quit_after_session:
            self.app.exit()
        else:
            self.dismiss()

    def on_unmount(self) -> None:
        self.session.close()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()
