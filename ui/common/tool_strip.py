"""A toolbar that wraps onto a second row instead of hiding its last buttons.

``QToolBar`` outside a main window's toolbar area keeps to one row: what does not fit goes
behind an overflow button ("»"), where a minute-taker does not look for it. With the preview
open at 1280x800 the notes toolbar lost its last four commands that way (Marker among them).
A :class:`ToolStrip` lays its buttons out like words in a paragraph (:class:`FlowLayout`):
each keeps its whole label, and the strip grows a row when the width runs out.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QToolButton, QWidget


class FlowLayout(QLayout):
    """Items left to right, wrapping to a new row when the next one does not fit; an item
    that starts a group has a wider gap before it, except at the start of a row."""

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 2, group_gap: int = 10):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._group_starts: set[QLayoutItem] = set()
        self._spacing = spacing
        self._group_gap = group_gap
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def add_widget(self, widget: QWidget, *, new_group: bool = False) -> None:
        self.addWidget(widget)
        if new_group:
            self._group_starts.add(self._items[-1])

    # --- QLayout -----------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        item = self._items.pop(index)
        self._group_starts.discard(item)
        return item

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def sizeHint(self) -> QSize:
        """Everything on one row."""
        width = sum(item.sizeHint().width() for item in self._items)
        width += sum(self._gap_before(item) for item in self._items[1:])
        height = max((item.sizeHint().height() for item in self._items), default=0)
        margins = self.contentsMargins()
        return QSize(width, height) + QSize(
            margins.left() + margins.right(), margins.top() + margins.bottom()
        )

    def minimumSize(self) -> QSize:
        """The widest item: the rest wraps."""
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    # --- the arrangement ---------------------------------------------------------------------

    def _gap_before(self, item: QLayoutItem) -> int:
        return self._group_gap if item in self._group_starts else self._spacing

    def _arrange(self, rect: QRect, *, place: bool) -> int:
        """Lay the items out in ``rect`` (or only measure): the height they take."""
        inner = rect.marginsRemoved(self.contentsMargins())
        x, y, row_height = inner.x(), inner.y(), 0
        for item in self._items:
            if item.isEmpty():  # a hidden widget takes no room
                continue
            size = item.sizeHint()
            if x > inner.x():
                gap = self._gap_before(item)
                if x + gap + size.width() > inner.right() + 1 and row_height > 0:
                    x, y = inner.x(), y + row_height + self._spacing
                    row_height = 0
                else:
                    x += gap
            if place:
                item.setGeometry(QRect(QPoint(x, y), size))
            x += size.width()
            row_height = max(row_height, size.height())
        margins = self.contentsMargins()
        return y + row_height - rect.y() + margins.bottom()


class ToolStrip(QWidget):
    """A row of tool buttons, one per action, that wraps (see the module)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(title)
        self._layout = FlowLayout(self)
        self._buttons: dict[QAction, QToolButton] = {}
        self._new_group = False
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def add_action(self, action: QAction) -> QToolButton:
        """A button for ``action`` (its icon text shown, its tooltip and state followed)."""
        button = QToolButton(self)
        button.setDefaultAction(action)
        button.setAutoRaise(True)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys are the shortcuts
        self._layout.add_widget(button, new_group=self._new_group)
        self._new_group = False
        self._buttons[action] = button
        return button

    def add_separator(self) -> None:
        """The next button starts a group (a wider gap before it)."""
        self._new_group = bool(self._buttons)

    def button_for(self, action: QAction) -> QToolButton | None:
        return self._buttons.get(action)

    def tool_actions(self) -> list[QAction]:
        """The actions, in the order of their buttons."""
        return list(self._buttons)
