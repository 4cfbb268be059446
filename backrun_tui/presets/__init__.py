"""Built-in workouts, shipped as TOML files in this folder (read by `store.workouts`)."""
