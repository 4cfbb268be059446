"""The player process: plays cue clips with simpleaudio, apart from the app.

Run as `python -m backrun_tui.audio.worker SOUND_DIR`. It talks JSON lines: on stdin
`{"id": 7, "clips": ["start_backward", "voice_backward"], "volume": 80}` plays those clips
back to back, `{"stop": true}` silences it at once; on stdout it says `{"ready": ...}` once,
then `{"id": 7, "started": <monotonic time>}` or `{"id": 7, "error": "..."}` per cue.

A crash or a hang in the audio library, or ALSA writing on stderr, stays in this process:
the app only sees a pipe close, and carries on without it.
"""

from __future__ import annotations

import json
import queue
import sys
import threading
import time
import wave
from array import array
from pathlib import Path
from typing import Any, Protocol

SAMPLE_RATE = 22050
#: A cue that could not start within this many seconds of being asked for is dropped:
#: a late "three" is worse than none.
STALE_SECONDS = 1.5


class PlayObject(Protocol):
    def wait_done(self) -> None: ...
    def stop(self) -> None: ...


def load_clips(folder: Path) -> dict[str, bytes]:
    """Every WAV in `folder`, by name, as raw 16-bit mono frames at SAMPLE_RATE."""
    clips = {}
    for path in sorted(folder.glob("*.wav")):
        with wave.open(str(path), "rb") as wav:
            if (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) != (
                1,
                2,
                SAMPLE_RATE,
            ):
                raise ValueError(f"{path}: expected 16-bit mono {SAMPLE_RATE} Hz")
            clips[path.stem] = wav.readframes(wav.getnframes())
    if not clips:
        raise ValueError(f"no sound files in {folder}")
    return clips


def scale(data: bytes, volume: int) -> bytes:
    """16-bit little-endian samples scaled to `volume` (0-100)."""
    if volume >= 100:
        return data
    samples = array("h")
    samples.frombytes(data)
    if sys.byteorder != "little":
        samples.byteswap()
    factor = max(volume, 0) / 100
    scaled = array("h", (int(s * factor) for s in samples))
    if sys.byteorder != "little":
        scaled.byteswap()
    return scaled.tobytes()


def compose(clips: dict[str, bytes], names: list[str], volume: int) -> bytes:
    """The clips back to back, at `volume` (0-100) applied to the samples themselves."""
    return b"".join(scale(clips[name], volume) for name in names)


class Worker:
    def __init__(self, clips: dict[str, bytes], out: Any) -> None:
        self.clips = clips
        self.out = out
        self.jobs: queue.Queue[tuple[int, list[str], int, float] | None] = queue.Queue()
        self.current: PlayObject | None = None
        self.lock = threading.Lock()
        self.out_lock = threading.Lock()
        self._scaled: dict[tuple[str, int], bytes] = {}

    def scaled(self, name: str, volume: int) -> bytes:
        """A clip at a volume, scaled once: a cue must not wait for arithmetic."""
        key = (name, volume)
        if key not in self._scaled:
            self._scaled[key] = scale(self.clips[name], volume)
        return self._scaled[key]

    def say(self, **message: object) -> None:
        with self.out_lock:
            self.out.write(json.dumps(message) + "\n")
            self.out.flush()

    def stop(self) -> None:
        while True:
            try:
                self.jobs.get_nowait()
            except queue.Empty:
                break
        with self.lock:
            if self.current is not None:
                self.current.stop()

    def play_loop(self) -> None:
        import simpleaudio

        while (job := self.jobs.get()) is not None:
            cue_id, names, volume, asked = job
            if time.monotonic() - asked > STALE_SECONDS:
                self.say(id=cue_id, error="dropped: too late")
                continue
            try:
                data = b"".join(self.scaled(name, volume) for name in names)
                with self.lock:
                    self.current = simpleaudio.play_buffer(data, 1, 2, SAMPLE_RATE)
                self.say(id=cue_id, started=time.monotonic())
                self.current.wait_done()
            except Exception as exc:  # a device error ends this cue, not the player
                self.say(id=cue_id, error=f"{type(exc).__name__}: {exc}")

    def serve(self, lines: Any) -> None:
        player = threading.Thread(target=self.play_loop, daemon=True)
        player.start()
        for line in lines:
            try:
                command = json.loads(line)
            except ValueError:
                continue
            if command.get("stop"):
                self.stop()
            elif "clips" in command:
                names = [n for n in command["clips"] if n in self.clips]
                asked = float(command.get("asked", time.monotonic()))
                self.jobs.put((int(command["id"]), names, int(command["volume"]), asked))
        self.jobs.put(None)
        player.join(timeout=5)


def main(argv: list[str]) -> int:
    out = sys.stdout
    try:
        import simpleaudio  # noqa: F401  (say at once if it is missing)
    except ImportError as exc:
        out.write(json.dumps({"ready": False, "error": f"simpleaudio is missing: {exc}"}) + "\n")
        out.flush()
        return 1
    try:
        clips = load_clips(Path(argv[1]))
    except (OSError, ValueError, IndexError, wave.Error) as exc:
        out.write(json.dumps({"ready": False, "error": f"cannot read the sounds: {exc}"}) + "\n")
        out.flush()
        return 1
    worker = Worker(clips, out)
    worker.say(ready=True, clips=len(clips))
    worker.serve(sys.stdin)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
