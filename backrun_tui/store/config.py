"""The user's settings: `config.toml`, read and written here and nowhere else.

```toml
units = "metric"               # or "imperial": what the screens show
weight_kg = 70.0               # optional; without it energy is not estimated
backward_energy_factor = 1.3   # backward intervals cost this much more energy (1.0–2.0)
get_ready_s = 10               # a countdown before the first interval; 0 = none, max 120
keep_awake = true              # keep the computer from sleeping while a session runs
theme = "backrun-dark"         # any theme the Settings screen lists

[sound]
enabled = true
voice = true                   # spoken cues besides the tones
volume = 80                    # 0–100
turnaround_warning_s = 10      # warn this long before a change of direction; 0 = off, max 60
countdown = true               # 3-2-1 before every interval change
halfway = true                 # a cue half-way through long intervals
```

A missing file means the defaults. `load_config_checked` reads what it can: a bad value or
an unknown key is a problem naming the key and its line, and only that setting falls back
to its default; a file that cannot be read or parsed at all gives the defaults and one
problem. Reading never changes the file; `config_edit` writes it (the Settings screen).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

from backrun_tui.model.kinds import Units
from backrun_tui.model.totals import DEFAULT_BACKWARD_FACTOR, EnergyModel
from backrun_tui.store.errors import StoreError
from backrun_tui.store.safe_read import MAX_CONFIG_BYTES
from backrun_tui.store.tomlfile import (
    FieldError,
    is_number,
    read_toml,
    show,
    unknown_key_reason,
)

MIN_WEIGHT_KG = 20
MAX_WEIGHT_KG = 400
MIN_BACKWARD_FACTOR = 1.0
MAX_BACKWARD_FACTOR = 2.0
MAX_VOLUME = 100
MAX_TURNAROUND_WARNING_S = 60
MAX_GET_READY_S = 120
DEFAULT_GET_READY_S = 10
DEFAULT_THEME = "backrun-dark"
#: What a theme name looks like; which names exist is up to the app (`themes` below).
_THEME_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")

T = TypeVar("T")


@dataclass(frozen=True)
class SoundConfig:
    """What the player plays; the audio code reads it, the Settings screen edits it."""

    enabled: bool = True
    voice: bool = True
    volume: int = 80
    turnaround_warning_s: int = 10
    countdown: bool = True
    halfway: bool = True


@dataclass(frozen=True)
class Config:
    units: Units = Units.METRIC
    weight_kg: float | None = None
    backward_energy_factor: float = DEFAULT_BACKWARD_FACTOR
    sound: SoundConfig = field(default_factory=SoundConfig)
    get_ready_s: int = DEFAULT_GET_READY_S
    """Seconds of countdown before the first interval, to step on and set the belt; 0 = none."""
    keep_awake: bool = True
    """Keep the computer from sleeping (and the screen from blanking) during a session."""
    theme: str = DEFAULT_THEME
    """The name of the colour theme; the app knows which exist."""

    def energy_model(self) -> EnergyModel:
        return EnergyModel(weight_kg=self.weight_kg, backward_factor=self.backward_energy_factor)


def load_config_checked(
    path: Path, themes: Collection[str] | None = None
) -> tuple[Config, list[StoreError]]:
    """The settings in `path` and every problem in it, each once, in file order.

    No file means the defaults and no problem. A setting with a bad value keeps its
    default; the others are read as usual. `themes`, when given, are the theme names
    that exist; without it any well-formed name is taken.
    """
    try:
        document = read_toml(path, max_bytes=MAX_CONFIG_BYTES)
    except FileNotFoundError:
        return Config(), []
    except StoreError as error:
        return Config(), [error]
    config, problems = check_config(document.data, themes)
    errors = [document.error(problem) for problem in problems]
    errors.sort(key=lambda e: (e.line is None, e.line or 0))
    return config, errors


def load_config(path: Path) -> Config:
    """The settings in `path`, or the defaults when there is no such file.

    StoreError for the first problem in the file (see `load_config_checked`).
    """
    config, problems = load_config_checked(path)
    if problems:
        raise problems[0]
    return config


def config_from_dict(data: dict[str, Any], themes: Collection[str] | None = None) -> Config:
    """Validate parsed TOML into a Config; FieldError names the first bad key."""
    config, problems = check_config(data, themes)
    if problems:
        raise problems[0]
    return config


def check_config(
    data: dict[str, Any], themes: Collection[str] | None = None
) -> tuple[Config, list[FieldError]]:
    """The Config in `data`, with the default for each bad setting, and what was bad."""
    problems = _unknown_keys(data, [f.name for f in fields(Config)], ())
    defaults = Config()
    config = Config(
        units=_or_default(
            problems, defaults.units, _units, data.get("units", defaults.units.value)
        ),
        weight_kg=_or_default(problems, defaults.weight_kg, _weight, data.get("weight_kg")),
        backward_energy_factor=_or_default(
            problems,
            defaults.backward_energy_factor,
            _backward_factor,
            data.get("backward_energy_factor", defaults.backward_energy_factor),
        ),
        sound=_sound(data.get("sound", {}), problems),
        get_ready_s=_or_default(
            problems,
            defaults.get_ready_s,
            lambda v: _whole_number("get_ready_s", v, MAX_GET_READY_S, " seconds (0 = none)", ()),
            data.get("get_ready_s", defaults.get_ready_s),
        ),
        keep_awake=_or_default(
            problems,
            defaults.keep_awake,
            lambda v: _flag("keep_awake", v, ()),
            data.get("keep_awake", defaults.keep_awake),
        ),
        theme=_or_default(
            problems,
            defaults.theme,
            lambda v: _theme(v, themes),
            data.get("theme", defaults.theme),
        ),
    )
    return config, problems


def _or_default(problems: list[FieldError], default: T, read: Callable[[Any], T], value: Any) -> T:
    """`read(value)`, or `default` with the problem noted when the value is bad."""
    try:
        return read(value)
    except FieldError as problem:
        problems.append(problem)
        return default


def _unknown_keys(
    table: dict[str, Any], known: list[str], where: tuple[str, ...]
) -> list[FieldError]:
    return [
        FieldError((*where, key), unknown_key_reason(key, known))
        for key in table
        if key not in known
    ]


def config_to_dict(config: Config) -> dict[str, Any]:
    """Every setting as it is written in config.toml (no weight_kg when there is none)."""
    data: dict[str, Any] = {"units": config.units.value}
    if config.weight_kg is not None:
        data["weight_kg"] = float(config.weight_kg)
    data["backward_energy_factor"] = float(config.backward_energy_factor)
    data["get_ready_s"] = config.get_ready_s
    data["keep_awake"] = config.keep_awake
    data["theme"] = config.theme
    data["sound"] = asdict(config.sound)
    return data


def _units(value: object) -> Units:
    if isinstance(value, str):
        for units in Units:
            if value.lower() == units.value:
                return units
    choices = " or ".join(f'"{u.value}"' for u in Units)
    raise FieldError(("units",), f"expected {choices}, got {show(value)}")


def _weight(value: object) -> float | None:
    if value is None:
        return None
    return _number_between(("weight_kg",), value, MIN_WEIGHT_KG, MAX_WEIGHT_KG, " (kg)")


def _backward_factor(value: object) -> float:
    return _number_between(
        ("backward_energy_factor",), value, MIN_BACKWARD_FACTOR, MAX_BACKWARD_FACTOR, ""
    )


def _number_between(
    keys: tuple[str, ...], value: object, low: float, high: float, unit: str
) -> float:
    if is_number(value) and low <= value <= high:
        return float(value)
    raise FieldError(keys, f"expected a number between {low} and {high}{unit}, got {show(value)}")


def _sound(value: object, problems: list[FieldError]) -> SoundConfig:
    defaults = SoundConfig()
    if not isinstance(value, dict):
        problems.append(FieldError(("sound",), f"expected a table ([sound]), got {show(value)}"))
        return defaults
    problems += _unknown_keys(value, [f.name for f in fields(SoundConfig)], ("sound",))

    def flag(key: str, default: bool) -> bool:
        return _or_default(problems, default, lambda v: _flag(key, v), value.get(key, default))

    def whole(key: str, default: int, high: int, unit: str) -> int:
        return _or_default(
            problems,
            default,
            lambda v: _whole_number(key, v, high, unit),
            value.get(key, default),
        )

    return SoundConfig(
        enabled=flag("enabled", defaults.enabled),
        voice=flag("voice", defaults.voice),
        volume=whole("volume", defaults.volume, MAX_VOLUME, ""),
        turnaround_warning_s=whole(
            "turnaround_warning_s",
            defaults.turnaround_warning_s,
            MAX_TURNAROUND_WARNING_S,
            " seconds (0 = off)",
        ),
        countdown=flag("countdown", defaults.countdown),
        halfway=flag("halfway", defaults.halfway),
    )


def _flag(key: str, value: object, where: tuple[str, ...] = ("sound",)) -> bool:
    if isinstance(value, bool):
        return value
    raise FieldError((*where, key), f"expected true or false, got {show(value)}")


def _theme(value: object, themes: Collection[str] | None) -> str:
    if not isinstance(value, str) or not _THEME_NAME.fullmatch(value):
        raise FieldError(("theme",), f"expected the name of a theme, got {show(value)}")
    if themes is not None and value not in themes:
        close = difflib.get_close_matches(value, list(themes), n=1, cutoff=0.6)
        hint = f' — did you mean "{close[0]}"?' if close else " (the Settings screen lists them)"
        raise FieldError(("theme",), f"no theme called {show(value)}{hint}")
    return value


def _whole_number(
    key: str, value: object, high: int, unit: str, where: tuple[str, ...] = ("sound",)
) -> int:
    if is_number(value) and isinstance(value, int) and 0 <= value <= high:
        return value
    raise FieldError(
        (*where, key), f"expected a whole number between 0 and {high}{unit}, got {show(value)}"
    )


#: Settings that may be left empty (absent from the file): the body weight.
OPTIONAL_SETTINGS = frozenset({"weight_kg"})
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+)")


def with_setting(
    config: Config, key: str, value: object, themes: Collection[str] | None = None
) -> Config:
    """`config` with the setting at dotted `key` (`sound.volume`) set to `value`, as the
    file would hold it; FieldError, naming the key, when loading would refuse it."""
    data = config_to_dict(config)
    *tables, name = key.split(".")
    table = data
    for part in tables:
        table = table[part]
    if value is None and key in OPTIONAL_SETTINGS:
        table.pop(name, None)
    elif value is None:
        raise FieldError(tuple(key.split(".")), "expected a value, got nothing")
    else:
        table[name] = value
    new, problems = check_config(data, themes)
    for problem in problems:
        if ".".join(problem.keys) == key:
            raise problem
    return new


def value_from_text(text: str) -> object:
    """What typed text would be in the file: a whole number, a decimal, nothing for an
    empty field, or else the text itself (which the setting then refuses, saying so)."""
    text = text.strip()
    if not text:
        return None
    if _INTEGER.fullmatch(text):
        return int(text)
    if _DECIMAL.fullmatch(text):
        return float(text)
    return text
