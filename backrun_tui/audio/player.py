"""The app's side of the player process: start it, send it cues, notice when it fails.

The worker runs in its own process with its stderr discarded, so nothing the audio
library does (crash, hang, ALSA's chatter) can end a workout or scribble on the screen.
If the worker dies it is started again once; after that, or when there is no sound at all
(no simpleaudio, no device), the player says why once and stops: the caller falls back to
the terminal bell and the screen flash.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

#: How many times a worker that died is started again.
RESTARTS = 1


@dataclass
class Timing:
    """When cues were asked for and when they started, for measuring (monotonic seconds)."""

    due: dict[int, float] = field(default_factory=dict)
    sent: dict[int, float] = field(default_factory=dict)
    started: dict[int, float] = field(default_factory=dict)
    ready_after: float | None = None
    """Seconds from starting the worker to its first word."""


class AudioPlayer:
    def __init__(
        self,
        sound_dir: Path,
        *,
        on_failure: Callable[[str], None] = lambda reason: None,
        command: list[str] | None = None,
    ) -> None:
        self.sound_dir = sound_dir
        self.on_failure = on_failure
        self.command = command or [sys.executable, "-m", "backrun_tui.audio.worker"]
        self.timing = Timing()
        self.failure: str | None = None
        """Why the player gave up; None while it works."""
        self.backend: str | None = None
        """What plays the sound, once the worker has said it is ready."""
        self._process: subprocess.Popen[str] | None = None
        self._restarts = RESTARTS
        self._next_id = 0
        self._lock = threading.RLock()  # _fail may run inside _died
        self._closing = False
        self.ready = threading.Event()

    @property
    def working(self) -> bool:
        return self.failure is None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def start(self) -> None:
        """Start the worker without waiting for it: the first cue may come soon."""
        with self._lock:
            self._spawn()

    def _spawn(self) -> None:
        self.ready.clear()
        began = time.monotonic()
        try:
            process = subprocess.Popen(
                [*self.command, str(self.sound_dir)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                bufsize=1,
                start_new_session=True,  # Ctrl+C in the terminal is the app's to handle
            )
        except OSError as exc:
            self._fail(f"cannot start the sound player: {exc}")
            return
        self._process = process
        assert process.stdout is not None
        threading.Thread(
            target=self._listen, args=(process, process.stdout, began), daemon=True
        ).start()

    def _listen(self, process: subprocess.Popen[str], out: IO[str], began: float) -> None:
        for line in out:
            try:
                message = json.loads(line)
            except ValueError:
                continue
            if "ready" in message:
                if message["ready"]:
                    self.timing.ready_after = time.monotonic() - began
                    self.backend = "simpleaudio"
                    self.ready.set()
                else:
                    self._fail(str(message.get("error", "the sound player cannot start")))
                    self.ready.set()
                    return
            elif "started" in message:
                self.timing.started[int(message["id"])] = float(message["started"])
            elif "error" in message and not str(message["error"]).startswith("dropped"):
                self._fail(f"the sound device failed: {message['error']}")
                return
        process.wait()
        self.ready.set()
        self._died(process)

    def _died(self, process: subprocess.Popen[str]) -> None:
        with self._lock:
            if self._closing or process is not self._process or self.failure:
                return
            if self._restarts > 0:
                self._restarts -= 1
                self._spawn()
                return
        self._fail("the sound player stopped twice")

    def _fail(self, reason: str) -> None:
        with self._lock:
            if self.failure is not None:
                return
            self.failure = reason
            process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.kill()
        self.on_failure(reason)

    def _send(self, message: dict[str, object]) -> bool:
        process = self._process
        if process is None or process.stdin is None:
            return False
        try:
            process.stdin.write(json.dumps(message) + "\n")
            process.stdin.flush()
        except (BrokenPipeError, OSError, ValueError):
            return False  # the listener sees the worker go and restarts it
        return True

    def play(self, clips: list[str], volume: int, due: float | None = None) -> int | None:
        """Have the worker play `clips` now; the cue's id, or None if it cannot."""
        if self.failure is not None or not clips:
            return None
        now = time.monotonic()
        self._next_id += 1
        cue_id = self._next_id
        if due is not None:
            self.timing.due[cue_id] = due
        self.timing.sent[cue_id] = now
        sent = self._send({"id": cue_id, "clips": clips, "volume": volume, "asked": now})
        return cue_id if sent else None

    def silence(self) -> None:
        """Stop what is playing and anything waiting to play."""
        self._send({"stop": True})

    def close(self) -> None:
        with self._lock:
            self._closing = True
            process, self._process = self._process, None
        if process is None:
            return
        try:
            if process.stdin is not None:
                process.stdin.close()
            process.wait(timeout=2)
        except (OSError, subprocess.TimeoutExpired):
            process.kill()
            process.wait()
