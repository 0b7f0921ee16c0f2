"""Cutting a Board note's page into its parts, before any of them is read.

The page is a run of lines (and tables): a title block, attendee lists under their
headings, numbered items (``Agenda Item 2 | ...``, ``2. ...``, ``Item 2`` in a table or a
line, or a hand-made note's top-level headings). Finding where each part starts and ends
needs only the lines and the directory's names, and makes no guesses; reading what a part
says (dates, owners, the layout) does, and stays in :mod:`~models.word_import.board`. The
cut lives here so that module reads as the reading of a note, and this one as its shape.
:mod:`~models.word_import.board` imports this module, never the other way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from models.date_words import find_date
from models.enums import AttendanceStatus
from models.notes import Run
from models.word_import.action_log import ActionTableLine, action_table
from models.word_import.document import Line, TableBlock, WordFile
from models.word_import.result import Directory

_ATTENDEE_HEADINGS: Final = {
    "attendees": AttendanceStatus.PRESENT,
    "attendance": AttendanceStatus.PRESENT,
    "in attendance": AttendanceStatus.PRESENT,
    "present": AttendanceStatus.PRESENT,
    "organisations in attendance": AttendanceStatus.PRESENT,
    "organisations present": AttendanceStatus.PRESENT,
    "apologies": AttendanceStatus.APOLOGIES,
}
_AGENDA_ITEM: Final = re.compile(r"^agenda\s+item\s+(\d+)\b\s*[|:.\-–]?\s*(.*)$", re.I | re.S)
_ITEM_LABEL: Final = re.compile(r"^[Il]tem\s+(\d+)\b\s*[|:.\-–]?\s*(.*)$", re.S)
# The left cell of an agenda table row: ``Item 2`` (ours, 2019), ``2`` or ``2.`` (by hand).
_TABLE_LABEL: Final = re.compile(r"^(?:[Il]tem\s+)?(\d+)[.)]?$")
_NUMBERED: Final = re.compile(r"^(\d+)[.)](?:\s+(.*))?$", re.S)
# An attendee list on the heading's line: ``Apologies: NHS England, Youth Justice Board``.
_INLINE_ATTENDEES: Final = re.compile(
    r"^(attendees|present|in attendance|apologies)\s*:\s*(\S.*)$", re.I | re.S
)
_MAX_LABEL: Final = 120  # an item label line longer than this is a paragraph, not a heading


@dataclass
class PageItem:
    """An agenda item as cut from the page: its number, its title, the heading level its
    title was printed at, and the lines under it (read later, by the board reader)."""

    number: int
    title: str
    level: int | None
    lines: list[Line] = field(default_factory=list)


def body_lines(word: WordFile) -> tuple[list[Line], list[PageItem], int]:
    """The body's paragraphs, and the items of an agenda table (``Item 2`` | title + notes)
    with where the table stood, when the note has one; a table that is not an agenda is
    read as its cells' lines."""
    lines: list[Line] = []
    items: list[PageItem] = []
    table_at: int | None = None
    for block in word.blocks:
        if isinstance(block, Line):
            lines.append(block)
            continue
        actions = action_table(block)
        if actions is not None:  # before the agenda: its "No." column numbers 1, 2, 3 too
            lines.append(ActionTableLine((), table=actions))
            continue
        agenda = _agenda_table(block)
        if agenda is None and _empty_agenda_table(block):
            table_at = len(lines) if table_at is None else table_at
            continue
        if agenda is None:
            for row in block.rows:
                for cell in row:
                    lines.extend(cell)
            continue
        table_at = len(lines) if table_at is None else table_at
        for number, cell in agenda:
            # The title is the cell's first paragraph when it is a heading (even an empty
            # one), else its first words.
            first = 0 if cell and cell[0].heading is not None else None
            if first is None:
                first = next((i for i, line in enumerate(cell) if line.text), len(cell))
            title = cell[first] if first < len(cell) else Line(())
            items.append(PageItem(number, title.text, title.heading, list(cell[first + 1 :])))
    return lines, items, len(lines) if table_at is None else table_at


