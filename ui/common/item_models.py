"""Shared bits of the Qt item models."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex
from PySide6.QtWidgets import QHeaderView

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
