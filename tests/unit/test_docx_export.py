"""exporters.docx_export: the Word note, checked by reopening the saved file."""

from __future__ import annotations

import itertools
import re
import zipfile
from datetime import UTC, date, datetime, time
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Pt, Twips
from docx.text.paragraph import Paragraph

from exporters.docx_export import ActionsMode, export_docx
from models.enums import BOARD_NOTE_LAYOUTS, AttendanceStatus, Audience, LayoutStyle, MeetingMode
from models.meeting_doc import (
    ActionDoc,
    AgendaItemDoc,
    AttendeeDoc,
    BoardRef,
    ChairDoc,
    MeetingDoc,
    OrganisationRef,
)

WORKSHOP_NOTES = """MOPAC introduced the workshop.

### Co-location Pilot Progress:

DWP staff report a **"one team"** approach; *slides were shared*.

#### Regional expansion

- **Veterans** - links with Care After Combat
- Neurodiversity - partners agreed to:
  - Explore training
  - Improve links with Pupil Referral Units
- Gambling Harms

**The Board discussed the following questions:**

1. **What are the key priorities?**
2. **How should the approach differ?**

The relevant RRB outcome is: *'more prison leavers will secure accommodation'*.

1. A second numbered list
2. that starts again at one
"""

ORGANISATIONS = (
    OrganisationRef("Mayor's Office for Policing and Crime", "MOPAC"),
    OrganisationRef("London Probation", "LP"),
    OrganisationRef("Department for Work and Pensions", "DWP"),
    OrganisationRef("Metropolitan Police Service", "MPS"),
    OrganisationRef("Clinks", "Clinks"),
)


def make_meeting(**changes: object) -> MeetingDoc:
    """A fictional meeting with every feature a note prints."""
    meeting = MeetingDoc(
        board=BoardRef("Reducing Reoffending Board", "RRB"),
        date=date(2025, 3, 20),
        style=LayoutStyle.PUBLIC_NOTE,
        start=time(13, 30),
        end=time(15, 30),
        venue="",
        mode=MeetingMode.HYBRID,
        chair=ChairDoc("Director of Commissioning & Partnerships", "MOPAC"),
        theme="Employment for people on probation",
        organisations=ORGANISATIONS,
        attendees=(
            AttendeeDoc("MOPAC", name="Alex Example", role="Head of Reducing Reoffending"),
            AttendeeDoc("MOPAC"),
            AttendeeDoc("LP", name="Sam Sample", role="Regional Lead"),
            AttendeeDoc("DWP"),
            AttendeeDoc("Clinks", name="Jo Placeholder", role="Policy Officer"),
            AttendeeDoc("MPS", name="Kim Absent", status=AttendanceStatus.APOLOGIES),
        ),
        agenda=(
            AgendaItemDoc("Welcome & Context:", "The meeting opened.\x0bA second line."),
            AgendaItemDoc(
                "Workshop: Strengthening the System",
                WORKSHOP_NOTES,
                actions=(
                    ActionDoc(
                        "review the outcomes of the Diversion Pilot and feedback to Board"
                        " on progress.",
                        ("MPS", "MOPAC"),
                    ),
                    ActionDoc("Learning from the co-location pilot to be shared."),
                ),
            ),
            AgendaItemDoc("Serious Case Review", "Secret discussion.", confidential=True),
            AgendaItemDoc("AOB and Close", "None."),
        ),
        next_meeting=date(2023, 5, 30),
    )
    return meeting._replace(**changes)  # type: ignore[arg-type]  # test helper


def export_and_reopen(
    tmp_path: Path, meeting: MeetingDoc, **kwargs: object
) -> tuple[Document, Path]:
    path = tmp_path / "note.docx"
    export_docx(meeting, path, **kwargs)  # type: ignore[arg-type]  # style/audience/template
    return docx.Document(str(path)), path


def texts(document: Document) -> list[str]:
    return [p.text for p in document.paragraphs]


def styled(document: Document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == style]


