"""Cues heard through the real console script: ALSA's default device routed to a file.

ALSA reads `~/.asoundrc`, so the app runs with HOME in a temporary folder whose .asoundrc
sends the default device to the `file` plugin (appending, through a pipe); what the app
played can then be compared, sample for sample, with what each cue should be.
"""

from __future__ import annotations

import os
import signal
import tomllib
from pathlib import Path

from backrun_tui.audio.clips import clips_for
from backrun_tui.audio.files import sound_dir
from backrun_tui.audio.worker import compose, load_clips
from backrun_tui.clock import ManualClock
from backrun_tui.engine import Engine
from backrun_tui.model.kinds import Units
from backrun_tui.model.notation import parse
from backrun_tui.store.config import SoundConfig
from tests.alsa import CAPTURE_RC, NO_DEVICE_RC, alsa_home
from tests.e2e.conftest import BACKRUN, Terminal, needs_terminal

pytestmark = needs_terminal()


def alsa_env(tmp_path: Path, rc: str) -> dict[str, str]:
    return {"HOME": str(alsa_home(tmp_path, rc))}


def expected_audio(plan: str) -> bytes:
    """Every cue of the plan in order, as the player should send it to the device."""
    engine = Engine(parse(plan).steps(), ManualClock())
    engine.start()
    clips = load_clips(sound_dir())
    sound = SoundConfig()
    names = [clips_for(cue, sound, Units.METRIC) for cue in engine.schedule()]
    return b"".join(compose(clips, cue_clips, sound.volume) for cue_clips in names if cue_clips)


def session(home: Path) -> dict[str, object]:
    [path] = (home / "sessions").glob("*.toml")
    return tomllib.loads(path.read_text(encoding="utf-8"))


def player_pids(app_pid: int) -> list[int]:
    """The app's audio worker processes (its children running backrun_tui.audio.worker)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == app_pid and b"backrun_tui.audio.worker" in cmdline:
            found.append(int(entry.name))
    return found


def test_every_cue_reaches_the_device_in_order(
    terminal: Terminal, tmp_path: Path, backrun_home: Path
) -> None:
    plan = '6s back @6 2% "push", 6s fwd @9'
    capture = tmp_path / "capture.raw"
    env = alsa_env(tmp_path, CAPTURE_RC.format(capture=capture))
    terminal.start(
        [str(BACKRUN), "run", "--plan", plan, "--time-scale", "2", "--get-ready", "0"], env=env
    )
    terminal.wait_for("Session complete", timeout=30)
    expected = expected_audio(plan)
    terminal.wait_until(
        lambda: capture.exists() and capture.stat().st_size >= len(expected),
        "the whole session's audio in the capture",
    )
    heard = capture.read_bytes()
    assert len(heard) == len(expected)
    assert heard == expected
    assert session(backrun_home)["status"] == "completed"


def test_a_player_killed_twice_leaves_the_bell_and_the_session_goes_on(
    terminal: Terminal, tmp_path: Path, backrun_home: Path
) -> None:
    capture = tmp_path / "capture.raw"
    env = alsa_env(tmp_path, CAPTURE_RC.format(capture=capture))
    plan = "3x(10s back @6, 10s fwd @9)"
    terminal.start(
        [str(BACKRUN), "run", "--plan", plan, "--time-scale", "2", "--get-ready", "0"], env=env
    )
    terminal.wait_for("BACKWARD")
    app = terminal.pid
    for _ in range(2):
        worker = terminal.wait_until(lambda: player_pids(app), "the audio player to run")
        os.kill(worker[0], signal.SIGKILL)
        terminal.wait_until(
            lambda w=worker[0]: w not in player_pids(app), "the killed player to be gone"
        )
    # A lasting state on the run screen, in words a runner can act on.
    terminal.wait_for("NO SOUND: the sound player keeps stopping — run backrun doctor")
    assert terminal.alive()
    terminal.wait_for("Session complete", timeout=40)
    record = session(backrun_home)
    assert record["status"] == "completed"
    assert record["active_seconds"] == 60.0
    assert player_pids(app) == []  # not started a third time


def test_with_no_sound_device_a_whole_session_runs_and_is_recorded(
    terminal: Terminal, tmp_path: Path, backrun_home: Path
) -> None:
    env = alsa_env(tmp_path, NO_DEVICE_RC)
    plan = "5s back @6, 5s fwd @9"
    terminal.start(
        [str(BACKRUN), "run", "--plan", plan, "--time-scale", "2", "--get-ready", "0"], env=env
    )
    terminal.wait_for("NO SOUND: no sound device found — run backrun doctor")
    terminal.wait_for("Session complete", timeout=30)
    record = session(backrun_home)
    assert (record["status"], record["active_seconds"]) == ("completed", 10.0)
