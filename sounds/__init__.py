"""The WAV cues; the folder ships inside the package as `backrun_tui.sounds`."""
