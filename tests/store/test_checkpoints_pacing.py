"""The writer's pace: at most one checkpoint per gap, the newest always written in the end."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from backrun_tui.store import atomic, checkpoints
from backrun_tui.store.checkpoints import SaveResult, SessionWriter
from tests.store.test_checkpoints import WAIT, Results, read_active, running_record
from tests.store.test_sessions import sample_record

ID = "20261130-142926-3fa2"


class FakeClock:
    """A monotonic clock that moves only when a test sets `now`; it counts its readings."""

    def __init__(self) -> None:
        self.now = 0.0
        self._readings = 0
        self._cond = threading.Condition()

    def __call__(self) -> float:
        with self._cond:
            self._readings += 1
            self._cond.notify_all()
            return self.now

    def readings(self) -> int:
        with self._cond:
            return self._readings

    def wait_for_a_reading_after(self, count: int) -> None:
        with self._cond:
            assert self._cond.wait_for(lambda: self._readings > count, WAIT)


class Writes:
    """Stands in for atomic_write_text: notes (active seconds, clock) of each checkpoint."""

    def __init__(self, clock: FakeClock, takes: float = 0.0) -> None:
        self.clock = clock
        self.takes = takes  # how far the clock moves while a write is under way
        self.made: list[tuple[float, float]] = []

    def __call__(self, path: Path, text: str) -> None:
        self.made.append((read_active(text), self.clock.now))
        self.clock.now += self.takes
        atomic.atomic_write_text(path, text)


@pytest.fixture
def sessions(tmp_path: Path) -> Path:
    return tmp_path / "sessions"


@pytest.fixture
def results() -> Results:
    return Results()


@pytest.mark.parametrize(
    ("min_gap", "takes", "allowed_at"),
    [(10.0, 0.0, 10.0), (1.0, 5.0, 10.0)],
    ids=["the-gap", "as-long-as-the-write-took"],
)
def test_after_a_write_the_writer_rests_before_the_next(
    sessions: Path,
    results: Results,
    monkeypatch: pytest.MonkeyPatch,
    min_gap: float,
    takes: float,
    allowed_at: float,
) -> None:
    # The rest is the gap, or as long as the last write took if that is longer: a write
    # that takes 5 s (a huge plan) is followed by 5 s of rest, not by the next write.
    clock = FakeClock()
    writes = Writes(clock, takes)
    monkeypatch.setattr(checkpoints, "atomic_write_text", writes)
    writer = SessionWriter(sessions, ID, results, min_gap=min_gap, clock=clock)
    writer.open()
    try:
        writer.checkpoint(running_record(active=1.0))
        results.wait(1)
        for second, now in ((2.0, allowed_at - 5), (3.0, allowed_at - 0.001)):
            clock.now = now
            seen = clock.readings()
            writer.checkpoint(running_record(active=second))
            clock.wait_for_a_reading_after(seen)  # the writer looked, and it was too soon
        clock.now = allowed_at
        writer.checkpoint(running_record(active=4.0))
        results.wait(2)
    finally:
        writer.close()
    assert writes.made[0] == (1.0, 0.0)
    assert all(now >= allowed_at for _, now in writes.made[1:]), writes.made
    assert writes.made[-1][0] == 4.0
    assert read_active(writer.checkpoint_path.read_text()) == 4.0
    assert all(r.ok for r in results.items)


def in_time(action: Callable[[], object]) -> list[object]:
    """Run `action` on a thread; fail if it is still waiting after WAIT seconds."""
    done: list[object] = []
    thread = threading.Thread(target=lambda: done.append(action()), daemon=True)
    thread.start()
    thread.join(WAIT)
    assert not thread.is_alive(), "still waiting for the gap"
    return done


def test_close_writes_the_newest_at_once_whatever_the_gap(sessions: Path, results: Results) -> None:
    writer = SessionWriter(sessions, ID, results, min_gap=3600)
    writer.open()
    writer.checkpoint(running_record(active=1.0))
    results.wait(1)
    writer.checkpoint(running_record(active=2.0))
    writer.checkpoint(running_record(active=3.0))
    in_time(writer.close)
    assert [r.ok for r in results.items] == [True, True]
    assert read_active(writer.checkpoint_path.read_text()) == 3.0


def test_finish_does_not_wait_for_the_gap_and_supersedes_the_queued(
    sessions: Path, results: Results
) -> None:
    writer = SessionWriter(sessions, ID, results, min_gap=3600)
    writer.open()
    try:
        writer.checkpoint(running_record(active=1.0))
        results.wait(1)
        writer.checkpoint(running_record(active=2.0))
        [finished] = in_time(lambda: writer.finish(sample_record()))
    finally:
        writer.close()
    assert isinstance(finished, SaveResult) and finished.ok
    assert len(results.items) == 1
    assert not writer.checkpoint_path.exists()
