"""The archive on the left of the window: meetings grouped by board, then by year.

A secretary looks back by board ("what did the LCJB agree last spring?") and by year, so the
tree reads Board → Year → meetings, newest first unless asked otherwise.

The tree is read lazily from an ``ArchiveSource``: the board and year rows and every count
come from the group counts (one short row per board, year and status, filtered here in
Python), and a year's meetings are read the first time anything asks for them (the view
does when the year is opened), so a start costs the same at 1,000 meetings as at 30,000.

The rows and the counts must never disagree, though another process (an import in a
terminal) may add meetings at any time: whatever reads rows again (a filter, a refresh)
reads the counts again with them, and a year read later whose rows are not as many as its
count says has the counts and the tree read again, once, on the next turn of the event loop.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont

from models.errors import StorageError
from ui.archive.archive_groups import BoardRow, GroupKey, YearRow, group_rows, shape
from ui.archive.archive_source import ArchiveSource, ListedMeetings
from ui.archive.meeting_words import (
    SameDay,
    board_label,
    display_date,
    listed_title,
    meeting_tooltip,
    meetings_count,
)
from ui.common.settings import ArchiveFilter

if TYPE_CHECKING:
    from models.services import MeetingGroup, MeetingSummary

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex

MEETING_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class Column(IntEnum):
    DATE = 0
    TITLE = 1
    STATUS = 2


_HEADERS = {Column.DATE: "Date", Column.TITLE: "Title", Column.STATUS: "Status"}


class _Recount(IntEnum):
    NOT_NEEDED = 0
    PENDING = 1
    DONE = 2  # the counts were read again for a year whose rows disagreed: not again


class ArchiveModel(QAbstractItemModel):
    """Board rows, their year rows, and the meetings of each year; the open meeting is bold.

    Every index carries, as its internal ID, the key of the group row it sits under (0 for a
    board row, which sits under the root), so ``parent()`` and ``data()`` are a list lookup:
    no Python objects are handed to Qt to keep alive.
    """

    counts_read_again = Signal()
    """The counts were read again by the model itself (a year's rows disagreed with them):
    whatever shows a total shows it again."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source: ArchiveSource = ListedMeetings([])
        self._all_groups: list[MeetingGroup] = []
        self._newest: MeetingSummary | None = None
        self._filter = ArchiveFilter()
        self._boards: list[BoardRow] = []
        self._groups: list[BoardRow | YearRow] = []  # by key - 1
        self._where: dict[int, tuple[YearRow, int]] = {}  # meeting ID -> its year row and row
        self._by_id: dict[int, MeetingSummary] = {}  # the meetings read so far
        self._shown = 0
        self._open_id: int | None = None
        self._recount = _Recount.NOT_NEEDED

    # --- Qt's interface ------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008 (Qt's signature)
        if not 0 <= column < len(Column) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self._boards) else QModelIndex()
        if parent.column() != 0:
            return QModelIndex()
        group = self._group_of(parent)
        if isinstance(group, BoardRow) and row < len(group.years):
            return self.createIndex(row, column, group.key)
        if isinstance(group, YearRow) and row < len(self._meetings_of(group)):
            return self.createIndex(row, column, group.key)
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008 (Qt's signature)
        if not index.isValid():
            return QModelIndex()
        key = index.internalId()
        if key == 0:
            return QModelIndex()
        group = self._groups[key - 1]
        return self.createIndex(group.row, 0, 0 if isinstance(group, BoardRow) else group.board.key)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        if not parent.isValid():
            return len(self._boards)
        if parent.column() != 0:
            return 0
        group = self._group_of(parent)
        if isinstance(group, BoardRow):
            return len(group.years)
        if isinstance(group, YearRow):
            return len(self._meetings_of(group))
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return len(Column)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 (Qt's signature)
        """From the counts: asking whether a closed year has rows must not read them."""
        if not parent.isValid():
            return bool(self._boards)
        if parent.column() != 0:
            return False
        group = self._group_of(parent)
        if isinstance(group, BoardRow):
            return bool(group.years)
        return isinstance(group, YearRow) and group.count > 0

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
            year = self._groups[index.internalId() - 1]
            assert isinstance(year, YearRow)  # a meeting row sits under its year
            return self._meeting_data(summary, year.shared, Column(index.column()), role)
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

    def set_source(self, source: ArchiveSource) -> None:
        """Show the archive ``source`` reads (again, after a meeting was added or deleted).
        If the rows shown stay the same, in the same places, only the changed cells are
        repainted, so the selection, the expanded groups and the keyboard cursor stay where
        they were."""
        self._recount = _Recount.NOT_NEEDED
        self._load(source)

    def _load(self, source: ArchiveSource) -> None:
        self._source = source
        self._all_groups = source.groups()
        self._newest = source.newest()
        self._rebuild()

    def set_meetings(self, meetings: Sequence[MeetingSummary]) -> None:
        """Show ``meetings`` (newest first, as listed), held in memory."""
        self.set_source(ListedMeetings(meetings))

    def update_meeting(self, summary: MeetingSummary) -> bool:
        """One meeting's row after an edit of it was saved: repainted in place, or (its date,
        board or status changed, or it was never read) the counts and the years read so far
        are read again. Cheaper than listing every meeting after each autosave, which froze
        the typing on a large archive. True when the meeting, read before, is now listed
        under another board or year (the view follows it there)."""
        old = self._by_id.get(summary.id)
        if old == summary:
            return False
        if self._newest is not None and self._newest.id == summary.id:
            self._newest = summary
        if old is None or (old.date, old.board_name, old.status) != (
            summary.date,
            summary.board_name,
            summary.status,
        ):
            self.set_source(self._source)
            return old is not None and listed_under(old) != listed_under(summary)
        self._by_id[summary.id] = summary
        found = self._where.get(summary.id)
        if found is None:
            return False
        year, row = found
        assert year.meetings is not None  # it is read: its rows are in _where
        year.meetings[row] = summary
        index = self.createIndex(row, 0, year.key)
        self.dataChanged.emit(index, index.siblingAtColumn(len(Column) - 1))
        return False

    def set_filter(self, archive_filter: ArchiveFilter) -> None:
        """Show the meetings ``archive_filter`` lets through; the counts are read again with
        the rows (a meeting added elsewhere meanwhile is counted as it is listed)."""
        if archive_filter != self._filter:
            self._filter = archive_filter
            self._recount = _Recount.NOT_NEEDED
            self._read_counts()  # failing, the rows read next fail alike and are logged there
            self._rebuild()

    @property
    def filter(self) -> ArchiveFilter:
        return self._filter

    def set_open_meeting(self, meeting_id: int | None) -> None:
        """Mark the meeting the window shows (bold), unmarking the previous one."""
        previous, self._open_id = self._open_id, meeting_id
        for changed in {previous, meeting_id} - {None}:
            found = self._where.get(changed) if changed is not None else None
            if found is not None:  # a meeting not read yet is painted bold when it is
                index = self.createIndex(found[1], 0, found[0].key)
                self.dataChanged.emit(index, index.siblingAtColumn(len(Column) - 1))

    def summary_at(self, index: Index) -> MeetingSummary | None:
        """The meeting on a meeting row (None on a board or year row)."""
        if not index.isValid() or index.internalId() == 0:
            return None
        group = self._groups[index.internalId() - 1]
        meetings = group.meetings if isinstance(group, YearRow) else None
        if meetings is not None and 0 <= index.row() < len(meetings):
            return meetings[index.row()]
        return None

    @property
    def open_meeting_id(self) -> int | None:
        return self._open_id

    def summary_of(self, meeting_id: int | None) -> MeetingSummary | None:
        """Any meeting, shown or filtered out (read if it was not yet)."""
        if meeting_id is None:
            return None
        return self._by_id.get(meeting_id) or self._source.summary(meeting_id)

    def index_of(self, meeting_id: int | None, column: int = Column.DATE) -> QModelIndex:
        """The row of a meeting, its year read if need be (invalid if the filters leave it
        out)."""
        found = self._where.get(meeting_id) if meeting_id is not None else None
        if found is None:
            summary = self.summary_of(meeting_id)
            if summary is None or not self._filter.accepts(summary):
                return QModelIndex()
            year = self._year_of(summary.board_name, summary.date.year)
            if year is None:
                return QModelIndex()
            self._meetings_of(year)
            found = self._where.get(summary.id)
        if found is None:
            return QModelIndex()
        year, row = found
        return self.createIndex(row, column, year.key)

    def group_key(self, index: Index) -> GroupKey | None:
        """The identity of a board or year row (None on a meeting row)."""
        group = self._group_of(index) if index.isValid() else None
        if isinstance(group, BoardRow):
            return (group.name,)
        if isinstance(group, YearRow):
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
        seen = {group.board_name: group.board_abbreviation for group in self._all_groups}
        return sorted(seen.items(), key=lambda pair: board_label(*pair).casefold())

    def years(self) -> list[int]:
        """Every year with a meeting, newest first."""
        return sorted({group.year for group in self._all_groups}, reverse=True)

    def meeting_count(self) -> int:
        """All meetings, whatever the filters."""
        return sum(group.count for group in self._all_groups)

    def shown_count(self) -> int:
        """The meetings the filters let through."""
        return self._shown

    def neighbour_of(self, meeting_id: int) -> MeetingSummary | None:
        """The meeting shown after it in its board (else before it): where the cursor goes
        when it is deleted. None if it is alone in its board, or not shown. Reads no more
        than the years on either side."""
        if not self.index_of(meeting_id).isValid():
            return None
        year, row = self._where[meeting_id]
        meetings = self._meetings_of(year)
        years = year.board.years
        at = years.index(year)
        if row + 1 < len(meetings):
            return meetings[row + 1]
        for later in years[at + 1 :]:
            if rows := self._meetings_of(later):
                return rows[0]
        if row > 0:
            return meetings[row - 1]
        for earlier in reversed(years[:at]):
            if rows := self._meetings_of(earlier):
                return rows[-1]
        return None

    def newest(self) -> MeetingSummary | None:
        """The newest meeting of all, filtered or not."""
        return self._newest

    def newest_on(self, day: int, month: int, year: int | None) -> MeetingSummary | None:
        """The newest meeting the filters let through held on ``day``/``month`` (of ``year``
        if given), wherever it is: asked of the source, since its year may not be read."""
        wanted = self._filter
        if year is not None and wanted.year not in (None, year):
            return None
        return self._source.newest_on(
            day, month, board=wanted.board, year=year or wanted.year, status=wanted.status
        )

    # --- building the tree -----------------------------------------------------------------

    def _rebuild(self) -> None:
        groups = group_rows(self._all_groups, self._filter)
        boards = [group for group in groups if isinstance(group, BoardRow)]
        if shape(boards) == shape(self._boards) and self._reread_in_place():
            return
        self.beginResetModel()
        self._boards = boards
        self._groups = groups
        self._where = {}
        self._by_id = {}
        self._shown = sum(board.count for board in self._boards)
        self.endResetModel()

    def _reread_in_place(self) -> bool:
        """Same groups with the same counts: read the years read before again and, if each
        has the same meetings in the same places, swap in the new values and repaint what
        changed. False (nothing touched) if a year's rows moved."""
        fresh = {
            year.key: self._read(year)
            for board in self._boards
            for year in board.years
            if year.meetings is not None
        }
        for board in self._boards:
            for year in board.years:
                if year.meetings is not None:
                    old_ids = [each.id for each in year.meetings]
                    if old_ids != [each.id for each in fresh[year.key]]:
                        return False
        for board in self._boards:
            for year in board.years:
                if year.meetings is None:
                    continue
                new = fresh[year.key]
                pairs = enumerate(zip(year.meetings, new, strict=True))
                changed = [row for row, (old, now) in pairs if old != now]
                was_shared = year.shared
                year.hold(new)
                if year.shared != was_shared:  # a day gained or lost a meeting: titles change
                    changed = list(range(len(new)))
                self._by_id.update((each.id, each) for each in new)
                if changed:
                    parent = self.createIndex(year.row, 0, board.key)
                    self.dataChanged.emit(
                        self.index(min(changed), 0, parent),
                        self.index(max(changed), len(Column) - 1, parent),
                    )
        return True

    def _read(self, year: YearRow) -> list[MeetingSummary]:
        meetings = self._source.meetings_of(year.board.name, year.year, self._filter.status)
        return meetings if self._filter.newest_first else meetings[::-1]

    def _meetings_of(self, year: YearRow) -> list[MeetingSummary]:
        """A year's meetings, read the first time they are asked for. The rows count as
        there from the start (the year's count said so), so no rows are announced."""
        if year.meetings is None:
            year.hold(self._read(year))
            assert year.meetings is not None  # just held
            for row, summary in enumerate(year.meetings):
                self._where[summary.id] = (year, row)
                self._by_id[summary.id] = summary
            if len(year.meetings) != year.count:
                self._counts_stale()
        return year.meetings

    def _counts_stale(self) -> None:
        """A year read has more or fewer rows than its count (the archive changed since the
        counts were read): read both again, but not now (the view may be laying out the
        rows) and only once per reading of the archive, so counts that stay wrong cannot
        make the tree read itself over and over."""
        if self._recount is not _Recount.NOT_NEEDED:
            return
        self._recount = _Recount.PENDING
        QTimer.singleShot(0, self, self._read_again)

    def _read_again(self) -> None:
        """On a timer, where an error would reach the user as an unexpected problem: a
        failing disk leaves the tree as it was."""
        self._recount = _Recount.DONE
        if self._read_counts():
            self._rebuild()
            self.counts_read_again.emit()

    def _read_counts(self) -> bool:
        """Read the counts and the newest meeting again, where no dialog can be shown: a
        failure is logged and False returned, the ones read before kept."""
        try:
            groups, newest = self._source.groups(), self._source.newest()
        except StorageError:
            log.exception("reading the archive's counts failed")
            return False
        self._all_groups, self._newest = groups, newest
        return True

    def _year_of(self, board_name: str, number: int) -> YearRow | None:
        for board in self._boards:
            if board.name == board_name:
                return next((year for year in board.years if year.year == number), None)
        return None

    def _group_of(self, index: Index) -> BoardRow | YearRow | None:
        """The group row ``index`` is (not the one it sits under)."""
        key = index.internalId()
        if key == 0:
            return self._boards[index.row()] if 0 <= index.row() < len(self._boards) else None
        parent = self._groups[key - 1]
        if isinstance(parent, BoardRow) and 0 <= index.row() < len(parent.years):
            return parent.years[index.row()]
        return None

    # --- what each row says ----------------------------------------------------------------

    def _meeting_data(
        self, summary: MeetingSummary, shared: frozenset[SameDay], column: Column, role: int
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell_text(summary, shared, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return meeting_tooltip(summary)
        if role == Qt.ItemDataRole.FontRole and summary.id == self._open_id:
            font = QFont()
            font.setBold(True)
            return font
        if role == MEETING_ID_ROLE:
            return summary.id
        return None

    def _group_data(self, group: BoardRow | YearRow, column: int, role: int) -> Any:
        if isinstance(group, BoardRow):
            count = group.count
            text = board_label(group.name, group.abbreviation)
            about = f"{group.name}: {meetings_count(count)}"
        else:
            count = group.count
            text = str(group.year)
            about = f"{group.board.name}, {group.year}: {meetings_count(count)}"
        if role == Qt.ItemDataRole.DisplayRole and column == 0:
            return f"{text} ({count:,})"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return about
        if role == Qt.ItemDataRole.FontRole and isinstance(group, BoardRow):
            font = QFont()
            font.setBold(True)
            return font
        return None


def _cell_text(summary: MeetingSummary, shared: frozenset[SameDay], column: Column) -> str:
    match column:
        case Column.DATE:
            return display_date(summary)
        case Column.TITLE:
            return listed_title(summary, shared)
        case Column.STATUS:
            return summary.status.label


def listed_under(summary: MeetingSummary) -> tuple[str, int]:
    """The board and year a meeting is listed under."""
    return summary.board_name, summary.date.year
