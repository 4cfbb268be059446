"""How much CPU a real backrun uses in a real terminal over a real run, and for scale, an
idle Textual app's.

    python benchmarks/cpu_run.py [--seconds N]

Starts `backrun run --plan "30s back @6, 30s fwd @9"` (no time scale: the run screen as a
runner sees it) in a 120x40 tmux terminal of its own (own socket, temporary BACKRUN_HOME),
reads the backrun process's utime + stime from /proc/<pid>/stat 5 s after the start and
again N s later (or when the session finishes, if sooner), and prints the CPU seconds and
the share of one core. Then does the same for a minimal Textual app (just a Footer) over
the same window, so the ratio can be quoted. Prints figures; asserts nothing.

Linux only (/proc); needs tmux. Cleans up its tmux server and temporary folders.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

BACKRUN = Path(sys.executable).parent / "backrun"
WIDTH, HEIGHT = 120, 40
#: CPU is read from this many seconds after the start, past the imports and first paint.
SETTLE_SECONDS = 5.0
POLL_EVERY = 0.25
UP_TIMEOUT = 30.0

IDLE_APP = """\
from textual.app import App, ComposeResult
from textual.widgets import Footer


class Idle(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Footer()


Idle().run()
"""

TMUX_CONF = """\
set -g status off
set -s escape-time 0
set -g remain-on-exit on
"""


@dataclass(frozen=True)
class Sample:
    """One program's CPU over a window of wall time."""

    startup_cpu: float
    """CPU seconds the process had used when the window began (imports, first paint)."""
    window: float
    cpu: float
    """CPU seconds of the process (all its threads) in the window."""
    children_cpu: float
    """CPU seconds of its child processes alive at both ends of the window (audio player)."""
    finished: bool
    """Whether the program showed its done text before the window was up."""

    @property
    def percent(self) -> float:
        return 100 * self.cpu / self.window if self.window > 0 else 0.0


class Tmux:
    """A tmux server of our own (`-L`), one session at a time."""

    def __init__(self, conf: Path, env: dict[str, str]) -> None:
        self.socket = f"backrun-bench-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.conf = conf
        self.env = env
        self.socket_path: Path | None = None

    def __call__(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, "-f", str(self.conf), *args],
            env=self.env,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=30,
            check=False,
        )
        if check and done.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def start(self, name: str, command: Sequence[str]) -> int:
        """Run `command` in a new WIDTH x HEIGHT session; the pid of its process."""
        line = "exec " + shlex.join(command)
        self("new-session", "-d", "-s", name, "-x", str(WIDTH), "-y", str(HEIGHT), line)
        self.socket_path = Path(self("display-message", "-p", "-t", name, "#{socket_path}").strip())
        return int(self("display-message", "-p", "-t", name, "#{pane_pid}"))

    def screen(self, name: str) -> str:
        return self("capture-pane", "-p", "-t", name)

    def dead(self, name: str) -> bool:
        return self("display-message", "-p", "-t", name, "#{pane_dead}").strip() == "1"

    def kill_session(self, name: str) -> None:
        self("kill-session", "-t", name, check=False)

    def kill(self) -> None:
        self("kill-server", check=False)
        if self.socket_path is not None:
            self.socket_path.unlink(missing_ok=True)


def _stat(pid: int) -> list[str]:
    """The fields of /proc/<pid>/stat from field 3 (state) on: the name may hold spaces."""
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2 :].split()


