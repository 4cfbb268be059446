"""What `pip install .` gives a user: every package, the presets, styles and sounds."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_is_listed_for_the_wheel() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "backrun_tui").rglob("__init__.py")
    }
    assert found | {"backrun_tui.sounds"} == listed


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", str(ROOT), "-w", str(out)],
        check=True,
        capture_output=True,
    )
    [built] = out.glob("backrun_tui-*.whl")
    return built


def test_the_wheel_carries_sounds_presets_and_styles(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    wavs = [n for n in names if n.startswith("backrun_tui/sounds/") and n.endswith(".wav")]
    assert len(wavs) == len(list((ROOT / "sounds").glob("*.wav")))
    assert len([n for n in names if n.startswith("backrun_tui/presets/")]) >= 5
    for style in (ROOT / "backrun_tui").rglob("*.tcss"):
        assert style.relative_to(ROOT).as_posix() in names


def test_doctor_in_a_fresh_venv_finds_the_sounds(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    install = subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stderr[-2000:]
    done = subprocess.run(
        [str(bin_dir / "backrun"), "doctor"],
        capture_output=True,
        text=True,
        cwd=tmp_path,  # not the source tree: the installed package must carry its sounds
        env={**os.environ, "BACKRUN_HOME": str(tmp_path / "home")},
        timeout=120,
    )
    sounds = [line for line in done.stdout.splitlines() if line.startswith("sound files")]
    assert sounds, done.stdout
    shipped = len(list((ROOT / "sounds").glob("*.wav")))
    assert sounds[0].startswith(f"sound files     ok: {shipped} clips in ")
    assert str(env_dir) in sounds[0]
