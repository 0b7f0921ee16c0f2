"""Ctrl+N (or Ctrl+Alt+N, a new meeting from the previous one) by mistake is taken back by
Ctrl+Z: the new meeting goes (checked in the database) and the meeting open before is shown
again; Ctrl+Shift+Z makes it again under the same ID. Typing in the new meeting is walked back
first, and a meeting holding anything undo did not take back is never deleted."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from models import attendance, services
from models.database import Database
from models.entities import AgendaItem, Attendance
from models.next_meeting import FIRST_ITEM, LAST_ITEM, PREVIOUS_CHANGED
from ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


def _key(window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier = CTRL) -> None:
    """A key pressed where the cursor is, as a person would."""
    QtBot.keyClick(QApplication.focusWidget() or window, key, modifiers)


def _ids(database: Database) -> list[int]:
    return sorted(summary.id for summary in services.list_meetings(database))


def _rows_of(database: Database, meeting_id: int) -> list[int]:
    """How many attendee and agenda item rows the database holds for a meeting."""
    with database.read() as session:
        return [
            session.scalar(select(func.count()).where(table.meeting_id == meeting_id)) or 0
            for table in (Attendance, AgendaItem)
        ]


def _row_ids(database: Database, meeting_id: int) -> tuple[list[int], list[int]]:
    """The IDs of a meeting's attendees and agenda items, in their order."""
    attendees = [row.id for row in attendance.list_attendees(database, meeting_id)]
    items = [item.id for item in services.meeting_record(database, meeting_id).agenda]
    return attendees, items


def _menu_text(window: MainWindow, *, undo: bool = True) -> str:
    history = window.editor.history
    history.name_for_focus()  # what the Edit menu does as it opens
    action = history.undo_action if undo else history.redo_action
    return action.text().replace("&", "")


def _new_meeting(window: MainWindow, modifiers: Qt.KeyboardModifier = CTRL) -> int:
    """Ctrl+N (or, with CTRL_ALT, Ctrl+Alt+N) where the cursor is: the meeting it made."""
    before = set(_ids(window.database))  # type: ignore[arg-type]  # a window with a database
    _key(window, Qt.Key.Key_N, modifiers)
    (made,) = set(_ids(window.database)) - before  # type: ignore[arg-type]  # as above
    assert window.editor.meeting_id == made
    return made


@pytest.mark.parametrize(
    ("modifiers", "step"),
    [(CTRL, "new meeting"), (CTRL_ALT, "new meeting from previous")],
    ids=["ctrl+n", "ctrl+alt+n"],
)
def test_ctrl_z_takes_a_new_meeting_back_and_redo_makes_it_again(
    qtbot: QtBot,
    database: Database,
    sample_id: int,
    sample_window: MainWindow,
    modifiers: Qt.KeyboardModifier,
    step: str,
) -> None:
    window = sample_window
    editor = window.editor
    previous = services.meeting_doc(database, sample_id)
    _key(window, Qt.Key.Key_2)  # the Agenda tab, an item chosen: shown again after the undo
    editor.agenda.list_view.setCurrentIndex(editor.agenda_model.index(2, 0))
    editor.agenda.notes_edit.setFocus()
    made = _new_meeting(window, modifiers)
    rows = _row_ids(database, made)  # Ctrl+Alt+N's copied attendees and standard items
    if modifiers == CTRL_ALT:
        assert len(rows[0]) == len(previous.attendees) > 0
        assert _titles(database, made) == [FIRST_ITEM, LAST_ITEM]
    assert _menu_text(window) == f"Undo {step}"

    _key(window, Qt.Key.Key_Z)
    assert _ids(database) == [sample_id]  # gone from the database, with its rows
    assert _rows_of(database, made) == [0, 0]
    assert services.meeting_doc(database, sample_id) == previous  # the one before untouched
    assert editor.meeting_id == sample_id  # the meeting before, where it was
    assert editor.tabs.currentWidget() is editor.agenda_page
    assert editor.agenda.list_view.currentIndex().row() == 2
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.agenda.notes_edit)
    assert _menu_text(window, undo=False) == f"Redo {step}"

    _key(window, Qt.Key.Key_Z, CTRL_SHIFT)
    assert _ids(database) == sorted([sample_id, made])  # the same ID again
    assert _row_ids(database, made) == rows  # and its rows' IDs
    assert editor.meeting_id == made
    assert window.meeting_model.summary_of(made) is not None  # listed
    _key(window, Qt.Key.Key_Z)  # and undone again
    assert _ids(database) == [sample_id]
    assert editor.meeting_id == sample_id
    assert services.meeting_doc(database, sample_id) == previous


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


