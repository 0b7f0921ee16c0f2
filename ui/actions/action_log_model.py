"""The action log as a Qt table: every action across meetings, one row each.

The rows are :class:`models.action_log.ActionLogEntry` snapshots, read a page at a time as
the view scrolls (Qt's ``canFetchMore``/``fetchMore``) through a function the window gives,
so showing the log costs the same on any size of archive; the model itself never touches
the database. Sorting asks that function for the new order (the database sorts), not a
proxy model, so "what is shown" (the order included) is simply
:meth:`ActionLogModel.entries`, which is what an export writes. An overdue action says so in
words as well as in red, so the mark does not rest on colour alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from exporters.formatting import long_date
from models.action_log import ActionLogEntry, LogOrder, LogSort
from models.action_sentence import OVERDUE_SUFFIX
from models.capped_count import CappedCount
from models.enums import ActionStatus
from ui.common.item_models import PagedRowsTableModel, holds_row, page_of
from ui.common.layout import ERROR_COLOUR

Index = QModelIndex | QPersistentModelIndex

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's :class:`ActionLogEntry`."""

NO_ITEM = "—"


class LogColumn(IntEnum):
    RAISED = 0
    ITEM = 1
    ACTION = 2
    OWNERS = 3
    DUE = 4
    STATUS = 5


HEADERS = {
    LogColumn.RAISED: "Raised",
    LogColumn.ITEM: "Item",
    LogColumn.ACTION: "Action",
    LogColumn.OWNERS: "Owners",
    LogColumn.DUE: "Due",
    LogColumn.STATUS: "Status",
}
_HEADER_TIPS = {
    LogColumn.RAISED: "The meeting the action was agreed at: its date and board",
    LogColumn.ITEM: "The agenda item it was agreed under",
    LogColumn.ACTION: "As the note prints it: OWNERS to DESCRIPTION",
    LogColumn.OWNERS: "The organisations that own it",
    LogColumn.DUE: "When it is due; an open action due before today is overdue",
    LogColumn.STATUS: "Open, done, rolled over to a later meeting, or dropped",
}
_STATUS_ORDER = {status: rank for rank, status in enumerate(ActionStatus)}
_SORT_OF = {column: LogSort[column.name] for column in LogColumn}

PAGE_ROWS = PagedRowsTableModel.page_rows

FetchEntries = Callable[[LogOrder, int, int | None], Sequence[ActionLogEntry]]
"""Reads the log in an order from an offset: at most ``limit`` entries (None: all)."""


def raised_text(entry: ActionLogEntry) -> str:
    return f"{entry.meeting_date:%d/%m/%Y} {entry.board_abbreviation}"


def item_text(entry: ActionLogEntry) -> str:
    if entry.item_number is None:
        return NO_ITEM
    return f"{entry.item_number}. {entry.item_title or ''}".rstrip()


_CELL_TEXT: dict[LogColumn, Callable[[ActionLogEntry], str]] = {
    LogColumn.RAISED: raised_text,
    LogColumn.ITEM: item_text,
    LogColumn.ACTION: lambda entry: entry.sentence,
    LogColumn.OWNERS: lambda entry: "/".join(entry.owners),
    LogColumn.STATUS: lambda entry: entry.status.label,
}


_SORT_KEYS: dict[LogSort, Callable[[ActionLogEntry], Any]] = {
    LogSort.RAISED: lambda entry: (entry.meeting_date, entry.meeting_id),
    LogSort.ITEM: lambda entry: (entry.item_number or 0, (entry.item_title or "").casefold()),
    LogSort.ACTION: lambda entry: entry.sentence.casefold(),
    LogSort.OWNERS: lambda entry: "/".join(entry.owners).casefold(),
    LogSort.DUE: lambda entry: (entry.due is None, entry.due or dt.date.min),
    LogSort.STATUS: lambda entry: _STATUS_ORDER[entry.status],
}


def _sorted(entries: list[ActionLogEntry], order: LogOrder) -> list[ActionLogEntry]:
    """Entries given in the log's order, in ``order`` as the database would sort them
    (a stable sort, so ties keep the log's order)."""
    if order == LogOrder():
        return entries
    return sorted(entries, key=_SORT_KEYS[order.sort], reverse=order.descending)


class ActionLogModel(PagedRowsTableModel):
    """Read-only rows of :class:`ActionLogEntry`, sortable by any column."""

    columns = LogColumn

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ActionLogEntry] = []  # read so far, in the order shown
        self._today = dt.date.today()
        self._order = LogOrder()  # the log's own order: newest first

    # --- Qt's interface ------------------------------------------------------------------

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(LogColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[LogColumn(section)]
        if role == Qt.ItemDataRole.ToolTipRole:
            return _HEADER_TIPS[LogColumn(section)] + " (click to sort)"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not holds_row(index, len(self._rows)) or not 0 <= index.column() < len(LogColumn):
            return None
        entry = self._rows[index.row()]
        column = LogColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, column)
        if role == ENTRY_ROLE:
            return entry
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column == LogColumn.DUE
            and entry.is_overdue(self._today)
        ):
            return QBrush(QColor(ERROR_COLOUR))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not holds_row(index, len(self._rows)):
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column (a header click); ties keep the log's order, the order raised.
        The first page in the new order is read; a selected row still among it stays
        selected."""
        if not 0 <= column < len(LogColumn):
            return
        self._order = LogOrder(
            _SORT_OF[LogColumn(column)], descending=order == Qt.SortOrder.DescendingOrder
        )
        self.reread()

    # --- what the window asks --------------------------------------------------------------

    def set_query(self, fetch: FetchEntries, count: CappedCount, *, today: dt.date) -> None:
        """Show the ``count`` entries ``fetch`` reads (a capped count: on to the end, see
        :class:`PagedRowsTableModel`), a page at a time, in the order the user last asked;
        ``today`` decides which are overdue."""
        self._today = today
        self.set_pages(lambda offset, limit: fetch(self._order, offset, limit), count)

    def set_entries(self, entries: Sequence[ActionLogEntry], *, today: dt.date) -> None:
        """Show ``entries`` (in the log's order), sorted here as the user last asked."""
        given = list(entries)

        def fetch(order: LogOrder, offset: int, limit: int | None) -> list[ActionLogEntry]:
            return page_of(_sorted(given, order), offset, limit)

        self.set_query(fetch, CappedCount(len(given)), today=today)

    def entries(self) -> list[ActionLogEntry]:
        """Every entry, in the order shown: what an export writes."""
        return self.all_rows()

    @property
    def today(self) -> dt.date:
        return self._today

    def text(self, entry: ActionLogEntry, column: LogColumn) -> str:
        """A cell as shown (and as a test reads it)."""
        if column == LogColumn.DUE:
            if entry.due is None:
                return ""
            overdue = OVERDUE_SUFFIX if entry.is_overdue(self._today) else ""
            return f"{entry.due:%d/%m/%Y}{overdue}"
        return _CELL_TEXT[column](entry)

    # --- inside ----------------------------------------------------------------------------

    def _tooltip(self, entry: ActionLogEntry, column: LogColumn) -> str | None:
        if column == LogColumn.RAISED:
            return f"Raised at the meeting of {long_date(entry.meeting_date)}"
        if column in (LogColumn.ACTION, LogColumn.ITEM):
            return self.text(entry, column)
        if column == LogColumn.DUE and entry.is_overdue(self._today):
            return f"Overdue: due {long_date(entry.due)} and still open" if entry.due else None
        return None
