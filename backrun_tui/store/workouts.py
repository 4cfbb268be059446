"""Saved workouts (one TOML file each in the workouts folder) and the built-in presets.

A workout file:

```toml
schema_version = 1
name = "Beginner intervals"
description = "Six rounds of one minute backward, two forward."
plan = "5m warmup @5kph, 6x(1m back @5kph, 2m fwd @8kph), 5m cooldown @5kph"
```

- `schema_version` (required): 1. A newer number means a newer backrun wrote the file.
- `name` (required): up to 80 characters, no control characters. It is the workout's
  identity; the file name is only derived from it (`filename_for`), so renaming a file
  changes nothing and any name, however odd, stays inside the folder.
- `description` (optional): a sentence or two for the preview.
- `plan` (required): the plan in backrun's notation, the single source of truth for the
  intervals. backrun writes the canonical form; a hand-written plan may use any form the
  notation accepts.

No other keys are allowed, so a misspelt one is reported instead of silently ignored.
Files whose names start with a dot are ignored (temp files, macOS `._` resource forks). A
file may be at most 4 MiB (`safe_read.MAX_WORKOUT_BYTES`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from backrun_tui.model.kinds import SpeedUnit
from backrun_tui.model.notation import NotationError, format_plan, parse
from backrun_tui.model.plan import Workout
from backrun_tui.store.atomic import atomic_write_text, fsync_dir
from backrun_tui.store.errors import StoreError
from backrun_tui.store.safe_read import MAX_WORKOUT_BYTES
from backrun_tui.store.tomlfile import (
    FieldError,
    TomlDocument,
    check_keys,
    check_schema_version,
    parse_toml,
    read_toml,
    show,
)

SCHEMA_VERSION = 1
MAX_NAME_LENGTH = 80
_SLUG_MAX = 50
_KEYS = ("schema_version", "name", "description", "plan")
# Line and paragraph separators break a line as surely as "\n" does; surrogates cannot
# be written as UTF-8 at all.
_FORBIDDEN_CATEGORIES = {"Cc", "Cs", "Zl", "Zp"}
_HEADER_COMMENT = "# A backrun workout. The plan is in backrun's notation (see the README).\n"


class WorkoutEntry(NamedTuple):
    """A workout and where it came from: a saved file, or a built-in preset (path None)."""

    workout: Workout
    builtin: bool
    path: Path | None


def validate_name(name: str) -> str | None:
    """What is wrong with `name` as a workout name, or None when it is fine."""
    if not name.strip():
        return "a workout needs a name"
    if any(unicodedata.category(c) in _FORBIDDEN_CATEGORIES for c in name):
        return "a workout name cannot contain control characters or line breaks"
    if len(name) > MAX_NAME_LENGTH:
        return f"a workout name can be at most {MAX_NAME_LENGTH} characters long, not {len(name)}"
    return None


def filename_for(name: str) -> str:
    """A safe file name for a workout: a readable ASCII slug plus a hash of the exact name.

    The hash keeps names apart that slug alike ("Hills!" and "hills", or two emoji).
    Only [a-z0-9-] survive, so no name can reach outside the folder or hit a reserved
    Windows name.
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    slug = slug[:_SLUG_MAX].rstrip("-") or "workout"
    import hashlib  # here, as for tomli_w below: the home screen only reads workouts

    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{slug}-{digest}.toml"


def builtin_workouts() -> list[WorkoutEntry]:
    """The presets shipped with backrun, in their file order."""
    return list(_builtin_entries())


def load_saved(
    folder: Path, default_unit: SpeedUnit = SpeedUnit.KPH
) -> tuple[list[WorkoutEntry], list[StoreError]]:
    """Every saved workout in `folder`, sorted by file name, and what could not be read.

    `default_unit` is for hand-written plans that give a speed without a unit. Files that
    cannot be read are reported, skipped and left as they are.
    """
    entries: list[WorkoutEntry] = []
    errors: list[StoreError] = []
    try:
        files = _workout_files(folder)
    except FileNotFoundError:
        return entries, errors
    except OSError as exc:
        return entries, [StoreError(folder, f"cannot read the folder: {exc.strerror or exc}")]
    for path in files:
        try:
            workout = read_workout(path, default_unit)
        except FileNotFoundError:
            continue  # deleted since the folder was listed (e.g. by a sync client)
        except StoreError as error:
            errors.append(error)
            continue
        entries.append(WorkoutEntry(workout=workout, builtin=False, path=path))
    return entries, errors


