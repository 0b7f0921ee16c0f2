"""The two tables of the actions tab, built and sized: this meeting's actions (edited in
their cells) and the earlier meetings' open actions (read-only, reviewed with one key).

Kept apart from :mod:`ui.editor.actions_panel`, which lays them out and drives them: how a
table looks and how its columns share the width does not depend on what the panel does
with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QTableView

from models.action_sentence import OVERDUE_SUFFIX
from models.enums import ActionStatus
from ui.common.cell_by_cell_table import CellByCellTable
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