def paragraph(document: Document, text: str) -> Paragraph:
    return next(p for p in document.paragraphs if p.text == text)


def heading_levels(paragraphs: list[Paragraph]) -> list[int]:
    levels = []
    for p in paragraphs:
        name = p.style.name if p.style is not None else ""
        if name == "Title":
            levels.append(1)
        elif re.fullmatch(r"Heading \d", name):
            levels.append(int(name[-1]))
    return levels


def all_paragraphs(document: Document) -> list[Paragraph]:
    """Body paragraphs and those in table cells, in reading order."""
    found: list[Paragraph] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            found.append(block)
        else:
            for row in block.rows:
                for cell in row.cells:
                    found.extend(cell.paragraphs)
    return found


# -- every layout ------------------------------------------------------------------------


@pytest.mark.parametrize("layout", BOARD_NOTE_LAYOUTS)
def test_every_layout_exports_and_reopens(tmp_path: Path, layout: LayoutStyle) -> None:
    document, _ = export_and_reopen(
        tmp_path, make_meeting(), style=layout, actions=ActionsMode.PER_ITEM
    )

    header_lines = [p.text for p in document.sections[0].header.paragraphs]
    assert header_lines == ["MOPAC", "MAYOR OF LONDON", "OFFICE FOR POLICING AND CRIME"]
    assert all(
        p.style is not None and p.style.name == "Masthead"
        for p in document.sections[0].header.paragraphs
    )
    found = all_paragraphs(document)
    all_text = "\n".join(p.text for p in found)
    assert "The next meeting will be on Tuesday 30 May 2023." in all_text
    assert "MPS/MOPAC to review the outcomes of the Diversion Pilot" in all_text
    # Headings in order: starts at level 1 (the title) and never skips a level.
    levels = heading_levels(found)
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))


@pytest.mark.parametrize("layout", BOARD_NOTE_LAYOUTS)
def test_public_note_has_no_people_and_no_confidential_items(
    tmp_path: Path, layout: LayoutStyle
) -> None:
    document, path = export_and_reopen(tmp_path, make_meeting(), style=layout)
    text = "\n".join(p.text for p in all_paragraphs(document))

    for person in ("Alex Example", "Sam Sample", "Jo Placeholder", "Kim Absent"):
        assert person not in text
    assert "Serious Case Review" not in text
    assert "Secret discussion" not in text
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            assert b"Secret" not in package.read(name)


def test_internal_note_names_people_and_marks_confidential_items(tmp_path: Path) -> None:
    document, _ = export_and_reopen(tmp_path, make_meeting(), audience=Audience.INTERNAL)

    attendees = styled(document, "Attendee")
    assert (
        "Mayor's Office for Policing and Crime (MOPAC) \u2013 Alex Example,"
        " Head of Reducing Reoffending" in attendees
    )
    assert "Department for Work and Pensions (DWP)" in attendees
    assert "Mayor's Office for Policing and Crime (MOPAC)" not in attendees  # named above
    assert "Metropolitan Police Service (MPS) \u2013 Kim Absent" in attendees  # apologies
    assert "Apologies:" in styled(document, "Heading 2")
    assert "Agenda Item 3 | Serious Case Review (Confidential)" in styled(document, "Heading 2")
    assert "Secret discussion." in texts(document)
    assert document.core_properties.title == (
        "Reducing Reoffending Board \u2013 Note \u2013 Internal record \u2013 not for publication"
        " \u2013 20 March 2025"
    )
    assert styled(document, "Title") == [
        "Reducing Reoffending Board (RRB) | Note \u2013 Internal record \u2013 not for publication"
    ]
    header = [p.text for p in document.sections[0].header.paragraphs]
    assert header[-1] == "INTERNAL RECORD \u2013 NOT FOR PUBLICATION"


# -- the 2025 layout in detail -----------------------------------------------------------


