"""Change notification: on PostgreSQL, every saved meeting is announced to other windows.

A trigger rather than a call in the services, so that whatever writes a meeting (a window,
the CLI, ``copy-db``) is heard. Every edit of a meeting's parts also updates its row
(``services.mark_edited`` bumps the version), so a trigger on ``meeting`` covers them all.
NOTIFY is delivered at commit and only then, so a rolled-back save is never announced.
The payload is read by models/live.py. SQLite has no other process to tell: nothing there.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

CHANNEL = "rrb_changes"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.get_bind().exec_driver_sql(
        "CREATE FUNCTION rrb_meeting_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"PERFORM pg_notify('{CHANNEL}', json_build_object("
        "'meeting', CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END, "
        "'event', CASE WHEN TG_OP = 'DELETE' THEN 'deleted' ELSE 'saved' END, "
        "'version', CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW.version END, "
        "'user', current_user, "
        "'client', current_setting('application_name'))::text); "
        "RETURN NULL; END $$"
    )
    op.get_bind().exec_driver_sql(
        "CREATE TRIGGER notify_meeting_changed AFTER INSERT OR UPDATE OR DELETE ON meeting "
        "FOR EACH ROW EXECUTE FUNCTION rrb_meeting_changed()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.get_bind().exec_driver_sql("DROP TRIGGER IF EXISTS notify_meeting_changed ON meeting")
    op.get_bind().exec_driver_sql("DROP FUNCTION IF EXISTS rrb_meeting_changed()")
