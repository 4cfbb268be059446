"""Deleting moves a file to the trash: nothing is destroyed, the same name twice keeps both."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from backrun_tui.store.library import Library
from backrun_tui.store.paths import Paths
from backrun_tui.store.trash import move_to_trash, trashed_name

WHEN = dt.datetime(2026, 12, 2, 20, 30, 15, tzinfo=dt.UTC)


def test_a_trashed_file_keeps_its_name_and_content(tmp_path: Path) -> None:
    path = tmp_path / "workouts" / "easy-run.toml"
    path.parent.mkdir()
    path.write_text('name = "Easy"\n', encoding="utf-8")
    moved = move_to_trash(path, tmp_path / "trash", WHEN)
    assert moved == tmp_path / "trash" / "easy-run.20261202T203015Z.toml"
    assert moved.read_text(encoding="utf-8") == 'name = "Easy"\n'
    assert not path.exists()


def test_the_same_name_trashed_twice_keeps_both(tmp_path: Path) -> None:
    first, second = [], []
    for bucket, text in ((first, "one"), (second, "two")):
        path = tmp_path / "a.toml"
        path.write_text(text, encoding="utf-8")
        bucket.append(move_to_trash(path, tmp_path / "trash", WHEN))
    assert first[0] != second[0]
    assert {p.read_text(encoding="utf-8") for p in (first[0], second[0])} == {"one", "two"}


def test_a_link_is_moved_not_what_it_points_at(tmp_path: Path) -> None:
    target = tmp_path / "real.toml"
    target.write_text("x = 1\n", encoding="utf-8")
    link = tmp_path / "link.toml"
    link.symlink_to(target)
    moved = move_to_trash(link, tmp_path / "trash", WHEN)
    assert moved.is_symlink() and target.read_text(encoding="utf-8") == "x = 1\n"


def test_a_missing_file_is_an_error_that_names_it(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"gone\.toml"):
        move_to_trash(tmp_path / "gone.toml", tmp_path / "trash", WHEN)
    assert not (tmp_path / "trash").exists()


def test_the_library_deletes_workouts_and_sessions_into_its_trash(tmp_path: Path) -> None:
    library = Library(Paths.under(tmp_path))
    for folder in ("workouts", "sessions"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.toml").write_text("x = 1\n", encoding="utf-8")
    library.delete_workout(tmp_path / "workouts" / "x.toml")
    library.delete_session(tmp_path / "sessions" / "x.toml")
    assert len(list((tmp_path / "trash").iterdir())) == 2


def test_trashed_name_is_in_utc() -> None:
    local = WHEN.astimezone(dt.timezone(dt.timedelta(hours=5)))
    assert trashed_name(Path("a.toml"), local) == "a.20261202T203015Z.toml"
