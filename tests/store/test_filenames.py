"""No workout name, however odd, can put a file anywhere but directly in the workouts folder."""

from __future__ import annotations

import hashlib
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from backrun_tui.model.notation import parse
from backrun_tui.model.plan import Workout
from backrun_tui.store.workouts import filename_for, load_saved, save_workout

PLAN = parse("1m back @4kph, 2m fwd @8kph")
SAFE_FILENAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*-[0-9a-f]{8}\.toml$")

ODD_NAMES = [
    "../../x",
    "/etc/passwd",
    "C:\\Windows\\system32",
    'say "hi"',
    "it's",
    "line\nbreak",
    "nul\x00byte",
    "🏃‍♀️🔙",
    "x" * 300,
    ".",
    "..",
    "CON",
    "nul",
    "",
    "   ",
    "-",
    "Ünïcødé Hügel",
    "ﬁ ligature",
]

# Names save_workout accepts: no control characters, line or paragraph separators.
valid_names = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=80
).filter(lambda name: name.strip() != "")


@pytest.mark.parametrize("name", ODD_NAMES)
def test_odd_names_give_safe_file_names(name: str) -> None:
    filename = filename_for(name)
    assert SAFE_FILENAME.match(filename), filename
    assert len(filename) <= 64
    assert Path(filename).name == filename


def test_readable_slug() -> None:
    assert filename_for("Tuesday Hills!").startswith("tuesday-hills-")
    assert filename_for("Hügel über Köln").startswith("hugel-uber-koln-")
    assert filename_for("🏃").startswith("workout-")


def test_names_that_slug_alike_get_different_files() -> None:
    names = ["Hills", "hills", "HILLS!", "hills?", "🏃", "🔙"]
    assert len({filename_for(n) for n in names}) == len(names)


def test_file_name_is_slug_and_name_hash() -> None:
    # The same name must give the same file on every machine a synced folder reaches.
    digest = hashlib.sha256("Tempo Hügel".encode()).hexdigest()[:8]
    assert filename_for("Tempo Hügel") == f"tempo-hugel-{digest}.toml"


def test_slug_is_cut_at_fifty_characters() -> None:
    filename = filename_for("ab " * 100)
    slug = filename.rsplit("-", 1)[0]
    assert len(slug) <= 50
    assert not slug.endswith("-")


@settings(max_examples=150, deadline=None)
@given(name=valid_names)
@example(name="../../x")
@example(name="/etc/passwd")
@example(name=".")
@example(name="..")
@example(name="CON")
@example(name='"quoted" \\ back\\slash')
@example(name="🏃‍♀️ backwards")
@example(name=" leading and trailing ")
def test_any_name_round_trips_inside_the_folder(name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "workouts"
        path = save_workout(folder, Workout(name=name, plan=PLAN))
        assert path.parent == folder
        assert path.resolve().parent == folder.resolve()
        assert [p.name for p in folder.iterdir()] == [path.name]
        entries, errors = load_saved(folder)
        assert errors == []
        assert [e.workout.name for e in entries] == [name]
