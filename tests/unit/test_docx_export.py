"""exporters.docx_export: the Word note, checked by reopening the saved file."""

from __future__ import annotations

import dataclasses
import io
import itertools
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Pt, Twips
from docx.text.paragraph import Paragraph
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exporters.docx_export import (
    ActionsMode,
    ExportError,
    TemplateStyleWarning,
    build_document,
    check_logo,
    export_docx,
    write_document,
)
from exporters.formatting import (
    chair_text,
    next_meeting_text,
    ordinal_suffix,
    time_range_12,
    time_range_24,
    venue_text,
)
from models.action_sentence import action_sentence
from models.enums import BOARD_NOTE_LAYOUTS, AttendanceStatus, Audience, LayoutStyle, MeetingMode
from models.interchange import read_meeting_file
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
    return dataclasses.replace(meeting, **changes)  # type: ignore[arg-type]  # test helper


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
        "Reducing Reoffending Board \u2013 Note \u2013 Internal record - not for publication"
        " \u2013 20 March 2025"
    )
    assert styled(document, "Title") == [
        "Reducing Reoffending Board (RRB) | Note \u2013 Internal record - not for publication"
    ]
    header = [p.text for p in document.sections[0].header.paragraphs]
    assert header[-1] == "INTERNAL RECORD - NOT FOR PUBLICATION"


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


# -- writing the file ----------------------------------------------------------------------


def test_same_meeting_gives_identical_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    export_docx(make_meeting(), first)
    export_docx(make_meeting(), second)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as package:
        assert package.namelist()[0] == "[Content_Types].xml"
        assert {info.date_time for info in package.infolist()} == {(2025, 3, 20, 0, 0, 0)}


def test_write_replaces_an_existing_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "note.docx"
    path.write_bytes(b"old")
    export_docx(make_meeting(), path)
    assert docx.Document(str(path)).paragraphs
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.docx"]


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_docx(make_meeting(), tmp_path / "nowhere" / "note.docx")


def test_read_only_folder_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Creating the temporary file fails with PermissionError in a folder we may not write.

    Simulated, because the tests may run as root, which ignores folder permissions.
    """

    def denied(*args: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(ExportError, match="permission to write there"):
        export_docx(make_meeting(), tmp_path / "note.docx")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_file_open_in_word_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows, replacing a file Word holds open fails with PermissionError."""
    path = tmp_path / "note.docx"
    path.write_bytes(b"the earlier export")

    def locked(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError, match="open in another program"):
        export_docx(make_meeting(), path)
    assert path.read_bytes() == b"the earlier export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.docx"]


def test_a_folder_in_the_way_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "note.docx").mkdir()
    with pytest.raises(ExportError, match="folder with that name"):
        export_docx(make_meeting(), tmp_path / "note.docx")


def test_error_messages_are_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(ExportError) as caught:
        export_docx(make_meeting(), tmp_path / "nowhere" / "note.docx")
    message = str(caught.value)
    assert message.endswith(".")
    assert "\n" not in message
    assert "Errno" not in message


def test_build_then_write(tmp_path: Path) -> None:
    document = build_document(make_meeting(), LayoutStyle.RECORD_OF_MEETING)
    write_document(document, tmp_path / "note.docx")
    assert docx.Document(str(tmp_path / "note.docx")).tables


# -- user templates --------------------------------------------------------------------------


def test_template_missing_styles_falls_back_with_a_warning(tmp_path: Path) -> None:
    template = tmp_path / "plain.docx"
    docx.Document().save(str(template))  # python-docx's own: no Masthead, Meeting Details...

    with pytest.warns(TemplateStyleWarning, match="Masthead"):
        document, _ = export_and_reopen(tmp_path, make_meeting(), template=template)

    assert styled(document, "Meeting Details")
    assert styled(document, "List Bullet 2") == [
        "Explore training",
        "Improve links with Pupil Referral Units",
    ]
    assert document.sections[0].header.paragraphs[0].text == "MOPAC"


