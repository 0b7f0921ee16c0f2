"""An action's status decided at a later meeting: ``action.resolved_later``.

A meeting's note prints its actions as they were agreed at it. When a later meeting's review
marks one done, dropped or rolled over, the action's status changes, and before this column
the earlier meeting's note changed with it when exported again (the done one vanished, the
rolled-over one gained "(rolled over to the next meeting)"). The flag says that the status
came from a later review, so the earlier note prints the action as agreed, open; a status
with no such flag (one imported with the meeting, as the published notes record the review
at the meeting itself) prints as before.

Existing rolled-over actions that a later meeting carries forward were resolved there, so
they are flagged. A done or dropped action of an archive made before this revision cannot
be told from an imported one: it stays unflagged, and prints as before.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN, which SQLite does in place: a batch copy of the table would trip
    # over the search views that read it (as 0004 adds meeting.venue_unknown).
    op.add_column(
        "action",
        sa.Column("resolved_later", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    action = sa.table(
        "action",
        sa.column("id", sa.Integer()),
        sa.column("meeting_id", sa.Integer()),
        sa.column("status", sa.String()),
        sa.column("carried_from_id", sa.Integer()),
        sa.column("resolved_later", sa.Boolean()),
    )
    copy = action.alias("copy")
    carried_forward = sa.exists().where(
        copy.c.carried_from_id == action.c.id, copy.c.meeting_id != action.c.meeting_id
    )
    op.execute(
        action.update()
        .where(action.c.status == "rolled_over", carried_forward)
        .values(resolved_later=sa.true())
    )


def downgrade() -> None:
    # Not in batch mode either: a rebuild drops ``action``, and with foreign keys on that
    # deletes every owner link (SQLite 3.35+ drops a column in place).
    op.drop_column("action", "resolved_later")
