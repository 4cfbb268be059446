"""Files: where they live, atomic writes, settings, workouts and sessions.

No textual, no I/O at import. The names below load from their modules when first used,
so that the home screen, which reads only the settings and the workouts, does not wait
for the session, checkpoint and editing code to load (see benchmarks/startup.py).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backrun_tui.store.atomic import atomic_write_bytes, atomic_write_text
    from backrun_tui.store.checkpoints import SaveResult, SessionWriter, recover_orphans
    from backrun_tui.store.config import (
        Config,
        SoundConfig,
        load_config,
        load_config_checked,
    )
    from backrun_tui.store.config_edit import ConfigSaved, save_config
    from backrun_tui.store.errors import StoreError
    from backrun_tui.store.paths import Paths
    from backrun_tui.store.sessions import (
        SessionEntry,
        load_sessions,
        new_session_id,
        read_session,
        record_to_toml,
    )
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

#: The module of the package each name comes from.
_HOMES = {
    "atomic_write_bytes": "atomic",
    "atomic_write_text": "atomic",
    "SaveResult": "checkpoints",
    "SessionWriter": "checkpoints",
    "recover_orphans": "checkpoints",
    "Config": "config",
    "SoundConfig": "config",
    "load_config": "config",
    "load_config_checked": "config",
    "ConfigSaved": "config_edit",
    "save_config": "config_edit",
    "StoreError": "errors",
    "Paths": "paths",
    "SessionEntry": "sessions",
    "load_sessions": "sessions",
    "new_session_id": "sessions",
    "read_session": "sessions",
    "record_to_toml": "sessions",
    "WorkoutEntry": "workouts",
    "builtin_workouts": "workouts",
    "delete_workout": "workouts",
    "filename_for": "workouts",
    "find_workout": "workouts",
    "load_saved": "workouts",
    "save_workout": "workouts",
    "validate_name": "workouts",
}

__all__ = [
    "Config",
    "ConfigSaved",
    "Paths",
    "SaveResult",
    "SessionEntry",
    "SessionWriter",
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
    "load_config_checked",
    "load_saved",
    "load_sessions",
    "new_session_id",
    "read_session",
    "record_to_toml",
    "recover_orphans",
    "save_config",
    "save_workout",
    "validate_name",
]


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
