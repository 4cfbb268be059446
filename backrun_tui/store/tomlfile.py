"""Reading TOML files for the store: errors with path and line, and messages a user can act on.

tomllib reports syntax errors with a line, but a value that parses yet is wrong
(`volume = 500`) has no line in the parsed data; `TomlDocument.line_of` finds it again by a
plain scan of the text, which is right for every file backrun writes and for almost every
file a person writes by hand.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple, TypeGuard

from backrun_tui.store.errors import StoreError
from backrun_tui.store.safe_read import read_capped

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_HEADER = re.compile(r"^\s*\[\[?\s*(?P<name>[^\[\]]+?)\s*\]\]?\s*(#.*)?$")
_ASSIGNMENT = re.compile(r"""^\s*(?P<key>[A-Za-z0-9_\-."' ]+?)\s*=""")
_AT_END = " (at end of document)"
_DIGITS = re.compile(r"[0-9A-Fa-f_]{100,}")
#: Nesting deeper than this is reported at the line where it first goes past it.
_DEEP = 64
_SHOWN_TEXT_MAX = 40
#: TOML integers are 64-bit; a bigger one is shown as too large instead of in full.
_TOML_INT_MAX = 2**63 - 1


class FieldError(Exception):
    """A value that parsed but is not acceptable; `keys` is its place in the document."""

    def __init__(self, keys: tuple[str, ...], reason: str) -> None:
        super().__init__(keys, reason)
        self.keys = keys
        self.reason = reason

    def __str__(self) -> str:
        return f"{'.'.join(self.keys)}: {self.reason}"


class TomlDocument(NamedTuple):
    """A parsed TOML file with its text, so errors can point at lines."""

    path: Path
    text: str
    data: dict[str, Any]

    def line_of(self, keys: tuple[str, ...]) -> int | None:
        """The line that sets `keys`, or failing that the nearest enclosing table's line."""
        found = _assignments(self.text)
        for depth in range(len(keys), 0, -1):
            for line, assigned in found:
                if assigned == keys[:depth]:
                    return line
        return None

    def error(self, problem: FieldError) -> StoreError:
        return StoreError(self.path, str(problem), self.line_of(problem.keys))


def read_toml(path: Path, *, max_bytes: int) -> TomlDocument:
    """Read and parse the TOML file at `path`, refusing one over `max_bytes`.

    This is the one way the store reads its files (see `safe_read` for what is refused).
    A missing file raises FileNotFoundError, since what that means is up to the caller;
    anything else that goes wrong raises StoreError.
    """
    return decode_toml(path, read_capped(path, max_bytes))


def decode_toml(path: Path, raw: bytes) -> TomlDocument:
    """Parse the bytes of a TOML file that came from `path` (StoreError as read_toml)."""
    try:
        # utf-8-sig: Windows editors like to start a file with a byte-order mark.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise StoreError(path, "not UTF-8 text", line) from exc
    return parse_toml(path, text)


def parse_toml(path: Path, text: str) -> TomlDocument:
    """Parse TOML text that came from `path`; StoreError with the line on a syntax error."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_error(path, text, exc) from exc
    except RecursionError as exc:
        # tomllib parses nested arrays and tables by recursion.
        reason = "invalid TOML: arrays or tables nested too deeply"
        raise StoreError(path, reason, _deepest_line(text)) from exc
    except ValueError as exc:
        # Python refuses to turn thousands of digits into an integer (int_max_str_digits).
        reason = "invalid TOML: a number with too many digits"
        raise StoreError(path, reason, _longest_number_line(text)) from exc
    return TomlDocument(path=path, text=text, data=data)


def check_keys(table: Mapping[str, Any], known: Iterable[str], where: tuple[str, ...]) -> None:
    """Raise FieldError for the first key of `table` that is not `known`."""
    known = list(known)
    for key in table:
        if key not in known:
            raise FieldError((*where, key), unknown_key_reason(key, known))


def unknown_key_reason(key: str, known: list[str]) -> str:
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return f'unknown key — did you mean "{close[0]}"?'
    return f"unknown key (expected one of: {', '.join(known)})"


def show(value: object) -> str:
    """A value as it would look in the file, short enough for a one-line message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= _SHOWN_TEXT_MAX else value[: _SHOWN_TEXT_MAX - 1] + "…"
        import json  # here: only a bad value is ever shown

        return json.dumps(shown, ensure_ascii=False)
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    if _too_large(value):
        # `1e400` reads as infinity; "got inf" would not tell the runner what is wrong.
        return "too large a number" if value > 0 else "too large a negative number"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return repr(value)


def _too_large(value: object) -> TypeGuard[int | float]:
    if isinstance(value, float):
        return math.isinf(value)
    return is_number(value) and not -_TOML_INT_MAX - 1 <= value <= _TOML_INT_MAX


def is_number(value: object) -> TypeGuard[int | float]:
    """True for TOML integers and floats; TOML booleans are not numbers."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def _syntax_error(path: Path, text: str, exc: tomllib.TOMLDecodeError) -> StoreError:
    message = str(exc)
    match = _TOML_POSITION.search(message)
    if match is not None:
        reason = message[: match.start()]
        return StoreError(path, f"invalid TOML: {reason} (column {match[2]})", int(match[1]))
    if message.endswith(_AT_END):
        # A file cut short: tomllib gives no line, so point at the last one.
        reason = message.removesuffix(_AT_END)
        return StoreError(
            path, f"invalid TOML: {reason} (at the end of the file)", _last_line(text)
        )
    return StoreError(path, f"invalid TOML: {message}", _last_line(text))


def _last_line(text: str) -> int:
    return max(1, len(text.splitlines()))


def _deepest_line(text: str) -> int:
    """The line where arrays and inline tables nest deepest (or first nest past _DEEP).

    Brackets inside strings and comments are not counted. Only used to point at the
    place of a nesting error, so a rough scan is enough.
    """
    depth = deepest = 0
    line = deepest_line = 1
    quote = ""  # the delimiter of the string being scanned, if any
    i, end = 0, len(text)
    while i < end and deepest <= _DEEP:
        char = text[i]
        if char == "\n":
            line += 1
            if len(quote) == 1:  # a one-line string cannot go on; the file is broken here
                quote = ""
        elif quote:
            if char == "\\" and quote[0] == '"' and text[i + 1 : i + 2] not in ("", "\n"):
                i += 1  # an escaped character, perhaps a quote
            elif text.startswith(quote, i):
                i += len(quote) - 1
                quote = ""
        elif char == "#":
            newline = text.find("\n", i)
            i = end if newline < 0 else newline
            continue
        elif char in "\"'":
            quote = char * 3 if text.startswith(char * 3, i) else char
            i += len(quote) - 1
        elif char in "[{":
            depth += 1
            if depth > deepest:
                deepest, deepest_line = depth, line
        elif char in "]}":
            depth -= 1
        i += 1
    return deepest_line


def _longest_number_line(text: str) -> int:
    runs = [(len(m[0]), m.start()) for m in _DIGITS.finditer(text)]
    if not runs:
        return _last_line(text)
    start = max(runs)[1]
    return text.count("\n", 0, start) + 1


def _assignments(text: str) -> list[tuple[int, tuple[str, ...]]]:
    """Every (line, full key) a table header or `key =` line sets, in file order."""
    found: list[tuple[int, tuple[str, ...]]] = []
    table: tuple[str, ...] = ()
    in_multiline = False
    for number, line in enumerate(text.splitlines(), start=1):
        if in_multiline:
            in_multiline = _toggles_multiline(line) != in_multiline
            continue
        header = _HEADER.match(line)
        if header:
            table = _dotted(header["name"])
            found.append((number, table))
            continue
        assignment = _ASSIGNMENT.match(line)
        if assignment:
            found.append((number, (*table, *_dotted(assignment["key"]))))
        in_multiline = _toggles_multiline(line)
    return found


def _toggles_multiline(line: str) -> bool:
    """Whether a line opens or closes a multi-line string, so its inside is not read as keys."""
    return (line.count('"""') + line.count("'''")) % 2 == 1


def _dotted(key: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in key.split("."))


def check_schema_version(data: Mapping[str, Any], expected: int) -> None:
    """A file's `schema_version` must be there and be the one this backrun reads."""
    if "schema_version" not in data:
        raise FieldError(("schema_version",), f"missing (expected {expected})")
    version = data["schema_version"]
    if not isinstance(version, int) or isinstance(version, bool):
        raise FieldError(("schema_version",), f"expected a whole number, got {show(version)}")
    if version > expected:
        raise FieldError(
            ("schema_version",),
            f"written by a newer backrun (schema {version}); this one reads schema {expected}",
        )
    if version < expected:
        raise FieldError(("schema_version",), f"expected {expected}, got {version}")
