"""The due cell of the actions table, a date typed whole: 29022024 is the 29th (never
clamped), a date that does not exist is refused with its reason and kept to repair, N is
the next meeting (said when it has no date), Del no date, Alt+Down opens the calendar, and
leaving the cell saves what was typed."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QComboBox
from pytestqt.qtbot import QtBot

from models import actions, services
from models.database import Database
from tests.ui.conftest import (
    ALT,
    JUNE,
    SEPTEMBER,
    Meetings,
    actions_panel,
    due_editor,
    focused,
    reactivate,
    reopen,
    select_action,
    show_actions,
)
from ui.common.layout import ERROR_COLOUR
from ui.editor.actions_delegate import NO_DATE_TEXT
from ui.editor.actions_model import ActionColumn
from ui.editor.actions_panel import ActionsPanel
from ui.shell.main_window import MainWindow

# The offscreen platform says these when a popup (a completion list, the calendar) shows;
# ignored here as in test_actions.py, where these tests were.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


def test_n_in_the_due_cell_without_a_next_meeting_date_says_why(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    services.update_meeting(database, meetings.later, next_meeting=None)
    action_id = actions.add_action(database, meetings.later, description="x.", due=JUNE)
    panel = show_actions(qtbot, later_window)
    reopen(panel)
    select_action(panel, 0, ActionColumn.DUE)
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    due = due_editor().line_edit
    assert due.text() == "19/06/2025"
    qtbot.keyClick(due, Qt.Key.Key_N)
    assert due.text() == "19/06/2025"  # nothing changed
    assert "not known yet" in panel.report_label.text()
    assert "Next meeting" in later_window.statusBar().currentMessage()
    qtbot.keyClick(due, Qt.Key.Key_Return)
    assert actions.action_row(database, action_id).due == JUNE  # nothing changed behind it


def _on_due_cell(
    qtbot: QtBot, window: MainWindow, database: Database, meeting_id: int, due: dt.date | None
) -> tuple[ActionsPanel, int]:
    """A new action of ``meeting_id`` (due ``due``), the cursor on its due cell: the panel
    and the action's id."""
    action_id = actions.add_action(database, meeting_id, description="x.", due=due)
    panel = show_actions(qtbot, window)
    reopen(panel)  # changed by another program: the window reads it again
    select_action(panel, 0, ActionColumn.DUE)
    return panel, action_id


def _edit_due(qtbot: QtBot, window: MainWindow, database: Database, meeting_id: int) -> int:
    """An action of ``meeting_id`` due in June, its due cell being edited (F2): its id."""
    panel, action_id = _on_due_cell(qtbot, window, database, meeting_id, JUNE)
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    return action_id


