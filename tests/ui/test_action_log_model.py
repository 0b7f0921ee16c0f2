"""The action log's table model: it passes Qt's model tester, reads a long log a page at a
time as the table scrolls (on past a capped count to the real number), and sorts a paged log
from its first page."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from models.action_log import ActionLogEntry, LogOrder, action_log
from models.capped_count import CappedCount
from models.database import Database
from models.enums import ActionStatus
from tests.ui.test_action_log_window import TODAY
from ui.actions.action_log_model import PAGE_ROWS, ActionLogModel, LogColumn
from ui.common.item_models import page_of

# --- the model ---------------------------------------------------------------------------------


def test_the_model_passes_the_model_tester_sorted_and_not(
    qtmodeltester: ModelTester, database: Database, archive: dict[str, int]
) -> None:
    model = ActionLogModel()
    model.set_entries(action_log(database), today=TODAY)
    assert model.rowCount() > 5
    qtmodeltester.check(model)
    model.sort(LogColumn.DUE, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    assert model.headerData(LogColumn.RAISED, Qt.Orientation.Horizontal) == "Raised"


# --- a page at a time ---------------------------------------------------------------------


def _entries(count: int) -> list[ActionLogEntry]:
    """A log longer than a page: one action per meeting, newest meeting first."""
    first = dt.date(2000, 1, 1)
    return [
        ActionLogEntry(
            id=count - n,
            meeting_id=count - n,
            meeting_date=first + dt.timedelta(days=count - n),
            board_abbreviation="RRB",
            item_number=1,
            item_title="Item",
            description=f"action number {count - n:04d}",
            owners=("MPS",),
            due=None,
            status=ActionStatus.OPEN,
            carried_from_id=None,
        )
        for n in range(count)
    ]


def test_the_table_reads_a_page_at_a_time_as_it_scrolls(qtmodeltester: ModelTester) -> None:
    model = ActionLogModel()
    reads: list[tuple[int, int | None]] = []
    entries = _entries(PAGE_ROWS * 2 + 5)

    def fetch(_order: LogOrder, offset: int, limit: int | None) -> list[ActionLogEntry]:
        reads.append((offset, limit))
        return entries[offset:] if limit is None else entries[offset : offset + limit]

    model.set_query(fetch, CappedCount(len(entries)), today=TODAY)
    assert model.rowCount() == PAGE_ROWS
    assert model.total() == CappedCount(len(entries))
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 2 * PAGE_ROWS
    assert model.entries() == entries  # an export reads the rest
    assert reads[-1] == (0, None)
    model.fetchMore()
    assert model.rowCount() == len(entries)
    assert not model.canFetchMore()
    qtmodeltester.check(model)


def test_past_a_capped_count_the_table_reads_on_to_the_end_and_then_knows_the_number(
    qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    model = ActionLogModel()
    entries = _entries(PAGE_ROWS * 2 + 5)
    model.set_query(
        lambda _order, offset, limit: page_of(entries, offset, limit),
        CappedCount(PAGE_ROWS, more=True),  # "more than 100": the count stopped there
        today=TODAY,
    )
    assert model.total() == CappedCount(PAGE_ROWS, more=True)
    model.fetchMore()
    assert model.rowCount() == 2 * PAGE_ROWS
    assert model.canFetchMore()  # past the cap: only a short page says it is the end
    with qtbot.waitSignal(model.total_counted):
        model.fetchMore()
    assert model.rowCount() == len(entries)
    assert model.total() == CappedCount(len(entries))
    assert not model.canFetchMore()
    qtmodeltester.check(model)


def test_a_capped_count_with_fewer_rows_than_a_page_is_exact_at_once() -> None:
    model = ActionLogModel()
    entries = _entries(5)
    model.set_query(
        lambda _order, offset, limit: page_of(entries, offset, limit),
        CappedCount(3, more=True),
        today=TODAY,
    )
    assert model.total() == CappedCount(5)
    assert not model.canFetchMore()
    assert model.entries() == entries


def test_sorting_a_paged_log_reads_the_first_page_in_the_new_order() -> None:
    model = ActionLogModel()
    entries = _entries(PAGE_ROWS + 20)
    model.set_entries(entries, today=TODAY)
    model.sort(LogColumn.RAISED, Qt.SortOrder.AscendingOrder)
    assert model.rowCount() == PAGE_ROWS
    assert model.row_at(0) == entries[-1]  # the oldest
    assert model.entries() == entries[::-1]
