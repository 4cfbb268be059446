"""Signals mid-run: every one ends a session as saved, never lost, and the terminal as it was.

SIGTERM and SIGHUP end backrun as its quit key does: the session is saved as stopped with
everything done up to the signal. SIGKILL cannot be caught: the next backrun recovers the
session as interrupted from its last checkpoint. A seeded random moment per case, so the
suite finds the moment that breaks it, and can say which one it was.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import time
import tomllib
from pathlib import Path

import pytest

from tests.e2e.conftest import (
    Terminal,
    ended,
    exit_status,
    needs_terminal,
    run_backrun,
    without_sound,
)

pytestmark = needs_terminal()

PLAN = "1m warmup @5, 6x(30s back @6, 30s fwd @9), 1m cooldown @5"
SCALE = 10
ELAPSED = re.compile(r"elapsed (\d+):(\d\d)")


def shown_elapsed(screen: str) -> int | None:
    match = ELAPSED.search(screen)
    return int(match[1]) * 60 + int(match[2]) if match else None


def start(terminal: Terminal, home: Path) -> int:
    without_sound(home)
    terminal.backrun(
        "run", "--plan", PLAN, "--time-scale", str(SCALE), "--get-ready", "0", width=100, height=30
    )
    terminal.wait_for("elapsed")
    return terminal.pid


def wait_gone(pid: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not ended(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ended(pid), f"backrun ({pid}) is still running"


def history(home: Path) -> list[dict[str, object]]:
    """The sessions as `backrun history --json` lists them (it recovers orphans first)."""
    done = run_backrun(home, "history", "--json")
    assert done.returncode == 0, done.stderr
    sessions: list[dict[str, object]] = json.loads(done.stdout)
    return sessions


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_saves_the_session_as_stopped_and_restores_the_terminal(
    terminal: Terminal, backrun_home: Path, signum: signal.Signals
) -> None:
    pid = start(terminal, backrun_home)
    screen = terminal.wait_for(lambda s: (shown_elapsed(s) or 0) >= 40)
    before = shown_elapsed(screen)
    assert before is not None
    os.kill(pid, signum)
    terminal.wait_until(lambda: not terminal.alive(), "backrun to end")
    assert exit_status(terminal, pid) == str(128 + signum)
    # The terminal is as it was: out of the alternate screen, no mouse tracking.
    assert terminal.pane("#{alternate_on} #{mouse_any_flag}") == "0 0"
    [session] = history(backrun_home)
    assert session["status"] == "stopped"
    active = session["active_seconds"]
    assert isinstance(active, float) and active >= before  # full progress, not a checkpoint's
    assert not list((backrun_home / "sessions" / ".running").glob("*.toml"))


def test_closing_the_terminal_saves_the_session_as_stopped(
    terminal: Terminal, backrun_home: Path
) -> None:
    pid = start(terminal, backrun_home)
    screen = terminal.wait_for(lambda s: (shown_elapsed(s) or 0) >= 30)
    before = shown_elapsed(screen)
    assert before is not None
    terminal.tmux("kill-pane", "-t", terminal.target)  # the terminal goes: SIGHUP
    wait_gone(pid)
    [session] = history(backrun_home)
    assert session["status"] == "stopped"
    assert isinstance(session["active_seconds"], float) and session["active_seconds"] >= before


SEED = 20261201
MOMENTS = [
    (sig, round(random.Random(SEED + n).uniform(0.3, 9.0), 2))
    for n, sig in enumerate([signal.SIGKILL, signal.SIGTERM, signal.SIGHUP] * 2)
]


@pytest.mark.parametrize(("signum", "after"), MOMENTS, ids=lambda v: str(v))
def test_a_signal_at_any_moment_leaves_one_readable_session(
    terminal: Terminal, backrun_home: Path, signum: signal.Signals, after: float
) -> None:
    pid = start(terminal, backrun_home)
    time.sleep(after)
    os.kill(pid, signum)
    wait_gone(pid)
    [session] = history(backrun_home)
    expected = "interrupted" if signum == signal.SIGKILL else "stopped"
    assert session["status"] == expected, (signum, after)
    path = Path(str(session["file"]))
    tomllib.loads(path.read_text(encoding="utf-8"))  # whole, not cut short
    assert not list((backrun_home / "sessions" / ".running").glob("*.toml"))
    assert not list((backrun_home / "sessions" / ".running").glob("*.lock"))


STORM = [(120, 40), (60, 15), (20, 5), (200, 60), (33, 9), (80, 24), (1, 1), (120, 40)]


def test_a_resize_storm_mid_run_leaves_the_session_running(
    terminal: Terminal, backrun_home: Path
) -> None:
    """The terminal resized many times a second, down to one cell: the run goes on."""
    start(terminal, backrun_home)
    rng = random.Random(SEED)
    for _ in range(6):
        for width, height in rng.sample(STORM, len(STORM)):
            terminal.tmux(
                "resize-window", "-t", terminal.target, "-x", str(width), "-y", str(height)
            )
            time.sleep(rng.uniform(0.0, 0.05))
    terminal.tmux("resize-window", "-t", terminal.target, "-x", "100", "-y", "30")
    assert terminal.alive()
    first = shown_elapsed(terminal.wait_for("elapsed"))
    screen = terminal.wait_for(lambda s: (shown_elapsed(s) or 0) > (first or 0))
    assert "elapsed" in screen and terminal.alive()
    terminal.send_keys("q")
    terminal.wait_for("Stop this session?")
    terminal.send_keys("y")
    terminal.wait_for("Session stopped")
