"""A hearing's agenda item deleted from the keyboard: asked first (a whole transcript goes at
one key), and Ctrl+Z brings back every turn, in order, with its speaker and words; the
item the first turn makes shows in the Agenda tab at once. Checked in the database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from models import services, transcript_edits
from models.database import Database
from models.entities import Turn
from models.enums import LayoutStyle
from tests.ui.conftest import MessageBoxes, focused
from tests.ui.test_transcript_typing import CTRL, CTRL_SHIFT, _key, _speaker, _type
from ui.shell.main_window import MainWindow

ALT = Qt.KeyboardModifier.AltModifier
SOPHIE = "Sophie Linden (Deputy Mayor for Policing and Crime) (Co-Chair)"
REBECCA = "Rebecca Lawrence (Chief Executive Officer)"


def _hearing(database: Database) -> int:
    """A hearing with its panel and no item yet, as a new one is."""
    meeting_id = services.create_meeting(
        database, date=dt.date(2017, 2, 27), style=LayoutStyle.HEARING_TRANSCRIPT
    )
    transcript_edits.add_member(
        database,
        meeting_id,
        "Sophie Linden",
        role="Deputy Mayor for Policing and Crime",
        chair=True,
    )
    transcript_edits.add_member(
        database, meeting_id, "Rebecca Lawrence", role="Chief Executive Officer"
    )
    return meeting_id


def _turns_in(database: Database) -> int:
    with database.read() as session:
        return session.scalar(select(func.count(Turn.id))) or 0


def _saved_turns(database: Database, meeting_id: int) -> list[tuple[object, ...]]:
    """Every turn of the meeting, in order: ID, speaker, words, member."""
    return [
        (turn.id, turn.position, turn.speaker, turn.text, turn.member_id)
        for item in services.meeting_record(database, meeting_id).agenda
        for turn in transcript_edits.list_turns(database, item.id)
    ]


def _saved_by_ctrl_s(
    qtbot: QtBot, window: MainWindow, database: Database
) -> list[tuple[object, ...]]:
    """Ctrl+S, and the turns of the open meeting once saved (see _saved_turns)."""
    _key(qtbot, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not window.editor.has_pending_edits())
    meeting_id = window.editor.meeting_id
    assert meeting_id is not None
    return _saved_turns(database, meeting_id)


def _first_turn(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+4, Ctrl+Enter and Sophie's label: the hearing's first turn, and its item."""
    _key(qtbot, Qt.Key.Key_4, CTRL)
    _key(qtbot, Qt.Key.Key_Return, CTRL)
    _speaker(qtbot, window, "soph")


