"""Text from files reaches the screen as text: markup, escape sequences and bidi overrides
in a workout's name, description or labels are shown literally (or dropped), never acted on."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, Static

from backrun_tui.clock import ManualClock
from backrun_tui.ui.screens.finish import FinishScreen
from backrun_tui.ui.screens.home import HomeScreen
from backrun_tui.ui.screens.run import RunScreen
from tests.ui.apps import T0, make_app

NAME = "[/]Hill [b]repeats[/b] \\u202eevil"  # as written in the TOML file
SHOWN_NAME = "[/]Hill [b]repeats[/b] evil"  # the override is gone
LABEL = "[red]push[/red] [/]"


def write_workout(home: Path) -> None:
    folder = home / "workouts"
    folder.mkdir(parents=True)
    (folder / "hostile.toml").write_text(
        "schema_version = 1\n"
        f'name = "{NAME}"\n'
        'description = "[/] a \\u001b[2J\\u202edescription\\u202c [link=file:///etc/x]x[/link]"\n'
        f'plan = "1m back @6 \\"{LABEL}\\", 1m fwd @9"\n',
        encoding="utf-8",
    )


def text_of(screen: object, selector: str) -> str:
    assert isinstance(screen, HomeScreen | RunScreen | FinishScreen)
    return str(screen.query_one(selector, Static).render())


async def test_hostile_names_descriptions_and_labels_are_shown_literally(
    backrun_home: Path,
) -> None:
    write_workout(backrun_home)
    clock = ManualClock(T0)
    app = make_app(clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        workouts = home.query_one("#workouts", OptionList)
        prompts = [
            str(workouts.get_option_at_index(i).prompt) for i in range(workouts.option_count)
        ]
        assert SHOWN_NAME in prompts
        workouts.highlighted = prompts.index(SHOWN_NAME)
        await pilot.pause()
        assert text_of(home, "#name") == SHOWN_NAME
        assert text_of(home, "#description") == (
            "[/] a  [2Jdescription [link=file:///etc/x]x[/link]"
        )
        await pilot.press("enter")
        await pilot.pause()
        run = app.screen
        assert isinstance(run, RunScreen)
        clock.set(T0 + 1)
        run.sync()
        await pilot.pause()
        assert LABEL in text_of(run, "#label")
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("y")  # the confirmation's yes
        await pilot.pause()
        finish = app.screen
        assert isinstance(finish, FinishScreen)
        assert app.return_code is None  # still running: nothing crashed
        screenshot = app.export_screenshot()
        assert "\x1b" not in screenshot and "\u202e" not in screenshot
