"""The command palette: the same actions the keys in the Footer give."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

# (screen class name, action, title, help): shown when that screen is on top.
ACTIONS: list[tuple[str, str, str, str]] = [
    ("HomeScreen", "start", "Start workout", "Run the selected workout"),
    ("RunScreen", "toggle_pause", "Pause / resume", "Space"),
    ("RunScreen", "skip", "Skip interval", "n: go to the next interval now"),
    ("RunScreen", "back", "Back", "p: restart the interval, or the one before"),
    ("RunScreen", "adjust(10)", "Ten seconds more", "+: lengthen this interval"),
    ("RunScreen", "adjust(-10)", "Ten seconds less", "−: shorten this interval"),
    ("RunScreen", "mute", "Mute cues", "m"),
    ("RunScreen", "stop", "Stop session", "q: stop; what was done is kept"),
    ("FinishScreen", "save", "Save rating and note", "Enter"),
    ("FinishScreen", "done", "Done", "Esc"),
]


class BackrunCommands(Provider):
    def _actions(self) -> list[tuple[str, str, str]]:
        screen = self.screen
        name = type(screen).__name__
        return [(action, title, help_) for where, action, title, help_ in ACTIONS if where == name]

    async def _run(self, action: str) -> None:
        await self.screen.run_action(action)

    async def discover(self) -> Hits:
        for action, title, help_ in self._actions():
            yield DiscoveryHit(title, partial(self._run, action), help=help_)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for action, title, help_ in self._actions():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._run, action), help=help_)