def test_template_with_its_own_letterhead_keeps_it(tmp_path: Path) -> None:
    template_document = build_document(make_meeting())  # has every style: no warning
    header = template_document.sections[0].header
    for p in header.paragraphs[1:]:
        p._p.getparent().remove(p._p)
    header.paragraphs[0].text = "Our own letterhead"
    template = tmp_path / "letterhead.docx"
    template_document.save(str(template))

    document, _ = export_and_reopen(tmp_path, make_meeting(theme="Other"), template=template)

    assert [p.text for p in document.sections[0].header.paragraphs] == ["Our own letterhead"]
    assert "Theme: Other" in texts(document)
    assert "Theme: Employment for people on probation" not in texts(document)


W15 = "http://schemas.microsoft.com/office/word/2012/wordml"


def edited_template(folder: Path, part: str, edit: Callable[[bytes], bytes]) -> Path:
    """python-docx's own template with ``part`` changed by ``edit``: a template Word might
    write that python-docx does not."""
    source = folder / "source.docx"
    docx.Document().save(str(source))
    template = folder / "edited.docx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(template, "w") as target:
        for name in original.namelist():
            content = original.read(name)
            target.writestr(name, edit(content) if name == part else content)
    return template


@pytest.mark.parametrize("layout", BOARD_NOTE_LAYOUTS)
def test_a_template_whose_section_uses_a_word_2013_element_exports(
    tmp_path: Path, layout: LayoutStyle
) -> None:
    """Word declares its later namespaces (w14, w15 ...) on the document and may use them in
    the section's settings (here footnote columns): the note's sections copy those settings,
    and the export must still parse them rather than fail with an XML error."""

    def footnote_columns(content: bytes) -> bytes:
        content = content.replace(b"<w:document ", f'<w:document xmlns:w15="{W15}" '.encode())
        content = content.replace(b"</w:sectPr>", b'<w15:footnoteColumns w15:val="1"/></w:sectPr>')
        assert content.count(b"w15:footnoteColumns") == 1
        return content

    template = edited_template(tmp_path, "word/document.xml", footnote_columns)

    with pytest.warns(TemplateStyleWarning):
        document, _ = export_and_reopen(tmp_path, make_meeting(), style=layout, template=template)

    assert any(texts(document))
    sections = list(document.element.body.iter(qn("w:sectPr")))
    assert sections
    assert all(s.find(f"{{{W15}}}footnoteColumns") is not None for s in sections)


def test_a_template_without_page_settings_takes_ours(tmp_path: Path) -> None:
    """A document's page settings (its body's last ``w:sectPr``) are optional: Word opens a
    file without them, so the export must too, on our page (A4, our margins)."""

    def without_page_settings(content: bytes) -> bytes:
        content = re.sub(rb"<w:sectPr.*?</w:sectPr>", b"", content, flags=re.DOTALL)
        assert b"sectPr" not in content
        return content

    template = edited_template(tmp_path, "word/document.xml", without_page_settings)

    with pytest.warns(TemplateStyleWarning):
        document, _ = export_and_reopen(tmp_path, make_meeting(), template=template)

    assert document.sections[0].header.paragraphs[0].text == "MOPAC"
    ours = build_document(make_meeting()).sections[0]
    assert document.sections[0].page_width == ours.page_width
    assert document.sections[0].left_margin == ours.left_margin


@pytest.mark.parametrize("layout", BOARD_NOTE_LAYOUTS)
def test_a_template_whose_table_grid_is_not_a_table_style_exports(
    tmp_path: Path, layout: LayoutStyle
) -> None:
    """A "Table Grid" that is a paragraph style cannot style a table: the 2019 agenda table
    takes the template's default table style, with a warning, and no layout fails."""

    def grid_as_paragraph_style(content: bytes) -> bytes:
        table_grid = b'<w:style w:type="table" w:styleId="TableGrid">'
        assert content.count(table_grid) == 1
        return content.replace(table_grid, table_grid.replace(b"table", b"paragraph"))

    template = edited_template(tmp_path, "word/styles.xml", grid_as_paragraph_style)

    with pytest.warns(TemplateStyleWarning) as caught:
        document, _ = export_and_reopen(tmp_path, make_meeting(), style=layout, template=template)

    assert any("Table Grid style is not a table style" in str(w.message) for w in caught)
    assert any(texts(document))
    for table in document.tables:
        assert table._tbl.tblPr.find(qn("w:tblStyle")) is None


