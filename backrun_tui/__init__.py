"""backrun: backward-jog and forward-run intervals on a treadmill, in the terminal."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("backrun-tui")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
