"""Search time that does not grow with the archive: the words the indexes hold, and an index
of the one- and two-letter prefixes.

The last word typed is a prefix (``"resettl"*``). FTS5 answers a prefix by merging, in
memory, the whole list of rows of every word that starts with it before it returns the
first row, so a prefix costs in proportion to the archive however few meetings are asked
for; a whole word is read lazily, newest first, and stops after a page. Two things here
let search (models/search/sqlite.py) ask for whole words instead:

- ``search_term``: every word any of the three indexes has ever held, so that a prefix of
  three letters or more becomes the words it stands for (``"resettle" OR "resettlement"``).
  A word is added by the same triggers that index a text: each trigger of 0004 and 0008
  that indexes rows has a companion here, on the same event and condition, that hands the
  same rows to ``search_words``, a contentless FTS5 table with the indexes' tokenizer, then
  adds the words FTS5 made of them (its ``fts5vocab`` view) to ``search_term`` and empties
  it. The words are FTS5's own, so no tokenizer is copied in Python, and every path that
  writes text (the services, imports, copies, another program) goes through the triggers.
  A word whose last row is deleted stays: a word too many costs one look-up in the
  index, a word missing would lose matches.
- ``prefix = '1 2'`` on the three indexes: one and two letters stand for too many words
  to list, so FTS5 keeps their rows under the prefix itself, read lazily like a word.

``search_items`` and ``search_misc`` (external content, 0008) are made again and rebuilt
from their views; ``search_hearing`` (0004, its own copy) is made again with its rows.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

TOKENIZER = "tokenize = 'unicode61 remove_diacritics 2'"  # as 0004 and 0008
PREFIXES = "prefix = '1 2'"
INDEXES = ("search_items", "search_misc", "search_hearing")
HEARING_COLUMNS = "speaker, words, kind UNINDEXED, meeting_id UNINDEXED, item_id UNINDEXED"

# How each index is written by the triggers of 0004 and 0008, and the same rows for
# ``search_words`` (its columns a, b are indexed as the index's own; the rest are not), all
# under rowid 0 (see without_key): FTS5 reads them as one document, which is all it needs.
INDEX_INSERTS = {
    "INSERT INTO search_items (rowid, title, notes) ": "INSERT INTO search_words (rowid, a, b) ",
    "INSERT INTO search_misc (rowid, body) ": "INSERT INTO search_words (rowid, a) ",
    "INSERT INTO search_hearing (rowid, speaker, words, kind, meeting_id, item_id) ": (
        "INSERT INTO search_words (rowid, a, b, c, d, e) "
    ),
}
# After each set of rows: their words kept, the scratch table emptied (a contentless FTS5
# table holds no text: 'delete-all' is how it forgets).
KEEP_WORDS = (
    "INSERT OR IGNORE INTO search_term (term) SELECT term FROM search_words_terms;"
    " INSERT INTO search_words (search_words) VALUES ('delete-all');"
)


def without_key(select: str) -> str:
    """``SELECT key, texts FROM ...`` as ``SELECT 0, texts FROM ...``.

    The scratch table is emptied after each statement, so its rows need no keys of their
    own; and a contentless FTS5 table refuses a NULL rowid, which a key is when a meeting's
    date is not a date (another program may write one), where the index takes it."""
    depth = 0
    for at, character in enumerate(select):
        depth += {"(": 1, ")": -1}.get(character, 0)
        if character == "," and depth == 0:
            return "SELECT 0," + select[at + 1 :]
    raise ValueError(f"not a SELECT of a key and texts: {select}")


def _revision(name: str) -> ModuleType:
    return import_module(f"models.migrations.versions.{name}")


def word_triggers() -> dict[str, tuple[str, str]]:
    """name -> (event with its WHEN clause, body): a companion for every trigger of 0004 and
    0008 that indexes rows, adding their words to ``search_term``."""
    external = _revision("0008_search_external_content")
    hearing = _revision("0004_hearing_transcripts")
    triggers: dict[str, tuple[str, str]] = {}
    sources = [
        (name, f"{event} FOR EACH ROW" + (f" WHEN {condition}" if condition else ""), body)
        for name, (event, condition, body) in external.TRIGGERS.items()
    ]
    for name, definition in hearing.TRIGGERS.items():
        event, body = definition.split(" BEGIN ", 1)
        sources.append((name, event, body))
    for name, event, body in sources:
        statements = []
        for statement in map(str.strip, body.split(";")):
            for index_insert, words_insert in INDEX_INSERTS.items():
                if statement.startswith(index_insert):
                    rows = without_key(statement.removeprefix(index_insert))
                    statements.append(f"{words_insert}{rows}; {KEEP_WORDS}")
        if statements:
            triggers[name.replace("search_", "search_words_", 1)] = (event, " ".join(statements))
    return triggers


def _make_indexes(prefixes: str) -> None:
    """The three indexes made again, with ``prefixes`` (or none), holding what they held."""
    option = f", {prefixes}" if prefixes else ""
    for table, columns, view in (
        ("search_items", "title, notes", "search_items_source"),
        ("search_misc", "body", "search_misc_source"),
    ):
        op.execute(f"DROP TABLE {table}")
        op.execute(
            f"CREATE VIRTUAL TABLE {table} USING fts5({columns}, content = '{view}',"
            f" content_rowid = 'key', {TOKENIZER}{option})"
        )
        op.execute(f"INSERT INTO {table} ({table}) VALUES ('rebuild')")
    # The transcripts' index keeps its own copy of the text: moved over, row by row. The
    # triggers that write into it name it only in their bodies, so they find the new table.
    columns = "speaker, words, kind, meeting_id, item_id"
    op.execute(
        f"CREATE TEMPORARY TABLE hearing_rows AS SELECT rowid AS key, {columns} FROM search_hearing"
    )
    op.execute("DROP TABLE search_hearing")
    op.execute(
        f"CREATE VIRTUAL TABLE search_hearing USING fts5({HEARING_COLUMNS}, {TOKENIZER}{option})"
    )
    op.execute(
        f"INSERT INTO search_hearing (rowid, {columns}) SELECT key, {columns} FROM hearing_rows"
    )
    op.execute("DROP TABLE temp.hearing_rows")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # PostgreSQL's GIN indexes answer a prefix in their own way
    _make_indexes(PREFIXES)
    op.execute("CREATE TABLE search_term (term TEXT PRIMARY KEY) WITHOUT ROWID")
    op.execute(
        "CREATE VIRTUAL TABLE search_words USING fts5(a, b, c UNINDEXED, d UNINDEXED,"
        f" e UNINDEXED, content = '', detail = none, columnsize = 0, {TOKENIZER})"
    )
    op.execute("CREATE VIRTUAL TABLE search_words_terms USING fts5vocab(search_words, 'row')")
    # The words the indexes hold now, read once from each index's own vocabulary.
    for table in INDEXES:
        op.execute(f"CREATE VIRTUAL TABLE temp.{table}_terms USING fts5vocab(main, {table}, 'row')")
        op.execute(f"INSERT OR IGNORE INTO search_term (term) SELECT term FROM temp.{table}_terms")
        op.execute(f"DROP TABLE temp.{table}_terms")
    for name, (event, body) in word_triggers().items():
        op.execute(f"CREATE TRIGGER {name} {event} BEGIN {body} END")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in word_triggers():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS search_words_terms")
    op.execute("DROP TABLE IF EXISTS search_words")
    op.execute("DROP TABLE IF EXISTS search_term")
    _make_indexes("")
