"""The Library: everything backrun keeps on disk, behind one object the screens can ask.

The command line makes one over the user's folders and hands it to the App; screens list,
save, reload and delete through it, and refresh from it when they are shown again. Every
listing comes back with the problems found on the way (path, line, reason), so one bad
file never hides the good ones. No textual.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING, Generic, NamedTuple, TypeVar

from backrun_tui.model.kinds import SpeedUnit
from backrun_tui.store import workouts as workout_files
from backrun_tui.store.config import Config, load_config_checked
from backrun_tui.store.errors import StoreError
from backrun_tui.store.paths import Paths
from backrun_tui.store.workouts import WorkoutEntry

# The rest of the store loads where it is used: the home screen, drawn first, reads only
# the settings and the workouts (see benchmarks/startup.py).
if TYPE_CHECKING:
    from backrun_tui.model.plan import Workout
    from backrun_tui.model.session import SessionRecord
    from backrun_tui.store.config_edit import ConfigSaved
    from backrun_tui.store.sessions import SessionEntry
    from backrun_tui.store.workout_edit import OnDisk

T = TypeVar("T")

#: What identifies one version of a file on disk: modification time and size.
Stamp = tuple[int, int]


class Loaded(NamedTuple, Generic[T]):
    """What was read, and what could not be (each problem names its path and line)."""

    items: T
    problems: list[StoreError]


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

    def config(self, themes: Collection[str] | None = None) -> Loaded[Config]:
        """The settings, and every problem with config.toml (path, line, key), each once;
        a bad setting keeps its default, the others are read as usual. `themes`: the
        theme names there are (unchecked without them)."""
        config, problems = load_config_checked(self.paths.config_file, themes)
        return Loaded(config, problems)

    def config_stamp(self) -> Stamp | None:
        return file_stamp(self.paths.config_file)

    def save_config(
        self,
        config: Config,
        *,
        themes: Collection[str] | None = None,
        backup: bool = False,
    ) -> tuple[ConfigSaved, Stamp | None]:
        """Write the settings that changed, keeping the rest of the file (comments, keys
        backrun does not know); what was written and the file's new stamp. OSError,
        StoreError, ValueError as `store.config_edit.save_config` raises them."""
        from backrun_tui.store.config_edit import save_config

        saved = save_config(self.paths.config_file, config, themes=themes, backup=backup)
        return saved, self.config_stamp()

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

    def open_workout(self, path: Path) -> tuple[Workout, OnDisk]:
        """A saved workout to edit, and what its file holds now (to notice a change made
        elsewhere before saving over it). StoreError, FileNotFoundError."""
        from backrun_tui.store.workout_edit import open_workout

        return open_workout(path)

    def save_edited(self, workout: Workout, on_disk: OnDisk, overwrite: bool = False) -> OnDisk:
        """Save an edited workout to its own file (a new one if it has none yet); what is on
        disk now. ValueError for a bad name, NameTaken, ChangedOnDisk unless `overwrite`,
        OSError; see `store.workout_edit`."""
        from backrun_tui.store.workout_edit import save_edited

        return save_edited(self.paths.workouts_dir, workout, on_disk, overwrite=overwrite)

    def delete_workout(self, path: Path) -> Path:
        """Move a saved workout's file to the trash; where it went. OSError."""
        from backrun_tui.store.trash import move_to_trash

        return move_to_trash(path, self.paths.trash_dir)

    # --- sessions -------------------------------------------------------------------------

    def sessions(self, since: dt.date | None = None) -> Loaded[list[SessionEntry]]:
        """The recorded sessions, newest first."""
        from backrun_tui.store.sessions import load_sessions

        entries, problems = load_sessions(self.paths.sessions_dir, since=since)
        return Loaded(entries, problems)

    def session_files(self) -> list[Path]:
        """The session files, newest name first (a name starts with the local start time):
        for a history that shows its first rows before the last file is read. StoreError
        when the folder cannot be listed."""
        from backrun_tui.store.sessions import session_files

        return session_files(self.paths.sessions_dir)

    def read_session(self, path: Path) -> SessionRecord:
        """The session in `path` as it is now; StoreError, FileNotFoundError."""
        from backrun_tui.store.sessions import read_session

        return read_session(path, check_name=True)

    def session(self, session_id: str) -> SessionEntry | None:
        """The session with this id, None when there is none. ValueError for text that
        cannot be a session id; StoreError for a file that cannot be read or accepted."""
        from backrun_tui.store.sessions import SessionEntry, read_session, session_path

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
        from backrun_tui.store.sessions import SessionEntry, read_session, session_files

        try:
            paths = session_files(self.paths.sessions_dir)
        except StoreError:
            return None
        for path in paths:
            try:
                return SessionEntry(read_session(path), path)
            except (StoreError, OSError):
                continue
        return None

    def update_session(
        self, path: Path, rpe: int | None, note: str, *, seen: SessionRecord
    ) -> SessionRecord:
        """Rewrite only the session's `rpe` and `note`, atomically; the record as saved.

        `seen` is the record as it was read: a file that says anything else now (changed
        since) is refused with `SessionChanged` (a StoreError), and left as it is.
        ValueError for a bad RPE or note, StoreError for an unreadable file, OSError.
        """
        from backrun_tui.store.session_update import update_rating

        return update_rating(path, rpe, note, seen)

    def delete_session(self, path: Path) -> Path:
        """Move a session's file to the trash; where it went. OSError."""
        from backrun_tui.store.trash import move_to_trash

        return move_to_trash(path, self.paths.trash_dir)

    def recover(self, now: dt.datetime) -> Loaded[list[SessionRecord]]:
        """Turn the checkpoints of backruns that are gone into interrupted sessions."""
        from backrun_tui.store.checkpoints import recover_orphans

        recovered, problems = recover_orphans(self.paths.sessions_dir, now)
        return Loaded(recovered, problems)
