"""Meetings as wholes: importing, snapshots for the exporters, listing, the editor's record,
creating, deleting, and changing the details."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import extract, func, select, text
from sqlalchemy.orm import Session, selectinload

from models.database import Database
from models.edits import check_version, expecting_version
from models.entities import (
    Action,
    ActionOwner,
    AgendaItem,
    Attendance,
    Board,
    Meeting,
    Organisation,
)
from models.enums import LayoutStyle, MeetingMode, MeetingStatus
from models.errors import NotFoundError, ValidationError
from models.meeting_doc import (
    ActionDoc,
    AgendaItemDoc,
    AttendeeDoc,
    BoardRef,
    ChairDoc,
    MeetingDoc,
    OrganisationRef,
    agenda_with_itemless_actions,
)
from models.publication import as_imported, printed, set_status
from models.service_values import (
    MEETING_GROUPS_SQL,
    MeetingGroup,
    MeetingRecord,
    MeetingSummary,
    meeting_group,
)
from models.services.boards import DEFAULT_BOARD, find_or_add_board
from models.services.common import (
    check_next_meeting,
    check_times,
    find_or_add_organisation,
    find_organisation,
    load_meeting,
    load_whole_meeting,
    mark_edited,
    move_next_meeting_actions,
    record_of,
)
from models.text_keys import text_key
from models.transcripts import add_members, add_turns, member_docs, turn_docs

# --- importing and snapshots -----------------------------------------------------------------


def add_meeting(session: Session, doc: MeetingDoc) -> Meeting:
    check_times(doc.start, doc.end)
    check_next_meeting(doc.date, doc.next_meeting)
    organisations = {
        text_key(ref.abbreviation): find_or_add_organisation(session, ref)
        for ref in doc.organisations
    }

    def org(abbreviation: str) -> Organisation:
        found = organisations.get(text_key(abbreviation))
        if found is None:
            found = find_or_add_organisation(session, doc.organisation(abbreviation))
            organisations[text_key(abbreviation)] = found
        return found

    meeting = Meeting(
        board=find_or_add_board(session, doc.board),
        style=doc.style,
        title=doc.title,
        date=doc.date,
        start_time=doc.start,
        end_time=doc.end,
        venue=doc.venue or "",
        venue_unknown=doc.venue is None,
        mode=doc.mode,
        chair_role=doc.chair.role if doc.chair else None,
        chair_organisation=org(doc.chair.organisation) if doc.chair else None,
        # As imported: the file's names are what this meeting printed (models.publication).
        theme=doc.theme,
        next_meeting_date=doc.next_meeting,
        status=MeetingStatus.DRAFT,
    )
    if doc.chair is not None and meeting.chair_organisation is not None:
        chair = as_imported(meeting.chair_organisation, doc.organisation(doc.chair.organisation))
        meeting.chair_printed_name = chair["printed_name"]
        meeting.chair_printed_abbreviation = chair["printed_abbreviation"]
    session.add(meeting)
    add_members(meeting, doc.members, org)
    for attendee in doc.attendees:
        meeting.attendances.append(
            Attendance(
                organisation=org(attendee.organisation),
                **as_imported(org(attendee.organisation), doc.organisation(attendee.organisation)),
                person_name=attendee.name,
                person_role=attendee.role,
                status=attendee.status,
            )
        )
    for item_doc in doc.agenda:
        item = AgendaItem(
            title=item_doc.title, notes=item_doc.notes, confidential=item_doc.confidential
        )
        meeting.agenda_items.append(item)
        add_turns(meeting, item, item_doc.turns)
        for action_doc in item_doc.actions:
            action = Action(
                agenda_item=item,
                description=action_doc.description,
                due_date=action_doc.due,
                status=action_doc.status,
                resolved_later=action_doc.resolved_later,
            )
            for owner in action_doc.owners:
                action.owner_links.append(
                    ActionOwner(
                        organisation=org(owner),
                        **as_imported(org(owner), doc.organisation(owner)),
                    )
                )
            meeting.actions.append(action)
    session.flush()
    return meeting


def import_meetings(db: Database, docs: Sequence[MeetingDoc]) -> list[int]:
    """Add meetings in one unit of work: all of them, or none if any is refused."""
    with db.begin() as session:
        return [add_meeting(session, doc).id for doc in docs]


def import_meeting(db: Database, doc: MeetingDoc) -> int:
    return import_meetings(db, [doc])[0]


def _doc_of(meeting: Meeting) -> MeetingDoc:
    referenced: dict[str, OrganisationRef] = {}

    def ref(org: Organisation, name: str | None = None, abbreviation: str | None = None) -> str:
        shown = printed(org, name, abbreviation)  # a final meeting keeps the names it printed
        referenced.setdefault(
            text_key(shown.abbreviation), OrganisationRef(shown.name, shown.abbreviation)
        )
        return shown.abbreviation

    attendees = tuple(
        AttendeeDoc(
            organisation=ref(
                attendance.organisation, attendance.printed_name, attendance.printed_abbreviation
            ),
            name=attendance.person_name,
            role=attendance.person_role,
            status=attendance.status,
        )
        for attendance in meeting.attendances
    )
    chair = None
    if meeting.chair_role is not None and meeting.chair_organisation is not None:
        chair = ChairDoc(
            meeting.chair_role,
            ref(
                meeting.chair_organisation,
                meeting.chair_printed_name,
                meeting.chair_printed_abbreviation,
            ),
        )
    item_ids = {item.id for item in meeting.agenda_items}
    actions_by_item: dict[int | None, list[ActionDoc]] = {}
    for action in meeting.actions:
        item_id = action.agenda_item_id if action.agenda_item_id in item_ids else None
        actions_by_item.setdefault(item_id, []).append(
            ActionDoc(
                description=action.description,
                owners=tuple(
                    ref(link.organisation, link.printed_name, link.printed_abbreviation)
                    for link in action.owner_links
                ),
                due=action.due_date,
                status=action.status,
                resolved_later=action.resolved_later,
            )
        )
    # An action whose item was deleted is printed under the last item a public note prints
    # (the house style's "next steps" in AOB), or under an item of its own: never dropped.
    agenda = agenda_with_itemless_actions(
        tuple(
            AgendaItemDoc(
                title=item.title,
                notes=item.notes,
                confidential=item.confidential,
                actions=tuple(actions_by_item.get(item.id, ())),
                turns=turn_docs(item),
            )
            for item in meeting.agenda_items
        ),
        tuple(actions_by_item.pop(None, ())),
    )
    members = member_docs(meeting, ref)
    return MeetingDoc(
        board=BoardRef(meeting.board.name, meeting.board.abbreviation),
        style=meeting.style,
        title=meeting.title,
        date=meeting.date,
        start=meeting.start_time,
        end=meeting.end_time,
        venue=None if meeting.venue_unknown else meeting.venue,
        mode=meeting.mode,
        chair=chair,
        theme=meeting.theme,
        organisations=tuple(referenced.values()),
        attendees=attendees,
        agenda=agenda,
        next_meeting=meeting.next_meeting_date,
        members=members,
    )


def meeting_doc(db: Database, meeting_id: int) -> MeetingDoc:
    """The whole meeting as a value: what the exporters and the JSON writer take."""
    with db.read() as session:
        return _doc_of(load_whole_meeting(session, meeting_id))


# --- listing ---------------------------------------------------------------------------------


def meetings_like(db: Database, doc: MeetingDoc) -> list[int]:
    """The meetings with ``doc``'s board, date and printed-title override: importing ``doc``
    again would make a second copy of one of them (every import asks, or refuses, first).

    The layout is not part of the rule: a board meets once on a day under one title, and
    the same note exported in another layout is the same meeting.
    """
    with db.read() as session:
        return like_meetings(session, doc)


def like_meetings(session: Session, doc: MeetingDoc) -> list[int]:
    """:func:`meetings_like` inside a unit of work (the saving one checks as it writes)."""
    wanted_board = text_key(doc.board.name)
    wanted_title = (doc.title or "").strip()
    rows = session.execute(
        select(Meeting.id, Board.name, Meeting.title)
        .join(Board, Board.id == Meeting.board_id)
        .where(Meeting.date == doc.date)
        .order_by(Meeting.id)
    )
    return [
        meeting_id
        for meeting_id, board_name, title in rows
        if text_key(board_name) == wanted_board and (title or "").strip() == wanted_title
    ]


def already_there(meeting_ids: Sequence[int]) -> str:
    """``already in the archive as meeting 7`` (``as meetings 7 and 9``): how every import
    names the meetings a file would copy."""
    numbers = [str(meeting_id) for meeting_id in meeting_ids]
    if len(numbers) == 1:
        return f"already in the archive as meeting {numbers[0]}"
    return f"already in the archive as meetings {', '.join(numbers[:-1])} and {numbers[-1]}"


def list_meetings(
    db: Database,
    *,
    board: str | None = None,
    year: int | None = None,
    status: MeetingStatus | None = None,
) -> list[MeetingSummary]:
    """All meetings, or those of one board (by name), year and status; newest first (by
    meeting date, then most recently created).

    Columns, not ORM objects: on a 10,000-meeting archive building entities took ~0.5 s
    of the window's start. The archive tree asks for one board's year at a time.
    """
    statement = _newest_first(board=board, year=year, status=status)
    with db.read() as session:
        return [_summary(row) for row in session.execute(statement).all()]


def newest_meeting_on(
    db: Database,
    day: int,
    month: int,
    *,
    board: str | None = None,
    year: int | None = None,
    status: MeetingStatus | None = None,
) -> MeetingSummary | None:
    """The newest meeting held on ``day``/``month`` (of any year, or of ``year``), of one
    board and status if given; None if there is none.

    Typing a date in the archive asks this: the meeting may sit in a year the tree has not
    read, so the tree cannot find it among its rows."""
    statement = _newest_first(board=board, year=year, status=status).where(
        extract("month", _MEETING.date) == month, extract("day", _MEETING.date) == day
    )
    with db.read() as session:
        row = session.execute(statement.limit(1)).first()
    return None if row is None else _summary(row)


def _newest_first(*, board: str | None, year: int | None, status: MeetingStatus | None) -> Any:
    """The archive's lines, newest first (by meeting date, then most recently created),
    of one board (by name), year and status if given."""
    statement = _summary_columns().order_by(_MEETING.date.desc(), _MEETING.id.desc())
    if board is not None:
        statement = statement.where(_BOARD.name == board)
    if year is not None:
        statement = statement.where(
            _MEETING.date.between(dt.date(year, 1, 1), dt.date(year, 12, 31))
        )
    if status is not None:
        statement = statement.where(_MEETING.status == status)
    return statement


_GROUPS = text(MEETING_GROUPS_SQL)


def meeting_groups(db: Database) -> list[MeetingGroup]:
    """How many meetings each board held in each year, by status: one short row per group,
    whatever the archive's size, so the tree and its counts need no meeting listed. The
    database keeps the counts as meetings are written (migration 0009)."""
    with db.read() as session:
        return [meeting_group(row) for row in session.execute(_GROUPS)]


def newest_meeting(db: Database) -> MeetingSummary | None:
    """The newest meeting of all (the date index walked from its end), or None."""
    statement = _summary_columns().order_by(_MEETING.date.desc(), _MEETING.id.desc()).limit(1)
    with db.read() as session:
        row = session.execute(statement).first()
    return None if row is None else _summary(row)


# The archive's lines are read from the tables' columns rather than the mapped classes'
# attributes: the same SQL and the same values, but a read through a mapped class first
# configures every mapper (tens of milliseconds), and the window's first screen, which only
# lists meetings, need not wait for that.
_MEETING = Meeting.__table__.c
_BOARD = Board.__table__.c


def _summary_columns() -> Any:
    return select(
        _MEETING.id,
        _MEETING.date,
        _BOARD.name,
        _BOARD.abbreviation,
        _MEETING.title,
        _MEETING.style,
        _MEETING.status,
        _MEETING.start_time,
    ).join_from(Meeting.__table__, Board.__table__, _MEETING.board_id == _BOARD.id)


def _summary(row: Any) -> MeetingSummary:
    return MeetingSummary(
        id=row[0],
        date=row[1],
        start=row[7],
        board_name=row[2],
        board_abbreviation=row[3],
        title=row[5].title_of(row[4]),
        style=row[5],
        status=row[6],
    )


def meeting_summary(db: Database, meeting_id: int) -> MeetingSummary:
    """One meeting's line in the archive (one query, whatever the archive's size)."""
    with db.read() as session:
        row = session.execute(_summary_columns().where(_MEETING.id == meeting_id)).first()
    if row is None:
        raise NotFoundError(f"meeting {meeting_id} does not exist")
    return _summary(row)


def meeting_version(db: Database, meeting_id: int) -> int | None:
    """The meeting's version (one primary-key read), None if it is gone: whether what a
    window shows is still what the archive holds, after another program wrote to it."""
    with db.read() as session:
        return session.scalar(select(_MEETING.version).where(_MEETING.id == meeting_id))


def meeting_count(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Meeting)) or 0


# --- the editor's record ---------------------------------------------------------------------


def meeting_record(db: Database, meeting_id: int) -> MeetingRecord:
    """What the editor needs to show a meeting: its details and its items, nothing more
    (attendees and actions have their own queries), since this runs on every open."""
    with db.read() as session:
        return record_of(_meeting_for_record(session, meeting_id))


def _meeting_for_record(session: Session, meeting_id: int) -> Meeting:
    """The meeting with what its record shows (details, board, chair, items) and no more."""
    return load_meeting(
        session,
        meeting_id,
        selectinload(Meeting.board),
        selectinload(Meeting.chair_organisation),
        selectinload(Meeting.agenda_items),
    )


def create_meeting(
    db: Database,
    *,
    date: dt.date,
    board: BoardRef = DEFAULT_BOARD,
    style: LayoutStyle = LayoutStyle.PUBLIC_NOTE,
    mode: MeetingMode = MeetingMode.IN_PERSON,
    meeting_id: int | None = None,
) -> int:
    """A new, empty draft meeting of a board; ``meeting_id``: made again with the ID it had
    (the redo of an undone "New meeting": later steps name it by that ID)."""
    with db.begin() as session:
        meeting = Meeting(
            board=find_or_add_board(session, board), style=style, date=date, mode=mode, venue=""
        )
        if meeting_id is not None:
            meeting.id = meeting_id
        session.add(meeting)
        session.flush()
        return meeting.id


def delete_new_meeting(db: Database, meeting_id: int, as_made: MeetingDoc) -> MeetingDoc:
    """Delete a meeting only while it is as it was made, ``as_made`` (the undo of "New
    meeting"): anything typed into it since and not taken back (a venue, an item, an
    attendee, a status) refuses the deletion, so nothing typed is lost to an undo."""
    with db.begin() as session:
        refusal = "the new meeting holds changes that undo did not take back"
        meeting = check_as_made(session, meeting_id, as_made, refusal)
        session.delete(meeting)
        return as_made


def check_as_made(session: Session, meeting_id: int, as_made: MeetingDoc, refusal: str) -> Meeting:
    """The meeting, if it is a draft holding exactly ``as_made``, else ValidationError with
    ``refusal``: the undo and redo of a new meeting (Ctrl+N, Ctrl+Alt+N) delete or make
    again only the meeting that was made, never one that holds something else."""
    meeting = load_whole_meeting(session, meeting_id)
    if _doc_of(meeting) != as_made or meeting.status is not MeetingStatus.DRAFT:
        raise ValidationError("meeting", refusal)
    return meeting


def delete_meeting(db: Database, meeting_id: int) -> int:
    """Delete a meeting and everything in it.

    An earlier action whose open roll-over copy goes with it is open again, in the same unit
    of work, as when that copy alone is deleted: an open action never silently disappears.
    Returns how many were reopened, which the window tells the person who deleted it."""
    # models.actions imports models.services: imported here, not at the top (cycle).
    from models.actions import reopen_originals_of  # noqa: PLC0415 (cycle)

    with db.begin() as session:
        meeting = load_whole_meeting(session, meeting_id)
        reopened = reopen_originals_of(session, meeting)
        session.delete(meeting)
        return len(reopened)


EDITABLE_DETAILS = frozenset(
    {
        "board", "style", "title", "date", "start", "end", "venue", "mode", "chair_role",
        "chair_organisation", "theme", "next_meeting", "status",
    }
)  # fmt: skip


def update_meeting(
    db: Database, meeting_id: int, *, expected_version: int | None = None, **changes: Any
) -> MeetingRecord:
    """Change some of a meeting's details; the rest stay as they are.

    ``expected_version`` guards against a second window having saved in between: the edit is
    refused (StaleEditError) rather than overwriting that window's work.
    """
    unknown = set(changes) - EDITABLE_DETAILS
    if unknown:
        raise TypeError(f"not an editable detail: {', '.join(sorted(unknown))}")
    if expected_version is not None:
        with expecting_version(meeting_id, expected_version):
            return update_meeting(db, meeting_id, **changes)
    with db.begin() as session:
        # What the returned record shows; the actions load only if the next meeting moves.
        meeting = _meeting_for_record(session, meeting_id)
        # Checked before any change: loading the actions below flushes (and versions) them.
        check_version(meeting)
        previous_next_meeting = meeting.next_meeting_date
        columns = {
            "start": "start_time",
            "end": "end_time",
            "next_meeting": "next_meeting_date",
        }
        for key, value in changes.items():
            if key == "board":  # a board ID (boards are made with create_board)
                board = session.get(Board, value)
                if board is None:
                    raise ValidationError(key, "That board no longer exists; choose another.")
                meeting.board = board
            elif key == "chair_organisation":
                org = None if value in (None, "") else find_organisation(session, value)
                if value not in (None, "") and org is None:
                    raise ValidationError(key, f"No organisation has the abbreviation “{value}”.")
                meeting.chair_organisation = org
            elif key == "title":
                meeting.title = (value or "").strip() or None
            elif key == "venue":  # typing a venue makes it known
                meeting.venue = value
                meeting.venue_unknown = False
            elif key in ("theme", "chair_role"):
                setattr(meeting, key, (value or "").strip() or None)
            elif key == "status":
                set_status(meeting, value)
            else:
                setattr(meeting, columns.get(key, key), value)
        check_times(meeting.start_time, meeting.end_time)
        check_next_meeting(meeting.date, meeting.next_meeting_date)
        move_next_meeting_actions(meeting, previous_next_meeting)
        mark_edited(meeting)
        session.flush()
        return record_of(meeting)
