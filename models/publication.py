"""What the published record keeps, and what the pre-publication check needs from the archive.

A final meeting is a published record: it prints each organisation as it was named when the
meeting was made final (or as the imported file named it), whatever later renames, merges or
imports do; a draft follows the directory. The check needs every person the archive names
(attendance) and the names a person accepted for a meeting (:class:`AllowedName`).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select

from models.database import Database
from models.entities import AllowedName, Attendance, Meeting, Organisation, organisation_key
from models.enums import MeetingStatus
from models.meeting_doc import MeetingDoc, OrganisationRef
from models.printed_names import PrintedOrganisation, distinct_person_names, printed_form
from models.text_keys import visible_text


def printed(org: Organisation, name: str | None, abbreviation: str | None) -> PrintedOrganisation:
    """The stored printed form if there is one, else the directory's current one."""
    return printed_form(org.name, org.abbreviation, name, abbreviation)


def as_imported(org: Organisation, ref: OrganisationRef) -> dict[str, str | None]:
    """The printed-name columns for a row imported with ``ref``.

    Where the file names the organisation as the directory does, nothing is stored and the
    meeting follows the directory like any draft; where it differs, the directory keeps its
    name and the meeting keeps printing the file's (:func:`name_differences` says so).
    """
    if visible_text(org.name) == visible_text(ref.name) and visible_text(
        org.abbreviation
    ) == visible_text(ref.abbreviation):
        # The same words, but for look-alike or invisible characters (fullwidth letters, a
        # soft hyphen from Word): the directory's own spelling is the one to print.
        return {"printed_name": None, "printed_abbreviation": None}
    return {"printed_name": ref.name, "printed_abbreviation": ref.abbreviation}


def set_status(meeting: Meeting, status: MeetingStatus) -> None:
    """Make a meeting final (its names are kept as printed) or a draft (they follow again)."""
    if status is MeetingStatus.FINAL and meeting.status is not MeetingStatus.FINAL:
        freeze_printed_names(meeting)
    elif status is MeetingStatus.DRAFT:
        release_printed_names(meeting)
    meeting.status = status


def freeze_printed_names(meeting: Meeting) -> None:
    """Record how ``meeting`` prints each organisation now (made final)."""
    for attendance in meeting.attendances:
        attendance.printed_name = attendance.organisation.name
        attendance.printed_abbreviation = attendance.organisation.abbreviation
    for action in meeting.actions:
        for link in action.owner_links:
            link.printed_name = link.organisation.name
            link.printed_abbreviation = link.organisation.abbreviation
    chair = meeting.chair_organisation
    meeting.chair_printed_name = chair.name if chair is not None else None
    meeting.chair_printed_abbreviation = chair.abbreviation if chair is not None else None


def release_printed_names(meeting: Meeting) -> None:
    """Back to draft: the meeting follows the directory again."""
    for attendance in meeting.attendances:
        attendance.printed_name = attendance.printed_abbreviation = None
    for action in meeting.actions:
        for link in action.owner_links:
            link.printed_name = link.printed_abbreviation = None
    meeting.chair_printed_name = meeting.chair_printed_abbreviation = None


def name_differences(db: Database, docs: Sequence[MeetingDoc]) -> list[str]:
    """One sentence per organisation whose name in the files differs from the directory's.

    Said at import: the directory keeps its name, the imported meeting prints the file's.
    """
    messages: list[str] = []
    seen: set[tuple[str, str]] = set()
    with db.read() as session:
        for doc in docs:
            for ref in doc.organisations:
                key = organisation_key(ref.abbreviation)
                found = session.scalar(
                    select(Organisation).where(Organisation.abbreviation_key == key)
                )
                if found is None or visible_text(found.name) == visible_text(ref.name):
                    continue
                if (key, ref.name) in seen:
                    continue
                seen.add((key, ref.name))
                messages.append(
                    f"{ref.abbreviation}: the file names it {ref.name!r}, the directory"
                    f" {found.name!r}; the directory kept its name, the imported meeting of"
                    f" {doc.date:%d %B %Y} prints the file's."
                )
    return messages


def person_names(db: Database) -> list[str]:
    """Every person named in the archive's attendance, for the pre-publication check."""
    with db.read() as session:
        names = session.scalars(
            select(Attendance.person_name).where(Attendance.person_name.is_not(None)).distinct()
        )
        return distinct_person_names(names)


def allowed_names(db: Database, meeting_id: int) -> list[str]:
    """The names a person marked as allowed in this meeting's public note."""
    with db.read() as session:
        return sorted(
            session.scalars(select(AllowedName.name).where(AllowedName.meeting_id == meeting_id))
        )


def allow_name(db: Database, meeting_id: int, name: str) -> None:
    """Mark ``name`` as allowed in this meeting's public note (stored; idempotent)."""
    name = " ".join(name.split())
    with db.begin() as session:
        if session.get(AllowedName, (meeting_id, name)) is None:
            session.add(AllowedName(meeting_id=meeting_id, name=name))


def disallow_name(db: Database, meeting_id: int, name: str) -> None:
    with db.begin() as session:
        session.execute(
            delete(AllowedName).where(
                AllowedName.meeting_id == meeting_id, AllowedName.name == name
            )
        )
