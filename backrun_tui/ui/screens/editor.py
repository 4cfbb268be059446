"""The workout editor: name, description, the plan as a tree, a form and a notation line.

The screen only shows and asks. What a field may hold is `model.fields`; what an edit
does is `model.edit`; the history, undo and whether it is saved is `model.draft`; saving
without losing a change made elsewhere is `store.workout_edit`. A value is applied only
when valid (on Enter, or when the field is left); until then its message stays under it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Input, Label, Select, Static, Tree

from backrun_tui.live_session import StartRequest
from backrun_tui.model import edit
from backrun_tui.model.draft import Draft, State
from backrun_tui.model.edit import Edited, EditError, Path
from backrun_tui.model.fields import (
    FieldValueError,
    parse_count,
)
from backrun_tui.model.form import COUNT_FIELD, INTERVAL_FIELDS, apply_field
from backrun_tui.model.kinds import Kind
from backrun_tui.model.notation import NotationError, parse
from backrun_tui.model.plan import Interval, Repeat
from backrun_tui.model.totals import plan_totals
from backrun_tui.present import plain, totals_lines
from backrun_tui.store import StoreError
from backrun_tui.store.config import Config
from backrun_tui.store.workout_edit import ChangedOnDisk, OnDisk
from backrun_tui.store.workouts import validate_name
from backrun_tui.ui.screens.ask import ChangedOnDiskScreen, UnsavedScreen
from backrun_tui.ui.screens.base import BackrunScreen
from backrun_tui.ui.widgets.item_form import ItemForm, message_line, text_field
from backrun_tui.ui.widgets.plan_tree import PlanTree
from backrun_tui.ui.widgets.timeline import Timeline, segments
from backrun_tui.ui.widgets.title_bar import TitleBar

#: The text fields whose value is applied when entered (each `#NAME-field`).
_FIELDS = ", ".join(
    f"#{name}-field" for name in ("name", "description", COUNT_FIELD, *INTERVAL_FIELDS)
)


def _field_name(field: Input) -> str | None:
    """`duration` for the `#duration-field` input."""
    return None if field.id is None else field.id.removesuffix("-field")


class EditorScreen(BackrunScreen[str | None]):
    """Edit one workout; dismissed with its name once saved (None if it never was)."""

    CSS_PATH = "editor.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="editor.save", priority=True, tooltip="Save"),
        Binding("ctrl+z", "undo", "Undo", id="editor.undo", priority=True, tooltip="Undo"),
        Binding("ctrl+y", "redo", "Redo", id="editor.redo", priority=True, tooltip="Redo"),
        Binding(
            "ctrl+r", "start", "Start", id="editor.start", priority=True, tooltip="Save and start"
        ),
        Binding("escape", "leave", "Back", id="editor.back", tooltip="Back to the workouts"),
        Binding("a", "add", "Add", id="editor.add", tooltip="Add an interval after"),
        Binding("r", "wrap", "Repeat", id="editor.wrap", tooltip="Repeat the selected item"),
        Binding("b", "add_block", "Block", id="editor.block", tooltip="Add a repeat after"),
        Binding("d", "duplicate", "Copy", id="editor.duplicate", tooltip="Duplicate"),
        Binding("x,delete", "delete", "Delete", id="editor.delete", tooltip="Delete"),
        Binding("K,ctrl+up", "move(-1)", "Up", id="editor.up", tooltip="Move up"),
        Binding("J,ctrl+down", "move(1)", "Down", id="editor.down", tooltip="Move down"),
        Binding("plus", "count(1)", "More", id="editor.more", tooltip="Repeat once more"),
        Binding("minus", "count(-1)", "Fewer", id="editor.fewer", tooltip="Repeat once fewer"),
    ]

    def __init__(self, draft: Draft, on_disk: OnDisk, *, note: str = "") -> None:
        super().__init__()
        self.draft = draft
        self.on_disk = on_disk
        self.note = note
        self.selected: Path = (0,)
        self._form_path: Path = (0,)
        """The item the form shows: its fields' text applies to this one."""
        self._saved_name: str | None = draft.state.name if on_disk.path else None

    # --- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="editor"):
            with Horizontal(id="meta"):
                yield Label("Name", classes="caption")
                yield text_field("name")
                yield Label("About", classes="caption")
                yield text_field("description")
            yield message_line("name")
            yield message_line("description")
            with Horizontal(id="body"):
                yield PlanTree(id="plan")
                side = VerticalScroll(id="side")
                side.can_focus = False  # Tab goes from the tree straight to the fields
                with side:
                    yield ItemForm(id="form")
                    yield Static("", id="editor-totals", markup=False)
            yield Timeline([], id="editor-timeline")
            with Horizontal(id="notation-row"):
                yield Label("Plan", classes="caption")
                yield text_field("notation")
            yield message_line("notation")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.watch(self.app, "config", self._config_changed, init=False)
        self.show()
        self.query_one(PlanTree).focus()
        if self.note:
            self.notify(self.note, timeout=6, markup=False)

    def _config_changed(self, config: Config) -> None:
        self.show()

    # --- showing the state ----------------------------------------------------------------

    def show(self) -> None:
        """Put the current state everywhere: fields, tree, form, totals, notation line."""
        state = self.draft.state
        plan = state.plan
        config = self.backrun.config
        self._set_value("name", state.name)
        self._set_value("description", state.description)
        self._error("name", "")
        if not self._has(self.selected):
            self.selected = edit.rows(plan)[-1].path
        self.query_one(PlanTree).show(plan, config.units, self.selected)
        self._fill_form()
        steps = plan.steps()
        energy = config.energy_model()
        self.query_one(Timeline).segments = segments(steps)
        lines = totals_lines(plan_totals(steps, energy), config.units, energy)
        self.query_one("#editor-totals", Static).update("\n".join(lines))
        self._set_value("notation", state.notation)
        self._error("notation", "")
        self.title = f"Editing: {plain(state.name)}"
        self.sub_title = "unsaved changes" if self.draft.dirty else "saved"
        self.refresh_bindings()

    def _has(self, path: Path) -> bool:
        try:
            edit.item_at(self.draft.state.plan, path)
        except IndexError:
            return False
        return True

    def _fill_form(self) -> None:
        self._form_path = self.selected
        item = edit.item_at(self.draft.state.plan, self.selected)
        self.query_one(ItemForm).fill(item, self.backrun.config.units)

    def _set_value(self, name: str, value: str) -> None:
        field = self.query_one(f"#{name}-field", Input)
        if field.value != value:
            field.value = value

    def _error(self, name: str, message: str) -> None:
        shown = self.query_one(f"#{name}-error", Static)
        shown.update(message)
        shown.set_class(bool(message), "-shown")

    @on(Tree.NodeHighlighted, "#plan")
    def _highlighted(self, event: Tree.NodeHighlighted[Path]) -> None:
        path = event.node.data
        if path is not None and path != self.selected and self._has(path):
            self.selected = path
            self._flush_form()
            self._fill_form()
            self.refresh_bindings()

    def _flush_form(self) -> None:
        """Apply what was typed in the form for the item it showed, before it shows another
        (a click on the tree can come before the field hears it lost the focus)."""
        for name in self.query_one(ItemForm).typed():
            self._apply(name)

    # --- changing the state ---------------------------------------------------------------

    def _change(self, state: State, selected: Path | None = None) -> None:
        """Make `state` the current one (a step undo takes back), `selected` selected."""
        moved = selected is not None and selected != self.selected
        if selected is not None:
            self.selected = selected
        if self.draft.change(state) or moved:
            self.show()

    def _edit(self, change: Callable[[], Edited]) -> bool:
        """Apply an edit of the plan; its refusal, in words, as a notice."""
        try:
            edited = change()
        except EditError as err:
            self.notify(str(err), severity="warning", timeout=5, markup=False)
            return False
        self._change(self.draft.state.with_plan(edited.plan), edited.selected)
        return True

    def _item(self, path: Path | None = None) -> Interval | Repeat:
        return edit.item_at(self.draft.state.plan, path or self.selected)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return True
        if action == "undo":
            return self.draft.can_undo or None
        if action == "redo":
            return self.draft.can_redo or None
        if action == "count":
            return isinstance(self._item(), Repeat) or None
        return True

    def action_add(self) -> None:
        item = self._item()
        new = item if isinstance(item, Interval) else edit.NEW_PLAN.items[0]
        plan = self.draft.state.plan
        self._edit(lambda: edit.insert_after(plan, self.selected, new))

    def action_wrap(self) -> None:
        plan = self.draft.state.plan
        self._edit(lambda: edit.wrap_in_repeat(plan, self.selected))

    def action_add_block(self) -> None:
        plan = self.draft.state.plan
        self._edit(lambda: edit.add_repeat_after(plan, self.selected))

    def action_duplicate(self) -> None:
        plan = self.draft.state.plan
        self._edit(lambda: edit.duplicate(plan, self.selected))

    def action_delete(self) -> None:
        plan = self.draft.state.plan
        self._edit(lambda: edit.delete(plan, self.selected))

    def action_move(self, step: int) -> None:
        plan = self.draft.state.plan
        move = edit.move_up if step < 0 else edit.move_down
        self._edit(lambda: move(plan, self.selected))

    def action_count(self, step: int) -> None:
        block = self._item()
        if not isinstance(block, Repeat):
            return
        plan, count = self.draft.state.plan, block.count + step
        try:
            parse_count(str(count))
        except FieldValueError as err:
            self.notify(str(err), severity="warning", timeout=5, markup=False)
            return
        self._edit(lambda: edit.set_count(plan, self.selected, count))

    def action_undo(self) -> None:
        if self.draft.undo():
            self.show()

    def action_redo(self) -> None:
        if self.draft.redo():
            self.show()

    # --- the form, the name and the notation line -----------------------------------------

    def _read(self, name: str) -> State:
        """The state with field `name`'s text applied; FieldValueError when it cannot be."""
        text = self.query_one(f"#{name}-field", Input).value
        state = self.draft.state
        if name == "name":
            problem = validate_name(text)
            if problem is not None:
                raise FieldValueError("name", problem)
            return replace(state, name=text)
        return apply_field(state, self._form_path, name, text, self.backrun.config.units)

    def _check(self, name: str) -> State | None:
        """The state field `name` would give, or None with its message shown under it."""
        try:
            state = self._read(name)
        except FieldValueError as err:
            self._error(name, str(err))
            return None
        self._error(name, "")
        return state

    @on(Input.Changed, _FIELDS)
    def _typed(self, event: Input.Changed) -> None:
        name = _field_name(event.input)
        if name is not None:
            self._check(name)

    @on(Input.Submitted, _FIELDS)
    @on(Input.Blurred, _FIELDS)
    def _entered(self, event: Input.Submitted | Input.Blurred) -> None:
        name = _field_name(event.input)
        if name is not None and self.is_attached:
            self._apply(name)

    def _apply(self, name: str) -> bool:
        state = self._check(name)
        if state is None:
            return False
        self._change(state)
        return True

    @on(Select.Changed, "#kind-field")
    def _kind_chosen(self, event: Select.Changed) -> None:
        item, kind = self._item(), event.value
        if kind != event.select.value:
            return  # a change the form made itself, heard after it made another
        if isinstance(item, Interval) and isinstance(kind, Kind) and kind != item.kind:
            plan = self.draft.state.plan
            self._edit(lambda: edit.replace_item(plan, self.selected, replace(item, kind=kind)))

    @on(Input.Submitted, "#notation-field")
    @on(Input.Blurred, "#notation-field")
    def _notation_entered(self, event: Input.Submitted | Input.Blurred) -> None:
        if self.is_attached:
            self._apply_notation(move_cursor=isinstance(event, Input.Submitted))

    def _apply_notation(self, *, move_cursor: bool = True) -> bool:
        field = self.query_one("#notation-field", Input)
        if field.value == self.draft.state.notation:
            self._error("notation", "")
            return True
        try:
            plan = parse(field.value, self.backrun.config.units.speed_unit)
        except NotationError as err:
            self._error("notation", str(err))
            if move_cursor:
                field.cursor_position = err.column - 1
            return False
        self._change(self.draft.state.with_plan(plan))
        return True

    def _commit_pending(self) -> bool:
        """Apply what the focused field holds; False (its message shown) when invalid."""
        focused = self.focused
        name = _field_name(focused) if isinstance(focused, Input) else None
        if name is None:
            return True
        if name == "notation":
            return self._apply_notation()
        return self._apply(name)

    # --- saving, leaving, starting --------------------------------------------------------

    def action_save(self) -> None:
        self._save()

    def _save(self, then: Callable[[], None] | None = None, *, overwrite: bool = False) -> None:
        if not self._commit_pending():
            self.notify("fix the value marked in red first", severity="warning", timeout=4)
            return
        library = self.backrun.library
        try:
            self.on_disk = library.save_edited(self.draft.state.workout(), self.on_disk, overwrite)
        except ChangedOnDisk as changed:
            self._ask_about_disk(changed, then)
            return
        except ValueError as err:  # a bad name, or one another workout has
            self._error("name", str(err))
            self.notify(str(err), title="Not saved", severity="error", timeout=8, markup=False)
            return
        except OSError as err:
            message = f"cannot write {self.on_disk.path or 'the file'}: {err.strerror or err}"
            self.notify(message, title="Not saved", severity="error", timeout=10, markup=False)
            return
        self.draft.mark_saved()
        self._saved_name = self.draft.state.name
        self.show()
        self.notify(f"saved {plain(self.draft.state.name)}", timeout=3, markup=False)
        if then is not None:
            then()

    def _ask_about_disk(self, changed: ChangedOnDisk, then: Callable[[], None] | None) -> None:
        def answer(choice: str | None) -> None:
            if choice == "overwrite":
                self._save(then, overwrite=True)
            elif choice == "reload":
                self._reload()

        question = f"{changed}. Overwrite it with your version, or reload it?"
        self.app.push_screen(ChangedOnDiskScreen(question), answer)

    def _reload(self) -> None:
        path = self.on_disk.path
        if path is None:
            return
        try:
            workout, self.on_disk = self.backrun.library.open_workout(path)
        except (StoreError, OSError) as err:
            message = f"cannot reload: {err}"
            self.notify(message, severity="error", timeout=10, markup=False)
            return
        self.draft.reloaded(State.of(workout))
        self.show()
        self.notify("reloaded from the file; ctrl+z brings your version back", timeout=6)

    def action_leave(self) -> None:
        if not self._commit_pending() or self.draft.dirty:
            self._ask_unsaved(self._close)
        else:
            self._close()

    def _ask_unsaved(self, then: Callable[[], None]) -> None:
        def answer(choice: str | None) -> None:
            if choice == "save":
                self._save(then)
            elif choice == "discard":
                then()

        self.app.push_screen(UnsavedScreen("This workout has changes not saved."), answer)

    def _close(self) -> None:
        self.dismiss(self._saved_name)

    def action_start(self) -> None:
        if not self._commit_pending():
            self.notify("fix the value marked in red first", severity="warning", timeout=4)
            return
        if self.draft.dirty:
            self._save(self._start)
        else:
            self._start()

    def _start(self) -> None:
        workout = self.draft.state.workout()
        self.dismiss(self._saved_name)
        self.backrun.run_workout(StartRequest(workout))