def split_item_labels(lines: list[Line]) -> list[Line]:
    """A table row flattened into one paragraph (``Item 3 Persistent Offenders`` and its
    notes, one per printed line) becomes the item's line and the lines under it."""
    result: list[Line] = []
    for line in lines:
        first = line.text.split("\n", 1)[0].strip()
        if "\n" not in line.text or not (_ITEM_LABEL.match(first) or _AGENDA_ITEM.match(first)):
            result.append(line)
            continue
        pieces: list[list[Run]] = [[]]
        for run in line.runs:
            if run.is_line_break:
                pieces.append([])
            else:
                pieces[-1].append(run)
        result.extend(
            Line(tuple(runs), line.heading, line.list_level, line.ordered) for runs in pieces
        )
    return result


def _empty_agenda_table(table: TableBlock) -> bool:
    """An agenda table with its header row only (``Item | Agenda``): a meeting with no
    items, not lines to read as attendees."""
    if len(table.rows) != 1:
        return False
    cells = [" ".join(line.text for line in cell).strip().casefold() for cell in table.rows[0]]
    return cells[:1] == ["item"]


def _agenda_table(table: TableBlock) -> list[tuple[int, tuple[Line, ...]]] | None:
    rows = []
    for row in table.rows:
        if len(row) < 2:
            continue
        label = " ".join(line.text for line in row[0]).strip()
        match = _TABLE_LABEL.match(label)
        if match:
            rows.append((int(match.group(1)), tuple(line for cell in row[1:] for line in cell)))
    # Items numbered 1, 2, 3 ...: a table of figures whose first column holds numbers is not
    # an agenda.
    if not rows or [number for number, _ in rows] != list(range(1, len(rows) + 1)):
        return None
    return rows


def _item_start(line: Line, expected: int) -> tuple[int, str] | None:
    text = line.text
    if not text or line.list_level is not None:
        return None
    for pattern in (_AGENDA_ITEM, _ITEM_LABEL):
        match = pattern.match(text)
        if match and int(match.group(1)) == expected:
            heading_like = line.heading is not None or line.bold or len(text) <= _MAX_LABEL
            if heading_like:
                return expected, (match.group(2) or "").strip()
    match = _NUMBERED.match(text)
    if match and int(match.group(1)) == expected and (line.heading is not None or line.bold):
        return expected, (match.group(2) or "").strip()
    return None


def find_items(lines: list[Line]) -> list[tuple[int, PageItem]]:
    """(line index, item) of each item heading, in order."""
    found: list[tuple[int, PageItem]] = []
    for index, line in enumerate(lines):
        start = _item_start(line, len(found) + 1)
        if start is not None:
            found.append((index, PageItem(start[0], start[1], line.heading)))
    if found:
        return found
    # A note typed by hand without numbers: its top-level headings after the attendees (or
    # after the date line, when it lists none).
    after = attendee_list_end(lines) or next(
        (index + 1 for index, line in enumerate(lines) if find_date(line.text)), len(lines)
    )
    top = min((line.heading for line in lines[after:] if line.heading), default=None)
    if top is None:
        return []
    numbered = [(index, line) for index, line in enumerate(lines) if index >= after]
    return [
        (index, PageItem(number, line.text, line.heading))
        for number, (index, line) in enumerate(
            ((i, ln) for i, ln in numbered if ln.heading == top), 1
        )
    ]


def _attendee_heading(line: Line) -> AttendanceStatus | None:
    key = line.text.rstrip(":").strip().casefold()
    return _ATTENDEE_HEADINGS.get(key)


def attendee_list_end(lines: list[Line]) -> int:
    """Where the first attendee list ends (0 when the note has none)."""
    for index, line in enumerate(lines):
        if _attendee_heading(line) is not None:
            end = index + 1
            while end < len(lines) and lines[end].heading is None:
                end += 1
            return end
    return 0


