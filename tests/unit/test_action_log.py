"""The action log: filters and carry-over chains across meetings."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from models import services
from models.action_log import (
    ActionFilter,
    ActionLogEntry,
    LogOrder,
    LogSort,
    action_log,
    action_log_count,
    action_log_page,
    carry_over_chain,
)
from models.capped_count import CappedCount
from models.database import Database
from models.entities import Action
from models.enums import ActionStatus
from models.interchange import read_meeting_file
from tests.conftest import BOARD_NOTE_EXAMPLES

OPEN = frozenset({ActionStatus.OPEN})


@pytest.fixture
def archive(database: Database) -> list[int]:
    return services.import_meetings(
        database, [read_meeting_file(path) for path in BOARD_NOTE_EXAMPLES]
    )


def test_open_actions_of_all_four_examples(database: Database, archive: list[int]) -> None:
    entries = action_log(database, ActionFilter(statuses=OPEN))
    assert {entry.meeting_id for entry in entries} == set(archive)
    assert all(entry.status is ActionStatus.OPEN for entry in entries)
    dates = [entry.meeting_date for entry in entries]
    assert dates == sorted(dates, reverse=True)


def test_owner_filter_matches_any_one_of_the_owners_in_any_case(
    database: Database, archive: list[int]
) -> None:
    entries = action_log(database, ActionFilter(owner="mps"))
    assert entries
    assert all("MPS" in entry.owners for entry in entries)
    assert any(entry.owners == ("MPS", "MOPAC") for entry in entries)
    assert entries[0].sentence.startswith("MPS")


def test_board_filter_by_abbreviation_or_name(database: Database, archive: list[int]) -> None:
    everything = action_log(database)
    assert action_log(database, ActionFilter(board="rrb")) == everything
    assert action_log(database, ActionFilter(board="Reducing Reoffending Board")) == everything
    assert action_log(database, ActionFilter(board="XYZ")) == []


def test_overdue_means_open_and_due_before_the_day(database: Database, archive: list[int]) -> None:
    with database.begin() as session:
        actions = session.scalars(select(Action).order_by(Action.id)).all()
        actions[0].due_date = dt.date(2020, 1, 1)
        actions[1].due_date = dt.date(2030, 1, 1)
        actions[2].due_date = dt.date(2020, 1, 1)
        actions[2].status = ActionStatus.DONE
        overdue_id = actions[0].id
    entries = action_log(database, ActionFilter(overdue_on=dt.date(2026, 11, 22)))
    assert [entry.id for entry in entries] == [overdue_id]
    assert entries[0].is_overdue(dt.date(2026, 11, 22))


def test_a_carry_over_chain_is_followed_both_ways(database: Database, archive: list[int]) -> None:
    with database.begin() as session:
        first, second, third = session.scalars(select(Action).order_by(Action.id).limit(3)).all()
        second.carried_from_id = first.id
        third.carried_from_id = second.id
        ids = [first.id, second.id, third.id]
    for action_id in ids:
        assert [entry.id for entry in carry_over_chain(database, action_id)] == ids
    assert carry_over_chain(database, 99999) == []


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", list(LogSort))
def test_pages_read_in_turn_make_the_whole_log_in_that_order(
    database: Database, archive: list[int], sort: LogSort, descending: bool
) -> None:
    order = LogOrder(sort, descending)
    whole = action_log(database, ActionFilter(), order)
    assert len(whole) > 6
    pages = [
        entry
        for offset in range(0, len(whole), 3)
        for entry in action_log_page(database, ActionFilter(), order, offset, 3)
    ]
    assert [entry.id for entry in pages] == [entry.id for entry in whole]
    assert pages == whole  # owners and all


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", [LogSort.DUE, LogSort.STATUS])
@pytest.mark.parametrize(
    "action_filter",
    [
        ActionFilter(),
        ActionFilter(statuses=OPEN),
        ActionFilter(statuses=frozenset({ActionStatus.DONE, ActionStatus.DROPPED})),
        ActionFilter(overdue_on=dt.date(2030, 1, 1)),
    ],
)
def test_pages_by_due_date_or_status_of_any_size_meet_where_the_parts_do(
    database: Database,
    archive: list[int],
    action_filter: ActionFilter,
    sort: LogSort,
    descending: bool,
) -> None:
    """Such an order is read in parts (dated then undated; each status in turn): pages of
    every size, some ending exactly where a part does, make the same list as the whole."""
    statuses = list(ActionStatus)
    with database.begin() as session:  # dated and undated actions, the same date twice
        for number, action in enumerate(session.scalars(select(Action).order_by(Action.id))):
            action.due_date = dt.date(2025, 1, 1 + number % 4) if number % 3 else None
            action.status = statuses[number % 5 % 4]
    order = LogOrder(sort, descending)
    whole = action_log(database, action_filter, order)
    assert len(whole) > 1
    if sort is LogSort.DUE:
        dated = [entry.due for entry in whole if entry.due is not None]
        assert dated == sorted(dated, reverse=descending)
        if action_filter.overdue_on is None:
            assert (whole[0].due is None) is descending  # no due date: later than any
    else:
        ranks = [statuses.index(entry.status) for entry in whole]
        assert ranks == sorted(ranks, reverse=descending)
        assert len(set(ranks)) > 1 or action_filter.statuses == OPEN or action_filter.overdue_on
    for size in range(1, 6):
        pages = [
            entry
            for offset in range(0, len(whole), size)
            for entry in action_log_page(database, action_filter, order, offset, size)
        ]
        assert [entry.id for entry in pages] == [entry.id for entry in whole], size


def test_the_database_sorts_as_the_columns_read(database: Database, archive: list[int]) -> None:
    def read(sort: LogSort, *, descending: bool = False) -> list[ActionLogEntry]:
        return action_log(database, ActionFilter(), LogOrder(sort, descending))

    dates = [entry.meeting_date for entry in read(LogSort.RAISED)]
    assert dates == sorted(dates)
    dues = [entry.due for entry in read(LogSort.DUE)]
    known = [due for due in dues if due is not None]
    assert known == sorted(known)
    assert dues == known + [None] * (len(dues) - len(known))  # no due date: after any
    ranks = [list(ActionStatus).index(entry.status) for entry in read(LogSort.STATUS)]
    assert ranks == sorted(ranks)
    sentences = [entry.sentence.casefold() for entry in read(LogSort.ACTION, descending=True)]
    assert sentences == sorted(sentences, reverse=True)
    assert action_log(database) == read(LogSort.RAISED, descending=True)  # the log's order


@pytest.mark.parametrize(
    "action_filter",
    [
        ActionFilter(),
        ActionFilter(statuses=OPEN),
        ActionFilter(owner="mps"),
        ActionFilter(owner="MPS", statuses=OPEN, board="rrb"),
        ActionFilter(board="RRB", statuses=OPEN),
        ActionFilter(overdue_on=dt.date(2025, 1, 1)),
    ],
)
def test_count_and_first_page_agree_with_the_whole_log(
    database: Database, archive: list[int], action_filter: ActionFilter
) -> None:
    whole = action_log(database, action_filter)
    assert action_log_count(database, action_filter) == CappedCount(len(whole))
    assert action_log_page(database, action_filter, LogOrder(), 0, 5) == whole[:5]


@pytest.mark.parametrize(
    "action_filter",
    [
        ActionFilter(),
        ActionFilter(statuses=OPEN),
        ActionFilter(owner="mps"),  # counted from the owner's links
        ActionFilter(owner="MPS", board="RRB"),
        ActionFilter(owner="mopac", statuses=OPEN),  # from the status, probing the links
        ActionFilter(board="RRB", statuses=OPEN),
        ActionFilter(board="RRB"),
        ActionFilter(overdue_on=dt.date(2030, 1, 1)),
        ActionFilter(owner="MOPAC", overdue_on=dt.date(2030, 1, 1)),
    ],
)
def test_a_count_past_the_cap_says_more_than_the_cap_and_never_a_wrong_number(
    database: Database,
    archive: list[int],
    action_filter: ActionFilter,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with database.begin() as session:
        for action in session.scalars(select(Action)):
            action.due_date = dt.date(2020, 1, 1)  # so that "overdue" matches some
    matching = len(action_log(database, action_filter))
    assert matching >= 2  # so that a cap falls below, at and above it
    for cap in range(matching + 2):
        monkeypatch.setattr("models.capped_count.COUNT_CAP", cap)
        expected = CappedCount(cap, more=True) if matching > cap else CappedCount(matching)
        assert action_log_count(database, action_filter) == expected, cap


def test_an_owner_no_one_has_counts_none(database: Database, archive: list[int]) -> None:
    for statuses in (None, OPEN):
        action_filter = ActionFilter(owner="XYZ", statuses=statuses)
        assert action_log_count(database, action_filter) == CappedCount(0)
        assert action_log_page(database, action_filter, LogOrder(), 0, 5) == []
