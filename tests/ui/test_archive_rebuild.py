"""The archive tree keeps its place whatever rebuilds it: the highlighted meeting (followed
to its new year if its date moved) and the groups that were open survive a refresh of the
archive (what another window's save or deletion makes the window do) and a change of the
filters; a meeting gone leaves nothing highlighted, and one the filters hide is highlighted
again when they show it. Restoring the highlight chooses nothing: no meeting is opened by
it."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from models import services
from models.database import Database
from models.meeting_doc import MeetingDoc
from tests.ui.conftest import CTRL, choose, import_archive
from ui.archive.archive_source import DatabaseMeetings
from ui.archive.archive_view import ArchiveView
from ui.common.settings import Settings
from ui.shell.main_window import MainWindow


@pytest.fixture
def ids(database: Database, sample_meeting: MeetingDoc) -> dict[str, int]:
    """test_archive's archive, and a second RRB meeting in 2019 ("2019" is in May)."""
    return import_archive(database, sample_meeting, {"2019-11": dt.date(2019, 11, 14)})


@pytest.fixture
def view(qtbot: QtBot, database: Database, settings: Settings, ids: dict[str, int]) -> ArchiveView:
    """The archive as the window shows it, the cursor in it."""
    archive = ArchiveView(settings)
    qtbot.addWidget(archive)
    archive.resize(600, 500)
    archive.show_archive(DatabaseMeetings(database))
    with qtbot.waitExposed(archive):
        archive.show()
    archive.focus_tree()
    return archive


def _highlight_november_2019(qtbot: QtBot, view: ArchiveView, ids: dict[str, int]) -> None:
    """As a user would: type the year, open it, go down to its first meeting."""
    qtbot.keyClicks(view.tree, "2019")
    qtbot.keyClick(view.tree, Qt.Key.Key_Right)
    qtbot.keyClick(view.tree, Qt.Key.Key_Down)
    assert _highlighted(view) == ids["2019-11"]


def _highlighted(view: ArchiveView) -> int | None:
    summary = view.current_meeting()
    return summary.id if summary is not None else None


def _open(view: ArchiveView, index: QModelIndex) -> bool:
    return index.isValid() and view.tree.isExpanded(index)


@contextmanager
def _rebuilt(qtbot: QtBot, view: ArchiveView) -> Iterator[None]:
    """The tree is rebuilt, and nothing is chosen meanwhile (no meeting would be opened)."""
    with (
        qtbot.assertNotEmitted(view.meeting_activated),
        qtbot.assertNotEmitted(view.meeting_clicked),
        qtbot.waitSignal(view.model.modelReset),
    ):
        yield


def test_a_refresh_keeps_the_highlighted_meeting_and_the_years_open(
    qtbot: QtBot, database: Database, view: ArchiveView, ids: dict[str, int]
) -> None:
    model = view.model
    rrb_2025 = model.index_of(ids["sample"]).parent()
    view.tree.collapse(rrb_2025)  # closed by the user: stays closed
    _highlight_november_2019(qtbot, view, ids)

    # Another window adds a meeting: the archive is read again, the tree rebuilt.
    services.create_meeting(database, date=dt.date(2031, 1, 9))
    with _rebuilt(qtbot, view):
        view.show_archive(DatabaseMeetings(database))
    assert _highlighted(view) == ids["2019-11"]
    assert _open(view, model.index_of(ids["2019-11"]).parent())
    assert not view.tree.isExpanded(model.index_of(ids["sample"]).parent())

    # Its date moved elsewhere to a year closed here: followed there, that year opened.
    services.update_meeting(database, ids["2019-11"], date=dt.date(2024, 11, 14))
    with _rebuilt(qtbot, view):
        view.show_archive(DatabaseMeetings(database))
    moved = model.index_of(ids["2019-11"])
    assert moved.parent().data() == "2024 (2)"
    assert _highlighted(view) == ids["2019-11"]
    assert _open(view, moved.parent())
    assert view.tree.viewport().rect().intersects(view.tree.visualRect(moved))


