"""Before installing: say plainly what the system lacks, instead of a compiler error."""

from __future__ import annotations

import sys
from pathlib import Path

MIN_PYTHON = (3, 11)


def main() -> int:
    problems = []
    if sys.version_info < MIN_PYTHON:
        problems.append(
            f"backrun needs Python {'.'.join(map(str, MIN_PYTHON))} or newer; "
            f"this is {sys.version.split()[0]} (run: make PYTHON=python3.12 ...)"
        )
    alsa_header = Path("/usr/include/alsa/asoundlib.h")
    if sys.platform.startswith("linux") and not alsa_header.exists():
        problems.append(
            "the ALSA headers that the simpleaudio package builds against are missing; "
            "install them first: sudo apt-get install libasound2-dev "
            "(Fedora: sudo dnf install alsa-lib-devel)"
        )
    for problem in problems:
        print(f"backrun setup: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
