"""Adding an action by its keys as a minute-taker does: Ctrl+Shift+A (and Ctrl+Shift+N, an
agenda item) from the meeting list; a new action left empty with Esc or Enter is gone as if
never added, while one left with Tab, or an older one cleared, stays; and after "Keep
editing" on quit the cursor is back on the refused cell, so Esc gives its value up. Real
keys on the focused widget, the database checked afterwards."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from models import services
from models.database import Database
from tests.ui.conftest import Meetings, MessageBoxes, action_rows, actions_panel, focused
from tests.ui.test_action_owners import UNKNOWN_OWNER, decline_new_organisation
from ui.editor.actions_model import ActionColumn
from ui.shell.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
NO_KEYS = Qt.KeyboardModifier.NoModifier


def _key(qtbot: QtBot, key: Qt.Key, modifiers: Qt.KeyboardModifier = NO_KEYS) -> None:
    qtbot.keyClick(focused(), key, modifiers)


def _from_the_meeting_list(qtbot: QtBot, window: MainWindow) -> None:
    window.editor.focus_first_field()
    _key(qtbot, Qt.Key.Key_O, CTRL)
    qtbot.waitUntil(window.meeting_list.hasFocus)


def _new_description(qtbot: QtBot, window: MainWindow) -> QLineEdit:
    """Ctrl+Shift+A, and the description's editor it opens."""
    _key(qtbot, Qt.Key.Key_A, CTRL_SHIFT)
    panel = actions_panel(window)
    qtbot.waitUntil(lambda: isinstance(focused(), QLineEdit) and panel.isVisible())
    description = focused()
    assert isinstance(description, QLineEdit)
    assert panel.table.currentIndex().column() == ActionColumn.DESCRIPTION
    return description


def test_ctrl_shift_a_from_the_meeting_list_adds_an_action_and_types_its_description(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    _from_the_meeting_list(qtbot, later_window)
    description = _new_description(qtbot, later_window)
    assert later_window.editor.history.undo_action.isEnabled()
    qtbot.keyClicks(description, "circulate the terms of reference")
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(action_rows(database, meetings.later)) == 1)
    qtbot.waitUntil(lambda: action_rows(database, meetings.later)[0].description != "")
    (row,) = action_rows(database, meetings.later)
    assert row.description == "circulate the terms of reference"


