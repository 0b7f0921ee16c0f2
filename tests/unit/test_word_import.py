"""Reading published notes back from Word: round trips, guesses, bad files, saving."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from docx.shared import Pt
from docx.text.paragraph import Paragraph as DocxParagraph
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from exporters.docx_export import build_document, export_docx, write_document
from exporters.formatting import attendee_lines, printed_due
from exporters.options import ActionsMode
from exporters.text import single_line
from models.action_sentence import action_sentence
from models.database import Database
from models.enums import BOARD_NOTE_LAYOUTS, ActionStatus, AttendanceStatus, Audience, LayoutStyle
from models.interchange import meeting_to_json, read_meeting_file
from models.meeting_doc import ActionDoc, MeetingDoc
from models.notes import parse_notes, plain_text
from models.services import meeting_doc
from models.text_keys import text_key
from models.word_import import Directory, GuessKind, NoteLayout, NoteReadError, read_note
from models.word_import.document import TYPED_BULLET
from models.word_import.store import NotSavedError, SourceFile, earlier_import, save_note
from tests.conftest import EXAMPLES
from tests.strategies.meetings import meetings, transcripts

FIXTURES = sorted(EXAMPLES.glob("*.json"))


def _paragraphs(path: Path) -> list[DocxParagraph]:
    """Every paragraph of the exported file, those in table cells included."""
    document = docx.Document(str(path))
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    return paragraphs


def all_paragraphs(path: Path) -> list[str]:
    """The text of every paragraph of the exported file, those in table cells included."""
    return [paragraph.text.strip() for paragraph in _paragraphs(path)]


def printed_actions(path: Path) -> set[str]:
    """The action sentences the exported file prints under an ``Actions:`` label."""
    printed: set[str] = set()
    under_label = False
    for paragraph in _paragraphs(path):
        text = paragraph.text.strip()
        if text == "Actions:":
            under_label = True
        elif under_label and paragraph.style is not None and "List" in paragraph.style.name:
            printed.add(text)
        else:
            under_label = False
    return printed


def as_printed(meeting: MeetingDoc, path: Path) -> MeetingDoc:
    """The meeting as its note prints it: an action comes back only if the layout prints
    it (open: a public note prints no status), with its due date (worded in its sentence)."""
    shown = printed_actions(path)
    agenda = tuple(
        item._replace(
            actions=tuple(
                ActionDoc(action.description, action.owners, action.due)
                for action in item.actions
                if action_sentence(
                    "/".join(action.owners), action.description, by=printed_due(action, meeting)
                )
                in shown
            ),
        )
        for item in meeting.agenda
    )
    return meeting._replace(agenda=agenda)


def with_due_dates(meeting: MeetingDoc) -> MeetingDoc:
    """The meeting with a next meeting, and its actions due in turn on a date, at the next
    meeting and on none."""
    next_meeting = meeting.date + dt.timedelta(days=91)
    dues = (dt.date(2024, 5, 31), next_meeting, None)
    count = 0
    agenda = []
    for item in meeting.agenda:
        dated = []
        for action in item.actions:
            dated.append(action._replace(due=dues[count % len(dues)]))
            count += 1
        agenda.append(item._replace(actions=tuple(dated)))
    return meeting._replace(agenda=tuple(agenda), next_meeting=next_meeting)


# Each example as published, and with due dates on its actions (a hearing transcript prints
# no actions, so it has no dated case).
READ_BACK_CASES = [
    pytest.param(fixture, dated, id=f"{fixture.stem}-{'due-dates' if dated else 'as-published'}")
    for fixture in FIXTURES
    for dated in (False, True)
    if not (dated and read_meeting_file(fixture).style is LayoutStyle.HEARING_TRANSCRIPT)
]


@pytest.mark.parametrize(("fixture", "dated"), READ_BACK_CASES)
def test_an_exported_example_reads_back_as_the_same_meeting(
    fixture: Path, tmp_path: Path, dated: bool
) -> None:
    meeting = read_meeting_file(fixture)
    if dated:
        meeting = with_due_dates(meeting)
    path = tmp_path / "note.docx"
    export_docx(meeting, path)
    # 2023 and the transcript's member lines print abbreviations only: the full names come
    # from the archive's directory.
    abbreviations_only = meeting.style in {
        LayoutStyle.PUBLIC_NOTE_OF_MEETING,
        LayoutStyle.HEARING_TRANSCRIPT,
    }
    directory = Directory(meeting.organisations if abbreviations_only else (), (meeting.board,))

    note = read_note(path, directory)

    assert note.layout == NoteLayout(meeting.style.value)
    assert meeting_to_json(note.meeting) == meeting_to_json(as_printed(meeting, path))


@pytest.mark.parametrize("actions", [ActionsMode.PER_ITEM, ActionsMode.SUMMARY])
@pytest.mark.parametrize("audience", list(Audience))
def test_an_actions_due_date_is_printed_and_read_back(
    tmp_path: Path, actions: ActionsMode, audience: Audience
) -> None:
    """``MPS/MOPAC to review ... by 31 May 2024``, ``... by the next meeting``: the note
    says when each action is due, and an import of it gives every due date back."""
    meeting = with_due_dates(read_meeting_file(EXAMPLES / "2019-05-13-record-of-meeting.json"))
    path = tmp_path / "note.docx"
    export_docx(meeting, path, actions=actions, audience=audience)

    printed = [text for text in all_paragraphs(path) if " by " in text]
    read = read_note(path, Directory(meeting.organisations, (meeting.board,))).meeting

    assert any("accommodation pilot by 31 May 2024." in text for text in printed)
    assert any("for circulation by the next meeting" in text for text in printed)
    assert read.next_meeting == meeting.next_meeting
    assert [[(a.description, a.owners, a.due) for a in item.actions] for item in read.agenda] == [
        [(a.description, a.owners, a.due) for a in item.actions] for item in meeting.agenda
    ]


def test_the_printed_actions_come_back_with_their_owners(tmp_path: Path) -> None:
    meeting = read_meeting_file(EXAMPLES / "2019-05-13-record-of-meeting.json")
    path = tmp_path / "note.docx"
    export_docx(meeting, path)

    actions = [a for item in read_note(path).meeting.agenda for a in item.actions]

    assert ("MPS", "MOPAC") in [a.owners for a in actions]
    assert all(a.status is ActionStatus.OPEN for a in actions)
    assert "Lauren to update performance presentation for circulation" in [
        a.description for a in actions if not a.owners
    ]


def test_the_year_the_2025_layout_leaves_out_comes_from_the_file_name(tmp_path: Path) -> None:
    meeting = read_meeting_file(EXAMPLES / "2025-03-20-public-note.json")
    document = build_document(meeting)
    document.core_properties.created = dt.datetime(2031, 1, 1)
    named = tmp_path / "RRB note 2025-03-20.docx"
    write_document(document, named)
    unnamed = tmp_path / "note.docx"
    write_document(document, unnamed)

    from_name = read_note(named)
    from_properties = read_note(unnamed)

    assert from_name.meeting.date == dt.date(2025, 3, 20)
    assert GuessKind.YEAR_FROM_FILE_NAME in [g.kind for g in from_name.guesses]
    assert from_properties.meeting.date == dt.date(2031, 3, 20)
    assert [g.where for g in from_properties.guesses if g.kind is GuessKind.YEAR_FROM_PROPERTIES]


def test_unknown_organisations_are_proposed_and_known_ones_matched(tmp_path: Path) -> None:
    meeting = read_meeting_file(EXAMPLES / "2024-02-29-note-of-meeting.json")
    path = tmp_path / "note.docx"
    export_docx(meeting, path)
    known = meeting.organisations[:3]

    note = read_note(path, Directory(known, (meeting.board,)))

    proposed = {org.abbreviation for org in note.new_organisations}
    assert proposed == {org.abbreviation for org in meeting.organisations[3:]}
    unknown = [g for g in note.guesses if g.kind is GuessKind.UNKNOWN_ORGANISATION]
    assert len(unknown) == len(meeting.organisations) - 3
    assert note.needs_review


def test_a_sentence_that_reads_like_an_action_is_flagged_not_moved(tmp_path: Path) -> None:
    meeting = read_meeting_file(EXAMPLES / "2025-03-20-public-note.json")
    item = meeting.agenda[0]._replace(
        notes="MOPAC to circulate the slides to all members.", actions=()
    )
    meeting = meeting._replace(agenda=(item,))
    path = tmp_path / "note.docx"
    export_docx(meeting, path)

    note = read_note(path)

    assert note.meeting.agenda[0].notes == "MOPAC to circulate the slides to all members."
    assert [g.where for g in note.guesses if g.kind is GuessKind.POSSIBLE_ACTION] == ["item 1"]


def test_a_note_typed_by_hand_in_word_is_read_by_its_shape(tmp_path: Path) -> None:
    """Other styles, typed bullets, unnumbered item headings: still read."""
    document = docx.Document()
    document.add_heading("Minutes of the Reducing Reoffending Board", level=1)
    document.add_paragraph("Tuesday 4 June 2019, 10am-12pm")
    document.add_paragraph("Room 3, City Hall")
    document.add_heading("Present", level=2)
    for line in ("Mayor's Office for Policing and Crime (MOPAC)", "London Probation (LP)"):
        document.add_paragraph(line)
    document.add_heading("Housing update", level=2)
    document.add_paragraph("\u2022\tA typed bullet")
    document.add_paragraph("A real bullet", style="List Bullet")
    run = document.add_paragraph().add_run("Actions:")
    run.bold = True
    run.font.size = Pt(12)
    document.add_paragraph("LP to report back in July.", style="List Bullet")
    document.add_heading("AOB", level=2)
    document.add_paragraph("None.")
    path = tmp_path / "hand.docx"
    document.save(str(path))

    note = read_note(path)

    meeting = note.meeting
    assert meeting.date == dt.date(2019, 6, 4)
    assert (meeting.start, meeting.end) == (dt.time(10), dt.time(12))
    assert meeting.venue == "Room 3, City Hall"
    assert [a.organisation for a in meeting.attendees] == ["MOPAC", "LP"]
    assert [item.title for item in meeting.agenda] == ["Housing update", "AOB"]
    assert meeting.agenda[0].notes == "- A typed bullet\n- A real bullet"
    assert meeting.agenda[0].actions == (ActionDoc("report back in July.", ("LP",)),)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.docx", b"", "the file is empty"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "Word 97-2003 .doc"),
        ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "password-protected"),
        ("damaged.docx", b"PK\x03\x04 not really a zip", "damaged or not a Word .docx"),
        ("text.docx", b"minutes typed in a text editor", "damaged or not a Word .docx"),
    ],
)
def test_a_bad_file_is_refused_in_one_line(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(NoteReadError, match=reason) as raised:
        read_note(path)

    assert "\n" not in str(raised.value)


def test_a_file_saved_once_is_noticed_the_second_time(database: Database, tmp_path: Path) -> None:
    meeting = read_meeting_file(EXAMPLES / "2023-02-28-public-note-of-meeting.json")
    path = tmp_path / "note.docx"
    export_docx(meeting, path)
    note = read_note(path)
    source = SourceFile("note.docx", "ab" * 32)

    meeting_id = save_note(database, note, source)

    earlier = earlier_import(database, source.sha256)
    assert earlier is not None
    assert (earlier.meeting_id, earlier.file_name) == (meeting_id, "note.docx")
    with pytest.raises(NotSavedError, match=f"already imported as meeting {meeting_id}"):
        save_note(database, note, source)
    assert meeting_doc(database, meeting_id).agenda == note.meeting.agenda
    again = save_note(database, note, source, allow_duplicate=True)
    assert again != meeting_id


def _words(text: str) -> list[str]:
    return single_line(text).split()


def board_note(meeting: MeetingDoc, style: LayoutStyle) -> MeetingDoc:
    """The meeting as a board note in ``style``: no members or turns (a board layout
    refuses them, as it would lose them)."""
    agenda = tuple(item._replace(turns=()) for item in meeting.agenda)
    return meeting._replace(style=style, members=(), agenda=agenda)


@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(meeting=meetings(), style=st.sampled_from(BOARD_NOTE_LAYOUTS))
def test_any_meeting_exported_in_any_layout_keeps_items_attendees_and_notes(
    tmp_path: Path, meeting: MeetingDoc, style: LayoutStyle
) -> None:
    meeting = board_note(meeting, style)
    # A board named like the layout's own heading ("Attendees") cannot be told from that
    # heading by shape: the printed note itself is ambiguous there.
    assume(text_key(meeting.board.name) != "attendees")
    path = tmp_path / "note.docx"
    export_docx(meeting, path)
    directory = Directory(meeting.organisations, (meeting.board,))

    read = read_note(path, directory).meeting

    public_items = [item for item in meeting.agenda if not item.confidential]
    assert [_words(i.title) for i in read.agenda] == [_words(i.title) for i in public_items]
    for original, back in zip(public_items, read.agenda, strict=True):
        want = _words(plain_text(parse_notes(original.notes)))
        assert _words(plain_text(parse_notes(back.notes))) == want
    printed = attendee_lines(
        meeting,
        tuple(a for a in meeting.attendees if a.status.value == "present"),
        audience=Audience.PUBLIC,
        abbreviations_only=meeting.style is LayoutStyle.PUBLIC_NOTE_OF_MEETING,
        alphabetical=meeting.style is LayoutStyle.RECORD_OF_MEETING,
    )
    # A line that starts with a bullet character and a space ("· (0)", an organisation
    # named "·") cannot be told from a bullet typed by hand: the printed note is ambiguous.
    assume(not any(TYPED_BULLET.match(line.text) for line in printed))
    read_back = attendee_lines(
        read,
        read.attendees,
        audience=Audience.PUBLIC,
        abbreviations_only=meeting.style is LayoutStyle.PUBLIC_NOTE_OF_MEETING,
        alphabetical=meeting.style is LayoutStyle.RECORD_OF_MEETING,
    )
    assert [_words(line.text) for line in read_back] == [
        _words(line.text) for line in printed if _words(line.text)
    ]


@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(meeting=transcripts())
def test_any_transcript_exported_and_imported_keeps_members_and_turns(
    tmp_path: Path, meeting: MeetingDoc
) -> None:
    path = tmp_path / "transcript.docx"
    export_docx(meeting, path)

    note = read_note(path, Directory(meeting.organisations, (meeting.board,)))

    assert note.layout is NoteLayout.HEARING_TRANSCRIPT
    assert note.meeting.members == meeting.members
    assert note.meeting.agenda == meeting.agenda
    assert note.meeting.theme == meeting.theme


@pytest.mark.parametrize("with_members", [True, False])
def test_an_item_titled_members_is_an_item_not_the_members_list(
    tmp_path: Path, with_members: bool
) -> None:
    """Found by the round trip above: an item titled "MEMBERS" was read as the members'
    heading, its turns lost to the members list."""
    hearing = read_meeting_file(EXAMPLES / "2017-02-27-justice-matters-transcript.json")
    item = hearing.agenda[0]._replace(title="MEMBERS")
    meeting = hearing._replace(
        members=hearing.members if with_members else (),
        agenda=(hearing.agenda[0], item) if with_members else (item,),
    )
    path = tmp_path / "transcript.docx"
    export_docx(meeting, path)

    note = read_note(path, Directory(meeting.organisations, (meeting.board,)))

    assert note.meeting.members == meeting.members
    assert note.meeting.agenda == meeting.agenda


def test_an_internal_record_gives_back_names_apologies_and_confidential_items(
    tmp_path: Path,
) -> None:
    meeting = read_meeting_file(EXAMPLES / "2024-02-29-note-of-meeting.json")
    attendees = list(meeting.attendees)
    attendees[0] = attendees[0]._replace(name="Jane Smith", role="Head of Policy")
    attendees[1] = attendees[1]._replace(status=AttendanceStatus.APOLOGIES)
    agenda = list(meeting.agenda)
    agenda[1] = agenda[1]._replace(confidential=True)
    meeting = meeting._replace(attendees=tuple(attendees), agenda=tuple(agenda))
    path = tmp_path / "internal.docx"
    export_docx(meeting, path, audience=Audience.INTERNAL)

    read = read_note(path, Directory(meeting.organisations, (meeting.board,))).meeting

    assert read.attendees[0] == attendees[0]
    assert [a.organisation for a in read.attendees if a.status is AttendanceStatus.APOLOGIES] == [
        attendees[1].organisation
    ]
    assert [(item.title, item.confidential) for item in read.agenda] == [
        (item.title, item.confidential) for item in agenda
    ]


def test_a_table_of_items_typed_by_hand_is_read(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Reducing Reoffending Board 8 July 2019").runs[0].bold = True
    document.add_paragraph("Record of Meeting", style="Title")
    table = document.add_table(rows=2, cols=2)
    for row, (number, title, words) in enumerate(
        [("1.", "Welcome", "Apologies were noted."), ("2.", "Housing", "MOPAC set out the plan.")]
    ):
        table.cell(row, 0).text = number
        cell = table.cell(row, 1)
        cell.text = title
        cell.add_paragraph(words)
    path = tmp_path / "table.docx"
    document.save(str(path))

    note = read_note(path)

    assert note.layout is NoteLayout.RECORD_OF_MEETING
    assert note.meeting.date == dt.date(2019, 7, 8)
    assert [(item.title, item.notes) for item in note.meeting.agenda] == [
        ("Welcome", "Apologies were noted."),
        ("Housing", "MOPAC set out the plan."),
    ]
