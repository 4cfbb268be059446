"""The thread that reads the keyboard sleeps between keys, and every key still arrives.

Textual's own input thread wakes ten times a second with no key pressed; backrun's driver
(ui/driver.py) waits for input, and wakes only to stop or while an escape sequence may be
pending. Measured on the installed backrun in tmux: the wake-ups of its threads while a
run counts down, then a lone Escape after a long quiet, then quitting.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from tests.e2e.conftest import Terminal, ended, exit_status, needs_terminal, without_sound

pytestmark = needs_terminal()

QUIET_SECONDS = 3.0
#: Besides the main thread: the screen writer wakes about once a frame (once a second
#: here) and the checkpoint writer every few seconds. Textual's input thread alone would
#: add ten a second.
MOST_WAKES_A_SECOND = 5.0


def wakes(pid: int) -> dict[int, int]:
    """Voluntary context switches (wake-ups after a wait) of each thread but the main one."""
    found = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        if int(task.name) == pid:
            continue
        try:
            status = (task / "status").read_text(encoding="utf-8")
        except OSError:
            continue  # the thread ended since the listing
        for line in status.splitlines():
            if line.startswith("voluntary_ctxt_switches:"):
                found[int(task.name)] = int(line.split()[1])
    return found


def stop_and_quit(terminal: Terminal, pid: int) -> None:
    """Answer yes to the stop question, quit from the finish screen, and see backrun end
    with status 0: the input thread woke to stop, or backrun would wait for it forever."""
    terminal.wait_for("Stop this session?")
    terminal.send_keys("y")
    terminal.wait_for("Session stopped")
    terminal.send_keys("C-q")
    terminal.wait_until(lambda: ended(pid), "backrun to end")
    assert exit_status(terminal, pid) == "0"


def test_the_input_thread_sleeps_while_the_run_counts_down_and_keys_still_arrive(
    terminal: Terminal, backrun_home: Path
) -> None:
    without_sound(backrun_home)
    terminal.backrun("run", "--plan", "10m back @6, 10m fwd @9", "--get-ready", "0")
    terminal.wait_for("elapsed 0:02")
    pid = terminal.pid

    before = wakes(pid)
    time.sleep(QUIET_SECONDS)
    after = wakes(pid)
    woken = sum(after[t] - before[t] for t in after.keys() & before.keys())
    assert woken / QUIET_SECONDS < MOST_WAKES_A_SECOND, (before, after)

    # A lone Escape after a quiet spell: the driver has to let it go on its own, as no
    # sequence follows it. It asks to stop the session.
    terminal.send_keys("Escape")
    terminal.wait_for("Stop this session?")
    terminal.send_keys("n")
    terminal.wait_for("Stop this session?", gone=True)
    terminal.send_keys("Space")
    terminal.wait_for("PAUSED")
    terminal.send_keys("Space")
    terminal.wait_for("PAUSED", gone=True)

    # Stopping the thread wakes it: backrun ends, with the terminal given back.
    terminal.send_keys("q")
    stop_and_quit(terminal, pid)
    assert terminal.pane("#{alternate_on}") == "0"


def process_state(pid: int) -> str:
    """The state letter in /proc/PID/stat: T for stopped."""
    return Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()[0]


def test_after_a_stop_and_continue_the_keys_arrive_and_backrun_ends_cleanly(
    terminal: Terminal, backrun_home: Path
) -> None:
    """SIGTSTP stops the input thread and closes the driver, as Textual suspends; SIGCONT
    (tmux sends it to a pane's stopped program by itself) opens them again. A SIGCONT to a
    backrun that was not stopped changes nothing: Textual's handler would start a second
    input thread, and the end could wait for it forever."""
    without_sound(backrun_home)
    terminal.backrun("run", "--plan", "10m back @6, 10m fwd @9", "--get-ready", "0")
    terminal.wait_for("elapsed 0:01")
    pid = terminal.pid

    os.kill(pid, signal.SIGTSTP)
    time.sleep(1.0)
    if process_state(pid) == "T":
        os.kill(pid, signal.SIGCONT)
    terminal.wait_until(lambda: process_state(pid) != "T", "backrun to go on")
    for _ in range(3):
        os.kill(pid, signal.SIGCONT)
        time.sleep(0.2)
    terminal.wait_for("elapsed")
    terminal.send_keys("Space")
    terminal.wait_for("PAUSED")
    terminal.send_keys("Escape")
    stop_and_quit(terminal, pid)
