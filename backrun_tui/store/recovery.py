"""Recovery: the checkpoints of backruns that are gone become interrupted sessions.

A session under way keeps its checkpoint and lock in `sessions/.running/` (see
`backrun_tui.store.checkpoints`). At the next start `recover_orphans` turns each orphaned
checkpoint into `sessions/<id>.toml` with `status = "interrupted"`. A checkpoint is the only
copy of its session until that file is there and reads back as the same session, so it is
deleted then and never before; it is left alone while its lock is held, while it cannot be
read, while something else is in its session file's place, and while another computer
sharing a synced folder may still be running it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from dataclasses import replace
from pathlib import Path

from backrun_tui.model.session import IntervalOutcome, SessionRecord, Status
from backrun_tui.store.atomic import atomic_write_text
from backrun_tui.store.errors import StoreError
from backrun_tui.store.session_lock import holder_host, release_lock, take_lock, this_host
from backrun_tui.store.sessions import read_session, record_to_toml, running_dir, session_path

#: A plan lasts at most 24 h: a checkpoint from another computer unchanged for this long
#: was left by a backrun that computer never restarted.
ABANDONED_AFTER = dt.timedelta(hours=24)


def recover_orphans(
    sessions_dir: Path, now: dt.datetime
) -> tuple[list[SessionRecord], list[StoreError]]:
    """Turn the checkpoints of backruns that are gone into interrupted sessions.

    For each checkpoint whose lock nobody holds: if `sessions/<id>.toml` is a valid file of
    the same session (it was saved, the clean-up did not happen) the checkpoint is just
    removed; if nothing is there, the session file is written from it with status
    interrupted (`updated_at` kept: it is when the session was last known to run) and any
    interval that was under way marked stopped, and the checkpoint removed once that file
    reads back. Returns the sessions recovered and what could not be read or written, or
    was in the way; those checkpoints are left as they are, as is every checkpoint of a
    live backrun.

    A lock only tells about this computer, so a checkpoint whose lock file names another
    (the folder is synced) is left to that computer, unless it has not changed for
    ABANDONED_AFTER before `now` (timezone-aware).
    """
    folder = running_dir(sessions_dir)
    try:
        names = set(os.listdir(folder))
    except FileNotFoundError:
        return [], []
    except OSError as exc:
        return [], [StoreError(folder, f"cannot read the folder: {exc.strerror or exc}")]
    recovered: list[SessionRecord] = []
    errors: list[StoreError] = []
    for name in sorted(names):
        stem, suffix = os.path.splitext(name)
        if name.startswith("."):
            continue  # a temp file of an atomic write
        try:
            if suffix == ".toml":
                record = _recover(sessions_dir, folder / name, now)
                if record is not None:
                    recovered.append(record)
            elif suffix == ".lock" and f"{stem}.toml" not in names:
                _remove_stale_lock(folder / name)
        except StoreError as error:
            errors.append(error)
    return recovered, errors


def _recover(sessions_dir: Path, checkpoint: Path, now: dt.datetime) -> SessionRecord | None:
    lock_path = checkpoint.with_suffix(".lock")
    try:
        fd = take_lock(lock_path)
    except OSError as exc:
        reason = f"cannot tell whether its session is still running: {exc.strerror or exc}"
        raise StoreError(lock_path, reason) from exc
    if fd is None:
        return None  # a live backrun on this computer is running this session
    # Another computer's lock file is not ours to delete, unless we settle its checkpoint.
    keep_lock_file = holder_host(fd) not in (None, this_host())
    try:
        try:
            record = read_session(checkpoint, checkpoint=True, check_name=True)
        except FileNotFoundError:
            return None  # finished or recovered by another backrun since the folder was listed
        if keep_lock_file and now - record.updated_at < ABANDONED_AFTER:
            return None  # may be under way on that computer
        keep_lock_file = False
        return _settle(sessions_dir, checkpoint, record)
    finally:
        if keep_lock_file:
            os.close(fd)
        else:
            # Deleted even when the checkpoint stays: the lock is ours, nobody is using it.
            release_lock(fd, lock_path)


def _settle(sessions_dir: Path, checkpoint: Path, record: SessionRecord) -> SessionRecord | None:
    """Make the checkpoint, whose lock is held here, into a session file; then remove it."""
    final = session_path(sessions_dir, record.id)
    recovered = None
    if not os.path.lexists(final):  # not even a broken link: nothing to write over
        recovered = _interrupted(record)
        try:
            atomic_write_text(final, record_to_toml(recovered))
        except OSError as exc:
            reason = f"cannot write the interrupted session: {exc.strerror or exc}"
            raise StoreError(final, reason) from exc
    _check_saved(final, checkpoint, record.id)
    # Not fatal if it fails: the session file is there now, so the next start removes it.
    with contextlib.suppress(OSError):
        checkpoint.unlink()
    return recovered


def _check_saved(final: Path, checkpoint: Path, session_id: str) -> None:
    """StoreError, naming the checkpoint, unless `final` reads as session `session_id`.

    Until then the checkpoint is the only good copy of the session, so it must stay.
    """
    try:
        saved = read_session(final)
    except FileNotFoundError:
        problem = "it was deleted meanwhile"
    except StoreError as error:
        problem = error.reason if error.line is None else f"line {error.line}: {error.reason}"
    else:
        if saved.id == session_id:
            return
        problem = f"it holds session {saved.id}"
    raise StoreError(checkpoint, f"kept: {final} is not a readable copy of it ({problem})")


def _interrupted(record: SessionRecord) -> SessionRecord:
    ended = (IntervalOutcome.COMPLETED, IntervalOutcome.SKIPPED)
    intervals = tuple(
        replace(i, outcome=IntervalOutcome.STOPPED)
        if i.outcome not in ended and i.actual_seconds > 0
        else i
        for i in record.intervals
    )
    return replace(record, status=Status.INTERRUPTED, intervals=intervals)


def _remove_stale_lock(lock_path: Path) -> None:
    """Delete a lock file without a checkpoint (a backrun died before its first one)."""
    try:
        fd = take_lock(lock_path)
    except OSError:
        return  # a lock file on its own harms nothing; no need to report it
    if fd is None:
        return
    if holder_host(fd) in (None, this_host()):
        release_lock(fd, lock_path)
    else:
        os.close(fd)  # another computer's session, whose checkpoint has not come yet
