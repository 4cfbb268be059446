"""How numbers read, on screen and in the plain-text command output."""

from __future__ import annotations

from backrun_tui.model.kinds import KM_PER_MILE, Units


def clock(seconds: float) -> str:
    """`5:00`, `1:05:00`; seconds are rounded up so a countdown shows 0:00 only at the end."""
    whole = int(-(-seconds // 1)) if seconds > 0 else 0
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def clock_down(seconds: float) -> str:
    """A time already spent, rounded down: `4:59` until the fifth minute is done."""
    return clock(float(int(max(seconds, 0.0))))


def in_units(kmh: float, units: Units) -> float:
    """A speed (or a distance, km) in the user's units: mph (miles) or km/h (km)."""
    return kmh / KM_PER_MILE if units is Units.IMPERIAL else kmh


def speed(kmh: float | None, units: Units) -> str:
    if kmh is None:
        return "—"
    return f"{in_units(kmh, units):.1f} {units.speed_unit.label}"


def distance(km: float | None, units: Units) -> str:
    if km is None:
        return "—"
    return f"{in_units(km, units):.2f} {'mi' if units is Units.IMPERIAL else 'km'}"


def energy(kcal: float | None) -> str:
    return "—" if kcal is None else f"{kcal:.0f} kcal"


def incline(pct: float | None) -> str:
    if pct is None:
        return "—"
    return f"{pct:g} %"


def share(part: float, whole: float) -> str:
    return "—" if whole <= 0 else f"{100 * part / whole:.0f} %"
