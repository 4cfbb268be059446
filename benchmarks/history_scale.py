"""How fast the history screen shows five years of daily sessions, and how much memory it takes.

    python benchmarks/history_scale.py [--sessions N] [--runs R]

Writes N session files (default 2,000: one a day for five and a half years) into a
temporary BACKRUN_HOME with backrun's own session writer: the built-in workouts' plans,
each interval's actual time near its planned time, now and then a skip, a +10 s, a pause,
a stopped or interrupted session, an RPE and a note. Then, R times, in a fresh Python
process each: starts the real App headless (120x40, Textual's Pilot, no sound), does what
`h` on the home screen does, and prints the time until the table holds its first rows, a
screenful of them, and every session, and the process's peak resident memory (VmHWM from
/proc) and its resident memory before `h`. Then, R times, the installed `backrun` in a
120x40 tmux terminal: presses h, and times the newest session's row and the count of all
of them appearing on the screen (polled with capture-pane, which adds its own latency).
Prints figures; asserts nothing. Linux only (/proc); needs tmux.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

WIDTH, HEIGHT = 120, 40
#: The rows the history's table shows at 120x40.
SCREENFUL = 33
POLL = 0.002


def generate(home: Path, count: int, seed: int = 11) -> str:
    """`count` daily sessions up to 1 December 2026, written by backrun's own session
    writer; the newest one's start as the history shows it."""
    from backrun_tui.model.kinds import Kind
    from backrun_tui.model.notation import format_plan
    from backrun_tui.model.session import (
        IntervalOutcome,
        IntervalRecord,
        PauseRecord,
        SessionRecord,
        Status,
    )
    from backrun_tui.model.totals import EnergyModel, interval_kcal, interval_km, sum_known
    from backrun_tui.store import Paths
    from backrun_tui.store.checkpoints import SessionWriter
    from backrun_tui.store.sessions import new_session_id
    from backrun_tui.store.workouts import builtin_workouts

    rng = random.Random(seed)
    folder = Paths.under(home).sessions_dir
    workouts = [entry.workout for entry in builtin_workouts()]
    energy = EnergyModel(weight_kg=70.0)
    zone = dt.timezone(dt.timedelta(hours=1))
    first = dt.datetime(2026, 12, 1, 7, 0, tzinfo=zone) - dt.timedelta(days=count - 1)
    for day in range(count):
        started = first + dt.timedelta(days=day, minutes=rng.randrange(0, 13 * 60))
        workout = rng.choice(workouts)
        steps = workout.plan.steps()
        status = rng.choices([Status.COMPLETED, Status.STOPPED, Status.INTERRUPTED], [90, 8, 2])[0]
        last = len(steps) if status is Status.COMPLETED else rng.randrange(1, len(steps) + 1)
        intervals, pauses = [], []
        ran = 0.0
        km: list[float | None] = []
        kcal: list[float | None] = []
        for number, step in enumerate(steps, start=1):
            planned = step.seconds
            if number > last:
                outcome, actual, adjusted = IntervalOutcome.NOT_REACHED, 0.0, 0.0
            elif number == last and status is not Status.COMPLETED:
                outcome, actual, adjusted = IntervalOutcome.STOPPED, planned * rng.random(), 0.0
            elif rng.random() < 0.03:
                outcome, actual, adjusted = IntervalOutcome.SKIPPED, planned * rng.random(), 0.0
            else:
                adjusted = rng.choice([0.0] * 18 + [10.0, -10.0])
                outcome, actual = IntervalOutcome.COMPLETED, planned + adjusted
            if actual and rng.random() < 0.02:
                pauses.append(PauseRecord(ran + actual / 2, rng.uniform(5, 90), "user"))
            interval = step.interval
            intervals.append(
                IntervalRecord(
                    index=number,
                    kind=step.kind,
                    planned_seconds=int(planned),
                    actual_seconds=actual,
                    outcome=outcome,
                    speed_kmh=interval.speed.kmh if interval.speed else None,
                    incline_pct=interval.incline_pct,
                    label=interval.label,
                    adjusted_seconds=adjusted,
                )
            )
            km.append(interval_km(interval, actual))
            kcal.append(interval_kcal(interval, actual, energy))
            ran += actual
        paused = sum(p.seconds for p in pauses)
        record = SessionRecord(
            id=new_session_id(started),
            workout=workout.name,
            plan=format_plan(workout.plan),
            started_at=started,
            updated_at=started + dt.timedelta(seconds=ran + paused),
            status=status,
            time_scale=1.0,
            planned_seconds=int(sum(s.seconds for s in steps)),
            active_seconds=ran,
            paused_seconds=paused,
            backward_seconds=sum(i.actual_seconds for i in intervals if i.kind is Kind.BACKWARD),
            forward_seconds=sum(i.actual_seconds for i in intervals if i.kind is Kind.FORWARD),
            distance_km=sum_known(km),
            energy_kcal=sum_known(kcal),
            weight_kg=70.0,
            intervals=tuple(intervals),
            pauses=tuple(pauses),
            rpe=rng.randrange(3, 10) if rng.random() < 0.7 else None,
            note=rng.choice(["", "", "", "Calves felt it.", "Hot in the gym.", "Easy today."]),
        )
        result = SessionWriter(folder, record.id).finish(record)
        if not result.ok:
            raise SystemExit(f"cannot write the sessions: {result.error}")
    return f"{started:%Y-%m-%d %H:%M}"


