"""The RPE field: a whole number from 1 to 10, typed with the digit keys."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Input


class RpeInput(Input):
    """An Input that takes digits only, and leaves every other key to the screen's
    bindings (the finish screen's `h` works while the RPE field has the focus)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="1–10", id=id, max_length=2, restrict=r"\d*")

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character is not None and character.isdigit()


def typed_rating(screen: Screen[Any]) -> tuple[int | None, str] | None:
    """The RPE (`#rpe`, an RpeInput) and note (`#note`) typed on `screen`; None, after a
    message and with the RPE field focused, when the RPE is not 1 to 10."""
    rpe_input = screen.query_one("#rpe", RpeInput)
    text = rpe_input.value.strip()
    rpe = int(text) if text else None
    if rpe is not None and not 1 <= rpe <= 10:
        screen.notify("RPE: a whole number from 1 to 10", severity="error")
        rpe_input.focus()
        return None
    return rpe, screen.query_one("#note", Input).value.strip()
