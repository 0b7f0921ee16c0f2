"""Hearing transcripts: a fifth layout, a hearing's members, speaker turns, unknown venues.

- ``meeting.style`` accepts ``hearing-transcript``. On SQLite the CHECK constraint is
  widened by rewriting the table's schema text (SQLite's documented procedure for changes
  that leave the stored rows as they are), not by rebuilding ``meeting``: a rebuild drops
  the table, and with foreign keys on (they are, on every connection) its implicit delete
  would cascade to every attendee, item and action, and drop the search triggers on it.
- ``meeting.venue_unknown``: a venue that is not known, as opposed to none printed.
- ``member``: a hearing's panel in printed order, with a chair flag (co-chairs allowed).
- ``turn``: an agenda item's speaker turns in order, linked to a member where the speaker
  is one; ``speaker`` NULL is an editorial note.
- ``search_hearing``, a full-text index of turns (speaker label and words) and members
  (name, role, organisation), kept by triggers like the indexes of 0002, with the same key
  scheme (``day << 32 | id * 2 + kind``) so that search walks it newest first. It is a table
  of its own so that no trigger here depends on the order in which the database fires
  0002's triggers. On SQLite an FTS5 table; on PostgreSQL (``upgrade_postgresql``, at the
  end) a plain table whose generated ``tsvector`` columns (all the text, and the speaker
  alone for "what did X say") sit under GIN indexes.

Revision ID: 0004
Revises: 0002
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from models.migrations.postgresql_triggers import (
    create_reindex_function,
    create_row_trigger,
    drop_reindex_function,
    drop_row_trigger,
)

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

OLD_STYLES = "'public-note', 'note-of-meeting', 'public-note-of-meeting', 'record-of-meeting'"
NEW_STYLES = OLD_STYLES + ", 'hearing-transcript'"
STYLE_CHECK = "CONSTRAINT ck_meeting_layout_style CHECK (style IN ({}))"

TOKENIZER = "tokenize = 'unicode61 remove_diacritics 2'"
DAY_SPAN = 4294967296  # 2**32, as in 0002
TURN, MEMBER = 0, 1  # kind codes: id part = source id * 2 + kind

ORGANISATION_TEXT = (
    "CASE WHEN o.abbreviation = o.name THEN o.name ELSE o.abbreviation || ' ' || o.name END"
)


def _day(date_expression: str) -> str:
    return f"(CAST(julianday({date_expression}) AS INTEGER) * {DAY_SPAN})"


def _day_of_item(item_id: str) -> str:
    return (
        f"(SELECT {_day('d.date')} FROM agenda_item di JOIN meeting d ON d.id = di.meeting_id"
        f" WHERE di.id = {item_id})"
    )


def _day_of_meeting(meeting_id: str) -> str:
    return f"(SELECT {_day('d.date')} FROM meeting d WHERE d.id = {meeting_id})"


COLUMNS = "INSERT INTO search_hearing (rowid, speaker, words, kind, meeting_id, item_id) "


def _index_turns(where: str) -> str:
    return (
        COLUMNS + f"SELECT {_day('m.date')} + t.id * 2 + {TURN}, coalesce(t.speaker, ''), t.text,"
        " 'turn', i.meeting_id, i.id FROM turn t JOIN agenda_item i ON i.id = t.agenda_item_id"
        f" JOIN meeting m ON m.id = i.meeting_id WHERE {where};"
    )


def _index_members(where: str) -> str:
    return (
        COLUMNS + f"SELECT {_day('m.date')} + p.id * 2 + {MEMBER}, p.name,"
        f" coalesce(p.role, '') || ' ' || coalesce((SELECT {ORGANISATION_TEXT}"
        " FROM organisation o WHERE o.id = p.organisation_id), ''),"
        f" 'member', p.meeting_id, NULL FROM member p JOIN meeting m ON m.id = p.meeting_id"
        f" WHERE {where};"
    )


def _forget_turn(turn_id: str, item_id: str) -> str:
    return f"DELETE FROM search_hearing WHERE rowid = {_day_of_item(item_id)} + {turn_id} * 2;"


def _forget_member(member_id: str, meeting_id: str) -> str:
    return (
        f"DELETE FROM search_hearing WHERE rowid = "
        f"{_day_of_meeting(meeting_id)} + {member_id} * 2 + {MEMBER};"
    )


OLD_ITEM_DATE = "(SELECT d.date FROM meeting d WHERE d.id = old.meeting_id)"


def _forget_range(date: str, condition: str) -> str:
    start = _day(date)
    return (
        f"DELETE FROM search_hearing WHERE rowid BETWEEN {start} AND {start} + {DAY_SPAN - 1}"
        f" AND {condition};"
    )


TRIGGERS = {
    "search_turn_inserted": "AFTER INSERT ON turn BEGIN " + _index_turns("t.id = new.id"),
    "search_turn_updated": "AFTER UPDATE OF speaker, text, agenda_item_id ON turn BEGIN "
    + _forget_turn("old.id", "old.agenda_item_id")
    + _index_turns("t.id = new.id"),
    # When the item or the meeting goes, the item's or meeting's trigger below does this.
    "search_turn_deleted": "AFTER DELETE ON turn BEGIN "
    + _forget_turn("old.id", "old.agenda_item_id"),
    "search_member_inserted": "AFTER INSERT ON member BEGIN " + _index_members("p.id = new.id"),
    "search_member_updated": "AFTER UPDATE OF name, role, organisation_id ON member BEGIN "
    + _forget_member("old.id", "old.meeting_id")
    + _index_members("p.id = new.id"),
    "search_member_deleted": "AFTER DELETE ON member BEGIN "
    + _forget_member("old.id", "old.meeting_id"),
    "search_hearing_item_deleted": "AFTER DELETE ON agenda_item BEGIN "
    + _forget_range(OLD_ITEM_DATE, "item_id = old.id"),
    "search_hearing_item_moved": "AFTER UPDATE OF meeting_id ON agenda_item BEGIN "
    + _forget_range(OLD_ITEM_DATE, "item_id = old.id")
    + _index_turns("t.agenda_item_id = new.id"),
    "search_hearing_meeting_redated": "AFTER UPDATE OF date ON meeting "
    "WHEN old.date IS NOT new.date BEGIN "
    + _forget_range("old.date", "meeting_id = old.id")
    + _index_turns("i.meeting_id = new.id")
    + _index_members("p.meeting_id = new.id"),
    "search_hearing_meeting_deleted": "AFTER DELETE ON meeting BEGIN "
    + _forget_range("old.date", "meeting_id = old.id"),
    "search_hearing_organisation_renamed": "AFTER UPDATE OF name, abbreviation ON organisation "
    "BEGIN "
    + f"DELETE FROM search_hearing WHERE rowid IN (SELECT {_day('m.date')} + p.id * 2 + {MEMBER}"
    " FROM member p JOIN meeting m ON m.id = p.meeting_id WHERE p.organisation_id = new.id);"
    + _index_members("p.organisation_id = new.id"),
}


def _swap_style_check_on_sqlite(old: str, new: str) -> None:
    """Swap the CHECK text in SQLite's schema. Every stored row satisfies both versions
    (on the way down, the transcripts are deleted first), so no row needs checking again."""
    bind = op.get_bind()
    table_sql = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'meeting'"
    ).scalar_one()
    if STYLE_CHECK.format(old) not in table_sql:  # not the schema the migrations made
        raise RuntimeError("the meeting table's layout check is not the one expected")
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar_one()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    try:
        bind.exec_driver_sql(
            "UPDATE sqlite_master SET sql = replace(sql, ?, ?)"
            " WHERE type = 'table' AND name = 'meeting'",
            (STYLE_CHECK.format(old), STYLE_CHECK.format(new)),
        )
        bind.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        bind.exec_driver_sql("PRAGMA writable_schema = OFF")
    problems = bind.exec_driver_sql("PRAGMA integrity_check").scalars().all()
    if problems != ["ok"]:
        raise RuntimeError(f"the schema change left the database inconsistent: {problems}")


def _change_style_check(old: str, new: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        _swap_style_check_on_sqlite(old, new)
    else:
        # op.f: the name as it is, not put through the naming convention a second time.
        op.drop_constraint(op.f("ck_meeting_layout_style"), "meeting", type_="check")
        op.create_check_constraint(op.f("ck_meeting_layout_style"), "meeting", f"style IN ({new})")


def upgrade() -> None:
    _change_style_check(OLD_STYLES, NEW_STYLES)
    op.add_column(
        "meeting",
        sa.Column("venue_unknown", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.create_table(
        "member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("role", sa.String(length=300), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("chair", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_member_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisation.id"],
            name=op.f("fk_member_organisation_id_organisation"), ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member")),
    )  # fmt: skip
    op.create_index(op.f("ix_member_meeting_id"), "member", ["meeting_id"])
    op.create_index(op.f("ix_member_organisation_id"), "member", ["organisation_id"])
    op.create_table(
        "turn",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("speaker", sa.Text(), nullable=True),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"], ["agenda_item.id"],
            name=op.f("fk_turn_agenda_item_id_agenda_item"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_turn_member_id_member"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_turn")),
    )  # fmt: skip
    op.create_index(op.f("ix_turn_agenda_item_id"), "turn", ["agenda_item_id"])
    op.create_index(op.f("ix_turn_member_id"), "turn", ["member_id"])
    if op.get_bind().dialect.name == "postgresql":
        upgrade_postgresql()
        return
    op.execute(
        "CREATE VIRTUAL TABLE search_hearing USING fts5(speaker, words, kind UNINDEXED,"
        f" meeting_id UNINDEXED, item_id UNINDEXED, {TOKENIZER})"
    )
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body} END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS search_hearing")
    elif op.get_bind().dialect.name == "postgresql":
        downgrade_postgresql()
    op.drop_table("turn")
    op.drop_table("member")
    # Not in batch mode: a batch rebuild drops ``meeting``, and with foreign keys on that
    # deletes every attendee, item and action (SQLite 3.35+ drops a column in place).
    op.drop_column("meeting", "venue_unknown")
    op.execute("DELETE FROM meeting WHERE style = 'hearing-transcript'")
    _change_style_check(NEW_STYLES, OLD_STYLES)


# PostgreSQL. The keys and texts of the SQLite index above (the day as 0002's ``PG_DAY``, so
# that the two dialects order results alike); one function per source reindexes a row, so
# each trigger is a call or two. A turn or member that goes (itself, or with its item or
# meeting: the cascades fire the row triggers) takes its index row with it.
PG_CONFIGURATION = "rrb_search"  # 0002's text search configuration, and rrb_search_text()
PG_DAY = "((({}) - DATE '1970-01-01') + 2440587)::bigint * " + str(DAY_SPAN)  # julianday, as 0002
PG_COLUMNS = (
    "INSERT INTO search_hearing (key, kind, source_id, meeting_id, item_id, speaker, words) "
)
PG_REINDEX = {
    "turn": "DELETE FROM search_hearing WHERE kind = 'turn' AND source_id = $1;"
    + PG_COLUMNS
    + f"SELECT {PG_DAY.format('m.date')} + t.id * 2 + {TURN}, 'turn', t.id, i.meeting_id, i.id,"
    " coalesce(t.speaker, ''), t.text FROM turn t JOIN agenda_item i ON i.id = t.agenda_item_id"
    " JOIN meeting m ON m.id = i.meeting_id WHERE t.id = $1;",
    "member": "DELETE FROM search_hearing WHERE kind = 'member' AND source_id = $1;"
    + PG_COLUMNS
    + f"SELECT {PG_DAY.format('m.date')} + p.id * 2 + {MEMBER}, 'member', p.id, p.meeting_id,"
    f" NULL, p.name, coalesce(p.role, '') || ' ' || coalesce((SELECT {ORGANISATION_TEXT}"
    " FROM organisation o WHERE o.id = p.organisation_id), '')"
    " FROM member p JOIN meeting m ON m.id = p.meeting_id WHERE p.id = $1;",
}

# table -> (the events that matter, body of the plpgsql trigger function)
PG_TRIGGERS = {
    "turn": (
        "INSERT OR DELETE OR UPDATE OF speaker, text, agenda_item_id",
        "IF TG_OP = 'DELETE' THEN"
        " DELETE FROM search_hearing WHERE kind = 'turn' AND source_id = OLD.id;"
        " ELSE PERFORM rrb_search_reindex_turn(NEW.id); END IF;",
    ),
    "member": (
        "INSERT OR DELETE OR UPDATE OF name, role, organisation_id",
        "IF TG_OP = 'DELETE' THEN"
        " DELETE FROM search_hearing WHERE kind = 'member' AND source_id = OLD.id;"
        " ELSE PERFORM rrb_search_reindex_member(NEW.id); END IF;",
    ),
    # An item moved to another meeting: its turns take that meeting's day.
    "agenda_item": (
        "UPDATE OF meeting_id",
        "PERFORM rrb_search_reindex_turn(t.id) FROM turn t WHERE t.agenda_item_id = NEW.id;",
    ),
    # A new date moves every row's key.
    "meeting": (
        "UPDATE OF date",
        "IF OLD.date IS DISTINCT FROM NEW.date THEN"
        " PERFORM rrb_search_reindex_turn(t.id) FROM turn t"
        " JOIN agenda_item i ON i.id = t.agenda_item_id WHERE i.meeting_id = NEW.id;"
        " PERFORM rrb_search_reindex_member(p.id) FROM member p WHERE p.meeting_id = NEW.id;"
        " END IF;",
    ),
    # An organisation renamed: every member row that prints its name.
    "organisation": (
        "UPDATE OF name, abbreviation",
        "PERFORM rrb_search_reindex_member(p.id) FROM member p WHERE p.organisation_id = NEW.id;",
    ),
}


def _pg(statement: str) -> None:
    """As the driver sees it: no bind parameters."""
    op.get_bind().exec_driver_sql(statement)


def upgrade_postgresql() -> None:
    document = "tsvector GENERATED ALWAYS AS (to_tsvector('{}', rrb_search_text({}))) STORED"
    everything = document.format(PG_CONFIGURATION, "speaker || ' ' || words")
    _pg(
        "CREATE TABLE search_hearing (key bigint PRIMARY KEY, kind text NOT NULL,"
        " source_id integer NOT NULL, meeting_id integer NOT NULL, item_id integer,"
        f" speaker text NOT NULL, words text NOT NULL, document {everything},"
        f" speaker_document {document.format(PG_CONFIGURATION, 'speaker')})"
    )
    _pg("CREATE INDEX search_hearing_document ON search_hearing USING gin (document)")
    _pg("CREATE INDEX search_hearing_speaker ON search_hearing USING gin (speaker_document)")
    _pg("CREATE INDEX search_hearing_meeting ON search_hearing (meeting_id)")
    _pg("CREATE INDEX search_hearing_source ON search_hearing (kind, source_id)")
    for source, body in PG_REINDEX.items():
        create_reindex_function(source, body)
    for table, (events, body) in PG_TRIGGERS.items():
        create_row_trigger(f"search_hearing_{table}_changed", table, events, body)


def downgrade_postgresql() -> None:
    for table in PG_TRIGGERS:
        drop_row_trigger(f"search_hearing_{table}_changed", table)
    for source in PG_REINDEX:
        drop_reindex_function(source)
    _pg("DROP TABLE IF EXISTS search_hearing")
