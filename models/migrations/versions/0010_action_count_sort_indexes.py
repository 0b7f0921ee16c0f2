"""Counts and sorts that do not grow with the archive: indexes on the actions' (status,
meeting, due date) and (due date, status).

The action log and the previous open actions show how many actions match, counted up to a
cap (models/capped_count.py). A count of open actions at one board, or of the board's open
actions before a meeting, walks the board's meetings by the index on (board, date) and
probes each meeting for its open actions; with the status and the meeting in one index
the probe is one lookup in the index, where the index on the status alone read every open
action's row to learn its meeting. The due date, last, answers "overdue" (open and due
before today) from the index too, without reading the actions. It replaces the index on
the status alone, its first column, which every query on the status can use instead.

The action log sorted by due date walks the actions in the order of the index on (due date,
status) and stops after a page, where it sorted every matching action first; with the
status beside the date, the log's usual filter ("open") passes over the other actions
without reading them (measured: a page of the open actions by due date took less than
half the time it took with an index on the due date alone).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.create_index(
            "ix_action_status_meeting_due", ["status", "meeting_id", "due_date"], unique=False
        )
        batch_op.create_index("ix_action_due_status", ["due_date", "status"], unique=False)
        batch_op.drop_index("ix_action_status")


def downgrade() -> None:
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.create_index("ix_action_status", ["status"], unique=False)
        batch_op.drop_index("ix_action_due_status")
        batch_op.drop_index("ix_action_status_meeting_due")
