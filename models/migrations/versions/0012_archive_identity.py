"""Each archive knows which it is: a random key written once, which its backups carry.

Backups used to be matched to an archive by its file name without the suffix, so a new
``a.sqlite3`` was offered the copies of a deleted one of the same name, and ``a.db`` and
``a.sqlite3`` in one folder shared theirs (models/backups.py). The key is written into a
one-row table; ``upgraded`` records that the archive already held something when it got its
key, so that copies made by earlier versions (named after the file only) may be its own,
whereas a new archive has none. A copy of the archive into another database
(models/copy_archive.py) keeps the target's own key: it is another archive.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

TABLE = "archive_identity"  # as models.archive_file.IDENTITY_TABLE
KEY_BYTES = 8  # 16 hex digits: models.backups puts them in each backup's name


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("archive_key", sa.String(32), nullable=False),
        sa.Column("upgraded", sa.Boolean(), nullable=False),
        sa.CheckConstraint("id = 1", name="ck_archive_identity_one_row"),
    )
    bind = op.get_bind()
    held = bind.execute(
        sa.text(
            "SELECT EXISTS (SELECT 1 FROM meeting) OR EXISTS (SELECT 1 FROM organisation)"
            " OR EXISTS (SELECT 1 FROM board)"
        )
    ).scalar()
    bind.execute(
        sa.text(f"INSERT INTO {TABLE} (id, archive_key, upgraded) VALUES (1, :key, :upgraded)"),
        {"key": secrets.token_hex(KEY_BYTES), "upgraded": bool(held)},
    )


def downgrade() -> None:
    op.drop_table(TABLE)
