"""The plan model: pure Python, no textual, no I/O."""

from backrun_tui.model.kinds import KIND_WORDS, Kind, SpeedUnit, Units
from backrun_tui.model.plan import Interval, Plan, Repeat, Speed, Step, Workout
from backrun_tui.model.totals import EnergyModel, Totals, plan_totals

__all__ = [
    "KIND_WORDS",
    "EnergyModel",
    "Interval",
    "Kind",
    "Plan",
    "Repeat",
    "Speed",
    "SpeedUnit",
    "Step",
    "Totals",
    "Units",
    "Workout",
    "plan_totals",
]