def test_dotx_template_is_accepted(tmp_path: Path) -> None:
    """A Word template (.dotx) differs from a document only in its main content type."""
    reference = docx.Document()
    reference.save(str(tmp_path / "source.docx"))
    template = tmp_path / "house.dotx"
    with (
        zipfile.ZipFile(tmp_path / "source.docx") as source,
        zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for name in source.namelist():
            content = source.read(name)
            if name == "[Content_Types].xml":
                content = content.replace(b"document.main+xml", b"template.main+xml")
                assert b"template.main+xml" in content
            target.writestr(name, content)

    with pytest.warns(TemplateStyleWarning):
        document, path = export_and_reopen(tmp_path, make_meeting(), template=template)
    assert styled(document, "Title") == ["Reducing Reoffending Board (RRB) | Public Note"]
    with zipfile.ZipFile(path) as package:
        assert b"document.main+xml" in package.read("[Content_Types].xml")


def test_template_that_is_not_a_word_file(tmp_path: Path) -> None:
    template = tmp_path / "notes.docx"
    template.write_text("not a zip")
    with pytest.raises(ExportError, match="is not a Word document"):
        build_document(make_meeting(), template=template)


def test_missing_template(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="could not be found"):
        build_document(make_meeting(), template=tmp_path / "gone.docx")


# -- the user's logo --------------------------------------------------------------------------


def png_bytes(width: int, height: int) -> bytes:
    """A plain red PNG of the given size (no imaging library needed)."""
    rows = b"".join(b"\x00" + b"\xc8\x00\x00" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def logo(tmp_path: Path) -> Path:
    path = tmp_path / "logo.png"
    path.write_bytes(png_bytes(300, 100))
    return path


def header_pictures(document: Document) -> list[object]:
    return document.sections[0].header._element.findall(".//" + qn("wp:docPr"))


def test_logo_takes_the_place_of_the_first_masthead_line(tmp_path: Path, logo: Path) -> None:
    document, path = export_and_reopen(
        tmp_path, make_meeting(), logo=logo, logo_alt_text="MOPAC crest"
    )

    header = document.sections[0].header
    assert [p.text for p in header.paragraphs] == [
        "",
        "MAYOR OF LONDON",
        "OFFICE FOR POLICING AND CRIME",
    ]
    (doc_pr,) = header_pictures(document)
    assert doc_pr.get("descr") == "MOPAC crest"  # alt text, read by screen readers
    extent = header.paragraphs[0]._p.find(".//" + qn("wp:extent"))
    height, width = int(extent.get("cy")), int(extent.get("cx"))
    assert abs(height - 540_000) < 10  # 1.5 cm
    assert abs(width - 3 * height) < 10  # the aspect ratio is kept
    with zipfile.ZipFile(path) as package:
        assert package.read("word/media/image1.png") == logo.read_bytes()


def test_logo_has_alt_text_by_default(tmp_path: Path, logo: Path) -> None:
    document, _ = export_and_reopen(tmp_path, make_meeting(), logo=logo)
    (doc_pr,) = header_pictures(document)
    assert doc_pr.get("descr") == "Mayor's Office for Policing and Crime (MOPAC) logo"


def test_a_wide_logo_is_scaled_to_fit(tmp_path: Path) -> None:
    wide = tmp_path / "wide.png"
    wide.write_bytes(png_bytes(2000, 100))
    document, _ = export_and_reopen(tmp_path, make_meeting(), logo=wide)
    extent = document.sections[0].header._element.find(".//" + qn("wp:extent"))
    assert int(extent.get("cx")) == 2_160_000  # 6 cm
    assert int(extent.get("cy")) == 108_000


def test_logo_wins_over_the_templates_letterhead(tmp_path: Path, logo: Path) -> None:
    template_document = build_document(make_meeting())
    header = template_document.sections[0].header
    header.paragraphs[0].text = "Our own letterhead"
    template = tmp_path / "letterhead.docx"
    template_document.save(str(template))

    document, _ = export_and_reopen(tmp_path, make_meeting(), template=template, logo=logo)

    texts_in_header = [p.text for p in document.sections[0].header.paragraphs]
    assert texts_in_header == ["", "MAYOR OF LONDON", "OFFICE FOR POLICING AND CRIME"]
    assert len(header_pictures(document)) == 1


def test_the_same_meeting_with_a_logo_gives_identical_bytes(tmp_path: Path, logo: Path) -> None:
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    export_docx(make_meeting(), first, logo=logo)
    export_docx(make_meeting(), second, logo=logo)
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.svg", b"<svg/>", "not an image Word can show"),
        ("logo.png", b"not a picture", "damaged or not a PNG"),
        ("logo.png", png_bytes(10, 10)[:20], "damaged or not a PNG"),
        ("logo.jpg", png_bytes(10, 10), ""),  # a PNG named .jpg is still a picture
    ],
)
def test_a_logo_that_is_not_a_picture_is_a_clear_error(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    if not message:
        assert check_logo(path).px_width == 10
        return
    with pytest.raises(ExportError, match=message) as caught:
        export_docx(make_meeting(), tmp_path / "note.docx", logo=path)
    assert str(caught.value).endswith(".")
    assert not (tmp_path / "note.docx").exists()


_IMAGE_MAGIC = st.sampled_from(
    [b"\x89PNG\r\n\x1a\n", b"GIF89a", b"\xff\xd8\xff\xe0", b"BM", b"II*\x00", b"MM\x00*", b""]
)


@given(magic=_IMAGE_MAGIC, rest=st.binary(max_size=300))
@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_bytes_as_a_logo_give_a_picture_or_an_export_error(
    tmp_path: Path, magic: bytes, rest: bytes
) -> None:
    path = tmp_path / "logo.png"
    path.write_bytes(magic + rest)
    try:
        image = check_logo(path)
    except ExportError as error:
        message = str(error)
    else:
        assert image.px_width > 0
        assert image.px_height > 0
        return
    assert message.startswith("The logo logo.png ")


def test_a_missing_logo_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="could not be found"):
        build_document(make_meeting(), logo=tmp_path / "gone.png")
    (tmp_path / "folder.png").mkdir()
    with pytest.raises(ExportError, match="is a folder"):
        build_document(make_meeting(), logo=tmp_path / "folder.png")


