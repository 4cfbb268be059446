"""Interval kinds and speed units: the vocabulary of a plan."""

from __future__ import annotations

from enum import Enum


class Kind(Enum):
    """What the runner does during an interval."""

    WARMUP = "warmup"
    BACKWARD = "backward"
    FORWARD = "forward"
    REST = "rest"
    COOLDOWN = "cooldown"

    @property
    def word(self) -> str:
        """The canonical notation word."""
        return _CANONICAL_WORD[self]

    @property
    def title(self) -> str:
        """The kind in words, as the run screen shows it."""
        return _TITLE[self]

    @property
    def is_backward(self) -> bool:
        return self is Kind.BACKWARD


def is_turn(before: Kind, after: Kind) -> bool:
    """Whether going from `before` to `after` is a change of direction: the runner turns
    around between backward and anything else."""
    return before.is_backward != after.is_backward


_CANONICAL_WORD = {
    Kind.WARMUP: "warmup",
    Kind.BACKWARD: "back",
    Kind.FORWARD: "fwd",
    Kind.REST: "rest",
    Kind.COOLDOWN: "cooldown",
}

_TITLE = {
    Kind.WARMUP: "WARM-UP",
    Kind.BACKWARD: "BACKWARD",
    Kind.FORWARD: "FORWARD",
    Kind.REST: "REST",
    Kind.COOLDOWN: "COOL-DOWN",
}

#: Every word the notation accepts for a kind (lower case).
KIND_WORDS: dict[str, Kind] = {
    "warmup": Kind.WARMUP,
    "wu": Kind.WARMUP,
    "back": Kind.BACKWARD,
    "backward": Kind.BACKWARD,
    "bwd": Kind.BACKWARD,
    "fwd": Kind.FORWARD,
    "forward": Kind.FORWARD,
    "run": Kind.FORWARD,
    "rest": Kind.REST,
    "walk": Kind.REST,
    "recover": Kind.REST,
    "cooldown": Kind.COOLDOWN,
    "cd": Kind.COOLDOWN,
}


KM_PER_MILE = 1.609344


class SpeedUnit(Enum):
    """The unit a speed was written in; the plan keeps it so it reads back as written."""

    KPH = "kph"
    MPH = "mph"

    def to_kmh(self, value: float) -> float:
        return value * KM_PER_MILE if self is SpeedUnit.MPH else value

    @property
    def label(self) -> str:
        """How the unit is shown on screen."""
        return "km/h" if self is SpeedUnit.KPH else "mph"


#: Every unit word the notation accepts (lower case).
UNIT_WORDS: dict[str, SpeedUnit] = {
    "kph": SpeedUnit.KPH,
    "kmh": SpeedUnit.KPH,
    "km/h": SpeedUnit.KPH,
    "mph": SpeedUnit.MPH,
}


class Units(Enum):
    """The unit system the user reads distances and speeds in."""

    METRIC = "metric"
    IMPERIAL = "imperial"

    @property
    def speed_unit(self) -> SpeedUnit:
        return SpeedUnit.KPH if self is Units.METRIC else SpeedUnit.MPH
