from __future__ import annotations

import pickle
from pathlib import Path

from backrun_tui.store.errors import StoreError


def test_message_with_line() -> None:
    error = StoreError(Path("/data/x.toml"), "plan: missing", 4)
    assert str(error) == "/data/x.toml: line 4: plan: missing"
    assert (error.path, error.line, error.reason) == (Path("/data/x.toml"), 4, "plan: missing")


def test_message_without_line() -> None:
    error = StoreError(Path("/data/x.toml"), "not UTF-8 text")
    assert str(error) == "/data/x.toml: not UTF-8 text"
    assert error.line is None


def test_pickles_with_its_fields() -> None:
    copy = pickle.loads(pickle.dumps(StoreError(Path("a.toml"), "bad", 2)))
    assert (copy.path, copy.reason, copy.line) == (Path("a.toml"), "bad", 2)
