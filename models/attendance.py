"""Who attended a meeting: organisations with a status, optionally the person and their role.

Each function is one unit of work and hands back frozen values. Removal returns everything
needed to put the row back *with the same ID* (:func:`restore_attendees`), so the editor's
undo stack can replay later commands that refer to it. Person names and roles are internal:
the public note prints organisations only (``HOUSE_STYLE.md``), but the secretary may want
to know who came.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models.database import Database
from models.entities import Attendance, Meeting, Organisation
from models.enums import AttendanceStatus
from models.input_limits import MAX_LIST_ITEMS
from models.meeting_doc import OrganisationRef
from models.services import (
    NotFoundError,
    ValidationError,
    find_organisation,
    mark_edited,
    renumber,
)


@dataclass(frozen=True, slots=True)
class AttendeeRow:
    """One line of the attendee list as the editor shows it."""

    id: int
    position: int
    organisation_id: int
    organisation: OrganisationRef
    status: AttendanceStatus
    name: str | None
    role: str | None


@dataclass(frozen=True, slots=True)
class RemovedAttendee:
    """A removed attendance, complete enough to restore it as it was (ID and place)."""

    id: int
    meeting_id: int
    position: int
    organisation_id: int
    status: AttendanceStatus
    name: str | None
    role: str | None


@dataclass(frozen=True, slots=True)
class CopiedAttendees:
    """What :func:`copy_from_previous` did: the new rows' IDs, and where they came from."""

    ids: tuple[int, ...]
    source_meeting_id: int | None

    @property
    def count(self) -> int:
        return len(self.ids)


# --- helpers inside a unit of work -----------------------------------------------------------


def _meeting_with_attendees(session: Session, meeting_id: int) -> Meeting:
    meeting = session.scalar(
        select(Meeting)
        .where(Meeting.id == meeting_id)
        .options(selectinload(Meeting.attendances).selectinload(Attendance.organisation))
    )
    if meeting is None:
        raise NotFoundError(f"meeting {meeting_id} does not exist")
    return meeting


def _attendance(session: Session, attendee_id: int) -> Attendance:
    attendance = session.get(Attendance, attendee_id)
    if attendance is None:
        raise NotFoundError(f"attendee {attendee_id} does not exist")
    return attendance


def _row(attendance: Attendance) -> AttendeeRow:
    org = attendance.organisation
    return AttendeeRow(
        id=attendance.id,
        position=attendance.position,
        organisation_id=org.id,
        organisation=OrganisationRef(org.name, org.abbreviation),
        status=attendance.status,
        name=attendance.person_name,
        role=attendance.person_role,
    )


def _clean(text: str | None) -> str | None:
    """Optional text as stored: trimmed, and None rather than empty."""
    return (text or "").strip() or None


def _resolve_organisation(session: Session, organisation: str | int) -> Organisation:
    """An organisation by ID, or by abbreviation in any letter case."""
    if isinstance(organisation, int):
        found = session.get(Organisation, organisation)
        if found is None:
            raise NotFoundError(f"organisation {organisation} does not exist")
        return found
    found = find_organisation(session, organisation)
    if found is None:
        raise ValidationError(
            "organisation",
            f"No organisation has the abbreviation {organisation.strip()!r}:"
            " add it to the organisations first.",
        )
    return found


def _insert(meeting: Meeting, attendance: Attendance, position: int | None) -> None:
    rows = meeting.attendances
    if position is None or position >= len(rows):
        rows.append(attendance)
    else:
        rows.insert(max(position, 0), attendance)
    renumber(rows)


# --- reading ---------------------------------------------------------------------------------


def list_attendees(db: Database, meeting_id: int) -> list[AttendeeRow]:
    """The attendees of a meeting in their printed order."""
    with db.read() as session:
        return [_row(a) for a in _meeting_with_attendees(session, meeting_id).attendances]


def previous_meeting_id(db: Database, meeting_id: int) -> int | None:
    """The latest meeting of the same board before this one (by date, then by ID)."""
    with db.read() as session:
        return _previous_meeting_id(session, meeting_id)


def _previous_meeting_id(session: Session, meeting_id: int) -> int | None:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFoundError(f"meeting {meeting_id} does not exist")
    earlier = (Meeting.date < meeting.date) | (
        (Meeting.date == meeting.date) & (Meeting.id < meeting.id)
    )
    return session.scalar(
        select(Meeting.id)
        .where(Meeting.board_id == meeting.board_id, Meeting.id != meeting.id, earlier)
        .order_by(Meeting.date.desc(), Meeting.id.desc())
        .limit(1)
    )


# --- editing ---------------------------------------------------------------------------------


def add_attendee(
    db: Database,
    meeting_id: int,
    organisation: str | int,
    status: AttendanceStatus = AttendanceStatus.PRESENT,
    *,
    name: str | None = None,
    role: str | None = None,
    position: int | None = None,
) -> AttendeeRow:
    """Add an organisation (abbreviation in any case, or ID) to the attendees at ``position``
    (0-based; default: at the end). An organisation may appear more than once, one row per
    person; the public note prints it once."""
    with db.begin() as session:
        meeting = _meeting_with_attendees(session, meeting_id)
        if len(meeting.attendances) >= MAX_LIST_ITEMS:
            raise ValidationError(
                "attendees", f"A meeting holds at most {MAX_LIST_ITEMS:,} attendees."
            )
        attendance = Attendance(
            organisation=_resolve_organisation(session, organisation),
            status=AttendanceStatus(status),
            person_name=_clean(name),
            person_role=_clean(role),
        )
        _insert(meeting, attendance, position)
        mark_edited(meeting)
        session.flush()
        return _row(attendance)


