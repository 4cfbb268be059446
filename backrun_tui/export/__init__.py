"""Sessions in the forms other programs read: JSON and CSV for the history; no textual."""
