"""The trash: deleting a workout or a session moves its file here, never destroys it.

`trash/` sits in the data folder. A file keeps its name with the moment it was trashed
added before the suffix (`easy-run.20261202T203015Z.toml`), so the same name trashed
twice keeps both. The move is a rename on one file system (the trash is beside the
folders it takes from), and both folders are fsynced, so a crash leaves the file in one
place or the other, never in neither.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from backrun_tui.store.atomic import fsync_dir


def trashed_name(path: Path, when: dt.datetime) -> str:
    """The name `path` gets in the trash when moved there at `when`."""
    stamp = when.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"{path.stem}.{stamp}{path.suffix}"


def move_to_trash(path: Path, trash_dir: Path, when: dt.datetime | None = None) -> Path:
    """Move `path` into `trash_dir`; where it went. FileNotFoundError when it is not there
    (nothing to delete), OSError when it cannot be moved (it is then where it was)."""
    when = when or dt.datetime.now(dt.UTC)
    if not path.is_symlink() and not path.exists():
        raise FileNotFoundError(f"{path}: not there (already deleted?)")
    trash_dir.mkdir(parents=True, exist_ok=True)
    target = trash_dir / trashed_name(path, when)
    n = 1
    while target.exists() or target.is_symlink():
        n += 1
        target = (
            trash_dir / f"{path.stem}.{when.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}-{n}{path.suffix}"
        )
    os.rename(path, target)  # the link itself, when it is one: never what it points at
    fsync_dir(trash_dir)
    fsync_dir(path.parent)
    return target
