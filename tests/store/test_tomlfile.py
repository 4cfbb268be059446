from __future__ import annotations

from pathlib import Path

import pytest

from backrun_tui.store.errors import StoreError
from backrun_tui.store.tomlfile import FieldError, parse_toml, read_toml, show


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_bytes(b"\xef\xbb\xbfname = 'a'\n")
    assert read_toml(path, max_bytes=1000).data == {"name": "a"}


def test_not_utf8_reports_the_line(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_bytes(b"a = 1\nb = 'caf\xe9'\n")
    with pytest.raises(StoreError) as caught:
        read_toml(path, max_bytes=1000)
    assert (caught.value.line, caught.value.reason) == (2, "not UTF-8 text")


def test_a_folder_is_reported_not_raised_raw(tmp_path: Path) -> None:
    (tmp_path / "x.toml").mkdir()
    with pytest.raises(StoreError, match=r"not a regular file \(a folder\)"):
        read_toml(tmp_path / "x.toml", max_bytes=1000)


def test_missing_file_is_left_to_the_caller(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_toml(tmp_path / "x.toml", max_bytes=1000)


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("a = 1\na = 2", 2, "invalid TOML: Cannot overwrite a value (at the end of the file)"),
        ("a = 1\nb = [1,\n", 2, "invalid TOML: Invalid value (at the end of the file)"),
        ('a = 1\n\nb = "cut', 3, "invalid TOML: Unterminated string (at the end of the file)"),
        ("", 1, None),
    ],
)
def test_a_file_cut_short_is_reported_at_its_last_line(
    text: str, line: int, reason: str | None
) -> None:
    # tomllib says "at end of document" instead of giving a line for these.
    if reason is None:
        assert parse_toml(Path("x.toml"), text).data == {}
        return
    with pytest.raises(StoreError) as caught:
        parse_toml(Path("x.toml"), text)
    assert (caught.value.line, caught.value.reason) == (line, reason)


def test_line_of_skips_multiline_strings_and_other_tables() -> None:
    text = (
        'description = """\n'
        "plan = not this one\n"
        '"""\n'
        "[other]\n"
        "plan = 'nor this one'\n"
        '["quoted" . inner]\n'
        "x = 1\n"
    )
    document = parse_toml(Path("x.toml"), text + "[top]\nplan = 2\n")
    assert document.line_of(("top", "plan")) == 9
    assert document.line_of(("quoted", "inner", "x")) == 7
    assert document.line_of(("plan",)) is None


def test_line_of_falls_back_to_the_enclosing_table() -> None:
    document = parse_toml(Path("x.toml"), "a = 1\nsound = { volume = 3 }\n")
    assert document.line_of(("sound", "volume")) == 2


def test_error_combines_key_reason_and_line() -> None:
    document = parse_toml(Path("x.toml"), "a = 1\nb = 2\n")
    error = document.error(FieldError(("b",), "too big"))
    assert str(error) == "x.toml: line 2: b: too big"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (True, "true"),
        ("x", '"x"'),
        (3, "3"),
        (2.5, "2.5"),
        (float("nan"), "nan"),
        ({}, "a table"),
        ([], "an array"),
        ("y" * 100, '"' + "y" * 39 + '…"'),
    ],
)
def test_show_values_as_toml(value: object, shown: str) -> None:
    assert show(value) == shown


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("x = " + "[" * 5000 + "]" * 5000 + "\n", 1),
        ('a = "[[[[ not counted"  # [[[[ nor this\n\nb = ' + "[" * 5000, 3),
        ("t = " + "{ a = " * 3000 + "1" + " }" * 3000, 1),
        ('a = """\n[[[[[[\n"""\nb = 1\nc = [\n' + "[" * 4000, 6),
    ],
    ids=["arrays", "after-strings-and-comments", "inline-tables", "after-multiline-string"],
)
def test_nesting_too_deep_for_the_parser_is_a_syntax_error_with_a_line(
    text: str, line: int
) -> None:
    # tomllib nests by recursion, and ends with RecursionError.
    with pytest.raises(StoreError) as caught:
        parse_toml(Path("x.toml"), text)
    assert caught.value.reason == "invalid TOML: arrays or tables nested too deeply"
    assert caught.value.line == line


def test_a_number_with_thousands_of_digits_is_a_syntax_error_with_a_line() -> None:
    # Python refuses to convert it (int_max_str_digits); tomllib lets that ValueError out.
    with pytest.raises(StoreError) as caught:
        parse_toml(Path("x.toml"), "a = 1\nb = " + "9" * 5000 + "\n")
    assert caught.value.reason == "invalid TOML: a number with too many digits"
    assert caught.value.line == 2


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (float("inf"), "too large a number"),
        (float("-inf"), "too large a negative number"),
        (2**63, "too large a number"),
        (16**5000, "too large a number"),  # too many digits to print at all
        (2**63 - 1, "9223372036854775807"),
        (1e300, "1e+300"),
    ],
    ids=["inf", "-inf", "2**63", "16**5000", "int64-max", "1e300"],
)
def test_numbers_too_large_for_toml_are_named_so(value: object, shown: str) -> None:
    # `weight_kg = 1e400` reads as infinity; the runner wrote no "inf".
    assert show(value) == shown
