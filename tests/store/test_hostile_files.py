"""Fault injection: every kind of hostile file, in every place the store reads.

Each case plants one file and reads the store as backrun does at a start. It must come
back promptly with one problem naming that file, and leave the file exactly as it was.
Each case runs in a forked child with a memory limit, killed if it does not answer in
time, so that a reader which hangs (a named pipe) or reads without end (`/dev/zero`) fails
its test instead of hanging the suite or exhausting the machine.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import os
import resource
import stat
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

from backrun_tui.model.kinds import SpeedUnit
from backrun_tui.store.checkpoints import recover_orphans
from backrun_tui.store.config import Config, load_config_checked
from backrun_tui.store.errors import StoreError
from backrun_tui.store.safe_read import MAX_CONFIG_BYTES, MAX_SESSION_BYTES, MAX_WORKOUT_BYTES
from backrun_tui.store.sessions import load_sessions, record_to_toml
from backrun_tui.store.workouts import load_saved, read_workout
from tests.store.test_checkpoints import running_record

pytestmark = pytest.mark.skipif(
    os.name == "nt" or not hasattr(os, "fork"), reason="named pipes, /dev and fork"
)

WAIT = 30  # seconds; only a reader that hangs ever takes this long
NOW = dt.datetime(2026, 11, 30, 14, 0, tzinfo=dt.UTC)
ID = "20261130-142926-3fa2"
#: Memory the child may take beyond what it starts with: far more than any case needs.
CHILD_MEMORY = 1024 * 1024 * 1024

Problem = tuple[str, str, int | None]  # path, reason, line


@dataclass(frozen=True)
class Place:
    """Where the store reads a file, and how backrun reads it there."""

    name: str
    relative: str
    cap: int
    read: Callable[[Path], list[StoreError]]

    def path(self, home: Path) -> Path:
        return home / self.relative


def read_config(home: Path) -> list[StoreError]:
    config, problems = load_config_checked(home / "config.toml")
    assert config == Config()
    return problems


def read_workouts(home: Path) -> list[StoreError]:
    entries, problems = load_saved(home / "workouts")
    assert entries == []
    return problems


def read_workout_file(home: Path) -> list[StoreError]:
    # `backrun run FILE`: a workout file named on the command line.
    try:
        read_workout(home / "elsewhere" / "plan.toml", SpeedUnit.KPH)
    except StoreError as error:
        return [error]
    raise AssertionError("read a hostile workout file as a workout")


def read_sessions(home: Path) -> list[StoreError]:
    entries, problems = load_sessions(home / "sessions", since=dt.date(2026, 1, 1))
    assert entries == []
    return problems


def read_checkpoints(home: Path) -> list[StoreError]:
    recovered, problems = recover_orphans(home / "sessions", NOW)
    assert recovered == []
    return problems


PLACES = [
    Place("config.toml", "config.toml", MAX_CONFIG_BYTES, read_config),
    Place("workouts/", "workouts/hills.toml", MAX_WORKOUT_BYTES, read_workouts),
    Place("workout FILE", "elsewhere/plan.toml", MAX_WORKOUT_BYTES, read_workout_file),
    Place("sessions/", f"sessions/{ID}.toml", MAX_SESSION_BYTES, read_sessions),
    Place(
        "sessions/.running/", f"sessions/.running/{ID}.toml", MAX_SESSION_BYTES, read_checkpoints
    ),
]


@dataclass(frozen=True)
class Kind:
    """A hostile file: how to make it, and what the problem must say about it."""

    name: str
    make: Callable[[Path, int], None]
    reason: Callable[[int], str]
    line: int | None = None


def huge(path: Path, cap: int) -> None:
    with path.open("wb") as file:
        file.truncate(cap + 1)  # sparse: no room taken on the disk


KINDS = [
    Kind("fifo", lambda p, cap: os.mkfifo(p), lambda cap: "not a regular file (a named pipe)"),
    Kind(
        "link to /dev/zero",
        lambda p, cap: p.symlink_to("/dev/zero"),
        lambda cap: "not a regular file (a character device)",
    ),
    Kind(
        "link to /dev/urandom",
        lambda p, cap: p.symlink_to("/dev/urandom"),
        lambda cap: "not a regular file (a character device)",
    ),
    Kind("folder", lambda p, cap: p.mkdir(), lambda cap: "not a regular file (a folder)"),
    Kind(
        "dangling link",
        lambda p, cap: p.symlink_to(p.parent / "gone.toml"),
        lambda cap: "broken link to ",
    ),
    Kind(
        "over the cap", huge, lambda cap: f"too large: {cap + 1:,} bytes, over the limit of {cap:,}"
    ),
    Kind(
        "nested 5000 deep",
        lambda p, cap: p.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n"),
        lambda cap: "invalid TOML: arrays or tables nested too deeply",
        line=1,
    ),
    Kind(
        "invalid UTF-8",
        lambda p, cap: p.write_bytes(b"schema_version = 1\nname = 'caf\xe9'\n"),
        lambda cap: "not UTF-8 text",
        line=2,
    ),
    Kind(
        "truncated",
        lambda p, cap: p.write_text(record_to_toml(running_record())[:200]),
        lambda cap: "invalid TOML: Unterminated string (at the end of the file)",
        line=5,
    ),
]


def snapshot(home: Path) -> dict[str, tuple[object, ...]]:
    """What is under `home`, links not followed: kind, identity, size, time and target."""
    found: dict[str, tuple[object, ...]] = {}
    for folder, dirs, files in os.walk(home):
        for name in dirs + files:
            path = Path(folder) / name
            info = os.lstat(path)
            kind = stat.S_IFMT(info.st_mode)
            if stat.S_ISDIR(info.st_mode):
                found[str(path)] = (kind,)  # its time changes when a lock file comes and goes
            elif stat.S_ISLNK(info.st_mode):
                found[str(path)] = (kind, os.readlink(path))
            else:
                found[str(path)] = (kind, info.st_ino, info.st_size, info.st_mtime_ns)
    return found


def in_child(read: Callable[[], list[StoreError]]) -> list[Problem]:
    """The problems `read` returns, read in a forked child that is killed after WAIT."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(read, sender), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(WAIT):
            pytest.fail(f"no answer in {WAIT} s: the store hangs on this file")
        outcome = receiver.recv()
    except EOFError:
        pytest.fail(f"the reading process died (exit code {child.exitcode})")
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if isinstance(outcome, str):
        pytest.fail(f"the store raised instead of reporting: {outcome}")
    return outcome


