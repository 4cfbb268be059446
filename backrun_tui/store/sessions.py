"""Session history: one TOML file per session, `sessions/<id>.toml`, written atomically.

One file per session, never appended to, so a sessions folder synced between machines
merges without conflicts. A session file:

```toml
# A backrun session. The fields are described in the README ("Session files").
schema_version = 1
id = "20261130-142926-3fa2"
workout = "Beginner backward/forward intervals"
plan = "5m warmup @5kph, 2x(1m back @5kph 2% \\"push off\\", 2m fwd @8kph), 5m cooldown @5kph"
started_at = 2026-11-30 14:29:26+01:00
updated_at = 2026-11-30 14:46:41+01:00
status = "completed"
time_scale = 1.0
planned_seconds = 960
active_seconds = 975.0
paused_seconds = 60.0
backward_seconds = 120.0
forward_seconds = 255.0
distance_km = 1.429
energy_kcal = 80.5
weight_kg = 70.0
rpe = 6
note = "Calves felt it."

[[intervals]]
index = 1
kind = "warmup"
planned_seconds = 300
actual_seconds = 300.0
outcome = "completed"
speed_kmh = 5.0
adjusted_seconds = 0.0

[[intervals]]
index = 2
kind = "backward"
planned_seconds = 60
actual_seconds = 60.0
outcome = "completed"
speed_kmh = 5.0
incline_pct = 2.0
label = "push off"
adjusted_seconds = 0.0

[[intervals]]
index = 3
kind = "forward"
planned_seconds = 120
actual_seconds = 135.0
outcome = "completed"
speed_kmh = 8.0
adjusted_seconds = 10.0

# ... one [[intervals]] table per interval of the expanded plan, in order

[[pauses]]
at_seconds = 431.5
seconds = 60.0
reason = "user"
```

Top level (required unless marked optional):
- `schema_version`: 1. A newer number means a newer backrun wrote the file.
- `id`: the session's identity, `YYYYMMDD-HHMMSS-xxxx` (local start time and 4 random hex
  digits); letters, digits, `-` and `_` only. The file is named after it, `<id>.toml`; a
  file whose `id` is not its name (a copy) is reported and skipped.
- `workout`: the workout's name (may be empty); `plan`: the plan in canonical notation.
- `started_at`, `updated_at`: TOML offset date-times, to the second, in the years 1970 to
  2200. `updated_at` is when the file was last written: the end for a finished session,
  the last checkpoint for an interrupted one.
- `status`: `"completed"` (the plan ran to its end), `"stopped"` (the runner stopped it) or
  `"interrupted"` (backrun ended mid-session: crash, kill, power cut; recovered from the
  last checkpoint). Checkpoints of a session under way say `"running"`.
- `time_scale`: how many times faster than real time the session ran (1.0 = real time).
- `planned_seconds` (whole seconds, from the plan); `active_seconds` (session time run,
  pauses excluded), `paused_seconds`, `backward_seconds`, `forward_seconds`: session
  seconds to 0.001, in the session's own time (a time-scaled run counts scaled seconds).
- `distance_km` (to 0.001), `energy_kcal` (to 0.1), `weight_kg`: optional, left out when
  unknown (no interval had a speed; no body weight set).
- `rpe`: optional, effort from 1 to 10. `note`: optional text, left out when empty.

`[[intervals]]`, one per interval of the expanded plan: `index` (1-based, as in
`backrun plan --json`), `kind` (`warmup`, `backward`, `forward`, `rest`, `cooldown`),
`planned_seconds`, `actual_seconds`, `outcome` (`completed`, `skipped`, `stopped`,
`not_reached`), optional `speed_kmh` (to 0.001), `incline_pct` and `label`, and
`adjusted_seconds` (net time added or taken with + and −).

`[[pauses]]`, one per pause: `at_seconds` (active seconds when it began), `seconds`, and
`reason` (`"user"`, or `"sleep"` when the computer slept).

Every number has bounds far beyond any real session (`session_toml`'s MAX_ constants):
seconds of session time at most a week (paused seconds, which a time-scaled session counts
scaled, a week × 1000), distance at most 5,040 km, energy at most 12 million kcal, weight
20–400 kg, speed at most 30 km/h, incline −10 to 40 %, at most 100,000 intervals and as
many pauses. A file may be at most 32 MiB (`safe_read.MAX_SESSION_BYTES`).

No other keys are allowed, so a misspelt one is reported instead of silently ignored. A file
that cannot be read is reported with its path, line and field, skipped, and left as it is.

While a session runs, backrun keeps its checkpoint in `sessions/.running/<id>.toml` (this
format, `status = "running"`) next to a lock file, `<id>.lock`; a checkpoint left by a
backrun that is gone becomes an `interrupted` session at the next start, any interval that
was under way then marked `stopped` (see `backrun_tui.store.checkpoints`).
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from backrun_tui.model.session import SessionRecord
from backrun_tui.store.errors import StoreError
from backrun_tui.store.safe_read import MAX_SESSION_BYTES
from backrun_tui.store.session_toml import (
    SCHEMA_VERSION,
    as_saved,
    is_session_id,
    record_from_document,
    record_to_toml,
)
from backrun_tui.store.tomlfile import read_toml, show

RUNNING_DIR_NAME = ".running"

__all__ = [
    "SCHEMA_VERSION",
    "SessionEntry",
    "as_saved",
    "is_session_id",
    "iter_sessions",
    "load_sessions",
    "new_session_id",
    "read_session",
    "record_from_document",
    "record_to_toml",
    "running_dir",
    "session_files",
    "session_path",
]


@dataclass(frozen=True)
class SessionEntry:
    """A session in the history and the file it was read from."""

    record: SessionRecord
    path: Path


def new_session_id(started_at: dt.datetime) -> str:
    """A fresh id like `20261130-142926-3fa2`: the start time, then 4 random hex digits.

    The time is the one `started_at` shows (the runner's local time, when it comes from
    `datetime.now().astimezone()`), so the id matches `started_at` in the file. Ids sort by
    start time within one time zone and are safe as file names everywhere; the random part
    keeps apart two sessions started in the same second on two synced computers.
    """
    return f"{started_at:%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"


def session_path(folder: Path, session_id: str) -> Path:
    """The file of session `session_id` in `folder`; ValueError for an unsafe id."""
    if not is_session_id(session_id):
        raise ValueError(f"not a session id: {show(session_id)}")
    return folder / f"{session_id}.toml"


def running_dir(sessions_dir: Path) -> Path:
    """Where checkpoints and locks of sessions under way live."""
    return sessions_dir / RUNNING_DIR_NAME


def load_sessions(
    folder: Path, since: dt.date | None = None
) -> tuple[list[SessionEntry], list[StoreError]]:
    """Every session in `folder`, newest first, and what could not be read.

    `since` keeps the sessions that started on that local date or later. Dot-files (temp
    files, the checkpoints folder) are ignored; unreadable files, and files whose session
    id is not their name, are reported, skipped, and never changed.
    """
    entries: list[SessionEntry] = []
    errors: list[StoreError] = []
    for found in iter_sessions(folder):
        if isinstance(found, StoreError):
            errors.append(found)
        elif since is None or _local_date(found.record.started_at) >= since:
            entries.append(found)
    entries.sort(key=lambda e: (e.record.started_at, e.record.id), reverse=True)
    return entries, errors


def session_files(folder: Path) -> list[Path]:
    """The session files in `folder`, newest name first (a name starts with the session's
    local start time, so this is close to newest first without reading a file).

    Empty when there is no folder yet; StoreError when it cannot be listed.
    """
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise StoreError(folder, f"cannot read the folder: {exc.strerror or exc}") from exc
    chosen = (n for n in names if n.endswith(".toml") and not n.startswith("."))
    return [folder / name for name in sorted(chosen, reverse=True)]


def iter_sessions(folder: Path) -> Iterator[SessionEntry | StoreError]:
    """Each session in `folder`, or the problem with its file, newest file name first.

    For a history that shows its first rows before the last file is read. Files deleted
    while this goes on are passed over.
    """
    try:
        paths = session_files(folder)
    except StoreError as error:
        yield error
        return
    for path in paths:
        try:
            yield SessionEntry(record=read_session(path, check_name=True), path=path)
        except FileNotFoundError:
            continue  # deleted since the folder was listed (e.g. by a sync client)
        except StoreError as error:
            yield error


def read_session(
    path: Path, *, checkpoint: bool = False, check_name: bool = False
) -> SessionRecord:
    """The session in `path`; StoreError if it cannot be accepted, FileNotFoundError if gone.

    A finished session's status is completed, stopped or interrupted; a checkpoint's
    (`checkpoint=True`) is running. `check_name` refuses a file not named `<id>.toml`, as
    every file in the sessions folder is (a copy under another name would count twice).
    """
    document = read_toml(path, max_bytes=MAX_SESSION_BYTES)
    record = record_from_document(document, checkpoint=checkpoint)
    if check_name and path.name != f"{record.id}.toml":
        reason = f"id: {show(record.id)} is not the file's name"
        raise StoreError(path, reason, document.line_of(("id",)))
    return record


def _local_date(moment: dt.datetime) -> dt.date:
    """The date `moment` falls on here, or as written when it cannot be converted."""
    try:
        return moment.astimezone().date()
    except (OverflowError, OSError, ValueError):
        # Out of the platform's range (some cannot convert times before 1970).
        return moment.date()
