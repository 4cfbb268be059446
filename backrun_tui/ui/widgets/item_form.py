"""ItemForm: the editor's form for the selected item, each field with a message line.

An interval shows its kind (a Select), duration, speed, incline and label; a repeat block
its count. Every text field is `#NAME-field`, its message `#NAME-error` (shown with the
`-shown` class), so the screen addresses a field by its name alone. The form remembers
what it put in each field, so the screen can tell what was typed since.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select, Static

from backrun_tui.model.fields import (
    format_count,
    format_duration,
    format_incline,
    format_label,
    format_speed,
)
from backrun_tui.model.form import COUNT_FIELD, INTERVAL_FIELDS
from backrun_tui.model.kinds import Kind, Units
from backrun_tui.model.plan import Interval, Repeat


def text_field(name: str) -> Input:
    return Input(id=f"{name}-field", compact=True, select_on_focus=False)


def message_line(name: str) -> Static:
    return Static("", id=f"{name}-error", classes="error", markup=False)


class ItemForm(Vertical):
    """The fields of one interval or one repeat block."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shown: dict[str, str] = {}
        """What `fill` put in each text field."""

    def compose(self) -> ComposeResult:
        with Vertical(id="interval-form"):
            yield from self._field("kind", "Kind")
            for name in INTERVAL_FIELDS:
                yield from self._field(name, name.capitalize())
        with Vertical(id="repeat-form"):
            yield from self._field(COUNT_FIELD, "Times")

    def _field(self, name: str, caption: str) -> ComposeResult:
        with Horizontal(classes="field"):
            yield Label(caption, id=f"{name}-caption", classes="caption")
            if name == "kind":
                options = [(kind.word, kind) for kind in Kind]
                yield Select(options, id="kind-field", allow_blank=False, compact=True)
            else:
                yield text_field(name)
        yield message_line(name)

    def fill(self, item: Interval | Repeat, units: Units) -> None:
        """Show `item`'s values, and no message."""
        is_block = isinstance(item, Repeat)
        self.query_one("#interval-form").display = not is_block
        self.query_one("#repeat-form").display = is_block
        if isinstance(item, Repeat):
            self._set(COUNT_FIELD, format_count(item.count))
        else:
            self.query_one("#kind-field", Select).value = item.kind
            self._set("duration", format_duration(item.seconds))
            self._set("speed", format_speed(item.speed, units))
            self._set("incline", format_incline(item.incline_pct))
            self._set("label", format_label(item.label))
            self.query_one("#speed-caption", Label).update(f"Speed {units.speed_unit.label}")
        for name in (COUNT_FIELD, *INTERVAL_FIELDS):
            self.shown[name] = self.query_one(f"#{name}-field", Input).value
            message = self.query_one(f"#{name}-error", Static)
            message.update("")
            message.remove_class("-shown")

    def typed(self) -> list[str]:
        """The fields whose text is not what `fill` put there."""
        return [
            name
            for name in (COUNT_FIELD, *INTERVAL_FIELDS)
            if self.query_one(f"#{name}-field", Input).value != self.shown.get(name)
        ]

    def _set(self, name: str, value: str) -> None:
        field = self.query_one(f"#{name}-field", Input)
        if field.value != value:
            field.value = value
