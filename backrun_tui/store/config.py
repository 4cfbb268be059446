"""The user's settings: `config.toml`, read and written here and nowhere else.

```toml
units = "metric"               # or "imperial": what the screens show
weight_kg = 70.0               # optional; without it energy is not estimated
backward_energy_factor = 1.3   # backward intervals cost this much more energy (1.0–2.0)
get_ready_s = 10               # a countdown before the first interval; 0 = none, max 120

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
problem. The file is never changed: it is left for the user to fix.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

import tomli_w

from backrun_tui.model.kinds import Units
from backrun_tui.model.totals import DEFAULT_BACKWARD_FACTOR, EnergyModel
from backrun_tui.store.atomic import atomic_write_text
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

T = TypeVar("T")

_HEADER_COMMENT = "# backrun settings: edit here or on the Settings screen.\n"


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

    def energy_model(self) -> EnergyModel:
        return EnergyModel(weight_kg=self.weight_kg, backward_factor=self.backward_energy_factor)


def load_config_checked(path: Path) -> tuple[Config, list[StoreError]]:
    """The settings in `path` and every problem in it, each once, in file order.

    No file means the defaults and no problem. A setting with a bad value keeps its
    default; the others are read as usual.
    """
    try:
        document = read_toml(path, max_bytes=MAX_CONFIG_BYTES)
    except FileNotFoundError:
        return Config(), []
    except StoreError as error:
        return Config(), [error]
    config, problems = _checked(document.data)
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


def save_config(path: Path, config: Config) -> None:
    """Write `config` to `path` atomically; ValueError if it holds a value load would refuse."""
    data = _to_dict(config)
    try:
        config_from_dict(data)
    except FieldError as problem:
        raise ValueError(str(problem)) from problem
    atomic_write_text(path, _HEADER_COMMENT + tomli_w.dumps(data))


def config_from_dict(data: dict[str, Any]) -> Config:
    """Validate parsed TOML into a Config; FieldError names the first bad key."""
    config, problems = _checked(data)
    if problems:
        raise problems[0]
    return config


def _checked(data: dict[str, Any]) -> tuple[Config, list[FieldError]]:
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


def _to_dict(config: Config) -> dict[str, Any]:
    data: dict[str, Any] = {"units": config.units.value}
    if config.weight_kg is not None:
        data["weight_kg"] = float(config.weight_kg)
    data["backward_energy_factor"] = float(config.backward_energy_factor)
    data["get_ready_s"] = config.get_ready_s
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


def _flag(key: str, value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise FieldError(("sound", key), f"expected true or false, got {show(value)}")


def _whole_number(
    key: str, value: object, high: int, unit: str, where: tuple[str, ...] = ("sound",)
) -> int:
    if is_number(value) and isinstance(value, int) and 0 <= value <= high:
        return value
    raise FieldError(
        (*where, key), f"expected a whole number between 0 and {high}{unit}, got {show(value)}"
    )
