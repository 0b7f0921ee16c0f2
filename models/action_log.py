"""The action log: every action across meetings, with where it was raised and where it went.

Before a meeting the secretary asks "what is still open, and who owns it?"; after one,
"what happened to the action we rolled over in March?". Both are answered here, for the
window, the CLI and the exports alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.action_sentence import action_sentence
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
        return self.status is ActionStatus.OPEN and self.due is not None and self.due < today


@dataclass(frozen=True, slots=True)
class ActionFilter:
    """What to show; None means "any". ``overdue_on`` keeps open actions due before it."""

    statuses: frozenset[ActionStatus] | None = None
    owner: str | None = None  # abbreviation, any letter case
    board: str | None = None  # abbreviation or name, any letter case
    overdue_on: dt.date | None = None


def _conditions(action_filter: ActionFilter, board_ids: list[int] | None) -> list[Any]:
    conditions: list[Any] = []
    if action_filter.statuses is not None:
        conditions.append(Action.status.in_(sorted(action_filter.statuses)))
    if board_ids is not None:
        conditions.append(Meeting.board_id.in_(board_ids))
    if action_filter.owner:
        owned = (
            select(ActionOwner.action_id)
            .join(Organisation, Organisation.id == ActionOwner.organisation_id)
            .where(Organisation.abbreviation_key == organisation_key(action_filter.owner))
        )
        conditions.append(Action.id.in_(owned))
    if action_filter.overdue_on is not None:
        conditions += [
            Action.status == ActionStatus.OPEN,
            Action.due_date.is_not(None),
            Action.due_date < action_filter.overdue_on,
        ]
    return conditions


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


def _entries(session: Session, conditions: list[Any]) -> list[ActionLogEntry]:
    """Two column queries (the actions, then all their owners) rather than ORM objects:
    on a 10,000-meeting archive loading entities took seconds."""
    rows = session.execute(
        select(*_COLUMNS)
        .join(Meeting, Meeting.id == Action.meeting_id)
        .join(Board, Board.id == Meeting.board_id)
        .outerjoin(AgendaItem, AgendaItem.id == Action.agenda_item_id)
        .where(*conditions)
        .order_by(Meeting.date.desc(), Meeting.id.desc(), Action.position)
    ).all()
    owners = owners_of_actions(session, conditions)
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


def action_log(db: Database, action_filter: ActionFilter = ActionFilter()) -> list[ActionLogEntry]:
    """Actions matching the filter, newest meeting first, in the order raised."""
    with db.read() as session:
        board_ids = None
        if action_filter.board:
            # Boards are few; matching in Python keeps non-ASCII names case-insensitive.
            wanted = action_filter.board.strip().casefold()
            board_ids = [
                board.id
                for board in session.scalars(select(Board))
                if wanted in (board.abbreviation.casefold(), board.name.casefold())
            ]
        return _entries(session, _conditions(action_filter, board_ids))


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
