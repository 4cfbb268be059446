"""How late each cue's play call comes after its deadline, over a real run; and how long
the player process takes to start and to start a sound.

    .venv/bin/python benchmarks/cue_latency.py [--seconds 60]

The app runs headless (no terminal needed) with its real clock, timers and player
process. ALSA's default device is routed to its `file` plugin (an .asoundrc in a
temporary HOME), so the figures need no sound card and the player really plays.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
from pathlib import Path

ASOUNDRC = """\
pcm.!default {{
    type file
    slave.pcm "null"
    file "{capture}"
    format "raw"
}}
"""


def plan_for(seconds: int) -> str:
    """Quarter-length intervals warm-up, backward, forward, cool-down: every kind of cue."""
    quarter = max(seconds // 4, 5)
    return f"{quarter}s warmup @5, {quarter}s back @6 2%, {quarter}s fwd @9, {quarter}s cooldown @5"


async def measure(seconds: int) -> None:
    from backrun_tui.live_session import StartRequest
    from backrun_tui.model.notation import parse
    from backrun_tui.model.plan import Workout
    from backrun_tui.store import Config, Paths
    from backrun_tui.store.library import Library
    from backrun_tui.ui.app import BackrunApp

    workout = Workout("benchmark", parse(plan_for(seconds)))
    app = BackrunApp(Config(), Library(Paths.default()), start=StartRequest(workout))
    async with app.run_test(headless=True, size=(120, 40)) as pilot:
        await pilot.pause(seconds + 2)
        player = app.player
        assert player is not None
        timing = player.timing
        if player.failure:
            print(f"the player failed: {player.failure}")
            return
    late = [(timing.sent[i] - due) * 1000 for i, due in timing.due.items()]
    start = [(timing.started[i] - timing.sent[i]) * 1000 for i in timing.started]
    print(f"run: {seconds} s, {len(late)} cues ({plan_for(seconds)})")
    report("play call after its deadline", late)
    report("player: sound started after the call", start)
    ready = timing.ready_after
    print(f"player process start-up (spawn to ready): {ready * 1000:.0f} ms" if ready else "")


def report(what: str, values: list[float]) -> None:
    if not values:
        print(f"{what}: no data")
        return
    values = sorted(values)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    print(
        f"{what}: median {statistics.median(values):.1f} ms, p95 {p95:.1f} ms, "
        f"max {values[-1]:.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="backrun-bench-") as folder:
        home = Path(folder)
        (home / ".asoundrc").write_text(ASOUNDRC.format(capture=home / "capture.raw"))
        os.environ["HOME"] = str(home)
        os.environ["BACKRUN_HOME"] = str(home / "backrun")
        asyncio.run(measure(args.seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
