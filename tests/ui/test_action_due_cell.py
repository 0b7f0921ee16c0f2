"""The due cell of the actions table from the keyboard: Del on it clears the date (it never
deletes the action), Esc gives up a refused date (its message goes with it), and an action
rolled over (R) keeps its due date."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from models import actions, services
from models.database import Database
from models.enums import ActionStatus
from models.meeting_doc import MeetingDoc
from tests.ui.conftest import focused
from ui.editor.actions_delegate import DueEdit
from ui.editor.actions_model import ActionColumn, PreviousColumn
from ui.editor.actions_panel import ActionsPanel
from ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
MARCH = dt.date(2025, 3, 20)
JUNE = dt.date(2025, 6, 19)
SEPTEMBER = dt.date(2025, 9, 18)
REFUSED = "31/02/2024 does not exist: February 2024 has 29 days."


@dataclasses.dataclass(frozen=True)
class Opened:
    window: MainWindow
    panel: ActionsPanel
    meeting_id: int
    earlier_id: int


@pytest.fixture
def opened(
    qtbot: QtBot,
    database: Database,
    sample_meeting: MeetingDoc,
    open_window: Callable[[], MainWindow],
) -> Opened:
    """The sample meeting moved to March, and a June meeting after it (with an action
    "x." due 19 June, on the Actions tab, the cursor on its due cell)."""
    earlier = services.import_meeting(
        database, sample_meeting._replace(date=MARCH, next_meeting=JUNE)
    )
    later = services.create_meeting(database, date=JUNE)
    services.update_meeting(database, later, next_meeting=SEPTEMBER)
    services.add_agenda_item(database, later, "Welcome & Apologies")
    actions.add_action(database, later, description="x.", owners=("LP",), due=JUNE)
    window = open_window()
    assert window.editor.meeting_id == later
    panel = window.editor.actions_panel
    assert isinstance(panel, ActionsPanel)
    panel.bring_into_view()
    qtbot.waitUntil(panel.isVisible)
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(0, ActionColumn.DUE))
    return Opened(window, panel, later, earlier)


def _one_action(database: Database, meeting_id: int) -> actions.ActionRow:
    (row,) = actions.list_actions_of_meeting(database, meeting_id)
    return row


def _refuse_31_february(qtbot: QtBot, opened: Opened) -> None:
    """``31022024`` typed on the due cell and Tab: refused, in red, the reason under the
    table, and the cursor on to the status (its list open)."""
    qtbot.keyClicks(opened.panel.table, "3")  # the first key opens the editor
    due = focused()
    assert isinstance(due, QLineEdit)
    assert isinstance(due.parentWidget(), DueEdit)
    qtbot.keyClicks(due, "1022024")
    qtbot.keyClick(due, Qt.Key.Key_Tab)
    qtbot.waitUntil(opened.panel.problem_label.isVisible)
    assert opened.panel.problem_label.text() == REFUSED
    assert opened.window.windowTitle().endswith("not saved")


def _back_on_the_refused_date(qtbot: QtBot, opened: Opened) -> None:
    """A due date refused (:func:`_refuse_31_february`), Esc out of the status list and Left:
    the cursor on the red due cell."""
    _refuse_31_february(qtbot, opened)
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: focused() is opened.panel.table)
    qtbot.keyClick(opened.panel.table, Qt.Key.Key_Left)
    assert opened.panel.table.currentIndex().column() == ActionColumn.DUE


def test_del_on_the_due_cell_clears_the_date_and_keeps_the_action(
    qtbot: QtBot, opened: Opened, database: Database
) -> None:
    panel = opened.panel
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: _one_action(database, opened.meeting_id).due is None)
    assert panel.model.rowCount() == 1
    assert panel.table.currentIndex().column() == ActionColumn.DUE
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL)  # the date comes back
    qtbot.waitUntil(lambda: _one_action(database, opened.meeting_id).due == JUNE)


def test_del_on_another_cell_still_deletes_the_action(
    qtbot: QtBot, opened: Opened, database: Database
) -> None:
    panel = opened.panel
    panel.table.setCurrentIndex(panel.model.index(0, ActionColumn.ITEM))
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert actions.list_actions_of_meeting(database, opened.meeting_id) == []


def test_the_testers_keys_clear_a_refused_date_and_its_message(
    qtbot: QtBot, opened: Opened, database: Database
) -> None:
    """``31022024``, Tab (refused), Esc (out of the status list), Left (back on the due
    date), Del: the action stays, with no due date; nothing red is left, all saved."""
    panel = opened.panel
    _refuse_31_february(qtbot, opened)
    assert isinstance(focused(), QComboBox)  # the status cell's list, after Tab
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: focused() is panel.table)
    assert panel.problem_label.text() == REFUSED  # the due cell's value is still refused
    qtbot.keyClick(panel.table, Qt.Key.Key_Left)
    assert panel.table.currentIndex().column() == ActionColumn.DUE
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: _one_action(database, opened.meeting_id).due is None)
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, ActionColumn.DUE).data() != "31022024"
    assert not panel.problem_label.isVisible()
    assert opened.window.windowTitle().endswith("saved")
    assert not opened.window.windowTitle().endswith("not saved")


@pytest.mark.parametrize("in_editor", [False, True], ids=["on-the-cell", "in-its-editor"])
def test_esc_on_a_refused_date_gives_it_up(
    qtbot: QtBot, opened: Opened, database: Database, in_editor: bool
) -> None:
    """Esc on the red cell, or in its editor (F2 shows the text typed, to repair or give
    up): the saved date is shown again, the reason goes, the title says saved."""
    panel = opened.panel
    _back_on_the_refused_date(qtbot, opened)
    escaped: QWidget = panel.table
    if in_editor:
        qtbot.keyClick(panel.table, Qt.Key.Key_F2)
        escaped = focused()
        assert isinstance(escaped, QLineEdit)
        assert escaped.text() == "31022024"
    qtbot.keyClick(escaped, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not panel.problem_label.isVisible())
    assert panel.model.index(0, ActionColumn.DUE).data() == "19/06/2025"  # as saved
    assert "Gave up “31022024”" in panel.report_label.text()
    assert not opened.window.windowTitle().endswith("not saved")
    assert _one_action(database, opened.meeting_id).due == JUNE


def test_deleting_an_action_with_a_refused_date_takes_its_message_away(
    qtbot: QtBot, opened: Opened, database: Database
) -> None:
    panel = opened.panel
    _refuse_31_february(qtbot, opened)
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)  # out of the status list
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)  # on the status cell: the action goes
    assert actions.list_actions_of_meeting(database, opened.meeting_id) == []
    assert not panel.problem_label.isVisible()
    assert not opened.window.windowTitle().endswith("not saved")


def test_r_carries_a_due_date_passed_over(qtbot: QtBot, opened: Opened, database: Database) -> None:
    """A March action due 30 May, rolled over into June: the new action is due 30 May too
    (shown overdue from then on), neither erased nor moved to June's next meeting."""
    panel = opened.panel
    model = panel.previous_model
    description = "convene a task-and-finish group"
    earlier = next(
        action
        for action in actions.list_actions_of_meeting(database, opened.earlier_id)
        if action.description.startswith(description)
    )
    actions.update_action(database, earlier.id, due=dt.date(2025, 5, 30))
    opened.window.editor.open_meeting(opened.meeting_id)  # as the database has it now
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    row = next(
        r
        for r in range(model.rowCount())
        if str(model.index(r, PreviousColumn.DESCRIPTION).data()).startswith(description)
    )
    panel.previous_table.setFocus()
    panel.previous_table.setCurrentIndex(model.index(row, PreviousColumn.DESCRIPTION))
    qtbot.keyClick(panel.previous_table, Qt.Key.Key_R)
    new = next(
        action
        for action in actions.list_actions_of_meeting(database, opened.meeting_id)
        if action.description.startswith(description)
    )
    assert new.status is ActionStatus.OPEN
    assert new.due == dt.date(2025, 5, 30)
    shown = panel.model.index(panel.model.row_of(new.id) or 0, ActionColumn.DUE).data()
    assert shown == "30/05/2025"
