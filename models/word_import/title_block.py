"""Reading a Board note's title block: board, title, date, times, venue or mode, chair, theme.

A hand-written note puts these in many shapes (``Minutes of meeting held on Tuesday 14 March
2023, 10:00 - 12:00, 169 Union Street``, a Title paragraph naming the board, ``Chair: Role,
ABBR``), so each line is read by its wording. A date or a time that does not exist is never
replaced by a made-up one: the file name's date stands in for an impossible date (and says
so), else the note is refused naming the line; an impossible time is left out (and said),
never glued into the venue.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Final

from models.date_words import DateMatch, find_date, real_date
from models.enums import LayoutStyle, MeetingMode
from models.meeting_doc import BoardRef
from models.services.boards import DEFAULT_BOARD
from models.word_import.document import Line
from models.word_import.reading import TRAILING_ABBREVIATION, Reading
from models.word_import.result import GuessKind
from models.word_import.wording import (
    FILE_DATE,
    FILE_YEAR,
    TIME_RANGE,
    file_name_date,
    instead_of_impossible,
    looks_online,
    parse_times,
)

MASTHEAD: Final = frozenset({"mopac", "mayor of london", "office for policing and crime"})
LAYOUT_TITLES: Final = {style.default_title.casefold(): style for style in LayoutStyle}
_ORDINAL: Final = re.compile(r"\d(?:st|nd|rd|th)\b")
_INTERNAL: Final = re.compile(r"internal record|not for publication", re.I)
# The words around a board's name on a details line or a title: ``Minutes of (the) ...``,
# ``... meeting held on``, ``Date:``.
_DETAILS_OPENING: Final = re.compile(
    r"^(?:date\b\s*:?|(?:the\s+)?(?:minutes|notes?|record)\s+of(?:\s+(?:the|a))?\b)\s*", re.I
)
_DETAILS_CLOSING: Final = re.compile(
    r"(?:^|\s+)(?:meeting\s+held(?:\s+on)?|meeting\s+on|held\s+on|on)$|^meeting$", re.I
)
_BOARD_WORD: Final = re.compile(r"\bboard$", re.I)
# A time as printed (a colon, a dot or am/pm on a number), to tell a time that does not
# exist (``25:00-26:00pm``) from a venue's house number.
_TIME_MARK: Final = re.compile(r"\d\s*(?:[:.]\d\d|am\b|pm\b|a\.m\.|p\.m\.)", re.I)


@dataclass
class TitleBlock:
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


def read_title_block(lines: list[Line], reading: Reading) -> TitleBlock:  # noqa: PLR0912, PLR0915 (one branch per kind of title line, in one pass)
    board_name: str | None = None
    board_abbreviation: str | None = None
    title: str | None = None
    date_parts = None
    date_line = ""
    date_text = ""
    venue: str | None = None
    block = TitleBlock(BoardRef("", ""), dt.date(1900, 1, 1))
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
            block.chair = _chair(text.split(":", 1)[1].strip(), reading)
            continue
        if lowered.startswith("theme:"):
            block.theme = text.split(":", 1)[1].strip() or None
            continue
        if " | " in text and date_parts is None and title is None:
            left, _, right = text.partition(" | ")
            board = TRAILING_ABBREVIATION.match(left)
            board_name = board.group(1) if board else left
            board_abbreviation = board.group(2) if board else None
            title = right.strip()
            block.pipe_title = True
            continue
        found = find_date(text) if date_parts is None else None
        if found is not None:
            date_parts, date_line = found, text
            date_text = text[found.start : found.end]
            before = _board_words(text[: found.start])
            if before and board_name is None:
                board_name = before
            rest = text[found.end :].strip(" ,")
            times = parse_times(rest)
            if times is not None:
                block.start, block.end = times.start, times.end
                if times.single:
                    reading.guess(GuessKind.TIME, "times", "one time printed: taken as the start")
            rest = _without_times(rest, reading)
            if rest:
                venue = rest
            continue
        if lowered in LAYOUT_TITLES and title is None:
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
    if board_name is None and title is not None and _names_a_board(title, reading):
        named = TRAILING_ABBREVIATION.match(_board_words(title))
        board_name = named.group(1) if named else _board_words(title)
        board_abbreviation = named.group(2) if named else None
        title = None
    block.board = _board(board_name, board_abbreviation, reading)
    if title is not None and title.casefold() in LAYOUT_TITLES:
        block.layout_title = LAYOUT_TITLES[title.casefold()]
        if block.pipe_title and block.layout_title is not LayoutStyle.PUBLIC_NOTE:
            block.title = title
    else:
        block.title = title
    block.ordinal = bool(_ORDINAL.search(date_text))
    block.year_printed = date_parts is None or date_parts.year is not None
    block.date = _meeting_date(date_parts, date_line, reading)
    _set_venue(block, venue, reading)
    return block


def _board_words(text: str) -> str:
    """The board's name on a details line or title, without ``Minutes of the`` / ``meeting
    held on`` around it; empty when the words only say it was a meeting."""
    text = text.strip(" ,:-–")
    text = _DETAILS_OPENING.sub("", text)
    return _DETAILS_CLOSING.sub("", text).strip(" ,:-–")


def _names_a_board(title: str, reading: Reading) -> bool:
    """A title that is a board's name (``Reducing Reoffending Board``, a board the archive
    knows, or a name ending in *Board*), not a meeting's own title."""
    words = _board_words(title)
    named = TRAILING_ABBREVIATION.match(words)
    name = (named.group(1) if named else words).casefold()
    known = {board.name.casefold() for board in (*reading.directory.boards, DEFAULT_BOARD)}
    return bool(name) and (name in known or bool(_BOARD_WORD.search(name)))


