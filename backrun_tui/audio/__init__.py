"""Cue sounds: which clips a cue is made of, the player process, and the fallbacks."""
