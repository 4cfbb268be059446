"""A backrun killed with SIGKILL mid-run: the next backrun recovers its session.

The issue: "A test starts the installed `backrun run --plan ... --time-scale 50` in tmux,
kills it with SIGKILL mid-run, starts backrun again, and finds an `interrupted` session with
the progress up to the last checkpoint."
"""

from __future__ import annotations

import json
import os
import signal
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import Terminal, needs_terminal, run_backrun

pytestmark = needs_terminal()

PLAN = "2m warmup @5, 4x(1m back @6, 1m fwd @9)"
PLANNED_SECONDS = 600


def running_dir(home: Path) -> Path:
    return home / "sessions" / ".running"


def checkpoint(home: Path) -> tuple[Path, dict[str, Any]] | None:
    """The one checkpoint of a session under way, and what it says; None if none yet."""
    files = sorted(running_dir(home).glob("*.toml"))
    if not files:
        return None
    assert len(files) == 1, f"more than one checkpoint: {files}"
    try:
        return files[0], tomllib.loads(files[0].read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None  # the session ended between the listing and the read


def leftovers(folder: Path) -> list[str]:
    """What is in `folder` besides temp files of atomic writes that SIGKILL cut short."""
    return sorted(
        name for name in os.listdir(folder) if not (name.startswith(".") and name.endswith(".tmp"))
    )


def backrun_pid(term: Terminal) -> int:
    """The backrun process in the terminal; checked, so the kill hits nothing else."""
    pid = term.pid
    argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    assert any(arg.endswith(b"/backrun") for arg in argv), f"pid {pid} runs {argv!r}"
    return pid


def test_sigkill_mid_run_leaves_an_interrupted_session(
    terminal: Terminal, backrun_home: Path
) -> None:
    terminal.backrun("run", "--plan", PLAN, "--time-scale", "50", "--get-ready", "0")
    terminal.wait_for("elapsed")  # the run screen is up

    def well_under_way() -> bool:
        found = checkpoint(backrun_home)
        return found is not None and found[1]["active_seconds"] >= 120

    terminal.wait_until(well_under_way, "a checkpoint at 2 minutes of session time or later")
    pid = backrun_pid(terminal)
    os.kill(pid, signal.SIGKILL)
    terminal.wait_until(lambda: not terminal.alive(), "the killed backrun to be gone")

    # What survived the kill is what the next backrun has to work from.
    found = checkpoint(backrun_home)
    assert found is not None, "the kill left no checkpoint"
    path, last = found
    assert last["status"] == "running"
    assert 120 <= last["active_seconds"] < PLANNED_SECONDS, "killed mid-run"
    assert (running_dir(backrun_home) / f"{path.stem}.lock").exists()

    done = run_backrun(backrun_home, "history", "--json")

    assert done.returncode == 0, done.stderr
    assert "recovered an interrupted session" in done.stderr
    sessions = json.loads(done.stdout)
    assert len(sessions) == 1
    session = sessions[0]
    assert session["id"] == path.stem
    assert session["status"] == "interrupted"
    assert session["active_seconds"] == pytest.approx(last["active_seconds"], abs=0.001)
    assert session["backward_seconds"] == pytest.approx(last["backward_seconds"], abs=0.001)
    assert session["forward_seconds"] == pytest.approx(last["forward_seconds"], abs=0.001)
    assert session["planned_seconds"] == PLANNED_SECONDS
    assert session["time_scale"] == 50

    # The intervals are the checkpoint's, the one under way at the kill marked stopped.
    saved = tomllib.loads(Path(session["file"]).read_text(encoding="utf-8"))
    assert saved["status"] == "interrupted"
    intervals, at_kill = saved["intervals"], last["intervals"]
    assert len(intervals) == len(at_kill) == 9
    for now, then in zip(intervals, at_kill, strict=True):
        assert now["actual_seconds"] == pytest.approx(then["actual_seconds"], abs=0.001)
        if then["outcome"] in ("completed", "skipped"):
            assert now["outcome"] == then["outcome"]
        elif then["actual_seconds"] > 0:
            assert now["outcome"] == "stopped"
        else:
            assert now["outcome"] == "not_reached"
    assert intervals[0]["outcome"] == "completed"  # the 2-minute warm-up was run
    # Loosely: a record reads the clock once for the intervals and again for the total,
    # which at 50 times real time can be a few hundredths of a second apart.
    assert sum(i["actual_seconds"] for i in intervals) == pytest.approx(
        last["active_seconds"], abs=1.0
    )
    assert leftovers(running_dir(backrun_home)) == []

    # Recovered once: a second start finds nothing more to recover.
    again = run_backrun(backrun_home, "history", "--json")
    assert again.returncode == 0
    assert "recovered" not in again.stderr
    assert [s["id"] for s in json.loads(again.stdout)] == [path.stem]


def test_a_live_backruns_checkpoint_is_left_alone(terminal: Terminal, backrun_home: Path) -> None:
    terminal.backrun("run", "--plan", PLAN, "--time-scale", "10", "--get-ready", "0")
    path, first = terminal.wait_until(lambda: checkpoint(backrun_home), "the first checkpoint")

    done = run_backrun(backrun_home, "history", "--json")

    assert done.returncode == 0, done.stderr
    assert "recovered" not in done.stderr
    assert json.loads(done.stdout) == []
    assert not (backrun_home / "sessions" / path.name).exists()
    assert path.exists()
    assert path.with_suffix(".lock").exists()
    assert terminal.alive()
    # The running backrun goes on saving its checkpoint where it was.
    terminal.wait_until(
        lambda: (
            (found := checkpoint(backrun_home)) is not None
            and found[0] == path
            and found[1]["active_seconds"] > first["active_seconds"] + 15
        ),
        "a later checkpoint of the running session",
    )
