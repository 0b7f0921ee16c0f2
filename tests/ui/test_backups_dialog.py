"""File > Backups... lists the proven copies and restores one; a damaged archive at start
offers its newest good backup or another file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from models.backups import list_backups, make_backup
from models.database import Database
from models.errors import DatabaseOpenError
from models.meeting_doc import MeetingDoc
from models.services import import_meetings, meeting_count
from rrb_desktop.app import _restore
from tests.ui.conftest import FileDialogs, MessageBoxes
from ui.backups.backups_dialog import BackupsDialog, take_restore_request
from ui.backups.recovery import recover
from ui.shell.main_window import MainWindow


def test_file_backups_opens_the_list(window: MainWindow, qtbot: QtBot) -> None:
    (action,) = [a for a in window.menuBar().actions()[0].menu().actions() if "Backups" in a.text()]
    seen: list[object] = []

    def close_it() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(dialog)
        assert dialog is not None
        dialog.close()

    QTimer.singleShot(0, close_it)
    action.trigger()
    qtbot.waitUntil(lambda: bool(seen))
    assert isinstance(seen[0], BackupsDialog)


@pytest.fixture
def dialog_with_one_backup(qtbot: QtBot, db_path: Path, database: Database) -> BackupsDialog:
    make_backup(db_path)
    dialog = BackupsDialog(db_path)
    qtbot.addWidget(dialog)
    return dialog


def test_the_list_shows_date_kind_and_size_and_back_up_now_adds_one(
    dialog_with_one_backup: BackupsDialog, db_path: Path, message_boxes: MessageBoxes
) -> None:
    dialog = dialog_with_one_backup
    assert dialog.table.rowCount() == 1
    size_text = dialog.table.item(0, 2).text()
    assert size_text.endswith("KB")
    assert dialog.table.item(0, 1).text() == "Made by hand"
    taken = list_backups(db_path)[0].taken
    assert dialog.table.item(0, 0).text().startswith(f"{taken.day:02d} {taken:%B %Y}")
    dialog.backup_button.click()
    assert message_boxes.last.title == "Backup made"
    assert dialog.table.rowCount() == 2


def test_restore_closes_the_window_and_the_app_puts_the_copy_back(
    qtbot: QtBot,
    db_path: Path,
    database: Database,
    sample_meeting: MeetingDoc,
    open_window: Callable[[], MainWindow],
    message_boxes: MessageBoxes,
) -> None:
    import_meetings(database, [sample_meeting])
    backup = make_backup(db_path)
    import_meetings(database, [sample_meeting])
    window = open_window()
    dialog = BackupsDialog(db_path, window)
    message_boxes.answer("Restore backup")
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert take_restore_request() == backup
    database.close()
    _restore(backup, database)
    reopened = Database.open(str(db_path))
    try:
        assert meeting_count(reopened) == 1
    finally:
        reopened.close()
    assert list(db_path.parent.glob(f"{db_path.name}.before-restore-*"))


def test_a_restore_the_user_cancels_changes_nothing(
    dialog_with_one_backup: BackupsDialog, message_boxes: MessageBoxes
) -> None:
    dialog = dialog_with_one_backup
    message_boxes.answer("Cancel")
    dialog.restore_button.click()
    assert take_restore_request() is None


def _damaged(db_path: Path, database: Database, sample_meeting: MeetingDoc) -> DatabaseOpenError:
    import_meetings(database, [sample_meeting])
    make_backup(db_path, now=dt.datetime.now() - dt.timedelta(days=1))  # today: not checked yet
    database.close()
    with db_path.open("r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(b"\xff" * 4096)
    try:
        Database.open(str(db_path))
    except DatabaseOpenError as error:
        return error
    raise AssertionError("the damaged archive opened")


def test_a_damaged_archive_at_start_offers_the_newest_good_backup(
    db_path: Path, database: Database, sample_meeting: MeetingDoc, message_boxes: MessageBoxes
) -> None:
    error = _damaged(db_path, database, sample_meeting)
    message_boxes.answer("Restore newest backup")
    assert recover(error, str(db_path)) == str(db_path)
    assert str(db_path) in message_boxes.last.text
    reopened = Database.open(str(db_path))
    try:
        assert meeting_count(reopened) == 1
    finally:
        reopened.close()


def test_a_damaged_archive_at_start_can_give_way_to_another_file(
    tmp_path: Path,
    db_path: Path,
    database: Database,
    sample_meeting: MeetingDoc,
    message_boxes: MessageBoxes,
    file_dialogs: FileDialogs,
) -> None:
    error = _damaged(db_path, database, sample_meeting)
    before = db_path.read_bytes()
    file_dialogs.save_path = tmp_path / "other.sqlite3"
    message_boxes.answer("Open another archive...")
    assert recover(error, str(db_path)) == str(tmp_path / "other.sqlite3")
    message_boxes.answer("Quit")
    assert recover(error, str(db_path)) is None
    assert db_path.read_bytes() == before


def test_the_list_leaves_out_an_earlier_archive_of_the_same_name(
    qtbot: QtBot, tmp_path: Path, sample_meeting: MeetingDoc
) -> None:
    """The tester's case: a new ``a.sqlite3`` was offered a deleted one's copies."""
    archive = tmp_path / "a.sqlite3"
    for _ in range(2):
        archive.unlink(missing_ok=True)
        database = Database.open(str(archive))
        import_meetings(database, [sample_meeting])
        database.close()
        make_backup(archive)
    dialog = BackupsDialog(archive)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    (only,) = dialog.backups
    assert only.path == list_backups(archive)[0].path
    assert "older copy" not in dialog.table.item(0, 1).text()
