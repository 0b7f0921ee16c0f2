"""Nothing typed dies with the process: the edits not saved yet are in the journal beside the
archive within a fraction of a second, the next start offers them back (Enter puts them back,
where they were typed), text that was in fact saved is never offered again, and a save held
up by another program's lock neither freezes the window nor waits for the next key."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from models import services
from models.database import Database
from models.edits import Kind, PendingEdits
from models.journal import JournalEntry, read_journal, write_journal
from models.meeting_doc import MeetingDoc
from tests.ui.conftest import EnterPresser, journal_of, killed
from tests.ui.conftest import saved_notes as _notes
from tests.ui.conftest import type_in_notes as _type_in_notes
from ui.editor.save_state import SAVE_WAIT_MS, SaveState
from ui.shell.flows import show_restored
from ui.shell.main_window import MainWindow

TYPED = " Typed in the last moment before the kill."


def _journal_text(journal: Path) -> str:
    entry = read_journal(journal) if journal.exists() else None
    return "".join(entry.texts()) if entry is not None else ""


def _typed_and_journaled(qtbot: QtBot, window: MainWindow, text: str) -> Path:
    """Type into the notes shown; returns the journal, once it holds the text (the save
    timers never fire: see ``no_autosave``)."""
    _type_in_notes(window.editor, text)
    journal = journal_of(window)
    qtbot.waitUntil(lambda: text in _journal_text(journal), timeout=3000)
    return journal


def test_text_typed_just_before_a_kill_is_offered_back_where_it_was_typed(
    qtbot: QtBot,
    database: Database,
    sample_id: int,
    no_autosave: None,
    enter: EnterPresser,
    open_window: Callable[[], MainWindow],
) -> None:
    window = open_window()
    item = services.meeting_record(database, sample_id).agenda[2]
    window.editor.show_item(item.id)
    journal = _typed_and_journaled(qtbot, window, TYPED)
    assert TYPED not in _notes(database, sample_id, 2)
    killed(window)

    again = open_window()
    assert enter.defaults == ["Put them back"]  # Enter puts them back ...
    assert enter.escapes == ["Put them back"]  # ... and so does Escape: neither loses text
    assert TYPED in enter.details[0]
    assert _notes(database, sample_id, 2).endswith(TYPED)
    assert not journal.exists()
    editor = again.editor
    assert editor.save_state is SaveState.SAVED
    assert editor.agenda.list_view.currentIndex().row() == 2  # the item that got the text
    assert editor.agenda.notes_edit.toPlainText().endswith(TYPED.strip())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.agenda.notes_edit)
    assert editor.agenda.notes_edit.textCursor().atEnd()


def test_the_offer_names_the_meeting_with_its_date_in_words(
    qtbot: QtBot,
    database: Database,
    sample_id: int,
    no_autosave: None,
    enter: EnterPresser,
    open_window: Callable[[], MainWindow],
) -> None:
    """As the window's title names it, not by "2025-06-19"."""
    window = open_window()
    _typed_and_journaled(qtbot, window, TYPED)
    killed(window)

    open_window()
    assert enter.texts == [
        "Changes to RRB Public Note, 19 June 2025 were not saved when the app last closed."
    ]


def test_notes_are_offered_as_words_without_their_markdown_marks(
    database: Database,
    sample_id: int,
    enter: EnterPresser,
    open_window: Callable[[], MainWindow],
) -> None:
    record = services.meeting_record(database, sample_id)
    item = record.agenda[0]
    pending = PendingEdits()
    pending.add((Kind.ITEM, item.id), title="A *starred* title", notes="**Agreed:** in April.")
    journal = Path(database.describe() + ".unsaved.json")
    write_journal(journal, JournalEntry(sample_id, record.version, "RRB", pending))

    open_window()
    assert "A *starred* title\n\nAgreed: in April.\n\n" in enter.details[0]  # a title as typed
    assert _notes(database, sample_id, 0) == "**Agreed:** in April."  # put back as kept


def test_a_save_removes_the_journal_and_saved_text_is_never_offered_again(
    qtbot: QtBot,
    database: Database,
    sample_id: int,
    no_autosave: None,
    enter: EnterPresser,
    open_window: Callable[[], MainWindow],
) -> None:
    window = open_window()
    journal = _typed_and_journaled(qtbot, window, TYPED)
    entry = read_journal(journal)
    assert entry is not None
    assert window.editor.flush()
    assert not journal.exists()
    # Killed between the save's commit and the journal's removal: the journal (based on the
    # version before the save) holds what the database holds now.
    write_journal(journal, entry)
    killed(window)

    again = open_window()
    assert enter.defaults == []  # nothing asked
    assert not journal.exists()
    assert _notes(database, sample_id, 0).endswith(TYPED)
    assert again.editor.save_state is SaveState.SAVED


def test_only_what_the_database_lacks_is_offered_back(
    database: Database,
    sample_id: int,
    enter: EnterPresser,
    open_window: Callable[[], MainWindow],
) -> None:
    record = services.meeting_record(database, sample_id)
    saved_item, lost_item = record.agenda[0], record.agenda[1]
    pending = PendingEdits()
    pending.add((Kind.ITEM, saved_item.id), notes=saved_item.notes)
    pending.add((Kind.ITEM, lost_item.id), title=lost_item.title, notes="Only in the journal.")
    journal = Path(database.describe() + ".unsaved.json")  # the earlier versions' one journal
    write_journal(journal, JournalEntry(sample_id, record.version, "RRB", pending))

    window = open_window()
    assert len(enter.details) == 1
    assert "Only in the journal." in enter.details[0]
    assert saved_item.notes[:40] not in enter.details[0]
    assert _notes(database, sample_id, 1) == "Only in the journal."
    assert window.editor.agenda.list_view.currentIndex().row() == 1


