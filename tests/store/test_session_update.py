"""Rating a saved session again: its rpe and note lines change, nothing else does."""

from __future__ import annotations

import difflib
from dataclasses import replace
from pathlib import Path

import pytest

from backrun_tui.store import Paths
from backrun_tui.store.errors import StoreError
from backrun_tui.store.library import Library
from backrun_tui.store.session_update import SessionChanged
from backrun_tui.store.sessions import read_session
from tests.ui.history_data import easy_session, sample_sessions, write_sessions


def changed_lines(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


@pytest.fixture
def library() -> Library:
    return Library(Paths.default())


def test_a_new_rating_replaces_the_two_lines(library: Library) -> None:
    (path,) = write_sessions([sample_sessions()[0]])  # rpe 4, "Felt easy."
    before = path.read_text()
    seen = read_session(path)
    saved = library.update_session(path, 9, "Legs heavy", seen=seen)
    assert changed_lines(before, path.read_text()) == [
        "-rpe = 4",
        '-note = "Felt easy."',
        "+rpe = 9",
        '+note = "Legs heavy"',
    ]
    assert saved == replace(seen, rpe=9, note="Legs heavy")
    assert read_session(path) == saved


def test_a_rating_is_added_where_backrun_writes_it_and_removed_again(library: Library) -> None:
    (path,) = write_sessions([easy_session(sample_sessions()[0].started_at, rpe=None, note="")])
    before = path.read_text()
    seen = read_session(path)
    rated = library.update_session(path, 3, 'said "ok"\\', seen=seen)
    text = path.read_text()
    assert changed_lines(before, text) == ["+rpe = 3", '+note = "said \\"ok\\"\\\\"']
    # Where a finished session has them: after the weight, before the intervals.
    lines = text.splitlines()
    assert lines.index("rpe = 3") == lines.index("weight_kg = 70.0") + 1
    assert read_session(path).note == 'said "ok"\\'
    library.update_session(path, None, "", seen=rated)
    assert path.read_text() == before


def test_comments_and_hand_written_numbers_are_kept(library: Library) -> None:
    (path,) = write_sessions([sample_sessions()[0]])
    text = path.read_text().replace("time_scale = 1.0", "time_scale = 1 # real time")
    path.write_text(text + "# the end\n")
    seen = read_session(path)
    library.update_session(path, 5, "Felt easy.", seen=seen)
    after = path.read_text()
    assert changed_lines(text + "# the end\n", after) == ["-rpe = 4", "+rpe = 5"]


def test_a_file_changed_since_it_was_read_is_refused_and_kept(library: Library) -> None:
    (path,) = write_sessions([sample_sessions()[0]])
    seen = read_session(path)
    edited = path.read_text().replace("rpe = 4", "rpe = 6")
    path.write_text(edited)
    with pytest.raises(SessionChanged, match="changed on disk since it was read"):
        library.update_session(path, 9, "x", seen=seen)
    assert path.read_text() == edited


def test_bad_values_and_unreadable_files_change_nothing(library: Library, tmp_path: Path) -> None:
    (path,) = write_sessions([sample_sessions()[0]])
    before = path.read_bytes()
    seen = read_session(path)
    with pytest.raises(ValueError, match="RPE"):
        library.update_session(path, 11, "", seen=seen)
    with pytest.raises(ValueError, match="note: at most 500"):
        library.update_session(path, 5, "x" * 501, seen=seen)
    assert path.read_bytes() == before
    path.write_bytes(before.replace(b"rpe = 4", b"rpe = four"))
    with pytest.raises(StoreError) as caught:
        library.update_session(path, 5, "", seen=seen)
    assert caught.value.line is not None
    assert path.read_bytes() == before.replace(b"rpe = 4", b"rpe = four")


def test_session_files_come_newest_name_first(library: Library) -> None:
    written = write_sessions(sample_sessions())
    assert library.session_files() == sorted(written, reverse=True)
    assert Library(Paths.under(Path("/nonexistent-backrun"))).session_files() == []
