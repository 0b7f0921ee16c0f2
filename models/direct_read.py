"""What an export of one meeting reads, straight from an SQLite archive file.

Why this exists beside the ORM: ``rrb-desktop export`` and ``check`` are processes of their
own, and importing SQLAlchemy and the mapped classes took most of such a process's time
(``benchmarks/export.py``), far more than reading one meeting. These reads use the standard
library's ``sqlite3`` only, held to reading (``query_only``), in one transaction (one
snapshot).

Why it is sound: it reads a file only at the schema revision it was written for
(:data:`READS_REVISION`), checked inside the snapshot it reads; anything else (an older
archive that needs migrating, a newer one, a locked file, a value it cannot read) raises
:class:`DirectReadError`, and the caller goes the usual way through ``models.database``,
which migrates or explains. A file the archive check refuses (damaged, another program's)
raises that check's own error, as the usual way would.
A test holds ``READS_REVISION`` to ``HEAD_REVISION``, so a new migration cannot slip past
this module; property tests hold every value read here to the ORM's
(``models.services.meeting_doc``, ``models.publication``), random meetings included.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from models.archive_file import check_archive_file, connection_to_file
from models.backups import check_pages_today
from models.enums import ActionStatus, AttendanceStatus, LayoutStyle, MeetingMode
from models.meeting_doc import (
    ActionDoc,
    AgendaItemDoc,
    AttendeeDoc,
    BoardRef,
    ChairDoc,
    MeetingDoc,
    MemberDoc,
    OrganisationRef,
    TurnDoc,
    agenda_with_itemless_actions,
)
from models.printed_names import PrintedOrganisation, distinct_person_names, printed_form
from models.text_keys import text_key

READS_REVISION = "0013"
"""The schema these queries were written for; a test keeps it equal to ``HEAD_REVISION``."""


class DirectReadError(Exception):
    """This file cannot be read here; the caller opens it through ``models.database``."""


class ArchiveReader:
    """Reads of one SQLite archive file at :data:`READS_REVISION`, in one snapshot.

    ``pages_checked``: whether every page was read before (the day's first start, when the
    caller also makes the day's backup).
    """

    def __init__(self, connection: sqlite3.Connection, *, pages_checked: bool) -> None:
        self._connection = connection
        self.pages_checked = pages_checked

    def meeting_doc(self, meeting_id: int) -> MeetingDoc | None:
        """The meeting as ``models.services.meeting_doc`` gives it; None if there is none."""
        try:
            return _meeting_doc(self._connection, meeting_id)
        except (sqlite3.Error, ValueError, TypeError) as error:
            raise DirectReadError(str(error)) from error

    def person_names(self) -> list[str]:
        """As ``models.publication.person_names``: every person named in any attendance."""
        try:
            names = self._connection.execute(
                "SELECT DISTINCT person_name FROM attendance WHERE person_name IS NOT NULL"
            )
            return distinct_person_names(name for (name,) in names)
        except sqlite3.Error as error:
            raise DirectReadError(str(error)) from error

    def allowed_names(self, meeting_id: int) -> list[str]:
        """As ``models.publication.allowed_names``."""
        try:
            rows = self._connection.execute(
                "SELECT name FROM allowed_name WHERE meeting_id = ?", (meeting_id,)
            )
            return sorted(name for (name,) in rows)
        except sqlite3.Error as error:
            raise DirectReadError(str(error)) from error


@contextmanager
def archive_reader(path: Path) -> Iterator[ArchiveReader]:
    """A reader of ``path``, or DirectReadError when the file is not one to read here.

    The file is checked first as ``Database.open`` checks it (held to reading; every page
    on the first start of a day, :func:`models.backups.check_pages_today`), and a file that
    check refuses raises its ArchiveFileError, whose message is the one the usual way would
    give. The identity that decides it, the check and the reads all go through one
    connection: each connection reads the archive's whole schema before its first query.
    """
    opened = connection_to_file(path)
    check_pages = check_pages_today(path, opened)
    connection = reading_connection(path, check_pages=check_pages, opened=opened)
    try:
        yield ArchiveReader(connection, pages_checked=check_pages)
    finally:
        connection.close()


def reading_connection(
    path: Path, *, check_pages: bool, opened: sqlite3.Connection | None = None
) -> sqlite3.Connection:
    """A connection to ``path`` in one read transaction (one snapshot) at
    :data:`READS_REVISION`; DirectReadError if the file is at another revision or cannot be
    read, the archive check's ArchiveFileError if that check refuses the file.

    The connection is :func:`models.archive_file.reading_connection_of`'s (held to reading,
    its close tidying SQLite's -wal and -shm files): ``opened`` if the caller has one open
    already, else one opened here; the check looks through it too, since each connection
    reads the archive's whole schema first. Closed here if the file is refused; otherwise
    the caller closes it.
    """
    if opened is None:
        opened = connection_to_file(path)
    try:
        state = check_archive_file(path, quick_check=check_pages, connection=opened)
        if state.revision != READS_REVISION:
            raise DirectReadError(f"{path}: schema {state.revision}, not {READS_REVISION}")
    except BaseException:
        if opened is not None:
            opened.close()
        raise
    if opened is None:  # the check passed a file that could not be opened (it changed since)
        raise DirectReadError(f"{path}: cannot be opened to read")
    connection = opened
    try:
        connection.execute("BEGIN")  # one snapshot for every read, the revision's too
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error as error:
        connection.close()
        raise DirectReadError(str(error)) from error
    if revision != (READS_REVISION,):  # upgraded between the check and the snapshot
        connection.close()
        raise DirectReadError(f"{path}: schema {revision}, not {READS_REVISION}")
    return connection


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _time(value: str | None) -> dt.time | None:
    return None if value is None else dt.time.fromisoformat(value)


_MEETING = """
SELECT b.name, b.abbreviation, m.style, m.title, m.date, m.start_time, m.end_time, m.venue,
       m.venue_unknown, m.mode, m.chair_role, co.name, co.abbreviation, m.chair_printed_name,
       m.chair_printed_abbreviation, m.theme, m.next_meeting_date
FROM meeting m JOIN board b ON b.id = m.board_id
LEFT JOIN organisation co ON co.id = m.chair_organisation_id
WHERE m.id = ?
"""
_ATTENDANCES = """
SELECT o.name, o.abbreviation, a.printed_name, a.printed_abbreviation, a.person_name,
       a.person_role, a.status
FROM attendance a JOIN organisation o ON o.id = a.organisation_id
WHERE a.meeting_id = ? ORDER BY a.position, a.id
"""
_ITEMS = """
SELECT id, title, notes, confidential FROM agenda_item WHERE meeting_id = ? ORDER BY position, id
"""
_ACTIONS = """
SELECT id, agenda_item_id, description, due_date, status, resolved_later FROM action
WHERE meeting_id = ? ORDER BY position, id
"""
_OWNERS = """
SELECT ao.action_id, o.name, o.abbreviation, ao.printed_name, ao.printed_abbreviation
FROM action a JOIN action_owner ao ON ao.action_id = a.id
JOIN organisation o ON o.id = ao.organisation_id
WHERE a.meeting_id = ? ORDER BY ao.action_id, ao.position
"""
_TURNS = """
SELECT t.agenda_item_id, t.speaker, t.text
FROM agenda_item i JOIN turn t ON t.agenda_item_id = i.id
WHERE i.meeting_id = ? ORDER BY t.agenda_item_id, t.position, t.id
"""
_MEMBERS = """
SELECT m.name, m.role, o.name, o.abbreviation, m.chair
FROM member m LEFT JOIN organisation o ON o.id = m.organisation_id
WHERE m.meeting_id = ? ORDER BY m.position, m.id
"""


def _meeting_doc(connection: sqlite3.Connection, meeting_id: int) -> MeetingDoc | None:
    """``models.services.meetings._doc_of`` over plain rows, in the same order of references
    (attendees, chair, actions, members), since the order of ``organisations`` is part of
    the value."""
    row = connection.execute(_MEETING, (meeting_id,)).fetchone()
    if row is None:
        return None
    (board_name, board_abbreviation, style, title, date, start, end, venue, venue_unknown,
     mode, chair_role, chair_name, chair_abbreviation, chair_printed_name,
     chair_printed_abbreviation, theme, next_meeting) = row  # fmt: skip
    referenced: dict[str, OrganisationRef] = {}

    def ref(shown: PrintedOrganisation) -> str:
        referenced.setdefault(
            text_key(shown.abbreviation), OrganisationRef(shown.name, shown.abbreviation)
        )
        return shown.abbreviation

    attendees = tuple(
        AttendeeDoc(
            organisation=ref(printed_form(name, abbreviation, printed_name, printed_abbreviation)),
            name=person_name,
            role=person_role,
            status=AttendanceStatus(status),
        )
        for (
            name,
            abbreviation,
            printed_name,
            printed_abbreviation,
            person_name,
            person_role,
            status,
        ) in connection.execute(_ATTENDANCES, (meeting_id,))
    )
    chair = None
    if chair_role is not None and chair_name is not None:
        chair = ChairDoc(
            chair_role,
            ref(
                printed_form(
                    chair_name, chair_abbreviation, chair_printed_name, chair_printed_abbreviation
                )
            ),
        )
    owners: dict[int, list[PrintedOrganisation]] = {}
    for action_id, name, abbreviation, printed_name, printed_abbreviation in connection.execute(
        _OWNERS, (meeting_id,)
    ):
        owners.setdefault(action_id, []).append(
            printed_form(name, abbreviation, printed_name, printed_abbreviation)
        )
    items = connection.execute(_ITEMS, (meeting_id,)).fetchall()
    item_ids = {item_id for item_id, *_ in items}
    actions_by_item: dict[int | None, list[ActionDoc]] = {}
    for action_id, item_id, description, due, status, resolved_later in connection.execute(
        _ACTIONS, (meeting_id,)
    ).fetchall():
        actions_by_item.setdefault(item_id if item_id in item_ids else None, []).append(
            ActionDoc(
                description=description,
                owners=tuple(ref(owner) for owner in owners.get(action_id, ())),
                due=_date(due),
                status=ActionStatus(status),
                resolved_later=bool(resolved_later),
            )
        )
    turns: dict[int, list[TurnDoc]] = {}
    for item_id, speaker, words in connection.execute(_TURNS, (meeting_id,)):
        turns.setdefault(item_id, []).append(TurnDoc(speaker=speaker, text=words))
    agenda = agenda_with_itemless_actions(
        tuple(
            AgendaItemDoc(
                title=title,
                notes=notes,
                confidential=bool(confidential),
                actions=tuple(actions_by_item.get(item_id, ())),
                turns=tuple(turns.get(item_id, ())),
            )
            for item_id, title, notes, confidential in items
        ),
        tuple(actions_by_item.pop(None, ())),
    )
    members = tuple(
        MemberDoc(
            name=name,
            role=role,
            organisation=None
            if org_name is None
            else ref(PrintedOrganisation(org_name, org_abbreviation)),
            chair=bool(is_chair),
        )
        for name, role, org_name, org_abbreviation, is_chair in connection.execute(
            _MEMBERS, (meeting_id,)
        )
    )
    return MeetingDoc(
        board=BoardRef(board_name, board_abbreviation),
        style=LayoutStyle(style),
        title=title,
        date=dt.date.fromisoformat(date),
        start=_time(start),
        end=_time(end),
        venue=None if venue_unknown else venue,
        mode=MeetingMode(mode),
        chair=chair,
        theme=theme,
        organisations=tuple(referenced.values()),
        attendees=attendees,
        agenda=agenda,
        next_meeting=_date(next_meeting),
        members=members,
    )
