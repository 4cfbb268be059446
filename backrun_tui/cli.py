"""The command line: parse arguments, load settings, and hand them to a command or the App.

Exit codes: 0 success; 2 bad input (usage, notation, unknown workout, unreadable file),
with one line on stderr and nothing written; 1 anything unexpected.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import NoReturn

from backrun_tui import __version__
from backrun_tui.live_session import StartRequest, local_now
from backrun_tui.model.kinds import SpeedUnit, Units
from backrun_tui.model.notation import NotationError, parse
from backrun_tui.model.plan import Plan, Workout
from backrun_tui.model.session import SessionRecord
from backrun_tui.store import Config, Paths, StoreError
from backrun_tui.store.atomic import atomic_write_text
from backrun_tui.store.config import MAX_GET_READY_S, MAX_WEIGHT_KG, MIN_WEIGHT_KG
from backrun_tui.store.library import Library
from backrun_tui.store.sessions import SessionEntry
from backrun_tui.store.tomlfile import show
from backrun_tui.store.workout_edit import NameTaken, OnDisk
from backrun_tui.store.workouts import read_workout, workout_to_toml

MAX_TIME_SCALE = 1000
#: The formats of `backrun export`, as `backrun_tui.export.session` names them (kept here
#: too, so that parsing arguments does not load the exporters).
EXPORT_FORMATS = ("tcx", "fit", "csv", "json")
DEFAULT_EXPORT_FORMAT = "tcx"

EXIT_OK, EXIT_UNEXPECTED, EXIT_BAD_INPUT = 0, 1, 2


class BadInput(Exception):
    """Input the user can fix: reported in one line, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, not argparse's usage block: the contract is a one-line error.
        raise BadInput(f"{message} (see 'backrun {self._sub_name()}--help')")

    def _sub_name(self) -> str:
        parts = self.prog.split()[1:]
        return " ".join(parts) + " " if parts else ""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="backrun",
        description="Backward-jog and forward-run intervals on a treadmill.",
    )
    parser.add_argument("--version", action="version", version=f"backrun {__version__}")
    parser.set_defaults(func=cmd_app)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)

    plan = sub.add_parser("plan", help="check a plan written in notation and show its totals")
    plan.add_argument("notation", metavar="NOTATION", help='e.g. "5m wu @5, 6x(1m back, 2m fwd)"')
    plan.add_argument("--json", action="store_true", help="print one JSON object")
    plan.add_argument(
        "--weight", type=_weight, metavar="KG", help="body weight for energy (70, 70kg, 154lb)"
    )
    plan.add_argument("--units", choices=[u.value for u in Units], help="speeds and distances")
    plan.set_defaults(func=cmd_plan)

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
    workouts.set_defaults(func=cmd_workouts)

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
    run.set_defaults(func=cmd_run)

    history = sub.add_parser("history", help="list past sessions, newest first")
    form = history.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print a JSON list")
    form.add_argument("--csv", action="store_true", help="print CSV with a header row")
    history.add_argument("--since", type=_date, metavar="YYYY-MM-DD", help="from this day on")
    history.set_defaults(func=cmd_history)

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
    export.set_defaults(func=cmd_export)

    doctor = sub.add_parser("doctor", help="check that sound, settings and folders work")
    doctor.add_argument("--play", action="store_true", help="play every cue once, naming it")
    doctor.set_defaults(func=cmd_doctor)
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


def _config(library: Library) -> Config:
    """The settings; every problem with config.toml is named once on stderr, and the
    defaults stand in for what could not be used."""
    loaded = library.config()
    for problem in loaded.problems:
        print(f"backrun: {problem} (using the default)", file=sys.stderr)
    return loaded.items


def _skipped(problems: list[StoreError]) -> None:
    for problem in problems:
        print(f"backrun: skipped {problem}", file=sys.stderr)


def _parse_plan(text: str, config: Config) -> Plan:
    try:
        return parse(text, config.units.speed_unit)
    except NotationError as exc:
        raise BadInput(f"plan: {exc}") from None


def cmd_plan(args: argparse.Namespace) -> int:
    from backrun_tui import report

    config = _config(args.library)
    if args.units:
        config = replace(config, units=Units(args.units))
    if args.weight is not None:
        config = replace(config, weight_kg=args.weight)
    plan = _parse_plan(args.notation, config)
    energy = config.energy_model()
    if args.json:
        print(json.dumps(report.plan_json(plan, energy), ensure_ascii=False))
    else:
        print(report.plan_text(plan, config.units, energy))
    return EXIT_OK


