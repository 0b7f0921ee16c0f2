"""Boards and the directory lists the details form offers (boards, venues, organisations)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.database import Database
from models.entities import (
    Board,
    Meeting,
    Organisation,
)
from models.errors import ValidationError
from models.meeting_doc import (
    BoardRef,
)
from models.service_values import OrganisationRow
from models.text_keys import text_key

DEFAULT_BOARD = BoardRef("Reducing Reoffending Board", "RRB")


def find_or_add_board(session: Session, ref: BoardRef) -> Board:
    # Boards are few; matching in Python keeps non-ASCII names case-insensitive too.
    wanted = text_key(ref.name)
    board = next(
        (row for row in session.scalars(select(Board)) if text_key(row.name) == wanted), None
    )
    if board is None:
        board = Board(name=ref.name, abbreviation=ref.abbreviation)
        session.add(board)
        session.flush()
    return board


@dataclass(frozen=True, slots=True)
class BoardRow:
    id: int
    name: str
    abbreviation: str


def list_boards(db: Database) -> list[BoardRow]:
    """Every board, by name (the secretary's own board is usually the only one)."""
    with db.read() as session:
        boards = session.scalars(select(Board))
        rows = [BoardRow(board.id, board.name, board.abbreviation) for board in boards]
    return sorted(rows, key=lambda row: row.name.casefold())


def create_board(db: Database, name: str, abbreviation: str) -> BoardRow:
    """A new board; refused (ValidationError) without a name, or with a name in use."""
    name = " ".join(name.split())
    abbreviation = abbreviation.strip()
    if not name:
        raise ValidationError("board_name", "Type the board's name.")
    if not abbreviation:
        raise ValidationError("board_abbreviation", "Type the board's abbreviation, e.g. RRB.")
    with db.begin() as session:
        if any(text_key(row.name) == text_key(name) for row in session.scalars(select(Board))):
            raise ValidationError("board_name", f"There is already a board called {name}.")
        board = Board(name=name, abbreviation=abbreviation)
        session.add(board)
        session.flush()
        return BoardRow(board.id, board.name, board.abbreviation)


def venues_used(db: Database) -> list[str]:
    """Every venue typed before, the most recently used first, each once."""
    with db.read() as session:
        rows = session.execute(
            select(Meeting.venue, func.max(Meeting.date).label("last"))
            .where(Meeting.venue != "")
            .group_by(Meeting.venue)
            .order_by(func.max(Meeting.date).desc(), Meeting.venue)
        ).all()
    seen: set[str] = set()
    venues = []
    for venue, _last in rows:
        key = " ".join(venue.split()).casefold()
        if key and key not in seen:
            seen.add(key)
            venues.append(venue.strip())
    return venues


def list_organisations(db: Database) -> list[OrganisationRow]:
    with db.read() as session:
        rows = session.scalars(select(Organisation).order_by(func.lower(Organisation.name)))
        return [OrganisationRow(org.id, org.name, org.abbreviation) for org in rows]
