from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from backrun_tui.model.kinds import Units
from backrun_tui.model.totals import EnergyModel
from backrun_tui.store.config import (
    Config,
    SoundConfig,
    load_config,
    load_config_checked,
)
from backrun_tui.store.config_edit import save_config
from backrun_tui.store.errors import StoreError


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def load_error(tmp_path: Path, text: str) -> StoreError:
    path = write(tmp_path / "config.toml", text)
    with pytest.raises(StoreError) as caught:
        load_config(path)
    assert caught.value.path == path
    return caught.value


def test_missing_file_means_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path / "nope" / "config.toml")
    assert config == Config()
    assert config.units is Units.METRIC
    assert config.weight_kg is None
    assert config.backward_energy_factor == 1.3
    assert config.sound == SoundConfig(True, True, 80, 10, True, True)
    assert not (tmp_path / "nope").exists()


def test_reads_every_setting(tmp_path: Path) -> None:
    path = write(
        tmp_path / "config.toml",
        'units = "Imperial"\nweight_kg = 72\nbackward_energy_factor = 1.25\n'
        "[sound]\nenabled = false\nvoice = false\nvolume = 35\nturnaround_warning_s = 0\n"
        "countdown = false\nhalfway = false\n",
    )
    assert load_config(path) == Config(
        units=Units.IMPERIAL,
        weight_kg=72.0,
        backward_energy_factor=1.25,
        sound=SoundConfig(False, False, 35, 0, False, False),
    )


def test_energy_model_follows_the_settings() -> None:
    config = Config(weight_kg=64.5, backward_energy_factor=1.4)
    assert config.energy_model() == EnergyModel(weight_kg=64.5, backward_factor=1.4)


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "config.toml"
    config = Config(Units.IMPERIAL, 81.5, 1.7, SoundConfig(True, False, 0, 60, False, True))
    save_config(path, config)
    assert load_config(path) == config


