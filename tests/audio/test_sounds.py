"""The committed WAV cues: format, levels, and that a runner can tell them apart by ear.

These read the files in sounds/ and need no speech engine.
"""

from __future__ import annotations

import functools
import math
import shutil
import sys
import wave
from array import array
from itertools import combinations, pairwise
from pathlib import Path

import pytest

from sounds import make_sounds

SOUNDS = Path(make_sounds.__file__).resolve().parent
RATE = 22050
FULL_SCALE = 32767
KINDS = ("warmup", "backward", "forward", "rest", "cooldown")
TONES = [
    *(f"start_{kind}" for kind in KINDS),
    "get_ready",
    "turn_tone",
    "tick",
    "tick_last",
    "halfway",
    "finish",
]
VOICES = [
    *(f"voice_{kind}" for kind in KINDS),
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
    *(f"num_{n}" for n in range(61)),
]
ALL = TONES + VOICES
SEMITONE = 2 ** (1 / 12)


@functools.cache
def samples(name: str) -> array[int]:
    with wave.open(str(SOUNDS / f"{name}.wav"), "rb") as wav:
        data = array("h", wav.readframes(wav.getnframes()))
    if sys.byteorder == "big":
        data.byteswap()
    return data


def frames(data: array[int], seconds: float) -> list[array[int]]:
    size = round(seconds * RATE)
    return [data[i : i + size] for i in range(0, len(data) - size + 1, size)]


def rms(data: array[int]) -> float:
    return math.sqrt(sum(s * s for s in data) / len(data)) if data else 0.0


def pitch(data: array[int]) -> float:
    """Zero-crossing pitch (Hz) over the loud 10 ms frames of `data`; fine for these timbres."""
    chunks = frames(data, 0.010)
    floor = 0.25 * max(rms(chunk) for chunk in chunks)
    loud = [chunk for chunk in chunks if rms(chunk) > floor]
    crossings = sum(1 for chunk in loud for a, b in pairwise(chunk) if (a < 0) != (b < 0))
    seconds = sum(len(chunk) for chunk in loud) / RATE
    return crossings / 2 / seconds


def contour(name: str) -> float:
    """Pitch of the last third over pitch of the first third: > 1 rises, < 1 falls."""
    data = samples(name)
    third = len(data) // 3
    return pitch(data[-third:]) / pitch(data[:third])


def onsets(name: str) -> int:
    """How many separate notes: times the 5 ms envelope climbs from near silence to loud."""
    envelope = [max(map(abs, chunk)) for chunk in frames(samples(name), 0.005)]
    top = max(envelope)
    count, sounding = 0, False
    for level in envelope:
        if not sounding and level > 0.3 * top:
            count, sounding = count + 1, True
        elif sounding and level < 0.05 * top:
            sounding = False
    return count


def direction(ratio: float) -> str:
    if ratio > SEMITONE**2:
        return "rises"
    if ratio < SEMITONE**-2:
        return "falls"
    return "flat"


def test_the_script_makes_exactly_the_expected_files() -> None:
    assert make_sounds.expected_files() == sorted(f"{name}.wav" for name in ALL)
    assert sorted(path.name for path in SOUNDS.glob("*.wav")) == sorted(f"{n}.wav" for n in ALL)


def test_the_files_stay_small() -> None:
    assert sum((SOUNDS / f"{name}.wav").stat().st_size for name in ALL) < 3_000_000


def test_every_file_can_be_joined_to_the_others() -> None:
    wrong = {}
    for name in ALL:
        with wave.open(str(SOUNDS / f"{name}.wav"), "rb") as wav:
            params = wav.getparams()
        shape = (params.nchannels, params.sampwidth, params.framerate, params.comptype)
        if shape != (1, 2, RATE, "NONE") or params.nframes == 0:
            wrong[name] = params
    assert wrong == {}


def test_every_file_is_loud_but_not_clipped() -> None:
    # About -3 dBFS, well clear of full scale, and never near silence.
    peaks = {name: max(map(abs, samples(name))) / FULL_SCALE for name in ALL}
    assert {name: peak for name, peak in peaks.items() if not 0.63 < peak < 0.79} == {}
    levels = {name: rms(samples(name)) / FULL_SCALE for name in ALL}
    assert {name: level for name, level in levels.items() if level < 0.03} == {}


