"""The editor's state, its undo history and whether it is saved."""

from __future__ import annotations

import pytest

from backrun_tui.model.draft import MAX_HISTORY, Draft, State, free_name
from backrun_tui.model.notation import parse
from backrun_tui.model.plan import Workout

OPENED = State("Hills", "Up and down", "5m warmup @5kph, 2x(1m back @6kph 2%, 2m fwd @9kph)")


def test_state_of_a_workout_is_canonical() -> None:
    workout = Workout("Hills", parse("5m wu @5, 2x(60s bwd @6 2%, 2:00 run @9)"), "Up and down")
    assert State.of(workout) == OPENED
    assert State.of(OPENED.workout()) == OPENED


def test_with_plan_keeps_name_and_description() -> None:
    changed = OPENED.with_plan(parse("1m rest"))
    assert changed == State("Hills", "Up and down", "1m rest")


def test_an_opened_draft_is_clean_and_has_nothing_to_undo() -> None:
    draft = Draft(OPENED)
    assert draft.state == OPENED
    assert not draft.dirty
    assert not draft.can_undo and not draft.can_redo
    assert draft.undo() is False and draft.redo() is False


def test_a_new_draft_is_dirty_until_saved() -> None:
    draft = Draft(OPENED, saved=False)
    assert draft.dirty
    draft.mark_saved()
    assert not draft.dirty


def test_undo_and_redo_walk_the_history() -> None:
    draft = Draft(OPENED)
    states = [OPENED]
    for i in range(10):
        states.append(
            State(f"name {i}", "", "1m rest")
            if i % 2
            else states[-1].with_plan(parse(f"{i + 1}m rest"))
        )
        assert draft.change(states[-1])
    assert draft.dirty
    for expected in reversed(states[:-1]):
        assert draft.undo()
        assert draft.state == expected
    assert not draft.undo()
    assert not draft.dirty
    for expected in states[1:]:
        assert draft.redo()
        assert draft.state == expected
    assert not draft.redo()


def test_the_same_state_again_is_no_step() -> None:
    draft = Draft(OPENED)
    assert draft.change(OPENED) is False
    assert not draft.can_undo


def test_a_change_after_undo_drops_the_undone_steps() -> None:
    draft = Draft(OPENED)
    first = State("a", "", "1m rest")
    draft.change(first)
    draft.undo()
    second = State("b", "", "1m rest")
    draft.change(second)
    assert not draft.can_redo
    draft.undo()
    assert draft.state == OPENED


def test_saving_then_undoing_is_dirty_again() -> None:
    draft = Draft(OPENED)
    draft.change(State("a", "", "1m rest"))
    draft.mark_saved()
    assert not draft.dirty
    draft.undo()
    assert draft.dirty


def test_reloading_is_a_step_undo_can_take_back() -> None:
    draft = Draft(OPENED)
    mine = State("mine", "", "1m rest")
    theirs = State("theirs", "", "2m rest")
    draft.change(mine)
    draft.reloaded(theirs)
    assert draft.state == theirs and not draft.dirty
    draft.undo()
    assert draft.state == mine and draft.dirty


def test_history_is_bounded() -> None:
    draft = Draft(OPENED)
    for i in range(MAX_HISTORY + 5):
        draft.change(State(str(i), "", "1m rest"))
    steps = 0
    while draft.undo():
        steps += 1
    assert steps == MAX_HISTORY - 1
    assert draft.state == State("5", "", "1m rest")


@pytest.mark.parametrize("notation", ["1m rest", "2x(1m back @4mph, 30s fwd @9kph -1%)"])
def test_plan_reads_the_notation(notation: str) -> None:
    assert State("x", "", notation).plan == parse(notation)


def test_free_name() -> None:
    assert free_name("Hills", set(), 80) == "Hills"
    assert free_name("Hills", {"Hills", "Hills 2"}, 80) == "Hills 3"
    long = "x" * 80
    assert free_name(long, {long}, 80) == "x" * 78 + " 2"
