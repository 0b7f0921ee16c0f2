"""Import source: the Word file (name and SHA-256) each imported meeting was read from.

A table of its own rather than columns on ``meeting``: most meetings are typed, not
imported, and the checksum index serves one question ("was this file imported before?").

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_source",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_import_source_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", name=op.f("pk_import_source")),
    )
    with op.batch_alter_table("import_source", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_import_source_sha256"), ["sha256"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("import_source", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_source_sha256"))
    op.drop_table("import_source")
