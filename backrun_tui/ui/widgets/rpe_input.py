"""The RPE field: a whole number from 1 to 10, typed with the digit keys."""

from __future__ import annotations

from textual.widgets import Input


class RpeInput(Input):
    """An Input that takes digits only, and leaves every other key to the screen's
    bindings (the finish screen's `h` works while the RPE field has the focus)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="1–10", id=id, max_length=2, restrict=r"\d*")

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character is not None and character.isdigit()
