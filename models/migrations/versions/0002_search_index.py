"""Full-text search: indexes kept in step with the record by triggers, on each dialect.

On SQLite, FTS5 tables (below); on PostgreSQL, plain tables of the same shape with a
generated ``tsvector`` column under a GIN index (``upgrade_postgresql``, at the end). The
queries that read them are in models/search/.

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

from models.migrations.postgresql_triggers import (
    create_reindex_function,
    create_row_trigger,
    drop_reindex_function,
    drop_row_trigger,
)

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
    if op.get_bind().dialect.name == "postgresql":
        upgrade_postgresql()
        return
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
    if op.get_bind().dialect.name == "postgresql":
        downgrade_postgresql()
        return
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS search_misc")
    op.execute("DROP TABLE IF EXISTS search_items")


# PostgreSQL. The same keys (day << 32 | id, day as in SQLite's julianday) and the same
# texts; the database keeps each row's tsvector, and one function per source reindexes a
# row, so a trigger is one call. Punctuation becomes spaces before parsing: see
# models/search/postgresql.py.
PG_CONFIGURATION = "rrb_search"
PG_DAY = "((({}) - DATE '1970-01-01') + 2440587)::bigint * " + str(DAY_SPAN)
PG_SEPARATORS = r"[[:punct:]\u00a0-\u00bf\u2000-\u206f\u2e00-\u2e7f\u3000-\u303f]+"
PG_ACTION_BODY = ACTION_BODY.replace("group_concat(", "string_agg(")
PG_MISC = "INSERT INTO search_misc (key, kind, source_id, meeting_id, item_id, body) "

PG_REINDEX = {
    "item": "DELETE FROM search_items WHERE item_id = $1;"
    "INSERT INTO search_items (key, meeting_id, item_id, title, notes) "
    f"SELECT {PG_DAY.format('m.date')} + i.id, i.meeting_id, i.id, i.title, i.notes "
    "FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id WHERE i.id = $1;",
    "meeting": "DELETE FROM search_misc WHERE kind = 'meeting' AND source_id = $1;"
    + PG_MISC
    + f"SELECT {PG_DAY.format('m.date')} + m.id * 4 + {MEETING}, 'meeting', m.id, m.id, NULL, "
    f"{MEETING_BODY} FROM meeting m WHERE m.id = $1;",
    "action": "DELETE FROM search_misc WHERE kind = 'action' AND source_id = $1;"
    + PG_MISC
    + f"SELECT {PG_DAY.format('m.date')} + a.id * 4 + {ACTION}, 'action', a.id, a.meeting_id, "
    f"a.agenda_item_id, {PG_ACTION_BODY} "
    "FROM action a JOIN meeting m ON m.id = a.meeting_id WHERE a.id = $1;",
    "attendance": "DELETE FROM search_misc WHERE kind = 'attendance' AND source_id = $1;"
    + PG_MISC
    + f"SELECT {PG_DAY.format('m.date')} + t.id * 4 + {ATTENDANCE}, 'attendance', t.id, "
    f"t.meeting_id, NULL, {ATTENDANCE_BODY} "
    "FROM attendance t JOIN meeting m ON m.id = t.meeting_id WHERE t.id = $1;",
}

# table -> (columns whose change matters, body of the plpgsql trigger function)
PG_TRIGGERS = {
    "agenda_item": (
        "title, notes, meeting_id",
        "IF TG_OP = 'DELETE' THEN DELETE FROM search_items WHERE item_id = OLD.id;"
        " ELSE PERFORM rrb_search_reindex_item(NEW.id); END IF;",
    ),
    "meeting": (
        "date, title, theme, venue",
        "IF TG_OP = 'DELETE' THEN"
        " DELETE FROM search_items WHERE meeting_id = OLD.id;"
        " DELETE FROM search_misc WHERE meeting_id = OLD.id;"
        # A new date moves every row's key.
        " ELSIF TG_OP = 'UPDATE' AND OLD.date IS DISTINCT FROM NEW.date THEN"
        " PERFORM rrb_search_reindex_item(i.id) FROM agenda_item i WHERE i.meeting_id = NEW.id;"
        " PERFORM rrb_search_reindex_meeting(NEW.id);"
        " PERFORM rrb_search_reindex_action(a.id) FROM action a WHERE a.meeting_id = NEW.id;"
        " PERFORM rrb_search_reindex_attendance(t.id) FROM attendance t"
        " WHERE t.meeting_id = NEW.id;"
        " ELSE PERFORM rrb_search_reindex_meeting(NEW.id); END IF;",
    ),
    "action": (
        "description, agenda_item_id",
        "IF TG_OP = 'DELETE' THEN"
        " DELETE FROM search_misc WHERE kind = 'action' AND source_id = OLD.id;"
        " ELSE PERFORM rrb_search_reindex_action(NEW.id); END IF;",
    ),
    "action_owner": (
        "organisation_id",
        "IF TG_OP = 'DELETE' THEN PERFORM rrb_search_reindex_action(OLD.action_id);"
        " ELSE PERFORM rrb_search_reindex_action(NEW.action_id); END IF;",
    ),
    "attendance": (
        "organisation_id",
        "IF TG_OP = 'DELETE' THEN"
        " DELETE FROM search_misc WHERE kind = 'attendance' AND source_id = OLD.id;"
        " ELSE PERFORM rrb_search_reindex_attendance(NEW.id); END IF;",
    ),
    # An organisation renamed: every row that prints its name.
    "organisation": (
        "name, abbreviation",
        "IF TG_OP = 'UPDATE' THEN"
        " PERFORM rrb_search_reindex_attendance(t.id) FROM attendance t"
        " WHERE t.organisation_id = NEW.id;"
        " PERFORM rrb_search_reindex_action(ao.action_id) FROM action_owner ao"
        " WHERE ao.organisation_id = NEW.id; END IF;",
    ),
}


def _pg(statement: str) -> None:
    """As the driver sees it: no bind parameters (``[[:punct:]`` is not one)."""
    op.get_bind().exec_driver_sql(statement)


def upgrade_postgresql() -> None:
    # unaccent is a trusted extension: the database's owner may create it.
    _pg("CREATE EXTENSION IF NOT EXISTS unaccent")
    _pg(f"CREATE TEXT SEARCH CONFIGURATION {PG_CONFIGURATION} (COPY = simple)")
    _pg(
        f"ALTER TEXT SEARCH CONFIGURATION {PG_CONFIGURATION} ALTER MAPPING FOR asciiword, "
        "asciihword, hword_asciipart, word, hword, hword_part, numword, numhword, "
        "hword_numpart WITH unaccent, simple"
    )
    _pg(
        "CREATE FUNCTION rrb_search_text(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE "
        f"AS $$ SELECT regexp_replace($1, '{PG_SEPARATORS}', ' ', 'g') $$"
    )
    document = "tsvector GENERATED ALWAYS AS (to_tsvector('{}', rrb_search_text({}))) STORED"
    _pg(
        "CREATE TABLE search_items (key bigint PRIMARY KEY, meeting_id integer NOT NULL, "
        "item_id integer NOT NULL, title text NOT NULL, notes text NOT NULL, document "
        + document.format(PG_CONFIGURATION, "title || ' ' || notes")
        + ")"
    )
    _pg(
        "CREATE TABLE search_misc (key bigint PRIMARY KEY, kind text NOT NULL, "
        "source_id integer NOT NULL, meeting_id integer NOT NULL, item_id integer, "
        "body text NOT NULL, document " + document.format(PG_CONFIGURATION, "body") + ")"
    )
    for table in ("search_items", "search_misc"):
        _pg(f"CREATE INDEX {table}_document ON {table} USING gin (document)")
        _pg(f"CREATE INDEX {table}_meeting ON {table} (meeting_id)")
    _pg("CREATE INDEX search_items_item ON search_items (item_id)")
    _pg("CREATE INDEX search_misc_source ON search_misc (kind, source_id)")
    for source, body in PG_REINDEX.items():
        create_reindex_function(source, body)
    for table, (columns, body) in PG_TRIGGERS.items():
        events = f"INSERT OR DELETE OR UPDATE OF {columns}"
        create_row_trigger(f"search_{table}_changed", table, events, body)
    # Index what the database already holds.
    for source, table in (
        ("item", "agenda_item"),
        ("meeting", "meeting"),
        ("action", "action"),
        ("attendance", "attendance"),
    ):
        _pg(f"SELECT rrb_search_reindex_{source}(id) FROM {table}")


def downgrade_postgresql() -> None:
    for table in PG_TRIGGERS:
        drop_row_trigger(f"search_{table}_changed", table)
    for source in PG_REINDEX:
        drop_reindex_function(source)
    _pg("DROP TABLE IF EXISTS search_misc")
    _pg("DROP TABLE IF EXISTS search_items")
    _pg("DROP FUNCTION IF EXISTS rrb_search_text(text)")
    _pg(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {PG_CONFIGURATION}")
