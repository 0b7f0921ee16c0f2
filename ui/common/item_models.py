"""Shared bits of the Qt item models."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Signal,
)
from PySide6.QtWidgets import QHeaderView

from models.capped_count import CappedCount

# Rows a view looks at to size a column to its contents. Qt's default, 1,000 rows asked for
# every role, spent over two seconds of start-up on a 10,000-meeting archive; dates, codes
# and owners are all alike, so the first rows tell.
RESIZE_PRECISION_ROWS = 50


def size_columns_from_first_rows(header: QHeaderView) -> None:
    header.setResizeContentsPrecision(RESIZE_PRECISION_ROWS)


def holds_row(index: QModelIndex | QPersistentModelIndex, row_count: int) -> bool:
    """Whether ``index`` points at one of the model's rows.

    A plain bounds check in place of ``checkIndex()``, which costs more than the rest of a
    ``data()`` call together; views call ``data()`` for every visible cell and role, so on a
    10,000-meeting list it was most of the window's start-up. The models' own validity is
    proved by ``qtmodeltester`` in the tests.
    """
    return index.isValid() and 0 <= index.row() < row_count


Index = QModelIndex | QPersistentModelIndex


class RowsTableModel(QAbstractTableModel):
    """A table over a list of frozen domain rows (each with an ``id``), one row per line.

    The row bookkeeping every such model needs (counts, replacing the rows, finding a row by
    position or by ID) lives here once; a subclass names its ``columns`` enum and says what
    each cell shows (``data``, ``headerData``, and ``flags``/``setData`` if editable).
    """

    columns: type[IntEnum]

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.columns)

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show ``rows`` instead of the current ones (views keep no stale index)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any | None:
        """The domain row shown on line ``row``, or None past the end."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, row_id: int | None) -> int | None:
        """The line showing the domain row with this ID, or None."""
        for number, entry in enumerate(self._rows):
            if entry.id == row_id:
                return number
        return None


FetchRows = Callable[[int, int | None], Sequence[Any]]
"""Reads rows from an offset: at most ``limit`` of them (None: all the rest)."""


def page_of(rows: Sequence[Any], offset: int, limit: int | None) -> list[Any]:
    """What a :data:`FetchRows` over rows already in memory returns."""
    return list(rows[offset:] if limit is None else rows[offset : offset + limit])


class PagedRowsTableModel(RowsTableModel):
    """Rows read a page at a time as the view scrolls (Qt's ``canFetchMore``/``fetchMore``),
    for lists that grow with the archive: showing them costs the same at any size. The
    count comes from a query, so the labels tell the whole without reading it.

    The count may be capped (:mod:`models.capped_count`): "more than 500" is all that is
    known, so the rows are fetched on as the view scrolls until a page comes back short,
    and then the exact number is known: :attr:`total_counted` says so, for a label to
    show it. An exact count stops the fetching at that many rows, as before."""

    page_rows = 100

    total_counted = Signal()
    """The rows were read to their end after a capped count: :meth:`total` is exact now."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._count = CappedCount(0)
        self._fetch: FetchRows = lambda _offset, _limit: []

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 (Qt's signature)
        return not parent.isValid() and (self._count.more or len(self._rows) < self._count.value)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008 (Qt's signature)
        if not self.canFetchMore(parent):
            return
        page = list(self._fetch(len(self._rows), self.page_rows))
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
        if len(page) < self.page_rows:  # the end: fewer than counted (the list shrank, or
            self._ended()  # a failure), or the end of a capped count

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show ``rows``, all of them known already."""
        given = list(rows)
        self.set_pages(lambda offset, limit: page_of(given, offset, limit), CappedCount(len(given)))

    def set_pages(self, fetch: FetchRows, count: CappedCount, *, keep_read: bool = False) -> None:
        """Show the ``count`` rows ``fetch`` reads, the first page now. ``keep_read``: read
        as many as were read before (a reload keeps the reader's place further down)."""
        wanted = max(self.page_rows, len(self._rows) if keep_read else 0)
        self.beginResetModel()
        self._fetch = fetch
        self._count = count
        ended = self._read_first(wanted)
        self.endResetModel()
        if ended:
            self._ended()

    def reread(self) -> None:
        """Read the first page again from the same source (a new order, say), in place:
        the persistent indexes of rows still read follow them, the others are dropped."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        kept = [(index, self._rows[index.row()].id) for index in persistent if index.isValid()]
        ended = self._read_first(self.page_rows)
        rows = {row.id: number for number, row in enumerate(self._rows)}
        self.changePersistentIndexList(
            [index for index, _id in kept],
            [
                self.index(rows[id_], index.column()) if id_ in rows else QModelIndex()
                for index, id_ in kept
            ],
        )
        self.layoutChanged.emit()
        if ended:
            self._ended()

    def total(self) -> CappedCount:
        """How many rows there are, read or not: exact, or more than a cap."""
        return self._count

    def all_rows(self) -> list[Any]:
        """Every row, in order (read now if the view has not scrolled to them all)."""
        if not self.canFetchMore():
            return list(self._rows)
        return list(self._fetch(0, None))

    def _read_first(self, wanted: int) -> bool:
        """Read the first ``wanted`` rows into the model; True if that was all of them."""
        anything = self._count.more or self._count.value > 0
        self._rows = list(self._fetch(0, wanted)) if anything else []
        return len(self._rows) < wanted and self.canFetchMore()

    def _ended(self) -> None:
        """The rows read are all there are: the count is exact from now on."""
        capped = self._count.more
        self._count = CappedCount(len(self._rows))
        if capped:
            self.total_counted.emit()
