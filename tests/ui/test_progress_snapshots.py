"""The progress screen frozen: fixed sessions, today Monday 30 November 2026, two sizes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from backrun_tui.ui.screens.progress import ProgressScreen
from tests.ui.apps import make_app
from tests.ui.progress_data import write_twelve_weeks

SIZES = [(120, 40), (80, 24)]

SnapCompare = Callable[..., bool]


async def open_progress(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.press("g")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(pilot.app.screen, ProgressScreen)


@pytest.mark.parametrize("size", SIZES)
def test_progress(snap_compare: SnapCompare, backrun_home: Path, size: tuple[int, int]) -> None:
    write_twelve_weeks(backrun_home, broken=False)
    assert snap_compare(make_app(), terminal_size=size, run_before=open_progress)


def test_progress_without_sessions(snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=open_progress)
