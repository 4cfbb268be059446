from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

import pytest

from backrun_tui.store.atomic import atomic_create_bytes, atomic_write_bytes, atomic_write_text

posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX file modes and folder fsync")


def test_writes_text_and_makes_parent_folders(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "config.toml"
    atomic_write_text(target, 'units = "metric"\nnote = "é"\n')
    assert target.read_text(encoding="utf-8") == 'units = "metric"\nnote = "é"\n'
    assert os.listdir(target.parent) == ["config.toml"]


def test_replaces_existing_content(tmp_path: Path) -> None:
    target = tmp_path / "w.toml"
    target.write_bytes(b"old content that is longer than the new one")
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert os.listdir(tmp_path) == ["w.toml"]


def test_failed_replace_leaves_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "w.toml"
    target.write_text("old")

    def refuse(src: object, dst: object) -> None:
        raise OSError(errno.EIO, "simulated I/O error")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="simulated"):
        atomic_write_text(target, "new")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["w.toml"]


def test_failed_fsync_leaves_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError) as caught:
        atomic_write_text(tmp_path / "w.toml", "new")
    assert caught.value.errno == errno.ENOSPC
    assert os.listdir(tmp_path) == []


def test_target_that_is_a_folder_fails_for_real(tmp_path: Path) -> None:
    target = tmp_path / "w.toml"
    target.mkdir()
    (target / "inside").write_text("keep me")
    with pytest.raises(OSError):
        atomic_write_text(target, "new")
    assert (target / "inside").read_text() == "keep me"
    assert os.listdir(tmp_path) == ["w.toml"]


def test_parent_that_is_a_file_fails_for_real(tmp_path: Path) -> None:
    (tmp_path / "workouts").write_text("not a folder")
    with pytest.raises(OSError):
        atomic_write_text(tmp_path / "workouts" / "w.toml", "new")
    assert (tmp_path / "workouts").read_text() == "not a folder"


@posix_only
@pytest.mark.skipif(
    sys.platform != "win32" and os.geteuid() == 0, reason="root ignores folder permissions"
)
def test_read_only_folder_raises_and_keeps_old_file(tmp_path: Path) -> None:
    target = tmp_path / "w.toml"
    target.write_text("old")
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(PermissionError):
            atomic_write_text(target, "new")
    finally:
        tmp_path.chmod(0o700)
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["w.toml"]


@posix_only
def test_new_file_is_private_and_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.toml"
    atomic_write_text(fresh, "x")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    shared = tmp_path / "shared.toml"
    shared.write_text("old")
    shared.chmod(0o644)
    atomic_write_text(shared, "new")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o644


@posix_only
def test_symlink_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "config.toml"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "config.toml"
    link.symlink_to(real)
    atomic_write_text(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "new"


@posix_only
def test_file_and_folder_are_fsynced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[str] = []
    real_fsync = os.fsync

    def recording_fsync(fd: int) -> None:
        synced.append("folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    atomic_write_text(tmp_path / "w.toml", "x")
    assert synced == ["file", "folder"]


@posix_only
@pytest.mark.parametrize("through_a_link", [False, True])
def test_a_named_pipe_in_the_way_is_refused_not_replaced(
    tmp_path: Path, through_a_link: bool
) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    target = tmp_path / "config.toml"
    if through_a_link:
        target.symlink_to(pipe)
    else:
        target = pipe
    with pytest.raises(OSError, match="not a regular file"):
        atomic_write_text(target, "units = 'metric'\n")
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)
    assert sorted(os.listdir(tmp_path)) == sorted({"pipe", target.name})


def test_create_writes_a_new_private_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "session.fit"
    atomic_create_bytes(target, b"\x0e\x10fit")
    assert target.read_bytes() == b"\x0e\x10fit"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["session.fit"]


def test_create_never_replaces_a_file_or_a_link(tmp_path: Path) -> None:
    target = tmp_path / "mine.csv"
    target.write_bytes(b"keep")
    with pytest.raises(FileExistsError):
        atomic_create_bytes(target, b"new")
    assert target.read_bytes() == b"keep"
    link = tmp_path / "link.csv"
    link.symlink_to(tmp_path / "nowhere")
    with pytest.raises(FileExistsError):
        atomic_create_bytes(link, b"new")
    assert not (tmp_path / "nowhere").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "mine.csv"]


def test_create_loses_to_a_file_made_while_it_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "race.tcx"
    real_fsync = os.fsync

    def someone_else_writes(fd: int) -> None:
        real_fsync(fd)
        if not target.exists():
            target.write_bytes(b"theirs")

    monkeypatch.setattr(os, "fsync", someone_else_writes)
    with pytest.raises(FileExistsError):
        atomic_create_bytes(target, b"ours")
    assert target.read_bytes() == b"theirs"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["race.tcx"]


def test_create_without_hard_links_still_refuses_and_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(src: object, dst: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    atomic_create_bytes(tmp_path / "a.json", b"{}")
    assert (tmp_path / "a.json").read_bytes() == b"{}"
    with pytest.raises(FileExistsError):
        atomic_create_bytes(tmp_path / "a.json", b"[]")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]


def test_create_does_not_make_folders(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        atomic_create_bytes(tmp_path / "typo" / "x.tcx", b"")
    assert list(tmp_path.iterdir()) == []
