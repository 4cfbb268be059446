"""Readout: one line of plain text that changes every second, such as a running time.

A Label turns each new text into rich content and measures it before it is drawn; for a
line that changes once a second for a whole session that is most of what showing it costs.
A Readout keeps the text as it is and draws it straight into one strip, aligned by the
CSS `text-align`, in the widget's CSS colour and text style. The text is never markup.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.app import RenderResult
from textual.css.types import TextAlign
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from backrun_tui.ui.widgets.whole_lines import WholeLines


class Readout(WholeLines):
    """A line of plain text; `update` it as often as it changes."""

    DEFAULT_CSS = """
    Readout {
        width: auto;
        height: 1;
    }
    """

    def __init__(
        self,
        text: str = "",
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._text = text
        # The line drawn, kept until the text, width, style or alignment changes.
        self._key: tuple[str, int, Style, TextAlign] | None = None
        self._strip = Strip([])

    @property
    def text(self) -> str:
        """What the line says."""
        return self._text

    def update(self, text: str, *, layout: bool = False) -> None:
        """Show `text`; with `layout`, or when the line is as wide as its text and that
        width changes, lay the screen out again."""
        if text == self._text:
            return
        resized = self._width_follows_text() and cell_len(text) != cell_len(self._text)
        self._text = text
        self.refresh(layout=layout or resized)

    def _width_follows_text(self) -> bool:
        """Whether the line is as wide as its text: `width: auto`, or a share (`fr`) of a
        parent that is itself as wide as what it holds."""
        width = self.styles.width
        if width is None:
            return False  # as wide as the room there is
        if width.is_auto:
            return True
        parent = self.parent
        if not width.is_fraction or not isinstance(parent, Widget):
            return False
        outer = parent.styles.width
        return outer is not None and outer.is_auto

    def render(self) -> RenderResult:
        # The line on screen comes from render_line; this is what text selection copies.
        return self._text

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        style = self.visual_style.rich_style
        if y != 0:
            return Strip.blank(width, style)
        key = (self._text, width, style, self.styles.text_align)
        if key != self._key:
            self._strip = _aligned(self._text, width, style, key[3])
            self._key = key
        return self._strip

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return cell_len(self._text)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1


def _aligned(text: str, width: int, style: Style, align: TextAlign) -> Strip:
    """`text` in a line `width` cells wide, placed as CSS `text-align` says (justify has
    nothing to spread on one line), on the background of `style` (as a Label draws it)."""
    line = Strip([Segment(text, style)]).crop(0, width)
    room = width - line.cell_length
    if align == "center":
        left = room // 2
    elif align in ("right", "end"):
        left = room
    else:
        left = 0
    blank = Style.from_color(bgcolor=style.bgcolor)
    parts = [Segment(" " * left, blank), *line, Segment(" " * (room - left), blank)]
    return Strip([part for part in parts if part.text], width)
