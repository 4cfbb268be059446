from __future__ import annotations

import os
from pathlib import Path

import pytest

from backrun_tui.model.kinds import Kind, SpeedUnit
from backrun_tui.model.notation import NotationError, parse
from backrun_tui.model.plan import Workout
from backrun_tui.store.workouts import (
    delete_workout,
    filename_for,
    find_workout,
    load_saved,
    save_workout,
    validate_name,
)

PLAN = "5m warmup @5kph, 6x(1m back @5kph, 2m fwd @8kph), 5m cooldown @5kph"


def workout(name: str = "Hills", plan: str = PLAN, description: str = "") -> Workout:
    return Workout(name=name, plan=parse(plan), description=description)


def write(folder: Path, filename: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / filename
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_folder_is_empty(tmp_path: Path) -> None:
    assert load_saved(tmp_path / "workouts") == ([], [])
    assert not (tmp_path / "workouts").exists()


def test_save_then_load(tmp_path: Path) -> None:
    folder = tmp_path / "workouts"
    saved = workout('Tuesday "hills"', description="Line one.\nLine two.")
    path = save_workout(folder, saved)
    assert path == folder / filename_for(saved.name)
    entries, errors = load_saved(folder)
    assert errors == []
    assert [(e.workout, e.builtin, e.path) for e in entries] == [(saved, False, path)]


def test_file_holds_canonical_notation(tmp_path: Path) -> None:
    path = save_workout(tmp_path, workout(plan="5m wu @5, 2x(1m bwd @6 2%, 90s run @9)"))
    text = path.read_text(encoding="utf-8")
    assert 'plan = "5m warmup @5kph, 2x(1m back @6kph 2%, 1m30s fwd @9kph)"' in text
    assert "schema_version = 1" in text


def test_saving_the_same_name_overwrites_its_file(tmp_path: Path) -> None:
    # A file renamed by hand keeps its identity: the name inside it is what counts.
    first = save_workout(tmp_path, workout("Hills"))
    renamed = first.rename(tmp_path / "my-hills.toml")
    second = save_workout(tmp_path, workout("Hills", plan="10m fwd @9kph"))
    assert second == renamed
    entries, _ = load_saved(tmp_path)
    assert len(entries) == 1
    assert entries[0].workout.plan == parse("10m fwd @9kph")


def test_names_differing_in_case_are_different_workouts(tmp_path: Path) -> None:
    a = save_workout(tmp_path, workout("Hills"))
    b = save_workout(tmp_path, workout("hills"))
    assert a != b
    assert sorted(e.workout.name for e in load_saved(tmp_path)[0]) == ["Hills", "hills"]


def test_an_unreadable_file_in_the_way_is_not_overwritten(tmp_path: Path) -> None:
    blocker = write(tmp_path, filename_for("Hills"), "this is { not toml")
    path = save_workout(tmp_path, workout("Hills"))
    assert path != blocker
    assert path.parent == tmp_path
    assert blocker.read_text() == "this is { not toml"
    entries, errors = load_saved(tmp_path)
    assert [e.path for e in entries] == [path]
    assert [e.path for e in errors] == [blocker]


def test_invalid_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="needs a name"):
        save_workout(tmp_path, workout("   "))
    assert not tmp_path.joinpath("workouts").exists()
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("", "needs a name"),
        (" \t ", "needs a name"),
        ("a\nb", "control characters"),
        ("a\x00b", "control characters"),
        ("a\u2028b", "control characters"),
        ("x" * 81, "at most 80 characters long, not 81"),
    ],
)
def test_validate_name(name: str, problem: str) -> None:
    message = validate_name(name)
    assert message is not None
    assert problem in message


@pytest.mark.parametrize("name", ["x" * 80, "Hügel 🏃", "CON", "..", "5x(1m)"])
def test_valid_names(name: str) -> None:
    assert validate_name(name) is None


def test_delete(tmp_path: Path) -> None:
    path = save_workout(tmp_path, workout())
    delete_workout(path)
    assert load_saved(tmp_path) == ([], [])
    delete_workout(path)  # already gone: nothing to do


