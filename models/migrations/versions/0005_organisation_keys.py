"""Organisation keys in the Unicode-aware form (models.text_keys): NFKC, case folding,
invisible characters removed.

Keys were ``strip().casefold()``; for plain abbreviations nothing changes. An archive holding
MOPAC in fullwidth letters or one with a zero-width space gets the key that makes it the same
organisation as ``MOPAC`` on the next import or in the directory. When two existing
organisations would now share a key, the second keeps its old one (so the upgrade never
fails on the unique index); the directory shows both and merging them is the user's choice.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from models.text_keys import text_key

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.text("SELECT id, abbreviation, abbreviation_key FROM organisation ORDER BY id")
    ).fetchall()
    taken = {key for _id, _abbreviation, key in rows}
    for organisation_id, abbreviation, key in rows:
        new_key = text_key(abbreviation)
        if new_key == key or new_key in taken or not new_key:
            continue
        bind.execute(
            sa.text("UPDATE organisation SET abbreviation_key = :key WHERE id = :id"),
            {"key": new_key, "id": organisation_id},
        )
        taken.discard(key)
        taken.add(new_key)


def downgrade() -> None:
    """Nothing to undo: keys of the new form are as unique as the old ones."""
