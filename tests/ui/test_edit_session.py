"""The edit session (issue 8, issue 15 item 5): saved within a second while typing goes on,
a meeting changed underneath is a conflict the person decides, an open loads in a handful
of queries, and unsaved work is never closed away or lost with the process."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from models import services
from models.changes import MeetingChange, Part
from models.database import Database
from models.edits import Kind
from models.errors import StorageError
from models.journal import read_journal
from tests.ui.conftest import MessageBoxes
from tests.ui.conftest import saved_notes as _notes
from tests.ui.conftest import type_in_notes as _type_in_notes
from ui.archive.archive_model import Column
from ui.common.settings import Settings
from ui.editor.save_state import SAVE_WAIT_MS, SaveState
from ui.editor.session import MAX_WAIT_MS
from ui.shell.flows import search_could_change
from ui.shell.main_window import MainWindow

_real_update_agenda_item = services.update_agenda_item


@pytest.fixture
def other_window(database: Database) -> Iterator[Database]:
    """A second connection to the same file: another window or copy of the app."""
    other = Database.open(database.describe())
    yield other
    other.close()


# --- durability ----------------------------------------------------------------------------


def test_typing_without_a_pause_is_saved_before_it_stops(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    editor = sample_window.editor
    editor.show_item(services.meeting_record(database, sample_id).agenda[0].id)
    keys = iter(range(1000))
    typist = QTimer()
    typist.setInterval(MAX_WAIT_MS // 10)  # far quicker than the debounce ever lets fire
    typist.timeout.connect(lambda: _type_in_notes(editor, f" w{next(keys)}"))
    typist.start()
    try:
        # Saved while the keys keep coming: the debounce alone would never fire.
        qtbot.waitUntil(lambda: " w3" in _notes(database, sample_id, 0), timeout=3000)
        assert typist.isActive()
    finally:
        typist.stop()


def test_the_meeting_and_item_being_edited_are_remembered_at_once(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int,
    settings: Settings,
) -> None:  # fmt: skip
    item = services.meeting_record(database, sample_id).agenda[2]
    sample_window.editor.show_item(item.id)
    settings.sync()
    assert settings.last_meeting_id(database.archive_key()) == sample_id
    assert settings.last_item_id(database.archive_key()) == item.id
    # After a crash (no closeEvent), a new window comes back there.
    window = MainWindow(database, settings)
    qtbot.addWidget(window)
    assert window.editor.meeting_id == sample_id
    current = window.editor.agenda.list_view.currentIndex()
    assert window.editor.agenda_model.item_at(current.row()).id == item.id  # type: ignore[union-attr]


def test_notes_become_markdown_when_saved_not_on_every_key(
    qtbot: QtBot, sample_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = sample_window.editor
    conversions: list[int] = []
    real = editor.agenda.notes_editor.markdown

    def counted() -> str:
        conversions.append(1)
        return real()

    monkeypatch.setattr(editor.agenda.notes_editor, "markdown", counted)
    for word in ("one ", "two ", "three ", "four "):
        _type_in_notes(editor, word)
    assert not conversions
    assert editor.flush()
    assert len(conversions) == 1


# --- conflicts -----------------------------------------------------------------------------


def test_a_meeting_changed_elsewhere_is_a_conflict_and_the_text_stays(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    other_window: Database,
    sample_id: int,
) -> None:
    editor = sample_window.editor
    first = services.meeting_record(database, sample_id).agenda[0]
    editor.show_item(first.id)
    services.update_meeting(other_window, sample_id, venue="City Hall")  # the other window
    _type_in_notes(editor, " My words.")
    assert not editor.flush()
    assert editor.save_state is SaveState.CONFLICT
    assert editor.conflict_banner.isVisibleTo(sample_window)
    assert "the venue" in editor.conflict_banner.label.text()
    assert "My words." in editor.agenda.notes_editor.markdown()
    assert "My words." not in _notes(database, sample_id, 0)
    assert sample_window.windowTitle().endswith("— not saved")

    editor.conflict_banner.keep_button.click()  # overwrite knowingly
    assert editor.save_state is SaveState.SAVED
    assert _notes(database, sample_id, 0).endswith("My words.")
    assert services.meeting_record(database, sample_id).venue == "City Hall"  # theirs kept
    assert editor.details.venue_edit.text() == "City Hall"


def test_reloading_theirs_puts_my_text_on_the_clipboard(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    other_window: Database,
    sample_id: int,
) -> None:
    editor = sample_window.editor
    item = services.meeting_record(database, sample_id).agenda[1]
    editor.show_item(item.id)
    services.update_agenda_item(other_window, item.id, notes="Their version.")
    _type_in_notes(editor, " Mine, not saved.")
    assert not editor.flush()
    editor.conflict_banner.reload_button.click()
    assert editor.save_state is SaveState.SAVED
    assert editor.agenda.notes_editor.markdown() == "Their version."
    assert "Mine, not saved." in QGuiApplication.clipboard().text()
    assert "clipboard" in sample_window.statusBar().currentMessage()


DELETED_ITEM_WORDS = " Words for a deleted item."


def _typed_into_an_item_deleted_elsewhere(
    window: MainWindow, database: Database, other_window: Database, meeting_id: int
) -> None:
    """Item 2 shown here, deleted in the other window, then typed into here: a conflict."""
    editor = window.editor
    item = services.meeting_record(database, meeting_id).agenda[1]
    editor.show_item(item.id)
    services.delete_agenda_item(other_window, item.id)
    _type_in_notes(editor, DELETED_ITEM_WORDS)
    assert not editor.flush()
    assert editor.save_state is SaveState.CONFLICT


def _notes_with_the_deleted_item_s_words(database: Database, meeting_id: int) -> int:
    notes = [row.notes for row in services.meeting_record(database, meeting_id).agenda]
    return sum(text.endswith(DELETED_ITEM_WORDS) for text in notes)


def test_typing_into_an_item_deleted_elsewhere_never_says_saved(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    other_window: Database,
    sample_id: int,
) -> None:
    editor = sample_window.editor
    _typed_into_an_item_deleted_elsewhere(sample_window, database, other_window, sample_id)
    assert "deleted" in editor.conflict_banner.label.text()
    editor.keep_mine()  # the item comes back, with the text typed into it
    assert _notes_with_the_deleted_item_s_words(database, sample_id) == 1


def test_keep_mine_puts_a_deleted_item_back_waiting_briefly_for_a_lock_held_elsewhere(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    other_window: Database,
    sample_id: int,
) -> None:
    """Another program holds the write lock when Keep mine puts an item back: it waits as
    briefly as every save of the window (not the busy timeout the CLI waits), keeps the
    text and says so, and a later Keep mine puts the item back."""
    waits: list[int] = []  # the busy timeout in force for each write

    def note_wait(connection: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            raw = connection.connection.dbapi_connection
            waits.append(int(raw.execute("PRAGMA busy_timeout").fetchone()[0]))

    editor = sample_window.editor
    _typed_into_an_item_deleted_elsewhere(sample_window, database, other_window, sample_id)

    event.listen(database.engine, "before_cursor_execute", note_wait)
    lock = sqlite3.connect(database.describe(), isolation_level=None)
    try:
        lock.execute("BEGIN IMMEDIATE")  # another program's write, under way
        editor.keep_mine()
        assert waits == [SAVE_WAIT_MS]  # the write that found the lock: not the 5 s default
        assert editor.save_state is SaveState.CONFLICT
        assert "could not be kept" in editor.conflict_banner.label.text()
        assert DELETED_ITEM_WORDS.strip() in " ".join(editor.unsaved_texts())  # not dropped
        lock.rollback()  # the other program lets go

        editor.keep_mine()
    finally:
        event.remove(database.engine, "before_cursor_execute", note_wait)
        lock.close()
    assert set(waits) == {SAVE_WAIT_MS}
    assert editor.save_state is SaveState.SAVED
    assert _notes_with_the_deleted_item_s_words(database, sample_id) == 1


def test_a_command_on_a_meeting_changed_elsewhere_is_refused_not_applied(
    sample_window: MainWindow,
    database: Database,
    other_window: Database,
    sample_id: int,
) -> None:
    editor = sample_window.editor
    count = len(services.meeting_record(database, sample_id).agenda)
    services.update_meeting(other_window, sample_id, venue="Elsewhere")
    editor.add_item()
    assert len(services.meeting_record(database, sample_id).agenda) == count
    assert editor.save_state is SaveState.CONFLICT
    assert editor.conflict_banner.isVisibleTo(sample_window)
    editor.reload_theirs()
    assert editor.save_state is SaveState.SAVED


# --- few queries -------------------------------------------------------------------------


@contextmanager
def _counted(database: Database) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    event.listen(database.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(database.engine, "before_cursor_execute", count)


def test_opening_a_meeting_takes_a_handful_of_queries(
    sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    with _counted(database) as statements:
        sample_window.open_meeting(sample_id)
    assert len(statements) <= 20, "\n".join(statements)
    organisation_reads = [s for s in statements if "FROM organisation" in s]
    assert len(organisation_reads) <= 4, organisation_reads


def test_an_autosave_of_the_venue_takes_a_handful_of_queries(
    qtbot: QtBot, sample_window: MainWindow, database: Database
) -> None:
    editor = sample_window.editor
    qtbot.keyClicks(editor.details.venue_edit, "!")
    with _counted(database) as statements:
        assert editor.flush()
    assert len(statements) <= 8, "\n".join(statements)
    assert not any("FROM meeting JOIN board" in s and "ORDER BY" in s for s in statements)


# --- unsaved work is never closed away ---------------------------------------------------


def _failing_item_saves(monkeypatch: pytest.MonkeyPatch) -> None:
    def locked(*_args: Any, **_kwargs: Any) -> None:
        raise StorageError("database is locked")

    monkeypatch.setattr(services, "update_agenda_item", locked)


def test_a_window_with_a_failing_save_cannot_close_without_a_choice(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    _failing_item_saves(monkeypatch)
    editor = sample_window.editor
    _type_in_notes(editor, " Typed while locked.")
    assert not editor.flush()

    message_boxes.answer("Keep editing")
    assert not sample_window.close()
    assert sample_window.isVisible()
    choices = {"Try saving again", "Keep editing", "Lose the changes"}
    assert set(message_boxes.last.buttons) == choices
    assert "database is locked" in message_boxes.last.detail

    message_boxes.answer("Try saving again", "Keep editing")  # still locked: asked again
    assert not sample_window.close()
    assert len(message_boxes.shown) == 3

    monkeypatch.setattr(services, "update_agenda_item", _real_update_agenda_item)
    message_boxes.answer("Try saving again")
    assert sample_window.close()
    assert _notes(database, sample_id, 0).endswith("Typed while locked.")


def test_losing_the_changes_is_an_explicit_choice_and_clears_the_journal(
    sample_window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    _failing_item_saves(monkeypatch)
    editor = sample_window.editor
    _type_in_notes(editor, " Not wanted.")
    assert not editor.flush()
    assert editor.session.journal is not None
    journal = editor.session.journal.path
    assert journal.exists()
    message_boxes.answer("Lose the changes")
    assert sample_window.close()
    assert not journal.exists()


def test_unsaved_text_of_a_crashed_session_is_offered_back(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
    open_window: Callable[[], MainWindow],
) -> None:
    _failing_item_saves(monkeypatch)
    editor = sample_window.editor
    _type_in_notes(editor, " Typed before the crash.")
    assert not editor.flush()
    assert editor.session.journal is not None
    journal = editor.session.journal.path
    entry = read_journal(journal)
    assert entry is not None
    assert any(key[0] is Kind.ITEM for key in entry.pending.edits)
    # The process dies here (no closeEvent, nothing saved, its journal's lock let go); the
    # next start finds the journal.
    editor.session.journal.release()
    editor.close_meeting()
    monkeypatch.setattr(services, "update_agenda_item", _real_update_agenda_item)
    message_boxes.answer("Put them back")
    window = open_window()
    assert "Typed before the crash." in message_boxes.last.detail
    assert _notes(database, sample_id, 0).endswith("Typed before the crash.")
    assert not Path(journal).exists()
    assert window.editor.save_state is SaveState.SAVED


# --- refreshing only what changed ----------------------------------------------------------


def test_an_autosave_never_lists_the_whole_archive_again(
    qtbot: QtBot,
    sample_window: MainWindow,
    sample_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    listed: list[int] = []
    real = services.list_meetings
    monkeypatch.setattr(services, "list_meetings", lambda db: listed.append(1) or real(db))
    editor = sample_window.editor
    qtbot.keyClicks(editor.details.title_edit, "Extraordinary")
    _type_in_notes(editor, " and more")
    assert editor.flush()
    assert not listed
    title_cell = sample_window.meeting_model.index_of(sample_id, Column.TITLE)
    assert title_cell.data() == "Extraordinary"  # the one row, updated in place


def test_the_search_runs_again_only_for_text_that_could_change_its_results(
    sample_window: MainWindow, sample_id: int
) -> None:
    panel = sample_window.search_panel
    sample_window.focus_search()
    panel.box.setText("zebra")
    panel.run_search()
    assert panel.model.rowCount() == 0

    def could(*texts: str, parts: frozenset[Part] = frozenset({Part.ITEMS})) -> bool:
        return search_could_change(panel, MeetingChange(sample_id, parts, texts))

    assert not could("Nothing about it here.")
    assert could("A zebra crossing outside the probation office.")
    assert not could("zebra", parts=frozenset({Part.STATUSES}))