def save_workout(folder: Path, workout: Workout) -> Path:
    """Save `workout` in `folder` atomically and return its file.

    A saved file holding exactly this name is replaced; otherwise a new file is made.
    An existing file that is unreadable or holds another name is never written over.
    Raises ValueError for an invalid name, OSError when the file cannot be written.
    """
    problem = validate_name(workout.name)
    if problem is not None:
        raise ValueError(problem)
    saved, _unreadable = load_saved(folder)
    same_name = [e.path for e in saved if e.path is not None and e.workout.name == workout.name]
    path = same_name[0] if same_name else free_path(folder, filename_for(workout.name))
    atomic_write_text(path, workout_to_toml(workout))
    return path


def delete_workout(path: Path) -> None:
    """Delete a saved workout's file; one already gone is not an error."""
    path.unlink(missing_ok=True)
    fsync_dir(path.parent)


def find_workout(
    name: str, folder: Path, default_unit: SpeedUnit = SpeedUnit.KPH
) -> WorkoutEntry | None:
    """The workout called `name`: an exact match first, then ignoring case; saved first."""
    saved, _unreadable = load_saved(folder, default_unit)
    candidates = saved + builtin_workouts()
    for entry in candidates:
        if entry.workout.name == name:
            return entry
    wanted = name.casefold()
    for entry in candidates:
        if entry.workout.name.casefold() == wanted:
            return entry
    return None


def workout_to_toml(workout: Workout) -> str:
    """The text of a workout file."""
    data = {
        "schema_version": SCHEMA_VERSION,
        "name": workout.name,
        "description": workout.description,
        "plan": format_plan(workout.plan),
    }
    import tomli_w

    return _HEADER_COMMENT + tomli_w.dumps(data)


def workout_from_document(document: TomlDocument, default_unit: SpeedUnit) -> Workout:
    """Validate a parsed workout file; StoreError names the field and its line."""
    try:
        return _workout_from_dict(document.data, default_unit)
    except FieldError as problem:
        raise document.error(problem) from problem


def read_workout(path: Path, default_unit: SpeedUnit) -> Workout:
    """The workout in the file at `path`: a saved one, or one named on the command line.

    StoreError for a file that cannot be accepted (see `safe_read` for what is refused);
    FileNotFoundError when nothing is there.
    """
    return workout_from_document(read_toml(path, max_bytes=MAX_WORKOUT_BYTES), default_unit)


def _workout_from_dict(data: dict[str, Any], default_unit: SpeedUnit) -> Workout:
    check_keys(data, _KEYS, ())
    check_schema_version(data, SCHEMA_VERSION)
    name = _text(data, "name", required=True)
    problem = validate_name(name)
    if problem is not None:
        raise FieldError(("name",), problem)
    description = _text(data, "description", required=False)
    notation = _text(data, "plan", required=True)
    try:
        plan = parse(notation, default_unit)
    except NotationError as exc:
        raise FieldError(("plan",), str(exc)) from exc
    return Workout(name=name, plan=plan, description=description)


def _text(data: dict[str, Any], key: str, *, required: bool) -> str:
    if key not in data:
        if required:
            raise FieldError((key,), "missing")
        return ""
    value = data[key]
    if not isinstance(value, str):
        raise FieldError((key,), f"expected text in quotes, got {show(value)}")
    return value


def _workout_files(folder: Path) -> list[Path]:
    return sorted(
        (p for p in folder.iterdir() if p.suffix == ".toml" and not p.name.startswith(".")),
        key=lambda p: p.name,
    )


def free_path(folder: Path, filename: str) -> Path:
    """`folder/filename`, or a numbered variant when that file exists already."""
    path = folder / filename
    number = 2
    while path.exists() or path.is_symlink():
        path = folder / f"{filename.removesuffix('.toml')}-{number}.toml"
        number += 1
    return path


@cache
def _builtin_entries() -> tuple[WorkoutEntry, ...]:
    # The presets' folder is installed as it is in the source tree (as sounds/ is, whose
    # files the player opens by path), so it is read as a folder.
    from backrun_tui import presets

    entries = []
    for path in sorted(Path(presets.__file__).parent.glob("*.toml")):
        # A preset that does not load is a bug in backrun, so its StoreError propagates.
        document = parse_toml(path, path.read_text(encoding="utf-8"))
        workout = workout_from_document(document, SpeedUnit.KPH)
        entries.append(WorkoutEntry(workout=workout, builtin=True, path=None))
    return tuple(entries)
