"""The archive tree's counts kept by the database: meetings per board, year and status.

The tree on the left shows every board and year with its number of meetings before any
meeting is read (ui/archive). Counting them is one pass over every meeting, which grows
with the archive (tens of milliseconds at 30,000 meetings, at every start and after every
meeting added or deleted); this table holds the counts, one short row per group, and a
trigger keeps it right whatever writes the meetings (the window, the CLI, ``copy-db``).
A group whose count falls to nothing is removed, so every row is a group with meetings.
An index on (board, date) lets the tree read one board's year without reading the board's
every meeting; it replaces the index on the board alone (its first column), which the
planner preferred and which read them all.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TABLE = "meeting_group_count"
SQLITE_YEAR = "CAST(strftime('%Y', {}) AS INTEGER)"
PG_YEAR = "CAST(EXTRACT(year FROM {}) AS INTEGER)"


def _count(row: str, year: str) -> str:
    return (
        f"INSERT INTO {TABLE} (board_id, year, status, count) VALUES ({row}.board_id, "
        f"{year.format(row + '.date')}, {row}.status, 1) ON CONFLICT (board_id, year, status) "
        f"DO UPDATE SET count = {TABLE}.count + 1;"
    )


def _uncount(row: str, year: str) -> str:
    return (
        f"UPDATE {TABLE} SET count = count - 1 WHERE board_id = {row}.board_id "
        f"AND year = {year.format(row + '.date')} AND status = {row}.status; "
        f"DELETE FROM {TABLE} WHERE count <= 0;"
    )


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    year = PG_YEAR if postgresql else SQLITE_YEAR
    op.create_index("ix_meeting_board_date", "meeting", ["board_id", "date"])
    op.drop_index("ix_meeting_board_id", table_name="meeting")
    op.execute(
        f"CREATE TABLE {TABLE} (board_id INTEGER NOT NULL, year INTEGER NOT NULL, "
        "status VARCHAR(32) NOT NULL, count INTEGER NOT NULL, "
        "PRIMARY KEY (board_id, year, status))"
    )
    op.execute(
        f"INSERT INTO {TABLE} (board_id, year, status, count) SELECT board_id, "
        f"{year.format('date')}, status, count(*) FROM meeting "
        f"GROUP BY board_id, {year.format('date')}, status"
    )
    if postgresql:
        op.get_bind().exec_driver_sql(
            "CREATE FUNCTION rrb_meeting_counted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF TG_OP IN ('DELETE', 'UPDATE') THEN {_uncount('OLD', year)} END IF; "
            f"IF TG_OP IN ('INSERT', 'UPDATE') THEN {_count('NEW', year)} END IF; "
            "RETURN NULL; END $$"
        )
        op.get_bind().exec_driver_sql(
            "CREATE TRIGGER meeting_counted AFTER INSERT OR DELETE OR UPDATE OF board_id, "
            "date, status ON meeting FOR EACH ROW EXECUTE FUNCTION rrb_meeting_counted()"
        )
        return
    changed = " OR ".join(
        f"old.{column} IS NOT new.{column}" for column in ("board_id", "date", "status")
    )
    op.execute(
        f"CREATE TRIGGER meeting_counted AFTER INSERT ON meeting BEGIN {_count('new', year)} END"
    )
    op.execute(
        "CREATE TRIGGER meeting_uncounted AFTER DELETE ON meeting BEGIN "
        f"{_uncount('old', year)} END"
    )
    op.execute(
        "CREATE TRIGGER meeting_recounted AFTER UPDATE OF board_id, date, status ON meeting "
        f"WHEN {changed} BEGIN {_uncount('old', year)} {_count('new', year)} END"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.get_bind().exec_driver_sql("DROP TRIGGER IF EXISTS meeting_counted ON meeting")
        op.get_bind().exec_driver_sql("DROP FUNCTION IF EXISTS rrb_meeting_counted()")
    else:
        for name in ("meeting_counted", "meeting_uncounted", "meeting_recounted"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute(f"DROP TABLE IF EXISTS {TABLE}")
    op.create_index("ix_meeting_board_id", "meeting", ["board_id"])
    op.drop_index("ix_meeting_board_date", table_name="meeting")
