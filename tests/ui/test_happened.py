"""What really happened in a recorded session, as the detail's timeline draws it."""

from __future__ import annotations

from backrun_tui.ui.widgets.timeline import PAUSE, happened
from tests.export.sessions import treadmill_session
from tests.ui.history_data import easy_session, sample_sessions


def test_intervals_as_long_as_they_ran_cut_where_a_pause_fell() -> None:
    assert happened(treadmill_session()) == [
        ("warmup", 300.0),
        (PAUSE, 12.0),  # the computer slept as the warm-up ended
        ("backward", 60.0),
        ("forward", 35.5),  # skipped
        ("backward", 70.0),  # ten seconds added
        ("forward", 50.0),
        (PAUSE, 45.0),  # 50 s into the second forward interval
        ("forward", 70.0),
        ("forward", 95.25),  # stopped; the cool-down was not reached
    ]


def test_a_session_without_pauses_is_its_intervals() -> None:
    record = easy_session(sample_sessions()[0].started_at)
    assert happened(record) == [(i.kind.value, i.actual_seconds) for i in record.intervals]
