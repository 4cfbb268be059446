"""The commands other than the app itself: `plan`, `workouts`, `run`, `history`, `export`
and `doctor`, as `backrun_tui.cli` parses them. Loaded only when one of them is asked for.

Input the user can fix raises `BadInput` (one line, exit 2).
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from backrun_tui.cli import (
    DEFAULT_EXPORT_FORMAT,
    EXIT_OK,
    EXPORT_FORMATS,
    BadInput,
    run_app,
)
from backrun_tui.live_session import StartRequest, local_now
from backrun_tui.model.kinds import SpeedUnit, Units
from backrun_tui.model.notation import NotationError, parse
from backrun_tui.model.plan import Plan, Workout
from backrun_tui.model.session import SessionRecord
from backrun_tui.store.atomic import atomic_write_text
from backrun_tui.store.config import Config
from backrun_tui.store.errors import StoreError
from backrun_tui.store.library import Library
from backrun_tui.store.sessions import SessionEntry
from backrun_tui.store.tomlfile import show
from backrun_tui.store.workout_edit import NameTaken, OnDisk
from backrun_tui.store.workouts import read_workout, workout_to_toml


def run(command: str, args: argparse.Namespace, library: Library) -> int:
    """Carry out `command` with the parsed `args`; its exit code. Every command but `run`
    (where the app does it, and says so on its screen) first recovers the sessions of
    backruns that died, and names them on stderr."""
    args.library = library
    if command != "run":
        for record in _recover(library):
            print(
                f"backrun: recovered an interrupted session: {record.workout}, "
                f"started {record.started_at:%Y-%m-%d %H:%M}",
                file=sys.stderr,
            )
    commands: dict[str, Callable[[argparse.Namespace], int]] = {
        "plan": cmd_plan,
        "workouts": cmd_workouts,
        "run": cmd_run,
        "history": cmd_history,
        "export": cmd_export,
        "doctor": cmd_doctor,
    }
    return commands[command](args)


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
    workout = _read_workout_file(path)
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
        return _read_workout_file(path)
    raise BadInput(_no_workout(name, library))


def _read_workout_file(path: Path) -> Workout:
    """A workout file read as backrun reads its own (a bare speed is km/h: files are
    portable); BadInput naming the file and what is wrong with it."""
    try:
        return read_workout(path, SpeedUnit.KPH)
    except FileNotFoundError:
        raise BadInput(f"{path}: no such file") from None
    except StoreError as exc:
        raise BadInput(str(exc)) from None
    except OSError as exc:
        raise BadInput(f"{path}: {exc.strerror or exc}") from None


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
    return run_app(library, start)


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


def _recover(library: Library) -> list[SessionRecord]:
    """Turn the checkpoints of sessions whose backrun died into interrupted sessions."""
    loaded = library.recover(local_now())
    for problem in loaded.problems:
        print(f"backrun: could not recover {problem}", file=sys.stderr)
    return loaded.items