@pytest.mark.parametrize("modifiers", [CTRL, CTRL_ALT], ids=["ctrl+n", "ctrl+alt+n"])
def test_a_new_meeting_changed_outside_the_undo_is_never_deleted(
    qtbot: QtBot,
    database: Database,
    sample_id: int,
    sample_window: MainWindow,
    modifiers: Qt.KeyboardModifier,
) -> None:
    window = sample_window
    made = _new_meeting(window, modifiers)
    as_made = _titles(database, made)  # none, or the two standard items
    services.add_agenda_item(database, made, "Typed in another window")  # not on this stack
    window.editor.agenda.list_view.setFocus()

    _key(window, Qt.Key.Key_Z)
    assert made in _ids(database)  # kept, with what it holds
    assert _titles(database, made) == [*as_made, "Typed in another window"]
    assert window.editor.meeting_id == made
    assert "undo did not take back" in window.editor.banner.label.text()


@pytest.mark.parametrize("modifiers", [CTRL, CTRL_ALT], ids=["ctrl+n", "ctrl+alt+n"])
def test_a_new_meeting_with_typing_held_back_is_never_deleted(
    qtbot: QtBot,
    database: Database,
    sample_id: int,
    sample_window: MainWindow,
    modifiers: Qt.KeyboardModifier,
) -> None:
    window = sample_window
    made = _new_meeting(window, modifiers)
    start = window.editor.details.start_edit.line_edit
    start.setFocus()
    start.selectAll()  # a meeting from the previous one has its start time
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


# --- Ctrl+Alt+N: a new meeting from the previous one, the same step ---------------------------


def test_typing_in_a_meeting_from_the_previous_is_undone_first_and_redone_on_the_same_item(
    qtbot: QtBot, database: Database, sample_id: int, sample_window: MainWindow
) -> None:
    window = sample_window
    editor = window.editor
    made = _new_meeting(window, CTRL_ALT)
    _key(window, Qt.Key.Key_2)
    editor.agenda.list_view.setCurrentIndex(editor.agenda_model.index(0, 0))  # Welcome & ...
    editor.agenda.notes_edit.setFocus()
    qtbot.keyClicks(editor.agenda.notes_edit, "Apologies from LP.")
    editor.agenda.list_view.setFocus()  # leaving the field saves it: one step

    def notes() -> str:
        return services.meeting_record(database, made).agenda[0].notes

    qtbot.waitUntil(lambda: notes() == "Apologies from LP.")
    assert _menu_text(window) != "Undo new meeting from previous"

    _key(window, Qt.Key.Key_Z)  # the notes first: the meeting stays
    assert notes() == ""
    assert editor.meeting_id == made
    editor.agenda.list_view.setFocus()  # out of the field the undo put the cursor in
    assert _menu_text(window) == "Undo new meeting from previous"
    _key(window, Qt.Key.Key_Z)  # then the meeting as it was made
    assert _ids(database) == [sample_id]
    assert editor.meeting_id == sample_id

    _key(window, Qt.Key.Key_Z, CTRL_SHIFT)  # the meeting again ...
    _key(window, Qt.Key.Key_Z, CTRL_SHIFT)  # ... and the notes, on the item they were typed in
    assert editor.meeting_id == made
    assert notes() == "Apologies from LP."


def test_redo_is_refused_when_the_previous_meeting_changed_meanwhile(
    qtbot: QtBot, database: Database, sample_id: int, sample_window: MainWindow
) -> None:
    window = sample_window
    made = _new_meeting(window, CTRL_ALT)
    _key(window, Qt.Key.Key_Z)
    assert _ids(database) == [sample_id]
    organisation = attendance.list_attendees(database, sample_id)[0].organisation_id
    attendance.add_attendee(database, sample_id, organisation, name="Added elsewhere")

    _key(window, Qt.Key.Key_Z, CTRL_SHIFT)  # would not be the meeting the steps above knew
    assert _ids(database) == [sample_id]
    assert _rows_of(database, made) == [0, 0]
    assert window.editor.meeting_id == sample_id
    assert PREVIOUS_CHANGED in window.editor.banner.label.text()
