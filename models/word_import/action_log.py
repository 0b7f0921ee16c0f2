"""Actions printed apart from the items: an *Actions* section, as a table or as sentences.

Hand-written minutes often end with an action log: a heading *Actions* and a table whose
columns are found by their header text (*Action*, *Owner*, *Due*, *Status*, and sometimes
*Item* or *No.*), or a list of ``MPS to share the data by 31 May 2024 (item 2)`` sentences,
as our own summary prints them. Each row becomes an action with its owners, due date and status;
whatever does not fit (an owner who is a person, ``ASAP`` as a due date, a date that does
not exist) stays in the action's words and is listed as a guess, never dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from models.action_sentence import DUE_WORD, NEXT_MEETING_DUE, NO_DESCRIPTION, stated_due
from models.date_words import find_date, read_due_date
from models.enums import ActionStatus
from models.meeting_doc import ActionDoc
from models.organisation_labels import split_label
from models.word_import.document import Line, TableBlock
from models.word_import.reading import Reading
from models.word_import.result import GuessKind
from models.word_import.wording import (
    looks_like_abbreviation,
    split_owners,
    unknown_owners,
)


class Column(StrEnum):
    ACTION = "action"
    OWNER = "owner"
    DUE = "due"
    STATUS = "status"
    ITEM = "item"


_HEADERS: Final = {
    Column.ACTION: (
        "action", "actions", "action required", "actions required", "action agreed",
        "agreed action", "description", "task", "what",
    ),
    Column.OWNER: (
        "owner", "owners", "action owner", "who", "lead", "by whom", "responsible",
        "assigned to", "lead organisation",
    ),
    Column.DUE: (
        "due", "due date", "date due", "deadline", "by when", "when", "target date",
        "timescale", "date",
    ),
    Column.STATUS: ("status", "progress", "rag", "rag status", "update"),
    Column.ITEM: ("item", "agenda item", "item no", "item number"),
}  # fmt: skip
_ROLE_OF: Final = {header: column for column, names in _HEADERS.items() for header in names}
_SECTION_TITLES: Final = frozenset({
    "actions", "action log", "action points", "actions arising", "summary of actions",
    "action summary", "actions agreed", "new actions", "action tracker", "actions log",
})  # fmt: skip
_STATUS_WORDS: Final = {
    ActionStatus.DONE: ("done", "complete", "completed", "closed", "finished", "achieved"),
    ActionStatus.OPEN: (
        "open", "ongoing", "in progress", "outstanding", "not started", "pending", "new",
    ),
    ActionStatus.ROLLED_OVER: ("rolled over", "carried forward", "c/f"),
    ActionStatus.DROPPED: ("dropped", "withdrawn", "cancelled", "no longer required"),
}  # fmt: skip
_STATUS_OF: Final = {word: status for status, words in _STATUS_WORDS.items() for word in words}
# ``(item 2)`` at the end, or before what became of the action (``(rolled over ...)``).
_ITEM_SUFFIX: Final = re.compile(r"\s*\(item\s+(\d+)\)(?=\s*(?:\([^()]*\))?\s*\.?$)", re.I)
# What became of an action, as a note prints it after the sentence (exporters.writer).
_STATUS_SUFFIXES: Final = {
    " (done)": ActionStatus.DONE,
    " (rolled over to the next meeting)": ActionStatus.ROLLED_OVER,
    " (rolled over)": ActionStatus.ROLLED_OVER,
    " (dropped)": ActionStatus.DROPPED,
}
_OWNER_SPLIT: Final = re.compile(r"\s*[/,;]\s*")
_AND: Final = re.compile(r"(\s+(?:and|&)\s+)")
_ITEM_NUMBER: Final = re.compile(r"^(?:item\s*)?(\d+)\.?$", re.I)


def _leading_owners(sentence: str, known: set[str]) -> tuple[str, ...] | None:
    """``LP will lead ...``, ``MPS/MOPAC will ...``: known owners opening the sentence
    before a space, as a note prints an action whose words begin with its owners."""
    head, space, rest = sentence.partition(" ")
    owners = tuple(part.strip() for part in head.split("/"))
    if space and rest.strip() and all(o and o.casefold() in known for o in owners):
        return owners
    return None


def _header_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w/ ]", " ", text.casefold().replace("(s)", "s")).split())


@dataclass(frozen=True, slots=True, eq=False)  # compared as itself: a line may be hashed
class ActionTable:
    """A table of actions: the column of each kind found by its header, and the rows after
    the header as each cell's words."""

    columns: dict[Column, int]
    rows: tuple[tuple[str, ...], ...]

    def cell(self, row: tuple[str, ...], column: Column) -> str:
        index = self.columns.get(column)
        return row[index] if index is not None and index < len(row) else ""


@dataclass(frozen=True, slots=True)
class ActionTableLine(Line):
    """Where an action table stood among the paragraphs: a line with no words (so every
    reader of lines passes over it) that carries the table."""

    table: ActionTable | None = None


