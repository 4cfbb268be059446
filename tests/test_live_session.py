"""A live session's whole life on a hand-moved clock, with real files and no screen."""

from __future__ import annotations

import itertools
import subprocess
import sys
import threading
import tomllib
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from backrun_tui.clock import ManualClock
from backrun_tui.engine import CueKind, Phase
from backrun_tui.live_session import LiveSession
from backrun_tui.model.kinds import Kind
from backrun_tui.model.notation import parse
from backrun_tui.model.session import IntervalOutcome, Status
from backrun_tui.store.checkpoints import SaveResult
from backrun_tui.store.config import Config, SoundConfig
from tests.test_layers import NO_TEXTUAL

START = datetime(2026, 11, 30, 7, 15, 0, tzinfo=timezone(timedelta(hours=1)))
WAIT = 30  # seconds; only a broken writer ever waits this long


class Wall:
    def __init__(self, clock: ManualClock) -> None:
        self.clock = clock
        self.t0 = clock.awake()

    def __call__(self) -> datetime:
        return START + timedelta(seconds=round(self.clock.awake() - self.t0))


def live(
    notation: str,
    sessions_dir: Path,
    weight: float | None = 70.0,
    config: Config | None = None,
    time_scale: float = 1.0,
    get_ready: float = 0,
) -> tuple[LiveSession, ManualClock]:
    clock = ManualClock()
    session = LiveSession(
        workout="Test",
        plan=parse(notation),
        config=config or Config(weight_kg=weight),
        clock=clock,
        sessions_dir=sessions_dir,
        time_scale=time_scale,
        wall=Wall(clock),
        get_ready=get_ready,
    )
    return session, clock


