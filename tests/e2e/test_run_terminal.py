"""The installed console script in a real terminal: what a runner sees, and the keys."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.conftest import Terminal, needs_terminal, run_backrun, without_sound

pytestmark = needs_terminal()

PLAN = '1m back @6 "push off the floor", 2m fwd @9'
BLOCKS = frozenset("█▀▄")
NOTE = "calves burned, knees fine"
FOOTER_KEYS = ("Pause", "Skip", "Back", "+10s", "−10s", "Mute", "Stop")


def digit_rows(screen: str) -> int:
    """Rows of the screen that carry some of the big digits."""
    return sum(1 for line in screen.splitlines() if BLOCKS.intersection(line))


def row_of(text: str, screen: str) -> int:
    """The row (from 0) of the first line of `screen` holding `text`."""
    return next(i for i, line in enumerate(screen.splitlines()) if text in line)


def run_screen_is_up(screen: str) -> bool:
    # The Footer is drawn a moment after the rest: wait for its keys too.
    footer = screen.rstrip("\n").splitlines()[-1] if screen.strip() else ""
    return (
        "BACKWARD" in screen and "next:" in screen and digit_rows(screen) > 0 and "Stop" in footer
    )


def test_run_pause_stop_rate_and_note(terminal: Terminal, backrun_home: Path) -> None:
    without_sound(backrun_home)
    terminal.backrun("run", "--plan", PLAN, "--get-ready", "0")
    screen = terminal.wait_for(run_screen_is_up)

    assert "push off the floor" in screen
    assert "6.0 km/h" in screen
    assert "next: FORWARD 2:00 at 9.0 km/h" in screen
    assert digit_rows(screen) >= 15, screen

    terminal.send_keys("Space")
    terminal.wait_for("PAUSED")
    terminal.send_keys("Space")
    terminal.wait_for("PAUSED", gone=True)

    terminal.send_keys("q")
    terminal.wait_for("Stop this session?")
    terminal.send_keys("y")
    finish = terminal.wait_for("Session stopped")
    # The RPE box has the focus: "7" shows in it.
    rpe_row = row_of("How hard was it?", finish) + 2
    terminal.type_text("7")
    terminal.wait_for(lambda screen: "7" in screen.splitlines()[rpe_row])
    # Textual hands a key to the focused widget before the Tab that moves the focus is
    # done, so the note is typed once the caret is in the note's box.
    note_row = row_of("A note for your history:", finish) + 2
    terminal.send_keys("Tab")
    terminal.wait_until(lambda: terminal.cursor()[1] == note_row, "the caret in the note's box")
    terminal.type_text(NOTE)
    terminal.wait_for(NOTE)
    terminal.send_keys("Enter")
    home = terminal.wait_for("BUILT-IN")  # the home screen's list of workouts
    assert "Session stopped" not in home

    done = run_backrun(backrun_home, "history", "--json")
    assert done.returncode == 0, done.stderr
    sessions = json.loads(done.stdout)
    assert len(sessions) == 1
    session = sessions[0]
    assert session["status"] == "stopped"
    assert session["rpe"] == 7
    assert session["note"] == NOTE
    assert session["paused_seconds"] > 0
    assert 0 < session["active_seconds"] < 60


def test_the_run_screen_fits_80_by_24(terminal: Terminal, backrun_home: Path) -> None:
    without_sound(backrun_home)
    terminal.backrun("run", "--plan", PLAN, "--get-ready", "0", width=80, height=24)
    screen = terminal.wait_for(run_screen_is_up)

    lines = screen.splitlines()
    assert len(lines) == 24, screen
    assert "BACKWARD" in lines[1], screen
    assert digit_rows(screen) >= 7, screen
    assert "next: FORWARD 2:00 at 9.0 km/h" in screen
    assert "elapsed" in screen
    assert "to go" in screen
    footer = lines[-1]
    for key in FOOTER_KEYS:
        assert key in footer, f"{key!r} missing from the footer: {footer!r}"
