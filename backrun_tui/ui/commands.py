"""The command palette: the actions of the screen on top, taken from its own key bindings.

Each entry is made from a Binding the screen declares (its tooltip, or else its Footer
description, is the title; its key the help), so a key in the Footer and its palette
entry cannot drift apart, and a new screen's actions are in the palette without touching
this file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.actions import parse
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen
from textual.theme import ThemeProvider

if TYPE_CHECKING:
    from backrun_tui.ui.app import BackrunApp


@dataclass(frozen=True)
class Command:
    title: str
    help: str
    action: str


def own_bindings(screen: Screen[object]) -> Iterator[Binding]:
    """The bindings backrun's screen classes declare (not Textual's own, like tab)."""
    for cls in reversed(type(screen).__mro__):
        if cls.__module__.startswith("backrun_tui.") and "BINDINGS" in vars(cls):
            for binding in vars(cls)["BINDINGS"]:
                if isinstance(binding, Binding):
                    yield binding


def screen_commands(screen: Screen[object]) -> Iterator[Command]:
    """One command per action the screen's bindings offer now (ones it turns off left out)."""
    seen: set[str] = set()
    for binding in own_bindings(screen):
        _namespace, name, params = parse(binding.action)
        if binding.action in seen or screen.check_action(name, params) is False:
            continue
        seen.add(binding.action)
        # A binding for several keys (q, Q, escape) names the first: the one in the Footer.
        key = screen.app.get_key_display(binding.with_key(binding.key.split(",")[0]))
        yield Command(binding.tooltip or binding.description, f"key: {key}", binding.action)


class ScreenCommands(Provider):
    def _commands(self) -> list[Command]:
        return list(screen_commands(self.screen))

    async def _run(self, action: str) -> None:
        await self.screen.run_action(action)

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.title, partial(self._run, command.action), help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(command.title),
                    partial(self._run, command.action),
                    help=command.help,
                )


class SavedThemes(ThemeProvider):
    """Textual's list of themes for the palette, where choosing one also saves it."""

    @property
    def commands(self) -> list[tuple[str, Callable[[], None]]]:
        app = cast("BackrunApp", self.app)
        return [(name, partial(app.keep_theme, name)) for name, _switch in super().commands]
