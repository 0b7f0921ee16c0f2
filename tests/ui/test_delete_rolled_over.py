"""The tester's case: R on a previous action, then Del on the copy it made in this meeting's
Actions tab. The original is open again (the review lists it, the log counts it), the status
bar says so, Ctrl+Z rolls it over again with its copy, Ctrl+Shift+Z deletes it again. And
Del on the whole later meeting in the archive: the original is open again too."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from models import actions, services
from models.action_log import ActionFilter, action_log
from models.database import Database
from models.edits import Kind
from models.enums import ActionStatus
from models.meeting_doc import MeetingDoc
from tests.ui.conftest import MessageBoxes
from ui.editor.actions_model import ACTION_ID_ROLE, ActionColumn, PreviousColumn
from ui.editor.actions_panel import ActionsPanel
from ui.editor.save_state import SaveState
from ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
NO_MODIFIER = Qt.KeyboardModifier.NoModifier
MARCH = dt.date(2025, 3, 20)
JUNE = dt.date(2025, 6, 19)
DESCRIPTION = "share data on the number of prison leavers seen sleeping rough in London."


@pytest.fixture
def window(
    database: Database, sample_meeting: MeetingDoc, open_window: Callable[[], MainWindow]
) -> MainWindow:
    """The sample meeting in March (A), and June's (B) open in the window."""
    services.import_meeting(database, sample_meeting._replace(date=MARCH, next_meeting=JUNE))
    later = services.create_meeting(database, date=JUNE)
    services.add_agenda_item(database, later, "Welcome & Apologies")
    opened = open_window()
    assert opened.editor.meeting_id == later
    return opened


def _key(qtbot: QtBot, key: Qt.Key, modifiers: Qt.KeyboardModifier = NO_MODIFIER) -> None:
    widget = QApplication.focusWidget()
    assert isinstance(widget, QWidget)
    qtbot.keyClick(widget, key, modifiers)


def _open_ids(database: Database) -> set[int]:
    log = action_log(database, ActionFilter(statuses=frozenset({ActionStatus.OPEN})))
    return {entry.id for entry in log}


def _status_bar(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def test_deleting_the_rolled_over_copy_reopens_the_original(
    qtbot: QtBot, window: MainWindow, database: Database
) -> None:
    later = window.editor.meeting_id
    assert later is not None
    window.editor.focus_first_field()
    _key(qtbot, Qt.Key.Key_3, CTRL)  # the Actions tab
    panel = window.editor.actions_panel
    assert isinstance(panel, ActionsPanel)
    qtbot.waitUntil(panel.isVisible)
    _key(qtbot, Qt.Key.Key_P, ALT)  # Previous actions still open
    assert QApplication.focusWidget() is panel.previous_table
    while (
        panel.previous_table.currentIndex().siblingAtColumn(PreviousColumn.DESCRIPTION).data()
        != DESCRIPTION
    ):
        row = panel.previous_table.currentIndex().row()
        _key(qtbot, Qt.Key.Key_Down)
        assert panel.previous_table.currentIndex().row() == row + 1
    original = panel.previous_table.currentIndex().siblingAtColumn(0).data(ACTION_ID_ROLE)
    assert isinstance(original, int)
    _key(qtbot, Qt.Key.Key_R)
    (copy,) = actions.list_actions_of_meeting(database, later)
    assert copy.carried_from_id == original
    assert actions.action_row(database, original).status is ActionStatus.ROLLED_OVER

    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(0, 1))
    _key(qtbot, Qt.Key.Key_Delete)

    assert actions.list_actions_of_meeting(database, later) == []
    assert actions.action_row(database, original).status is ActionStatus.OPEN
    assert original in _open_ids(database)
    assert panel.previous_model.row_of(original) is not None  # back in the review
    message = _status_bar(window)
    assert message.startswith("Deleted the action “GLA to share data")
    assert "from the meeting of 20 March 2025, is open again (Ctrl+Z undoes both)" in message

    _key(qtbot, Qt.Key.Key_Z, CTRL)  # undo: rolled over again, with its copy
    assert [row.id for row in actions.list_actions_of_meeting(database, later)] == [copy.id]
    assert actions.action_row(database, original).status is ActionStatus.ROLLED_OVER
    assert original not in _open_ids(database)
    assert copy.id in _open_ids(database)
    assert panel.previous_model.row_of(original) is None

    _key(qtbot, Qt.Key.Key_Z, CTRL_SHIFT)  # redo: deleted again, the original open
    assert actions.list_actions_of_meeting(database, later) == []
    assert actions.action_row(database, original).status is ActionStatus.OPEN


def test_deleting_the_meeting_holding_the_copy_reopens_the_original(
    qtbot: QtBot, window: MainWindow, database: Database, message_boxes: MessageBoxes
) -> None:
    """Del on June's meeting in the archive, after its review rolled March's action over:
    the action is open again in March (the log counts it), not lost with June's copy."""
    later = window.editor.meeting_id
    assert later is not None
    (march,) = [m.id for m in services.list_meetings(database) if m.date == MARCH]
    original = next(
        row.id
        for row in actions.list_actions_of_meeting(database, march)
        if row.description == DESCRIPTION
    )
    actions.resolve_previous_action(database, original, ActionStatus.ROLLED_OVER, later)
    assert original not in _open_ids(database)

    window.meeting_list.setFocus()
    message_boxes.answer("Delete meeting")
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_Delete)

    assert [m.id for m in services.list_meetings(database)] == [march]
    assert actions.action_row(database, original).status is ActionStatus.OPEN
    assert original in _open_ids(database)
    assert window.editor.meeting_id == march  # its neighbour, read after the deletion
    assert _status_bar(window).endswith(
        "1 action it carried forward from an earlier meeting is open again there."
    )


def test_the_earlier_meeting_open_in_the_window_shows_its_action_open_again(
    qtbot: QtBot, window: MainWindow, database: Database, message_boxes: MessageBoxes
) -> None:
    """The tester's case: March open, June (holding the copy) highlighted in the list and
    deleted. March's table shows the action open at once, and the next edit of March saves
    as ever: the deletion's change to March is this window's own, not another's."""
    later = window.editor.meeting_id
    assert later is not None
    (march,) = [m.id for m in services.list_meetings(database) if m.date == MARCH]
    original = next(
        row.id
        for row in actions.list_actions_of_meeting(database, march)
        if row.description == DESCRIPTION
    )
    actions.resolve_previous_action(database, original, ActionStatus.ROLLED_OVER, later)
    assert window.open_meeting(march)
    panel = window.editor.actions_panel
    assert isinstance(panel, ActionsPanel)

    def shown_status() -> str:
        model = panel.table.model()
        row = next(
            number
            for number in range(model.rowCount())
            if model.index(number, 0).data(ACTION_ID_ROLE) == original
        )
        return str(model.index(row, ActionColumn.STATUS).data())

    assert shown_status() == "Rolled over"
    window.meeting_list.setFocus()
    assert window.archive.select_meeting(later)
    message_boxes.answer("Delete meeting")
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_Delete)

    assert window.editor.meeting_id == march
    assert shown_status() == "Open"
    window.editor.session.edit(Kind.MEETING, march, venue="Mitre House")
    assert window.editor.flush()
    assert window.editor.save_state is SaveState.SAVED
    assert services.meeting_record(database, march).venue == "Mitre House"
