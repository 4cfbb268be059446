"""Saving an edited workout: its own file, name clashes, and changes made elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from backrun_tui.model.notation import parse
from backrun_tui.model.plan import Workout
from backrun_tui.store.workout_edit import (
    ChangedOnDisk,
    NameTaken,
    OnDisk,
    changed_on_disk,
    check_name,
    open_workout,
    save_edited,
)
from backrun_tui.store.workouts import builtin_workouts, load_saved, save_workout

HILLS = Workout("Hills", parse("5m warmup @5, 2x(1m back @6, 2m fwd @9)"), "Up")


def test_a_new_workout_gets_a_new_file(tmp_path: Path) -> None:
    on_disk = save_edited(tmp_path, HILLS, OnDisk())
    assert on_disk.path is not None and on_disk.path.parent == tmp_path
    assert on_disk.content == on_disk.path.read_bytes()
    assert open_workout(on_disk.path) == (HILLS, on_disk)


def test_saving_again_and_renaming_keep_the_file(tmp_path: Path) -> None:
    path = save_workout(tmp_path, HILLS)
    workout, on_disk = open_workout(path)
    renamed = Workout("Steep hills", workout.plan, "Up")
    after = save_edited(tmp_path, renamed, on_disk)
    assert after.path == path
    saved, problems = load_saved(tmp_path)
    assert problems == []
    assert [e.workout for e in saved] == [renamed]


def test_a_name_another_saved_workout_has_is_refused(tmp_path: Path) -> None:
    save_workout(tmp_path, HILLS)
    other = save_workout(tmp_path, Workout("Flat", parse("1m rest")))
    _workout, on_disk = open_workout(other)
    with pytest.raises(NameTaken, match='another saved workout is already called "Hills"'):
        save_edited(tmp_path, Workout("Hills", parse("1m rest")), on_disk)
    assert open_workout(other)[0].name == "Flat"
    with pytest.raises(NameTaken):
        save_edited(tmp_path, Workout("Hills", parse("1m rest")), OnDisk())
    assert len(load_saved(tmp_path)[0]) == 2


def test_a_built_in_name_is_refused(tmp_path: Path) -> None:
    name = builtin_workouts()[0].workout.name
    with pytest.raises(NameTaken, match="a built-in workout"):
        check_name(tmp_path, name, None)


@pytest.mark.parametrize("name", ["", "   ", "a\nb", "x" * 81])
def test_a_bad_name_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError):
        save_edited(tmp_path, Workout(name, parse("1m rest")), OnDisk())
    assert not tmp_path.exists() or list(tmp_path.iterdir()) == []


def test_a_file_changed_since_it_was_opened_is_not_overwritten(tmp_path: Path) -> None:
    path = save_workout(tmp_path, HILLS)
    _workout, on_disk = open_workout(path)
    theirs = Workout("Hills", parse("9m rest"))
    save_workout(tmp_path, theirs)  # another backrun saves first
    mine = Workout("Hills", parse("1m rest"))
    with pytest.raises(ChangedOnDisk) as caught:
        save_edited(tmp_path, mine, on_disk)
    assert not caught.value.gone
    assert open_workout(path)[0] == theirs
    after = save_edited(tmp_path, mine, on_disk, overwrite=True)
    assert open_workout(path) == (mine, after)
    assert changed_on_disk(after) is None


def test_a_file_deleted_since_it_was_opened_is_reported(tmp_path: Path) -> None:
    path = save_workout(tmp_path, HILLS)
    _workout, on_disk = open_workout(path)
    path.unlink()
    changed = changed_on_disk(on_disk)
    assert changed is not None and changed.gone
    with pytest.raises(ChangedOnDisk):
        save_edited(tmp_path, HILLS, on_disk)
    assert not path.exists()
    save_edited(tmp_path, HILLS, on_disk, overwrite=True)
    assert open_workout(path)[0] == HILLS


def test_a_touched_but_unchanged_file_is_no_conflict(tmp_path: Path) -> None:
    path = save_workout(tmp_path, HILLS)
    _workout, on_disk = open_workout(path)
    path.write_bytes(path.read_bytes())
    assert changed_on_disk(on_disk) is None


def test_a_file_that_has_a_built_in_name_already_can_be_saved(tmp_path: Path) -> None:
    name = builtin_workouts()[0].workout.name
    path = save_workout(tmp_path, Workout(name, parse("1m rest")))
    _workout, on_disk = open_workout(path)
    after = save_edited(tmp_path, Workout(name, parse("2m rest")), on_disk)
    assert open_workout(path)[0].plan == parse("2m rest") and after.path == path
    other = save_workout(tmp_path, Workout("Other", parse("1m rest")))
    second = builtin_workouts()[1].workout.name
    with pytest.raises(NameTaken, match="built-in"):
        check_name(tmp_path, second, other)  # taking a built-in's name is still refused
