"""Full-text search: FTS5 indexes kept in step with the record by triggers.

Two indexes. ``search_items`` indexes agenda item titles and notes, the bulk of the text,
as an external-content table over ``agenda_item`` so the notes are not stored twice.
``search_misc`` holds the small texts (meeting title, theme, venue; actions with their
owners; attending organisations), one row per source row, with a rowid computed from the
source (id * 4 + kind) so a trigger can replace a row without scanning the index.

Triggers rather than application code keep the indexes right whatever writes the data (the
window, the CLI, a future sync), and FTS5's shadow tables (search_*) are kept out of
Alembic's autogenerate by ``include_object`` in env.py.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TOKENIZER = "tokenize = 'unicode61 remove_diacritics 2'"

# kind codes in search_misc rowids: rowid = source id * 4 + kind
MEETING, ACTION, ATTENDANCE = 1, 2, 3

MEETING_BODY = "coalesce(m.title, '') || ' ' || coalesce(m.theme, '') || ' ' || m.venue"
ACTION_BODY = (
    "a.description || ' ' || coalesce((SELECT group_concat(o.abbreviation || ' ' || o.name, ' ')"
    " FROM action_owner ao JOIN organisation o ON o.id = ao.organisation_id"
    " WHERE ao.action_id = a.id), '')"
)
ATTENDANCE_BODY = (
    "(SELECT o.abbreviation || ' ' || o.name FROM organisation o WHERE o.id = t.organisation_id)"
)


def _index_meeting(where: str) -> str:
    return (
        "INSERT INTO search_misc (rowid, body, kind, meeting_id, item_id) "
        f"SELECT m.id * 4 + {MEETING}, {MEETING_BODY}, 'meeting', m.id, NULL "
        f"FROM meeting m WHERE {where};"
    )


def _index_action(where: str) -> str:
    return (
        "INSERT INTO search_misc (rowid, body, kind, meeting_id, item_id) "
        f"SELECT a.id * 4 + {ACTION}, {ACTION_BODY}, 'action', a.meeting_id, a.agenda_item_id "
        f"FROM action a WHERE {where};"
    )


def _index_attendance(where: str) -> str:
    return (
        "INSERT INTO search_misc (rowid, body, kind, meeting_id, item_id) "
        f"SELECT t.id * 4 + {ATTENDANCE}, {ATTENDANCE_BODY}, 'attendance', t.meeting_id, NULL "
        f"FROM attendance t WHERE {where};"
    )


def _forget(kind: int, id_expression: str) -> str:
    return f"DELETE FROM search_misc WHERE rowid = {id_expression} * 4 + {kind};"


TRIGGERS = {
    # agenda items: the external-content protocol ('delete' needs the old values)
    "search_item_inserted": "AFTER INSERT ON agenda_item BEGIN "
    "INSERT INTO search_items (rowid, title, notes) VALUES (new.id, new.title, new.notes); END",
    "search_item_deleted": "AFTER DELETE ON agenda_item BEGIN "
    "INSERT INTO search_items (search_items, rowid, title, notes) "
    "VALUES ('delete', old.id, old.title, old.notes); END",
    "search_item_updated": "AFTER UPDATE OF title, notes ON agenda_item BEGIN "
    "INSERT INTO search_items (search_items, rowid, title, notes) "
    "VALUES ('delete', old.id, old.title, old.notes); "
    "INSERT INTO search_items (rowid, title, notes) VALUES (new.id, new.title, new.notes); END",
    # meetings
    "search_meeting_inserted": "AFTER INSERT ON meeting BEGIN "
    + _index_meeting("m.id = new.id")
    + " END",
    "search_meeting_updated": "AFTER UPDATE OF title, theme, venue ON meeting BEGIN "
    + _forget(MEETING, "old.id")
    + _index_meeting("m.id = new.id")
    + " END",
    "search_meeting_deleted": "AFTER DELETE ON meeting BEGIN "
    + _forget(MEETING, "old.id")
    + " END",
    # actions, and their owners
    "search_action_inserted": "AFTER INSERT ON action BEGIN "
    + _index_action("a.id = new.id")
    + " END",
    "search_action_updated": "AFTER UPDATE OF description, agenda_item_id ON action BEGIN "
    + _forget(ACTION, "old.id")
    + _index_action("a.id = new.id")
    + " END",
    "search_action_deleted": "AFTER DELETE ON action BEGIN " + _forget(ACTION, "old.id") + " END",
    "search_owner_inserted": "AFTER INSERT ON action_owner BEGIN "
    + _forget(ACTION, "new.action_id")
    + _index_action("a.id = new.action_id")
    + " END",
    "search_owner_deleted": "AFTER DELETE ON action_owner BEGIN "
    + _forget(ACTION, "old.action_id")
    + _index_action("a.id = old.action_id")
    + " END",
    # attendance
    "search_attendance_inserted": "AFTER INSERT ON attendance BEGIN "
    + _index_attendance("t.id = new.id")
    + " END",
    "search_attendance_updated": "AFTER UPDATE OF organisation_id ON attendance BEGIN "
    + _forget(ATTENDANCE, "old.id")
    + _index_attendance("t.id = new.id")
    + " END",
    "search_attendance_deleted": "AFTER DELETE ON attendance BEGIN "
    + _forget(ATTENDANCE, "old.id")
    + " END",
    # an organisation renamed: every row that prints its name
    "search_organisation_renamed": "AFTER UPDATE OF name, abbreviation ON organisation BEGIN "
    f"DELETE FROM search_misc WHERE rowid IN (SELECT id * 4 + {ATTENDANCE} FROM attendance "
    "WHERE organisation_id = new.id); "
    + _index_attendance("t.organisation_id = new.id")
    + f" DELETE FROM search_misc WHERE rowid IN (SELECT action_id * 4 + {ACTION} "
    "FROM action_owner WHERE organisation_id = new.id); "
    + _index_action("a.id IN (SELECT action_id FROM action_owner WHERE organisation_id = new.id)")
    + " END",
}


def upgrade() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE search_items USING fts5("
        f"title, notes, content='agenda_item', content_rowid='id', {TOKENIZER})"
    )
    op.execute(
        "CREATE VIRTUAL TABLE search_misc USING fts5("
        f"body, kind UNINDEXED, meeting_id UNINDEXED, item_id UNINDEXED, {TOKENIZER})"
    )
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    # Index what the database already holds.
    op.execute("INSERT INTO search_items (search_items) VALUES ('rebuild')")
    op.execute(_index_meeting("1"))
    op.execute(_index_action("1"))
    op.execute(_index_attendance("1"))


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS search_misc")
    op.execute("DROP TABLE IF EXISTS search_items")
