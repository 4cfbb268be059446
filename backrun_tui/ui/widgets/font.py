"""The bitmap font BigClock draws with: 5×7 digits and the few marks a countdown needs.

Each glyph is a tuple of rows, `#` for a lit pixel. The rows are plain strings so the digits
can be read (and fixed) by eye right here.
"""

from __future__ import annotations

#: Pixel rows in every glyph.
GLYPH_HEIGHT = 7

#: Blank pixel columns between neighbouring glyphs; scaled along with the pixels.
GLYPH_GAP = 1

# Plain, unslashed shapes: from a moving belt a 0 must read as a 0, not as an 8 or a 9.
GLYPHS: dict[str, tuple[str, ...]] = {
    "0": (
        ".###.",
        "#...#",
        "#...#",
        "#...#",
        "#...#",
        "#...#",
        ".###.",
    ),
    "1": (
        "..#..",
        ".##..",
        "..#..",
        "..#..",
        "..#..",
        "..#..",
        ".###.",
    ),
    "2": (
        ".###.",
        "#...#",
        "....#",
        "...#.",
        "..#..",
        ".#...",
        "#####",
    ),
    "3": (
        ".###.",
        "#...#",
        "....#",
        "..##.",
        "....#",
        "#...#",
        ".###.",
    ),
    "4": (
        "...#.",
        "..##.",
        ".#.#.",
        "#..#.",
        "#####",
        "...#.",
        "...#.",
    ),
    "5": (
        "#####",
        "#....",
        "####.",
        "....#",
        "....#",
        "#...#",
        ".###.",
    ),
    "6": (
        "..##.",
        ".#...",
        "#....",
        "####.",
        "#...#",
        "#...#",
        ".###.",
    ),
    "7": (
        "#####",
        "....#",
        "...#.",
        "..#..",
        ".#...",
        ".#...",
        ".#...",
    ),
    "8": (
        ".###.",
        "#...#",
        "#...#",
        ".###.",
        "#...#",
        "#...#",
        ".###.",
    ),
    "9": (
        ".###.",
        "#...#",
        "#...#",
        ".####",
        "....#",
        "...#.",
        ".##..",
    ),
    # Narrow marks keep "1:02:03" wide enough to be drawn big on an 80-column terminal.
    ":": (
        ".",
        ".",
        "#",
        ".",
        "#",
        ".",
        ".",
    ),
    ".": (
        ".",
        ".",
        ".",
        ".",
        ".",
        ".",
        "#",
    ),
    "-": (
        "....",
        "....",
        "....",
        "####",
        "....",
        "....",
        "....",
    ),
    # As wide as a digit, like a figure space: padding "9:59" to " 9:59" keeps the clock
    # the size it had at "10:00" instead of jumping bigger at the ten-minute mark.
    " ": (
        ".....",
        ".....",
        ".....",
        ".....",
        ".....",
        ".....",
        ".....",
    ),
}


def glyph_width(char: str) -> int:
    """Pixel columns of a glyph, without the gap that follows it."""
    return len(GLYPHS[char][0])
