"""The window in two stages, as the app starts it: its first screen (the meeting list read
without SQLAlchemy, the menus' names), then the database and everything else.

The first screen is the same window the person goes on using: the list painted first stays
(the highlight and the open year too), the menus fill in where their names already were,
and the meeting open at the last close reopens once the database is in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from models import services
from models.backups import make_backup
from models.database import Database, database_url
from models.direct_archive import DirectArchive
from models.meeting_doc import MeetingDoc
from rrb_desktop import app as app_module
from rrb_desktop.app import OPENING_MESSAGE, start_first_screen
from tests.conftest import archive_at_revision
from tests.ui.conftest import MessageBoxes
from ui.common.settings import Settings
from ui.shell.main_window import MENU_TITLES, MainWindow


def _first_screen(
    qtbot: QtBot, db_path: Path, settings: Settings
) -> tuple[MainWindow, DirectArchive]:
    archive = DirectArchive.open(db_path)
    window = MainWindow(None, settings, first_list=archive, described=str(db_path))
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    return window, archive


def test_the_first_screen_lists_the_archive_and_names_the_menus(
    qtbot: QtBot, database: Database, db_path: Path, settings: Settings, sample_meeting: MeetingDoc
) -> None:
    older = services.import_meeting(database, sample_meeting)
    newest = services.import_meeting(database, sample_meeting)
    window, archive = _first_screen(qtbot, db_path, settings)
    try:
        assert window.database is None
        assert window.meeting_model.meeting_count() == 2
        newest_row = window.meeting_model.index_of(newest)
        assert window.meeting_list.isExpanded(newest_row.parent())  # the newest year is open
        assert window.meeting_model.index_of(older).isValid()
        assert [action.text() for action in window.menuBar().actions()] == list(MENU_TITLES)
        labels = [label.text() for label in window.statusBar().findChildren(QLabel)]
        assert f"Database: {db_path}" in labels
    finally:
        archive.close()


def test_the_database_handed_over_makes_the_rest_and_reopens_the_last_meeting(
    qtbot: QtBot, database: Database, db_path: Path, settings: Settings, sample_meeting: MeetingDoc
) -> None:
    first = services.import_meeting(database, sample_meeting)
    services.import_meeting(database, sample_meeting)
    settings.set_last_meeting_id(database.archive_key(), first)  # not the newest
    window, archive = _first_screen(qtbot, db_path, settings)
    archive.close()
    with qtbot.waitSignal(window.start_finished):
        window.attach_database(database)
    assert window.database is database
    assert window.editor.meeting_id == first
    assert window.meeting_model.meeting_count() == 2
    menus = window.menuBar().actions()
    assert [action.text() for action in menus] == list(MENU_TITLES)  # the same, filled in
    file_menu = menus[0].menu()
    assert isinstance(file_menu, QMenu)
    assert window.quit_action in file_menu.actions()


def test_a_first_screen_closed_before_its_database_came_goes_without_a_question(
    qtbot: QtBot, database: Database, db_path: Path, settings: Settings
) -> None:
    window, archive = _first_screen(qtbot, db_path, settings)
    archive.close()
    assert window.close()


def test_the_app_start_opens_the_database_after_the_first_paint(
    qtbot: QtBot, database: Database, db_path: Path, settings: Settings, sample_meeting: MeetingDoc
) -> None:
    meeting_id = services.import_meeting(database, sample_meeting)
    database.close()
    window = start_first_screen(str(db_path), settings)
    assert window is not None
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.start_finished, timeout=10_000):
        pass
    assert window.database is not None
    assert window.editor.meeting_id == meeting_id
    assert window.statusBar().currentMessage() != OPENING_MESSAGE
    window.database.close()


def test_a_file_damaged_where_the_list_was_not_read_is_offered_its_backup(
    qtbot: QtBot,
    database: Database,
    db_path: Path,
    settings: Settings,
    sample_meeting: MeetingDoc,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first screen reads a few rows; the day's check of every page finds the damage:
    the list goes while the person chooses, and a backup restored is what the window shows."""
    services.import_meetings(database, [sample_meeting] * 3)
    make_backup(db_path, now=dt.datetime.now() - dt.timedelta(days=1))  # today's check is due
    database.close()
    with db_path.open("r+b") as handle:  # a page of the notes' index, not of the list
        handle.seek(db_path.stat().st_size - 4096 * 2)
        handle.write(b"\xff" * 4096)
    message_boxes.answer("Restore newest backup")
    listed_when_asked: list[int] = []
    answer = message_boxes.exec

    def watched(box: QMessageBox) -> int:
        assert window is not None
        listed_when_asked.append(window.meeting_model.meeting_count())
        return answer(box)

    monkeypatch.setattr(message_boxes, "exec", watched)
    window = start_first_screen(str(db_path), settings)
    assert window is not None
    qtbot.addWidget(window)
    assert window.meeting_model.meeting_count() == 3  # the first screen, read
    with qtbot.waitSignal(window.start_finished, timeout=10_000):
        pass
    assert "damaged" in message_boxes.last.text
    assert listed_when_asked == [0]  # not the damaged file's list behind the question
    assert window.database is not None
    assert window.meeting_model.meeting_count() == 3
    window.database.close()


def test_a_window_never_painted_still_opens_its_database(
    qtbot: QtBot, database: Database, db_path: Path, settings: Settings
) -> None:
    """Started minimised, the list is not painted until the window is restored; the rest of
    the window does not wait for that."""
    database.close()
    window = start_first_screen(str(db_path), settings)
    assert window is not None
    qtbot.addWidget(window)
    window.meeting_list.viewport().setUpdatesEnabled(False)  # no paint reaches it
    with qtbot.waitSignal(window.start_finished, timeout=10_000):
        pass
    assert window.database is not None
    window.database.close()


def test_an_archive_being_upgraded_says_so_until_it_opens(
    tmp_path: Path,
    settings: Settings,
    sample_meeting: MeetingDoc,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An older archive is not read for a first screen; its upgrade (a minute or more on a
    large archive) runs before any window: a notice says what is happening meanwhile."""
    path = tmp_path / "older.sqlite3"
    archive_at_revision(database_url(str(path)), "0010", [sample_meeting])
    assert start_first_screen(str(path), settings) is None
    shown_while_opening: list[list[str]] = []
    open_database = Database.open

    def watched(location: str, **options: Callable[[str], None]) -> Database:
        def upgrading(revision: str) -> None:
            options["upgrading"](revision)
            shown_while_opening.append(
                [w.windowTitle() for w in QApplication.topLevelWidgets() if w.isVisible()]
            )

        return open_database(location, upgrading=upgrading)

    monkeypatch.setattr(Database, "open", watched)
    opened = app_module._open_or_recover(str(path))
    assert opened is not None
    opened.close()
    assert shown_while_opening == [[app_module.UPGRADE_TITLE]]
    assert not any(w.isVisible() for w in QApplication.topLevelWidgets())  # gone once open
    again = app_module._open_or_recover(str(path))  # up to date now: no notice
    assert again is not None
    again.close()
    assert len(shown_while_opening) == 1  # no upgrade, no notice
