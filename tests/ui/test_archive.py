"""The archive on the left: meetings grouped by board and year, filtered, sorted, and driven
from the keyboard as the old flat list was."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from models import services
from models.database import Database
from models.enums import LayoutStyle, MeetingStatus
from models.meeting_doc import MeetingDoc
from models.services import MeetingSummary
from tests.ui.conftest import CTRL, LCJB, MessageBoxes, choose
from ui.archive.archive_model import MEETING_ID_ROLE, ArchiveModel, Column
from ui.common.settings import ArchiveFilter, Settings
from ui.shell.main_window import MainWindow


def _summary(
    meeting_id: int,
    date: dt.date,
    board: tuple[str, str] = ("Reducing Reoffending Board", "RRB"),
    status: MeetingStatus = MeetingStatus.DRAFT,
) -> MeetingSummary:
    return MeetingSummary(
        id=meeting_id,
        date=date,
        start=None,
        board_name=board[0],
        board_abbreviation=board[1],
        title="Public Note",
        style=LayoutStyle.PUBLIC_NOTE,
        status=status,
    )


LCJB_PAIR = (LCJB.name, LCJB.abbreviation)
ROWS = [  # newest first, as services.list_meetings lists them
    _summary(6, dt.date(2025, 9, 18)),
    _summary(5, dt.date(2025, 6, 19), status=MeetingStatus.FINAL),
    _summary(4, dt.date(2025, 3, 20), LCJB_PAIR, MeetingStatus.FINAL),
    _summary(3, dt.date(2024, 2, 29), status=MeetingStatus.FINAL),
    _summary(2, dt.date(2023, 2, 28), LCJB_PAIR, MeetingStatus.FINAL),
    _summary(1, dt.date(2019, 5, 13), status=MeetingStatus.FINAL),
]


def _texts(model: ArchiveModel, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    return [model.index(row, 0, parent).data() for row in range(model.rowCount(parent))]


def _tree(model: ArchiveModel) -> dict[str, dict[str, list[int]]]:
    """Board label -> year label -> meeting IDs, as the tree reads."""
    tree: dict[str, dict[str, list[int]]] = {}
    for board_row in range(model.rowCount()):
        board = model.index(board_row, 0)
        years: dict[str, list[int]] = {}
        for year_row in range(model.rowCount(board)):
            year = model.index(year_row, 0, board)
            years[year.data()] = [
                model.index(row, 0, year).data(MEETING_ID_ROLE)
                for row in range(model.rowCount(year))
            ]
        tree[board.data()] = years
    return tree


# --- the model ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "archive_filter",
    [
        ArchiveFilter(),
        ArchiveFilter(newest_first=False),
        ArchiveFilter(board=LCJB.name),
        ArchiveFilter(year=2025, status=MeetingStatus.FINAL),
        ArchiveFilter(year=1990),  # nothing at all
    ],
)
def test_the_archive_model_passes_the_model_tester(
    qtmodeltester: ModelTester, archive_filter: ArchiveFilter
) -> None:
    model = ArchiveModel()
    model.set_meetings(ROWS)
    model.set_filter(archive_filter)
    model.set_open_meeting(5)
    qtmodeltester.check(model)


def test_meetings_are_grouped_by_board_then_year_newest_first() -> None:
    model = ArchiveModel()
    model.set_meetings(ROWS)
    assert _tree(model) == {
        "LCJB: London Criminal Justice Board (2)": {"2025 (1)": [4], "2023 (1)": [2]},
        "RRB: Reducing Reoffending Board (4)": {
            "2025 (2)": [6, 5],
            "2024 (1)": [3],
            "2019 (1)": [1],
        },
    }
    meeting = model.index_of(5)
    assert [meeting.siblingAtColumn(column).data() for column in Column] == [
        "19/06/2025",
        "Public Note",
        "Final",
    ]
    assert "Thursday 19/06/2025 (final)" in meeting.data(Qt.ItemDataRole.ToolTipRole)
    assert model.headerData(Column.TITLE, Qt.Orientation.Horizontal) == "Title"
    assert model.summary_at(meeting.parent()) is None  # a year row is not a meeting
    assert model.group_key(meeting.parent()) == ("Reducing Reoffending Board", 2025)


def test_filters_and_the_order_change_the_tree() -> None:
    model = ArchiveModel()
    model.set_meetings(ROWS)

    model.set_filter(ArchiveFilter(newest_first=False))
    assert _tree(model)["RRB: Reducing Reoffending Board (4)"] == {
        "2019 (1)": [1], "2024 (1)": [3], "2025 (2)": [5, 6],
    }  # fmt: skip

    model.set_filter(ArchiveFilter(status=MeetingStatus.DRAFT))
    assert _tree(model) == {"RRB: Reducing Reoffending Board (1)": {"2025 (1)": [6]}}
    assert (model.shown_count(), model.meeting_count()) == (1, 6)

    model.set_filter(ArchiveFilter(board=LCJB.name, year=2023))
    assert _tree(model) == {"LCJB: London Criminal Justice Board (1)": {"2023 (1)": [2]}}
    assert not model.index_of(6).isValid()  # filtered out, but still known
    assert model.summary_of(6) == ROWS[0]
    assert model.boards() == [LCJB_PAIR, ("Reducing Reoffending Board", "RRB")]
    assert model.years() == [2025, 2024, 2023, 2019]


def test_refreshing_the_same_meetings_only_repaints_the_changed_row(qtbot: QtBot) -> None:
    model = ArchiveModel()
    model.set_meetings(ROWS)
    assert model.index_of(6).isValid()  # its year is read, as when it is open in the view
    changed = [dataclasses.replace(ROWS[0], title="Extraordinary Meeting"), *ROWS[1:]]
    with (
        qtbot.assertNotEmitted(model.modelReset),
        qtbot.waitSignal(model.dataChanged) as signal,
    ):
        model.set_meetings(changed)
    assert signal.args[0] == model.index_of(6)
    assert model.index_of(6, Column.TITLE).data() == "Extraordinary Meeting"
    with qtbot.waitSignal(model.modelReset):  # a meeting less: the tree is rebuilt
        model.set_meetings(changed[1:])


def test_the_neighbour_of_a_meeting_is_the_next_one_of_its_board() -> None:
    model = ArchiveModel()
    model.set_meetings(ROWS)
    assert model.neighbour_of(5).id == 3  # type: ignore[union-attr]  # across years
    assert model.neighbour_of(1).id == 3  # type: ignore[union-attr]  # the oldest: before it
    model.set_filter(ArchiveFilter(board=LCJB.name, year=2023))
    assert model.neighbour_of(2) is None


# --- the window --------------------------------------------------------------------------------


def _visible_ids(window: MainWindow) -> list[int]:
    """The meetings the tree shows now (groups closed hide theirs), top to bottom."""
    tree, model = window.meeting_list, window.meeting_model
    shown = []
    index = model.index(0, 0)
    while index.isValid():
        summary = model.summary_at(index)
        if summary is not None:
            shown.append(summary.id)
        index = tree.indexBelow(index)
    return shown


def test_the_window_opens_on_the_newest_year_of_each_board(
    archive_ids: dict[str, int], open_window: Callable[[], MainWindow]
) -> None:
    window = open_window()
    model, tree = window.meeting_model, window.meeting_list
    assert window.left_tabs.tabText(0) == "Meetings"
    assert window.left_tabs.currentWidget() is window.archive
    assert _texts(model) == [
        "LCJB: London Criminal Justice Board (1)",
        "RRB: Reducing Reoffending Board (3)",
    ]
    assert _visible_ids(window) == [archive_ids["lcjb"], archive_ids["sample"]]
    rrb = model.index(1, 0)
    assert _texts(model, rrb) == ["2025 (1)", "2024 (1)", "2019 (1)"]
    assert not tree.isExpanded(model.index(1, 0, rrb))  # 2024: closed
    assert tree.isFirstColumnSpanned(1, QModelIndex())  # a board's name spans the columns
    # The open meeting: bold, highlighted.
    sample = model.index_of(archive_ids["sample"])
    assert tree.currentIndex() == sample
    assert sample.data(Qt.ItemDataRole.FontRole).bold()
    assert window.archive.count_label.text() == "4 meetings"


def test_one_board_still_shows_its_name(sample_window: MainWindow) -> None:
    """With a single board the board row stays: it tells the reader whose meetings these are."""
    model = sample_window.meeting_model
    assert _texts(model) == ["RRB: Reducing Reoffending Board (1)"]
    assert _texts(model, model.index(0, 0)) == ["2025 (1)"]


def test_left_right_close_and_open_a_year_and_enter_on_a_year_toggles_it(
    qtbot: QtBot, archive_ids: dict[str, int], open_window: Callable[[], MainWindow]
) -> None:
    window = open_window()
    tree, model = window.meeting_list, window.meeting_model
    qtbot.keyClick(window.editor.details.venue_edit, Qt.Key.Key_O, CTRL)
    assert tree.hasFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Left)  # from the meeting up to its year
    year_2025 = model.index_of(archive_ids["sample"]).parent()
    assert tree.currentIndex() == year_2025
    qtbot.keyClick(tree, Qt.Key.Key_Left)  # closes the year
    assert not tree.isExpanded(year_2025)
    qtbot.keyClick(tree, Qt.Key.Key_Return)  # Enter on a year opens it again
    assert tree.isExpanded(year_2025)
    qtbot.keyClick(tree, Qt.Key.Key_Down)  # the sample
    qtbot.keyClick(tree, Qt.Key.Key_Down)  # the year 2024, closed
    year_2024 = model.index_of(archive_ids["2024"]).parent()
    assert tree.currentIndex() == year_2024
    assert not tree.isExpanded(year_2024)
    qtbot.keyClick(tree, Qt.Key.Key_Right)
    assert tree.isExpanded(year_2024)
    assert window.editor.meeting_id == archive_ids["sample"]  # no meeting opened meanwhile
    qtbot.keyClick(tree, Qt.Key.Key_Down)  # its meeting
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert window.open_meeting_id == archive_ids["2024"]


def test_typing_a_year_goes_to_it(
    qtbot: QtBot, archive_ids: dict[str, int], open_window: Callable[[], MainWindow]
) -> None:
    window = open_window()
    tree = window.meeting_list
    window.go_to_meeting_list()
    qtbot.keyClicks(tree, "2019")
    year = window.meeting_model.index_of(archive_ids["2019"]).parent()
    assert tree.currentIndex() == year


def test_del_on_a_year_deletes_nothing(
    qtbot: QtBot,
    archive_ids: dict[str, int],
    open_window: Callable[[], MainWindow],
    database: Database,
    message_boxes: MessageBoxes,
) -> None:
    window = open_window()
    tree = window.meeting_list
    window.go_to_meeting_list()
    qtbot.keyClick(tree, Qt.Key.Key_Left)  # up to the year
    qtbot.keyClick(tree, Qt.Key.Key_Delete)
    assert not message_boxes.shown
    assert services.meeting_count(database) == 4

    qtbot.keyClick(tree, Qt.Key.Key_Down)  # back to the sample
    message_boxes.answer("Delete meeting")
    qtbot.keyClick(tree, Qt.Key.Key_Delete)
    assert "RRB Public Note, 19 June 2025" in message_boxes.last.text
    assert services.meeting_count(database) == 3
    # The next meeting of the board opens in its place (final: read-only).
    assert window.open_meeting_id == archive_ids["2024"]
    assert window.read_only


def test_the_filters_narrow_the_tree_and_are_remembered(
    qtbot: QtBot,
    archive_ids: dict[str, int],
    open_window: Callable[[], MainWindow],
    settings: Settings,
) -> None:
    window = open_window()
    archive = window.archive
    assert [archive.year_combo.itemText(i) for i in range(archive.year_combo.count())] == [
        "All years", "2025", "2024", "2019",
    ]  # fmt: skip

    choose(qtbot, archive.status_combo, "Final")
    assert _texts(window.meeting_model) == [
        "LCJB: London Criminal Justice Board (1)",
        "RRB: Reducing Reoffending Board (2)",
    ]
    assert archive.count_label.text() == "3 of 4 meetings"
    assert archive.clear_button.isVisible()
    choose(qtbot, archive.board_combo, "RRB: Reducing Reoffending Board")
    choose(qtbot, archive.order_combo, "Oldest first")
    _tree_after = _tree(window.meeting_model)
    assert _tree_after == {
        "RRB: Reducing Reoffending Board (2)": {
            "2019 (1)": [archive_ids["2019"]],
            "2024 (1)": [archive_ids["2024"]],
        }
    }
    assert settings.archive_filter.status is MeetingStatus.FINAL
    assert window.close()

    again = open_window()
    assert again.archive.status_combo.currentText() == "Final"
    assert again.archive.board_combo.currentText() == "RRB: Reducing Reoffending Board"
    assert again.archive.order_combo.currentText() == "Oldest first"
    assert _tree(again.meeting_model) == _tree_after
    # The meeting open at the close (the sample, a draft) is open again, though hidden.
    assert again.open_meeting_id == archive_ids["sample"]

    qtbot.mouseClick(again.archive.clear_button, Qt.MouseButton.LeftButton)
    assert again.meeting_model.shown_count() == 4
    assert again.archive.order_combo.currentText() == "Oldest first"  # the order stays
    assert not again.archive.clear_button.isVisible()


def test_a_remembered_board_with_no_meeting_left_is_forgotten(
    database: Database, sample_id: int, open_window: Callable[[], MainWindow], settings: Settings
) -> None:
    settings.archive_filter = ArchiveFilter(board="A Board Since Deleted")
    window = open_window()
    assert window.meeting_model.shown_count() == 1
    assert window.archive.board_combo.currentText() == "All boards"
    assert settings.archive_filter.board is None
    assert sample_id


def test_a_new_meeting_hidden_by_the_filters_clears_them(
    qtbot: QtBot, archive_ids: dict[str, int], open_window: Callable[[], MainWindow]
) -> None:
    window = open_window()
    choose(qtbot, window.archive.status_combo, "Final")
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_N, CTRL)
    new_id = window.editor.meeting_id
    assert new_id not in archive_ids.values()
    assert window.archive.status_combo.currentText() == "All"
    assert window.meeting_list.currentIndex() == window.meeting_model.index_of(new_id)
    assert "filters were cleared" in window.statusBar().currentMessage()


def test_the_groups_opened_stay_open_when_the_list_is_rebuilt(
    qtbot: QtBot, archive_ids: dict[str, int], open_window: Callable[[], MainWindow]
) -> None:
    window = open_window()
    tree, model = window.meeting_list, window.meeting_model
    year_2019 = model.index_of(archive_ids["2019"]).parent()
    tree.expand(year_2019)
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_N, CTRL)  # a new meeting: a new tree
    year_2019 = model.index_of(archive_ids["2019"]).parent()
    assert tree.isExpanded(year_2019)


def test_ctrl_o_brings_the_meetings_tab_back(qtbot: QtBot, sample_window: MainWindow) -> None:
    other = QLabel("Another way of finding meetings")
    index = sample_window.add_left_tab(other, "Other")
    assert sample_window.left_tabs.tabText(index) == "Other"
    sample_window.show_left_tab(other)
    qtbot.keyClick(sample_window.editor.details.venue_edit, Qt.Key.Key_O, CTRL)
    assert sample_window.left_tabs.currentWidget() is sample_window.archive
    assert sample_window.meeting_list.hasFocus()


def test_the_archive_of_many_meetings_lays_out_only_what_it_shows(
    database: Database, sample_meeting: MeetingDoc, open_window: Callable[[], MainWindow]
) -> None:
    first = dt.date(2000, 1, 6)
    dates = [first + dt.timedelta(weeks=4 * number) for number in range(300)]
    docs = [sample_meeting._replace(date=day, next_meeting=None) for day in dates]
    services.import_meetings(database, docs)
    window = open_window()
    shown = _visible_ids(window)
    newest_year = max(doc.date.year for doc in docs)
    assert len(shown) == sum(doc.date.year == newest_year for doc in docs)  # one year, open


def _follows(window: MainWindow, meeting_id: int) -> bool:
    """The tree highlights the meeting, its board and year open, its row scrolled into view."""
    tree, model = window.meeting_list, window.meeting_model
    index = model.index_of(meeting_id)
    return (
        index.isValid()
        and tree.currentIndex().siblingAtColumn(0) == index.siblingAtColumn(0)
        and tree.isExpanded(index.parent())
        and tree.isExpanded(index.parent().parent())
        and tree.viewport().rect().intersects(tree.visualRect(index))
    )


@pytest.mark.parametrize("typed", ["13052019", "01012021"], ids=["a closed year", "a new year"])
def test_a_new_meetings_date_in_another_year_keeps_it_in_sight(
    qtbot: QtBot,
    archive_ids: dict[str, int],
    open_window: Callable[[], MainWindow],
    database: Database,
    typed: str,
) -> None:
    window = open_window()
    window.resize(1280, 800)
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_N, CTRL)
    new_id = window.editor.meeting_id
    assert new_id is not None
    qtbot.waitUntil(lambda: _follows(window, new_id))  # in this year's group, today
    date_field = window.editor.details.date_edit
    assert date_field.line_edit.hasFocus()
    qtbot.keyClicks(date_field.line_edit, typed)
    qtbot.keyClick(date_field.line_edit, Qt.Key.Key_Tab)
    day = dt.date(int(typed[4:]), int(typed[2:4]), int(typed[:2]))
    qtbot.waitUntil(lambda: services.meeting_summary(database, new_id).date == day)
    qtbot.waitUntil(lambda: window.meeting_model.summary_of(new_id).date == day)
    assert _follows(window, new_id)
    assert window.archive.current_meeting().id == new_id


def test_a_meeting_moved_to_another_board_keeps_it_in_sight(
    qtbot: QtBot,
    archive_ids: dict[str, int],
    open_window: Callable[[], MainWindow],
    database: Database,
) -> None:
    window = open_window()
    meeting_id = archive_ids["sample"]
    assert window.editor.meeting_id == meeting_id
    window.editor.focus_first_field()
    details = window.editor.details
    qtbot.keyClicks(details.date_edit.line_edit, "14052019")  # LCJB has no 2019 yet
    qtbot.keyClick(details.date_edit.line_edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: _follows(window, meeting_id))
    details.board_combo.setFocus()
    qtbot.keyClicks(details.board_combo, "London")  # as a user picks from a list
    assert details.board_combo.currentText().startswith(LCJB.name)
    qtbot.waitUntil(lambda: window.meeting_model.summary_of(meeting_id).board_name == LCJB.name)
    assert _follows(window, meeting_id)
