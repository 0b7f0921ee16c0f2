"""The published record does not move; names accepted by the pre-publication check.

- ``printed_name`` / ``printed_abbreviation`` on ``attendance`` and ``action_owner``, and
  ``chair_printed_name`` / ``chair_printed_abbreviation`` on ``meeting``: how a final (or
  imported) meeting printed each organisation, so later renames, merges and imports do not
  change it. Meetings already final when this runs take the names they print today.
- ``allowed_name``: a name a person marked as allowed for one meeting.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_PRINTED = ("printed_name", "printed_abbreviation")


def _columns(prefix: str = "") -> list[sa.Column[str]]:
    return [
        sa.Column(f"{prefix}printed_name", sa.String(300), nullable=True),
        sa.Column(f"{prefix}printed_abbreviation", sa.String(50), nullable=True),
    ]


def upgrade() -> None:
    for table in ("attendance", "action_owner"):
        with op.batch_alter_table(table) as batch:
            for column in _columns():
                batch.add_column(column)
    with op.batch_alter_table("meeting") as batch:
        for column in _columns("chair_"):
            batch.add_column(column)
    op.create_table(
        "allowed_name",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("meeting_id", "name"),
    )
    final = "(SELECT id FROM meeting WHERE status = 'final')"
    for table in ("attendance", "action_owner"):
        meeting_of = (
            "t.meeting_id"
            if table == "attendance"
            else "(SELECT a.meeting_id FROM action a WHERE a.id = t.action_id)"
        )
        op.execute(
            f"UPDATE {table} AS t SET"
            " printed_name = (SELECT o.name FROM organisation o WHERE o.id = t.organisation_id),"
            " printed_abbreviation = (SELECT o.abbreviation FROM organisation o"
            " WHERE o.id = t.organisation_id)"
            f" WHERE {meeting_of} IN {final}"
        )
    op.execute(
        "UPDATE meeting SET"
        " chair_printed_name = (SELECT o.name FROM organisation o"
        " WHERE o.id = meeting.chair_organisation_id),"
        " chair_printed_abbreviation = (SELECT o.abbreviation FROM organisation o"
        " WHERE o.id = meeting.chair_organisation_id)"
        " WHERE status = 'final' AND chair_organisation_id IS NOT NULL"
    )


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+): a batch copy of ``meeting`` would trip the search
    # triggers of 0002, which name it.
    op.drop_table("allowed_name")
    for name in _PRINTED:
        op.drop_column("meeting", f"chair_{name}")
    for table in ("action_owner", "attendance"):
        for name in _PRINTED:
            op.drop_column(table, name)
