"""A check box that typing goes past, to the field it stands before."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QCheckBox, QWidget

_PLAIN = Qt.KeyboardModifier.NoModifier
_TYPING_MODIFIERS = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier


class TypeOnCheckBox(QCheckBox):
    """A check box that passes typing on: a character typed while it has the focus (not
    Space, which ticks it as everywhere) goes to the field after it, as if Tab had come
    first.

    A secretary types an item's title, presses Tab and types what was said; the focus was
    on *Confidential*, between the two. An ordinary check box dropped every letter, and
    each space ticked or cleared it: the words were lost and the item, as often as not, was
    left out of the public note. With ``ticks_first`` the box is ticked before the
    character goes on (*Next meeting*, whose date field opens when it is ticked: typing a
    date on the box means that date).
    """

    def __init__(self, text: str, parent: QWidget | None = None, *, ticks_first: bool = False):
        super().__init__(text, parent)
        self._ticks_first = ticks_first

    def keyPressEvent(self, event: QKeyEvent) -> None:
        typed = event.text()
        if (
            not typed
            or not typed.isprintable()
            or typed.isspace()
            or event.modifiers() & ~_TYPING_MODIFIERS != _PLAIN
        ):
            super().keyPressEvent(event)
            return
        if self._ticks_first and not self.isChecked():
            self.click()  # the box's own handlers may move the focus to its field
        if QApplication.focusWidget() is self:
            self.focusNextChild()
        field = QApplication.focusWidget()
        if field is None or field is self:  # nowhere to go: as an ordinary box
            super().keyPressEvent(event)
            return
        again = QKeyEvent(
            QEvent.Type.KeyPress,
            event.key(),
            event.modifiers(),
            typed,
            event.isAutoRepeat(),
            event.count(),
        )
        QApplication.sendEvent(field, again)
