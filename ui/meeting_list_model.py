"""The meeting list on the left of the window: one row per meeting, newest first."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from models.services import MeetingSummary
from ui.item_models import holds_row

Index = QModelIndex | QPersistentModelIndex

MEETING_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class Column(IntEnum):
    DATE = 0
    BOARD = 1
    TITLE = 2
    STATUS = 3


_HEADERS = {
    Column.DATE: "Date",
    Column.BOARD: "Board",
    Column.TITLE: "Title",
    Column.STATUS: "Status",
}


def display_date(summary: MeetingSummary) -> str:
    """The date as the forms show it (dd/mm/yyyy, the UK order the secretary types)."""
    return summary.date.strftime("%d/%m/%Y")


class MeetingListModel(QAbstractTableModel):
    """Read-only rows of :class:`MeetingSummary`; the meeting open in the editor is bold.

    The model holds snapshots from ``services.list_meetings`` and never touches the
    database: the window refreshes it after each save, so it cannot fall out of step with
    what the editor wrote.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[MeetingSummary] = []
        self._open_id: int | None = None

    # --- Qt's interface ------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(Column)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not holds_row(index, len(self._rows)):
            return None
        summary = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(summary, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                f"{summary.board_name}: {summary.title}, {summary.date:%A} {display_date(summary)}"
                f" ({summary.status.label.lower()})"
            )
        if role == Qt.ItemDataRole.FontRole and summary.id == self._open_id:
            font = QFont()
            font.setBold(True)
            return font
        if role == MEETING_ID_ROLE:
            return summary.id
        return None

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

    # --- for the window --------------------------------------------------------------------

    def set_meetings(self, meetings: Sequence[MeetingSummary]) -> None:
        """Show ``meetings``; if the same meetings are in the same order, only the changed
        cells are repainted, so the selection and the keyboard cursor stay where they were."""
        new_rows = list(meetings)
        if [row.id for row in new_rows] == [row.id for row in self._rows]:
            pairs = enumerate(zip(self._rows, new_rows, strict=True))
            changed = [row for row, (old, new) in pairs if old != new]
            self._rows = new_rows
            if changed:
                self.dataChanged.emit(
                    self.index(min(changed), 0), self.index(max(changed), len(Column) - 1)
                )
            return
        self.beginResetModel()
        self._rows = new_rows
        self.endResetModel()

    def set_open_meeting(self, meeting_id: int | None) -> None:
        """Mark the meeting the editor shows (bold), unmarking the previous one."""
        previous, self._open_id = self._open_id, meeting_id
        for changed in {previous, meeting_id} - {None}:
            row = self.row_of(changed)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def meeting_at(self, row: int) -> MeetingSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, meeting_id: int | None) -> int | None:
        for row, summary in enumerate(self._rows):
            if summary.id == meeting_id:
                return row
        return None

    @staticmethod
    def _text(summary: MeetingSummary, column: Column) -> str:
        match column:
            case Column.DATE:
                return display_date(summary)
            case Column.BOARD:
                return summary.board_abbreviation or summary.board_name
            case Column.TITLE:
                return summary.title
            case Column.STATUS:
                return summary.status.label
