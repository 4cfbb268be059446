"""Which sound clips make up each cue. Pure: no audio library, no I/O.

Every clip is a WAV file in `sounds/` (16-bit PCM, mono, 22050 Hz), named without its
extension here. A cue is a list of clips played back to back.
"""

from __future__ import annotations

from backrun_tui.engine import Cue, CueKind
from backrun_tui.model import display
from backrun_tui.model.kinds import Kind, Units
from backrun_tui.model.plan import Step
from backrun_tui.store.config import SoundConfig

#: The largest number there is a clip for.
MAX_NUMBER = 60

KIND_CLIPS = {kind: (f"start_{kind.value}", f"voice_{kind.value}") for kind in Kind}

TONES = (
    *(start for start, _ in KIND_CLIPS.values()),
    "get_ready",
    "turn_tone",
    "tick",
    "tick_last",
    "halfway",
    "finish",
)
WORDS = (
    *(voice for _, voice in KIND_CLIPS.values()),
    "voice_get_ready",
    "voice_face_backward",
    "voice_face_forward",
    "voice_turn_around_in",
    "voice_seconds",
    "voice_next",
    "voice_point",
    "voice_kph",
    "voice_mph",
    "voice_incline",
    "voice_percent",
    "voice_minus",
    "voice_halfway",
    "voice_finish",
)
NUMBERS = tuple(f"num_{n}" for n in range(MAX_NUMBER + 1))
ALL_CLIPS = (*TONES, *WORDS, *NUMBERS)


def number(value: float) -> list[str]:
    """A number to one decimal as clips: 6.5 is "six point five", 12 is "twelve"."""
    tenths = round(abs(value) * 10)
    whole, tenth = divmod(tenths, 10)
    clips = ["voice_minus"] if value < 0 and tenths else []
    clips.append(f"num_{min(whole, MAX_NUMBER)}")
    if tenth:
        clips += ["voice_point", f"num_{tenth}"]
    return clips


def target(step: Step, units: Units) -> list[str]:
    """The treadmill setting of an interval in words: speed in the user's units, incline."""
    interval = step.interval
    clips: list[str] = []
    if interval.speed is not None:
        word = "voice_mph" if units is Units.IMPERIAL else "voice_kph"
        clips += [*number(display.in_units(interval.speed.kmh, units)), word]
    if interval.incline_pct:
        clips += ["voice_incline", *number(interval.incline_pct), "voice_percent"]
    return clips


def clips_for(cue: Cue, sound: SoundConfig, units: Units) -> list[str]:
    """The clips to play for `cue` under the sound settings; empty when it is silent."""
    if not sound.enabled:
        return []
    voice = sound.voice
    kind = cue.kind
    if kind is CueKind.GET_READY:
        if not voice:
            return ["get_ready"]
        face = "voice_face_backward" if cue.step.kind.is_backward else "voice_face_forward"
        return ["get_ready", "voice_get_ready", face, *target(cue.step, units)]
    if kind is CueKind.INTERVAL_START:
        start, word = KIND_CLIPS[cue.step.kind]
        return [start, word] if voice else [start]
    if kind is CueKind.TURNAROUND:
        if not voice:
            return ["turn_tone"]
        # "turn around in ten": the seconds left when the warning sounds, as said aloud.
        seconds = min(max(round(cue.remaining), 1), MAX_NUMBER)
        _, word = KIND_CLIPS[cue.step.kind]
        return [
            "turn_tone",
            "voice_turn_around_in",
            f"num_{seconds}",
            "voice_next",
            word,
            *target(cue.step, units),
        ]
    if kind is CueKind.COUNTDOWN:
        if not sound.countdown:
            return []
        return ["tick_last" if cue.count == 1 else "tick"]
    if kind is CueKind.HALFWAY:
        if not sound.halfway:
            return []
        return ["halfway", "voice_halfway"] if voice else ["halfway"]
    return ["finish", "voice_finish"] if voice else ["finish"]