def test_public_note_title_block(tmp_path: Path) -> None:
    document, _ = export_and_reopen(tmp_path, make_meeting())

    assert styled(document, "Title") == ["Reducing Reoffending Board (RRB) | Public Note"]
    details = styled(document, "Meeting Details")
    assert details == [
        "20th March, 1:30-3:30pm, Hybrid Meeting",
        "Theme: Employment for people on probation",
    ]
    date_line = paragraph(document, details[0])
    suffix = [run for run in date_line.runs if run.text == "th"]
    assert len(suffix) == 1
    assert suffix[0].font.superscript is True
    assert styled(document, "Heading 2")[:3] == [
        "Attendees:",
        "Agenda Item 1 | Welcome & Context:",
        "Agenda Item 2 | Workshop: Strengthening the System",
    ]
    assert styled(document, "Heading 2")[3] == "Agenda Item 3 | AOB and Close"  # renumbered
    assert styled(document, "Attendee") == [
        "Mayor's Office for Policing and Crime (MOPAC)",
        "London Probation (LP)",
        "Department for Work and Pensions (DWP)",
        "Clinks",
    ]


def test_a_hybrid_meeting_with_a_venue_is_a_hybrid_meeting_in_the_2025_note(
    tmp_path: Path,
) -> None:
    """As published: ``20th March, 1:30-3:30pm, Hybrid Meeting``, not the venue's address;
    the 2024 layout, which prints an address line of its own, still prints it."""
    meeting = make_meeting(venue="City Hall\nKamal Chunchie Way\nLondon E16 1ZE")
    document, _ = export_and_reopen(tmp_path, meeting)
    assert styled(document, "Meeting Details")[0] == "20th March, 1:30-3:30pm, Hybrid Meeting"
    document, _ = export_and_reopen(tmp_path, meeting, style=LayoutStyle.NOTE_OF_MEETING)
    assert "City Hall, Kamal Chunchie Way, London E16 1ZE" in styled(document, "Meeting Details")


def test_notes_render_as_real_word_structures(tmp_path: Path) -> None:
    document, _ = export_and_reopen(tmp_path, make_meeting(), actions=ActionsMode.PER_ITEM)

    assert styled(document, "Heading 3") == ["Co-location Pilot Progress:"]
    assert styled(document, "Heading 4") == ["Regional expansion"]
    assert styled(document, "List Bullet") == [
        "Veterans - links with Care After Combat",
        "Neurodiversity - partners agreed to:",
        "Gambling Harms",
        "MPS/MOPAC to review the outcomes of the Diversion Pilot and feedback to Board on"
        " progress.",
        "Learning from the co-location pilot to be shared.",
    ]
    assert styled(document, "List Bullet 2") == [
        "Explore training",
        "Improve links with Pupil Referral Units",
    ]
    assert styled(document, "List Number") == [
        "What are the key priorities?",
        "How should the approach differ?",
        "A second numbered list",
        "that starts again at one",
    ]
    veterans = paragraph(document, "Veterans - links with Care After Combat")
    assert [(r.text, r.bold) for r in veterans.runs] == [
        ("Veterans", True),
        (" - links with Care After Combat", None),
    ]
    outcome = next(p for p in document.paragraphs if p.text.startswith("The relevant RRB"))
    assert [(r.text, r.italic) for r in outcome.runs] == [
        ("The relevant RRB outcome is: ", None),
        ("'more prison leavers will secure accommodation'", True),
        (".", None),
    ]
    opening = paragraph(document, "The meeting opened.\nA second line.")
    assert opening._p.findall(f".//{qn('w:br')}")
    actions_label = paragraph(document, "Actions:")
    assert actions_label.runs[0].bold is True


@pytest.mark.parametrize(
    ("notes", "levels"),
    [
        ("#### only level four\n\n#### again", ["Heading 3", "Heading 3"]),
        ("#### a\n\n### b\n\n#### c", ["Heading 3", "Heading 3", "Heading 4"]),
        ("### a\n\n#### b\n\n### c", ["Heading 3", "Heading 4", "Heading 3"]),
    ],
)
def test_subheadings_never_skip_a_level(tmp_path: Path, notes: str, levels: list[str]) -> None:
    meeting = make_meeting(agenda=(AgendaItemDoc("Item", notes),))
    document, _ = export_and_reopen(tmp_path, meeting)
    sub = ("Heading 3", "Heading 4")
    found = [p.style.name for p in document.paragraphs if p.style and p.style.name in sub]
    assert found == levels