def cmd_workouts(args: argparse.Namespace) -> int:
    from backrun_tui import report

    if args.output is not None and args.export is None:
        raise BadInput("-o FILE goes with --export NAME (see 'backrun workouts --help')")
    if args.as_name is not None and args.import_file is None:
        raise BadInput("--as NAME goes with --import FILE (see 'backrun workouts --help')")
    if args.export is not None:
        return _export_workout(args.library, args.export, args.output)
    if args.import_file is not None:
        return _import_workout(args.library, args.import_file, args.as_name)
    config = _config(args.library)
    loaded = args.library.workouts()
    _skipped(loaded.problems)
    entries = loaded.items
    if args.json:
        energy = config.energy_model()
        data = [report.workout_json(e, energy) for e in entries]
        print(json.dumps(data, ensure_ascii=False))
    else:
        print(report.workouts_text(entries))
    return EXIT_OK


def _export_workout(library: Library, name: str, output: str | None) -> int:
    """Print the file of the workout called `name`, or write it to a new file `output`."""
    entry = library.find_workout(name)
    if entry is None:
        raise BadInput(_no_workout(name, library))
    text = workout_to_toml(entry.workout)
    if output is None:
        sys.stdout.write(text)
        return EXIT_OK
    path = Path(output).expanduser()
    if path.exists() or path.is_symlink():
        raise BadInput(f"{path}: already exists; give a new file, nothing was written")
    if not path.parent.is_dir():
        raise BadInput(f"{path.parent}: no such folder")
    try:
        atomic_write_text(path, text)
    except OSError as exc:
        raise BadInput(f"{path}: cannot write: {exc.strerror or exc}") from None
    print(f'exported "{entry.workout.name}" to {path}')
    return EXIT_OK


def _import_workout(library: Library, file: str, as_name: str | None) -> int:
    """Check the workout file `file` as backrun reads its own, and add it to the saved ones."""
    path = Path(file).expanduser()
    try:
        workout = read_workout(path, SpeedUnit.KPH)
    except FileNotFoundError:
        raise BadInput(f"{path}: no such file") from None
    except StoreError as exc:
        raise BadInput(str(exc)) from None
    except OSError as exc:
        raise BadInput(f"{path}: {exc.strerror or exc}") from None
    if as_name is not None:
        workout = replace(workout, name=as_name)
    try:
        saved = library.save_edited(workout, OnDisk())
    except NameTaken:
        raise BadInput(
            f'a workout called "{workout.name}" already exists; '
            "add this one under another name with --as NAME"
        ) from None
    except ValueError as exc:
        where = "--as" if as_name is not None else f"{path}: name"
        raise BadInput(f"{where}: {exc}") from None
    except OSError as exc:
        raise BadInput(f"cannot save the workout: {exc.strerror or exc}") from None
    print(f'imported "{workout.name}" to {saved.path}')
    return EXIT_OK


def _no_workout(name: str, library: Library) -> str:
    """There is no workout called `name`: say so, with the nearest name there is."""
    names = [e.workout.name for e in library.workouts().items]
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.5)
    hint = f' — did you mean "{close[0]}"?' if close else " (see 'backrun workouts')"
    return f"no workout called {name!r}{hint}"


def _find_workout(name: str, library: Library) -> Workout:
    """A saved or built-in workout by name, or a workout file. A bare speed in a file is
    km/h whatever the units setting: files are portable."""
    if not name.strip():
        raise BadInput("give a workout's name or file (see 'backrun workouts')")
    entry = library.find_workout(name)
    if entry is not None:
        return entry.workout
    path = Path(name).expanduser()
    if path.suffix == ".toml" or path.exists():
        try:
            return read_workout(path, SpeedUnit.KPH)
        except FileNotFoundError:
            raise BadInput(f"{path}: no such file") from None
        except StoreError as exc:
            raise BadInput(str(exc)) from None
        except OSError as exc:
            raise BadInput(f"{path}: {exc.strerror or exc}") from None
    raise BadInput(_no_workout(name, library))


def cmd_run(args: argparse.Namespace) -> int:
    library: Library = args.library
    config = library.config().items
    if args.workout is not None and args.plan is not None:
        raise BadInput("give a workout or --plan NOTATION, not both (see 'backrun run --help')")
    if args.workout is None and args.plan is None:
        raise BadInput(
            "give a workout's name or file, or --plan NOTATION (see 'backrun run --help')"
        )
    if args.plan is not None:
        workout = Workout(name="Plan from the command line", plan=_parse_plan(args.plan, config))
    else:
        workout = _find_workout(args.workout, library)
    start = StartRequest(workout, args.time_scale, args.get_ready)
    return _run_app(library, args.recovered, start)


def cmd_app(args: argparse.Namespace) -> int:
    return _run_app(args.library, args.recovered)


def _need_terminal() -> None:
    """The app draws on a terminal, through standard input and standard error: say so, and
    stop, when there is none (or one that cannot draw), rather than fill a file with it."""
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        raise BadInput(
            "the app needs a terminal (standard input and standard error must be one); "
            "'backrun plan', 'workouts', 'history' and 'export' work without"
        )
    if os.environ.get("TERM", "") == "dumb":
        raise BadInput('the app needs a terminal that can draw a screen, and TERM is "dumb"')


