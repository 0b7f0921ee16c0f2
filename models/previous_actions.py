"""The open actions of a board's earlier meetings, as the review at a meeting lists them.

At each meeting the secretary goes through the actions still open from the board's earlier
meetings (see :mod:`models.actions`). Listing and counting them are reads of their own:
column queries tuned to the indexes, paged, run each time a meeting opens, and sharing
nothing with the edits of a meeting's own actions but the way owners print. They live
apart from :mod:`models.actions` so that module stays about one meeting's actions and
their edits (the review's edits, which reuse its placing, delete and restore, stay there).
This module imports :mod:`models.actions`, never the other way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from models.action_log import owners_of_actions, owners_of_page
from models.action_sentence import is_overdue
from models.capped_count import CappedCount, capped_count
from models.database import Database
from models.entities import Action, AgendaItem, Meeting
from models.enums import ActionStatus
from models.owner_text import OWNER_SEPARATOR
from models.services import NotFoundError


@dataclass(frozen=True, slots=True)
class PreviousActionRow:
    """An action still open from an earlier meeting of the same board."""

    id: int
    meeting_id: int
    meeting_date: dt.date
    item_title: str | None
    description: str
    owners: tuple[str, ...]
    due: dt.date | None
    due_is_next_meeting: bool  # due at the meeting after the one it was raised at
    carried_from_id: int | None

    @property
    def owners_text(self) -> str:
        return OWNER_SEPARATOR.join(self.owners)

    def is_overdue(self, today: dt.date) -> bool:
        """Due before ``today`` (these are all open): the action log's rule, so the review
        and the log mark the same actions overdue."""
        return is_overdue(ActionStatus.OPEN, self.due, today)


def _previous_conditions(meeting: Meeting) -> tuple[Any, ...]:
    return (
        Meeting.board_id == meeting.board_id,
        Meeting.date < meeting.date,
        Action.status == ActionStatus.OPEN,
    )


def previous_open_actions(
    db: Database, meeting_id: int, *, offset: int = 0, limit: int | None = None
) -> list[PreviousActionRow]:
    """Actions still open from the board's meetings before this one (by date), newest
    meeting first, in printed order within a meeting: what the review at this meeting goes
    through. With a ``limit``, one page of them: a view reads more as it scrolls, so
    opening a meeting costs the same on any size of archive.

    Column queries rather than ORM objects: this runs every time a meeting opens, and on a
    large archive loading entities took over half a second.
    """
    with db.read() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise NotFoundError(f"meeting {meeting_id} does not exist")
        board_id, before = meeting.board_id, meeting.date
        # The board's meetings first, newest first (the index on board and date), then each
        # one's open actions (the index on status and meeting): a LEFT JOIN, whose NULL rows
        # the coalesce drops, keeps SQLite from starting at the open actions and sorting
        # every one there is; the status in its ON clause lets the join probe the index, so
        # only open actions are read.
        rows = session.execute(
            select(
                Action.id,
                Action.meeting_id,
                Meeting.date,
                Meeting.next_meeting_date,
                AgendaItem.title,
                Action.description,
                Action.due_date,
                Action.carried_from_id,
            )
            .select_from(Meeting)
            .outerjoin(
                Action, (Action.meeting_id == Meeting.id) & (Action.status == ActionStatus.OPEN)
            )
            .outerjoin(AgendaItem, Action.agenda_item_id == AgendaItem.id)
            .where(
                func.coalesce(Action.id, 0) != 0,
                Meeting.board_id == board_id,
                Meeting.date < before,
            )
            .order_by(
                Meeting.date.desc(),
                Meeting.id.desc(),
                AgendaItem.position.is_(None),
                AgendaItem.position,
                Action.position,
                Action.id,
            )
            .offset(offset)
            .limit(limit)
        ).all()
        ids = [row.id for row in rows]
        if limit is None:
            owners = owners_of_actions(session, _previous_conditions(meeting))
        else:
            owners = owners_of_page(session, ids)
        return [
            PreviousActionRow(
                id=row.id,
                meeting_id=row.meeting_id,
                meeting_date=row.date,
                item_title=row.title,
                description=row.description,
                owners=tuple(owners.get(row.id, ())),
                due=row.due_date,
                due_is_next_meeting=row.due_date is not None
                and row.due_date == row.next_meeting_date,
                carried_from_id=row.carried_from_id,
            )
            for row in rows
        ]


def previous_open_action_count(db: Database, meeting_id: int) -> CappedCount:
    """How many actions :func:`previous_open_actions` lists, up to the cap
    (:mod:`models.capped_count`), without reading them.

    Counting them all grew with the board's history; this walks the board's meetings
    before this one (the index on board and date) and probes each for its open actions in
    the index on (status, meeting, due date), never reading an action, and stops at the
    cap."""
    with db.read() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise NotFoundError(f"meeting {meeting_id} does not exist")
        rows = (
            select(Action.id)
            .select_from(Meeting)
            .join(Action, Action.meeting_id == Meeting.id)
            .where(*_previous_conditions(meeting))
        )
        return capped_count(session, rows)