def test_weight_is_left_out_when_unknown(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    save_config(path, Config(units=Units.IMPERIAL))
    assert "weight_kg" not in path.read_text()
    assert load_config(path) == Config(units=Units.IMPERIAL)


def test_saving_the_defaults_makes_no_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    assert save_config(path, Config()).changed == []
    assert not path.exists()


def test_save_refuses_what_load_would_refuse(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    with pytest.raises(ValueError, match=r"sound\.volume"):
        save_config(path, Config(sound=SoundConfig(volume=101)))
    assert not path.exists()


def test_bad_units_name_the_key_and_line(tmp_path: Path) -> None:
    error = load_error(tmp_path, '# mine\nunits = "furlongs"\n')
    assert error.reason == 'units: expected "metric" or "imperial", got "furlongs"'
    assert error.line == 2


def test_bad_weight(tmp_path: Path) -> None:
    error = load_error(tmp_path, "\n\nweight_kg = -3\n")
    assert str(error).endswith(
        "line 3: weight_kg: expected a number between 20 and 400 (kg), got -3"
    )


@pytest.mark.parametrize("value", ["true", '"70"', "nan", "401", "19.9"])
def test_weight_must_be_a_plausible_number(tmp_path: Path, value: str) -> None:
    error = load_error(tmp_path, f"weight_kg = {value}\n")
    assert error.reason.startswith("weight_kg: expected a number between 20 and 400 (kg), got")


@pytest.mark.parametrize("value", ["0.99", "2.01", '"1.3"'])
def test_backward_factor_bounds(tmp_path: Path, value: str) -> None:
    error = load_error(tmp_path, f"backward_energy_factor = {value}\n")
    assert error.reason.startswith(
        "backward_energy_factor: expected a number between 1.0 and 2.0, got"
    )
    assert error.line == 1


def test_backward_factor_bounds_are_inclusive(tmp_path: Path) -> None:
    for value in (1.0, 2.0):
        path = write(tmp_path / "config.toml", f"backward_energy_factor = {value}\n")
        assert load_config(path).backward_energy_factor == value


def test_bad_volume_points_inside_the_sound_table(tmp_path: Path) -> None:
    # A top-level `volume` would be an unknown key; the scan must find the one in [sound].
    error = load_error(tmp_path, 'units = "metric"\n\n[sound]\nvoice = true\nvolume = 150\n')
    assert error.reason == "sound.volume: expected a whole number between 0 and 100, got 150"
    assert error.line == 5


def test_volume_must_be_whole(tmp_path: Path) -> None:
    error = load_error(tmp_path, "[sound]\nvolume = 50.5\n")
    assert "got 50.5" in error.reason


def test_turnaround_warning_bounds(tmp_path: Path) -> None:
    error = load_error(tmp_path, "sound.turnaround_warning_s = 61\n")
    assert error.reason.startswith("sound.turnaround_warning_s: expected a whole number between 0")
    assert error.line == 1


def test_flags_must_be_booleans(tmp_path: Path) -> None:
    error = load_error(tmp_path, 'sound = { enabled = "yes" }\n')
    assert error.reason == 'sound.enabled: expected true or false, got "yes"'
    assert error.line == 1


def test_sound_must_be_a_table(tmp_path: Path) -> None:
    error = load_error(tmp_path, "sound = 3\n")
    assert error.reason.startswith("sound: expected a table")


def test_unknown_key_suggests_the_close_one(tmp_path: Path) -> None:
    error = load_error(tmp_path, 'unit = "metric"\n')
    assert error.reason == 'unit: unknown key — did you mean "units"?'
    assert error.line == 1


def test_unknown_key_in_sound_table(tmp_path: Path) -> None:
    error = load_error(tmp_path, "[sound]\nvolumme = 3\n")
    assert error.reason == 'sound.volumme: unknown key — did you mean "volume"?'
    assert error.line == 2


def test_unknown_table_without_a_close_match(tmp_path: Path) -> None:
    error = load_error(tmp_path, "[display]\ntheme = 1\n")
    assert error.reason.startswith("display: unknown key (expected one of: units, weight_kg")
    assert error.line == 1


def test_syntax_error_has_the_line(tmp_path: Path) -> None:
    error = load_error(tmp_path, 'units = "metric"\nweight_kg = = 70\n')
    assert error.line == 2
    assert error.reason.startswith("invalid TOML: ")


def test_bad_file_is_left_alone(tmp_path: Path) -> None:
    text = 'units = "furlongs"\n'
    path = write(tmp_path / "config.toml", text)
    with pytest.raises(StoreError):
        load_config(path)
    assert path.read_text() == text


def test_a_number_too_large_for_a_float_is_called_that(tmp_path: Path) -> None:
    error = load_error(tmp_path, "weight_kg = 1e400\n")
    assert error.reason == (
        "weight_kg: expected a number between 20 and 400 (kg), got too large a number"
    )


# --- every problem, and the defaults only where they are ----------------------------------

BROKEN = """\
units = "imperial"
unit = "metric"
weight_kg = 1e400
backward_energy_factor = 1.5

[sound]
volume = 150
voice = false
volumme = 3
countdown = "yes"
"""


def test_every_problem_is_named_once_and_the_good_settings_are_kept(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", BROKEN)
    config, problems = load_config_checked(path)
    assert config == Config(
        units=Units.IMPERIAL,
        weight_kg=None,
        backward_energy_factor=1.5,
        sound=SoundConfig(voice=False),
    )
    assert [(p.path, p.line, p.reason.split(":")[0]) for p in problems] == [
        (path, 2, "unit"),
        (path, 3, "weight_kg"),
        (path, 7, "sound.volume"),
        (path, 9, "sound.volumme"),
        (path, 10, "sound.countdown"),
    ]
    assert path.read_text() == BROKEN


def test_load_config_still_raises_the_first_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", BROKEN)
    with pytest.raises(StoreError) as caught:
        load_config(path)
    assert (caught.value.line, caught.value.reason) == (
        2,
        'unit: unknown key — did you mean "units"?',
    )


def test_a_sound_that_is_not_a_table_is_one_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", 'sound = 3\nunits = "imperial"\n')
    config, problems = load_config_checked(path)
    assert config == Config(units=Units.IMPERIAL)
    assert [(p.line, p.reason) for p in problems] == [
        (1, "sound: expected a table ([sound]), got 3")
    ]


def test_a_file_that_does_not_parse_is_the_defaults_and_one_problem(tmp_path: Path) -> None:
    text = 'units = "imperial"\nweight_kg = = 70\n'
    path = write(tmp_path / "config.toml", text)
    config, problems = load_config_checked(path)
    assert config == Config()
    assert [(p.path, p.line) for p in problems] == [(path, 2)]
    assert problems[0].reason.startswith("invalid TOML: ")
    assert path.read_text() == text


def test_no_file_is_the_defaults_and_no_problem(tmp_path: Path) -> None:
    assert load_config_checked(tmp_path / "config.toml") == (Config(), [])
    assert not (tmp_path / "config.toml").exists()


def test_a_good_file_has_no_problem(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    config = Config(Units.IMPERIAL, 81.5, 1.7, SoundConfig(True, False, 0, 60, False, True))
    save_config(path, config)
    assert load_config_checked(path) == (config, [])


def test_a_setting_typed_in_is_checked_as_the_file_would_be() -> None:
    from backrun_tui.store.config import value_from_text, with_setting
    from backrun_tui.store.tomlfile import FieldError

    config = Config(weight_kg=70)
    assert with_setting(config, "sound.volume", value_from_text(" 55 ")).sound.volume == 55
    assert with_setting(config, "weight_kg", value_from_text("72.5")).weight_kg == 72.5
    assert with_setting(config, "weight_kg", value_from_text("")).weight_kg is None
    assert with_setting(config, "keep_awake", False).keep_awake is False
    refused = [
        ("weight_kg", "25h", 'weight_kg: expected a number between 20 and 400 (kg), got "25h"'),
        ("get_ready_s", "", "get_ready_s: expected a value, got nothing"),
        ("get_ready_s", "1.5", "get_ready_s: expected a whole number between 0 and 120"),
        ("sound.volume", "-1", "sound.volume: expected a whole number between 0 and 100"),
        ("backward_energy_factor", "1e3", "backward_energy_factor: expected a number between"),
    ]
    for key, text, message in refused:
        with pytest.raises(FieldError) as caught:
            with_setting(config, key, value_from_text(text))
        assert str(caught.value).startswith(message), (key, text)
    with pytest.raises(FieldError, match='theme: no theme called "neon"'):
        with_setting(config, "theme", "neon", themes=["backrun-dark"])
    assert with_setting(config, "theme", "neon") == replace(config, theme="neon")
