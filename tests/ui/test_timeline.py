"""Timeline: steps laid out in proportion, coloured by kind, with a marker for now."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from rich.style import Style
from textual.app import App, ComposeResult
from textual.containers import Container
from textual.geometry import Region
from textual.theme import Theme

from backrun_tui.ui.theme import kind_variables
from backrun_tui.ui.widgets.timeline import MARKER, Segment, Timeline, layout, marker_column

SNAPSHOT_APPS = Path(__file__).parent / "snapshot_apps"

INTERVALS: list[Segment] = [
    ("warmup", 300.0),
    *[("backward", 60.0), ("forward", 120.0)] * 6,
    ("cooldown", 300.0),
]


@pytest.mark.parametrize("width", [14, 15, 40, 80, 119, 200])
def test_layout_fills_the_width_exactly(width: int) -> None:
    spans = layout(INTERVALS, width)

    assert sum(cells for _start, cells in spans) == width
    assert spans[0][0] == 0
    for (start, cells), (next_start, _cells) in pairwise(spans):
        assert start + cells == next_start


@pytest.mark.parametrize("width", [40, 80, 119, 200])
def test_layout_is_proportional_within_rounding(width: int) -> None:
    total = sum(seconds for _kind, seconds in INTERVALS)

    spans = layout(INTERVALS, width)

    for (_start, cells), (_kind, seconds) in zip(spans, INTERVALS, strict=True):
        assert abs(cells - seconds / total * width) < 1


def test_layout_gives_short_steps_a_cell_when_there_is_room() -> None:
    plan = [("forward", 3600.0), ("backward", 5.0), ("rest", 5.0), ("forward", 3600.0)]

    widths = [cells for _start, cells in layout(plan, 10)]

    assert widths == [4, 1, 1, 4]


@pytest.mark.parametrize("width", range(4, 30))
def test_every_step_gets_a_cell_when_width_allows(width: int) -> None:
    plan = [("forward", 1000.0), ("rest", 1.0), ("forward", 10.0), ("rest", 0.5)]

    widths = [cells for _start, cells in layout(plan, width)]

    assert min(widths) >= 1
    assert sum(widths) == width


def test_layout_with_fewer_cells_than_steps_still_fills_the_width() -> None:
    widths = [cells for _start, cells in layout([("rest", 1.0)] * 5, 3)]

    assert sum(widths) == 3
    assert all(cells >= 0 for cells in widths)


def test_layout_of_nothing() -> None:
    assert layout([], 10) == []
    assert layout([("rest", 60.0)], 0) == [(0, 0)]


def test_steps_without_duration_share_the_bar_evenly() -> None:
    assert layout([("rest", 0.0), ("rest", 0.0)], 6) == [(0, 3), (3, 3)]


@pytest.mark.parametrize(("position", "column"), [(0.0, 0), (0.5, 5), (0.99, 9), (1.0, 9)])
def test_marker_column(position: float, column: int) -> None:
    assert marker_column(position, 10) == column


THEME_COLOURS = {
    "kind-warmup": "#101010",
    "kind-backward": "#ff0000",
    "kind-forward": "#0000ff",
    "kind-rest": "#00ff00",
    "kind-cooldown": "#202020",
}


class TimelineApp(App[None]):
    def get_theme_variable_defaults(self) -> dict[str, str]:
        return THEME_COLOURS

    def compose(self) -> ComposeResult:
        yield Timeline([("backward", 60.0), ("forward", 60.0)])


class PlainApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Timeline([("backward", 60.0), ("forward", 60.0)])


def background_hex(style: Style | None) -> str:
    assert style is not None and style.bgcolor is not None
    assert style.bgcolor.triplet is not None
    return style.bgcolor.triplet.hex


def painted(timeline: Timeline) -> str:
    """The first row as Textual would paint it, through its line cache."""
    width, _height = timeline.outer_size
    return timeline.render_lines(Region(0, 0, width, 1))[0].text


async def test_steps_take_the_theme_colours() -> None:
    app = TimelineApp()
    async with app.run_test(size=(20, 3)):
        strip = app.query_one(Timeline).render_line(0)
        halves = [background_hex(s.style) for s in strip]

    assert halves == ["#ff0000", "#0000ff"]
    assert [s.cell_length for s in strip] == [10, 10]


async def test_without_theme_variables_the_built_in_palette_is_used() -> None:
    app = PlainApp()
    async with app.run_test(size=(20, 3)):
        strip = app.query_one(Timeline).render_line(0)

    built_in = kind_variables()
    assert [background_hex(s.style) for s in strip] == [
        built_in["kind-backward"],
        built_in["kind-forward"],
    ]


def two_theme_app() -> PlainApp:
    """An app in theme "before", with a theme "after" that differs only in a kind colour."""
    app = PlainApp()
    app.register_theme(Theme(name="before", primary="#888888", background="#000000"))
    app.register_theme(
        Theme(
            name="after",
            primary="#888888",
            background="#000000",
            variables={"kind-backward": "#aa00aa"},
        )
    )
    app.theme = "before"
    return app


async def test_a_theme_change_recolours_the_bar() -> None:
    # The two themes differ only in a kind colour, so nothing but the timeline's own
    # reaction to the change can repaint it.
    app = two_theme_app()
    async with app.run_test(size=(20, 3)) as pilot:
        timeline = app.query_one(Timeline)
        before = timeline.render_lines(Region(0, 0, 20, 1))[0]
        app.theme = "after"
        await pilot.pause()
        after = timeline.render_lines(Region(0, 0, 20, 1))[0]

    assert background_hex(next(iter(before)).style) == kind_variables()["kind-backward"]
    assert background_hex(next(iter(after)).style) == "#aa00aa"


async def test_a_new_theme_is_drawn_in_its_own_colours_from_the_first_paint() -> None:
    # The bar keeps the kinds' colours it worked out, but not past a change of the app's
    # theme variables: the next line drawn after one, whenever it comes, has the new ones.
    app = two_theme_app()
    async with app.run_test(size=(20, 3)):
        timeline = app.query_one(Timeline)
        before = timeline.render_line(0)
        app.theme = "after"
        app.refresh_css(animate=False)  # what the change does first, before telling anyone
        after = timeline.render_line(0)

    assert background_hex(next(iter(before)).style) == kind_variables()["kind-backward"]
    assert background_hex(next(iter(after)).style) == "#aa00aa"


async def test_a_bar_under_a_faded_container_fades_with_it() -> None:
    class Faded(App[None]):
        CSS = "#faded { opacity: 50%; }"

        def compose(self) -> ComposeResult:
            with Container(id="faded"):
                yield Timeline([("backward", 60.0)], id="under")
            yield Timeline([("backward", 60.0)], id="plain")

    app = Faded()
    async with app.run_test(size=(20, 4)):
        under, plain = app.query_one("#under", Timeline), app.query_one("#plain", Timeline)
        faded = under.render_lines(Region(0, 0, 20, 1))[0]
        full = plain.render_lines(Region(0, 0, 20, 1))[0]

    # Drawn through Textual's general pass, which blends it with what is under it.
    assert background_hex(next(iter(full)).style) == kind_variables()["kind-backward"]
    assert background_hex(next(iter(faded)).style) != kind_variables()["kind-backward"]


async def test_moving_the_position_moves_the_marker() -> None:
    app = TimelineApp()
    async with app.run_test(size=(20, 3)) as pilot:
        timeline = app.query_one(Timeline)
        before = painted(timeline)

        timeline.position = 0.25
        await pilot.pause()
        at_quarter = painted(timeline)

        timeline.position = 0.75
        await pilot.pause()
        at_three_quarters = painted(timeline)

    assert MARKER not in before
    assert at_quarter.index(MARKER) == 5
    assert at_three_quarters.index(MARKER) == 15


async def test_done_steps_are_dimmed() -> None:
    app = TimelineApp()
    async with app.run_test(size=(20, 3)) as pilot:
        timeline = app.query_one(Timeline)
        timeline.position = 0.75
        await pilot.pause()
        first = next(iter(timeline.render_line(0)))

    assert background_hex(first.style) != "#ff0000"


async def test_new_segments_repaint() -> None:
    app = TimelineApp()
    async with app.run_test(size=(20, 3)) as pilot:
        timeline = app.query_one(Timeline)
        timeline.segments = [("rest", 30.0)]
        await pilot.pause()
        strip = timeline.render_line(0)

    assert [background_hex(s.style) for s in strip] == ["#00ff00"]


def test_snapshot(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(SNAPSHOT_APPS / "timeline_app.py", terminal_size=(80, 8))
