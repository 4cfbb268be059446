"""Re-make every cue in this folder: tones synthesised here, voice clips spoken by espeak-ng.

    python sounds/make_sounds.py           rewrite every WAV (needs espeak-ng)
    python sounds/make_sounds.py --check   list files that differ from what it would make

All files are 16-bit PCM, mono, 22050 Hz (espeak-ng's own rate, so nothing is resampled) and
share one peak level, so the player can join clips into one buffer. Tones are deterministic and
checked byte for byte; voice clips depend on the espeak-ng version, so --check only asks that
they exist and have the right format.
"""

from __future__ import annotations

import argparse
import functools
import io
import math
import shutil
import subprocess
import sys
import tempfile
import wave
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

RATE = 22050
CHANNELS = 1
SAMPLE_WIDTH = 2
FULL_SCALE = 32767
PEAK = 10 ** (-3 / 20)  # every file peaks at -3 dBFS: loud, with headroom for the mixer
SOUNDS_DIR = Path(__file__).resolve().parent

# Partials above this would alias (Nyquist is 11025 Hz) and only add hiss.
MAX_PARTIAL_HZ = 10_000.0

ESPEAK_ARGS = ("-v", "en-us", "-s", "160")
#: How hard voices are driven into the soft limiter: about +8 dB of loudness.
VOICE_DRIVE = 3.0
VOICE_TRIM_THRESHOLD = 0.02  # of the clip's own peak: what counts as silence at either end
VOICE_MARGIN_S = 0.020
VOICE_FADE_S = 0.010

Samples: TypeAlias = "array[int]"  # array("h"): 16-bit samples in native byte order

# Timbres: amplitudes of harmonics 1, 2, 3, ...
PURE = (1.0, 0.12)  # soft, for the easy kinds
HOLLOW = (1.0, 0.0, 0.35, 0.0, 0.15, 0.0, 0.07)  # odd harmonics keep low notes audible
BRIGHT = (1.0, 0.5, 0.33, 0.25, 0.2, 0.16, 0.14)  # saw-like: cuts through treadmill noise
BEEP = (1.0, 0.3, 0.1)
BELL = (1.0, 0.45, 0.2, 0.1)
BRASS = (1.0, 0.6, 0.4, 0.25, 0.15)

# Equal-tempered pitches (Hz).
C4, G4 = 261.63, 392.00
C5, D5, E5, G5, A5 = 523.25, 587.33, 659.25, 783.99, 880.00
C6, CS6, E6, A6 = 1046.50, 1108.73, 1318.51, 1760.00


@dataclass(frozen=True)
class Note:
    """One note (or chord) of a tone, followed by `gap` seconds of silence."""

    freqs: tuple[float, ...]
    seconds: float
    partials: tuple[float, ...] = PURE
    gap: float = 0.0
    attack: float = 0.010
    release: float = 0.030
    decay: float = 0.0  # exponential decay per second, for bell-like notes
    glide: float = 1.0  # the pitch at the end, as a ratio of the pitch at the start


def _envelope(i: int, n: int, attack: int, release: int) -> float:
    """Raised-cosine fade in and out: exactly zero at the first and last sample, no clicks."""
    gain = 1.0
    if i < attack:
        gain *= 0.5 - 0.5 * math.cos(math.pi * i / attack)
    tail = n - 1 - i
    if tail < release:
        gain *= 0.5 - 0.5 * math.cos(math.pi * tail / release)
    return gain


def _phase(freq: float, glide: float, seconds: float, t: float) -> float:
    """Phase at time t of a tone gliding exponentially from freq to freq * glide."""
    if glide == 1.0:
        return 2 * math.pi * freq * t
    log_glide = math.log(glide)
    return 2 * math.pi * freq * seconds * (math.exp(log_glide * t / seconds) - 1) / log_glide


def render_note(note: Note) -> list[float]:
    n = round(note.seconds * RATE)
    attack = max(1, round(note.attack * RATE))
    release = max(1, round(note.release * RATE))
    top = max(1.0, note.glide)
    oscillators = [
        (
            freq,
            [
                (k, amp)
                for k, amp in enumerate(note.partials, 1)
                if amp and k * freq * top < MAX_PARTIAL_HZ
            ],
        )
        for freq in note.freqs
    ]
    out: list[float] = []
    for i in range(n):
        t = i / RATE
        value = 0.0
        for freq, partials in oscillators:
            phase = _phase(freq, note.glide, note.seconds, t)
            value += sum(amp * math.sin(k * phase) for k, amp in partials)
        gain = _envelope(i, n, attack, release) * math.exp(-note.decay * t)
        out.append(gain * value / len(oscillators))
    out.extend([0.0] * round(note.gap * RATE))
    return out


