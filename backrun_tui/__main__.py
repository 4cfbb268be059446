"""The `backrun` command (and `python -m backrun_tui`).

The cyclic garbage collector is held off from the first line: loading backrun and Textual
makes many objects and no garbage, and collection passes over them would only delay the
home screen. The collector starts again once the home screen has painted (the App does
that, and freezes what start-up made, which lives as long as the App), or at once for a
command that is not the app (`cli.main` does that).
"""

from __future__ import annotations

import gc
import sys


def main() -> int:
    gc.disable()
    from backrun_tui.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
