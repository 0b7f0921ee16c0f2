"""The action log: every action across meetings, with where it was raised and where it went.

Before a meeting the secretary asks "what is still open, and who owns it?"; after one,
"what happened to the action we rolled over in March?". Both are answered here, for the
window, the CLI and the exports alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session, aliased

from models.action_sentence import action_sentence, is_overdue
from models.capped_count import CappedCount, capped_count
from models.database import Database
from models.entities import (
    Action,
    ActionOwner,
    AgendaItem,
    Board,
    Meeting,
    Organisation,
    organisation_key,
)
from models.enums import ActionStatus
from models.errors import UnknownNamesError


@dataclass(frozen=True, slots=True)
class ActionLogEntry:
    id: int
    meeting_id: int
    meeting_date: dt.date
    board_abbreviation: str
    item_number: int | None  # 1-based, as printed
    item_title: str | None
    description: str
    owners: tuple[str, ...]  # abbreviations
    due: dt.date | None
    status: ActionStatus
    carried_from_id: int | None

    @property
    def sentence(self) -> str:
        """The action as a note prints it: ``MPS/MOPAC to review ...``."""
        return action_sentence("/".join(self.owners), self.description)

    def is_overdue(self, today: dt.date) -> bool:
        return is_overdue(self.status, self.due, today)


@dataclass(frozen=True, slots=True)
class ActionFilter:
    """What to show; None means "any". ``overdue_on`` keeps open actions due before it."""

    statuses: frozenset[ActionStatus] | None = None
    owner: str | None = None  # abbreviation, any letter case
    board: str | None = None  # abbreviation or name, any letter case
    overdue_on: dt.date | None = None


def _conditions(
    action_filter: ActionFilter, board_ids: list[int] | None, *, meetings_first: bool = False
) -> list[Any]:
    """The filter as WHERE terms. ``meetings_first`` wraps the terms on the action in
    ``coalesce`` (same rows, since the action's columns are never NULL): SQLite then cannot
    start from an index on the action, and pages walk the meetings newest first instead
    (see :func:`_entries`); the meeting's board likewise, so the date index is the one used."""

    def action_column(column: Any, fallback: Any) -> Any:
        return func.coalesce(column, fallback) if meetings_first else column

    conditions: list[Any] = []
    if action_filter.statuses is not None:
        status = action_column(Action.status, ActionStatus.OPEN)
        conditions.append(status.in_(sorted(action_filter.statuses)))
    if board_ids is not None:
        conditions.append(action_column(Meeting.board_id, 0).in_(board_ids))
    if action_filter.owner:
        conditions.append(_owned_by(action_filter.owner))
    if action_filter.overdue_on is not None:
        day = action_filter.overdue_on
        conditions.append(action_column(Action.status, ActionStatus.OPEN) == ActionStatus.OPEN)
        if meetings_first:  # a missing due date compares as the day itself: not before it
            conditions.append(func.coalesce(Action.due_date, day) < day)
        else:
            conditions += [Action.due_date.is_not(None), Action.due_date < day]
    return conditions


def _owner_id(owner: str) -> Any:
    """The organisation with this abbreviation (any letter case), as a scalar subquery:
    NULL, and so no match, when there is none."""
    return (
        select(Organisation.id)
        .where(Organisation.abbreviation_key == organisation_key(owner))
        .scalar_subquery()
    )


def _owned_by(owner: str) -> Any:
    """The action has this owner: one probe of the owner links' primary key per action.

    A correlated EXISTS rather than ``id IN (that owner's actions)``: the IN list was every
    action the owner ever had, read (and on SQLite materialised) before the first row of a
    page, so a page of MPS's actions grew with the archive; the probe costs the same for
    each action the page walks past. The links are aliased so that a query that lists
    owners (:func:`owners_of_actions`) keeps its own links uncorrelated."""
    link = aliased(ActionOwner)
    return (
        select(link.action_id)
        .where(link.action_id == Action.id, link.organisation_id == _owner_id(owner))
        .correlate(Action)
        .exists()
    )


_COLUMNS = (
    Action.id,
    Action.meeting_id,
    Meeting.date,
    Board.abbreviation,
    AgendaItem.position,
    AgendaItem.title,
    Action.description,
    Action.due_date,
    Action.status,
    Action.carried_from_id,
)


def owners_of_actions(session: Session, conditions: Sequence[Any]) -> dict[int, list[str]]:
    """The owners' abbreviations, in printed order, of every action matching ``conditions``
    (which may name Action and Meeting columns): one query for a whole list of actions."""
    owners: dict[int, list[str]] = {}
    for action_id, abbreviation in session.execute(
        select(ActionOwner.action_id, Organisation.abbreviation)
        .join(Organisation, Organisation.id == ActionOwner.organisation_id)
        .join(Action, Action.id == ActionOwner.action_id)
        .join(Meeting, Meeting.id == Action.meeting_id)
        .where(*conditions)
        .order_by(ActionOwner.action_id, ActionOwner.position)
    ):
        owners.setdefault(action_id, []).append(abbreviation)
    return owners


def owners_of_page(session: Session, action_ids: list[int]) -> dict[int, list[str]]:
    """The owners of a page of actions, straight from the owner index (no joins back)."""
    owners: dict[int, list[str]] = {}
    for action_id, abbreviation in session.execute(
        select(ActionOwner.action_id, Organisation.abbreviation)
        .join(Organisation, Organisation.id == ActionOwner.organisation_id)
        .where(ActionOwner.action_id.in_(action_ids))
        .order_by(ActionOwner.action_id, ActionOwner.position)
    ):
        owners.setdefault(action_id, []).append(abbreviation)
    return owners


class LogSort(Enum):
    """What the log can be ordered by: the columns a reader sorts on."""

    RAISED = "raised"  # the meeting's date
    ITEM = "item"  # the agenda item's number, then its title
    ACTION = "action"  # the sentence as printed: OWNERS to DESCRIPTION
    OWNERS = "owners"
    DUE = "due"  # no due date counts as later than any
    STATUS = "status"  # open, done, rolled over, dropped


@dataclass(frozen=True, slots=True)
class LogOrder:
    """An order of the log. Ties keep the log's own order (newest meeting first, then the
    order raised), so RAISED descending is the log's order itself."""

    sort: LogSort = LogSort.RAISED
    descending: bool = True


_LOG_ORDER = (Meeting.date.desc(), Meeting.id.desc(), Action.position)


def _owners_text() -> Any:
    """The owners as printed (``MPS/MOPAC``), for sorting in the query itself."""
    printed = (
        select(Organisation.abbreviation.label("abbreviation"))
        .join(ActionOwner, ActionOwner.organisation_id == Organisation.id)
        .where(ActionOwner.action_id == Action.id)
        .order_by(ActionOwner.position)
        .correlate(Action)
        .subquery()
    )
    return select(func.aggregate_strings(printed.c.abbreviation, "/")).scalar_subquery()


def _sort_keys(sort: LogSort) -> list[Any]:
    if sort is LogSort.RAISED:
        return [Meeting.date, Meeting.id]
    if sort is LogSort.ITEM:
        return [func.coalesce(AgendaItem.position + 1, 0), func.lower(AgendaItem.title)]
    if sort is LogSort.OWNERS:
        return [func.lower(func.coalesce(_owners_text(), ""))]
    if sort is LogSort.ACTION:
        owners = _owners_text()
        sentence = case(
            (owners.is_(None), Action.description), else_=owners + " to " + Action.description
        )
        return [func.lower(sentence)]
    if sort is LogSort.DUE:
        return [Action.due_date.is_(None), Action.due_date]
    return [case({status: rank for rank, status in enumerate(ActionStatus)}, value=Action.status)]


def _ordered(order: LogOrder) -> list[Any]:
    keys = [key.desc() if order.descending else key for key in _sort_keys(order.sort)]
    return [*keys, *_LOG_ORDER]


def _entries(
    session: Session,
    conditions: list[Any],
    order: LogOrder = LogOrder(),
    *,
    offset: int = 0,
    limit: int | None = None,
    action_filter: ActionFilter = ActionFilter(),
    part_sizes: PartSizes | None = None,
) -> list[ActionLogEntry]:
    """Two column queries (the actions, then their owners) rather than ORM objects: on a
    10,000-meeting archive loading entities took seconds. With a ``limit``, one page: the
    owners are read for that page's actions only. ``action_filter`` (which ``conditions``
    express) says which parts of an order by due date or status can hold any action;
    ``part_sizes``, what is known of their sizes (see :func:`_in_parts`)."""
    sizes: PartSizes = {} if part_sizes is None else part_sizes
    rows: Sequence[Any]
    overdue = action_filter.overdue_on is not None
    if order.sort is LogSort.DUE and limit is not None:
        # Overdue actions have a due date: the undated part is left out, not walked.
        rows = _by_due(
            session, conditions, order.descending, offset, limit, sizes=sizes, undated=not overdue
        )
    elif order.sort is LogSort.STATUS and limit is not None:
        statuses = [
            status
            for status in ActionStatus
            if (action_filter.statuses is None or status in action_filter.statuses)
            and (not overdue or status is ActionStatus.OPEN)
        ]
        rows = _by_status(
            session, conditions, order.descending, offset, limit, sizes=sizes, statuses=statuses
        )
    else:
        rows = _meetings_first(session, conditions, order, offset, limit)
    if limit is None:
        owners = owners_of_actions(session, conditions)
    else:
        owners = owners_of_page(session, [row[0] for row in rows])
    return [
        ActionLogEntry(
            id=row[0],
            meeting_id=row[1],
            meeting_date=row[2],
            board_abbreviation=row[3],
            item_number=None if row[4] is None else row[4] + 1,
            item_title=row[5],
            description=row[6],
            owners=tuple(owners.get(row[0], ())),
            due=row[7],
            status=row[8],
            carried_from_id=row[9],
        )
        for row in rows
    ]


def _log_rows(
    session: Session,
    *,
    meetings_first: bool,
    terms: list[Any],
    order_by: Sequence[Any],
    offset: int,
    limit: int | None,
) -> Sequence[Any]:
    """Rows of :data:`_COLUMNS` matching ``terms``, in ``order_by``: the one place the log's
    columns are joined. The join order is the query plan's, on purpose: SQLite starts
    from the first table named. ``meetings_first``: the meetings, then their actions, as a
    LEFT JOIN (whose NULL rows the coalesce drops), which keeps SQLite from starting at
    the actions, so the newest page walks the meeting date index and stops after a page
    instead of sorting every action in the archive. Else the actions, then their meetings:
    for a walk of an index on the action (see :func:`_by_due`)."""
    if meetings_first:
        rows = select(*_COLUMNS).select_from(Meeting)
        rows = rows.outerjoin(Action, Action.meeting_id == Meeting.id)
        terms = [func.coalesce(Action.id, 0) != 0, *terms]
    else:
        rows = select(*_COLUMNS).select_from(Action)
        rows = rows.join(Meeting, Meeting.id == Action.meeting_id)
    return session.execute(
        rows.join(Board, Board.id == Meeting.board_id)
        .outerjoin(AgendaItem, AgendaItem.id == Action.agenda_item_id)
        .where(*terms)
        .order_by(*order_by)
        .offset(offset)
        .limit(limit)
    ).all()


def _meetings_first(
    session: Session, conditions: list[Any], order: LogOrder, offset: int, limit: int | None
) -> Sequence[Any]:
    return _log_rows(
        session,
        meetings_first=True,
        terms=conditions,
        order_by=_ordered(order),
        offset=offset,
        limit=limit,
    )


FetchPart = Callable[[int, int], Sequence[Any]]
"""Reads rows of one part of an order from an offset, at most a limit of them."""

PartKey = tuple[LogSort, str]
"""One part of an order read in parts: the sort, and which part ("dated", a status)."""

PartSizes = dict[PartKey, int]
"""How many actions each part holds, as far as pages have found out (one filter's)."""


@dataclass(frozen=True, slots=True)
class _Part:
    key: PartKey
    fetch: FetchPart
    count: Callable[[], int]


def _in_parts(parts: Sequence[_Part], offset: int, limit: int, sizes: PartSizes) -> list[Any]:
    """A page of an order made of parts one after another, each read in its own order
    from an index (see :func:`_by_due`, :func:`_by_status`), so that no page sorts every
    matching action. A part's size is needed where a page starts past its end, to know
    where the next begins: a short read of it tells, else it is counted (the reader has
    scrolled through all of it by then). Either way it goes into ``sizes``, and a part
    whose size is there is stepped over without a query: a page deep in the log reads
    its own part only, not every part before it again (on a large archive each such read
    walked the whole part to its end, and each count counted it).

    ``sizes`` must have been learnt from the data as it is now (and with the same filter):
    a size that outlived a change would move the page. :class:`ActionLogReader` keeps it
    for one view's read of the log and forgets it when the archive changes."""
    rows: list[Any] = []
    for part in parts:
        known = sizes.get(part.key)
        if known is not None and offset >= known:
            offset -= known
            continue
        got = list(part.fetch(offset, limit - len(rows)))
        rows += got
        if len(rows) == limit:
            break
        size = offset + len(got) if got or offset == 0 else part.count()
        sizes[part.key] = size
        offset = max(offset - size, 0)
    return rows


def _action_count(session: Session, terms: list[Any]) -> int:
    statement = (
        select(func.count()).select_from(Action).join(Meeting, Meeting.id == Action.meeting_id)
    )
    return session.scalar(statement.where(*terms)) or 0


def _by_due(
    session: Session,
    conditions: list[Any],
    descending: bool,
    offset: int,
    limit: int,
    *,
    sizes: PartSizes,
    undated: bool,
) -> list[Any]:
    """A page of the log by due date, read without sorting every matching action.

    The actions with a due date are walked in the order of the index on (due date, status)
    (migration 0010), the ties put in the log's order as they come, so a page stops after
    a page; the filter's terms, in ``coalesce`` (see :func:`_conditions`), are tested on
    the way rather than chosen as the place to start. "No due date" counts as later than
    any, and no index orders it so: those actions are a part of their own, in the log's
    order (meetings newest first), after the dated ones (before them, latest first)."""
    due = Action.due_date.desc() if descending else Action.due_date
    dated_terms = [Action.due_date.is_not(None), *conditions]
    undated_terms = [Action.due_date.is_(None), *conditions]

    def dated(part_offset: int, part_limit: int) -> Sequence[Any]:
        return _log_rows(
            session,
            meetings_first=False,
            terms=dated_terms,
            order_by=[due, *_LOG_ORDER],
            offset=part_offset,
            limit=part_limit,
        )

    def without_date(part_offset: int, part_limit: int) -> Sequence[Any]:
        return _meetings_first(session, undated_terms, LogOrder(), part_offset, part_limit)

    parts = [_Part((LogSort.DUE, "dated"), dated, lambda: _action_count(session, dated_terms))]
    if undated:  # else none can match (overdue ones have a date): looking would walk them all
        undated_part = (LogSort.DUE, "undated")
        parts.append(
            _Part(undated_part, without_date, lambda: _action_count(session, undated_terms))
        )
    return _in_parts(parts[::-1] if descending else parts, offset, limit, sizes)


def _by_status(
    session: Session,
    conditions: list[Any],
    descending: bool,
    offset: int,
    limit: int,
    *,
    sizes: PartSizes,
    statuses: list[ActionStatus],
) -> list[Any]:
    """A page of the log by status, read without sorting every matching action: each
    status in its turn (open, done, rolled over, dropped, or the reverse), its actions in
    the log's order, as a page of the log is read (meetings newest first, stopping after a
    page). ``statuses``, in their order, are those the filter lets through: a status none
    can have is not walked. A status's actions are counted from the index on the status."""

    def part(status: ActionStatus) -> _Part:
        terms = [func.coalesce(Action.status, status) == status, *conditions]

        def fetch(part_offset: int, part_limit: int) -> Sequence[Any]:
            return _meetings_first(session, terms, LogOrder(), part_offset, part_limit)

        def count() -> int:
            return _action_count(session, [Action.status == status, *conditions])

        return _Part((LogSort.STATUS, status.value), fetch, count)

    in_turn = statuses[::-1] if descending else statuses
    return _in_parts([part(status) for status in in_turn], offset, limit, sizes)


def _board_ids(session: Session, board: str) -> list[int]:
    """The boards with this abbreviation or name. Boards are few; matching in Python keeps
    non-ASCII names case-insensitive."""
    wanted = board.strip().casefold()
    return [
        row.id
        for row in session.scalars(select(Board))
        if wanted in (row.abbreviation.casefold(), row.name.casefold())
    ]


def _filter_conditions(
    session: Session, action_filter: ActionFilter, *, meetings_first: bool = False
) -> list[Any]:
    board_ids = _board_ids(session, action_filter.board) if action_filter.board else None
    return _conditions(action_filter, board_ids, meetings_first=meetings_first)


def action_log(
    db: Database,
    action_filter: ActionFilter = ActionFilter(),
    order: LogOrder = LogOrder(),
    *,
    refuse_unknown: bool = False,
) -> list[ActionLogEntry]:
    """Every action matching the filter, newest meeting first, in the order raised (or in
    ``order``): for the CLI and the exports. A window reads it a page at a time instead.
    With ``refuse_unknown``, a board or owner naming nothing raises
    :class:`UnknownNamesError` (the board is looked up once, for the check and the log)."""
    with db.read() as session:
        board, owner = action_filter.board, action_filter.owner
        board_ids = _board_ids(session, board) if board else None
        if refuse_unknown:
            unknown = {"board": board} if board and not board_ids else {}
            if owner and session.scalar(select(_owner_id(owner))) is None:
                unknown["owner"] = owner
            if unknown:
                raise UnknownNamesError(unknown)
        conditions = _conditions(action_filter, board_ids, meetings_first=True)
        return _entries(session, conditions, order)


def action_log_page(
    db: Database, action_filter: ActionFilter, order: LogOrder, offset: int, limit: int | None
) -> list[ActionLogEntry]:
    """One page of the log (``limit`` None: the rest of it), what a view shows as it
    scrolls, so showing the log costs the same on any size of archive. A view reading page
    after page reads them through one :class:`ActionLogReader` instead."""
    return ActionLogReader(db, action_filter).page(order, offset, limit)


class ActionLogReader:
    """One view's reading of the log with one filter, page after page, in any order.

    An order by due date or status is read in parts (:func:`_in_parts`), and a page past
    the first part needs the size of each part before it: the reader remembers each size
    once found, so that scrolling on (or sorting back) reads the page's own part only. A
    size is true of the archive as it was read: :meth:`forget` it when the archive changes
    (a view is told so; it then reads the log again, through a new reader)."""

    def __init__(self, db: Database, action_filter: ActionFilter) -> None:
        self._db = db
        self.action_filter = action_filter
        self._part_sizes: PartSizes = {}

    def page(self, order: LogOrder, offset: int, limit: int | None) -> list[ActionLogEntry]:
        """The entries from ``offset`` in ``order``: at most ``limit`` (None: all the rest)."""
        with self._db.read() as session:
            conditions = _filter_conditions(session, self.action_filter, meetings_first=True)
            return _entries(
                session,
                conditions,
                order,
                offset=offset,
                limit=limit,
                action_filter=self.action_filter,
                part_sizes=self._part_sizes,
            )

    def forget(self) -> None:
        """The archive changed: what is known of the parts' sizes may be true no longer."""
        self._part_sizes.clear()


def action_log_count(db: Database, action_filter: ActionFilter) -> CappedCount:
    """How many actions match, up to the cap (:mod:`models.capped_count`): the count a
    view shows without reading them, bounded like the first page.

    Each query starts where the cap's worth of matches is found after few candidates, and
    reads no action's row where an index answers: for a board, the board's meetings (the
    index on board and date), each probed for its matching actions (the index on status,
    meeting and due date answers a status and an overdue date by itself); for an owner
    alone, its links (the index on the organisation); else the actions by that index on
    the status. An owner together with a status goes by the status, probing each matching
    action's links: the links say nothing of the status."""
    with db.read() as session:
        owner, board = action_filter.owner, action_filter.board
        if board:
            # A LEFT JOIN, whose NULL rows the coalesce drops, keeps the meetings first;
            # the action's terms in its ON clause let the join probe the index.
            on_action = _conditions(replace(action_filter, board=None), None)
            rows = (
                select(Action.id)
                .select_from(Meeting)
                .outerjoin(Action, and_(Action.meeting_id == Meeting.id, *on_action))
                .where(
                    func.coalesce(Action.id, 0) != 0,
                    Meeting.board_id.in_(_board_ids(session, board)),
                )
            )
        elif owner and action_filter.statuses is None and action_filter.overdue_on is None:
            rows = select(ActionOwner.action_id).where(
                ActionOwner.organisation_id == _owner_id(owner)
            )
        else:
            rows = select(Action.id).where(*_conditions(action_filter, None))
        return capped_count(session, rows)


def carry_over_chain(db: Database, action_id: int) -> list[ActionLogEntry]:
    """The action's whole history: where it was first raised, each carry-over, the latest.

    Follows ``carried_from`` back to the first action, then forward through the actions
    that carry it (one per meeting, by construction); a cycle cannot loop forever.
    """
    with db.read() as session:
        links = select(Action.id, Action.carried_from_id).where(Action.carried_from_id.is_not(None))
        parent: dict[int, int] = {
            later: earlier for later, earlier in session.execute(links) if earlier is not None
        }
        if session.get(Action, action_id) is None:
            return []
        first, seen = action_id, {action_id}
        while parent.get(first) is not None and parent[first] not in seen:
            first = parent[first]
            seen.add(first)
        child = {earlier: later for later, earlier in sorted(parent.items(), reverse=True)}
        chain = [first]
        while child.get(chain[-1]) is not None and child[chain[-1]] not in chain:
            chain.append(child[chain[-1]])
        by_id = {entry.id: entry for entry in _entries(session, [Action.id.in_(chain)])}
        return [by_id[id_] for id_ in chain if id_ in by_id]
