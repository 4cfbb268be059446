"""Saving a workout that was edited, without ever losing a change made elsewhere.

A workout opened from a file remembers that file's bytes (`OnDisk`). Saving first reads
the file again: if it is not what was opened (another backrun, a sync tool or a text
editor wrote it, or it is gone), the save is refused with ChangedOnDisk, and the caller
asks whether to overwrite it or to reload it. A name that another workout already has
(saved or built-in) is refused with NameTaken. Renaming keeps the file: the name is
inside it, and its file name only came from the first name. No textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from backrun_tui.model.kinds import SpeedUnit
from backrun_tui.model.plan import Workout
from backrun_tui.store.atomic import atomic_write_text
from backrun_tui.store.errors import StoreError
from backrun_tui.store.safe_read import MAX_WORKOUT_BYTES, read_capped
from backrun_tui.store.tomlfile import decode_toml
from backrun_tui.store.workouts import (
    builtin_workouts,
    filename_for,
    free_path,
    load_saved,
    validate_name,
    workout_from_document,
    workout_to_toml,
)


class NameTaken(ValueError):
    """Another workout already has this name."""

    def __init__(self, name: str, *, builtin: bool) -> None:
        where = "a built-in workout" if builtin else "another saved workout"
        super().__init__(f'{where} is already called "{name}": choose another name')
        self.name = name
        self.builtin = builtin


class ChangedOnDisk(Exception):
    """The file was changed (or removed) since it was opened or last saved."""

    def __init__(self, path: Path, *, gone: bool) -> None:
        what = "was deleted" if gone else "was changed by another program"
        super().__init__(f"{path.name} {what} since it was opened")
        self.path = path
        self.gone = gone


@dataclass(frozen=True)
class OnDisk:
    """Where a workout under edit is saved, and the bytes that file held when it was
    last read or written; a workout not saved yet has neither."""

    path: Path | None = None
    content: bytes | None = None


def open_workout(path: Path) -> tuple[Workout, OnDisk]:
    """The workout in `path`, and what to compare the file with when saving it.

    StoreError for a file that cannot be accepted; FileNotFoundError when it is gone.
    """
    raw = read_capped(path, MAX_WORKOUT_BYTES)
    document = decode_toml(path, raw)
    return workout_from_document(document, SpeedUnit.KPH), OnDisk(path, raw)


def check_name(folder: Path, name: str, mine: Path | None) -> None:
    """ValueError (NameTaken for a clash) unless `name` can be saved in `folder` by the
    workout whose file is `mine` (None for one not saved yet)."""
    problem = validate_name(name)
    if problem is not None:
        raise ValueError(problem)
    saved, _unreadable = load_saved(folder)
    if any(entry.workout.name == name and entry.path != mine for entry in saved):
        raise NameTaken(name, builtin=False)
    # A file that already has a built-in's name (written by hand) keeps it: refusing it
    # would leave the file impossible to save without a rename.
    own = next((entry.workout.name for entry in saved if entry.path == mine), None)
    if name != own and any(entry.workout.name == name for entry in builtin_workouts()):
        raise NameTaken(name, builtin=True)


def changed_on_disk(on_disk: OnDisk) -> ChangedOnDisk | None:
    """Why the file is no longer what was opened, or None when it still is."""
    if on_disk.path is None:
        return None
    try:
        now = read_capped(on_disk.path, MAX_WORKOUT_BYTES)
    except FileNotFoundError:
        return ChangedOnDisk(on_disk.path, gone=True)
    except StoreError:
        return ChangedOnDisk(on_disk.path, gone=False)
    return None if now == on_disk.content else ChangedOnDisk(on_disk.path, gone=False)


def save_edited(
    folder: Path, workout: Workout, on_disk: OnDisk, *, overwrite: bool = False
) -> OnDisk:
    """Write `workout` atomically, to its own file or (never saved yet) a new one in
    `folder`; what is on disk now.

    ValueError for a bad name, NameTaken for a name in use, ChangedOnDisk when the file
    is not what was opened (unless `overwrite`), OSError when it cannot be written.
    """
    check_name(folder, workout.name, on_disk.path)
    if not overwrite:
        changed = changed_on_disk(on_disk)
        if changed is not None:
            raise changed
    path = on_disk.path or free_path(folder, filename_for(workout.name))
    text = workout_to_toml(workout)
    atomic_write_text(path, text)
    return OnDisk(path, text.encode("utf-8"))
