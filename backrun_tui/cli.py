"""The command line: parse the arguments, then start the app or hand over to a command.

Plain `backrun` starts the app at once: the parser (`backrun_tui.cli_parser`) and the other
commands (`backrun_tui.cli_commands`) load only when asked for, and so does anything else
the home screen does not show (see benchmarks/startup.py).

Exit codes: 0 success; 2 bad input (usage, notation, unknown workout, unreadable file),
with one line on stderr and nothing written; 1 anything unexpected.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from backrun_tui.store.library import Library
from backrun_tui.store.paths import Paths

if TYPE_CHECKING:
    from backrun_tui.live_session import StartRequest

MAX_TIME_SCALE = 1000
#: The formats of `backrun export`, as `backrun_tui.export.session` names them (kept here
#: too, so that parsing arguments does not load the exporters).
EXPORT_FORMATS = ("tcx", "fit", "csv", "json")
DEFAULT_EXPORT_FORMAT = "tcx"

EXIT_OK, EXIT_UNEXPECTED, EXIT_BAD_INPUT = 0, 1, 2


class BadInput(Exception):
    """Input the user can fix: reported in one line, exit 2."""


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


def run_app(library: Library, start: StartRequest | None = None) -> int:
    """Start the app on the home screen (or, with `start`, on the run screen); its exit
    code. The app recovers the sessions of backruns that died once its first screen shows."""
    _need_terminal()
    # Imported here: textual takes a moment to load, and `plan` or `history` need none of it.
    from backrun_tui.ui.app import BackrunApp
    from backrun_tui.ui.theme import theme_names

    # A broken config.toml never stops the app: the problems are shown there, in notices
    # and on the settings screen, and the defaults stand in.
    loaded = library.config(theme_names())
    app = BackrunApp(loaded.items, library, config_problems=loaded.problems, start=start)
    app.run()
    # Non-zero when the app crashed (Textual has said why) or a signal ended it (128 + n).
    return app.return_code or EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    try:
        words = sys.argv[1:] if argv is None else list(argv)
        if not words:  # plain `backrun` is the app: no need to build the command parsers
            return run_app(Library(Paths.default()))  # the App starts the collector later
        from backrun_tui.cli_parser import build_parser

        args = build_parser().parse_args(words)
        library = Library(Paths.default())
        if args.command == "app":
            return run_app(library)
        if args.command != "run":
            gc.enable()  # held off by the `backrun` command (backrun_tui.__main__) until now
        from backrun_tui import cli_commands

        return cli_commands.run(args.command, args, library)
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
