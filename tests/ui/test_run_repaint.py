"""The run screen repaints only what changed each second, and what it shows stays right."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.dom import DOMNode
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Label

from backrun_tui.clock import ManualClock
from backrun_tui.ui.screens.run import RunScreen
from backrun_tui.ui.widgets.bigclock import BigClock, changed_rows, render_big
from backrun_tui.ui.widgets.readout import Readout
from backrun_tui.ui.widgets.timeline import Timeline
from tests.ui.apps import T0, at, make_app

PLAN = "10m5s back @6, 1m fwd @9"


def painted(widget: Widget) -> list[str]:
    """What Textual paints for the widget, through its line cache."""
    width, height = widget.outer_size
    return [strip.text for strip in widget.render_lines(Region(0, 0, width, height))]


class Refreshes:
    """The refresh calls each watched widget gets: (regions, layout)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, widgets: list[Widget]) -> None:
        self.calls: dict[str, list[tuple[tuple[Region, ...], bool]]] = {}
        for widget in widgets:
            self._watch(monkeypatch, widget)

    def _watch(self, monkeypatch: pytest.MonkeyPatch, widget: Widget) -> None:
        name = widget.id or type(widget).__name__
        calls = self.calls.setdefault(name, [])
        refresh = widget.refresh

        def spy(*regions: Region, **kwargs: bool) -> Widget:
            calls.append((regions, kwargs.get("layout", False)))
            return refresh(*regions, **kwargs)

        monkeypatch.setattr(widget, "refresh", spy)

    def clear(self) -> None:
        for calls in self.calls.values():
            calls.clear()

    def refreshed(self) -> set[str]:
        return {name for name, calls in self.calls.items() if calls}


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_clock_shows_the_right_digits_second_by_second(
    backrun_home: Path, size: tuple[int, int]
) -> None:
    clock = ManualClock(T0)
    app = make_app(PLAN, clock=clock)
    async with app.run_test(size=size) as pilot:
        # Across 10:00 (the width holds: a space stands for the digit that went), a minute,
        # and into the next interval.
        for seconds, face in [
            (0, "10:05"),
            (1, "10:04"),
            (4.5, "10:01"),
            (5, "10:00"),
            (6, " 9:59"),
            (65, " 9:00"),
            (66, " 8:59"),
            (604, " 0:01"),
            (605, "1:00"),
            (606, "0:59"),
        ]:
            run = await at(pilot, clock, seconds)
            big = run.query_one(BigClock)
            assert big.text == face
            assert painted(big) == list(render_big(face, *big.size)), seconds


