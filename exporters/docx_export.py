"""Export a meeting as a Word note in one of the house layouts (the Public Note).

The four layouts are the four published examples in ``HOUSE_STYLE.md``; each differs only in
its title block, how attendees are listed and how items are headed (the 2019 record puts the
items in a table), so one writer with a few switches produces all four. Everything visual
lives in the template's named styles (``resources/reference.docx``), never in direct
formatting, so a user's own template restyles the whole note and the result stays accessible
(real headings in order, real lists, document title and language set).

Public API: :class:`ExportError`, :func:`build_document`, :func:`write_document`,
:func:`export_docx`, :func:`check_logo`.
"""

from __future__ import annotations

import copy
import io
import struct
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.image.exceptions import (
    InvalidImageStreamError,
    UnexpectedEndOfFileError,
    UnrecognizedImageError,
)
from docx.image.image import Image
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu, Length, Pt, Twips
from docx.text.paragraph import Paragraph as DocxParagraph

from exporters.errors import ExportError, TemplateStyleWarning
from exporters.files import write_atomically
from exporters.formatting import (
    AttendeeLine,
    action_text,
    attendee_lines,
    chair_text,
    long_date,
    month_name,
    next_meeting_text,
    ordinal_suffix,
    time_range_12,
    time_range_24,
    venue_text,
)
from exporters.options import DEFAULT_LOGO_ALT_TEXT, LOGO_FORMATS, ExportOptions
from exporters.package import document_bytes, replace_app_properties
from exporters.template import (
    ListNumbering,
    NumberingRef,
    ensure_styles,
    has_style,
    open_template,
)
from exporters.text import add_text, single_line
from models.enums import AttendanceStatus, Audience, LayoutStyle
from models.meeting_doc import AgendaItemDoc, MeetingDoc
from models.notes import Block, Heading, ListBlock, Paragraph, Run, parse_notes

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import _Cell

__all__ = [
    "DEFAULT_LOGO_ALT_TEXT",
    "ExportError",
    "ExportOptions",
    "TemplateStyleWarning",
    "build_document",
    "check_logo",
    "export_docx",
    "missing_styles",
    "write_document",
]

# Style names the layouts use; each is defined in resources/reference.docx.
TITLE: Final = "Title"
HEADING_1: Final = "Heading 1"
ITEM_HEADING: Final = "Heading 2"
MASTHEAD: Final = "Masthead"
MEETING_DETAILS: Final = "Meeting Details"
ATTENDEE: Final = "Attendee"
LIST_BULLET: Final = ("List Bullet", "List Bullet 2")
LIST_NUMBER: Final = ("List Number", "List Number 2")
TABLE_GRID: Final = "Table Grid"
STYLE_NAMES: Final = (
    TITLE,
    HEADING_1,
    ITEM_HEADING,
    "Heading 3",
    "Heading 4",
    MASTHEAD,
    MEETING_DETAILS,
    ATTENDEE,
    *LIST_BULLET,
    *LIST_NUMBER,
    TABLE_GRID,
)

MASTHEAD_LINES: Final = ("MOPAC", "MAYOR OF LONDON", "OFFICE FOR POLICING AND CRIME")
# The logo is scaled to this height (about the text masthead's first line and a half), and
# narrower if a wide image would be more than a third of an A4 text width.
_LOGO_HEIGHT: Final = Cm(1.5)
_LOGO_MAX_WIDTH: Final = Cm(6)

_ITEM_LEVEL: Final = 2  # item headings are Heading 2: the title counts as level 1
_ITEM_LABEL_WIDTH: Final = Twips(1418)  # 2.5 cm: "Item 10" fits on one line


def export_docx(
    meeting: MeetingDoc,
    path: Path,
    style: LayoutStyle | None = None,
    *,
    audience: Audience = Audience.PUBLIC,
    template: Path | None = None,
    logo: Path | None = None,
    logo_alt_text: str = DEFAULT_LOGO_ALT_TEXT,
) -> None:
    """Build the note for ``meeting`` and save it at ``path`` (see :func:`write_document`)."""
    document = build_document(
        meeting,
        style,
        audience=audience,
        template=template,
        logo=logo,
        logo_alt_text=logo_alt_text,
    )
    write_document(document, path)


