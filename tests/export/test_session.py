"""A session by format name, for the command line and the screens alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backrun_tui.export.session import (
    DEFAULT_FORMAT,
    FORMATS,
    NothingToExport,
    export_session,
    export_to_folder,
    file_name,
)
from backrun_tui.export.tcx import session_tcx
from backrun_tui.model.kinds import Kind
from backrun_tui.model.session import IntervalOutcome
from backrun_tui.store.sessions import SessionEntry
from tests.export.sessions import interval, session, treadmill_session

ID = "20261130-142926-3fa2"


@pytest.fixture
def entry(tmp_path: Path) -> SessionEntry:
    return SessionEntry(treadmill_session(), tmp_path / "sessions" / f"{ID}.toml")


def test_every_format_has_its_ending_and_tcx_is_the_default(entry: SessionEntry) -> None:
    assert list(FORMATS) == ["tcx", "fit", "csv", "json"]
    assert DEFAULT_FORMAT == "tcx"
    assert [file_name(entry, name) for name in FORMATS] == [
        f"{ID}.tcx",
        f"{ID}.fit",
        f"{ID}.csv",
        f"{ID}.json",
    ]
    assert [FORMATS[name].binary for name in FORMATS] == [False, True, False, False]


def test_text_formats_are_utf8_and_tcx_is_the_exporters(entry: SessionEntry) -> None:
    assert export_session(entry, "tcx").content.decode() == session_tcx(entry.record) + "\n"
    data = json.loads(export_session(entry, "json").content.decode())
    assert data["workout"] == 'Back & forth <"intervals">'
    assert export_session(entry, "fit").content[8:12] == b".FIT"


def test_an_unknown_format_is_a_key_error(entry: SessionEntry) -> None:
    with pytest.raises(KeyError):
        export_session(entry, "gpx")


def test_nothing_ran(tmp_path: Path) -> None:
    record = session([interval(1, Kind.WARMUP, 0.0, IntervalOutcome.NOT_REACHED)])
    with pytest.raises(NothingToExport):
        export_session(SessionEntry(record, tmp_path / "x.toml"), "fit")


def test_to_a_folder_a_taken_name_gets_a_number(entry: SessionEntry, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / f"{ID}.tcx").write_text("mine", encoding="utf-8")
    first = export_to_folder(entry, "tcx", folder)
    second = export_to_folder(entry, "tcx", folder)
    assert (first.name, second.name) == (f"{ID}-2.tcx", f"{ID}-3.tcx")
    assert (folder / f"{ID}.tcx").read_text(encoding="utf-8") == "mine"
    assert first.read_bytes() == second.read_bytes() == export_session(entry, "tcx").content
    assert export_to_folder(entry, "csv", folder).name == f"{ID}.csv"
