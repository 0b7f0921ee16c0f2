"""After a conflict with another window on the same archive (W1 saved, this window, W2, acted
on the version before): "Keep mine" carries out the refused command on the meeting as it is
now, the window then shows the current state (never a stale base a later edit saves over),
the banner and the status bar say what happened in plain words, and the focus goes back to
the field the person was typing in. An action cell refused for the conflict is saved by "Keep
mine" as typed text is. A refresh from elsewhere keeps the cursor where it was."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from models import actions, services
from models.actions import ActionRow
from models.database import Database
from models.enums import ActionStatus
from models.services import AgendaItemRow
from tests.ui.conftest import MessageBoxes, come_back
from tests.ui.test_action_owners import decline_new_organisation
from ui.common.layout import ERROR_COLOUR
from ui.editor.actions_model import ActionColumn
from ui.editor.actions_panel import ActionsPanel
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


# --- action cells ------------------------------------------------------------------------------


def _actions_shown(qtbot: QtBot, editor: MeetingEditor) -> ActionsPanel:
    editor.show_tab(editor.actions_page)
    panel = editor.actions_panel
    qtbot.waitUntil(panel.table.isVisible)
    return panel


def _type_in_cell(
    qtbot: QtBot, panel: ActionsPanel, row: int, column: ActionColumn, text: str
) -> None:
    """F2 on a cell, its text replaced by ``text``, Enter: as the person edits a cell."""
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(row, column))
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    line = QApplication.focusWidget()
    assert isinstance(line, QLineEdit)
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.table.state() != QAbstractItemView.State.EditingState)


def _refused_description(
    qtbot: QtBot, editor: MeetingEditor, elsewhere: Database, meeting_id: int, text: str
) -> tuple[ActionsPanel, ActionRow]:
    """W1 saves the venue; W2 (this window) then retypes the first action's description, on
    the version before: refused for the conflict, kept in its cell."""
    panel = _actions_shown(qtbot, editor)
    action = actions.list_actions_of_meeting(elsewhere, meeting_id)[0]
    services.update_meeting(elsewhere, meeting_id, venue="Their venue")
    _type_in_cell(qtbot, panel, 0, ActionColumn.DESCRIPTION, text)
    assert editor.save_state is SaveState.CONFLICT
    assert actions.action_row(elsewhere, action.id).description == action.description
    cell = panel.model.index(0, ActionColumn.DESCRIPTION)
    assert cell.data() == text  # not lost meanwhile
    assert _in_red(cell)
    return panel, action


def _in_red(cell: QModelIndex) -> bool:
    """Whether a cell shows a refused value (red)."""
    brush = cell.data(Qt.ItemDataRole.ForegroundRole)
    return isinstance(brush, QBrush) and brush.color() == QColor(ERROR_COLOUR)


def test_keep_mine_saves_a_refused_action_cell_on_the_meeting_as_it_is_now(
    qtbot: QtBot, sample_window: MainWindow, sample_id: int, elsewhere: Database
) -> None:
    editor = sample_window.editor
    mine = "Mine: bring the borough map to the next meeting."
    panel, action = _refused_description(qtbot, editor, elsewhere, sample_id, mine)

    editor.conflict_banner.keep_button.click()
    assert actions.action_row(elsewhere, action.id).description == mine  # in the database
    assert services.meeting_record(elsewhere, sample_id).venue == "Their venue"  # theirs kept
    assert editor.save_state is SaveState.SAVED
    assert sample_window.windowTitle().endswith("— saved")
    cell = panel.model.index(panel.model.row_of(action.id) or 0, ActionColumn.DESCRIPTION)
    assert cell.data() == mine
    assert not _in_red(cell)  # no longer refused
    assert not panel.problem_label.isVisible()
    assert editor.details.venue_edit.text() == "Their venue"  # the rest as it is now


@pytest.mark.parametrize(
    ("column", "value", "field", "saved"),
    [
        (ActionColumn.OWNERS, "MOPAC", "owners", ("MOPAC",)),
        (ActionColumn.DUE, dt.date(2025, 12, 11), "due", dt.date(2025, 12, 11)),
        (ActionColumn.STATUS, ActionStatus.DROPPED, "status", ActionStatus.DROPPED),
    ],
)
def test_keep_mine_saves_each_kind_of_refused_action_cell(
    qtbot: QtBot,
    sample_window: MainWindow,
    sample_id: int,
    elsewhere: Database,
    column: ActionColumn,
    value: Any,
    field: str,
    saved: Any,
) -> None:
    editor = sample_window.editor
    panel = _actions_shown(qtbot, editor)
    action = actions.list_actions_of_meeting(elsewhere, sample_id)[0]
    assert getattr(action, field) != saved
    services.update_meeting(elsewhere, sample_id, venue="Their venue")
    assert panel.model.setData(panel.model.index(0, column), value)  # what its editor hands in
    assert editor.save_state is SaveState.CONFLICT

    editor.conflict_banner.keep_button.click()
    assert getattr(actions.action_row(elsewhere, action.id), field) == saved
    assert editor.save_state is SaveState.SAVED
    row = panel.model.row_of(action.id)
    assert row is not None
    assert getattr(panel.model.row_at(row), field) == saved  # the window shows it


def test_keep_mine_says_plainly_when_the_refused_cell_s_action_was_deleted(
    qtbot: QtBot, sample_window: MainWindow, sample_id: int, elsewhere: Database
) -> None:
    editor = sample_window.editor
    mine = "Mine: words for an action deleted meanwhile."
    panel, action = _refused_description(qtbot, editor, elsewhere, sample_id, mine)
    actions.delete_action(elsewhere, action.id)  # and then W1 deletes it, before the choice

    editor.conflict_banner.keep_button.click()
    assert editor.save_state is SaveState.SAVED  # not a conflict again, and again
    said = sample_window.statusBar().currentMessage()
    assert "deleted" in said
    assert "not saved" in said
    assert "clipboard" in said
    assert said == panel.problem_label.text()  # and under the table, until the next edit
    assert mine in QGuiApplication.clipboard().text()  # what was typed is not lost
    assert action.id not in [
        row.id for row in actions.list_actions_of_meeting(elsewhere, sample_id)
    ]


def test_reload_theirs_after_a_refused_action_cell_copies_it_and_shows_theirs(
    qtbot: QtBot, sample_window: MainWindow, sample_id: int, elsewhere: Database
) -> None:
    editor = sample_window.editor
    mine = "Mine: not wanted after all."
    panel, action = _refused_description(qtbot, editor, elsewhere, sample_id, mine)

    editor.conflict_banner.reload_button.click()
    assert actions.action_row(elsewhere, action.id).description == action.description
    assert editor.save_state is SaveState.SAVED
    assert mine in QGuiApplication.clipboard().text()
    cell = panel.model.index(panel.model.row_of(action.id) or 0, ActionColumn.DESCRIPTION)
    assert cell.data() == action.description
    assert not editor.has_pending_edits()  # a later save does not bring it back


def test_a_refused_action_cell_a_rule_refuses_once_kept_goes_back_to_its_cell_with_why(
    qtbot: QtBot, sample_window: MainWindow, sample_id: int, elsewhere: Database
) -> None:
    editor = sample_window.editor
    panel = _actions_shown(qtbot, editor)
    action = actions.list_actions_of_meeting(elsewhere, sample_id)[0]
    services.update_meeting(elsewhere, sample_id, venue="Their venue")
    assert panel.model.setData(panel.model.index(0, ActionColumn.DUE), actions.NEXT_MEETING)
    assert editor.save_state is SaveState.CONFLICT
    services.update_meeting(elsewhere, sample_id, next_meeting=None)  # W1 again, before the choice

    editor.conflict_banner.keep_button.click()
    assert actions.action_row(elsewhere, action.id).due == action.due
    assert "no next meeting date" in panel.problem_label.text()  # why, where it was typed
    assert editor.save_state is SaveState.SAVED  # not held back for ever, nor saved later
    assert not editor.has_pending_edits()
    said = sample_window.statusBar().currentMessage()
    assert "not saved: This meeting has no next meeting date yet" in said
    assert "saved over" not in said


def test_keep_mine_saves_a_held_cell_beside_one_a_rule_refused_and_shows_the_meeting_as_now(
    qtbot: QtBot,
    sample_window: MainWindow,
    sample_id: int,
    elsewhere: Database,
    message_boxes: MessageBoxes,
) -> None:
    """A cell a rule refused (an unknown owner) stays red and "not saved"; it neither stops
    Keep mine saving the cell refused for the conflict nor keeps the window from showing
    the meeting as it is now."""
    editor = sample_window.editor
    panel = _actions_shown(qtbot, editor)
    action = actions.list_actions_of_meeting(elsewhere, sample_id)[0]
    _type_in_cell(qtbot, panel, 0, ActionColumn.OWNERS, "zzq")
    decline_new_organisation(qtbot, panel)  # not added to the directory: refused
    owners = panel.model.index(0, ActionColumn.OWNERS)
    qtbot.waitUntil(lambda: _in_red(owners))
    assert editor.save_state is SaveState.REFUSED
    mine = "Mine: bring the borough map to the next meeting."
    services.update_meeting(elsewhere, sample_id, venue="Their venue")
    _type_in_cell(qtbot, panel, 0, ActionColumn.DESCRIPTION, mine)
    assert editor.save_state is SaveState.CONFLICT

    editor.conflict_banner.keep_button.click()
    saved = actions.action_row(elsewhere, action.id)
    assert (saved.description, saved.owners) == (mine, action.owners)  # the owner not saved
    assert editor.details.venue_edit.text() == "Their venue"  # the meeting as it is now
    row = panel.model.row_of(action.id) or 0
    assert not _in_red(panel.model.index(row, ActionColumn.DESCRIPTION))
    owners = panel.model.index(row, ActionColumn.OWNERS)
    assert (owners.data(), _in_red(owners)) == ("zzq", True)  # still as typed, in red
    assert editor.save_state is SaveState.REFUSED
    assert sample_window.windowTitle().endswith("— not saved")
    message_boxes.answer("Lose the changes")  # for the close at the end of the test


def test_a_cursor_is_mapped_through_a_change_elsewhere() -> None:
    old = "Alpha one. Bravo two."
    assert map_position(old, "Alpha one. Bravo two. Charlie.", 5) == 5  # added after it
    assert map_position(old, "Intro. " + old, 5) == 12  # added before it
    assert map_position(old, "Alpha 1. Bravo two.", 8) == len("Alpha 1")  # inside: its end
    assert map_position(old, "", 8) == 0
    assert map_position(old, old + " Theirs.", len(old)) == len(old + " Theirs.")  # at the end
