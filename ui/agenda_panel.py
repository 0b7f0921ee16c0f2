"""The agenda half of the editor: the numbered list, its buttons, and the selected item.

Widgets only: :class:`ui.meeting_editor.MeetingEditor` decides what an edit does. The item
fields sit to the right of the list, so the notes, where the secretary types most during a
meeting, get the largest box in the window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.agenda_model import AgendaListModel
from ui.layout import container, hbox, heading, hint, plain_label, vbox

NOTES_LABEL = "&Notes (Markdown: **bold**, *italic*, - bullets, 1. numbers, ### sub-heading)"
NO_ITEM_HINT = "No item selected. Add one with Ctrl+Shift+N, or choose one in the list."


def tool_button(action: QAction) -> QToolButton:
    """A button that mirrors an action (text, icon, enabled state and shortcut tooltip)."""
    button = QToolButton()
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    return button


class AgendaPanel(QWidget):
    def __init__(self, model: AgendaListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list_view = QListView()
        self.list_view.setModel(model)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setUniformItemSizes(True)
        self.list_view.setMinimumWidth(220)

        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("e.g. Welcome & Apologies")
        self.confidential_check = QCheckBox("Confidential: &keep this item out of the Public Note")
        self.notes_edit = QPlainTextEdit()
        # Tab moves on to the next field (keyboard users must be able to leave the box);
        # nested bullets are indented with two spaces, which the note format expects anyway.
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setPlaceholderText(
            "What was said, by organisation (MOPAC highlighted ...), never by name.\n\n"
            "### Sub-heading\n- a bullet\n  - a second-level bullet\n1. a numbered point\n\n"
            "Actions:\n- LP to ..."
        )
        notes_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        notes_font.setStyleHint(QFont.StyleHint.SansSerif)
        self.notes_edit.setFont(notes_font)
        self.no_item_hint = hint(NO_ITEM_HINT)

        self._item_fields = QWidget()
        fields = QVBoxLayout(self._item_fields)
        fields.setContentsMargins(0, 0, 0, 0)
        fields.addWidget(plain_label("&Item title:", self.title_edit))
        fields.addWidget(self.title_edit)
        fields.addWidget(self.confidential_check)
        fields.addSpacing(6)
        fields.addWidget(plain_label(NOTES_LABEL, self.notes_edit))
        fields.addWidget(self.notes_edit, 1)

        self._buttons = hbox()
        left = vbox(
            heading("A&genda", self.list_view),
            self.list_view,
            self._buttons,
        )
        right = vbox(self.no_item_hint, self._item_fields)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(container(left))
        splitter.addWidget(container(right))
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([280, 720])
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
