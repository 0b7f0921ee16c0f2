"""rrb_desktop: minutes and Public Notes for the Reducing Reoffending Board.

The version is written here once, and the package's metadata takes it from here
(``pyproject.toml``: ``dynamic = ["version"]``): looking it up in the installed metadata
(``importlib.metadata`` and the email parser it loads) cost every command and every start
of the window more than a command's own work does (benchmarks/export.py).
"""

from __future__ import annotations

VERSION = "0.1.0"


def version() -> str:
    """The app's version, as its installed distribution also gives it."""
    return VERSION
