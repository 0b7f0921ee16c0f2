"""The Actions tab: actions added and edited from the keyboard, deleted and moved with undo,
and its Qt models. The review of the previous meetings' open actions (D, R, X) is in
test_actions_review.py, a due date typed in the due cell in test_action_due_typing.py."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLineEdit
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from models import actions, services
from models.database import Database
from models.enums import ActionStatus
from models.previous_actions import previous_open_actions
from tests.ui.conftest import (
    ALT,
    CTRL,
    CTRL_SHIFT,
    SEPTEMBER,
    Meetings,
    action_rows,
    actions_panel,
    due_editor,
    focused,
    reactivate,
    reopen,
    select_action,
    show_actions,
)
from tests.ui.test_action_owners import decline_new_organisation
from ui.common.layout import ERROR_COLOUR
from ui.editor.actions_model import (
    ACTION_ID_ROLE,
    ActionColumn,
    ActionsTableModel,
    PreviousActionsModel,
)
from ui.editor.actions_panel import ActionsPanel
from ui.shell.main_window import MainWindow

# The offscreen platform says these when the owners field shows its completion list.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


def _select_item(window: MainWindow, row: int) -> None:
    view = window.editor.agenda.list_view
    view.setCurrentIndex(window.editor.agenda_model.index(row))


# --- the Qt models ----------------------------------------------------------------------------


def test_actions_table_model_passes_the_model_tester(
    qtmodeltester: ModelTester, database: Database, sample_id: int
) -> None:
    model = ActionsTableModel()
    record = services.meeting_record(database, sample_id)
    model.set_meeting(record.next_meeting, record.agenda)
    model.set_rows(action_rows(database, sample_id))
    assert model.rowCount() == 8
    qtmodeltester.check(model)


def test_previous_actions_model_passes_the_model_tester(
    qtmodeltester: ModelTester, database: Database, meetings: Meetings
) -> None:
    model = PreviousActionsModel()
    model.set_rows(previous_open_actions(database, meetings.later))
    assert model.rowCount() == 6
    qtmodeltester.check(model)


def test_actions_table_shows_the_action_as_the_note_reads(
    database: Database, meetings: Meetings
) -> None:
    rolled = previous_open_actions(database, meetings.later)[0]
    actions.resolve_previous_action(database, rolled.id, ActionStatus.ROLLED_OVER, meetings.later)
    model = ActionsTableModel()
    record = services.meeting_record(database, meetings.later)
    model.set_meeting(record.next_meeting, record.agenda)
    model.set_rows(action_rows(database, meetings.later))

    def text(column: ActionColumn) -> str:
        return str(model.index(0, column).data())

    assert text(ActionColumn.NUMBER) == "1"
    assert text(ActionColumn.DESCRIPTION) == rolled.description
    assert text(ActionColumn.OWNERS) == rolled.owners_text
    assert text(ActionColumn.ITEM) == "1. Welcome & Apologies"
    assert text(ActionColumn.DUE) == "Next meeting"  # 18 September, the next meeting
    assert text(ActionColumn.STATUS) == "Open (from 20/03/2025)"
    assert model.headerData(ActionColumn.OWNERS, Qt.Orientation.Horizontal) == "Owners"
    assert not model.flags(model.index(0, ActionColumn.NUMBER)) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(0, ActionColumn.DUE)) & Qt.ItemFlag.ItemIsEditable


def test_a_refused_value_stays_in_its_cell_in_red(database: Database, sample_id: int) -> None:
    model = ActionsTableModel()
    model.set_rows(action_rows(database, sample_id))
    action_id = model.index(0, 0).data(ACTION_ID_ROLE)
    model.set_refused(action_id, ActionColumn.OWNERS, "MPS/XYZ", "No organisation XYZ.")
    index = model.index(0, ActionColumn.OWNERS)
    assert index.data() == "MPS/XYZ"
    assert index.data(Qt.ItemDataRole.EditRole) == "MPS/XYZ"
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "Not saved: No organisation XYZ."
    assert index.data(Qt.ItemDataRole.ForegroundRole).color() == QColor(ERROR_COLOUR)
    model.clear_refused(action_id, ActionColumn.OWNERS)
    assert index.data() == "Clinks"


def test_new_rows_in_another_order_move_the_current_cell_with_its_action(
    database: Database, sample_id: int, qtbot: QtBot
) -> None:
    model = ActionsTableModel()
    rows = action_rows(database, sample_id)
    model.set_rows(rows)
    current = QPersistentModelIndex(model.index(0, ActionColumn.OWNERS))
    with qtbot.assertNotEmitted(model.modelReset):
        model.set_rows([*rows[1:], rows[0]])
    assert current.row() == len(rows) - 1
    assert current.column() == ActionColumn.OWNERS
    with qtbot.waitSignal(model.modelReset):
        model.set_rows(rows[1:])
    assert model.index(0, 0).data(ACTION_ID_ROLE) == rows[1].id
    assert not model.index(0, 0).parent().isValid()
    assert model.rowCount(QModelIndex()) == len(rows) - 1


# --- adding and editing -----------------------------------------------------------------------


def test_ctrl_shift_a_adds_an_action_to_the_selected_item_typed_cell_by_cell(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    editor = later_window.editor
    _select_item(later_window, 1)  # Partner Updates
    editor.agenda.notes_edit.setFocus()
    qtbot.keyClick(editor.agenda.notes_edit, Qt.Key.Key_A, CTRL_SHIFT)
    panel = actions_panel(later_window)
    qtbot.waitUntil(panel.isVisible)  # the Actions tab came to the front
    description = focused()
    assert isinstance(description, QLineEdit)
    assert panel.table.currentIndex().column() == ActionColumn.DESCRIPTION
    qtbot.keyClicks(description, "review the outcomes of the Diversion Pilot.")
    qtbot.keyClick(description, Qt.Key.Key_Tab)
    owners = focused()
    assert isinstance(owners, QLineEdit)
    assert owners is not description
    qtbot.keyClicks(owners, "MPS/MOPAC")
    qtbot.keyClick(owners, Qt.Key.Key_Tab)
    item = focused()
    assert isinstance(item, QComboBox)
    assert item.currentText() == "2. Partner Updates"
    qtbot.keyClick(item, Qt.Key.Key_Tab)
    due = due_editor().line_edit
    qtbot.keyClick(due, Qt.Key.Key_N)  # the next meeting
    qtbot.keyClick(due, Qt.Key.Key_Return)

    def saved() -> bool:
        rows = action_rows(database, meetings.later)
        return len(rows) == 1 and rows[0].due is not None

    qtbot.waitUntil(saved)
    (row,) = action_rows(database, meetings.later)
    assert row.description == "review the outcomes of the Diversion Pilot."
    assert row.owners == ("MPS", "MOPAC")
    assert (row.item_number, row.item_title) == (2, "Partner Updates")
    assert row.due == SEPTEMBER
    assert row.due_is_next_meeting
    assert row.status is ActionStatus.OPEN
    assert panel.model.index(0, ActionColumn.DUE).data() == "Next meeting"


def _edit_owners(
    qtbot: QtBot, window: MainWindow, database: Database, meeting_id: int, *owners: str
) -> tuple[int, ActionsPanel, QLineEdit]:
    """A new action ``x.`` of the open meeting (owned by ``owners``), its owners cell being
    edited: its id, the panel and the cell's editor, its text all selected."""
    action_id = actions.add_action(database, meeting_id, description="x.", owners=owners)
    panel = show_actions(qtbot, window)
    reopen(panel)  # changed by another program: the window reads it again
    select_action(panel, 0, ActionColumn.OWNERS)
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    line = focused()
    assert isinstance(line, QLineEdit)
    line.selectAll()
    return action_id, panel, line


