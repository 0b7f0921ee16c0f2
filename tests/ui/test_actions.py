"""The Actions tab: actions added and edited from the keyboard, deleted and moved with undo,
and the previous meetings' open actions reviewed with D, R and X."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLineEdit, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from models import actions, services
from models.actions import ActionRow
from models.database import Database
from models.enums import ActionStatus
from models.meeting_doc import MeetingDoc
from models.previous_actions import previous_open_actions
from tests.ui.test_action_owners import decline_new_organisation
from ui.common.item_models import PagedRowsTableModel
from ui.common.layout import ERROR_COLOUR
from ui.editor.actions_delegate import NO_DATE_TEXT, DueEdit
from ui.editor.actions_model import (
    ACTION_ID_ROLE,
    ActionColumn,
    ActionsTableModel,
    PreviousActionsModel,
    PreviousColumn,
)
from ui.editor.actions_panel import ActionsPanel
from ui.shell.main_window import MainWindow

# The offscreen platform says these when the owners field shows its completion list.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
MARCH = dt.date(2025, 3, 20)
JUNE = dt.date(2025, 6, 19)
SEPTEMBER = dt.date(2025, 9, 18)


@dataclasses.dataclass(frozen=True)
class Meetings:
    earlier: int
    later: int


def _reopen(panel: QWidget) -> None:
    """Show the meeting as the database has it now, after a change the test made behind the
    window's back (without this, the window's next edit is a conflict, as it should be)."""
    window = panel.window()
    assert isinstance(window, MainWindow)
    meeting_id = window.editor.meeting_id
    assert meeting_id is not None
    window.editor.open_meeting(meeting_id)


@pytest.fixture
def meetings(database: Database, sample_meeting: MeetingDoc) -> Meetings:
    """The sample meeting moved to March, and a June meeting of the same board after it."""
    earlier = services.import_meeting(
        database, dataclasses.replace(sample_meeting, date=MARCH, next_meeting=JUNE)
    )
    later = services.create_meeting(database, date=JUNE)
    services.update_meeting(database, later, next_meeting=SEPTEMBER)
    for title in ("Welcome & Apologies", "Partner Updates", "AOB and Close"):
        services.add_agenda_item(database, later, title)
    return Meetings(earlier, later)


@pytest.fixture
def later_window(meetings: Meetings, open_window: Callable[[], MainWindow]) -> MainWindow:
    window = open_window()
    assert window.editor.meeting_id == meetings.later  # the newest meeting opens
    return window


def _panel(window: MainWindow) -> ActionsPanel:
    panel = window.editor.actions_panel
    assert isinstance(panel, ActionsPanel)
    return panel


def _rows(database: Database, meeting_id: int) -> list[ActionRow]:
    return actions.list_actions_of_meeting(database, meeting_id)


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _due_editor() -> DueEdit:
    """The due cell's editor: the cursor is in its text (the editor's focus proxy)."""
    line = _focus()
    due = line.parentWidget()
    assert isinstance(line, QLineEdit)
    assert isinstance(due, DueEdit)
    assert line is due.line_edit
    return due


def _reactivate(qtbot: QtBot, window: MainWindow) -> None:
    """Offscreen, a completion list that was shown stays the active window after it closes
    (a real desktop gives the activation back); a user would be typing in the window."""
    with qtbot.waitActive(window):
        window.activateWindow()


def _select_item(window: MainWindow, row: int) -> None:
    view = window.editor.agenda.list_view
    view.setCurrentIndex(window.editor.agenda_model.index(row))


def _show_actions(qtbot: QtBot, window: MainWindow) -> ActionsPanel:
    panel = _panel(window)
    panel.bring_into_view()
    qtbot.waitUntil(panel.isVisible)
    return panel


def _select_action(panel: ActionsPanel, row: int, column: ActionColumn) -> None:
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(row, column))


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


# --- the Qt models -------------------------------------------------------------------------------


def test_actions_table_model_passes_the_model_tester(
    qtmodeltester: ModelTester, database: Database, sample_id: int
) -> None:
    model = ActionsTableModel()
    record = services.meeting_record(database, sample_id)
    model.set_meeting(record.next_meeting, record.agenda)
    model.set_rows(_rows(database, sample_id))
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
    model.set_rows(_rows(database, meetings.later))

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
    model.set_rows(_rows(database, sample_id))
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
    rows = _rows(database, sample_id)
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


# --- adding and editing ------------------------------------------------------------------------


def test_ctrl_shift_a_adds_an_action_to_the_selected_item_typed_cell_by_cell(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    editor = later_window.editor
    _select_item(later_window, 1)  # Partner Updates
    editor.agenda.notes_edit.setFocus()
    qtbot.keyClick(editor.agenda.notes_edit, Qt.Key.Key_A, CTRL_SHIFT)
    panel = _panel(later_window)
    qtbot.waitUntil(panel.isVisible)  # the Actions tab came to the front
    description = _focus()
    assert isinstance(description, QLineEdit)
    assert panel.table.currentIndex().column() == ActionColumn.DESCRIPTION
    qtbot.keyClicks(description, "review the outcomes of the Diversion Pilot.")
    qtbot.keyClick(description, Qt.Key.Key_Tab)
    owners = _focus()
    assert isinstance(owners, QLineEdit)
    assert owners is not description
    qtbot.keyClicks(owners, "MPS/MOPAC")
    qtbot.keyClick(owners, Qt.Key.Key_Tab)
    item = _focus()
    assert isinstance(item, QComboBox)
    assert item.currentText() == "2. Partner Updates"
    qtbot.keyClick(item, Qt.Key.Key_Tab)
    due = _due_editor().line_edit
    qtbot.keyClick(due, Qt.Key.Key_N)  # the next meeting
    qtbot.keyClick(due, Qt.Key.Key_Return)

    def saved() -> bool:
        rows = _rows(database, meetings.later)
        return len(rows) == 1 and rows[0].due is not None

    qtbot.waitUntil(saved)
    (row,) = _rows(database, meetings.later)
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
    panel = _show_actions(qtbot, window)
    _reopen(panel)  # changed by another program: the window reads it again
    _select_action(panel, 0, ActionColumn.OWNERS)
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    line = _focus()
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
    assert isinstance(_focus(), QComboBox)  # and editing it, as Tab does with no list


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
    _reactivate(qtbot, later_window)
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)

    owners = _focus()
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
    _reactivate(qtbot, later_window)
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
    panel = _show_actions(qtbot, later_window)
    _reopen(panel)
    _select_action(panel, 0, ActionColumn.DESCRIPTION)
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    qtbot.keyClick(_focus(), Qt.Key.Key_Return)
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
    panel = _show_actions(qtbot, later_window)
    _reopen(panel)  # changed by another program: the window reads it again
    _select_action(panel, 0, ActionColumn.STATUS)
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    status = _focus()
    assert isinstance(status, QComboBox)
    status.setCurrentIndex(status.findText("Done"))
    qtbot.keyClick(status, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: actions.action_row(database, action_id).status is ActionStatus.DONE)
    _select_action(panel, 0, ActionColumn.ITEM)
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    item = _focus()
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
    before = _rows(database, meetings.later)
    panel = _show_actions(qtbot, later_window)
    _reopen(panel)  # changed by another program: the window reads it again
    _select_action(panel, 0, ActionColumn.DESCRIPTION)
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert [row.description for row in _rows(database, meetings.later)] == ["second."]
    assert "Deleted the action “LP to first.”" in panel.report_label.text()
    assert panel.model.rowCount() == 1
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL)
    assert _rows(database, meetings.later) == before
    assert panel.model.rowCount() == 2
    assert panel.table.currentIndex().data(ACTION_ID_ROLE) == first
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL_SHIFT)
    assert [row.description for row in _rows(database, meetings.later)] == ["second."]


def test_undoing_the_typing_then_the_added_action_removes_it_and_redo_brings_both_back(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    panel = _panel(later_window)
    _select_item(later_window, 0)
    later_window.editor.agenda.list_view.setFocus()
    qtbot.keyClick(later_window.editor.agenda.list_view, Qt.Key.Key_A, CTRL_SHIFT)
    description = _focus()
    assert isinstance(description, QLineEdit)
    qtbot.keyClicks(description, "share the audit.")
    qtbot.keyClick(description, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.table.state() != panel.table.State.EditingState)
    qtbot.waitUntil(
        lambda: [r.description for r in _rows(database, meetings.later)] == ["share the audit."]
    )
    action_id = _rows(database, meetings.later)[0].id
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL)  # the description typed
    assert [r.description for r in _rows(database, meetings.later)] == [""]
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL)  # the action added
    assert _rows(database, meetings.later) == []
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL_SHIFT)
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL_SHIFT)
    (row,) = _rows(database, meetings.later)
    assert (row.id, row.description) == (action_id, "share the audit.")


def test_alt_up_and_down_reorder_within_the_item_and_undo(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    items = services.meeting_record(database, meetings.later).agenda
    for text in ("a.", "b.", "c."):
        actions.add_action(database, meetings.later, agenda_item_id=items[1].id, description=text)
    actions.add_action(database, meetings.later, agenda_item_id=items[2].id, description="z.")
    panel = _show_actions(qtbot, later_window)
    _reopen(panel)  # changed by another program: the window reads it again

    def order() -> list[str]:
        return [row.description for row in _rows(database, meetings.later)]

    _select_action(panel, 0, ActionColumn.DESCRIPTION)
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


# --- the review of the previous meeting's actions -------------------------------------------------


def test_r_carries_a_previous_action_forward_and_ctrl_z_takes_it_back(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    panel = _show_actions(qtbot, later_window)
    assert panel.previous_model.rowCount() == 6
    description = "share data on the number of prison leavers seen sleeping rough in London."
    old_id = _select_previous(panel, description)
    qtbot.keyClick(panel.previous_table, Qt.Key.Key_R)

    old = actions.action_row(database, old_id)
    assert old.meeting_id == meetings.earlier
    assert old.status is ActionStatus.ROLLED_OVER
    (new,) = _rows(database, meetings.later)
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
    assert _rows(database, meetings.later) == []
    assert panel.previous_model.rowCount() == 6
    assert panel.previous_table.currentIndex().data(ACTION_ID_ROLE) == old_id

    qtbot.keyClick(panel.previous_table, Qt.Key.Key_Z, CTRL_SHIFT)
    assert _rows(database, meetings.later) == [new]  # the same action, ID and all


def test_past_the_count_cap_the_review_heading_says_more_than_until_scrolled_to_the_end(
    qtbot: QtBot,
    meetings: Meetings,
    open_window: Callable[[], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("models.capped_count.COUNT_CAP", 4)
    monkeypatch.setattr(PagedRowsTableModel, "page_rows", 2)
    panel = _show_actions(qtbot, open_window())
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
    panel = _show_actions(qtbot, later_window)
    old_id = _select_previous(
        panel, "circulate the revised service specification to Board members for comment."
    )
    qtbot.keyClick(panel.previous_table, key)
    assert actions.action_row(database, old_id).status is status
    assert _rows(database, meetings.later) == []  # nothing is carried into this meeting
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
    panel = _show_actions(qtbot, later_window)
    assert panel.rolled_over_button.text() == "&Rolled over"
    assert panel.dropped_button.text() == "Dropped (&X)"
    old_id = _select_previous(
        panel,
        "share data on Universal Credit advances paid to prison leavers on the day of release.",
    )
    qtbot.mouseClick(panel.rolled_over_button, Qt.MouseButton.LeftButton)
    assert actions.action_row(database, old_id).status is ActionStatus.ROLLED_OVER
    assert [row.carried_from_id for row in _rows(database, meetings.later)] == [old_id]
    panel.previous_table.setCurrentIndex(QModelIndex())
    assert not panel.done_button.isEnabled()


def test_the_panel_follows_the_open_meeting(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    panel = _show_actions(qtbot, later_window)
    assert panel.model.rowCount() == 0
    assert panel.previous_model.rowCount() == 6
    assert panel.empty_hint.isVisible()
    assert later_window.open_meeting(meetings.earlier)
    assert panel.meeting_id == meetings.earlier
    assert panel.model.rowCount() == 8
    assert panel.previous_model.rowCount() == 0
    assert panel.no_previous_hint.isVisible()


def test_the_actions_menu_and_the_shortcut_list_name_the_keys(later_window: MainWindow) -> None:
    table = dict(later_window.shortcut_table())
    assert table["Ctrl+Shift+A"] == "Add action"
    assert table["Del in the actions table"] == "Delete action"
    assert table["R in the previous actions"] == "Roll previous action over"
    menus = [action.text() for action in later_window.menuBar().actions()]
    assert "Ac&tions" in menus


def test_ctrl_s_saves_the_cell_being_typed_in(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    action_id = actions.add_action(database, meetings.later, description="")
    panel = _show_actions(qtbot, later_window)
    _reopen(panel)  # changed by another program: the window reads it again
    _select_action(panel, 0, ActionColumn.DESCRIPTION)
    qtbot.keyClicks(panel.table, "s")  # typing starts editing the cell
    description = _focus()
    assert isinstance(description, QLineEdit)
    qtbot.keyClicks(description, "hare the audit")
    assert actions.action_row(database, action_id).description == ""
    qtbot.keyClick(description, Qt.Key.Key_S, CTRL)
    assert actions.action_row(database, action_id).description == "share the audit"
    assert _focus() is description  # the user types on
    assert later_window.statusBar().currentMessage() == "All changes are saved."


def test_n_in_the_due_cell_without_a_next_meeting_date_says_why(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    services.update_meeting(database, meetings.later, next_meeting=None)
    action_id = actions.add_action(database, meetings.later, description="x.", due=JUNE)
    panel = _show_actions(qtbot, later_window)
    _reopen(panel)
    _select_action(panel, 0, ActionColumn.DUE)
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    due = _due_editor().line_edit
    assert due.text() == "19/06/2025"
    qtbot.keyClick(due, Qt.Key.Key_N)
    assert due.text() == "19/06/2025"  # nothing changed
    assert "not known yet" in panel.report_label.text()
    assert "Next meeting" in later_window.statusBar().currentMessage()
    qtbot.keyClick(due, Qt.Key.Key_Return)
    assert actions.action_row(database, action_id).due == JUNE  # nothing changed behind it


# --- the due cell: a date typed whole ----------------------------------------------------------


def _on_due_cell(
    qtbot: QtBot, window: MainWindow, database: Database, meeting_id: int, due: dt.date | None
) -> tuple[ActionsPanel, int]:
    """A new action of ``meeting_id`` (due ``due``), the cursor on its due cell: the panel
    and the action's id."""
    action_id = actions.add_action(database, meeting_id, description="x.", due=due)
    panel = _show_actions(qtbot, window)
    _reopen(panel)  # changed by another program: the window reads it again
    _select_action(panel, 0, ActionColumn.DUE)
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
    due = _due_editor().line_edit
    assert due.selectedText() == "19/06/2025"  # typing replaces the date shown
    qtbot.keyClicks(due, "29022024")  # clamped to the 28th by a QDateEdit
    assert due.text() == "29022024"
    qtbot.keyClick(due, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: actions.action_row(database, action_id).due == dt.date(2024, 2, 29))
    panel = _panel(later_window)
    assert panel.model.index(0, ActionColumn.DUE).data() == "29/02/2024"
    assert panel.table.hasFocus()  # the editor closed, as after any other cell
    assert not panel.problem_label.isVisible()


