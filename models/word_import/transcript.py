"""Reading a hearing transcript (the 2017 ``Justice Matters`` layout) into a meeting.

Its shape: ``Date:``, ``Location:``, ``Hearing:``, ``Start time: ... Finish time: ...``
lines, a ``Members:`` heading with one member a line (``Name, Role, Organisation,
(Co-Chair)``), then the turns: each a paragraph opening with the speaker's label in bold and
a colon, further paragraphs of the same turn without a label, and editorial notes in square
brackets on a line of their own (each bracketed line one note). The meeting comes back in the
``hearing-transcript`` style, its members on the meeting and its turns under agenda items
(one untitled item when the transcript prints no headings), as the transcripts editor and
the JSON format hold them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from typing import Final

from models.date_words import find_date, real_date
from models.enums import LayoutStyle, MeetingMode
from models.meeting_doc import (
    ActionDoc,
    AgendaItemDoc,
    BoardRef,
    MeetingDoc,
    MemberDoc,
    OrganisationRef,
    TurnDoc,
)
from models.notes import Paragraph, Run, render_markdown
from models.organisation_labels import printed_organisation
from models.transcript_text import is_bracketed_note
from models.word_import.action_log import ActionReader
from models.word_import.document import Line, WordFile
from models.word_import.notes import read_item_body
from models.word_import.reading import Reading
from models.word_import.result import Directory, Guess, GuessKind, NoteLayout, ReadNote, label_key
from models.word_import.wording import (
    file_name_date,
    instead_of_impossible,
    parse_times,
)

_MEMBERS: Final = re.compile(r"^members\s*:?$", re.IGNORECASE)
# ``Actions:`` over an item's actions, ``Actions`` over the list of them all at the end: as
# the note prints them (exporters.writer), not words anyone said.
_ACTIONS: Final = re.compile(r"^actions\s*:?$", re.IGNORECASE)
_FIELD: Final = re.compile(r"^(date|location|venue|hearing|start time)\s*:\s*(.*)$", re.I)
_CHAIR: Final = re.compile(r",?\s*\((co-)?chair\)\s*$", re.IGNORECASE)
# A label typed without bold: ``Name (Role - Organisation):`` at the start of a paragraph.
_PLAIN_LABEL: Final = re.compile(r"^([A-Z][\w'’.\- ]{1,60}(?:\s*\([^()]{1,120}\))+):\s+")
_LABEL_TURNS: Final = 3
_TRANSCRIPT_TITLE: Final = LayoutStyle.HEARING_TRANSCRIPT.default_title
# A hearing is held by the Mayor's Office; the transcript does not print a board.
_HEARING_BOARD: Final = BoardRef("Mayor's Office for Policing and Crime", "MOPAC")


def _bold_label(line: Line) -> tuple[str, tuple[Run, ...]] | None:
    """``**Name (Role):** words`` -> (label, the words' runs)."""
    label = ""
    for index, run in enumerate(line.runs):
        if not run.bold:
            # ``**Name (Role)**: words``: the colon just after the bold label.
            if label.strip() and run.text.lstrip().startswith(":"):
                after = Run(run.text.lstrip()[1:], run.bold, run.italic)
                return label.strip().rstrip(","), (after, *line.runs[index + 1 :])
            break
        label += run.text
        if label.rstrip().endswith(":"):
            rest = line.runs[index + 1 :]
            return label.rstrip()[:-1].strip().rstrip(","), rest
    return None


def looks_like_transcript(word: WordFile) -> bool:
    lines = [block for block in word.blocks if isinstance(block, Line)]
    titles = [line.text for line in lines if line.text][:1]
    if titles and titles[0].casefold() == _TRANSCRIPT_TITLE.casefold():
        return True
    if any(_MEMBERS.match(line.text) for line in lines) and any(
        line.text.lower().startswith("hearing:") for line in lines
    ):
        return True
    return sum(1 for line in lines if _bold_label(line) is not None) >= _LABEL_TURNS and any(
        _MEMBERS.match(line.text) for line in lines
    )


@dataclasses.dataclass
class _Item:
    title: str
    turns: list[tuple[str | None, list[Line]]] = dataclasses.field(default_factory=list)
    listed: list[Line] = dataclasses.field(default_factory=list)  # before any turn

    @property
    def is_actions_list(self) -> bool:
        """The *Actions* list a note may end with (``--actions summary``): no turns, a list."""
        return _ACTIONS.match(self.title) is not None and not self.turns and bool(self.listed)


@dataclasses.dataclass
class _Reading:
    directory: Directory
    guesses: list[Guess] = dataclasses.field(default_factory=list)
    organisations: dict[str, OrganisationRef] = dataclasses.field(default_factory=dict)
    new_organisations: dict[str, OrganisationRef] = dataclasses.field(default_factory=dict)

    def guess(self, kind: GuessKind, where: str, text: str) -> None:
        self.guesses.append(Guess(kind, where, text))

    def organisation(self, printed: str) -> str:
        """The abbreviation of the organisation printed as ``printed`` (new ones proposed)."""
        known = self.directory.find(printed)
        if known is None:
            known = self.new_organisations.get(label_key(printed))
        if known is None:
            known = OrganisationRef(*printed_organisation(printed))
            self.new_organisations[label_key(printed)] = known
            self.guess(
                GuessKind.UNKNOWN_ORGANISATION,
                "members",
                f"{printed} is not in the directory: proposed as a new organisation"
                + ("" if known.display_name == printed else f", {known.display_name}"),
            )
        self.organisations.setdefault(label_key(known.abbreviation), known)
        return known.abbreviation


@dataclasses.dataclass
class _Parts:
    """The lines sorted as the transcript prints them: title block, members, then turns."""

    lines: dataclasses.InitVar[list[Line]]
    fields: dict[str, str] = dataclasses.field(default_factory=dict)
    title: str | None = None
    members: list[str] = dataclasses.field(default_factory=list)
    items: list[_Item] = dataclasses.field(default_factory=list)
    in_members: bool = False
    members_heading: Line | None = None
    item_level: int | None = None
    headings: Counter[str] = dataclasses.field(default_factory=Counter)

    def __post_init__(self, lines: list[Line]) -> None:
        # Item headings are set at the level of the ``Members:`` heading; a heading repeated
        # at another level is a page header that a conversion left in the text.
        self.members_heading = _members_heading(lines)
        if self.members_heading is not None:
            self.item_level = self.members_heading.heading
        self.headings = Counter(line.text for line in lines if line.heading is not None)

    def take_spoken(self, line: Line, reading: _Reading) -> bool:
        """Take ``line`` if it belongs to the turns (or starts them); False if it does not."""
        text, items = line.text, self.items
        label = _bold_label(line)
        # Without members, the first label after the title block's fields starts the turns.
        started = self.in_members or bool(items) or bool(self.fields and not _FIELD.match(text))
        if label is None and started and (plain := _PLAIN_LABEL.match(text)):
            label = (plain.group(1), (Run(text[plain.end() :]),))
            reading.guess(GuessKind.SPEAKER, "turns", f"label not bold: {plain.group(1)}")
        editorial = is_bracketed_note(text)
        if started and (label is not None or editorial):
            self.in_members = False
            if not items:
                items.append(_Item(""))
            if label is None:
                items[-1].turns.append((None, [dataclasses.replace(line, heading=None)]))
            else:
                said = "".join(run.text for run in label[1]).strip()
                words = [dataclasses.replace(line, runs=label[1], heading=None)] if said else []
                items[-1].turns.append((label[0], words))
        elif started and self._item_heading(line):
            self.in_members = False
            items.append(_Item(text))
        elif line.heading is not None and self.headings[text] > 1:
            reading.guess(GuessKind.UNREAD_LINE, "turns", f"page header left out: {text!r}")
        elif items and items[-1].turns:
            items[-1].turns[-1][1].append(line)
        elif items and line.list_level is not None and _ACTIONS.match(items[-1].title):
            items[-1].listed.append(line)
        else:
            return False
        return True

    def _item_heading(self, line: Line) -> bool:
        """A heading at the level of ``Members:`` (any heading when no members are printed)."""
        if line.heading is None or line is self.members_heading:
            return False
        return self.item_level is None or line.heading == self.item_level

    def take_title_block(self, line: Line, reading: _Reading) -> None:
        text = line.text
        if line is self.members_heading:
            self.in_members = True
        elif self.in_members:
            self.members.extend(part for part in text.split("\n") if part.strip())
        elif field := _FIELD.match(text):
            self.fields[field.group(1).lower()] = field.group(2).strip()
        elif self.title is None and not self.fields and not self.items:
            self.title = text
        else:
            where = f"item {len(self.items)}" if self.items else "title block"
            reading.guess(GuessKind.UNREAD_LINE, where, f"not read: {text!r}")


def _members_heading(lines: list[Line]) -> Line | None:
    """The line that heads the members: the first ``Members`` line that a turn does not
    follow (an item titled "Members" heads its turns; the members' heading, its members)."""
    for index, line in enumerate(lines):
        if not _MEMBERS.match(line.text):
            continue
        following = lines[index + 1] if index + 1 < len(lines) else None
        if following is not None and (
            _bold_label(following) is not None or is_bracketed_note(following.text)
        ):
            continue
        return line
    return None


def read_transcript(word: WordFile, file_name: str, directory: Directory) -> ReadNote:
    reading = _Reading(directory)
    lines = [block for block in word.blocks if isinstance(block, Line) and block.text]
    parts = _Parts(lines)
    for line in lines:
        if not parts.take_spoken(line, reading):
            parts.take_title_block(line, reading)
    fields, title, member_lines, items = parts.fields, parts.title, parts.members, parts.items
    members = tuple(_member(text, reading) for text in member_lines)
    date_text = fields.get("date", "")
    found = find_date(date_text)
    day = real_date(found.year, found.month, found.day) if found and found.year else None
    if day is None and found is not None and found.year is not None:
        day, words = instead_of_impossible(f"Date: {date_text}", file_name)
        reading.guess(GuessKind.IMPOSSIBLE_DATE, "date", words)
    elif day is None:
        day = file_name_date(file_name)
        if day is not None:
            reading.guess(
                GuessKind.DATE_MISSING, "date", "no full date printed: from the file name"
            )
        else:
            day = dt.date.today()
            reading.guess(GuessKind.DATE_MISSING, "date", "no full date printed: today put in")
    start_text, _, finish_text = fields.get("start time", "").partition("Finish time:")
    start, finish = parse_times(start_text), parse_times(finish_text)
    venue, mode = _venue(fields.get("location", fields.get("venue", "")), reading)
    agenda = _with_actions(items, reading, file_name, day)
    meeting = MeetingDoc(
        board=_board(directory, reading),
        date=day,
        style=LayoutStyle.HEARING_TRANSCRIPT,
        title=None if title == _TRANSCRIPT_TITLE else title,
        start=start.start if start else None,
        end=finish.start if finish else None,
        venue=venue,
        mode=mode,
        theme=fields.get("hearing") or None,
        organisations=tuple(reading.organisations.values()),
        agenda=agenda,
        members=members,
    )
    del file_name  # the transcript prints its year
    return ReadNote(
        meeting,
        NoteLayout.HEARING_TRANSCRIPT,
        tuple(reading.guesses),
        tuple(reading.new_organisations.values()),
    )


def _with_actions(
    items: list[_Item], reading: _Reading, file_name: str, day: dt.date
) -> tuple[AgendaItemDoc, ...]:
    """The items with their turns and actions: an ``Actions:`` label closing an item (read
    as a turn of a speaker *Actions*) and the list under it are that item's actions; a
    closing *Actions* list (no turns) puts each under the item it names (``(item 2)``),
    else under the last item. Read as a board note reads them, owners through the same
    directory, each new organisation proposed once."""
    actions = _ActionsOfTranscript(reading, file_name, day)
    listed = [item for item in items if item.is_actions_list]
    spoken = [item for item in items if not item.is_actions_list]
    if listed and not spoken:  # a list of actions and no words: one untitled item holds it
        spoken = [_Item("")]
    per_item: list[list[ActionDoc]] = []
    for index, item in enumerate(spoken, start=1):
        own: list[ActionDoc] = []
        if item.turns and item.turns[-1][0] is not None and _ACTIONS.match(item.turns[-1][0]):
            lines = item.turns[-1][1]
            if lines and all(line.list_level is not None for line in lines):
                item.turns.pop()
                own = [actions.reader.action(line.text, f"item {index}") for line in lines]
        per_item.append(own)
    for line in (line for item in listed for line in item.listed):
        placed = actions.reader.from_sentence(line.text, "actions")
        number = placed.item if placed.item is not None and placed.item <= len(spoken) else None
        per_item[(number or len(spoken)) - 1].append(placed.action)
    actions.merge()
    return tuple(
        AgendaItemDoc(
            item.title,
            actions=tuple(own),
            turns=tuple(TurnDoc(speaker, _turn_text(words)) for speaker, words in item.turns),
        )
        for item, own in zip(spoken, per_item, strict=True)
    )


class _ActionsOfTranscript:
    """A board note's action reader over the transcript's organisations: what it finds (an
    owner not in the directory, a guess) goes back into the transcript's reading."""

    def __init__(self, reading: _Reading, file_name: str, day: dt.date) -> None:
        self._transcript = reading
        self._board = Reading(file_name, reading.directory)
        for org in reading.organisations.values():
            self._board.organisations.setdefault(org.abbreviation.casefold(), org)
        self.reader = ActionReader(self._board, day)

    def merge(self) -> None:
        transcript = self._transcript
        for org in self._board.organisations.values():
            transcript.organisations.setdefault(label_key(org.abbreviation), org)
        for org in self._board.new.values():
            transcript.new_organisations.setdefault(label_key(org.abbreviation), org)
        transcript.guesses.extend(self._board.guesses)


def _turn_text(lines: list[Line]) -> str:
    """A turn's words in the notes Markdown (lists and sub-headings as an item's notes are
    read); words the item reader would take as actions (``Actions: ...``) are what was
    said, so then each paragraph is kept as printed."""
    body = read_item_body(lines, None, set())
    if body.actions or body.run_on_actions:
        return render_markdown(tuple(Paragraph(line.runs) for line in lines))
    return body.notes


def _board(directory: Directory, reading: _Reading) -> BoardRef:
    for board in directory.boards:
        if board.abbreviation.casefold() == _HEARING_BOARD.abbreviation.casefold():
            return board
    board = directory.boards[0] if directory.boards else _HEARING_BOARD
    reading.guess(GuessKind.BOARD, "board", f"a transcript prints no board: {board.name} assumed")
    return board


def _venue(printed: str, reading: _Reading) -> tuple[str, MeetingMode]:
    """The ``Location:`` line: ``Online`` and ``Hybrid Meeting`` are the mode the export
    prints in place of a venue."""
    lowered = printed.strip().casefold()
    if lowered == "online":
        return "", MeetingMode.ONLINE
    if lowered == "hybrid meeting":
        return "", MeetingMode.HYBRID
    if not printed:
        reading.guess(GuessKind.MODE, "venue", "no location printed: an in-person hearing assumed")
    return printed, MeetingMode.IN_PERSON


def _member(text: str, reading: _Reading) -> MemberDoc:
    """``Lucy Bogue, Deputy Director, Head of CRC ..., NOMS, (Co-Chair)``: the name, then
    the role, the last part the organisation when it names one the archive knows (or,
    unknown, when the line has a role before it); a line of a name and an organisation
    has no role."""
    chair = bool(_CHAIR.search(text))
    text = _CHAIR.sub("", text).strip().rstrip(",")
    name, _, rest = (part.strip() for part in text.partition(","))
    if not rest:
        return MemberDoc(name, None, None, chair)
    role, _, last = (part.strip() for part in rest.rpartition(","))
    if directory_org := reading.directory.find(rest if not role else last):
        organisation = reading.organisation(directory_org.abbreviation)
        return MemberDoc(name, role or None, organisation, chair)
    if role:
        return MemberDoc(name, role, reading.organisation(last), chair)
    reading.guess(
        GuessKind.MEMBER,
        "members",
        f"{name}: {rest!r} read as a role (no organisation the archive knows)",
    )
    return MemberDoc(name, rest, None, chair)
