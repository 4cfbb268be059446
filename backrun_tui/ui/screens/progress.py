"""The progress screen: the last 12 weeks as charts, the streak, this week against the last.

The figures come from `backrun_tui.progress` (no textual); this screen only draws them.
Charts are textual-plotext's `PlotextPlot`: bars from data, axes and ticks by plotext,
bar colours from the theme's variables (backward and forward as on the run screen). The
sessions are read again each time the screen is shown, so a session saved or deleted
elsewhere shows at once.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Sequence

from textual import work
from textual.app import ComposeResult, RenderResult
from textual.binding import Binding
from textual.color import Color
from textual.containers import Grid, VerticalScroll
from textual.widgets import Footer, Static
from textual_plotext import PlotextPlot

from backrun_tui.model import display
from backrun_tui.model.kinds import Kind, Units
from backrun_tui.progress import (
    WEEKS,
    Progress,
    comparison_text,
    sped_up_line,
    streak_line,
    weekly_progress,
)
from backrun_tui.ui.screens.base import BackrunScreen
from backrun_tui.ui.widgets.title_bar import TitleBar

#: Every how many weeks the x axis names one (counted back from this week).
LABEL_EVERY = 3


#: The theme variables the bars take their colours from: backward and forward minutes in
#: the colours of the run screen.
BACKWARD, FORWARD = f"kind-{Kind.BACKWARD.value}", f"kind-{Kind.FORWARD.value}"
SESSIONS, DISTANCE = "accent", "success"


class WeekBars(PlotextPlot):
    """Bars per week, stacked when there are several series, drawn by plotext for the size
    the widget has: ticks on round numbers, as many as its height leaves room for."""

    def __init__(self, colours: Sequence[str], *, id: str) -> None:
        super().__init__(id=id, classes="chart")
        self.colours = list(colours)
        """Theme variables, one per series, bottom first."""
        self.labels: list[str] = []
        self.series: list[list[float]] = []

    def show_weeks(self, labels: Sequence[str], series: Sequence[Sequence[float]]) -> None:
        self.labels = list(labels)
        self.series = [list(s) for s in series]
        self.refresh()

    def render(self) -> RenderResult:
        self._draw()
        return super().render()

    def _draw(self) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        if not self.labels:
            return
        weeks = len(self.labels)
        positions = list(range(1, weeks + 1))
        sums = [
            list(map(sum, zip(*self.series[: n + 1], strict=True))) for n in range(len(self.series))
        ]
        top = max(sums[-1], default=0.0)
        rows = self.size.height - 3  # less the frame's top, the x axis and its labels
        ticks = _ticks(top, max_steps=max(1, min(4, rows // 3)))
        tick_labels = [f"{t:g}" for t in ticks]
        columns = self.size.width - max(map(len, tick_labels)) - 2  # less the axis and frame
        xlim, bar_width = _columns(columns, weeks)
        # Several series stack: each is drawn as the sum up to it, the lower over the higher.
        for values, colour in reversed(list(zip(sums, self.colours, strict=True))):
            plt.bar(positions, values, color=self._rgb(colour), width=bar_width)
        plt.ylim(0, ticks[-1])
        plt.yticks(ticks, tick_labels)
        shown = [i for i in range(weeks) if (weeks - 1 - i) % LABEL_EVERY == 0]
        plt.xticks([positions[i] for i in shown], [self.labels[i] for i in shown])
        plt.xlim(*xlim)

    def _rgb(self, variable: str) -> tuple[int, int, int]:
        """The theme's colour for `variable` (so a change of theme recolours the bars)."""
        colour = Color.parse(self.app.theme_variables.get(variable, "white"))
        return (colour.r, colour.g, colour.b)


def _columns(columns: int, weeks: int) -> tuple[tuple[float, float], float]:
    """The x range and bar width (in weeks) that put every week on the same whole number
    of columns, so all bars are as wide as each other with a gap between them; plotext
    rounds each bar's edges to columns, and bars a fraction of a column apart would
    otherwise come out unequal, some touching."""
    per_week = (columns - 1) // weeks
    if per_week < 2:  # too narrow for gaps: plain bars, half a week wide
        return (0.5, weeks + 0.5), 0.5
    bar = max(1, min(per_week - 1, round(per_week * 0.6)))
    first = (columns - 1 - per_week * (weeks - 1)) / 2  # week 1's centre, in columns
    # A bar of an odd number of columns is centred on a column, an even one between two,
    # so that both its edges fall on whole columns.
    if (bar % 2 == 1) != first.is_integer():
        first -= 0.5
    low = 1 - first / per_week
    return (low, low + (columns - 1) / per_week), (bar - 1) / per_week


