"""Old minutes typed by hand in Word: apologies, numbered headings, an action table, a
details line, the next meeting, and dates or times that do not exist."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest

from exporters.docx_export import export_docx
from exporters.options import ActionsMode
from models.enums import ActionStatus, AttendanceStatus
from models.interchange import read_meeting_file
from models.meeting_doc import ActionDoc, BoardRef, OrganisationRef
from models.word_import import Directory, GuessKind, NoteReadError, read_note
from tests.conftest import EXAMPLES
from tests.handwritten_minutes import ACTION_ROWS, minutes


def kinds(note_guesses: object) -> list[GuessKind]:
    return [guess.kind for guess in note_guesses]  # type: ignore[attr-defined]  # a tuple of Guess


def test_apologies_end_at_the_next_heading_and_numbered_headings_are_items(tmp_path: Path) -> None:
    note = read_note(minutes(tmp_path / "2023-03-14 RRB minutes.docx"))

    meeting = note.meeting
    assert [(a.organisation, a.status) for a in meeting.attendees] == [
        ("MOPAC", AttendanceStatus.PRESENT),
        ("LP", AttendanceStatus.PRESENT),
        ("MPS", AttendanceStatus.PRESENT),
        ("DWP", AttendanceStatus.PRESENT),
        ("NHSE", AttendanceStatus.APOLOGIES),
    ]
    assert [item.title for item in meeting.agenda] == [
        "Welcome and introductions",
        "Women in the criminal justice system",
        "AOB",
    ]
    assert meeting.agenda[0].notes.startswith("The Chair welcomed members.")
    assert meeting.agenda[1].notes == (
        "LP presented the women's strategy. Key points:\n\n- Funding ends 31 March 2024"
    )
    assert meeting.agenda[2].notes == "None."
    assert {org.abbreviation for org in note.new_organisations} == {
        "MOPAC", "LP", "MPS", "DWP", "NHSE",
    }  # fmt: skip


def test_a_paragraph_under_apologies_is_never_an_organisation(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Tuesday 14 March 2023, 10:00-12:00, City Hall")
    document.add_heading("Apologies", level=2)
    document.add_paragraph("NHS England (NHSE)")
    document.add_paragraph("None.")
    document.add_paragraph(
        "The Chair noted that several partners had sent deputies to the meeting."
    )
    document.add_heading("Housing", level=2)
    document.add_paragraph("MOPAC set out the plan.")
    path = tmp_path / "minutes.docx"
    document.save(str(path))

    note = read_note(path)

    assert [a.organisation for a in note.meeting.attendees] == ["NHSE"]
    assert [item.title for item in note.meeting.agenda] == ["Housing"]
    left_out = [g for g in note.guesses if g.kind is GuessKind.NOT_AN_ORGANISATION]
    assert [g.where for g in left_out] == ["attendees"]
    assert "several partners had sent deputies" in left_out[0].text


def test_the_details_line_is_not_the_board_and_the_title_names_it(tmp_path: Path) -> None:
    board = BoardRef("Reducing Reoffending Board", "RRB")
    directory = Directory(boards=(board,))

    note = read_note(minutes(tmp_path / "minutes.docx"), directory)

    meeting = note.meeting
    assert meeting.board == board
    assert meeting.title is None
    assert meeting.date == dt.date(2023, 3, 14)
    assert (meeting.start, meeting.end) == (dt.time(10), dt.time(12))
    assert meeting.venue == "169 Union Street"
    assert meeting.chair is not None
    assert (meeting.chair.role, meeting.chair.organisation) == (
        "Director of Criminal Justice",
        "MOPAC",
    )
    assert GuessKind.BOARD not in kinds(note.guesses)


def test_date_of_next_meeting_is_read(tmp_path: Path) -> None:
    note = read_note(minutes(tmp_path / "minutes.docx"))

    assert note.meeting.next_meeting == dt.date(2023, 6, 13)


def test_an_actions_table_becomes_actions_with_owners_and_dates(tmp_path: Path) -> None:
    directory = Directory(
        organisations=(
            OrganisationRef("Metropolitan Police Service", "MPS"),
            OrganisationRef("London Probation", "LP"),
            OrganisationRef("Mayor's Office for Policing and Crime", "MOPAC"),
            OrganisationRef("Department for Work and Pensions", "DWP"),
        )
    )
    rows = (
        ("Action", "Owner", "Due date", "Status"),
        ("Share arrest data for women with LP", "MPS", "30/04/2023", "Open"),
        ("Circulate the strategy", "LP", "ASAP", "Complete"),
        ("Review funding options", "MOPAC/DWP", "31/02/2024", ""),
        ("Write to the minister", "Jane Smith", "1 May", "Amber"),
    )

    note = read_note(minutes(tmp_path / "minutes.docx", actions=rows), directory)

    agenda = note.meeting.agenda
    assert [item.title for item in agenda] == [
        "Welcome and introductions",
        "Women in the criminal justice system",
        "AOB",
    ]  # the table's rows are no items, the "Actions" heading no item
    assert "Owner" not in agenda[-1].notes
    assert agenda[-1].actions == (
        ActionDoc("Share arrest data for women with LP", ("MPS",), dt.date(2023, 4, 30)),
        ActionDoc("Circulate the strategy (due: ASAP)", ("LP",), None, ActionStatus.DONE),
        ActionDoc("Review funding options (due: 31/02/2024)", ("MOPAC", "DWP")),
        ActionDoc("Write to the minister (owner: Jane Smith)", (), dt.date(2023, 5, 1)),
    )
    texts = [str(guess) for guess in note.guesses]
    assert any("'ASAP'" in text and "is not a date" in text for text in texts)
    assert any("'31/02/2024'" in text and "does not exist" in text for text in texts)
    assert any("'Jane Smith'" in text and "not an organisation" in text for text in texts)
    assert any("'Amber'" in text and "open assumed" in text for text in texts)
    assert any("put under the last item, 'AOB'" in text for text in texts)
    unknown = [g.text for g in note.guesses if g.kind is GuessKind.UNKNOWN_ORGANISATION]
    assert unknown == ["NHS England (NHSE) is not in the directory: proposed as a new organisation"]


def test_an_unknown_owner_is_proposed_not_dropped(tmp_path: Path) -> None:
    rows = (("Item", "Action", "Owner"), ("2", "Report on the pilot", "LCJB"))

    note = read_note(minutes(tmp_path / "minutes.docx", actions=rows))

    assert note.meeting.agenda[1].actions == (ActionDoc("Report on the pilot", ("LCJB",)),)
    assert "LCJB" in {org.abbreviation for org in note.new_organisations}
    assert any(g.kind is GuessKind.UNKNOWN_ORGANISATION and "LCJB" in g.text for g in note.guesses)


def test_without_apologies_an_actions_table_is_not_flattened_into_notes(tmp_path: Path) -> None:
    note = read_note(minutes(tmp_path / "minutes.docx", apologies=False))

    last = note.meeting.agenda[-1]
    assert last.notes == "None."
    assert last.actions[0].description == "Share arrest data for women with LP"


def test_an_actions_list_in_our_summary_form_goes_to_its_items(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Tuesday 14 March 2023, 10:00-12:00, City Hall")
    document.add_heading("Attendees", level=2)
    document.add_paragraph("London Probation (LP)")
    for title in ("1. Welcome", "2. Housing"):
        document.add_heading(title, level=2)
        document.add_paragraph("Discussed.")
    document.add_heading("Actions", level=2)
    document.add_paragraph("LP to review the housing plan (item 2)", style="List Bullet")
    path = tmp_path / "minutes.docx"
    document.save(str(path))

    note = read_note(path)

    assert [item.actions for item in note.meeting.agenda] == [
        (),
        (ActionDoc("review the housing plan", ("LP",)),),
    ]


def test_an_actions_due_date_in_its_words_is_read_and_other_bys_are_kept(
    tmp_path: Path,
) -> None:
    """``by 31 May 2024`` and ``by the next meeting`` end a sentence as our notes word a due
    date; ``by 30 June`` takes the meeting's year after it (said); ``by email`` is words."""
    document = docx.Document()
    document.add_paragraph("Tuesday 14 March 2023, 10:00-12:00, City Hall")
    document.add_heading("Attendees", level=2)
    document.add_paragraph("London Probation (LP)")
    document.add_heading("1. Housing", level=2)
    document.add_paragraph("Discussed.")
    document.add_heading("Actions", level=2)
    for text in (
        "LP to review the housing plan by 31 May 2024. (item 1)",
        "LP to report back by the next meeting (item 1)",
        "LP to share the map by 30 June (item 1)",
        "LP to send the figures by email (item 1)",
    ):
        document.add_paragraph(text, style="List Bullet")
    document.add_paragraph("The next meeting will be on Tuesday 13 June 2023.")
    path = tmp_path / "minutes.docx"
    document.save(str(path))

    note = read_note(path)

    assert note.meeting.agenda[0].actions == (
        ActionDoc("review the housing plan.", ("LP",), dt.date(2024, 5, 31)),
        ActionDoc("report back", ("LP",), dt.date(2023, 6, 13)),
        ActionDoc("share the map", ("LP",), dt.date(2023, 6, 30)),
        ActionDoc("send the figures by email", ("LP",)),
    )
    assumed = [g.text for g in note.guesses if g.kind is GuessKind.ACTION_DUE]
    assert assumed == [
        "'share the map': the year of the due date '30 June' is not printed: 2023 assumed"
    ]


