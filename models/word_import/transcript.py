"""Reading a hearing transcript (the 2017 ``Justice Matters`` layout).

Its shape: ``Date:``, ``Location:``, ``Hearing:``, ``Start time: ... Finish time: ...``
lines, a ``Members:`` heading with one member a line (``Name, Role, Organisation,
(Co-Chair)``), then the turns: each a paragraph opening with the speaker's label in bold and
a colon, further paragraphs of the same turn without a label, and editorial notes in square
brackets on a line of their own.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from models.enums import LayoutStyle, MeetingMode
from models.meeting_doc import AgendaItemDoc, BoardRef, MeetingDoc
from models.notes import Paragraph, Run, render_markdown
from models.word_import.document import Line, WordFile
from models.word_import.result import (
    Directory,
    Guess,
    GuessKind,
    Member,
    NoteLayout,
    ReadNote,
    TranscriptRead,
    Turn,
)
from models.word_import.wording import find_date, parse_times, real_date

_MEMBERS: Final = re.compile(r"^members\s*:?$", re.IGNORECASE)
_FIELD: Final = re.compile(r"^(date|location|venue|hearing|start time)\s*:\s*(.*)$", re.I)
_CHAIR: Final = re.compile(r",?\s*\((co-)?chair\)\s*$", re.IGNORECASE)
# A label typed without bold: ``Name (Role - Organisation):`` at the start of a paragraph.
_PLAIN_LABEL: Final = re.compile(r"^([A-Z][\w'’.\- ]{1,60}(?:\s*\([^()]{1,120}\))+):\s+")
_LABEL_TURNS: Final = 3


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
    if any(_MEMBERS.match(line.text) for line in lines) and any(
        line.text.lower().startswith("hearing:") for line in lines
    ):
        return True
    return sum(1 for line in lines if _bold_label(line) is not None) >= _LABEL_TURNS and any(
        _MEMBERS.match(line.text) for line in lines
    )


def read_transcript(word: WordFile, file_name: str, directory: Directory) -> ReadNote:
    guesses: list[Guess] = []
    lines = [block for block in word.blocks if isinstance(block, Line) and block.text]
    fields: dict[str, str] = {}
    members: list[Member] = []
    turns: list[tuple[str | None, list[tuple[Run, ...]]]] = []
    in_members = False
    for line in lines:
        text = line.text
        label = _bold_label(line)
        if label is None and (in_members or turns) and (plain := _PLAIN_LABEL.match(text)):
            label = (plain.group(1), (Run(text[plain.end() :]),))
            guesses.append(Guess(GuessKind.SPEAKER, "turns", f"label not bold: {plain.group(1)}"))
        if label is not None and (in_members or turns):
            in_members = False
            turns.append((label[0], [label[1]] if label[1] else []))
        elif turns and text.startswith("[") and text.endswith("]"):
            turns.append((None, [line.runs]))
        elif turns:
            turns[-1][1].append(line.runs)
        elif _MEMBERS.match(text):
            in_members = True
        elif in_members:
            members.extend(_member(part) for part in text.split("\n") if part.strip())
        elif field := _FIELD.match(text):
            fields[field.group(1).lower()] = field.group(2).strip()
        else:
            guesses.append(Guess(GuessKind.UNREAD_LINE, "title block", f"not read: {text!r}"))
    date_text = fields.get("date", "")
    found = find_date(date_text)
    day = real_date(found.year, found.month, found.day) if found and found.year else None
    if day is None:
        day = dt.date.today()
        guesses.append(Guess(GuessKind.DATE_MISSING, "date", "no full date printed: today put in"))
    start_text, _, finish_text = fields.get("start time", "").partition("Finish time:")
    start, finish = parse_times(start_text), parse_times(finish_text)
    hearing = fields.get("hearing", "")
    read_turns = tuple(
        Turn(speaker, render_markdown(tuple(Paragraph(runs) for runs in paragraphs)))
        for speaker, paragraphs in turns
    )
    board = directory.boards[0] if directory.boards else BoardRef("Justice Matters", "JM")
    meeting = MeetingDoc(
        board=board,
        date=day,
        style=LayoutStyle.PUBLIC_NOTE,  # stands in until the transcript layout lands
        title=hearing or None,
        start=start.start if start else None,
        end=finish.start if finish else None,
        venue=fields.get("location", fields.get("venue", "")),
        mode=MeetingMode.IN_PERSON,
        agenda=(AgendaItemDoc(hearing or "Hearing"),),
    )
    del file_name  # the transcript prints its year
    return ReadNote(
        meeting,
        NoteLayout.HEARING_TRANSCRIPT,
        tuple(guesses),
        (),
        TranscriptRead(hearing, tuple(members), read_turns),
    )


def _member(text: str) -> Member:
    """``Sophie Linden, Deputy Mayor for Policing and Crime, (Co-Chair)``."""
    chair = bool(_CHAIR.search(text))
    text = _CHAIR.sub("", text).strip().rstrip(",")
    name, _, rest = text.partition(",")
    return Member(name.strip(), rest.strip() or None, None, chair)
