"""The editor in a real terminal: its keys (ctrl+s, ctrl+z among them) reach it, and what
it saves is what `backrun workouts --export` gives back."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.conftest import Terminal, needs_terminal, run_backrun, without_sound

pytestmark = needs_terminal()


def test_make_a_workout_in_the_editor(terminal: Terminal, backrun_home: Path) -> None:
    without_sound(backrun_home)
    terminal.backrun()
    terminal.wait_for("BUILT-IN")
    terminal.send_keys("n")
    terminal.wait_for("Editing: New workout")
    terminal.wait_for("unsaved changes")
    terminal.send_keys("a", "r")  # a second warm-up, then repeat it
    terminal.wait_for("2×")
    terminal.send_keys("C-z")
    terminal.wait_for("2×", gone=True)
    terminal.send_keys("C-y")
    terminal.wait_for("2×")
    terminal.send_keys("C-s")
    terminal.wait_for("unsaved changes", gone=True)
    terminal.send_keys("Escape")
    home = terminal.wait_for("SAVED")
    assert "New workout" in home

    shared = run_backrun(backrun_home, "workouts", "--export", "New workout")
    assert shared.returncode == 0, shared.stderr
    assert 'plan = "5m warmup, 2x(5m warmup)"' in shared.stdout
