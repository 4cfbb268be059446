"""Session ids and the history folder: listing, order, the since filter, bad files."""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from backrun_tui.model.session import SessionRecord, Status
from backrun_tui.store.sessions import (
    is_session_id,
    load_sessions,
    new_session_id,
    read_session,
    record_to_toml,
    session_path,
)
from tests.store.test_sessions import CET, line_number, sample_record


@pytest.fixture
def local_zone() -> Iterator[None]:
    """Local time is UTC+1 (a POSIX TZ rule, so no tz database is needed)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "CET-1"
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


# --- ids ----------------------------------------------------------------------------------


def test_a_new_id_is_the_start_time_it_shows_and_random_hex(local_zone: None) -> None:
    # The id matches started_at as the file shows it, whatever this computer's zone.
    tokyo = dt.timezone(dt.timedelta(hours=9))
    started = dt.datetime(2026, 11, 30, 14, 29, 26, 700_000, tzinfo=tokyo)
    ids = {new_session_id(started) for _ in range(20)}
    for session_id in ids:
        assert re.fullmatch(r"20261130-142926-[0-9a-f]{4}", session_id)
        assert is_session_id(session_id)
    assert len(ids) > 1


def test_ids_sort_by_start_time() -> None:
    start = dt.datetime(2026, 11, 30, 9, 59, 59, tzinfo=CET)
    later = [start + dt.timedelta(seconds=s) for s in (0, 1, 61, 3600, 86400 * 40)]
    ids = [new_session_id(moment) for moment in later]
    assert sorted(ids) == ids


@pytest.mark.parametrize("bad", ["", "../x", "a/b", ".hidden", "a b", "x" * 65, "é", "-x"])
def test_unsafe_ids_are_refused(bad: str) -> None:
    assert not is_session_id(bad)
    with pytest.raises(ValueError, match="not a session id"):
        session_path(Path("sessions"), bad)


# --- the history --------------------------------------------------------------------------


def save(folder: Path, record: SessionRecord) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = session_path(folder, record.id)
    path.write_text(record_to_toml(record), encoding="utf-8")
    return path


def test_no_folder_is_no_history(tmp_path: Path) -> None:
    assert load_sessions(tmp_path / "sessions") == ([], [])
    assert not (tmp_path / "sessions").exists()


def test_newest_first_by_the_moment_it_started(tmp_path: Path) -> None:
    utc = dt.UTC
    far_east = dt.timezone(dt.timedelta(hours=9))
    a = sample_record(id="a", started_at=dt.datetime(2026, 11, 30, 8, 0, tzinfo=utc))
    # 10:00 in Tokyo is 01:00 UTC: earlier than a, though its clock time is later.
    b = sample_record(id="b", started_at=dt.datetime(2026, 11, 30, 10, 0, tzinfo=far_east))
    c = sample_record(id="c", started_at=dt.datetime(2026, 12, 1, 7, 0, tzinfo=utc))
    paths = {r.id: save(tmp_path, r) for r in (b, c, a)}
    entries, errors = load_sessions(tmp_path)
    assert errors == []
    assert [(e.record.id, e.path) for e in entries] == [(i, paths[i]) for i in ("c", "a", "b")]
    assert entries[0].record == c


def test_since_is_a_local_date(tmp_path: Path, local_zone: None) -> None:
    # 23:30 UTC on 30 November is 00:30 on 1 December at UTC+1.
    late = sample_record(id="late", started_at=dt.datetime(2026, 11, 30, 23, 30, tzinfo=dt.UTC))
    early = sample_record(id="early", started_at=dt.datetime(2026, 11, 30, 22, 30, tzinfo=dt.UTC))
    save(tmp_path, late)
    save(tmp_path, early)
    ids = [e.record.id for e in load_sessions(tmp_path, since=dt.date(2026, 12, 1))[0]]
    assert ids == ["late"]
    ids = [e.record.id for e in load_sessions(tmp_path, since=dt.date(2026, 11, 30))[0]]
    assert ids == ["late", "early"]


def test_unreadable_files_are_reported_skipped_and_left_alone(tmp_path: Path) -> None:
    good = save(tmp_path, sample_record())
    running = record_to_toml(sample_record(id="r", status=Status.RUNNING))
    bad = {
        "broken.toml": b'schema_version = 1\nid = "x\n',
        "running.toml": running.encode(),
        "bytes.toml": b"note = 'caf\xe9'\n",
    }
    for name, content in bad.items():
        (tmp_path / name).write_bytes(content)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    entries, errors = load_sessions(tmp_path)

    assert [e.path for e in entries] == [good]
    found = {e.path.name: (e.line, e.reason) for e in errors}
    assert sorted(found) == sorted(bad)
    assert found["broken.toml"][0] == 2
    assert found["running.toml"] == (
        line_number(running, "status ="),
        'status: expected "completed", "stopped" or "interrupted", got "running"',
    )
    assert found["bytes.toml"] == (1, "not UTF-8 text")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_dot_files_checkpoints_and_other_files_are_ignored(tmp_path: Path) -> None:
    (tmp_path / ".running").mkdir()
    save(tmp_path / ".running", sample_record(id="checkpoint"))
    (tmp_path / ".20261130-142926-3fa2.toml.x1y2.tmp").write_text("half written")
    (tmp_path / "._mac-fork.toml").write_bytes(b"\x00\x05")
    (tmp_path / "notes.txt").write_text("not a session")
    assert load_sessions(tmp_path) == ([], [])


def test_read_session(tmp_path: Path) -> None:
    path = save(tmp_path, sample_record())
    assert read_session(path) == sample_record()
    with pytest.raises(FileNotFoundError):
        read_session(tmp_path / "gone.toml")
