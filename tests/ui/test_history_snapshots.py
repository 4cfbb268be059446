"""The history table and a session's detail, with fixed sessions, at the two usual sizes."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from backrun_tui.ui.screens.history import HistoryScreen
from backrun_tui.ui.screens.session_detail import SessionDetailScreen
from tests.ui.apps import make_app
from tests.ui.history_data import sample_sessions, write_sessions

SIZES = [(120, 40), (80, 24)]

SnapCompare = Callable[..., bool]


async def to_history(pilot: Pilot[None]) -> None:
    await pilot.press("h")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    # The worker is done once it has posted its last rows; a key is taken only once the
    # messages before it are handled, those rows included, however loaded the machine is.
    await pilot.press("down", "up")
    await pilot.pause()
    assert isinstance(pilot.app.screen, HistoryScreen)


@pytest.mark.parametrize("size", SIZES)
def test_history(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    write_sessions(sample_sessions())
    assert snap_compare(make_app(), terminal_size=size, run_before=to_history)


@pytest.mark.parametrize("size", SIZES)
def test_session_detail(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    write_sessions(sample_sessions())

    async def before(pilot: Pilot[None]) -> None:
        await to_history(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, SessionDetailScreen)

    assert snap_compare(make_app(), terminal_size=size, run_before=before)
