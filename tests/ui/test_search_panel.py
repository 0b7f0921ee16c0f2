"""The Search tab: type, see the meetings that match, Enter opens one at the matching item."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from models import services
from models.database import Database
from models.enums import MeetingStatus
from models.interchange import read_meeting_file
from models.notes import Paragraph, Run, render_markdown
from models.search import SearchHit, search
from tests.conftest import TRANSCRIPT_EXAMPLE
from tests.ui.conftest import MessageBoxes
from ui.archive import search_panel
from ui.archive.search_model import (
    HEADING_ROLE,
    HIT_ROLE,
    HTML_ROLE,
    SNIPPET_HTML_ROLE,
    SearchResultsModel,
)
from ui.archive.search_panel import NO_WORDS, TYPE_TO_SEARCH, SearchPanel
from ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(archive: dict[str, int], open_window: Callable[[], MainWindow]) -> MainWindow:
    return open_window()


def type_search(qtbot: QtBot, window: MainWindow, text: str) -> SearchPanel:
    """Ctrl+F from the editor, type, and wait for the debounced search to run."""
    qtbot.keyClick(window.editor.details.theme_edit, Qt.Key.Key_F, CTRL)
    panel = window.search_panel
    assert panel.box.hasFocus()
    assert window.left_tabs.currentWidget() is panel
    qtbot.keyClicks(panel.box, text)
    assert panel.is_pending()  # debounced: nothing is searched between the keys
    qtbot.waitUntil(lambda: not panel.is_pending() and panel.searched_text == text)
    return panel


def shown_meetings(panel: SearchPanel) -> list[int]:
    return [hit.meeting_id for hit in panel.model.hits]


def test_the_results_model_passes_the_model_tester(
    qtmodeltester: ModelTester, database: Database, archive: dict[str, int]
) -> None:
    model = SearchResultsModel()
    model.set_hits(search(database, "board"))
    assert model.rowCount() == 4
    qtmodeltester.check(model)
    first = model.index(0)
    assert first.data(HEADING_ROLE) == "20/03/2025 · RRB · Public Note"
    assert isinstance(first.data(HIT_ROLE), SearchHit)
    assert "\x02" not in first.data()  # the plain text has no sentinels


def test_typing_co_location_shows_the_2024_and_2025_meetings(
    qtbot: QtBot, window: MainWindow, archive: dict[str, int]
) -> None:
    panel = window.search_panel
    assert panel.status_label.text() == TYPE_TO_SEARCH
    type_search(qtbot, window, "co-location")
    assert shown_meetings(panel) == [archive["2025"], archive["2024"]]  # newest first
    assert panel.status_label.text().startswith("2 meetings match")
    assert "<b>co-location</b>" in panel.model.index(0).data(SNIPPET_HTML_ROLE)


@pytest.mark.parametrize("typed", ['"', "*", "AND", "'", "NEAR(", "co-location AND"])
def test_any_typed_text_searches_without_an_error(
    qtbot: QtBot, window: MainWindow, message_boxes: MessageBoxes, typed: str
) -> None:
    panel = type_search(qtbot, window, typed)
    assert not message_boxes.shown
    status = panel.status_label.text()
    assert "did not work" not in status
    if typed in ('"', "*", "'"):
        assert status == NO_WORDS
        assert panel.model.rowCount() == 0
    if typed == "co-location AND":
        # Each word as a plain word: "and" must be there too, and both meetings say it.
        assert len(shown_meetings(panel)) == 2
    if typed == "AND":
        assert panel.model.rowCount() == 4


def test_a_search_that_matches_nothing_says_so(qtbot: QtBot, window: MainWindow) -> None:
    panel = type_search(qtbot, window, "zebra crossing")
    assert panel.model.rowCount() == 0
    assert panel.status_label.text() == "No meetings match “zebra crossing”."


def test_enter_opens_the_meeting_at_the_matching_item(
    qtbot: QtBot, window: MainWindow, database: Database, archive: dict[str, int]
) -> None:
    window.open_meeting(archive["2019"])
    panel = type_search(qtbot, window, "co-location")
    qtbot.keyClick(panel.box, Qt.Key.Key_Down)
    assert panel.results.hasFocus()
    qtbot.keyClick(panel.results, Qt.Key.Key_Down)  # the 2024 meeting
    hit = panel.model.hit_at(panel.results.currentIndex().row())
    assert hit is not None
    assert hit.meeting_id == archive["2024"]
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    editor = window.editor
    assert editor.meeting_id == archive["2024"]
    assert editor.tabs.currentWidget() is editor.agenda_page
    current = editor.agenda_model.item_at(editor.agenda.list_view.currentIndex().row())
    assert current is not None
    assert current.id == hit.item_id
    assert "co-location" in current.notes
    assert "co-location" in editor.agenda.notes_editor.markdown()  # its notes are on screen
    assert editor.agenda.list_view.hasFocus()


def test_enter_in_the_box_opens_the_first_result(
    qtbot: QtBot, window: MainWindow, archive: dict[str, int]
) -> None:
    window.open_meeting(archive["2019"])
    panel = type_search(qtbot, window, "co-location")
    qtbot.keyClick(panel.box, Qt.Key.Key_Return)
    assert window.editor.meeting_id == archive["2025"]
    assert window.editor.tabs.currentWidget() is window.editor.agenda_page


def test_enter_before_the_delay_searches_at_once(
    qtbot: QtBot, window: MainWindow, archive: dict[str, int]
) -> None:
    window.open_meeting(archive["2019"])
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(window.search_panel.box, "co-location")
    qtbot.keyClick(window.search_panel.box, Qt.Key.Key_Return)
    assert window.editor.meeting_id == archive["2025"]


def test_the_results_follow_someone_who_types_on_without_a_pause(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The delay restarts at every key; the longest wait does not, so the results follow.
    Here the delay never ends while the test runs: only the longest wait can search."""
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    panel = window.search_panel
    panel._timer.setInterval(3_600_000)  # the delay, as if the typing never paused
    typed = "co-location"
    qtbot.keyClicks(panel.box, typed)
    assert panel.searched_text is None  # not at once: the longest wait is still running
    qtbot.waitUntil(lambda: panel.searched_text == typed)
    assert not panel.is_pending()


