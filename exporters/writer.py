"""The pieces every layout writes a note with: paragraphs, items, lists, actions, sections.

A layout (``exporters/layouts/``) decides what goes where: its title block, how attendees are
listed, how items are headed. This module does the writing they share, so a layout is a short
file that says only how it differs. Paragraphs are built as XML and put in place directly
(see :class:`Sink`); every visual choice is a named style of the template.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu, Twips
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml.etree import SubElement

from exporters.formatting import AttendeeLine, attendee_lines, next_meeting_text
from exporters.options import ActionsMode
from exporters.tags import ILVL as _ILVL
from exporters.tags import NUM_ID as _NUM_ID
from exporters.tags import NUM_PR as _NUM_PR
from exporters.tags import P_PR as _PPR
from exporters.tags import P_STYLE as _PSTYLE
from exporters.tags import VAL as _VAL
from exporters.tags import P as _P
from exporters.template import ListNumbering, NumberingRef, style_ids
from exporters.text import add_text, attribute_xml, runs_xml, single_line
from models.action_sentence import action_sentence
from models.enums import ActionStatus, AttendanceStatus, Audience, LayoutStyle
from models.meeting_doc import ActionDoc, AgendaItemDoc, MeetingDoc
from models.notes import Block, Heading, ListBlock, Paragraph, Run, parse_notes

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import _Cell

# Style names the layouts use; each is defined in resources/reference.docx.
TITLE: Final = "Title"
HEADING_1: Final = "Heading 1"
ITEM_HEADING: Final = "Heading 2"
MASTHEAD: Final = "Masthead"
MEETING_DETAILS: Final = "Meeting Details"
ATTENDEE: Final = "Attendee"
EDITORIAL_NOTE: Final = "Editorial Note"
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
    EDITORIAL_NOTE,
    *LIST_BULLET,
    *LIST_NUMBER,
    TABLE_GRID,
)

INTERNAL_MARK: Final = "Internal record - not for publication"
# The ICO's guidance: say that a published record was edited, without saying what was left out.
EDITED_NOTICE: Final = "This note has been edited for publication."
_ITEM_LEVEL: Final = 2  # item headings are Heading 2: the title counts as level 1
_ITEM_LABEL_WIDTH: Final = Twips(1418)  # 2.5 cm: "Item 10" fits on one line
_KEEP_NEXT: Final = qn("w:keepNext")


class Sink:
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
            p = SubElement(self._element, _P)
            if self._end is not None:
                self._end.addprevious(p)
        if style is not None:
            p_pr = SubElement(p, _PPR)
            SubElement(p_pr, _PSTYLE).set(_VAL, self._style_ids[style])
            p.insert(0, p_pr)
        return DocxParagraph(p, self._parent)

    def paragraphs(self, xml: list[str]) -> DocxParagraph | None:
        """Paragraphs given as XML text (``<w:p>...</w:p>`` each), parsed at once and put in
        place; returns the first, if any.

        lxml builds a tree from text several times faster than element by element, which
        was most of writing a long note. A reusable cell paragraph takes the first one's
        content, as :meth:`paragraph` would give it.
        """
        if not xml:
            return None
        elements: list[Any] = list(parse_xml(f"<w:body {nsdecls('w')}>{''.join(xml)}</w:body>"))
        if self._reusable is not None:
            p, self._reusable = self._reusable, None
            p.remove_all("w:pPr")
            for child in list(elements[0]):
                if child.tag == _PPR:
                    p.insert(0, child)
                else:
                    p.append(child)
            elements[0] = p
        else:
            self._place(elements[0])
        for element in elements[1:]:
            self._place(element)
        return DocxParagraph(elements[0], self._parent)

    def _place(self, p: Any) -> None:
        if self._end is not None:
            self._end.addprevious(p)
        else:
            self._element.append(p)


def keep_with_next(paragraph: DocxParagraph) -> None:
    """Keep ``paragraph`` on the page of the next one (a heading with its text).

    Written directly while the paragraph's properties hold at most its style, as they do
    when the writer asks (``w:keepNext`` comes right after ``w:pStyle``); otherwise
    python-docx finds its place, which searches for each of the elements that may follow.
    """
    p: Any = paragraph._p
    p_pr = p.find(_PPR)
    if p_pr is None:
        p_pr = SubElement(p, _PPR)
        p.insert(0, p_pr)
    if all(child.tag == _PSTYLE for child in p_pr):
        SubElement(p_pr, _KEEP_NEXT)
    else:
        paragraph.paragraph_format.keep_with_next = True


@dataclass
class NoteWriter:
    """One note being written: the document, the meeting and the choices of this export.

    ``regions`` records where each part of the printed text starts (``title``, ``item 2``):
    the pre-publication check names the place of what it finds from it.
    """

    document: Document
    meeting: MeetingDoc
    style: LayoutStyle
    audience: Audience
    numbering: ListNumbering
    actions: ActionsMode
    edited_notice: bool = True
    regions: list[tuple[Any, str]] = field(default_factory=list)
    _body_sections: int = 0
    _style_ids: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._style_ids = style_ids(
            self.document, tuple(name for name in STYLE_NAMES if name != TABLE_GRID)
        )

    @property
    def internal(self) -> bool:
        return self.audience is Audience.INTERNAL

    def body(self) -> Sink:
        return Sink(self.document, self.document.element.body, self._style_ids)

    def sink(self, parent: Any, element: Any) -> Sink:
        return Sink(parent, element, self._style_ids)

    def mark(self, paragraph: DocxParagraph, where: str) -> None:
        """The printed text from ``paragraph`` on belongs to ``where`` (for the check)."""
        self.regions.append((paragraph._p, where))

    # -- title ------------------------------------------------------------------------

    @property
    def display_title(self) -> str:
        """The title as printed; an internal record says on its face what it is."""
        title = single_line(self.meeting.title or "") or self.style.default_title
        if not self.internal:
            return title
        if not self.meeting.title:  # "Public Note" on an internal record would mislead
            title = title.removeprefix("Public ")
        return f"{title} \u2013 {INTERNAL_MARK}"

    def theme(self, body: Sink) -> None:
        theme = single_line(self.meeting.theme or "")
        if theme:
            add_text(body.paragraph(MEETING_DETAILS), f"Theme: {theme}", bold=True)

    @property
    def edited(self) -> bool:
        """Whether this note leaves confidential items out."""
        return not self.internal and any(item.confidential for item in self.meeting.agenda)

    def edited_sentence(self, body: Sink) -> None:
        if self.edited and self.edited_notice:
            paragraph = body.paragraph()
            self.mark(paragraph, "edited notice")
            add_text(paragraph, EDITED_NOTICE, italic=True)

    def next_meeting(self, body: Sink) -> None:
        if self.meeting.next_meeting is not None:
            paragraph = body.paragraph()
            self.mark(paragraph, "next meeting")
            add_text(paragraph, next_meeting_text(self.meeting.next_meeting))

    # -- attendees ----------------------------------------------------------------------

    def attendee_groups(
        self, *, abbreviations_only: bool, alphabetical: bool
    ) -> list[tuple[str, list[AttendeeLine]]]:
        """(heading, lines): who attended; for internal notes also who sent apologies."""
        statuses = [("", AttendanceStatus.PRESENT)]
        if self.internal:
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

    def attendees_in_columns(self, body: Sink, *, colon: str, abbreviations_only: bool) -> None:
        """``Attendees:`` and one organisation per line, set in two newspaper columns.

        The columns are a continuous section with two columns (not a table), as in the
        published notes: the list reads top to bottom and reflows when edited.
        """
        groups = self.attendee_groups(abbreviations_only=abbreviations_only, alphabetical=False)
        for heading, lines in groups:
            heading_paragraph = body.paragraph(ITEM_HEADING)
            self.mark(heading_paragraph, "attendees")
            add_text(heading_paragraph, f"{heading or 'Attendees'}{colon}")
            self._end_section(heading_paragraph, columns=1)
            last = None
            for line in lines:
                last = body.paragraph(ATTENDEE)
                add_text(last, line.text)
            assert last is not None  # groups holds only non-empty lists
            self._end_section(last, columns=2)

    def attendees_run_on(self, body: Sink, heading: str) -> None:
        """The organisations run together alphabetically under ``heading`` (2019)."""
        groups = self.attendee_groups(abbreviations_only=False, alphabetical=True)
        for group_heading, lines in groups:
            heading_paragraph = body.paragraph(ITEM_HEADING)
            self.mark(heading_paragraph, "attendees")
            add_text(heading_paragraph, group_heading or heading)
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

    def finish_sections(self) -> None:
        if self._body_sections:
            body_sect_pr: Any = self.document.element.body.find(qn("w:sectPr"))
            _make_continuous(body_sect_pr)
            _set_columns(body_sect_pr, 1)

    # -- agenda items ---------------------------------------------------------------------

    def items(self) -> list[AgendaItemDoc]:
        """The items this audience may see; a public note drops confidential ones entirely.

        They are numbered afresh from 1, so a gap cannot give a confidential item away.
        """
        if self.audience is Audience.PUBLIC:
            return [item for item in self.meeting.agenda if not item.confidential]
        return list(self.meeting.agenda)

    def item_title(self, item: AgendaItemDoc) -> str:
        title = single_line(item.title)
        if item.confidential and self.internal:
            title += " (Confidential)"
        return title

    def headed_items(self, body: Sink, heading: str) -> None:
        """Each item under a Heading 2 made from ``heading`` (``{number}``, ``{title}``)."""
        for number, item in enumerate(self.items(), start=1):
            paragraph = body.paragraph(ITEM_HEADING)
            self.mark(paragraph, f"item {number}")
            keep_with_next(paragraph)
            add_text(paragraph, heading.format(number=number, title=self.item_title(item)))
            self.item_body(body, item)

    def item_body(self, sink: Sink, item: AgendaItemDoc) -> None:
        self.notes(sink, item.notes)
        if self.actions is ActionsMode.PER_ITEM:
            self.action_list(sink, item.actions, label="Actions:")

    def notes(
        self, sink: Sink, notes: str, *, label: str = "", style: str | None = None
    ) -> DocxParagraph | None:
        """Notes Markdown as Word paragraphs, headings and lists, in ``style`` if given.

        A ``label`` (a transcript's speaker) opens the first paragraph in bold with a colon,
        as the published transcript prints ``Name (Role):`` before the words; when the notes
        do not start with a paragraph, the label is a paragraph of its own. Returns the
        first paragraph written (a layout marks where an item starts with it), if any.
        """
        blocks = parse_notes(notes)
        levels = _subheading_levels(blocks)
        xml: list[str] = []
        if label and (not blocks or not isinstance(blocks[0], Paragraph)):
            xml.append(self._paragraph_xml(style, runs_xml(f"{label}:", bold=True)))
            label = ""
        for index, block in enumerate(blocks):
            if isinstance(block, Paragraph):
                runs = _runs_xml(block.runs)
                if label:
                    runs = runs_xml(f"{label}:", bold=True) + runs_xml(" ") + runs
                    label = ""
                following = blocks[index + 1] if index + 1 < len(blocks) else None
                # "The Board discussed the following questions:" stays with its list.
                keep = isinstance(following, ListBlock) or _is_lead_in(block)
                xml.append(self._paragraph_xml(style, runs, keep=keep))
            elif isinstance(block, Heading):
                level = levels.pop(0)
                xml.append(
                    self._paragraph_xml(f"Heading {level}", _runs_xml(block.runs), keep=True)
                )
            else:
                self._list_xml(xml, block, level=0)
        return sink.paragraphs(xml)

    def _paragraph_xml(
        self,
        style: str | None,
        runs: str,
        *,
        keep: bool = False,
        numbering: NumberingRef | None = None,
    ) -> str:
        """A paragraph as XML text, its properties as :meth:`Sink.paragraph`,
        :func:`keep_with_next` and :meth:`apply_numbering` write them, in that order."""
        properties = ""
        if style is not None:
            properties += f'<w:pStyle w:val="{attribute_xml(self._style_ids[style])}"/>'
        if keep:
            properties += "<w:keepNext/>"
        if numbering is not None:
            properties += (
                f'<w:numPr><w:ilvl w:val="{numbering.ilvl}"/>'
                f'<w:numId w:val="{numbering.num_id}"/></w:numPr>'
            )
        if properties:
            return f"<w:p><w:pPr>{properties}</w:pPr>{runs}</w:p>"
        return f"<w:p>{runs}</w:p>"

    def printed_actions(self, actions: tuple[ActionDoc, ...]) -> list[str]:
        """The sentences this audience sees: open actions, and what became of the rest.

        A public note prints open actions and says which were rolled over; done ones appear
        only in an internal record, marked, and dropped ones never in public.
        """
        printed = []
        for action in actions:
            if not action.description.strip():
                continue
            sentence = action_sentence("/".join(action.owners), action.description)
            if action.status is ActionStatus.OPEN:
                printed.append(sentence)
            elif action.status is ActionStatus.ROLLED_OVER:
                printed.append(f"{sentence} (rolled over to the next meeting)")
            elif self.internal:
                printed.append(f"{sentence} ({action.status.label.lower()})")
        return printed

    def action_list(self, sink: Sink, actions: tuple[ActionDoc, ...], *, label: str) -> None:
        sentences = self.printed_actions(actions)
        if not sentences:
            return
        if label:
            heading = sink.paragraph()
            keep_with_next(heading)
            add_text(heading, label, bold=True)
        for text in sentences:
            paragraph = sink.paragraph(LIST_BULLET[0])
            self.apply_numbering(paragraph, self.numbering.bullet(LIST_BULLET[0], 0))
            add_text(paragraph, text)

    def actions_summary(self, body: Sink) -> None:
        """Every printed action in one list at the end, each with its item's number."""
        if self.actions is not ActionsMode.SUMMARY:
            return
        numbered: list[ActionDoc] = []
        for number, item in enumerate(self.items(), start=1):
            numbered += [
                ActionDoc(f"{a.description.strip()} (item {number})", a.owners, a.due, a.status)
                for a in item.actions
                if a.description.strip()
            ]
        if not self.printed_actions(tuple(numbered)):
            return
        heading = body.paragraph(ITEM_HEADING)
        self.mark(heading, "actions")
        add_text(heading, "Actions")
        self.action_list(body, tuple(numbered), label="")

    def _list_xml(self, xml: list[str], block: ListBlock, *, level: int) -> None:
        style = (LIST_NUMBER if block.ordered else LIST_BULLET)[level]
        if block.ordered:
            ref: NumberingRef | None = self.numbering.restart(style, level, block.start)
        else:
            ref = self.numbering.bullet(style, level)
        for item in block.items:
            xml.append(self._paragraph_xml(style, _runs_xml(item.runs), numbering=ref))
            if item.children is not None and level == 0:
                self._list_xml(xml, item.children, level=1)

    @staticmethod
    def apply_numbering(paragraph: DocxParagraph, ref: NumberingRef | None) -> None:
        if ref is None:
            return
        p: Any = paragraph._p
        p_pr = p.find(_PPR)
        if p_pr is not None and all(child.tag in (_PSTYLE, _KEEP_NEXT) for child in p_pr):
            # What the writer makes: the style (and keep-with-next) come before the list.
            num_pr = SubElement(p_pr, _NUM_PR)
            SubElement(num_pr, _ILVL).set(_VAL, str(ref.ilvl))
            SubElement(num_pr, _NUM_ID).set(_VAL, str(ref.num_id))
            return
        num_pr = parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ref.ilvl}"/>'
            f'<w:numId w:val="{ref.num_id}"/></w:numPr>'
        )
        p_pr = p.get_or_add_pPr()
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

    # -- the agenda as a table (2019) ------------------------------------------------------

    def _cell(self, cell: _Cell) -> Sink:
        return Sink(cell, cell._tc, self._style_ids)

    def agenda_table(self) -> None:
        """``Item 2`` | ``Performance Data and Updates``, the notes in the right cell.

        The header row ("Item" / "Agenda") repeats on every page the table runs onto, so a
        row split by a page break is still labelled.
        """
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
        add_text(self._cell(header.cells[0]).paragraph(), "Item", bold=True)
        add_text(self._cell(header.cells[1]).paragraph(), "Agenda", bold=True)
        for number, item in enumerate(self.items(), start=1):
            label_cell, content_cell = table.add_row().cells
            label = self._cell(label_cell).paragraph()
            self.mark(label, f"item {number}")
            add_text(label, f"Item {number}", bold=True)
            content = self._cell(content_cell)
            title = content.paragraph(ITEM_HEADING)
            title.paragraph_format.space_before = 0  # the cell's top edge is space enough
            add_text(title, self.item_title(item))
            self.item_body(content, item)
        # Both the grid (LibreOffice reads it) and every cell (Word reads those) need widths.
        widths = (_ITEM_LABEL_WIDTH, Emu(max(text_width - _ITEM_LABEL_WIDTH, Twips(1440))))
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
            for cell in column.cells:
                cell.width = width


def _is_lead_in(block: Paragraph) -> bool:
    text = "".join(run.text for run in block.runs).rstrip()
    return text.endswith(":")


def _runs_xml(runs: tuple[Run, ...]) -> str:
    """Notes runs as Word runs: bold/italic set only where the notes ask for them."""
    return "".join(
        runs_xml(run.text, bold=True if run.bold else None, italic=run.italic or None)
        for run in runs
    )


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
