"""Counts that stop at a cap: "1,234 actions" up to it, "more than 1,000 actions" past it.

A view shows how many actions match beside the first page of them. Counting every match
costs time in proportion to the matches, so on a large archive the count, not the page,
was what grew (an owner's actions: 36,000 rows read to print one number). A count that
stops after ``COUNT_CAP + 1`` matches costs the same however large the archive grows, and
stays true: below the cap it is the exact number, above it the text says "more than" the
cap, never a guess. The views still read the rows a page at a time to the end (a short
page ends them), and learn the exact number when they get there.

The cap is a round number a reader takes in at a glance and is well above what a board
acts on in a year, so an honest filter (an owner's open actions, one board's) still shows
its exact count; only "all actions ever" and the like read "more than".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

COUNT_CAP = 1000


@dataclass(frozen=True, slots=True)
class CappedCount:
    """``value`` rows exactly, or, with ``more``, more than ``value`` (the cap)."""

    value: int
    more: bool = False

    def __str__(self) -> str:
        """``1,234`` or ``more than 1,000``: the number as a sentence reads it."""
        return f"more than {self.value:,}" if self.more else f"{self.value:,}"

    def __bool__(self) -> bool:
        return self.value > 0

    def noun(self, singular: str, plural: str) -> str:
        """``1 action``, ``12 actions``, ``more than 1,000 actions``."""
        return f"{self} {singular if self.value == 1 and not self.more else plural}"


def capped_count(session: Session, rows: Select[Any], cap: int | None = None) -> CappedCount:
    """How many rows ``rows`` selects, reading at most one more than the cap.

    ``SELECT count(*) FROM (... LIMIT cap + 1)`` on both SQLite and PostgreSQL: the
    database stops scanning at the limit, so the cost is bounded by the cap (and by how
    many candidates the indexes offer before that many match), not by the archive.
    """
    cap = COUNT_CAP if cap is None else cap
    counted = session.scalar(select(func.count()).select_from(rows.limit(cap + 1).subquery()))
    counted = counted or 0
    return CappedCount(cap, more=True) if counted > cap else CappedCount(counted)
