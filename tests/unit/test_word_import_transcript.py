"""A hearing transcript in the shape the transcript layout prints (issue 10), read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest

from exporters.docx_export import export_docx
from models.enums import LayoutStyle
from models.meeting_doc import AgendaItemDoc, BoardRef, MeetingDoc, MemberDoc, TurnDoc
from models.word_import import GuessKind, NoteLayout, NoteReadError, read_note


def add_turn(
    document: docx.document.Document, label: str, words: str, *, colon_inside: bool
) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label}:" if colon_inside else label).bold = True
    paragraph.add_run(f" {words}" if colon_inside else f": {words}")


def test_members_turns_and_editorial_notes_are_read(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Date: Monday 27 February 2017")
    document.add_paragraph("Location: Committee Room 5, City Hall")
    document.add_paragraph("Hearing: JUSTICE MATTERS - Offender Management in London")
    document.add_paragraph("Start time: 9.00am Finish time: 10.30am")
    document.add_heading("Members:", level=2)
    document.add_paragraph("Sophie Linden, Deputy Mayor for Policing and Crime, (Co-Chair)")
    document.add_paragraph("Rebecca Lawrence, MOPAC Chief Executive Officer")
    label = "Sophie Linden (Deputy Mayor for Policing and Crime) (Co-Chair)"
    add_turn(document, label, "Shall we start?", colon_inside=True)
    document.add_paragraph("A second paragraph of the same turn.")
    document.add_paragraph("[At this point the sound recording was lost for several minutes]")
    add_turn(document, "Rebecca Lawrence (MOPAC)", "Thank you, Sophie.", colon_inside=False)
    path = tmp_path / "hearing.docx"
    document.save(str(path))

    note = read_note(path)

    assert note.layout is NoteLayout.HEARING_TRANSCRIPT
    assert note.meeting.date == dt.date(2017, 2, 27)
    assert (note.meeting.start, note.meeting.end) == (dt.time(9), dt.time(10, 30))
    meeting = note.meeting
    assert meeting.style is LayoutStyle.HEARING_TRANSCRIPT
    assert meeting.theme == "JUSTICE MATTERS - Offender Management in London"
    assert [(m.name, m.role, m.chair) for m in meeting.members] == [
        ("Sophie Linden", "Deputy Mayor for Policing and Crime", True),
        ("Rebecca Lawrence", "MOPAC Chief Executive Officer", False),
    ]
    (item,) = meeting.agenda
    assert item.title == ""
    assert [(t.speaker, t.text) for t in item.turns] == [
        (label, "Shall we start?\n\nA second paragraph of the same turn."),
        (None, "[At this point the sound recording was lost for several minutes]"),
        ("Rebecca Lawrence (MOPAC)", "Thank you, Sophie."),
    ]
    # Not printed, so marked: the board, and the two-part member lines read as roles.
    assert [(g.kind, g.where) for g in note.guesses] == [
        (GuessKind.MEMBER, "members"),
        (GuessKind.MEMBER, "members"),
        (GuessKind.BOARD, "board"),
    ]


def test_words_that_read_like_an_actions_list_stay_what_was_said(tmp_path: Path) -> None:
    meeting = MeetingDoc(
        BoardRef("Mayor's Office for Policing and Crime", "MOPAC"),
        dt.date(2017, 2, 27),
        style=LayoutStyle.HEARING_TRANSCRIPT,
        agenda=(AgendaItemDoc("", turns=(TurnDoc("Sophie Linden", _SAID),)),),
    )
    path = tmp_path / "hearing.docx"
    export_docx(meeting, path)

    (item,) = read_note(path).meeting.agenda

    assert item.turns == (TurnDoc("Sophie Linden", _SAID),)
    assert item.actions == ()


_SAID = "Actions: MPS to review the cohort.\n\nThat is what we agreed."


def hearing_on(path: Path, date: str) -> Path:
    document = docx.Document()
    document.add_paragraph(f"Date: {date}")
    document.add_paragraph("Location: Committee Room 5, City Hall")
    document.add_paragraph("Hearing: JUSTICE MATTERS")
    document.add_heading("Members:", level=2)
    document.add_paragraph("Sophie Linden, Deputy Mayor for Policing and Crime, (Co-Chair)")
    add_turn(document, "Sophie Linden", "Shall we start?", colon_inside=True)
    document.save(str(path))
    return path


def test_a_hearing_date_that_does_not_exist_is_never_today(tmp_path: Path) -> None:
    named = read_note(hearing_on(tmp_path / "2017-02-27 hearing.docx", "Monday 29 February 2017"))
    unnamed = hearing_on(tmp_path / "hearing.docx", "Monday 29 February 2017")

    assert named.meeting.date == dt.date(2017, 2, 27)
    assert [g.text for g in named.guesses if g.kind is GuessKind.IMPOSSIBLE_DATE] == [
        "the printed date in 'Date: Monday 29 February 2017' does not exist:"
        " the file name's date, 27 February 2017, put in"
    ]
    with pytest.raises(NoteReadError, match="'Date: Monday 29 February 2017' does not exist"):
        read_note(unnamed)


def test_an_exported_hearing_reads_back_with_the_same_turns(tmp_path: Path) -> None:
    """Export, then read the .docx back: every turn, the editorial notes as notes (a typed
    note is stored in brackets; one without them, from a file, is printed with them)."""
    sophie = "Sophie Linden (Deputy Mayor for Policing and Crime) (Co-Chair)"
    witness = "Dr Tim Bateson (Witness, University of Huddersfield)"
    turns = (
        TurnDoc(sophie, "Shall we start?"),
        TurnDoc(witness, "Custody numbers have fallen by two thirds."),
        TurnDoc(None, "[At this point the sound recording was lost for several minutes]"),
        TurnDoc(sophie, "We are back."),
        TurnDoc(None, "[The witness left]"),
        TurnDoc(witness, "Thank you."),
        TurnDoc(sophie, "Thank you all."),
    )
    meeting = MeetingDoc(
        BoardRef("Mayor's Office for Policing and Crime", "MOPAC"),
        dt.date(2017, 2, 27),
        style=LayoutStyle.HEARING_TRANSCRIPT,
        members=(MemberDoc("Sophie Linden", "Deputy Mayor for Policing and Crime", None, True),),
        agenda=(AgendaItemDoc("", turns=turns),),
    )
    path = tmp_path / "hearing.docx"
    export_docx(meeting, path)
    (item,) = read_note(path).meeting.agenda
    assert item.turns == turns

    unbracketed = meeting._replace(
        agenda=(AgendaItemDoc("", turns=(turns[0], TurnDoc(None, "The witness left"))),)
    )
    export_docx(unbracketed, path)
    printed = [p for p in docx.Document(str(path)).paragraphs if p.style.name == "Editorial Note"]
    assert [p.text for p in printed] == ["[The witness left]"]
    (item,) = read_note(path).meeting.agenda
    assert item.turns == (turns[0], TurnDoc(None, "[The witness left]"))


def test_a_members_organisation_printed_with_its_abbreviation_is_proposed_split(
    tmp_path: Path,
) -> None:
    document = docx.Document()
    document.add_paragraph("Date: Monday 27 February 2017")
    document.add_paragraph("Hearing: JUSTICE MATTERS - Offender Management in London")
    document.add_heading("Members:", level=2)
    document.add_paragraph("Jane Doe, Director, Department for Work and Pensions (DWP)")
    add_turn(document, "Jane Doe (DWP)", "Good morning.", colon_inside=True)
    path = tmp_path / "hearing.docx"
    document.save(str(path))

    note = read_note(path)

    assert [(o.name, o.abbreviation) for o in note.new_organisations] == [
        ("Department for Work and Pensions", "DWP"),
    ]
    assert [m.organisation for m in note.meeting.members] == ["DWP"]
