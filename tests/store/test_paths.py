from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from backrun_tui.store.paths import Paths


def test_backrun_home_holds_everything(backrun_home: Path) -> None:
    paths = Paths.default()
    assert paths.config_file == backrun_home / "config.toml"
    assert paths.workouts_dir == backrun_home / "workouts"
    assert paths.sessions_dir == backrun_home / "sessions"
    assert paths.config_dir == paths.data_dir == backrun_home


def test_nothing_is_created(backrun_home: Path) -> None:
    paths = Paths.default()
    _ = (paths.config_file, paths.workouts_dir, paths.sessions_dir)
    assert not backrun_home.exists()


def test_platform_dirs_without_backrun_home(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BACKRUN_HOME")
    paths = Paths.default()
    config_dir = Path(platformdirs.user_config_dir("backrun", appauthor=False))
    data_dir = Path(platformdirs.user_data_dir("backrun", appauthor=False))
    assert paths.config_file == config_dir / "config.toml"
    assert paths.workouts_dir == data_dir / "workouts"
    assert paths.sessions_dir == data_dir / "sessions"


def test_empty_backrun_home_counts_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKRUN_HOME", "")
    config_dir = Path(platformdirs.user_config_dir("backrun", appauthor=False))
    assert Paths.default().config_dir == config_dir


def test_relative_home_is_made_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A later chdir must not move the user's files.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BACKRUN_HOME", "portable")
    assert Paths.default().data_dir == tmp_path / "portable"


def test_under_an_explicit_folder(tmp_path: Path) -> None:
    paths = Paths.under(tmp_path / "elsewhere")
    assert paths.config_file == tmp_path / "elsewhere" / "config.toml"
    assert paths.workouts_dir == tmp_path / "elsewhere" / "workouts"
