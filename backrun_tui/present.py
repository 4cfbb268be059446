"""How backrun puts things into words: the lines the screens and the command line share.

Pure: no textual, no I/O. A rule for showing something (a treadmill target, a session's
summary, a row of the history) lives here once, so the run screen, the finish screen, the
history screen and `backrun history` can never disagree.
"""

from __future__ import annotations

import math
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from backrun_tui.model import display
from backrun_tui.model.kinds import Units
from backrun_tui.model.plan import Step
from backrun_tui.model.totals import EnergyModel, Totals
from backrun_tui.store.errors import StoreError

# The home screen, drawn first, shows workouts and no session: what a session needs loads
# when one is shown (see benchmarks/startup.py).
if TYPE_CHECKING:
    from backrun_tui.engine_types import Snapshot
    from backrun_tui.model.session import SessionRecord

#: Characters that reorder or hide text (bidirectional overrides and isolates, marks).
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

#: The finish screen's heading for each `Status` (by its value).
STATUS_TITLES = {
    "completed": "Session complete",
    "stopped": "Session stopped",
    "interrupted": "Session interrupted",
}


def plain(text: str) -> str:
    """Text from a file, safe to put on a terminal: control characters (escape sequences
    included), line breaks and bidirectional overrides become spaces or go."""
    out = []
    for char in text:
        category = unicodedata.category(char)
        if char in _BIDI or category == "Cs" or (category == "Cf" and char != "\u200d"):
            continue  # the joiner stays: it holds emoji sequences together
        out.append(" " if category.startswith("C") or category in ("Zl", "Zp") else char)
    return "".join(out)


def short_path(path: Path) -> str:
    """A path as a person reads it: under the home folder it starts with `~`."""
    try:
        return plain(str(Path("~") / path.relative_to(Path.home())))
    except (ValueError, RuntimeError):  # elsewhere, or no home folder to be found
        return plain(str(path))


def problem_line(problem: StoreError) -> str:
    """A problem with a file, its path shortened: `~/…/config.toml: line 3: reason`."""
    where = short_path(problem.path)
    if problem.line is not None:
        where += f": line {problem.line}"
    return f"{where}: {plain(problem.reason)}"


def target(step: Step, units: Units) -> str:
    """The treadmill setting of an interval: `6.0 km/h · incline 2 %`, or "" for none."""
    interval = step.interval
    parts = []
    if interval.speed is not None:
        parts.append(display.speed(interval.speed.kmh, units))
    if interval.incline_pct is not None:
        parts.append(f"incline {display.incline(interval.incline_pct)}")
    return " · ".join(parts)


def next_line(step: Step | None, units: Units, heading: str = "next") -> str:
    """What comes after the current interval: `next: FORWARD 2:00 at 9.0 km/h`."""
    if step is None:
        return f"{heading}: finish"
    setting = target(step, units)
    return f"{heading}: {step.kind.title} {display.clock(step.seconds)}" + (
        f" at {setting}" if setting else ""
    )


def rounds_line(step: Step) -> str:
    """Where the step stands in its repeats: `round 2/6`, or `set 2/3 · round 1/2`."""
    if not step.rounds:
        return ""
    *outer, (i, n) = step.rounds
    return " · ".join([*(f"set {a}/{b}" for a, b in outer), f"round {i}/{n}"])


def kind_line(snap: Snapshot) -> str:
    """The big word at the top: the kind (or GET READY), and whether time stands still."""
    from backrun_tui.engine_types import Phase

    word = "GET READY" if snap.lead_in else snap.step.kind.title
    return f"{word} · paused" if snap.phase is Phase.PAUSED else word


def facing(step: Step) -> str:
    """How to stand on the belt for the first interval."""
    return f"step on, face {'backward' if step.kind.is_backward else 'forward'}"


