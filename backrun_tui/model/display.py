"""How numbers read, on screen and in the plain-text command output.

Rounded figures never carry a minus on zero (`-0 %` reads as a downhill that is not
there): the `z` format flag turns a negative zero after rounding into `0`.
"""

from __future__ import annotations

from rich.cells import cell_len

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


def duration(seconds: float) -> str:
    """A recorded stretch of time, to the nearest second: the one rule for every summary
    and history of a session, so the finish screen and `backrun history` always agree."""
    return clock(float(int(max(seconds, 0.0) + 0.5)))


def in_units(kmh: float, units: Units) -> float:
    """A speed (or a distance, km) in the user's units: mph (miles) or km/h (km)."""
    return kmh / KM_PER_MILE if units is Units.IMPERIAL else kmh


def speed(kmh: float | None, units: Units) -> str:
    """`6.0 km/h`, to the tenth a treadmill console shows.

    A speed above zero that rounds to 0.0 reads `<0.1 km/h`: the belt is meant to move,
    and "0.0" would say it stands still.
    """
    if kmh is None:
        return "—"
    value = in_units(kmh, units)
    shown = f"{value:z.1f}"
    if value > 0 and shown == "0.0":
        shown = "<0.1"
    return f"{shown} {units.speed_unit.label}"


def distance(km: float | None, units: Units) -> str:
    if km is None:
        return "—"
    return f"{in_units(km, units):z.2f} {'mi' if units is Units.IMPERIAL else 'km'}"


def energy(kcal: float | None) -> str:
    return "—" if kcal is None else f"{kcal:z.0f} kcal"


def incline(pct: float | None) -> str:
    """`2 %`, `2.5 %`, `-10 %`: to the hundredth, without trailing zeros or e-notation."""
    if pct is None:
        return "—"
    return f"{pct:z.2f}".rstrip("0").rstrip(".") + " %"


def share(part: float, whole: float) -> str:
    return "—" if whole <= 0 else f"{100 * part / whole:z.0f} %"


def cells(text: str) -> int:
    """How many terminal columns `text` takes: two for wide and fullwidth characters (CJK,
    most emoji), none for combining marks. Rich's measure, the one Textual draws with."""
    return cell_len(text)


def pad(text: str, width: int) -> str:
    """`text` followed by spaces up to `width` terminal columns, for lining up columns."""
    return text + " " * (width - cells(text))
