"""Typing a date in the archive goes to the newest meeting held that day, wherever it is: in
a closed year, in a year not read yet, and only among the meetings the filters show; a date
no meeting was held on moves nothing and says so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from models.database import Database
from models.meeting_doc import MeetingDoc
from tests.ui.conftest import import_archive
from ui.archive.archive_tree import TypedDate, date_being_typed, typed_date
from ui.common.settings import ArchiveFilter, Settings
from ui.shell.main_window import MainWindow


@pytest.fixture
def ids(database: Database, sample_meeting: MeetingDoc) -> dict[str, int]:
    """The sample (RRB, 19/06/2025, draft), RRB on 29/02/2024, 13/05/2019 and on 15/01 in
    2019 and 2024 (final), LCJB on 20/03/2025 (final)."""
    return import_archive(
        database,
        sample_meeting,
        {"2019-01": dt.date(2019, 1, 15), "2024-01": dt.date(2024, 1, 15)},
    )


def _type(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Into the tree (Ctrl+O), then the text, as one burst of keys (a key typing nothing ends the
    text before)."""
    if not window.meeting_list.hasFocus():
        window.go_to_meeting_list()
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_Shift)  # types nothing, moves nothing
    qtbot.keyClicks(window.meeting_list, text)


def _highlighted(window: MainWindow) -> int | None:
    summary = window.archive.current_meeting()
    return summary.id if summary is not None else None


def _in_sight(window: MainWindow, meeting_id: int) -> bool:
    tree, model = window.meeting_list, window.meeting_model
    index = model.index_of(meeting_id)
    return (
        tree.isExpanded(index.parent())
        and tree.isExpanded(index.parent().parent())
        and tree.viewport().rect().intersects(tree.visualRect(index))
    )


def test_a_date_typed_goes_to_the_newest_meeting_that_day_in_a_closed_year(
    qtbot: QtBot, ids: dict[str, int], open_window: Callable[[], MainWindow]
) -> None:
    window = open_window()
    model, tree = window.meeting_model, window.meeting_list
    assert not tree.isExpanded(model.index_of(ids["2024"]).parent())  # 2024 and 2019: closed
    assert not tree.isExpanded(model.index_of(ids["2019"]).parent())

    _type(qtbot, window, "15/01")  # 2024's, the newer of two
    assert _highlighted(window) == ids["2024-01"]
    assert _in_sight(window, ids["2024-01"])
    _type(qtbot, window, "13/05")
    assert _highlighted(window) == ids["2019"]
    assert _in_sight(window, ids["2019"])
    _type(qtbot, window, "15.01.2019")  # a whole date: that day
    assert _highlighted(window) == ids["2019-01"]

    # The sample's year closed: still found.
    year_2025 = model.index_of(ids["sample"]).parent()
    tree.collapse(year_2025)
    _type(qtbot, window, "19/06")
    assert _highlighted(window) == ids["sample"]
    assert tree.isExpanded(year_2025)
    assert window.open_meeting_id == ids["sample"]  # nothing opened by it: the same one


def test_a_date_typed_finds_a_meeting_in_a_year_not_read_yet(
    qtbot: QtBot, ids: dict[str, int], open_window: Callable[[], MainWindow], settings: Settings
) -> None:
    settings.archive_filter = ArchiveFilter(newest_first=False)  # 2019 first, closed, unread
    window = open_window()
    _type(qtbot, window, "15/01/2019")
    assert _highlighted(window) == ids["2019-01"]
    assert _in_sight(window, ids["2019-01"])


def test_a_date_no_meeting_shown_was_held_on_moves_nothing_and_says_so(
    qtbot: QtBot, ids: dict[str, int], open_window: Callable[[], MainWindow], settings: Settings
) -> None:
    window = open_window()
    assert _highlighted(window) == ids["sample"]
    _type(qtbot, window, "14/01")
    assert _highlighted(window) == ids["sample"]
    assert window.statusBar().currentMessage() == "No meeting on 14/01."
    _type(qtbot, window, "19/06/2024")
    assert _highlighted(window) == ids["sample"]
    _type(qtbot, window, "31/02")
    assert window.statusBar().currentMessage() == "31/02 is not a date."
    assert _highlighted(window) == ids["sample"]

    # Finals only: the sample, a draft, is not among them.
    window.archive.status_combo.setCurrentIndex(window.archive.status_combo.findText("Final"))
    window.archive.status_combo.activated.emit(window.archive.status_combo.currentIndex())
    _type(qtbot, window, "15/01")
    assert _highlighted(window) == ids["2024-01"]
    _type(qtbot, window, "19/06")
    assert _highlighted(window) == ids["2024-01"]
    assert "among the meetings the filters show" in window.statusBar().currentMessage()
    # Found again: the line saying it was not is taken back.
    _type(qtbot, window, "13/05")
    assert _highlighted(window) == ids["2019"]
    assert window.statusBar().currentMessage() == ""


def test_a_date_found_takes_back_only_its_own_line_not_a_later_message(
    qtbot: QtBot, ids: dict[str, int], open_window: Callable[[], MainWindow]
) -> None:
    window = open_window()
    _type(qtbot, window, "14/01")
    assert window.statusBar().currentMessage() == "No meeting on 14/01."
    window.statusBar().showMessage("Exported: the note is in notes.docx.")  # something else
    _type(qtbot, window, "15/01")
    assert _highlighted(window) == ids["2024-01"]
    assert window.statusBar().currentMessage() == "Exported: the note is in notes.docx."


def test_a_year_or_a_board_typed_still_goes_to_its_row(
    qtbot: QtBot, ids: dict[str, int], open_window: Callable[[], MainWindow]
) -> None:
    window = open_window()
    _type(qtbot, window, "2019")
    assert window.meeting_list.currentIndex() == window.meeting_model.index_of(ids["2019"]).parent()
    _type(qtbot, window, "lcjb")
    assert str(window.meeting_list.currentIndex().data()).startswith("LCJB:")


def test_what_counts_as_a_date() -> None:
    assert typed_date("15/01") == TypedDate(15, 1, None)
    assert typed_date("19.06.2025") == TypedDate(19, 6, 2025)
    assert str(TypedDate(9, 6, 2025)) == "09/06/2025"
    assert typed_date("19/06/20") is None
    assert typed_date("15/0") is None  # its month still being typed, not month 0
    assert typed_date("15/0/2025") == TypedDate(15, 0, 2025)  # typed whole: not a date
    assert typed_date("2019") is None
    assert all(date_being_typed(text) for text in ("1", "15", "15/", "15/0", "19/06/", "19/06/202"))
    assert not any(date_being_typed(text) for text in ("201", "2019", "RRB", "19/06/2025"))
    assert TypedDate(29, 2, None).exists()
    assert not TypedDate(29, 2, 2025).exists()