TRANSCRIPT_NOT_SUPPORTED: Final = (
    "Hearing transcripts cannot be exported to Word yet: the transcript layout is still to"
    " come. Export the meeting as JSON to keep or share it."
)


def _refuse_transcripts(meeting: MeetingDoc, layout: LayoutStyle) -> None:
    """Refuse a transcript, in its own layout or a board note's: a board layout would drop
    the members and every turn without a word. (Until the transcript layout exists.)"""
    has_turns = any(item.turns for item in meeting.agenda)
    if layout.is_transcript or meeting.style.is_transcript or meeting.members or has_turns:
        raise ExportError(TRANSCRIPT_NOT_SUPPORTED)


def build_document(
    meeting: MeetingDoc,
    style: LayoutStyle | None = None,
    *,
    audience: Audience = Audience.PUBLIC,
    template: Path | None = None,
    logo: Path | None = None,
    logo_alt_text: str = DEFAULT_LOGO_ALT_TEXT,
) -> Document:
    """The note as a python-docx document; ``style=None`` uses the meeting's own layout.

    A ``public`` note leaves out confidential items and every person's name; an
    ``internal`` one marks confidential items and names who attended. A ``logo`` (the
    organisation's own image, which the app does not ship) takes the place of the masthead's
    first line, described by ``logo_alt_text`` for screen readers.
    """
    layout = style if style is not None else meeting.style
    _refuse_transcripts(meeting, layout)
    logo_image = check_logo(logo) if logo is not None else None
    document = open_template(template)
    numbering = ListNumbering(document)
    ensure_styles(document, STYLE_NAMES, numbering)
    masthead = _Masthead(logo_image, single_line(logo_alt_text) or DEFAULT_LOGO_ALT_TEXT)
    _NoteWriter(document, meeting, layout, audience, numbering, masthead).write()
    _set_properties(document, meeting, layout, audience)
    replace_app_properties(document)
    return document


def missing_styles(template: Path) -> tuple[str, ...]:
    """The styles the note uses that ``template`` lacks (an export would add ours).

    Raises ExportError when the template cannot be opened at all, as an export would.
    """
    document = open_template(template)
    return tuple(name for name in STYLE_NAMES if not has_style(document, name))


def check_logo(path: Path) -> Image:
    """The logo at ``path``, read and understood, or an ExportError that says why not.

    Checked before anything is built, so the settings dialog can refuse a bad file when it
    is chosen rather than at the next export.
    """
    name = path.name
    if path.suffix.lower().lstrip(".") not in LOGO_FORMATS:
        raise ExportError(
            f"The logo {name} is not an image Word can show: choose a PNG, JPEG, GIF, BMP or"
            " TIFF file."
        )
    try:
        blob = path.read_bytes()
    except FileNotFoundError as exc:
        raise ExportError(f"The logo {path} could not be found.") from exc
    except IsADirectoryError as exc:
        raise ExportError(f"The logo {path} is a folder, not an image.") from exc
    except OSError as exc:
        raise ExportError(
            f"The logo {name} could not be read ({(exc.strerror or str(exc)).lower()})."
        ) from exc
    try:
        image = Image.from_blob(blob)
        if image.px_width <= 0 or image.px_height <= 0:
            raise InvalidImageStreamError("no size")
    except (
        UnrecognizedImageError,
        InvalidImageStreamError,
        UnexpectedEndOfFileError,
        struct.error,  # a header that ends too soon
        ValueError,
        IndexError,
        KeyError,
        ZeroDivisionError,  # a zero resolution in the header
    ) as exc:
        raise ExportError(
            f"The logo {name} is damaged or not a PNG, JPEG, GIF, BMP or TIFF image."
        ) from exc
    return image


