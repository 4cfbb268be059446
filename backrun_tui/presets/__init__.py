"""Built-in workouts, shipped as TOML files (read with importlib.resources)."""
