"""Keys typed while a menu is open are the menu's: they never run a list's command.

Seen under X: on the Actions tab, Alt+A opened the Agenda menu and the letters typed next
marked MOPAC "apologies" in the attendee list of the Details tab, out of sight. The list's
P, A, X, F2 and Del are in the Edit menu; while a menu is open the menu bar holds the
keyboard focus, and Qt counts a key of an action in one of its menus as the menu bar's own.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from models import attendance
from models.database import Database
from models.enums import AttendanceStatus
from tests.ui.conftest import focused
from ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def _keys_go_to() -> QWidget:
    """Where a key goes: the open menu, else the focused widget (as under X)."""
    return QApplication.activePopupWidget() or focused()


def _statuses(database: Database, meeting_id: int) -> list[tuple[str, AttendanceStatus]]:
    rows = attendance.list_attendees(database, meeting_id)
    return [(row.organisation.abbreviation, row.status) for row in rows]


def _new_meeting_with_mopac(qtbot: QtBot, window: MainWindow, database: Database) -> int:
    """Ctrl+N, then MOPAC added as an attendee from the box on the Details tab."""
    qtbot.keyClick(focused(), Qt.Key.Key_N, CTRL)
    meeting_id = window.editor.meeting_id
    assert meeting_id is not None
    qtbot.keyClick(focused(), Qt.Key.Key_T, CTRL_SHIFT)
    assert focused() is window.editor.attendees.add_edit
    qtbot.keyClicks(focused(), "MOPAC")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: _statuses(database, meeting_id) == [("MOPAC", AttendanceStatus.PRESENT)]
    )
    return meeting_id


def test_letters_typed_in_a_menu_opened_on_the_actions_tab_leave_the_attendees_alone(
    qtbot: QtBot, sample_window: MainWindow, database: Database
) -> None:
    meeting_id = _new_meeting_with_mopac(qtbot, sample_window, database)
    qtbot.keyClick(focused(), Qt.Key.Key_3, CTRL)  # the Actions tab
    assert sample_window.editor.tabs.currentWidget() is sample_window.editor.actions_page
    qtbot.keyClick(focused(), Qt.Key.Key_A, ALT)  # the Agenda menu
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))

    for key in "send apologies, pax":
        qtbot.keyClicks(_keys_go_to(), key)

    assert _statuses(database, meeting_id) == [("MOPAC", AttendanceStatus.PRESENT)]
    assert sample_window.editor.tabs.currentWidget() is sample_window.editor.actions_page


def test_a_menu_opened_by_mouse_over_the_attendee_list_keeps_its_letters(
    qtbot: QtBot, sample_window: MainWindow, database: Database
) -> None:
    meeting_id = _new_meeting_with_mopac(qtbot, sample_window, database)
    table = sample_window.editor.attendees.table
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # from the box into the list, MOPAC selected
    assert focused() is table
    bar = sample_window.menuBar()
    edit = next(action for action in bar.actions() if action.text() == "&Edit")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(edit).center())
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    assert focused() is table  # a click leaves the focus where it was

    qtbot.keyClick(_keys_go_to(), Qt.Key.Key_A)
    qtbot.keyClick(_keys_go_to(), Qt.Key.Key_X)

    assert _statuses(database, meeting_id) == [("MOPAC", AttendanceStatus.PRESENT)]


def test_the_list_keys_still_work_in_the_list_and_from_the_menu(
    qtbot: QtBot, sample_window: MainWindow, database: Database
) -> None:
    meeting_id = _new_meeting_with_mopac(qtbot, sample_window, database)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClick(focused(), Qt.Key.Key_A)
    qtbot.waitUntil(
        lambda: _statuses(database, meeting_id) == [("MOPAC", AttendanceStatus.APOLOGIES)]
    )
    qtbot.keyClick(focused(), Qt.Key.Key_3, CTRL)
    sample_window.editor.attendees.absent_action.trigger()  # Edit > Mark absent, clicked

    qtbot.waitUntil(lambda: _statuses(database, meeting_id) == [("MOPAC", AttendanceStatus.ABSENT)])


def test_the_focus_given_to_a_widget_out_of_sight_brings_its_tab_forward(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    editor = sample_window.editor
    qtbot.keyClick(focused(), Qt.Key.Key_3, CTRL)
    assert editor.actions_page.isAncestorOf(focused())

    editor.attendees.table.setFocus()  # on the Details tab, hidden (Qt lets it take the focus)

    assert editor.tabs.currentWidget() is editor.details_page
    assert focused() is editor.attendees.table
    assert editor.attendees.table.isVisible()  # its keys go to a list in sight


def test_a_list_key_with_alt_from_the_menu_bar_leaves_the_list_alone(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    before = _statuses(database, sample_id)
    qtbot.keyClick(focused(), Qt.Key.Key_3, CTRL)
    assert sample_window.editor.attendees.move_down_action.isEnabled()
    qtbot.keyClick(focused(), Qt.Key.Key_Alt)  # the menu bar takes the keyboard
    assert focused() is sample_window.menuBar()

    qtbot.keyClick(focused(), Qt.Key.Key_Down, ALT)  # Alt+Down: "Move attendee down"

    assert _statuses(database, sample_id) == before
