"""Reading a Board note (the 2019, 2023, 2024 and 2025 layouts, or one typed by hand).

The page is cut by its shape: a title block at the top, an attendee list under a heading
such as ``Attendees`` or ``Organisations in Attendance``, then numbered items (``Agenda
Item 2 | ...``, ``2. ...``, ``Item 2`` in a table or a line, or, for a hand-made note with
no numbers, its top-level headings), and a closing ``The next meeting will be on ...``.
Each part is read by its wording, so a note with other styles still reads.

Cutting the page (:mod:`~models.word_import.board_page`) needs only the lines and makes no
guesses, so it lives apart; this module reads the parts it hands back: the title block,
the attendees, each item's notes and actions, every guess on the way.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Final

from models.enums import ActionStatus, AttendanceStatus, LayoutStyle, MeetingMode
from models.meeting_doc import (
    ActionDoc,
    AgendaItemDoc,
    AttendeeDoc,
    BoardRef,
    ChairDoc,
    MeetingDoc,
    OrganisationRef,
)
from models.word_import.board_page import (
    PageItem,
    attendee_labels,
    body_lines,
    find_items,
    split_attendees,
    split_item_labels,
)
from models.word_import.document import Line, WordFile
from models.word_import.notes import read_item_body
from models.word_import.result import (
    Directory,
    Guess,
    GuessKind,
    NoteLayout,
    ReadNote,
    label_key,
)
from models.word_import.wording import (
    FILE_DATE,
    FILE_YEAR,
    NEXT_MEETING,
    TIME_RANGE,
    DateMatch,
    find_date,
    looks_online,
    parse_times,
    real_date,
    split_owners,
    unknown_owners,
)

MASTHEAD: Final = frozenset({"mopac", "mayor of london", "office for policing and crime"})
_LAYOUT_TITLES: Final = {style.default_title.casefold(): style for style in LayoutStyle}
_TRAILING_ABBREVIATION: Final = re.compile(r"^(.*\S)\s*\(([^()]+)\)$", re.S)
_ORDINAL: Final = re.compile(r"\d(?:st|nd|rd|th)\b")
_CONFIDENTIAL: Final = " (Confidential)"
_INTERNAL: Final = re.compile(r"internal record|not for publication", re.I)
_PERSON_DASH: Final = " \u2013 "
_EDITED_NOTICE: Final = re.compile(r"^this note has been edited for publication\.?$", re.I)


@dataclass
class _Reading:
    """The state of one reading: what was found so far and every guess made."""

    file_name: str
    directory: Directory
    word_year: int | None = None
    guesses: list[Guess] = field(default_factory=list)
    organisations: dict[str, OrganisationRef] = field(default_factory=dict)
    new: dict[str, OrganisationRef] = field(default_factory=dict)

    def guess(self, kind: GuessKind, where: str, text: str) -> None:
        self.guesses.append(Guess(kind, where, text))

    def organisation(self, label: str, where: str) -> str:
        """The abbreviation for a printed organisation, matched to the directory or new."""
        label = " ".join(label.split())
        found = self.directory.find(label)
        printed = _TRAILING_ABBREVIATION.match(label)
        if found is None and printed is not None:
            name, abbreviation = printed.group(1).strip(), printed.group(2).strip()
            known = self.directory.find(abbreviation)
            if known is not None:
                if label_key(known.name) != label_key(name):
                    self.guess(
                        GuessKind.UNKNOWN_ORGANISATION,
                        where,
                        f"printed as {name!r}; the directory calls {abbreviation} "
                        f"{known.name!r} (kept the directory's name)",
                    )
                found = known
            else:
                found = OrganisationRef(name, abbreviation)
                self._propose(found, where)
        elif found is None:
            found = OrganisationRef(label, label)
            self._propose(found, where)
        key = found.abbreviation.casefold()
        self.organisations.setdefault(key, found)
        return self.organisations[key].abbreviation

    def _propose(self, org: OrganisationRef, where: str) -> None:
        if org.abbreviation.casefold() not in self.new:
            self.new[org.abbreviation.casefold()] = org
            self.guess(
                GuessKind.UNKNOWN_ORGANISATION,
                where,
                f"{org.display_name} is not in the directory: proposed as a new organisation",
            )


def read_board_note(word: WordFile, file_name: str, directory: Directory) -> ReadNote:
    reading = _Reading(file_name, directory, word.created_year)
    lines, table_items, table_at = body_lines(word)
    # The notice that confidential items were left out is no attendee, item or note; it
    # is blanked where it stands, so the places counted in ``lines`` stay right.
    lines = [Line(()) if _EDITED_NOTICE.match(line.text) else line for line in lines]
    lines = split_item_labels(lines)
    after_table = any(line.text for line in lines[table_at:])
    closing = _pop_closing_line(lines if not table_items or after_table else table_items[-1].lines)
    items = [] if table_items else find_items(lines)
    first_item_at = items[0][0] if items else table_at
    head = lines[:first_item_at]
    head, attendee_parts = split_attendees(head)
    block = _read_title_block(head, reading)
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
            label, person = printed, ""
            if internal and _PERSON_DASH in printed:
                label, person = printed.split(_PERSON_DASH, 1)
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
    agenda = [_agenda_item(item, internal, reading) for item in parsed_items]
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


# --- the title block ------------------------------------------------------------------------


@dataclass
class _TitleBlock:
    board: BoardRef
    date: dt.date
    title: str | None = None
    layout_title: LayoutStyle | None = None
    pipe_title: bool = False
    ordinal: bool = False
    year_printed: bool = True
    start: dt.time | None = None
    end: dt.time | None = None
    venue: str = ""
    mode: MeetingMode = MeetingMode.IN_PERSON
    chair: tuple[str, str] | None = None
    theme: str | None = None
    internal: bool = False
    run_on: bool = False

    def style(self, table: bool) -> LayoutStyle:
        if table:
            return LayoutStyle.RECORD_OF_MEETING
        if self.pipe_title or not self.year_printed:
            return LayoutStyle.PUBLIC_NOTE
        if self.layout_title is not None and self.layout_title is not LayoutStyle.PUBLIC_NOTE:
            return self.layout_title
        return LayoutStyle.NOTE_OF_MEETING if self.ordinal else LayoutStyle.PUBLIC_NOTE_OF_MEETING


def _read_title_block(lines: list[Line], reading: _Reading) -> _TitleBlock:  # noqa: PLR0912, PLR0915 (one branch per kind of title line, in one pass)
    board_name: str | None = None
    board_abbreviation: str | None = None
    title: str | None = None
    date_parts = None
    date_text = ""
    venue: str | None = None
    block = _TitleBlock(BoardRef("", ""), dt.date(1900, 1, 1))
    for line in lines:
        text = " ".join(line.text.split())
        lowered = text.casefold()
        if not text or _is_masthead(text):
            continue
        if _INTERNAL.search(text):
            block.internal = True
            text = _INTERNAL.split(text)[0].rstrip(" -–|:")
            if not text:
                continue
            lowered = text.casefold()
        if lowered.startswith("chair:"):
            chair = text.split(":", 1)[1].strip()
            printed = _TRAILING_ABBREVIATION.match(chair)
            block.chair = (printed.group(1), printed.group(2)) if printed else (chair, "")
            continue
        if lowered.startswith("theme:"):
            block.theme = text.split(":", 1)[1].strip() or None
            continue
        if " | " in text and date_parts is None and title is None:
            left, _, right = text.partition(" | ")
            board = _TRAILING_ABBREVIATION.match(left)
            board_name = board.group(1) if board else left
            board_abbreviation = board.group(2) if board else None
            title = right.strip()
            block.pipe_title = True
            continue
        found = find_date(text) if date_parts is None else None
        if found is not None:
            date_parts = found
            date_text = text[found.start : found.end]
            before = text[: found.start].strip(" ,")
            if before and board_name is None:
                board_name = before
            rest = text[found.end :].strip(" ,")
            times = parse_times(rest)
            if times is not None:
                block.start, block.end = times.start, times.end
                if times.single:
                    reading.guess(GuessKind.TIME, "times", "one time printed: taken as the start")
                rest = _without_times(rest)
            if rest:
                venue = rest
            continue
        if lowered in _LAYOUT_TITLES and title is None:
            title = text
            continue
        if date_parts is None and (line.heading is not None or line.bold):
            if title is None:
                title = text
            elif board_name is None:
                board_name = text
            continue
        if date_parts is not None and venue is None:
            venue = text
            continue
        if lowered in ("agenda", "item agenda"):
            continue  # the header row of an agenda table, as a line
        reading.guess(GuessKind.UNREAD_LINE, "title block", f"not read: {text!r}")
    block.board = _board(board_name, board_abbreviation, reading)
    if title is not None and title.casefold() in _LAYOUT_TITLES:
        block.layout_title = _LAYOUT_TITLES[title.casefold()]
        if block.pipe_title and block.layout_title is not LayoutStyle.PUBLIC_NOTE:
            block.title = title
    else:
        block.title = title
    block.ordinal = bool(_ORDINAL.search(date_text))
    block.year_printed = date_parts is None or date_parts.year is not None
    block.date = _meeting_date(date_parts, reading)
    _set_venue(block, venue, reading)
    return block


def _is_masthead(text: str) -> bool:
    """``MOPAC`` / ``MAYOR OF LONDON`` / ... alone or run together by a conversion."""
    rest = "".join(text.split()).casefold()
    for line in MASTHEAD:
        rest = rest.replace(line.replace(" ", ""), "")
    return not rest


def _without_times(text: str) -> str:
    parts = [part.strip() for part in text.split(",")]
    kept = [part for part in parts if not (TIME_RANGE.fullmatch(part) and parse_times(part))]
    return ", ".join(part for part in kept if part)


def _set_venue(block: _TitleBlock, venue: str | None, reading: _Reading) -> None:
    lowered = (venue or "").casefold()
    if lowered in ("hybrid meeting", "hybrid"):
        block.mode = MeetingMode.HYBRID
    elif lowered == "online":
        block.mode = MeetingMode.ONLINE
    elif venue:
        block.venue = venue
        block.mode = MeetingMode.ONLINE if looks_online(venue) else MeetingMode.IN_PERSON
    else:
        reading.guess(GuessKind.MODE, "venue", "no venue printed: an in-person meeting assumed")


def _board(name: str | None, abbreviation: str | None, reading: _Reading) -> BoardRef:
    boards = reading.directory.boards
    if name:
        for board in boards:
            if board.name.casefold() == name.casefold():
                return board
        if abbreviation:
            return BoardRef(name, abbreviation)
        initials = "".join(word[0] for word in name.split() if word[:1].isupper()) or name
        reading.guess(GuessKind.BOARD, "board", f"abbreviation {initials!r} made from the name")
        return BoardRef(name, initials)
    board = boards[0] if boards else BoardRef("Reducing Reoffending Board", "RRB")
    reading.guess(GuessKind.BOARD, "board", f"no board printed: {board.name} assumed")
    return board


def _meeting_date(found: DateMatch | None, reading: _Reading) -> dt.date:
    """The printed date; a missing year from the file name, then the document properties,
    then this year (each a guess)."""
    name_date = FILE_DATE.search(reading.file_name)
    name_year = FILE_YEAR.search(reading.file_name)
    if found is None:
        if name_date is not None:
            day = real_date(*(int(g) for g in name_date.groups()))
            if day is not None:
                reading.guess(GuessKind.DATE_MISSING, "date", "no date printed: from the file name")
                return day
        reading.guess(GuessKind.DATE_MISSING, "date", "no date printed: today's date put in")
        return dt.date.today()
    if found.year is not None:
        day = real_date(found.year, found.month, found.day)
        if day is not None:
            return day
    candidates: list[tuple[int, GuessKind, str]] = []
    if name_date is not None:
        candidates.append((int(name_date.group(1)), GuessKind.YEAR_FROM_FILE_NAME, "file name"))
    elif name_year is not None:
        candidates.append((int(name_year.group(1)), GuessKind.YEAR_FROM_FILE_NAME, "file name"))
    if reading.word_year is not None:
        candidates.append((reading.word_year, GuessKind.YEAR_FROM_PROPERTIES, "properties"))
    candidates.append((dt.date.today().year, GuessKind.YEAR_ASSUMED, "this year"))
    for year, kind, source in candidates:
        day = real_date(year, found.month, found.day)
        if day is not None:
            reading.guess(kind, "date", f"the year {year} is not printed: taken from the {source}")
            return day
    reading.guess(GuessKind.DATE_MISSING, "date", "the printed date does not exist")
    return dt.date.today()


# --- items ----------------------------------------------------------------------------------


def _pop_closing_line(lines: list[Line]) -> Line | None:
    """``The next meeting will be on Tuesday 30 May 2023.``, taken off the end of the note."""
    texts = [index for index, line in enumerate(lines) if line.text]
    if not texts or not NEXT_MEETING.match(lines[texts[-1]].text):
        return None
    return lines.pop(texts[-1])


def _next_meeting(last: Line, date: dt.date, reading: _Reading) -> dt.date | None:
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
    if day is None or day <= date:
        reading.guess(GuessKind.UNREAD_LINE, "next meeting", f"not a later date: {last.text!r}")
        return None
    return day


def _agenda_item(item: PageItem, internal: bool, reading: _Reading) -> AgendaItemDoc:
    where = f"item {item.number}"
    title = item.title
    confidential = False
    if internal and title.endswith(_CONFIDENTIAL):
        title, confidential = title[: -len(_CONFIDENTIAL)], True
    known = set(reading.organisations) | {
        org.abbreviation.casefold() for org in reading.directory.organisations
    }
    body = read_item_body(item.lines, item.level, known)
    actions = []
    for text in body.actions:
        owners_split = split_owners(text, known)
        if owners_split is not None:
            owners = tuple(reading.organisation(owner, where) for owner in owners_split[0])
            description = owners_split[1]
        else:
            guessed = unknown_owners(text)
            if guessed is not None:
                owners = tuple(reading.organisation(owner, where) for owner in guessed)
                description = text.partition(" to ")[2]
                reading.guess(GuessKind.ACTION_OWNER, where, f"owner read from {text!r}")
            else:
                owners, description = (), text
        status = ActionStatus.OPEN
        if description.endswith(" (done)"):
            description, status = description[: -len(" (done)")], ActionStatus.DONE
        actions.append(ActionDoc(description, owners, None, status))
    for text in body.run_on_actions:
        reading.guess(GuessKind.RUN_ON_ACTIONS, where, f"several actions run together: {text!r}")
    for text in body.possible_actions:
        reading.guess(GuessKind.POSSIBLE_ACTION, where, f"might be an action: {text!r}")
    return AgendaItemDoc(title, body.notes, confidential, tuple(actions))
