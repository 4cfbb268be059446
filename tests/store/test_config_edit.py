"""Saving settings edits config.toml: only what changed, everything else kept as it was."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from backrun_tui.model.kinds import Units
from backrun_tui.store.config import Config, SoundConfig, load_config, load_config_checked
from backrun_tui.store.config_edit import HEADER, backup_path, save_config
from backrun_tui.store.errors import StoreError

HAND_WRITTEN = """\
# My treadmill settings. Do not lose this comment.
units = "metric"      # the gym's belt shows km/h
weight_kg = 70        # weighed in November

future_setting = "kept"   # a key this backrun does not know

[sound]
# I like it loud
volume = 80
mystery = [1, 2, 3]
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_comments_unknown_keys_and_layout_are_kept(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", HAND_WRITTEN)
    config, _ = load_config_checked(path)
    saved = save_config(path, replace(config, sound=replace(config.sound, volume=95)))
    assert saved.changed == ["sound.volume"]
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN.replace("volume = 80", "volume = 95")


def test_only_changed_keys_are_written(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", HAND_WRITTEN)
    config, _ = load_config_checked(path)
    new = replace(config, units=Units.IMPERIAL, sound=replace(config.sound, voice=False))
    saved = save_config(path, new)
    assert saved.changed == ["units", "sound.voice"]
    text = path.read_text(encoding="utf-8")
    assert 'units = "imperial"      # the gym\'s belt shows km/h' in text
    assert "voice = false" in text
    for absent in ("backward_energy_factor", "get_ready_s", "keep_awake", "theme", "halfway"):
        assert absent not in text
    assert "# I like it loud" in text and 'future_setting = "kept"' in text
    assert load_config_checked(path)[0] == new


def test_a_key_at_its_default_that_was_absent_stays_absent(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", 'units = "imperial"\n')
    saved = save_config(path, Config(units=Units.IMPERIAL, get_ready_s=20))
    assert saved.changed == ["get_ready_s"]
    assert path.read_text(encoding="utf-8") == 'units = "imperial"\nget_ready_s = 20\n'


def test_a_key_set_back_to_its_default_is_written_not_dropped(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", "[sound]\nvolume = 30 # quiet flat\n")
    save_config(path, Config())
    assert path.read_text(encoding="utf-8") == "[sound]\nvolume = 80 # quiet flat\n"


def test_clearing_the_weight_removes_its_key(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", "weight_kg = 70\nget_ready_s = 5\n")
    assert save_config(path, Config(get_ready_s=5)).changed == ["weight_kg"]
    assert path.read_text(encoding="utf-8") == "get_ready_s = 5\n"


def test_a_new_file_has_the_header_and_the_changed_keys(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "config.toml"
    config = Config(weight_kg=81.5, sound=SoundConfig(volume=40), theme="nord")
    saved = save_config(path, config)
    assert saved.changed == ["weight_kg", "theme", "sound.volume"]
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"# {HEADER}\n")
    assert load_config(path) == config


def test_new_keys_go_in_the_right_tables(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", "[sound]\nvolume = 50\n")
    config = Config(keep_awake=False, sound=SoundConfig(volume=50, halfway=False))
    save_config(path, config)
    assert load_config(path) == config
    text = path.read_text(encoding="utf-8")
    assert text.index("keep_awake") < text.index("[sound]") < text.index("halfway")


def test_bad_values_are_replaced_by_the_ones_in_use(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", "# keep me\n[sound]\nvolume = 500 # too loud\n")
    config, problems = load_config_checked(path)
    assert len(problems) == 1
    saved = save_config(path, config)
    assert saved.changed == ["sound.volume"]
    assert path.read_text(encoding="utf-8") == "# keep me\n[sound]\nvolume = 80 # too loud\n"


def test_a_sound_that_is_not_a_table_becomes_one(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", "sound = 5\n")
    save_config(path, Config(sound=SoundConfig(voice=False)))
    assert load_config_checked(path) == (Config(sound=SoundConfig(voice=False)), [])


def test_the_write_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "config.toml", HAND_WRITTEN)

    def fail(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        save_config(path, Config(units=Units.IMPERIAL, weight_kg=70))
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.toml"]


def test_a_bad_value_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", HAND_WRITTEN)
    with pytest.raises(ValueError, match=r"backward_energy_factor"):
        save_config(path, Config(backward_energy_factor=2.5))
    with pytest.raises(ValueError, match=r'theme: no theme called "neon"'):
        save_config(path, Config(theme="neon"), themes=["backrun-dark", "nord"])
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN


def test_a_file_that_does_not_parse_is_kept_as_bak(tmp_path: Path) -> None:
    broken = "units = metric\n# my notes\n"
    path = write(tmp_path / "config.toml", broken)
    saved = save_config(path, Config(units=Units.IMPERIAL))
    assert saved.backup == backup_path(path) == tmp_path / "config.toml.bak"
    assert (tmp_path / "config.toml.bak").read_text(encoding="utf-8") == broken
    assert load_config_checked(path) == (Config(units=Units.IMPERIAL), [])


def test_a_copy_is_kept_when_asked(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", "[sound]\nvolume = 500\n")
    saved = save_config(path, Config(), backup=True)
    assert saved.backup is not None
    assert saved.backup.read_text(encoding="utf-8") == "[sound]\nvolume = 500\n"
    assert path.read_text(encoding="utf-8") == "[sound]\nvolume = 80\n"


def test_no_copy_without_a_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    saved = save_config(path, Config(units=Units.IMPERIAL), backup=True)
    assert saved.backup is None
    assert not backup_path(path).exists()


def test_a_file_that_cannot_be_copied_is_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    os.mkfifo(path)
    with pytest.raises((OSError, StoreError), match="named pipe"):
        save_config(path, Config(units=Units.IMPERIAL))
    assert not backup_path(path).exists()


def test_saving_what_the_file_already_says_writes_nothing(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", HAND_WRITTEN)
    before = path.stat().st_mtime_ns
    config, _ = load_config_checked(path)
    assert save_config(path, config).changed == []
    assert path.stat().st_mtime_ns == before


def test_an_unknown_theme_in_the_file_is_a_named_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", 'units = "imperial"\ntheme = "nrod"\n')
    config, problems = load_config_checked(path, themes=["backrun-dark", "nord"])
    assert config == Config(units=Units.IMPERIAL)
    assert [str(p) for p in problems] == [
        f'{path}: line 2: theme: no theme called "nrod" — did you mean "nord"?'
    ]
