"""Typing as steps of the meeting's undo history: a burst of typing in a field (ended by a
pause, Enter in the notes, the focus moving) is one step, Ctrl+Z walks back through the
bursts and the commands in the order they were done, each checked against the database,
and redo goes back up until something new is typed; an undo over another window's change
is a conflict, never an overwrite. Pauses are made on the editor's clock, not waited for."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QTextEdit
from pytestqt.qtbot import QtBot

from models import actions, attendance, services
from models.database import Database
from models.errors import StorageError
from models.services import MeetingRecord
from ui.editor.actions_model import ActionColumn
from ui.editor.attendees_model import AttendeeColumn
from ui.editor.meeting_editor import MeetingEditor
from ui.editor.save_state import SaveState
from ui.editor.typing_undo import BURST_PAUSE_S
from ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _saved(database: Database, meeting_id: int) -> Callable[[], MeetingRecord]:
    return lambda: services.meeting_record(database, meeting_id)


def _type_venue(qtbot: QtBot, editor: MeetingEditor, text: str) -> QLineEdit:
    """The venue replaced by ``text``, typed key by key (no venues offered: offscreen, the
    list of them would keep the window's activation, and the focus, once it closed)."""
    editor.details.set_venues([])
    editor.show_tab(editor.details_page)
    venue = editor.details.venue_edit
    venue.setFocus()
    venue.selectAll()
    qtbot.keyClicks(venue, text)
    return venue


def _undo_key(qtbot: QtBot, *, redo: bool = False) -> None:
    """Ctrl+Z (or Ctrl+Shift+Z) where the focus is, as the person presses it."""
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, Qt.Key.Key_Z, CTRL_SHIFT if redo else CTRL)


