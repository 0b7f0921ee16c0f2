"""The do/undo pairs the Members panel and the turns editor share: moving a row and removing
one (put back with its ID and place), as functions of the database for the undo stack."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from models.database import Database

R = TypeVar("R")
Edit = Callable[[Database], int | None]


def move_edits(
    row_id: int, old: int, new: int, move: Callable[[Database, int, int], None]
) -> tuple[Edit, Edit]:
    """Move ``row_id`` from ``old`` to ``new`` and back; each returns the row to select."""

    def do(db: Database) -> int:
        move(db, row_id, new)
        return row_id

    def undo(db: Database) -> int:
        move(db, row_id, old)
        return row_id

    return do, undo


def removal_edits(
    row_id: int, delete: Callable[[Database, int], R], restore: Callable[[Database, R], int]
) -> tuple[Edit, Edit]:
    """Remove ``row_id``; the undo puts it back (and selects it)."""
    removed: list[R] = []

    def do(db: Database) -> None:
        removed.append(delete(db, row_id))

    def undo(db: Database) -> int:
        return restore(db, removed.pop())

    return do, undo


def moved_position(position: int, step: int, count: int) -> int | None:
    """Where a row at ``position`` moves by ``step`` among ``count`` rows (None: it cannot)."""
    new = position + step
    return new if 0 <= new < count else None
