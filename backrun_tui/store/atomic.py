"""Atomic file writes: a reader (or a crash) sees the old file or the new one, never half.

The temp file lives in the target's folder so `os.replace` is a rename on one file
system; fsyncing the file before the rename and the folder after it makes the new
content survive a power cut, not just a crash of this process.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

# File systems that cannot fsync a folder say so with one of these; the write itself is
# done by then, so they are no reason to report a failure.
_DIR_FSYNC_UNSUPPORTED = {errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF}
# What `os.link` raises on a file system without hard links (FAT, some network shares).
_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.ENOSYS}


def atomic_write_text(path: Path, text: str) -> None:
    """Replace `path` with `text` (UTF-8, newlines as given), atomically."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data`, atomically; on failure the old file is left as it was.

    A symlink is written through, so a dotfile manager's link keeps pointing at its
    file. A new file is private to the user (mode 0600); a replaced one keeps its mode.
    Anything but a regular file in the way (a named pipe, a device such as a link to
    `/dev/zero`) is refused with OSError, never replaced.
    """
    target = Path(path)
    if target.is_symlink():
        target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = _existing_mode(target)

    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    fsync_dir(target.parent)


def atomic_create_bytes(path: Path, data: bytes) -> None:
    """Write `data` to a new file at `path`, atomically; FileExistsError when something is
    there already (it is never replaced), OSError when it cannot be written (a missing or
    read-only folder). The folder is not made: a path with a typo in it is refused. The
    new file is private to the user (mode 0600), as every file backrun writes.

    The whole content is written to a temp file first and then linked to its name, which
    fails if the name is taken, even by a file made a moment before. Where a file system
    has no hard links, the name is checked and the temp file renamed onto it.
    """
    target = Path(path)
    if target.is_symlink() or target.exists():
        raise FileExistsError(errno.EEXIST, "already exists", str(target))
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        try:
            os.link(temp, target)
        except FileExistsError:
            raise
        except OSError as exc:
            if exc.errno not in _NO_HARD_LINKS:
                raise
            if target.is_symlink() or target.exists():
                raise FileExistsError(errno.EEXIST, "already exists", str(target)) from None
            os.replace(temp, target)
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    fsync_dir(target.parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename or delete in `folder` durable, where the OS can."""
    if os.name == "nt":  # Windows cannot open a folder as a file; NTFS journals renames.
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in _DIR_FSYNC_UNSUPPORTED:
            raise
    finally:
        os.close(fd)


def _existing_mode(path: Path) -> int | None:
    """The mode of the regular file at `path`, None if there is none; OSError for another kind."""
    try:
        info = path.stat()
    except OSError:  # nothing there, or nothing to be seen: the write makes a new file
        return None
    if not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EINVAL, "not a regular file, so it is not replaced", str(path))
    return stat.S_IMODE(info.st_mode)
