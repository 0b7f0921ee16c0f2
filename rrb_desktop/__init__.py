"""rrb_desktop: minutes and Public Notes for the Reducing Reoffending Board.

The version is looked up when first asked for (:func:`version`), not on import:
``importlib.metadata`` and the email parser it loads were a noticeable part of the window's
start, which needs the version only for Help > About and the log.
"""

from __future__ import annotations

from functools import cache

SOURCE_VERSION = "0.0.0+source"  # running from a source tree that was never installed


@cache
def version() -> str:
    """The installed distribution's version."""
    from importlib.metadata import PackageNotFoundError  # noqa: PLC0415 (see the docstring)
    from importlib.metadata import version as distribution_version  # noqa: PLC0415

    try:
        return distribution_version("rrb-desktop")
    except PackageNotFoundError:
        return SOURCE_VERSION