# -- any text --------------------------------------------------------------------------------

_ANY_TEXT = st.text(st.characters(codec=None), max_size=200)


@given(title=_ANY_TEXT, notes=_ANY_TEXT, org=_ANY_TEXT, theme=_ANY_TEXT)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_text_exports_to_a_file_word_can_open(
    title: str, notes: str, org: str, theme: str
) -> None:
    meeting = make_meeting(
        theme=theme,
        organisations=(OrganisationRef(org, org[:5]),),
        attendees=(AttendeeDoc(org[:5] or "X", name=title),),
        agenda=(
            AgendaItemDoc(title, notes, actions=(ActionDoc(notes, (org,)),)),
            AgendaItemDoc(
                "Emoji \U0001f600 and RTL \u05e9\u05dc\u05d5\u05dd", "\u202eevil\u202c \x00\x0b\x0c"
            ),
        ),
    )
    for layout in BOARD_NOTE_LAYOUTS:
        document = build_document(meeting, layout, audience=Audience.INTERNAL)
        stream = io.BytesIO()
        document.save(stream)
        docx.Document(io.BytesIO(stream.getvalue()))


def test_100_kb_of_notes_exports(tmp_path: Path) -> None:
    notes = "\n\n".join(
        f"Paragraph {n}: **bold** and *italic* text\x0bwith a break.\n\n- a bullet\n  - nested"
        for n in range(1300)
    )
    assert len(notes) > 100_000
    meeting = make_meeting(agenda=(AgendaItemDoc("Long", notes),))
    document, _ = export_and_reopen(tmp_path, meeting)
    assert len(document.paragraphs) > 3600


