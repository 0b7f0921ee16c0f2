"""View > Action log: every action across meetings, its filters, carry-overs and exports."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from models import actions, services
from models.action_log import ActionFilter, LogOrder, LogSort, action_log
from models.database import Database
from models.enums import ActionStatus, MeetingStatus
from models.interchange import read_meeting_file
from models.services import BoardRef
from tests.conftest import BOARD_NOTE_EXAMPLES, mix_dues_and_statuses
from tests.ui.conftest import FileDialogs, MessageBoxes
from ui.actions import action_log_window
from ui.actions.action_log_model import LogColumn
from ui.actions.action_log_text import SORT_CHOICES, STATUS_CHOICES
from ui.actions.action_log_window import ActionLogWindow
from ui.common.item_models import PagedRowsTableModel
from ui.common.layout import ERROR_COLOUR
from ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def open_log(
    qtbot: QtBot, archive: dict[str, int], open_window: Callable[[], MainWindow]
) -> Callable[[], tuple[MainWindow, ActionLogWindow]]:
    """The window with the archive, and its action log opened with Ctrl+Shift+L."""

    def open_() -> tuple[MainWindow, ActionLogWindow]:
        window = open_window()
        qtbot.keyClick(window.meeting_list, Qt.Key.Key_L, CTRL_SHIFT)
        log_window = window.action_log_window
        assert log_window is not None
        # Its own keys (Alt+letters, Ctrl+E) work once it is the active window.
        qtbot.waitUntil(log_window.isActiveWindow)
        log_window.today = lambda: TODAY
        log_window.refresh()
        return window, log_window

    return open_


def column(log_window: ActionLogWindow, which: LogColumn) -> list[str]:
    model = log_window.model
    return [model.index(row, which).data() for row in range(model.rowCount())]


def shown_ids(log_window: ActionLogWindow) -> list[int]:
    return [entry.id for entry in log_window.model.entries()]


def choose_row(log_window: ActionLogWindow, action_id: int) -> None:
    assert log_window.select_action(action_id)
    log_window.table.setFocus()


# --- filters -----------------------------------------------------------------------------------


def test_open_by_default_lists_the_open_actions_of_all_four_meetings(
    open_log: Callable[[], tuple[MainWindow, ActionLogWindow]], archive: dict[str, int]
) -> None:
    _window, log_window = open_log()
    assert log_window.status_combo.currentText() == "Open"
    entries = log_window.model.entries()
    assert {entry.meeting_id for entry in entries} == set(archive.values())
    assert set(column(log_window, LogColumn.STATUS)) == {"Open"}
    dates = [entry.meeting_date for entry in entries]
    assert dates == sorted(dates, reverse=True)  # newest first
    assert column(log_window, LogColumn.RAISED)[0] == "20/03/2025 RRB"
    assert log_window.count_label.text().startswith(f"{len(entries)} actions")
    log_window.status_combo.setCurrentIndex(
        [choice.label for choice in STATUS_CHOICES].index("All")
    )
    assert len(log_window.model.entries()) > len(entries)


def test_past_the_count_cap_the_log_says_more_than_and_scrolls_to_the_last_action(
    qtbot: QtBot,
    open_log: Callable[[], tuple[MainWindow, ActionLogWindow]],
    database: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    everything = action_log(database)
    monkeypatch.setattr("models.capped_count.COUNT_CAP", 3)
    monkeypatch.setattr(PagedRowsTableModel, "page_rows", 2)
    _window, log_window = open_log()
    log_window.status_combo.setCurrentIndex(
        [choice.label for choice in STATUS_CHOICES].index("All")
    )
    assert len(everything) > 2 * 2 + 3  # past the cap, and more than two pages
    label = log_window.count_label
    assert label.text() == "More than 3 actions. Enter opens the meeting at the selected one."
    assert log_window.model.rowCount() == 2

    def scrolled_to_the_end() -> bool:  # as the reader does: the view asks for more there
        log_window.table.scrollToBottom()
        return not log_window.model.canFetchMore()

    qtbot.waitUntil(scrolled_to_the_end)
    shown = [log_window.model.row_at(row) for row in range(log_window.model.rowCount())]
    assert [entry.id for entry in shown if entry] == [entry.id for entry in everything]
    assert label.text().startswith(f"{len(everything)} actions.")  # exact at the end


def test_the_owner_filter_keeps_the_actions_an_organisation_owns(
    qtbot: QtBot, open_log: Callable[[], tuple[MainWindow, ActionLogWindow]]
) -> None:
    _window, log_window = open_log()
    everything = len(shown_ids(log_window))
    qtbot.keyClick(log_window.table, Qt.Key.Key_W, ALT)
    assert log_window.owner_combo.lineEdit().hasFocus()
    qtbot.keyClicks(log_window.owner_combo.lineEdit(), "mps")
    qtbot.waitUntil(lambda: len(shown_ids(log_window)) < everything)
    owners = column(log_window, LogColumn.OWNERS)
    assert owners
    assert all("MPS" in text.split("/") for text in owners)
    assert "MPS/MOPAC" in owners
    assert column(log_window, LogColumn.ACTION)[owners.index("MPS/MOPAC")].startswith(
        "MPS/MOPAC to "
    )


def test_an_unknown_owner_is_explained(
    qtbot: QtBot, open_log: Callable[[], tuple[MainWindow, ActionLogWindow]]
) -> None:
    _window, log_window = open_log()
    qtbot.keyClicks(log_window.owner_combo.lineEdit(), "zz")
    qtbot.waitUntil(lambda: log_window.model.rowCount() == 0)
    assert "No organisation has the abbreviation “zz”" in log_window.count_label.text()


def test_the_board_filter(
    qtbot: QtBot, database: Database, open_log: Callable[[], tuple[MainWindow, ActionLogWindow]]
) -> None:
    other = services.create_meeting(
        database, date=dt.date(2026, 2, 1), board=BoardRef("Youth Justice Board", "YJB")
    )
    services.add_agenda_item(database, other, "Custody")
    yjb_action = actions.add_action(database, other, description="review custody places")
    _window, log_window = open_log()
    assert yjb_action in shown_ids(log_window)
    log_window.board_combo.setFocus()
    qtbot.keyClicks(log_window.board_combo, "Youth")  # as a user types to pick from a list
    assert log_window.board_combo.currentData() == "YJB"
    assert shown_ids(log_window) == [yjb_action]
    qtbot.keyClick(log_window.board_combo, Qt.Key.Key_Up)
    assert log_window.board_combo.currentData() == "RRB"
    assert yjb_action not in shown_ids(log_window)
    raised = column(log_window, LogColumn.RAISED)
    assert raised
    assert all(text.endswith(" RRB") for text in raised)
    assert "Youth Justice Board (YJB)" in [
        log_window.board_combo.itemText(row) for row in range(log_window.board_combo.count())
    ]


def test_overdue_only_shows_open_actions_due_before_today(
    qtbot: QtBot, database: Database, open_log: Callable[[], tuple[MainWindow, ActionLogWindow]]
) -> None:
    entries = action_log(database, ActionFilter(statuses=frozenset({ActionStatus.OPEN})))
    late, later = entries[0], entries[1]
    actions.update_action(database, late.id, due=dt.date(2026, 1, 15))
    actions.update_action(database, later.id, due=dt.date(2027, 1, 15))
    _window, log_window = open_log()
    qtbot.keyClick(log_window.table, Qt.Key.Key_V, ALT)
    qtbot.waitUntil(log_window.overdue_check.isChecked)  # a mnemonic "animates" the click
    assert shown_ids(log_window) == [late.id]
    due = log_window.model.index(0, LogColumn.DUE)
    assert due.data() == "15/01/2026 (overdue)"  # said in words, not by colour alone
    assert due.data(Qt.ItemDataRole.ForegroundRole).color().name() == ERROR_COLOUR
    assert "Due 15 January 2026 (overdue)" in log_window.detail_label.text()
    qtbot.keyClick(log_window.table, Qt.Key.Key_V, ALT)
    qtbot.waitUntil(lambda: not log_window.overdue_check.isChecked())
    row = log_window.model.row_of(later.id)
    assert row is not None
    assert log_window.model.index(row, LogColumn.DUE).data() == "15/01/2027"


# --- where an action came from -----------------------------------------------------------------


def test_the_detail_says_where_it_was_raised(
    open_log: Callable[[], tuple[MainWindow, ActionLogWindow]], archive: dict[str, int]
) -> None:
    _window, log_window = open_log()
    entry = next(
        entry
        for entry in log_window.model.entries()
        if entry.meeting_id == archive["2019"] and entry.item_number == 4
    )
    choose_row(log_window, entry.id)
    text = log_window.detail_label.text()
    assert (
        "Raised at the Reducing Reoffending Board meeting of 13 May 2019, item 4,"
        " “Female Offending”." in text
    )
    assert "Not carried over" in text


def test_a_chain_of_three_carry_overs_is_shown_step_by_step(
    database: Database, open_log: Callable[[], tuple[MainWindow, ActionLogWindow]]
) -> None:
    days = [dt.date(2025, 6, 19), dt.date(2025, 9, 18), dt.date(2025, 12, 11)]
    meetings = []
    for day in days:
        meeting_id = services.create_meeting(database, date=day)
        services.add_agenda_item(database, meeting_id, "Welcome & Apologies")
        meetings.append(meeting_id)
    first = actions.add_action(
        database, meetings[0], description="map housing support on release", owners=["MOPAC"]
    )
    second = actions.resolve_previous_action(database, first, ActionStatus.ROLLED_OVER, meetings[1])
    assert second is not None
    third = actions.resolve_previous_action(database, second, ActionStatus.ROLLED_OVER, meetings[2])
    assert third is not None
    _window, log_window = open_log()
    assert third in shown_ids(log_window)  # open; the first two are rolled over
    choose_row(log_window, third)
    text = log_window.detail_label.text()
    assert "Carried over twice" in text
    steps = [
        "19 June 2025 (RRB): Rolled over",
        "18 September 2025 (RRB): Rolled over",
        "11 December 2025 (RRB): Open — this action",
    ]
    positions = [text.index(step) for step in steps]
    assert positions == sorted(positions)
    log_window.status_combo.setCurrentIndex(
        [choice.label for choice in STATUS_CHOICES].index("Rolled over")
    )
    choose_row(log_window, first)
    assert "19 June 2025 (RRB): Rolled over — this action" in log_window.detail_label.text()


# --- sorting -----------------------------------------------------------------------------------


def test_sorting_by_the_keyboard_and_by_the_header_agree(
    qtbot: QtBot, database: Database, open_log: Callable[[], tuple[MainWindow, ActionLogWindow]]
) -> None:
    entries = action_log(database, ActionFilter(statuses=frozenset({ActionStatus.OPEN})))
    actions.update_action(database, entries[-1].id, due=dt.date(2026, 3, 1))
    actions.update_action(database, entries[0].id, due=dt.date(2026, 5, 1))
    _window, log_window = open_log()
    qtbot.keyClick(log_window.table, Qt.Key.Key_R, ALT)
    assert log_window.sort_combo.hasFocus()
    soonest = [label for label, _c, _o in SORT_CHOICES].index("Due, soonest first")
    log_window.sort_combo.setCurrentIndex(soonest)
    assert shown_ids(log_window)[:2] == [entries[-1].id, entries[0].id]
    assert log_window.table.horizontalHeader().sortIndicatorSection() == LogColumn.DUE
    log_window.table.horizontalHeader().setSortIndicator(
        LogColumn.RAISED, Qt.SortOrder.AscendingOrder
    )
    assert log_window.sort_combo.currentText() == "Raised, oldest first"
    dates = [entry.meeting_date for entry in log_window.model.entries()]
    assert dates == sorted(dates)


# --- exports -----------------------------------------------------------------------------------


def test_export_to_csv_writes_the_rows_shown_in_the_order_shown(
    qtbot: QtBot,
    tmp_path: Path,
    file_dialogs: FileDialogs,
    open_log: Callable[[], tuple[MainWindow, ActionLogWindow]],
) -> None:
    _window, log_window = open_log()
    log_window.sort_combo.setCurrentIndex(
        [label for label, _c, _o in SORT_CHOICES].index("Owners, A to Z")
    )
    file_dialogs.save_path = tmp_path / "log.csv"
    qtbot.keyClick(log_window.table, Qt.Key.Key_E, CTRL)
    assert file_dialogs.suggested[-1].endswith(f"Action log {TODAY.isoformat()}.csv")
    with file_dialogs.save_path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [int(row["id"]) for row in rows] == shown_ids(log_window)
    assert [row["owners"] for row in rows] == column(log_window, LogColumn.OWNERS)
    assert {row["status"] for row in rows} == {"open"}
    assert str(file_dialogs.save_path) in log_window.statusBar().currentMessage()


def test_an_action_typed_as_a_formula_is_exported_as_text_a_spreadsheet_will_not_run(
    qtbot: QtBot,
    tmp_path: Path,
    database: Database,
    file_dialogs: FileDialogs,
    open_log: Callable[[], tuple[MainWindow, ActionLogWindow]],
) -> None:
    formula = '=HYPERLINK("http://evil.example","click")'
    action_id = action_log(database, ActionFilter(statuses=frozenset({ActionStatus.OPEN})))[0].id
    actions.update_action(database, action_id, description=formula)
    _window, log_window = open_log()
    assert log_window.select_action(action_id)
    file_dialogs.save_path = tmp_path / "log.csv"
    qtbot.keyClick(log_window.table, Qt.Key.Key_E, CTRL)
    with file_dialogs.save_path.open(encoding="utf-8-sig", newline="") as stream:
        rows = {int(row["id"]): row for row in csv.DictReader(stream)}
    assert rows[action_id]["description"] == "'" + formula


def test_export_to_word_writes_a_table_of_the_rows_shown(
    qtbot: QtBot,
    tmp_path: Path,
    file_dialogs: FileDialogs,
    open_log: Callable[[], tuple[MainWindow, ActionLogWindow]],
) -> None:
    _window, log_window = open_log()
    qtbot.keyClicks(log_window.owner_combo.lineEdit(), "MOPAC")
    qtbot.waitUntil(lambda: log_window.current_filter().owner == "MOPAC")
    log_window.refresh()
    file_dialogs.save_path = tmp_path / "log.docx"
    log_window.export_button.click()
    document = docx.Document(str(file_dialogs.save_path))
    assert document.core_properties.title == "Action log: open actions owned by MOPAC"
    table = document.tables[0]
    sentences = [row.cells[1].text for row in table.rows[1:]]
    assert sentences == column(log_window, LogColumn.ACTION)
    assert sentences
    assert all("MOPAC" in sentence for sentence in sentences)


def test_a_failed_export_is_explained(
    qtbot: QtBot,
    tmp_path: Path,
    file_dialogs: FileDialogs,
    message_boxes: MessageBoxes,
    open_log: Callable[[], tuple[MainWindow, ActionLogWindow]],
) -> None:
    _window, log_window = open_log()
    file_dialogs.save_path = tmp_path / "no such folder" / "log.csv"
    qtbot.keyClick(log_window.table, Qt.Key.Key_E, CTRL)
    assert message_boxes.last.text == "The action log was not exported."
    assert "does not exist" in message_boxes.last.detail
    assert not file_dialogs.save_path.exists()


# --- to the meeting and back -------------------------------------------------------------------


def test_enter_opens_the_meeting_on_its_actions_tab_at_the_action(
    qtbot: QtBot,
    open_log: Callable[[], tuple[MainWindow, ActionLogWindow]],
    archive: dict[str, int],
) -> None:
    window, log_window = open_log()
    entry = next(
        entry for entry in log_window.model.entries() if entry.meeting_id == archive["2019"]
    )
    choose_row(log_window, entry.id)
    qtbot.keyClick(log_window.table, Qt.Key.Key_Return)
    editor = window.editor
    assert editor.meeting_id == archive["2019"]
    assert editor.tabs.currentWidget() is editor.actions_page
    panel = editor.actions_panel
    current = panel.model.row_at(panel.table.currentIndex().row())
    assert current is not None
    assert current.id == entry.id
    qtbot.waitUntil(window.isActiveWindow)  # the main window comes forward
    assert panel.table.hasFocus()


def test_the_log_follows_a_review_choice_made_in_the_meeting(
    qtbot: QtBot,
    database: Database,
    open_log: Callable[[], tuple[MainWindow, ActionLogWindow]],
    archive: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A small archive, read quickly (not at the mercy of a busy test machine's timing).
    monkeypatch.setattr(action_log_window, "QUICK_REFRESH_S", 60.0)
    window, log_window = open_log()
    window.open_meeting(archive["2023"])
    window.editor.show_tab(window.editor.actions_page)
    panel = window.editor.actions_panel
    previous = panel.previous_model.row_at(panel.previous_table.currentIndex().row())
    assert previous is not None
    assert previous.id in shown_ids(log_window)
    # A click in the main window while the log stays open beside it.
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    assert actions.action_row(database, previous.id).status is ActionStatus.DONE
    assert log_window.refresh_pending  # a quick archive: read again a moment later
    qtbot.waitUntil(lambda: previous.id not in shown_ids(log_window), timeout=3000)


# --- keyboard ----------------------------------------------------------------------------------


def _mnemonics(widget: QWidget) -> list[str]:
    keys = []
    for child in widget.findChildren(QWidget):
        text = child.text() if isinstance(child, (QLabel, QAbstractButton)) else ""
        sequence = QKeySequence.mnemonic(text) if text and child.isVisible() else QKeySequence()
        if not sequence.isEmpty():
            keys.append(sequence.toString())
    return keys


def test_every_filter_has_its_own_alt_letter_and_esc_closes(
    qtbot: QtBot, open_log: Callable[[], tuple[MainWindow, ActionLogWindow]]
) -> None:
    window, log_window = open_log()
    keys = _mnemonics(log_window)
    assert len(keys) == len(set(keys)), keys
    assert {"Alt+S", "Alt+W", "Alt+B", "Alt+V", "Alt+R", "Alt+A", "Alt+O", "Alt+E"} <= set(keys)
    qtbot.keyClick(log_window.table, Qt.Key.Key_S, ALT)
    assert log_window.status_combo.hasFocus()
    qtbot.keyClick(log_window.status_combo, Qt.Key.Key_Escape)
    assert not log_window.isVisible()
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_L, CTRL_SHIFT)
    assert log_window.isVisible()


def test_every_menu_gives_each_entry_its_own_alt_letter(window: MainWindow) -> None:
    """(Alt+letters within each menu; the menu bar's own are checked in test_keyboard_meeting.)
    Qt does nothing at all for a letter claimed twice in one menu."""
    for bar_entry in window.menuBar().actions():
        menu = bar_entry.menu()
        keys = [
            QKeySequence.mnemonic(entry.text()).toString()
            for entry in menu.actions()
            if not QKeySequence.mnemonic(entry.text()).isEmpty()
        ]
        assert len(keys) == len(set(keys)), (bar_entry.text(), keys)


def test_on_a_slow_archive_the_log_waits_until_it_is_looked_at(
    qtbot: QtBot,
    database: Database,
    open_log: Callable[[], tuple[MainWindow, ActionLogWindow]],
    archive: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(action_log_window, "QUICK_REFRESH_S", 0.0)  # every read counts as slow
    window, log_window = open_log()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # back to the minutes, the log beside them
    window.open_meeting(archive["2023"])
    window.editor.show_tab(window.editor.actions_page)
    panel = window.editor.actions_panel
    previous = panel.previous_model.row_at(panel.previous_table.currentIndex().row())
    assert previous is not None
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    assert log_window.is_stale
    assert not log_window.refresh_pending  # not read again behind the typing
    assert previous.id in shown_ids(log_window)
    with qtbot.waitActive(log_window):
        log_window.activateWindow()
    qtbot.waitUntil(lambda: previous.id not in shown_ids(log_window))
    assert not log_window.is_stale


def test_a_saved_change_of_the_details_marks_the_log_stale(
    qtbot: QtBot,
    database: Database,
    open_log: Callable[[], tuple[MainWindow, ActionLogWindow]],
    archive: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A meeting's date, board and next meeting are in the log too (a "next meeting" due date
    follows the next meeting), so a details save marks it stale like an action's."""
    monkeypatch.setattr(action_log_window, "QUICK_REFRESH_S", 0.0)  # every read counts as slow
    window, log_window = open_log()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.open_meeting(archive["2023"])
    assert not log_window.is_stale
    theme = window.editor.details.theme_edit
    theme.setFocus()
    qtbot.keyClicks(theme, " and housing")
    assert window.editor.flush()
    qtbot.waitUntil(lambda: log_window.is_stale)


def test_scrolled_on_after_a_change_the_log_reads_the_rows_there_now(
    database: Database,
    open_log: Callable[[], tuple[MainWindow, ActionLogWindow]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What the log learnt of its parts while scrolling by status does not outlive a
    change: rows read on before the log is read again are the ones there now."""
    monkeypatch.setattr(action_log_window, "QUICK_REFRESH_S", 0.0)  # not read again at once
    mix_dues_and_statuses(database)
    _window, log_window = open_log()
    model = log_window.model
    model.page_rows = 2
    log_window.status_combo.setCurrentIndex(
        [choice.label for choice in STATUS_CHOICES].index("All")
    )
    log_window.table.sortByColumn(LogColumn.STATUS, Qt.SortOrder.AscendingOrder)
    order = LogOrder(LogSort.STATUS, descending=False)
    while model.rowCount() < 6:  # into the third status: the first two are known
        model.fetchMore()
    assert model.entries() == action_log(database, log_window.current_filter(), order)
    services.import_meetings(database, [read_meeting_file(BOARD_NOTE_EXAMPLES[0])])  # open ones
    log_window.mark_stale()  # as the main window says after an import
    assert log_window.is_stale
    model.fetchMore()
    now = action_log(database, log_window.current_filter(), order)
    assert [model.row_at(row) for row in range(6, model.rowCount())] == now[6:8]


def test_an_action_of_a_final_meeting_is_found_in_its_published_note(
    qtbot: QtBot,
    database: Database,
    open_log: Callable[[], tuple[MainWindow, ActionLogWindow]],
    archive: dict[str, int],
) -> None:
    services.update_meeting(database, archive["2019"], status=MeetingStatus.FINAL)
    window, log_window = open_log()
    entry = next(
        entry
        for entry in log_window.model.entries()
        if entry.meeting_id == archive["2019"] and entry.owners == ("MPS", "MOPAC")
    )
    choose_row(log_window, entry.id)
    qtbot.keyClick(log_window.table, Qt.Key.Key_Return)
    assert window.read_only
    assert window.final_view.meeting_id == archive["2019"]
    browser = window.final_view.preview.browser
    qtbot.waitUntil(
        lambda: (
            browser.textCursor().hasSelection()
            and entry.description.startswith(browser.textCursor().selectedText())
        )
    )