def test_owners_complete_from_the_known_abbreviations(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    action_id, panel, owners = _edit_owners(qtbot, later_window, database, meetings.later)
    qtbot.keyClicks(owners, "lp/London C")
    completer = owners.completer()
    assert completer is not None
    assert completer.currentCompletion() == "lp/London Councils"
    assert completer.popup().isVisible()
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)  # one Enter takes it and saves
    qtbot.waitUntil(
        lambda: actions.action_row(database, action_id).owners == ("LP", "London Councils")
    )
    assert panel.table.hasFocus()  # the editor closed


def test_tab_with_the_owners_list_open_takes_the_completion_and_edits_the_next_cell(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    action_id, panel, owners = _edit_owners(qtbot, later_window, database, meetings.later)
    qtbot.keyClicks(owners, "London C")
    completer = owners.completer()
    assert completer is not None
    assert completer.popup().isVisible()
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)  # highlight "London Councils"
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: actions.action_row(database, action_id).owners == ("London Councils",))
    assert panel.table.currentIndex().column() == ActionColumn.ITEM  # on to the next cell
    assert isinstance(focused(), QComboBox)  # and editing it, as Tab does with no list


def test_an_unknown_owner_is_kept_in_red_with_a_message_and_saved_once_corrected(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    action_id, panel, owners = _edit_owners(qtbot, later_window, database, meetings.later, "LP")
    qtbot.keyClicks(owners, "MPS/Probation")
    qtbot.keyClick(owners, Qt.Key.Key_Return)
    qtbot.waitUntil(panel.problem_label.isVisible)
    decline_new_organisation(qtbot, panel)  # not added to the directory: refused
    assert "“Probation”" in panel.problem_label.text()
    cell = panel.model.index(0, ActionColumn.OWNERS)
    assert cell.data() == "MPS/Probation"  # nothing typed is lost
    assert actions.action_row(database, action_id).owners == ("LP",)
    reactivate(qtbot, later_window)
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)

    owners = focused()
    assert isinstance(owners, QLineEdit)
    assert owners.text() == "MPS/Probation"
    owners.selectAll()
    qtbot.keyClicks(owners, "MPS/LP")
    qtbot.keyClick(owners, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: actions.action_row(database, action_id).owners == ("MPS", "LP"))
    assert not panel.problem_label.isVisible()
    assert cell.data() == "MPS/LP"


