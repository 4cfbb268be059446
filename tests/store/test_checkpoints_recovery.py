"""Recovery: checkpoints of backruns that are gone become interrupted sessions; live ones stay."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from backrun_tui.model.session import IntervalOutcome, SessionRecord, Status
from backrun_tui.store import recovery
from backrun_tui.store import sessions as sessions_module
from backrun_tui.store.checkpoints import SessionWriter, recover_orphans
from backrun_tui.store.sessions import as_saved, read_session, record_to_toml
from tests.store.test_checkpoints import (
    ID,
    NOW,
    WAIT,
    Results,
    posix_only,
    read_only,
    running_record,
    tree,
)
from tests.store.test_sessions import sample_record


@pytest.fixture
def sessions(tmp_path: Path) -> Path:
    return tmp_path / "sessions"


@pytest.fixture
def results() -> Results:
    return Results()


def test_no_checkpoints_no_folder(sessions: Path) -> None:
    assert recover_orphans(sessions, NOW) == ([], [])
    assert not sessions.exists()


def test_a_checkpoint_left_behind_becomes_an_interrupted_session(sessions: Path) -> None:
    with SessionWriter(sessions, ID) as writer:
        writer.checkpoint(running_record())
    recovered, errors = recover_orphans(sessions, NOW)
    assert errors == []
    expected = interrupted(running_record())
    assert recovered == [expected]
    assert read_session(sessions / f"{ID}.toml") == expected
    assert os.listdir(sessions / ".running") == []


def interrupted(record: SessionRecord) -> SessionRecord:
    """What recovery should make of `running_record()`: only the interval under way changes."""
    intervals = list(record.intervals)
    intervals[2] = replace(intervals[2], outcome=IntervalOutcome.STOPPED)
    return as_saved(replace(record, status=Status.INTERRUPTED, intervals=tuple(intervals)))


def test_a_live_writer_in_this_process_is_left_alone(sessions: Path, results: Results) -> None:
    with SessionWriter(sessions, ID, results) as writer:
        writer.checkpoint(running_record())
        results.wait(1)
        before = tree(sessions)
        assert recover_orphans(sessions, NOW) == ([], [])
        assert tree(sessions) == before


CHILD = """
import sys, threading, time
from pathlib import Path
from backrun_tui.store.checkpoints import SessionWriter
from backrun_tui.store.sessions import read_session

