"""The five published records, exported from their fixtures, line for line.

Each fixture in ``tests/fixtures/examples/`` holds the content of one published note; the
published text itself (the house style's ``examples/``) is copied in ``published/`` beside
them, so the test needs nothing outside the repository. Exporting a fixture in its own
layout must give back every line of the published text, in order and word for word. The
published text is a PDF-to-Markdown conversion, so it is normalised first (see
:func:`published_lines`), undoing only what the conversion did (the fixtures' README lists
it): Markdown markers, page headers repeated mid-text, paragraphs split at a page break,
names split across two lines of a column, the 2019 table's tabs and OCR's ``ltem``.

The export may print lines the published note lacks (the fixtures add a few open actions,
see the fixtures README); a published line missing from the export is a failure.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from exporters.docx_export import export_docx
from models.enums import LayoutStyle
from models.interchange import read_meeting_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "examples"
PUBLISHED = FIXTURES / "published"
EXAMPLES = {
    "2025-03-20-public-note": LayoutStyle.PUBLIC_NOTE,
    "2024-02-29-note-of-meeting": LayoutStyle.NOTE_OF_MEETING,
    "2023-02-28-public-note-of-meeting": LayoutStyle.PUBLIC_NOTE_OF_MEETING,
    "2019-05-13-record-of-meeting": LayoutStyle.RECORD_OF_MEETING,
}
MASTHEAD = ("MOPAC", "MAYOR OF LONDON", "OFFICE FOR POLICING AND CRIME")

# Lines of the conversion that are the page header, wherever a page break put them ("MOPAC"
# only as the header's heading: the 2023 attendee list has a plain "MOPAC" line of its own).
_PAGE_HEADER = re.compile(
    r"^(# MOPAC|\**MAYOR OF LONDON\**|OFFICE FOR POLICING AND CRIME"
    r"|MOPACMAYOR OF LONDON OFFICE FOR POLICING AND CRIME"
    r"|# MOPAC MAYOR OF LONDON OFFICE FOR POLICING AND CRIME)\s*$"
)
# A line that is only an abbreviation: the rest of a name the column was too narrow for.
_ABBREVIATION_ONLY = re.compile(r"^\([^()]+\)$")

TRANSCRIPT = "2017-02-27-justice-matters-transcript"
_REBECCA = "Rebecca Lawrence (Chief Executive Officer) (MOPAC)"

# Where the published words differ from the export for a reason the conversion explains,
# the published line and what the export prints instead (None: printed elsewhere, checked
# by its own test). Nothing else may differ.
KNOWN_DIFFERENCES: dict[str, dict[str, str | None]] = {
    # The fixtures README explains all three.
    TRANSCRIPT: {
        # A members' column line the conversion misplaced into the title block: she is the
        # sixteenth member, printed after the other fifteen.
        "Debra Levison, Senior Manager, GLA Housing": None,
        # "10.30pm" is a typo for the end of a morning hearing "only an hour and a half" long.
        "Start time: 9.00am Finish time: 10.30pm": "Start time: 9.00am Finish time: 10.30am",
        # After the editorial note the summing-up goes on; the export names its speaker again.
        "We will look to see, in MOPAC, how we can bring employers together and we will, on"
        " housing, I think continue to make the case and support local authorities making the"
        " case but really work to identify not just how to start people off in housing but"
        " ensure they stay in housing.": (
            f"{_REBECCA}: We will look to see, in MOPAC, how we can bring employers together"
            " and we will, on housing, I think continue to make the case and support local"
            " authorities making the case but really work to identify not just how to start"
            " people off in housing but ensure they stay in housing."
        ),
    },
    "2019-05-13-record-of-meeting": {
        # The organisations ran together with no separator at all (the PDF set them in a
        # run-on list whose separators the conversion dropped); the export separates them,
        # with semicolons because one name has commas of its own.
        "Clinks Department for Work and Pensions (DWP) Her Majesty's Prisons and Probation"
        " Service (HMPPS) HMP Bronzefield London Councils London Heads of Community Safety"
        " (LHOCS) Mayor's Office for Policing and Crime (MOPAC) Metropolitan Police Service"
        " (MPS) Ministry of Housing, Communities, and Local Government (MHCLG) National"
        " Probation Service (NPS) NHS England Public Health England (PHE) St Mungo's": (
            "Clinks; Department for Work and Pensions (DWP); Her Majesty's Prisons and"
            " Probation Service (HMPPS); HMP Bronzefield; London Councils; London Heads of"
            " Community Safety (LHOCS); Mayor's Office for Policing and Crime (MOPAC);"
            " Metropolitan Police Service (MPS); Ministry of Housing, Communities, and Local"
            " Government (MHCLG); National Probation Service (NPS); NHS England; Public Health"
            " England (PHE); St Mungo's"
        ),
    },
}


def _strip_markdown(line: str) -> str:
    line = line.replace("<u> </u>", "").replace("\\*", "")
    line = re.sub(r"</?sup>", "", line)
    line = re.sub(r"^#+\s*", "", line)  # heading markers
    line = re.sub(r"^\s*[-•]\s+(\d+\.\s+)?", "", line)  # "- ", "  - ", "- 1. " list markers
    line = line.replace("**", "").replace("*", "")
    line = line.replace("•", "")  # a bullet the 2019 table cell kept as a character
    return " ".join(line.split())


def published_lines(name: str) -> list[str]:
    """The published note's lines, in order, as the export should print them."""
    text = (PUBLISHED / f"{name}.md").read_text(encoding="utf-8")
    lines: list[str] = []
    joinable = False  # the previous line was a paragraph a page break may have split
    for raw in text.splitlines():
        cells = raw.split("\t") if "\t" in raw else [raw]  # the 2019 table's columns
        for cell in cells:
            if _PAGE_HEADER.match(cell):
                continue
            line = _strip_markdown(cell)
            line = re.sub(r"^ltem (\d)", r"Item \1", line)  # OCR read the I as a lower-case L
            if not line:
                continue
            if lines and _ABBREVIATION_ONLY.match(line):
                lines[-1] += f" {line}"
            elif lines and joinable and line[0].islower() and not raw.startswith("#"):
                lines[-1] += f" {line}"  # a paragraph the page break split
            else:
                lines.append(line)
            joinable = not raw.lstrip().startswith("#")
    known = KNOWN_DIFFERENCES.get(name, {})
    printed = [known.get(line, line) for line in lines]
    return [line for line in printed if line is not None]


