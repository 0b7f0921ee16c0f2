"""An action's owners typed in the window, checked against the database: a refused owner
is kept as typed, shown as an error, keeps the meeting "not saved", and every way of leaving
the meeting asks first; an abbreviation with a slash in it is an owner like any other."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLineEdit, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from models import actions, organisations, services
from models.backups import make_backup
from models.database import Database
from tests.ui.conftest import MessageBoxes, focused
from ui.backups.backups_dialog import BackupsDialog, take_restore_request
from ui.common.layout import ERROR_COLOUR
from ui.editor.actions_model import REFUSED_ROLE, ActionColumn
from ui.editor.actions_panel import ActionsPanel
from ui.editor.save_state import SaveState
from ui.editor.session import EditSession
from ui.shell.main_window import MainWindow

# The offscreen platform says these when the owners field shows its completion list.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
DESCRIPTION = "review the data sharing agreement"
NOT_A_DATE = "29/02/2025 does not exist: 2025 is not a leap year."
UNKNOWN_OWNER = (
    "No organisation has the abbreviation “zzq”. Owners are organisations (e.g. MPS/MOPAC);"
    " press Enter in the cell to add it, or add it in Organisations (Ctrl+Shift+O)."
)


def _type(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def _key(qtbot: QtBot, key: Qt.Key, modifiers: Qt.KeyboardModifier = CTRL ^ CTRL) -> None:
    qtbot.keyClick(focused(), key, modifiers)


def _add_action(qtbot: QtBot, window: MainWindow, owners: str, due: str = "") -> ActionsPanel:
    """What the tester typed: Ctrl+3, Ctrl+Shift+A, the description, Tab, the owners, Tab,
    Tab (past the item), the due date, Tab."""
    window.editor.focus_first_field()
    _key(qtbot, Qt.Key.Key_3, CTRL)
    _key(qtbot, Qt.Key.Key_A, CTRL_SHIFT)
    panel = window.editor.actions_panel
    qtbot.waitUntil(panel.isVisible)
    _type(qtbot, DESCRIPTION)
    _key(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, owners)
    _key(qtbot, Qt.Key.Key_Tab)
    if "zzq" in owners:  # no organisation: its offer declined, back on the cell in red
        decline_new_organisation(qtbot, panel)
        _key(qtbot, Qt.Key.Key_Right)
        _key(qtbot, Qt.Key.Key_Right)
        _key(qtbot, Qt.Key.Key_F2)
    else:
        _key(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, due)
    _key(qtbot, Qt.Key.Key_Tab)
    return panel


def decline_new_organisation(qtbot: QtBot, panel: ActionsPanel) -> None:
    """Esc on the offer to add an owner the directory lacks (the cell keeps it, refused)."""
    qtbot.waitUntil(lambda: panel.owner_dialog is not None)
    dialog = panel.owner_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: panel.owner_dialog is None)
    qtbot.waitUntil(panel.table.hasFocus)


def _added(database: Database, meeting_id: int) -> actions.ActionRow:
    (row,) = (
        row
        for row in actions.list_actions_of_meeting(database, meeting_id)
        if row.description == DESCRIPTION
    )
    return row


def _owners_cell(panel: ActionsPanel, database: Database, meeting_id: int) -> QModelIndex:
    row = panel.model.row_of(_added(database, meeting_id).id)
    assert row is not None
    return panel.model.index(row, ActionColumn.OWNERS)


def _refused_typing(
    qtbot: QtBot, window: MainWindow, database: Database, meeting_id: int
) -> ActionsPanel:
    panel = _add_action(qtbot, window, "MPS/zzq", "29022025")
    qtbot.waitUntil(lambda: UNKNOWN_OWNER in panel.problem_label.text())
    return panel


def test_an_unknown_owner_is_kept_as_typed_shown_in_red_and_the_title_says_not_saved(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    message_boxes: MessageBoxes,
) -> None:
    panel = _refused_typing(qtbot, sample_window, database, sample_id)
    # Both reasons are said at once, not the owner's only once the date is fixed.
    assert NOT_A_DATE in panel.problem_label.text()
    cell = _owners_cell(panel, database, sample_id)
    assert cell.data() == "MPS/zzq"  # exactly what was typed
    assert cell.data(REFUSED_ROLE) is True
    assert cell.data(Qt.ItemDataRole.ForegroundRole).color() == QColor(ERROR_COLOUR)
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == f"Not saved: {UNKNOWN_OWNER}"
    # Red in the selected row too, where the selection's colours used to hide it.
    assert panel.table.selectionModel().isRowSelected(cell.row())
    option = QStyleOptionViewItem()
    panel.delegate.initStyleOption(option, cell)
    highlighted = option.palette.color(QPalette.ColorRole.HighlightedText)
    assert highlighted == QColor(ERROR_COLOUR)
    assert sample_window.windowTitle().endswith("— not saved")
    row = _added(database, sample_id)
    assert (row.owners, row.due) == ((), None)  # nothing half-saved
    assert UNKNOWN_OWNER in sample_window.statusBar().currentMessage()
    message_boxes.answer("Lose the changes")  # for the close at the end of the test


def test_once_every_refused_cell_is_corrected_the_meeting_is_saved(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    panel = _refused_typing(qtbot, sample_window, database, sample_id)
    cell = _owners_cell(panel, database, sample_id)
    panel.table.setFocus()
    panel.table.setCurrentIndex(cell)
    _key(qtbot, Qt.Key.Key_F2)
    owners = focused()
    assert isinstance(owners, QLineEdit)
    assert owners.text() == "MPS/zzq"  # the next edit starts from what was typed
    owners.selectAll()
    _type(qtbot, "MPS/GLA")
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _added(database, sample_id).owners == ("MPS", "GLA"))
    assert sample_window.windowTitle().endswith("— not saved")  # the date is still refused
    assert panel.problem_label.text() == NOT_A_DATE
    # Offscreen, the closed completion list stays the active window (a desktop gives the
    # activation back); a user would be typing in the window.
    with qtbot.waitActive(sample_window):
        sample_window.activateWindow()
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(cell.row(), ActionColumn.DUE))
    _key(qtbot, Qt.Key.Key_F2)
    _key(qtbot, Qt.Key.Key_Home)
    _key(qtbot, Qt.Key.Key_Delete)
    _key(qtbot, Qt.Key.Key_Delete)
    _type(qtbot, "28")
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _added(database, sample_id).due == dt.date(2025, 2, 28))
    assert sample_window.windowTitle().endswith("— saved")
    assert not panel.problem_label.isVisible()


def test_opening_another_meeting_asks_first_and_keep_editing_keeps_the_typing(
    qtbot: QtBot,
    database: Database,
    sample_id: int,
    open_window: Callable[[], MainWindow],
    message_boxes: MessageBoxes,
) -> None:
    older = services.create_meeting(database, date=dt.date(2020, 1, 1))
    sample_window = open_window()
    panel = _refused_typing(qtbot, sample_window, database, sample_id)

    message_boxes.answer("Keep editing")
    _key(qtbot, Qt.Key.Key_O, CTRL)
    assert sample_window.meeting_list.hasFocus()
    sample_window.archive.select_meeting(older)
    _key(qtbot, Qt.Key.Key_Return)

    assert message_boxes.last.title == "Unsaved changes"
    assert UNKNOWN_OWNER in message_boxes.last.detail
    assert NOT_A_DATE in message_boxes.last.detail
    # Nothing to save again (the values need correcting): the question offers no such thing.
    assert set(message_boxes.last.buttons) == {"Keep editing", "Lose the changes"}
    assert message_boxes.last.detail.endswith(
        "Keep the window open to correct them, or leave the meeting and lose them?"
    )
    assert sample_window.editor.meeting_id == sample_id
    assert _owners_cell(panel, database, sample_id).data() == "MPS/zzq"

    message_boxes.answer("Lose the changes")
    sample_window.meeting_list.setFocus()
    sample_window.archive.select_meeting(older)  # the highlight went back to the open one
    _key(qtbot, Qt.Key.Key_Return)
    assert sample_window.editor.meeting_id == older
    assert not panel.problem_label.isVisible()
    assert sample_window.windowTitle().endswith("— saved")


@pytest.mark.parametrize("way", ["new meeting", "quit"])
def test_every_other_way_of_leaving_the_meeting_asks_first(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    message_boxes: MessageBoxes,
    way: str,
) -> None:
    panel = _refused_typing(qtbot, sample_window, database, sample_id)
    message_boxes.answer("Keep editing")
    if way == "new meeting":
        _key(qtbot, Qt.Key.Key_N, CTRL)
    else:
        assert not sample_window.close()
    assert message_boxes.last.title == "Unsaved changes"
    assert sample_window.isVisible()
    assert sample_window.editor.meeting_id == sample_id
    assert _owners_cell(panel, database, sample_id).data() == "MPS/zzq"
    message_boxes.answer("Lose the changes")  # for the close at the end of the test


def test_restoring_a_backup_asks_first(
    qtbot: QtBot,
    db_path: Path,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    message_boxes: MessageBoxes,
) -> None:
    make_backup(db_path)
    _refused_typing(qtbot, sample_window, database, sample_id)
    dialog = BackupsDialog(db_path, sample_window)
    qtbot.addWidget(dialog)
    message_boxes.answer("Restore backup", "Keep editing")
    dialog.restore_button.click()
    assert message_boxes.last.title == "Unsaved changes"
    assert sample_window.isVisible()
    assert take_restore_request() is None  # nothing is put in place
    message_boxes.answer("Lose the changes")  # for the close at the end of the test


@pytest.fixture
def slash_window(
    database: Database, sample_id: int, open_window: Callable[[], MainWindow]
) -> MainWindow:
    """The sample meeting open, with an organisation whose abbreviation has a slash in it
    (the directory, Ctrl+Shift+O, accepts one)."""
    organisations.add_organisation(database, "Youth Offending, Teams & Partners", "YOT, L&P/2")
    window = open_window()
    assert window.editor.meeting_id == sample_id
    return window


def test_an_abbreviation_with_a_slash_is_an_owner_typed_in_the_window(
    qtbot: QtBot, slash_window: MainWindow, database: Database, sample_id: int
) -> None:
    window = slash_window
    panel = _add_action(qtbot, window, "MPS/YOT, L&P/2")
    qtbot.waitUntil(lambda: _added(database, sample_id).owners == ("MPS", "YOT, L&P/2"))
    assert not panel.problem_label.isVisible()
    assert _owners_cell(panel, database, sample_id).data() == "MPS/YOT, L&P/2"
    assert window.windowTitle().endswith("— saved")


def test_owners_complete_an_abbreviation_with_a_slash_in_it(
    qtbot: QtBot, slash_window: MainWindow, database: Database, sample_id: int
) -> None:
    window = slash_window
    window.editor.focus_first_field()
    _key(qtbot, Qt.Key.Key_3, CTRL)
    _key(qtbot, Qt.Key.Key_A, CTRL_SHIFT)
    _key(qtbot, Qt.Key.Key_Tab)
    owners = focused()
    assert isinstance(owners, QLineEdit)
    _type(qtbot, "MPS/YOT, L&P/")
    completer = owners.completer()
    assert completer is not None
    qtbot.waitUntil(completer.popup().isVisible)
    assert completer.currentCompletion() == "MPS/YOT, L&P/2"
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: any(
            row.owners == ("MPS", "YOT, L&P/2")
            for row in actions.list_actions_of_meeting(database, sample_id)
        )
    )


def test_the_session_holds_refused_cells_back_until_they_go(
    qtbot: QtBot, database: Database, sample_id: int
) -> None:
    """The edit session's side: a refused cell makes the meeting "not saved" and a flush
    (what leaving asks) fail; other refusals (a detail's) are not touched by the cells'."""
    session = EditSession(database)
    session.open(services.meeting_record(database, sample_id))
    with qtbot.waitSignal(session.problem_changed):
        session.hold_back({"action-cell:1:OWNERS": "No organisation…"}, under="action-cell:")
    assert session.state is SaveState.REFUSED
    assert not session.flush()
    session.refused["start"] = "“17:” is not a time."
    session.hold_back({}, under="action-cell:")
    assert session.refused == {"start": "“17:” is not a time."}
    assert session.state is SaveState.REFUSED
    del session.refused["start"]
    session.hold_back({}, under="action-cell:")
    assert session.state is SaveState.SAVED
    assert session.flush()
