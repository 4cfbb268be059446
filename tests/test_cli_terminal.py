"""The app needs a terminal: without one (output sent to a file, TERM=dumb) it says so and
exits 2, writing nothing into the file; the other commands work anywhere."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

BACKRUN = Path(sys.executable).with_name("backrun")
pytestmark = pytest.mark.skipif(not BACKRUN.exists(), reason=f"{BACKRUN} is not installed")


def env(**extra: str) -> dict[str, str]:
    return {**os.environ, "TERM": "xterm-256color", **extra}


def on_a_pty(args: list[str], environ: dict[str, str], timeout: float = 60) -> tuple[int, str]:
    """Run with standard input, output and error on a new terminal; its exit code and
    everything it wrote."""
    main, secondary = pty.openpty()
    try:
        done = subprocess.run(
            args,
            stdin=secondary,
            stdout=secondary,
            stderr=secondary,
            env=environ,
            timeout=timeout,
            check=False,
        )
    finally:
        os.close(secondary)
    chunks = []
    os.set_blocking(main, False)
    while True:
        try:
            chunk = os.read(main, 65536)
        except (BlockingIOError, OSError):
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    return done.returncode, b"".join(chunks).decode("utf-8", "replace")


def test_standard_error_sent_to_a_file_is_refused_before_drawing(tmp_path: Path) -> None:
    err = tmp_path / "err.txt"
    with err.open("w", encoding="utf-8") as handle:
        done = subprocess.run(
            [str(BACKRUN)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=handle,
            env=env(),
            timeout=60,
            check=False,
        )
    text = err.read_text(encoding="utf-8")
    assert done.returncode == 2
    assert text.startswith("backrun: the app needs a terminal")
    assert text.count("\n") == 1 and "\x1b" not in text  # one line, no screen in the file


def test_a_dumb_terminal_is_refused(tmp_path: Path) -> None:
    code, output = on_a_pty([str(BACKRUN)], env(TERM="dumb"))
    assert code == 2
    assert 'TERM is "dumb"' in output
    assert "\x1b[?1049h" not in output  # never entered the alternate screen


def test_run_without_a_terminal_is_refused_too_and_records_nothing(backrun_home: Path) -> None:
    done = subprocess.run(
        [str(BACKRUN), "run", "--plan", "1m back @6"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env(),
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "needs a terminal" in done.stderr
    assert not (backrun_home / "sessions").exists()


def test_commands_that_print_work_without_a_terminal() -> None:
    done = subprocess.run(
        [str(BACKRUN), "plan", "1m back @6"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env(TERM="dumb"),
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr


CRASHING = """
import sys
from backrun_tui import cli
from backrun_tui.ui.screens.home import HomeScreen

def compose(self):
    raise RuntimeError("a bug in the home screen")
    yield

HomeScreen.compose = compose
sys.exit(cli.main([]))
"""


def test_a_crash_in_the_app_exits_non_zero_and_restores_the_terminal(
    backrun_home: Path,
) -> None:
    code, output = on_a_pty([sys.executable, "-c", CRASHING], env())
    assert code == 1, output
    assert "a bug in the home screen" in output
    assert output.rfind("\x1b[?1049l") > output.rfind("\x1b[?1049h")  # left the alt screen