@pytest.mark.parametrize("key", [Qt.Key.Key_Tab, Qt.Key.Key_Backtab])
def test_tab_after_enter_took_the_owners_completion_edits_the_next_cell(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings, key: Qt.Key
) -> None:
    """Enter takes the completion and saves the cell; Tab then goes on from cell to cell, as
    it does from the editor (it had left the table for the Add button)."""
    action_id, panel, owners = _edit_owners(qtbot, later_window, database, meetings.later)
    qtbot.keyClicks(owners, "MOP")
    completer = owners.completer()
    assert completer is not None
    qtbot.waitUntil(completer.popup().isVisible)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: actions.action_row(database, action_id).owners == ("MOPAC",))
    reactivate(qtbot, later_window)
    qtbot.waitUntil(panel.table.hasFocus)
    qtbot.keyClick(panel.table, key)
    after = ActionColumn.ITEM if key == Qt.Key.Key_Tab else ActionColumn.DESCRIPTION
    assert panel.table.currentIndex().column() == after
    assert panel.table.state() == QAbstractItemView.State.EditingState  # typing goes in it


def test_tab_leaves_the_table_once_the_cursor_moved_on_after_enter(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    """Only the Tab right after Enter goes on to the next cell: Tab on a cell the arrows
    reached leaves the table, as the table's tip says."""
    actions.add_action(database, meetings.later, description="x.")
    panel = show_actions(qtbot, later_window)
    reopen(panel)
    select_action(panel, 0, ActionColumn.DESCRIPTION)
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(panel.table.hasFocus)
    qtbot.keyClick(panel.table, Qt.Key.Key_Right)
    qtbot.keyClick(panel.table, Qt.Key.Key_Tab)
    assert not panel.table.hasFocus()


def test_owners_typed_with_a_comma_are_saved_and_complete_after_it(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    action_id, panel, owners = _edit_owners(qtbot, later_window, database, meetings.later, "LP")
    qtbot.keyClicks(owners, "MOPAC, London C")
    completer = owners.completer()
    assert completer is not None
    qtbot.waitUntil(completer.popup().isVisible)  # completes the owner after the comma
    assert completer.popup().currentIndex().data() == "London Councils"
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: actions.action_row(database, action_id).owners == ("MOPAC", "London Councils")
    )
    assert not panel.problem_label.isVisible()
    assert panel.model.index(0, ActionColumn.OWNERS).data() == "MOPAC/London Councils"


def test_status_and_item_are_chosen_from_lists(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    items = services.meeting_record(database, meetings.later).agenda
    action_id = actions.add_action(
        database, meetings.later, agenda_item_id=items[0].id, description="x."
    )
    panel = show_actions(qtbot, later_window)
    reopen(panel)  # changed by another program: the window reads it again
    select_action(panel, 0, ActionColumn.STATUS)
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    status = focused()
    assert isinstance(status, QComboBox)
    status.setCurrentIndex(status.findText("Done"))
    qtbot.keyClick(status, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: actions.action_row(database, action_id).status is ActionStatus.DONE)
    select_action(panel, 0, ActionColumn.ITEM)
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    item = focused()
    assert isinstance(item, QComboBox)
    assert [item.itemText(i) for i in range(item.count())] == [
        "1. Welcome & Apologies",
        "2. Partner Updates",
        "3. AOB and Close",
    ]
    qtbot.keyClick(item, Qt.Key.Key_Down)
    qtbot.keyClick(item, Qt.Key.Key_Down)
    qtbot.keyClick(item, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: actions.action_row(database, action_id).item_number == 3)


def test_del_deletes_an_action_and_ctrl_z_brings_it_back(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    first = actions.add_action(database, meetings.later, description="first.", owners=("LP",))
    actions.add_action(database, meetings.later, description="second.")
    before = action_rows(database, meetings.later)
    panel = show_actions(qtbot, later_window)
    reopen(panel)  # changed by another program: the window reads it again
    select_action(panel, 0, ActionColumn.DESCRIPTION)
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert [row.description for row in action_rows(database, meetings.later)] == ["second."]
    assert "Deleted the action “LP to first.”" in panel.report_label.text()
    assert panel.model.rowCount() == 1
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL)
    assert action_rows(database, meetings.later) == before
    assert panel.model.rowCount() == 2
    assert panel.table.currentIndex().data(ACTION_ID_ROLE) == first
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL_SHIFT)
    assert [row.description for row in action_rows(database, meetings.later)] == ["second."]


def test_undoing_the_typing_then_the_added_action_removes_it_and_redo_brings_both_back(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    panel = actions_panel(later_window)
    _select_item(later_window, 0)
    later_window.editor.agenda.list_view.setFocus()
    qtbot.keyClick(later_window.editor.agenda.list_view, Qt.Key.Key_A, CTRL_SHIFT)
    description = focused()
    assert isinstance(description, QLineEdit)
    qtbot.keyClicks(description, "share the audit.")
    qtbot.keyClick(description, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.table.state() != panel.table.State.EditingState)
    qtbot.waitUntil(
        lambda: (
            [r.description for r in action_rows(database, meetings.later)] == ["share the audit."]
        )
    )
    action_id = action_rows(database, meetings.later)[0].id
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL)  # the description typed
    assert [r.description for r in action_rows(database, meetings.later)] == [""]
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL)  # the action added
    assert action_rows(database, meetings.later) == []
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL_SHIFT)
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL_SHIFT)
    (row,) = action_rows(database, meetings.later)
    assert (row.id, row.description) == (action_id, "share the audit.")


