"""Which clips each cue is made of, under each setting."""

from __future__ import annotations

from dataclasses import replace

from backrun_tui.audio.clips import ALL_CLIPS, clips_for, number
from backrun_tui.audio.files import check_sounds, sound_dir
from backrun_tui.engine import Cue, CueKind
from backrun_tui.model.kinds import Kind, SpeedUnit, Units
from backrun_tui.model.plan import Interval, Speed, Step
from backrun_tui.store.config import SoundConfig

ON = SoundConfig()
BACK = Step(2, Interval(Kind.BACKWARD, 60, Speed(6.5, SpeedUnit.KPH), 2.0))
FWD = Step(3, Interval(Kind.FORWARD, 120, Speed(9, SpeedUnit.KPH)))
REST = Step(4, Interval(Kind.REST, 60))


def cue(kind: CueKind, step: Step = BACK, count: int = 0, remaining: float = 10.0) -> Cue:
    return Cue(kind, 0.0, step, count, remaining)


def test_every_clip_the_cues_use_is_shipped() -> None:
    assert check_sounds(sound_dir()) == []
    assert len(ALL_CLIPS) == len(set(ALL_CLIPS))


def test_interval_start_is_the_kinds_tone_then_its_name() -> None:
    assert clips_for(cue(CueKind.INTERVAL_START), ON, Units.METRIC) == [
        "start_backward",
        "voice_backward",
    ]
    assert clips_for(cue(CueKind.INTERVAL_START, REST), ON, Units.METRIC) == [
        "start_rest",
        "voice_rest",
    ]
    no_voice = replace(ON, voice=False)
    assert clips_for(cue(CueKind.INTERVAL_START, FWD), no_voice, Units.METRIC) == ["start_forward"]


def test_get_ready_says_which_way_to_face_and_the_first_speed() -> None:
    assert clips_for(cue(CueKind.GET_READY, BACK), ON, Units.METRIC) == [
        "get_ready",
        "voice_get_ready",
        "voice_face_backward",
        "num_6",
        "voice_point",
        "num_5",
        "voice_kph",
        "voice_incline",
        "num_2",
        "voice_percent",
    ]
    assert clips_for(cue(CueKind.GET_READY, REST), ON, Units.METRIC) == [
        "get_ready",
        "voice_get_ready",
        "voice_face_forward",
    ]
    no_voice = replace(ON, voice=False)
    assert clips_for(cue(CueKind.GET_READY, FWD), no_voice, Units.METRIC) == ["get_ready"]


def test_turnaround_says_when_and_what_comes_next() -> None:
    assert clips_for(cue(CueKind.TURNAROUND, BACK), ON, Units.METRIC) == [
        "turn_tone",
        "voice_turn_around_in",
        "num_10",
        "voice_next",
        "voice_backward",
        "num_6",
        "voice_point",
        "num_5",
        "voice_kph",
        "voice_incline",
        "num_2",
        "voice_percent",
    ]
    # In miles per hour: 9 km/h is 5.6 mph. A short interval: the warning says its length.
    assert clips_for(cue(CueKind.TURNAROUND, FWD, remaining=6), ON, Units.IMPERIAL) == [
        "turn_tone",
        "voice_turn_around_in",
        "num_6",
        "voice_next",
        "voice_forward",
        "num_5",
        "voice_point",
        "num_6",
        "voice_mph",
    ]
    assert clips_for(cue(CueKind.TURNAROUND), replace(ON, voice=False), Units.METRIC) == [
        "turn_tone"
    ]


def test_countdown_halfway_and_finish_follow_their_switches() -> None:
    assert clips_for(cue(CueKind.COUNTDOWN, count=3), ON, Units.METRIC) == ["tick"]
    assert clips_for(cue(CueKind.COUNTDOWN, count=1), ON, Units.METRIC) == ["tick_last"]
    quiet = replace(ON, countdown=False, halfway=False)
    assert clips_for(cue(CueKind.COUNTDOWN, count=2), quiet, Units.METRIC) == []
    assert clips_for(cue(CueKind.HALFWAY), ON, Units.METRIC) == ["halfway", "voice_halfway"]
    assert clips_for(cue(CueKind.HALFWAY), quiet, Units.METRIC) == []
    assert clips_for(cue(CueKind.FINISH), ON, Units.METRIC) == ["finish", "voice_finish"]


def test_sound_off_silences_everything() -> None:
    off = replace(ON, enabled=False)
    assert all(clips_for(cue(kind), off, Units.METRIC) == [] for kind in CueKind)


def test_numbers() -> None:
    assert number(6) == ["num_6"]
    assert number(6.04) == ["num_6"]
    assert number(12.25) == ["num_12", "voice_point", "num_2"]  # as the screen shows 12.2
    assert number(-2.5) == ["voice_minus", "num_2", "voice_point", "num_5"]
    assert number(0.0) == ["num_0"]
