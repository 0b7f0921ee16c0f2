"""How a meeting is named to the user: ``RRB Public Note, 19 June 2025``, in the window's title
and in the journal of unsaved edits, which names it to the next start if this one dies.

A module of its own, light to import: the window's title is set before the first paint, when
neither SQLAlchemy nor the edit session (which keeps the journal) is loaded yet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from exporters.formatting import long_date

if TYPE_CHECKING:
    from models.services import MeetingRecord


def meeting_label(record: MeetingRecord) -> str:
    """The board, the printed title and the long date of ``record``."""
    board = record.board.abbreviation or record.board.name
    return f"{board} {record.display_title}, {long_date(record.date)}"
