"""The editor of a table's text cell (an attendee's person or role) that tells each key, so
that the edit session keeps the text typed before the cell is left (see
:meth:`ui.editor.session.EditSession.cell_typed`): a kill then does not take it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

Index = QModelIndex | QPersistentModelIndex


class TypedCellDelegate(QStyledItemDelegate):
    """A plain text cell editor whose keys are told with the row's ID and the column."""

    cell_typed = Signal(int, int, str)
    """A key in the cell's open editor: the row's ID, the column, the text."""

    def __init__(self, row_id: Callable[[int], int | None], parent: QObject | None = None) -> None:
        """``row_id``: the ID of the row shown at a table row (None: none)."""
        super().__init__(parent)
        self._row_id = row_id

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = super().createEditor(parent, option, index)
        row_id = self._row_id(index.row())
        if isinstance(editor, QLineEdit) and row_id is not None:
            column = index.column()
            editor.textEdited.connect(lambda text: self.cell_typed.emit(row_id, column, text))
        return editor


def commit_open_cell(table: QAbstractItemView) -> None:
    """Hand in the text of the cell being typed in, as leaving it would (before a save of the
    meeting, a command, or a close): the cell's editor stays open."""
    if table.state() != QAbstractItemView.State.EditingState:
        return
    index = table.currentIndex()
    editor = table.indexWidget(index)
    if editor is not None:
        table.itemDelegateForIndex(index).commitData.emit(editor)
