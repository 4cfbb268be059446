"""BigClock: a countdown in block digits that grow with the space the screen gives them.

The runner reads it from the belt, metres away, so the digits should be as big as the widget
allows. A 5×7 bitmap font is scaled by whole numbers and drawn with half blocks (▀ ▄ █), so
one terminal row carries two pixel rows and the pixels come out roughly square.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from textual.app import RenderResult
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.strip import Strip

from backrun_tui.ui.widgets.font import GLYPH_GAP, GLYPH_HEIGHT, GLYPHS, glyph_width
from backrun_tui.ui.widgets.whole_lines import WholeLines

#: How much taller than wide a pixel may be drawn. A terminal cell is about twice as tall as
#: wide, so a half-block pixel `x` columns wide and `y` half-rows tall looks square at x == y;
#: a little stretch uses a tall terminal without making the digits look like fence posts.
MAX_STRETCH = 1.5

_HALF_BLOCKS = {
    ("#", "#"): "█",
    ("#", "."): "▀",
    (".", "#"): "▄",
    (".", "."): " ",
}


@dataclass(frozen=True)
class Scale:
    """How big one font pixel is drawn."""

    x: int
    """Terminal columns per pixel."""
    y: int
    """Half-rows per pixel (two half-rows make a terminal row)."""


def can_draw(text: str) -> bool:
    """Whether the font has a glyph for every character of `text`."""
    return bool(text) and all(char in GLYPHS for char in text)


def pixel_width(text: str) -> int:
    """Pixel columns of `text` at scale 1, gaps included."""
    return sum(glyph_width(char) for char in text) + GLYPH_GAP * (len(text) - 1)


def choose_scale(text: str, width: int, height: int) -> Scale | None:
    """The largest scale at which `text` fits in `width` × `height` cells, or None.

    None means even scale 1 does not fit (or the font cannot draw `text`), and the text
    should be shown plainly.
    """
    if not can_draw(text):
        return None
    most_x = width // pixel_width(text)
    most_y = (2 * height) // GLYPH_HEIGHT
    # Never wider than tall on screen: a squat digit reads worse than a smaller square one.
    x = min(most_x, most_y)
    if x < 1:
        return None
    return Scale(x=x, y=min(most_y, int(x * MAX_STRETCH)))


@lru_cache(maxsize=256)
def _render_big(text: str, width: int, height: int) -> tuple[str, ...]:
    return tuple(render_big(text, width, height))


def render_big(text: str, width: int, height: int) -> list[str]:
    """`text` drawn as large as fits, centred in exactly `height` lines of `width` characters.

    Falls back to the plain text on the middle line when the big digits cannot fit.
    """
    if width <= 0 or height <= 0:
        return []
    scale = choose_scale(text, width, height)
    block = [text[:width]] if scale is None else _draw(text, scale)
    return _centre(block, width, height)


def _draw(text: str, scale: Scale) -> list[str]:
    """The half-block lines of `text` at `scale`, no margins."""
    # Glyphs are the same height and the gaps blank, so each glyph can be drawn on its own
    # (and kept): a new face each second is then a join of a few cached blocks.
    blocks = [_glyph_block(char, scale) for char in text]
    gap = " " * (GLYPH_GAP * scale.x)
    return [gap.join(row) for row in zip(*blocks, strict=True)]


@lru_cache(maxsize=128)
def _glyph_block(char: str, scale: Scale) -> tuple[str, ...]:
    """One glyph's half-block lines at `scale`."""
    wide_rows = ["".join(pixel * scale.x for pixel in row) for row in GLYPHS[char]]
    half_rows = [row for row in wide_rows for _ in range(scale.y)]
    if len(half_rows) % 2:
        half_rows.append("." * len(half_rows[0]))
    return tuple(
        "".join(_HALF_BLOCKS[pair] for pair in zip(top, bottom, strict=True))
        for top, bottom in zip(half_rows[::2], half_rows[1::2], strict=True)
    )


def _centre(block: list[str], width: int, height: int) -> list[str]:
    top = (height - len(block)) // 2
    lines = [" " * width] * height
    for offset, line in enumerate(block):
        lines[top + offset] = line.center(width)
    return lines


