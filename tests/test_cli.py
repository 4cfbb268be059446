"""The command line as SPEC.md says: outputs, exit codes, one-line errors, nothing written."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from backrun_tui import __version__
from backrun_tui.cli import main

BACKRUN = Path(sys.executable).with_name("backrun")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def plan_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    code, out, err = run(capsys, "plan", *argv, "--json")
    assert (code, err) == (0, "")
    data: dict[str, object] = json.loads(out)
    return data


def test_plan_json_fields_and_steps(capsys: pytest.CaptureFixture[str]) -> None:
    data = plan_json(capsys, '5m wu @5, 2x(1m BWD @6 2% "push", 2m run @9), 5m cd')
    assert data["notation"] == (
        '5m warmup @5kph, 2x(1m back @6kph 2% "push", 2m fwd @9kph), 5m cooldown'
    )
    assert {k: data[k] for k in data if k != "steps" and k != "notation"} == {
        "total_seconds": 960,
        "backward_seconds": 120,
        "forward_seconds": 240,
        "other_seconds": 600,
        "direction_changes": 4,
        # 5 km/h for 5 min + 2 x (6 km/h for 1 min + 9 km/h for 2 min)
        "distance_km": round(5 * 5 / 60 + 2 * (6 / 60 + 9 * 2 / 60), 3),
        "energy_kcal": None,  # no body weight: never invent a number
    }
    steps = data["steps"]
    assert isinstance(steps, list)
    assert steps[1] == {
        "index": 2,
        "kind": "backward",
        "seconds": 60,
        "speed_kmh": 6.0,
        "incline_pct": 2.0,
        "label": "push",
        "round": [1, 2],
    }
    assert steps[4]["round"] == [2, 2]
    assert steps[0]["round"] is None and steps[5]["speed_kmh"] is None
    assert [s["index"] for s in steps] == [1, 2, 3, 4, 5, 6]


def test_energy_matches_the_acsm_equations_by_hand(capsys: pytest.CaptureFixture[str]) -> None:
    # Backward walk, 6 km/h (S = 100 m/min), 5 % incline, 70 kg, 10 min:
    # VO2 = (3.5 + 0.1*100 + 1.8*100*0.05) * 1.3 = 29.25; kcal = 29.25*70*10*5/1000 = 102.375
    data = plan_json(capsys, "10m back @6 5%", "--weight", "70")
    assert data["energy_kcal"] == 102.4
    assert data["distance_km"] == 1.0
    # Forward run, 12 km/h (S = 200): VO2 = 3.5 + 0.2*200 = 43.5; 43.5*70*30*5/1000 = 456.75
    data = plan_json(capsys, "30m fwd @12kph", "--weight", "70")
    assert (data["energy_kcal"], data["distance_km"]) == (456.8, 6.0)
    # 6.5 km/h is already the running equation: S = 108.33.., VO2 = 3.5 + 21.666.. = 25.1666..
    # kcal = 25.1666.. * 60 * 6 * 5 / 1000 = 45.3
    data = plan_json(capsys, "6m fwd @6.5", "--weight", "60")
    assert data["energy_kcal"] == 45.3


def test_mph_speeds_are_converted_and_json_is_metric(capsys: pytest.CaptureFixture[str]) -> None:
    data = plan_json(capsys, "1h fwd @6", "--units", "imperial")
    assert data["notation"] == "1h fwd @6mph"
    assert data["distance_km"] == round(6 * 1.609344, 3)


def test_weight_comes_from_the_config_file(
    capsys: pytest.CaptureFixture[str], backrun_home: Path
) -> None:
    backrun_home.mkdir()
    (backrun_home / "config.toml").write_text("weight_kg = 70\n", encoding="utf-8")
    assert plan_json(capsys, "10m back @6 5%")["energy_kcal"] == 102.4


def test_no_speed_means_no_distance(capsys: pytest.CaptureFixture[str]) -> None:
    data = plan_json(capsys, "10m rest", "--weight", "70")
    assert (data["distance_km"], data["energy_kcal"]) == (None, None)


def test_plan_text_shows_steps_and_totals(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "plan", "2x(1m back @6, 2m fwd @9)", "--weight", "70")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "2x(1m back @6kph, 2m fwd @9kph)"
    assert any(line.startswith("2  forward") and "9.0 km/h" in line for line in lines)
    assert "turns     3 direction changes" in lines
    assert "backward  2:00 (33 %)" in lines


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["plan", "5m warmup, 6x(1m bak)"],
            "backrun: plan: column 18: expected a kind (warmup, back, fwd, rest, cooldown), "
            'got "bak" — did you mean "back"?',
        ),
        (["plan"], "backrun: the following arguments are required: NOTATION"),
        (["plan", "1m back", "--weight", "5"], "backrun: argument --weight: expected a weight"),
        (["plan", "1m back", "--units", "furlongs"], "backrun: argument --units: invalid choice"),
        (["fly"], "backrun: argument COMMAND: invalid choice: 'fly'"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], backrun_home: Path, argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.startswith(message)
    assert err.count("\n") == 1
    assert not backrun_home.exists()  # nothing written


def test_a_bad_config_is_named_and_the_command_goes_on_with_defaults(
    capsys: pytest.CaptureFixture[str], backrun_home: Path
) -> None:
    backrun_home.mkdir()
    config = backrun_home / "config.toml"
    config.write_text('units = "metric"\nweight_kg = -3\n', encoding="utf-8")
    code, out, err = run(capsys, "plan", "1m back")
    assert code == 0
    assert err.startswith(f"backrun: {config}: line 2: weight_kg")
    assert "1m back" in out
    assert config.read_text(encoding="utf-8") == 'units = "metric"\nweight_kg = -3\n'


def test_workouts_lists_presets_and_saved(
    capsys: pytest.CaptureFixture[str], backrun_home: Path
) -> None:
    folder = backrun_home / "workouts"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(
        'schema_version = 1\nname = "Mine"\nplan = "2x(1m back, 1m fwd)"\n', encoding="utf-8"
    )
    (folder / "broken.toml").write_text('name = "Broken\n', encoding="utf-8")
    code, out, err = run(capsys, "workouts", "--json")
    assert code == 0
    data = json.loads(out)
    names = [w["name"] for w in data]
    assert names[0] == "Mine" and len(names) == 6
    assert data[0]["builtin"] is False and data[0]["file"] == str(folder / "mine.toml")
    assert data[0]["direction_changes"] == 3
    assert all(w["builtin"] for w in data[1:])
    assert err.startswith(f"backrun: skipped {folder / 'broken.toml'}: line 1")
    code, out, _ = run(capsys, "workouts")
    assert "Mine" in out and "built-in" in out


def terminal_cells(text: str) -> int:
    """Columns `text` takes in a terminal, as wcwidth counts them for these names: wide and
    fullwidth characters two, combining marks none."""
    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        for char in text
    )


def test_workouts_columns_line_up_after_wide_names(
    capsys: pytest.CaptureFixture[str], backrun_home: Path
) -> None:
    folder = backrun_home / "workouts"
    folder.mkdir(parents=True)
    names = ["🏃 Dawn hills", "東京 backward ladder", "Cafe\u0301 loop", "ＦＵＬＬ width"]
    for number, name in enumerate(names):
        (folder / f"w{number}.toml").write_text(
            f'schema_version = 1\nname = "{name}"\nplan = "2x(1m back, 1m fwd)"\n',
            encoding="utf-8",
        )

    code, out, _ = run(capsys, "workouts")
    heading, *rows = out.splitlines()

    assert code == 0
    assert [row for row in rows if row.startswith(tuple(names))] == rows[: len(names)]
    # Every column after the name starts at the same terminal column on every line.
    starts = {starts_of(row, r"built-in|saved", r"\d+:\d\d", r"\d+ %", r"\d+$") for row in rows}
    assert len(starts) == 1, starts
    assert starts_of(heading, r"\btime\b", r"\bbackward\b", r"\bturns\b") == next(iter(starts))[1:]


def starts_of(line: str, *patterns: str) -> tuple[int, ...]:
    """The terminal column where each pattern first matches in `line`."""
    starts = []
    for pattern in patterns:
        found = re.search(pattern, line)
        assert found is not None, (pattern, line)
        starts.append(terminal_cells(line[: found.start()]))
    return tuple(starts)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"backrun {__version__}\n"


def test_installed_console_script(backrun_home: Path) -> None:
    env = {**os.environ, "BACKRUN_HOME": str(backrun_home)}
    done = subprocess.run(
        [str(BACKRUN), "plan", "1m back @6", "--json"], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["notation"] == "1m back @6kph"
    done = subprocess.run(
        [str(BACKRUN), "plan", "1m back @99"], capture_output=True, text=True, env=env
    )
    assert done.returncode == 2
    assert done.stderr.startswith("backrun: plan: column 10: ")
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["run", "No such workout"], "backrun: no workout called 'No such workout'"),
        (["run"], "backrun: give a workout's name or file, or --plan NOTATION"),
        (["run", "x", "--plan", "1m back"], "backrun: give a workout or --plan NOTATION, not both"),
        (["run", ""], "backrun: give a workout's name or file (see"),
        (["run", "--plan", "1m bak"], "backrun: plan: column 4: expected a kind"),
        (["run", "--plan", "1m back", "--time-scale", "0"], "backrun: argument --time-scale"),
        (["run", "--plan", "1m back", "--time-scale", "1001"], "backrun: argument --time-scale"),
        (["run", "missing.toml"], "backrun: missing.toml: no such file"),
    ],
)
def test_run_bad_input_exits_2_before_any_screen(
    capsys: pytest.CaptureFixture[str], backrun_home: Path, argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.startswith(message), err
    assert err.count("\n") == 1
