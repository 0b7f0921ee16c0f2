"""The organisation directory: the bodies that attend, chair and own actions.

An abbreviation names one organisation whatever its letter case (``MoJ`` is ``MOJ``), so
adding or renaming to an abbreviation in use is refused with a message for the field. Two
entries that turn out to be one body (``Probation Service (NPS)`` and ``London Probation
(LP)`` after a reorganisation, or a typo imported from an old file) are *merged*: every
meeting and action that named the duplicate names the one kept, and the duplicate goes,
all in one unit of work.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, union
from sqlalchemy.orm import Session

from models.database import Database
from models.entities import (
    Action,
    ActionOwner,
    Attendance,
    Meeting,
    Member,
    Organisation,
    organisation_key,
    utc_now,
)
from models.meeting_doc import OrganisationRef
from models.services import NotFoundError, OrganisationRow, ValidationError
from models.text_limits import column_limit, refuse_bad_text

# The lengths of the columns (models.text_limits): the dialog allows no more to be typed.
MAX_NAME = column_limit(Organisation.name)
MAX_ABBREVIATION = column_limit(Organisation.abbreviation)


@dataclass(frozen=True, slots=True)
class OrganisationEntry:
    """A row of the directory: the organisation and how much of the record names it."""

    id: int
    name: str
    abbreviation: str
    meetings: int  # meetings it attended or chaired, or hearings a member of it sat on
    actions: int  # actions it owns

    @property
    def display_name(self) -> str:
        return OrganisationRef(self.name, self.abbreviation).display_name

    @property
    def row(self) -> OrganisationRow:
        return OrganisationRow(self.id, self.name, self.abbreviation)


@dataclass(frozen=True, slots=True)
class MergeResult:
    """What a merge changed, for the message the user sees afterwards."""

    kept: OrganisationRow
    removed: OrganisationRow
    attendances: int  # attendee rows now naming the kept organisation (or dropped as repeats)
    actions: int  # actions whose owners changed
    chaired: int  # meetings whose chair organisation changed


# --- helpers inside a unit of work -----------------------------------------------------------


def _organisation(session: Session, organisation_id: int) -> Organisation:
    found = session.get(Organisation, organisation_id)
    if found is None:
        raise NotFoundError(f"organisation {organisation_id} does not exist")
    return found


def _checked_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError("name", "Type the organisation's full name.")
    refuse_bad_text(name, "name", MAX_NAME)
    return name


def _checked_abbreviation(
    session: Session, abbreviation: str, *, ignore_id: int | None = None
) -> str:
    abbreviation = abbreviation.strip()
    if not organisation_key(abbreviation):  # empty, or only invisible characters
        raise ValidationError(
            "abbreviation", "Type an abbreviation (the name again if it has none, e.g. Clinks)."
        )
    refuse_bad_text(abbreviation, "abbreviation", MAX_ABBREVIATION)
    if any(bracket in abbreviation for bracket in "()"):
        # A note prints it in brackets after the name, and reads it back from them.
        raise ValidationError(
            "abbreviation",
            "An abbreviation cannot hold a bracket: the note prints it in brackets after the"
            " name. Type the letters alone (DWP, not (DWP)).",
        )
    clash = session.scalar(
        select(Organisation).where(Organisation.abbreviation_key == organisation_key(abbreviation))
    )
    if clash is not None and clash.id != ignore_id:
        raise ValidationError(
            "abbreviation",
            f"{clash.abbreviation} is already the abbreviation of {clash.name}"
            " (letter case and look-alike characters do not count). Choose another, or merge"
            " the two organisations.",
        )
    return abbreviation


def _meeting_ids_of(session: Session, organisation_id: int) -> set[int]:
    attended = session.scalars(
        select(Attendance.meeting_id).where(Attendance.organisation_id == organisation_id)
    )
    chaired = session.scalars(
        select(Meeting.id).where(Meeting.chair_organisation_id == organisation_id)
    )
    panels = session.scalars(
        select(Member.meeting_id).where(Member.organisation_id == organisation_id)
    )
    return set(attended) | set(chaired) | set(panels)


def _row(org: Organisation) -> OrganisationRow:
    return OrganisationRow(org.id, org.name, org.abbreviation)


# --- reading ---------------------------------------------------------------------------------


def list_organisations(db: Database) -> list[OrganisationEntry]:
    """Every organisation, by name, with the number of meetings and actions naming it."""
    with db.read() as session:
        attended = union(
            select(Attendance.organisation_id.label("org"), Attendance.meeting_id.label("meeting")),
            select(Meeting.chair_organisation_id.label("org"), Meeting.id.label("meeting")).where(
                Meeting.chair_organisation_id.is_not(None)
            ),
            select(  # a hearing's members
                Member.organisation_id.label("org"), Member.meeting_id.label("meeting")
            ).where(Member.organisation_id.is_not(None)),
        ).subquery()
        meetings: dict[int, int] = {
            row[0]: row[1]
            for row in session.execute(
                select(attended.c.org, func.count(func.distinct(attended.c.meeting))).group_by(
                    attended.c.org
                )
            )
        }
        actions: dict[int, int] = {
            row[0]: row[1]
            for row in session.execute(
                select(ActionOwner.organisation_id, func.count(ActionOwner.action_id)).group_by(
                    ActionOwner.organisation_id
                )
            )
        }
        orgs = session.scalars(select(Organisation))
        entries = [
            OrganisationEntry(
                org.id, org.name, org.abbreviation, meetings.get(org.id, 0), actions.get(org.id, 0)
            )
            for org in orgs
        ]
    entries.sort(key=lambda entry: (entry.name.casefold(), entry.abbreviation.casefold()))
    return entries


def organisation(db: Database, organisation_id: int) -> OrganisationEntry:
    for entry in list_organisations(db):
        if entry.id == organisation_id:
            return entry
    raise NotFoundError(f"organisation {organisation_id} does not exist")


# --- editing ---------------------------------------------------------------------------------


def add_organisation(db: Database, name: str, abbreviation: str) -> OrganisationRow:
    """A new organisation; refused (ValidationError on ``name`` or ``abbreviation``) when the
    name is empty or the abbreviation is in use in any letter case."""
    with db.begin() as session:
        org = Organisation(
            name=_checked_name(name), abbreviation=_checked_abbreviation(session, abbreviation)
        )
        session.add(org)
        session.flush()
        return _row(org)


def rename_organisation(
    db: Database, organisation_id: int, *, name: str | None = None, abbreviation: str | None = None
) -> OrganisationRow:
    """Change the name and/or abbreviation. Every meeting naming the organisation prints the
    new one (they refer to it, not to a copy), and counts as edited."""
    with db.begin() as session:
        org = _organisation(session, organisation_id)
        if name is not None:
            org.name = _checked_name(name)
        if abbreviation is not None:
            org.abbreviation = _checked_abbreviation(session, abbreviation, ignore_id=org.id)
        if session.is_modified(org):
            now = utc_now()
            for meeting_id in _meeting_ids_of(session, org.id) | _action_meeting_ids(
                session, org.id
            ):
                session.get_one(Meeting, meeting_id).updated_at = now
        session.flush()
        return _row(org)


def _action_meeting_ids(session: Session, organisation_id: int) -> set[int]:
    return set(
        session.scalars(
            select(Action.meeting_id)
            .join(ActionOwner, ActionOwner.action_id == Action.id)
            .where(ActionOwner.organisation_id == organisation_id)
        )
    )


def merge_organisations(db: Database, duplicate_id: int, keep_id: int) -> MergeResult:
    """Make everything that names ``duplicate_id`` name ``keep_id``, then delete the duplicate.

    Attendee rows move over, except a row that would repeat one the meeting already has for
    the kept organisation (same person, or both without one), which goes. An action owned by
    both keeps one owner entry, in the earlier place. The chair moves over. One unit of work:
    all of it happens, or none.
    """
    if duplicate_id == keep_id:
        raise ValidationError("merge", "Choose two different organisations to merge.")
    with db.begin() as session:
        duplicate = _organisation(session, duplicate_id)
        keep = _organisation(session, keep_id)
        removed_row, kept_row = _row(duplicate), _row(keep)
        touched: set[int] = set()
        now = utc_now()

        attendances = 0
        for attendance in session.scalars(
            select(Attendance).where(Attendance.organisation_id == duplicate.id)
        ).all():
            meeting = attendance.meeting
            person = _person_key(attendance)
            # ``organisation``, not ``organisation_id``: rows moved over earlier in this loop
            # are not flushed yet.
            repeat = any(
                other is not attendance
                and other.organisation is keep
                and _person_key(other) == person
                for other in meeting.attendances
            )
            if repeat:
                meeting.attendances.remove(attendance)
                for position, attendee in enumerate(meeting.attendances):
                    attendee.position = position
            else:
                attendance.organisation = keep
            attendances += 1
            touched.add(meeting.id)

        actions = 0
        for link in session.scalars(
            select(ActionOwner).where(ActionOwner.organisation_id == duplicate.id)
        ).all():
            action = link.action
            if any(other.organisation_id == keep.id for other in action.owner_links):
                action.owner_links.remove(link)
                for position, owner in enumerate(action.owner_links):
                    owner.position = position
            else:
                # The key of an owner row is (action, organisation): swap the row rather than
                # change part of a primary key in place.
                position = action.owner_links.index(link)
                action.owner_links.remove(link)
                session.flush()
                moved = ActionOwner(
                    organisation=keep,
                    printed_name=link.printed_name,  # a final meeting prints what it printed
                    printed_abbreviation=link.printed_abbreviation,
                )
                action.owner_links.insert(position, moved)
                for index, owner in enumerate(action.owner_links):
                    owner.position = index
            actions += 1
            touched.add(action.meeting_id)

        chaired = 0
        for meeting in session.scalars(
            select(Meeting).where(Meeting.chair_organisation_id == duplicate.id)
        ).all():
            meeting.chair_organisation = keep
            chaired += 1
            touched.add(meeting.id)

        touched |= _move_members(session, duplicate, keep)
        session.flush()
        for meeting_id in touched:
            session.get_one(Meeting, meeting_id).updated_at = now
        session.delete(duplicate)
        session.flush()
        return MergeResult(kept_row, removed_row, attendances, actions, chaired)


def _move_members(session: Session, duplicate: Organisation, keep: Organisation) -> set[int]:
    """Point a hearing's members at the kept organisation (one row each: nothing repeats);
    the meetings changed."""
    moved = session.scalars(select(Member).where(Member.organisation_id == duplicate.id)).all()
    for member in moved:
        member.organisation = keep
    return {member.meeting_id for member in moved}


def _person_key(attendance: Attendance) -> tuple[str, str]:
    return (
        (attendance.person_name or "").strip().casefold(),
        (attendance.person_role or "").strip().casefold(),
    )
