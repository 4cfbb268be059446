"""Timeline: a plan's steps as a coloured bar, each as long as its share of the session.

The home screen shows it as a preview of a workout; the run screen adds a marker for "now"
and dims what is done, so the runner sees at a glance how much is left and what comes next.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import accumulate
from typing import TYPE_CHECKING

from rich.segment import Segment as RichSegment
from rich.style import Style
from textual.color import Color, ColorParseError
from textual.reactive import reactive
from textual.strip import Strip

from backrun_tui.model.plan import Step
from backrun_tui.ui.theme import kind_variables
from backrun_tui.ui.widgets.whole_lines import WholeLines

if TYPE_CHECKING:  # only read, in `happened`; the home screen shows no session
    from backrun_tui.model.session import SessionRecord

#: A stretch of the bar: the kind's value (`"backward"`) and its seconds.
Segment = tuple[str, float]


def segments(steps: Sequence[Step]) -> list[Segment]:
    """A plan's steps as the bar's segments."""
    return [(step.kind.value, step.seconds) for step in steps]


#: The marker for "now": a thin bar that still shows which step it stands in.
MARKER = "┃"

#: How far done steps fade towards the background.
DONE_FADE = 0.55

#: Used for a kind the theme has no colour for, so a typo shows up as grey, not as a crash.
UNKNOWN_KIND_COLOUR = Color(128, 128, 128)

#: A segment of this kind is time that stood still (a pause, in a session's history).
PAUSE = "pause"
PAUSE_COLOUR = Color(70, 70, 78)


def layout(segments: Sequence[Segment], width: int) -> list[tuple[int, int]]:
    """The (start column, width) of each step in a bar `width` cells wide.

    Widths are proportional to seconds and add up to `width` exactly. When there are at
    least as many cells as steps, every step gets at least one cell, so a 10-second
    turn-around in an hour-long plan is still visible.
    """
    widths = _widths([seconds for _kind, seconds in segments], width)
    ends = accumulate(widths)
    return [(end - cells, cells) for end, cells in zip(ends, widths, strict=True)]


def _widths(seconds: list[float], width: int) -> list[int]:
    count = len(seconds)
    if count == 0 or width <= 0:
        return [0] * count
    weights = [max(value, 0.0) for value in seconds]
    if sum(weights) <= 0:
        weights = [1.0] * count
    minimum = 1.0 if width >= count else 0.0
    widths = _cumulative_round(_shares(weights, width, minimum))
    if minimum:
        _lift_empty(widths)
    return widths


def _shares(weights: list[float], width: int, minimum: float) -> list[float]:
    """Real-valued widths: proportional, except that short steps are raised to `minimum`.

    Raising one step takes cells from the rest, which can push another below the minimum,
    so this repeats until no step is short. It ends: the steps not yet raised always share
    at least one cell each on average, so at least one of them stays.
    """
    raised: set[int] = set()
    while True:
        free = width - minimum * len(raised)
        rest = sum(weight for i, weight in enumerate(weights) if i not in raised)
        shares = [
            minimum if i in raised else (weight * free / rest if rest > 0 else 0.0)
            for i, weight in enumerate(weights)
        ]
        short = {i for i, share in enumerate(shares) if i not in raised and share < minimum}
        if not short:
            return shares
        raised |= short


def _cumulative_round(shares: list[float]) -> list[int]:
    """Whole widths whose running total stays within half a cell of the real one.

    Rounding each step on its own would let the errors pile up and the bar miss its width.
    """
    widths: list[int] = []
    total = 0.0
    edge = 0
    for share in shares:
        total += share
        # Half-up, not Python's round-half-even, so equal steps get equal treatment.
        next_edge = math.floor(total + 0.5)
        widths.append(next_edge - edge)
        edge = next_edge
    return widths


def _lift_empty(widths: list[int]) -> None:
    """Give a cell to any step that float rounding left with none, from the widest step."""
    for i, cells in enumerate(widths):
        if cells == 0:
            widest = max(range(len(widths)), key=widths.__getitem__)
            widths[widest] -= 1
            widths[i] = 1


def marker_column(position: float, width: int) -> int:
    """The column of the "now" marker for a position 0..1."""
    return min(width - 1, max(0, math.floor(position * width)))


class Timeline(WholeLines):
    """A horizontal bar of a plan's steps, coloured by kind, with an optional "now" marker.

    Colours come from the theme variables `kind-warmup`, `kind-backward`, `kind-forward`,
    `kind-rest` and `kind-cooldown`; every row of the widget shows the same bar.
    """

    DEFAULT_CSS = """
    Timeline {
        width: 1fr;
        height: 1;
    }
    """

    segments: reactive[Sequence[Segment]] = reactive(())
    """The plan's steps in order, as (kind value, seconds); stored as a tuple."""

    position: reactive[float | None] = reactive(None, repaint=False)
    """How far through the plan "now" is, 0..1; None shows no marker and dims nothing."""

    def __init__(
        self,
        segments: Sequence[Segment] = (),
        *,
        position: float | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.set_reactive(Timeline.segments, self.validate_segments(segments))
        self.set_reactive(Timeline.position, self.validate_position(position))
        self._bar_key: tuple[object, ...] | None = None
        self._bar = _Bar([], Color(0, 0, 0))
        self._marker: int | None = None
        self._strip: Strip | None = None
        # The kinds' colours, and the segments and theme variables they came from: a new
        # plan is a new tuple, and the app makes the variables afresh for each new theme,
        # before anything is drawn in it.
        self._colours: tuple[Color, ...] = ()
        self._colours_from: tuple[object, object] | None = None

    def validate_segments(self, segments: Sequence[Segment]) -> tuple[Segment, ...]:
        # A tuple can be compared and hashed: setting the same plan again repaints nothing.
        return tuple((str(kind), float(seconds)) for kind, seconds in segments)

    def validate_position(self, position: float | None) -> float | None:
        if position is None:
            return None
        return min(1.0, max(0.0, position))

    def watch_position(self, old: float | None, new: float | None) -> None:
        # The run screen moves the position every second; the bar only changes when the
        # marker reaches another column.
        width = self.size.width
        if (old is None) != (new is None) or (
            old is not None
            and new is not None
            and marker_column(old, width) != marker_column(new, width)
        ):
            self.refresh()

    def on_mount(self) -> None:
        # A theme change leaves this widget's own styles alone, so nothing else repaints it.
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.refresh())

    def kind_colour(self, kind: str) -> Color:
        """The theme's colour for an interval kind, else the built-in one."""
        name = f"kind-{kind}"
        value = self.app.theme_variables.get(name) or kind_variables().get(name)
        if value is None:
            return PAUSE_COLOUR if kind == PAUSE else UNKNOWN_KIND_COLOUR
        try:
            return Color.parse(value)
        except ColorParseError:
            return UNKNOWN_KIND_COLOUR

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        background = self.background_colors[1]
        source = self._colours_from
        variables = self.app.theme_variables
        if source is None or source[0] is not self.segments or source[1] is not variables:
            self._colours = tuple(self.kind_colour(kind) for kind, _seconds in self.segments)
            self._colours_from = (self.segments, variables)
        colours = self._colours
        marker = None if self.position is None else marker_column(self.position, width)
        bar_key = (self.segments, width, background, colours)
        if bar_key != self._bar_key:
            self._bar = _Bar(self._cells(width, background, colours), background)
            self._bar_key = bar_key
            self._strip = None
        if self._strip is None or marker != self._marker:
            empty = width == 0 or not self.segments
            self._strip = self._bar.strip(None if empty else marker)
            self._marker = marker
        return self._strip

    def _cells(self, width: int, background: Color, colours: tuple[Color, ...]) -> list[Color]:
        """The colour of each cell of the bar, with no marker and nothing dimmed."""
        cells = [background] * width
        previous: Color | None = None
        shaded = False
        spans = layout(self.segments, width)
        for (start, cells_wide), colour in zip(spans, colours, strict=True):
            # Steps of one kind in a row would merge into one block; alternate their shade.
            shaded = not shaded if colour == previous else False
            fill = colour.darken(0.12) if shaded else colour
            cells[start : start + cells_wide] = [fill] * cells_wide
            previous = colour
        return cells


