"""Widgets the screens share: the big countdown clock and the plan timeline."""

from backrun_tui.ui.widgets.bigclock import BigClock, render_big
from backrun_tui.ui.widgets.timeline import Segment, Timeline, layout, segments

__all__ = ["BigClock", "Segment", "Timeline", "layout", "render_big", "segments"]
