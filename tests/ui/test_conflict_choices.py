"""After a conflict with another window on the same archive (W1 saved, this window, W2, acted
on the version before): "Keep mine" carries out the refused command on the meeting as it is
now, the window then shows the current state (never a stale base a later edit saves over),
the banner and the status bar say what happened in plain words, and the focus goes back to
the field the person was typing in. A refresh from elsewhere keeps the cursor where it was."""

from __future__ import annotations

import re

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from models import services
from models.database import Database
from models.services import AgendaItemRow
from tests.ui.conftest import come_back
from ui.editor.cursor_keeping import map_position
from ui.editor.meeting_editor import MeetingEditor
from ui.editor.save_state import SaveState
from ui.shell.main_window import MainWindow


def _notes(database: Database, meeting_id: int, item_id: int) -> str:
    items = services.meeting_record(database, meeting_id).agenda
    return next(item.notes for item in items if item.id == item_id)


def _type_in_notes(qtbot: QtBot, editor: MeetingEditor, text: str) -> None:
    """Keys typed at the end of the shown item's notes, as the person types them."""
    edit = editor.agenda.notes_edit
    edit.setFocus()
    edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(edit, text)


def _show_item(
    editor: MeetingEditor, elsewhere: Database, meeting_id: int, row: int
) -> AgendaItemRow:
    item = services.meeting_record(elsewhere, meeting_id).agenda[row]
    editor.show_item(item.id)
    return item


def _w1_adds_to_the_notes(
    editor: MeetingEditor, elsewhere: Database, meeting_id: int, row: int
) -> AgendaItemRow:
    """W2 (this window) shows item ``row``; W1 (another process) then saves words in its notes."""
    item = _show_item(editor, elsewhere, meeting_id, row)
    services.update_agenda_item(elsewhere, item.id, notes=item.notes + " W1 words.")
    return item


def _refused_delete(editor: MeetingEditor, elsewhere: Database, meeting_id: int) -> AgendaItemRow:
    """W2 deletes item 2 (Ctrl+Shift+Del) on the version before W1's save: refused."""
    item = _w1_adds_to_the_notes(editor, elsewhere, meeting_id, 1)
    editor.agenda.list_view.setFocus()
    editor.delete_item()
    assert editor.save_state is SaveState.CONFLICT
    return item


def _shown_ids(editor: MeetingEditor) -> list[int]:
    model = editor.agenda_model
    return [item.id for row in range(model.rowCount()) if (item := model.item_at(row))]


def _in_the_venue(qtbot: QtBot, editor: MeetingEditor) -> QLineEdit:
    """The cursor in the venue field, on the Details tab."""
    editor.show_tab(editor.details_page)
    venue = editor.details.venue_edit
    venue.setFocus()
    qtbot.waitUntil(venue.hasFocus)
    return venue


def test_keep_mine_on_a_refused_delete_deletes_it_and_says_so_plainly(
    qtbot: QtBot, sample_window: MainWindow, sample_id: int, elsewhere: Database
) -> None:
    editor = sample_window.editor
    item = _refused_delete(editor, elsewhere, sample_id)
    status = sample_window.statusBar().currentMessage()
    assert "someone else changed the meeting" in status.lower()
    assert not re.search(r"version \d+", status)  # no internal number
    banner = editor.conflict_banner
    assert "unsaved text" not in banner.label.text()
    assert "copy my text" not in banner.reload_button.text()
    assert "Delete" in banner.keep_button.text()

    banner.keep_button.click()
    ids = [row.id for row in services.meeting_record(elsewhere, sample_id).agenda]
    assert item.id not in ids  # the delete was carried out, on the current version
    assert editor.save_state is SaveState.SAVED
    assert sample_window.windowTitle().endswith("— saved")
    assert "not saved" not in sample_window.windowTitle()
    assert _shown_ids(editor) == ids
    assert "done on the meeting as it is now" in sample_window.statusBar().currentMessage().lower()


def test_keep_mine_after_a_refused_command_never_leaves_a_stale_base_to_save_over(
    qtbot: QtBot, sample_window: MainWindow, sample_id: int, elsewhere: Database
) -> None:
    editor = sample_window.editor
    item = _w1_adds_to_the_notes(editor, elsewhere, sample_id, 0)

    editor.move_item(1)  # refused: W1 saved first
    assert editor.save_state is SaveState.CONFLICT
    editor.conflict_banner.keep_button.click()
    assert services.meeting_record(elsewhere, sample_id).agenda[1].id == item.id  # moved
    assert editor.agenda.notes_editor.markdown().endswith("W1 words.")  # the current text

    _type_in_notes(qtbot, editor, " W2 words.")
    assert editor.flush()
    saved = _notes(elsewhere, sample_id, item.id)
    assert "W1 words." in saved  # W1's text was not saved over
    assert saved.endswith("W2 words.")


