"""The pieces every layout writes a note with: paragraphs, items, lists, actions, sections.

A layout (``exporters/layouts/``) decides what goes where: its title block, how attendees are
listed, how items are headed. This module does the writing they share, so a layout is a short
file that says only how it differs. Paragraphs are written as XML text
(:mod:`exporters.body`) from plain facts of the template (:mod:`exporters.facts`), so the
same writing serves an export with python-docx and one without; every visual choice is a
named style of the template.
"""

from datetime import UTC, datetime, time
from typing import Final, NamedTuple

from exporters.body import Para, Sink, Table
from exporters.facts import TemplateFacts
from exporters.formatting import (
    AttendeeLine,
    attendee_lines,
    long_date,
    next_meeting_text,
    printed_due,
)
from exporters.numbering import ListNumbering, NumberingRef
from exporters.options import ActionsMode
from exporters.text import single_line
from models.action_sentence import action_sentence
from models.enums import ActionStatus, AttendanceStatus, Audience, LayoutStyle
from models.meeting_doc import ActionDoc, AgendaItemDoc, MeetingDoc
from models.notes import Block, Heading, ListBlock, Paragraph, Run, parse_notes

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

INTERNAL_MARK: Final = "Internal record \u2013 not for publication"
# The text masthead in the page header (a logo can take the first line's place).
MASTHEAD_LINES: Final = ("MOPAC", "MAYOR OF LONDON", "OFFICE FOR POLICING AND CRIME")
# The ICO's guidance: say that a published record was edited, without saying what was left out.
EDITED_NOTICE: Final = "This note has been edited for publication."
_ITEM_LEVEL: Final = 2  # item headings are Heading 2: the title counts as level 1
# Word and python-docx refuse core properties longer than this; the page keeps the whole title.
_PROPERTY_LIMIT: Final = 255
_EMU_PER_TWIP: Final = 635
_ITEM_LABEL_WIDTH: Final = 1418 * _EMU_PER_TWIP  # 2.5 cm: "Item 10" fits on one line
_NARROWEST_COLUMN: Final = 1440 * _EMU_PER_TWIP


class NoteProperties(NamedTuple):
    """The core properties every export sets (the rest are emptied); the language is en-GB."""

    title: str
    subject: str
    author: str  # also "last modified by"
    created: datetime  # also "modified": the meeting's day, at midnight UTC

    @property
    def language(self) -> str:
        return "en-GB"


def property_text(text: str) -> str:
    """``text`` on one line, cut with an ellipsis to fit a core property."""
    line = single_line(text)
    if len(line) <= _PROPERTY_LIMIT:
        return line
    return line[: _PROPERTY_LIMIT - 1].rstrip() + "\u2026"


