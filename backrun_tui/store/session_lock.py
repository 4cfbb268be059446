"""A lock file that a live process holds, and that the OS lets go of when the process dies.

This is how a backrun tells a session under way in a live backrun (lock held) from one
left by a backrun that crashed, was killed or lost power (lock free). It is `fcntl.flock`
on POSIX and `msvcrt.locking` on Windows. A pid checked with `os.kill(pid, 0)` is not used:
on Windows that call ends the process instead of probing it, and after a reboot a pid may
belong to another program.

The holder writes `<pid> <host name>` into the file: the pid for people, the host because a
lock only tells about this computer, and a synced sessions folder may hold the checkpoint
of a session running on another one (see `holder_host`).

One caveat: a child made with a bare `fork()` (multiprocessing's "fork" start method)
shares the lock and keeps it held after the parent dies, so a helper process that outlives
its backrun keeps the session looking alive until the helper ends too.
"""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import stat
import sys
from pathlib import Path

#: Tries at taking a lock whose file keeps being replaced under us (see `take_lock`).
_LOCK_ATTEMPTS = 5
# A lock file is always a regular file backrun made: never followed as a link, and opened
# without waiting in case something else (a named pipe) is in its place.
_OPEN_FLAGS = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


def hold_lock(lock_path: Path, session_id: str) -> int:
    """The lock on `lock_path` for a session starting now; OSError if it cannot be had."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = take_lock(lock_path)
    if fd is None:
        message = f"session {session_id} is already running in another backrun"
        raise OSError(errno.EBUSY, message, str(lock_path))
    with contextlib.suppress(OSError):  # the lock itself works without these words
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()} {this_host()}\n".encode())
    return fd


def holder_host(fd: int) -> str | None:
    """The computer named in the lock file open as `fd`, or None if it names none."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        words = os.read(fd, 1024).decode("utf-8", "replace").split()
    except OSError:
        return None
    return words[1] if len(words) >= 2 else None


def this_host() -> str:
    return socket.gethostname()


def take_lock(lock_path: Path) -> int | None:
    """A descriptor holding the lock on `lock_path` (made if missing), or None if taken.

    The descriptor is not inherited by programs this process starts (PEP 446), so a child
    cannot keep a dead backrun's session looking alive. OSError if the file cannot be
    opened or locked at all, or is not a regular file.
    """
    for _ in range(_LOCK_ATTEMPTS):
        fd = _open_lock_file(lock_path)
        try:
            locked = _try_lock(fd)
            current = locked and is_file_at(fd, lock_path)
        except BaseException:
            os.close(fd)
            raise
        if current:
            return fd
        os.close(fd)
        if not locked:
            return None
        # The file was deleted between our open and our lock (its holder let go of it):
        # that lock guards nothing, so lock whatever is at the path now.
    return None


def _open_lock_file(lock_path: Path) -> int:
    try:
        fd = os.open(lock_path, _OPEN_FLAGS, 0o600)
    except OSError as exc:
        if os.path.islink(lock_path):
            raise OSError(exc.errno, "a link, which a lock file never is", str(lock_path)) from exc
        raise
    try:
        regular = stat.S_ISREG(os.fstat(fd).st_mode)
    except BaseException:
        os.close(fd)
        raise
    if not regular:
        os.close(fd)
        raise OSError(errno.EINVAL, "not a regular file", str(lock_path))
    return fd


def is_file_at(fd: int, path: Path) -> bool:
    """Whether the file open as `fd` is the one at `path` (not deleted, not replaced)."""
    try:
        on_disk = os.stat(path)
    except OSError:  # gone, or its folder is
        return False
    held = os.fstat(fd)
    return (held.st_dev, held.st_ino) == (on_disk.st_dev, on_disk.st_ino)


def release_lock(fd: int, lock_path: Path) -> None:
    """Delete the lock file, then let go of the lock.

    In that order, whoever opened the file before it went finds, once they get the lock,
    that it is no longer the file at the path (see `take_lock`). Windows cannot delete an
    open file, so there the order is reversed. A file that has taken the lock file's place
    (its folder was deleted and made again) is not this lock's to delete.
    """
    if os.name == "nt":
        os.close(fd)
        with contextlib.suppress(OSError):
            lock_path.unlink()
        return
    if is_file_at(fd, lock_path):
        with contextlib.suppress(OSError):
            lock_path.unlink()
    os.close(fd)
