"""The history screen and a session's detail, driven with keys as a runner would. Getting
there and reading a long history are in test_history_reading.py."""

from __future__ import annotations

import difflib
import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Label, Select, Static

from backrun_tui.model.session import Status
from backrun_tui.store import Paths
from backrun_tui.ui.screens.confirm import ConfirmScreen
from backrun_tui.ui.screens.export import ExportScreen
from backrun_tui.ui.screens.history import HistoryScreen
from backrun_tui.ui.screens.session_detail import SessionDetailScreen
from tests.ui.apps import make_app
from tests.ui.history_data import sample_sessions, write_sessions
from tests.ui.history_helpers import ALL_DATES, SIZE, column, dates, open_history, shown


async def test_newest_first_with_every_column_as_backrun_history_words_it() -> None:
    write_sessions(sample_sessions())
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        assert dates(screen) == ALL_DATES
        table = screen.query_one("#sessions", DataTable)
        assert [shown(c) for c in table.get_row_at(2)] == [
            "2026-11-23 08:00",
            "Hill walk backward",
            "completed ×50",
            "10:00",
            "1:00",
            "2:00",
            "—",
            "—",
            "7",
        ]
        assert str(screen.query_one("#count", Static).render()) == "5 sessions"


async def test_sort_by_keys_and_by_clicking_a_heading() -> None:
    write_sessions(sample_sessions())
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await pilot.press("s")  # the next column: workout, A to Z
        await pilot.pause()
        assert column(screen, 1) == [
            'Back & forth <"intervals">',
            "Easy backward",
            "Easy backward",
            "Easy backward",
            "Hill walk backward",
        ]
        # Sessions of one workout stay newest first.
        assert dates(screen)[1:4] == ["2026-11-27 07:00", "2026-11-16 18:00", "2026-11-09 07:00"]
        await pilot.press("r")
        await pilot.pause()
        assert column(screen, 1)[0] == "Hill walk backward"
        # Click the RPE heading: highest first, the unrated last.
        table = screen.query_one("#sessions", DataTable)
        table.post_message(DataTable.HeaderSelected(table, "8", 8, table.columns["8"].label))  # type: ignore[index]
        await pilot.pause()
        assert column(screen, 8) == ["7", "5", "4", "—", "—"]
        assert str(table.columns["8"].label) == "RPE ▼"  # type: ignore[index]
        # Click it again: lowest first, the unrated still last.
        table.post_message(DataTable.HeaderSelected(table, "8", 8, table.columns["8"].label))  # type: ignore[index]
        await pilot.pause()
        assert column(screen, 8) == ["4", "5", "7", "—", "—"]


async def test_filter_by_workout_status_and_dates_naming_a_bad_date() -> None:
    write_sessions(sample_sessions())
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await pilot.press("f")
        await pilot.press(*"easy")
        await pilot.pause()
        assert dates(screen) == ALL_DATES[1:2] + ALL_DATES[3:]
        assert str(screen.query_one("#count", Static).render()) == "3 of 5 sessions"

        # The status list, with keys: Enter opens it and chooses, it opens no session.
        screen.query_one("#status", Select).focus()
        await pilot.press("enter", "down", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HistoryScreen)
        assert screen.query_one("#status", Select).value is Status.COMPLETED
        assert dates(screen) == [ALL_DATES[1], ALL_DATES[4]]

        screen.query_one("#status", Select).clear()
        since = screen.query_one("#since", Input)
        since.focus()
        await pilot.press(*"2026-11-15")
        await pilot.pause()
        assert dates(screen) == [ALL_DATES[1], ALL_DATES[3]]

        until = screen.query_one("#until", Input)
        until.focus()
        await pilot.press(*"2026-11-32")
        await pilot.pause()
        problem = str(screen.query_one("#filter-problem", Static).render())
        assert problem == 'to: "2026-11-32" is not a date (YYYY-MM-DD)'
        assert dates(screen) == [ALL_DATES[1], ALL_DATES[3]]  # the bad bound is not applied

        await pilot.press("backspace", "backspace", "2", "0")
        await pilot.pause()
        assert str(screen.query_one("#filter-problem", Static).render()) == ""
        assert dates(screen) == [ALL_DATES[3]]

        await pilot.press("escape")  # from a field back to the table, not out of the screen
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert dates(screen) == ALL_DATES
        assert isinstance(pilot.app.screen, HistoryScreen)