def write_document(document: Document, path: Path) -> None:
    """Save ``document`` at ``path`` all at once, or not at all.

    The bytes go to a temporary file in the same folder, which then replaces ``path`` in one
    step: a failure (the file is open in Word, the disk is full) leaves any earlier export
    untouched and no half-written file behind. The file is dated from the document's
    ``modified`` property, so exporting the same meeting twice gives identical files.
    """
    modified = document.core_properties.modified or datetime(1980, 1, 1)
    write_atomically(path, document_bytes(document, modified))


def _set_properties(
    document: Document, meeting: MeetingDoc, layout: LayoutStyle, audience: Audience
) -> None:
    """Document properties from the meeting alone, so that exports are reproducible.

    The template's own values (author "python-docx", a 2013 date, someone's last-printed
    stamp) would otherwise leak into every note; the title is what screen readers announce.
    """
    props = document.core_properties
    title = f"{meeting.board.name} \u2013 {_display_title(meeting, layout)} \u2013 "
    title += long_date(meeting.date)
    if audience is Audience.INTERNAL:
        title += " (internal)"
    props.title = single_line(title)
    props.author = props.last_modified_by = single_line(meeting.board.name)
    props.subject = single_line(_display_title(meeting, layout))
    props.keywords = props.comments = props.category = ""
    props.content_status = props.identifier = props.version = ""
    props.language = "en-GB"
    props.revision = 1
    props.created = props.modified = datetime.combine(meeting.date, time(), tzinfo=UTC)
    core: Any = props._element  # python-docx has no way to clear a property
    for stale in core.findall(qn("cp:lastPrinted")):
        core.remove(stale)


def _display_title(meeting: MeetingDoc, layout: LayoutStyle) -> str:
    """The meeting's own title, else the chosen layout's (which may differ from its own)."""
    return meeting.title or layout.default_title


class _Sink:
    """Where paragraphs go: the document body, a table cell or the page header.

    Paragraphs are built as XML and put in place directly: python-docx's ``add_paragraph``
    looks the style up by name and searches the body for its end on every call, which made
    a long note (100 KB of notes: ~4,000 paragraphs) take seconds. A new cell already holds
    one empty paragraph; it is used first so that no cell starts with a blank line.
    """

    def __init__(self, parent: Any, element: Any, style_ids: dict[str, str]) -> None:
        self._parent = parent  # the python-docx object paragraphs belong to (for .part)
        self._element = element
        self._style_ids = style_ids
        self._end = element.find(qn("w:sectPr"))  # the body's last child stays last
        existing = element.findall(qn("w:p"))
        self._reusable = existing[0] if len(existing) == 1 and len(existing[0]) <= 1 else None

    def paragraph(self, style: str | None = None) -> DocxParagraph:
        if self._reusable is not None:
            p, self._reusable = self._reusable, None
            p.remove_all("w:pPr")
        else:
            p = OxmlElement("w:p")
            if self._end is not None:
                self._end.addprevious(p)
            else:
                self._element.append(p)
        if style is not None:
            p_pr = OxmlElement("w:pPr")
            p_pr.append(OxmlElement("w:pStyle", {qn("w:val"): self._style_ids[style]}))
            p.insert(0, p_pr)
        return DocxParagraph(p, self._parent)


@dataclass(frozen=True, slots=True)
class _Masthead:
    """What the page header shows: the text masthead, its first line replaced by a logo."""

    logo: Image | None = None
    alt_text: str = DEFAULT_LOGO_ALT_TEXT