def _chair(text: str, reading: Reading) -> tuple[str, str]:
    """``Role (ABBR)`` or ``Role, ABBR`` (an organisation the archive knows, or printed as an
    abbreviation): the role and the organisation; else the role alone."""
    printed = TRAILING_ABBREVIATION.match(text)
    if printed:
        return printed.group(1), printed.group(2)
    role, comma, org = text.rpartition(", ")
    if comma and role and (reading.directory.find(org) or (org.isupper() and " " not in org)):
        return role, org
    return text, ""


def _is_masthead(text: str) -> bool:
    """``MOPAC`` / ``MAYOR OF LONDON`` / ... alone or run together by a conversion."""
    rest = "".join(text.split()).casefold()
    for line in MASTHEAD:
        rest = rest.replace(line.replace(" ", ""), "")
    return not rest


def _without_times(text: str, reading: Reading) -> str:
    """The venue: the details after the date without the times; a time that does not exist
    is left out too, and said so."""
    kept = []
    for part in (part.strip() for part in text.split(",")):
        if TIME_RANGE.fullmatch(part) and _TIME_MARK.search(part):
            if parse_times(part) is None:
                reading.guess(
                    GuessKind.TIME,
                    "times",
                    f"{part!r} is not a real time: no times put in (type them in the meeting)",
                )
            continue
        if part:
            kept.append(part)
    return ", ".join(kept)


def _set_venue(block: TitleBlock, venue: str | None, reading: Reading) -> None:
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


def _board(name: str | None, abbreviation: str | None, reading: Reading) -> BoardRef:
    boards = reading.directory.boards
    if name:
        for board in boards:
            if board.name.casefold() == name.casefold():
                return board
        if name.casefold() == DEFAULT_BOARD.name.casefold():
            found = DEFAULT_BOARD
        elif abbreviation:
            found = BoardRef(name, abbreviation)
        else:
            initials = "".join(word[0] for word in name.split() if word[:1].isupper()) or name
            reading.guess(
                GuessKind.BOARD, "board", f"the abbreviation {initials!r} is made from {name!r}"
            )
            found = BoardRef(name, initials)
        reading.guess(
            GuessKind.BOARD,
            "board",
            f"{found.name} ({found.abbreviation}) is not in the archive: proposed as a new board",
        )
        return found
    board = boards[0] if boards else DEFAULT_BOARD
    reading.guess(GuessKind.BOARD, "board", f"no board printed: {board.name} assumed")
    return board


def _meeting_date(found: DateMatch | None, line: str, reading: Reading) -> dt.date:
    """The printed date; a missing year from the file name, then the document properties,
    then this year (each a guess). A date that does not exist is the file name's date (a
    guess), else the note is refused: it is never replaced by today's."""
    name_date = FILE_DATE.search(reading.file_name)
    name_year = FILE_YEAR.search(reading.file_name)
    file_day = file_name_date(reading.file_name)
    if found is None:
        if file_day is not None:
            reading.guess(GuessKind.DATE_MISSING, "date", "no date printed: from the file name")
            return file_day
        reading.guess(GuessKind.DATE_MISSING, "date", "no date printed: today's date put in")
        return dt.date.today()
    if found.year is not None:
        day = real_date(found.year, found.month, found.day)
        if day is not None:
            return day
    else:
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
                reading.guess(
                    kind, "date", f"the year {year} is not printed: taken from the {source}"
                )
                return day
    day, words = instead_of_impossible(line, reading.file_name)
    reading.guess(GuessKind.IMPOSSIBLE_DATE, "date", words)
    return day
