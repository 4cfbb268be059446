"""BigClock: block digits that fill the space they get, and fall back to plain text."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widgets import Static

from backrun_tui.ui.widgets.bigclock import (
    MAX_STRETCH,
    BigClock,
    changed_rows,
    choose_scale,
    render_big,
)
from backrun_tui.ui.widgets.font import GLYPH_HEIGHT, GLYPHS

SNAPSHOT_APPS = Path(__file__).parent / "snapshot_apps"


def digit_rows(lines: list[str]) -> int:
    """How many terminal rows the drawing spans, from its first inked row to its last."""
    inked = [i for i, line in enumerate(lines) if line.strip()]
    return inked[-1] - inked[0] + 1 if inked else 0


def test_12_34_is_at_least_15_rows_tall_at_120_by_26() -> None:
    assert digit_rows(render_big("12:34", 120, 26)) >= 15


def test_12_34_fits_entirely_at_80_by_14() -> None:
    lines = render_big("12:34", 80, 14)

    assert choose_scale("12:34", 80, 14) is not None
    assert len(lines) == 14
    assert all(len(line) == 80 for line in lines)
    # Fitting means drawn big, not cut: the top and bottom pixel rows are both on screen.
    assert digit_rows(lines) == 14
    assert "█" in lines[0] and "█" in lines[-1]


@pytest.mark.parametrize("text", ["12:34", "9:59", "1:02:03", "0:00", "-0:05", " 9:59", "10:00.5"])
@pytest.mark.parametrize(
    "size", [(120, 26), (120, 30), (80, 24), (80, 14), (33, 4), (40, 7), (10, 2), (1, 1)]
)
def test_output_is_exactly_the_given_size(text: str, size: tuple[int, int]) -> None:
    width, height = size

    lines = render_big(text, width, height)

    assert len(lines) == height
    assert {len(line) for line in lines} == {width}


def test_no_space_gives_no_lines() -> None:
    assert render_big("12:34", 0, 10) == []
    assert render_big("12:34", 10, 0) == []


def test_digits_grow_with_the_space() -> None:
    heights = [digit_rows(render_big("12:34", w, h)) for w, h in [(30, 5), (60, 10), (120, 26)]]

    assert heights == sorted(heights)
    assert heights[0] < heights[-1]


@pytest.mark.parametrize("size", [(120, 26), (120, 30), (80, 14), (80, 24), (200, 20), (60, 60)])
def test_pixels_look_roughly_square(size: tuple[int, int]) -> None:
    scale = choose_scale("12:34", *size)

    assert scale is not None
    assert scale.x <= scale.y <= scale.x * MAX_STRETCH


def test_drawing_is_centred() -> None:
    lines = render_big("0:00", 60, 20)
    inked = [i for i, line in enumerate(lines) if line.strip()]
    left = min(len(line) - len(line.lstrip()) for line in lines if line.strip())
    right = min(len(line) - len(line.rstrip()) for line in lines if line.strip())

    assert abs(inked[0] - (len(lines) - 1 - inked[-1])) <= 1
    assert abs(left - right) <= 1


def test_every_glyph_is_distinct() -> None:
    bitmaps = list(GLYPHS.values())
    drawn = [tuple(render_big(char, 12, 8)) for char in GLYPHS]

    assert len(set(bitmaps)) == len(bitmaps)
    assert len(set(drawn)) == len(drawn)


@pytest.mark.parametrize("char", sorted(GLYPHS))
def test_every_glyph_is_a_full_rectangle(char: str) -> None:
    rows = GLYPHS[char]

    assert len(rows) == GLYPH_HEIGHT
    assert len({len(row) for row in rows}) == 1
    assert set("".join(rows)) <= {"#", "."}


def test_space_is_as_wide_as_a_digit_so_padding_holds_the_size() -> None:
    assert choose_scale(" 9:59", 80, 24) == choose_scale("10:00", 80, 24)


def test_too_small_falls_back_to_the_plain_text() -> None:
    assert choose_scale("12:34", 20, 3) is None
    assert render_big("12:34", 20, 3) == [" " * 20, "       12:34        ", " " * 20]


def test_plain_fallback_is_cut_to_the_width() -> None:
    assert render_big("1:02:03", 4, 1) == ["1:02"]


def test_text_the_font_cannot_draw_is_shown_plainly() -> None:
    assert choose_scale("12:3x", 120, 26) is None
    assert [line.strip() for line in render_big("12:3x", 120, 26) if line.strip()] == ["12:3x"]


def test_same_input_gives_the_same_output() -> None:
    assert render_big("1:02:03", 100, 20) == render_big("1:02:03", 100, 20)


def test_same_drawings_have_no_changed_rows() -> None:
    lines = render_big("9:59", 40, 8)

    assert changed_rows(lines, list(lines)) == (0, 0)


def test_changed_rows_span_the_first_to_the_last_that_differ() -> None:
    assert changed_rows(["a", "b", "c", "d"], ["a", "X", "c", "Y"]) == (1, 4)
    assert changed_rows(["a", "b", "c"], ["X", "b", "c"]) == (0, 1)


@pytest.mark.parametrize(
    ("before", "after"),
    [("9:59", "9:58"), ("10:00", " 9:59"), ("1:00", "0:59"), ("0:01", "0:00"), ("12:34", "12:33")],
)
@pytest.mark.parametrize("size", [(118, 25), (60, 12), (20, 5), (8, 2)])
def test_rows_outside_the_changed_rows_are_the_same(
    before: str, after: str, size: tuple[int, int]
) -> None:
    old, new = render_big(before, *size), render_big(after, *size)

    top, bottom = changed_rows(old, new)

    assert old[:top] == new[:top] and old[bottom:] == new[bottom:]
    assert top == bottom or (old[top] != new[top] and old[bottom - 1] != new[bottom - 1])


class ClockApp(App[None]):
    CSS = "BigClock.forward { color: #3b9eff; }"

    def compose(self) -> ComposeResult:
        yield BigClock("12:34", classes="forward")


def screen_text(clock: BigClock) -> list[str]:
    """What Textual would paint for the clock, through its line cache."""
    width, height = clock.outer_size
    return [strip.text for strip in clock.render_lines(Region(0, 0, width, height))]


async def test_changing_text_repaints_the_clock() -> None:
    app = ClockApp()
    async with app.run_test(size=(60, 12)) as pilot:
        clock = app.query_one(BigClock)
        before = screen_text(clock)

        clock.text = "9:59"
        await pilot.pause()
        after = screen_text(clock)

    assert before == render_big("12:34", 60, 12)
    assert after == render_big("9:59", 60, 12)


async def test_digits_take_the_css_colour() -> None:
    app = ClockApp()
    async with app.run_test(size=(60, 12)):
        clock = app.query_one(BigClock)
        inked = next(s for s in clock.render_line(6) if s.text.strip())

    assert inked.style is not None and inked.style.color is not None
    assert inked.style.color.triplet is not None
    assert inked.style.color.triplet.hex == "#3b9eff"


async def test_tiny_clock_is_bold_plain_text() -> None:
    app = ClockApp()
    async with app.run_test(size=(12, 3)):
        clock = app.query_one(BigClock)
        line = clock.render_line(1)

    assert line.text.strip() == "12:34"
    assert all(s.style is not None and s.style.bold for s in line)


#: Terminal sizes a runner might drag the window through, quickly, down to nothing.
RESIZE_STORM = [
    (120, 40),
    (60, 15),
    (20, 5),
    (1, 1),
    (0, 10),
    (10, 0),
    (0, 0),
    (80, 24),
    (3, 2),
    (200, 60),
    (40, 7),
    (2, 40),
    (60, 12),
]


class StackedClockApp(App[None]):
    """The clock under a few rows of text, as on the run screen: a small terminal pushes it
    out of sight, where it still takes each new size but is not drawn."""

    CSS = """
    Static { height: 5; }
    BigClock { height: 1fr; min-height: 4; }
    """

    def compose(self) -> ComposeResult:
        yield Static("backward\n@6 km/h\nround 1/6\nnext: forward\n")
        yield BigClock("12:34")


async def test_clock_lives_through_a_resize_storm() -> None:
    faces = ["9:59", "9:58", "10:00", " 9:57", "1:02:03", "0:00"]
    app = StackedClockApp()
    async with app.run_test(size=(120, 40)) as pilot:
        clock = app.query_one(BigClock)
        for turn, (width, height) in enumerate(RESIZE_STORM):
            # The text changes both before the new size is drawn and after it.
            clock.text = faces[turn % len(faces)]
            await pilot.resize_terminal(width, height)
            clock.text = faces[(turn + 1) % len(faces)]
            await pilot.pause()
        clock.text = "4:56"
        await pilot.pause()

        assert app.is_running
        assert clock.size == (60, 7)
        assert screen_text(clock) == render_big("4:56", 60, 7)


def test_snapshot(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(SNAPSHOT_APPS / "bigclock_app.py", terminal_size=(80, 24))
