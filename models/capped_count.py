"""Counts that stop at a cap: "123 actions" up to it, "more than 500 actions" past it.

A view shows how many actions match beside the first page of them. Counting every match
costs time in proportion to the matches, so on a large archive the count, not the page,
was what grew (an owner's actions: every one of its links read to print one number). A
count that stops after ``COUNT_CAP + 1`` matches costs the same however large the archive
grows, and stays true: up to the cap it is the exact number, past it the text says "more
than" the cap, never a guess. The views still read the rows a page at a time to the end
(a short page ends them), and show the exact number once they get there.

Why this cap: a capped count's cost is in proportion to the cap (the matches it must find
before it stops, each an index probe), while the first page beside it reads a fixed
hundred rows; at this cap the count costs less than the page on any archive, so the two
together stay level from 1,000 meetings to 30,000 (``benchmarks/archive.py``), where a cap
of 1,000 made the count of one board's open actions grow to most of the wait. A count a
minute-taker acts on (a board's open actions, an owner's overdue ones) is a few dozen, well
under it, and stays exact; past a few hundred the number itself says no more than "many".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

COUNT_CAP = 500


@dataclass(frozen=True, slots=True)
class CappedCount:
    """``value`` rows exactly, or, with ``more``, more than ``value`` (the cap)."""

    value: int
    more: bool = False

    def __str__(self) -> str:
        """``1,234`` or ``more than 500``: the number as a sentence reads it."""
        return f"more than {self.value:,}" if self.more else f"{self.value:,}"

    def __bool__(self) -> bool:
        return self.value > 0

    def noun(self, singular: str, plural: str) -> str:
        """``1 action``, ``12 actions``, ``more than 500 actions``."""
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
