"""Issue 14's keys, driven as a minute-taker would, checked against the window and database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from models import attendance
from models.database import Database
from ui.common.focus_marks import FOCUS_COLOUR
from ui.shell.main_window import MainWindow
from ui.shell.shortcuts import shortcuts_markdown

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def _mark_pixels(image: QImage) -> int:
    """How many pixels are the focus mark's colour."""
    wanted = int(FOCUS_COLOUR[1:], 16)
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if image.pixel(x, y) & 0xFFFFFF == wanted
    )


def test_a_focused_button_shows_a_clear_mark(qtbot: QtBot, sample_window: MainWindow) -> None:
    attendees = sample_window.editor.attendees
    button = next(
        b
        for b in attendees._button_widgets()
        if isinstance(b, QAbstractButton) and b.isVisible() and b.isEnabled()
    )
    other = attendees.table
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    unfocused = _mark_pixels(button.grab().toImage())
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(button.hasFocus)
    focused = _mark_pixels(button.grab().toImage())
    assert unfocused == 0
    assert focused >= 2 * (button.width() + button.height())  # a frame all round
    assert QApplication.focusWidget() is button


def test_ctrl_z_right_after_copying_attendees_undoes_the_copy_from_the_text_box(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    sample_window.new_meeting_action.trigger()
    new_id = sample_window.editor.meeting_id
    assert new_id is not None
    panel = sample_window.editor.attendees
    panel.add_edit.setFocus()
    qtbot.keyClick(panel.add_edit, Qt.Key.Key_C, CTRL_SHIFT)
    copied = len(attendance.list_attendees(database, sample_id))
    qtbot.waitUntil(lambda: len(attendance.list_attendees(database, new_id)) == copied)
    assert panel.add_edit.hasFocus()  # the focus sits in a text box with nothing to undo
    assert not panel.add_edit.isUndoAvailable()
    qtbot.keyClick(panel.add_edit, Qt.Key.Key_Z, CTRL)
    assert attendance.list_attendees(database, new_id) == []
    qtbot.keyClick(panel.add_edit, Qt.Key.Key_Z, CTRL_SHIFT)  # and redo, the same way
    assert len(attendance.list_attendees(database, new_id)) == copied


def test_typing_is_undone_first_then_the_structure(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    editor = sample_window.editor
    before = len(attendance.list_attendees(database, sample_id))
    editor.attendees.table.setFocus()
    editor.attendees.table.setCurrentIndex(editor.attendees.model.index(0, 0))
    qtbot.keyClick(editor.attendees.table, Qt.Key.Key_Delete)
    assert len(attendance.list_attendees(database, sample_id)) == before - 1
    venue = editor.details.venue_edit
    venue.setFocus()
    venue.end(False)
    qtbot.keyClicks(venue, "!")
    qtbot.keyClick(venue, Qt.Key.Key_Z, CTRL)  # the typing first
    assert not venue.text().endswith("!")
    assert len(attendance.list_attendees(database, sample_id)) == before - 1
    qtbot.keyClick(venue, Qt.Key.Key_Z, CTRL)  # then the delete
    assert len(attendance.list_attendees(database, sample_id)) == before


def test_alt_g_goes_from_the_notes_to_the_agenda_list(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    editor = sample_window.editor
    editor.show_tab(editor.agenda_page, focus=True)
    editor.agenda.notes_edit.setFocus()
    qtbot.waitUntil(editor.agenda.notes_edit.hasFocus)
    qtbot.keyClick(editor.agenda.notes_edit, Qt.Key.Key_G, ALT)
    assert editor.agenda.list_view.hasFocus()


def test_alt_p_goes_to_the_previous_actions(qtbot: QtBot, sample_window: MainWindow) -> None:
    panel = sample_window.editor.actions_panel
    panel.bring_into_view()
    panel.table.setFocus()
    qtbot.waitUntil(panel.table.hasFocus)
    qtbot.keyClick(panel.table, Qt.Key.Key_P, ALT)
    assert panel.previous_table.hasFocus()


def test_every_key_in_the_shortcuts_dialog_is_in_the_readme(sample_window: MainWindow) -> None:
    """One table: the README's list is generated from the window's (scripts/shortcuts.py)."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert shortcuts_markdown(sample_window.shortcut_table()) in readme
    keys = [keys for keys, _what in sample_window.shortcut_table()]
    assert any(k.startswith("Alt+P") for k in keys)
    assert any(k.startswith("Alt+G") for k in keys)


def test_f2_on_an_attendees_organisation_renames_it_in_the_directory(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    attendees = sample_window.editor.attendees
    first = attendance.list_attendees(database, sample_id)[0]
    attendees.table.setFocus()
    attendees.table.setCurrentIndex(attendees.model.index(0, 0))  # the Organisation column
    qtbot.keyClick(attendees.table, Qt.Key.Key_F2)
    dialog = sample_window.organisations_dialog
    qtbot.waitUntil(dialog.isVisible)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    name = QApplication.focusWidget()
    assert isinstance(name, QLineEdit)
    assert name.text() == first.organisation.name
    name.selectAll()
    qtbot.keyClicks(name, "Mayor's Office for Policing and Crime (London)")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: (
            attendance.list_attendees(database, sample_id)[0].organisation.name
            == "Mayor's Office for Policing and Crime (London)"
        )
    )
    dialog.close()


def test_f2_on_a_person_cell_still_types_there(qtbot: QtBot, sample_window: MainWindow) -> None:
    attendees = sample_window.editor.attendees
    attendees.table.setFocus()
    attendees.table.setCurrentIndex(attendees.model.index(0, 2))  # Person
    qtbot.keyClick(attendees.table, Qt.Key.Key_F2)
    assert isinstance(QApplication.focusWidget(), QLineEdit)
    assert attendees.table.isAncestorOf(QApplication.focusWidget())