def split_attendees(
    head: list[Line],
) -> tuple[list[Line], list[tuple[AttendanceStatus, list[Line], bool]], list[Line]]:
    """The title block, each attendee list under its heading (and whether the list is run
    on, as under the 2019 ``Organisations in Attendance``), and the lines after a list that
    belong to none: a list ends at the next heading (``Agenda``, ``Actions``, ``1. ...``)."""
    block: list[Line] = []
    parts: list[tuple[AttendanceStatus, list[Line], bool]] = []
    stray: list[Line] = []
    in_list = False
    for line in head:
        status = _attendee_heading(line)
        inline = _INLINE_ATTENDEES.match(line.text) if status is None else None
        if status is not None:
            run_on = line.text.rstrip(":").strip().casefold() == "organisations in attendance"
            parts.append((status, [], run_on))
            in_list = True
        elif inline is not None:  # "Apologies: NHS England, Youth Justice Board"
            listed = Line((Run(inline.group(2)),))
            parts.append((_ATTENDEE_HEADINGS[inline.group(1).casefold()], [listed], True))
            in_list = True
        elif in_list and _ends_attendees(line):
            in_list = False
            stray.append(line)
        elif in_list and line.text:
            parts[-1][1].append(line)
        elif parts and line.text:
            stray.append(line)
        elif not parts:
            block.append(line)
    return block, parts, stray


def _ends_attendees(line: Line) -> bool:
    """A heading, or a line that opens an item or the actions (``Agenda Item 1``, ``2.``)."""
    if line.heading is not None or isinstance(line, ActionTableLine):
        return True
    text = line.text
    return bool(
        text
        and line.bold
        and (_AGENDA_ITEM.match(text) or _ITEM_LABEL.match(text) or _NUMBERED.match(text))
    )


def attendee_labels(lines: list[Line], directory: Directory, run_on: bool) -> list[str]:
    """One label per organisation: a line each, a line broken in two (``... Crime`` /
    ``(MOPAC)``), or a run-on list (``A, B, C``; ``A; B``; or only spaces, matched to
    the directory and the ``(ABBR)`` each name ends with)."""
    texts = [line for line in lines if line.text and line.text.casefold() != "agenda"]
    if run_on and len(texts) == 1:
        return _run_on(" ".join(texts[0].text.split()), directory)
    labels: list[str] = []
    for line in lines:
        whole = "".join(r.text for r in line.runs)
        pieces = [piece.strip() for piece in whole.split("\n")]
        broken = any(piece.count("(") != piece.count(")") for piece in pieces)
        if directory.find(whole) or broken:
            # One name broken over lines, or a run-on list that a line break fell into.
            labels.append(" ".join(whole.split()))
            continue
        for piece in pieces:
            if not piece:
                continue
            if piece.startswith("(") and piece.endswith(")") and labels:
                labels[-1] = f"{labels[-1]} {piece}"
            else:
                labels.append(piece)
    labels = [label for label in labels if label.casefold() not in ("agenda", "item agenda")]
    if len(labels) == 1:
        return _run_on(labels[0], directory)
    expanded: list[str] = []
    for label in labels:
        scanned = [label] if directory.find(label) else _scan(label, directory)
        known = len(scanned) > 1 and all(directory.find(part) for part in scanned)
        expanded.extend(scanned if known else [label])
    return expanded


def _run_on(text: str, directory: Directory) -> list[str]:
    """Our 2019 layout joins names with ``, ``, or ``; `` when a name has a comma of its own;
    a note that lost its separators (a conversion) is cut by the directory's names and the
    ``(ABBR)`` that ends a name."""
    if directory.find(text):
        return [text]
    for separator in ("; ", ", "):
        parts = [part.strip() for part in text.split(separator) if part.strip()]
        if len(parts) > 1 and all(directory.find(part) for part in parts):
            return parts
    scanned = _scan(text, directory)
    if len(scanned) > 1 and all(directory.find(label) for label in scanned):
        return scanned
    for separator in ("; ", ", "):
        if separator in text:
            return [part.strip() for part in text.split(separator) if part.strip()]
    return [text]


def _scan(text: str, directory: Directory) -> list[str]:
    words = text.split()
    if len(words) <= 1:
        return [text]
    labels: list[str] = []
    index = 0
    while index < len(words):
        best = 0
        for end in range(len(words), index, -1):
            if directory.find(" ".join(words[index:end])) is not None:
                best = end
                break
        if not best:  # up to the next "(ABBR)", else the rest
            best = next(
                (end + 1 for end in range(index, len(words)) if words[end].endswith(")")),
                len(words),
            )
        labels.append(" ".join(words[index:best]))
        index = best
    return labels
