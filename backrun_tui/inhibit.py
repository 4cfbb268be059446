"""Keep the computer awake while a session runs, where the system offers a way.

Linux: systemd-inhibit holds an idle/sleep inhibitor for as long as its child runs.
macOS: caffeinate -i. Anywhere the tool is missing or refuses (no logind in a container,
say), backrun goes on without: the engine notices a sleep and pauses the session anyway.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys


def inhibit_command(pid: int | None = None) -> list[str] | None:
    """The command that keeps the machine awake while it runs, or None.

    It also ends by itself when process `pid` (backrun) ends, so that a backrun killed
    with SIGKILL does not leave the machine sleepless.
    """
    pid = os.getpid() if pid is None else pid
    if sys.platform == "darwin" and shutil.which("caffeinate"):
        return ["caffeinate", "-i", "-w", str(pid)]
    if shutil.which("systemd-inhibit") and shutil.which("tail"):
        return [
            "systemd-inhibit",
            "--what=idle:sleep",
            "--who=backrun",
            "--why=A workout is running",
            "--mode=block",
            "tail",
            f"--pid={pid}",
            "-f",
            "/dev/null",
        ]
    return None


class SleepInhibitor:
    def __init__(self, command: list[str] | None = None) -> None:
        self.command = command if command is not None else inhibit_command()
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def active(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        if self.command is None or self.active:
            return
        try:
            self._process = subprocess.Popen(
                self.command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # a Ctrl+C meant for the app is not meant for it
            )
        except OSError:
            self._process = None

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
