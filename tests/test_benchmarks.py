"""The benchmarks (`make bench`) use names backrun still has.

They import backrun late, inside the function that measures, after setting up where
backrun keeps its files: a moved or renamed name would only show when `make bench` runs.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

BENCHMARKS = sorted((Path(__file__).parent.parent / "benchmarks").glob("*.py"))


def backrun_imports(path: Path) -> list[tuple[str, str]]:
    """(module, name) for every `from backrun_tui... import name` in the file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("backrun_tui"):
            found += [(node.module or "", alias.name) for alias in node.names]
    return found


def test_there_are_benchmarks_that_use_backrun() -> None:
    assert len(BENCHMARKS) >= 4
    assert any(backrun_imports(path) for path in BENCHMARKS)


@pytest.mark.parametrize("path", BENCHMARKS, ids=lambda path: path.name)
def test_every_name_a_benchmark_imports_from_backrun_exists(path: Path) -> None:
    for module, name in backrun_imports(path):
        assert hasattr(importlib.import_module(module), name), f"{path.name}: {module}.{name}"
