"""Shared bits of the Qt item models."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
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
