"""The user's settings: `config.toml`, read and written here and nowhere else.

```toml
units = "metric"               # or "imperial": what the screens show
weight_kg = 70.0               # optional; without it energy is not estimated
backward_energy_factor = 1.3   # backward intervals cost this much more energy (1.0–2.0)

[sound]
enabled = true
voice = true                   # spoken cues besides the tones
volume = 80                    # 0–100
turnaround_warning_s = 10      # warn this long before a change of direction; 0 = off, max 60
countdown = true               # 3-2-1 before every interval change
halfway = true                 # a cue half-way through long intervals
```

A missing file means the defaults. A file that cannot be read or holds a bad value raises
StoreError naming the key and its line; the caller reports it and carries on with the
defaults, and the file is left for the user to fix.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import tomli_w

from backrun_tui.model.kinds import Units
from backrun_tui.model.totals import DEFAULT_BACKWARD_FACTOR, EnergyModel
from backrun_tui.store.atomic import atomic_write_text
from backrun_tui.store.safe_read import MAX_CONFIG_BYTES
from backrun_tui.store.tomlfile import (
    FieldError,
    TomlDocument,
    check_keys,
    is_number,
    read_toml,
    show,
)

MIN_WEIGHT_KG = 20
MAX_WEIGHT_KG = 400
MIN_BACKWARD_FACTOR = 1.0
MAX_BACKWARD_FACTOR = 2.0
MAX_VOLUME = 100
MAX_TURNAROUND_WARNING_S = 60

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

    def energy_model(self) -> EnergyModel:
        return EnergyModel(weight_kg=self.weight_kg, backward_factor=self.backward_energy_factor)


def load_config(path: Path) -> Config:
    """The settings in `path`, or the defaults when there is no such file."""
    try:
        document = read_toml(path, max_bytes=MAX_CONFIG_BYTES)
    except FileNotFoundError:
        return Config()
    return _from_document(document)


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
    check_keys(data, [f.name for f in fields(Config)], ())
    return Config(
        units=_units(data.get("units", Units.METRIC.value)),
        weight_kg=_weight(data.get("weight_kg")),
        backward_energy_factor=_backward_factor(
            data.get("backward_energy_factor", DEFAULT_BACKWARD_FACTOR)
        ),
        sound=_sound(data.get("sound", {})),
    )


def _from_document(document: TomlDocument) -> Config:
    try:
        return config_from_dict(document.data)
    except FieldError as problem:
        raise document.error(problem) from problem


def _to_dict(config: Config) -> dict[str, Any]:
    data: dict[str, Any] = {"units": config.units.value}
    if config.weight_kg is not None:
        data["weight_kg"] = float(config.weight_kg)
    data["backward_energy_factor"] = float(config.backward_energy_factor)
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


def _sound(value: object) -> SoundConfig:
    if not isinstance(value, dict):
        raise FieldError(("sound",), f"expected a table ([sound]), got {show(value)}")
    check_keys(value, [f.name for f in fields(SoundConfig)], ("sound",))
    defaults = SoundConfig()
    return SoundConfig(
        enabled=_flag(value, "enabled", defaults.enabled),
        voice=_flag(value, "voice", defaults.voice),
        volume=_whole_number(value, "volume", defaults.volume, MAX_VOLUME, ""),
        turnaround_warning_s=_whole_number(
            value,
            "turnaround_warning_s",
            defaults.turnaround_warning_s,
            MAX_TURNAROUND_WARNING_S,
            " seconds (0 = off)",
        ),
        countdown=_flag(value, "countdown", defaults.countdown),
        halfway=_flag(value, "halfway", defaults.halfway),
    )


def _flag(table: dict[str, Any], key: str, default: bool) -> bool:
    value = table.get(key, default)
    if isinstance(value, bool):
        return value
    raise FieldError(("sound", key), f"expected true or false, got {show(value)}")


def _whole_number(table: dict[str, Any], key: str, default: int, high: int, unit: str) -> int:
    value = table.get(key, default)
    if is_number(value) and isinstance(value, int) and 0 <= value <= high:
        return value
    raise FieldError(
        ("sound", key), f"expected a whole number between 0 and {high}{unit}, got {show(value)}"
    )
