"""Who hears the cues. The run screen hands every due cue to a CuePlayer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from backrun_tui.audio.clips import clips_for
from backrun_tui.audio.player import AudioPlayer
from backrun_tui.engine import Cue, CueKind
from backrun_tui.model.kinds import Units
from backrun_tui.store.config import SoundConfig

#: The cues the terminal bell stands in for when there is no sound: the ones that matter.
LOUD = frozenset({CueKind.INTERVAL_START, CueKind.TURNAROUND, CueKind.FINISH})


class CuePlayer(Protocol):
    def play(self, cue: Cue) -> None:
        """Sound `cue` now."""

    def silence(self) -> None:
        """Stop whatever is sounding (mute)."""

    def apply(self, sound: SoundConfig, units: Units) -> None:
        """Play the cues that follow under these settings."""


class BellPlayer:
    """The terminal bell on the cues that matter most."""

    def __init__(self, bell: Callable[[], None]) -> None:
        self._bell = bell

    def play(self, cue: Cue) -> None:
        if cue.kind in LOUD:
            self._bell()

    def silence(self) -> None:
        pass

    def apply(self, sound: SoundConfig, units: Units) -> None:
        pass


class SoundCues:
    """Cues as sound through the player process, under the settings last applied.

    When the player has given up, the terminal bell stands in (the screen flashes anyway).
    """

    def __init__(
        self, player: AudioPlayer, bell: Callable[[], None], sound: SoundConfig, units: Units
    ) -> None:
        self.player = player
        self.sound = sound
        self.units = units
        self.fallback = BellPlayer(bell)

    def apply(self, sound: SoundConfig, units: Units) -> None:
        self.sound, self.units = sound, units

    def play(self, cue: Cue) -> None:
        sound, units = self.sound, self.units
        if not sound.enabled:
            return
        if not self.player.working:
            self.fallback.play(cue)
            return
        clips = clips_for(cue, sound, units)
        self.player.play(clips, sound.volume, due=cue.at)

    def silence(self) -> None:
        self.player.silence()
