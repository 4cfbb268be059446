"""An export from the detail screen: a new file, whole, never over another."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from backrun_tui.export.to_file import (
    FORMATS,
    NothingToExport,
    export_bytes,
    export_name,
    write_new,
)
from backrun_tui.model.session import IntervalOutcome
from backrun_tui.store.sessions import SessionEntry
from tests.export.sessions import treadmill_session


def test_write_new_refuses_a_name_taken_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "out.tcx"
    write_new(target, b"first")
    with pytest.raises(FileExistsError):
        write_new(target, b"second")
    assert target.read_bytes() == b"first"
    assert os.listdir(tmp_path) == ["out.tcx"]


def test_write_new_into_a_missing_folder_fails_and_makes_nothing(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        write_new(tmp_path / "nowhere" / "out.tcx", b"x")
    assert os.listdir(tmp_path) == []


def test_every_format_names_its_file_after_the_session(tmp_path: Path) -> None:
    entry = SessionEntry(treadmill_session(), tmp_path / "20261130-142926-3fa2.toml")
    for fmt in FORMATS:
        assert export_name(entry, fmt) == f"backrun-20261130-142926-3fa2.{fmt}"
        assert export_bytes(entry, fmt)
    assert json.loads(export_bytes(entry, "json"))["workout"] == 'Back & forth <"intervals">'


def test_a_session_in_which_nothing_ran_has_no_tcx_or_fit(tmp_path: Path) -> None:
    record = treadmill_session()
    idle = replace(
        record,
        intervals=tuple(
            replace(i, actual_seconds=0.0, outcome=IntervalOutcome.NOT_REACHED)
            for i in record.intervals
        ),
        pauses=(),
    )
    entry = SessionEntry(idle, tmp_path / "x.toml")
    for fmt in ("tcx", "fit"):
        with pytest.raises(NothingToExport):
            export_bytes(entry, fmt)
