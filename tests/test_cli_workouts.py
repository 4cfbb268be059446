"""`backrun workouts --export NAME [-o FILE]` and `--import FILE [--as NAME]`: sharing a
workout as its file, with the exit codes and one-line errors of every command."""

from __future__ import annotations

from pathlib import Path

import pytest

from backrun_tui.cli import main
from backrun_tui.model.notation import format_plan, parse
from backrun_tui.model.plan import Workout
from backrun_tui.store import Paths
from backrun_tui.store.library import Library
from backrun_tui.store.workouts import builtin_workouts, load_saved, workout_to_toml

HILLS = Workout("Hills", parse("5m warmup @5, 6x(1m back @6 2%, 2m fwd @9)"), "Up and down")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["workouts", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def saved() -> dict[str, Workout]:
    entries, problems = load_saved(Paths.default().workouts_dir)
    assert problems == []
    return {e.workout.name: e.workout for e in entries}


def refused(code: int, out: str, err: str, *words: str) -> None:
    """Exit 2, nothing on stdout, one line on stderr holding `words`."""
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith("backrun: "), err
    for word in words:
        assert word in err, (word, err)


def test_export_prints_the_workout_file(capsys: pytest.CaptureFixture[str]) -> None:
    Library(Paths.default()).save_workout(HILLS)
    code, out, err = run(capsys, "--export", "hills")  # any case, as `backrun run` finds it
    assert (code, err) == (0, "")
    assert out == workout_to_toml(HILLS)


def test_export_a_built_in_workout(capsys: pytest.CaptureFixture[str]) -> None:
    preset = builtin_workouts()[0].workout
    code, out, _err = run(capsys, "--export", preset.name)
    assert code == 0 and out == workout_to_toml(preset)


def test_export_to_a_file_then_import_it_under_another_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    Library(Paths.default()).save_workout(HILLS)
    shared = tmp_path / "hills.toml"
    code, out, err = run(capsys, "--export", "Hills", "-o", str(shared))
    assert (code, err) == (0, "") and str(shared) in out
    assert shared.read_text() == workout_to_toml(HILLS)
    code, out, err = run(capsys, "--import", str(shared), "--as", "Hills again")
    assert (code, err) == (0, "")
    assert out.startswith('imported "Hills again" to ')
    assert saved() == {
        "Hills": HILLS,
        "Hills again": Workout("Hills again", HILLS.plan, HILLS.description),
    }


def test_import_a_hand_written_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    file = tmp_path / "mine.toml"
    file.write_text(
        'schema_version = 1\nname = "Mine"\nplan = "10m wu @5, 3x(30s bwd @5, 1m run @10)"\n'
    )
    code, _out, err = run(capsys, "--import", str(file))
    assert (code, err) == (0, "")
    assert format_plan(saved()["Mine"].plan) == (
        "10m warmup @5kph, 3x(30s back @5kph, 1m fwd @10kph)"
    )


def test_import_refuses_a_name_in_use_and_suggests_as(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    Library(Paths.default()).save_workout(HILLS)
    file = tmp_path / "other.toml"
    file.write_text(workout_to_toml(Workout("Hills", parse("1m rest"))))
    refused(*run(capsys, "--import", str(file)), 'called "Hills" already exists', "--as NAME")
    assert saved() == {"Hills": HILLS}
    preset = builtin_workouts()[0].workout.name
    refused(*run(capsys, "--import", str(file), "--as", preset), "already exists", "--as")
    assert saved() == {"Hills": HILLS}


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('schema_version = 1\nname = "X"\nplan = "5m bak"\n', ["line 3", "plan", "bak"]),
        ('schema_version = 1\nplan = "5m rest"\n', ["name", "missing"]),
        ('schema_version = 1\nname = "X"\nplan = "5m rest"\ncolour = 1\n', ["colour"]),
        ("not toml at all", ["invalid TOML"]),
        ('schema_version = 1\nname = "X"\nplan = "5x(6h rest)"\n', ["plan"]),
    ],
)
def test_import_refuses_an_invalid_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str, words: list[str]
) -> None:
    file = tmp_path / "bad.toml"
    file.write_text(content)
    refused(*run(capsys, "--import", str(file)), str(file), *words)
    assert not Paths.default().workouts_dir.exists()


def test_import_refuses_a_missing_file_and_a_bad_as_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    refused(*run(capsys, "--import", str(tmp_path / "nope.toml")), "no such file")
    file = tmp_path / "ok.toml"
    file.write_text(workout_to_toml(HILLS))
    refused(*run(capsys, "--import", str(file), "--as", "  "), "--as", "needs a name")
    refused(*run(capsys, "--import", str(tmp_path)), "a folder")
    assert not Paths.default().workouts_dir.exists()


def test_export_refuses_an_unknown_name(capsys: pytest.CaptureFixture[str]) -> None:
    Library(Paths.default()).save_workout(HILLS)
    refused(*run(capsys, "--export", "Hils"), "no workout called 'Hils'", 'did you mean "Hills"')


def test_export_never_writes_over_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    Library(Paths.default()).save_workout(HILLS)
    there = tmp_path / "there.toml"
    there.write_text("mine")
    refused(*run(capsys, "--export", "Hills", "-o", str(there)), "already exists")
    assert there.read_text() == "mine"
    refused(
        *run(capsys, "--export", "Hills", "-o", str(tmp_path / "no" / "x.toml")), "no such folder"
    )
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["-o", "x.toml"], ["-o FILE goes with --export"]),
        (["--as", "X"], ["--as NAME goes with --import"]),
        (["--export", "A", "--import", "b.toml"], ["not allowed with"]),
        (["--json", "--export", "A"], ["not allowed with"]),
    ],
)
def test_options_that_do_not_go_together(
    capsys: pytest.CaptureFixture[str], argv: list[str], words: list[str]
) -> None:
    refused(*run(capsys, *argv), *words)
