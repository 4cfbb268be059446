"""Reading notation text character by character: words, numbers, labels, and error wording.

The grammar lives in notation.py; this module knows nothing about plans.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from difflib import SequenceMatcher

END_OF_LINE = "end of line"
#: Longer numbers are never meant; refusing them also keeps int() away from Python's
#: digit limit on pasted garbage.
MAX_DIGITS = 9

_DIGITS = re.compile(r"[0-9]+")  # ASCII only: int() would also take Arabic-Indic digits
_LETTERS = re.compile(r"[^\W\d_]+")
_UNIT_WORD = re.compile(r"[^\W\d_][^\W\d_/]*(?:/[^\W\d_]+)?")  # "km/h" is one word
_SPACE = re.compile(r"\s*")
_SHOWN_CHARS = 20  # a "got" longer than this is cut, so one message stays one line


class NotationError(ValueError):
    """A plan line that does not parse: where (1-based column) and why."""

    def __init__(self, column: int, reason: str) -> None:
        super().__init__(column, reason)  # both in args, so the error pickles
        self.column = column
        self.reason = reason

    def __str__(self) -> str:
        return f"column {self.column}: {self.reason}"


def quoted(token: str) -> str:
    """A token as an error message shows it, on one line."""
    token = " ".join(token.split())
    if len(token) > _SHOWN_CHARS:
        token = token[:_SHOWN_CHARS] + "…"
    return f"'{token}'" if '"' in token else f'"{token}"'


def describe_char(char: str) -> str:
    """One character as an error message shows it; invisible ones by their code point."""
    category = unicodedata.category(char)
    if category.startswith("C"):
        return f"a control character (U+{ord(char):04X})"
    if category in ("Zl", "Zp"):
        return f"a line break (U+{ord(char):04X})"
    if not char.isprintable() or char.isspace():
        return f"an invisible character (U+{ord(char):04X})"
    return quoted(char)


def suggest(word: str, choices: Iterable[str]) -> str:
    """' — did you mean "x"?' for the closest choice, or "" when none is close."""
    if len(word) > _SHOWN_CHARS:  # nobody mistypes a kind that badly; spare difflib the work
        return ""
    best, best_score = "", 0.0
    for choice in choices:
        score = SequenceMatcher(None, word.lower(), choice).ratio()
        if score >= 0.6 and score > best_score:  # ties keep the earlier, more usual word
            best, best_score = choice, score
    return f" — did you mean {quoted(best)}?" if best else ""


def is_line_break_or_control(char: str) -> bool:
    """Characters a label may not hold: they would break the one-line plan or hide in it."""
    category = unicodedata.category(char)
    return category.startswith("C") or category in ("Zl", "Zp")


class Cursor:
    """A position in the notation text, with the small reads the grammar is made of."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    @property
    def column(self) -> int:
        return self.pos + 1

    def at_end(self) -> bool:
        return self.pos >= len(self.text)

    def peek_is(self, chars: str) -> bool:
        return self.pos < len(self.text) and self.text[self.pos] in chars

    def peek_digit(self) -> bool:
        return self.peek_is("0123456789")

    def peek_letter(self) -> bool:
        return _LETTERS.match(self.text, self.pos) is not None

    def accept(self, chars: str) -> str:
        """Take the next character if it is one of `chars`; the character taken, or ""."""
        if self.peek_is(chars):
            self.pos += 1
            return self.text[self.pos - 1]
        return ""

    def skip_space(self) -> None:
        match = _SPACE.match(self.text, self.pos)
        assert match is not None  # \s* always matches
        self.pos = match.end()

    def letters(self) -> str:
        """The word at the cursor (letters only, so "back2%" is "back" then "2%")."""
        return self._take(_LETTERS)

    def unit_word(self) -> str:
        return self._take(_UNIT_WORD)

    def digit_run(self) -> str:
        return self._take(_DIGITS)

    def _take(self, pattern: re.Pattern[str]) -> str:
        match = pattern.match(self.text, self.pos)
        if match is None:
            return ""
        self.pos = match.end()
        return match.group()

    def describe(self, pos: int | None = None) -> str:
        """What stands at `pos` (default: the cursor), for the "got ..." of a message."""
        pos = self.pos if pos is None else pos
        if pos >= len(self.text):
            return END_OF_LINE
        for pattern in (_DIGITS, _LETTERS):
            match = pattern.match(self.text, pos)
            if match is not None:
                return quoted(match.group())
        return describe_char(self.text[pos])

    def fail(self, expected: str, pos: int | None = None, hint: str = "") -> NotationError:
        """The error for "expected X" at `pos` (default: the cursor), naming what is there."""
        pos = self.pos if pos is None else pos
        return NotationError(pos + 1, f"expected {expected}, got {self.describe(pos)}{hint}")

    def whole_number(self) -> str:
        """The digits at the cursor (the caller has checked there is one)."""
        start = self.pos
        digits = self.digit_run()
        if len(digits) > MAX_DIGITS:
            raise NotationError(
                start + 1, f"expected a number of at most {MAX_DIGITS} digits, got {quoted(digits)}"
            )
        return digits

    def decimal(self) -> str:
        """A number with an optional fraction, as written.

        Only the whole part is limited: a fraction can be as long as a float's shortest
        form, so every speed the app stores (6.199999999999999 after adding 0.1s) reads back.
        """
        whole = self.whole_number()
        if not self.accept("."):
            return whole
        fraction = self.digit_run()
        if not fraction:
            raise self.fail('a digit after the "."')
        return f"{whole}.{fraction}"

    def label(self) -> str:
        """A double-quoted label at the cursor, unescaped."""
        opening = self.pos
        self.pos += 1
        chars: list[str] = []
        while True:
            if self.at_end():
                raise NotationError(
                    opening + 1, f"expected a closing '\"' for this label, got {END_OF_LINE}"
                )
            char = self.text[self.pos]
            if char == '"':
                break
            if char == "\\":
                self.pos += 1
                if not self.peek_is('"\\'):
                    escaped = self.describe_escape()
                    raise NotationError(
                        self.pos, f'expected \\" or \\\\ after a backslash, got {escaped}'
                    )
            elif is_line_break_or_control(char):
                raise self.fail("text you can see in the label")
            chars.append(self.text[self.pos])
            self.pos += 1
        if not chars:
            raise NotationError(
                opening + 1, "expected some text inside the quotes, got an empty label '\"\"'"
            )
        self.pos += 1
        return "".join(chars)

    def describe_escape(self) -> str:
        if self.at_end():
            return END_OF_LINE
        char = self.text[self.pos]
        if is_line_break_or_control(char) or not char.isprintable():
            return describe_char(char)
        return quoted("\\" + char)
