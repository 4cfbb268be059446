"""Widgets the screens share: the big countdown clock and the plan timeline."""

from backrun_tui.ui.widgets.bigclock import BigClock, render_big
from backrun_tui.ui.widgets.timeline import Timeline, layout

__all__ = ["BigClock", "Timeline", "layout", "render_big"]
