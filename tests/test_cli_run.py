"""The command line around a run: what to run, how, and the hints when it is not right."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backrun_tui.cli import main
from backrun_tui.cli_parser import KG_PER_LB


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_an_unknown_workout_gets_a_did_you_mean(
    capsys: pytest.CaptureFixture[str], backrun_home: Path
) -> None:
    code, out, err = run(capsys, "run", "Beginer backward intervals")
    assert (code, out) == (2, "")
    assert err == (
        "backrun: no workout called 'Beginer backward intervals' — "
        'did you mean "Beginner backward/forward intervals"?\n'
    )


@pytest.mark.parametrize(
    ("weight", "kg"),
    [("70", 70.0), ("70kg", 70.0), ("154lb", 154 * KG_PER_LB), ("154 LBS", 154 * KG_PER_LB)],
)
def test_weight_in_kg_or_pounds(capsys: pytest.CaptureFixture[str], weight: str, kg: float) -> None:
    code, out, _ = run(capsys, "plan", "10m fwd @9", "--json", "--weight", weight)
    assert code == 0
    # Running at 9 km/h (S = 150 m/min): VO2 = 3.5 + 0.2 * 150 = 33.5 ml/kg/min.
    assert json.loads(out)["energy_kcal"] == round(33.5 * kg * 10 * 5 / 1000, 1)


@pytest.mark.parametrize("weight", ["７０", "70 stone", "1e400", "nan", "", "19", "401kg", "900lb"])
def test_a_weight_that_is_not_one_is_refused(
    capsys: pytest.CaptureFixture[str], weight: str
) -> None:
    code, out, err = run(capsys, "plan", "10m fwd @9", "--weight", weight)
    assert (code, out) == (2, "")
    assert err.startswith("backrun: argument --weight: expected a weight")
    assert err.count("\n") == 1


@pytest.mark.parametrize("seconds", ["-1", "121", "1.5", "ten", "１０"])
def test_get_ready_takes_whole_seconds(capsys: pytest.CaptureFixture[str], seconds: str) -> None:
    code, out, err = run(capsys, "run", "--plan", "1m back", "--get-ready", seconds)
    assert (code, out) == (2, "")
    assert err.startswith("backrun: argument --get-ready: expected")


def test_a_bare_speed_in_a_workout_file_is_kmh_whatever_the_units(
    capsys: pytest.CaptureFixture[str], backrun_home: Path
) -> None:
    (backrun_home / "workouts").mkdir(parents=True)
    (backrun_home / "config.toml").write_text('units = "imperial"\n', encoding="utf-8")
    (backrun_home / "workouts" / "mine.toml").write_text(
        'schema_version = 1\nname = "Mine"\nplan = "1m back @6"\n', encoding="utf-8"
    )
    code, out, err = run(capsys, "workouts", "--json")
    assert (code, err) == (0, "")
    [mine] = [w for w in json.loads(out) if w["name"] == "Mine"]
    assert mine["steps"][0]["speed_kmh"] == 6.0
    assert mine["notation"] == "1m back @6kph"
    # ...while a plan typed on the command line is in the user's units.
    code, out, err = run(capsys, "plan", "1m back @6", "--json")
    assert json.loads(out)["steps"][0]["speed_kmh"] == pytest.approx(6 * 1.609344, rel=1e-3)
