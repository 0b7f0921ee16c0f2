"""The plain values the services hand out: frozen, with no session behind them.

Apart from ``models.services`` (which reads them through the ORM) so that the window's
first screen, drawn before SQLAlchemy loads, can show them (``models.direct_read`` reads
the same values with Python's own ``sqlite3``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from models.enums import LayoutStyle, MeetingMode, MeetingStatus
from models.meeting_doc import BoardRef


@dataclass(frozen=True, slots=True)
class MeetingSummary:
    id: int
    date: dt.date
    start: dt.time | None  # tells apart two meetings of a board on one day
    board_name: str
    board_abbreviation: str
    title: str
    style: LayoutStyle
    status: MeetingStatus


@dataclass(frozen=True, slots=True)
class MeetingGroup:
    """How many meetings one board held in one year with one status: the archive tree's
    board and year rows and its counts come from these, without listing the meetings."""

    board_name: str
    board_abbreviation: str
    year: int
    status: MeetingStatus
    count: int


@dataclass(frozen=True, slots=True)
class AgendaItemRow:
    id: int
    position: int
    title: str
    notes: str
    confidential: bool


@dataclass(frozen=True, slots=True)
class MeetingRecord:
    """What the editor shows: the details plus the items, with database IDs."""

    id: int
    version: int
    updated_at: dt.datetime
    board: BoardRef
    style: LayoutStyle
    title: str | None
    date: dt.date
    start: dt.time | None
    end: dt.time | None
    venue: str
    mode: MeetingMode
    chair_role: str | None
    chair_organisation: str | None  # abbreviation
    theme: str | None
    next_meeting: dt.date | None
    status: MeetingStatus
    agenda: tuple[AgendaItemRow, ...]

    @property
    def display_title(self) -> str:
        return self.style.title_of(self.title)


@dataclass(frozen=True, slots=True)
class OrganisationRow:
    id: int
    name: str
    abbreviation: str


MEETING_GROUPS_SQL = (
    "SELECT b.name, b.abbreviation, g.year, g.status, g.count FROM meeting_group_count g"
    " JOIN board b ON b.id = g.board_id"
)
"""The archive tree's groups, from the counts the database keeps (migration 0009): the
services run it through SQLAlchemy, the first screen through ``sqlite3``
(``models.direct_archive``), each row made a value by :func:`meeting_group`."""


def meeting_group(row: Any) -> MeetingGroup:
    name, abbreviation, year, status, count = row
    return MeetingGroup(name, abbreviation, int(year), MeetingStatus(status), int(count))
