"""The attendee table of the open meeting: organisation, status, and (internal only) person.

The model holds snapshots from ``models.attendance`` and never writes: an edited cell is
reported through ``cell_edited`` and the panel saves it through the services, then puts the
saved row back with :meth:`AttendeesTableModel.replace_row`. So what the table shows is
always what the database holds.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from models.enums import AttendanceStatus
from ui.common.item_models import RowsTableModel, holds_row

if TYPE_CHECKING:
    from models.attendance import AttendeeRow

Index = QModelIndex | QPersistentModelIndex

ATTENDEE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
INTERNAL = "(internal only)"
STATUS_KEYS = {
    AttendanceStatus.PRESENT: "P",
    AttendanceStatus.APOLOGIES: "A",
    AttendanceStatus.ABSENT: "X",
}


class AttendeeColumn(IntEnum):
    ORGANISATION = 0
    STATUS = 1
    NAME = 2
    ROLE = 3


_HEADERS = {
    AttendeeColumn.ORGANISATION: "Organisation",
    AttendeeColumn.STATUS: "Status",
    AttendeeColumn.NAME: f"Person {INTERNAL}",
    AttendeeColumn.ROLE: f"Role {INTERNAL}",
}
_HEADER_TIPS = {
    AttendeeColumn.ORGANISATION: "The note prints organisations, never people",
    AttendeeColumn.STATUS: "P present, A apologies, X absent (with the row selected)",
    AttendeeColumn.NAME: "For your own records: the public note never prints it",
    AttendeeColumn.ROLE: "For your own records: the public note never prints it",
}
FIELD_OF_COLUMN = {
    AttendeeColumn.STATUS: "status",
    AttendeeColumn.NAME: "name",
    AttendeeColumn.ROLE: "role",
}
_NOT_PRESENT = QColor("#555555")


class AttendeesTableModel(RowsTableModel):
    """Rows of :class:`AttendeeRow`; status, person and role cells are editable."""

    columns = AttendeeColumn

    cell_edited = Signal(int, str, object)
    """(attendee ID, field: "status" | "name" | "role", new value) typed in a cell."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AttendeeRow] = []
        self._italic = QFont()
        self._italic.setItalic(True)

    # --- Qt's interface ------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not holds_row(index, len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = AttendeeColumn(index.column())
        readers: dict[int, Callable[[], object]] = {
            ATTENDEE_ID_ROLE: lambda: row.id,
            Qt.ItemDataRole.DisplayRole: lambda: self._display(row, column),
            Qt.ItemDataRole.EditRole: lambda: self._edit_value(row, column),
            Qt.ItemDataRole.ToolTipRole: lambda: self._tooltip(row, column),
        }
        reader = readers.get(role)
        if reader is not None:
            return reader()
        not_present = row.status is not AttendanceStatus.PRESENT
        if role == Qt.ItemDataRole.ForegroundRole and not_present:
            return QBrush(_NOT_PRESENT)
        if role == Qt.ItemDataRole.FontRole and not_present and column is AttendeeColumn.STATUS:
            return self._italic
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._rows):
                return str(section + 1)
            return None
        if not 0 <= section < len(AttendeeColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[AttendeeColumn(section)]
        if role == Qt.ItemDataRole.ToolTipRole:
            return _HEADER_TIPS[AttendeeColumn(section)]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not holds_row(index, len(self._rows)):
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        flags |= Qt.ItemFlag.ItemNeverHasChildren
        if index.column() in FIELD_OF_COLUMN:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Reports the edit; the cell changes when the panel has saved it (replace_row)."""
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        row = self._rows[index.row()]
        column = AttendeeColumn(index.column())
        if column is AttendeeColumn.STATUS:
            try:
                value = AttendanceStatus(value)
            except ValueError:
                return False
        else:
            value = (str(value) if value is not None else "").strip() or None
        if value == self._edit_value(row, column) or (value is None and not row_text(row, column)):
            return False
        self.cell_edited.emit(row.id, FIELD_OF_COLUMN[column], value)
        return True

    # --- for the panel ---------------------------------------------------------------------

    def rows(self) -> list[AttendeeRow]:
        return list(self._rows)

    def replace_row(self, updated: AttendeeRow) -> None:
        """Show a row as saved (after a cell edit or a status change)."""
        number = self.row_of(updated.id)
        if number is None:
            return
        self._rows[number] = updated
        self.dataChanged.emit(self.index(number, 0), self.index(number, len(AttendeeColumn) - 1))

    # --- cells -----------------------------------------------------------------------------

    @staticmethod
    def _display(row: AttendeeRow, column: AttendeeColumn) -> str:
        if column is AttendeeColumn.ORGANISATION:
            return row.organisation.display_name
        if column is AttendeeColumn.STATUS:
            return row.status.label
        return row_text(row, column)

    @staticmethod
    def _edit_value(row: AttendeeRow, column: AttendeeColumn) -> Any:
        if column is AttendeeColumn.STATUS:
            return row.status.value
        if column is AttendeeColumn.ORGANISATION:
            return row.organisation.display_name
        return row_text(row, column) or None

    @staticmethod
    def _tooltip(row: AttendeeRow, column: AttendeeColumn) -> str:
        if column is AttendeeColumn.STATUS:
            return "P present, A apologies, X absent; or F2 to choose"
        if column in (AttendeeColumn.NAME, AttendeeColumn.ROLE):
            return "F2 or double-click to type; the public note never prints it"
        return row.organisation.display_name


def row_text(row: AttendeeRow, column: AttendeeColumn) -> str:
    if column is AttendeeColumn.NAME:
        return row.name or ""
    if column is AttendeeColumn.ROLE:
        return row.role or ""
    return ""