# -- the published examples, line for line -------------------------------------------------

EXAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "examples"

# What each published note prints before its first agenda item, and its item headings.
PUBLISHED_OPENINGS = {
    "2025-03-20-public-note": [
        "Reducing Reoffending Board (RRB) | Public Note",
        "20th March, 1:30-3:30pm, Hybrid Meeting",
        "Theme: Employment for people on probation including community sentences",
        "Attendees:",
        "Mayor's Office for Policing and Crime (MOPAC)",
        "London Probation (LP)",
        "Ministry of Justice (MoJ)",
        "Department for Work and Pensions (DWP)",
        "Metropolitan Police Service (MPS)",
        "Greater London Authority (GLA)",
        "NHS England",
        "Youth Justice Board (YJB)",
        "His Majesty's Prison Service (HMPS)",
        "EAB Wormwood Scrubs",
        "New Futures Network",
        "Clinks",
    ],
    "2024-02-29-note-of-meeting": [
        "Note of Meeting",
        "Reducing Reoffending Board",
        "29th February 2024, 14:00-16:00",
        "Mitre House, 223-237 Borough High Street, London SE1 1JD",
        "Chair: Director of Commissioning & Partnerships (MOPAC)",
        "Attendees",
        "Mayor's Office for Police and Crime (MOPAC)",
        "London Probation (LP)",
        "Her Majesty's Prison and Probation Service (HMPPS)",
        "London Borough of Haringey (LBH)",
        "Department for Work and Pensions (DWP)",
        "NHS England (NHSE)",
        "London Prison Group (LPG)",
        "A Fairer Chance CIC",
        "Greater London Authority (GLA)",
        "Metropolitan Police (MPS)",
        "Clinks",
    ],
    "2023-02-28-public-note-of-meeting": [
        "Public Note of Meeting",
        "Reducing Reoffending Board",
        "28 February 2023, 13:30-15:30",
        "MS Teams",
        "Chair: Director of Commissioning & Partnerships (MOPAC)",
        "Attendees:",
        *("MOPAC", "YJB", "NHS", "LB Camden", "LB Haringey", "London Probation"),
        *("LB Hammersmith & Fulham", "LPG", "GLA", "Clinks", "DWP", "London Councils"),
        *("MPS", "Maximus", "DLUHC"),
    ],
    "2019-05-13-record-of-meeting": [
        "Reducing Reoffending Board 13 May 2019",
        "Record of Meeting",
        "Organisations in Attendance",
        "Clinks; Department for Work and Pensions (DWP); Her Majesty's Prisons and Probation"
        " Service (HMPPS); HMP Bronzefield; London Councils; London Heads of Community Safety"
        " (LHOCS); Mayor's Office for Policing and Crime (MOPAC); Metropolitan Police Service"
        " (MPS); Ministry of Housing, Communities, and Local Government (MHCLG); National"
        " Probation Service (NPS); NHS England; Public Health England (PHE); St Mungo's",
    ],
}
PUBLISHED_ITEM_HEADINGS = {
    "2025-03-20-public-note": [
        "Agenda Item 1 | Welcome & Context:",
        "Agenda Item 2 | Theme context setting",
        "Agenda Item 3 | Workshop: Strengthening the System",
    ],
    "2024-02-29-note-of-meeting": [
        "1. Welcome & Apologies",
        "2. Update on RRB Forward Plan",
        "3. Workshop Context setting:",
        "4. Workshop",
        "5. AOB and close",
    ],
    "2023-02-28-public-note-of-meeting": [
        "1. Thematic Review 2021 - 2022",
        "2. Offender Employment and Education",
        "3. Homelessness Prevention",
        "4. Drug Treatment and Continuity of Care",
        "5. Serious Case Review",
        "6. AOB and Close",
    ],
    "2019-05-13-record-of-meeting": [
        "Welcome and Apologies",
        "Performance Data and Updates",
        "Persistent Offenders",
        "Female Offending",
        "Prison Accommodation Pilot",
        "Themed Topic \u2013 Prison Work Coaches and Universal Credit",
        "AOB and Close",
    ],
}


