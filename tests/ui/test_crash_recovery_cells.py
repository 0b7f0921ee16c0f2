"""Text still in an open editor when the process dies: an action's description typed in its
cell (never left), a turn's words. The journal holds it within a fraction of a second, the
title never says "saved" meanwhile, and the next start puts it back where it was typed with
the cursor after it, so typing goes on. Each test kills the window (see
:func:`tests.ui.conftest.killed`) and opens the app again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from models import actions, attendance, services, transcript_edits
from models.database import Database
from models.interchange import read_meeting_file
from tests.conftest import TRANSCRIPT_EXAMPLE
from tests.ui import test_crash_recovery_refused
from tests.ui.conftest import MessageBoxes, focused, journal_of
from tests.ui.test_crash_recovery_refused import Restart
from ui.common.settings import Settings
from ui.editor.actions_model import ActionColumn
from ui.editor.attendees_model import AttendeeColumn
from ui.editor.meeting_editor import MeetingEditor
from ui.editor.save_state import SaveState
from ui.shell.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)

restart = test_crash_recovery_refused.restart
"""A window killed once its journal holds some texts, and the app started again (Enter)."""

CTRL = Qt.KeyboardModifier.ControlModifier
WORDS = " and the last words before the kill"


@pytest.mark.parametrize("reopened", ["the hearing", "another meeting"])
def test_a_turn_s_words_put_back_get_the_cursor_at_their_end_on_the_transcript_tab(
    qtbot: QtBot,
    restart: Restart,
    database: Database,
    sample_id: int,
    settings: Settings,
    reopened: str,
) -> None:
    """The tester's start reopened another meeting, then the hearing with the words put back:
    the Details tab came up with the cursor in the date, and ` and more` went into it."""
    meeting_id = services.import_meeting(database, read_meeting_file(TRANSCRIPT_EXAMPLE))
    window = restart.open()
    window.open_meeting(meeting_id)
    window.editor.show_tab(window.editor.transcript_tab.page, focus=True)
    turns = window.editor.transcript_tab.page.turns
    turns.list_view.setCurrentIndex(turns.model.index(1, 0))
    before = turns.turns()[1].text
    words = turns.words_edit
    words.setFocus()
    words.moveCursor(words.textCursor().MoveOperation.End)
    qtbot.keyClicks(words, WORDS)
    assert window.editor.save_state is SaveState.PENDING
    journal = restart.kill(window, before + WORDS)
    if reopened == "another meeting":
        settings.set_last_meeting_id(database.archive_key(), sample_id)
    again = restart.open()
    assert restart.enter.defaults == ["Put them back"]
    assert not journal.exists()
    item_id = services.meeting_record(database, meeting_id).agenda[0].id
    assert transcript_edits.list_turns(database, item_id)[1].text == before + WORDS
    editor = again.editor
    assert editor.save_state is SaveState.SAVED
    page = editor.transcript_tab.page
    assert editor.tabs.currentWidget() is page
    assert page.turns.list_view.currentIndex().row() == 1  # the turn that got the words
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.turns.words_edit)
    assert page.turns.words_edit.textCursor().atEnd()
    qtbot.keyClicks(page.turns.words_edit, " and more")  # typing goes on in the turn
    assert page.turns.words_edit.toPlainText().endswith(WORDS + " and more")
    assert editor.details.date_edit.text() != ""
    assert "more" not in editor.details.date_edit.text()


LONG_PAUSE = "second action long pause then crash"


def _typing_a_new_action(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Ctrl+3, Ctrl+Shift+A, the description typed and the cell never left."""
    window.editor.focus_first_field()
    qtbot.keyClick(focused(), Qt.Key.Key_3, CTRL)
    qtbot.keyClick(focused(), Qt.Key.Key_A, CTRL | Qt.KeyboardModifier.ShiftModifier)
    panel = window.editor.actions_panel
    qtbot.waitUntil(lambda: panel.table.state() == QAbstractItemView.State.EditingState)
    qtbot.keyClicks(focused(), text)


