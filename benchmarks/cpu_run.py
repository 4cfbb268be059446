"""How much CPU backrun's run screen uses in a real terminal, side by side with termdown (a
well-known terminal countdown) and an idle Textual app, over the same wall time.

    python benchmarks/cpu_run.py [--seconds N] [--rounds R]

Starts three programs at once, each in a 120x40 tmux terminal of its own (one tmux server
with its own socket, a temporary BACKRUN_HOME):

- `backrun run --plan "..." --get-ready 0`: the run screen as a runner sees it, real time,
  a plan longer than the window so the whole window is the run screen;
- `termdown` counting down from longer than the window, with its defaults (big figures);
- a Textual app with just a Footer, for the cost of Textual doing nothing.

From 5 s after the start (past the imports and first paint) it reads each process's
utime + stime from /proc/<pid>/stat, and again N s later, and prints CPU seconds per
minute of wall time and the ratios to termdown and to the idle app. backrun's child
processes (the sound player) are counted apart. It does this R times (3 by default), each
round with the three programs started afresh, and gives the median of the rounds' ratios:
on a shared machine one round can be off by a tenth either way. Prints figures; asserts
nothing.

Linux only (/proc); needs tmux and termdown (in the test extras). Cleans up its tmux
server and temporary folders.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import statistics
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
TERMDOWN = Path(sys.executable).parent / "termdown"
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


@dataclass
class Program:
    """One program in its own tmux session, and its CPU over the window."""

    name: str
    label: str
    command: list[str]
    up_text: str
    """Text on its screen once it is up (the window starts no earlier)."""
    pid: int = 0
    startup_cpu: float = 0.0
    """CPU seconds the process had used when the window began (imports, first paint)."""
    cpu: float = 0.0
    """CPU seconds of the process (all its threads) in the window."""
    children_cpu: float = 0.0
    """CPU seconds of its child processes alive at both ends of the window (audio player)."""
    window: float = 0.0
    ended: bool = False
    """Whether the program ended before the window was up (its figures are then short)."""

    def per_minute(self, cpu: float | None = None) -> float:
        used = self.cpu if cpu is None else cpu
        return 60 * used / self.window if self.window > 0 else 0.0


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


def measure(tmux: Tmux, programs: Sequence[Program], seconds: float) -> None:
    """Start every program, then read all their CPU over the same `seconds` of wall time."""
    started = time.monotonic()
    for program in programs:
        program.pid = tmux.start(program.name, program.command)
    try:
        for program in programs:
            try:
                wait_for(
                    lambda p=program: p.up_text in tmux.screen(p.name),  # type: ignore[misc]
                    f"{program.up_text!r} on the screen",
                )
            except RuntimeError as exc:
                screen = tmux.screen(program.name)
                raise RuntimeError(f"{program.name}: {exc}; the screen:\n{screen}") from None
        time.sleep(max(0.0, started + SETTLE_SECONDS - time.monotonic()))
        t0 = time.monotonic()
        first = {p.name: (cpu_seconds(p.pid), children_cpu(p.pid)) for p in programs}
        last = dict(first)
        t1 = t0
        live = list(programs)
        while live and time.monotonic() < t0 + seconds:
            time.sleep(min(POLL_EVERY, max(0.0, t0 + seconds - time.monotonic())))
            t1 = time.monotonic()
            for program in list(live):
                if tmux.dead(program.name):
                    program.ended = True
                    live.remove(program)
                    continue
                last[program.name] = (cpu_seconds(program.pid), children_cpu(program.pid))
                program.window = t1 - t0
        for program in programs:
            (cpu0, kids0), (cpu1, kids1) = first[program.name], last[program.name]
            program.startup_cpu = cpu0
            program.cpu = cpu1 - cpu0
            program.children_cpu = sum(kids1[k] - kids0[k] for k in kids1.keys() & kids0.keys())
    finally:
        for program in programs:
            tmux.kill_session(program.name)


def plan_for(seconds: int) -> str:
    back = max(1, seconds // 2)
    return f"{back}s back @6, {max(1, seconds - back)}s fwd @9"


def make_programs(plan: str, length: int, idle_app: Path) -> list[Program]:
    return [
        Program(
            "backrun",
            "backrun run screen",
            [str(BACKRUN), "run", "--plan", plan, "--get-ready", "0"],
            up_text="elapsed",  # bottom left: no toast covers it
        ),
        Program("termdown", "termdown", [str(TERMDOWN), f"{length}s"], up_text="88"),
        Program("idle", "idle Textual app (Footer)", [sys.executable, str(idle_app)], "Quit"),
    ]


def ratio(run: Program, anchor: Program, *, children: bool = False) -> float | None:
    used = run.cpu + (run.children_cpu if children else 0.0)
    return used / anchor.cpu if anchor.cpu > 0 else None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--seconds",
        type=int,
        default=60,
        help="length of the measured window (default 60)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="rounds of the three programs side by side; the median is the figure (default 3)",
    )
    args = parser.parse_args(argv)
    if args.seconds < 1:
        parser.error("--seconds: at least 1")
    if args.rounds < 1:
        parser.error("--rounds: at least 1")
    for binary in (BACKRUN, TERMDOWN):
        if not binary.exists():
            parser.error(f"{binary} not found: install backrun with its test extras")
    # Longer than the window, so that the whole window is the run screen counting down.
    length = args.seconds + int(SETTLE_SECONDS) + 30
    plan = plan_for(length)

    rounds: list[list[Program]] = []
    with tempfile.TemporaryDirectory(prefix="backrun-bench-") as tmp:
        folder = Path(tmp)
        conf = folder / "tmux.conf"
        conf.write_text(TMUX_CONF)
        idle_app = folder / "idle_app.py"
        idle_app.write_text(IDLE_APP)
        env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "COLUMNS", "LINES")}
        for number in range(args.rounds):
            env["BACKRUN_HOME"] = str(folder / f"home-{number}")
            tmux = Tmux(conf, env)
            programs = make_programs(plan, length, idle_app)
            try:
                measure(tmux, programs, args.seconds)
            finally:
                tmux.kill()
            rounds.append(programs)

    window = statistics.median(programs[0].window for programs in rounds)
    print(
        f"CPU of three programs side by side, each in a {WIDTH}x{HEIGHT} tmux terminal, over "
        f"the same {window:.0f} s from {SETTLE_SECONDS:g} s after their start, "
        f"{args.rounds} round(s); Python {platform.python_version()}, "
        f"Textual {version('textual')}, termdown {version('termdown')}, {os.cpu_count()} CPUs"
    )
    print(f'backrun run --plan "{plan}" --get-ready 0 (real time); termdown {length}s')
    print()
    print(f"{'':27}{'CPU s/min':>10}{'one core':>10}{'children':>10}{'start-up':>10}")
    for index, programs in enumerate(rounds):
        if args.rounds > 1:
            print(f"round {index + 1}")
        for program in programs:
            print(
                f"{program.label:27}{program.per_minute():9.2f}s"
                f"{100 * program.per_minute() / 60:9.2f}%"
                f"{program.per_minute(program.children_cpu):9.2f}s{program.startup_cpu:9.2f}s"
            )
    print(
        "\n(CPU s/min: CPU seconds of the process, all threads, per minute of wall time; "
        "children: of its\nchild processes such as the sound player, per minute; start-up: "
        "CPU seconds used before the window)"
    )
    print()
    for place in (1, 2):
        anchor = rounds[0][place]
        ratios = [r for p in rounds if (r := ratio(p[0], p[place])) is not None]
        if len(ratios) < len(rounds):
            print(f"ratio backrun / {anchor.label}: it used no measurable CPU in some round")
            continue
        with_player = [r for p in rounds if (r := ratio(p[0], p[place], children=True)) is not None]
        each = ", ".join(f"{r:.2f}x" for r in ratios)
        print(
            f"ratio backrun / {anchor.label}: {statistics.median(ratios):.2f}x (median; rounds"
            f" {each}; with the sound player: {statistics.median(with_player):.2f}x)"
        )
    for number, programs in enumerate(rounds, start=1):
        for program in programs:
            if program.ended:
                print(
                    f"warning: in round {number}, {program.label} ended within the window;"
                    " its figures are short"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
