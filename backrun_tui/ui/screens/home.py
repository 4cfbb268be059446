"""The home screen: the workouts, a preview of the one selected, Enter to run it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from backrun_tui.model.kinds import Units
from backrun_tui.model.notation import format_plan
from backrun_tui.model.totals import EnergyModel, plan_totals
from backrun_tui.report import totals_lines
from backrun_tui.store.workouts import WorkoutEntry
from backrun_tui.ui.widgets.timeline import Timeline


class HomeScreen(Screen[None]):
    CSS_PATH = "home.tcss"
    BINDINGS = [
        Binding("enter", "start", "Start", id="home.start", priority=True),
        Binding("q", "app.quit", "Quit", id="home.quit"),
    ]

    class StartWorkout(Message):
        def __init__(self, entry: WorkoutEntry) -> None:
            super().__init__()
            self.entry = entry

    def __init__(self, entries: list[WorkoutEntry], units: Units, energy: EnergyModel) -> None:
        super().__init__()
        self.entries = entries
        self.units = units
        self.energy = energy

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="home"):
            yield OptionList(*self._options(), id="workouts")
            with VerticalScroll(id="preview"):
                yield Label("", id="name")
                yield Static("", id="description")
                yield Timeline([], id="timeline")
                yield Static("", id="totals")
                yield Static("", id="notation")
        yield Footer()

    def _options(self) -> list[Option | None]:
        options: list[Option | None] = []
        saved = [(i, e) for i, e in enumerate(self.entries) if not e.builtin]
        builtin = [(i, e) for i, e in enumerate(self.entries) if e.builtin]
        for heading, group in (("Saved", saved), ("Built-in", builtin)):
            if not group:
                continue
            if options:
                options.append(None)
            options.append(Option(heading.upper(), id=f"heading-{heading}", disabled=True))
            options.extend(Option(e.workout.name, id=str(i)) for i, e in group)
        return options

    def on_mount(self) -> None:
        workouts = self.query_one("#workouts", OptionList)
        workouts.focus()
        for index, option in enumerate(workouts.options):
            if not option.disabled:
                workouts.highlighted = index
                break

    @property
    def selected(self) -> WorkoutEntry | None:
        workouts = self.query_one("#workouts", OptionList)
        if workouts.highlighted is None:
            return None
        option_id = workouts.get_option_at_index(workouts.highlighted).id
        if option_id is None or not option_id.isdigit():
            return None
        return self.entries[int(option_id)]

    @on(OptionList.OptionHighlighted)
    def _preview(self) -> None:
        entry = self.selected
        if entry is None:
            return
        workout = entry.workout
        steps = workout.plan.steps()
        totals = plan_totals(steps, self.energy)
        self.query_one("#name", Label).update(workout.name)
        self.query_one("#description", Static).update(workout.description)
        self.query_one(Timeline).segments = [(s.kind.value, s.seconds) for s in steps]
        lines = totals_lines(totals, self.units, self.energy)
        self.query_one("#totals", Static).update("\n".join(lines))
        self.query_one("#notation", Static).update(format_plan(workout.plan))

    @on(OptionList.OptionSelected)
    def _chosen(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        entry = self.selected
        if entry is not None:
            self.post_message(self.StartWorkout(entry))