@dataclass
class _NoteWriter:
    document: Document
    meeting: MeetingDoc
    layout: LayoutStyle
    audience: Audience
    numbering: ListNumbering
    masthead: _Masthead = field(default_factory=_Masthead)
    _body_sections: int = 0
    _style_ids: dict[str, str] = field(default_factory=dict, repr=False)

    def write(self) -> None:
        self._style_ids = {
            name: self.document.styles[name].style_id for name in STYLE_NAMES if name != TABLE_GRID
        }
        self._write_masthead()
        body = _Sink(self.document, self.document.element.body, self._style_ids)
        if self.layout is LayoutStyle.RECORD_OF_MEETING:
            self._write_record_title(body)
            self._write_attendees_run_on(body)
            self._write_agenda_table()
        else:
            self._write_title_block(body)
            self._write_attendees_columns(body)
            for number, item in enumerate(self._items(), start=1):
                self._write_item(body, number, item)
        if self.meeting.next_meeting is not None:
            paragraph = body.paragraph()
            add_text(paragraph, next_meeting_text(self.meeting.next_meeting))
        self._finish_sections()

    # -- masthead and title block ------------------------------------------------------

    def _write_masthead(self) -> None:
        """The masthead in the page header, unless the template brings its own letterhead.

        A logo the user chose wins over the template's letterhead: choosing one is asking
        for it. It takes the place of the ``MOPAC`` line, as in the 2025 note, whose
        conversion kept only the two text lines under the image.
        """
        section = self.document.sections[0]
        header = section.header
        header_xml: Any = header._element  # python-docx exposes no "is it empty" test
        logo = self.masthead.logo
        if not header.is_linked_to_previous:
            has_letterhead = (
                "".join(header_xml.itertext()).strip()
                or header_xml.find(".//" + qn("w:drawing")) is not None
                or header_xml.find(".//" + qn("w:pict")) is not None
            )
            if has_letterhead and logo is None:
                return
            for child in list(header_xml):
                header_xml.remove(child)
        header.is_linked_to_previous = False
        sink = _Sink(header, header._element, self._style_ids)
        for index, line in enumerate(MASTHEAD_LINES):
            paragraph = sink.paragraph(MASTHEAD)
            if index == 0 and logo is not None:
                self._add_logo(paragraph, logo)
                continue
            (run,) = add_text(paragraph, line, bold=index < 2)
            if index == 0:
                run.font.size = Pt(20)  # the name stands in for the organisation's logo

    def _add_logo(self, paragraph: DocxParagraph, logo: Image) -> None:
        """The logo as an inline picture whose description screen readers announce."""
        height: Length = _LOGO_HEIGHT
        width: Length = Emu(round(height * logo.px_width / logo.px_height))
        if width > _LOGO_MAX_WIDTH:
            width = _LOGO_MAX_WIDTH
            height = Emu(round(width * logo.px_height / logo.px_width))
        shape = paragraph.add_run().add_picture(io.BytesIO(logo.blob), width, height)
        inline: Any = shape._inline  # python-docx has no setter for the description
        doc_pr = inline.find(qn("wp:docPr"))
        doc_pr.set("descr", self.masthead.alt_text)
        doc_pr.set("name", "Logo")

    def _write_title_block(self, body: _Sink) -> None:
        meeting, layout = self.meeting, self.layout
        title = _display_title(meeting, layout)
        board = single_line(meeting.board.name)
        if layout is LayoutStyle.PUBLIC_NOTE:
            abbreviation = single_line(meeting.board.abbreviation)
            board_label = f"{board} ({abbreviation})" if abbreviation else board
            add_text(body.paragraph(TITLE), f"{board_label} | {title}")
            details = body.paragraph(MEETING_DETAILS)
            self._add_date(details, with_year=False)
            rest = [time_range_12(meeting.start, meeting.end), venue_text(meeting)]
            add_text(details, "".join(f", {part}" for part in rest if part))
        else:
            add_text(body.paragraph(TITLE), title)
            add_text(body.paragraph(HEADING_1), board)
            details = body.paragraph(MEETING_DETAILS)
            bold = True if layout is LayoutStyle.NOTE_OF_MEETING else None
            self._add_date(details, with_year=True, bold=bold)
            times = time_range_24(meeting.start, meeting.end)
            if times:
                add_text(details, f", {times}", bold=bold)
            venue = venue_text(meeting)
            if venue:
                add_text(body.paragraph(MEETING_DETAILS), venue, bold=True)
            if meeting.chair is not None:
                add_text(body.paragraph(MEETING_DETAILS), chair_text(meeting.chair))
        self._write_theme(body)

    def _write_theme(self, body: _Sink) -> None:
        theme = single_line(self.meeting.theme or "")
        if theme:
            add_text(body.paragraph(MEETING_DETAILS), f"Theme: {theme}", bold=True)

    def _add_date(
        self, paragraph: DocxParagraph, *, with_year: bool, bold: bool | None = None
    ) -> None:
        """``20th March`` with a superscript ordinal (2024-25), ``28 February 2023`` (2023)."""
        day = self.meeting.date
        if self.layout is LayoutStyle.PUBLIC_NOTE_OF_MEETING:
            add_text(paragraph, long_date(day), bold=bold)
            return
        add_text(paragraph, str(day.day), bold=bold)
        add_text(paragraph, ordinal_suffix(day.day), bold=bold, superscript=True)
        add_text(
            paragraph, f" {month_name(day)}" + (f" {day.year}" if with_year else ""), bold=bold
        )

    def _write_record_title(self, body: _Sink) -> None:
        """2019: ``Reducing Reoffending Board 13 May 2019`` above ``Record of Meeting``."""
        board = single_line(self.meeting.board.name)
        details = body.paragraph(MEETING_DETAILS)
        add_text(details, f"{board} {long_date(self.meeting.date)}", bold=True)
        add_text(body.paragraph(TITLE), _display_title(self.meeting, self.layout))
        self._write_theme(body)

    # -- attendees -----------------------------------------------------------------------

    def _attendee_groups(
        self, *, abbreviations_only: bool, alphabetical: bool
    ) -> list[tuple[str, list[AttendeeLine]]]:
        """(heading, lines): who attended; for internal notes also who sent apologies."""
        statuses = [("", AttendanceStatus.PRESENT)]
        if self.audience is Audience.INTERNAL:
            statuses.append(("Apologies", AttendanceStatus.APOLOGIES))
        groups = []
        for heading, status in statuses:
            lines = attendee_lines(
                self.meeting,
                tuple(a for a in self.meeting.attendees if a.status is status),
                audience=self.audience,
                abbreviations_only=abbreviations_only,
                alphabetical=alphabetical,
            )
            if lines:
                groups.append((heading, lines))
        return groups

    def _write_attendees_columns(self, body: _Sink) -> None:
        """``Attendees:`` and one organisation per line, set in two newspaper columns.

        The columns are a continuous section with two columns (not a table), as in the
        published notes: the list reads top to bottom and reflows when edited.
        """
        layout = self.layout
        colon = "" if layout is LayoutStyle.NOTE_OF_MEETING else ":"
        groups = self._attendee_groups(
            abbreviations_only=layout is LayoutStyle.PUBLIC_NOTE_OF_MEETING, alphabetical=False
        )
        for heading, lines in groups:
            heading_paragraph = body.paragraph(ITEM_HEADING)
            add_text(heading_paragraph, f"{heading or 'Attendees'}{colon}")
            self._end_section(heading_paragraph, columns=1)
            last = None
            for line in lines:
                last = body.paragraph(ATTENDEE)
                add_text(last, line.text)
            assert last is not None  # groups holds only non-empty lists
            self._end_section(last, columns=2)

    def _write_attendees_run_on(self, body: _Sink) -> None:
        """2019: ``Organisations in Attendance``, run together alphabetically."""
        groups = self._attendee_groups(abbreviations_only=False, alphabetical=True)
        for heading, lines in groups:
            add_text(body.paragraph(ITEM_HEADING), heading or "Organisations in Attendance")
            labels = [line.text for line in lines]
            # Commas between names unless a name has its own ("Ministry of Housing,
            # Communities, and Local Government"): then semicolons, as English lists do.
            separator = "; " if any("," in label for label in labels) else ", "
            add_text(body.paragraph(), separator.join(labels))

    # -- sections (for the two-column attendee list) ------------------------------------

    def _end_section(self, paragraph: DocxParagraph, *, columns: int) -> None:
        """End a section at ``paragraph``: the text up to it is set in ``columns`` columns.

        Word keeps a section's settings in the ``w:sectPr`` of its last paragraph, and the
        body's own ``w:sectPr`` is the last section's. Each new one is a copy of the body's;
        all but the first start "continuous" and inherit the first's header (the masthead).
        """
        body_sect_pr: Any = self.document.element.body.find(qn("w:sectPr"))
        sect_pr = copy.deepcopy(body_sect_pr)
        if self._body_sections:
            _make_continuous(sect_pr)
        _set_columns(sect_pr, columns)
        p_pr: Any = paragraph._p.get_or_add_pPr()
        p_pr.insert_element_before(sect_pr, "w:pPrChange")
        self._body_sections += 1

    def _finish_sections(self) -> None:
        if self._body_sections:
            body_sect_pr: Any = self.document.element.body.find(qn("w:sectPr"))
            _make_continuous(body_sect_pr)
            _set_columns(body_sect_pr, 1)

    # -- agenda items --------------------------------------------------------------------

    def _items(self) -> list[AgendaItemDoc]:
        """The items this audience may see; a public note drops confidential ones entirely.

        They are numbered afresh from 1, so a gap cannot give a confidential item away.
        """
        if self.audience is Audience.PUBLIC:
            return [item for item in self.meeting.agenda if not item.confidential]
        return list(self.meeting.agenda)

    def _item_title(self, item: AgendaItemDoc) -> str:
        title = single_line(item.title)
        if item.confidential and self.audience is Audience.INTERNAL:
            title += " (Confidential)"
        return title

    def _write_item(self, body: _Sink, number: int, item: AgendaItemDoc) -> None:
        title = self._item_title(item)
        if self.layout is LayoutStyle.PUBLIC_NOTE:
            heading = f"Agenda Item {number} | {title}"
        else:
            heading = f"{number}. {title}"
        add_text(body.paragraph(ITEM_HEADING), heading)
        self._write_item_body(body, item)

    def _write_item_body(self, sink: _Sink, item: AgendaItemDoc) -> None:
        blocks = parse_notes(item.notes)
        levels = _subheading_levels(blocks)
        for block in blocks:
            if isinstance(block, Paragraph):
                _add_runs(sink.paragraph(), block.runs)
            elif isinstance(block, Heading):
                level = levels.pop(0)
                _add_runs(sink.paragraph(f"Heading {level}"), block.runs)
            else:
                self._write_list(sink, block, level=0)
        actions = [text for text in (action_text(a) for a in item.actions) if text]
        if actions:
            label = sink.paragraph()
            label.paragraph_format.keep_with_next = True
            add_text(label, "Actions:", bold=True)
            for text in actions:
                paragraph = sink.paragraph(LIST_BULLET[0])
                self._apply_numbering(paragraph, self.numbering.bullet(LIST_BULLET[0], 0))
                add_text(paragraph, text)

    def _write_list(self, sink: _Sink, block: ListBlock, *, level: int) -> None:
        style = (LIST_NUMBER if block.ordered else LIST_BULLET)[level]
        if block.ordered:
            ref: NumberingRef | None = self.numbering.restart(style, level, block.start)
        else:
            ref = self.numbering.bullet(style, level)
        for item in block.items:
            paragraph = sink.paragraph(style)
            self._apply_numbering(paragraph, ref)
            _add_runs(paragraph, item.runs)
            if item.children is not None and level == 0:
                self._write_list(sink, item.children, level=1)

    @staticmethod
    def _apply_numbering(paragraph: DocxParagraph, ref: NumberingRef | None) -> None:
        if ref is None:
            return
        num_pr = parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ref.ilvl}"/>'
            f'<w:numId w:val="{ref.num_id}"/></w:numPr>'
        )
        p_pr: Any = paragraph._p.get_or_add_pPr()
        p_pr.remove_all("w:numPr")
        p_pr.insert_element_before(
            num_pr,
            *("w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens"),
            *("w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE"),
            *("w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing"),
            *("w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc"),
            *("w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl"),
            *("w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"),
        )

    # -- 2019: the agenda table ----------------------------------------------------------

    def _cell(self, cell: _Cell) -> _Sink:
        return _Sink(cell, cell._tc, self._style_ids)

    def _write_agenda_table(self) -> None:
        """2019: ``Item 2`` | ``Performance Data and Updates``, the notes in the right cell."""
        section = self.document.sections[-1]
        text_width = (section.page_width or Twips(11906)) - (section.left_margin or 0)
        text_width -= section.right_margin or 0
        table = self.document.add_table(rows=1, cols=2)
        table.style = TABLE_GRID
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table_xml: Any = table._tbl
        table_xml.tblPr.append(parse_xml(f'<w:tblCaption {nsdecls("w")} w:val="Agenda"/>'))
        header = table.rows[0]
        header_tr: Any = header._tr
        header_tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
        add_text(self._cell(header.cells[1]).paragraph(), "Agenda", bold=True)
        for number, item in enumerate(self._items(), start=1):
            label_cell, content_cell = table.add_row().cells
            add_text(self._cell(label_cell).paragraph(), f"Item {number}", bold=True)
            content = self._cell(content_cell)
            title = content.paragraph(ITEM_HEADING)
            title.paragraph_format.space_before = 0  # the cell's top edge is space enough
            add_text(title, self._item_title(item))
            self._write_item_body(content, item)
        # Both the grid (LibreOffice reads it) and every cell (Word reads those) need widths.
        widths = (_ITEM_LABEL_WIDTH, Emu(max(text_width - _ITEM_LABEL_WIDTH, Twips(1440))))
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
            for cell in column.cells:
                cell.width = width


