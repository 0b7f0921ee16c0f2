"""The two tables of the actions tab, built and sized: this meeting's actions (edited in
their cells) and the earlier meetings' open actions (read-only, reviewed with one key).

Kept apart from :mod:`ui.editor.actions_panel`, which lays them out and drives them: how a
table looks and how its columns share the width does not depend on what the panel does
with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QTableView, QWidget

from models.action_sentence import OVERDUE_SUFFIX
from models.enums import ActionStatus
from ui.common.column_fit import ColumnFitter
from ui.common.item_models import size_columns_from_first_rows
from ui.editor.actions_model import (
    NEXT_MEETING_TEXT,
    ActionColumn,
    ActionsTableModel,
    PreviousActionsModel,
    PreviousColumn,
)

if TYPE_CHECKING:
    from ui.editor.actions_delegate import ActionDelegate

# Texts the short columns can hold, so they are as wide before a row shows one as after:
# a date (digits are of one width in the interface fonts), the due "Next meeting", a status;
# in the review, a date marked overdue (it never says "Next meeting" there).
DATE_SAMPLE = "00/00/0000"
DUE_SAMPLES = (DATE_SAMPLE, NEXT_MEETING_TEXT)
PREVIOUS_DUE_SAMPLES = (DATE_SAMPLE + OVERDUE_SUFFIX,)
STATUS_SAMPLES = tuple(status.label for status in ActionStatus)


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


def actions_table(model: ActionsTableModel, delegate: ActionDelegate) -> QTableView:
    """This meeting's actions: typing in a cell edits it, Tab leaves the table (after Enter
    saved a cell, Tab goes on to the next: :class:`CellByCellTable`)."""
    view = _table(model, CellByCellTable())
    view.setItemDelegate(delegate)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
        | QAbstractItemView.EditTrigger.SelectedClicked
    )
    ColumnFitter(
        view,
        stretch=ActionColumn.DESCRIPTION,
        whole=[ActionColumn.NUMBER, ActionColumn.DUE, ActionColumn.STATUS],
        shares={ActionColumn.OWNERS: 140, ActionColumn.ITEM: 180},
        samples={ActionColumn.DUE: DUE_SAMPLES, ActionColumn.STATUS: STATUS_SAMPLES},
    )
    view.setToolTip("Type or F2 to edit a cell; Tab moves on to the next cell")
    return view


def previous_actions_table(model: PreviousActionsModel) -> QTableView:
    """The earlier meetings' open actions: nothing is typed into them, only chosen."""
    view = _table(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    size_columns_from_first_rows(view.horizontalHeader())
    ColumnFitter(
        view,
        stretch=PreviousColumn.DESCRIPTION,
        whole=[PreviousColumn.MEETING, PreviousColumn.DUE],
        shares={PreviousColumn.OWNERS: 140},
        samples={PreviousColumn.MEETING: [DATE_SAMPLE], PreviousColumn.DUE: PREVIOUS_DUE_SAMPLES},
    )
    return view


def _table(model: QAbstractItemModel, view: QTableView | None = None) -> QTableView:
    view = QTableView() if view is None else view
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move between cells
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setHighlightSections(False)
    return view
