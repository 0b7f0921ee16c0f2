"""Starting the next meeting from the last one.

Most of a board's meetings look like the one before: same board, layout, venue, mode and
chair, much the same organisations around the table, and an agenda that opens with
"Welcome & Apologies" (where the previous actions are reviewed) and closes with "AOB and
Close". Copying those saves the secretary ten minutes of typing before every meeting. The
previous meeting's open actions need no copying: the editor's review panel lists every open
action of the board's earlier meetings.
"""

from __future__ import annotations

import datetime as dt

from models.database import Database
from models.entities import AgendaItem, Attendance, Meeting
from models.enums import AttendanceStatus, MeetingStatus
from models.services import NotFoundError, ValidationError

FIRST_ITEM = "Welcome & Apologies"
LAST_ITEM = "AOB and Close"


def create_from_previous(db: Database, previous_id: int, *, date: dt.date | None = None) -> int:
    """A new draft meeting that continues ``previous_id``; returns its ID.

    The date is ``date`` if given, else the previous meeting's "next meeting" date; with
    neither, or a date not after the previous meeting, ValidationError(field="date").
    Attendees are copied with their status reset to present.
    """
    with db.begin() as session:
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
        meeting = Meeting(
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
        session.add(meeting)
        for attendance in previous.attendances:
            meeting.attendances.append(
                Attendance(
                    organisation=attendance.organisation,
                    person_name=attendance.person_name,
                    person_role=attendance.person_role,
                    status=AttendanceStatus.PRESENT,
                )
            )
        meeting.agenda_items.append(AgendaItem(title=FIRST_ITEM, notes=""))
        meeting.agenda_items.append(AgendaItem(title=LAST_ITEM, notes=""))
        session.flush()
        return meeting.id