def test_venue_then_theme_then_two_ctrl_z_brings_the_venue_back(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    saved = _saved(database, sample_id)
    before = saved()
    editor = sample_window.editor
    venue = _type_venue(qtbot, editor, "Town Hall")
    qtbot.keyClick(venue, Qt.Key.Key_Tab)  # leaving the venue saves it: one step
    theme = editor.details.theme_edit
    assert theme.hasFocus()
    assert saved().venue == "Town Hall"
    assert editor.history.undo_action.text() == "&Undo typing in Venue"
    qtbot.keyClick(theme, Qt.Key.Key_End)  # Tab selected it all
    qtbot.keyClicks(theme, " and housing")
    qtbot.waitUntil(lambda: saved().theme == f"{before.theme} and housing")  # the autosave

    edit_menu = next(m.menu() for m in sample_window.menuBar().actions() if m.text() == "&Edit")
    assert isinstance(edit_menu, QMenu)
    edit_menu.aboutToShow.emit()  # as Qt does when the Edit menu opens
    assert editor.history.undo_action.text() == "&Undo typing in Theme"  # a step, not the field's
    _undo_key(qtbot)  # the theme typed first ...
    assert saved().theme == before.theme
    assert theme.text() == (before.theme or "")
    edit_menu.aboutToShow.emit()
    assert editor.history.undo_action.text() == "&Undo typing in Venue"
    _undo_key(qtbot)  # ... then the venue
    assert (saved().venue, saved().theme) == (before.venue, before.theme)
    assert venue.text() == before.venue
    assert venue.hasFocus()  # the cursor goes to what was put back
    assert not editor.history.undo_action.isEnabled()


def test_undo_then_redo_of_typing_in_the_venue(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    saved = _saved(database, sample_id)
    before = saved().venue
    editor = sample_window.editor
    venue = _type_venue(qtbot, editor, "Town Hall")
    editor.details.theme_edit.setFocus()  # the venue left
    _undo_key(qtbot)
    assert saved().venue == before
    assert editor.history.redo_action.text() == "&Redo typing in Venue"
    _undo_key(qtbot, redo=True)
    assert saved().venue == "Town Hall"
    assert venue.text() == "Town Hall"
    assert editor.history.undo_action.text() == "&Undo typing in Venue"
    assert not editor.banner.isVisible()


def test_autosaves_of_one_burst_merge_into_one_step(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    """Typed without a pause, the autosaves of a venue are one step (not one per second)."""
    saved = _saved(database, sample_id)
    before = saved().venue
    editor = sample_window.editor
    editor.bursts.clock = lambda: 100.0  # no time passes between the keys
    venue = _type_venue(qtbot, editor, "Town")
    qtbot.waitUntil(lambda: saved().venue == "Town")
    qtbot.keyClicks(venue, " Hall")
    qtbot.waitUntil(lambda: saved().venue == "Town Hall")
    qtbot.keyClicks(venue, ", room 2")
    qtbot.waitUntil(lambda: saved().venue == "Town Hall, room 2")
    assert editor.undo_stack.count() == 1
    editor.details.theme_edit.setFocus()
    _undo_key(qtbot)  # one Ctrl+Z takes back the one burst
    assert saved().venue == before
    assert editor.undo_stack.index() == 0


def test_typing_and_commands_are_undone_in_the_order_they_were_done(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    saved = _saved(database, sample_id)
    before = saved()
    editor = sample_window.editor
    _type_venue(qtbot, editor, "Town Hall")
    editor.add_item_action.trigger()  # a command: the venue is saved (a step) first
    qtbot.keyClicks(editor.agenda.title_edit, "Late item")
    editor.agenda.list_view.setFocus()
    assert [item.title for item in saved().agenda][1] == "Late item"
    assert editor.undo_stack.count() == 3

    _undo_key(qtbot)  # the title typed
    assert [item.title for item in saved().agenda][1] == ""
    _undo_key(qtbot)  # the item added
    assert saved().agenda == before.agenda
    _undo_key(qtbot)  # the venue
    assert saved().venue == before.venue


def test_notes_of_an_item_come_back_across_an_item_switch(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    saved = _saved(database, sample_id)
    before = saved().agenda
    editor = sample_window.editor
    editor.show_item(before[0].id)
    notes = editor.agenda.notes_edit
    notes.setFocus()
    notes.moveCursor(notes.textCursor().MoveOperation.End)
    qtbot.keyClicks(notes, " Agreed.")
    view = editor.agenda.list_view
    view.setFocus()
    view.setCurrentIndex(editor.agenda_model.index(2))  # to another item: the notes saved
    assert saved().agenda[0].notes.endswith("Agreed.")
    assert editor.history.undo_action.text() == "&Undo typing in Notes of item 1"

    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert saved().agenda == before
    assert editor.agenda.list_view.currentIndex().row() == 0  # shown where it happened
    assert "Agreed" not in notes.toPlainText()
    assert view.hasFocus()  # stepping back from the list: the list keeps the focus
    _undo_key(qtbot, redo=True)
    assert saved().agenda[0].notes.endswith("Agreed.")
    assert notes.toPlainText().endswith("Agreed.")


def test_a_ticked_box_is_named_in_the_edit_menu_as_a_change_not_typing(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    """Not "Undo change of Confidential of item 1": the words read after "Undo"."""
    editor = sample_window.editor
    check = editor.agenda.confidential_check
    box = QPoint(8, check.height() // 2)  # on the box (the widget is wider than its text)
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=box)
    qtbot.waitUntil(lambda: services.meeting_record(database, sample_id).agenda[0].confidential)
    qtbot.waitUntil(
        lambda: editor.history.undo_action.text() == "&Undo the change to item 1's Confidential"
    )


def test_an_action_cell_typed_in_is_undone_and_redone(
    qtbot: QtBot,
    database: Database,
    sample_id: int,
    open_window: Callable[[], MainWindow],
) -> None:
    action_id = actions.add_action(database, sample_id, description="share the audit.")
    window = open_window()
    panel = window.editor.actions_panel
    window.editor.show_tab(window.editor.actions_page)
    panel.table.setFocus()
    row = panel.model.row_of(action_id)
    assert row is not None
    panel.table.setCurrentIndex(panel.model.index(row, ActionColumn.DESCRIPTION))
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    line = QApplication.focusWidget()
    assert isinstance(line, QLineEdit)
    line.selectAll()
    qtbot.keyClicks(line, "share the final audit.")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.table.state() != panel.table.State.EditingState)
    assert actions.action_row(database, action_id).description == "share the final audit."
    undo_text = window.editor.history.undo_action.text()
    assert undo_text == f"&Undo typing in Description of action {row + 1}"

    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL)
    assert actions.action_row(database, action_id).description == "share the audit."
    assert panel.model.row_at(row) is not None
    assert panel.model.row_at(row).description == "share the audit."  # type: ignore[union-attr]
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL_SHIFT)
    assert actions.action_row(database, action_id).description == "share the final audit."


def test_an_undo_over_a_change_made_elsewhere_is_a_conflict_not_an_overwrite(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    elsewhere: Database,
    sample_id: int,
) -> None:
    editor = sample_window.editor
    _type_venue(qtbot, editor, "Town Hall")
    editor.details.theme_edit.setFocus()  # saved: a step
    assert services.meeting_record(database, sample_id).venue == "Town Hall"
    services.update_meeting(elsewhere, sample_id, venue="Committee Room")  # another window

    _undo_key(qtbot)
    assert services.meeting_record(database, sample_id).venue == "Committee Room"
    assert editor.save_state is SaveState.CONFLICT
    assert editor.conflict_banner.isVisible()
    assert "the venue" in editor.conflict_banner.label.text()
    assert not editor.history.undo_action.isEnabled()  # the step is gone, not pretended undone
    editor.conflict_banner.reload_button.click()
    assert editor.details.venue_edit.text() == "Committee Room"


def test_a_person_typed_in_the_attendee_list_is_undone(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    editor = sample_window.editor
    editor.show_tab(editor.details_page)
    table = editor.attendees.table
    table.setFocus()
    table.setCurrentIndex(editor.attendees.model.index(3, AttendeeColumn.NAME))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    cell = QApplication.focusWidget()
    assert isinstance(cell, QLineEdit)
    qtbot.keyClicks(cell, "Sam Patel ")
    qtbot.keyClick(cell, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: attendance.list_attendees(database, sample_id)[3].name is not None)
    organisation = attendance.list_attendees(database, sample_id)[3].organisation.abbreviation
    assert editor.history.undo_action.text() == f"&Undo typing in Person of {organisation}"

    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Z, CTRL)
    assert attendance.list_attendees(database, sample_id)[3].name is None
    assert editor.attendees.model.index(3, AttendeeColumn.NAME).data() in (None, "")
    qtbot.keyClick(table, Qt.Key.Key_Z, CTRL_SHIFT)
    assert attendance.list_attendees(database, sample_id)[3].name == "Sam Patel"


def test_an_undo_over_a_field_kept_from_elsewhere_is_refused_with_its_name(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    elsewhere: Database,
    sample_id: int,
) -> None:
    """After "Keep mine", the meeting's version is theirs: a step of a field they changed
    meanwhile must not put my old value back over theirs."""
    saved = _saved(database, sample_id)
    editor = sample_window.editor
    venue = _type_venue(qtbot, editor, "Town Hall")
    qtbot.keyClick(venue, Qt.Key.Key_Tab)  # a step: the venue
    services.update_meeting(elsewhere, sample_id, venue="Committee Room")  # another window
    theme = editor.details.theme_edit
    qtbot.keyClick(theme, Qt.Key.Key_End)
    qtbot.keyClicks(theme, " and housing")
    assert not editor.flush()  # the theme's save finds their change: a conflict
    editor.conflict_banner.keep_button.click()  # the theme saved over it, knowingly
    assert saved().theme.endswith(" and housing")  # type: ignore[union-attr]
    editor.agenda.list_view.setFocus()  # not a text field: the keys go to the stack

    editor.history.undo_action.trigger()  # the theme
    assert not saved().theme.endswith(" and housing")  # type: ignore[union-attr]
    editor.history.undo_action.trigger()  # the venue: theirs now, so not put back
    assert saved().venue == "Committee Room"
    assert editor.banner.isVisible()
    assert "Venue changed since, so it was left as it is" in editor.banner.label.text()
    assert not editor.history.undo_action.isEnabled()


def test_an_undone_venue_that_cannot_be_shown_again_says_so(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The undo is saved; the meeting read again to show it fails: one sentence, the same
    as after a command, and the value saved is the one before."""
    saved = _saved(database, sample_id)
    before = saved()
    editor = sample_window.editor
    venue = _type_venue(qtbot, editor, "Town Hall")
    qtbot.keyClick(venue, Qt.Key.Key_Tab)  # leaving the venue saves it: one step
    assert saved().venue == "Town Hall"

    def unreadable() -> None:
        raise StorageError("database or disk is full")

    monkeypatch.setattr(editor.session, "reload_record", unreadable)
    with qtbot.waitSignal(editor.save_failed) as failed:
        _undo_key(qtbot)
    assert failed.args == ["The meeting could not be read again (database or disk is full)."]
    assert saved().venue == before.venue


class _Clock:
    """The editor's clock for bursts of typing: time passes when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def pause(self) -> None:
        self.now += 5.0  # the tester's pause between sentences


@pytest.fixture
def clock(sample_window: MainWindow) -> _Clock:
    clock = _Clock()
    sample_window.editor.bursts.clock = clock
    return clock


def _notes_of_item_1(
    window: MainWindow, database: Database, sample_id: int
) -> tuple[QTextEdit, Callable[[], str]]:
    """The cursor at the end of item 1's notes, and a way to read them as saved."""
    editor = window.editor
    editor.show_item(services.meeting_record(database, sample_id).agenda[0].id)
    notes = editor.agenda.notes_edit
    notes.setFocus()
    notes.moveCursor(QTextCursor.MoveOperation.End)
    return notes, lambda: services.meeting_record(database, sample_id).agenda[0].notes


def _burst(
    qtbot: QtBot, notes: QTextEdit, saved: Callable[[], str], clock: _Clock, text: str
) -> None:
    """``text`` typed at the cursor, saved by the autosave, then a pause."""
    expected = saved() + text
    qtbot.keyClicks(notes, text)
    qtbot.waitUntil(lambda: saved() == expected)
    clock.pause()


def test_three_bursts_in_the_notes_are_three_ctrl_z_and_three_redos(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int, clock: _Clock
) -> None:
    """The tester's case: three sentences typed with pauses between them; each Ctrl+Z takes
    back one sentence (in the database too), each Ctrl+Shift+Z brings one back."""
    notes, notes_saved = _notes_of_item_1(sample_window, database, sample_id)
    start = notes_saved()
    said = [" The pilot ends in May.", " MOPAC will report.", " Agreed."]
    versions = [start]
    for sentence in said:
        _burst(qtbot, notes, notes_saved, clock, sentence)
        versions.append(versions[-1] + sentence)

    for expected in reversed(versions[:-1]):  # three Ctrl+Z: one sentence each
        _undo_key(qtbot)
        assert notes_saved() == expected
        assert notes.toPlainText().endswith(expected[-20:])
        assert notes.hasFocus()
    for expected in versions[1:]:  # three Ctrl+Shift+Z: one sentence each, back
        _undo_key(qtbot, redo=True)
        assert notes_saved() == expected
        assert notes.textCursor().atEnd()  # after the sentence put back, as in Word
    assert notes.toPlainText().endswith("MOPAC will report. Agreed.")


def test_ctrl_z_right_after_typing_takes_back_only_the_burst_not_yet_saved(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int, clock: _Clock
) -> None:
    """Ctrl+Z pressed before the autosave: what is typed is saved first, then taken back
    alone; the burst before it stays."""
    notes, notes_saved = _notes_of_item_1(sample_window, database, sample_id)
    start = notes_saved()
    _burst(qtbot, notes, notes_saved, clock, " First.")
    qtbot.keyClicks(notes, " Second.")
    _undo_key(qtbot)  # at once: the second burst is still only on screen
    assert notes_saved() == start + " First."
    assert notes.toPlainText().endswith("First.")
    _undo_key(qtbot)
    assert notes_saved() == start


def test_enter_in_the_notes_starts_a_step_of_its_own(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int, clock: _Clock
) -> None:
    """A stray Enter (and what follows it without a pause) is one Ctrl+Z: the paragraph
    typed before it, in the same breath, stays."""
    editor = sample_window.editor
    notes, notes_saved = _notes_of_item_1(sample_window, database, sample_id)
    start = notes_saved()
    blocks = notes.document().blockCount()
    qtbot.keyClicks(notes, " Agreed")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    qtbot.keyClicks(notes, "Next")
    qtbot.waitUntil(lambda: notes_saved().endswith("Next"))  # a new list item, saved
    assert editor.undo_stack.count() == 2
    _undo_key(qtbot)
    assert notes_saved() == start + " Agreed"
    assert notes.document().blockCount() == blocks
    _undo_key(qtbot)
    assert notes_saved() == start
    _undo_key(qtbot, redo=True)
    assert notes_saved() == start + " Agreed"


def test_typing_after_an_undo_ends_the_redo_but_loses_no_text(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int, clock: _Clock
) -> None:
    editor = sample_window.editor
    notes, notes_saved = _notes_of_item_1(sample_window, database, sample_id)
    start = notes_saved()
    _burst(qtbot, notes, notes_saved, clock, " One.")
    _burst(qtbot, notes, notes_saved, clock, " Two.")
    _undo_key(qtbot)
    assert notes_saved() == start + " One."
    notes.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(notes, "!")
    qtbot.waitUntil(lambda: notes_saved() == start + " One.!")
    assert not editor.history.redo_action.isEnabled()  # the redo is gone ...
    _undo_key(qtbot)  # ... and the next Ctrl+Z takes back the "!" alone
    assert notes_saved() == start + " One."


def test_bursts_in_a_line_field_are_steps_too(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int, clock: _Clock
) -> None:
    """The venue (a line edit) as the notes: its own undo would take back the whole stay, so
    Ctrl+Z goes to the steps, one burst each."""
    saved = _saved(database, sample_id)
    before = saved().venue
    editor = sample_window.editor
    venue = _type_venue(qtbot, editor, "Town Hall")
    qtbot.waitUntil(lambda: saved().venue == "Town Hall")
    clock.pause()
    qtbot.keyClicks(venue, ", room 2")
    qtbot.waitUntil(lambda: saved().venue == "Town Hall, room 2")
    _undo_key(qtbot)
    assert saved().venue == "Town Hall"
    assert venue.text() == "Town Hall"
    assert venue.hasFocus()
    _undo_key(qtbot)
    assert saved().venue == before
    _undo_key(qtbot, redo=True)
    _undo_key(qtbot, redo=True)
    assert saved().venue == "Town Hall, room 2"


def test_an_autoformat_is_a_step_of_its_own_so_ctrl_z_gives_the_typing_back(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int, clock: _Clock
) -> None:
    """As in Word: "- " typed at the start of a paragraph makes it a bullet, and Ctrl+Z gives
    back the characters typed, not the whole burst; the next Ctrl+Z takes them back too."""
    notes, notes_saved = _notes_of_item_1(sample_window, database, sample_id)
    start = notes_saved()
    qtbot.keyClick(notes, Qt.Key.Key_Home, CTRL)  # the first paragraph's start
    qtbot.keyClicks(notes, "- ")
    assert notes.textCursor().block().textList() is not None  # a bullet now
    _undo_key(qtbot)
    assert notes.textCursor().block().textList() is None
    assert notes.toPlainText().startswith("- MOPAC welcomed")
    assert notes_saved().replace("\\", "") == f"- {start}"  # saved as typed (escaped)
    _undo_key(qtbot)
    assert notes_saved() == start


def test_a_hesitation_shorter_than_the_pause_does_not_cut_the_burst(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int, clock: _Clock
) -> None:
    saved = _saved(database, sample_id)
    editor = sample_window.editor
    venue = _type_venue(qtbot, editor, "Town")
    qtbot.waitUntil(lambda: saved().venue == "Town")
    clock.now += BURST_PAUSE_S * 0.9  # a hesitation: the same burst
    qtbot.keyClicks(venue, " Hall")
    qtbot.waitUntil(lambda: saved().venue == "Town Hall")
    assert editor.undo_stack.count() == 1
    clock.now += BURST_PAUSE_S  # a pause: the next key starts another
    qtbot.keyClicks(venue, ", room 2")
    qtbot.waitUntil(lambda: saved().venue == "Town Hall, room 2")
    assert editor.undo_stack.count() == 2
