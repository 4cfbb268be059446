"""The editor's form: what the text of one field does to the workout being edited.

`apply_field` gives the state with a field's text applied to the selected item, or raises
FieldValueError naming the field and why, so that the screen only shows the message (and
changes nothing) or takes the new state. Pure: no textual, no I/O.
"""

from __future__ import annotations

from dataclasses import replace

from backrun_tui.model import edit
from backrun_tui.model.draft import State
from backrun_tui.model.edit import EditError, Path
from backrun_tui.model.fields import (
    FieldValueError,
    parse_count,
    parse_description,
    parse_duration,
    parse_incline,
    parse_label,
    parse_speed,
)
from backrun_tui.model.kinds import Units
from backrun_tui.model.plan import Interval, Repeat

#: The fields of an interval, in the order the form shows them (after its kind).
INTERVAL_FIELDS = ("duration", "speed", "incline", "label")
#: The field of a repeat block.
COUNT_FIELD = "count"


def apply_field(state: State, path: Path, field: str, text: str, units: Units) -> State:
    """`state` with `text` in `field` of the item at `path` (or, for "description", of
    the workout); FieldValueError when the text is not a value the field takes, or the
    plan would break a bound with it (a workout over 24 h).

    A field the item has not (an interval's count), or a path that leads nowhere now,
    changes nothing: the form showed another item than the one there.
    """
    if field == "description":
        return replace(state, description=parse_description(text))
    plan = state.plan
    try:
        item = edit.item_at(plan, path)
    except IndexError:
        return state
    changed = _changed(item, field, text, units)
    if changed is None or changed == item:
        return state
    try:
        edited = edit.replace_item(plan, path, changed)
    except EditError as err:
        raise FieldValueError(field, str(err)) from None
    return state.with_plan(edited.plan)


def _changed(
    item: Interval | Repeat, field: str, text: str, units: Units
) -> Interval | Repeat | None:
    if isinstance(item, Repeat):
        return Repeat(parse_count(text), item.items) if field == COUNT_FIELD else None
    if field == "duration":
        return replace(item, seconds=parse_duration(text))
    if field == "speed":
        return replace(item, speed=parse_speed(text, units))
    if field == "incline":
        return replace(item, incline_pct=parse_incline(text))
    if field == "label":
        return replace(item, label=parse_label(text))
    return None
