"""The archive tree's group rows, boards and their years, made from the group counts.

Apart from the Qt model because they are plain Python: which boards and years the filters
leave, in which order, with how many meetings each, is worked out here from the counts (one
short row per board, year and status) without a meeting read, and a year keeps its
meetings once the model has read them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ui.archive.meeting_words import SameDay, board_label, shared_days

if TYPE_CHECKING:
    from models.services import MeetingGroup, MeetingSummary
    from ui.common.settings import ArchiveFilter

BoardKey = tuple[str]
YearKey = tuple[str, int]
GroupKey = BoardKey | YearKey
"""A group row's identity that survives a reload: ``(board name,)`` or ``(board name, year)``."""


@dataclass(eq=False, slots=True)
class BoardRow:
    key: int  # internal ID of the rows under it (its years)
    row: int
    name: str
    abbreviation: str
    years: list[YearRow] = field(default_factory=list)
    count: int = 0


@dataclass(eq=False, slots=True)
class YearRow:
    key: int  # internal ID of the rows under it (its meetings)
    row: int
    board: BoardRow
    year: int
    count: int  # from the group counts: known before the meetings are read
    meetings: list[MeetingSummary] | None = None  # None until read
    shared: frozenset[SameDay] = frozenset()  # the days of more than one of its meetings

    def hold(self, meetings: list[MeetingSummary]) -> None:
        """Keep the meetings read, and which of their days more than one shares (their
        titles then say what tells them apart)."""
        self.meetings = meetings
        self.shared = shared_days(meetings)


def group_rows(groups: Sequence[MeetingGroup], wanted: ArchiveFilter) -> list[BoardRow | YearRow]:
    """The board rows and their year rows ``wanted`` lets through, each board followed by
    its years; a row's key is its place in this list plus one (0 is the root)."""
    counts: dict[str, dict[int, int]] = {}
    abbreviations: dict[str, str] = {}
    for group in groups:
        if (
            (wanted.board is None or group.board_name == wanted.board)
            and (wanted.year is None or group.year == wanted.year)
            and (wanted.status is None or group.status is wanted.status)
        ):
            years = counts.setdefault(group.board_name, {})
            years[group.year] = years.get(group.year, 0) + group.count
            abbreviations[group.board_name] = group.board_abbreviation
    names = sorted(counts, key=lambda name: board_label(name, abbreviations[name]).casefold())
    rows: list[BoardRow | YearRow] = []
    for board_row, name in enumerate(names):
        board = BoardRow(len(rows) + 1, board_row, name, abbreviations[name])
        rows.append(board)
        for year_row, number in enumerate(sorted(counts[name], reverse=wanted.newest_first)):
            year = YearRow(len(rows) + 1, year_row, board, number, counts[name][number])
            rows.append(year)
            board.years.append(year)
            board.count += year.count
    return rows


def shape(boards: Sequence[BoardRow]) -> list[tuple[str, int, int]]:
    """Each year shown, with its board and count: the same shape reads again in place."""
    return [(board.name, year.year, year.count) for board in boards for year in board.years]
