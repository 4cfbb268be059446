"""`backrun doctor`: plain answers, exit 0 when all is well and 1 when not."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.alsa import CAPTURE_RC, NO_DEVICE_RC, alsa_home

BACKRUN = Path(sys.executable).with_name("backrun")


def doctor(tmp_path: Path, backrun_home: Path, rc: str, *args: str) -> tuple[int, str]:
    home = alsa_home(tmp_path, rc)
    env = {**os.environ, "HOME": str(home), "BACKRUN_HOME": str(backrun_home)}
    done = subprocess.run(
        [str(BACKRUN), "doctor", *args], capture_output=True, text=True, env=env, timeout=120
    )
    assert "Traceback" not in done.stderr
    return done.returncode, done.stdout


def line(output: str, name: str) -> str:
    [found] = [row for row in output.splitlines() if row.startswith(name)]
    return found


def test_all_well_and_every_cue_played(tmp_path: Path, backrun_home: Path) -> None:
    capture = tmp_path / "capture.raw"
    code, out = doctor(tmp_path, backrun_home, CAPTURE_RC.format(capture=capture), "--play")
    assert code == 0, out
    assert out.splitlines()[0].startswith("backrun ")
    assert "textual " in out.splitlines()[1]
    assert line(out, "sound files").startswith("sound files     ok: ")
    assert line(out, "audio").startswith("audio           ok: simpleaudio")
    played = [row.strip() for row in out.splitlines() if row.startswith("  playing ")]
    assert played == [
        "playing start: warm-up",
        "playing start: backward",
        "playing start: forward",
        "playing start: rest",
        "playing start: cool-down",
        "playing get ready",
        "playing turn-around warning",
        "playing 3",
        "playing 2",
        "playing 1",
        "playing halfway",
        "playing finish",
    ]
    assert out.rstrip().endswith("all well")
    assert capture.stat().st_size > 100_000  # seconds of sound reached the device
    assert not backrun_home.exists()  # a check, not a change


def test_a_bad_settings_file_is_a_problem_with_its_place(
    tmp_path: Path, backrun_home: Path
) -> None:
    backrun_home.mkdir()
    config = backrun_home / "config.toml"
    config.write_text("[sound]\nvolume = 300\n", encoding="utf-8")
    capture = tmp_path / "capture.raw"
    code, out = doctor(tmp_path, backrun_home, CAPTURE_RC.format(capture=capture))
    assert code == 1
    assert line(out, "settings   ").startswith(f"settings        PROBLEM: {config}: line 2: ")
    assert "sound.volume" in line(out, "settings   ")
    assert out.rstrip().endswith("1 problem: backrun still runs sessions, but see above.")


def test_no_sound_device_is_a_problem_that_says_what_happens(
    tmp_path: Path, backrun_home: Path
) -> None:
    code, out = doctor(tmp_path, backrun_home, NO_DEVICE_RC, "--play")
    assert code == 1
    audio = line(out, "audio")
    assert audio.startswith("audio           PROBLEM: the sound device failed")
    assert audio.endswith("cues will use the terminal bell")
    assert "playing" not in out
    said = line(out, "nothing played: ")
    assert said.startswith("nothing played: the sound device failed")