def test_a_filter_keeps_the_highlighted_year(
    qtbot: QtBot, view: ArchiveView, ids: dict[str, int]
) -> None:
    _highlight_november_2019(qtbot, view, ids)
    qtbot.keyClick(view.tree, Qt.Key.Key_Left)  # up to its year
    assert view.tree.currentIndex().data() == "2019 (2)"
    view.order_combo.setFocus()
    with _rebuilt(qtbot, view):
        qtbot.keyClick(view.order_combo, Qt.Key.Key_Down)  # oldest first
    assert view.order_combo.currentText() == "Oldest first"
    year = view.tree.currentIndex()
    assert year.data() == "2019 (2)"
    assert view.tree.isExpanded(year)


def test_the_highlighted_meeting_deleted_elsewhere_leaves_nothing_highlighted(
    qtbot: QtBot,
    caplog: pytest.LogCaptureFixture,
    database: Database,
    view: ArchiveView,
    ids: dict[str, int],
) -> None:
    _highlight_november_2019(qtbot, view, ids)
    services.delete_meeting(database, ids["2019"])  # another meeting of its year
    with _rebuilt(qtbot, view):
        view.show_archive(DatabaseMeetings(database))
    assert _highlighted(view) == ids["2019-11"]

    services.delete_meeting(database, ids["2019-11"])  # the highlighted one
    with caplog.at_level(logging.WARNING), _rebuilt(qtbot, view):
        view.show_archive(DatabaseMeetings(database))
    assert not view.tree.currentIndex().isValid()
    assert view.current_meeting() is None
    assert not view.tree.selectionModel().hasSelection()
    assert not caplog.records
    qtbot.keyClick(view.tree, Qt.Key.Key_Down)  # the keyboard goes on from the top
    assert view.tree.currentIndex().isValid()


# --- the window: a meeting hidden by the filters, then shown again ---------------------------


def _highlight_2024_in_the_window(qtbot: QtBot, window: MainWindow, ids: dict[str, int]) -> None:
    """Ctrl+O, then down to 2024's only meeting (the sample, open, is in 2025)."""
    tree = window.meeting_list
    qtbot.keyClick(window.editor.details.venue_edit, Qt.Key.Key_O, CTRL)
    assert tree.hasFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Down)  # the year 2024, closed
    qtbot.keyClick(tree, Qt.Key.Key_Right)
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert _highlighted(window.archive) == ids["2024"]


def _show_all(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.meeting_model.modelReset):
        qtbot.mouseClick(window.archive.clear_button, Qt.MouseButton.LeftButton)


def test_a_meeting_hidden_by_a_filter_is_highlighted_again_when_shown(
    qtbot: QtBot, ids: dict[str, int], open_window: Callable[[], MainWindow]
) -> None:
    window = open_window()
    archive, tree = window.archive, window.meeting_list
    _highlight_2024_in_the_window(qtbot, window, ids)

    choose(qtbot, archive.year_combo, "2025")  # hides it: the open meeting stands in
    assert _highlighted(archive) == ids["sample"]
    _show_all(qtbot, window)
    assert _highlighted(archive) == ids["2024"]

    choose(qtbot, archive.board_combo, "LCJB: London Criminal Justice Board")  # both hidden
    assert _highlighted(archive) is None
    _show_all(qtbot, window)
    assert _highlighted(archive) == ids["2024"]
    window.editor.focus_first_field()  # back to the open meeting, then Ctrl+O: to it
    qtbot.keyClick(window.editor.details.date_edit.line_edit, Qt.Key.Key_O, CTRL)
    assert tree.hasFocus()
    assert _highlighted(archive) == ids["2024"]
    assert window.open_meeting_id == ids["sample"]  # nothing was opened


def test_a_meeting_highlighted_meanwhile_is_the_one_kept(
    qtbot: QtBot, ids: dict[str, int], open_window: Callable[[], MainWindow]
) -> None:
    window = open_window()
    archive, tree = window.archive, window.meeting_list
    _highlight_2024_in_the_window(qtbot, window, ids)
    choose(qtbot, archive.year_combo, "2025")
    tree.setFocus()
    tree.setCurrentIndex(window.meeting_model.index_of(ids["lcjb"]))  # the user's
    _show_all(qtbot, window)
    assert _highlighted(archive) == ids["lcjb"]
