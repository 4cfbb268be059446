"""Writing config.toml: only the settings that changed, and nothing else in the file.

A config.toml may have been written by hand: comments that explain a choice, keys for a
newer backrun, a layout someone likes. Saving from the Settings screen must keep all of
that, so the file is edited, not rewritten: tomlkit parses it into a document that
remembers every comment, blank line and key order, the changed values are set in it, and
it is written back atomically. A setting that is absent stays absent while it keeps its
default, so a later change of a default still reaches users who never set it.

A file that cannot be parsed cannot be edited: it is kept as `config.toml.bak` and a new
one is written. The caller may ask for that copy in other cases too (the app asks on its
first save when the file had problems at start). No textual.
"""

from __future__ import annotations

from collections.abc import Collection, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError
from tomlkit.toml_document import TOMLDocument

from backrun_tui.store.atomic import atomic_write_bytes, atomic_write_text
from backrun_tui.store.config import Config, check_config, config_from_dict, config_to_dict
from backrun_tui.store.errors import StoreError
from backrun_tui.store.safe_read import MAX_CONFIG_BYTES, read_capped
from backrun_tui.store.tomlfile import FieldError, read_toml

HEADER = "backrun settings: edit here or on the Settings screen."
BACKUP_SUFFIX = ".bak"

Key = tuple[str, ...]


@dataclass(frozen=True)
class ConfigSaved:
    """What a save did: the keys written (dotted, in file order) and the copy it kept."""

    changed: list[str]
    backup: Path | None = None


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + BACKUP_SUFFIX)


def save_config(
    path: Path,
    config: Config,
    *,
    themes: Collection[str] | None = None,
    backup: bool = False,
) -> ConfigSaved:
    """Make config.toml at `path` hold `config`, writing only the settings that differ.

    A setting is written when its value in `config` differs from the one the file gives
    now (its default when absent), or when the file's value for it is bad. Everything
    else in the file stays as it is, byte for byte. With `backup`, or when the file does
    not parse, the file as it was is first kept as `config.toml.bak`.

    ValueError when `config` holds a value loading would refuse; OSError (or StoreError)
    when the file cannot be read for the copy or written. Then nothing has changed.
    """
    try:
        config_from_dict(config_to_dict(config), themes)
    except FieldError as problem:
        raise ValueError(str(problem)) from problem

    document, current, bad = _current(path, themes)
    kept: Path | None = None
    if path.exists() and (backup or document is None):
        kept = _keep_copy(path)
    if document is None:
        document = tomlkit.document()
        document.add(tomlkit.comment(HEADER))

    old, new = _flat(config_to_dict(current)), _flat(config_to_dict(config))
    changed: list[str] = []
    for key in _known_keys():
        if old.get(key) != new.get(key) or any(key[: len(b)] == b for b in bad):
            _set(document, key, new.get(key))
            changed.append(".".join(key))
    if changed or kept is not None:
        atomic_write_text(path, tomlkit.dumps(document))
    return ConfigSaved(changed, kept)


def _current(
    path: Path, themes: Collection[str] | None
) -> tuple[TOMLDocument | None, Config, list[Key]]:
    """The file as an editable document (None when it cannot be parsed), the settings it
    gives, and the known keys whose values in it are bad."""
    try:
        parsed = read_toml(path, max_bytes=MAX_CONFIG_BYTES)
    except FileNotFoundError:
        document = tomlkit.document()
        document.add(tomlkit.comment(HEADER))
        return document, Config(), []
    except StoreError:
        return None, Config(), []
    try:
        document = tomlkit.parse(parsed.text)
    except TOMLKitError:
        return None, Config(), []
    current, problems = check_config(parsed.data, themes)
    known = set(_known_keys())
    bad = [p.keys for p in problems if p.keys in known or p.keys == ("sound",)]
    return document, current, bad


def _keep_copy(path: Path) -> Path:
    """Copy the file at `path` to its `.bak`, atomically; where the copy is."""
    target = backup_path(path)
    try:
        data = read_capped(path, MAX_CONFIG_BYTES)
    except StoreError as error:
        raise OSError(f"{path} could not be kept as {target.name}: {error.reason}") from error
    atomic_write_bytes(target, data)
    return target


def _known_keys() -> list[Key]:
    """Every setting's place in the file, top-level ones first, as the file lists them."""
    return list(_flat(config_to_dict(Config(weight_kg=70.0))))


def _flat(data: dict[str, Any], where: Key = ()) -> dict[Key, Any]:
    flat: dict[Key, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            flat.update(_flat(value, (*where, key)))
        else:
            flat[(*where, key)] = value
    return flat


def _set(document: TOMLDocument, key: Key, value: Any) -> None:
    """Set (or, for None, remove) `key` in the document; a table in the way that is not a
    table (`sound = 5`) is replaced by one."""
    table: MutableMapping[str, Any] = document
    for part in key[:-1]:
        inner = table.get(part)
        if not isinstance(inner, MutableMapping):
            if value is None:
                return
            inner = tomlkit.table()
            table[part] = inner
            inner = table[part]
        table = inner
    if value is None:
        table.pop(key[-1], None)
    else:
        table[key[-1]] = value