def test_each_numbered_list_restarts(tmp_path: Path) -> None:
    document, _ = export_and_reopen(tmp_path, make_meeting())

    def num_id(p: Paragraph) -> str:
        return p._p.pPr.numPr.numId.get(qn("w:val"))

    numbered = [
        p for p in document.paragraphs if p.style is not None and p.style.name == "List Number"
    ]
    first, second = {num_id(p) for p in numbered[:2]}, {num_id(p) for p in numbered[2:]}
    assert len(first) == len(second) == 1
    assert first != second
    numbering = document.part.numbering_part.element
    for list_num_id in (*first, *second):
        (num,) = numbering.xpath(f"w:num[@w:numId='{list_num_id}']")
        starts = num.xpath("w:lvlOverride/w:startOverride/@w:val")
        assert starts == ["1"]


def test_bullets_are_a_real_two_level_word_list(tmp_path: Path) -> None:
    document, _ = export_and_reopen(tmp_path, make_meeting())
    styles = document.styles.element
    numbering = document.part.numbering_part.element

    def style_num_pr(name: str) -> tuple[str, str]:
        (style,) = styles.xpath(f"w:style[w:name/@w:val='{name}']")
        return (
            style.xpath("w:pPr/w:numPr/w:numId/@w:val")[0],
            style.xpath("w:pPr/w:numPr/w:ilvl/@w:val")[0],
        )

    bullet_id, level_1 = style_num_pr("List Bullet")
    bullet_2_id, level_2 = style_num_pr("List Bullet 2")
    assert bullet_id == bullet_2_id
    assert (level_1, level_2) == ("0", "1")
    (abstract_id,) = numbering.xpath(f"w:num[@w:numId='{bullet_id}']/w:abstractNumId/@w:val")
    formats = numbering.xpath(
        f"w:abstractNum[@w:abstractNumId='{abstract_id}']/w:lvl/w:numFmt/@w:val"
    )
    assert formats[:2] == ["bullet", "bullet"]


def test_attendees_are_set_in_two_columns_by_a_section(tmp_path: Path) -> None:
    document, _ = export_and_reopen(tmp_path, make_meeting())

    columns = [section._sectPr.xpath("w:cols/@w:num") for section in document.sections]
    assert columns == [[], ["2"], []]
    assert not document.tables
    # The masthead header belongs to the first section; the others inherit it.
    assert not document.sections[0].header.is_linked_to_previous
    assert document.sections[1].header.is_linked_to_previous
    assert document.sections[2].header.is_linked_to_previous


def test_document_properties_come_from_the_meeting(tmp_path: Path) -> None:
    document, path = export_and_reopen(tmp_path, make_meeting())
    props = document.core_properties

    assert props.title == "Reducing Reoffending Board \u2013 Public Note \u2013 20 March 2025"
    assert props.author == "Reducing Reoffending Board"
    assert props.last_modified_by == "Reducing Reoffending Board"
    assert props.language == "en-GB"
    assert props.created == props.modified == datetime(2025, 3, 20, tzinfo=UTC)
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            content = package.read(name)
            assert b"python-docx" not in content.lower(), name
            assert b"2013" not in content, name
        styles = package.read("word/styles.xml").decode()
    assert re.search(r'<w:docDefaults>.*<w:lang w:val="en-GB"', styles, re.S)
    normal = document.styles["Normal"].font
    assert (normal.name, normal.size) == ("Arial", Pt(11))


# -- the other layouts ---------------------------------------------------------------------


