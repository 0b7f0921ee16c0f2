"""Migration 0013: ``action.resolved_later``, set on the rolled-over actions a later meeting
carries forward, so an archive made before it prints their meeting's note as agreed.

A done action cannot be told from one imported done: it stays unflagged. The downgrade
takes the column away and keeps every action and owner link (no table rebuild).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import func, select

from models import actions, services
from models.database import Database, alembic_config
from models.entities import Action, ActionOwner
from models.enums import ActionStatus
from models.meeting_doc import ActionDoc, AgendaItemDoc, BoardRef, MeetingDoc, OrganisationRef

BOARD = BoardRef("Reducing Reoffending Board", "RRB")
ORGANISATIONS = (OrganisationRef("London Probation", "LP"),)


def _reviewed_archive(url: str) -> tuple[int, int, int]:
    """A December meeting whose actions a March review marked done and rolled over, at head;
    returns the done, rolled-over and imported-rolled-over actions' IDs."""
    december = MeetingDoc(
        board=BOARD,
        date=dt.date(2026, 12, 11),
        organisations=ORGANISATIONS,
        agenda=(
            AgendaItemDoc(
                "Performance",
                actions=(
                    ActionDoc("share the data.", ("LP",)),
                    ActionDoc("review the pilot.", ("LP",)),
                    ActionDoc("update the index.", ("LP",), status=ActionStatus.ROLLED_OVER),
                ),
            ),
        ),
    )
    march = MeetingDoc(
        board=BOARD,
        date=dt.date(2027, 3, 11),
        organisations=ORGANISATIONS,
        agenda=(AgendaItemDoc("Welcome & Apologies"),),
    )
    database = Database.open(url)
    try:
        first, second = services.import_meetings(database, [december, march])
        done, rolled, imported = (
            row.id for row in actions.list_actions_of_meeting(database, first)
        )
        actions.resolve_previous_action(database, done, ActionStatus.DONE, second)
        actions.resolve_previous_action(database, rolled, ActionStatus.ROLLED_OVER, second)
        command.downgrade(alembic_config(database.engine), "0012")
    finally:
        database.close()
    return done, rolled, imported


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql":
        found: str = request.getfixturevalue("new_postgres_database_url")
        return found
    return f"sqlite:///{tmp_path / 'archive.sqlite3'}"


def test_upgrading_flags_the_rolled_over_actions_carried_forward(url: str) -> None:
    done, rolled, imported = _reviewed_archive(url)
    database = Database.open(url)
    try:
        with database.read() as session:
            flags = {
                action.id: action.resolved_later
                for action in session.scalars(
                    select(Action).where(Action.id.in_([done, rolled, imported]))
                )
            }
            links = session.scalar(select(func.count()).select_from(ActionOwner))
        assert flags == {done: False, rolled: True, imported: False}
        assert links == 4  # three of December's, one of the copy in March
        command.downgrade(alembic_config(database.engine), "0012")
        with database.engine.connect() as connection:
            names = list(connection.exec_driver_sql("SELECT * FROM action").keys())
            owners = connection.exec_driver_sql("SELECT count(*) FROM action_owner").scalar()
        assert "resolved_later" not in names
        assert owners == 4
    finally:
        database.close()