def turnaround_banner(snap: Snapshot, units: Units) -> str | None:
    """The warning before a change of direction, with the next kind and its target."""
    nxt = snap.next_step
    if snap.turn_in is None or nxt is None:
        return None
    setting = target(nxt, units)
    slow = " — slow the belt first" if nxt.interval.speed else ""
    return (
        f"TURN AROUND in {math.ceil(snap.turn_in)} s — next {nxt.kind.title}"
        f"{', ' + setting if setting else ''}{slow}"
    )


def short_duration(seconds: float) -> str:
    """A stretch of real time in few characters: `3m12s`, `45s`."""
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}m{secs:02d}s" if minutes else f"{secs}s"


def lead_in_banner(snap: Snapshot) -> str:
    """What the lead-in asks of the runner, and the keys that change it."""
    from backrun_tui.engine_types import Phase

    if snap.phase is Phase.PAUSED:
        return "GET READY held — space to go on, n to start now"
    return f"{facing(snap.step).capitalize()}, set the belt — n starts now, space holds"


#: The player's reasons for giving up, in words a runner can act on (first match wins).
_SOUND_PROBLEMS = (
    ("simpleaudio is missing", "the sound library is not installed — run backrun doctor"),
    ("cannot read the sounds", "the cue sounds are missing — run backrun doctor"),
    ("the sound device failed", "no sound device found — run backrun doctor"),
    ("stopped twice", "the sound player keeps stopping — run backrun doctor"),
    ("cannot start the sound player", "the sound player cannot start — run backrun doctor"),
)


def sound_problem(reason: str) -> str:
    """Why there is no sound, for the runner: not the audio library's own words."""
    for start, words in _SOUND_PROBLEMS:
        if start in reason:
            return words
    return "no sound — run backrun doctor"


def asleep_banner(seconds: float) -> str:
    return f"paused: the computer was asleep for {short_duration(seconds)} — press space to go on"


#: Where energy without a body weight points: the Settings screen, by its key.
WEIGHT_HINT = "set weight_kg on the Settings screen"


def totals_lines(
    totals: Totals, units: Units, energy: EnergyModel, weight_hint: str = WEIGHT_HINT
) -> list[str]:
    """A plan's totals, a line each: time by direction, turns, distance, energy."""
    t = totals
    changes = (
        "1 direction change"
        if t.direction_changes == 1
        else f"{t.direction_changes} direction changes"
    )
    kcal = display.energy(t.energy_kcal)
    if t.energy_kcal is None and energy.weight_kg is None and t.distance_km is not None:
        kcal += f" ({weight_hint})"
    return [
        f"total     {display.clock(t.total_seconds)}",
        f"backward  {display.clock(t.backward_seconds)} "
        f"({display.share(t.backward_seconds, t.total_seconds)})",
        f"forward   {display.clock(t.forward_seconds)}",
        f"other     {display.clock(t.other_seconds)}",
        f"turns     {changes}",
        f"distance  {display.distance(t.distance_km, units)}",
        f"energy    {kcal}",
    ]


def session_title(record: SessionRecord) -> str:
    """The finish screen's heading: `Session complete: Beginner intervals`."""
    return f"{STATUS_TITLES.get(record.status.value, 'Session ended')}: {plain(record.workout)}"


def summary_rows(record: SessionRecord, units: Units) -> list[tuple[str, str]]:
    """A session in a few (name, value) rows: planned against actual, by direction, and more."""
    from backrun_tui.model.session import IntervalOutcome

    rows = [
        (
            "time",
            f"{display.duration(record.active_seconds)} of "
            f"{display.duration(record.planned_seconds)} planned",
        ),
        ("backward", display.duration(record.backward_seconds)),
        ("forward", display.duration(record.forward_seconds)),
        ("paused", display.duration(record.paused_seconds)),
        ("distance", display.distance(record.distance_km, units)),
        ("energy", display.energy(record.energy_kcal)),
    ]
    skipped = sum(1 for i in record.intervals if i.outcome is IntervalOutcome.SKIPPED)
    if skipped:
        rows.append(("skipped", f"{skipped} interval{'s' if skipped > 1 else ''}"))
    if record.time_scale != 1:
        rows.append(("time scale", f"×{record.time_scale:g}"))
    return rows


