from __future__ import annotations

import contextlib
import datetime as dt
import errno
import logging
import os
import shutil
import socket
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from backrun_tui.model.kinds import Kind
from backrun_tui.model.session import IntervalOutcome, IntervalRecord, SessionRecord, Status
from backrun_tui.store import atomic, checkpoints
from backrun_tui.store.checkpoints import SaveResult, SessionWriter, recover_orphans
from backrun_tui.store.sessions import as_saved, read_session
from tests.store.test_sessions import sample_record

posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX signals and file modes")
ID = "20261130-142926-3fa2"
NOW = dt.datetime(2026, 11, 30, 14, 0, tzinfo=dt.UTC)  # minutes after the last checkpoint
WAIT = 30  # seconds; only a broken writer ever waits this long


def running_record(active: float = 500.0, **changes: object) -> SessionRecord:
    """A session under way: one interval done, one skipped, one under way, one to come."""
    intervals = (
        IntervalRecord(1, Kind.WARMUP, 300, 300.0, IntervalOutcome.COMPLETED, 5.0),
        IntervalRecord(2, Kind.BACKWARD, 60, 12.0, IntervalOutcome.SKIPPED, 5.0),
        IntervalRecord(3, Kind.FORWARD, 120, 42.5, IntervalOutcome.NOT_REACHED, 8.0),
        IntervalRecord(4, Kind.COOLDOWN, 300, 0.0, IntervalOutcome.NOT_REACHED, 5.0),
    )
    base = sample_record(
        status=Status.RUNNING, active_seconds=active, intervals=intervals, rpe=None, note=""
    )
    return replace(base, **changes)  # type: ignore[arg-type]


class Results:
    """Collects a writer's results; `wait(n)` blocks until n have come."""

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


@pytest.fixture
def sessions(tmp_path: Path) -> Path:
    return tmp_path / "sessions"


@pytest.fixture
def results() -> Results:
    return Results()


