"""The agenda half of the editor: the numbered list, its buttons, and the selected item.

Widgets only: :class:`ui.editor.meeting_editor.MeetingEditor` decides what an edit does. The item
fields sit to the right of the list, so the notes, where the secretary types most during a
meeting, get the largest box in the window.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QDropEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QListView,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.common.layout import (
    FieldMessage,
    container,
    hbox,
    heading,
    hint,
    plain_label,
    uncapped,
    vbox,
)
from ui.common.type_on_check_box import TypeOnCheckBox
from ui.editor.agenda_model import ITEM_MIME_TYPE, AgendaListModel
from ui.editor.notes_editor import NotesEditor

NOTES_LABEL = "&Notes:"
NO_ITEM_HINT = "No item selected. Add one with Ctrl+Shift+N, or choose one in the list."
LIST_TIP = "Alt+Up/Down or drag an item to reorder; Del deletes it; Ctrl+Z undoes"


def tool_button(action: QAction) -> QToolButton:
    """A button that mirrors an action (text, icon, enabled state and shortcut tooltip)."""
    button = QToolButton()
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    return button


class AgendaListView(QListView):
    """The numbered agenda; an item dragged to another place is reported (``item_dropped``)
    rather than moved by Qt, so the editor moves it through the services, undoably."""

    item_dropped = Signal(int, int)
    """(item ID, the row it should end up at, 0-based)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        model = self.model()
        if not mime.hasFormat(ITEM_MIME_TYPE) or not isinstance(model, AgendaListModel):
            event.ignore()
            return
        try:
            item_id = int(bytes(mime.data(ITEM_MIME_TYPE).data()).decode())
        except ValueError:
            event.ignore()
            return
        source = model.row_of(item_id)
        if source is None:
            event.ignore()
            return
        target = self.drop_row(event.position().toPoint())
        final = target - 1 if target > source else target
        # Not a Qt move: after a MoveAction Qt would remove the dragged row itself.
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        self.stopAutoScroll()
        self.setState(QAbstractItemView.State.NoState)
        self.viewport().update()
        if final != source:
            # After the drag has finished: the move rebuilds the list under the mouse.
            QTimer.singleShot(0, lambda: self.item_dropped.emit(item_id, final))

    def drop_row(self, position: QPoint) -> int:
        """The row a drop at ``position`` (viewport coordinates) inserts before."""
        index = self.indexAt(position)
        if not index.isValid():
            return self.model().rowCount()
        rect = self.visualRect(index)
        return index.row() + (1 if position.y() > rect.center().y() else 0)


class ProportionalSplitter(QSplitter):
    """A horizontal splitter that first shares its width out in ``shares`` (1:3: a narrow
    list, a wide notes box) unless a saved state was restored. Sizes set while it is hidden
    in a tab would be read against a width of nothing."""

    def __init__(self, shares: tuple[int, ...], parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._shares = shares
        self._sized = False

    def restoreState(self, state: QByteArray | bytes | bytearray | memoryview) -> bool:
        restored = super().restoreState(state)
        self._sized = self._sized or restored
        return restored

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._share_out()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._share_out()

    def _share_out(self) -> None:
        width = self.width()
        if self._sized or not self.isVisible() or width <= 0:
            return
        self._sized = True
        total = sum(self._shares)
        self.setSizes([width * share // total for share in self._shares])


class AgendaPanel(QWidget):
    item_dropped = Signal(int, int)
    """An item was dragged to another place: (item ID, its new row)."""

    def __init__(self, model: AgendaListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list_view = AgendaListView()
        self.list_view.setModel(model)
        self.list_view.item_dropped.connect(self.item_dropped)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setUniformItemSizes(True)
        self.list_view.setMinimumWidth(220)
        self.list_view.setToolTip(LIST_TIP)

        self.title_edit = uncapped(QLineEdit())
        self.title_edit.setPlaceholderText("e.g. Welcome & Apologies")
        self.confidential_check = TypeOnCheckBox("Confidential: &keep out of the Public Note")
        # The notes: a formatting toolbar over a rich-text box (``notes_edit``, where Tab
        # nests a list item and otherwise moves on to the next field).
        self.notes_editor = NotesEditor()
        self.notes_edit = self.notes_editor.text_edit
        self.no_item_hint = hint(NO_ITEM_HINT)

        self._item_fields = QWidget()
        fields = QVBoxLayout(self._item_fields)
        fields.setContentsMargins(0, 0, 0, 0)
        fields.addWidget(plain_label("&Item title:", self.title_edit))
        fields.addWidget(self.title_edit)
        self.title_message = FieldMessage()  # why the title is not saved (too long), in red
        fields.addWidget(self.title_message)
        fields.addWidget(self.confidential_check)
        fields.addSpacing(6)
        fields.addWidget(plain_label(NOTES_LABEL, self.notes_edit))
        fields.addWidget(self.notes_editor, 1)

        self._buttons = hbox()
        left = vbox(
            heading("A&genda", self.list_view),
            self.list_view,
            self._buttons,
        )
        right = vbox(self.no_item_hint, self._item_fields)
        splitter = ProportionalSplitter((1, 3))
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(container(left))
        splitter.addWidget(container(right))
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        self.splitter = splitter
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(splitter)

        QWidget.setTabOrder(self.list_view, self.title_edit)
        QWidget.setTabOrder(self.title_edit, self.confidential_check)
        QWidget.setTabOrder(self.confidential_check, self.notes_edit)
        self.show_item_fields(False)

    def add_buttons(self, actions: list[QAction]) -> None:
        """A button per action under the list (after it in the Tab order)."""
        previous: QWidget = self.list_view
        for action in actions:
            button = tool_button(action)
            self._buttons.addWidget(button)
            QWidget.setTabOrder(previous, button)
            previous = button
        self._buttons.addStretch(1)
        QWidget.setTabOrder(previous, self.title_edit)

    def show_item_fields(self, shown: bool) -> None:
        """Item fields when an item is selected; otherwise a hint on how to add one."""
        self._item_fields.setVisible(shown)
        self.no_item_hint.setVisible(not shown)
