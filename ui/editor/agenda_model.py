"""The numbered agenda of the open meeting, as the note will print it (``1. Title``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from ui.common.item_models import holds_row

if TYPE_CHECKING:
    from models.services import AgendaItemRow

Index = QModelIndex | QPersistentModelIndex

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
UNTITLED = "Untitled item"
ITEM_MIME_TYPE = "application/x-rrb-agenda-item"  # a dragged item: its ID


class AgendaListModel(QAbstractListModel):
    """Rows of :class:`AgendaItemRow`, kept in step with what the user types.

    The editor writes an item's title and notes into its row as they are typed (before the
    debounced save), so the list shows the new title at once and an item whose save failed
    still shows the user's text when they come back to it.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AgendaItemRow] = []
        self._untitled_font = QFont()
        self._untitled_font.setItalic(True)

    # --- Qt's interface ------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not holds_row(index, len(self._rows)):
            return None
        item = self._rows[index.row()]
        number = index.row() + 1
        title = item.title.strip()
        if role == Qt.ItemDataRole.DisplayRole:
            suffix = "  (confidential)" if item.confidential else ""
            return f"{number}. {title or UNTITLED}{suffix}"
        if role == Qt.ItemDataRole.ToolTipRole:
            if item.confidential:
                return f"Agenda item {number}: confidential, left out of the Public Note"
            return f"Agenda item {number}"
        if role == ITEM_ID_ROLE:
            return item.id
        return self._untitled_font if role == Qt.ItemDataRole.FontRole and not title else None

    # Drag and drop: an item can be dragged to another place in the list. The model only
    # says what is dragged (the item's ID); the list view turns the drop into a move
    # command, so the reorder is saved and undoable like Alt+Up/Down.

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # between items, not onto one
        return super().flags(index) | Qt.ItemFlag.ItemIsDragEnabled

    def mimeTypes(self) -> list[str]:
        return [ITEM_MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        mime = QMimeData()
        rows = sorted({index.row() for index in indexes if index.isValid()})
        if rows:
            mime.setData(ITEM_MIME_TYPE, QByteArray(str(self._rows[rows[0]].id).encode()))
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    # --- for the editor --------------------------------------------------------------------

    def set_items(self, items: Sequence[AgendaItemRow]) -> None:
        self.beginResetModel()
        self._rows = list(items)
        self.endResetModel()

    def item_at(self, row: int) -> AgendaItemRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def item_ids(self) -> list[int]:
        """The items shown, in order: what a change of the agenda list is compared with."""
        return [item.id for item in self._rows]

    def row_of(self, item_id: int | None) -> int | None:
        for row, item in enumerate(self._rows):
            if item.id == item_id:
                return row
        return None

    def edit_item(self, row: int, **changes: Any) -> AgendaItemRow:
        """Replace fields of the row's item (title, notes, confidential); returns the new row."""
        updated = dataclasses.replace(self._rows[row], **changes)
        self._rows[row] = updated
        index = self.index(row)
        self.dataChanged.emit(index, index)
        return updated