class _Bar:
    """A bar's cells, drawn with the "now" marker at any column.

    The run screen moves the marker across the bar over a session, one column at a time:
    the runs of equal colour (plain and dimmed) are worked out once per bar, so a new
    marker column costs a handful of segments, not a colour blend per cell.
    """

    def __init__(self, cells: list[Color], background: Color) -> None:
        self.cells = cells
        self.width = len(cells)
        self._plain = _runs(cells)
        self._dimmed = _runs([cell.blend(background, DONE_FADE) for cell in cells])

    def strip(self, marker: int | None) -> Strip:
        """The bar, dimmed up to `marker` and marked there; None: no marker, nothing dimmed."""
        if marker is None:
            return Strip(_segments(self._plain, 0, self.width), self.width)
        colour = self.cells[marker]
        marker_style = Style(
            color=colour.get_contrast_text(1.0).rich_color,
            bgcolor=colour.rich_color,
            bold=True,
        )
        parts = [
            *_segments(self._dimmed, 0, marker),
            RichSegment(MARKER, marker_style),
            *_segments(self._plain, marker + 1, self.width),
        ]
        return Strip(parts, self.width)


#: A stretch of cells of one colour: [start, end) and its background style.
_Run = tuple[int, int, Style]


def _runs(cells: list[Color]) -> list[_Run]:
    runs: list[_Run] = []
    start = 0
    for column in range(1, len(cells) + 1):
        if column == len(cells) or cells[column] != cells[start]:
            runs.append((start, column, Style(bgcolor=cells[start].rich_color)))
            start = column
    return runs


def _segments(runs: list[_Run], start: int, end: int) -> list[RichSegment]:
    """Blank segments painting the cells [start, end) in their runs' colours."""
    return [
        RichSegment(" " * (min(end, stop) - max(start, begin)), style)
        for begin, stop, style in runs
        if begin < end and stop > start
    ]


def happened(record: SessionRecord) -> list[Segment]:
    """What really happened in a recorded session: each interval for as long as it ran,
    cut where a pause fell, with the pause between."""
    pauses = sorted(record.pauses, key=lambda p: p.at_seconds)
    found: list[Segment] = []
    ran = 0.0
    for interval in record.intervals:
        left = interval.actual_seconds
        while pauses and pauses[0].at_seconds < ran + left:
            pause = pauses.pop(0)
            before = max(pause.at_seconds - ran, 0.0)
            if before > 0:
                found.append((interval.kind.value, before))
            found.append((PAUSE, pause.seconds))
            ran += before
            left -= before
        if left > 0:
            found.append((interval.kind.value, left))
        ran += left
    found += [(PAUSE, pause.seconds) for pause in pauses]
    return found
