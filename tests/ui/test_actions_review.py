"""The Actions tab's review of the previous meetings' open actions: R rolls one over into
this meeting, D and X mark it done or dropped (each undone with Ctrl+Z), the buttons do what
the keys do, the heading counts past the cap, and the panel follows the open meeting."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from models import actions
from models.database import Database
from models.enums import ActionStatus
from tests.ui.conftest import CTRL, CTRL_SHIFT, Meetings, action_rows, show_actions
from ui.common.item_models import PagedRowsTableModel
from ui.editor.actions_model import ACTION_ID_ROLE, PreviousColumn
from ui.editor.actions_panel import ActionsPanel
from ui.shell.main_window import MainWindow

# The offscreen platform says these when a popup (a completion list, the calendar) shows;
# ignored here as in test_actions.py, where these tests were.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


def _select_previous(panel: ActionsPanel, description: str) -> int:
    model = panel.previous_model
    row = next(
        r
        for r in range(model.rowCount())
        if model.index(r, PreviousColumn.DESCRIPTION).data() == description
    )
    panel.previous_table.setFocus()
    panel.previous_table.setCurrentIndex(model.index(row, PreviousColumn.DESCRIPTION))
    action_id = model.index(row, 0).data(ACTION_ID_ROLE)
    assert isinstance(action_id, int)
    return action_id


def test_r_carries_a_previous_action_forward_and_ctrl_z_takes_it_back(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    panel = show_actions(qtbot, later_window)
    assert panel.previous_model.rowCount() == 6
    description = "share data on the number of prison leavers seen sleeping rough in London."
    old_id = _select_previous(panel, description)
    qtbot.keyClick(panel.previous_table, Qt.Key.Key_R)

    old = actions.action_row(database, old_id)
    assert old.meeting_id == meetings.earlier
    assert old.status is ActionStatus.ROLLED_OVER
    (new,) = action_rows(database, meetings.later)
    assert new.carried_from_id == old_id
    assert new.status is ActionStatus.OPEN
    assert (new.description, new.owners) == (description, ("GLA",))
    assert new.item_title == "Welcome & Apologies"
    assert new.due is None  # carried over as it was: it had no due date
    # The row left the list; the table shows the new action; the label says what happened.
    assert panel.previous_model.rowCount() == 5
    assert panel.previous_model.row_of(old_id) is None
    assert panel.model.rowCount() == 1
    assert panel.report_label.text().startswith("Rolled over into this meeting: “GLA to share")
    assert panel.previous_table.currentIndex().isValid()  # the next one, for the next key

    qtbot.keyClick(panel.previous_table, Qt.Key.Key_Z, CTRL)
    assert actions.action_row(database, old_id).status is ActionStatus.OPEN
    assert action_rows(database, meetings.later) == []
    assert panel.previous_model.rowCount() == 6
    assert panel.previous_table.currentIndex().data(ACTION_ID_ROLE) == old_id

    qtbot.keyClick(panel.previous_table, Qt.Key.Key_Z, CTRL_SHIFT)
    assert action_rows(database, meetings.later) == [new]  # the same action, ID and all


def test_past_the_count_cap_the_review_heading_says_more_than_until_scrolled_to_the_end(
    qtbot: QtBot,
    meetings: Meetings,
    open_window: Callable[[], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("models.capped_count.COUNT_CAP", 4)
    monkeypatch.setattr(PagedRowsTableModel, "page_rows", 2)
    panel = show_actions(qtbot, open_window())
    heading = panel.previous_heading
    assert heading.text() == "&Previous actions still open (more than 4)"

    def scrolled_to_the_end() -> bool:  # as the reader does: the view asks for more there
        panel.previous_table.scrollToBottom()
        return not panel.previous_model.canFetchMore()

    qtbot.waitUntil(scrolled_to_the_end)
    assert panel.previous_model.rowCount() == 6
    assert heading.text() == "&Previous actions still open (6)"


@pytest.mark.parametrize(
    ("key", "status", "words"),
    [
        (Qt.Key.Key_D, ActionStatus.DONE, "Marked done"),
        (Qt.Key.Key_X, ActionStatus.DROPPED, "Dropped"),
    ],
)
def test_d_and_x_mark_a_previous_action_done_or_dropped(
    qtbot: QtBot,
    later_window: MainWindow,
    database: Database,
    meetings: Meetings,
    key: Qt.Key,
    status: ActionStatus,
    words: str,
) -> None:
    panel = show_actions(qtbot, later_window)
    old_id = _select_previous(
        panel, "circulate the revised service specification to Board members for comment."
    )
    qtbot.keyClick(panel.previous_table, key)
    assert actions.action_row(database, old_id).status is status
    assert action_rows(database, meetings.later) == []  # nothing is carried into this meeting
    assert panel.previous_model.row_of(old_id) is None
    assert panel.report_label.text().startswith(f"{words}: “MOPAC to circulate")
    assert later_window.statusBar().currentMessage().startswith(f"{words}: ")
    qtbot.keyClick(panel.previous_table, Qt.Key.Key_Z, CTRL)
    assert actions.action_row(database, old_id).status is ActionStatus.OPEN
    assert panel.report_label.text() == ""  # what it said is no longer true
    assert later_window.statusBar().currentMessage() == ""


def test_the_review_buttons_do_what_the_keys_do(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    panel = show_actions(qtbot, later_window)
    assert panel.rolled_over_button.text() == "&Rolled over"
    assert panel.dropped_button.text() == "Dropped (&X)"
    old_id = _select_previous(
        panel,
        "share data on Universal Credit advances paid to prison leavers on the day of release.",
    )
    qtbot.mouseClick(panel.rolled_over_button, Qt.MouseButton.LeftButton)
    assert actions.action_row(database, old_id).status is ActionStatus.ROLLED_OVER
    assert [row.carried_from_id for row in action_rows(database, meetings.later)] == [old_id]
    panel.previous_table.setCurrentIndex(QModelIndex())
    assert not panel.done_button.isEnabled()


def test_the_panel_follows_the_open_meeting(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    panel = show_actions(qtbot, later_window)
    assert panel.model.rowCount() == 0
    assert panel.previous_model.rowCount() == 6
    assert panel.empty_hint.isVisible()
    assert later_window.open_meeting(meetings.earlier)
    assert panel.meeting_id == meetings.earlier
    assert panel.model.rowCount() == 8
    assert panel.previous_model.rowCount() == 0
    assert panel.no_previous_hint.isVisible()
