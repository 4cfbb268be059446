"""The Library: everything backrun keeps on disk, behind one object the screens can ask.

The command line makes one over the user's folders and hands it to the App; screens list,
save, reload and delete through it, and refresh from it when they are shown again. Every
listing comes back with the problems found on the way (path, line, reason), so one bad
file never hides the good ones. No textual.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from backrun_tui.model.kinds import SpeedUnit
from backrun_tui.model.plan import Workout
from backrun_tui.model.session import SessionRecord
from backrun_tui.store import workouts as workout_files
from backrun_tui.store.checkpoints import recover_orphans
from backrun_tui.store.config import Config, load_config_checked, save_config
from backrun_tui.store.errors import StoreError
from backrun_tui.store.paths import Paths
from backrun_tui.store.sessions import SessionEntry, load_sessions, read_session, session_path
from backrun_tui.store.trash import move_to_trash
from backrun_tui.store.workouts import WorkoutEntry

T = TypeVar("T")

#: What identifies one version of a file on disk: modification time and size.
Stamp = tuple[int, int]


@dataclass(frozen=True)
class Loaded(Generic[T]):
    """What was read, and what could not be (each problem names its path and line)."""

    items: T
    problems: list[StoreError] = field(default_factory=list)


def file_stamp(path: Path) -> Stamp | None:
    """The file's stamp, or None when it is not there (or cannot be looked at)."""
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


class Library:
    """The user's settings, workouts and sessions, in the folders `paths` names."""

    def __init__(self, paths: Paths) -> None:
        self.paths = paths

    # --- settings -------------------------------------------------------------------------

    def config(self) -> Loaded[Config]:
        """The settings, and every problem with config.toml (path, line, key), each once;
        a bad setting keeps its default, the others are read as usual."""
        config, problems = load_config_checked(self.paths.config_file)
        return Loaded(config, problems)

    def config_stamp(self) -> Stamp | None:
        return file_stamp(self.paths.config_file)

    def save_config(self, config: Config) -> Stamp | None:
        """Write the settings atomically; the new file's stamp. OSError, ValueError as
        `store.config.save_config` raises them."""
        save_config(self.paths.config_file, config)
        return self.config_stamp()

    # --- workouts -------------------------------------------------------------------------

    def workouts(self) -> Loaded[list[WorkoutEntry]]:
        """The saved workouts (by file name), then the built-in ones.

        A speed without a unit in a workout file is km/h, whatever the units setting:
        files are portable, and backrun always writes the unit.
        """
        saved, problems = workout_files.load_saved(self.paths.workouts_dir, SpeedUnit.KPH)
        return Loaded([*saved, *workout_files.builtin_workouts()], problems)

    def find_workout(self, name: str) -> WorkoutEntry | None:
        return workout_files.find_workout(name, self.paths.workouts_dir, SpeedUnit.KPH)

    def save_workout(self, workout: Workout) -> Path:
        """Save a workout atomically; its file. ValueError for a bad name, OSError."""
        return workout_files.save_workout(self.paths.workouts_dir, workout)

    def delete_workout(self, path: Path) -> Path:
        """Move a saved workout's file to the trash; where it went. OSError."""
        return move_to_trash(path, self.paths.trash_dir)

    # --- sessions -------------------------------------------------------------------------

    def sessions(self, since: dt.date | None = None) -> Loaded[list[SessionEntry]]:
        """The recorded sessions, newest first."""
        entries, problems = load_sessions(self.paths.sessions_dir, since=since)
        return Loaded(entries, problems)

    def session(self, session_id: str) -> SessionEntry | None:
        """The session with this id, None when there is none. ValueError for text that
        cannot be a session id; StoreError for a file that cannot be read or accepted."""
        path = session_path(self.paths.sessions_dir, session_id)
        try:
            return SessionEntry(read_session(path, check_name=True), path)
        except FileNotFoundError:
            return None

    def session_ids(self) -> list[str]:
        """The ids of the session files, newest first, from their names alone (the files
        are not read)."""
        try:
            names = os.listdir(self.paths.sessions_dir)
        except OSError:
            return []
        ids = (n.removesuffix(".toml") for n in names if n.endswith(".toml"))
        return sorted((i for i in ids if not i.startswith(".")), reverse=True)

    def latest_session(self) -> SessionEntry | None:
        """The newest session that can be read, without reading the whole history: ids
        start with the start time, so the newest file names come first in reverse order."""
        folder = self.paths.sessions_dir
        try:
            names = sorted(
                (n for n in os.listdir(folder) if n.endswith(".toml") and not n.startswith(".")),
                reverse=True,
            )
        except OSError:
            return None
        for name in names:
            try:
                return SessionEntry(read_session(folder / name), folder / name)
            except (StoreError, OSError):
                continue
        return None

    def delete_session(self, path: Path) -> Path:
        """Move a session's file to the trash; where it went. OSError."""
        return move_to_trash(path, self.paths.trash_dir)

    def recover(self, now: dt.datetime) -> Loaded[list[SessionRecord]]:
        """Turn the checkpoints of backruns that are gone into interrupted sessions."""
        recovered, problems = recover_orphans(self.paths.sessions_dir, now)
        return Loaded(recovered, problems)