def test_ctrl_shift_n_from_the_meeting_list_adds_an_agenda_item_and_types_its_title(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    _from_the_meeting_list(qtbot, later_window)
    _key(qtbot, Qt.Key.Key_N, CTRL_SHIFT)
    title = later_window.editor.agenda.title_edit
    qtbot.waitUntil(title.hasFocus)
    qtbot.keyClicks(title, "Budget")
    later_window.editor.flush()
    agenda = services.meeting_record(database, meetings.later).agenda
    assert len(agenda) == 4
    assert "Budget" in [item.title for item in agenda]


def test_ctrl_shift_t_from_the_meeting_list_goes_to_add_attendee(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    _from_the_meeting_list(qtbot, later_window)
    _key(qtbot, Qt.Key.Key_T, CTRL_SHIFT)
    add = later_window.editor.attendees.add_edit
    qtbot.waitUntil(add.hasFocus)
    assert later_window.editor.tabs.currentWidget() is later_window.editor.details_page


@pytest.mark.parametrize("leave", [Qt.Key.Key_Escape, Qt.Key.Key_Return])
def test_a_new_action_left_empty_with_esc_or_enter_is_gone_with_no_undo_step(
    qtbot: QtBot,
    later_window: MainWindow,
    database: Database,
    meetings: Meetings,
    leave: Qt.Key,
) -> None:
    history = later_window.editor.history
    later_window.editor.focus_first_field()
    before = focused()  # the meeting's date, on the Details tab
    description = _new_description(qtbot, later_window)
    assert len(action_rows(database, meetings.later)) == 1
    _key(qtbot, leave)
    qtbot.waitUntil(lambda: not action_rows(database, meetings.later))
    panel = actions_panel(later_window)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0)
    assert not history.undo_action.isEnabled()
    assert not history.redo_action.isEnabled()  # no step that does nothing, either way
    assert not description.isVisible()
    qtbot.waitUntil(before.hasFocus)  # back where Ctrl+Shift+A was pressed
    assert later_window.editor.tabs.currentWidget() is later_window.editor.details_page


def _another_left_empty(
    qtbot: QtBot, window: MainWindow, database: Database, meetings: Meetings
) -> None:
    """Ctrl+Shift+A, Esc: that one goes; the action there before stays, whatever it holds."""
    _new_description(qtbot, window)
    assert len(action_rows(database, meetings.later)) == 2
    _key(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: len(action_rows(database, meetings.later)) == 1)
    assert window.editor.history.undo_action.isEnabled()  # the first action's steps


def test_a_new_action_esc_after_typing_elsewhere_in_it_or_tab_keeps_it(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    """Tab moves on to the owners: the minute-taker is filling the row in another order."""
    later_window.editor.focus_first_field()
    _new_description(qtbot, later_window)
    _key(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "MPS")
    _key(qtbot, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: action_rows(database, meetings.later)[0].owners == ("MPS",))
    _key(qtbot, Qt.Key.Key_Escape)
    panel = actions_panel(later_window)
    panel.table.setCurrentIndex(panel.model.index(0, ActionColumn.DESCRIPTION))
    _key(qtbot, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(focused(), QLineEdit))
    _key(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(panel.table.hasFocus)
    _another_left_empty(qtbot, later_window, database, meetings)


def test_an_action_whose_description_is_cleared_later_is_not_deleted(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    later_window.editor.focus_first_field()
    description = _new_description(qtbot, later_window)
    qtbot.keyClicks(description, "write to the chair")
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: action_rows(database, meetings.later)[0].description != "")
    _key(qtbot, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(focused(), QLineEdit))
    focused_line = focused()
    assert isinstance(focused_line, QLineEdit)
    focused_line.clear()
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: action_rows(database, meetings.later)[0].description == "")
    panel = actions_panel(later_window)
    _key(qtbot, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(focused(), QLineEdit))
    _key(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(panel.table.hasFocus)
    _another_left_empty(qtbot, later_window, database, meetings)


def test_keep_editing_on_quit_puts_the_cursor_back_on_the_refused_cell(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    message_boxes: MessageBoxes,
) -> None:
    panel = actions_panel(sample_window)
    sample_window.editor.focus_first_field()
    description = _new_description(qtbot, sample_window)
    qtbot.keyClicks(description, "chase the referral forms")
    _key(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "zzq")
    _key(qtbot, Qt.Key.Key_Return)
    decline_new_organisation(qtbot, panel)
    qtbot.waitUntil(lambda: UNKNOWN_OWNER in panel.problem_label.text())
    message_boxes.answer("Keep editing")
    _key(qtbot, Qt.Key.Key_Q, CTRL)
    assert message_boxes.last.answer == "Keep editing"
    assert sample_window.isVisible()
    qtbot.waitUntil(panel.table.hasFocus)
    assert panel.table.currentIndex().column() == ActionColumn.OWNERS
    _key(qtbot, Qt.Key.Key_Escape)  # gives the refused owner up
    qtbot.waitUntil(lambda: not panel.problem_label.text())
    assert not sample_window.editor.unsaved_problems()
    rows = action_rows(database, sample_id)
    assert [row.owners for row in rows if row.description == "chase the referral forms"] == [()]


def test_keep_editing_on_quit_puts_the_cursor_back_in_a_refused_detail(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    message_boxes: MessageBoxes,
) -> None:
    start = sample_window.editor.details.start_edit.line_edit
    start.clear()
    qtbot.keyClicks(start, "17:")
    _key(qtbot, Qt.Key.Key_3, CTRL)  # on to the Actions tab, the start left unreadable
    qtbot.waitUntil(actions_panel(sample_window).isVisible)
    message_boxes.answer("Keep editing")
    _key(qtbot, Qt.Key.Key_Q, CTRL)
    assert message_boxes.last.answer == "Keep editing"
    qtbot.waitUntil(start.hasFocus)
    _key(qtbot, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(focused(), "14:15")
    assert sample_window.editor.flush(), sample_window.editor.unsaved_problems()
    assert services.meeting_record(database, sample_id).start == dt.time(14, 15)


def test_keep_editing_on_quit_puts_the_cursor_back_in_a_refused_item_title(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    message_boxes: MessageBoxes,
) -> None:
    """A title too long, refused in red, the person gone to another item: Keep editing shows
    its item again with the cursor in the title."""
    editor = sample_window.editor
    first, second = services.meeting_record(database, sample_id).agenda[1:3]
    editor.show_item(first.id)
    title = editor.agenda.title_edit
    title.setFocus()
    too_long = "t" * 10_001
    title.setText(too_long)
    title.textEdited.emit(too_long)
    editor.flush()
    editor.show_item(second.id)
    assert title.text() == second.title
    _key(qtbot, Qt.Key.Key_3, CTRL)
    qtbot.waitUntil(actions_panel(sample_window).isVisible)
    message_boxes.answer("Keep editing")
    _key(qtbot, Qt.Key.Key_Q, CTRL)
    assert message_boxes.last.answer == "Keep editing"
    qtbot.waitUntil(title.hasFocus)
    assert title.text() == too_long
    message_boxes.answer("Lose the changes")  # closing with it asks