async def test_enter_opens_the_detail_planned_against_actual() -> None:
    write_sessions(sample_sessions())
    async with make_app().run_test(size=SIZE) as pilot:
        await open_history(pilot)
        await pilot.press("enter")
        await pilot.pause()
        detail = pilot.app.screen
        assert isinstance(detail, SessionDetailScreen)
        table = detail.query_one("#intervals", DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        # 7 intervals and 2 pauses, each pause after the interval it fell in.
        assert [r[1] for r in rows] == [
            "warm-up", "asleep", "backward", "forward", "backward", "forward", "paused",
            "forward", "cool-down",
        ]  # fmt: skip
        assert rows[3][2:6] == ["2:00", "0:36", "", "skipped"]
        assert rows[4][2:6] == ["1:00", "1:10", "+10 s", "done"]
        assert rows[6][3] == "0:45"
        assert rows[8][5] == "not reached"
        totals = str(detail.query_one("#totals").render())
        assert "time 11:21 of 19:00 planned" in totals
        assert "paused 0:57" in totals
        assert "time scale" not in totals
        assert detail.query_one("#note", Input).value == "Calves felt it."

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HistoryScreen)
        await pilot.press("down", "down", "enter")  # the session run 50 times faster
        await pilot.pause()
        detail = pilot.app.screen
        assert isinstance(detail, SessionDetailScreen)
        assert "time scale ×50" in str(detail.query_one("#totals").render())
        assert detail.query_one("#rpe", Input).value == "7"


async def test_rating_changes_the_file_there_and_nowhere_else() -> None:
    paths = write_sessions(sample_sessions())
    target = paths[-1]  # the newest, at the top
    before = target.read_text()
    others = {p: p.read_bytes() for p in paths if p != target}
    async with make_app().run_test(size=SIZE) as pilot:
        history = await open_history(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("e")  # to the RPE field
        await pilot.press("8", "tab", "ctrl+a")
        note = pilot.app.screen.query_one("#note", Input)
        note.value = ""
        await pilot.press(*"Knees fine", "enter")
        await pilot.pause()
        after = target.read_text()
        changed = [
            line
            for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0)
            if line[:1] in "+-" and line[:3] not in ("+++", "---")
        ]
        assert changed == ['-note = "Calves felt it."', "+rpe = 8", '+note = "Knees fine"']
        assert {p: p.read_bytes() for p in others} == others
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is history
        assert column(history, 8)[0] == "8"  # the history shows it at once


async def test_a_file_changed_since_it_was_opened_is_not_overwritten() -> None:
    paths = write_sessions(sample_sessions())
    target = paths[-1]
    async with make_app().run_test(size=SIZE) as pilot:
        await open_history(pilot)
        await pilot.press("enter")
        await pilot.pause()
        changed = target.read_text().replace('note = "Calves felt it."', 'note = "Edited."')
        target.write_text(changed)
        await pilot.press("e", "3", "enter")
        await pilot.pause()
        assert target.read_text() == changed
        notices = [n.message for n in pilot.app._notifications]
        assert any("changed on disk since it was read" in m for m in notices), notices