def _child(read: Callable[[], list[StoreError]], sender: Connection) -> None:
    with contextlib.suppress(OSError, ValueError):
        # A reader without a cap meets MemoryError here, not the machine's limit.
        pages = int(Path("/proc/self/statm").read_text().split()[0])
        limit = pages * os.sysconf("SC_PAGE_SIZE") + CHILD_MEMORY
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        problems = read()
        sender.send([(str(p.path), p.reason, p.line) for p in problems])
    except BaseException as exc:
        sender.send(f"{type(exc).__name__}: {exc}")


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
@pytest.mark.parametrize("place", PLACES, ids=[p.name for p in PLACES])
def test_a_hostile_file_is_one_problem_naming_it_and_is_left_alone(
    backrun_home: Path, place: Place, kind: Kind
) -> None:
    path = place.path(backrun_home)
    path.parent.mkdir(parents=True, exist_ok=True)
    kind.make(path, place.cap)
    before = snapshot(backrun_home)

    problems = in_child(lambda: place.read(backrun_home))

    assert len(problems) == 1, problems
    [(where, reason, line)] = problems
    assert where == str(path)
    assert kind.reason(place.cap) in reason
    if kind.line is not None:
        assert line == kind.line
    assert snapshot(backrun_home) == before


# --- a hostile lock file next to a checkpoint ---------------------------------------------------


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: os.mkfifo(p), "not a regular file"),
        (lambda p: p.symlink_to("/dev/zero"), "a link, which a lock file never is"),
        (lambda p: p.symlink_to(p.parent / "gone"), "a link, which a lock file never is"),
    ],
    ids=["fifo", "link to /dev/zero", "dangling link"],
)
def test_a_hostile_lock_file_is_reported_and_its_checkpoint_kept(
    backrun_home: Path, make: Callable[[Path], None], reason: str
) -> None:
    running = backrun_home / "sessions" / ".running"
    running.mkdir(parents=True)
    (running / f"{ID}.toml").write_text(record_to_toml(running_record()))
    lock = running / f"{ID}.lock"
    make(lock)
    before = snapshot(backrun_home)

    problems = in_child(lambda: read_checkpoints(backrun_home))

    assert [(where, line) for where, _, line in problems] == [(str(lock), None)]
    assert problems[0][1] == f"cannot tell whether its session is still running: {reason}"
    assert snapshot(backrun_home) == before
