"""A text of an imported note longer than the archive stores: refused, naming whose it is.

"Person role is 400 characters" left the secretary looking through every attendee; the
refusal names the attendee, member, item, action or organisation, and nothing is saved.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from exporters.docx_export import export_docx
from models.database import Database
from models.entities import Meeting
from models.enums import Audience
from models.input_limits import MAX_NAME_CHARS, MAX_TEXT_CHARS
from models.interchange import read_meeting_file
from models.meeting_doc import ActionDoc, AttendeeDoc, MeetingDoc, MemberDoc, OrganisationRef
from models.word_import import NoteLayout, read_note
from models.word_import.result import ReadNote
from models.word_import.store import NotSavedError, SourceFile, save_note
from rrb_desktop import cli
from tests.conftest import EXAMPLES, SAMPLE_MEETING

LONG_ROLE = "Head of " + "Partnerships and " * 23  # 399 characters: past MAX_NAME_CHARS
SOURCE = SourceFile("note.docx", "cd" * 32)


def with_attendee(meeting: MeetingDoc, attendee: AttendeeDoc) -> MeetingDoc:
    return meeting._replace(attendees=(*meeting.attendees, attendee))


def with_action(meeting: MeetingDoc, description: str) -> MeetingDoc:
    second = meeting.agenda[1]._replace(
        actions=(*meeting.agenda[1].actions, ActionDoc(description, ("LP",)))
    )
    return meeting._replace(agenda=(meeting.agenda[0], second, *meeting.agenda[2:]))


def meetings_saved(database: Database) -> int:
    with database.read() as session:
        return session.scalar(select(func.count()).select_from(Meeting)) or 0


CASES = [
    pytest.param(
        lambda m: with_attendee(m, AttendeeDoc("LP", "Sophie Linden", LONG_ROLE.strip())),
        "attendee 'Sophie Linden' (LP): role is 398 characters; the limit is 300",
        id="attendee-role",
    ),
    pytest.param(
        lambda m: with_attendee(m, AttendeeDoc("MOPAC", "Sophie " + "Linden-" * 50)),
        "attendee 'Sophie Linden-Linden-Linden-Linden-Lind…' (MOPAC): name is 357 characters;"
        " the limit is 300",
        id="attendee-name",
    ),
    pytest.param(
        lambda m: with_action(m, "review the " + "data " * 2_000),
        "action 'review the data data data data data dat…' (item 2): description is"
        f" 10,011 characters; the limit is {MAX_TEXT_CHARS:,}",
        id="action",
    ),
    pytest.param(
        lambda m: m._replace(
            organisations=(*m.organisations, OrganisationRef("Probation " * 40, "PS"))
        ),
        "organisation 'Probation Probation Probation Probation…' (PS): name is 400 characters;"
        f" the limit is {MAX_NAME_CHARS}",
        id="organisation",
    ),
    pytest.param(
        lambda m: m._replace(members=(MemberDoc("Jo Bloggs", LONG_ROLE),)),
        "member 'Jo Bloggs': role is 399 characters; the limit is 300",
        id="member",
    ),
]


@pytest.mark.parametrize(("change", "message"), CASES)
def test_a_text_too_long_to_store_is_refused_naming_whose_it_is(
    database: Database, change: object, message: str
) -> None:
    meeting = change(read_meeting_file(SAMPLE_MEETING))  # type: ignore[operator]  # a case's lambda
    note = ReadNote(meeting, NoteLayout(meeting.style.value))

    with pytest.raises(NotSavedError) as refused:
        save_note(database, note, SOURCE)

    assert str(refused.value) == f"{message} (shorten it in Word, then import again)"
    assert meetings_saved(database) == 0


def test_the_import_command_names_the_attendee_whose_role_is_too_long(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """From a real Word file: the internal record prints each person's role; one role too
    long for the archive is refused by the import with the person's name, on one line."""
    meeting = read_meeting_file(EXAMPLES / "2023-02-28-public-note-of-meeting.json")
    attendee = AttendeeDoc(meeting.attendees[0].organisation, "Sophie Linden", LONG_ROLE.strip())
    path = tmp_path / "note.docx"
    export_docx(with_attendee(meeting, attendee), path, audience=Audience.INTERNAL)
    read_back = read_note(path).meeting.attendees
    assert ("Sophie Linden", LONG_ROLE.strip()) in [(a.name, a.role) for a in read_back]

    status = cli.main(["--db", str(tmp_path / "a.sqlite"), "import", "--accept-guesses", str(path)])

    error = capsys.readouterr().err
    assert status == 2
    assert error.count("\n") == 1
    assert (
        f": failed: attendee 'Sophie Linden' ({attendee.organisation}): role is 398 characters;"
        " the limit is 300 (shorten it in Word, then import again)\n"
    ) in error