def blocks(document: Document) -> list[Paragraph]:
    """Body paragraphs and the paragraphs of table cells, in reading order."""
    found: list[Paragraph] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    found.extend(cell.paragraphs)
        else:
            found.append(block)
    return found


def exported_lines(document: Document) -> list[str]:
    lines = []
    for paragraph in blocks(document):
        for line in paragraph.text.split("\n"):
            if line.strip():
                lines.append(" ".join(line.split()))
    return lines


def missing_lines(expected: list[str], exported: list[str]) -> list[str]:
    """The expected lines not found in ``exported`` in order (an empty list when all are).

    One published line may be several exported ones run together (the 2019 cells lost
    their bullets: ``Actions: Partners to ... Lauren to update ...``).
    """
    missing = []
    position = 0
    for line in expected:
        found = _find(line, exported, position)
        if found is None:
            missing.append(line)
        else:
            position = found
    return missing


def _find(line: str, exported: list[str], start: int) -> int | None:
    """The index after ``line`` in ``exported`` from ``start`` on, or None."""
    for index in range(start, len(exported)):
        joined = exported[index]
        end = index + 1
        while joined != line and line.startswith(joined + " ") and end < len(exported):
            joined += " " + exported[end]
            end += 1
        if joined == line:
            return end
    return None


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Document]:
    folder = tmp_path_factory.mktemp("examples")
    documents = {}
    for name in [*EXAMPLES, TRANSCRIPT]:
        path = folder / f"{name}.docx"
        export_docx(read_meeting_file(FIXTURES / f"{name}.json"), path)
        documents[name] = docx.Document(str(path))
    return documents


@pytest.mark.parametrize("name", [*sorted(EXAMPLES), TRANSCRIPT])
def test_every_published_line_is_exported_in_order(
    exported: dict[str, Document], name: str
) -> None:
    expected = published_lines(name)
    assert len(expected) > 20  # the normalisation did not throw the note away
    lines = exported_lines(exported[name])
    assert missing_lines(expected, lines) == []


@pytest.mark.parametrize("name", [*sorted(EXAMPLES), TRANSCRIPT])
def test_the_masthead_is_in_the_page_header(exported: dict[str, Document], name: str) -> None:
    header = exported[name].sections[0].header
    assert tuple(p.text for p in header.paragraphs) == MASTHEAD
    assert "MAYOR OF LONDON" not in exported_lines(exported[name])  # never in the body


