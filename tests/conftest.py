"""Every test runs with its own, empty backrun home: no test touches the user's real files."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def backrun_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "backrun-home"
    monkeypatch.setenv("BACKRUN_HOME", str(home))
    return home
