"""End-to-end tests: the installed `backrun` console script in a real terminal (tmux).

Each test gets its own tmux server (`tmux -L <unique name>`), so no test ever touches
another tmux server, and `BACKRUN_HOME` points into the test's tmp_path (the autouse
`backrun_home` fixture of tests/conftest.py). The server is killed at teardown.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

import pytest

T = TypeVar("T")

#: Long enough for a loaded 2-core machine; a wait that works returns as soon as it can.
WAIT_TIMEOUT = 20.0
POLL_EVERY = 0.1
#: A screen that has not changed for this long, while the test waits, is reported frozen.
FROZEN_AFTER = 5.0
#: The console script installed next to the Python running the tests.
BACKRUN = Path(sys.executable).parent / "backrun"
#: Variables of the developer's terminal that would change what the app draws.
_DROPPED_ENV = ("TMUX", "TMUX_PANE", "COLUMNS", "LINES")

# The options the tests rely on: no status line (the pane is the whole requested size),
# keys sent arrive at once, and a pane whose program ended stays (to read what it left).
_TMUX_CONF = """\
set -g status off
set -s escape-time 0
set -g remain-on-exit on
set -g history-limit 0
"""


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "e2e: drives the installed backrun in a real terminal (tmux); needs tmux"
    )


def needs_terminal() -> list[pytest.MarkDecorator]:
    """The marks of every end-to-end test module."""
    return [
        pytest.mark.e2e,
        pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
        pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc"),
        pytest.mark.skipif(not BACKRUN.exists(), reason=f"{BACKRUN} is not installed"),
    ]


def backrun_env(home: Path) -> dict[str, str]:
    """The environment for a backrun started by a test: its own home, nothing else odd."""
    env = {
        k: v for k, v in os.environ.items() if k not in _DROPPED_ENV and not k.startswith("TEXTUAL")
    }
    env["BACKRUN_HOME"] = str(home)
    return env


def run_backrun(home: Path, *args: str, timeout: float = 60.0) -> subprocess.CompletedProcess[str]:
    """Run the installed backrun to its end (not in the terminal), capturing its output."""
    return subprocess.run(
        [str(BACKRUN), *args],
        env=backrun_env(home),
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def without_sound(home: Path) -> None:
    """Turn cues off in config.toml, so that no "No sound" toast covers the screen on a
    machine without a sound device: what the tests read must not depend on the machine."""
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("[sound]\nenabled = false\n", encoding="utf-8")


class Terminal:
    """One tmux server with one session: a program in a terminal of a given size."""

    def __init__(self, socket: str, conf: Path, home: Path) -> None:
        self.socket = socket
        self.conf = conf
        self.home = home
        self.target = "e2e"
        self.socket_path: Path | None = None

    def tmux(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, "-f", str(self.conf), *args],
            env=backrun_env(self.home),
            capture_output=True,
            text=True,
            timeout=WAIT_TIMEOUT,
            stdin=subprocess.DEVNULL,
            check=False,
        )
        if check and done.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout

    def start(
        self,
        command: Sequence[str],
        *,
        width: int = 120,
        height: int = 40,
        env: Mapping[str, str] | None = None,
    ) -> None:
        """Start `command` in a fresh terminal of `width` × `height` cells."""
        assert self.socket_path is None, "one program per Terminal"
        extra = [f"-e{k}={v}" for k, v in {"BACKRUN_HOME": str(self.home), **(env or {})}.items()]
        # `exec`: the pane's process is the program itself, not a shell around it.
        line = "exec " + shlex.join(command)
        self.tmux(
            "new-session", "-d", "-s", self.target, "-x", str(width), "-y", str(height),
            *extra, line,
        )  # fmt: skip
        self.socket_path = Path(self.pane("#{socket_path}"))

    def backrun(self, *args: str, width: int = 120, height: int = 40) -> None:
        """Start the installed backrun console script with `args`."""
        self.start([str(BACKRUN), *args], width=width, height=height)

    def capture(self) -> str:
        """The text on the screen now, one line per row."""
        return self.tmux("capture-pane", "-p", "-t", self.target)

    def send_keys(self, *keys: str) -> None:
        """Press keys by tmux name (`Space`, `Tab`, `Enter`, `q`)."""
        self.tmux("send-keys", "-t", self.target, *keys)

    def type_text(self, text: str) -> None:
        """Type `text` literally, character by character."""
        self.tmux("send-keys", "-t", self.target, "-l", text)

    def pane(self, fmt: str) -> str:
        """A tmux format (`#{pane_pid}`, ...) expanded for the terminal's pane."""
        return self.tmux("display-message", "-p", "-t", self.target, fmt).strip()

    @property
    def pid(self) -> int:
        """The process running in the terminal (the program, thanks to `exec`)."""
        return int(self.pane("#{pane_pid}"))

    def cursor(self) -> tuple[int, int]:
        """Where the terminal's cursor is, (column, row) from 0: a focused Input's caret."""
        column, row = self.pane("#{cursor_x} #{cursor_y}").split()
        return int(column), int(row)

    def alive(self) -> bool:
        """Whether the program still runs (the pane stays after it ends: remain-on-exit)."""
        return self.pane("#{pane_dead}") != "1"

    def wait_for(
        self,
        text: str | Callable[[str], bool],
        timeout: float = WAIT_TIMEOUT,
        *,
        gone: bool = False,
    ) -> str:
        """Wait until `text` is on the screen (or off it, `gone=True`); return the screen.

        `text` may be a test of the whole screen's text.
        """
        test = text if callable(text) else (lambda screen: text in screen)

        def screen_if_done() -> str | None:
            screen = self.capture()
            return screen if test(screen) != gone else None

        what = f"{text!r} {'to go' if gone else 'to show'}"
        return self.wait_until(screen_if_done, what, timeout)

    def wait_until(
        self, predicate: Callable[[], T | None], what: str, timeout: float = WAIT_TIMEOUT
    ) -> T:
        """Poll `predicate` until it returns something truthy, and return that.

        On timeout the test fails with the screen, and how long it has not changed.
        """
        deadline = time.monotonic() + timeout
        screen, changed_at = "", time.monotonic()
        while True:
            result = predicate()
            if result:
                return result
            now = time.monotonic()
            latest = self.capture()
            if latest != screen:
                screen, changed_at = latest, now
            if now >= deadline:
                still = now - changed_at
                pytest.fail(
                    f"timed out after {timeout:g} s waiting for {what}; the program has "
                    f"{'not ' if self.alive() else ''}ended; the screen has not changed for "
                    f"{still:.1f} s{' (frozen?)' if still >= FROZEN_AFTER else ''}:\n{screen}"
                )
            time.sleep(POLL_EVERY)

    def kill(self) -> None:
        """End the server and its programs, and remove its socket (tmux leaves it)."""
        self.tmux("kill-server", check=False)
        if self.socket_path is not None:
            self.socket_path.unlink(missing_ok=True)


