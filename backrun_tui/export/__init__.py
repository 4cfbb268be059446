"""Recorded sessions in the forms other programs read: the history as JSON and CSV, one
session as TCX, FIT, CSV or JSON. No textual."""
