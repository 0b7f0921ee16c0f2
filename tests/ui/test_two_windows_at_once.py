"""Two windows on one archive file, the same meeting open in both, used as a tester did: type
in one, let it save, come back to the other and type there. Each window has its own
connection, as two copies of the app have; coming back to a window reads the other's change
(:mod:`ui.shell.window_live`).

What went wrong: a venue typed in the second window silently replaced the first's (the
second had taken it in as it came back, unseen, a moment before the keys), and both windows
then said "it now shows their changes"; words typed at the end of the same notes in both
came out in reverse order."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from models import services, transcript_edits
from models.database import Database
from tests.ui.conftest import SOPHIE, MessageBoxes, come_back, one_turn_hearing
from ui.common.settings import Settings
from ui.editor.save_state import SaveState
from ui.shell.main_window import MainWindow


@pytest.fixture
def second_window(
    qtbot: QtBot, sample_window: MainWindow, elsewhere: Database, tmp_path: Path
) -> MainWindow:
    """Window B: the same meeting, through a connection of its own (window A is
    ``sample_window``)."""
    settings = Settings(QSettings(str(tmp_path / "b.ini"), QSettings.Format.IniFormat))
    window = MainWindow(elsewhere, settings)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    assert window.editor.meeting_id == sample_window.editor.meeting_id
    return window


def _type_venue(qtbot: QtBot, window: MainWindow, text: str, shown: str = "") -> None:
    """Into the window (it comes to the front and reads what the other saved, showing
    ``shown`` in the venue), the venue all selected and typed over."""
    come_back(qtbot, window)
    venue = window.editor.details.venue_edit
    if shown:
        qtbot.waitUntil(lambda: venue.text() == shown)
    venue.setFocus()
    venue.selectAll()
    qtbot.keyClicks(venue, text)


def _venue(database: Database, meeting_id: int) -> str:
    return services.meeting_record(database, meeting_id).venue


@pytest.fixture
def venue_saved_in_a(
    qtbot: QtBot,
    sample_window: MainWindow,
    second_window: MainWindow,
    sample_id: int,
    database: Database,
) -> tuple[MainWindow, MainWindow]:
    """Windows A and B, once A typed "Venue A" and it was autosaved (B still shows the
    venue before)."""
    _type_venue(qtbot, sample_window, "Venue A")
    qtbot.waitUntil(lambda: _venue(database, sample_id) == "Venue A")
    return sample_window, second_window


def test_a_venue_typed_over_another_windows_venue_is_a_conflict_not_a_silent_replace(
    qtbot: QtBot,
    venue_saved_in_a: tuple[MainWindow, MainWindow],
    sample_id: int,
    database: Database,
    message_boxes: MessageBoxes,
) -> None:
    first, second = venue_saved_in_a

    _type_venue(qtbot, second, "Venue B", shown="Venue A")
    with qtbot.waitSignal(second.editor.session.conflict_found):
        second.editor.flush()
    assert second.editor.save_state is SaveState.CONFLICT
    assert second.editor.conflict_banner.isVisibleTo(second)
    shown = second.editor.conflict_banner.label.text()
    assert "the venue, now “Venue A”" in shown
    assert _venue(database, sample_id) == "Venue A"  # nothing replaced
    assert second.editor.details.venue_edit.text() == "Venue B"  # nothing lost
    assert "it now shows their changes" not in second.statusBar().currentMessage()

    second.editor.conflict_banner.keep_button.click()  # keep mine, knowingly
    assert _venue(database, sample_id) == "Venue B"
    assert second.editor.save_state is SaveState.SAVED

    come_back(qtbot, first)
    qtbot.waitUntil(lambda: first.editor.details.venue_edit.text() == "Venue B")
    said = first.statusBar().currentMessage()
    assert said == (
        "Someone else changed this meeting (the venue, now “Venue B”): it now shows their changes."
    )
    message_boxes.answer()


def test_reload_theirs_after_typing_over_another_windows_venue_shows_theirs(
    qtbot: QtBot,
    venue_saved_in_a: tuple[MainWindow, MainWindow],
    sample_id: int,
    database: Database,
) -> None:
    _first, second = venue_saved_in_a
    _type_venue(qtbot, second, "Venue B", shown="Venue A")
    assert not second.editor.flush()

    second.editor.conflict_banner.reload_button.click()
    assert second.editor.details.venue_edit.text() == "Venue A"
    assert second.editor.save_state is SaveState.SAVED
    _type_venue(qtbot, second, "Venue C", shown="Venue A")  # theirs chosen: typed over, saved
    assert second.editor.flush()
    assert _venue(database, sample_id) == "Venue C"


def test_a_field_the_other_window_did_not_change_saves_as_ever(
    qtbot: QtBot,
    venue_saved_in_a: tuple[MainWindow, MainWindow],
    sample_id: int,
    database: Database,
) -> None:
    _first, second = venue_saved_in_a

    come_back(qtbot, second)
    qtbot.waitUntil(lambda: second.editor.details.venue_edit.text() == "Venue A")
    theme = second.editor.details.theme_edit
    theme.setFocus()
    theme.selectAll()
    qtbot.keyClicks(theme, "Their theme, mine")
    assert second.editor.flush()
    record = services.meeting_record(database, sample_id)
    assert (record.venue, record.theme) == ("Venue A", "Their theme, mine")


def _type_at_the_end_of_the_notes(qtbot: QtBot, window: MainWindow, text: str) -> None:
    come_back(qtbot, window)
    edit = window.editor.agenda.notes_edit
    edit.setFocus()
    edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(edit, text)


def test_words_typed_at_the_end_of_one_notes_in_two_windows_keep_the_order_saved(
    qtbot: QtBot,
    sample_window: MainWindow,
    second_window: MainWindow,
    sample_id: int,
    database: Database,
    open_item: Callable[[MainWindow], int],
) -> None:
    first, second = sample_window, second_window
    item_id = open_item(first)
    open_item(second)
    come_back(qtbot, second)  # its cursor at the end of the notes, as the person left it
    edit = second.editor.agenda.notes_edit
    edit.setFocus()
    edit.moveCursor(QTextCursor.MoveOperation.End)

    _type_at_the_end_of_the_notes(qtbot, first, " Words of window A.")
    assert first.editor.flush()
    come_back(qtbot, second)  # reads A's words; the cursor was at the end: it stays there
    qtbot.waitUntil(lambda: edit.toPlainText().endswith("Words of window A."))
    qtbot.keyClicks(edit, " Words of window B.")
    assert second.editor.flush()

    notes = next(
        i.notes for i in services.meeting_record(database, sample_id).agenda if i.id == item_id
    )
    assert notes.endswith("Words of window A. Words of window B.")


@pytest.fixture
def open_item() -> Callable[[MainWindow], int]:
    def open_(window: MainWindow) -> int:
        item = window.editor.agenda_model.item_at(0)
        assert item is not None
        window.editor.show_item(item.id)
        return item.id

    return open_


# --- a hearing's turns --------------------------------------------------------------------------

REBECCA = "Rebecca Lawrence (Chief Executive Officer)"


@pytest.fixture
def hearing(
    qtbot: QtBot,
    database: Database,
    open_window: Callable[[], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> MainWindow:
    """A window on a hearing with one turn, its words focused at their end; its typing is
    saved when the test says (so that another program's change finds it unsaved)."""
    services.import_meeting(database, one_turn_hearing())
    window = open_window()
    monkeypatch.setattr(window.editor.session._idle, "start", lambda: None)
    monkeypatch.setattr(window.editor.session._max_wait, "start", lambda: None)
    qtbot.waitUntil(lambda: window.editor.transcript_tab.visible)
    window.editor.show_tab(window.editor.transcript_tab.page)
    words = window.editor.transcript_tab.page.turns.words_edit
    words.setFocus()
    words.moveCursor(QTextCursor.MoveOperation.End)
    return window


def _turns(database: Database, window: MainWindow) -> list[tuple[str | None, str]]:
    item_id = window.editor.transcript_tab.page.turns.item_id
    assert item_id is not None
    return [(t.speaker, t.text) for t in transcript_edits.list_turns(database, item_id)]


def _new_turn(qtbot: QtBot, window: MainWindow, letters: str) -> None:
    """Ctrl+Enter in the words, a few letters of a member, Enter: as the person starts a turn."""
    turns = window.editor.transcript_tab.page.turns
    qtbot.keyClick(turns.words_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(turns.speaker_field, letters)
    popup = turns.speaker_field.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


@pytest.mark.parametrize("typed_before", [" Yes.", ""])
def test_a_new_turn_refused_for_a_turn_added_elsewhere_keeps_the_words_typed_next(
    qtbot: QtBot,
    hearing: MainWindow,
    database: Database,
    elsewhere: Database,
    message_boxes: MessageBoxes,
    typed_before: str,
) -> None:
    """Refused by the save of the words typed before (``typed_before``), or by the version
    check of the new turn itself (nothing typed before)."""
    window = hearing
    turns = window.editor.transcript_tab.page.turns
    qtbot.keyClicks(turns.words_edit, typed_before)
    item_id = turns.item_id
    assert item_id is not None
    transcript_edits.add_turn(elsewhere, item_id, REBECCA, "Their words.", position=1)

    _new_turn(qtbot, window, "rebe")  # refused: the meeting changed
    assert window.editor.save_state is SaveState.CONFLICT
    assert "a turn of the transcript added" in window.editor.conflict_banner.label.text()
    assert "attendees or actions" not in window.editor.conflict_banner.label.text()
    assert QApplication.focusWidget() is turns.words_edit  # not the speaker box
    qtbot.keyClicks(turns.words_edit, "Thank you, Chair.")
    assert turns.speaker_field.text() == REBECCA  # the words did not land in it

    message_boxes.answer("Save mine over theirs")
    assert window.close()
    assert _turns(database, window) == [
        (SOPHIE, "Shall we start?" + typed_before),
        (REBECCA, "Thank you, Chair."),
        (REBECCA, "Their words."),
    ]


def test_show_theirs_after_a_refused_new_turn_copies_the_words_typed_for_it(
    qtbot: QtBot, hearing: MainWindow, database: Database, elsewhere: Database
) -> None:
    turns = hearing.editor.transcript_tab.page.turns
    assert turns.item_id is not None
    transcript_edits.add_turn(elsewhere, turns.item_id, REBECCA, "Their words.", position=1)
    _new_turn(qtbot, hearing, "rebe")
    qtbot.keyClicks(turns.words_edit, "Thank you, Chair.")

    assert hearing.editor.conflict_banner.reload_button.text() == "Show theirs"
    hearing.editor.conflict_banner.reload_button.click()
    assert QGuiApplication.clipboard().text() == "Thank you, Chair."
    assert _turns(database, hearing) == [(SOPHIE, "Shall we start?"), (REBECCA, "Their words.")]
    assert hearing.editor.save_state is SaveState.SAVED
    assert not hearing.editor.session.pending.keeps_anything()  # nothing held on
