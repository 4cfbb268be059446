"""The settings screen: every setting in config.toml, checked as it is typed, saved with ctrl+s.

The form edits a draft; a value that is not valid shows its message under its field and
leaves the draft as it was. Saving hands the draft to `App.update_config`, which writes
only the settings that changed (comments and unknown keys in the file stay) and makes every
screen take them up at once. The theme is tried out live while choosing and put back if
the changes are discarded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.events import DescendantFocus, Resize
from textual.widget import Widget
from textual.widgets import Checkbox, Footer, Input, Label, Select, Static

from backrun_tui import present
from backrun_tui.model.kinds import Units
from backrun_tui.store.config import (
    Config,
    config_to_dict,
    value_from_text,
    with_setting,
)
from backrun_tui.store.config_edit import backup_path
from backrun_tui.store.errors import StoreError
from backrun_tui.store.tomlfile import FieldError
from backrun_tui.ui.screens.base import BackrunScreen
from backrun_tui.ui.screens.leave import LeaveScreen
from backrun_tui.ui.theme import theme_names
from backrun_tui.ui.widgets.title_bar import TitleBar

FieldKind = Literal["text", "flag", "units", "theme"]


@dataclass(frozen=True)
class Field:
    """One setting on the form: its key in config.toml, its name and a hint."""

    key: str
    label: str
    kind: FieldKind
    hint: str

    @property
    def id(self) -> str:
        return self.key.replace(".", "-")


FIELDS = [
    Field("units", "Units", "units", "speeds and distances"),
    Field("weight_kg", "Body weight", "text", "kg; empty: no energy figure"),
    Field("backward_energy_factor", "Backward energy factor", "text", "1.0–2.0"),
    Field("get_ready_s", "Get ready", "text", "seconds before the first interval; 0 = off"),
    Field("sound.enabled", "Sound", "flag", "cues you can hear"),
    Field("sound.voice", "Voice", "flag", "spoken cues besides the tones"),
    Field("sound.volume", "Volume", "text", "0–100"),
    Field("sound.turnaround_warning_s", "Turn-around warning", "text", "seconds; 0 = off"),
    Field("sound.countdown", "3-2-1", "flag", "before every change of interval"),
    Field("sound.halfway", "Halfway", "flag", "a cue halfway through long intervals"),
    Field("theme", "Theme", "theme", "colours; shown at once"),
    Field("keep_awake", "Keep awake", "flag", "no sleep during a session"),
]
#: Below this width the keys as config.toml names them are left out (the hints stay).
WIDE = 100
BY_ID = {field.id: field for field in FIELDS}
UNIT_CHOICES = [
    ("metric: km/h, km", Units.METRIC.value),
    ("imperial: mph, mi", Units.IMPERIAL.value),
]


def setting(config: Config, key: str) -> object:
    """The value of the setting at dotted `key`, as the file holds it (None: not set)."""
    value: object = config_to_dict(config)
    for part in key.split("."):
        assert isinstance(value, dict)
        value = value.get(part)
    return value


def on_off(value: object) -> str:
    return "on" if value else "off"


def as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


class SettingsScreen(BackrunScreen[None]):
    CSS_PATH = "settings.tcss"
    SUB_TITLE = "settings"
    BINDINGS = [
        Binding(
            "ctrl+s", "save", "Save", id="settings.save", priority=True, tooltip="Save settings"
        ),
        Binding("escape", "back", "Back", id="settings.back", tooltip="Leave settings"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.saved: Config = Config()
        """The settings in use when the form was filled or last saved."""
        self.draft: Config = Config()
        """The settings as the form shows them, every value valid."""
        self.errors: dict[str, str] = {}
        """Field id to the message under it, for each field whose text is not valid."""
        self.kept: Path | None = None
        """Where a save kept the broken file, once one did."""

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="settings"):
            yield Static("", id="problems", markup=False)
            for field in FIELDS:
                with Horizontal(classes="row"):
                    yield Label(field.label, classes="label", markup=False)
                    yield self._input(field)
                    yield Label(field.hint, classes="hint", markup=False)
                    yield Label(field.key, classes="key", markup=False)
                yield Static("", id=f"{field.id}-error", classes="error", markup=False)
            yield Static("", id="state", markup=False)
        yield Footer()

    def _input(self, field: Field) -> Widget:
        # Made with the value in use: a Select made without one picks its first option
        # and says so with a Changed message after the form is filled.
        value = setting(self.backrun.config, field.key)
        if field.kind == "flag":
            return Checkbox(on_off(value), bool(value), id=field.id, compact=True)
        if field.kind == "units":
            return Select(UNIT_CHOICES, value=value, id=field.id, allow_blank=False, compact=True)
        if field.kind == "theme":
            choices = [(name, name) for name in theme_names()]
            return Select(choices, value=value, id=field.id, allow_blank=False, compact=True)
        return Input(as_text(value), id=field.id, compact=True, select_on_focus=False)

    def on_mount(self) -> None:
        self.watch(self.app, "config", self._config_changed, init=False)
        self._fill(self.backrun.config)
        self.query_one(f"#{FIELDS[0].id}").focus()

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        for row in self.query(".row"):
            row.set_class(event.widget in row.children, "-current")

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < WIDE, "-narrow")

    def _config_changed(self, config: Config) -> None:
        """Settings changed elsewhere (config.toml edited outside backrun): the form shows
        them, except in the fields changed here, which keep what the runner typed."""
        if config == self.saved:
            return
        mine = [
            field
            for field in FIELDS
            if field.id in self.errors
            or setting(self.draft, field.key) != setting(self.saved, field.key)
        ]
        draft = config
        for field in mine:
            if field.id not in self.errors:
                value = setting(self.draft, field.key)
                draft = with_setting(draft, field.key, value, theme_names())
        self.saved, self.draft = config, draft
        self._fill_fields([field for field in FIELDS if field not in mine], config)
        self._show()

    def _fill(self, config: Config) -> None:
        self.saved = self.draft = config
        self.errors.clear()
        self._fill_fields(FIELDS, config)
        self._show()

    def _fill_fields(self, fields: list[Field], config: Config) -> None:
        with self.prevent(Input.Changed, Checkbox.Changed, Select.Changed):
            for field in fields:
                value = setting(config, field.key)
                if field.kind == "flag":
                    box = self.query_one(f"#{field.id}", Checkbox)
                    box.value, box.label = bool(value), on_off(value)
                elif field.kind in ("units", "theme"):
                    self.query_one(f"#{field.id}", Select).value = value
                else:
                    self.query_one(f"#{field.id}", Input).value = as_text(value)

    @property
    def dirty(self) -> bool:
        """Something on the form is not saved (a change, or text that is not valid)."""
        return self.draft != self.saved or bool(self.errors)

    # --- editing ---------------------------------------------------------------------------

    # Each handler reads the widget's value now, not the message's: a message that arrives
    # late (after the form was filled again) then changes nothing.

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self._change(event.input.id, value_from_text(event.input.value))

    @on(Checkbox.Changed)
    def _ticked(self, event: Checkbox.Changed) -> None:
        event.checkbox.label = on_off(event.checkbox.value)
        self._change(event.checkbox.id, event.checkbox.value)

    @on(Select.Changed)
    def _chosen(self, event: Select.Changed) -> None:
        value = event.select.value
        self._change(event.select.id, value)
        if event.select.id == "theme" and isinstance(value, str) and value != self.app.theme:
            self.app.theme = value  # tried out at once; put back on discard

    def _change(self, field_id: str | None, value: object) -> None:
        field = BY_ID.get(field_id or "")
        if field is None:
            return
        try:
            self.draft = with_setting(self.draft, field.key, value, theme_names())
        except FieldError as problem:
            self.errors[field.id] = f"{field.label} ({field.key}): {problem.reason}"
            # Typing "500" passes through "50": the setting goes back to its saved value,
            # not the last one that happened to be valid on the way.
            saved = setting(self.saved, field.key)
            self.draft = with_setting(self.draft, field.key, saved, theme_names())
        else:
            self.errors.pop(field.id, None)
        self._show()

    def _show(self) -> None:
        for field in FIELDS:
            message = self.errors.get(field.id, "")
            error = self.query_one(f"#{field.id}-error", Static)
            error.update(message)
            error.display = bool(message)
            self.query_one(f"#{field.id}").set_class(bool(message), "-invalid")
        problems = self.query_one("#problems", Static)
        text = self._problems_text()
        problems.update(text)
        problems.display = bool(text)
        self.query_one("#state", Static).update(self._state_text())

    def _problems_text(self) -> str:
        lines: list[str] = []
        found = self.backrun.config_problems
        if found and self.backrun.config_backup_due:
            lines.append(
                "config.toml had problems when backrun started; "
                "the defaults stand in for what could not be used:"
            )
        elif found:
            lines.append("config.toml still has these problems (they are kept as they are):")
        lines += [f"  {present.problem_line(problem)}" for problem in found]
        if found and self.backrun.config_backup_due:
            path = backup_path(self.backrun.library.paths.config_file)
            lines.append(f"Saving first keeps the file as it is now as {present.short_path(path)}.")
        if self.kept is not None:
            lines.append(f"The file as it was is kept as {present.short_path(self.kept)}.")
        return "\n".join(lines)

    def _state_text(self) -> str:
        if self.errors:
            names = ", ".join(BY_ID[i].label for i in self.errors)
            return f"Not valid: {names}. ctrl+s saves once every field is valid."
        changed = [
            f.label for f in FIELDS if setting(self.draft, f.key) != setting(self.saved, f.key)
        ]
        if changed:
            return f"Unsaved: {', '.join(changed)}. ctrl+s saves, Esc leaves."
        path = present.short_path(self.backrun.library.paths.config_file)
        return f"No unsaved changes. The settings file: {path}"

    # --- saving and leaving ------------------------------------------------------------------

    def action_save(self) -> bool:
        """Save the draft; False (and a message saying why) when it could not be saved."""
        if self.errors:
            names = ", ".join(BY_ID[i].label for i in self.errors)
            self.notify(
                f"not saved: {names} is not valid", title="Settings", severity="error", markup=False
            )
            return False
        try:
            saved = self.backrun.update_config(self.draft, save=True)
        except (OSError, StoreError, ValueError) as problem:
            self.notify(
                f"not saved: {problem}",
                title="Settings",
                severity="error",
                timeout=10,
                markup=False,
            )
            return False
        self.saved = self.draft
        if saved is not None and saved.backup is not None:
            self.kept = saved.backup
        self._show()
        if saved is not None and saved.changed:
            message = f"saved: {', '.join(saved.changed)}"
        else:
            message = "nothing to save: config.toml already says this"
        self.notify(message, title="Settings", timeout=4, markup=False)
        return True

    def action_back(self) -> None:
        if not self.dirty:
            self.dismiss()
            return
        self.app.push_screen(
            LeaveScreen("The settings have unsaved changes."), self._leave, wait_for_dismiss=False
        )

    def _leave(self, answer: str | None) -> None:
        if answer == "save" and self.action_save():
            self.dismiss()
        elif answer == "discard":
            self.app.theme = self.backrun.config.theme
            self.dismiss()
