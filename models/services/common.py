"""What every part of the services shares: the errors, the plain values handed out, and
the helpers used inside a unit of work (the version check among them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models.edits import check_version
from models.entities import (
    Action,
    ActionOwner,
    AgendaItem,
    Attendance,
    Meeting,
    Member,
    Organisation,
    Turn,
    organisation_key,
    utc_now,
)
from models.errors import NotFoundError, ValidationError
from models.meeting_doc import (
    BoardRef,
    OrganisationRef,
)
from models.service_values import (
    AgendaItemRow,
    MeetingRecord,
)
from models.transcripts import whole_meeting_loads

__all__ = [
    "check_next_meeting", "check_times", "find_or_add_organisation", "find_organisation",
    "load_meeting", "load_whole_meeting", "mark_edited", "move_next_meeting_actions",
    "record_of", "renumber",
]  # fmt: skip


# --- helpers inside a unit of work -----------------------------------------------------------


def mark_edited(meeting: Meeting) -> None:
    """Any edit of a meeting's parts counts as an edit of the meeting (and bumps its version).

    Every service that changes a meeting's attendees, items or actions calls this, so the
    optimistic-locking version and the "updated" time move on whatever was changed; and an
    edit made under :func:`models.edits.expecting_version` is refused here (StaleEditError)
    if the meeting moved on since the edit's caller read it."""
    check_version(meeting)
    meeting.updated_at = utc_now()


def find_organisation(session: Session, abbreviation: str) -> Organisation | None:
    return session.scalar(
        select(Organisation).where(Organisation.abbreviation_key == organisation_key(abbreviation))
    )


def find_or_add_organisation(session: Session, ref: OrganisationRef) -> Organisation:
    """The existing organisation with this abbreviation (any case), else a new one."""
    found = find_organisation(session, ref.abbreviation)
    if found is None:
        found = Organisation(name=ref.name, abbreviation=ref.abbreviation)
        session.add(found)
        session.flush()
    return found


def renumber(rows: Sequence[AgendaItem | Attendance | Action | Member | Turn]) -> None:
    """Positions follow list order; done by hand so every path leaves them 0..n-1."""
    for position, row in enumerate(rows):
        row.position = position


def check_times(start: dt.time | None, end: dt.time | None) -> None:
    if start is not None and end is not None and end <= start:
        raise ValidationError(
            "end", f"The end time {end:%H:%M} is not after the start {start:%H:%M}."
        )


def move_next_meeting_actions(meeting: Meeting, previous: dt.date | None) -> None:
    """An action due "next meeting" stores that meeting's date (see models.actions), so when
    the date of the next meeting changes, those actions move with it."""
    new = meeting.next_meeting_date
    if previous is None or new is None or new == previous:
        return
    for action in meeting.actions:
        if action.due_date == previous:
            action.due_date = new


def check_next_meeting(date: dt.date, next_meeting: dt.date | None) -> None:
    if next_meeting is not None and next_meeting <= date:
        raise ValidationError(
            "next_meeting",
            f"The next meeting ({next_meeting:%d %B %Y}) must come after"
            f" this one ({date:%d %B %Y}).",
        )


def load_meeting(session: Session, meeting_id: int, *options: Any) -> Meeting:
    """A meeting, with the relationships ``options`` name loaded up front (so a unit of work
    reads what its caller shows in a few queries, and nothing else); NotFoundError if gone."""
    meeting = session.scalar(select(Meeting).where(Meeting.id == meeting_id).options(*options))
    if meeting is None:
        raise NotFoundError(f"meeting {meeting_id} does not exist")
    return meeting


def load_whole_meeting(session: Session, meeting_id: int) -> Meeting:
    """A meeting with everything in it loaded in a few queries, inside a unit of work."""
    return load_meeting(
        session,
        meeting_id,
        selectinload(Meeting.board),
        selectinload(Meeting.chair_organisation),
        selectinload(Meeting.attendances).selectinload(Attendance.organisation),
        selectinload(Meeting.agenda_items),
        selectinload(Meeting.actions)
        .selectinload(Action.owner_links)
        .selectinload(ActionOwner.organisation),
        *whole_meeting_loads(),
    )


def record_of(meeting: Meeting) -> MeetingRecord:
    return MeetingRecord(
        id=meeting.id,
        version=meeting.version,
        updated_at=meeting.updated_at,
        board=BoardRef(meeting.board.name, meeting.board.abbreviation),
        style=meeting.style,
        title=meeting.title,
        date=meeting.date,
        start=meeting.start_time,
        end=meeting.end_time,
        venue=meeting.venue,
        mode=meeting.mode,
        chair_role=meeting.chair_role,
        chair_organisation=meeting.chair_organisation.abbreviation
        if meeting.chair_organisation
        else None,
        theme=meeting.theme,
        next_meeting=meeting.next_meeting_date,
        status=meeting.status,
        agenda=tuple(
            AgendaItemRow(item.id, item.position, item.title, item.notes, item.confidential)
            for item in meeting.agenda_items
        ),
    )