def _style(paragraph: Paragraph) -> str:
    return paragraph.style.name if paragraph.style is not None else ""


def _heading_texts(document: Document) -> dict[str, str]:
    return {
        " ".join(p.text.split()): _style(p)
        for p in blocks(document)
        if _style(p) == "Title" or _style(p).startswith("Heading")
    }


# Every published heading, and the Word style it must have.
HEADINGS = {
    "2025-03-20-public-note": {
        "Reducing Reoffending Board (RRB) | Public Note": "Title",
        "Attendees:": "Heading 2",
        "Agenda Item 1 | Welcome & Context:": "Heading 2",
        "Agenda Item 2 | Theme context setting": "Heading 2",
        "Probation Employment, Training & Education (ETE) Landscape:": "Heading 3",
        "Co-location Pilot Progress:": "Heading 3",
        "Ministry of Justice Update:": "Heading 3",
        "Agenda Item 3 | Workshop: Strengthening the System": "Heading 2",
    },
    "2024-02-29-note-of-meeting": {
        "Note of Meeting": "Title",
        "Reducing Reoffending Board": "Heading 1",
        "Attendees": "Heading 2",
        "1. Welcome & Apologies": "Heading 2",
        "3. Workshop Context setting:": "Heading 2",
        "How can we strengthen partnership working with employability services and"
        " Probation, such as through co-location?": "Heading 3",
        "5. AOB and close": "Heading 2",
    },
    "2023-02-28-public-note-of-meeting": {
        "Public Note of Meeting": "Title",
        "Reducing Reoffending Board": "Heading 1",
        "Attendees:": "Heading 2",
        "1. Thematic Review 2021 - 2022": "Heading 2",
        "6. AOB and Close": "Heading 2",
    },
    "2019-05-13-record-of-meeting": {
        "Record of Meeting": "Title",
        "Organisations in Attendance": "Heading 2",
        "Performance Data and Updates": "Heading 2",
        "Themed Topic \u2013 Prison Work Coaches and Universal Credit": "Heading 2",
    },
    TRANSCRIPT: {"Hearing Transcript": "Title", "Members:": "Heading 2"},
}


@pytest.mark.parametrize("name", [*sorted(EXAMPLES), TRANSCRIPT])
def test_headings_use_heading_styles_in_order(exported: dict[str, Document], name: str) -> None:
    headings = _heading_texts(exported[name])
    for text, style in HEADINGS[name].items():
        assert headings.get(text) == style, text
    levels = [
        1 if _style(p) == "Title" else int(_style(p)[-1])
        for p in blocks(exported[name])
        if _style(p) == "Title" or re.fullmatch(r"Heading \d", _style(p))
    ]
    assert levels[0] == 1
    assert all(later <= earlier + 1 for earlier, later in itertools.pairwise(levels))
    assert exported[name].core_properties.title
    assert exported[name].core_properties.language == "en-GB"


@pytest.mark.parametrize(
    ("name", "date_text"),
    [
        ("2025-03-20-public-note", "20th March, 1:30-3:30pm, Hybrid Meeting"),
        ("2024-02-29-note-of-meeting", "29th February 2024, 14:00-16:00"),
    ],
)
def test_ordinals_are_superscript(exported: dict[str, Document], name: str, date_text: str) -> None:
    (line,) = [p for p in blocks(exported[name]) if p.text == date_text]
    assert [run.text for run in line.runs if run.font.superscript] == ["th"]


def test_2023_prints_the_date_plainly(exported: dict[str, Document]) -> None:
    document = exported["2023-02-28-public-note-of-meeting"]
    (line,) = [p for p in blocks(document) if p.text == "28 February 2023, 13:30-15:30"]
    assert not any(run.font.superscript for run in line.runs)


@pytest.mark.parametrize("name", sorted(set(EXAMPLES) - {"2019-05-13-record-of-meeting"}))
def test_attendees_are_in_two_columns(exported: dict[str, Document], name: str) -> None:
    document = exported[name]
    attendee_paragraphs = [p for p in blocks(document) if _style(p) == "Attendee"]
    assert len(attendee_paragraphs) >= 11
    # The section that holds the list ends at its last line and has two columns.
    last = attendee_paragraphs[-1]._p
    columns = last.find(f"{qn('w:pPr')}/{qn('w:sectPr')}/{qn('w:cols')}")
    assert columns is not None
    assert columns.get(qn("w:num")) == "2"
    assert not document.tables  # no layout tables outside the 2019 agenda


