"""The action log: every action across meetings, with where it was raised and where it went.

Before a meeting the secretary asks "what is still open, and who owns it?"; after one,
"what happened to the action we rolled over in March?". Both are answered here, for the
window, the CLI and the exports alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

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
        if not self.owners:
            return self.description
        return f"{'/'.join(self.owners)} to {self.description}"

    def is_overdue(self, today: dt.date) -> bool:
        return self.status is ActionStatus.OPEN and self.due is not None and self.due < today


@dataclass(frozen=True, slots=True)
class ActionFilter:
    """What to show; None means "any". ``overdue_on`` keeps open actions due before it."""

    statuses: frozenset[ActionStatus] | None = None
    owner: str | None = None  # abbreviation, any letter case
    board: str | None = None  # abbreviation or name, any letter case
    overdue_on: dt.date | None = None


def _query(action_filter: ActionFilter, board_ids: list[int] | None) -> Select[Action]:
    query = (
        select(Action)
        .join(Meeting, Meeting.id == Action.meeting_id)
        .join(Board, Board.id == Meeting.board_id)
        .options(
            selectinload(Action.meeting).selectinload(Meeting.board),
            selectinload(Action.agenda_item),
            selectinload(Action.owner_links).selectinload(ActionOwner.organisation),
        )
        .order_by(Meeting.date.desc(), Meeting.id.desc(), Action.position)
    )
    if action_filter.statuses is not None:
        query = query.where(Action.status.in_(sorted(action_filter.statuses)))
    if board_ids is not None:
        query = query.where(Meeting.board_id.in_(board_ids))
    if action_filter.owner:
        query = query.where(
            Action.owner_links.any(
                ActionOwner.organisation.has(
                    Organisation.abbreviation_key == organisation_key(action_filter.owner)
                )
            )
        )
    if action_filter.overdue_on is not None:
        query = query.where(
            Action.status == ActionStatus.OPEN,
            Action.due_date.is_not(None),
            Action.due_date < action_filter.overdue_on,
        )
    return query


def _entry(action: Action) -> ActionLogEntry:
    item: AgendaItem | None = action.agenda_item
    return ActionLogEntry(
        id=action.id,
        meeting_id=action.meeting_id,
        meeting_date=action.meeting.date,
        board_abbreviation=action.meeting.board.abbreviation,
        item_number=None if item is None else item.position + 1,
        item_title=None if item is None else item.title,
        description=action.description,
        owners=tuple(owner.abbreviation for owner in action.owners),
        due=action.due_date,
        status=action.status,
        carried_from_id=action.carried_from_id,
    )


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
        return [_entry(action) for action in session.scalars(_query(action_filter, board_ids))]


def carry_over_chain(db: Database, action_id: int) -> list[ActionLogEntry]:
    """The action's whole history: where it was first raised, each carry-over, the latest.

    Follows ``carried_from`` back to the first action, then forward through the actions
    that carry it (one per meeting, by construction).
    """
    with db.read() as session:
        first = session.get(Action, action_id)
        if first is None:
            return []
        seen = {first.id}
        while first.carried_from_id is not None and first.carried_from_id not in seen:
            earlier = session.get(Action, first.carried_from_id)
            if earlier is None:
                break
            seen.add(earlier.id)
            first = earlier
        chain = [first]
        while True:
            later = session.scalars(
                select(Action).where(Action.carried_from_id == chain[-1].id).order_by(Action.id)
            ).first()
            if later is None or later.id in {a.id for a in chain}:
                break
            chain.append(later)
        return [_entry(action) for action in chain]
