"""Recorded sessions written in formats other programs read."""