def read(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


class Saves:
    """Collects checkpoint results from the writer's thread; `wait(n)` blocks for n."""

    def __init__(self) -> None:
        self.items: list[SaveResult] = []
        self._cond = threading.Condition()

    def __call__(self, result: SaveResult) -> None:
        with self._cond:
            self.items.append(result)
            self._cond.notify_all()

    def wait(self, count: int) -> list[SaveResult]:
        with self._cond:
            assert self._cond.wait_for(lambda: len(self.items) >= count, WAIT), self.items
            return list(self.items)


def test_checkpoints_at_every_interval_change_and_every_15_seconds(tmp_path: Path) -> None:
    session, clock = live("40s back, 40s fwd", tmp_path)
    saved_at: list[float] = []
    session.writer.checkpoint = lambda _record: saved_at.append(clock.awake() - 1000)  # type: ignore[method-assign]
    session.start()
    for second in range(81):
        clock.set(1000.0 + second)
        session.tick()
    # At 0 (the first interval starts), 15, 30, the change at 40, 55, 70; the end is saved
    # as the session file itself.
    assert saved_at == [0, 15, 30, 40, 55, 70]


def test_time_scaled_sessions_checkpoint_in_their_own_time(tmp_path: Path) -> None:
    session, clock = live("1m back", tmp_path, time_scale=10)
    saved_at: list[float] = []
    session.writer.checkpoint = lambda _r: saved_at.append(round(clock.awake() - 1000, 1))  # type: ignore[method-assign]
    session.start()
    for tenth in range(60):
        clock.set(1000.0 + tenth / 10)
        session.tick()
    assert saved_at == [0.0, 1.5, 3.0, 4.5]


def test_a_huge_plan_at_x1000_makes_a_record_at_most_once_a_real_second(tmp_path: Path) -> None:
    # 78,408 one-second intervals: as many interval changes, in 78 real seconds.
    session, clock = live("99x(99x(4x(1s back @6, 1s fwd @9)))", tmp_path, time_scale=1000)
    made: list[float] = []
    session.writer.checkpoint = lambda _r: made.append(clock.awake() - 1000)  # type: ignore[method-assign]
    session.start()
    for tick in range(200):  # the screen wakes at most 20 times a real second
        clock.set(1000.0 + tick * 0.05)
        session.tick()
    assert made[0] == 0.0
    assert len(made) == 10  # 10 real seconds: one a second, not one an interval change
    assert all(b - a >= 1.0 - 1e-9 for a, b in itertools.pairwise(made))


def test_a_pause_under_way_is_in_the_checkpoint(tmp_path: Path) -> None:
    session, clock = live("5m back @6", tmp_path)
    session.start()
    clock.advance(42)
    session.tick()
    session.toggle_pause()  # checkpointed at once, the pause in it
    clock.advance(20)
    session.checkpoint()
    session.writer.close()  # waits for the writer's thread; the checkpoint stays
    [checkpoint] = (tmp_path / ".running").glob("*.toml")
    saved = read(checkpoint)
    assert saved["pauses"] == [{"at_seconds": 42.0, "seconds": 20.0, "reason": "user"}]
    assert saved["paused_seconds"] == 20.0


def test_record_says_what_happened_to_the_second(tmp_path: Path) -> None:
    session, clock = live(
        '5m warmup @5, 2x(1m back @6 5% "push", 2m fwd @9), 5m cooldown @5', tmp_path
    )
    session.start()
    clock.advance(300)  # warm-up done
    session.tick()
    clock.advance(20)
    session.toggle_pause()
    clock.advance(30)
    session.toggle_pause()
    clock.advance(10)
    session.skip()  # 30 s of the first backward minute
    clock.advance(5)
    session.adjust(10)
    clock.advance(125)  # the forward run, 2m10s
    session.tick()
    clock.advance(15)
    session.stop()  # 15 s into the second backward minute
    record = session.record()
    assert record.status is Status.STOPPED
    assert (record.started_at, record.updated_at) == (START, START + timedelta(seconds=505))
    assert record.planned_seconds == 16 * 60
    assert record.active_seconds == 475.0
    assert record.paused_seconds == 30.0
    assert record.backward_seconds == 45.0
    assert record.forward_seconds == 130.0
    assert [(i.kind, i.actual_seconds, i.outcome) for i in record.intervals] == [
        (Kind.WARMUP, 300.0, IntervalOutcome.COMPLETED),
        (Kind.BACKWARD, 30.0, IntervalOutcome.SKIPPED),
        (Kind.FORWARD, 130.0, IntervalOutcome.COMPLETED),
        (Kind.BACKWARD, 15.0, IntervalOutcome.STOPPED),
        (Kind.FORWARD, 0.0, IntervalOutcome.NOT_REACHED),
        (Kind.COOLDOWN, 0.0, IntervalOutcome.NOT_REACHED),
    ]
    assert record.intervals[2].adjusted_seconds == 10.0
    assert [(p.at_seconds, p.seconds, p.reason) for p in record.pauses] == [(320.0, 30.0, "user")]
    # 300 s at 5 km/h, 45 s at 6 km/h, 130 s at 9 km/h
    assert record.distance_km == pytest.approx((300 * 5 + 45 * 6 + 130 * 9) / 3600)
    # ACSM by hand, 70 kg: warm-up walk 5 km/h (S = 83.33): 3.5 + 8.333 = 11.833 ml/kg/min;
    # backward walk 6 km/h 5 % (S = 100): (3.5 + 10 + 9) * 1.3 = 29.25; run 9 km/h
    # (S = 150): 3.5 + 30 = 33.5. kcal = VO2 * 70 * minutes * 5 / 1000.
    kcal = (11.8333333 * 5 + 29.25 * 0.75 + 33.5 * 130 / 60) * 70 * 5 / 1000
    assert record.energy_kcal == pytest.approx(kcal, rel=1e-6)
    assert record.plan == (
        '5m warmup @5kph, 2x(1m back @6kph 5% "push", 2m fwd @9kph), 5m cooldown @5kph'
    )
    session.close()


def test_record_under_way_counts_the_interval_in_progress(tmp_path: Path) -> None:
    session, clock = live("1m back, 1m fwd", tmp_path, weight=None)
    session.start()
    clock.advance(80)
    session.tick()
    session.toggle_pause()
    clock.advance(7)
    record = session.record()
    assert record.status is Status.RUNNING
    assert [i.actual_seconds for i in record.intervals] == [60.0, 20.0]
    assert [i.outcome for i in record.intervals] == [
        IntervalOutcome.COMPLETED,
        IntervalOutcome.STOPPED,
    ]
    assert record.paused_seconds == 7.0
    assert (record.distance_km, record.energy_kcal) == (None, None)
    session.close()


def test_a_finished_session_is_completed(tmp_path: Path) -> None:
    session, clock = live("30s back @5", tmp_path)
    session.start()
    clock.advance(31)
    events = session.tick()
    assert events[-1].kind is CueKind.FINISH  # type: ignore[union-attr]
    assert session.done
    result = session.finish()
    assert result.ok
    record = read(result.path)
    assert record["status"] == "completed"
    assert record["active_seconds"] == 30.0
    assert record["intervals"][0]["outcome"] == "completed"
    assert session.id.startswith("20261130-071500-")
    session.close()


def test_settings_applied_mid_run_change_the_warning_but_not_the_energy(tmp_path: Path) -> None:
    session, clock = live("1m fwd @9, 1m back @6", tmp_path, weight=70)
    session.start()
    clock.advance(40)
    session.tick()
    assert session.snapshot().turn_in is None  # 20 s left, the warning is 10 s
    session.apply(Config(weight_kg=100, sound=SoundConfig(turnaround_warning_s=30)))
    assert session.snapshot().turn_in == 20.0
    clock.advance(20)
    session.tick()
    record = session.record()
    assert record.weight_kg == 70.0  # the weight the session started with, and says so
    run_kcal = (3.5 + 0.2 * 150) * 70 * 1 * 5 / 1000  # 9 km/h for a minute, at 70 kg
    assert record.energy_kcal == pytest.approx(run_kcal)
    session.close()


def test_next_wake_is_the_next_second_or_cue_and_none_while_paused(tmp_path: Path) -> None:
    session, clock = live("30s back @6, 30s fwd @9", tmp_path)
    session.start()
    clock.advance(0.25)
    session.tick()
    assert session.next_wake(session.snapshot()) == pytest.approx(0.75)
    clock.set(1000.0 + 19.9)  # the turn-around warning is due at 20 s
    session.tick()
    assert session.next_wake(session.snapshot()) == pytest.approx(0.1)
    session.toggle_pause()
    assert session.next_wake(session.snapshot()) is None
    session.close()


def lifecycle(folder: Path) -> list[str]:
    """Run, pause, skip, stop, finish on a failing disk, retry, rate, save elsewhere.

    Returns what happened, for the test to compare; asserts along the way.
    """
    sessions = folder / "sessions"
    sessions.write_text("a file where the sessions folder should be")  # the disk "fails"
    session, clock = live("1m back @6, 1m fwd @9, 1m cooldown @5", sessions)
    saves = Saves()
    session.listen(saves)
    problem = session.start()
    assert problem is not None and "cannot save to" in problem
    assert session.phase is Phase.RUNNING
    clock.advance(20)
    session.toggle_pause()  # checkpointed at once: it fails, and says why
    [failed] = saves.wait(1)
    assert not failed.ok and failed.error and str(sessions) in failed.error
    clock.advance(10)
    session.toggle_pause()
    clock.advance(10)
    session.skip()
    clock.advance(30)
    session.stop()
    first = session.finish()
    assert not first.ok  # still failing: the record stays in memory
    sessions.unlink()
    sessions.mkdir()  # the disk is back
    rated = session.rate(7, "felt strong")
    assert rated.ok and rated.path == sessions / f"{session.id}.toml"
    saved = read(rated.path)
    elsewhere = folder / "copy.toml"
    copy = session.save_to(elsewhere)
    assert copy.ok and read(elsewhere) == saved
    session.close()
    running = sessions / ".running"  # no checkpoint, no lock left behind
    assert not running.exists() or list(running.iterdir()) == []
    return [
        saved["status"],
        f"{saved['active_seconds']:g} active, {saved['paused_seconds']:g} paused",
        ", ".join(i["outcome"] for i in saved["intervals"]),
        f"rpe {saved['rpe']}: {saved['note']}",
    ]


def test_the_whole_lifecycle_of_a_live_session(tmp_path: Path) -> None:
    assert lifecycle(tmp_path) == [
        "stopped",
        "60 active, 10 paused",
        "skipped, stopped, not_reached",
        "rpe 7: felt strong",
    ]


def test_the_lifecycle_runs_without_textual(tmp_path: Path) -> None:
    script = NO_TEXTUAL + (
        "from pathlib import Path\n"
        "from tests.test_live_session import lifecycle\n"
        "print(lifecycle(Path(sys.argv[1])))\n"
        "assert not any(name.startswith('textual') for name in sys.modules)\n"
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "rpe 7: felt strong" in done.stdout