@pytest.mark.parametrize("name", sorted(PUBLISHED_OPENINGS))
def test_published_example_prints_as_published(tmp_path: Path, name: str) -> None:
    meeting = read_meeting_file(EXAMPLES / f"{name}.json")
    document, _ = export_and_reopen(tmp_path, meeting)

    opening = PUBLISHED_OPENINGS[name]
    assert texts(document)[: len(opening)] == opening
    headings = [p.text for p in all_paragraphs(document) if p.style and p.style.name == "Heading 2"]
    expected = PUBLISHED_ITEM_HEADINGS[name]
    assert [h for h in headings if h not in opening] == expected
    if name.startswith("2023"):
        assert document.paragraphs[-1].text == "The next meeting will be on Tuesday 30 May 2023."
    if name.startswith("2019"):
        rows = document.tables[0].rows
        assert [row.cells[0].text for row in rows] == ["Item", *(f"Item {n}" for n in range(1, 8))]


# -- wording helpers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (time(13, 30), time(15, 30), "1:30-3:30pm"),
        (time(14, 0), time(16, 0), "2-4pm"),
        (time(11, 0), time(13, 0), "11am-1pm"),
        (time(0, 15), time(1, 0), "12:15-1am"),
        (time(12, 0), None, "12pm"),
        (None, time(9, 5), "9:05am"),
        (None, None, ""),
    ],
)
def test_twelve_hour_time_range(start: time | None, end: time | None, expected: str) -> None:
    assert time_range_12(start, end) == expected


def test_twenty_four_hour_time_range() -> None:
    assert time_range_24(time(14, 0), time(16, 0)) == "14:00-16:00"
    assert time_range_24(time(9, 5), None) == "09:05"
    assert time_range_24(None, None) == ""


@pytest.mark.parametrize(
    ("day", "suffix"),
    [
        *((1, "st"), (2, "nd"), (3, "rd"), (4, "th"), (11, "th"), (12, "th"), (13, "th")),
        *((21, "st"), (22, "nd"), (23, "rd"), (29, "th"), (31, "st")),
    ],
)
def test_ordinal_suffix(day: int, suffix: str) -> None:
    assert ordinal_suffix(day) == suffix


@pytest.mark.parametrize(
    ("venue", "mode", "expected"),
    [
        ("", MeetingMode.HYBRID, "Hybrid Meeting"),
        ("", MeetingMode.ONLINE, "Online"),
        ("", MeetingMode.IN_PERSON, ""),
        ("MS Teams", MeetingMode.ONLINE, "MS Teams"),
        (
            "City Hall,\n Kamal Chunchie Way\n\nLondon E16 1ZE",
            MeetingMode.HYBRID,
            "City Hall, Kamal Chunchie Way, London E16 1ZE",
        ),
    ],
)
def test_venue_text(venue: str, mode: MeetingMode, expected: str) -> None:
    assert venue_text(make_meeting(venue=venue, mode=mode)) == expected


def test_chair_and_action_wording() -> None:
    assert chair_text(ChairDoc("Director", "MOPAC")) == "Chair: Director (MOPAC)"
    assert chair_text(ChairDoc("Director", "")) == "Chair: Director"
    assert action_sentence("", "to be shared.") == "to be shared."
    assert action_sentence("MPS/MOPAC", "review it.") == "MPS/MOPAC to review it."
    assert (
        next_meeting_text(date(2023, 5, 30)) == "The next meeting will be on Tuesday 30 May 2023."
    )
