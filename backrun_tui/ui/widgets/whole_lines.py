"""Widgets that draw each of their lines whole, in their own colours.

Textual passes every line a widget draws through a general step that adds padding,
borders, tint and opacity, even when a widget has none of them. The run screen redraws a
few such widgets every second for a whole session (the clock, the running times, the
timeline), and that step is most of what drawing them costs. A widget derived from
`WholeLines` sends its lines to the screen as `render_line` draws them, cropped and passed
through the app's line filters (such as ANSI colour and NO_COLOR). With padding, a border
or outline, tint, hatch, or opacity below 1 (its own or an ancestor's) it goes the general
way, so that CSS keeps working for it.
"""

from __future__ import annotations

from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget


class WholeLines(Widget):
    """A widget whose `render_line` draws full lines of its own width, backgrounds and all."""

    def render_lines(self, crop: Region) -> list[Strip]:
        if not self._bare():
            return super().render_lines(crop)
        lines = [self.render_line(y) for y in crop.line_range]
        if crop.column_span != (0, self.size.width):
            x1, x2 = crop.column_span
            lines = [line.crop(x1, x2) for line in lines]
        filters = self.get_line_filters()
        if filters:
            background = self.background_colors[1]
            for line_filter in filters:
                lines = [line.apply_filter(line_filter, background) for line in lines]
        return lines

    def _bare(self) -> bool:
        """Whether nothing is drawn around or over the lines: no padding, border, outline,
        tint, hatch or opacity (`self.opacity` is the widget's and its ancestors')."""
        styles = self.styles
        return (
            not any(styles.gutter)
            and not styles.outline
            and not styles.tint.a
            and (not styles.has_rule("hatch") or styles.hatch == "none")
            and styles.text_opacity == 1
            and self.opacity == 1
        )