def test_every_file_fades_in_and_out() -> None:
    edges = {name: (samples(name)[:10], samples(name)[-10:]) for name in ALL}
    near_zero = 0.01 * FULL_SCALE
    clicks = [
        name for name, ends in edges.items() if max(map(abs, [*ends[0], *ends[1]])) > near_zero
    ]
    assert clicks == []


@pytest.mark.parametrize("name", TONES)
def test_tones_are_what_the_script_makes(name: str) -> None:
    assert (SOUNDS / f"{name}.wav").read_bytes() == make_sounds.tone_wav(name)


def test_backward_falls_and_forward_rises() -> None:
    assert contour("start_backward") < SEMITONE**-3
    assert contour("start_forward") > SEMITONE**3


def test_backward_is_the_lowest_start_cue_and_forward_the_highest() -> None:
    pitches = {kind: pitch(samples(f"start_{kind}")) for kind in KINDS}
    assert min(pitches, key=pitches.__getitem__) == "backward"
    assert max(pitches, key=pitches.__getitem__) == "forward"


def test_start_cues_have_their_designed_shape() -> None:
    shapes = {
        kind: (onsets(f"start_{kind}"), direction(contour(f"start_{kind}"))) for kind in KINDS
    }
    assert shapes == {
        "warmup": (2, "rises"),
        "backward": (2, "falls"),
        "forward": (3, "rises"),
        "rest": (1, "flat"),
        "cooldown": (1, "falls"),
    }


@pytest.mark.parametrize(("a", "b"), list(combinations(KINDS, 2)))
def test_start_cues_differ_pairwise_in_rhythm_contour_or_register(a: str, b: str) -> None:
    first, second = f"start_{a}", f"start_{b}"
    same_rhythm = onsets(first) == onsets(second)
    same_contour = direction(contour(first)) == direction(contour(second))
    ratio = pitch(samples(first)) / pitch(samples(second))
    same_register = SEMITONE**-4 < ratio < SEMITONE**4
    assert not (same_rhythm and same_contour and same_register)


def test_the_last_tick_is_clearly_higher_and_as_long() -> None:
    assert len(samples("tick_last")) == len(samples("tick"))
    assert pitch(samples("tick_last")) > SEMITONE**4 * pitch(samples("tick"))


def test_the_turn_tone_is_three_beeps() -> None:
    assert onsets("turn_tone") == 3


def test_check_passes_on_the_committed_files(capsys: pytest.CaptureFixture[str]) -> None:
    assert make_sounds.main(["--check"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_check_catches_a_hand_edited_tone_and_a_broken_voice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ALL:
        shutil.copy(SOUNDS / f"{name}.wav", tmp_path)
    edited = bytearray((tmp_path / "tick.wav").read_bytes())
    edited[-200] ^= 0x01
    (tmp_path / "tick.wav").write_bytes(bytes(edited))
    (tmp_path / "num_7.wav").unlink()
    monkeypatch.setattr(make_sounds, "SOUNDS_DIR", tmp_path)

    assert make_sounds.main(["--check"]) == 1

    out = capsys.readouterr().out
    assert "tick.wav: differs" in out
    assert "num_7.wav: missing" in out
    assert "tick_last.wav" not in out


def test_voice_shaping_trims_to_margins_and_reaches_the_common_peak() -> None:
    silence = [0] * 5000
    word = [(2000 + i) * (-1) ** i for i in range(3000)]  # loud from first sample to last
    shaped = make_sounds.shape_voice(array("h", silence + word + silence))

    margin = round(0.020 * RATE)
    assert len(shaped) == len(word) + 2 * margin
    assert max(map(abs, shaped)) == round(make_sounds.PEAK * FULL_SCALE)
    assert shaped[0] == shaped[-1] == 0


def test_a_voice_in_the_wrong_format_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "voice.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(44100)
        wav.writeframes(b"\x01\x00" * 100)
    with pytest.raises(RuntimeError, match="44100"):
        make_sounds.read_samples(path)