def action_table(table: TableBlock) -> ActionTable | None:
    """The table as a table of actions, when its first row names an action column and an
    owner, due date or status column."""
    if not table.rows:
        return None
    header = [_header_key(" ".join(line.text for line in cell)) for cell in table.rows[0]]
    columns: dict[Column, int] = {}
    for index, key in enumerate(header):
        role = _ROLE_OF.get(key)
        if role is not None and role not in columns:
            columns[role] = index
    if (
        Column.ACTION not in columns
        or len(columns) < 2
        or columns.keys() == {Column.ACTION, Column.ITEM}
    ):
        return None
    rows = tuple(
        tuple(" ".join(" ".join(line.text.split()) for line in cell if line.text) for cell in row)
        for row in table.rows[1:]
    )
    wanted = [columns[column] for column in (Column.ACTION, Column.OWNER) if column in columns]
    # A row with neither an action nor an owner (a numbered blank row) is no action.
    filled = tuple(row for row in rows if any(row[i] for i in wanted if i < len(row)))
    return ActionTable(columns, filled)


def is_actions_heading(line: Line) -> bool:
    """A heading that opens the minutes' actions section (``Actions``, ``Action log`` ...)."""
    return line.heading is not None and _header_key(line.text) in _SECTION_TITLES


def actions_section(lines: list[Line], after: int, top: int | None) -> tuple[int, int] | None:
    """(start, end) of the actions section: its heading, up to the next heading at its level
    or above. ``top`` is the items' heading level: an *Actions* heading below it is an
    item's own (its table is that item's actions)."""
    for start in range(after, len(lines)):
        heading = lines[start]
        if is_actions_heading(heading) and (top is None or (heading.heading or 0) <= top):
            level = heading.heading or 0
            end = next(
                (
                    index
                    for index in range(start + 1, len(lines))
                    if (lines[index].heading or 99) <= level
                ),
                len(lines),
            )
            return start, end
    return None


@dataclass(frozen=True, slots=True)
class PlacedAction:
    """An action read from the section, and the item it names (None: it names none)."""

    action: ActionDoc
    item: int | None