def _add_runs(paragraph: DocxParagraph, runs: tuple[Run, ...]) -> None:
    """Notes runs as Word runs: bold/italic set only where the notes ask for them."""
    for run in runs:
        add_text(paragraph, run.text, bold=True if run.bold else None, italic=run.italic or None)


def _subheading_levels(blocks: tuple[Block, ...]) -> list[int]:
    """Word heading levels for an item's sub-headings, in order, without skipping a level.

    ``###`` is Heading 3 and ``####`` Heading 4 under the item's Heading 2, but an item
    that only uses ``####`` gets Heading 3s, and a ``####`` before any ``###`` is lifted to
    3: accessibility checkers (and screen reader users) expect no gaps in the outline.
    """
    requested = [block.level for block in blocks if isinstance(block, Heading)]
    ranks = {level: _ITEM_LEVEL + 1 + rank for rank, level in enumerate(sorted(set(requested)))}
    levels: list[int] = []
    previous = _ITEM_LEVEL
    for level in requested:
        actual = min(ranks[level], previous + 1)
        levels.append(actual)
        previous = actual
    return levels


def _make_continuous(sect_pr: Any) -> None:
    """A section that starts on the same page and inherits the headers before it."""
    sect_pr.remove_all("w:headerReference", "w:footerReference", "w:type", "w:titlePg")
    section_type = parse_xml(f'<w:type {nsdecls("w")} w:val="continuous"/>')
    sect_pr.insert_element_before(
        section_type,
        *("w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType"),
        *("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection"),
        *("w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange"),
    )


def _set_columns(sect_pr: Any, count: int) -> None:
    cols = sect_pr.find(qn("w:cols"))
    if cols is None:
        cols = parse_xml(f'<w:cols {nsdecls("w")} w:space="720"/>')
        sect_pr.insert_element_before(
            cols,
            *("w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection"),
            *("w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange"),
        )
    for attribute in ("w:num", "w:equalWidth", "w:sep"):
        cols.attrib.pop(qn(attribute), None)
    for child in list(cols):
        cols.remove(child)  # per-column widths from the template would fight "num"
    if count > 1:
        cols.set(qn("w:num"), str(count))
        cols.set(qn("w:space"), "720")
