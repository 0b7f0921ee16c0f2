"""A table edited cell by cell from the keyboard, as a secretary types a row across.

Used wherever a table's cells are typed into (the actions of a meeting, the organisations'
names and abbreviations), so Enter then Tab means the same everywhere.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QTableView, QWidget


class CellByCellTable(QTableView):
    """A table whose Tab leaves it, except right after Enter saved a cell: then Tab goes on
    to the next cell and edits it, as Tab from the cell's editor does.

    A secretary types an owner, takes the completion with Enter (which saves the cell and
    closes its editor) and presses Tab for the due date: Tab, meant for the next cell, went
    to the Add button. Any other key or a click ends that, and Tab leaves the table again,
    so the keyboard can still get out of it."""

    def __init__(self) -> None:
        super().__init__()
        self._entered = False  # Enter has just saved a cell, nothing happened since

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        self._entered = hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache

    def focusNextPrevChild(self, forward: bool) -> bool:
        if not self._entered or not self.currentIndex().isValid():
            return super().focusNextPrevChild(forward)
        self._entered = False
        action = QAbstractItemView.CursorAction
        index = self.moveCursor(
            action.MoveNext if forward else action.MovePrevious, Qt.KeyboardModifier.NoModifier
        )
        if index.isValid():
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            self.selectionModel().setCurrentIndex(index, flags)
            if index.flags() & Qt.ItemFlag.ItemIsEditable:
                self.edit(index)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self._entered = False
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._entered = False
        super().mousePressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        # A completion list or another window taking the focus for a moment is not the
        # user moving on; anything else is.
        passing = (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason)
        if event.reason() not in passing:
            self._entered = False
        super().focusOutEvent(event)
