"""The top line of every screen: backrun's name and where the runner is.

It shows what Textual's Header shows, the screen's title and sub-title (or the App's), as
literal text, and no more: no clock, and no palette icon to click, as the runner has no
mouse to hand (ctrl+p, named in the Footer, opens the palette). One widget instead of
Header's four, so the home screen paints sooner (see benchmarks/startup.py).
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class TitleBar(Static):
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        content-align: center middle;
    }
    """

    def __init__(self) -> None:
        super().__init__(markup=False)

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            self.watch(node, "title", self._retitle, init=False)
            self.watch(node, "sub_title", self._retitle, init=False)
        self._retitle()

    def _retitle(self) -> None:
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        self.update(self.title_content(title, sub_title))

    @staticmethod
    def title_content(title: str, sub_title: str) -> Content:
        """`title — sub-title`, the sub-title dimmed, every character as it is."""
        if not sub_title:
            return Content(title)
        return Content.assemble(Content(title), (" — ", "dim"), Content(sub_title).stylize("dim"))
