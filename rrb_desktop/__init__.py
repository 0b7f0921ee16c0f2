"""rrb_desktop: minutes and Public Notes for the Reducing Reoffending Board."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("rrb-desktop")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