def test_bad_files_are_reported_with_line_and_left_alone(tmp_path: Path) -> None:
    good = save_workout(tmp_path, workout("Good"))
    texts = {
        "a-syntax.toml": b'schema_version = 1\nname = "A\n',
        "b-plan.toml": b'schema_version = 1\nname = "B"\nplan = "5m warmup @5, 2x(1m bak)"\n',
        "c-missing.toml": b'schema_version = 1\nname = "C"\n',
        "d-type.toml": b'schema_version = 1\nname = 7\nplan = "1m fwd"\n',
        "e-newer.toml": b'schema_version = 2\nname = "E"\nplan = "1m fwd"\n',
        "f-typo.toml": b'schema_version = 1\nname = "F"\nplan = "1m fwd"\ndescripton = ""\n',
        "g-bytes.toml": b"schema_version = 1\nname = 'caf\xe9'\n",
    }
    for filename, text in texts.items():
        (tmp_path / filename).write_bytes(text)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    entries, errors = load_saved(tmp_path)

    assert [e.path for e in entries] == [good]
    found = {e.path.name: (e.line, e.reason) for e in errors}
    assert list(found) == sorted(texts)
    assert found["a-syntax.toml"][0] == 2
    with pytest.raises(NotationError) as notation_error:
        parse("5m warmup @5, 2x(1m bak)")
    assert found["b-plan.toml"] == (3, f"plan: {notation_error.value}")
    assert found["b-plan.toml"][1].startswith("plan: column 21: ")
    assert found["c-missing.toml"] == (None, "plan: missing")
    assert found["d-type.toml"] == (2, "name: expected text in quotes, got 7")
    assert found["e-newer.toml"][0] == 1
    assert "newer backrun" in found["e-newer.toml"][1]
    assert found["f-typo.toml"] == (4, 'descripton: unknown key — did you mean "description"?')
    assert found["g-bytes.toml"] == (2, "not UTF-8 text")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_hidden_and_other_files_are_ignored(tmp_path: Path) -> None:
    write(tmp_path, "._mac-fork.toml", "\x00\x05binary")
    write(tmp_path, ".w.toml.abc123.tmp", "half written")
    write(tmp_path, "notes.txt", "not a workout")
    assert load_saved(tmp_path) == ([], [])


def test_entries_are_sorted_by_file_name(tmp_path: Path) -> None:
    for name in ("zeta", "Alpha", "mid"):
        save_workout(tmp_path, workout(name))
    names = [e.workout.name for e in load_saved(tmp_path)[0]]
    assert names == ["Alpha", "mid", "zeta"]


def test_hand_written_plan_uses_the_given_default_unit(tmp_path: Path) -> None:
    write(tmp_path, "m.toml", 'schema_version = 1\nname = "Miles"\nplan = "10m fwd @6"\n')
    entry = load_saved(tmp_path, SpeedUnit.MPH)[0][0]
    step = entry.workout.plan.steps()[0]
    assert step.interval.speed is not None
    assert step.interval.speed.unit is SpeedUnit.MPH


def test_find_prefers_saved_and_exact(tmp_path: Path) -> None:
    builtin_name = "Beginner backward/forward intervals"
    assert (found := find_workout(builtin_name, tmp_path)) is not None
    assert found.builtin and found.path is None

    mine = save_workout(tmp_path, workout(builtin_name, plan="1m back @4kph"))
    assert (found := find_workout(builtin_name, tmp_path)) is not None
    assert (found.builtin, found.path) == (False, mine)

    save_workout(tmp_path, workout("HILLS"))
    exact = save_workout(tmp_path, workout("hills"))
    assert (found := find_workout("hills", tmp_path)) is not None
    assert found.path == exact


def test_find_ignores_case_when_nothing_matches_exactly(tmp_path: Path) -> None:
    found = find_workout("backward UPHILL walk", tmp_path)
    assert found is not None
    assert found.workout.name == "Backward uphill walk"
    assert found.workout.plan.steps()[1].kind is Kind.BACKWARD
    assert find_workout("no such workout", tmp_path) is None