record = read_session(Path(sys.argv[1]))
done = threading.Event()
results = []
writer = SessionWriter(Path(sys.argv[2]), record.id, lambda r: (results.append(r), done.set()))
writer.open()
writer.checkpoint(record)
done.wait(30)
print("saved" if results and results[0].ok else f"failed: {results}", flush=True)
time.sleep(300)
"""


@posix_only
def test_another_process_keeps_its_checkpoint_until_it_is_killed(
    sessions: Path, tmp_path: Path
) -> None:
    source = tmp_path / "record.toml"
    source.write_text(record_to_toml(replace(running_record(), status=Status.STOPPED)))
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(source), str(sessions)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        first_line = child.stdout.readline()
        assert first_line == "saved\n", child.stderr.read() if child.stderr else ""
        before = tree(sessions)
        assert set(before) == {f".running/{ID}.toml", f".running/{ID}.lock"}

        assert recover_orphans(sessions, NOW) == ([], [])
        assert tree(sessions) == before

        child.kill()  # SIGKILL: no clean-up runs in the child
        child.wait(WAIT)
        recovered, errors = recover_orphans(sessions, NOW)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(WAIT)
        for stream in (child.stdout, child.stderr):
            if stream is not None:
                stream.close()
    assert errors == []
    assert recovered == [interrupted(running_record())]
    assert read_session(sessions / f"{ID}.toml") == recovered[0]
    assert os.listdir(sessions / ".running") == []


def test_an_already_finished_session_is_only_cleaned_up(sessions: Path) -> None:
    with SessionWriter(sessions, ID) as writer:
        writer.checkpoint(running_record())
        writer.close()  # the checkpoint is on disk
        final = sessions / f"{ID}.toml"
        # As if backrun died between writing the session file and deleting the checkpoint:
        final.write_text(record_to_toml(sample_record()))
    (sessions / ".running" / f"{ID}.lock").write_text("")  # and before closing its lock
    before = final.read_bytes()
    assert recover_orphans(sessions, NOW) == ([], [])
    assert final.read_bytes() == before
    assert os.listdir(sessions / ".running") == []


def test_an_unreadable_checkpoint_is_reported_and_left_alone(sessions: Path) -> None:
    running = sessions / ".running"
    running.mkdir(parents=True)
    (running / f"{ID}.toml").write_text('schema_version = 1\nid = "oops\n')
    before = tree(sessions)
    recovered, errors = recover_orphans(sessions, NOW)
    assert recovered == []
    assert [(e.path, e.line) for e in errors] == [(running / f"{ID}.toml", 2)]
    assert tree(sessions) == before
    again = recover_orphans(sessions, NOW)[1]  # and at every start, until the file is fixed
    assert [str(e) for e in again] == [str(e) for e in errors]


def test_a_checkpoint_named_for_another_id_is_reported(sessions: Path) -> None:
    running = sessions / ".running"
    running.mkdir(parents=True)
    (running / "other.toml").write_text(record_to_toml(running_record()))
    recovered, errors = recover_orphans(sessions, NOW)
    assert recovered == []
    assert [e.reason for e in errors] == [f'id: "{ID}" is not the file\'s name']
    assert not (sessions / f"{ID}.toml").exists()


def test_a_checkpoint_without_its_lock_file_is_recovered(sessions: Path) -> None:
    running = sessions / ".running"
    running.mkdir(parents=True)
    (running / f"{ID}.toml").write_text(record_to_toml(running_record()))
    recovered, errors = recover_orphans(sessions, NOW)
    assert (recovered, errors) == ([interrupted(running_record())], [])
    assert os.listdir(running) == []


def test_lock_files_without_a_checkpoint(sessions: Path) -> None:
    running = sessions / ".running"
    running.mkdir(parents=True)
    (running / "20261130-000000-dead.lock").write_text(f"12345 {socket.gethostname()}\n")
    (running / "20261130-000000-away.lock").write_text("12345 treadmill-laptop\n")
    with SessionWriter(sessions, ID):  # a session just started, no checkpoint yet
        assert recover_orphans(sessions, NOW) == ([], [])
        # The dead one goes; another computer's session may not have synced its checkpoint.
        assert sorted(os.listdir(running)) == ["20261130-000000-away.lock", f"{ID}.lock"]


@posix_only
def test_recovery_that_cannot_write_keeps_the_checkpoint(sessions: Path) -> None:
    with SessionWriter(sessions, ID) as writer:
        writer.checkpoint(running_record())
    before = tree(sessions)
    with read_only(sessions):
        recovered, errors = recover_orphans(sessions, NOW)
    assert recovered == []
    assert [e.path for e in errors] == [sessions / f"{ID}.toml"]
    assert "cannot write the interrupted session" in errors[0].reason
    assert tree(sessions) == before
    assert recover_orphans(sessions, NOW)[0] == [interrupted(running_record())]


@pytest.mark.parametrize(
    ("hours_later", "recovered"),
    [(0.25, False), (23.9, False), (24.0, True), (100, True)],
)
def test_another_computers_checkpoint_is_left_to_it_for_a_day(
    sessions: Path, hours_later: float, recovered: bool
) -> None:
    # A synced folder: the checkpoint and lock file of a session on another computer, whose
    # lock this computer cannot see.
    with SessionWriter(sessions, ID) as writer:
        writer.checkpoint(running_record())
    lock = sessions / ".running" / f"{ID}.lock"
    lock.write_text("4242 treadmill-laptop\n")
    before = tree(sessions)
    now = running_record().updated_at + dt.timedelta(hours=hours_later)

    if recovered:
        assert recover_orphans(sessions, now) == ([interrupted(running_record())], [])
        assert os.listdir(sessions / ".running") == []
    else:
        assert recover_orphans(sessions, now) == ([], [])
        assert tree(sessions) == before


def test_an_unreadable_checkpoint_of_another_computer_keeps_its_lock_file(
    sessions: Path,
) -> None:
    running = sessions / ".running"
    running.mkdir(parents=True)
    (running / f"{ID}.toml").write_text("half = [synced")
    (running / f"{ID}.lock").write_text("4242 treadmill-laptop\n")
    before = tree(sessions)
    recovered, errors = recover_orphans(sessions, NOW)
    assert (recovered, [e.path for e in errors]) == ([], [running / f"{ID}.toml"])
    assert tree(sessions) == before


def test_a_checkpoint_that_goes_while_recovery_looks_is_no_error(
    sessions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with SessionWriter(sessions, ID) as writer:
        writer.checkpoint(running_record())
    real_read = sessions_module.read_session

    def read_after_it_went(
        path: Path, *, checkpoint: bool = False, check_name: bool = False
    ) -> SessionRecord:
        path.unlink()  # settled by another backrun starting up just before us
        return real_read(path, checkpoint=checkpoint, check_name=check_name)

    monkeypatch.setattr(recovery, "read_session", read_after_it_went)
    assert recover_orphans(sessions, NOW) == ([], [])
    assert os.listdir(sessions / ".running") == []


# --- a session file in the way ----------------------------------------------------------------


def orphan(sessions: Path) -> Path:
    """A checkpoint left by a backrun that is gone; returns it."""
    with SessionWriter(sessions, ID) as writer:
        writer.checkpoint(running_record())
    return writer.checkpoint_path


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda p: p.write_text("schema_version = 1\nid = \n"), "line 2: invalid TOML: "),
        (lambda p: p.symlink_to(p.parent / "nowhere.toml"), "broken link to "),
        (lambda p: p.mkdir(), "not a regular file (a folder)"),
        (
            lambda p: p.write_text(record_to_toml(sample_record(id="20261130-000000-beef"))),
            "it holds session 20261130-000000-beef",
        ),
    ],
    ids=["junk", "dangling-link", "folder", "another-session"],
)
def test_a_checkpoint_is_kept_when_its_session_file_is_in_the_way(
    sessions: Path, make: Callable[[Path], object], problem: str
) -> None:
    checkpoint = orphan(sessions)
    final = sessions / f"{ID}.toml"
    make(final)
    before = tree(sessions)
    links_before = os.path.islink(final), os.path.lexists(final)

    recovered, errors = recover_orphans(sessions, NOW)

    assert recovered == []
    assert [e.path for e in errors] == [checkpoint]
    reason = errors[0].reason
    assert reason.startswith(f"kept: {final} is not a readable copy of it (")
    assert problem in reason
    assert tree(sessions) == before
    assert (os.path.islink(final), os.path.lexists(final)) == links_before
    # Once the way is clear, the next start recovers it.
    if final.is_dir() and not final.is_symlink():
        final.rmdir()
    else:
        final.unlink()
    assert recover_orphans(sessions, NOW) == ([interrupted(running_record())], [])
    assert not checkpoint.exists()


def test_a_checkpoint_is_kept_when_the_recovered_file_does_not_read_back(
    sessions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checkpoint = orphan(sessions)
    saved = checkpoint.read_bytes()

    def torn(path: Path, text: str) -> None:
        path.write_text(text[: len(text) // 2])  # as a failing disk might

    monkeypatch.setattr(recovery, "atomic_write_text", torn)
    recovered, errors = recover_orphans(sessions, NOW)
    assert recovered == []
    assert [e.path for e in errors] == [checkpoint]
    assert "is not a readable copy of it" in errors[0].reason
    assert checkpoint.read_bytes() == saved
