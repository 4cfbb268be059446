"""ALSA configurations for tests: ALSA reads `~/.asoundrc`, so a test points HOME at a
folder holding one of these and the audio library plays where the test wants."""

from __future__ import annotations

from pathlib import Path

#: The default device becomes the `file` plugin, appending every sample played (through a
#: pipe: the plugin itself would truncate the file at each new sound).
CAPTURE_RC = """\
pcm.!default {{
    type file
    slave.pcm "null"
    file "|cat >> {capture}"
    format "raw"
}}
"""
#: The default device is a sound card that does not exist.
NO_DEVICE_RC = "pcm.!default {\n    type hw\n    card 97\n}\n"


def alsa_home(folder: Path, rc: str) -> Path:
    """A home folder in `folder` whose .asoundrc is `rc`."""
    home = folder / "alsa-home"
    home.mkdir(exist_ok=True)
    (home / ".asoundrc").write_text(rc, encoding="utf-8")
    return home