def test_an_impossible_date_takes_the_file_names_date_and_says_so(tmp_path: Path) -> None:
    path = minutes(
        tmp_path / "2023-02-28 bad-dates.docx",
        details="29th February 2023, 25:00-26:00pm, City Hall",
        closing="The next meeting will be on Tuesday 31 April 2023.",
    )

    note = read_note(path)

    meeting = note.meeting
    assert meeting.date == dt.date(2023, 2, 28)
    assert (meeting.start, meeting.end) == (None, None)
    assert meeting.venue == "City Hall"
    assert meeting.next_meeting is None
    texts = {guess.where: guess.text for guess in note.guesses if guess.where != "attendees"}
    assert "does not exist: the file name's date, 28 February 2023, put in" in texts["date"]
    assert "'25:00-26:00pm' is not a real time" in texts["times"]
    assert "31 April 2023" in texts["next meeting"]
    assert "does not exist" in texts["next meeting"]


def test_an_impossible_date_with_no_date_in_the_file_name_is_refused(tmp_path: Path) -> None:
    path = minutes(tmp_path / "minutes.docx", details="29th February 2023, 10am-12pm, City Hall")

    with pytest.raises(NoteReadError) as raised:
        read_note(path)

    assert str(raised.value) == (
        "the date in '29th February 2023, 10am-12pm, City Hall' does not exist:"
        " correct it in Word, then import the file again"
    )