def test_2019_agenda_is_a_two_column_table_with_a_header_row(
    exported: dict[str, Document],
) -> None:
    document = exported["2019-05-13-record-of-meeting"]
    (table,) = document.tables
    assert len(table.columns) == 2
    assert [cell.text for cell in table.rows[0].cells] == ["Item", "Agenda"]
    assert table.rows[0]._tr.xpath("w:trPr/w:tblHeader")
    assert [row.cells[0].text for row in table.rows[1:]] == [f"Item {n}" for n in range(1, 8)]
    assert not [p for p in document.paragraphs if _style(p) == "Attendee"]  # run on instead


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_notes_lists_are_real_word_lists(exported: dict[str, Document], name: str) -> None:
    list_paragraphs = [p for p in blocks(exported[name]) if _style(p).startswith("List")]
    assert list_paragraphs
    assert not [p for p in list_paragraphs if p.text.lstrip().startswith(("-", "•", "*"))]


# -- the 2017 hearing transcript ------------------------------------------------------------


def test_every_turn_opens_with_its_speaker_label_in_bold(exported: dict[str, Document]) -> None:
    meeting = read_meeting_file(FIXTURES / f"{TRANSCRIPT}.json")
    turns = [turn for item in meeting.agenda for turn in item.turns]
    spoken = [turn for turn in turns if turn.speaker is not None]
    openings = [
        p
        for p in blocks(exported[TRANSCRIPT])
        if p.runs and p.runs[0].bold and _style(p) == "Normal"
    ]
    assert [p.runs[0].text for p in openings] == [f"{turn.speaker}:" for turn in spoken]
    for paragraph, turn in zip(openings, spoken, strict=True):
        first_paragraph = turn.text.split("\n\n")[0]
        assert paragraph.text == f"{turn.speaker}: {' '.join(first_paragraph.split())}"
        assert not any(run.bold for run in paragraph.runs[1:])  # only the label is bold


def test_the_editorial_note_is_a_line_in_its_own_style(exported: dict[str, Document]) -> None:
    (note,) = [p for p in blocks(exported[TRANSCRIPT]) if _style(p) == "Editorial Note"]
    assert note.text == (
        "[At this point in the Justice Matters meeting the sound recording was lost for"
        " several minutes]"
    )
    assert not any(run.bold for run in note.runs)


def test_members_are_listed_one_per_line_sixteenth_last(exported: dict[str, Document]) -> None:
    lines = exported_lines(exported[TRANSCRIPT])
    members = lines[lines.index("Members:") + 1 :][:16]
    assert members[0] == "Sophie Linden, Deputy Mayor for Policing and Crime, (Co-Chair)"
    assert members[2] == "Michael Lockwood, CEO Harrow Council, (Co-Chair)"
    assert members[9] == "Patricia Cadden, NHS England"  # no role: the organisation alone
    assert members[15] == "Debra Levison, Senior Manager, GLA Housing"
    assert sum("(Co-Chair)" in line for line in members) == 2


def test_the_transcript_title_block_reads_as_published(exported: dict[str, Document]) -> None:
    assert exported_lines(exported[TRANSCRIPT])[1:5] == [
        "Date: Monday 27 February 2017",
        "Location: Committee Room 5, City Hall",
        "Hearing: JUSTICE MATTERS - Offender Management in London",
        "Start time: 9.00am Finish time: 10.30am",
    ]


# -- the normalisation itself ---------------------------------------------------------------


def test_normalising_undoes_the_conversion() -> None:
    lines = published_lines("2024-02-29-note-of-meeting")
    assert "Mayor's Office for Police and Crime (MOPAC)" in lines
    assert "slides were shared" in lines
    joined = [line for line in lines if "support members in delivering" in line]
    assert len(joined) == 1
    lines_2019 = published_lines("2019-05-13-record-of-meeting")
    assert lines_2019[:3] == ["Reducing Reoffending Board 13 May 2019", "Record of Meeting",
                              "Organisations in Attendance"]  # fmt: skip
    assert "Item 6" in lines_2019
    assert not [line for line in lines_2019 if "MAYOR OF LONDON" in line]


def test_a_missing_line_is_reported() -> None:
    exported = ["a", "b c", "d"]
    assert missing_lines(["a", "d"], exported) == []
    assert missing_lines(["a b c"], exported) == []  # run together
    assert missing_lines(["d", "a"], exported) == ["a"]  # out of order
    assert missing_lines(["b"], exported) == ["b"]  # a part of a line is not the line
