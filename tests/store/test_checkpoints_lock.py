"""The writer's lock: still the file at the path at every checkpoint, or made again."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from backrun_tui.store.checkpoints import SessionWriter
from backrun_tui.store.recovery import recover_orphans
from backrun_tui.store.session_lock import release_lock, take_lock
from tests.store.test_checkpoints import NOW, Results, read_active, running_record

ID = "20261130-142926-3fa2"


@pytest.fixture
def sessions(tmp_path: Path) -> Path:
    return tmp_path / "sessions"


@pytest.fixture
def results() -> Results:
    return Results()


def test_a_deleted_sessions_folder_is_made_again_with_a_held_lock(
    sessions: Path, results: Results
) -> None:
    # Before, the next checkpoint went into a folder with no lock file, and another
    # backrun took the live session for an orphan and "recovered" it.
    writer = SessionWriter(sessions, ID, results, min_gap=0)
    writer.open()
    try:
        writer.checkpoint(running_record(active=1.0))
        results.wait(1)
        shutil.rmtree(sessions)
        writer.checkpoint(running_record(active=2.0))
        assert results.wait(2)[1].ok
        assert take_lock(writer.lock_path) is None  # held, by the writer
        assert recover_orphans(sessions, NOW) == ([], [])
        assert read_active(writer.checkpoint_path.read_text()) == 2.0
        assert not (sessions / f"{ID}.toml").exists()
    finally:
        writer.close()
    assert not writer.lock_path.exists()


def test_a_lock_file_put_in_place_of_ours_is_not_deleted_on_close(sessions: Path) -> None:
    writer = SessionWriter(sessions, ID)
    writer.open()
    os.unlink(writer.lock_path)
    theirs = take_lock(writer.lock_path)
    assert theirs is not None
    try:
        writer.close()
        assert writer.lock_path.exists()
    finally:
        release_lock(theirs, writer.lock_path)


@pytest.mark.skipif(os.name == "nt", reason="named pipes and symbolic links")
@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: os.mkfifo(p), "not a regular file"),
        (lambda p: p.symlink_to(p.parent / "elsewhere"), "a link, which a lock file never is"),
    ],
    ids=["fifo", "link"],
)
def test_a_lock_file_that_is_not_a_plain_file_is_refused(
    tmp_path: Path, make: Callable[[Path], None], reason: str
) -> None:
    # Reading the holder from a named pipe waited forever; through a link, backrun would
    # lock (and as the holder, write into) whatever file it points at.
    lock = tmp_path / f"{ID}.lock"
    make(lock)
    with pytest.raises(OSError, match=reason):
        take_lock(lock)
    assert not (tmp_path / "elsewhere").exists()