def test_two_copies_keep_their_own_journals_and_only_the_killed_ones_is_offered(
    qtbot: QtBot,
    database: Database,
    sample_id: int,
    sample_meeting: MeetingDoc,
    no_autosave: None,
    enter: EnterPresser,
    open_window: Callable[[], MainWindow],
) -> None:
    """Two windows on one archive, as two copies of the app: one's save never takes the
    other's journal, and a start offers the journal of the one killed, not the live one's."""
    earlier = sample_meeting._replace(date=dt.date(2024, 2, 29), next_meeting=None)
    other_id = services.import_meeting(database, earlier)
    first = open_window()
    assert first.editor.meeting_id == sample_id
    second = open_window()
    assert second.open_meeting(other_id)
    row = second.editor.agenda.list_view.currentIndex().row()
    first_journal = _typed_and_journaled(qtbot, first, " Typed in the first copy.")
    second_journal = _typed_and_journaled(qtbot, second, " Typed in the second copy.")
    assert first_journal != second_journal

    assert first.editor.flush()  # the first copy saves: its own journal goes, only
    assert not first_journal.exists()
    assert "Typed in the second copy." in _journal_text(second_journal)
    killed(second)
    first_journal = _typed_and_journaled(qtbot, first, " Typed again in the first copy.")

    third = open_window()
    assert len(enter.details) == 1  # the killed copy's journal, not the live one's
    assert "Typed in the second copy." in enter.details[0]
    assert "again" not in enter.details[0]
    assert _notes(database, other_id, row).endswith(" Typed in the second copy.")
    assert not second_journal.exists()
    assert third.editor.meeting_id == other_id
    assert "Typed again in the first copy." in _journal_text(first_journal)  # untouched
    assert first.editor.flush()
    assert _notes(database, sample_id, 0).endswith(" Typed again in the first copy.")
    assert not first_journal.exists()


def test_text_put_back_for_an_item_deleted_meanwhile_puts_the_cursor_in_no_other_item(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    """Put back, then shown: the item that got the text was deleted in between (another
    window). The cursor goes to the details, not into whichever item is selected instead,
    where the next key would land in the wrong notes."""
    editor = sample_window.editor
    record = services.meeting_record(database, sample_id)
    selected, gone = record.agenda[0], record.agenda[1]
    editor.show_item(selected.id)
    notes = editor.agenda.notes_edit
    notes.setFocus()
    qtbot.waitUntil(notes.hasFocus)
    notes.moveCursor(QTextCursor.MoveOperation.Start)
    services.delete_agenda_item(database, gone.id)
    pending = PendingEdits()
    pending.add((Kind.ITEM, gone.id), notes="Put back.")

    show_restored(editor, JournalEntry(sample_id, record.version, "RRB", pending))
    assert editor.tabs.currentWidget() is editor.details_page
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.details.date_edit.line_edit)
    assert editor.agenda.notes_edit.textCursor().atStart()  # the other item's text untouched
    assert editor.record is not None
    assert gone.id not in [item.id for item in editor.record.agenda]


@pytest.fixture
def locked_archive(database: Database) -> Iterator[sqlite3.Connection]:
    """Another program holds the archive's write lock (``BEGIN EXCLUSIVE``) until released."""
    other = sqlite3.connect(database.describe(), isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    yield other
    if other.in_transaction:
        other.execute("ROLLBACK")
    other.close()


def test_a_locked_archive_is_waited_for_briefly_and_saving_resumes_by_itself(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    locked_archive: sqlite3.Connection,
) -> None:
    waits: list[int] = []

    def note_wait(connection: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("UPDATE"):
            raw = connection.connection.dbapi_connection
            waits.append(int(raw.execute("PRAGMA busy_timeout").fetchone()[0]))

    event.listen(database.engine, "before_cursor_execute", note_wait)
    editor = sample_window.editor
    _type_in_notes(editor, " Typed while another program held the lock.")
    try:
        assert not editor.flush()
    finally:
        event.remove(database.engine, "before_cursor_execute", note_wait)
    assert waits
    assert max(waits) <= SAVE_WAIT_MS  # the GUI thread is never held for the 5 s default
    assert editor.save_state is SaveState.FAILED
    journal = journal_of(sample_window)
    assert "held the lock" in _journal_text(journal)

    locked_archive.execute("ROLLBACK")  # the other program lets go; nobody types or saves
    qtbot.waitUntil(lambda: editor.save_state is SaveState.SAVED, timeout=5000)
    assert _notes(database, sample_id, 0).endswith("held the lock.")
    assert not journal.exists()
    assert sample_window.windowTitle().endswith("saved")


def test_a_detail_put_back_gets_the_cursor_at_its_end(
    qtbot: QtBot,
    database: Database,
    sample_id: int,
    no_autosave: None,
    enter: EnterPresser,
    open_window: Callable[[], MainWindow],
) -> None:
    window = open_window()
    window.editor.show_tab(window.editor.details_page)
    venue = window.editor.details.venue_edit
    venue.setFocus()
    venue.end(False)
    qtbot.keyClicks(venue, ", Room 4")
    journal = journal_of(window)
    qtbot.waitUntil(lambda: journal.exists() and "Room 4" in journal.read_text(), timeout=3000)
    killed(window)

    again = open_window()
    assert enter.defaults == ["Put them back"]
    assert services.meeting_record(database, sample_id).venue.endswith(", Room 4")
    venue = again.editor.details.venue_edit
    qtbot.waitUntil(lambda: QApplication.focusWidget() is venue)  # not the list, not the date
    assert venue.cursorPosition() == len(venue.text())
    assert not venue.hasSelectedText()  # typing goes on after the text, not over it
