"""The archive tree's reads straight from an SQLite archive file, for the window's first screen.

Why this exists beside the services: the window's first screen is the meeting list, and
importing SQLAlchemy and the mapped classes took longer than everything else the window
does before that list is painted (``benchmarks/archive.py``). So ``rrb_desktop.app`` paints
the list from these reads, with the standard library's ``sqlite3``, and loads SQLAlchemy
just after the first paint, when the window reads the archive again through the services
and goes on from there.

Why it is sound: it reads through :func:`models.direct_read.reading_connection` (a file at
the schema revision these queries were written for, checked inside one snapshot, held to
reading); anything else raises ``DirectReadError`` or the archive check's error before the
window is made, and the app goes the usual way. The answers are the services' own
(``meeting_groups``, ``list_meetings``, ``meeting_summary``, ``newest_meeting``,
``newest_meeting_on``): property tests hold them equal on random archives.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from models.direct_read import DirectReadError, reading_connection
from models.enums import LayoutStyle, MeetingStatus
from models.service_values import MEETING_GROUPS_SQL, MeetingGroup, MeetingSummary, meeting_group

_SUMMARY = (
    "SELECT m.id, m.date, b.name, b.abbreviation, m.title, m.style, m.status, m.start_time"
    " FROM meeting m JOIN board b ON b.id = m.board_id"
)
_NEWEST_FIRST = " ORDER BY m.date DESC, m.id DESC"

log = logging.getLogger(__name__)
T = TypeVar("T")


class DirectArchive:
    """The archive's groups and meeting lines from one snapshot of an SQLite file.

    The snapshot is the file as it was when the window started: the window reads the
    archive again through the services once SQLAlchemy has loaded, and closes this.
    """

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._connection = connection
        self.path = path

    @classmethod
    def open(cls, path: Path) -> DirectArchive:
        """``path`` read without SQLAlchemy; DirectReadError (or the archive check's
        ArchiveFileError) when it is not a file to read this way.

        Every page is not checked here, even on the first start of a day: the database
        opened after the first paint does that check, before anything can be edited.
        """
        return cls(reading_connection(path, check_pages=False), path)

    def close(self) -> None:
        self._connection.close()

    def groups(self) -> list[MeetingGroup]:
        """DirectReadError if they cannot be read: the app then goes the usual way."""
        return self._read(MEETING_GROUPS_SQL, (), meeting_group)

    def newest(self) -> MeetingSummary | None:
        """DirectReadError if it cannot be read: the app then goes the usual way."""
        rows = self._read(_SUMMARY + _NEWEST_FIRST + " LIMIT 1", (), _summary)
        return rows[0] if rows else None

    # The tree asks these as it lays itself out, where nothing can be raised: as
    # ui.archive.archive_source.DatabaseMeetings does, a failure is logged and reads as none
    # (the list is read again through the services just after the first paint).

    def meetings_of(
        self, board: str, year: int, status: MeetingStatus | None
    ) -> list[MeetingSummary]:
        where, parameters = _filters(board=board, year=year, status=status)
        try:
            return self._read(_SUMMARY + where + _NEWEST_FIRST, parameters, _summary)
        except DirectReadError:
            log.exception("listing the meetings of %s in %s failed", board, year)
            return []

    def summary(self, meeting_id: int) -> MeetingSummary | None:
        try:
            rows = self._read(_SUMMARY + " WHERE m.id = ?", (meeting_id,), _summary)
        except DirectReadError:
            log.exception("reading meeting %s failed", meeting_id)
            return None
        return rows[0] if rows else None

    def newest_on(
        self, day: int, month: int, *, board: str | None, year: int | None,
        status: MeetingStatus | None,
    ) -> MeetingSummary | None:  # fmt: skip
        where, parameters = _filters(board=board, year=year, status=status)
        where += (" AND " if where else " WHERE ") + (
            "CAST(strftime('%m', m.date) AS INTEGER) = ?"
            " AND CAST(strftime('%d', m.date) AS INTEGER) = ?"
        )
        query = _SUMMARY + where + _NEWEST_FIRST + " LIMIT 1"
        try:
            rows = self._read(query, (*parameters, month, day), _summary)
        except DirectReadError:
            log.exception("looking for a meeting on %s/%s failed", day, month)
            return None
        return rows[0] if rows else None

    def _read(
        self, query: str, parameters: tuple[object, ...], value: Callable[[Any], T]
    ) -> list[T]:
        """Each row made a value; DirectReadError for a row SQLite or the value refuses (a
        date or status this module cannot read), as ``models.direct_read`` does."""
        try:
            return [value(row) for row in self._connection.execute(query, parameters)]
        except (sqlite3.Error, ValueError, TypeError) as error:
            raise DirectReadError(str(error)) from error


def _filters(
    *, board: str | None, year: int | None, status: MeetingStatus | None
) -> tuple[str, tuple[object, ...]]:
    """The WHERE clause of ``models.services.meetings._newest_first``, and its values."""
    clauses: list[str] = []
    parameters: list[object] = []
    if board is not None:
        clauses.append("b.name = ?")
        parameters.append(board)
    if year is not None:
        clauses.append("m.date BETWEEN ? AND ?")
        parameters += [f"{year:04d}-01-01", f"{year:04d}-12-31"]
    if status is not None:
        clauses.append("m.status = ?")
        parameters.append(status.value)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), tuple(parameters)


def _summary(row: Any) -> MeetingSummary:
    """``models.services.meetings._summary`` over a plain row."""
    meeting_id, date, board_name, board_abbreviation, title, style, status, start = row
    layout = LayoutStyle(style)
    return MeetingSummary(
        id=meeting_id,
        date=dt.date.fromisoformat(date),
        start=None if start is None else dt.time.fromisoformat(start),
        board_name=board_name,
        board_abbreviation=board_abbreviation,
        title=layout.title_of(title),
        style=layout,
        status=MeetingStatus(status),
    )
