"""`backrun doctor`: is everything in place for a session? Plain answers, exit 0 or 1."""

from __future__ import annotations

import platform
import tempfile
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path

from backrun_tui import __version__
from backrun_tui.audio.clips import clips_for
from backrun_tui.audio.files import check_sounds, sound_dir
from backrun_tui.audio.player import AudioPlayer
from backrun_tui.engine import Cue, CueKind
from backrun_tui.model.kinds import Kind, SpeedUnit
from backrun_tui.model.plan import Interval, Speed, Step
from backrun_tui.store import Config, Paths, load_config_checked
from backrun_tui.store.config import SoundConfig

PACKAGES = ("textual", "simpleaudio", "simpleaudio-patched", "platformdirs", "tomli-w")
#: How long the player may take to say it is ready.
READY_TIMEOUT = 10.0


@dataclass
class Check:
    name: str
    ok: bool
    detail: str


Say = Callable[[str], None]


def versions() -> str:
    found = []
    for name in PACKAGES:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    return ", ".join(found)


def check_folder(name: str, folder: Path) -> Check:
    """Whether backrun can read and write there (or create it, if it is not there yet)."""
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    try:
        with tempfile.TemporaryFile(dir=existing):
            pass
        list(existing.iterdir())
    except OSError as exc:
        return Check(name, False, f"{existing}: cannot write there ({exc.strerror or exc})")
    if existing != folder:
        return Check(name, True, f"{folder} (not made yet; {existing} is writable)")
    return Check(name, True, f"{folder} (readable and writable)")


def check_config(paths: Paths) -> tuple[Check, Config]:
    path = paths.config_file
    config, problems = load_config_checked(path)
    if problems:
        return Check("settings", False, "; ".join(str(p) for p in problems)), config
    if not path.exists():
        return Check("settings", True, f"{path} (not there: the defaults apply)"), config
    return Check("settings", True, f"{path} (valid)"), config


def check_audio(player: AudioPlayer, sounds_ok: bool) -> Check:
    if not sounds_ok:
        return Check("audio", False, "no sound files to play; cues use the terminal bell")
    player.start()
    if not player.ready.wait(READY_TIMEOUT) or player.failure:
        reason = player.failure or "the player did not answer"
        return Check("audio", False, f"{reason}; cues will use the terminal bell")
    # A silent cue opens the sound device for real: that is where most trouble shows.
    player.play(["tick"], volume=0)
    deadline = time.monotonic() + 3
    while not player.timing.started and player.working and time.monotonic() < deadline:
        time.sleep(0.02)
    if not player.working:
        return Check("audio", False, f"{player.failure}; cues will use the terminal bell")
    if not player.timing.started:
        return Check("audio", False, "the sound device did not start playing")
    ready = player.timing.ready_after or 0.0
    return Check(
        "audio",
        True,
        f"simpleaudio in a separate player process, on the system's default sound device "
        f"(ALSA on Linux); the player was ready in {ready:.2f} s",
    )


def plain(kind: Kind) -> Step:
    return Step(1, Interval(kind, 60))


def demo_cues() -> list[tuple[str, Cue]]:
    """One of each cue, named as doctor --play names them."""
    back = Step(1, Interval(Kind.BACKWARD, 60, Speed(6.5, SpeedUnit.KPH), 2.0))
    cues = [
        (f"start: {kind.title.lower()}", Cue(CueKind.INTERVAL_START, 0.0, plain(kind)))
        for kind in Kind
    ]
    cues += [
        ("get ready", Cue(CueKind.GET_READY, 0.0, back, 0, 10.0)),
        ("turn-around warning", Cue(CueKind.TURNAROUND, 0.0, back, 0, 10.0)),
        ("3", Cue(CueKind.COUNTDOWN, 0.0, back, 3)),
        ("2", Cue(CueKind.COUNTDOWN, 0.0, back, 2)),
        ("1", Cue(CueKind.COUNTDOWN, 0.0, back, 1)),
        ("halfway", Cue(CueKind.HALFWAY, 0.0, back)),
        ("finish", Cue(CueKind.FINISH, 0.0, back)),
    ]
    return cues


def clip_seconds(folder: Path, names: list[str]) -> float:
    total = 0.0
    for name in names:
        with wave.open(str(folder / f"{name}.wav"), "rb") as wav:
            total += wav.getnframes() / wav.getframerate()
    return total


def play_all(player: AudioPlayer, config: Config, folder: Path, say: Say) -> bool:
    sound = every_cue_on(config)
    for name, cue in demo_cues():
        clips = clips_for(cue, sound, config.units)
        say(f"  playing {name}")
        player.play(clips, sound.volume)
        time.sleep(clip_seconds(folder, clips) + 0.3)
        if not player.working:
            say(f"  stopped: {player.failure}")
            return False
    return True


def every_cue_on(config: Config) -> SoundConfig:
    """Doctor plays every cue, whatever the settings turn off; the volume is the user's."""
    return replace(config.sound, enabled=True, voice=True, countdown=True, halfway=True)


def run(paths: Paths, *, play: bool, say: Say = print) -> int:
    say(f"backrun {__version__} on Python {platform.python_version()} ({platform.system()})")
    say(f"  {versions()}")
    checks: list[Check] = []
    folder = sound_dir()
    problems = check_sounds(folder)
    if problems:
        checks.append(Check("sound files", False, "; ".join(problems[:3])))
    else:
        count = len(list(folder.glob("*.wav")))
        checks.append(Check("sound files", True, f"{count} clips in {folder}"))
    config_check, config = check_config(paths)
    checks.append(config_check)
    checks.append(check_folder("settings folder", paths.config_dir))
    checks.append(check_folder("data folder", paths.data_dir))
    player = AudioPlayer(folder)
    try:
        checks.append(check_audio(player, not problems))
        for check in checks:
            say(f"{check.name:<16}{'ok' if check.ok else 'PROBLEM'}: {check.detail}")
        if play and checks[-1].ok:
            say("playing every cue once:")
            if not play_all(player, config, folder, say):
                checks.append(Check("playing", False, player.failure or "stopped"))
        elif play:
            say(f"nothing played: {checks[-1].detail}")
    finally:
        player.close()
    failed = [c for c in checks if not c.ok]
    if failed:
        say(
            f"{len(failed)} problem{'s' if len(failed) > 1 else ''}: backrun still runs "
            "sessions, but see above."
        )
        return 1
    say("all well")
    return 0
