"""The command line's parser: the commands, their options, and the checks on their values.

Loaded only when `backrun` is given arguments: plain `backrun` starts the app without it.
A bad argument raises `BadInput` (one line, exit 2), not argparse's usage block.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from datetime import date
from typing import NoReturn

from backrun_tui.cli import DEFAULT_EXPORT_FORMAT, EXPORT_FORMATS, MAX_TIME_SCALE, BadInput
from backrun_tui.model.kinds import Units
from backrun_tui.store.config import MAX_GET_READY_S, MAX_WEIGHT_KG, MIN_WEIGHT_KG


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, not argparse's usage block: the contract is a one-line error.
        raise BadInput(f"{message} (see 'backrun {self._sub_name()}--help')")

    def _sub_name(self) -> str:
        parts = self.prog.split()[1:]
        return " ".join(parts) + " " if parts else ""


class _Version(argparse.Action):
    """`--version`: the installed version, looked up only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(
            option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="show the version"
        )

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        from backrun_tui import __version__

        print(f"backrun {__version__}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="backrun",
        description="Backward-jog and forward-run intervals on a treadmill.",
    )
    parser.add_argument("--version", action=_Version)
    parser.set_defaults(command="app")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)

    plan = sub.add_parser("plan", help="check a plan written in notation and show its totals")
    plan.add_argument("notation", metavar="NOTATION", help='e.g. "5m wu @5, 6x(1m back, 2m fwd)"')
    plan.add_argument("--json", action="store_true", help="print one JSON object")
    plan.add_argument(
        "--weight", type=_weight, metavar="KG", help="body weight for energy (70, 70kg, 154lb)"
    )
    plan.add_argument("--units", choices=[u.value for u in Units], help="speeds and distances")
    plan.set_defaults(command="plan")

    workouts = sub.add_parser(
        "workouts", help="list the built-in and saved workouts, or export or import one"
    )
    what = workouts.add_mutually_exclusive_group()
    what.add_argument("--json", action="store_true", help="print a JSON list")
    what.add_argument(
        "--export", metavar="NAME", help="print a workout's file (or write it with -o FILE)"
    )
    what.add_argument(
        "--import", dest="import_file", metavar="FILE", help="check a workout file and add it"
    )
    workouts.add_argument(
        "-o", "--output", metavar="FILE", help="with --export: write the file here (a new file)"
    )
    workouts.add_argument(
        "--as", dest="as_name", metavar="NAME", help="with --import: add it under this name"
    )
    workouts.set_defaults(command="workouts")

    run = sub.add_parser("run", help="start a workout on the run screen")
    run.add_argument("workout", nargs="?", metavar="NAME|FILE", help="a workout's name or file")
    run.add_argument("--plan", metavar="NOTATION", help="run a plan written in notation")
    run.add_argument(
        "--time-scale",
        type=_time_scale,
        default=1.0,
        metavar="X",
        help="run X times faster (0 < X <= 1000), for trying a plan out",
    )
    run.add_argument(
        "--get-ready",
        type=_get_ready,
        metavar="SECONDS",
        help="a countdown before the first interval (default: the settings' get_ready_s; 0 = none)",
    )
    run.set_defaults(command="run")

    history = sub.add_parser("history", help="list past sessions, newest first")
    form = history.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print a JSON list")
    form.add_argument("--csv", action="store_true", help="print CSV with a header row")
    history.add_argument("--since", type=_date, metavar="YYYY-MM-DD", help="from this day on")
    history.set_defaults(command="history")

    export = sub.add_parser(
        "export",
        help="write one session as TCX, FIT, CSV or JSON",
        description=(
            "Write one session for another program: tcx (Garmin Training Center, which "
            "Strava, Garmin Connect and intervals.icu take; the default), fit (a FIT activity "
            "file), csv (one row per interval) or json (the session with its intervals and "
            "pauses). Without -o, text goes to standard output and FIT to SESSION_ID.fit "
            "here. An existing file is never overwritten."
        ),
    )
    export.add_argument("session_id", metavar="SESSION_ID", help="as 'backrun history' lists it")
    export.add_argument(
        "--format",
        choices=list(EXPORT_FORMATS),
        help=(
            "the file's format (default: the one FILE's ending names, .tcx .fit .csv or "
            f".json, else {DEFAULT_EXPORT_FORMAT})"
        ),
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to this new file ('-': standard output, which FIT needs to be a pipe)",
    )
    export.set_defaults(command="export")

    doctor = sub.add_parser("doctor", help="check that sound, settings and folders work")
    doctor.add_argument("--play", action="store_true", help="play every cue once, naming it")
    doctor.set_defaults(command="doctor")
    return parser


#: A plain decimal number in ASCII digits, as the notation reads numbers: no "７０", no
#: "1e400", no "nan".
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)", re.ASCII)
_WEIGHT = re.compile(r"\s*(?P<number>[^\s a-zA-Z]+)\s*(?P<unit>kg|kgs|lb|lbs)?\s*", re.IGNORECASE)
KG_PER_LB = 0.45359237


def _float(text: str, expected: str) -> float:
    if _NUMBER.fullmatch(text.strip()) is None:
        raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}")
    return float(text)


def _weight(text: str) -> float:
    """A body weight in kg: `70`, `70kg`, or in pounds, `154lb`."""
    expected = "a weight like 70, 70kg or 154lb"
    match = _WEIGHT.fullmatch(text)
    if match is None:
        raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}")
    value = _float(match["number"], expected)
    if (match["unit"] or "kg").lower().startswith("lb"):
        value *= KG_PER_LB
    if not MIN_WEIGHT_KG <= value <= MAX_WEIGHT_KG:
        raise argparse.ArgumentTypeError(
            f"expected a weight between {MIN_WEIGHT_KG} and {MAX_WEIGHT_KG} kg, got {text}"
        )
    return value


def _time_scale(text: str) -> float:
    value = _float(text, "a number")
    if not 0 < value <= MAX_TIME_SCALE:
        raise argparse.ArgumentTypeError(
            f"expected a number above 0 and at most {MAX_TIME_SCALE}, got {text}"
        )
    return value


def _get_ready(text: str) -> int:
    value = _float(text, "a number of seconds")
    if not (value.is_integer() and 0 <= value <= MAX_GET_READY_S):
        raise argparse.ArgumentTypeError(
            f"expected whole seconds from 0 to {MAX_GET_READY_S}, got {text}"
        )
    return int(value)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2026-11-30, got {text!r}") from None
