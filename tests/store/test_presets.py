from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from backrun_tui.model.kinds import Kind
from backrun_tui.model.notation import format_plan
from backrun_tui.model.plan import Workout
from backrun_tui.store.workouts import WorkoutEntry, builtin_workouts, validate_name

MAX_PRESET_SECONDS = 45 * 60


def preset(name_part: str) -> Workout:
    matches = [e.workout for e in builtin_workouts() if name_part in e.workout.name.lower()]
    assert len(matches) == 1, name_part
    return matches[0]


def backward_intervals(workout: Workout) -> list[tuple[float, float | None]]:
    """(speed in km/h, incline) of every backward step."""
    result = []
    for step in workout.plan.steps():
        if step.kind is Kind.BACKWARD:
            assert step.interval.speed is not None
            result.append((step.interval.speed.kmh, step.interval.incline_pct))
    return result


def test_five_presets_read_as_package_resources() -> None:
    files = [r.name for r in resources.files("backrun_tui.presets").iterdir()]
    assert len([f for f in files if f.endswith(".toml")]) == 5
    entries = builtin_workouts()
    assert len(entries) == 5
    assert all(e.builtin and e.path is None for e in entries)
    assert len({e.workout.name for e in entries}) == 5


@pytest.mark.parametrize("entry", builtin_workouts(), ids=lambda e: e.workout.name)
def test_each_preset_is_sound(entry: WorkoutEntry) -> None:
    workout = entry.workout
    assert validate_name(workout.name) is None
    assert 0 < workout.plan.total_seconds <= MAX_PRESET_SECONDS
    assert 40 <= len(workout.description) <= 300
    assert backward_intervals(workout), "every preset has backward intervals"
    steps = workout.plan.steps()
    assert steps[0].kind is Kind.WARMUP
    assert all(s.interval.speed is not None for s in steps), "the treadmill needs a target"


def test_presets_are_written_in_canonical_notation() -> None:
    for resource in resources.files("backrun_tui.presets").iterdir():
        if resource.name.endswith(".toml"):
            data = tomllib.loads(resource.read_text(encoding="utf-8"))
            workout = preset(data["name"].lower())
            assert data["plan"] == format_plan(workout.plan), resource.name


def test_backward_walk_warm_up_is_short_and_slow() -> None:
    workout = preset("warm-up")
    assert workout.plan.total_seconds <= 15 * 60
    assert all(3.0 <= kmh <= 4.0 for kmh, _ in backward_intervals(workout))


def test_reverse_jog_cues_the_glutes() -> None:
    workout = preset("glute")
    backward = [s.interval for s in workout.plan.steps() if s.kind is Kind.BACKWARD]
    assert all("glutes" in i.label and "toe to heel" in i.label for i in backward)


def test_uphill_walk_climbs_backward() -> None:
    inclines = [incline for _, incline in backward_intervals(preset("uphill"))]
    assert all(incline is not None and 5 <= incline <= 10 for incline in inclines)
    assert all(kmh <= 4.0 for kmh, _ in backward_intervals(preset("uphill")))


def test_advanced_is_harder_than_beginner() -> None:
    beginner, advanced = preset("beginner"), preset("advanced")
    rounds = [len(backward_intervals(w)) for w in (beginner, advanced)]
    top_speed = [max(kmh for kmh, _ in backward_intervals(w)) for w in (beginner, advanced)]
    assert rounds[1] > rounds[0]
    assert top_speed[1] > top_speed[0]
    assert any(incline for _, incline in backward_intervals(advanced))