async def test_a_second_repaints_the_times_the_marker_and_the_changed_rows_only(
    backrun_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = ManualClock(T0)
    app = make_app(PLAN, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await at(pilot, clock, 33)
        big = run.query_one(BigClock)
        distance = run.query_one("#distance", Readout)
        watched = [big, run.query_one(Timeline), *run.query(Readout), *run.query("Label")]
        refreshes = Refreshes(monkeypatch, watched)
        before, distance_before = painted(big), distance.text

        await at(pilot, clock, 34)

        # The bar is 118 cells for 11m5s: the marker moves a cell about every 5.6 s, and
        # at 34 s it is in the next one.
        expected = {"clock", "Timeline", "elapsed", "remaining"}
        if distance.text != distance_before:
            expected.add("distance")
        assert refreshes.refreshed() == expected
        [(regions, layout)] = refreshes.calls["clock"]
        top, bottom = changed_rows(before, painted(big))
        assert regions == (Region(0, top, big.size.width, bottom - top),)
        assert 0 < bottom - top < big.size.height
        assert not layout
        assert refreshes.calls["elapsed"] == [((), False)]
        assert painted(run.query_one("#elapsed"))[0].startswith("elapsed 0:34 ")
        assert painted(run.query_one("#remaining"))[0].endswith(" to go 10:31")


async def test_a_tick_that_changes_nothing_shown_repaints_nothing(
    backrun_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = ManualClock(T0)
    app = make_app(PLAN, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await at(pilot, clock, 30.2)
        watched = [run.query_one(BigClock), run.query_one(Timeline), *run.query(Readout)]
        refreshes = Refreshes(monkeypatch, [*watched, *run.query("Label")])

        await at(pilot, clock, 30.7)  # the same second: nothing shown changes

        assert refreshes.refreshed() == set()


async def test_the_turn_around_banner_and_an_interval_start_lay_nothing_out(
    backrun_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = ManualClock(T0)
    app = make_app(PLAN, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await at(pilot, clock, 580.2)
        banner = run.query_one("#banner")
        kind = run.query_one("#kind")
        assert not banner.has_class("-turn")
        width = kind.outer_size.width
        layouts: list[object] = []
        refresh_layout = run._refresh_layout

        def spy(*args: object, **kwargs: object) -> None:
            layouts.append((args, kwargs))
            refresh_layout(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(run, "_refresh_layout", spy)
        warned = False
        for seconds in range(581, 608):  # the warning, the turn at 605, and after it
            await at(pilot, clock, seconds + 0.2)
            warned |= banner.has_class("-turn")

        assert warned
        assert not banner.has_class("-turn")
        assert str(kind.render()).lower() == "forward"
        # "Forward" fits the kind bar's min-width as "Backward" did: nothing moved, so the
        # screen was repainted where it changed, and never laid out again.
        assert kind.outer_size.width == width
        assert layouts == []


async def test_an_interval_start_restyles_the_screen_once(
    backrun_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = ManualClock(T0)
    app = make_app(PLAN, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await at(pilot, clock, 604.5)
        state = run.query_one("#run")
        restyles: list[tuple[str, bool]] = []

        def watch(node: DOMNode) -> None:
            restyle = node.update_node_styles

            def spy(animate: bool = True) -> None:
                restyles.append((node.id or type(node).__name__, animate))
                restyle(animate)

            monkeypatch.setattr(node, "update_node_styles", spy)

        watch(run)
        watch(state)
        await at(pilot, clock, 605.2)  # the forward minute starts: new kind, and a flash

        assert state.has_class("-kind-forward", "-flash")
        assert not state.has_class("-kind-backward")
        # A restyle goes over every widget under the node: the kind and the flash come as
        # one, and not from the screen (whose Footer they do not colour).
        assert restyles == [("run", True)]


async def test_the_collector_passes_over_what_lives_before_the_run_only_while_it_runs(
    backrun_home: Path,
) -> None:
    clock = ManualClock(T0)
    app = make_app("1m back @6", clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await at(pilot, clock, 1)
        assert gc.get_freeze_count() > 0
        await pilot.press("q", "y")  # stop; the finish screen follows
        await pilot.pause()
        assert not isinstance(app.screen, RunScreen)
        assert gc.get_freeze_count() == 0


async def test_a_readout_lays_the_screen_out_only_when_its_own_width_follows_its_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Two(App[None]):
        CSS = "#fixed { width: 1fr; } #auto { width: auto; }"

        def compose(self) -> ComposeResult:
            yield Readout("to go 9:59", id="fixed")
            yield Readout("0.99 km", id="auto")

    app = Two()
    async with app.run_test(size=(60, 5)) as pilot:
        fixed, auto = app.query_one("#fixed", Readout), app.query_one("#auto", Readout)
        refreshes = Refreshes(monkeypatch, [fixed, auto])
        fixed.update("to go 10:00")  # longer, in a line of a set width: a repaint
        auto.update("1.00 km")  # as long: a repaint
        auto.update("10.00 km")  # longer, and the line is as wide as its text: a layout
        assert refreshes.calls["fixed"] == [((), False)]
        assert refreshes.calls["auto"] == [((), False), ((), True)]
        await pilot.pause()
        assert auto.outer_size.width == len("10.00 km")


async def test_a_width_auto_line_is_measured_only_where_its_width_is_plain_to_see() -> None:
    class Lines(App[None]):
        CSS = """
        Label { width: auto; padding: 0 2; }
        #floor { min-width: 16; }
        #share { min-width: 20%; }
        #capped { max-width: 10; }
        #content { box-sizing: content-box; }
        """

        def compose(self) -> ComposeResult:
            for name in ("floor", "share", "capped", "content"):
                yield Label("", id=name)

    app = Lines()
    async with app.run_test(size=(60, 6)):
        floor = app.query_one("#floor", Label)
        assert RunScreen._auto_width(floor, "Forward") == 16  # the min-width holds
        assert RunScreen._auto_width(floor, "Backward · paused") == 17 + 4
        assert RunScreen._auto_width(floor, "two\nlines") is None
        for name in ("share", "capped", "content"):
            assert RunScreen._auto_width(app.query_one(f"#{name}", Label), "Forward") is None


async def test_a_share_of_a_line_as_wide_as_its_text_follows_its_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Shares(App[None]):
        CSS = "#row { width: auto; height: 1; } Readout { width: 1fr; }"

        def compose(self) -> ComposeResult:
            with Horizontal(id="row"):
                yield Readout("0.99 km", id="share")

    app = Shares()
    async with app.run_test(size=(60, 5)):
        share = app.query_one("#share", Readout)
        refreshes = Refreshes(monkeypatch, [share])
        share.update("10.00 km")
        assert refreshes.calls["share"] == [((), True)]