def test_2024_note_of_meeting(tmp_path: Path) -> None:
    meeting = make_meeting(
        style=LayoutStyle.NOTE_OF_MEETING,
        date=date(2024, 2, 29),
        start=time(14, 0),
        end=time(16, 0),
        venue="Mitre House\n223-237 Borough High Street\nLondon SE1 1JD",
        mode=MeetingMode.IN_PERSON,
        theme=None,
    )
    document, _ = export_and_reopen(tmp_path, meeting)

    assert texts(document)[:5] == [
        "Note of Meeting",
        "Reducing Reoffending Board",
        "29th February 2024, 14:00-16:00",
        "Mitre House, 223-237 Borough High Street, London SE1 1JD",
        "Chair: Director of Commissioning & Partnerships (MOPAC)",
    ]
    assert styled(document, "Title") == ["Note of Meeting"]
    assert styled(document, "Heading 1") == ["Reducing Reoffending Board"]
    date_line = paragraph(document, "29th February 2024, 14:00-16:00")
    assert all(run.bold for run in date_line.runs)
    assert [r.text for r in date_line.runs if r.font.superscript] == ["th"]
    headings = styled(document, "Heading 2")
    assert headings[:2] == ["Attendees", "1. Welcome & Context:"]


def test_2023_public_note_of_meeting(tmp_path: Path) -> None:
    meeting = make_meeting(
        style=LayoutStyle.PUBLIC_NOTE_OF_MEETING,
        date=date(2023, 2, 28),
        venue="MS Teams",
        mode=MeetingMode.ONLINE,
    )
    document, _ = export_and_reopen(tmp_path, meeting)

    assert texts(document)[:5] == [
        "Public Note of Meeting",
        "Reducing Reoffending Board",
        "28 February 2023, 13:30-15:30",
        "MS Teams",
        "Chair: Director of Commissioning & Partnerships (MOPAC)",
    ]
    assert not [r for r in paragraph(document, texts(document)[2]).runs if r.font.superscript]
    assert styled(document, "Attendee") == ["MOPAC", "LP", "DWP", "Clinks"]
    assert styled(document, "Heading 2")[1] == "1. Welcome & Context:"


def test_2019_record_of_meeting(tmp_path: Path) -> None:
    meeting = make_meeting(style=LayoutStyle.RECORD_OF_MEETING, date=date(2019, 5, 13), theme=None)
    document, _ = export_and_reopen(tmp_path, meeting)

    assert texts(document)[:4] == [
        "Reducing Reoffending Board 13 May 2019",
        "Record of Meeting",
        "Organisations in Attendance",
        "Clinks, Department for Work and Pensions (DWP), London Probation (LP),"
        " Mayor's Office for Policing and Crime (MOPAC)",
    ]
    (table,) = document.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Item", "Agenda"]
    assert [row[0] for row in rows[1:]] == ["Item 1", "Item 2", "Item 3"]
    item_2 = table.rows[2].cells[1]
    assert item_2.paragraphs[0].text == "Workshop: Strengthening the System"
    assert item_2.paragraphs[0].style.name == "Heading 2"
    assert "Actions:" in [p.text for p in item_2.paragraphs]
    assert table.rows[0]._tr.xpath("w:trPr/w:tblHeader")
    section = document.sections[-1]
    text_width = section.page_width - section.left_margin - section.right_margin
    assert table.columns[0].width == Twips(1418)
    assert table.columns[0].width + table.columns[1].width == text_width


def test_style_argument_overrides_the_meetings_layout(tmp_path: Path) -> None:
    meeting = make_meeting(style=LayoutStyle.NOTE_OF_MEETING)
    document, _ = export_and_reopen(tmp_path, meeting, style=LayoutStyle.PUBLIC_NOTE)
    assert styled(document, "Title") == ["Reducing Reoffending Board (RRB) | Public Note"]


def test_minimal_meeting_exports(tmp_path: Path) -> None:
    meeting = MeetingDoc(board=BoardRef("Reducing Reoffending Board", ""), date=date(2025, 1, 1))
    for layout in BOARD_NOTE_LAYOUTS:
        document, _ = export_and_reopen(tmp_path, meeting, style=layout)
        assert document.paragraphs[0].text
