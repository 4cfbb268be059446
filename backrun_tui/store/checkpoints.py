"""The session under way: its checkpoints and the lock that says it is alive.

While a session runs, its backrun keeps two files in `sessions/.running/`:

- `<id>.toml`, the latest checkpoint: a session file (see `backrun_tui.store.sessions`)
  with `status = "running"`, rewritten atomically by one background thread;
- `<id>.lock`, locked by that process for the whole session (`fcntl.flock`; on Windows
  `msvcrt.locking`). The operating system lets go of the lock when the process ends,
  however it ends (crash, kill -9, power cut), so a checkpoint whose lock can be taken was
  left by a backrun that is gone. The file holds `<pid> <host name>`; see
  `backrun_tui.store.session_lock`.

Checkpoints are written at most once per MIN_CHECKPOINT_GAP real seconds, and after each
write the writer rests at least as long as the write took, so it is busy at most half the
time: a time-scaled run asks for a checkpoint many times a second, and the checkpoint of a
plan of tens of thousands of intervals takes seconds to write. The newest record asked for
is always the one written next; the session file written at the end supersedes it.

At the next start `recover_orphans` (in `backrun_tui.store.recovery`) turns each orphaned
checkpoint into `sessions/<id>.toml` with `status = "interrupted"`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType

from backrun_tui.model.session import SessionRecord, Status
from backrun_tui.store.atomic import atomic_write_text
from backrun_tui.store.recovery import ABANDONED_AFTER, recover_orphans
from backrun_tui.store.session_lock import hold_lock, is_file_at, release_lock
from backrun_tui.store.sessions import (
    RUNNING_DIR_NAME,
    record_to_toml,
    running_dir,
    session_path,
)

__all__ = [
    "ABANDONED_AFTER",
    "MIN_CHECKPOINT_GAP",
    "RUNNING_DIR_NAME",
    "SaveResult",
    "SessionWriter",
    "recover_orphans",
    "running_dir",
]

#: Real seconds, at least, from the end of one checkpoint write to the start of the next.
MIN_CHECKPOINT_GAP = 1.0
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SaveResult:
    """How one save went. `final` is true for the session file, false for a checkpoint."""

    ok: bool
    path: Path
    error: str | None
    """What went wrong, naming the file, in words for the user; None when `ok`."""
    final: bool


class SessionWriter:
    """Saves one session: checkpoints while it runs, then its session file.

    `open()` when the session starts, `checkpoint()` as often as wanted, `finish()` when it
    ends, `update()` for changes after that (RPE, note), `close()` last; or use it as a
    context manager. A disk problem (read-only folder, full disk, permissions) never raises
    from checkpoint, finish, update or save_to: it becomes a failed SaveResult.

    `on_result` gets the result of every checkpoint attempt, on the writer's thread. It
    must not wait for the thread that calls finish() or close(): those wait for the
    writer's thread.

    `min_gap` (real seconds, MIN_CHECKPOINT_GAP unless given) and `clock` (a monotonic
    clock in seconds) pace the checkpoint writes.
    """

    def __init__(
        self,
        sessions_dir: Path,
        session_id: str,
        on_result: Callable[[SaveResult], None] | None = None,
        *,
        min_gap: float = MIN_CHECKPOINT_GAP,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.folder = Path(sessions_dir)
        self.session_id = session_id
        self.final_path = session_path(self.folder, session_id)  # ValueError for a bad id
        self.checkpoint_path = running_dir(self.folder) / f"{session_id}.toml"
        self.lock_path = running_dir(self.folder) / f"{session_id}.lock"
        self._on_result = on_result
        self._min_gap = min_gap
        self._clock = clock
        self._next_write: float | None = None  # no checkpoint before this clock reading
        self._lock_fd: int | None = None
        self._saved_elsewhere: Path | None = None  # where save_to() last wrote
        # open() runs on the caller's thread, and again on the writer's after a failure.
        self._lock_guard = threading.Lock()
        self._cond = threading.Condition()
        self._pending: SessionRecord | None = None  # the newest record not yet written
        self._busy = False  # the writer's thread is writing a checkpoint
        self._accepting = True  # False once finish() or close() is called
        self._stopping = False
        self._thread: threading.Thread | None = None

    def __enter__(self) -> SessionWriter:
        self.open()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def open(self) -> None:
        """Take the session's lock, making the folders if need be; OSError if that fails.

        After a failure the session can still be run: each checkpoint tries again first,
        and reports a failed SaveResult while it cannot. Each checkpoint also makes sure the
        lock file at `lock_path` is still the one held: if the folder was deleted or the
        file replaced, the lock held guards nothing another backrun can see, and it would
        take the next checkpoint for an orphan; so the lock is made and taken anew.
        """
        with self._lock_guard:
            held = self._lock_fd
            if held is not None and is_file_at(held, self.lock_path):
                return
            self._lock_fd = None
            if held is not None:
                os.close(held)  # its file is no longer at the path: nothing to delete
            self._lock_fd = hold_lock(self.lock_path, self.session_id)

    def checkpoint(self, record: SessionRecord) -> None:
        """Have the writer's thread save `record` as the checkpoint; returns at once.

        Checkpoints that queue up while one is being written, or while the writer rests
        between writes, collapse into the newest, so an older record never replaces a newer
        one; a failed one is retried by the next call. The file says `status = "running"`
        whatever the record says. Does nothing once finish() or close() has been called.
        """
        self._check_id(record)
        with self._cond:
            if not self._accepting:
                return
            self._pending = record
            if self._thread is None:
                # A daemon, so an app that exits without close() is not kept alive by it;
                # a write cut short leaves the previous checkpoint, since writes are atomic.
                self._thread = threading.Thread(
                    target=self._run, name=f"backrun-checkpoints-{self.session_id}", daemon=True
                )
                self._thread.start()
            self._cond.notify_all()

    def finish(self, record: SessionRecord) -> SaveResult:
        """Write `sessions/<id>.toml`, then delete the checkpoint; waits until done.

        A checkpoint being written is waited for and one still queued is dropped (this
        record is newer and supersedes it), and checkpoint() does nothing from now on. If
        this fails, the checkpoint stays, so a crash before a successful retry still
        recovers the session.
        """
        self._check_id(record)
        with self._cond:
            self._accepting = False
            self._pending = None
            self._cond.notify_all()
            while self._busy:
                self._cond.wait()
        result = _save_final(self.final_path, record)
        if result.ok:
            # Not fatal if it fails: the next start sees the session file and removes it.
            with contextlib.suppress(OSError):
                self.checkpoint_path.unlink(missing_ok=True)
        return result

    def update(self, record: SessionRecord) -> SaveResult:
        """Rewrite the session file after the finish (RPE, note); finish() once more."""
        return self.finish(record)

    def save_to(self, record: SessionRecord, path: Path) -> SaveResult:
        """Save the session file elsewhere, e.g. when the data folder is read-only or full.

        A folder gets the session's usual file name. The checkpoint is kept, so the session
        also reaches the history (as interrupted) once the data folder can be written. A file
        already there is never replaced, unless this session put it there (a later RPE or
        note updates it).
        """
        self._check_id(record)
        target = Path(path)
        if target.is_dir():
            target = target / self.final_path.name
        if (target.exists() or target.is_symlink()) and target != self._saved_elsewhere:
            reason = f"{target} already exists: type another file name (nothing was replaced)"
            return SaveResult(ok=False, path=target, error=reason, final=True)
        result = _save_final(target, record)
        if result.ok:
            self._saved_elsewhere = target
        return result

    def close(self) -> None:
        """Write a queued checkpoint at once, stop the thread, and release the lock.

        A checkpoint on disk stays unless finish() succeeded, so a session closed without
        finishing is recovered as interrupted. Calling close() again does nothing.
        """
        with self._cond:
            self._accepting = False
            self._stopping = True
            self._cond.notify_all()
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join()
        with self._lock_guard:
            if self._lock_fd is not None:
                release_lock(self._lock_fd, self.lock_path)
                self._lock_fd = None

    def _check_id(self, record: SessionRecord) -> None:
        # Refused outright: it would write into another session's files.
        if record.id != self.session_id:
            raise ValueError(f"this writer saves session {self.session_id}, not {record.id}")

    def _run(self) -> None:
        while (record := self._next_record()) is not None:
            started = self._clock()
            try:
                result = self._write_checkpoint(record)
            finally:
                ended = self._clock()
                with self._cond:
                    # Rest at least as long as the write took, so that writing checkpoints
                    # never keeps more than half of one core busy.
                    self._next_write = ended + max(self._min_gap, ended - started)
                    self._busy = False
                    self._cond.notify_all()
            self._report(result)

    def _next_record(self) -> SessionRecord | None:
        """The newest record asked for, once it may be written (at once when closing).

        None when the writer is closing and nothing is left to write.
        """
        with self._cond:
            while True:
                if self._pending is None:
                    if self._stopping:
                        return None
                    self._cond.wait()
                    continue
                if self._stopping or self._next_write is None:
                    break
                rest = self._next_write - self._clock()
                if rest <= 0:
                    break
                self._cond.wait(rest)
            record, self._pending = self._pending, None
            self._busy = True
            return record

    def _write_checkpoint(self, record: SessionRecord) -> SaveResult:
        try:
            # Without the lock, another backrun would take the checkpoint for an orphan.
            self.open()
        except OSError as exc:
            reason = f"cannot lock {self.lock_path}: {exc.strerror or exc}"
            return SaveResult(ok=False, path=self.checkpoint_path, error=reason, final=False)
        running = replace(record, status=Status.RUNNING)
        return _save(self.checkpoint_path, running, final=False)

    def _report(self, result: SaveResult) -> None:
        if self._on_result is None:
            return
        try:
            self._on_result(result)
        except Exception:
            # A failing listener must not end the checkpoints: they are what saves a
            # session from a crash.
            _log.exception("on_result failed for %s", result.path)


# --- saving ---------------------------------------------------------------------------------


def _save_final(path: Path, record: SessionRecord) -> SaveResult:
    if record.status is Status.RUNNING:
        reason = f"cannot save {path}: the session is still running"
        return SaveResult(ok=False, path=path, error=reason, final=True)
    return _save(path, record, final=True)


def _save(path: Path, record: SessionRecord, *, final: bool) -> SaveResult:
    try:
        text = record_to_toml(record)
    except ValueError as exc:
        # A bug elsewhere, but the runner's session is better kept on screen than crashed.
        return SaveResult(ok=False, path=path, error=f"cannot save {path}: {exc}", final=final)
    try:
        atomic_write_text(path, text)
    except OSError as exc:
        reason = f"cannot write {path}: {exc.strerror or exc}"
        return SaveResult(ok=False, path=path, error=reason, final=final)
    return SaveResult(ok=True, path=path, error=None, final=final)