def test_an_action_s_description_still_in_its_cell_is_not_saved_yet_and_survives_a_kill(
    qtbot: QtBot, restart: Restart, database: Database, sample_id: int
) -> None:
    window = restart.open()
    _typing_a_new_action(qtbot, window, LONG_PAUSE)
    editor = window.editor
    assert editor.save_state is SaveState.PENDING
    assert not window.windowTitle().endswith("— saved")
    editor.session.flush()  # what the save timers do: the cell's text is not theirs to save
    assert editor.save_state is SaveState.PENDING
    assert not window.windowTitle().endswith("— saved")
    again = restart.kill_and_start(window, LONG_PAUSE)
    descriptions = [row.description for row in actions.list_actions_of_meeting(database, sample_id)]
    assert descriptions.count(LONG_PAUSE) == 1
    assert again.editor.save_state is SaveState.SAVED
    assert again.editor.tabs.currentWidget() is again.editor.actions_page
    assert not journal_of(again).exists()


def test_an_action_s_description_left_or_escaped_leaves_nothing_pending(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    window = sample_window
    _typing_a_new_action(qtbot, window, LONG_PAUSE)
    editor = window.editor
    journal = journal_of(window)
    qtbot.waitUntil(lambda: journal.exists() and LONG_PAUSE in journal.read_text("utf-8"))
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # left: saved, the title says so
    qtbot.waitUntil(lambda: editor.save_state is SaveState.SAVED)
    assert window.windowTitle().endswith("— saved")
    assert not journal.exists()
    descriptions = [row.description for row in actions.list_actions_of_meeting(database, sample_id)]
    assert LONG_PAUSE in descriptions
    # Typed into again and given up with Escape: the cell shows what is saved, nothing waits.
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)  # out of the owners cell Tab went on to
    panel = editor.actions_panel
    qtbot.waitUntil(lambda: panel.table.state() != QAbstractItemView.State.EditingState)
    (row,) = (r for r in actions.list_actions_of_meeting(database, sample_id)
              if r.description == LONG_PAUSE)  # fmt: skip
    number = panel.model.row_of(row.id)
    assert number is not None
    panel.table.edit(panel.model.index(number, ActionColumn.DESCRIPTION))
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    qtbot.keyClick(focused(), Qt.Key.Key_End)
    qtbot.keyClicks(focused(), " and more")
    assert editor.save_state is SaveState.PENDING
    qtbot.waitUntil(lambda: journal.exists() and "and more" in journal.read_text("utf-8"))
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: editor.save_state is SaveState.SAVED)
    assert not journal.exists()
    assert window.windowTitle().endswith("— saved")
    assert actions.list_actions_of_meeting(database, sample_id)[number].description == LONG_PAUSE


PERSON = "Sam Patel, typed and the cell never left"


# The kill here closes the meeting under the open cell's editor, which then loses the focus
# (a real kill does neither): Qt says so; nothing is committed by it.
def _type_person_in_its_cell(qtbot: QtBot, editor: MeetingEditor) -> None:
    """F2 on the fourth attendee's person and :data:`PERSON` typed, the cell left open."""
    editor.show_tab(editor.details_page)
    table = editor.attendees.table
    table.setFocus()
    table.setCurrentIndex(editor.attendees.model.index(3, AttendeeColumn.NAME))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    qtbot.keyClicks(focused(), PERSON)


@pytest.mark.qt_log_ignore("commitData called with an editor that does not belong")
def test_an_attendee_s_person_still_in_its_cell_survives_a_kill(
    qtbot: QtBot, restart: Restart, database: Database, sample_id: int
) -> None:
    window = restart.open()
    editor = window.editor
    _type_person_in_its_cell(qtbot, editor)
    assert editor.save_state is SaveState.PENDING
    editor.session.flush()  # the save timers: the open cell is not theirs to save
    assert not window.windowTitle().endswith("— saved")
    again = restart.kill_and_start(window, PERSON)
    assert attendance.list_attendees(database, sample_id)[3].name == PERSON
    assert again.editor.attendees.model.index(3, AttendeeColumn.NAME).data() == PERSON
    assert again.editor.save_state is SaveState.SAVED
    assert not journal_of(again).exists()


def test_a_person_still_in_its_cell_is_saved_when_the_meeting_is_left_without_a_question(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    message_boxes: MessageBoxes,
) -> None:
    editor = sample_window.editor
    _type_person_in_its_cell(qtbot, editor)
    assert sample_window.can_leave_meeting()  # saved, as Ctrl+Q does: nothing to ask about
    assert message_boxes.shown == []
    assert attendance.list_attendees(database, sample_id)[3].name == PERSON
