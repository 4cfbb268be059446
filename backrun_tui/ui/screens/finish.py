"""The finish screen: how the session went, how hard it felt, and a note."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static

from backrun_tui.model import display
from backrun_tui.model.kinds import Units
from backrun_tui.model.session import IntervalOutcome, SessionRecord, Status
from backrun_tui.session import SessionRunner
from backrun_tui.store.checkpoints import SaveResult, SessionWriter

MAX_NOTE = 500


class FinishScreen(Screen[None]):
    CSS_PATH = "finish.tcss"
    BINDINGS = [
        Binding("enter", "save", "Save", id="finish.save"),
        Binding("escape", "done", "Done", id="finish.done"),
    ]

    def __init__(
        self,
        runner: SessionRunner,
        writer: SessionWriter,
        record: SessionRecord,
        saved: SaveResult,
    ) -> None:
        super().__init__()
        self.runner = runner
        self.writer = writer
        self.record = record
        """What was saved when the session ended; the rating and note are added to it."""
        self.saved = saved

    def compose(self) -> ComposeResult:
        record = self.record
        title = {
            Status.COMPLETED: "Session complete",
            Status.STOPPED: "Session stopped",
        }.get(record.status, "Session ended")
        with Vertical(id="finish"):
            yield Label(f"{title}: {record.workout}", id="title")
            yield Static(summary(record, self.runner.config.units), id="summary")
            yield Label("How hard was it? RPE 1 (very easy) to 10 (all out):")
            yield Input(placeholder="1–10", id="rpe", max_length=2, restrict=r"\d*")
            yield Label("A note for your history:")
            yield Input(
                placeholder="how it felt, the belt, the knees…", id="note", max_length=MAX_NOTE
            )
            yield Static("", id="problem")
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
            elsewhere.value = str(Path.home() / f"backrun-session-{self.record.id}.toml")

    def _rated(self) -> SessionRecord | None:
        """The record with the rating and note, or None (and a message) if the RPE is off."""
        text = self.query_one("#rpe", Input).value.strip()
        rpe = int(text) if text else None
        if rpe is not None and not 1 <= rpe <= 10:
            self.notify("RPE: a whole number from 1 to 10", severity="error")
            self.query_one("#rpe", Input).focus()
            return None
        note = self.query_one("#note", Input).value.strip()
        return replace(self.record, rpe=rpe, note=note)

    def action_save(self) -> None:
        record = self._rated()
        if record is None:
            return
        elsewhere = self.query_one("#elsewhere", Input)
        if elsewhere.display and self.focused is elsewhere and elsewhere.value.strip():
            result = self.writer.save_to(record, Path(elsewhere.value.strip()).expanduser())
        else:
            result = self.writer.update(record)
        self.record = record
        self.saved = result
        self._show_result(result)
        if result.ok:
            self.notify(f"saved to {result.path}", timeout=4)
            self._leave()

    def action_done(self) -> None:
        if not self.saved.ok:
            self.notify("not saved yet: press Enter to try again", severity="warning")
            return
        self._leave()

    def _leave(self) -> None:
        self.writer.close()
        self.dismiss()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()


def summary(record: SessionRecord, units: Units) -> str:
    """The session in a few lines: planned against actual, by direction, distance, energy."""
    rows = [
        (
            "time",
            f"{display.clock(record.active_seconds)} of "
            f"{display.clock(record.planned_seconds)} planned",
        ),
        ("backward", display.clock(record.backward_seconds)),
        ("forward", display.clock(record.forward_seconds)),
        ("paused", display.clock(record.paused_seconds)),
        ("distance", display.distance(record.distance_km, units)),
        ("energy", display.energy(record.energy_kcal)),
    ]
    skipped = sum(1 for i in record.intervals if i.outcome is IntervalOutcome.SKIPPED)
    if skipped:
        rows.append(("skipped", f"{skipped} interval{'s' if skipped > 1 else ''}"))
    if record.time_scale != 1:
        rows.append(("time scale", f"×{record.time_scale:g}"))
    return "\n".join(f"{name:<11}{value}" for name, value in rows)
