"""The meetings the action tests of tests/unit start from: a board meeting of the three
organisations the owners are typed from, its agenda items with their actions, and short ways
to read an action or the items back (test_actions.py and test_actions_review.py share them)."""

from __future__ import annotations

import datetime as dt

from models import actions, services
from models.actions import ActionRow
from models.database import Database
from models.meeting_doc import ActionDoc, AgendaItemDoc, BoardRef, MeetingDoc, OrganisationRef

JUNE = dt.date(2025, 6, 19)
SEPTEMBER = dt.date(2025, 9, 18)


def board_meeting(
    date: dt.date,
    *items: AgendaItemDoc,
    board: BoardRef = services.DEFAULT_BOARD,
    next_meeting: dt.date | None = None,
) -> MeetingDoc:
    return MeetingDoc(
        board=board,
        date=date,
        organisations=(
            OrganisationRef("Metropolitan Police Service", "MPS"),
            OrganisationRef("Mayor's Office for Policing and Crime", "MOPAC"),
            OrganisationRef("London Probation", "LP"),
        ),
        agenda=items,
        next_meeting=next_meeting,
    )


def agenda_item(title: str, *descriptions: str, owners: tuple[str, ...] = ("LP",)) -> AgendaItemDoc:
    return AgendaItemDoc(
        title=title,
        actions=tuple(ActionDoc(description=text, owners=owners) for text in descriptions),
    )


def action_of(database: Database, action_id: int) -> ActionRow:
    return actions.action_row(database, action_id)


def item_ids_of(database: Database, meeting_id: int) -> list[int]:
    return [item.id for item in services.meeting_record(database, meeting_id).agenda]
