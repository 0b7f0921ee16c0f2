"""Keys found broken under a real X server (issue 14's second round): the window's commands
from inside a text field, each Details label's Alt+letter, N in an open Due editor, a single
owner completion, and a refused value's message once the value is fixed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

import pytest
from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from models import actions, services
from models.database import Database
from tests.ui.conftest import MessageBoxes
from tests.ui.test_action_owners import decline_new_organisation
from ui.editor.actions_delegate import NO_NEXT_MEETING, DueEdit
from ui.editor.actions_model import ActionColumn
from ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


class EndOfLineOnCtrlE(QObject):
    """Takes Ctrl+E's ShortcutOverride as a QLineEdit does under X11, where Ctrl+E is one of
    the standard bindings of "move to the end of the line" (the offscreen platform the
    tests run on has no such binding, so its line edits let Ctrl+E through)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        taken = (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and QKeySequence(event.keyCombination()) == QKeySequence("Ctrl+E")
        )
        if taken:
            event.accept()
        return taken


def test_ctrl_e_exports_from_the_venue_field_even_where_ctrl_e_is_end_of_line(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    """qtbot.keyClick sends the ShortcutOverride through Qt's shortcut map first, as a real
    key press does; the field takes it here as under X11 (see ``EndOfLineOnCtrlE``)."""
    venue = sample_window.editor.details.venue_edit
    x11_binding = EndOfLineOnCtrlE(venue)
    venue.installEventFilter(x11_binding)
    sample_window.activateWindow()
    qtbot.waitUntil(sample_window.isActiveWindow)
    qtbot.keyClick(sample_window, Qt.Key.Key_1, CTRL)
    venue.setFocus()
    qtbot.waitUntil(venue.hasFocus)
    qtbot.keyClick(venue, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: sample_window.export_dialog is not None)


def test_a_text_field_keeps_its_own_keys(qtbot: QtBot, sample_window: MainWindow) -> None:
    """Select all, copy and paste in a line edit are still the field's (not refused to it)."""
    venue = sample_window.editor.details.venue_edit
    sample_window.activateWindow()
    qtbot.waitUntil(sample_window.isActiveWindow)
    qtbot.keyClick(sample_window, Qt.Key.Key_1, CTRL)
    venue.setFocus()
    qtbot.waitUntil(venue.hasFocus)
    venue.setText("City Hall")
    qtbot.keyClick(venue, Qt.Key.Key_A, CTRL)
    assert venue.selectedText() == "City Hall"
    qtbot.keyClick(venue, Qt.Key.Key_C, CTRL)
    qtbot.keyClick(venue, Qt.Key.Key_End)
    qtbot.keyClick(venue, Qt.Key.Key_V, CTRL)
    assert venue.text() == "City HallCity Hall"
    assert isinstance(venue, QLineEdit)


def _inside(widget: QWidget | None, field: QWidget) -> bool:
    """Whether ``widget`` is ``field`` or one of its children (a composite field's text)."""
    while widget is not None:
        if widget is field:
            return True
        widget = widget.parentWidget()
    return False


def test_every_underlined_letter_on_the_details_tab_goes_to_its_field(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    """Alt+D (date) and Alt+I (time) left the focus where it was: the label's buddy was the
    composite date field, which takes no focus itself (its text box does)."""
    editor = sample_window.editor
    sample_window.activateWindow()
    qtbot.waitUntil(sample_window.isActiveWindow)
    qtbot.keyClick(sample_window, Qt.Key.Key_1, CTRL)
    labels = [
        label
        for label in editor.details_page.findChildren(QLabel)
        if label.buddy() is not None
        and label.isVisible()
        and not QKeySequence.mnemonic(label.text()).isEmpty()
    ]
    letters = [QKeySequence.mnemonic(label.text()) for label in labels]
    assert "Alt+D" in [letter.toString() for letter in letters]
    missed = []
    for label, letter in zip(labels, letters, strict=True):
        buddy = label.buddy()
        assert buddy is not None
        editor.attendees.table.setFocus()  # somewhere else on the tab
        qtbot.waitUntil(editor.attendees.table.hasFocus)
        qtbot.keyClick(editor.attendees.table, letter[0].key(), ALT)
        if not _inside(QApplication.focusWidget(), buddy):
            missed.append(letter.toString())
    assert missed == []


def _new_action_due_editor(qtbot: QtBot, window: MainWindow) -> DueEdit:
    """Ctrl+3, Ctrl+Shift+A, a description, Tab, Tab, Tab: the Due editor open."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    panel = window.editor.actions_panel
    qtbot.waitUntil(panel.isVisible)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, CTRL_SHIFT)
    description = QApplication.focusWidget()
    assert isinstance(description, QLineEdit)
    qtbot.keyClicks(description, "Write to the board.")
    qtbot.keyClick(description, Qt.Key.Key_Tab)
    owners = QApplication.focusWidget()
    assert isinstance(owners, QLineEdit)
    assert owners is not description
    qtbot.keyClick(owners, Qt.Key.Key_Tab)  # no owner yet
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # the item: as it is
    line = QApplication.focusWidget()
    due = line.parentWidget() if line is not None else None
    assert isinstance(due, DueEdit)
    assert panel.table.currentIndex().column() == ActionColumn.DUE
    return due


def test_a_capital_n_typed_in_an_open_due_editor_explains_a_missing_next_meeting(
    qtbot: QtBot, database: Database, open_window: Callable[[], MainWindow]
) -> None:
    """``xdotool type N`` (Shift+N) was typed as text, then refused as "not a whole date"."""
    meeting_id = services.create_meeting(database, date=dt.date(2025, 6, 19))
    window = open_window()
    assert window.editor.meeting_id == meeting_id
    due = _new_action_due_editor(qtbot, window)
    qtbot.keyClick(due.line_edit, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
    assert due.line_edit.text() == ""  # nothing typed: explained instead
    panel = window.editor.actions_panel
    assert "not known yet" in panel.report_label.text()
    qtbot.keyClick(due.line_edit, Qt.Key.Key_Tab)
    (row,) = actions.list_actions_of_meeting(database, meeting_id)
    assert row.due is None
    assert "whole date" not in panel.problem_label.text()


def test_a_lone_n_left_in_the_due_editor_is_the_next_meeting(
    qtbot: QtBot, database: Database, open_window: Callable[[], MainWindow]
) -> None:
    """However the N got into the text (the key that opened the editor, an input method),
    a lone N is the next meeting, or the reason it is not known, never "not a whole date"."""
    meeting_id = services.create_meeting(database, date=dt.date(2025, 6, 19))
    window = open_window()
    due = _new_action_due_editor(qtbot, window)
    due.line_edit.insert("N")  # as an input method commits it: no key press to see
    qtbot.keyClick(due.line_edit, Qt.Key.Key_Return)
    panel = window.editor.actions_panel
    qtbot.waitUntil(panel.problem_label.isVisible)
    assert panel.problem_label.text() == NO_NEXT_MEETING
    (row,) = actions.list_actions_of_meeting(database, meeting_id)
    assert row.due is None

    services.update_meeting(database, meeting_id, next_meeting=dt.date(2025, 9, 18))
    window.editor.open_meeting(meeting_id)
    due = _new_action_due_editor(qtbot, window)
    due.line_edit.insert("n")
    qtbot.keyClick(due.line_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(partial(_due_at_the_next_meeting, database, meeting_id))


def _due_at_the_next_meeting(database: Database, meeting_id: int) -> bool:
    """Whether an action of the meeting is due at its next meeting (18 September 2025)."""
    return any(
        row.due == dt.date(2025, 9, 18) and row.due_is_next_meeting
        for row in actions.list_actions_of_meeting(database, meeting_id)
    )


def _on_cell(
    qtbot: QtBot, window: MainWindow, database: Database, meeting_id: int, column: ActionColumn
) -> tuple[int, QModelIndex]:
    """A new action of the open meeting, the cursor on its ``column`` cell: its id and cell."""
    action_id = actions.add_action(database, meeting_id, description="x.")
    window.editor.open_meeting(meeting_id)  # added behind the window's back: read it again
    panel = window.editor.actions_panel
    panel.bring_into_view()
    qtbot.waitUntil(panel.isVisible)
    row = next(
        r
        for r in range(panel.model.rowCount())
        if panel.model.index(r, ActionColumn.DESCRIPTION).data() == "x."
    )
    cell = panel.model.index(row, column)
    panel.table.setFocus()
    panel.table.setCurrentIndex(cell)
    return action_id, cell


@pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)
@pytest.mark.parametrize(
    ("typed", "key", "highlighted", "saved"),
    [
        ("MP", Qt.Key.Key_Tab, "MPS", ("MPS",)),  # a single match, nothing highlighted before
        ("MP", Qt.Key.Key_Return, "MPS", ("MPS",)),
        ("LP", Qt.Key.Key_Return, "LP", ("LP",)),  # the exact match, not LPG listed after it
        ("MPS/MO", Qt.Key.Key_Tab, "MOPAC", ("MPS", "MOPAC")),  # the last part completes
    ],
)
def test_the_owners_list_opens_with_an_entry_that_tab_and_enter_take(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    typed: str,
    key: Qt.Key,
    highlighted: str,
    saved: tuple[str, ...],
) -> None:
    action_id, _cell = _on_cell(qtbot, sample_window, database, sample_id, ActionColumn.OWNERS)
    qtbot.keyClick(sample_window.editor.actions_panel.table, Qt.Key.Key_F2)
    owners = QApplication.focusWidget()
    assert isinstance(owners, QLineEdit)
    qtbot.keyClicks(owners, typed)
    completer = owners.completer()
    assert completer is not None
    popup = completer.popup()
    assert popup is not None
    qtbot.waitUntil(popup.isVisible)
    assert popup.currentIndex().data() == highlighted
    assert owners.text() == typed  # highlighted, not yet written into the text
    qtbot.keyClick(popup, key)
    qtbot.waitUntil(lambda: actions.action_row(database, action_id).owners == saved)


@pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)
@pytest.mark.parametrize(
    ("column", "bad", "good"),
    [(ActionColumn.DUE, "31022024", "29022024"), (ActionColumn.OWNERS, "Probation", "MPS")],
)
def test_a_refused_values_message_goes_once_the_value_is_fixed(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    column: ActionColumn,
    bad: str,
    good: str,
) -> None:
    action_id, cell = _on_cell(qtbot, sample_window, database, sample_id, column)
    panel = sample_window.editor.actions_panel
    qtbot.keyClicks(panel.table, bad[0])  # typing on the cell starts its editor
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, bad[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(panel.problem_label.isVisible)
    if column == ActionColumn.OWNERS:  # not added to the directory: refused
        decline_new_organisation(qtbot, panel)
    status = sample_window.statusBar()
    # Said in both places (the status bar may name the action and the field too).
    assert panel.problem_label.text() in status.currentMessage()
    sample_window.activateWindow()
    qtbot.waitUntil(sample_window.isActiveWindow)
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, good)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: cell.data(Qt.ItemDataRole.ForegroundRole) is None)
    row = actions.action_row(database, action_id)
    assert (row.due, row.owners) != (None, ())  # stored
    assert not panel.problem_label.isVisible()
    assert status.currentMessage() == ""


def test_next_meeting_typed_out_in_the_due_editor_keeps_its_n_and_is_the_next_meeting(
    qtbot: QtBot, database: Database, open_window: Callable[[], MainWindow]
) -> None:
    """A tester typed "next meeting" into a due cell: the N took the next meeting's date,
    the letters after it replaced the date, and "ext meeting" was refused as not a date."""
    meeting_id = services.create_meeting(database, date=dt.date(2025, 6, 19))
    services.update_meeting(database, meeting_id, next_meeting=dt.date(2025, 9, 18))
    window = open_window()
    due = _new_action_due_editor(qtbot, window)
    qtbot.keyClicks(due.line_edit, "next meeting")
    assert due.line_edit.text() == "next meeting"
    assert due.problem() == ""  # no complaint while the words are typed
    qtbot.keyClick(due.line_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(partial(_due_at_the_next_meeting, database, meeting_id))


def test_next_meeting_typed_in_capitals_keeps_its_n(
    qtbot: QtBot, database: Database, open_window: Callable[[], MainWindow]
) -> None:
    """A tester typed NEXT MEETING: xdotool presses Shift before each capital, and that key
    ended the N's chance to begin the words, so the cell read "EXT MEETING", refused."""
    meeting_id = services.create_meeting(database, date=dt.date(2025, 6, 19))
    services.update_meeting(database, meeting_id, next_meeting=dt.date(2025, 9, 18))
    window = open_window()
    due = _new_action_due_editor(qtbot, window)
    shift = Qt.KeyboardModifier.ShiftModifier
    for letter in "NEXT MEETING":
        if letter != " ":
            qtbot.keyPress(due.line_edit, Qt.Key.Key_Shift, shift)  # as a person types
        qtbot.keyClicks(
            due.line_edit, letter, shift if letter != " " else Qt.KeyboardModifier.NoModifier
        )
    assert due.line_edit.text() == "NEXT MEETING"
    qtbot.keyClick(due.line_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(partial(_due_at_the_next_meeting, database, meeting_id))


def test_next_meeting_typed_out_with_no_next_meeting_is_kept_and_refused_with_why(
    qtbot: QtBot,
    database: Database,
    open_window: Callable[[], MainWindow],
    message_boxes: MessageBoxes,
) -> None:
    meeting_id = services.create_meeting(database, date=dt.date(2025, 6, 19))
    window = open_window()
    due = _new_action_due_editor(qtbot, window)
    qtbot.keyClicks(due.line_edit, "Next meeting")
    assert due.line_edit.text() == "Next meeting"
    qtbot.keyClick(due.line_edit, Qt.Key.Key_Return)
    panel = window.editor.actions_panel
    qtbot.waitUntil(panel.problem_label.isVisible)
    assert panel.problem_label.text() == NO_NEXT_MEETING
    (row,) = actions.list_actions_of_meeting(database, meeting_id)
    assert row.due is None
    message_boxes.answer("Lose the changes")  # for the close at the end of the test


def test_n_then_a_digit_still_replaces_the_next_meeting_s_date(
    qtbot: QtBot, database: Database, open_window: Callable[[], MainWindow]
) -> None:
    """Only a letter or a space carries on from N: a date typed over it is a date."""
    meeting_id = services.create_meeting(database, date=dt.date(2025, 6, 19))
    services.update_meeting(database, meeting_id, next_meeting=dt.date(2025, 9, 18))
    window = open_window()
    due = _new_action_due_editor(qtbot, window)
    qtbot.keyClick(due.line_edit, Qt.Key.Key_N)
    assert due.line_edit.selectedText() == due.line_edit.text() != ""  # the date, selected
    qtbot.keyClicks(due.line_edit, "01102025")
    qtbot.keyClick(due.line_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: any(
            row.due == dt.date(2025, 10, 1)
            for row in actions.list_actions_of_meeting(database, meeting_id)
        )
    )
