"""The window in two stages, as the app starts it: its first screen (the meeting list read
without SQLAlchemy, the menus' names), then the database and everything else.

The first screen is the same window the person goes on using: the list painted first stays
(the highlight and the open year too), the menus fill in where their names already were,
and the meeting open at the last close reopens once the database is in.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QMenu
from pytestqt.qtbot import QtBot

from models import services
from models.database import Database
from models.direct_archive import DirectArchive
from models.meeting_doc import MeetingDoc
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
    settings.last_meeting_id = first  # open at the last close, though not the newest
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
