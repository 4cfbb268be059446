"""One session in a format other programs read: the format's name in, the file's content out.

`backrun export` and the session detail screen both go through here, so a format means
the same thing wherever it is asked for:
- `tcx`: Garmin Training Center v2 (`backrun_tui.export.tcx`), text; the default, as the
  format Strava, Garmin Connect and intervals.icu all take.
- `fit`: a FIT activity file (`backrun_tui.export.fit`), binary.
- `csv`: one row per interval, the session's columns repeated (`export.history`), text.
- `json`: the session as `history --json` shows it, plus its intervals and pauses, text.

TCX and FIT describe laps on the clock and need an interval that ran (`NothingToExport`
otherwise); CSV and JSON describe the file as it is.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from backrun_tui.export.fit import session_fit
from backrun_tui.export.history import session_csv, session_detail_json
from backrun_tui.export.laps import NothingToExport
from backrun_tui.export.tcx import session_tcx
from backrun_tui.store.atomic import atomic_create_bytes
from backrun_tui.store.sessions import SessionEntry

__all__ = [
    "DEFAULT_FORMAT",
    "FORMATS",
    "Exported",
    "NothingToExport",
    "export_session",
    "export_to_folder",
    "file_name",
    "write_export",
]


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str
    """The file name's ending, with its dot."""
    binary: bool
    """Bytes no terminal should be shown; the others are UTF-8 text."""
    make: Callable[[SessionEntry], bytes]


def _json(entry: SessionEntry) -> bytes:
    return (json.dumps(session_detail_json(entry), ensure_ascii=False, indent=2) + "\n").encode()


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("tcx", ".tcx", False, lambda e: (session_tcx(e.record) + "\n").encode()),
        Format("fit", ".fit", True, lambda e: session_fit(e.record)),
        Format("csv", ".csv", False, lambda e: session_csv(e).encode()),
        Format("json", ".json", False, _json),
    )
}
DEFAULT_FORMAT = "tcx"


@dataclass(frozen=True)
class Exported:
    """A session in one format, ready to be written."""

    content: bytes
    format: Format


def export_session(entry: SessionEntry, format_name: str) -> Exported:
    """The session in the named format. KeyError for an unknown format name;
    `NothingToExport` for TCX or FIT of a session in which no interval ran."""
    chosen = FORMATS[format_name]
    return Exported(chosen.make(entry), chosen)


def file_name(entry: SessionEntry, format_name: str) -> str:
    """The name an export gets when none is given: the session's id and the format's
    ending, e.g. `20261130-142926-3fa2.fit`."""
    return f"{entry.record.id}{FORMATS[format_name].suffix}"


def write_export(exported: Exported, path: Path) -> None:
    """Write an export to a new file, atomically. FileExistsError when `path` is taken
    (nothing is ever overwritten), OSError when it cannot be written."""
    atomic_create_bytes(path, exported.content)


#: How many numbered names `export_to_folder` tries before it gives up.
MAX_NUMBERED_NAMES = 999


def export_to_folder(entry: SessionEntry, format_name: str, folder: Path) -> Path:
    """Write the session in the named format to a new file in `folder`, and say which: the
    id and the format's ending, or with `-2`, `-3`... before the ending when that name is
    taken (nothing is overwritten). What `export_session` raises, OSError (FileExistsError
    after `MAX_NUMBERED_NAMES` tries)."""
    exported = export_session(entry, format_name)
    stem, suffix = entry.record.id, exported.format.suffix
    for n in range(1, MAX_NUMBERED_NAMES + 1):
        path = folder / (f"{stem}{suffix}" if n == 1 else f"{stem}-{n}{suffix}")
        try:
            write_export(exported, path)
        except FileExistsError:
            continue
        return path
    taken = folder / f"{stem}{suffix}"
    raise FileExistsError(f"{taken}: it and {MAX_NUMBERED_NAMES - 1} numbered names are taken")