def cpu_seconds(pid: int) -> float:
    """utime + stime of process `pid` (all its threads), in seconds."""
    fields = _stat(pid)
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children_cpu(pid: int) -> dict[int, float]:
    """CPU seconds of each live child process of `pid`."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if int(_stat(int(entry.name))[1]) == pid:
                found[int(entry.name)] = cpu_seconds(int(entry.name))
        except (OSError, ValueError, IndexError):
            continue  # gone since the listing
    return found


def wait_for(check: Callable[[], bool], what: str, timeout: float = UP_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        time.sleep(0.1)


def measure(
    tmux: Tmux,
    name: str,
    command: Sequence[str],
    *,
    up_text: str,
    seconds: float,
    done_text: str | None = None,
) -> Sample:
    """CPU of `command` from SETTLE_SECONDS after its start, for `seconds` or until done."""
    started = time.monotonic()
    pid = tmux.start(name, command)
    try:
        try:
            wait_for(lambda: up_text in tmux.screen(name), f"{up_text!r} on the screen")
        except RuntimeError as exc:
            raise RuntimeError(f"{name}: {exc}; the screen:\n{tmux.screen(name)}") from None
        time.sleep(max(0.0, started + SETTLE_SECONDS - time.monotonic()))
        first, kids_first, t0 = cpu_seconds(pid), children_cpu(pid), time.monotonic()
        end = t0 + seconds
        last, kids_last, t1 = first, kids_first, t0
        finished = False
        while time.monotonic() < end and not finished:
            time.sleep(min(POLL_EVERY, max(0.0, end - time.monotonic())))
            if tmux.dead(name):
                break
            last, kids_last, t1 = cpu_seconds(pid), children_cpu(pid), time.monotonic()
            finished = done_text is not None and done_text in tmux.screen(name)
        kids = sum(kids_last[k] - kids_first[k] for k in kids_last.keys() & kids_first.keys())
        return Sample(
            startup_cpu=first,
            window=t1 - t0,
            cpu=last - first,
            children_cpu=kids,
            finished=finished,
        )
    finally:
        tmux.kill_session(name)


def plan_for(seconds: int) -> str:
    back = max(1, seconds // 2)
    return f"{back}s back @6, {max(1, seconds - back)}s fwd @9"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--seconds",
        type=int,
        default=60,
        help="length of the run and of the measured window (default 60)",
    )
    args = parser.parse_args(argv)
    if args.seconds < 1:
        parser.error("--seconds: at least 1")
    if not BACKRUN.exists():
        parser.error(f"{BACKRUN} not found: install backrun into this Python's environment")
    plan = plan_for(args.seconds)

    with tempfile.TemporaryDirectory(prefix="backrun-bench-") as tmp:
        folder = Path(tmp)
        conf = folder / "tmux.conf"
        conf.write_text(TMUX_CONF)
        idle_app = folder / "idle_app.py"
        idle_app.write_text(IDLE_APP)
        env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "COLUMNS", "LINES")}
        env["BACKRUN_HOME"] = str(folder / "home")
        tmux = Tmux(conf, env)
        try:
            run = measure(
                tmux,
                "backrun",
                [str(BACKRUN), "run", "--plan", plan, "--get-ready", "0"],
                up_text="elapsed",  # bottom left: no toast covers it
                seconds=args.seconds,
                done_text="Session complete",
            )
            idle = measure(
                tmux,
                "idle",
                [sys.executable, str(idle_app)],
                up_text="Quit",
                seconds=run.window,
            )
        finally:
            tmux.kill()

    print(
        f"CPU of one process in a {WIDTH}x{HEIGHT} tmux terminal, from {SETTLE_SECONDS:g} s "
        f"after its start; Python {platform.python_version()}, Textual {version('textual')}, "
        f"{os.cpu_count()} CPUs"
    )
    print(f'backrun run --plan "{plan}" (real time), against a Textual app with just a Footer')
    print()
    print(f"{'':27}{'window':>8}{'CPU':>8}{'one core':>10}{'children':>10}{'start-up':>10}")
    for label, sample in (("backrun run screen", run), ("idle Textual app (Footer)", idle)):
        print(
            f"{label:27}{sample.window:7.1f}s{sample.cpu:7.2f}s{sample.percent:9.2f}%"
            f"{sample.children_cpu:9.2f}s{sample.startup_cpu:9.2f}s"
        )
    print(
        "\n(CPU: the process, all threads; children: its child processes such as the audio "
        "player; start-up: CPU used before the window)"
    )
    if idle.cpu > 0:
        print(f"ratio backrun / idle app: {run.cpu / idle.cpu:.1f}x")
    else:
        print("ratio backrun / idle app: the idle app used no measurable CPU")
    if not run.finished:
        print(
            "warning: the backrun session did not finish within the window; if its screen "
            "stopped changing, the figures are of a frozen app"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