def changed_rows(before: Sequence[str], after: Sequence[str]) -> tuple[int, int]:
    """The span [first, last + 1) of lines that differ between two drawings of the same
    height; (0, 0) when none does."""
    differ = [y for y, (old, new) in enumerate(zip(before, after, strict=True)) if old != new]
    return (differ[0], differ[-1] + 1) if differ else (0, 0)


class BigClock(WholeLines):
    """A short time such as `12:34` in block digits sized to the widget.

    The digits take the widget's CSS `color`, so a screen can colour the clock by interval
    kind with classes.
    """

    DEFAULT_CSS = """
    BigClock {
        width: 1fr;
        height: 1fr;
    }
    """

    text: reactive[str] = reactive("0:00", repaint=False)
    """What the clock shows: digits, ':' and maybe '-', '.' or ' ', e.g. `1:02:03`."""

    def __init__(
        self,
        text: str = "0:00",
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.set_reactive(BigClock.text, text)
        # Textual asks for every line on each repaint; the clock changes once a second at
        # most, so the drawing is kept until the text, size or style changes.
        self._cache_key: tuple[str, Size, Style] | None = None
        self._lines: tuple[str, ...] = ()
        self._strips: list[Strip] = []
        # The drawing of the paint under way: Textual asks for each line of it in turn.
        self._painting: list[Strip] | None = None

    def watch_text(self, old: str, new: str) -> None:
        # Once a second a digit or two change: repaint only the rows that differ. They are
        # repainted across the whole width: the screen then sends each row as the line
        # the clock drew, where a span of columns would be cut out of it row by row.
        # The kept drawing may be of another size or style: a clock pushed out of sight
        # takes each new size without being drawn. Then it all has to be painted afresh.
        before = self._lines if self._cache_key == self._drawing_key(old) else None
        self._current_strips()
        after = self._lines
        if before is None or len(before) != len(after):
            self.refresh()
            return
        top, bottom = changed_rows(before, after)
        if bottom > top:
            self.refresh(Region(0, top, self.size.width, bottom - top))

    def render_lines(self, crop: Region) -> list[Strip]:
        # What the drawing depends on is looked at once per paint, not once per line.
        self._painting = self._current_strips()
        try:
            return super().render_lines(crop)
        finally:
            self._painting = None

    def render_line(self, y: int) -> Strip:
        strips = self._current_strips() if self._painting is None else self._painting
        if 0 <= y < len(strips):
            return strips[y]
        return Strip.blank(self.size.width, self.visual_style.rich_style)

    def render(self) -> RenderResult:
        # The lines on screen come from render_line; this plain form is what text selection
        # copies.
        return self.text

    def get_content_width(self, container: Size, viewport: Size) -> int:
        # With `width: auto` the clock takes its scale-1 size: big digits, but modest.
        return pixel_width(self.text) if can_draw(self.text) else len(self.text)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        rows_at_scale_1 = (GLYPH_HEIGHT + 1) // 2
        return rows_at_scale_1 if choose_scale(self.text, width, rows_at_scale_1) else 1

    def _drawing_key(self, text: str) -> tuple[str, Size, Style]:
        """What a drawing of `text` depends on: a kept drawing with another key is stale."""
        return (text, self.size, self.visual_style.rich_style)

    def _current_strips(self) -> list[Strip]:
        key = self._drawing_key(self.text)
        if key != self._cache_key:
            style = key[2]
            width, height = key[1]
            if choose_scale(self.text, width, height) is None:
                # Plain text is all that fits: bold keeps it readable from the belt.
                style = style + Style(bold=True)
            # Cached by text and size: a countdown shows the same few faces again and again.
            lines = _render_big(self.text, width, height)
            # A line that did not change keeps its strip, and with it Textual's render of it.
            kept: dict[str, Strip] = {}
            if self._cache_key is not None and self._cache_key[1:] == key[1:]:
                kept = dict(zip(self._lines, self._strips, strict=True))
            self._strips = [
                kept.get(line) or Strip([Segment(line, style)], width) for line in lines
            ]
            self._lines = lines
            self._cache_key = key
        return self._strips