def ended(pid: int) -> bool:
    """Whether the process has ended: gone, or a zombie its parent (tmux) has not yet
    reaped, which tmux sometimes leaves for a while after a signal."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"


def exit_status(terminal: Terminal, pid: int) -> str:
    """How the ended program exited, as tmux shows it ("143"), or, while tmux has not yet
    reaped the zombie and so has no status to show, as the kernel keeps it for the zombie
    (the exit_code field of /proc/PID/stat, in waitpid's form)."""
    shown = terminal.pane("#{pane_dead_status}")
    if shown:
        return shown
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return terminal.pane("#{pane_dead_status}")  # reaped meanwhile: tmux has it now
    fields = stat.rsplit(")", 1)[1].split()
    assert fields[0] == "Z", f"backrun ({pid}) has not ended: {stat}"
    code = int(fields[-1])  # field 52, exit_code; the fields after ")" start at field 3
    return str(code >> 8) if code & 0x7F == 0 else f"signal {code & 0x7F}"


@pytest.fixture
def terminal(backrun_home: Path, tmp_path: Path) -> Iterator[Terminal]:
    """A tmux terminal of its own, with BACKRUN_HOME in tmp_path; killed at teardown."""
    conf = tmp_path / "tmux.conf"
    conf.write_text(_TMUX_CONF)
    term = Terminal(f"backrun-e2e-{os.getpid()}-{uuid.uuid4().hex[:8]}", conf, backrun_home)
    try:
        yield term
    finally:
        term.kill()