class ProgressScreen(BackrunScreen[None]):
    CSS_PATH = "progress.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="progress.back", tooltip="Back from progress"),
        Binding("r,R", "reload", "Reload", id="progress.reload", tooltip="Read sessions again"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.progress: Progress | None = None
        self.unreadable = 0
        self._told: set[str] = set()  # problems already shown, so a reload does not repeat

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Grid(id="progress"):
            yield WeekBars([SESSIONS], id="sessions-chart")
            yield WeekBars([BACKWARD, FORWARD], id="minutes-chart")
            yield WeekBars([DISTANCE], id="distance-chart")
            with VerticalScroll(id="summary"):
                yield Static("", id="streak", markup=False)
                yield Static("", id="compare", markup=False)
                yield Static("", id="notes", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#sessions-chart").border_title = "Sessions per week"
        self.query_one(
            "#minutes-chart"
        ).border_title = f"Minutes, [b ${BACKWARD}]backward[/] and [b ${FORWARD}]forward[/]"
        self.query_one("#summary").border_title = "Streak and this week"
        self.watch(self.app, "config", lambda _config: self._show(), init=False)

    def on_screen_resume(self) -> None:
        # Also when first shown: the sessions are read each time the screen comes back.
        self.action_reload()

    def action_back(self) -> None:
        self.dismiss()

    def action_reload(self) -> None:
        """Read the sessions again and redraw."""
        self._load()

    @work(exclusive=True, group="progress")
    async def _load(self) -> None:
        # Reading every session file takes a while with years of them: off the event loop.
        today = self.backrun.wall().date()
        loaded = await asyncio.to_thread(self.backrun.library.sessions)
        progress = weekly_progress((e.record for e in loaded.items), today)
        new = [p for p in loaded.problems if str(p) not in self._told]
        self.backrun.tell_problems(new)
        self._told |= {str(p) for p in loaded.problems}
        self.unreadable = len(loaded.problems)
        self.progress = progress
        self._show()

    def _show(self) -> None:
        progress = self.progress
        if progress is None:
            return
        units = self.backrun.config.units
        self.query_one("#streak", Static).update(streak_line(progress))
        self.query_one("#compare", Static).update(comparison_text(progress, units))
        self.query_one("#notes", Static).update("\n".join(self._notes(progress)))
        labels = [w.label for w in progress.weeks]
        sessions = [float(w.sessions) for w in progress.weeks]
        backward = [w.backward_seconds / 60 for w in progress.weeks]
        forward = [w.forward_seconds / 60 for w in progress.weeks]
        unit = "mi" if units is Units.IMPERIAL else "km"
        distance = [display.in_units(w.distance_km or 0.0, units) for w in progress.weeks]
        self.query_one("#distance-chart").border_title = f"Distance per week ({unit})"
        self.query_one("#sessions-chart", WeekBars).show_weeks(labels, [sessions])
        self.query_one("#minutes-chart", WeekBars).show_weeks(labels, [backward, forward])
        self.query_one("#distance-chart", WeekBars).show_weeks(labels, [distance])

    def _notes(self, progress: Progress) -> list[str]:
        notes = []
        if not any(w.sessions for w in progress.weeks):
            notes.append(f"No sessions in the last {WEEKS} weeks")
        if line := sped_up_line(progress):
            notes.append(line)
        if self.unreadable:
            n = self.unreadable
            files = "1 file" if n == 1 else f"{n} files"
            notes.append(f"{files} could not be read (see the notices)")
        return notes


def _ticks(top: float, max_steps: int) -> list[float]:
    """0 up to a round number at or above `top`, in at most `max_steps` equal steps of 1, 2,
    2.5 or 5 x 10^n (whole numbers from 1 up)."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / max_steps
    power = 10.0 ** math.floor(math.log10(raw))
    factors = (1, 2, 5, 10) if power >= 1 else (1, 2, 2.5, 5, 10)
    step = next(m * power for m in factors if m * power >= raw - 1e-9)
    count = math.ceil(top / step - 1e-9)
    return [round(step * n, 6) for n in range(count + 1)]