class NoteWriter:
    """One note being written: the template's facts, the meeting and this export's choices.

    The body is written into :attr:`body_sink` as XML text; a backend then puts it into a
    package (:mod:`exporters.docx_export`, :mod:`exporters.lean`). ``regions`` records where
    each part of the printed text starts (``title``, ``item 2``): the pre-publication check
    names the place of what it finds from it.

    A plain class, not a dataclass: it is state being built, never compared or printed, and
    a dataclass costs an export process more to make (see :mod:`models.meeting_doc`).
    """

    __slots__ = (
        "_body_sections",
        "actions",
        "audience",
        "body_sink",
        "edited_notice",
        "meeting",
        "numbering",
        "regions",
        "style",
        "template",
    )

    def __init__(
        self,
        template: TemplateFacts,
        meeting: MeetingDoc,
        *,
        style: LayoutStyle,
        audience: Audience,
        numbering: ListNumbering,
        actions: ActionsMode,
        edited_notice: bool = True,
    ) -> None:
        self.template = template
        self.meeting = meeting
        self.style = style
        self.audience = audience
        self.numbering = numbering
        self.actions = actions
        self.edited_notice = edited_notice
        self.regions: list[tuple[Para, str]] = []
        self.body_sink = Sink(template.style_ids)
        self._body_sections = 0

    @property
    def internal(self) -> bool:
        return self.audience is Audience.INTERNAL

    def body(self) -> Sink:
        return self.body_sink

    @property
    def sections_ended(self) -> bool:
        """Whether the body ended sections of its own (the two-column attendee list): the
        body's last section then starts on the same page too (see :meth:`_end_section`)."""
        return self._body_sections > 0

    def mark(self, paragraph: Para, where: str) -> None:
        """The printed text from ``paragraph`` on belongs to ``where`` (for the check)."""
        self.regions.append((paragraph, where))

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

    def properties(self) -> NoteProperties:
        """The document properties, from the meeting alone so that exports are reproducible.

        The template's own values (author "python-docx", a 2013 date, someone's last-printed
        stamp) would otherwise leak into every note; the title is what screen readers
        announce. A title longer than Word allows in a property is cut there (never on the
        page).
        """
        meeting = self.meeting
        title = f"{meeting.board.name} \u2013 {self.display_title} \u2013 {long_date(meeting.date)}"
        return NoteProperties(
            title=property_text(title),
            subject=property_text(self.display_title),
            author=property_text(meeting.board.name),
            created=datetime.combine(meeting.date, time(), tzinfo=UTC),
        )

    def theme(self, body: Sink) -> None:
        theme = single_line(self.meeting.theme or "")
        if theme:
            body.paragraph(MEETING_DETAILS).add_text(f"Theme: {theme}", bold=True)

    @property
    def edited(self) -> bool:
        """Whether this note leaves confidential items out."""
        return not self.internal and any(item.confidential for item in self.meeting.agenda)

    def edited_sentence(self, body: Sink) -> None:
        if self.edited and self.edited_notice:
            paragraph = body.paragraph()
            self.mark(paragraph, "edited notice")
            paragraph.add_text(EDITED_NOTICE, italic=True)

    def next_meeting(self, body: Sink) -> None:
        if self.meeting.next_meeting is not None:
            paragraph = body.paragraph()
            self.mark(paragraph, "next meeting")
            paragraph.add_text(next_meeting_text(self.meeting.next_meeting))

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
            heading_paragraph.add_text(f"{heading or 'Attendees'}{colon}")
            self._end_section(heading_paragraph, columns=1)
            last = None
            for line in lines:
                last = body.paragraph(ATTENDEE)
                last.add_text(line.text)
            assert last is not None  # groups holds only non-empty lists
            self._end_section(last, columns=2)

    def attendees_run_on(self, body: Sink, heading: str) -> None:
        """The organisations run together alphabetically under ``heading`` (2019)."""
        groups = self.attendee_groups(abbreviations_only=False, alphabetical=True)
        for group_heading, lines in groups:
            heading_paragraph = body.paragraph(ITEM_HEADING)
            self.mark(heading_paragraph, "attendees")
            heading_paragraph.add_text(group_heading or heading)
            labels = [line.text for line in lines]
            # Commas between names unless a name has its own ("Ministry of Housing,
            # Communities, and Local Government"): then semicolons, as English lists do.
            separator = "; " if any("," in label for label in labels) else ", "
            body.paragraph().add_text(separator.join(labels))

    # -- sections (for the two-column attendee list) ------------------------------------

    def _end_section(self, paragraph: Para, *, columns: int) -> None:
        """End a section at ``paragraph``: the text up to it is set in ``columns`` columns.

        Word keeps a section's settings in the ``w:sectPr`` of its last paragraph, and the
        body's own ``w:sectPr`` is the last section's. Each new one is a copy of the body's;
        all but the first start "continuous" and inherit the first's header (the masthead).
        """
        paragraph.section = self.template.section_xml(
            continuous=self._body_sections > 0, columns=columns
        )
        self._body_sections += 1

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
            paragraph.keep = True
            paragraph.add_text(heading.format(number=number, title=self.item_title(item)))
            self.item_body(body, item)

    def item_body(self, sink: Sink, item: AgendaItemDoc) -> None:
        self.notes(sink, item.notes)
        if self.actions is ActionsMode.PER_ITEM:
            self.action_list(sink, self.printed_actions(item.actions), label="Actions:")

    def notes(
        self, sink: Sink, notes: str, *, label: str = "", style: str | None = None
    ) -> Para | None:
        """Notes Markdown as Word paragraphs, headings and lists, in ``style`` if given.

        A ``label`` (a transcript's speaker) opens the first paragraph in bold with a colon,
        as the published transcript prints ``Name (Role):`` before the words; when the notes
        do not start with a paragraph, the label is a paragraph of its own. Returns the
        first paragraph written (a layout marks where an item starts with it), if any.
        """
        blocks = parse_notes(notes)
        levels = _subheading_levels(blocks)
        written: list[Para] = []
        if label and (not blocks or not isinstance(blocks[0], Paragraph)):
            paragraph = self._paragraph(style)
            paragraph.add_text(f"{label}:", bold=True)
            written.append(paragraph)
            label = ""
        for index, block in enumerate(blocks):
            if isinstance(block, Paragraph):
                paragraph = self._paragraph(style)
                if label:
                    paragraph.add_text(f"{label}:", bold=True)
                    paragraph.add_text(" ")
                    label = ""
                _add_runs(paragraph, block.runs)
                following = blocks[index + 1] if index + 1 < len(blocks) else None
                # "The Board discussed the following questions:" stays with its list.
                paragraph.keep = isinstance(following, ListBlock) or _is_lead_in(block)
                written.append(paragraph)
            elif isinstance(block, Heading):
                paragraph = self._paragraph(f"Heading {levels.pop(0)}")
                paragraph.keep = True
                _add_runs(paragraph, block.runs)
                written.append(paragraph)
            else:
                self._list(written, block, level=0)
        return sink.add(written)

    def _paragraph(self, style: str | None) -> Para:
        """A paragraph of the notes: collected, then placed in the sink all at once."""
        return Para.in_style(self.template.style_ids, style)

    def printed_actions(
        self, actions: tuple[ActionDoc, ...], *, item: int | None = None
    ) -> list[str]:
        """The sentences this audience sees: open actions, and what became of the rest.

        Each action prints with its status at this meeting (``status_at_meeting``): what a
        later meeting's review decided leaves this note as it was, the action as agreed.
        A public note prints open actions and says which were rolled over; done ones appear
        only in an internal record, marked, and dropped ones never in public. Each says when
        it is due ("by 31 May 2024", "by the next meeting") unless its description already
        says it (:func:`printed_due`), and, given ``item``, the number of its item (the list
        at the end): ``... by 31 May 2024 (item 2)``.
        """
        printed = []
        for action in actions:
            if not action.description.strip():
                continue
            sentence = action_sentence(
                "/".join(action.owners),
                action.description,
                by=printed_due(action, self.meeting),
            )
            if item is not None:
                sentence += f" (item {item})"
            status = action.status_at_meeting
            if status is ActionStatus.OPEN:
                printed.append(sentence)
            elif status is ActionStatus.ROLLED_OVER:
                printed.append(f"{sentence} (rolled over to the next meeting)")
            elif self.internal:
                printed.append(f"{sentence} ({status.label.lower()})")
        return printed

    def action_list(self, sink: Sink, sentences: list[str], *, label: str) -> None:
        if not sentences:
            return
        if label:
            heading = sink.paragraph()
            heading.keep = True
            heading.add_text(label, bold=True)
        for text in sentences:
            paragraph = sink.paragraph(LIST_BULLET[0])
            paragraph.numbering = self.numbering.bullet(LIST_BULLET[0], 0)
            paragraph.add_text(text)

    def actions_summary(self, body: Sink) -> None:
        """Every printed action in one list at the end, each with its item's number."""
        if self.actions is not ActionsMode.SUMMARY:
            return
        sentences = [
            sentence
            for number, item in enumerate(self.items(), start=1)
            for sentence in self.printed_actions(item.actions, item=number)
        ]
        if not sentences:
            return
        heading = body.paragraph(ITEM_HEADING)
        self.mark(heading, "actions")
        heading.add_text("Actions")
        self.action_list(body, sentences, label="")

    def _list(self, written: list[Para], block: ListBlock, *, level: int) -> None:
        style = (LIST_NUMBER if block.ordered else LIST_BULLET)[level]
        if block.ordered:
            ref: NumberingRef | None = self.numbering.restart(style, level, block.start)
        else:
            ref = self.numbering.bullet(style, level)
        for item in block.items:
            paragraph = self._paragraph(style)
            paragraph.numbering = ref
            _add_runs(paragraph, item.runs)
            written.append(paragraph)
            if item.children is not None and level == 0:
                self._list(written, item.children, level=1)

    # -- the agenda as a table (2019) ------------------------------------------------------

    def agenda_table(self) -> None:
        """``Item 2`` | ``Performance Data and Updates``, the notes in the right cell.

        The header row ("Item" / "Agenda") repeats on every page the table runs onto, so a
        row split by a page break is still labelled. Both the grid (LibreOffice reads it)
        and every cell (Word reads those) carry the column widths.
        """
        content_width = max(self.template.text_width - _ITEM_LABEL_WIDTH, _NARROWEST_COLUMN)
        widths = (_twips(_ITEM_LABEL_WIDTH), _twips(content_width))
        table = self.body_sink.table(Table(self.template.table_style_id, "Agenda", widths))
        style_ids = self.template.style_ids
        item_header, agenda_header = table.add_row(style_ids)
        item_header.paragraph().add_text("Item", bold=True)
        agenda_header.paragraph().add_text("Agenda", bold=True)
        for number, item in enumerate(self.items(), start=1):
            label_cell, content = table.add_row(style_ids)
            label = label_cell.paragraph()
            self.mark(label, f"item {number}")
            label.add_text(f"Item {number}", bold=True)
            title = content.paragraph(ITEM_HEADING)
            title.space_before = 0  # the cell's top edge is space enough
            title.add_text(self.item_title(item))
            self.item_body(content, item)


def _twips(emu: int) -> int:
    """A length in twips, rounded as python-docx rounds it."""
    return round(emu / _EMU_PER_TWIP)


def _is_lead_in(block: Paragraph) -> bool:
    text = "".join(run.text for run in block.runs).rstrip()
    return text.endswith(":")


def _add_runs(paragraph: Para, runs: tuple[Run, ...]) -> None:
    """Notes runs as Word runs: bold/italic set only where the notes ask for them."""
    for run in runs:
        paragraph.add_text(run.text, bold=True if run.bold else None, italic=run.italic or None)


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