def to_samples(values: Sequence[float]) -> Samples:
    """Scale to the common peak and round to 16-bit integers."""
    peak = max(abs(v) for v in values)
    if peak == 0:
        raise ValueError("silent sound")
    scale = PEAK * FULL_SCALE / peak
    return array("h", [round(v * scale) for v in values])


def render_tone(notes: Sequence[Note]) -> Samples:
    values: list[float] = []
    for note in notes:
        values.extend(render_note(note))
    return to_samples(values)


# Each interval kind has its own pitch contour and rhythm, so a runner who cannot see the
# screen tells them apart by ear: backward falls low and slow, forward climbs quick and bright.
TONES: dict[str, tuple[Note, ...]] = {
    # Gentle rising: a short pick-up note, then a held fifth above it.
    "start_warmup": (
        Note((C5,), 0.14, gap=0.05, attack=0.02),
        Note((G5,), 0.42, attack=0.02, release=0.15),
    ),
    # Falling and low: two long, hollow notes a fifth apart, "dum... dum".
    "start_backward": (
        Note((G4,), 0.26, HOLLOW, gap=0.08, attack=0.015, release=0.04),
        Note((C4,), 0.32, HOLLOW, attack=0.015, release=0.08),
    ),
    # Rising and bright: quick-quick-long, "da-da-DAAH".
    "start_forward": (
        Note((A5,), 0.08, BRIGHT, gap=0.04, attack=0.005, release=0.02),
        Note((CS6,), 0.08, BRIGHT, gap=0.04, attack=0.005, release=0.02),
        Note((E6,), 0.24, BRIGHT, attack=0.005, release=0.06),
    ),
    # One soft, steady mid tone that dies away.
    "start_rest": (Note((D5,), 0.55, PURE, attack=0.04, release=0.2, decay=1.5),),
    # Gentle falling: one long downward slide, like a sigh.
    "start_cooldown": (Note((G5,), 0.70, PURE, attack=0.04, release=0.2, glide=C5 / G5),),
    # Three quick high beeps: look out, the direction is about to change.
    "turn_tone": tuple(
        Note((A6,), 0.07, BRIGHT, gap=0.05 if i < 2 else 0.0, attack=0.004, release=0.015)
        for i in range(3)
    ),
    # Get ready: two bell notes climbing an octave, "ding... DING", unlike any kind's start.
    "get_ready": (
        Note((G5,), 0.20, BELL, gap=0.10, attack=0.004, release=0.05, decay=3.0),
        Note((G5 * 2,), 0.45, BELL, attack=0.004, release=0.2, decay=3.0),
    ),
    # The 3 and 2 of the countdown, then a fifth higher for the 1.
    "tick": (Note((A5,), 0.12, BEEP, attack=0.005, release=0.04),),
    "tick_last": (Note((E6,), 0.12, BEEP, attack=0.005, release=0.04),),
    # Ding-dong.
    "halfway": (
        Note((E6,), 0.30, BELL, attack=0.004, release=0.03, decay=5.0),
        Note((C6,), 0.55, BELL, attack=0.004, release=0.2, decay=3.5),
    ),
    # Up a major arpeggio to a held chord.
    "finish": (
        Note((C5,), 0.11, BRASS, gap=0.03, attack=0.008, release=0.02),
        Note((E5,), 0.11, BRASS, gap=0.03, attack=0.008, release=0.02),
        Note((G5,), 0.11, BRASS, gap=0.03, attack=0.008, release=0.02),
        Note((C6, E6, G5), 0.75, BRASS, attack=0.01, release=0.35, decay=0.8),
    ),
}

VOICES: dict[str, str] = {
    "voice_warmup": "warm up",
    "voice_backward": "backward",
    "voice_forward": "forward",
    "voice_rest": "rest",
    "voice_cooldown": "cool down",
    "voice_get_ready": "get ready",
    "voice_face_backward": "step on, face backward",
    "voice_face_forward": "step on, face forward",
    "voice_turn_around_in": "turn around in",
    "voice_seconds": "seconds",
    "voice_next": "next",
    "voice_point": "point",
    "voice_kph": "kilometres per hour",
    "voice_mph": "miles per hour",
    "voice_incline": "incline",
    "voice_percent": "percent",
    "voice_minus": "minus",
    "voice_halfway": "halfway",
    "voice_finish": "workout complete. well done",
    # Numbers compose speeds ("six point five"), inclines and the turn-around seconds.
    **{f"num_{n}": str(n) for n in range(61)},
}


def wav_bytes(samples: Samples) -> bytes:
    """The exact bytes of a WAV file holding `samples`."""
    if sys.byteorder == "big":
        samples = array("h", samples)
        samples.byteswap()
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(CHANNELS)
        out.setsampwidth(SAMPLE_WIDTH)
        out.setframerate(RATE)
        out.writeframes(samples.tobytes())
    return buffer.getvalue()


