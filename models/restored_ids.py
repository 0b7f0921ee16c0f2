"""The ID a row put back by undo gets: its old one while that is free.

Later steps of an undo stack name rows by ID, so a restore keeps the old one; but SQLite
gives a new row the highest free ID, which may be the deleted row's (another meeting's new
member, say), and inserting it again would then fail. Such a row comes back with a new ID
instead: the steps naming the old one are refused and said, nothing is lost.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from models.entities import Base


def old_id_if_free(session: Session, entity: type[Base], row_id: int) -> int | None:
    """``row_id`` if no ``entity`` row holds it now, else None (a new ID is given)."""
    return row_id if session.get(entity, row_id) is None else None