def test_an_item_deleted_with_its_turns_comes_back_whole_with_ctrl_z(
    qtbot: QtBot,
    database: Database,
    open_window: Callable[[], MainWindow],
    message_boxes: MessageBoxes,
) -> None:
    meeting_id = _hearing(database)
    window = open_window()
    editor = window.editor
    assert editor.meeting_id == meeting_id
    assert editor.agenda_model.rowCount() == 0
    window.meeting_list.setFocus()
    _first_turn(qtbot, window)
    # The first turn made the untitled item: the Agenda tab shows it at once, selected,
    # and the cursor stays in the words.
    assert editor.agenda_model.rowCount() == 1
    assert editor.agenda.list_view.currentIndex().row() == 0
    turns = editor.transcript_tab.page.turns
    assert focused() is turns.words_edit
    _type(qtbot, "Shall we start?")
    _key(qtbot, Qt.Key.Key_Return)
    _type(qtbot, "Thank you for coming.")
    _key(qtbot, Qt.Key.Key_Return)
    _key(qtbot, Qt.Key.Key_Return)  # Enter twice: the next turn
    _speaker(qtbot, window, "rl")
    _type(qtbot, "I am Rebecca Lawrence.")
    _key(qtbot, Qt.Key.Key_Return, CTRL_SHIFT)  # an editorial note
    _type(qtbot, "At this point the sound recording was lost")
    _key(qtbot, Qt.Key.Key_Return, CTRL)
    _type(qtbot, "Kerry Bishop (Witness)")  # not a member: Enter keeps the label as typed
    _key(qtbot, Qt.Key.Key_Return)
    _type(qtbot, "I was there.")
    typed = _saved_by_ctrl_s(qtbot, window, database)
    assert [turn[2:4] for turn in typed] == [
        (SOPHIE, "Shall we start?\n\nThank you for coming."),
        (REBECCA, "I am Rebecca Lawrence."),
        (None, "[At this point the sound recording was lost]"),
        ("Kerry Bishop (Witness)", "I was there."),
    ]
    item_id = services.meeting_record(database, meeting_id).agenda[0].id

    # Quit and start again, then Ctrl+2, Alt+G (the agenda list) and Del.
    assert window.close()
    window = open_window()
    editor = window.editor
    assert editor.meeting_id == meeting_id
    _key(qtbot, Qt.Key.Key_2, CTRL)
    _key(qtbot, Qt.Key.Key_G, ALT)
    view = editor.agenda.list_view
    assert focused() is view
    message_boxes.answer("Delete item and turns")
    _key(qtbot, Qt.Key.Key_Delete)
    asked = message_boxes.last
    assert asked.text == "Delete agenda item 1, “Untitled item”, and its transcript?"
    assert "Its 4 transcript turns and its notes go with it; Ctrl+Z brings" in asked.detail
    assert services.meeting_record(database, meeting_id).agenda == ()
    assert _turns_in(database) == 0
    assert window.statusBar().currentMessage() == (
        "Deleted agenda item 1, “Untitled item”, with its notes and 4 transcript turns"
        " (Ctrl+Z brings them back)."
    )
    assert focused() is view

    _key(qtbot, Qt.Key.Key_Z, CTRL)
    assert _saved_turns(database, meeting_id) == typed  # same IDs, order, speakers, words
    assert services.meeting_record(database, meeting_id).agenda[0].id == item_id
    assert len(services.meeting_doc(database, meeting_id).agenda[0].turns) == 4
    assert editor.agenda_model.item_ids() == [item_id]
    assert editor.transcript_tab.page.turns.model.rowCount() == 4

    # Redo deletes them again without asking (it was answered), undo brings them back again.
    _key(qtbot, Qt.Key.Key_Z, CTRL_SHIFT)
    assert _turns_in(database) == 0
    assert editor.agenda_model.rowCount() == 0
    assert editor.transcript_tab.page.turns.model.rowCount() == 0
    assert len(message_boxes.shown) == 1
    _key(qtbot, Qt.Key.Key_Z, CTRL)
    assert _saved_turns(database, meeting_id) == typed


def _press_on_the_box(qtbot: QtBot, key: Qt.Key, seen: list[str]) -> QTimer:
    """Press ``key`` on the real message box once it shows (its text goes to ``seen``)."""
    timer = QTimer()
    timer.setSingleShot(True)

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            timer.start(10)  # not shown yet
            return
        seen.append(box.text())
        qtbot.keyClick(box, key)

    timer.timeout.connect(press)
    timer.start(10)
    return timer


def _back_to(qtbot: QtBot, window: MainWindow) -> None:
    """The window active again once the box is gone (offscreen, nothing gives it back)."""
    with qtbot.waitActive(window):
        window.activateWindow()


def test_the_question_is_answered_by_key_enter_keeping_the_item(
    qtbot: QtBot,
    database: Database,
    open_window: Callable[[], MainWindow],
    message_boxes: MessageBoxes,
) -> None:
    meeting_id = _hearing(database)
    item_id = services.add_agenda_item(database, meeting_id, "Justice Matters")
    transcript_edits.add_turn(database, item_id, SOPHIE, "Shall we start?")
    window = open_window()
    editor = window.editor
    editor.agenda.list_view.setFocus()
    message_boxes.real = True
    seen: list[str] = []
    kept = _press_on_the_box(qtbot, Qt.Key.Key_Return, seen)  # the default: keep it
    _key(qtbot, Qt.Key.Key_Delete)
    assert seen == ["Delete agenda item 1, “Justice Matters”, and its transcript?"]
    assert [item.id for item in services.meeting_record(database, meeting_id).agenda] == [item_id]
    assert _turns_in(database) == 1
    assert not editor.undo_stack.canUndo()
    assert editor.focusWidget() is editor.agenda.list_view  # back where Del was pressed
    _back_to(qtbot, window)

    deleted = _press_on_the_box(qtbot, Qt.Key.Key_D, seen)  # D: Delete item and turns
    _key(qtbot, Qt.Key.Key_Delete)
    assert len(seen) == 2
    assert services.meeting_record(database, meeting_id).agenda == ()
    assert _turns_in(database) == 0
    _back_to(qtbot, window)
    _key(qtbot, Qt.Key.Key_Z, CTRL)
    assert _turns_in(database) == 1
    kept.stop()
    deleted.stop()


