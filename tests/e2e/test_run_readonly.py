"""The data folder turns read-only mid-run: the run goes on, says so, and saves later.

The issue: "Another makes the data folder read-only mid-run." As root, permissions do not
stop writes, so the folders are made immutable with `chattr +i` (and made writable again
in a `finally`); the test is skipped where that is not possible.
"""

from __future__ import annotations

import contextlib
import re
import subprocess
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import Terminal, needs_terminal, without_sound

pytestmark = needs_terminal()

# 6 minutes of session time at 30 times real time: 12 s. The read-only spell takes about
# 2 s of it, and the checkpoint that follows it about 0.5 s, so the session ends writable.
PLAN = "1m warmup @5, 2x(1m back @6, 1m fwd @9), 1m cooldown @5"
PLANNED_SECONDS = 360
TIME_SCALE = "30"
FAILED = "saving failed"


def chattr(flag: str, *folders: Path) -> None:
    for folder in folders:
        subprocess.run(["chattr", flag, str(folder)], check=True, capture_output=True)


@contextlib.contextmanager
def read_only(*folders: Path) -> Iterator[None]:
    """The folders immutable (no file made, renamed or deleted in them), then writable."""
    try:
        try:
            chattr("+i", *folders)
        except (OSError, subprocess.CalledProcessError) as exc:
            pytest.skip(f"cannot make a folder immutable here (chattr +i): {exc}")
        probe = folders[-1] / "probe"
        try:
            probe.touch()
        except PermissionError:
            pass
        else:
            probe.unlink()
            pytest.skip("chattr +i does not stop writes here")
        yield
    finally:
        for folder in folders:
            subprocess.run(["chattr", "-i", str(folder)], check=False, capture_output=True)


def elapsed(screen: str) -> str:
    found = re.search(r"elapsed (\d+:\d\d)", screen)
    assert found, f"no elapsed time on the screen:\n{screen}"
    return found.group(1)


def flat(screen: str) -> str:
    """The screen's words on one line, so a wrapped message reads whole."""
    return " ".join(screen.split())


def test_a_read_only_data_folder_does_not_stop_the_run(
    terminal: Terminal, backrun_home: Path
) -> None:
    sessions = backrun_home / "sessions"
    running = sessions / ".running"
    without_sound(backrun_home)
    terminal.backrun("run", "--plan", PLAN, "--time-scale", TIME_SCALE, "--get-ready", "0")
    checkpoint = terminal.wait_until(
        lambda: next(running.glob("*.toml"), None), "the first checkpoint"
    )

    with read_only(sessions, running):
        first = terminal.wait_for(FAILED)
        assert "Operation not permitted" in flat(first) or "Permission denied" in flat(first)
        # The countdown keeps moving while nothing can be saved.
        later = terminal.wait_for(lambda screen: elapsed(screen) != elapsed(first))
        assert FAILED in later
        assert "Session complete" not in later, "the session ended while still read-only"
        assert terminal.alive()
        assert not (sessions / checkpoint.name).exists()

    # The next checkpoint works again, and takes the message away.
    terminal.wait_for(FAILED, gone=True)
    screen = terminal.wait_for("Session complete", timeout=30)
    assert "not saved" not in screen
    assert terminal.alive()

    saved = tomllib.loads((sessions / checkpoint.name).read_text(encoding="utf-8"))
    assert saved["status"] == "completed"
    assert saved["planned_seconds"] == PLANNED_SECONDS
    assert saved["active_seconds"] == pytest.approx(PLANNED_SECONDS, abs=0.001)
    assert not checkpoint.exists()
