"""One session to a new file in a chosen format, for the history's detail screen.

The formats are the headless exporters' (`tcx`, `fit`, and `history --json`/`--csv` for one
session); this only names the file and writes it without ever replacing one that is there.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from backrun_tui.export.fit import session_fit
from backrun_tui.export.history import history_csv, session_json
from backrun_tui.export.laps import NothingToExport
from backrun_tui.export.tcx import session_tcx
from backrun_tui.store.atomic import atomic_create_bytes
from backrun_tui.store.sessions import SessionEntry

__all__ = ["FORMATS", "NothingToExport", "export_bytes", "export_name", "write_new"]


def _tcx(entry: SessionEntry) -> bytes:
    return session_tcx(entry.record).encode("utf-8")


def _fit(entry: SessionEntry) -> bytes:
    return session_fit(entry.record)


def _json(entry: SessionEntry) -> bytes:
    return (json.dumps(session_json(entry), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _csv(entry: SessionEntry) -> bytes:
    return history_csv([entry]).encode("utf-8")


#: Each format's file extension and exporter.
FORMATS: dict[str, Callable[[SessionEntry], bytes]] = {
    "tcx": _tcx,
    "fit": _fit,
    "json": _json,
    "csv": _csv,
}


def export_bytes(entry: SessionEntry, fmt: str) -> bytes:
    """The session in format `fmt`; NothingToExport for a TCX or FIT of a session in which
    no interval ran, KeyError for an unknown format."""
    return FORMATS[fmt](entry)


def export_name(entry: SessionEntry, fmt: str) -> str:
    """The file name an export gets: `backrun-20261130-142926-3fa2.tcx`."""
    return f"backrun-{entry.record.id}.{fmt}"


#: Write `data` to a new file, whole or not at all; FileExistsError when something is there
#: already (it is never replaced), OSError when it cannot be written.
write_new = atomic_create_bytes
