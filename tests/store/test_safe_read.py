"""The one reader of the store's files: regular files only, never more than a cap."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from backrun_tui.store import safe_read
from backrun_tui.store.errors import StoreError
from backrun_tui.store.safe_read import read_capped

posix_only = pytest.mark.skipif(os.name == "nt", reason="named pipes and /dev")
WAIT = 30  # seconds; only a reader that hangs ever waits this long


def refused(path: Path, max_bytes: int = 1000) -> StoreError:
    with pytest.raises(StoreError) as caught:
        read_capped(path, max_bytes)
    assert caught.value.path == path
    return caught.value


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_bytes(b"a = 1\n" * 100)
    assert read_capped(path, 600) == b"a = 1\n" * 100


def test_a_link_to_a_regular_file_is_followed(tmp_path: Path) -> None:
    (tmp_path / "real.toml").write_bytes(b"a = 1\n")
    (tmp_path / "x.toml").symlink_to(tmp_path / "real.toml")
    assert read_capped(tmp_path / "x.toml", 100) == b"a = 1\n"


def test_nothing_there_is_left_to_the_caller(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_capped(tmp_path / "x.toml", 100)


def test_a_link_to_nothing_says_where_it_points(tmp_path: Path) -> None:
    (tmp_path / "x.toml").symlink_to(tmp_path / "gone.toml")
    error = refused(tmp_path / "x.toml")
    assert error.reason == f"broken link to {tmp_path / 'gone.toml'}"


def test_one_byte_over_the_cap_is_refused_with_size_and_limit(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_bytes(b"#" * 1001)
    assert refused(path).reason == "too large: 1,001 bytes, over the limit of 1,000"
    path.write_bytes(b"#" * 1000)
    assert len(read_capped(path, 1000)) == 1000


def test_a_huge_file_is_refused_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.toml"
    with path.open("wb") as file:
        file.truncate(10**12)  # sparse: a terabyte that takes no room on the disk

    def no_reading(fd: int, size: int) -> bytes:
        raise AssertionError("read a file known to be too large")

    monkeypatch.setattr(safe_read.os, "read", no_reading)
    assert refused(path).reason == "too large: 1,000,000,000,000 bytes, over the limit of 1,000"


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="needs Linux /proc")
def test_a_file_with_more_than_its_size_says_is_cut_at_the_cap(tmp_path: Path) -> None:
    # Files in /proc say they are empty, yet hold text.
    path = tmp_path / "x.toml"
    path.symlink_to("/proc/self/status")
    assert os.stat(path).st_size == 0
    assert refused(path, 100).reason == "too large: more than 100 bytes, the limit"


@posix_only
@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (lambda p: os.mkfifo(p), "a named pipe"),
        (lambda p: p.mkdir(), "a folder"),
        (lambda p: p.symlink_to("/dev/zero"), "a character device"),
        (lambda p: p.symlink_to("/dev/urandom"), "a character device"),
    ],
    ids=["fifo", "folder", "dev-zero", "dev-urandom"],
)
def test_what_is_not_a_regular_file_is_refused(
    tmp_path: Path, make: Callable[[Path], object], kind: str
) -> None:
    path = tmp_path / "x.toml"
    make(path)
    assert bounded(lambda: refused(path)).reason == f"not a regular file ({kind})"


@posix_only
def test_the_open_file_is_checked_not_only_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if a named pipe took the file's place between the look and the open.
    monkeypatch.setattr(safe_read, "_look_before_opening", lambda path: None)
    path = tmp_path / "x.toml"
    os.mkfifo(path)
    assert bounded(lambda: refused(path)).reason == "not a regular file (a named pipe)"


def bounded(read: Callable[[], StoreError]) -> StoreError:
    """Run `read` on a thread, failing (not hanging) if it does not return in time."""
    outcome: list[StoreError | BaseException] = []

    def run() -> None:
        try:
            outcome.append(read())
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(WAIT)
    assert not thread.is_alive(), "the read hangs"
    [result] = outcome
    if not isinstance(result, StoreError):
        raise result
    return result
