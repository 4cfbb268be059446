"""What the settings tests share: the settings screen opened, its fields filled with keys,
and the file it saved."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from backrun_tui.ui.screens.settings import SettingsScreen


async def open_settings(pilot: Pilot[None]) -> SettingsScreen:
    await pilot.pause()
    await pilot.press("s")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SettingsScreen)
    return screen


async def type_into(pilot: Pilot[None], field_id: str, text: str) -> None:
    """Select what the field holds and type `text` over it, key by key."""
    pilot.app.screen.query_one(f"#{field_id}", Input).focus()
    await pilot.press("end", "shift+home", *(text or ["backspace"]))
    await pilot.pause()


async def choose(pilot: Pilot[None], field_id: str, value: str) -> None:
    """Open the drop-down and move to `value` with the arrow keys."""
    select = pilot.app.screen.query_one(f"#{field_id}", Select)
    select.focus()
    values = [v for _, v in select._options]
    steps = values.index(value) - values.index(select.value)
    await pilot.press("enter", *(["down"] * steps), *(["up"] * -steps), "enter")
    await pilot.pause()
    assert select.value == value


def error_under(screen: SettingsScreen, field_id: str) -> str:
    error = screen.query_one(f"#{field_id}-error", Static)
    return str(error.render()) if error.display else ""


def saved_file(home: Path) -> dict[str, object]:
    return tomllib.loads((home / "config.toml").read_text(encoding="utf-8"))
