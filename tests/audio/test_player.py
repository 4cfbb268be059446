"""The player process for real: simpleaudio over ALSA, its output captured to a file.

ALSA reads `~/.asoundrc`; with HOME pointing at a temporary folder, the default device
becomes ALSA's `file` plugin writing (through a pipe that appends) every sample played.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest

from backrun_tui.audio.files import sound_dir
from backrun_tui.audio.player import AudioPlayer
from backrun_tui.audio.worker import compose, load_clips
from tests.alsa import CAPTURE_RC, NO_DEVICE_RC, alsa_home


def use_alsa(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rc: str) -> None:
    monkeypatch.setenv("HOME", str(alsa_home(tmp_path, rc)))


@pytest.fixture
def capture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "capture.raw"
    use_alsa(tmp_path, monkeypatch, CAPTURE_RC.format(capture=target))
    return target


def wait_for(predicate: object, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(predicate) and predicate():
            return True
        time.sleep(0.02)
    return False


def test_cues_reach_the_device_in_order_at_their_volume(capture: Path) -> None:
    player = AudioPlayer(sound_dir())
    player.start()
    try:
        assert player.ready.wait(15) and player.working, player.failure
        cues = [["start_backward", "voice_backward"], ["tick"], ["tick_last"], ["finish"]]
        for count, clips in enumerate(cues, start=1):
            player.play(clips, volume=60)
            assert wait_for(lambda count=count: len(player.timing.started) >= count)
        clips = load_clips(sound_dir())
        expected = b"".join(compose(clips, names, 60) for names in cues)
        assert wait_for(lambda: capture.exists() and capture.stat().st_size >= len(expected))
        assert capture.read_bytes() == expected
        # The volume is in the samples: 60 % of the loudest sample of the finish.
        full = compose(clips, ["finish"], 100)
        assert max_sample(expected[-len(full) :]) == int(max_sample(full) * 0.6)
    finally:
        player.close()


def max_sample(data: bytes) -> int:
    from array import array

    samples = array("h")
    samples.frombytes(data)
    return max(abs(s) for s in samples)


def test_no_sound_device_fails_once_with_a_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_alsa(tmp_path, monkeypatch, NO_DEVICE_RC)
    reasons: list[str] = []
    player = AudioPlayer(sound_dir(), on_failure=reasons.append)
    player.start()
    try:
        assert player.ready.wait(15)
        player.play(["tick"], volume=80)
        player.play(["tick"], volume=80)
        assert wait_for(lambda: not player.working)
        assert len(reasons) == 1
        assert reasons[0].startswith("the sound device failed")
        assert player.play(["tick"], volume=80) is None  # it has given up: nothing is sent
    finally:
        player.close()


def test_a_killed_player_is_started_again_once(capture: Path) -> None:
    reasons: list[str] = []
    player = AudioPlayer(sound_dir(), on_failure=reasons.append)
    player.start()
    try:
        assert player.ready.wait(15)
        first = player.pid
        assert first is not None
        os.kill(first, signal.SIGKILL)
        assert wait_for(lambda: player.pid not in (None, first) and player.ready.is_set())
        assert player.working and reasons == []
        player.play(["tick"], volume=100)
        assert wait_for(lambda: bool(player.timing.started))
        second = player.pid
        assert second is not None
        os.kill(second, signal.SIGKILL)
        assert wait_for(lambda: not player.working)
        assert reasons == ["the sound player stopped twice"]
    finally:
        player.close()


def test_a_player_that_cannot_load_says_why(tmp_path: Path) -> None:
    reasons: list[str] = []
    player = AudioPlayer(tmp_path / "no-such-folder", on_failure=reasons.append)
    player.start()
    try:
        assert wait_for(lambda: bool(reasons))
        assert not player.working
    finally:
        player.close()


def test_missing_simpleaudio_falls_back(tmp_path: Path) -> None:
    # A worker in an interpreter that cannot import simpleaudio, as on a machine without it.
    blocker = tmp_path / "sitecustomize.py"
    blocker.write_text("import sys\nsys.modules['simpleaudio'] = None\n", encoding="utf-8")
    reasons: list[str] = []
    env_command = [
        sys.executable,
        "-c",
        f"import sys; sys.path.insert(0, {str(tmp_path)!r}); import sitecustomize; "
        "from backrun_tui.audio.worker import main; sys.exit(main(sys.argv))",
    ]
    player = AudioPlayer(sound_dir(), on_failure=reasons.append, command=env_command)
    player.start()
    try:
        assert wait_for(lambda: bool(reasons))
        assert reasons[0].startswith("simpleaudio is missing")
    finally:
        player.close()
