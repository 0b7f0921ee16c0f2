"""An organisation written as one label (``Name (ABBR)``): the new-organisation box's
suggestion and the Word import's proposal split it alike, and never guess an abbreviation
with a bracket or other punctuation in it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exporters.docx_export import export_docx
from models.interchange import read_meeting_file
from models.meeting_doc import OrganisationRef
from models.organisation_labels import (
    may_be_abbreviation,
    printed_organisation,
    split_label,
    suggest_name_and_abbreviation,
)
from models.word_import import Directory, GuessKind, read_note
from tests.conftest import EXAMPLES

# What no guessed abbreviation may hold: it prints in brackets after the name, and a slash
# or a comma separates an action's owners.
NOT_IN_AN_ABBREVIATION = re.compile(r"[()\[\]{}/,;:]")
DWP_NAME = "Department for Work and Pensions"


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("Department for Work and Pensions (DWP)", (DWP_NAME, "DWP")),
        ("  Department for Work and  Pensions  ( DWP ) ", (DWP_NAME, "DWP")),
        ("Department for Work and Pensions (DWP", (DWP_NAME, "DWP")),
        ("Department for Work and Pensions (DWP) (DWP(", (DWP_NAME, "DWP")),
        ("Probation (London) (LP)", ("Probation (London)", "LP")),
        ("Probation (London) Team", ("Probation (London) Team", "PLT")),
        ("Ministry of Housing, Communities, and Local Government", (
            "Ministry of Housing, Communities, and Local Government", "MHCLG",
        )),
        ("Young People (the service)", ("Young People (the service)", "YPTS")),
        ("(DWP)", ("", "DWP")),
        ("yot", ("", "YOT")),
        ("MoJ", ("", "MoJ")),
        ("  Office of the  Chief Executive ", ("Office of the Chief Executive", "OCE")),
        ("", ("", "")),
    ],
)  # fmt: skip
def test_the_new_organisation_box_suggests_the_name_and_abbreviation(
    typed: str, suggested: tuple[str, str]
) -> None:
    assert suggest_name_and_abbreviation(typed) == suggested


@pytest.mark.parametrize(
    ("printed", "proposed"),
    [
        ("London Probation (LP)", ("London Probation", "LP")),
        ("Clinks", ("Clinks", "Clinks")),
        ("A Fairer Chance CIC", ("A Fairer Chance CIC", "A Fairer Chance CIC")),
        ("St Mungo's", ("St Mungo's", "St Mungo's")),
        ("(DWP)", ("DWP", "DWP")),
        ("Ministry of Housing, Communities, and Local Government", (
            "Ministry of Housing, Communities, and Local Government", "MHCLG",
        )),
    ],
)  # fmt: skip
def test_a_printed_label_is_proposed_as_a_name_and_abbreviation(
    printed: str, proposed: tuple[str, str]
) -> None:
    assert printed_organisation(printed) == proposed


def test_the_initials_of_a_very_long_name_fit_the_column() -> None:
    name = " ".join(["Word"] * 80)
    assert may_be_abbreviation(suggest_name_and_abbreviation(name)[1])
    assert may_be_abbreviation(printed_organisation(name)[1])


def test_words_in_brackets_are_no_abbreviation() -> None:
    assert split_label("Victim Support (for the whole of London)") == (
        "Victim Support (for the whole of London)", None,
    )  # fmt: skip
    assert not may_be_abbreviation("DWP(")
    assert not may_be_abbreviation("MOPAC/DWP")


@given(st.text(alphabet=st.sampled_from("Ab (),/&'.-xYz:;[]é1 _"), max_size=40))
def test_no_guessed_abbreviation_holds_a_bracket_or_punctuation(text: str) -> None:
    for _name, abbreviation in (suggest_name_and_abbreviation(text), printed_organisation(text)):
        assert not NOT_IN_AN_ABBREVIATION.search(abbreviation), abbreviation
        assert abbreviation == "" or may_be_abbreviation(abbreviation), abbreviation


def test_a_note_that_printed_the_once_guessed_bracket_reads_back_as_the_meant_organisation(
    tmp_path: Path,
) -> None:
    """A note exported while the box guessed ``DWP(`` prints ``Department for Work and
    Pensions (DWP) (DWP(``; the import proposes ``Department for Work and Pensions`` (DWP),
    saying what was printed."""
    meeting = read_meeting_file(EXAMPLES / "2024-02-29-note-of-meeting.json")
    broken = OrganisationRef("Department for Work and Pensions (DWP)", "DWP(")
    organisations = tuple(
        broken if org.abbreviation == "DWP" else org for org in meeting.organisations
    )
    attendees = tuple(
        a._replace(organisation="DWP(") if a.organisation == "DWP" else a for a in meeting.attendees
    )
    assert any(a.organisation == "DWP(" for a in attendees)
    meeting = meeting._replace(
        organisations=organisations,
        attendees=attendees,
        agenda=tuple(item._replace(actions=()) for item in meeting.agenda),
    )
    path = tmp_path / "note.docx"
    export_docx(meeting, path)

    note = read_note(path, Directory((), (meeting.board,)))

    assert OrganisationRef("Department for Work and Pensions", "DWP") in note.new_organisations
    assert not [o for o in note.new_organisations if NOT_IN_AN_ABBREVIATION.search(o.abbreviation)]
    said = [g.text for g in note.guesses if g.kind is GuessKind.UNKNOWN_ORGANISATION]
    assert any("(DWP) (DWP(" in text for text in said)


def test_an_abbreviation_guessed_from_initials_never_takes_anothers(tmp_path: Path) -> None:
    meeting = read_meeting_file(EXAMPLES / "2024-02-29-note-of-meeting.json")
    odd = OrganisationRef("Department for Work, and Pensions", "Department for Work, and Pensions")
    meeting = meeting._replace(
        organisations=(*meeting.organisations, odd),
        attendees=(
            *meeting.attendees,
            meeting.attendees[0]._replace(organisation=odd.abbreviation),
        ),
        agenda=tuple(item._replace(actions=()) for item in meeting.agenda),
    )
    path = tmp_path / "note.docx"
    export_docx(meeting, path)

    note = read_note(path, Directory(meeting.organisations[:-1], (meeting.board,)))

    assert [(o.name, o.abbreviation) for o in note.new_organisations] == [
        ("Department for Work, and Pensions", "DWP 2"),
    ]
