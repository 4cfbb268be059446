"""Files: where they live, atomic writes, settings, workouts and sessions.

No textual, no I/O at import.
"""

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