def test_29022024_typed_in_the_due_cell_is_stored_as_the_29th(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    action_id = _edit_due(qtbot, later_window, database, meetings.later)
    due = due_editor().line_edit
    assert due.selectedText() == "19/06/2025"  # typing replaces the date shown
    qtbot.keyClicks(due, "29022024")  # clamped to the 28th by a QDateEdit
    assert due.text() == "29022024"
    qtbot.keyClick(due, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: actions.action_row(database, action_id).due == dt.date(2024, 2, 29))
    panel = actions_panel(later_window)
    assert panel.model.index(0, ActionColumn.DUE).data() == "29/02/2024"
    assert panel.table.hasFocus()  # the editor closed, as after any other cell
    assert not panel.problem_label.isVisible()


def test_a_due_date_typed_on_the_table_starts_the_editor_and_tab_saves_it(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    panel, action_id = _on_due_cell(qtbot, later_window, database, meetings.later, None)
    qtbot.keyClicks(panel.table, "2")  # the first key opens the editor and is typed in it
    due = due_editor().line_edit
    qtbot.keyClicks(due, "9 Nov 2025")  # the n of Nov is typed, not "next meeting"
    assert due.text() == "29 Nov 2025"
    qtbot.keyClick(due, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: actions.action_row(database, action_id).due == dt.date(2025, 11, 29))
    assert panel.table.currentIndex().column() == ActionColumn.STATUS  # on to the next cell
    assert isinstance(focused(), QComboBox)


def test_a_due_date_that_does_not_exist_is_refused_with_the_reason_and_kept(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    action_id = _edit_due(qtbot, later_window, database, meetings.later)
    editor = due_editor()
    qtbot.keyClicks(editor.line_edit, "31022024")
    reason = "31/02/2024 does not exist: February 2024 has 29 days."
    assert editor.problem() == reason  # said as soon as the date is whole
    qtbot.keyClick(editor.line_edit, Qt.Key.Key_Return)
    panel = actions_panel(later_window)
    qtbot.waitUntil(panel.problem_label.isVisible)
    assert panel.problem_label.text() == reason
    cell = panel.model.index(0, ActionColumn.DUE)
    assert cell.data() == "31022024"  # as typed, in red
    assert cell.data(Qt.ItemDataRole.ForegroundRole).color() == QColor(ERROR_COLOUR)
    assert actions.action_row(database, action_id).due == JUNE  # nothing saved

    reactivate(qtbot, later_window)
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)  # back in it: the text to repair, one key
    editor = due_editor()
    assert editor.text() == "31022024"
    assert editor.problem() == reason
    qtbot.keyClick(editor.line_edit, Qt.Key.Key_Home)
    qtbot.keyClick(editor.line_edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(editor.line_edit, "2")
    qtbot.keyClick(editor.line_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: actions.action_row(database, action_id).due == dt.date(2024, 2, 21))
    assert not panel.problem_label.isVisible()
    assert cell.data() == "21/02/2024"


def test_n_in_the_due_cell_is_the_next_meeting(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    action_id = _edit_due(qtbot, later_window, database, meetings.later)
    due = due_editor().line_edit
    qtbot.keyClick(due, Qt.Key.Key_N)
    assert due.text() == "18/09/2025"
    qtbot.keyClick(due, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: actions.action_row(database, action_id).due == SEPTEMBER)
    assert actions.action_row(database, action_id).due_is_next_meeting
    assert actions_panel(later_window).model.index(0, ActionColumn.DUE).data() == "Next meeting"


def test_del_in_the_due_cell_is_no_date(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    action_id = _edit_due(qtbot, later_window, database, meetings.later)
    editor = due_editor()
    qtbot.keyClick(editor.line_edit, Qt.Key.Key_End)  # nothing after the cursor to delete
    qtbot.keyClick(editor.line_edit, Qt.Key.Key_Delete)
    assert editor.text() == ""
    assert editor.line_edit.placeholderText() == NO_DATE_TEXT
    qtbot.keyClick(editor.line_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: actions.action_row(database, action_id).due is None)


def test_alt_down_in_the_due_cell_opens_the_calendar(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    action_id = _edit_due(qtbot, later_window, database, meetings.later)
    editor = due_editor()
    qtbot.keyClick(editor.line_edit, Qt.Key.Key_Down, ALT)
    calendar = editor.calendar
    assert calendar is not None
    qtbot.waitUntil(calendar.isVisible)
    assert calendar.selectedDate().toPython() == JUNE
    assert later_window.editor.actions_panel.table.state() == QAbstractItemView.State.EditingState
    view = calendar.focusWidget() or calendar
    qtbot.keyClick(view, Qt.Key.Key_Right)  # the day after
    qtbot.keyClick(view, Qt.Key.Key_Return)  # picked: back in the cell
    qtbot.waitUntil(lambda: not calendar.isVisible())
    assert editor.text() == "20/06/2025"
    qtbot.keyClick(editor.line_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: actions.action_row(database, action_id).due == dt.date(2025, 6, 20))


def test_leaving_the_due_cell_for_another_widget_saves_the_date_typed(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    action_id = _edit_due(qtbot, later_window, database, meetings.later)
    qtbot.keyClicks(due_editor().line_edit, "29-2-24")
    panel = actions_panel(later_window)
    panel.previous_table.setFocus(Qt.FocusReason.MouseFocusReason)  # a click elsewhere
    qtbot.waitUntil(lambda: actions.action_row(database, action_id).due == dt.date(2024, 2, 29))
    assert panel.table.state() != QAbstractItemView.State.EditingState  # the editor closed
