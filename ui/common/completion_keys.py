"""Tab and Enter in a cell editor do the same whether its completion list is open or not.

A ``QCompleter``'s pop-up takes Tab and Enter for itself: Enter only closed the list (a
second Enter saved) and Tab left the table. Here, with the list open, Tab and Enter take the
highlighted completion, close the list, and then go on to the editor as if the list had
never been open: the item delegate saves the cell, and Tab moves to the next one.

The list opens with an entry highlighted, so that Tab and Enter have one to take: ``MP``
showed "MPS" alone, nothing highlighted, and Tab kept "MP" and refused it. The entry is the
one typed exactly, if the list has it (``LP`` keeps LP beside LPG), else the first.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractProxyModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QCompleter, QLineEdit

CELL_COMMIT_KEYS = frozenset(
    {Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Return, Qt.Key.Key_Enter}
)
"""The keys with which a table cell's editor hands its value to the table and moves on."""


class CompletionKeys(QObject):
    """Watches a completer's pop-up for Tab, Shift+Tab and Enter, and highlights its best
    entry each time the list is filtered again (see the module)."""

    def __init__(self, completer: QCompleter, line: QLineEdit) -> None:
        super().__init__(line)
        self._completer = completer
        self._line = line
        popup = completer.popup()
        assert popup is not None  # a completer makes its list view when first asked
        popup.installEventFilter(self)
        completions = completer.completionModel()
        completions.modelReset.connect(self._highlight_best)
        completions.layoutChanged.connect(self._highlight_best)

    def best(self) -> QModelIndex:
        """The entry typed exactly (the last part of what is typed), else the first."""
        completions = self._completer.completionModel()
        parts = self._completer.splitPath(self._completer.completionPrefix())
        typed = parts[-1].casefold() if parts else ""
        role = self._completer.completionRole()
        rows = [completions.index(row, 0) for row in range(completions.rowCount())]
        exact = [index for index in rows if str(index.data(role)).casefold() == typed]
        return (exact or rows or [QModelIndex()])[0]

    def _highlight_best(self) -> None:
        """Mark the best entry in the list without putting it in the text yet (the
        completer would write it into the line as a highlighted entry): Tab or Enter does."""
        popup = self._completer.popup()
        selection = popup.selectionModel() if popup is not None else None
        best = self.best()
        if selection is None or not best.isValid():
            return
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        blocked = selection.blockSignals(True)
        try:
            selection.setCurrentIndex(best, flags)
        finally:
            selection.blockSignals(blocked)
        if popup is not None:
            popup.viewport().update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        if event.key() not in CELL_COMMIT_KEYS:
            return False
        popup = self._completer.popup()
        assert popup is not None  # the list this filter watches
        current = popup.currentIndex()
        if current.isValid():
            # The list shows the filtered completions; pathFromIndex reads the completer's
            # own model, so the row is mapped back to it (else the first row of the whole
            # list was taken: "YO" gave MOPAC).
            completions = self._completer.completionModel()
            if isinstance(completions, QAbstractProxyModel):
                current = completions.mapToSource(current)
            self._line.setText(self._completer.pathFromIndex(current))
        popup.hide()
        again = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text())
        QApplication.sendEvent(self._line, again)
        return True


def complete_with_cell_keys(line: QLineEdit, completer: QCompleter) -> None:
    """Give ``line`` the ``completer``, with Tab and Enter passed on to the cell editor."""
    line.setCompleter(completer)
    # Down on the last entry (the only one, highlighted as the list opened) stays on it; by
    # default it went back to no entry, and Tab then kept the text as typed.
    completer.setWrapAround(False)
    CompletionKeys(completer, line)
