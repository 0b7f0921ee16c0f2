"""An item's title too long to save (a tester pasted 12,000 characters): red, with why under
the field, the meeting "not saved"; once shortened (typed again, or Ctrl+Z in the field) it
is saved and nothing of the refusal stays: not the title bar's "not saved", not the status
bar's message, not a "Lose the changes?" at the next close about text that is gone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from models import services
from models.database import Database
from tests.ui.conftest import MessageBoxes
from ui.common.layout import ERROR_COLOUR
from ui.editor.save_state import SaveState
from ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
PASTED = "x" * 12_000
WHY = "12,000 characters; the limit is"
SHORT = "Welcome and Apologies"


def _red(qtbot: QtBot, window: MainWindow) -> bool:
    colour = window.editor.agenda.title_edit.palette().color(QPalette.ColorRole.Text)
    return bool(colour == QColor(ERROR_COLOUR))


def _pasted_into_title(qtbot: QtBot, window: MainWindow) -> None:
    """Alt+I, Ctrl+A, Ctrl+V with 12,000 characters on the clipboard; saved (refused)."""
    title = window.editor.agenda.title_edit
    window.editor.show_tab(window.editor.agenda_page)
    title.setFocus()
    QApplication.clipboard().setText(PASTED)
    qtbot.keyClick(title, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(title, Qt.Key.Key_V, CTRL)
    assert title.text() == PASTED
    qtbot.waitUntil(lambda: window.editor.save_state is SaveState.REFUSED)


@pytest.mark.parametrize("how", ["typed again", "undone in the field"])
def test_a_title_too_long_then_shortened_leaves_nothing_unsaved_behind(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    message_boxes: MessageBoxes,
    how: str,
) -> None:
    window = sample_window
    before = services.meeting_record(database, sample_id).agenda[0].title
    _pasted_into_title(qtbot, window)
    agenda = window.editor.agenda
    assert WHY in agenda.title_message.text()  # under the field, as README says
    assert agenda.title_message.isVisibleTo(window)
    assert _red(qtbot, window)
    assert WHY in window.statusBar().currentMessage()
    assert window.windowTitle().endswith("— not saved")
    assert WHY not in window.editor.details.message("title")  # not the meeting's title

    title = agenda.title_edit
    if how == "typed again":
        qtbot.keyClick(title, Qt.Key.Key_A, CTRL)
        qtbot.keyClicks(title, SHORT)
        expected = SHORT
    else:
        qtbot.keyClick(title, Qt.Key.Key_Z, CTRL)
        expected = before
    assert title.text() == expected
    qtbot.waitUntil(lambda: window.editor.save_state is SaveState.SAVED)
    assert services.meeting_record(database, sample_id).agenda[0].title == expected
    assert window.windowTitle().endswith("— saved")
    assert WHY not in window.statusBar().currentMessage()
    assert not agenda.title_message.isVisibleTo(window)
    assert not _red(qtbot, window)
    assert window.editor.unsaved_problems() == []
    assert window.can_leave_meeting()
    assert message_boxes.shown == []  # no "Lose the changes?" about text that is gone


def test_undo_elsewhere_while_the_title_is_refused_says_why_it_waits(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    """The tester's Ctrl+Z after "Keep editing" did nothing visible while the Edit menu
    offered to undo typing in the notes: the step waits for the title, and says so."""
    window = sample_window
    editor = window.editor
    notes = services.meeting_record(database, sample_id).agenda[0].notes
    editor.show_tab(editor.agenda_page)
    editor.agenda.notes_edit.setFocus()
    qtbot.keyClicks(editor.agenda.notes_edit, " More notes.")
    assert editor.flush()
    _pasted_into_title(qtbot, window)
    editor.agenda.list_view.setFocus()  # out of the title: Ctrl+Z is the meeting's
    undo = editor.history.undo_action
    assert "notes" in undo.text().casefold()
    with qtbot.waitSignal(editor.history.command_failed) as said:
        undo.trigger()
    assert "notes" in said.args[0].casefold()
    assert WHY in said.args[0]
    assert WHY in editor.banner.label.text()  # at the top, where failures are said
    assert services.meeting_record(database, sample_id).agenda[0].notes != notes  # not undone
    assert editor.agenda.title_edit.text() == PASTED  # nothing typed was lost either
    # Shortened, the title is saved, the banner goes, and Ctrl+Z takes back the notes.
    editor.agenda.title_edit.setFocus()
    qtbot.keyClick(editor.agenda.title_edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(editor.agenda.title_edit, SHORT)
    qtbot.waitUntil(lambda: editor.save_state is SaveState.SAVED)
    assert editor.banner.label.text() == ""
    editor.agenda.list_view.setFocus()
    undo.trigger()  # the title's typing first (the last step), then the notes
    undo.trigger()
    assert services.meeting_record(database, sample_id).agenda[0].notes == notes
