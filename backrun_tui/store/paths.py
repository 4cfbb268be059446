"""Where backrun keeps its files.

`$BACKRUN_HOME`, when set, holds everything in one folder (portable mode, tests);
otherwise platformdirs decides, per OS. Nothing here touches the disk: folders are
made by the first write into them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

import platformdirs

APP_NAME = "backrun"
HOME_ENV = "BACKRUN_HOME"

CONFIG_FILE_NAME = "config.toml"
WORKOUTS_DIR_NAME = "workouts"
SESSIONS_DIR_NAME = "sessions"
TRASH_DIR_NAME = "trash"


class Paths(NamedTuple):
    """The folders backrun reads and writes; the files in them follow from these two."""

    config_dir: Path
    data_dir: Path

    @property
    def config_file(self) -> Path:
        return self.config_dir / CONFIG_FILE_NAME

    @property
    def workouts_dir(self) -> Path:
        return self.data_dir / WORKOUTS_DIR_NAME

    @property
    def sessions_dir(self) -> Path:
        return self.data_dir / SESSIONS_DIR_NAME

    @property
    def trash_dir(self) -> Path:
        """Where deleted workouts and sessions go (never destroyed)."""
        return self.data_dir / TRASH_DIR_NAME

    @classmethod
    def under(cls, folder: Path) -> Paths:
        """Everything inside one folder."""
        folder = Path(folder).expanduser().absolute()
        return cls(config_dir=folder, data_dir=folder)

    @classmethod
    def default(cls) -> Paths:
        """`$BACKRUN_HOME` if set (an empty value counts as unset), else the user's dirs."""
        home = os.environ.get(HOME_ENV, "")
        if home:
            return cls.under(Path(home))
        # appauthor=False: no extra "backrun/backrun" level on Windows.
        return cls(
            config_dir=platformdirs.user_config_path(APP_NAME, appauthor=False),
            data_dir=platformdirs.user_data_path(APP_NAME, appauthor=False),
        )
