"""Start-up: `backrun` draws its home screen before loading what that screen does not show.

The first paint is measured by benchmarks/startup.py; these tests keep its cause in place:
what `backrun` imports before the home screen can paint, and that what was moved later
(the version lookup, the lazily loaded store names) still answers as before.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

import backrun_tui
import backrun_tui.store

BACKRUN = Path(sys.executable).parent / "backrun"

#: Loaded only once the home screen is on the screen, or when a command needs them. A test
#: failing here means a module imports one of these at its top: import it where it is used
#: (in the function), or under `if TYPE_CHECKING:` for annotations.
NOT_BEFORE_THE_FIRST_PAINT = [
    "importlib.metadata",
    "argparse",
    "tomli_w",
    "tomlkit",
    "backrun_tui.cli_parser",
    "backrun_tui.cli_commands",
    "backrun_tui.ui.commands",
    "backrun_tui.ui.widgets.bigclock",
    "backrun_tui.model.session",
    "backrun_tui.store.config_edit",
    "backrun_tui.store.workout_edit",
    "backrun_tui.ui.screens.editor",
    "backrun_tui.ui.screens.history",
    "backrun_tui.ui.screens.settings",
    "backrun_tui.live_session",
    "backrun_tui.engine",
    "backrun_tui.engine_types",
    "backrun_tui.store.checkpoints",
    "backrun_tui.store.recovery",
    "backrun_tui.store.sessions",
    "backrun_tui.ui.screens.run",
    "backrun_tui.ui.screens.finish",
    "backrun_tui.audio.player",
    "backrun_tui.audio.cues",
    "backrun_tui.export",
    "fit_tool",
]


def loaded_by(code: str) -> set[str]:
    """The modules a fresh Python has loaded after running `code`."""
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport json, sys; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_the_app_and_its_home_screen_load_nothing_they_do_not_show() -> None:
    loaded = loaded_by(
        "import backrun_tui.__main__\n"
        "import backrun_tui.cli\n"
        "from backrun_tui.ui.app import BackrunApp\n"
        "from backrun_tui.ui.screens.home import HomeScreen"
    )
    assert "backrun_tui.ui.screens.home" in loaded  # the check itself works
    early = [name for name in NOT_BEFORE_THE_FIRST_PAINT if name in loaded]
    assert early == []


def test_what_was_put_off_is_still_there_when_asked_for() -> None:
    loaded = loaded_by(
        "import backrun_tui\n"
        "backrun_tui.__version__\n"
        "from backrun_tui.cli_parser import build_parser\n"
        "from backrun_tui.live_session import StartRequest\n"
        "from backrun_tui.store import recover_orphans"
    )
    assert {
        "importlib.metadata",
        "argparse",
        "backrun_tui.live_session",
        "backrun_tui.store.checkpoints",
    } <= loaded


def test_the_version_is_the_installed_one() -> None:
    assert backrun_tui.__version__ == version("backrun-tui")
    with pytest.raises(AttributeError):
        _ = backrun_tui.no_such_name  # type: ignore[attr-defined]


@pytest.mark.skipif(not BACKRUN.exists(), reason=f"{BACKRUN} is not installed")
def test_backrun_version_from_the_installed_script() -> None:
    done = subprocess.run(
        [str(BACKRUN), "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout == f"backrun {version('backrun-tui')}\n"
    assert done.stderr == ""


@pytest.mark.parametrize("name", backrun_tui.store.__all__)
def test_every_store_name_is_found_where_it_lives(name: str) -> None:
    found = getattr(backrun_tui.store, name)
    home = backrun_tui.store._HOMES[name]
    assert found is getattr(sys.modules[f"backrun_tui.store.{home}"], name)


def test_an_unknown_store_name_is_an_attribute_error() -> None:
    assert sorted(backrun_tui.store._HOMES) == sorted(backrun_tui.store.__all__)
    with pytest.raises(AttributeError):
        _ = backrun_tui.store.no_such_name  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", [["plan", "1m fwd @9"], ["workouts"]])
def test_a_command_runs_with_the_garbage_collector_on(command: list[str]) -> None:
    # The `backrun` command holds the collector off while the app starts; every other
    # command turns it on again at once (the app, after its first paint: see
    # tests/ui/test_after_first_paint.py).
    code = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('collector on' if gc.isenabled() else 'collector off'))\n"
        f"sys.argv = ['backrun', *{command!r}]\n"
        "from backrun_tui.__main__ import main\n"
        "sys.exit(main())"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "collector on"
