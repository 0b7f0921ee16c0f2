"""Reading a Board note (the 2019, 2023, 2024 and 2025 layouts, or one typed by hand).

The page is cut by its shape: a title block at the top, attendee lists under headings such
as ``Attendees``, ``Apologies`` or ``Organisations in Attendance`` (each ends at the next
heading), then numbered items (``Agenda Item 2 | ...``, ``2. ...``, ``Item 2`` in a table or
a line, or, for a hand-made note with no numbers, its top-level headings), an *Actions*
section (a table or a list), and a closing ``The next meeting will be on ...`` or ``Date of
next meeting: ...``. Each part is read by its wording, so a note with other styles still
reads.

Cutting the page (:mod:`~models.word_import.board_page`) needs only the lines and makes no
guesses, so it lives apart, as do the title block (:mod:`~models.word_import.title_block`)
and the actions section (:mod:`~models.word_import.action_log`); this module puts the parts
together: the attendees, each item's notes and actions, every guess on the way.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import pairwise
from typing import Final

from models.date_words import find_date, real_date
from models.enums import AttendanceStatus
from models.meeting_doc import AgendaItemDoc, AttendeeDoc, ChairDoc, MeetingDoc
from models.word_import.action_log import (
    ActionReader,
    ActionTableLine,
    PlacedAction,
    actions_section,
    is_actions_heading,
)
from models.word_import.board_page import (
    PageItem,
    attendee_labels,
    attendee_list_end,
    body_lines,
    find_items,
    split_attendees,
    split_item_labels,
)
from models.word_import.document import Line, WordFile
from models.word_import.notes import read_item_body
from models.word_import.reading import Reading
from models.word_import.result import Directory, GuessKind, NoteLayout, ReadNote
from models.word_import.title_block import read_title_block
from models.word_import.wording import NEXT_MEETING

_CONFIDENTIAL: Final = " (Confidential)"
_PERSON_DASH: Final = " \u2013 "
_EDITED_NOTICE: Final = re.compile(r"^this note has been edited for publication\.?$", re.I)
# What an apologies list says when there are none: no organisation, nothing to report.
_NO_ONE: Final = frozenset({"none", "nil", "n/a", "none received", "no apologies", "-"})
# An attendee line longer than this, or a sentence, is a paragraph, never an organisation.
_CLOSING_LINES: Final = 3  # how near the end the next meeting's line is looked for
_MAX_ORGANISATION: Final = 100
_MAX_ORGANISATION_WORDS: Final = 12
# One sentence ending and the next starting ("members. Ms Patel"), a label ("Decision: the
# Board ..."), or five words or more ending as a sentence does: not a name ("St. Mungo's").
_SENTENCE: Final = re.compile(r"\w{3,}[.!?]\s+[A-Z]|^\w+:\s|^(?:\S+\s+){4,}\S+[.:!?]$")


def read_board_note(word: WordFile, file_name: str, directory: Directory) -> ReadNote:  # noqa: PLR0912, PLR0915 (the parts of a page, in page order)
    reading = Reading(file_name, directory, word.created_year)
    lines, table_items, table_at = body_lines(word)
    # The notice that confidential items were left out is no attendee, item or note; it
    # is blanked where it stands, so the places counted in ``lines`` stay right.
    lines = [Line(()) if _EDITED_NOTICE.match(line.text) else line for line in lines]
    lines = split_item_labels(lines)
    after_table = any(line.text for line in lines[table_at:])
    closing = _pop_closing_line(lines if not table_items or after_table else table_items[-1].lines)
    # The actions section is taken out (blanked, so the places stay right) before the items
    # are found: its heading is no item, its lines no item's notes.
    items = [] if table_items else find_items(lines)
    # The items' heading level, when every item is a heading (else any Actions heading).
    levels = [item.level for _, item in items if item.level is not None]
    top = min(levels) if levels and len(levels) == len(items) else None
    section: list[Line] = []
    found_section = actions_section(lines, attendee_list_end(lines), top)
    if found_section is not None:
        start, end = found_section
        section = lines[start + 1 : end]
        lines[start:end] = [Line(()) for _ in range(start, end)]
        items = [] if table_items else find_items(lines)
    first_item_at = items[0][0] if items else table_at
    head = lines[:first_item_at]
    section = [line for line in head if isinstance(line, ActionTableLine)] + section
    head, attendee_parts, stray = split_attendees(head)
    block = read_title_block(head, reading)
    for line in stray:
        if line.text.casefold() not in ("agenda", "item agenda"):
            reading.guess(GuessKind.UNREAD_LINE, "attendees", f"not read: {line.text!r}")
    # An internal record says so on its face (a later layout), in its document title (ours
    # ends "(internal)"), or by listing apologies; only then are names and "(Confidential)"
    # read as such.
    internal = (
        block.internal
        or word.title.rstrip().endswith("(internal)")
        or any(status is AttendanceStatus.APOLOGIES for status, _, _ in attendee_parts)
    )
    attendees: list[AttendeeDoc] = []
    for status, part, run_on in attendee_parts:
        for printed in attendee_labels(part, directory, run_on):
            known = reading.find(printed) is not None
            if not known and printed.strip(" .").casefold() in _NO_ONE:
                continue
            label, person = printed, ""
            if internal and _PERSON_DASH in printed:
                label, person = printed.split(_PERSON_DASH, 1)
            if not known and reading.find(label) is None and not _may_be_organisation(label):
                reading.guess(
                    GuessKind.NOT_AN_ORGANISATION,
                    "attendees",
                    f"a sentence, not an organisation: left out: {printed!r}",
                )
                continue
            name, _, role = person.partition(", ")
            abbreviation = reading.organisation(label, "attendees")
            attendees.append(AttendeeDoc(abbreviation, name or None, role or None, status))
    chair = None
    if block.chair is not None:
        role, org = block.chair
        if org:
            chair = ChairDoc(role, reading.organisation(org, "chair"))
        elif role:
            reading.guess(GuessKind.UNREAD_LINE, "chair", f"no organisation in {role!r}")
    if table_items:
        parsed_items = table_items
    else:
        bounds = [start for start, _ in items] + [len(lines)]
        parsed_items = [item for _, item in items]
        for index, item in enumerate(parsed_items):
            item.lines = lines[bounds[index] + 1 : bounds[index + 1]]
    next_meeting = _next_meeting(closing, block.date, reading) if closing else None
    actions = ActionReader(reading, block.date, next_meeting)
    agenda = [_agenda_item(item, internal, reading, actions) for item in parsed_items]
    placed, other = _section_actions(section, actions)
    agenda = _place_section_actions(agenda, placed, reading)
    if other and agenda:  # nothing is left out: the last item's notes keep them
        agenda[-1] = _with_notes(agenda[-1], other, len(agenda), reading)
    elif other:
        for line in other:
            reading.guess(GuessKind.UNREAD_LINE, "actions", f"not read: {line.text!r}")
    if not agenda:
        reading.guess(GuessKind.LAYOUT, "agenda", "no agenda items were found")
    meeting = MeetingDoc(
        board=block.board,
        date=block.date,
        style=block.style(bool(table_items) or block.run_on),
        title=block.title,
        start=block.start,
        end=block.end,
        venue=block.venue,
        mode=block.mode,
        chair=chair,
        theme=block.theme,
        organisations=tuple(reading.organisations.values()),
        attendees=tuple(attendees),
        agenda=tuple(agenda),
        next_meeting=next_meeting,
    )
    return ReadNote(
        meeting,
        NoteLayout(meeting.style.value),
        tuple(reading.guesses),
        tuple(reading.new.values()),
    )


# --- items ----------------------------------------------------------------------------------


def _pop_closing_line(lines: list[Line]) -> Line | None:
    """``The next meeting will be on Tuesday 30 May 2023.`` or ``Date of next meeting: ...``
    near the end of the note (a ``Signed: Chair`` may follow it), taken out; one before the
    last line only when it names a date (a note that merely mentions the next meeting stays)."""
    texts = [index for index, line in enumerate(lines) if line.text][-_CLOSING_LINES:]
    for place, index in enumerate(reversed(texts)):
        match = NEXT_MEETING.match(lines[index].text)
        if match and (place == 0 or find_date(lines[index].text[match.end() :])):
            return lines.pop(index)
    return None


def _next_meeting(last: Line, date: dt.date, reading: Reading) -> dt.date | None:
    match = NEXT_MEETING.match(last.text)
    assert match is not None  # only such a line is taken off (_pop_closing_line)
    found = find_date(last.text[match.end() :])
    if found is None:
        reading.guess(GuessKind.UNREAD_LINE, "next meeting", f"no date in {last.text!r}")
        return None
    year = found.year
    if year is None:
        year = date.year if (found.month, found.day) > (date.month, date.day) else date.year + 1
        reading.guess(GuessKind.YEAR_ASSUMED, "next meeting", f"year {year} assumed")
    day = real_date(year, found.month, found.day)
    if day is None:
        reading.guess(
            GuessKind.IMPOSSIBLE_DATE,
            "next meeting",
            f"the printed date in {last.text!r} does not exist: no next meeting put in",
        )
        return None
    if day <= date:
        reading.guess(
            GuessKind.UNREAD_LINE,
            "next meeting",
            f"{last.text!r} is not after the meeting: no next meeting put in",
        )
        return None
    return day


def _agenda_item(
    item: PageItem, internal: bool, reading: Reading, actions: ActionReader
) -> AgendaItemDoc:
    where = f"item {item.number}"
    title = item.title
    confidential = False
    if internal and title.endswith(_CONFIDENTIAL):
        title, confidential = title[: -len(_CONFIDENTIAL)], True
    known = set(reading.organisations) | {
        org.abbreviation.casefold() for org in reading.directory.organisations
    }
    body = read_item_body(_without_table_headings(item.lines), item.level, known)
    read = [actions.action(text, where) for text in body.actions]
    for line in item.lines:  # a table of actions under the item: the item's own
        if isinstance(line, ActionTableLine) and line.table is not None:
            read += [placed.action for placed in actions.from_table(line.table, where)]
    for text in body.run_on_actions:
        reading.guess(GuessKind.RUN_ON_ACTIONS, where, f"several actions run together: {text!r}")
    for text in body.possible_actions:
        reading.guess(GuessKind.POSSIBLE_ACTION, where, f"might be an action: {text!r}")
    return AgendaItemDoc(title, body.notes, confidential, tuple(read))


def _without_table_headings(lines: list[Line]) -> list[Line]:
    """An item's lines without the *Actions* sub-heading of its action table (the table
    becomes actions; the heading alone would be an empty heading in the notes)."""
    texts = [line for line in lines if line.text or isinstance(line, ActionTableLine)]
    dropped = {
        id(line)
        for line, following in pairwise(texts)
        if is_actions_heading(line) and isinstance(following, ActionTableLine)
    }
    return [line for line in lines if id(line) not in dropped]


def _section_actions(
    section: list[Line], actions: ActionReader
) -> tuple[list[PlacedAction], list[Line]]:
    """The actions section's table rows and list items (or, with no table, sentences that
    name their owners), each one action; and the lines that are none (``Signed: Chair``)."""
    placed: list[PlacedAction] = []
    other: list[Line] = []
    tables = [line.table for line in section if isinstance(line, ActionTableLine) and line.table]
    for table in tables:
        placed += actions.from_table(table, "actions")
    for line in section:
        if not line.text:
            continue
        if line.list_level is not None or (not tables and actions.names_owners(line.text)):
            placed.append(actions.from_sentence(line.text, "actions"))
        else:
            other.append(line)
    return placed, other


def _place_section_actions(
    agenda: list[AgendaItemDoc], placed: list[PlacedAction], reading: Reading
) -> list[AgendaItemDoc]:
    """Each action under the item it names; one that names none (or an item not in the
    note) under the last item, and said so. With no items, one item *Actions* holds them."""
    if not placed:
        return agenda
    if not agenda:
        agenda = [AgendaItemDoc("Actions", "")]
        reading.guess(
            GuessKind.ACTIONS_ITEM, "item 1", "no items: the actions put in an item 'Actions'"
        )
    extra: list[list[PlacedAction]] = [[] for _ in agenda]
    unplaced = 0
    for action in placed:
        if action.item is not None and 1 <= action.item <= len(agenda):
            extra[action.item - 1].append(action)
        else:
            extra[-1].append(action)
            unplaced += 1
    if unplaced:
        reading.guess(
            GuessKind.ACTIONS_ITEM,
            f"item {len(agenda)}",
            f"{_actions(unplaced)} of the Actions section {'names' if unplaced == 1 else 'name'}"
            f" no item of the note: put under the last item, {agenda[-1].title!r}",
        )
    return [
        item._replace(actions=item.actions + tuple(a.action for a in more))
        for item, more in zip(agenda, extra, strict=True)
    ]


def _with_notes(
    item: AgendaItemDoc, lines: list[Line], number: int, reading: Reading
) -> AgendaItemDoc:
    added = read_item_body(lines, None, set()).notes
    for line in lines:
        reading.guess(
            GuessKind.UNREAD_LINE,
            f"item {number}",
            f"after the actions, not an action: {line.text!r} (kept in this item's notes)",
        )
    notes = f"{item.notes}\n\n{added}" if item.notes else added
    return item._replace(notes=notes)


def _actions(count: int) -> str:
    return "1 action" if count == 1 else f"{count} actions"


def _may_be_organisation(label: str) -> bool:
    """Not a paragraph: short, and not a sentence."""
    too_long = len(label) > _MAX_ORGANISATION or len(label.split()) > _MAX_ORGANISATION_WORDS
    return not too_long and not _SENTENCE.search(label)
