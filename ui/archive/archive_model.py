"""The archive on the left of the window: meetings grouped by board, then by year.

A secretary looks back by board ("what did the LCJB agree last spring?") and by year, so the
tree reads Board → Year → meetings, newest first unless asked otherwise. The model is a thin
tree over the ``MeetingSummary`` rows that ``services.list_meetings`` returns: it never
touches the database, and filtering is done here, on those rows, because a 10,000-meeting
archive filters in a few milliseconds in Python while a query per keystroke in the filter
bar would not.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from models.services import MeetingSummary
from ui.common.settings import ArchiveFilter

Index = QModelIndex | QPersistentModelIndex

MEETING_ID_ROLE = Qt.ItemDataRole.UserRole + 1

BoardKey = tuple[str]
YearKey = tuple[str, int]
GroupKey = BoardKey | YearKey
"""A group row's identity that survives a reload: ``(board name,)`` or ``(board name, year)``."""


class Column(IntEnum):
    DATE = 0
    TITLE = 1
    STATUS = 2


_HEADERS = {Column.DATE: "Date", Column.TITLE: "Title", Column.STATUS: "Status"}


def display_date(summary: MeetingSummary) -> str:
    """The date as the forms show it (dd/mm/yyyy, the UK order the secretary types)."""
    return summary.date.strftime("%d/%m/%Y")


def board_label(name: str, abbreviation: str) -> str:
    """How a board is named in the archive and its filter: ``RRB: Reducing Reoffending Board``."""
    return f"{abbreviation}: {name}" if abbreviation and abbreviation != name else name


def meeting_tooltip(summary: MeetingSummary) -> str:
    return (
        f"{summary.board_name}: {summary.title}, {summary.date:%A} {display_date(summary)}"
        f" ({summary.status.label.lower()})"
    )


@dataclass(eq=False, slots=True)
class _Board:
    key: int  # internal ID of the rows under it (its years)
    row: int
    name: str
    abbreviation: str
    years: list[_Year] = field(default_factory=list)
    count: int = 0


@dataclass(eq=False, slots=True)
class _Year:
    key: int  # internal ID of the rows under it (its meetings)
    row: int
    board: _Board
    year: int
    meetings: list[MeetingSummary] = field(default_factory=list)