def test_a_match_outside_the_agenda_opens_the_details(
    qtbot: QtBot, window: MainWindow, archive: dict[str, int]
) -> None:
    window.open_meeting(archive["2019"])
    panel = type_search(qtbot, window, "Clinks")
    hit = panel.model.hit_at(0)
    assert hit is not None
    assert hit.meeting_id == archive["2025"]
    assert hit.item_id is None  # Clinks attended; no item of 2025 names it
    qtbot.keyClick(panel.box, Qt.Key.Key_Return)
    assert window.editor.meeting_id == archive["2025"]
    assert window.editor.tabs.currentWidget() is window.editor.details_page


def test_a_match_in_a_transcript_turn_opens_the_transcript_at_the_turn(
    qtbot: QtBot, database: Database, archive: dict[str, int], window: MainWindow
) -> None:
    hearing_id = services.import_meeting(database, read_meeting_file(TRANSCRIPT_EXAMPLE))
    window.open_meeting(archive["2019"])
    panel = type_search(qtbot, window, "desistors")  # said in one turn only
    qtbot.keyClick(panel.box, Qt.Key.Key_Return)
    editor = window.editor
    assert editor.meeting_id == hearing_id
    page = editor.transcript_tab.page
    assert editor.tabs.currentWidget() is page  # not the Agenda tab's untitled item
    turns = page.turns
    selected = turns.model.row_at(turns.list_view.currentIndex().row())
    assert selected is not None
    assert "desistors" in selected.text
    assert selected is not turns.turns()[-1]  # not merely the last turn, where it opens
    assert "desistors" in turns.words_edit.toPlainText()
    assert turns.list_view.hasFocus()


def test_the_snippet_is_escaped_and_its_matches_bold(
    qtbot: QtBot, window: MainWindow, database: Database
) -> None:
    meeting_id = services.create_meeting(database, date=dt.date(2026, 1, 8))
    services.add_agenda_item(
        database, meeting_id, "Targets", notes="Aim: re-offending < 5% & no <script> here."
    )
    panel = type_search(qtbot, window, "re-offending")
    row = panel.model.row_of(meeting_id)
    assert row == 0
    index = panel.model.index(row)
    snippet = index.data(SNIPPET_HTML_ROLE)
    assert snippet == "Targets Aim: <b>re-offending</b> &lt; 5% &amp; no &lt;script&gt; here."
    assert "<script>" not in index.data(HTML_ROLE)
    document = QTextDocument()
    document.setHtml(index.data(HTML_ROLE))
    assert "Aim: re-offending < 5% & no <script> here." in document.toPlainText()
    panel.results.grab()  # the delegate draws the rich text without a warning


def test_the_snippet_shows_an_asterisk_typed_in_the_notes(
    qtbot: QtBot, window: MainWindow, database: Database
) -> None:
    """Stored as ``2 \\* 3 \\* 4`` (Markdown), the snippet read ``2 \\ 3 \\ 4``."""
    meeting_id = services.create_meeting(database, date=dt.date(2026, 1, 8))
    notes = render_markdown((Paragraph((Run("Maths: 2 * 3 * 4"),)),))
    services.add_agenda_item(database, meeting_id, "Targets", notes=notes)
    panel = type_search(qtbot, window, "maths")
    row = panel.model.row_of(meeting_id)
    assert row == 0
    assert panel.model.index(row).data(SNIPPET_HTML_ROLE) == "Targets <b>Maths</b>: 2 * 3 * 4"