@pytest.fixture
def writer(sessions: Path, results: Results) -> Iterator[SessionWriter]:
    # No rest between writes, so tests that wait for several checkpoints do not wait long.
    session_writer = SessionWriter(sessions, ID, on_result=results, min_gap=0)
    yield session_writer
    session_writer.close()


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """`folder` cannot be written, even by root: immutable as root, mode 0555 otherwise."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        chattr = shutil.which("chattr")
        if chattr is None or subprocess.run([chattr, "+i", folder]).returncode != 0:
            pytest.skip("root, and chattr +i does not work here")

        def undo() -> None:
            subprocess.run([chattr, "-i", folder], check=True)
    else:
        folder.chmod(0o555)

        def undo() -> None:
            folder.chmod(0o755)

    try:
        probe = folder / "probe"
        with contextlib.suppress(OSError):
            probe.touch()
            probe.unlink()
            pytest.skip("cannot make a folder read-only here")
        yield
    finally:
        undo()


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its content."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


# --- writing --------------------------------------------------------------------------------


def test_a_session_from_start_to_finish(
    writer: SessionWriter, sessions: Path, results: Results
) -> None:
    writer.open()
    lock = sessions / ".running" / f"{ID}.lock"
    assert lock.read_text() == f"{os.getpid()} {socket.gethostname()}\n"
    record = running_record(status=Status.COMPLETED)  # the status a checkpoint ignores

    writer.checkpoint(record)

    [saved] = results.wait(1)
    assert saved == SaveResult(ok=True, path=writer.checkpoint_path, error=None, final=False)
    assert writer.checkpoint_path == sessions / ".running" / f"{ID}.toml"
    checkpoint = read_session(writer.checkpoint_path, checkpoint=True)
    assert checkpoint == as_saved(replace(record, status=Status.RUNNING))

    finished = sample_record()
    assert writer.finish(finished) == SaveResult(
        ok=True, path=sessions / f"{ID}.toml", error=None, final=True
    )
    assert read_session(sessions / f"{ID}.toml") == finished
    assert not writer.checkpoint_path.exists()

    rated = replace(finished, rpe=9, note="hard")
    assert writer.update(rated).ok
    assert read_session(sessions / f"{ID}.toml") == rated

    writer.close()
    assert os.listdir(sessions / ".running") == []
    assert results.items == [saved]  # finish and update answer for themselves


def test_nothing_is_made_before_open(sessions: Path) -> None:
    SessionWriter(sessions, ID).close()
    assert not sessions.exists()


def test_many_quick_checkpoints_end_with_the_newest(
    writer: SessionWriter, results: Results
) -> None:
    writer.open()
    for second in range(1, 301):
        writer.checkpoint(running_record(active=float(second)))
    writer.close()
    saved = read_session(writer.checkpoint_path, checkpoint=True)
    assert saved.active_seconds == 300.0
    assert 1 <= len(results.items) <= 300
    assert all(r.ok for r in results.items)


class GatedWrites:
    """Stands in for atomic_write_text: records what is written; the first write waits."""

    def __init__(self, real: Callable[[Path, str], None]) -> None:
        self.real = real
        self.written: list[tuple[str, float]] = []
        self.entered = threading.Event()
        self.release = threading.Event()

    def __call__(self, path: Path, text: str) -> None:
        if not self.entered.is_set():
            self.entered.set()
            assert self.release.wait(WAIT)
        self.written.append((path.name, read_active(text)))
        self.real(path, text)


def read_active(text: str) -> float:
    [line] = [line for line in text.splitlines() if line.startswith("active_seconds = ")]
    return float(line.split(" = ")[1])


@pytest.fixture
def gated(monkeypatch: pytest.MonkeyPatch) -> GatedWrites:
    gate = GatedWrites(atomic.atomic_write_text)
    monkeypatch.setattr(checkpoints, "atomic_write_text", gate)
    return gate


def test_queued_checkpoints_collapse_into_the_newest(
    writer: SessionWriter, results: Results, gated: GatedWrites
) -> None:
    writer.open()
    writer.checkpoint(running_record(active=1.0))
    assert gated.entered.wait(WAIT)
    for second in range(2, 51):
        writer.checkpoint(running_record(active=float(second)))
    gated.release.set()
    results.wait(2)
    writer.close()
    assert gated.written == [(f"{ID}.toml", 1.0), (f"{ID}.toml", 50.0)]
    assert read_active(writer.checkpoint_path.read_text()) == 50.0


def test_finish_waits_for_the_checkpoint_being_written_and_drops_the_queued_one(
    writer: SessionWriter, gated: GatedWrites
) -> None:
    writer.open()
    writer.checkpoint(running_record(active=1.0))
    assert gated.entered.wait(WAIT)
    writer.checkpoint(running_record(active=2.0))
    finished: list[SaveResult] = []
    finisher = threading.Thread(target=lambda: finished.append(writer.finish(sample_record())))
    finisher.start()
    finisher.join(0.3)
    assert finished == []  # still waiting for the checkpoint being written

    gated.release.set()
    finisher.join(WAIT)
    assert finished and finished[0].ok
    writer.checkpoint(running_record(active=3.0))  # too late: ignored
    writer.close()
    assert gated.written == [(f"{ID}.toml", 1.0), (f"{ID}.toml", 975.0)]
    assert not writer.checkpoint_path.exists()


def test_a_failing_listener_does_not_stop_the_checkpoints(
    sessions: Path, caplog: pytest.LogCaptureFixture
) -> None:
    calls: list[SaveResult] = []

    def listener(result: SaveResult) -> None:
        calls.append(result)
        if len(calls) == 1:
            raise RuntimeError("listener bug")

    with caplog.at_level(logging.ERROR), SessionWriter(sessions, ID, listener) as writer:
        writer.checkpoint(running_record(active=1.0))
        writer.close()  # waits for the first write and its listener
        assert len(calls) == 1
    with SessionWriter(sessions, ID, listener) as writer:
        writer.checkpoint(running_record(active=2.0))
    assert len(calls) == 2
    assert "listener bug" in caplog.text


def test_a_record_of_another_session_is_refused(writer: SessionWriter) -> None:
    other = sample_record(id="20261130-142926-0000")
    for save in (writer.checkpoint, writer.finish, writer.update):
        with pytest.raises(ValueError, match="not 20261130-142926-0000"):
            save(other)


def test_a_record_that_cannot_be_saved_is_a_failed_result(writer: SessionWriter) -> None:
    result = writer.finish(sample_record(rpe=11))
    assert (result.ok, result.final) == (False, True)
    assert result.error is not None and "rpe: expected a whole number from 1 to 10" in result.error
    result = writer.finish(sample_record(status=Status.RUNNING))
    assert not result.ok and result.error is not None and "still running" in result.error


def test_a_full_disk_is_a_failed_result_naming_the_file(
    writer: SessionWriter, sessions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(path: Path, text: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(checkpoints, "atomic_write_text", full)
    result = writer.finish(sample_record())
    path = sessions / f"{ID}.toml"
    assert result == SaveResult(
        ok=False, path=path, error=f"cannot write {path}: No space left on device", final=True
    )


def test_save_to_another_folder_or_file(writer: SessionWriter, tmp_path: Path) -> None:
    elsewhere = tmp_path / "usb"
    elsewhere.mkdir()
    result = writer.save_to(sample_record(), elsewhere)
    assert result == SaveResult(ok=True, path=elsewhere / f"{ID}.toml", error=None, final=True)
    result = writer.save_to(sample_record(), elsewhere / "run.toml")
    assert result.ok and read_session(elsewhere / "run.toml") == sample_record()


def test_save_elsewhere_never_replaces_a_file_already_there(
    writer: SessionWriter, tmp_path: Path
) -> None:
    precious = tmp_path / "thesis.toml"
    precious.write_text("not a session\n", encoding="utf-8")
    result = writer.save_to(sample_record(), precious)
    assert not result.ok
    assert (
        result.error == f"{precious} already exists: type another file name (nothing was replaced)"
    )
    assert precious.read_text(encoding="utf-8") == "not a session\n"
    # The same session's own file, saved there a moment ago, is updated (a later RPE).
    mine = tmp_path / "mine.toml"
    assert writer.save_to(sample_record(), mine).ok
    assert writer.save_to(replace(sample_record(), rpe=7), mine).ok
    assert read_session(mine).rpe == 7


@posix_only
def test_a_read_only_folder_fails_each_checkpoint_until_it_is_writable(
    writer: SessionWriter, results: Results
) -> None:
    writer.open()
    writer.checkpoint(running_record(active=1.0))
    results.wait(1)
    with read_only(writer.checkpoint_path.parent):
        writer.checkpoint(running_record(active=2.0))
        failed = results.wait(2)[1]
    assert (failed.ok, failed.path, failed.final) == (False, writer.checkpoint_path, False)
    assert failed.error is not None
    assert failed.error.startswith(f"cannot write {writer.checkpoint_path}: ")
    assert read_active(writer.checkpoint_path.read_text()) == 1.0

    writer.checkpoint(running_record(active=3.0))
    assert results.wait(3)[2].ok
    assert read_active(writer.checkpoint_path.read_text()) == 3.0


@posix_only
def test_a_read_only_data_folder_fails_the_finish_until_it_is_writable(
    writer: SessionWriter, sessions: Path, results: Results, tmp_path: Path
) -> None:
    writer.open()
    writer.checkpoint(running_record())
    results.wait(1)
    with read_only(sessions):
        failed = writer.finish(sample_record())
        assert writer.save_to(sample_record(), tmp_path).ok
    assert (failed.ok, failed.path, failed.final) == (False, sessions / f"{ID}.toml", True)
    assert failed.error is not None and str(sessions / f"{ID}.toml") in failed.error
    assert writer.checkpoint_path.exists()  # still there to recover the session from

    assert writer.update(sample_record(rpe=3)).ok
    assert read_session(sessions / f"{ID}.toml").rpe == 3
    assert not writer.checkpoint_path.exists()


@posix_only
def test_when_open_fails_checkpoints_report_it_and_retry(sessions: Path, results: Results) -> None:
    with read_only(sessions):
        writer = SessionWriter(sessions, ID, on_result=results, min_gap=0)
        with pytest.raises(OSError):
            writer.open()
        writer.checkpoint(running_record(active=1.0))
        failed = results.wait(1)[0]
    try:
        assert not failed.ok and failed.error is not None
        assert failed.error.startswith(f"cannot lock {writer.lock_path}: ")
        writer.checkpoint(running_record(active=2.0))
        assert results.wait(2)[1].ok
        assert writer.lock_path.exists()
        assert read_active(writer.checkpoint_path.read_text()) == 2.0
    finally:
        writer.close()


def test_one_session_cannot_be_opened_twice(sessions: Path) -> None:
    with (
        SessionWriter(sessions, ID),
        pytest.raises(OSError, match=f"session {ID} is already running"),
    ):
        SessionWriter(sessions, ID).open()


def test_two_sessions_in_one_folder_keep_to_their_own_files(
    sessions: Path, results: Results
) -> None:
    other_id = "20261130-150000-beef"
    first = SessionWriter(sessions, ID)
    second = SessionWriter(sessions, other_id, results)
    first.open()
    second.open()
    second.checkpoint(running_record(id=other_id))
    results.wait(1)
    first.checkpoint(running_record())
    first.close()  # waits for its own checkpoint
    second_files = {f"{other_id}.lock", f"{other_id}.toml"}
    assert second_files <= set(os.listdir(sessions / ".running"))
    second_before = tree(sessions / ".running")

    assert first.finish(sample_record()).ok
    assert recover_orphans(sessions, NOW) == ([], [])
    now = tree(sessions / ".running")
    assert {k: now[k] for k in second_files} == {k: second_before[k] for k in second_files}
    assert set(now) == second_files
    second.close()
