"""The home screen: the workouts, a preview of the one selected, Enter to run it.

From here a workout is edited (`e`; a built-in one as a copy), made new (`n`), copied
(`c`) or deleted to the trash (`d`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.events import ScreenResume
from textual.message import Message
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from backrun_tui.model.notation import NotationError, format_plan, parse
from backrun_tui.model.plan import Workout
from backrun_tui.model.totals import plan_totals
from backrun_tui.present import plain, totals_lines
from backrun_tui.store import StoreError
from backrun_tui.store.config import Config
from backrun_tui.store.workouts import MAX_NAME_LENGTH, WorkoutEntry
from backrun_tui.ui.screens.base import BackrunScreen
from backrun_tui.ui.widgets.timeline import Timeline, segments
from backrun_tui.ui.widgets.title_bar import TitleBar

# What only editing, deleting or running needs loads when first used: the home screen is
# drawn first (see benchmarks/startup.py).
if TYPE_CHECKING:
    from backrun_tui.model.draft import Draft
    from backrun_tui.store.workout_edit import OnDisk


class HomeScreen(BackrunScreen[None]):
    # Styled by home.tcss, which the App reads with its own style sheet.
    BINDINGS = [
        Binding("enter", "start", "Start", id="home.start", priority=True, tooltip="Start workout"),
        Binding(
            "r,R", "repeat_last", "Repeat last", id="home.repeat", tooltip="Repeat last session"
        ),
        Binding("s,S", "settings", "Settings", id="home.settings", tooltip="Open settings"),
        Binding("e", "edit", "Edit", id="home.edit", tooltip="Edit workout"),
        Binding("n", "new", "New", id="home.new", tooltip="New workout"),
        Binding("c", "copy", "Copy", id="home.copy", tooltip="Copy workout"),
        Binding("d,delete", "delete", "Delete", id="home.delete", tooltip="Delete workout"),
        Binding("h,H", "history", "History", id="home.history", tooltip="Past sessions"),
        Binding("g,G", "progress", "Progress", id="home.progress", tooltip="Progress over weeks"),
        Binding("q,Q", "app.quit", "Quit", id="home.quit", tooltip="Quit backrun"),
    ]

    class StartWorkout(Message):
        def __init__(self, entry: WorkoutEntry) -> None:
            super().__init__()
            self.entry = entry

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[WorkoutEntry] = []
        self._told: set[str] = set()  # problems already shown, so a refresh does not repeat them
        self._resumed = False

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="home"):
            yield OptionList(id="workouts", markup=False)
            with VerticalScroll(id="preview"):
                yield Label("", id="name", markup=False)
                yield Static("", id="description", markup=False)
                yield Timeline([], id="timeline")
                yield Static("", id="totals", markup=False)
                yield Static("", id="notation", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "config", self._config_changed, init=False)
        self.query_one("#workouts", OptionList).focus()

    def on_screen_resume(self, event: ScreenResume) -> None:
        # Each time the screen shows, the first time included: another screen or program
        # may have changed the workouts meanwhile.
        self.refresh_workouts()
        if not self._resumed:
            # The first time, the screen was styled as it was put together a moment ago:
            # styling it all again (what Textual's handler, which runs after this one, does
            # when a screen is pushed or switched to) would only put off the first paint.
            # A change of theme restyles every screen by itself.
            self._resumed = True
            event.refresh_styles = False

    def _config_changed(self, config: Config) -> None:
        self._preview()

    def refresh_workouts(self, select: str | None = None) -> None:
        """Read the workouts again (another screen or program may have changed them); keep
        the selected one selected, or select the saved one called `select`."""
        selected = self.selected
        loaded = self.backrun.library.workouts()
        self.backrun.tell_problems([p for p in loaded.problems if str(p) not in self._told])
        self._told |= {str(p) for p in loaded.problems}
        self.entries = loaded.items
        workouts = self.query_one("#workouts", OptionList)
        workouts.set_options(self._options())
        keep = select or (selected.workout.name if selected is not None else None)
        builtin = select is None and selected is not None and selected.builtin
        found = [
            index
            for index, option in enumerate(workouts.options)
            if (entry := self._entry(option)) is not None
            and (keep is None or (entry.workout.name, entry.builtin) == (keep, builtin))
        ]
        first = next(
            (i for i, option in enumerate(workouts.options) if self._entry(option) is not None),
            None,
        )
        workouts.highlighted = found[0] if found else first

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
            options.extend(Option(plain(e.workout.name), id=str(i)) for i, e in group)
        return options

    def _entry(self, option: Option) -> WorkoutEntry | None:
        if option.id is None or not option.id.isdigit():
            return None
        return self.entries[int(option.id)]

    @property
    def selected(self) -> WorkoutEntry | None:
        workouts = self.query_one("#workouts", OptionList)
        if workouts.highlighted is None:
            return None
        return self._entry(workouts.get_option_at_index(workouts.highlighted))

    @on(OptionList.OptionHighlighted)
    def _preview(self) -> None:
        entry = self.selected
        if entry is None:
            return
        config = self.backrun.config
        workout = entry.workout
        steps = workout.plan.steps()
        energy = config.energy_model()
        totals = plan_totals(steps, energy)
        self.query_one("#name", Label).update(plain(workout.name))
        self.query_one("#description", Static).update(plain(workout.description))
        self.query_one(Timeline).segments = segments(steps)
        lines = totals_lines(totals, config.units, energy, "body weight: s, Settings")
        self.query_one("#totals", Static).update("\n".join(lines))
        self.query_one("#notation", Static).update(plain(format_plan(workout.plan)))

    @on(OptionList.OptionSelected)
    def _chosen(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        entry = self.selected
        if entry is not None:
            self.post_message(self.StartWorkout(entry))

    def action_settings(self) -> None:
        from backrun_tui.ui.screens.settings import SettingsScreen  # loaded when first wanted

        self.app.push_screen(SettingsScreen())

    def action_progress(self) -> None:
        # Imported here: the plotting library loads only when the charts are wanted.
        from backrun_tui.ui.screens.progress import ProgressScreen

        self.app.push_screen(ProgressScreen())

    def action_repeat_last(self) -> None:
        """The workout of the newest session, as it was run then."""
        from backrun_tui.live_session import StartRequest

        latest = self.backrun.library.latest_session()
        if latest is None:
            self.notify("no session yet to repeat", timeout=4)
            return
        record = latest.record
        try:
            plan = parse(record.plan)
        except NotationError:  # the file was checked when read; this is for safety only
            self.notify("the last session's plan cannot be read", severity="error")
            return
        self.backrun.run_workout(StartRequest(Workout(record.workout, plan)))

    # --- editing --------------------------------------------------------------------------

    def _open_editor(self, draft: Draft, on_disk: OnDisk, note: str = "") -> None:
        def closed(name: str | None) -> None:
            self.refresh_workouts(select=name)

        from backrun_tui.ui.screens.editor import EditorScreen  # loaded when first wanted

        self.app.push_screen(EditorScreen(draft, on_disk, note=note), closed)

    def _free_name(self, wanted: str) -> str:
        from backrun_tui.model.draft import free_name

        taken = {entry.workout.name for entry in self.entries}
        return free_name(wanted, taken, MAX_NAME_LENGTH)

    def action_new(self) -> None:
        from backrun_tui.model.draft import Draft, State
        from backrun_tui.model.edit import NEW_PLAN
        from backrun_tui.store.workout_edit import OnDisk

        state = State(self._free_name("New workout"), "", format_plan(NEW_PLAN))
        self._open_editor(Draft(state, saved=False), OnDisk())

    def action_copy(self, note: str = "") -> None:
        entry = self.selected
        if entry is None:
            return
        from backrun_tui.model.draft import Draft, State
        from backrun_tui.store.workout_edit import OnDisk

        copy = State.of(entry.workout)
        copy = replace(copy, name=self._free_name(f"{entry.workout.name} (copy)"))
        self._open_editor(Draft(copy, saved=False), OnDisk(), note)

    def action_edit(self) -> None:
        entry = self.selected
        if entry is None:
            return
        if entry.builtin or entry.path is None:
            self.action_copy(
                "Built-in workouts cannot be changed: this is a copy to edit and save."
            )
            return
        try:
            workout, on_disk = self.backrun.library.open_workout(entry.path)
        except FileNotFoundError:
            self.notify(f"{entry.path} is gone", severity="error", markup=False)
            self.refresh_workouts()
            return
        except (StoreError, OSError) as err:
            self.notify(str(err), title="Cannot edit", severity="error", timeout=10, markup=False)
            return
        from backrun_tui.model.draft import Draft, State

        self._open_editor(Draft(State.of(workout)), on_disk)

    def action_delete(self) -> None:
        entry = self.selected
        if entry is None:
            return
        if entry.builtin or entry.path is None:
            self.notify("built-in workouts cannot be deleted", severity="warning", timeout=4)
            return
        path = entry.path

        def answer(yes: bool | None) -> None:
            if yes:
                self._delete(path)

        name = plain(entry.workout.name)
        question = f'Delete "{name}"? Its file goes to the trash folder.'
        from backrun_tui.ui.screens.confirm import ConfirmScreen

        self.app.push_screen(ConfirmScreen(question), answer)

    def _delete(self, path: Path) -> None:
        try:
            where = self.backrun.library.delete_workout(path)
        except OSError as err:
            self.notify(
                f"cannot delete {path}: {err.strerror or err}",
                severity="error",
                timeout=10,
                markup=False,
            )
        else:
            self.notify(f"moved to {where}", title="Deleted", timeout=5, markup=False)
        self.refresh_workouts()

    def action_history(self) -> None:
        # Loaded when first wanted: the history's exporters take a moment to import.
        from backrun_tui.ui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen())
