"""Migration 0011: the indexes' one- and two-letter prefixes, and the list of their words.

An archive at 0010 upgrades, and search finds the same meetings, at the same items, with the
same snippets, for whole words, long prefixes and the shortest ones; the list holds every
word the indexes hold; a downgrade gives 0010's indexes back and finds the same again.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command

from models.database import HEAD_REVISION, Database, alembic_config, current_revision
from models.interchange import read_meeting_file
from models.search import SearchHit, search
from tests.conftest import (
    BOARD_NOTE_EXAMPLES,
    SAMPLE_MEETING,
    TRANSCRIPT_EXAMPLE,
    archive_at_revision,
)
from tests.unit.test_search_prefix import INDEXES, index_terms, listed_terms

TYPED = ("co-location", "accommodation", "resettl", "Clinks", "probation s", "re", "r", "desis")


def _results(database: Database) -> dict[str, list[SearchHit]]:
    return {typed: search(database, typed, limit=None) for typed in TYPED}


def _check_indexes(path: Path) -> None:
    """FTS5 compares each index with the text it was built from."""
    with sqlite3.connect(path) as connection:
        for table in INDEXES:
            connection.execute(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")
    connection.close()


def _schema(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT name, sql FROM sqlite_master WHERE name LIKE 'search%'")
        schema = {name: sql or "" for name, sql in rows}
    connection.close()
    return schema


def test_an_archive_at_0010_upgrades_and_search_finds_the_same(tmp_path: Path) -> None:
    path = tmp_path / "archive.sqlite3"
    docs = [
        read_meeting_file(p) for p in [*BOARD_NOTE_EXAMPLES, SAMPLE_MEETING, TRANSCRIPT_EXAMPLE]
    ]
    archive_at_revision(f"sqlite:///{path}", "0010", docs)
    assert "search_term" not in _schema(path)
    old = Database(f"sqlite:///{path}")
    before = _results(old)  # at 0010 every prefix is FTS5's own
    old.close()
    assert all(before.values())  # each is found somewhere: the comparison means something

    upgraded = Database.open(str(path))
    try:
        assert current_revision(upgraded.engine) == HEAD_REVISION
        assert _results(upgraded) == before
        _check_indexes(path)
        assert index_terms(path) <= listed_terms(path)
        assert all("prefix = '1 2'" in _schema(path)[table] for table in INDEXES)

        command.downgrade(alembic_config(upgraded.engine), "0010")
        assert _results(upgraded) == before
        _check_indexes(path)
        schema = _schema(path)
        assert not {"search_term", "search_words", "search_words_terms"} & set(schema)
        assert not any(name.startswith("search_words_") for name in schema)
        assert all("prefix" not in schema[table] for table in INDEXES)
    finally:
        upgraded.close()