def test_today_is_never_put_in_for_a_date_that_does_not_exist(tmp_path: Path) -> None:
    path = minutes(tmp_path / "2023 minutes.docx", details="31 April, 10am-12pm, City Hall")

    with pytest.raises(NoteReadError, match="'31 April, 10am-12pm, City Hall' does not exist"):
        read_note(path)


def test_an_actions_table_under_an_item_is_that_items(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Tuesday 14 March 2023, 10:00-12:00, City Hall")
    for title in ("1. Welcome", "2. Housing", "3. AOB"):
        document.add_heading(title, level=2)
        document.add_paragraph("Discussed.")
        if title == "2. Housing":
            document.add_heading("Actions", level=3)
            table = document.add_table(rows=2, cols=2)
            for cell, text in zip(table.rows[0].cells, ("Action", "Owner"), strict=True):
                cell.text = text
            for cell, text in zip(table.rows[1].cells, ("Review the plan", "MOPAC"), strict=True):
                cell.text = text
    path = tmp_path / "minutes.docx"
    document.save(str(path))

    note = read_note(path)

    assert [item.actions for item in note.meeting.agenda] == [
        (),
        (ActionDoc("Review the plan", ("MOPAC",)),),
        (),
    ]
    assert note.meeting.agenda[1].notes == "Discussed."
    assert not any(guess.kind is GuessKind.ACTIONS_ITEM for guess in note.guesses)


def test_actions_printed_in_one_list_at_the_end_come_back_under_their_items(
    tmp_path: Path,
) -> None:
    """Our own ``--actions summary`` note: ``... (item 1) (rolled over to the next meeting)``."""
    meeting = read_meeting_file(EXAMPLES / "2024-02-29-note-of-meeting.json")
    path = tmp_path / "note.docx"
    export_docx(meeting, path, actions=ActionsMode.SUMMARY)

    note = read_note(path)

    assert [
        [(a.owners, a.description, a.status) for a in item.actions] for item in note.meeting.agenda
    ] == [[(a.owners, a.description, a.status) for a in item.actions] for item in meeting.agenda]
    assert any(
        a.status is ActionStatus.ROLLED_OVER for item in meeting.agenda for a in item.actions
    )


def test_attendees_on_the_headings_line_and_names_with_a_full_stop(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Tuesday 14 March 2023, 10:00-12:00, City Hall")
    document.add_paragraph("Present: London Probation (LP), St. Mungo's")
    document.add_paragraph("Apologies: NHS England (NHSE), Youth Justice Board (YJB)")
    document.add_heading("1. Housing", level=2)
    document.add_paragraph("Decision: the Board agreed the plan.")
    document.add_heading("Actions", level=2)
    table = document.add_table(rows=2, cols=2)
    for row, texts in zip(
        table.rows,
        (
            ("Action", "Who"),
            ("Fund the beds", "London Probation and Department for Work and Pensions (DWP)"),
        ),
        strict=True,
    ):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    path = tmp_path / "minutes.docx"
    document.save(str(path))

    note = read_note(path)

    assert [(a.organisation, a.status) for a in note.meeting.attendees] == [
        ("LP", AttendanceStatus.PRESENT),
        ("St. Mungo's", AttendanceStatus.PRESENT),
        ("NHSE", AttendanceStatus.APOLOGIES),
        ("YJB", AttendanceStatus.APOLOGIES),
    ]
    assert note.meeting.agenda[0].actions == (ActionDoc("Fund the beds", ("LP", "DWP")),)
    assert not any(guess.kind is GuessKind.NOT_AN_ORGANISATION for guess in note.guesses)


def test_the_next_meeting_before_a_signature_is_read_and_the_signature_kept(
    tmp_path: Path,
) -> None:
    path = minutes(tmp_path / "minutes.docx")
    document = docx.Document(str(path))
    document.add_paragraph("Signed: Chair")
    document.save(str(path))

    note = read_note(path)

    assert note.meeting.next_meeting == dt.date(2023, 6, 13)
    last = note.meeting.agenda[-1]
    assert last.notes == "None.\n\nSigned: Chair"
    assert len(last.actions) == len(ACTION_ROWS) - 1
    assert any(
        guess.where == "item 3" and "'Signed: Chair' (kept in this item's notes)" in guess.text
        for guess in note.guesses
    )


@pytest.mark.parametrize(
    "details",
    [
        "Minutes of the Reducing Reoffending Board meeting held on Tuesday 14 March 2023, 10am",
        "Date: Tuesday 14 March 2023, 10am",
        "Meeting held on 14 March 2023, 10am",
    ],
)
def test_the_words_around_a_details_lines_date_are_no_board(tmp_path: Path, details: str) -> None:
    note = read_note(minutes(tmp_path / "minutes.docx", details=details))

    assert note.meeting.board == BoardRef("Reducing Reoffending Board", "RRB")
    assert note.meeting.date == dt.date(2023, 3, 14)