def summary(record: SessionRecord, units: Units) -> str:
    return "\n".join(f"{name:<11}{value}" for name, value in summary_rows(record, units))


HISTORY_HEADINGS = ("started", "workout", "status", "time", "backward", "distance", "energy", "rpe")


def status_word(record: SessionRecord) -> str:
    """`completed`, or `completed ×50` for a session run faster than real time (a try-out)."""
    scale = f" ×{record.time_scale:g}" if record.time_scale != 1 else ""
    return f"{record.status.value}{scale}"


def history_row(record: SessionRecord, units: Units) -> tuple[str, ...]:
    """One session as a row of the history, in the order of HISTORY_HEADINGS."""
    return (
        record.started_at.strftime("%Y-%m-%d %H:%M"),
        plain(record.workout),
        status_word(record),
        display.duration(record.active_seconds),
        display.duration(record.backward_seconds),
        display.distance(record.distance_km, units),
        display.energy(record.energy_kcal),
        str(record.rpe) if record.rpe is not None else "—",
    )


#: The history screen's columns: `backrun history`'s, with forward time beside backward.
HISTORY_SCREEN_HEADINGS = (
    "date", "workout", "status", "active", "backward", "forward", "distance", "energy", "RPE",
)  # fmt: skip


def history_screen_row(record: SessionRecord, units: Units) -> tuple[str, ...]:
    """One session as a row of the history screen, worded as `history_row` words it."""
    started, workout, status, active, backward, distance, energy, rpe = history_row(record, units)
    forward = display.duration(record.forward_seconds)
    return (started, workout, status, active, backward, forward, distance, energy, rpe)


#: How each `IntervalOutcome` (by its value) is worded in a session's intervals.
OUTCOME_WORDS = {
    "completed": "done",
    "skipped": "skipped",
    "stopped": "stopped here",
    "not_reached": "not reached",
}
PAUSE_WORDS = {"user": "paused", "sleep": "asleep"}
INTERVAL_HEADINGS = ("#", "kind", "planned", "actual", "+/−", "outcome", "target", "label")


def adjusted(seconds: float) -> str:
    """Time added or taken with + and −: `+10 s`, `−20 s`, or "" for none."""
    whole = int(abs(seconds) + 0.5)
    if whole == 0:
        return ""
    return f"{'+' if seconds > 0 else '−'}{short_duration(whole).replace('s', ' s')}"


def interval_rows(record: SessionRecord, units: Units) -> list[tuple[str, tuple[str, ...]]]:
    """A session's intervals, planned against actual, with its pauses where they fell.

    Each row is (what it is: a kind's value, or "pause"; its cells under
    INTERVAL_HEADINGS). A pause follows the interval that was running when it began.
    """
    rows: list[tuple[str, tuple[str, ...]]] = []
    pauses = sorted(record.pauses, key=lambda p: p.at_seconds)
    ran = 0.0
    for interval in record.intervals:
        setting = [display.speed(interval.speed_kmh, units)] if interval.speed_kmh else []
        if interval.incline_pct is not None:
            setting.append(display.incline(interval.incline_pct))
        cells = (
            str(interval.index),
            interval.kind.title.lower(),
            display.clock(interval.planned_seconds),
            display.duration(interval.actual_seconds),
            adjusted(interval.adjusted_seconds),
            OUTCOME_WORDS[interval.outcome.value],
            " · ".join(setting),
            plain(interval.label),
        )
        rows.append((interval.kind.value, cells))
        ran += interval.actual_seconds
        while pauses and (pauses[0].at_seconds <= ran or interval is record.intervals[-1]):
            pause = pauses.pop(0)
            word = PAUSE_WORDS.get(pause.reason, plain(pause.reason))
            rows.append(("pause", ("", word, "", display.duration(pause.seconds), *[""] * 4)))
    return rows