def test_undoing_the_first_turn_takes_its_item_out_of_the_agenda_at_once(
    qtbot: QtBot, database: Database, open_window: Callable[[], MainWindow]
) -> None:
    meeting_id = _hearing(database)
    window = open_window()
    editor = window.editor
    window.meeting_list.setFocus()
    _first_turn(qtbot, window)
    assert editor.agenda_model.rowCount() == 1
    turns = editor.transcript_tab.page.turns
    turns.list_view.setFocus()
    _key(qtbot, Qt.Key.Key_Z, CTRL)  # the new turn, and the item it made
    assert services.meeting_record(database, meeting_id).agenda == ()
    assert editor.agenda_model.rowCount() == 0
    assert turns.model.rowCount() == 0
    _key(qtbot, Qt.Key.Key_Z, CTRL_SHIFT)
    assert len(services.meeting_record(database, meeting_id).agenda) == 1
    assert editor.agenda_model.rowCount() == 1
    assert turns.model.rowCount() == 1


def test_redoing_a_turn_brings_back_its_words_and_its_id(
    qtbot: QtBot, database: Database, open_window: Callable[[], MainWindow]
) -> None:
    """Ctrl+Z then Ctrl+Shift+Z on a new turn: the same turn (and the same item, for the
    first) with the words typed into it, not a new empty one."""
    meeting_id = _hearing(database)
    window = open_window()
    editor = window.editor
    window.meeting_list.setFocus()
    _first_turn(qtbot, window)
    _type(qtbot, "Shall we start?")
    _key(qtbot, Qt.Key.Key_Return)
    _key(qtbot, Qt.Key.Key_Return)
    _speaker(qtbot, window, "rl")
    _type(qtbot, "I am Rebecca Lawrence.")
    typed = _saved_by_ctrl_s(qtbot, window, database)
    assert [turn[2:4] for turn in typed] == [
        (SOPHIE, "Shall we start?"),
        (REBECCA, "I am Rebecca Lawrence."),
    ]
    item_id = services.meeting_record(database, meeting_id).agenda[0].id
    turns = editor.transcript_tab.page.turns
    turns.list_view.setFocus()
    _key(qtbot, Qt.Key.Key_Z, CTRL)  # Rebecca's turn
    assert _saved_turns(database, meeting_id) == typed[:1]
    _key(qtbot, Qt.Key.Key_Z, CTRL)  # Sophie's, and the item it made
    assert _turns_in(database) == 0
    assert editor.agenda_model.rowCount() == 0
    _key(qtbot, Qt.Key.Key_Z, CTRL_SHIFT)
    assert editor.agenda_model.item_ids() == [item_id]
    assert _saved_turns(database, meeting_id) == typed[:1]
    _key(qtbot, Qt.Key.Key_Z, CTRL_SHIFT)
    assert _saved_turns(database, meeting_id) == typed
    assert [turn.text for turn in turns.turns()] == ["Shall we start?", "I am Rebecca Lawrence."]


def test_redoing_a_new_member_brings_back_the_same_member(
    qtbot: QtBot, database: Database, open_window: Callable[[], MainWindow]
) -> None:
    """Later steps name the member by ID (C marks a co-chair): redone, it is the same one."""
    meeting_id = _hearing(database)
    window = open_window()
    window.meeting_list.setFocus()
    _key(qtbot, Qt.Key.Key_4, CTRL)
    members = window.editor.transcript_tab.page.members
    assert focused() is members.name_edit
    _type(qtbot, "Michael Lockwood")
    _key(qtbot, Qt.Key.Key_Return)
    rows = transcript_edits.list_members(database, meeting_id)
    assert [m.name for m in rows][-1] == "Michael Lockwood"
    # Another hearing's member, added since: the next ID (SQLite's) is not his any more.
    other = services.create_meeting(
        database, date=dt.date(2017, 3, 6), style=LayoutStyle.HEARING_TRANSCRIPT
    )
    assert transcript_edits.add_member(database, other, "Kerry Bishop") > rows[-1].id
    members.table.setFocus()
    members.table.selectRow(2)
    _key(qtbot, Qt.Key.Key_C)  # a co-chair: a step naming him
    _key(qtbot, Qt.Key.Key_Z, CTRL)
    _key(qtbot, Qt.Key.Key_Z, CTRL)
    assert len(transcript_edits.list_members(database, meeting_id)) == 2
    _key(qtbot, Qt.Key.Key_Z, CTRL_SHIFT)
    _key(qtbot, Qt.Key.Key_Z, CTRL_SHIFT)
    again = transcript_edits.list_members(database, meeting_id)[-1]
    assert (again.id, again.name, again.chair) == (rows[-1].id, "Michael Lockwood", True)
