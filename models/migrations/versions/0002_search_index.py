"""Full-text search: FTS5 indexes kept in step with the record by triggers.

Two indexes: ``search_items`` for agenda item titles and notes (the bulk of the text), and
``search_misc`` for the small texts (meeting title, theme and venue; actions with their
owners; attending organisations).

Each index row's rowid is ``day << 32 | id``, where ``day`` is the meeting's date as a
Julian day number and ``id`` the source row (for ``search_misc``: ``source id * 4 + kind``).
FTS5 walks rowids in order for free, so "the newest meetings that mention X" is found
without ranking every match, and a trigger can find the one row to replace by its key.
(Ranking 60,000 matching items with bm25 took 160-370 ms on a 10,000-meeting archive;
walking newest-first takes a few.) The price is a second copy of the notes inside the
index, so that snippets need no lookup.

Triggers rather than application code keep the indexes right whatever writes the data (the
window, the CLI, a future sync); the FTS5 shadow tables (search_*) are kept out of Alembic's
autogenerate by ``include_in_autogenerate`` in models/database.py.

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
DAY_SPAN = 4294967296  # 2**32: ids stay below it, days are multiplied by it

# kind codes in search_misc: id part = source id * 4 + kind
MEETING, ACTION, ATTENDANCE = 1, 2, 3


def day(date_expression: str) -> str:
    return f"(CAST(julianday({date_expression}) AS INTEGER) * {DAY_SPAN})"


def day_of_meeting(meeting_id: str) -> str:
    return f"(SELECT {day('d.date')} FROM meeting d WHERE d.id = {meeting_id})"


MEETING_BODY = "coalesce(m.title, '') || ' ' || coalesce(m.theme, '') || ' ' || m.venue"
# An organisation as text: its abbreviation and name, once when they are the same ("Clinks").
ORGANISATION_TEXT = (
    "CASE WHEN o.abbreviation = o.name THEN o.name ELSE o.abbreviation || ' ' || o.name END"
)
ACTION_BODY = (
    f"a.description || ' ' || coalesce((SELECT group_concat({ORGANISATION_TEXT}, ' ')"
    " FROM action_owner ao JOIN organisation o ON o.id = ao.organisation_id"
    " WHERE ao.action_id = a.id), '')"
)
ATTENDANCE_BODY = f"(SELECT {ORGANISATION_TEXT} FROM organisation o WHERE o.id = t.organisation_id)"
MISC_COLUMNS = "INSERT INTO search_misc (rowid, body, kind, meeting_id, item_id) "


def index_items(where: str) -> str:
    return (
        "INSERT INTO search_items (rowid, title, notes, meeting_id) "
        f"SELECT {day('m.date')} + i.id, i.title, i.notes, i.meeting_id "
        f"FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id WHERE {where};"
    )


def index_meetings(where: str) -> str:
    return (
        MISC_COLUMNS + f"SELECT {day('m.date')} + m.id * 4 + {MEETING}, {MEETING_BODY}, "
        f"'meeting', m.id, NULL FROM meeting m WHERE {where};"
    )


def index_actions(where: str) -> str:
    return (
        MISC_COLUMNS + f"SELECT {day('m.date')} + a.id * 4 + {ACTION}, {ACTION_BODY}, "
        "'action', a.meeting_id, a.agenda_item_id "
        f"FROM action a JOIN meeting m ON m.id = a.meeting_id WHERE {where};"
    )


def index_attendances(where: str) -> str:
    return (
        MISC_COLUMNS + f"SELECT {day('m.date')} + t.id * 4 + {ATTENDANCE}, {ATTENDANCE_BODY}, "
        "'attendance', t.meeting_id, NULL "
        f"FROM attendance t JOIN meeting m ON m.id = t.meeting_id WHERE {where};"
    )


def forget_item(item_id: str, meeting_id: str) -> str:
    return f"DELETE FROM search_items WHERE rowid = {day_of_meeting(meeting_id)} + {item_id};"


def forget_misc(kind: int, source_id: str, meeting_id: str) -> str:
    return (
        f"DELETE FROM search_misc WHERE rowid = "
        f"{day_of_meeting(meeting_id)} + {source_id} * 4 + {kind};"
    )


def forget_whole_meeting(old: str) -> str:
    """Every index row of a meeting: its day's range, that meeting's rows only."""
    start = day(f"{old}.date")
    return "".join(
        f"DELETE FROM {table} WHERE rowid BETWEEN {start} AND {start} + {DAY_SPAN - 1} "
        f"AND meeting_id = {old}.id;"
        for table in ("search_items", "search_misc")
    )


def index_whole_meeting(meeting_id: str) -> str:
    return (
        index_items(f"i.meeting_id = {meeting_id}")
        + index_meetings(f"m.id = {meeting_id}")
        + index_actions(f"a.meeting_id = {meeting_id}")
        + index_attendances(f"t.meeting_id = {meeting_id}")
    )


OWNER_MEETING = "(SELECT meeting_id FROM action WHERE id = {}.action_id)"

TRIGGERS = {
    "search_item_inserted": "AFTER INSERT ON agenda_item BEGIN " + index_items("i.id = new.id"),
    "search_item_updated": "AFTER UPDATE OF title, notes, meeting_id ON agenda_item BEGIN "
    + forget_item("old.id", "old.meeting_id")
    + index_items("i.id = new.id"),
    "search_item_deleted": "AFTER DELETE ON agenda_item BEGIN "
    + forget_item("old.id", "old.meeting_id"),
    "search_meeting_inserted": "AFTER INSERT ON meeting BEGIN " + index_meetings("m.id = new.id"),
    # Exactly one of the next two fires for an update: a new date moves every row's key.
    "search_meeting_redated": "AFTER UPDATE OF date ON meeting WHEN old.date IS NOT new.date "
    "BEGIN " + forget_whole_meeting("old") + index_whole_meeting("new.id"),
    "search_meeting_retitled": "AFTER UPDATE OF title, theme, venue ON meeting "
    "WHEN old.date IS new.date BEGIN "
    + f"DELETE FROM search_misc WHERE rowid = {day('old.date')} + old.id * 4 + {MEETING};"
    + index_meetings("m.id = new.id"),
    "search_meeting_deleted": "AFTER DELETE ON meeting BEGIN " + forget_whole_meeting("old"),
    "search_action_inserted": "AFTER INSERT ON action BEGIN " + index_actions("a.id = new.id"),
    "search_action_updated": "AFTER UPDATE OF description, agenda_item_id ON action BEGIN "
    + forget_misc(ACTION, "old.id", "old.meeting_id")
    + index_actions("a.id = new.id"),
    "search_action_deleted": "AFTER DELETE ON action BEGIN "
    + forget_misc(ACTION, "old.id", "old.meeting_id"),
    "search_owner_inserted": "AFTER INSERT ON action_owner BEGIN "
    + forget_misc(ACTION, "new.action_id", OWNER_MEETING.format("new"))
    + index_actions("a.id = new.action_id"),
    "search_owner_deleted": "AFTER DELETE ON action_owner BEGIN "
    + forget_misc(ACTION, "old.action_id", OWNER_MEETING.format("old"))
    + index_actions("a.id = old.action_id"),
    "search_attendance_inserted": "AFTER INSERT ON attendance BEGIN "
    + index_attendances("t.id = new.id"),
    "search_attendance_updated": "AFTER UPDATE OF organisation_id ON attendance BEGIN "
    + forget_misc(ATTENDANCE, "old.id", "old.meeting_id")
    + index_attendances("t.id = new.id"),
    "search_attendance_deleted": "AFTER DELETE ON attendance BEGIN "
    + forget_misc(ATTENDANCE, "old.id", "old.meeting_id"),
    # An organisation renamed: every row that prints its name.
    "search_organisation_renamed": "AFTER UPDATE OF name, abbreviation ON organisation BEGIN "
    + f"DELETE FROM search_misc WHERE rowid IN (SELECT {day('m.date')} + t.id * 4 + {ATTENDANCE}"
    " FROM attendance t JOIN meeting m ON m.id = t.meeting_id WHERE t.organisation_id = new.id);"
    + index_attendances("t.organisation_id = new.id")
    + f"DELETE FROM search_misc WHERE rowid IN (SELECT {day('m.date')} + a.id * 4 + {ACTION}"
    " FROM action a JOIN meeting m ON m.id = a.meeting_id"
    " WHERE a.id IN (SELECT action_id FROM action_owner WHERE organisation_id = new.id));"
    + index_actions("a.id IN (SELECT action_id FROM action_owner WHERE organisation_id = new.id)"),
}


def upgrade() -> None:
    op.execute(
        f"CREATE VIRTUAL TABLE search_items USING fts5("
        f"title, notes, meeting_id UNINDEXED, {TOKENIZER})"
    )
    op.execute(
        "CREATE VIRTUAL TABLE search_misc USING fts5("
        f"body, kind UNINDEXED, meeting_id UNINDEXED, item_id UNINDEXED, {TOKENIZER})"
    )
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body} END")
    # Index what the database already holds.
    op.execute(index_items("1"))
    op.execute(index_meetings("1"))
    op.execute(index_actions("1"))
    op.execute(index_attendances("1"))


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS search_misc")
    op.execute("DROP TABLE IF EXISTS search_items")