def test_keep_mine_says_so_when_the_refused_delete_cannot_be_done(
    qtbot: QtBot, sample_window: MainWindow, sample_id: int, elsewhere: Database
) -> None:
    editor = sample_window.editor
    item = _refused_delete(editor, elsewhere, sample_id)
    services.delete_agenda_item(elsewhere, item.id)  # and then deletes it, before the choice
    editor.conflict_banner.keep_button.click()
    status = sample_window.statusBar().currentMessage()
    assert "did not work" in status or "could not" in status
    assert "saved over" not in status
    assert item.id not in _shown_ids(editor)  # the window shows the agenda as it is now


def test_a_refresh_from_elsewhere_keeps_the_cursor_in_the_notes(
    qtbot: QtBot, sample_window: MainWindow, sample_id: int, elsewhere: Database
) -> None:
    editor = sample_window.editor
    item = _show_item(editor, elsewhere, sample_id, 0)
    edit = editor.agenda.notes_edit
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    edit.moveCursor(QTextCursor.MoveOperation.End)
    end = edit.textCursor().position()
    services.update_agenda_item(elsewhere, item.id, notes="Their start. " + item.notes)

    come_back(qtbot, sample_window)
    qtbot.waitUntil(lambda: edit.toPlainText().startswith("Their start."))
    assert edit.textCursor().position() == end + len("Their start. ")  # mapped through it
    assert edit.hasFocus()
    qtbot.keyClicks(edit, " more")
    assert edit.toPlainText().endswith(" more")


def test_after_keep_mine_the_focus_is_back_in_the_field_typed_in(
    qtbot: QtBot, sample_window: MainWindow, sample_id: int, elsewhere: Database
) -> None:
    editor = sample_window.editor
    venue = _in_the_venue(qtbot, editor)
    venue.end(False)
    qtbot.keyClicks(venue, " annexe")
    services.update_meeting(elsewhere, sample_id, theme="Their theme")
    assert not editor.flush()
    assert editor.save_state is SaveState.CONFLICT

    editor.conflict_banner.keep_button.setFocus()  # a click takes the focus to the button
    editor.conflict_banner.keep_button.click()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is venue)
    assert not venue.hasSelectedText()
    assert venue.cursorPosition() == len(venue.text())
    assert services.meeting_record(elsewhere, sample_id).venue.endswith(" annexe")


def test_after_reload_theirs_the_focus_is_back_in_the_notes(
    qtbot: QtBot, sample_window: MainWindow, sample_id: int, elsewhere: Database
) -> None:
    editor = sample_window.editor
    item = _show_item(editor, elsewhere, sample_id, 0)
    _type_in_notes(qtbot, editor, " mine")
    services.update_agenda_item(elsewhere, item.id, notes="Theirs.")
    assert not editor.flush()

    editor.conflict_banner.reload_button.setFocus()
    editor.conflict_banner.reload_button.click()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.agenda.notes_edit)
    assert editor.agenda.notes_editor.markdown() == "Theirs."


def test_show_theirs_after_a_refused_delete_keeps_the_item_and_says_it_was_not_done(
    qtbot: QtBot, sample_window: MainWindow, sample_id: int, elsewhere: Database
) -> None:
    editor = sample_window.editor
    item = _refused_delete(editor, elsewhere, sample_id)
    assert editor.conflict_banner.reload_button.text() == "Show theirs"

    editor.conflict_banner.reload_button.click()
    assert editor.save_state is SaveState.SAVED
    assert item.id in _shown_ids(editor)
    assert editor.agenda.notes_editor.markdown().endswith("W1 words.")
    assert "Not done: Delete agenda item" in sample_window.statusBar().currentMessage()


def test_a_refresh_from_elsewhere_keeps_the_cursor_in_a_details_field(
    qtbot: QtBot, sample_window: MainWindow, sample_id: int, elsewhere: Database
) -> None:
    editor = sample_window.editor
    venue = _in_the_venue(qtbot, editor)
    venue.setCursorPosition(3)
    services.update_meeting(elsewhere, sample_id, venue="The " + venue.text())

    come_back(qtbot, sample_window)
    qtbot.waitUntil(lambda: venue.text().startswith("The "))
    assert venue.cursorPosition() == 3 + len("The ")
    assert venue.hasFocus()


def test_a_cursor_is_mapped_through_a_change_elsewhere() -> None:
    old = "Alpha one. Bravo two."
    assert map_position(old, "Alpha one. Bravo two. Charlie.", 5) == 5  # added after it
    assert map_position(old, "Intro. " + old, 5) == 12  # added before it
    assert map_position(old, "Alpha 1. Bravo two.", 8) == len("Alpha 1")  # inside: its end
    assert map_position(old, "", 8) == 0
