"""What every backrun screen has: the App it belongs to, typed."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen, ScreenResultType

if TYPE_CHECKING:
    from backrun_tui.ui.app import BackrunApp


class BackrunScreen(Screen[ScreenResultType]):
    @property
    def backrun(self) -> BackrunApp:
        """The App, with its settings, library and cue player."""
        return cast("BackrunApp", self.app)
