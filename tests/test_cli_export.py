"""`backrun export`: one session file in, TCX, FIT, CSV or JSON out; bad input changes nothing."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from pathlib import Path

import pytest
import xmlschema
from garmin_fit_sdk import Decoder, Stream
from tcxreader.tcxreader import TCXReader

from backrun_tui.cli import main
from backrun_tui.model.kinds import Kind
from backrun_tui.model.session import IntervalOutcome, SessionRecord
from backrun_tui.store.sessions import record_to_toml
from tests.export.sessions import TREADMILL_LAPS, interval, session, treadmill_session
from tests.export.test_tcx import XSD

ID = "20261130-142926-3fa2"
Capture = pytest.CaptureFixture[str]


def save(folder: Path, record: SessionRecord) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{record.id}.toml"
    path.write_text(record_to_toml(record), encoding="utf-8")
    return path


@pytest.fixture
def sessions(backrun_home: Path) -> Path:
    folder = backrun_home / "sessions"
    save(folder, treadmill_session())
    return folder


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty current folder, where FIT goes without -o."""
    folder = tmp_path / "here"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def export(capsys: Capture, *argv: str) -> tuple[int, str, str]:
    code = main(["export", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*"))


# --- TCX -----------------------------------------------------------------------------------


def test_tcx_is_the_default_valid_and_read_back_with_the_same_laps(
    capsys: Capture, sessions: Path, here: Path, tmp_path: Path
) -> None:
    code, out, err = export(capsys, ID)
    assert (code, err) == (0, "")
    assert files_in(here) == []  # text goes to standard output
    xmlschema.XMLSchema(XSD).validate(out)
    path = tmp_path / "read.tcx"
    path.write_text(out, encoding="utf-8")
    exercise = TCXReader().read(str(path), only_gps=False)
    assert exercise.activity_type == "Running"
    starts = [row[0].replace(tzinfo=None) for row in TREADMILL_LAPS]
    assert [lap.trackpoints[0].time for lap in exercise.laps] == starts
    spans = [(lap.trackpoints[-1].time - lap.trackpoints[0].time) for lap in exercise.laps]
    assert [s.total_seconds() for s in spans] == pytest.approx([r[2] for r in TREADMILL_LAPS])
    assert [lap.distance for lap in exercise.laps] == pytest.approx(
        [r[3] for r in TREADMILL_LAPS], abs=0.001
    )


def test_tcx_to_a_file_is_what_standard_output_shows(
    capsys: Capture, sessions: Path, tmp_path: Path
) -> None:
    _code, shown, _err = export(capsys, ID, "--format", "tcx")
    target = tmp_path / "out" / "morning.tcx"
    target.parent.mkdir()
    code, out, err = export(capsys, ID, "--format", "tcx", "-o", str(target))
    assert (code, out, err) == (0, f"wrote {target}\n", "")
    assert target.read_text(encoding="utf-8") == shown


# --- FIT -----------------------------------------------------------------------------------


def decoded_laps(path: Path) -> list[dict[str, object]]:
    assert Decoder(Stream.from_file(str(path))).check_integrity()
    messages, errors = Decoder(Stream.from_file(str(path))).read()
    assert errors == []
    laps: list[dict[str, object]] = messages["lap_mesgs"]
    return laps


def test_fit_never_goes_to_the_terminal_but_to_a_file_named_from_the_id(
    capsys: Capture, sessions: Path, here: Path
) -> None:
    code, out, err = export(capsys, ID, "--format", "fit")
    assert (code, out, err) == (0, f"wrote {ID}.fit\n", "")
    assert files_in(here) == [f"{ID}.fit"]
    laps = decoded_laps(here / f"{ID}.fit")
    assert [lap["total_timer_time"] for lap in laps] == pytest.approx(
        [r[1] for r in TREADMILL_LAPS]
    )
    assert [lap["total_elapsed_time"] for lap in laps] == pytest.approx(
        [r[2] for r in TREADMILL_LAPS]
    )


def test_fit_with_o(capsys: Capture, sessions: Path, here: Path, tmp_path: Path) -> None:
    target = tmp_path / "a.fit"
    code, out, _err = export(capsys, ID, "--format", "fit", "-o", str(target))
    assert (code, out) == (0, f"wrote {target}\n")
    assert files_in(here) == []
    assert len(decoded_laps(target)) == len(TREADMILL_LAPS)


def test_fit_to_a_pipe_with_o_dash(
    capsysbinary: pytest.CaptureFixture[bytes], sessions: Path, here: Path, tmp_path: Path
) -> None:
    assert main(["export", ID, "--format", "fit", "-o", "-"]) == 0
    out, err = capsysbinary.readouterr()
    assert err == b""
    assert files_in(here) == []
    path = tmp_path / "piped.fit"
    path.write_bytes(out)
    assert len(decoded_laps(path)) == len(TREADMILL_LAPS)


def test_fit_is_never_shown_on_a_terminal(
    capsys: Capture, sessions: Path, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    message = refused(capsys, ID, "--format", "fit", "-o", "-")
    assert message == "FIT is binary and standard output is a terminal: give -o FILE, or pipe it"
    assert files_in(here) == []


def test_the_ending_of_o_chooses_the_format(capsys: Capture, sessions: Path, here: Path) -> None:
    for name in ("a.fit", "b.CSV", "c.json", "d.tcx", "e.xml"):
        code, out, _err = export(capsys, ID, "-o", name)
        assert (code, out) == (0, f"wrote {name}\n")
    assert (here / "a.fit").read_bytes()[8:12] == b".FIT"
    assert (here / "b.CSV").read_text(encoding="utf-8").startswith("id,workout,")
    assert json.loads((here / "c.json").read_text(encoding="utf-8"))["id"] == ID
    assert (here / "d.tcx").read_text(encoding="utf-8").startswith("<?xml")
    assert (here / "e.xml").read_text(encoding="utf-8").startswith("<?xml")  # the default
    # --format wins over the ending.
    code, _out, _err = export(capsys, ID, "--format", "json", "-o", "f.csv")
    assert code == 0
    assert json.loads((here / "f.csv").read_text(encoding="utf-8"))["id"] == ID


# --- CSV and JSON --------------------------------------------------------------------------


def test_csv_has_one_row_per_interval_with_the_session_repeated(
    capsys: Capture, sessions: Path
) -> None:
    code, out, err = export(capsys, ID, "--format", "csv")
    assert (code, err) == (0, "")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 7  # every interval of the plan, the one not reached too
    assert {r["id"] for r in rows} == {ID}
    assert {r["workout"] for r in rows} == {'Back & forth <"intervals">'}
    assert {r["status"] for r in rows} == {"stopped"}
    assert {r["file"] for r in rows} == {str(sessions / f"{ID}.toml")}
    assert [r["interval_index"] for r in rows] == [str(i) for i in range(1, 8)]
    assert [r["interval_kind"] for r in rows] == [
        "warmup",
        "backward",
        "forward",
        "backward",
        "forward",
        "forward",
        "cooldown",
    ]
    assert [r["interval_outcome"] for r in rows][2::4] == ["skipped", "not_reached"]
    assert rows[2]["interval_actual_seconds"] == "35.5"
    assert rows[3]["interval_adjusted_seconds"] == "10.0"
    assert rows[5]["interval_speed_kmh"] == ""  # unknown is empty, never 0
    assert rows[5]["interval_label"] == "free run"


def test_json_is_the_history_entry_plus_intervals_and_pauses(
    capsys: Capture, sessions: Path
) -> None:
    main(["history", "--json"])
    [listed] = json.loads(capsys.readouterr().out)
    code, out, err = export(capsys, ID, "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert {k: v for k, v in data.items() if k not in ("intervals", "pauses")} == listed
    assert len(data["intervals"]) == 7
    assert data["intervals"][1] == {
        "index": 2,
        "kind": "backward",
        "planned_seconds": 60,
        "actual_seconds": 60.0,
        "outcome": "completed",
        "speed_kmh": 6.0,
        "incline_pct": 2.0,
        "label": 'push off the floor <&"heels">',
        "adjusted_seconds": 0.0,
    }
    assert data["pauses"] == [
        {"at_seconds": 300.0, "seconds": 12.0, "reason": "sleep"},
        {"at_seconds": 515.5, "seconds": 45.0, "reason": "user"},
    ]


def test_csv_and_json_of_a_session_where_nothing_ran(capsys: Capture, backrun_home: Path) -> None:
    record = session(
        [interval(1, Kind.WARMUP, 0.0, IntervalOutcome.NOT_REACHED)],
        id="20261201-070000-0000",
    )
    save(backrun_home / "sessions", record)
    code, out, _err = export(capsys, record.id, "--format", "json")
    assert code == 0
    assert json.loads(out)["intervals"][0]["outcome"] == "not_reached"
    code, out, err = export(capsys, record.id, "--format", "tcx")
    assert (code, out) == (2, "")
    assert err == (
        "backrun: session 20261201-070000-0000: no interval ran, so there is nothing to export\n"
    )


# --- bad input: exit 2, one line, nothing written ------------------------------------------


def refused(capsys: Capture, *argv: str) -> str:
    code, out, err = export(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.startswith("backrun: ")
    assert err.count("\n") == 1
    return err.removeprefix("backrun: ").rstrip("\n")


def test_an_unknown_id_names_a_close_one(capsys: Capture, sessions: Path, here: Path) -> None:
    message = refused(capsys, "20261130-142926-3fa3", "--format", "fit")
    assert message == f'no session with the id "20261130-142926-3fa3" — did you mean "{ID}"?'
    assert files_in(here) == []


def test_an_unknown_id_with_nothing_close_points_to_history(
    capsys: Capture, sessions: Path
) -> None:
    message = refused(capsys, "yesterday")
    assert message == "no session with the id \"yesterday\" (see 'backrun history')"


def test_no_sessions_at_all(capsys: Capture) -> None:
    assert refused(capsys, ID).endswith("(see 'backrun history')")


def test_a_path_is_not_an_id(capsys: Capture, sessions: Path) -> None:
    message = refused(capsys, f"../sessions/{ID}")
    assert message.startswith('no session with the id "../sessions/')


def test_an_unknown_format(capsys: Capture, sessions: Path, here: Path) -> None:
    message = refused(capsys, ID, "--format", "gpx")
    assert "invalid choice: 'gpx'" in message
    assert "tcx" in message and "fit" in message
    assert files_in(here) == []


def test_an_existing_file_is_never_overwritten(capsys: Capture, sessions: Path, here: Path) -> None:
    (here / "mine.csv").write_text("keep me", encoding="utf-8")
    message = refused(capsys, ID, "--format", "csv", "-o", "mine.csv")
    assert message == "mine.csv: already exists; give another name with -o"
    assert (here / "mine.csv").read_text(encoding="utf-8") == "keep me"
    assert files_in(here) == ["mine.csv"]


def test_fit_named_from_the_id_is_not_overwritten_either(
    capsys: Capture, sessions: Path, here: Path
) -> None:
    (here / f"{ID}.fit").write_bytes(b"older")
    assert refused(capsys, ID, "--format", "fit").startswith(f"{ID}.fit: already exists")
    assert (here / f"{ID}.fit").read_bytes() == b"older"


def test_a_missing_folder(capsys: Capture, sessions: Path, here: Path) -> None:
    message = refused(capsys, ID, "-o", "no/such/folder/x.tcx")
    assert message == "no/such/folder/x.tcx: cannot write: No such file or directory"
    assert files_in(here) == []


def test_a_file_in_the_way_of_a_folder(capsys: Capture, sessions: Path, here: Path) -> None:
    (here / "notes").write_text("", encoding="utf-8")
    message = refused(capsys, ID, "-o", "notes/x.tcx")
    assert message == "notes/x.tcx: cannot write: Not a directory"
    assert files_in(here) == ["notes"]


def test_a_folder_as_o(capsys: Capture, sessions: Path, here: Path) -> None:
    (here / "exports").mkdir()
    message = refused(capsys, ID, "-o", "exports")
    assert message == "exports: is a folder; give a file name with -o"
    assert files_in(here) == ["exports"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder(capsys: Capture, sessions: Path, here: Path) -> None:
    locked = here / "locked"
    locked.mkdir(mode=0o500)
    message = refused(capsys, ID, "-o", "locked/x.tcx")
    assert message == "locked/x.tcx: cannot write: Permission denied"
    assert files_in(locked) == []


def test_an_unreadable_session_file_is_named_and_left_alone(
    capsys: Capture, backrun_home: Path
) -> None:
    folder = backrun_home / "sessions"
    path = save(folder, treadmill_session())
    broken = path.read_text(encoding="utf-8").replace("active_seconds = ", "active_seconds = x")
    path.write_text(broken, encoding="utf-8")
    message = refused(capsys, ID, "--format", "json")
    assert message.startswith(f"{path}: line ")
    assert path.read_text(encoding="utf-8") == broken


def test_help_names_every_format_and_the_default(capsys: Capture) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["export", "--help"])
    assert exited.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "--format {tcx,fit,csv,json}" in text
    assert "else tcx)" in text
    assert "-o FILE" in text
    assert "never overwritten" in text
