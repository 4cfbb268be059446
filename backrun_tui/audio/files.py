"""Where the cue sounds are: shipped inside the package as `backrun_tui.sounds`."""

from __future__ import annotations

import wave
from importlib import resources
from pathlib import Path

from backrun_tui.audio.clips import ALL_CLIPS
from backrun_tui.audio.worker import SAMPLE_RATE


def sound_dir() -> Path:
    """The folder of WAV files (the repository's `sounds/`, installed with the package)."""
    return Path(str(resources.files("backrun_tui.sounds")))


def check_sounds(folder: Path) -> list[str]:
    """What is wrong with the sound files: missing or unreadable clips; empty when all is well."""
    problems = []
    for name in ALL_CLIPS:
        path = folder / f"{name}.wav"
        try:
            with wave.open(str(path), "rb") as wav:
                shape = (wav.getnchannels(), wav.getsampwidth(), wav.getframerate())
                if shape != (1, 2, SAMPLE_RATE) or wav.getnframes() == 0:
                    problems.append(f"{path}: expected 16-bit mono {SAMPLE_RATE} Hz audio")
        except FileNotFoundError:
            problems.append(f"{path}: missing")
        except (OSError, EOFError, wave.Error) as exc:
            problems.append(f"{path}: {exc}")
    return problems