def test_a_due_date_typed_on_the_table_starts_the_editor_and_tab_saves_it(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    panel, action_id = _on_due_cell(qtbot, later_window, database, meetings.later, None)
    qtbot.keyClicks(panel.table, "2")  # the first key opens the editor and is typed in it
    due = _due_editor().line_edit
    qtbot.keyClicks(due, "9 Nov 2025")  # the n of Nov is typed, not "next meeting"
    assert due.text() == "29 Nov 2025"
    qtbot.keyClick(due, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: actions.action_row(database, action_id).due == dt.date(2025, 11, 29))
    assert panel.table.currentIndex().column() == ActionColumn.STATUS  # on to the next cell
    assert isinstance(_focus(), QComboBox)


def test_a_due_date_that_does_not_exist_is_refused_with_the_reason_and_kept(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    action_id = _edit_due(qtbot, later_window, database, meetings.later)
    editor = _due_editor()
    qtbot.keyClicks(editor.line_edit, "31022024")
    reason = "31/02/2024 does not exist: February 2024 has 29 days."
    assert editor.problem() == reason  # said as soon as the date is whole
    qtbot.keyClick(editor.line_edit, Qt.Key.Key_Return)
    panel = _panel(later_window)
    qtbot.waitUntil(panel.problem_label.isVisible)
    assert panel.problem_label.text() == reason
    cell = panel.model.index(0, ActionColumn.DUE)
    assert cell.data() == "31022024"  # as typed, in red
    assert cell.data(Qt.ItemDataRole.ForegroundRole).color() == QColor(ERROR_COLOUR)
    assert actions.action_row(database, action_id).due == JUNE  # nothing saved

    _reactivate(qtbot, later_window)
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)  # back in it: the text to repair, one key
    editor = _due_editor()
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
    due = _due_editor().line_edit
    qtbot.keyClick(due, Qt.Key.Key_N)
    assert due.text() == "18/09/2025"
    qtbot.keyClick(due, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: actions.action_row(database, action_id).due == SEPTEMBER)
    assert actions.action_row(database, action_id).due_is_next_meeting
    assert _panel(later_window).model.index(0, ActionColumn.DUE).data() == "Next meeting"


def test_del_in_the_due_cell_is_no_date(
    qtbot: QtBot, later_window: MainWindow, database: Database, meetings: Meetings
) -> None:
    action_id = _edit_due(qtbot, later_window, database, meetings.later)
    editor = _due_editor()
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
    editor = _due_editor()
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
    qtbot.keyClicks(_due_editor().line_edit, "29-2-24")
    panel = _panel(later_window)
    panel.previous_table.setFocus(Qt.FocusReason.MouseFocusReason)  # a click elsewhere
    qtbot.waitUntil(lambda: actions.action_row(database, action_id).due == dt.date(2024, 2, 29))
    assert panel.table.state() != QAbstractItemView.State.EditingState  # the editor closed
