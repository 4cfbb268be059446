"""Files: where they live, atomic writes, settings and workouts. No textual, no I/O at import."""

from backrun_tui.store.atomic import atomic_write_bytes, atomic_write_text
from backrun_tui.store.config import Config, SoundConfig, load_config, save_config
from backrun_tui.store.errors import StoreError
from backrun_tui.store.paths import Paths
from backrun_tui.store.workouts import (
    WorkoutEntry,
    builtin_workouts,
    delete_workout,
    filename_for,
    find_workout,
    load_saved,
    save_workout,
    validate_name,
)

__all__ = [
    "Config",
    "Paths",
    "SoundConfig",
    "StoreError",
    "WorkoutEntry",
    "atomic_write_bytes",
    "atomic_write_text",
    "builtin_workouts",
    "delete_workout",
    "filename_for",
    "find_workout",
    "load_config",
    "load_saved",
    "save_config",
    "save_workout",
    "validate_name",
]
