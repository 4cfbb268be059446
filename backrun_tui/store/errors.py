"""The one error every store module raises for a file it cannot read or accept."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """A file that cannot be read or holds something invalid: where, and why.

    The message is what the user sees, so it always names the file, and the line
    when one can be pointed at.
    """

    def __init__(self, path: Path, reason: str, line: int | None = None) -> None:
        # All three go to Exception so the error pickles (e.g. across a process pool).
        super().__init__(path, reason, line)
        self.path = path
        self.reason = reason
        self.line = line

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.path}: {self.reason}"
        return f"{self.path}: line {self.line}: {self.reason}"