def test_esc_clears_the_box_and_up_goes_back_to_it(qtbot: QtBot, window: MainWindow) -> None:
    panel = type_search(qtbot, window, "board")
    qtbot.keyClick(panel.box, Qt.Key.Key_Down)
    assert panel.results.hasFocus()
    assert panel.results.currentIndex().row() == 0
    qtbot.keyClick(panel.results, Qt.Key.Key_Up)
    assert panel.box.hasFocus()
    qtbot.keyClick(panel.box, Qt.Key.Key_Escape)
    assert panel.box.text() == ""
    assert panel.model.rowCount() == 0
    assert panel.status_label.text() == TYPE_TO_SEARCH


def test_the_results_follow_an_edit_typed_in_the_meeting(
    qtbot: QtBot,
    window: MainWindow,
    archive: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(search_panel, "QUICK_SEARCH_S", 60.0)  # however busy the machine
    window.open_meeting(archive["2023"])
    panel = type_search(qtbot, window, "xylophone")
    assert panel.model.rowCount() == 0
    qtbot.keyClicks(window.editor.details.theme_edit, " and the xylophone")
    qtbot.waitUntil(lambda: shown_meetings(panel) == [archive["2023"]], timeout=3000)


def test_help_lists_the_search_and_action_log_keys(window: MainWindow) -> None:
    table = window.shortcut_table()
    assert ("Ctrl+F", "Search all meetings") in table
    assert ("Ctrl+Shift+L", "Action log") in table


def test_on_a_slow_archive_the_results_wait_until_the_panel_is_used(
    qtbot: QtBot,
    window: MainWindow,
    archive: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(search_panel, "QUICK_SEARCH_S", 0.0)  # every search counts as slow
    window.open_meeting(archive["2023"])
    panel = type_search(qtbot, window, "xylophone")
    window.editor.details.theme_edit.setFocus()
    with qtbot.waitSignal(window.editor.meeting_saved, timeout=3000):
        qtbot.keyClicks(window.editor.details.theme_edit, " and the xylophone")
    assert not panel.is_pending()  # nothing searched behind the typing
    assert panel.model.rowCount() == 0
    qtbot.keyClick(window.editor.details.theme_edit, Qt.Key.Key_F, CTRL)
    assert shown_meetings(panel) == [archive["2023"]]


def test_a_final_meeting_opens_read_only_with_the_match_selected_in_its_note(
    qtbot: QtBot,
    database: Database,
    archive: dict[str, int],
    open_window: Callable[[], MainWindow],
) -> None:
    services.update_meeting(database, archive["2024"], status=MeetingStatus.FINAL)
    window = open_window()
    window.open_meeting(archive["2019"])
    panel = type_search(qtbot, window, "co-location")
    qtbot.keyClick(panel.box, Qt.Key.Key_Down)
    qtbot.keyClick(panel.results, Qt.Key.Key_Down)  # the 2024 meeting, final
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    assert window.read_only
    assert window.final_view.meeting_id == archive["2024"]
    assert window.editor.meeting_id is None  # nothing of it can be edited by a stray key
    browser = window.final_view.preview.browser
    qtbot.waitUntil(lambda: browser.textCursor().selectedText().casefold() == "co-location")
    assert "final" in window.statusBar().currentMessage()


@pytest.mark.parametrize("typed", ["", "board"])
def test_esc_after_ctrl_f_gives_the_cursor_back_to_the_notes(
    qtbot: QtBot, window: MainWindow, archive: dict[str, int], typed: str
) -> None:
    """The secretary presses Ctrl+F in the notes, then Esc, and types on: the words go into
    the notes, not into the search box (as after Ctrl+E then Esc, or F9)."""
    window.open_meeting(archive["2023"])
    tabs = window.editor.tabs
    tabs.setCurrentIndex(
        next(i for i in range(tabs.count()) if tabs.widget(i).isAncestorOf(window.editor.agenda))
    )
    notes = window.editor.agenda.notes_edit
    qtbot.waitUntil(notes.isVisible)
    notes.setFocus()
    qtbot.waitUntil(notes.hasFocus)
    qtbot.keyClick(notes, Qt.Key.Key_F, CTRL)
    panel = window.search_panel
    qtbot.waitUntil(panel.box.hasFocus)
    qtbot.keyClicks(panel.box, typed)

    qtbot.keyClick(panel.box, Qt.Key.Key_Escape)

    qtbot.waitUntil(notes.hasFocus)
    assert panel.box.text() == ""
    qtbot.keyClicks(QApplication.focusWidget(), "minute")
    assert "minute" in notes.toPlainText()


def test_esc_in_the_box_stays_when_the_cursor_came_by_itself(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Clicked into (or tabbed to) the box, Esc only clears it: there is nowhere to go back."""
    panel = window.search_panel
    window.show_left_tab(panel)
    panel.box.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(panel.box.hasFocus)
    qtbot.keyClicks(panel.box, "board")
    qtbot.keyClick(panel.box, Qt.Key.Key_Escape)
    assert panel.box.text() == ""
    assert panel.box.hasFocus()
