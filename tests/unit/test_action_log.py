"""The action log: filters and carry-over chains across meetings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, select

from models import services
from models.action_log import (
    ActionFilter,
    ActionLogEntry,
    ActionLogReader,
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
from models.errors import UnknownNamesError
from models.interchange import read_meeting_file
from tests.conftest import BOARD_NOTE_EXAMPLES, mix_dues_and_statuses

OPEN = frozenset({ActionStatus.OPEN})


@pytest.fixture
def archive(database: Database) -> list[int]:
    return services.import_meetings(
        database, [read_meeting_file(path) for path in BOARD_NOTE_EXAMPLES]
    )


@contextmanager
def statements_run(database: Database) -> Iterator[list[str]]:
    """The SQL statements the database is sent meanwhile, in turn."""
    sent: list[str] = []

    def record(*args: Any) -> None:
        sent.append(args[2])  # (connection, cursor, statement, ...)

    event.listen(database.engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(database.engine, "before_cursor_execute", record)


def counts_in(statements: list[str]) -> list[str]:
    return [statement for statement in statements if "count(" in statement.lower()]


def rows_read_in(statements: list[str]) -> list[str]:
    """The statements that read the log's rows (not their owners, nor a count)."""
    return [statement for statement in statements if "action.description" in statement]


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


@pytest.mark.parametrize(
    ("board", "owner", "unknown"),
    [
        ("XYZ", None, {"board": "XYZ"}),
        (None, "NOPE", {"owner": "NOPE"}),
        ("XYZ", "NOPE", {"board": "XYZ", "owner": "NOPE"}),
    ],
)
def test_a_board_or_owner_naming_nothing_is_refused_when_asked(
    database: Database, archive: list[int], board: str | None, owner: str | None, unknown: Any
) -> None:
    """For the CLI: a typo is said, not answered with an empty log read as "none"."""
    wanted = ActionFilter(board=board, owner=owner)
    assert action_log(database, wanted) == []
    with pytest.raises(UnknownNamesError) as refused:
        action_log(database, wanted, refuse_unknown=True)
    assert refused.value.names == unknown


def test_the_board_is_read_once_for_the_check_and_the_log(
    database: Database, archive: list[int]
) -> None:
    wanted = ActionFilter(board="rrb", owner="mps")
    with statements_run(database) as sent:
        checked = action_log(database, wanted, refuse_unknown=True)
    assert checked == action_log(database, wanted) != []
    assert len([statement for statement in sent if "FROM board" in statement]) == 1


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
    every size, some ending exactly where a part does, make the same list as the whole,
    read each on its own, in turn by one reader (which counts each part at most once, and
    then only where a page starts exactly at its end), or by one reader from the last."""
    statuses = list(ActionStatus)
    mix_dues_and_statuses(database)
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
    parts = 2 if sort is LogSort.DUE else len(statuses)
    for size in range(1, 6):
        offsets = range(0, len(whole), size)
        pages = [
            entry
            for offset in offsets
            for entry in action_log_page(database, action_filter, order, offset, size)
        ]
        assert [entry.id for entry in pages] == [entry.id for entry in whole], size
        reader = ActionLogReader(database, action_filter)
        with statements_run(database) as sent:
            in_turn = [entry for offset in offsets for entry in reader.page(order, offset, size)]
        assert in_turn == whole, size
        assert len(counts_in(sent)) < parts, size
        reader = ActionLogReader(database, action_filter)
        backwards = [reader.page(order, offset, size) for offset in reversed(offsets)]
        assert [entry for page in backwards[::-1] for entry in page] == whole, size


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


@pytest.mark.parametrize(
    "order",
    [
        LogOrder(LogSort.DUE, descending=False),
        LogOrder(LogSort.DUE, descending=True),
        LogOrder(LogSort.STATUS, descending=False),
        LogOrder(LogSort.STATUS, descending=True),
    ],
)
def test_a_page_deep_in_the_log_reads_its_own_part_only(
    database: Database, archive: list[int], order: LogOrder
) -> None:
    """A reader finds the sizes of the parts before a page once (a count each, where it
    jumped past them): the next page there reads its own part's rows and their owners,
    without counting or walking the parts before it again."""
    services.import_meetings(database, [read_meeting_file(path) for path in BOARD_NOTE_EXAMPLES])
    mix_dues_and_statuses(database)  # of twice the examples: a few in every part
    whole = action_log(database, ActionFilter(), order)

    def part_of(entry: ActionLogEntry) -> object:
        return entry.due is None if order.sort is LogSort.DUE else entry.status

    last = part_of(whole[-1])
    start = next(number for number, entry in enumerate(whole) if part_of(entry) == last)
    earlier_parts = len({part_of(entry) for entry in whole[:start]})
    assert earlier_parts == (1 if order.sort is LogSort.DUE else 3)
    assert len(whole) - start >= 3
    reader = ActionLogReader(database, ActionFilter())
    with statements_run(database) as sent:
        assert reader.page(order, start + 1, 2) == whole[start + 1 : start + 3]
    assert len(counts_in(sent)) == earlier_parts  # jumped there: each counted once
    for offset in (start, start + 2, start + 1):
        with statements_run(database) as sent:
            assert reader.page(order, offset, 2) == whole[offset : offset + 2]
        assert counts_in(sent) == []
        assert len(rows_read_in(sent)) == 1
    reversed_order = LogOrder(order.sort, descending=not order.descending)
    with statements_run(database) as sent:  # the same parts, the other way round
        first_of_last = reader.page(reversed_order, len(whole) - start - 1, 1)
    assert first_of_last == [action_log(database, ActionFilter(), reversed_order)[-start - 1]]
    assert counts_in(sent) == []
    assert len(rows_read_in(sent)) == 1


@pytest.mark.parametrize("sort", [LogSort.DUE, LogSort.STATUS])
def test_after_the_archive_changes_a_reader_pages_what_is_there_now(
    database: Database, archive: list[int], sort: LogSort
) -> None:
    """What a reader learnt of the parts' sizes is forgotten with a change: the parts
    before a page have grown or shrunk, and the page starts where they now end."""
    mix_dues_and_statuses(database)
    order = LogOrder(sort, descending=False)  # open or dated first; dropped or undated last
    reader = ActionLogReader(database, ActionFilter())
    before = action_log(database, ActionFilter(), order)
    for offset in range(0, len(before), 2):
        assert reader.page(order, offset, 2) == before[offset : offset + 2]
    with database.begin() as session:  # from the first part to the last, and a few more
        moved = session.get(Action, before[0].id)
        assert moved is not None
        moved.due_date = None
        moved.status = ActionStatus.DROPPED
    services.import_meetings(database, [read_meeting_file(BOARD_NOTE_EXAMPLES[0])])
    after = action_log(database, ActionFilter(), order)
    assert after != before
    reader.forget()
    for offset in reversed(range(0, len(after), 2)):
        assert reader.page(order, offset, 2) == after[offset : offset + 2], offset
