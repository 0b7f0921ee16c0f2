"""Migration 0008: the search indexes read their text from the tables (external content).

An archive made before the change upgrades, and search finds the same meetings, at the same
items, with the same snippets; afterwards every kind of edit keeps the index exactly in step
with the tables (FTS5's ``integrity-check`` compares the index with the text it reads).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from alembic import command

from models import services
from models.database import HEAD_REVISION, Database, alembic_config, current_revision
from models.entities import ActionOwner, Organisation
from models.interchange import read_meeting_file
from models.search import SearchHit, search
from tests.conftest import BOARD_NOTE_EXAMPLES, SAMPLE_MEETING

WORDS = ("co-location", "accommodation", "resettl", "Clinks", "probation", "NHS", "diversion")


def _results(database: Database) -> dict[str, list[SearchHit]]:
    return {typed: search(database, typed, limit=None) for typed in WORDS}


def _check_index(path: Path) -> None:
    """FTS5 reads every row's text back from the tables and compares it with the index."""
    with sqlite3.connect(path) as connection:
        for table in ("search_items", "search_misc"):
            connection.execute(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")
    connection.close()


def test_an_archive_from_before_upgrades_and_search_finds_the_same(tmp_path: Path) -> None:
    path = tmp_path / "archive.sqlite3"
    database = Database.open(str(path))
    docs = [read_meeting_file(p) for p in [*BOARD_NOTE_EXAMPLES, SAMPLE_MEETING]]
    services.import_meetings(database, docs)
    command.downgrade(alembic_config(database.engine), "0007")  # the index with its own copy
    before = _results(database)
    database.close()
    assert all(before.values())  # every word is found somewhere: the comparison means something

    upgraded = Database.open(str(path))
    try:
        assert current_revision(upgraded.engine) == HEAD_REVISION
        assert _results(upgraded) == before
    finally:
        upgraded.close()
    _check_index(path)
    with sqlite3.connect(path) as connection:
        # No copy of the notes is left: the indexes' content tables are gone.
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        assert "search_items_content" not in tables
        assert "search_misc_content" not in tables
    connection.close()


def test_the_index_stays_in_step_with_every_kind_of_edit(tmp_path: Path) -> None:
    path = tmp_path / "archive.sqlite3"
    database = Database.open(str(path))
    try:
        ids = services.import_meetings(
            database, [read_meeting_file(p) for p in [*BOARD_NOTE_EXAMPLES, SAMPLE_MEETING]]
        )
        record = services.meeting_record(database, ids[-1])
        item = record.agenda[0]
        services.update_agenda_item(database, item.id, notes="A zebracrossing was discussed.")
        services.update_meeting(database, ids[-1], theme="Quokkas in custody")
        services.update_meeting(database, ids[-1], date=record.date + dt.timedelta(days=3))
        with database.begin() as session:
            clinks = session.query(Organisation).filter_by(abbreviation_key="clinks").one()
            clinks.name = "Clinks Renamed Wombat"
            owner = session.query(ActionOwner).first()
            assert owner is not None
            session.delete(owner)  # an action loses an owner: its text changes
        _check_index(path)
        assert {hit.meeting_id for hit in search(database, "zebracrossing")} == {ids[-1]}
        assert {hit.meeting_id for hit in search(database, "quokkas")} == {ids[-1]}
        assert search(database, "wombat")

        services.delete_agenda_item(database, item.id)
        services.delete_meeting(database, ids[-1])  # the ORM deletes its rows first
        with database.begin() as session:  # the database's own cascade deletes them after
            session.connection().exec_driver_sql(f"DELETE FROM meeting WHERE id = {ids[0]}")
        _check_index(path)
        assert search(database, "zebracrossing") == []
        assert search(database, "quokkas") == []
        assert {hit.meeting_id for hit in search(database, "Clinks")}.isdisjoint({ids[0], ids[-1]})
    finally:
        database.close()


def test_a_downgrade_gives_the_index_its_copy_back(tmp_path: Path) -> None:
    path = tmp_path / "archive.sqlite3"
    database = Database.open(str(path))
    try:
        services.import_meeting(database, read_meeting_file(SAMPLE_MEETING))
        after = _results(database)
        command.downgrade(alembic_config(database.engine), "0007")
        assert _results(database) == after
    finally:
        database.close()