def _run_app(
    library: Library,
    recovered: list[SessionRecord],
    start: StartRequest | None = None,
) -> int:
    _need_terminal()
    # Imported here: textual takes a moment to load, and `plan` or `history` need none of it.
    from backrun_tui.ui.app import BackrunApp
    from backrun_tui.ui.theme import theme_names

    # A broken config.toml never stops the app: the problems are shown there, in notices
    # and on the settings screen, and the defaults stand in.
    loaded = library.config(theme_names())
    app = BackrunApp(
        loaded.items,
        library,
        config_problems=loaded.problems,
        recovered=recovered,
        start=start,
    )
    app.run()
    # Non-zero when the app crashed (Textual has said why) or a signal ended it (128 + n).
    return app.return_code or EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    from backrun_tui import report
    from backrun_tui.export.history import history_csv, session_json

    config = _config(args.library)
    loaded = args.library.sessions(since=args.since)
    _skipped(loaded.problems)
    entries = loaded.items
    if args.json:
        print(json.dumps([session_json(e) for e in entries], ensure_ascii=False))
    elif args.csv:
        sys.stdout.write(history_csv(entries))
    else:
        print(report.history_text(entries, config.units, args.since))
    return EXIT_OK


def _find_session(session_id: str, library: Library) -> SessionEntry:
    """The session with this id, or BadInput naming a close id (or where to find them)."""
    try:
        entry = library.session(session_id)
    except ValueError:
        entry = None  # not even shaped like an id: no such session
    except StoreError as exc:
        raise BadInput(str(exc)) from None
    if entry is not None:
        return entry
    close = difflib.get_close_matches(session_id, library.session_ids(), n=1, cutoff=0.6)
    hint = f' — did you mean "{close[0]}"?' if close else " (see 'backrun history')"
    raise BadInput(f"no session with the id {show(session_id)}{hint}")


def _export_format(args: argparse.Namespace) -> str:
    """--format, or the format the ending of -o FILE names, or the default."""
    if args.format is not None:
        return str(args.format)
    if args.output not in (None, "-"):
        ending = Path(args.output).suffix.lower().removeprefix(".")
        if ending in EXPORT_FORMATS:
            return ending
    return DEFAULT_EXPORT_FORMAT


def cmd_export(args: argparse.Namespace) -> int:
    from backrun_tui.export.session import (
        NothingToExport,
        export_session,
        file_name,
        write_export,
    )

    entry = _find_session(args.session_id, args.library)
    format_name = _export_format(args)
    try:
        exported = export_session(entry, format_name)
    except NothingToExport as exc:
        raise BadInput(str(exc)) from None
    output: str | None = args.output
    if output is None:
        # Text to standard output; binary never to a terminal: to a file named from the id.
        output = file_name(entry, format_name) if exported.format.binary else "-"
    if output == "-":
        if exported.format.binary and sys.stdout.isatty():
            raise BadInput(
                f"{format_name.upper()} is binary and standard output is a terminal: "
                "give -o FILE, or pipe it"
            )
        sys.stdout.flush()
        sys.stdout.buffer.write(exported.content)
        sys.stdout.buffer.flush()
        return EXIT_OK
    target = Path(output)
    if target.is_dir():
        raise BadInput(f"{target}: is a folder; give a file name with -o")
    try:
        write_export(exported, target)
    except FileExistsError:
        raise BadInput(f"{target}: already exists; give another name with -o") from None
    except OSError as exc:
        raise BadInput(f"{target}: cannot write: {exc.strerror or exc}") from None
    print(f"wrote {target}")
    return EXIT_OK


def cmd_doctor(args: argparse.Namespace) -> int:
    from backrun_tui import doctor

    return doctor.run(args.library.paths, play=args.play)


def recover(library: Library) -> list[SessionRecord]:
    """Turn the checkpoints of sessions whose backrun died into interrupted sessions."""
    loaded = library.recover(local_now())
    for problem in loaded.problems:
        print(f"backrun: could not recover {problem}", file=sys.stderr)
    return loaded.items


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        args.library = Library(Paths.default())
        args.recovered = recover(args.library)
        interactive = args.func in (cmd_app, cmd_run)
        if not interactive:
            for record in args.recovered:
                print(
                    f"backrun: recovered an interrupted session: {record.workout}, "
                    f"started {record.started_at:%Y-%m-%d %H:%M}",
                    file=sys.stderr,
                )
        func: Callable[[argparse.Namespace], int] = args.func
        return func(args)
    except BadInput as exc:
        print(f"backrun: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # never a traceback in front of the user
        print(f"backrun: unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_UNEXPECTED


if __name__ == "__main__":
    sys.exit(main())
