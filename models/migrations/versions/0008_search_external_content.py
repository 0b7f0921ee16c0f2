"""Smaller archive: SQLite's search indexes read their text from the tables (external content).

Until now ``search_items`` and ``search_misc`` (migration 0002) kept a full copy of every
note beside the index, about half of a large archive's file. FTS5's *external content*
keeps only the index: the text it was built from is the views below, which compute the
same keys (``day << 32 | id``) and the same texts as 0002 did. Search reads only rowids
from the indexes and the text from the tables (models/search/sqlite.py), so the views are
never looked up by key (a computed key has no index) except by ``rebuild``.

An external-content index cannot find the words of a row it is told to forget: a delete
must hand it the very text it indexed. So every change is two triggers: a BEFORE trigger
forgets the rows the change touches with the text the tables still hold (the text
indexed), and an AFTER trigger indexes them again from the tables as they are now. Texts
made of several rows (an action with its owners, an attendance's organisation) stay right
that way whatever part changes. A meeting deleted with its rows forgets them all before it
goes; the rows its deletion cascades to then find no meeting and leave the index alone
(forgetting twice would corrupt it). The ORM deletes the rows first, meeting present,
which the same triggers cover.

``search_hearing`` (0004, transcripts) keeps its own copy for now.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TOKENIZER = "tokenize = 'unicode61 remove_diacritics 2'"
DAY_SPAN = 4294967296  # 2**32, as in 0002
MEETING, ACTION, ATTENDANCE = 1, 2, 3  # search_misc kinds, as in 0002

ORGANISATION_TEXT = (
    "CASE WHEN o.abbreviation = o.name THEN o.name ELSE o.abbreviation || ' ' || o.name END"
)
MEETING_BODY = "coalesce(m.title, '') || ' ' || coalesce(m.theme, '') || ' ' || m.venue"
ACTION_BODY = (
    f"a.description || ' ' || coalesce((SELECT group_concat({ORGANISATION_TEXT}, ' ')"
    " FROM action_owner ao JOIN organisation o ON o.id = ao.organisation_id"
    " WHERE ao.action_id = a.id), '')"
)
ATTENDANCE_BODY = f"(SELECT {ORGANISATION_TEXT} FROM organisation o WHERE o.id = t.organisation_id)"


def _day(date_expression: str) -> str:
    return f"(CAST(julianday({date_expression}) AS INTEGER) * {DAY_SPAN})"


# What each index is built from, row by row, as (key, text columns, FROM ... WHERE).
ITEM_ROWS = (
    f"{_day('m.date')} + i.id",
    "i.title, i.notes",
    "FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id WHERE {}",
)
MEETING_ROWS = (f"{_day('m.date')} + m.id * 4 + {MEETING}", MEETING_BODY, "FROM meeting m WHERE {}")
ACTION_ROWS = (
    f"{_day('m.date')} + a.id * 4 + {ACTION}",
    ACTION_BODY,
    "FROM action a JOIN meeting m ON m.id = a.meeting_id WHERE {}",
)
ATTENDANCE_ROWS = (
    f"{_day('m.date')} + t.id * 4 + {ATTENDANCE}",
    ATTENDANCE_BODY,
    "FROM attendance t JOIN meeting m ON m.id = t.meeting_id WHERE {}",
)
MISC_ROWS = (MEETING_ROWS, ACTION_ROWS, ATTENDANCE_ROWS)

VIEWS = {
    "search_items_source": f"SELECT {ITEM_ROWS[0]} AS key, i.title AS title, i.notes AS notes "
    + ITEM_ROWS[2].format("1"),
    "search_misc_source": " UNION ALL ".join(
        f"SELECT {key} AS key, {body} AS body " + rows.format("1") for key, body, rows in MISC_ROWS
    ),
}


def _index(table: str, rows: tuple[str, str, str], where: str) -> str:
    key, texts, source = rows
    columns = "title, notes" if table == "search_items" else "body"
    return f"INSERT INTO {table} (rowid, {columns}) SELECT {key}, {texts} {source.format(where)};"


def _forget(table: str, rows: tuple[str, str, str], where: str) -> str:
    key, texts, source = rows
    columns = "title, notes" if table == "search_items" else "body"
    return (
        f"INSERT INTO {table} ({table}, rowid, {columns}) "
        f"SELECT 'delete', {key}, {texts} {source.format(where)};"
    )


def _both(rows: tuple[str, str, str], where: str, table: str = "search_misc") -> tuple[str, str]:
    return _forget(table, rows, where), _index(table, rows, where)


def _whole_meeting(meeting_id: str) -> tuple[str, str]:
    parts = [
        _both(ITEM_ROWS, f"i.meeting_id = {meeting_id}", "search_items"),
        _both(MEETING_ROWS, f"m.id = {meeting_id}"),
        _both(ACTION_ROWS, f"a.meeting_id = {meeting_id}"),
        _both(ATTENDANCE_ROWS, f"t.meeting_id = {meeting_id}"),
    ]
    return "".join(forget for forget, _ in parts), "".join(index for _, index in parts)


def _meeting_exists(meeting_id: str) -> str:
    return f"EXISTS (SELECT 1 FROM meeting WHERE id = {meeting_id})"


def _action_exists(action_id: str) -> str:
    return f"EXISTS (SELECT 1 FROM action WHERE id = {action_id})"


_ITEM = _both(ITEM_ROWS, "i.id = ROW", "search_items")
_ACTION = _both(ACTION_ROWS, "a.id = ROW")
_ATTENDANCE = _both(ATTENDANCE_ROWS, "t.id = ROW")
_MEETING_ROW = _both(MEETING_ROWS, "m.id = ROW")
_WHOLE = _whole_meeting("ROW")  # ROW: the row id the trigger names (old.id, new.id)
_OWNERS = "a.id IN (SELECT action_id FROM action_owner WHERE organisation_id = ROW)"

# name -> (BEFORE or AFTER event, WHEN condition or "", body)
TRIGGERS: dict[str, tuple[str, str, str]] = {
    "search_item_inserted": ("AFTER INSERT ON agenda_item", "", _ITEM[1].replace("ROW", "new.id")),
    "search_item_changing": (
        "BEFORE UPDATE OF title, notes, meeting_id ON agenda_item",
        "",
        _ITEM[0].replace("ROW", "old.id"),
    ),
    "search_item_changed": (
        "AFTER UPDATE OF title, notes, meeting_id ON agenda_item",
        "",
        _ITEM[1].replace("ROW", "new.id"),
    ),
    "search_item_deleting": (
        "BEFORE DELETE ON agenda_item",
        _meeting_exists("old.meeting_id"),
        _ITEM[0].replace("ROW", "old.id"),
    ),
    "search_meeting_inserted": (
        "AFTER INSERT ON meeting",
        "",
        _MEETING_ROW[1].replace("ROW", "new.id"),
    ),
    # A new date moves every row's key; otherwise only the meeting's own row changes.
    "search_meeting_redating": (
        "BEFORE UPDATE OF date ON meeting",
        "old.date IS NOT new.date",
        _WHOLE[0].replace("ROW", "old.id"),
    ),
    "search_meeting_redated": (
        "AFTER UPDATE OF date ON meeting",
        "old.date IS NOT new.date",
        _WHOLE[1].replace("ROW", "new.id"),
    ),
    "search_meeting_retitling": (
        "BEFORE UPDATE OF title, theme, venue ON meeting",
        "old.date IS new.date",
        _MEETING_ROW[0].replace("ROW", "old.id"),
    ),
    "search_meeting_retitled": (
        "AFTER UPDATE OF title, theme, venue ON meeting",
        "old.date IS new.date",
        _MEETING_ROW[1].replace("ROW", "new.id"),
    ),
    "search_meeting_deleting": ("BEFORE DELETE ON meeting", "", _WHOLE[0].replace("ROW", "old.id")),
    "search_action_inserted": ("AFTER INSERT ON action", "", _ACTION[1].replace("ROW", "new.id")),
    "search_action_changing": (
        "BEFORE UPDATE OF description, meeting_id ON action",
        "",
        _ACTION[0].replace("ROW", "old.id"),
    ),
    "search_action_changed": (
        "AFTER UPDATE OF description, meeting_id ON action",
        "",
        _ACTION[1].replace("ROW", "new.id"),
    ),
    "search_action_deleting": (
        "BEFORE DELETE ON action",
        _meeting_exists("old.meeting_id"),
        _ACTION[0].replace("ROW", "old.id"),
    ),
    # An owner added or removed changes its action's text; deleted with its action, nothing.
    "search_owner_adding": (
        "BEFORE INSERT ON action_owner",
        "",
        _ACTION[0].replace("ROW", "new.action_id"),
    ),
    "search_owner_added": (
        "AFTER INSERT ON action_owner",
        "",
        _ACTION[1].replace("ROW", "new.action_id"),
    ),
    "search_owner_removing": (
        "BEFORE DELETE ON action_owner",
        _action_exists("old.action_id"),
        _ACTION[0].replace("ROW", "old.action_id"),
    ),
    "search_owner_removed": (
        "AFTER DELETE ON action_owner",
        _action_exists("old.action_id"),
        _ACTION[1].replace("ROW", "old.action_id"),
    ),
    "search_attendance_inserted": (
        "AFTER INSERT ON attendance",
        "",
        _ATTENDANCE[1].replace("ROW", "new.id"),
    ),
    "search_attendance_changing": (
        "BEFORE UPDATE OF organisation_id, meeting_id ON attendance",
        "",
        _ATTENDANCE[0].replace("ROW", "old.id"),
    ),
    "search_attendance_changed": (
        "AFTER UPDATE OF organisation_id, meeting_id ON attendance",
        "",
        _ATTENDANCE[1].replace("ROW", "new.id"),
    ),
    "search_attendance_deleting": (
        "BEFORE DELETE ON attendance",
        _meeting_exists("old.meeting_id"),
        _ATTENDANCE[0].replace("ROW", "old.id"),
    ),
    # An organisation renamed: every row that prints its name.
    "search_organisation_renaming": (
        "BEFORE UPDATE OF name, abbreviation ON organisation",
        "",
        _both(ATTENDANCE_ROWS, "t.organisation_id = old.id")[0]
        + _both(ACTION_ROWS, _OWNERS.replace("ROW", "old.id"))[0],
    ),
    "search_organisation_renamed": (
        "AFTER UPDATE OF name, abbreviation ON organisation",
        "",
        _both(ATTENDANCE_ROWS, "t.organisation_id = new.id")[1]
        + _both(ACTION_ROWS, _OWNERS.replace("ROW", "new.id"))[1],
    ),
}

# The triggers of 0002, dropped here and made again by a downgrade.
OLD_TRIGGERS = (
    "search_item_inserted",
    "search_item_updated",
    "search_item_deleted",
    "search_meeting_inserted",
    "search_meeting_redated",
    "search_meeting_retitled",
    "search_meeting_deleted",
    "search_action_inserted",
    "search_action_updated",
    "search_action_deleted",
    "search_owner_inserted",
    "search_owner_deleted",
    "search_attendance_inserted",
    "search_attendance_updated",
    "search_attendance_deleted",
    "search_organisation_renamed",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # PostgreSQL's indexes hold a tsvector, not an FTS5 copy
    for name in OLD_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS search_misc")
    op.execute("DROP TABLE IF EXISTS search_items")
    for name, select in VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {select}")
    op.execute(
        "CREATE VIRTUAL TABLE search_items USING fts5(title, notes, "
        f"content = 'search_items_source', content_rowid = 'key', {TOKENIZER})"
    )
    op.execute(
        "CREATE VIRTUAL TABLE search_misc USING fts5(body, "
        f"content = 'search_misc_source', content_rowid = 'key', {TOKENIZER})"
    )
    for name, (event, condition, body) in TRIGGERS.items():
        when = f" WHEN {condition}" if condition else ""
        op.execute(f"CREATE TRIGGER {name} {event} FOR EACH ROW{when} BEGIN {body} END")
    # Index what the database holds, read through the views.
    op.execute("INSERT INTO search_items (search_items) VALUES ('rebuild')")
    op.execute("INSERT INTO search_misc (search_misc) VALUES ('rebuild')")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    from importlib import import_module  # noqa: PLC0415 (a sibling revision, by file name)

    search_index = import_module("models.migrations.versions.0002_search_index")
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS search_misc")
    op.execute("DROP TABLE IF EXISTS search_items")
    for name in VIEWS:
        op.execute(f"DROP VIEW IF EXISTS {name}")
    search_index.upgrade()
