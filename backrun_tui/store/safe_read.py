"""Reading a whole file the store owns, safely: regular files only, and never past a cap.

Everything backrun reads from its folders (settings, workouts, sessions, checkpoints) comes
through `read_capped`. A hostile or broken folder can hold anything under a `.toml` name:
a named pipe (reading it waits for a writer that never comes), a link to `/dev/zero` (an
endless read), a folder, a file of gigabytes. Each is refused with a reason that says what
it is, before a byte of it is read.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from backrun_tui.store.errors import StoreError

_MIB = 1024 * 1024

#: config.toml: a dozen settings; even with long comments a few kilobytes.
MAX_CONFIG_BYTES = 1 * _MIB
#: A workout file: the plan in notation, which repeats keep short; 4 MiB still holds a
#: 24-hour plan of 1-second intervals written out one by one (about 1.7 MB).
MAX_WORKOUT_BYTES = 4 * _MIB
#: A session file or checkpoint: one table of about 200 bytes per interval, so a 24-hour
#: plan of 1-second intervals (86,400 of them) is about 17 MB; 32 MiB leaves room for
#: labels and pauses.
MAX_SESSION_BYTES = 32 * _MIB

_CHUNK = 1 * _MIB
# O_NONBLOCK: opening a named pipe must not wait for a writer. O_NOCTTY: a terminal device
# must not become this process's controlling terminal. Neither exists on Windows.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_capped(path: Path, max_bytes: int) -> bytes:
    """The bytes of the regular file at `path` (links followed), at most `max_bytes` of them.

    FileNotFoundError when nothing is there, since what that means is up to the caller; a
    link to nothing, anything that is not a regular file, a file over `max_bytes` and any
    other failure raise StoreError saying so.
    """
    try:
        _look_before_opening(path)
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        if os.path.islink(path):
            raise StoreError(path, f"broken link to {_link_target(path)}") from None
        raise
    except OSError as exc:
        raise StoreError(path, f"cannot read: {exc.strerror or exc}") from exc
    try:
        return _read_open(path, fd, max_bytes)
    finally:
        os.close(fd)


def _look_before_opening(path: Path) -> None:
    """Refuse what is not a regular file before opening it.

    Opening some devices does something (a watchdog starts, a tape rewinds). What is at the
    path may change between this look and the open, so the open descriptor is what decides.
    """
    _check_regular(path, os.stat(path).st_mode)


def _read_open(path: Path, fd: int, max_bytes: int) -> bytes:
    try:
        info = os.fstat(fd)
        _check_regular(path, info.st_mode)
        _check_size(path, info.st_size, max_bytes)
        chunks: list[bytes] = []
        total = 0
        # A file may hold more than its size says (it grows while read; files in /proc
        # report 0), so the read itself stops one byte past the cap.
        while chunk := os.read(fd, min(_CHUNK, max_bytes + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise StoreError(path, f"too large: more than {max_bytes:,} bytes, the limit")
    except OSError as exc:
        raise StoreError(path, f"cannot read: {exc.strerror or exc}") from exc
    return b"".join(chunks)


def _check_regular(path: Path, mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    kind = next((name for test, name in _KINDS if test(mode)), "something else")
    raise StoreError(path, f"not a regular file ({kind})")


def _check_size(path: Path, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise StoreError(path, f"too large: {size:,} bytes, over the limit of {max_bytes:,}")


def _link_target(path: Path) -> str:
    with contextlib.suppress(OSError):
        return os.readlink(path)
    return "a file that is not there"