class ArchiveModel(QAbstractItemModel):
    """Board rows, their year rows, and the meetings of each year; the open meeting is bold.

    Every index carries, as its internal ID, the key of the group row it sits under (0 for a
    board row, which sits under the root), so ``parent()`` and ``data()`` are a list lookup:
    no Python objects are handed to Qt to keep alive.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[MeetingSummary] = []  # newest first, as listed
        self._filter = ArchiveFilter()
        self._boards: list[_Board] = []
        self._groups: list[_Board | _Year] = []  # by key - 1
        self._where: dict[int, tuple[_Year, int]] = {}  # meeting ID -> its year row and row
        self._by_id: dict[int, MeetingSummary] = {}
        self._shown = 0
        self._open_id: int | None = None

    # --- Qt's interface ------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008 (Qt's signature)
        if not 0 <= column < len(Column) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self._boards) else QModelIndex()
        if parent.column() != 0:
            return QModelIndex()
        group = self._group_of(parent)
        if isinstance(group, _Board) and row < len(group.years):
            return self.createIndex(row, column, group.key)
        if isinstance(group, _Year) and row < len(group.meetings):
            return self.createIndex(row, column, group.key)
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008 (Qt's signature)
        if not index.isValid():
            return QModelIndex()
        key = index.internalId()
        if key == 0:
            return QModelIndex()
        group = self._groups[key - 1]
        return self.createIndex(group.row, 0, 0 if isinstance(group, _Board) else group.board.key)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        if not parent.isValid():
            return len(self._boards)
        if parent.column() != 0:
            return 0
        group = self._group_of(parent)
        if isinstance(group, _Board):
            return len(group.years)
        if isinstance(group, _Year):
            return len(group.meetings)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return len(Column)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 (Qt's signature)
        return self.rowCount(parent) > 0

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.summary_at(index) is not None:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        summary = self.summary_at(index)
        if summary is not None:
            return self._meeting_data(summary, Column(index.column()), role)
        group = self._group_of(index)
        if group is None:
            return None
        return self._group_data(group, index.column(), role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(Column)
        ):
            return _HEADERS[Column(section)]
        return None

    # --- for the view and the window -------------------------------------------------------

    def set_meetings(self, meetings: Sequence[MeetingSummary]) -> None:
        """Show ``meetings`` (newest first, as listed). If the rows shown stay the same, in the
        same places, only the changed cells are repainted, so the selection, the expanded
        groups and the keyboard cursor stay where they were."""
        self._all = list(meetings)
        self._by_id = {summary.id: summary for summary in self._all}
        self._rebuild()

    def update_meeting(self, summary: MeetingSummary) -> None:
        """One meeting's row after an edit of it was saved: repainted in place, or (its date
        or board changed) moved to its new place. Cheaper than ``set_meetings`` on a large
        archive, where re-listing every meeting after each autosave froze the typing."""
        old = self._by_id.get(summary.id)
        if old is None or old == summary:
            return
        self._by_id[summary.id] = summary
        self._all[self._all.index(old)] = summary
        moved = (old.date, old.board_name) != (summary.date, summary.board_name)
        if moved or self._filter.accepts(old) != self._filter.accepts(summary):
            self._all.sort(key=lambda each: (each.date, each.id), reverse=True)
            self._rebuild()
            return
        found = self._where.get(summary.id)
        if found is None:
            return
        year, row = found
        year.meetings[row] = summary
        index = self.createIndex(row, 0, year.key)
        self.dataChanged.emit(index, index.siblingAtColumn(len(Column) - 1))

    def set_filter(self, archive_filter: ArchiveFilter) -> None:
        if archive_filter != self._filter:
            self._filter = archive_filter
            self._rebuild()

    @property
    def filter(self) -> ArchiveFilter:
        return self._filter

    def set_open_meeting(self, meeting_id: int | None) -> None:
        """Mark the meeting the window shows (bold), unmarking the previous one."""
        previous, self._open_id = self._open_id, meeting_id
        for changed in {previous, meeting_id} - {None}:
            index = self.index_of(changed)
            if index.isValid():
                self.dataChanged.emit(index, index.siblingAtColumn(len(Column) - 1))

    def summary_at(self, index: Index) -> MeetingSummary | None:
        """The meeting on a meeting row (None on a board or year row)."""
        if not index.isValid() or index.internalId() == 0:
            return None
        group = self._groups[index.internalId() - 1]
        if isinstance(group, _Year) and 0 <= index.row() < len(group.meetings):
            return group.meetings[index.row()]
        return None

    def summary_of(self, meeting_id: int | None) -> MeetingSummary | None:
        """Any listed meeting, shown or filtered out."""
        return self._by_id.get(meeting_id) if meeting_id is not None else None

    def index_of(self, meeting_id: int | None, column: int = Column.DATE) -> QModelIndex:
        """The row of a meeting (invalid if the filters leave it out)."""
        found = self._where.get(meeting_id) if meeting_id is not None else None
        if found is None:
            return QModelIndex()
        year, row = found
        return self.createIndex(row, column, year.key)

    def group_key(self, index: Index) -> GroupKey | None:
        """The identity of a board or year row (None on a meeting row)."""
        group = self._group_of(index) if index.isValid() else None
        if isinstance(group, _Board):
            return (group.name,)
        if isinstance(group, _Year):
            return (group.board.name, group.year)
        return None

    def group_index(self, key: GroupKey) -> QModelIndex:
        """The row of a board or year (invalid if not shown)."""
        for board in self._boards:
            if board.name != key[0]:
                continue
            if len(key) == 1:
                return self.createIndex(board.row, 0, 0)
            for year in board.years:
                if year.year == key[1]:
                    return self.createIndex(year.row, 0, board.key)
        return QModelIndex()

    def group_indexes(self) -> Iterable[QModelIndex]:
        """Every board and year row, boards first in each board's turn."""
        for board in self._boards:
            yield self.createIndex(board.row, 0, 0)
            for year in board.years:
                yield self.createIndex(year.row, 0, board.key)

    def latest_year_keys(self) -> list[GroupKey]:
        """Each board and its most recent year shown: what opens up at first sight."""
        keys: list[GroupKey] = []
        for board in self._boards:
            keys.append((board.name,))
            if board.years:
                latest = max(board.years, key=lambda year: year.year)
                keys.append((board.name, latest.year))
        return keys

    def boards(self) -> list[tuple[str, str]]:
        """(name, abbreviation) of every board with a meeting, in the archive's order."""
        seen: dict[str, str] = {}
        for summary in self._all:
            seen.setdefault(summary.board_name, summary.board_abbreviation)
        return sorted(seen.items(), key=lambda pair: board_label(*pair).casefold())

    def years(self) -> list[int]:
        """Every year with a meeting, newest first."""
        return sorted({summary.date.year for summary in self._all}, reverse=True)

    def meeting_count(self) -> int:
        """All meetings listed, whatever the filters."""
        return len(self._all)

    def shown_count(self) -> int:
        """The meetings the filters let through."""
        return self._shown

    def neighbour_of(self, meeting_id: int) -> MeetingSummary | None:
        """The meeting shown after it in its board (else before it): where the cursor goes
        when it is deleted. None if it is alone in its board, or not shown."""
        found = self._where.get(meeting_id)
        if found is None:
            return None
        year, row = found
        board = [summary for group in year.board.years for summary in group.meetings]
        at = board.index(year.meetings[row])
        if at + 1 < len(board):
            return board[at + 1]
        return board[at - 1] if at > 0 else None

    def newest(self) -> MeetingSummary | None:
        """The newest meeting of all, filtered or not."""
        return self._all[0] if self._all else None

    # --- building the tree -----------------------------------------------------------------

    def _rebuild(self) -> None:
        wanted = self._filter
        rows = [summary for summary in self._all if wanted.accepts(summary)]
        if not wanted.newest_first:
            rows.reverse()
        by_board: dict[str, dict[int, list[MeetingSummary]]] = {}
        for summary in rows:
            by_board.setdefault(summary.board_name, {}).setdefault(summary.date.year, []).append(
                summary
            )
        abbreviations = {summary.board_name: summary.board_abbreviation for summary in rows}
        names = sorted(by_board, key=lambda name: board_label(name, abbreviations[name]).casefold())
        shape = [
            (name, year, [summary.id for summary in meetings])
            for name in names
            for year, meetings in by_board[name].items()
        ]
        if shape == self._shape():
            self._replace_rows(by_board)
            return
        self.beginResetModel()
        self._boards = []
        self._groups = []
        self._where = {}
        for board_row, name in enumerate(names):
            board = _Board(len(self._groups) + 1, board_row, name, abbreviations[name])
            self._groups.append(board)
            self._boards.append(board)
            for year_row, (number, meetings) in enumerate(by_board[name].items()):
                year = _Year(len(self._groups) + 1, year_row, board, number, meetings)
                self._groups.append(year)
                board.years.append(year)
                board.count += len(meetings)
                for row, summary in enumerate(meetings):
                    self._where[summary.id] = (year, row)
        self._shown = len(rows)
        self.endResetModel()

    def _shape(self) -> list[tuple[str, int, list[int]]]:
        return [
            (board.name, year.year, [summary.id for summary in year.meetings])
            for board in self._boards
            for year in board.years
        ]

    def _replace_rows(self, by_board: dict[str, dict[int, list[MeetingSummary]]]) -> None:
        """Same rows in the same places: swap in the new values, repaint what changed."""
        for board in self._boards:
            for year in board.years:
                new = by_board[board.name][year.year]
                pairs = enumerate(zip(year.meetings, new, strict=True))
                changed = [row for row, (old, now) in pairs if old != now]
                year.meetings = new
                if changed:
                    parent = self.createIndex(year.row, 0, board.key)
                    self.dataChanged.emit(
                        self.index(min(changed), 0, parent),
                        self.index(max(changed), len(Column) - 1, parent),
                    )

    def _group_of(self, index: Index) -> _Board | _Year | None:
        """The group row ``index`` is (not the one it sits under)."""
        key = index.internalId()
        if key == 0:
            return self._boards[index.row()] if 0 <= index.row() < len(self._boards) else None
        parent = self._groups[key - 1]
        if isinstance(parent, _Board) and 0 <= index.row() < len(parent.years):
            return parent.years[index.row()]
        return None

    # --- what each row says ----------------------------------------------------------------

    def _meeting_data(self, summary: MeetingSummary, column: Column, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell_text(summary, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return meeting_tooltip(summary)
        if role == Qt.ItemDataRole.FontRole and summary.id == self._open_id:
            font = QFont()
            font.setBold(True)
            return font
        if role == MEETING_ID_ROLE:
            return summary.id
        return None

    def _group_data(self, group: _Board | _Year, column: int, role: int) -> Any:
        if isinstance(group, _Board):
            count = group.count
            text = board_label(group.name, group.abbreviation)
            about = f"{group.name}: {_meetings(count)}"
        else:
            count = len(group.meetings)
            text = str(group.year)
            about = f"{group.board.name}, {group.year}: {_meetings(count)}"
        if role == Qt.ItemDataRole.DisplayRole and column == 0:
            return f"{text} ({count:,})"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return about
        if role == Qt.ItemDataRole.FontRole and isinstance(group, _Board):
            font = QFont()
            font.setBold(True)
            return font
        return None


def _cell_text(summary: MeetingSummary, column: Column) -> str:
    match column:
        case Column.DATE:
            return display_date(summary)
        case Column.TITLE:
            return summary.title
        case Column.STATUS:
            return summary.status.label


def _meetings(count: int) -> str:
    return f"{count:,} meeting" + ("" if count == 1 else "s")
