"""The window as the secretary uses it: starting, creating, opening, deleting, importing,
exporting and closing, driven through the keyboard and the menus."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from models import services
from models.database import Database
from models.interchange import dumps_meeting
from models.meeting_doc import MeetingDoc
from tests.ui.conftest import FileDialogs, MessageBoxes
from ui.archive.archive_model import Column
from ui.common.focus_marks import FOCUS_RULE
from ui.common.settings import Settings
from ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def _venue(database: Database, meeting_id: int) -> str:
    return services.meeting_record(database, meeting_id).venue


# --- the empty state -------------------------------------------------------------------------


def test_an_empty_database_shows_the_welcome_with_its_two_buttons(window: MainWindow) -> None:
    assert window.welcome.isVisible()
    assert not window.editor.isVisible()
    assert window.welcome.sample_button.text().replace("&", "") == "Load the sample meeting"
    assert window.welcome.new_button.text().replace("&", "") == "New meeting"
    assert not window.export_action.isEnabled()
    assert window.windowTitle() == "RRB Desktop"


def test_load_the_sample_meeting_imports_and_opens_it(
    qtbot: QtBot, window: MainWindow, database: Database, sample_meeting: MeetingDoc
) -> None:
    qtbot.mouseClick(window.welcome.sample_button, Qt.MouseButton.LeftButton)

    [summary] = services.list_meetings(database)
    assert window.editor.meeting_id == summary.id
    assert window.editor.isVisible()
    assert not window.welcome.isVisible()
    record = services.meeting_record(database, summary.id)
    assert [item.title for item in record.agenda] == [item.title for item in sample_meeting.agenda]
    assert window.editor.details.venue_edit.text() == sample_meeting.venue
    assert window.editor.agenda.title_edit.text() == sample_meeting.agenda[0].title
    assert window.meeting_model.meeting_count() == 1
    assert window.windowTitle() == "RRB Public Note, 19 June 2025 — saved"
    assert window.export_action.isEnabled()


def test_enter_on_a_first_start_loads_the_sample_meeting(
    qtbot: QtBot, window: MainWindow, database: Database
) -> None:
    """The default-looking button is the one Enter presses, from the start."""
    assert window.welcome.sample_button.hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(services.list_meetings(database)) == 1)
    assert window.editor.isVisible()


def test_the_welcome_new_meeting_button_creates_one(
    qtbot: QtBot, window: MainWindow, database: Database
) -> None:
    qtbot.mouseClick(window.welcome.new_button, Qt.MouseButton.LeftButton)
    assert services.meeting_count(database) == 1
    assert window.editor.isVisible()


# --- new meeting, typing, saving -------------------------------------------------------------


def test_ctrl_n_creates_a_meeting_and_a_typed_venue_reaches_the_database(
    qtbot: QtBot, window: MainWindow, database: Database
) -> None:
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_N, CTRL)

    [summary] = services.list_meetings(database)
    assert summary.date == dt.date.today()
    editor = window.editor
    assert editor.meeting_id == summary.id
    assert editor.details.date_edit.hasFocus()

    qtbot.keyClicks(editor.details.venue_edit, "Mitre House, 223 Borough High Street")
    assert window.windowTitle().endswith("— saving…")
    qtbot.waitUntil(lambda: _venue(database, summary.id) == "Mitre House, 223 Borough High Street")
    qtbot.waitUntil(lambda: window.windowTitle().endswith("— saved"))


def test_closing_the_window_writes_what_was_typed_without_waiting(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    qtbot.keyClicks(sample_window.editor.details.venue_edit, ", Room 4")
    assert sample_window.close()
    assert _venue(database, sample_id).endswith("London E16 1ZE, Room 4")


def test_closing_with_a_refused_value_asks_first(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    message_boxes: MessageBoxes,
) -> None:
    end_edit = sample_window.editor.details.end_edit
    end_edit.line_edit.clear()
    qtbot.keyClicks(end_edit.line_edit, "13:00")  # the sample starts at 14:00

    message_boxes.answer("Keep editing")
    assert not sample_window.close()
    assert sample_window.isVisible()
    assert "is not after the start" in message_boxes.last.detail

    message_boxes.answer("Lose the changes")
    assert sample_window.close()
    assert services.meeting_record(database, sample_id).end == dt.time(16)


def test_the_window_reopens_the_meeting_open_at_the_last_close(
    database: Database,
    sample_id: int,
    settings: Settings,
    open_window: Callable[[], MainWindow],
) -> None:
    older = services.create_meeting(database, date=dt.date(2020, 1, 1))
    first = open_window()
    assert first.editor.meeting_id == sample_id  # the newest, at the first start
    assert first.open_meeting(older)
    assert first.close()
    assert open_window().editor.meeting_id == older


# --- opening from the list ------------------------------------------------------------------


def test_ctrl_o_goes_to_the_list_and_enter_opens_the_meeting(
    qtbot: QtBot, database: Database, sample_id: int, open_window: Callable[[], MainWindow]
) -> None:
    older = services.create_meeting(database, date=dt.date(2020, 1, 1))
    window = open_window()
    window.editor.details.venue_edit.setFocus()

    qtbot.keyClick(window.editor.details.venue_edit, Qt.Key.Key_O, CTRL)
    assert window.meeting_list.hasFocus()
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_Down)  # the year 2020, closed
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_Right)  # opens it
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_Down)
    assert window.editor.meeting_id == sample_id  # moving in the list does not open
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_Return)

    assert window.editor.meeting_id == older
    assert window.editor.details.date_edit.hasFocus()
    assert window.editor.details.date_edit.value() == dt.date(2020, 1, 1)
    font = window.meeting_model.index_of(older, Column.TITLE).data(Qt.ItemDataRole.FontRole)
    assert font is not None
    assert font.bold()


def test_a_refused_value_keeps_the_meeting_open_if_the_user_says_so(
    qtbot: QtBot,
    database: Database,
    sample_id: int,
    open_window: Callable[[], MainWindow],
    message_boxes: MessageBoxes,
) -> None:
    older = services.create_meeting(database, date=dt.date(2020, 1, 1))
    window = open_window()
    window.editor.details.start_edit.line_edit.clear()
    qtbot.keyClicks(window.editor.details.start_edit.line_edit, "17:")

    message_boxes.answer("Keep editing")
    window.meeting_list.setFocus()
    window.archive.select_meeting(older)
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_Return)

    assert window.editor.meeting_id == sample_id
    assert window.editor.details.start_edit.text() == "17:"
    assert window.archive.current_meeting().id == sample_id  # type: ignore[union-attr]
    assert message_boxes.last.title == "Unsaved changes"
    assert older != sample_id
    message_boxes.answer("Lose the changes")  # for the close at the end of the test


def test_a_long_status_message_is_not_run_into_the_database_label(
    qtbot: QtBot, window: MainWindow
) -> None:
    """At 1280 wide, a refused owner's message needs the whole bar: the label steps aside
    while it shows, and only then."""
    window.resize(1280, 800)
    bar = window.statusBar()
    qtbot.waitUntil(lambda: bar.width() > 1000)
    (label,) = [lab for lab in bar.findChildren(QLabel) if lab.text().startswith("Database: ")]
    label.setText("Database: /tmp/qa/home/Documents/Reducing Reoffending Board/a.sqlite3")

    bar.showMessage("Saved.")
    assert not label.isHidden()  # room for both
    long = (
        "Action 3, owners: No organisation has the abbreviation “zzq”. Owners are organisations"
        " (e.g. MPS/MOPAC); press Enter in the cell to add it, or add it in Organisations"
        " (Ctrl+Shift+O)."
    )
    bar.showMessage(long)
    assert label.isHidden()
    bar.clearMessage()
    assert not label.isHidden()


# --- deleting --------------------------------------------------------------------------------


def test_del_on_the_list_deletes_the_meeting_after_a_confirmation_naming_it(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    message_boxes: MessageBoxes,
) -> None:
    sample_window.meeting_list.setFocus()
    message_boxes.answer("Delete meeting")
    qtbot.keyClick(sample_window.meeting_list, Qt.Key.Key_Delete)

    box = message_boxes.last
    assert "RRB Public Note, 19 June 2025" in box.text
    assert "cannot be undone" in box.detail
    assert set(box.buttons) == {"Delete meeting", "Cancel"}
    assert services.meeting_count(database) == 0
    assert sample_window.welcome.isVisible()
    assert sample_window.windowTitle() == "RRB Desktop"


def test_cancelling_the_confirmation_deletes_nothing(
    sample_window: MainWindow, database: Database, message_boxes: MessageBoxes
) -> None:
    message_boxes.answer("Cancel")
    sample_window.delete_meeting_action.trigger()
    assert services.meeting_count(database) == 1
    assert sample_window.editor.isVisible()


def test_the_real_confirmation_box_defaults_to_cancel(
    qtbot: QtBot, sample_window: MainWindow, database: Database, message_boxes: MessageBoxes
) -> None:
    """The real modal box, answered by a timer: Enter on it must not delete anything."""
    message_boxes.real = True
    seen: list[str] = []

    def press_enter_on_the_box() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            qtbot_timer.start(10)  # not shown yet
            return
        seen.append(box.text())
        qtbot.keyClick(box, Qt.Key.Key_Return)

    qtbot_timer = QTimer()
    qtbot_timer.setSingleShot(True)
    qtbot_timer.timeout.connect(press_enter_on_the_box)
    qtbot_timer.start(10)
    sample_window.delete_meeting_action.trigger()

    assert len(seen) == 1
    assert "RRB Public Note" in seen[0]
    assert services.meeting_count(database) == 1


def test_deleting_the_open_meeting_opens_its_neighbour(
    database: Database,
    sample_id: int,
    open_window: Callable[[], MainWindow],
    message_boxes: MessageBoxes,
) -> None:
    older = services.create_meeting(database, date=dt.date(2020, 1, 1))
    window = open_window()
    message_boxes.answer("Delete meeting")
    window.delete_meeting_action.trigger()
    assert [m.id for m in services.list_meetings(database)] == [older]
    assert window.editor.meeting_id == older
    assert sample_id != older


# --- importing -------------------------------------------------------------------------------


def test_import_json_adds_and_opens_the_meeting(
    qtbot: QtBot,
    window: MainWindow,
    database: Database,
    sample_meeting: MeetingDoc,
    file_dialogs: FileDialogs,
    tmp_path: Path,
) -> None:
    path = tmp_path / "meeting.json"
    path.write_text(dumps_meeting(sample_meeting), encoding="utf-8")
    file_dialogs.open_path = path

    qtbot.keyClick(window.meeting_list, Qt.Key.Key_I, CTRL)

    [summary] = services.list_meetings(database)
    assert window.editor.meeting_id == summary.id
    assert "Imported meeting.json" in window.statusBar().currentMessage()


def test_importing_a_meeting_already_there_asks_first(
    qtbot: QtBot,
    window: MainWindow,
    database: Database,
    sample_meeting: MeetingDoc,
    file_dialogs: FileDialogs,
    message_boxes: MessageBoxes,
    tmp_path: Path,
) -> None:
    services.import_meeting(database, sample_meeting)
    path = tmp_path / "again.json"
    path.write_text(dumps_meeting(sample_meeting), encoding="utf-8")
    file_dialogs.open_path = path

    message_boxes.answer("Skip this file")
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_I, CTRL)
    assert "already in the archive" in message_boxes.last.text
    assert "Reducing Reoffending Board, 19/06/2025" in message_boxes.last.detail
    assert services.meeting_count(database) == 1

    message_boxes.answer("Import a second copy")
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_I, CTRL)
    assert services.meeting_count(database) == 2


def test_several_files_chosen_all_import(
    qtbot: QtBot,
    window: MainWindow,
    database: Database,
    sample_meeting: MeetingDoc,
    file_dialogs: FileDialogs,
    tmp_path: Path,
) -> None:
    paths = []
    for day in (1, 2, 3):
        path = tmp_path / f"meeting-{day}.json"
        meeting = sample_meeting._replace(date=dt.date(2025, 7, day))
        path.write_text(dumps_meeting(meeting), encoding="utf-8")
        paths.append(path)
    file_dialogs.open_paths = paths

    qtbot.keyClick(window.meeting_list, Qt.Key.Key_I, CTRL)

    dates = sorted(summary.date for summary in services.list_meetings(database))
    assert dates == [dt.date(2025, 7, day) for day in (1, 2, 3)]
    assert window.statusBar().currentMessage() == "Imported 3 of 3 files."


def test_import_says_which_organisation_name_it_kept(
    qtbot: QtBot,
    window: MainWindow,
    database: Database,
    sample_meeting: MeetingDoc,
    file_dialogs: FileDialogs,
    message_boxes: MessageBoxes,
    tmp_path: Path,
) -> None:
    services.import_meeting(database, sample_meeting)
    renamed = tuple(
        org._replace(name="Mayor's Office for Police and Crime")
        if org.abbreviation == "MOPAC"
        else org
        for org in sample_meeting.organisations
    )
    path = tmp_path / "later.json"
    path.write_text(
        dumps_meeting(sample_meeting._replace(organisations=renamed, date=dt.date(2025, 7, 1))),
        encoding="utf-8",
    )
    file_dialogs.open_path = path

    qtbot.keyClick(window.meeting_list, Qt.Key.Key_I, CTRL)

    assert "names some organisations differently" in message_boxes.last.text
    assert "the directory kept its name" in message_boxes.last.detail
    assert "Imported later.json" in window.statusBar().currentMessage()


def test_import_of_a_bad_file_shows_the_format_error(
    window: MainWindow,
    database: Database,
    sample_meeting: MeetingDoc,
    file_dialogs: FileDialogs,
    message_boxes: MessageBoxes,
    tmp_path: Path,
) -> None:
    data = json.loads(dumps_meeting(sample_meeting))
    data["date"] = "2024-02-30"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    file_dialogs.open_path = path

    window.import_action.trigger()

    box = message_boxes.last
    assert "broken.json" in box.text
    assert box.detail.startswith("date:")
    assert "2024-02-30" in box.detail
    assert services.meeting_count(database) == 0
    assert window.welcome.isVisible()


def test_import_of_a_meeting_that_breaks_a_rule_is_refused_with_a_message(
    window: MainWindow,
    database: Database,
    sample_meeting: MeetingDoc,
    file_dialogs: FileDialogs,
    message_boxes: MessageBoxes,
    tmp_path: Path,
) -> None:
    data = json.loads(dumps_meeting(sample_meeting))
    data["end"] = "13:00"
    path = tmp_path / "backwards.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    file_dialogs.open_path = path

    window.import_action.trigger()

    assert "is not after the start" in message_boxes.last.detail
    assert services.meeting_count(database) == 0


# --- exporting: see test_export_dialog.py ---------------------------------------------------


# --- help --------------------------------------------------------------------------------------


def test_help_lists_every_menu_shortcut(
    sample_window: MainWindow, message_boxes: MessageBoxes
) -> None:
    table = sample_window.shortcut_table()
    for row in [
        ("Ctrl+N", "New meeting"),
        ("Ctrl+O", "Open meeting"),
        ("Del in the meeting list", "Delete meeting"),
        ("Ctrl+I", "Import JSON"),
        ("Ctrl+E", "Export to Word"),
        ("Ctrl+S", "Save now"),
        ("Ctrl+Q", "Quit"),
        ("Ctrl+Shift+N", "Add item"),
        ("Ctrl+Shift+Del in the agenda", "Delete item"),
        ("Alt+Up in the agenda", "Move up"),
        ("Alt+Down in the agenda", "Move down"),
        ("Enter in the meeting list", "Open the chosen meeting"),
        ("Del in the agenda list", "Delete the chosen item"),
    ]:
        assert row in table
    sample_window.shortcuts_action.trigger()
    dialog = sample_window.shortcuts_dialog
    assert dialog is not None
    assert "Ctrl+Shift+N" in dialog.browser.toPlainText()
    dialog.close()
    sample_window.about_action.trigger()
    assert message_boxes.last.title == "About RRB Desktop"


@pytest.mark.parametrize("key", [Qt.Key.Key_Q])
def test_ctrl_q_closes_the_window(qtbot: QtBot, sample_window: MainWindow, key: Qt.Key) -> None:
    qtbot.keyClick(sample_window.meeting_list, key, CTRL)
    assert not sample_window.isVisible()


def test_the_app_reopens_the_last_meeting_once_the_window_is_shown(
    qtbot: QtBot, database: Database, settings: Settings, sample_meeting: MeetingDoc
) -> None:
    """As rrb_desktop.app starts it: the list first, the meeting a moment later. What waits
    must wait for the list's first paint itself: a call merely queued when the window was
    shown ran before the first paint under a real window system, so the window appeared
    only once it had finished (ui.common.first_paint)."""
    meeting_id = services.import_meeting(database, sample_meeting)
    window = MainWindow(database, settings, reopen_after_shown=True)
    qtbot.addWidget(window)
    assert window.open_meeting_id is None
    assert window.meeting_model.newest() is not None  # the list is there already
    QApplication.processEvents()  # queued calls run; the window is not on screen yet
    assert window.open_meeting_id is None
    with qtbot.waitSignal(window.start_finished, timeout=5000):
        window.show()
    assert window.open_meeting_id == meeting_id
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert FOCUS_RULE in app.styleSheet()


def test_another_archive_does_not_reopen_this_ones_meeting(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int,
    settings: Settings, tmp_path: Path, sample_meeting: MeetingDoc,
) -> None:  # fmt: skip
    """The tester's case: opening another archive reopened its unrelated meeting 3."""
    newer = services.import_meeting(database, sample_meeting)
    sample_window.open_meeting(sample_id)  # not the newest: reopened only for this archive
    other = Database.open(str(tmp_path / "other.sqlite3"))
    try:
        first = services.import_meeting(other, sample_meeting)
        newest = services.import_meeting(other, sample_meeting)
        assert sample_id in (first, newest)  # the same id names another meeting there
        window = MainWindow(other, settings)
        qtbot.addWidget(window)
        assert window.editor.meeting_id == newest
    finally:
        other.close()
    window = MainWindow(database, settings)
    qtbot.addWidget(window)
    assert window.editor.meeting_id == sample_id != newer
