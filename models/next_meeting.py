"""Starting the next meeting from the last one.

Most of a board's meetings look like the one before: same board, layout, venue, mode and
chair, much the same organisations around the table, and an agenda that opens with
"Welcome & Apologies" (where the previous actions are reviewed) and closes with "AOB and
Close". Copying those saves the secretary ten minutes of typing before every meeting. The
previous meeting's open actions need no copying: the editor's review panel lists every open
action of the board's earlier meetings.

Making the meeting can be undone (:mod:`ui.shell.new_meeting_undo`), and redone: the redo
makes it again from the same previous meeting with the IDs it had the first time
(:class:`MadeFromPrevious`), since the steps redone after it name its items and attendees
by ID.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from models.database import Database
from models.entities import AgendaItem, Attendance, Meeting
from models.enums import AttendanceStatus, MeetingStatus
from models.meeting_doc import MeetingDoc
from models.services import NotFoundError, ValidationError
from models.services.meetings import check_as_made

FIRST_ITEM = "Welcome & Apologies"
LAST_ITEM = "AOB and Close"


PREVIOUS_CHANGED = (
    "the previous meeting changed since (its attendees, venue or chair), so the new meeting"
    " cannot be made again as it was"
)


@dataclass(frozen=True, slots=True)
class MadeFromPrevious:
    """A meeting made from the previous one: what it was made from, and its rows' IDs."""

    previous_id: int
    date: dt.date  # given, or the previous meeting's next-meeting date: the redo gives it
    meeting_id: int
    attendance_ids: tuple[int, ...]
    item_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class _Ids:
    """The IDs the rows of a meeting made again take (None: the database's next)."""

    meeting: int | None
    attendances: tuple[int | None, ...]
    items: tuple[int | None, ...]


def create_from_previous(db: Database, previous_id: int, *, date: dt.date | None = None) -> int:
    """A new draft meeting that continues ``previous_id``; returns its ID.

    The date is ``date`` if given, else the previous meeting's "next meeting" date; with
    neither, or a date not after the previous meeting, ValidationError(field="date").
    Attendees are copied with their status reset to present.
    """
    return start_from_previous(db, previous_id, date=date).meeting_id


def start_from_previous(
    db: Database, previous_id: int, *, date: dt.date | None = None
) -> MadeFromPrevious:
    """:func:`create_from_previous`, telling the rows made (for its undo step)."""
    with db.begin() as session:
        meeting = _continue(session, previous_id, date, again=None)
        return MadeFromPrevious(
            previous_id,
            meeting.date,
            meeting.id,
            tuple(row.id for row in meeting.attendances),
            tuple(item.id for item in meeting.agenda_items),
        )


def make_again(db: Database, made: MadeFromPrevious, as_made: MeetingDoc) -> None:
    """The redo of an undone "New meeting from previous": the meeting made again, under the
    same IDs, as long as it comes out ``as_made``; if the previous meeting changed meanwhile
    (another window), ValidationError and nothing is made, rather than a different meeting
    that the steps above it would edit by IDs that no longer mean the same rows."""
    with db.begin() as session:
        _continue(session, made.previous_id, made.date, again=made)
        check_as_made(session, made.meeting_id, as_made, PREVIOUS_CHANGED)


def _continue(
    session: Session, previous_id: int, date: dt.date | None, *, again: MadeFromPrevious | None
) -> Meeting:
    """The next meeting after ``previous_id``, added to ``session``; ``again``: with the IDs
    of the rows it had when first made."""
    previous = session.get(Meeting, previous_id)
    if previous is None:
        raise NotFoundError(f"meeting {previous_id} does not exist")
    when = date or previous.next_meeting_date
    if when is None:
        raise ValidationError(
            "date",
            "The previous meeting has no next meeting date; choose the new meeting's date.",
        )
    if when <= previous.date:
        raise ValidationError(
            "date",
            f"The new meeting ({when:%d %B %Y}) must come after the previous one"
            f" ({previous.date:%d %B %Y}).",
        )
    attendances = list(previous.attendances)  # loaded before anything is added (autoflush)
    if again is None:
        ids = _Ids(None, (None,) * len(attendances), (None, None))
    elif len(attendances) != len(again.attendance_ids):
        raise ValidationError("meeting", PREVIOUS_CHANGED)
    else:  # given as the rows are made: an ID changed after a flush would be an UPDATE
        ids = _Ids(again.meeting_id, again.attendance_ids, again.item_ids)
    meeting = Meeting(
        id=ids.meeting,
        board=previous.board,
        style=previous.style,
        date=when,
        start_time=previous.start_time,
        end_time=previous.end_time,
        venue=previous.venue,
        mode=previous.mode,
        chair_role=previous.chair_role,
        chair_organisation=previous.chair_organisation,
        status=MeetingStatus.DRAFT,
    )
    for attendance, attendance_id in zip(attendances, ids.attendances, strict=True):
        meeting.attendances.append(
            Attendance(
                id=attendance_id,
                organisation=attendance.organisation,
                person_name=attendance.person_name,
                person_role=attendance.person_role,
                status=AttendanceStatus.PRESENT,
            )
        )
    for title, item_id in zip((FIRST_ITEM, LAST_ITEM), ids.items, strict=True):
        meeting.agenda_items.append(AgendaItem(id=item_id, title=title, notes=""))
    session.add(meeting)
    session.flush()
    return meeting