class ActionReader:
    """Turns rows and sentences into actions, resolving owners and dates through the one
    :class:`Reading` (so an owner printed among the attendees is that organisation)."""

    def __init__(
        self, reading: Reading, meeting_date: dt.date, next_meeting: dt.date | None = None
    ) -> None:
        self._reading = reading
        self._date = meeting_date
        self._next_meeting = next_meeting

    def from_table(self, table: ActionTable, where: str) -> list[PlacedAction]:
        placed = []
        for row in table.rows:
            description = table.cell(row, Column.ACTION)
            words: list[str] = []
            owners = self.owners(table.cell(row, Column.OWNER), description, where, words)
            due = self._due(table.cell(row, Column.DUE), description, where, words)
            status = self._status(table.cell(row, Column.STATUS), description, where)
            item_text = table.cell(row, Column.ITEM)
            number = _ITEM_NUMBER.match(item_text.strip())
            text = " ".join([description or NO_DESCRIPTION, *words])
            placed.append(
                PlacedAction(
                    ActionDoc(text, owners, due, status), int(number.group(1)) if number else None
                )
            )
        return placed

    def from_sentence(self, sentence: str, where: str) -> PlacedAction:
        """``MPS/MOPAC to review ... (item 2)``, as a list under *Actions* prints it."""
        item = _ITEM_SUFFIX.search(sentence)
        number = int(item.group(1)) if item else None
        text = sentence[: item.start()] + sentence[item.end() :] if item else sentence
        action = self.action(text, where)
        return PlacedAction(action, number)

    def names_owners(self, sentence: str) -> bool:
        """``MPS to ...``, ``LCJB to ...``: a sentence that opens with its owners."""
        return split_owners(sentence, self._known()) is not None or bool(unknown_owners(sentence))

    def _known(self) -> set[str]:
        reading = self._reading
        return set(reading.organisations) | {
            org.abbreviation.casefold() for org in reading.directory.organisations
        }

    def action(self, text: str, where: str) -> ActionDoc:
        """An ``OWNER to do ...`` sentence as an action; unknown owners printed as
        abbreviations are proposed (a guess), a sentence with no owner keeps its words."""
        reading = self._reading
        known = self._known()
        owners_split = split_owners(text, known)
        if owners_split is not None:
            owners = tuple(reading.organisation(owner, where) for owner in owners_split[0])
            description = owners_split[1]
        elif (guessed := unknown_owners(text)) is not None:
            owners = tuple(reading.organisation(owner, where) for owner in guessed[0])
            description = guessed[1]
            reading.guess(GuessKind.ACTION_OWNER, where, f"owner read from {text!r}")
        elif (leading := _leading_owners(text, known)) is not None:
            # ``LP will lead ...``: a note prints a description that opens with its owners
            # as it is, so the words stay whole.
            owners = tuple(reading.organisation(owner, where) for owner in leading)
            description = text
        else:
            owners, description = (), text
        status = ActionStatus.OPEN
        for suffix, printed_status in _STATUS_SUFFIXES.items():
            if description.endswith(suffix):
                description, status = description[: -len(suffix)], printed_status
                break
        description, due = self._printed_due(description, where)
        if due is None:
            due = self._stated_due(description, where)
        return ActionDoc(description, owners, due, status)

    def _printed_due(self, description: str, where: str) -> tuple[str, dt.date | None]:
        """``review the data by 31 May 2024`` or ``... by the next meeting`` (before a closing
        full stop), as a note words an action's due date (:func:`action_sentence`): the
        words without it, and the date. Any other "by" (``by email``, ``by the end of
        August``, the next meeting with no date printed) stays in the words."""
        body, stop = (description[:-1], ".") if description.endswith(".") else (description, "")
        head, by, when = body.rpartition(f" {DUE_WORD} ")
        when = when.strip()
        if not by or not head.strip():
            return description, None
        if when.casefold() == NEXT_MEETING_DUE:
            if self._next_meeting is None:
                return description, None
            return head + stop, self._next_meeting
        found = find_date(when)
        if found is None or (found.start, found.end) != (0, len(when)):
            return description, None
        day, problem = read_due_date(when, self._date)
        if day is None:
            return description, None
        if problem:
            self._reading.guess(GuessKind.ACTION_DUE, where, f"{_short(head)!r}: {problem}")
        return head + stop, day

    def _stated_due(self, description: str, where: str) -> dt.date | None:
        """The due date the words give without a closing "by" (``bring the paper to the next
        meeting``, ``report by 31/05/2024``): a note prints no second "by <date>" after
        words that already say it, so the words are the due date (the one rule of
        :func:`stated_due`, which the export follows too). The words are kept as printed."""
        stated = stated_due(description, meeting_date=self._date, next_meeting=self._next_meeting)
        if stated is None:
            return None
        if stated.note:
            self._reading.guess(
                GuessKind.ACTION_DUE, where, f"{_short(description)!r}: {stated.note}"
            )
        return stated.day

    def owners(self, text: str, description: str, where: str, words: list[str]) -> tuple[str, ...]:
        """The organisations in an owner cell (``MOPAC/DWP``, ``LP and MPS``); a name that is
        no organisation (a person, *All*) is kept in the action's words and said so."""
        reading = self._reading
        owners: list[str] = []
        for part in (p.strip() for p in _OWNER_SPLIT.split(text)):
            if not part:
                continue
            for piece in self._joined(part):
                if not self._is_organisation(piece):
                    words.append(f"(owner: {piece})")
                    reading.guess(
                        GuessKind.NOT_AN_ORGANISATION,
                        where,
                        f"the owner {piece!r} of {_short(description)!r} is not an"
                        " organisation: kept in the action's words, to assign",
                    )
                    continue
                abbreviation = reading.organisation(piece, where)
                if abbreviation not in owners:
                    owners.append(abbreviation)
        return tuple(owners)

    def _joined(self, text: str) -> list[str]:
        """``London Probation and Department for Work and Pensions (DWP)``: the organisations
        joined by *and* or *&*, when each side is one; else the words as one owner."""
        if self._reading.find(text) is not None:
            return [text]
        words = _AND.split(text)  # the names and, between them, the joining words
        for cut in range(1, len(words), 2):
            left, right = "".join(words[:cut]), "".join(words[cut + 1 :])
            if self._is_organisation(left):
                rest = self._joined(right)
                if all(self._is_organisation(piece) for piece in rest):
                    return [left, *rest]
        return [text]

    def _is_organisation(self, label: str) -> bool:
        """Known (to the archive or this note), or printed as ``Name (ABBR)`` or ``ABBR``."""
        return (
            self._reading.find(label) is not None
            or split_label(label)[1] is not None
            or looks_like_abbreviation(label)
        )

    def _due(self, text: str, description: str, where: str, words: list[str]) -> dt.date | None:
        text = " ".join(text.split())
        if not text or text.casefold() in ("-", "n/a", "none", "tbc"):
            if text:
                words.append(f"(due: {text})")
            return None
        day, problem = read_due_date(text, self._date)
        if day is not None:
            if problem:
                self._reading.guess(
                    GuessKind.ACTION_DUE, where, f"{_short(description)!r}: {problem}"
                )
            return day
        words.append(f"(due: {text})")
        self._reading.guess(
            GuessKind.ACTION_DUE,
            where,
            f"the due date {text!r} of {_short(description)!r} {problem}:"
            " no due date put in, kept in the action's words",
        )
        return None

    def _status(self, text: str, description: str, where: str) -> ActionStatus:
        key = _header_key(text)
        if not key:
            return ActionStatus.OPEN
        status = _STATUS_OF.get(key)
        if status is None:
            self._reading.guess(
                GuessKind.ACTION_STATUS,
                where,
                f"the status {text!r} of {_short(description)!r} is not understood: open assumed",
            )
            return ActionStatus.OPEN
        return status


def _short(text: str) -> str:
    words = text.split()
    return " ".join(words[:8]) + (" ..." if len(words) > 8 else "")