def test_alt_up_and_down_reorder_within_the_item_and_undo(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    items = services.meeting_record(database, meetings.later).agenda
    for text in ("a.", "b.", "c."):
        actions.add_action(database, meetings.later, agenda_item_id=items[1].id, description=text)
    actions.add_action(database, meetings.later, agenda_item_id=items[2].id, description="z.")
    panel = show_actions(qtbot, later_window)
    reopen(panel)  # changed by another program: the window reads it again

    def order() -> list[str]:
        return [row.description for row in action_rows(database, meetings.later)]

    select_action(panel, 0, ActionColumn.DESCRIPTION)
    qtbot.keyClick(panel.table, Qt.Key.Key_Down, ALT)
    assert order() == ["b.", "a.", "c.", "z."]
    assert panel.table.currentIndex().row() == 1  # the moved action stays selected
    qtbot.keyClick(panel.table, Qt.Key.Key_Down, ALT)
    assert order() == ["b.", "c.", "a.", "z."]
    assert not panel.move_action_down_action.isEnabled()  # "z." is another item's
    qtbot.keyClick(panel.table, Qt.Key.Key_Up, ALT)
    assert order() == ["b.", "a.", "c.", "z."]
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL)
    assert order() == ["b.", "c.", "a.", "z."]
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL)
    assert order() == ["a.", "b.", "c.", "z."]


def test_ctrl_s_saves_the_cell_being_typed_in(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    action_id = actions.add_action(database, meetings.later, description="")
    panel = show_actions(qtbot, later_window)
    reopen(panel)  # changed by another program: the window reads it again
    select_action(panel, 0, ActionColumn.DESCRIPTION)
    qtbot.keyClicks(panel.table, "s")  # typing starts editing the cell
    description = focused()
    assert isinstance(description, QLineEdit)
    qtbot.keyClicks(description, "hare the audit")
    assert actions.action_row(database, action_id).description == ""
    qtbot.keyClick(description, Qt.Key.Key_S, CTRL)
    assert actions.action_row(database, action_id).description == "share the audit"
    assert focused() is description  # the user types on
    assert later_window.statusBar().currentMessage() == "All changes are saved."


def test_the_actions_menu_and_the_shortcut_list_name_the_keys(later_window: MainWindow) -> None:
    table = dict(later_window.shortcut_table())
    assert table["Ctrl+Shift+A"] == "Add action"
    assert table["Del in the actions table"] == "Delete action"
    assert table["R in the previous actions"] == "Roll previous action over"
    menus = [action.text() for action in later_window.menuBar().actions()]
    assert "Ac&tions" in menus
