"""Tab and Enter in a cell editor do the same whether its completion list is open or not.

A ``QCompleter``'s pop-up takes Tab and Enter for itself: Enter only closed the list (a
second Enter saved) and Tab left the table. Here, with the list open, Tab and Enter take the
highlighted completion (if any), close the list, and then go on to the editor as if the list
had never been open: the item delegate saves the cell, and Tab moves to the next one.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QCompleter, QLineEdit

_PASSED_ON = frozenset({Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Return, Qt.Key.Key_Enter})


class CompletionKeys(QObject):
    """Watches a completer's pop-up for Tab, Shift+Tab and Enter (see the module)."""

    def __init__(self, completer: QCompleter, line: QLineEdit) -> None:
        super().__init__(line)
        self._completer = completer
        self._line = line
        popup = completer.popup()
        assert popup is not None  # a completer makes its list view when first asked
        popup.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        if event.key() not in _PASSED_ON:
            return False
        popup = self._completer.popup()
        assert popup is not None  # the list this filter watches
        current = popup.currentIndex()
        if current.isValid():
            self._line.setText(self._completer.pathFromIndex(current))
        popup.hide()
        again = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text())
        QApplication.sendEvent(self._line, again)
        return True


def complete_with_cell_keys(line: QLineEdit, completer: QCompleter) -> None:
    """Give ``line`` the ``completer``, with Tab and Enter passed on to the cell editor."""
    line.setCompleter(completer)
    CompletionKeys(completer, line)