_UNSET = object()


def update_attendee(
    db: Database,
    attendee_id: int,
    *,
    status: AttendanceStatus | None = None,
    name: str | object | None = _UNSET,
    role: str | object | None = _UNSET,
) -> AttendeeRow:
    """Change an attendee's status, person name or role (``""`` or None clears a text)."""
    with db.begin() as session:
        attendance = _attendance(session, attendee_id)
        if status is not None:
            attendance.status = AttendanceStatus(status)
        if name is not _UNSET:
            attendance.person_name = _clean(name if isinstance(name, str) else None)
        if role is not _UNSET:
            attendance.person_role = _clean(role if isinstance(role, str) else None)
        mark_edited(attendance.meeting)
        session.flush()
        return _row(attendance)


def set_statuses(db: Database, statuses: Mapping[int, AttendanceStatus]) -> list[AttendeeRow]:
    """Set the status of several attendees in one unit of work (P, A or X on a selection)."""
    with db.begin() as session:
        changed = []
        for attendee_id, status in statuses.items():
            attendance = _attendance(session, attendee_id)
            attendance.status = AttendanceStatus(status)
            mark_edited(attendance.meeting)
            changed.append(attendance)
        session.flush()
        return [_row(attendance) for attendance in changed]


def remove_attendees(db: Database, attendee_ids: Iterable[int]) -> list[RemovedAttendee]:
    """Remove attendees (of one or more meetings) in one unit of work; returns them in an
    order :func:`restore_attendees` can put back (by meeting, then by position)."""
    with db.begin() as session:
        removed: list[RemovedAttendee] = []
        for attendee_id in attendee_ids:
            attendance = _attendance(session, attendee_id)
            meeting = _meeting_with_attendees(session, attendance.meeting_id)
            removed.append(
                RemovedAttendee(
                    id=attendance.id,
                    meeting_id=meeting.id,
                    position=meeting.attendances.index(attendance),
                    organisation_id=attendance.organisation_id,
                    status=attendance.status,
                    name=attendance.person_name,
                    role=attendance.person_role,
                )
            )
            meeting.attendances.remove(attendance)
            renumber(meeting.attendances)
            mark_edited(meeting)
        # Positions were taken one removal at a time; restoring in reverse order of removal
        # puts each row back where it was.
        return removed


def remove_attendee(db: Database, attendee_id: int) -> RemovedAttendee:
    return remove_attendees(db, [attendee_id])[0]


def restore_attendees(db: Database, removed: Sequence[RemovedAttendee]) -> list[AttendeeRow]:
    """Put removed attendees back, with their old IDs and places (undo of a removal)."""
    with db.begin() as session:
        restored = []
        for gone in reversed(removed):
            meeting = _meeting_with_attendees(session, gone.meeting_id)
            organisation = session.get(Organisation, gone.organisation_id)
            if organisation is None:
                raise NotFoundError(f"organisation {gone.organisation_id} does not exist")
            attendance = Attendance(
                id=gone.id,
                organisation=organisation,
                status=gone.status,
                person_name=gone.name,
                person_role=gone.role,
            )
            _insert(meeting, attendance, gone.position)
            mark_edited(meeting)
            restored.append(attendance)
        session.flush()
        return [_row(attendance) for attendance in reversed(restored)]


def restore_attendee(db: Database, removed: RemovedAttendee) -> AttendeeRow:
    return restore_attendees(db, [removed])[0]


def move_attendee(db: Database, attendee_id: int, new_position: int) -> int:
    """Move an attendee to ``new_position`` (0-based, clamped); returns its old position."""
    with db.begin() as session:
        attendance = _attendance(session, attendee_id)
        meeting = _meeting_with_attendees(session, attendance.meeting_id)
        rows = meeting.attendances
        old_position = rows.index(attendance)
        rows.remove(attendance)
        rows.insert(min(max(new_position, 0), len(rows)), attendance)
        renumber(rows)
        mark_edited(meeting)
        return old_position


def copy_from_previous(db: Database, meeting_id: int) -> CopiedAttendees:
    """Add the attendees of the board's previous meeting, all as present, after the ones
    already listed; organisations already listed are skipped (with their people)."""
    with db.begin() as session:
        meeting = _meeting_with_attendees(session, meeting_id)
        source_id = _previous_meeting_id(session, meeting_id)
        if source_id is None:
            return CopiedAttendees((), None)
        source = _meeting_with_attendees(session, source_id)
        present = {attendance.organisation_id for attendance in meeting.attendances}
        added: list[Attendance] = []
        for old in source.attendances:
            if old.organisation_id in present:
                continue
            attendance = Attendance(
                organisation=old.organisation,
                status=AttendanceStatus.PRESENT,
                person_name=old.person_name,
                person_role=old.person_role,
            )
            meeting.attendances.append(attendance)
            added.append(attendance)
        # Two people of one organisation last time are both copied; it is "present" that
        # the organisation is skipped for, not the second of its people.
        if added:
            renumber(meeting.attendances)
            mark_edited(meeting)
        session.flush()
        return CopiedAttendees(tuple(attendance.id for attendance in added), source_id)
