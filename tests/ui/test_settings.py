"""The settings screen: every field refuses what config.toml would refuse, saving writes only
what changed and keeps the rest of the file, and every screen takes the change up at once."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from backrun_tui import inhibit
from backrun_tui.model.kinds import Units
from backrun_tui.present import short_path
from backrun_tui.store import Config
from backrun_tui.store.config import SoundConfig
from backrun_tui.ui.screens.home import HomeScreen
from backrun_tui.ui.screens.leave import LeaveScreen
from backrun_tui.ui.screens.run import RunScreen
from tests.ui.apps import app_over_file, make_app
from tests.ui.settings_helpers import choose, error_under, open_settings, saved_file, type_into

BASE = Config(weight_kg=70, get_ready_s=0)
BASE_TEXT = "weight_kg = 70\nget_ready_s = 0\n"


# --- each field --------------------------------------------------------------------------

TEXT_FIELDS = [
    # field id, the key in the file, what it is called, valid text and value, refused texts
    ("weight_kg", ("weight_kg",), "Body weight", "72.5", 72.5, ["abc", "0", "-5", "500", "25h"]),
    (
        "backward_energy_factor",
        ("backward_energy_factor",),
        "Backward energy factor",
        "1.5",
        1.5,
        ["", "0.9", "2.5", "x", "-1"],
    ),
    ("get_ready_s", ("get_ready_s",), "Get ready", "30", 30, ["", "121", "-1", "2.5", "ten"]),
    ("sound-volume", ("sound", "volume"), "Volume", "55", 55, ["", "101", "-1", "5.5", "loud"]),
    (
        "sound-turnaround_warning_s",
        ("sound", "turnaround_warning_s"),
        "Turn-around warning",
        "30",
        30,
        ["", "61", "-1", "1.5", "x"],
    ),
]


@pytest.mark.parametrize(
    ("field_id", "key", "label", "good", "value", "bad"),
    TEXT_FIELDS,
    ids=[case[0] for case in TEXT_FIELDS],
)
async def test_a_text_field_refuses_bad_values_and_saves_a_good_one(
    backrun_home: Path,
    field_id: str,
    key: tuple[str, ...],
    label: str,
    good: str,
    value: object,
    bad: list[str],
) -> None:
    app = app_over_file(backrun_home, BASE_TEXT)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_settings(pilot)
        for text in bad:
            await type_into(pilot, field_id, text)
            message = error_under(screen, field_id)
            assert message.startswith(f"{label} ({'.'.join(key)}): expected"), (text, message)
            assert screen.draft == BASE, text
        await pilot.press("ctrl+s")  # refused while the field is not valid
        await pilot.pause()
        assert (backrun_home / "config.toml").read_text(encoding="utf-8") == BASE_TEXT
        assert app.config == BASE
        await type_into(pilot, field_id, good)
        assert error_under(screen, field_id) == ""
        assert screen.draft != BASE
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.config == screen.draft
    data: object = saved_file(backrun_home)
    for part in key:
        assert isinstance(data, dict)
        data = data[part]
    assert data == value


async def test_an_empty_weight_means_no_energy_figure(backrun_home: Path) -> None:
    app = app_over_file(backrun_home, "weight_kg = 70 # me\nunits = 'metric'\n")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_settings(pilot)
        await type_into(pilot, "weight_kg", "")
        assert error_under(screen, "weight_kg") == ""
        await pilot.press("ctrl+s", "escape")
        await pilot.pause()
        assert app.config.weight_kg is None
        home = app.screen
        assert isinstance(home, HomeScreen)
        totals = str(home.query_one("#totals", Static).render())
        assert "energy    — (body weight: s, Settings)" in totals
        assert "config.toml" not in totals
    assert (backrun_home / "config.toml").read_text(encoding="utf-8") == "units = 'metric'\n"


FLAGS = [
    ("sound-enabled", ("sound", "enabled")),
    ("sound-voice", ("sound", "voice")),
    ("sound-countdown", ("sound", "countdown")),
    ("sound-halfway", ("sound", "halfway")),
    ("keep_awake", ("keep_awake",)),
]


@pytest.mark.parametrize(("field_id", "key"), FLAGS, ids=[f[0] for f in FLAGS])
async def test_a_flag_is_switched_with_space_and_saved(
    backrun_home: Path, field_id: str, key: tuple[str, ...]
) -> None:
    app = app_over_file(backrun_home, BASE_TEXT)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_settings(pilot)
        screen.query_one(f"#{field_id}").focus()
        await pilot.press("space")
        await pilot.pause()
        assert screen.draft != BASE
        await pilot.press("ctrl+s")
        await pilot.pause()
    data: object = saved_file(backrun_home)
    assert list(saved_file(backrun_home)) == ["weight_kg", "get_ready_s", key[0]]
    for part in key:
        assert isinstance(data, dict)
        data = data[part]
    assert data is False


async def test_units_change_reaches_home_and_the_next_run(backrun_home: Path) -> None:
    app = app_over_file(backrun_home, BASE_TEXT)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert " km" in str(home.query_one("#totals", Static).render())
        await open_settings(pilot)
        await choose(pilot, "units", "imperial")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.config.units is Units.IMPERIAL
        # Home, underneath, has taken it up already.
        assert " mi" in str(home.query_one("#totals", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is home
        await pilot.press("enter")
        await pilot.pause()
        run = app.screen
        assert isinstance(run, RunScreen)
        assert str(run.query_one("#target", Static).render()).endswith(" mph")
    assert (backrun_home / "config.toml").read_text(encoding="utf-8") == (
        BASE_TEXT + 'units = "imperial"\n'
    )


# --- saving --------------------------------------------------------------------------------

HAND_WRITTEN = """\
# Written by hand, kept by backrun.
units = "metric"   # the gym's belt
weight_kg = 70