def _status_kib(field: str, pid: int | str = "self") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


async def measure() -> None:
    """In this (fresh) process: open the history and print what it took, as one line."""
    from textual.widgets import DataTable

    from backrun_tui.store import Config, Paths
    from backrun_tui.store.library import Library
    from backrun_tui.ui.app import BackrunApp
    from backrun_tui.ui.screens.history import HistoryScreen
    from backrun_tui.ui.screens.home import HomeScreen

    class Silent:
        def play(self, cue: object) -> None: ...
        def silence(self) -> None: ...
        def apply(self, sound: object, units: object) -> None: ...

    app = BackrunApp(Config(weight_kg=70), Library(Paths.default()), cues=Silent())  # type: ignore[arg-type]
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await pilot.pause(0.5)
        before = _status_kib("VmRSS")
        home = app.screen
        assert isinstance(home, HomeScreen)
        start = time.perf_counter()
        # What `h` does; not pilot.press, which waits for every message queue to be empty
        # and so for the whole history to be read.
        home.action_history()
        await asyncio.sleep(0)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        table = screen.query_one("#sessions", DataTable)
        while table.row_count == 0:
            await asyncio.sleep(POLL)
        first = time.perf_counter() - start
        first_rows = table.row_count
        while table.row_count < SCREENFUL:
            await asyncio.sleep(POLL)
        screenful = time.perf_counter() - start
        await app.workers.wait_for_complete()
        await pilot.pause()
        every = time.perf_counter() - start
        rows = table.row_count
    peak = _status_kib("VmHWM")
    print(
        f"{first * 1000:.0f} {first_rows} {screenful * 1000:.0f} {every * 1000:.0f} {rows} "
        f"{before} {peak}"
    )


def in_terminal(env: dict[str, str], newest: str, count: int) -> tuple[float, float, int, int]:
    """The real `backrun` in a 120x40 tmux terminal: press h on the home screen; seconds
    until the newest session's row is on the screen, seconds until the count of all
    sessions is, and the process's resident memory (KiB) before h and at its peak."""
    from cpu_run import BACKRUN, TMUX_CONF, Tmux, wait_for

    with tempfile.TemporaryDirectory(prefix="backrun-tmux-") as folder:
        conf = Path(folder) / "tmux.conf"
        conf.write_text(TMUX_CONF)
        tmux = Tmux(conf, env)
        try:
            pid = tmux.start("history", [str(BACKRUN)])
            wait_for(lambda: "BUILT-IN" in tmux.screen("history"), "the home screen")
            time.sleep(1.0)  # past the first paint
            before = _status_kib("VmRSS", pid)
            start = time.perf_counter()
            tmux("send-keys", "-t", "history", "h")
            while newest not in tmux.screen("history"):
                time.sleep(POLL)
            first = time.perf_counter() - start
            every = f"{count:,}".replace(",", "") + " sessions"
            wait_for(lambda: every in tmux.screen("history"), every, timeout=120)
            done = time.perf_counter() - start
            peak = _status_kib("VmHWM", pid)
        finally:
            tmux.kill()
    return first, done, before, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        asyncio.run(measure())
        return
    with tempfile.TemporaryDirectory(prefix="backrun-history-") as folder:
        home = Path(folder)
        env = {**os.environ, "BACKRUN_HOME": str(home)}
        started = time.perf_counter()
        os.environ["BACKRUN_HOME"] = str(home)
        newest = generate(home, args.sessions)
        files = list((home / "sessions").glob("*.toml"))
        size = sum(f.stat().st_size for f in files)
        print(
            f"history scale: {len(files)} session files ({size / len(files) / 1024:.1f} KiB "
            f"each), written in {time.perf_counter() - started:.1f} s; Python "
            f"{platform.python_version()}, Textual {version('textual')}, {WIDTH}x{HEIGHT}"
        )
        for run in range(1, args.runs + 1):
            out = subprocess.run(
                [sys.executable, __file__, "--measure"],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
            first, first_rows, screenful, every, rows, before, peak = (int(v) for v in out)
            print(
                f"  run {run}: first {first_rows} rows after {first} ms, a screenful "
                f"({SCREENFUL}) after {screenful} ms, all {rows} after {every} ms; resident "
                f"{before / 1024:.1f} MB before, peak {peak / 1024:.1f} MB"
            )
        for run in range(1, args.runs + 1):
            first_s, every_s, before, peak = in_terminal(env, newest, len(files))
            print(
                f"  backrun in tmux, run {run}: the newest row on the screen {first_s * 1000:.0f} "
                f"ms after h; all sessions {every_s * 1000:.0f} ms after; resident "
                f"{before / 1024:.1f} MB before, peak {peak / 1024:.1f} MB"
            )


if __name__ == "__main__":
    main()
