"""Changing a saved session's rating: its `rpe` and `note` lines, and nothing else.

The history's detail screen lets a runner rate a session again. Only the two lines change:
the rest of the file (comments, the order of keys, numbers as they were written) stays
byte for byte, so a synced folder sees the smallest possible change. A file that reads
differently from what the runner was shown (changed by another program or computer since)
is refused, never overwritten.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import tomli_w

from backrun_tui.model.session import SessionRecord
from backrun_tui.store.atomic import atomic_write_text
from backrun_tui.store.errors import StoreError
from backrun_tui.store.safe_read import MAX_SESSION_BYTES
from backrun_tui.store.session_toml import record_from_document, record_to_toml
from backrun_tui.store.tomlfile import parse_toml, read_toml

#: The longest note kept; the finish screen takes as many characters.
MAX_NOTE = 500
_HEADER = re.compile(r"^\s*\[")
_KEY_LINE = r"^\s*[\"']?{key}[\"']?\s*="


class SessionChanged(StoreError):
    """The file on disk is no longer the session the runner saw; nothing was written."""


def update_rating(path: Path, rpe: int | None, note: str, seen: SessionRecord) -> SessionRecord:
    """Set the session's `rpe` (None: none) and `note` ("" : none); the record as saved.

    `seen` is the record the runner was shown: if the file now says anything else, it is
    refused with SessionChanged. StoreError for a file that cannot be read, ValueError for
    an RPE outside 1–10 or a note too long, OSError when it cannot be written (the file is
    then as it was).
    """
    if rpe is not None and not 1 <= rpe <= 10:
        raise ValueError("RPE: a whole number from 1 to 10")
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise ValueError(f"note: at most {MAX_NOTE} characters")
    document = read_toml(path, max_bytes=MAX_SESSION_BYTES)
    current = record_from_document(document)
    if current != seen:
        raise SessionChanged(path, "changed on disk since it was read; open it again")
    wanted = replace(current, rpe=rpe, note=note)
    text = _with_rating(document.text, rpe, note)
    if text is None or not _reads_as(path, text, wanted):
        # Written by hand in a way the line edit cannot follow (a multi-line note, a dotted
        # key): write the whole session out again, which keeps every value.
        text = record_to_toml(wanted)
    atomic_write_text(path, text)
    return wanted


def _with_rating(text: str, rpe: int | None, note: str) -> str | None:
    """The file's text with its `rpe` and `note` lines set, added or removed; None when
    the top of the file is not simple enough to edit line by line."""
    lines = text.splitlines(keepends=True)
    end = next((i for i, line in enumerate(lines) if _HEADER.match(line)), len(lines))
    top = lines[:end]
    for key, value in (("rpe", rpe), ("note", note or None)):
        pattern = re.compile(_KEY_LINE.format(key=key))
        found = [i for i, line in enumerate(top) if pattern.match(line)]
        if len(found) > 1:
            return None
        new = [] if value is None else [tomli_w.dumps({key: value})]
        if found:
            top[found[0] : found[0] + 1] = new
        else:
            # Where backrun writes it: before the note, or else after the last key of the top
            # table (before the blank line and the intervals).
            note_line = re.compile(_KEY_LINE.format(key="note"))
            last = max((i + 1 for i, line in enumerate(top) if "=" in line), default=len(top))
            at = next((i for i, line in enumerate(top) if note_line.match(line)), last)
            if at > 0 and not top[at - 1].endswith("\n"):
                top[at - 1] += "\n"
            top[at:at] = new
    return "".join(top + lines[end:])


def _reads_as(path: Path, text: str, wanted: SessionRecord) -> bool:
    try:
        return record_from_document(parse_toml(path, text)) == wanted
    except StoreError:
        return False