async def test_delete_asks_then_moves_the_file_to_the_trash() -> None:
    paths = write_sessions(sample_sessions())
    target = paths[-1]
    content = target.read_bytes()
    async with make_app().run_test(size=SIZE) as pilot:
        history = await open_history(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("n")  # not sure after all
        await pilot.pause()
        assert target.exists()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert pilot.app.screen is history
        assert not target.exists()
        trashed = list(Paths.default().trash_dir.iterdir())
        assert [p.read_bytes() for p in trashed] == [content]
        assert trashed[0].name.startswith(target.stem)
        assert dates(history) == ALL_DATES[1:]


@pytest.mark.parametrize("fmt", ["tcx", "fit", "json", "csv"])
async def test_export_from_the_detail_writes_a_new_file_and_names_it(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_sessions(sample_sessions())
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    async with make_app().run_test(size=SIZE) as pilot:
        await open_history(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ExportScreen)
        await pilot.press(fmt[0])
        await pilot.pause()
        written = out / f"backrun-20261130-142926-3fa2.{fmt}"
        assert [p.name for p in out.iterdir()] == [written.name]
        notices = [(n.title, n.message) for n in pilot.app._notifications]
        assert (f"Exported as {fmt.upper()}", str(written)) in notices
        data = written.read_bytes()
        if fmt == "tcx":
            laps = ET.fromstring(data).findall(".//{*}Lap")
            assert len(laps) == 6
        elif fmt == "fit":
            assert data[8:12] == b".FIT"
        elif fmt == "json":
            assert json.loads(data)["id"] == "20261130-142926-3fa2"
        else:
            assert data.decode().splitlines()[1].startswith("20261130-142926-3fa2,")

        # Again: the file is there, so it is left alone and the runner is told.
        await pilot.press("x")
        await pilot.pause()
        await pilot.press(fmt[0])
        await pilot.pause()
        assert written.read_bytes() == data
        messages = [n.message for n in pilot.app._notifications]
        assert any("is already there; it is left as it is" in m for m in messages)


async def test_unreadable_files_are_named_in_a_notice_and_left_alone() -> None:
    write_sessions(sample_sessions())
    folder = Paths.default().sessions_dir
    bad = folder / "20261201-070000-beef.toml"
    bad.write_text('schema_version = 1\nid = 3\nworkout = "x"\n')
    cut = folder / "20261202-070000-cafe.toml"
    cut.write_bytes(b'schema_version = 1\nid = "20261202-070000-cafe"\nworkout = "unfinished')
    before = {bad: bad.read_bytes(), cut: cut.read_bytes()}
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        assert dates(screen) == ALL_DATES
        notices = [n for n in pilot.app._notifications if n.title.startswith("Skipped")]
        assert [n.title for n in notices] == ["Skipped 2 unreadable session files"]
        lines = notices[0].message.splitlines()
        assert lines[0].startswith(f"{cut}: line 3: invalid TOML")
        assert lines[1] == f"{bad}: line 2: id: expected text in quotes, got 3"
    assert {p: p.read_bytes() for p in before} == before


async def test_markup_in_a_session_file_is_shown_as_it_is() -> None:
    base = sample_sessions()[0]
    hostile = replace(
        base,
        workout="[/]Hill [b]repeats[/b] \u202eevil\\",
        note="[red]sore[/red]",
        intervals=tuple(
            replace(i, label="[/][link=file:///etc/x]x[/link]") for i in base.intervals
        ),
    )
    write_sessions([hostile])
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        table = screen.query_one("#sessions", DataTable)
        assert column(screen, 1) == ["[/]Hill [b]repeats[/b] evil\\"]
        assert screen.selected is not None
        assert screen.selected.workout == "[/]Hill [b]repeats[/b] evil\\"
        # As drawn: the words as written, no markup acted on.
        drawn = "".join(segment.text for segment in table.render_line(1))
        assert "[/]Hill [b]repeats[/b] evil\\" in drawn
        await pilot.press("enter")
        await pilot.pause()
        detail = pilot.app.screen
        assert isinstance(detail, SessionDetailScreen)
        intervals = detail.query_one("#intervals", DataTable)
        assert "[/][link=file:///etc/x]x[/link]" in "".join(
            segment.text for segment in intervals.render_line(1)
        )
        assert detail.query_one("#note", Input).value == "[red]sore[/red]"
        title = str(detail.query_one("#title", Label).render())
        assert title.startswith("[/]Hill [b]repeats[/b] evil\\ · ")
        screenshot = pilot.app.export_screenshot()
        assert "\u202e" not in screenshot