later = "a key a newer backrun knows"

[sound]
volume = 80  # loud gym
"""


async def test_saving_writes_only_the_changed_keys_and_keeps_comments(backrun_home: Path) -> None:
    app = app_over_file(backrun_home, HAND_WRITTEN)
    told: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_settings(pilot)
        app.notify = lambda message, **_: told.append(message)  # type: ignore[method-assign]
        await type_into(pilot, "sound-volume", "95")
        await type_into(pilot, "get_ready_s", "15")
        assert "Unsaved: Get ready, Volume." in str(screen.query_one("#state", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)  # several polls of config.toml: our own save is not news
        assert "No unsaved changes" in str(screen.query_one("#state", Static).render())
    assert told == ["saved: get_ready_s, sound.volume"]
    text = (backrun_home / "config.toml").read_text(encoding="utf-8")
    assert text == HAND_WRITTEN.replace("volume = 80", "volume = 95").replace(
        'knows"\n', 'knows"\nget_ready_s = 15\n'
    )


async def test_leaving_with_changes_asks_save_discard_or_stay(backrun_home: Path) -> None:
    app = app_over_file(backrun_home, BASE_TEXT)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_settings(pilot)
        await pilot.press("escape")  # nothing changed: straight back
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        screen = await open_settings(pilot)
        await type_into(pilot, "sound-volume", "20")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LeaveScreen)
        await pilot.press("escape")  # stay
        await pilot.pause()
        assert app.screen is screen and screen.draft.sound.volume == 20
        await pilot.press("escape", "d")  # discard
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.config == BASE
        assert (backrun_home / "config.toml").read_text(encoding="utf-8") == BASE_TEXT
        screen = await open_settings(pilot)
        assert screen.query_one("#sound-volume", Input).value == "80"
        await type_into(pilot, "sound-volume", "20")
        await pilot.press("escape", "s")  # save, then leave
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.config.sound.volume == 20
    assert saved_file(backrun_home) == {"weight_kg": 70, "get_ready_s": 0, "sound": {"volume": 20}}


async def test_leaving_with_a_bad_value_and_save_stays_to_fix_it(backrun_home: Path) -> None:
    app = app_over_file(backrun_home)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_settings(pilot)
        await type_into(pilot, "sound-volume", "900")
        await pilot.press("escape", "s")
        await pilot.pause()
        assert app.screen is screen
        assert error_under(screen, "sound-volume").startswith("Volume (sound.volume): expected")
    assert not (backrun_home / "config.toml").exists()


async def test_a_save_that_fails_says_so_and_changes_nothing(backrun_home: Path) -> None:
    backrun_home.mkdir(parents=True)
    (backrun_home / "config.toml").mkdir()  # a folder where the file should be
    app = app_over_file(backrun_home)
    told: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_settings(pilot)
        app.notify = lambda message, **_: told.append(message)  # type: ignore[method-assign]
        await type_into(pilot, "sound-volume", "20")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.config.sound.volume == 80
        assert screen.dirty
    assert len(told) == 1 and told[0].startswith("not saved: ") and "folder" in told[0]


# --- a config.toml that had problems -----------------------------------------------------------


async def test_a_broken_file_is_named_and_kept_as_bak_on_the_first_save(
    backrun_home: Path,
) -> None:
    broken = '# my notes\nunits = "metric"\nweight_kg = \n'
    app = app_over_file(backrun_home, broken)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_settings(pilot)
        problems = str(screen.query_one("#problems", Static).render())
        assert "config.toml had problems when backrun started" in problems
        assert f"{short_path(backrun_home / 'config.toml')}: line 3: invalid TOML" in problems
        assert "Saving first keeps the file as it is now as" in problems
        await choose(pilot, "units", "imperial")
        await pilot.press("ctrl+s")
        await pilot.pause()
        problems = str(screen.query_one("#problems", Static).render())
        assert "The file as it was is kept as" in problems and "config.toml.bak" in problems
        assert "had problems" not in problems
        await type_into(pilot, "sound-volume", "50")
        await pilot.press("ctrl+s")  # the second save leaves the copy alone
        await pilot.pause()
    assert (backrun_home / "config.toml.bak").read_text(encoding="utf-8") == broken
    assert saved_file(backrun_home) == {"units": "imperial", "sound": {"volume": 50}}


async def test_a_bad_value_is_named_and_replaced_and_unknown_keys_stay(backrun_home: Path) -> None:
    text = "[sound]\nvolume = 300 # too much\nvolum = 3\n"
    app = app_over_file(backrun_home, text)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_settings(pilot)
        problems = str(screen.query_one("#problems", Static).render())
        assert (
            "line 2: sound.volume: expected a whole number between 0 and 100, got 300" in problems
        )
        assert 'line 3: sound.volum: unknown key — did you mean "volume"?' in problems
        assert screen.query_one("#sound-volume", Input).value == "80"  # the default, in use
        await pilot.press("ctrl+s")
        await pilot.pause()
        problems = str(screen.query_one("#problems", Static).render())
        assert "still has these problems" in problems and "sound.volum: unknown key" in problems
        assert "sound.volume: expected" not in problems
    assert (backrun_home / "config.toml.bak").read_text(encoding="utf-8") == text
    assert (backrun_home / "config.toml").read_text(encoding="utf-8") == (
        "[sound]\nvolume = 80 # too much\nvolum = 3\n"
    )


# --- keep awake -------------------------------------------------------------------------------


async def test_the_run_screen_keeps_the_computer_awake_only_when_asked(
    backrun_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A stand-in for systemd-inhibit that ends with this test's process, as the real one does.
    holder = ["tail", f"--pid={os.getpid()}", "-f", "/dev/null"]
    monkeypatch.setattr(inhibit, "inhibit_command", lambda pid=None: holder)
    app = make_app("1m back @6, 1m fwd @9", config=replace(BASE, keep_awake=False))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        run = app.screen
        assert isinstance(run, RunScreen)
        assert not run.inhibitor.active
        app.update_config(replace(BASE, keep_awake=True))
        await pilot.pause()
        assert run.inhibitor.active
        app.update_config(replace(BASE, keep_awake=False))
        await pilot.pause()
        assert not run.inhibitor.active


def test_the_settings_reach_every_setting_of_the_file() -> None:
    from backrun_tui.store.config import config_to_dict
    from backrun_tui.ui.screens.settings import FIELDS

    def keys(data: dict[str, object], where: str = "") -> set[str]:
        found: set[str] = set()
        for key, value in data.items():
            if isinstance(value, dict):
                found |= keys(value, f"{where}{key}.")
            else:
                found.add(where + key)
        return found

    every = keys(config_to_dict(Config(weight_kg=70, sound=SoundConfig())))
    assert {field.key for field in FIELDS} == every


async def test_an_outside_edit_fills_the_form_unless_it_has_changes(backrun_home: Path) -> None:
    app = app_over_file(backrun_home, BASE_TEXT)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_settings(pilot)
        (backrun_home / "config.toml").write_text(BASE_TEXT + "[sound]\nvolume = 33\n")
        await pilot.pause(0.3)  # several polls of config.toml
        assert screen.query_one("#sound-volume", Input).value == "33"
        assert not screen.dirty
        await type_into(pilot, "get_ready_s", "20")
        (backrun_home / "config.toml").write_text(BASE_TEXT + "[sound]\nvolume = 44\n")
        await pilot.pause(0.3)
        assert app.config.sound.volume == 44
        assert screen.query_one("#sound-volume", Input).value == "44"
        assert screen.query_one("#get_ready_s", Input).value == "20"  # the runner's change
        assert screen.dirty
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert saved_file(backrun_home) == {"weight_kg": 70, "get_ready_s": 20, "sound": {"volume": 44}}
