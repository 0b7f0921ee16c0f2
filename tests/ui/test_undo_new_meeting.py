"""Ctrl+N by mistake is taken back by Ctrl+Z: the new meeting goes (checked in the database)
and the meeting open before is shown again; Ctrl+Shift+Z makes it again under the same ID.
Typing in the new meeting is walked back first, and a meeting holding anything undo did not
take back is never deleted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from models import services
from models.database import Database
from ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _key(window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier = CTRL) -> None:
    """A key pressed where the cursor is, as a person would."""
    QtBot.keyClick(QApplication.focusWidget() or window, key, modifiers)


def _ids(database: Database) -> list[int]:
    return sorted(summary.id for summary in services.list_meetings(database))


def _menu_text(window: MainWindow, *, undo: bool = True) -> str:
    history = window.editor.history
    history.name_for_focus()  # what the Edit menu does as it opens
    action = history.undo_action if undo else history.redo_action
    return action.text().replace("&", "")


def _new_meeting(window: MainWindow) -> int:
    before = set(_ids(window.database))  # type: ignore[arg-type]  # a window with a database
    _key(window, Qt.Key.Key_N)
    (made,) = set(_ids(window.database)) - before  # type: ignore[arg-type]  # as above
    assert window.editor.meeting_id == made
    return made


def test_ctrl_z_takes_a_new_meeting_back_and_redo_makes_it_again(
    qtbot: QtBot, database: Database, sample_id: int, sample_window: MainWindow
) -> None:
    window = sample_window
    editor = window.editor
    _key(window, Qt.Key.Key_2)  # the Agenda tab, an item chosen: shown again after the undo
    editor.agenda.list_view.setCurrentIndex(editor.agenda_model.index(2, 0))
    editor.agenda.notes_edit.setFocus()
    made = _new_meeting(window)
    assert _menu_text(window) == "Undo new meeting"

    _key(window, Qt.Key.Key_Z)
    assert _ids(database) == [sample_id]  # gone from the database
    assert editor.meeting_id == sample_id  # the meeting before, where it was
    assert editor.tabs.currentWidget() is editor.agenda_page
    assert editor.agenda.list_view.currentIndex().row() == 2
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.agenda.notes_edit)
    assert _menu_text(window, undo=False) == "Redo new meeting"

    _key(window, Qt.Key.Key_Z, CTRL_SHIFT)
    assert _ids(database) == sorted([sample_id, made])  # the same ID again
    assert editor.meeting_id == made
    assert window.meeting_model.summary_of(made) is not None  # listed
    _key(window, Qt.Key.Key_Z)  # and undone again
    assert _ids(database) == [sample_id]
    assert editor.meeting_id == sample_id


def test_typing_in_the_new_meeting_is_undone_first_then_the_meeting(
    qtbot: QtBot, database: Database, sample_id: int, sample_window: MainWindow
) -> None:
    window = sample_window
    made = _new_meeting(window)
    venue = window.editor.details.venue_edit
    venue.setFocus()
    qtbot.keyClicks(venue, "City Hall")
    window.editor.agenda.list_view.setFocus()  # leaving the field saves it: one step
    qtbot.waitUntil(lambda: services.meeting_record(database, made).venue == "City Hall")
    assert _menu_text(window) != "Undo new meeting"

    _key(window, Qt.Key.Key_Z)  # the venue first: the meeting stays
    assert services.meeting_record(database, made).venue == ""
    assert window.editor.meeting_id == made
    window.editor.agenda.list_view.setFocus()  # out of the field the undo put the cursor in
    assert _menu_text(window) == "Undo new meeting"

    _key(window, Qt.Key.Key_Z)  # then the empty meeting
    assert _ids(database) == [sample_id]
    assert window.editor.meeting_id == sample_id


def test_a_new_meeting_changed_outside_the_undo_is_never_deleted(
    qtbot: QtBot, database: Database, sample_id: int, sample_window: MainWindow
) -> None:
    window = sample_window
    made = _new_meeting(window)
    services.add_agenda_item(database, made, "Typed in another window")  # not on this stack
    window.editor.agenda.list_view.setFocus()

    _key(window, Qt.Key.Key_Z)
    assert made in _ids(database)  # kept, with what it holds
    assert _titles(database, made) == ["Typed in another window"]
    assert window.editor.meeting_id == made
    assert "undo did not take back" in window.editor.banner.label.text()


def test_a_new_meeting_with_typing_held_back_is_never_deleted(
    qtbot: QtBot, database: Database, sample_id: int, sample_window: MainWindow
) -> None:
    window = sample_window
    made = _new_meeting(window)
    start = window.editor.details.start_edit.line_edit
    start.setFocus()
    qtbot.keyClicks(start, "14:")  # not a time yet: held back on screen, not saved
    window.editor.agenda.list_view.setFocus()

    _key(window, Qt.Key.Key_Z)
    assert made in _ids(database)
    assert window.editor.meeting_id == made
    assert start.text() == "14:"
    assert "not saved yet" in window.editor.banner.label.text()
    window.editor.discard_unsaved()  # closing the window would ask about it


def test_a_new_meeting_from_the_welcome_page_goes_back_to_it(
    qtbot: QtBot, database: Database, window: MainWindow
) -> None:
    made = _new_meeting(window)
    _key(window, Qt.Key.Key_Z)
    assert _ids(database) == []
    assert window.editor.meeting_id is None
    _key(window, Qt.Key.Key_Z, CTRL_SHIFT)
    assert _ids(database) == [made]
    assert window.editor.meeting_id == made


def _titles(database: Database, meeting_id: int) -> list[str]:
    return [item.title for item in services.meeting_record(database, meeting_id).agenda]
