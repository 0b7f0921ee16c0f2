"""A regular expression compiled the first time it is used, not when its module loads.

An export is a process of its own, and it loads modules whose patterns only some notes
need: a date in an action's own words, a transcript's speaker labels, a character XML
forbids. Compiled as their modules loaded, they cost every export; compiled on first use,
only the exports (and the window's edits) that meet such text. ``re`` keeps no compiled
pattern from one process to the next, so each process compiles a pattern at most once
either way.
"""

from __future__ import annotations

import re


class CompiledOnUse:
    """``pattern()`` is ``re.compile(source, flags)``, compiled at the first call."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __call__(self) -> re.Pattern[str]:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self._source, self._flags)
        return compiled