def tone(name: str) -> Samples:
    return render_tone(TONES[name])


@functools.cache
def tone_wav(name: str) -> bytes:
    """The exact bytes `make` writes for the tone `name` (cached: --check and tests reuse it)."""
    return wav_bytes(tone(name))


def format_problem(path: Path) -> str | None:
    """Why `path` is not a WAV the player can join to the others, or None if it is fine."""
    try:
        with wave.open(str(path), "rb") as wav:
            params = wav.getparams()
    except (OSError, EOFError, wave.Error) as exc:
        return f"unreadable ({exc})"
    wanted = (CHANNELS, SAMPLE_WIDTH, RATE, "NONE")
    got = (params.nchannels, params.sampwidth, params.framerate, params.comptype)
    if got != wanted:
        return f"format {got}, expected (channels, bytes, rate, compression) {wanted}"
    if params.nframes == 0:
        return "empty"
    return None


def read_samples(path: Path) -> Samples:
    problem = format_problem(path)
    if problem is not None:
        raise RuntimeError(f"{path}: {problem}")
    with wave.open(str(path), "rb") as wav:
        samples = array("h", wav.readframes(wav.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    return samples


def shape_voice(raw: Samples) -> Samples:
    """Trim silence to 20 ms margins, make it as loud as the tones, fade the margins.

    Speech has far more peak than average: brought to the tones' peak, a voice sounds
    8-12 dB softer than the tone before it, too soft over a treadmill. So it is driven
    VOICE_DRIVE times harder into a soft limiter (tanh) that keeps the common peak.
    """
    peak = max(abs(s) for s in raw)
    if peak == 0:
        raise RuntimeError("espeak-ng produced silence")
    threshold = VOICE_TRIM_THRESHOLD * peak
    loud = [i for i, s in enumerate(raw) if abs(s) > threshold]
    margin = round(VOICE_MARGIN_S * RATE)
    first, last = loud[0], loud[-1] + 1
    head = [0] * max(0, margin - first) + list(raw[max(0, first - margin) : first])
    tail = list(raw[last : last + margin])
    body = head + list(raw[first:last]) + tail + [0] * (margin - len(tail))
    fade = round(VOICE_FADE_S * RATE)
    n = len(body)
    ceiling = PEAK * FULL_SCALE
    limit = math.tanh(VOICE_DRIVE)  # tanh(VOICE_DRIVE * 1.0): where the old peak lands
    return array(
        "h",
        [
            round(ceiling * math.tanh(VOICE_DRIVE * s / peak) / limit * _envelope(i, n, fade, fade))
            for i, s in enumerate(body)
        ],
    )


def speak(text: str, espeak: str) -> Samples:
    """Render `text` with espeak-ng and shape it; fail loudly on an unexpected format."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "voice.wav"
        subprocess.run([espeak, *ESPEAK_ARGS, "-w", str(path), text], check=True)
        return shape_voice(read_samples(path))


def expected_files() -> list[str]:
    return sorted(f"{name}.wav" for name in [*TONES, *VOICES])


def make(folder: Path, espeak: str) -> None:
    """Render everything first, so a failing espeak-ng leaves the folder as it was."""
    files = {name: tone_wav(name) for name in TONES}
    files.update((name, wav_bytes(speak(text, espeak))) for name, text in VOICES.items())
    for name, data in files.items():
        (folder / f"{name}.wav").write_bytes(data)


def check(folder: Path) -> list[str]:
    """One line per file that differs from what `make` would write."""
    problems: list[str] = []
    for name in TONES:
        path = folder / f"{name}.wav"
        if not path.exists():
            problems.append(f"{path.name}: missing")
        elif path.read_bytes() != tone_wav(name):
            problems.append(f"{path.name}: differs from the synthesised tone")
    for name in VOICES:
        path = folder / f"{name}.wav"
        problem = "missing" if not path.exists() else format_problem(path)
        if problem is not None:
            problems.append(f"{path.name}: {problem}")
    expected = set(expected_files())
    problems.extend(
        f"{path.name}: not made by this script"
        for path in sorted(folder.glob("*.wav"))
        if path.name not in expected
    )
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 listing files that differ (tones byte for byte, "
        "voice clips by presence and format)",
    )
    args = parser.parse_args(argv)
    if args.check:
        problems = check(SOUNDS_DIR)
        for line in problems:
            print(line)
        if problems:
            print(f"{len(problems)} file(s) out of date: run python sounds/make_sounds.py")
            return 1
        print(f"all {len(expected_files())} sound files are up to date")
        return 0
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        print(
            "espeak-ng is needed to render the voice clips (apt install espeak-ng)", file=sys.stderr
        )
        return 2
    make(SOUNDS_DIR, espeak)
    print(f"wrote {len(expected_files())} files to {SOUNDS_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
