"""The database opens safely, migrates on start, and its schema is exactly the models'."""

from __future__ import annotations

import sqlite3
import warnings
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from models import backups
from models.database import (
    HEAD_REVISION,
    Database,
    alembic_config,
    database_url,
    include_in_autogenerate,
    waiting_at_most,
)
from models.entities import Base
from models.errors import DatabaseOpenError, StorageError
from tests.conftest import count_archive_connections


def test_connections_carry_the_safety_pragmas(sqlite_database: Database) -> None:
    with sqlite_database.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_a_unit_of_work_can_wait_less_for_a_lock_than_the_default(
    sqlite_database: Database,
) -> None:
    """The window's saves wait briefly for another process's lock (the GUI thread must not
    freeze); everything else keeps the long wait, on the same pooled connection."""

    def busy_timeout() -> int:
        with sqlite_database.begin() as session:
            return int(session.execute(text("PRAGMA busy_timeout")).scalar_one())

    with waiting_at_most(150):
        assert busy_timeout() == 150
    assert busy_timeout() == 5000


def test_first_open_creates_every_table(database: Database) -> None:
    tables = set(inspect(database.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables


def test_migrations_produce_the_schema_the_models_declare(database: Database) -> None:
    with database.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": True, "include_object": include_in_autogenerate},
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # reflection notes about SQLite are not differences
            differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_reopening_a_current_database_changes_nothing(db_path: Path) -> None:
    Database.open(str(db_path)).close()
    before = db_path.read_bytes()
    Database.open(str(db_path)).close()
    assert db_path.read_bytes() == before


def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.sqlite3"
    corrupt.write_bytes(b"this is a Word document, not a database" * 100)
    with pytest.raises(DatabaseOpenError, match=r"corrupt\.sqlite3: is not an rrb_desktop archive"):
        Database.open(str(corrupt))
    assert corrupt.read_bytes().startswith(b"this is a Word document")


def test_a_database_from_a_newer_app_is_refused_untouched(db_path: Path) -> None:
    Database.open(str(db_path)).close()
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(DatabaseOpenError, match="newer version of rrb_desktop"):
        Database.open(str(db_path))


def test_database_location_accepts_paths_and_urls(tmp_path: Path) -> None:
    assert database_url(str(tmp_path / "a.sqlite3")) == f"sqlite:///{tmp_path / 'a.sqlite3'}"
    assert database_url("sqlite:///x.db") == "sqlite:///x.db"
    with pytest.raises(DatabaseOpenError, match="not a valid database URL"):
        database_url("nonsense://::")


def test_the_recorded_head_revision_is_the_newest_migration() -> None:
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD_REVISION


def test_a_locked_database_is_a_storage_error_not_an_sqlalchemy_one(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("models.database.BUSY_TIMEOUT_MS", 50)
    database = Database.open(str(db_path))
    blocker = sqlite3.connect(db_path)
    try:
        blocker.execute("BEGIN EXCLUSIVE")
        with pytest.raises(StorageError, match="database is locked"), database.begin() as session:
            session.execute(text("INSERT INTO board (name, abbreviation) VALUES ('B', 'B')"))
    finally:
        blocker.rollback()
        blocker.close()
        database.close()


def test_own_saves_are_not_taken_for_another_process_s_commits(
    sqlite_database: Database, db_path: Path
) -> None:
    """The window refreshes its list when another process committed (others_committed): its
    own saves must not count, even after a read borrowed a second connection meanwhile."""
    with sqlite_database.begin() as session:
        session.execute(text("INSERT INTO board (name, abbreviation) VALUES ('Board', 'B')"))
    with sqlite_database.engine.connect() as first, sqlite_database.engine.connect() as second:
        first.exec_driver_sql("SELECT 1")
        second.exec_driver_sql("SELECT 1")  # two connections at once, as a nested read makes
    sqlite_database.others_committed()  # notes where the archive is
    for title in ("one", "two", "three"):
        with sqlite_database.begin() as session:
            session.execute(text("UPDATE board SET abbreviation = :title"), {"title": title})
        assert not sqlite_database.others_committed()
    other = sqlite3.connect(db_path)  # an import in a terminal
    with other:
        other.execute("UPDATE board SET abbreviation = 'elsewhere'")
    other.close()
    assert sqlite_database.others_committed()
    assert not sqlite_database.others_committed()  # told once


def test_the_checks_before_opening_an_archive_file_share_one_connection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The day's backup question and the file's check look through one connection before
    the engine opens its own: each reads the archive's whole schema first."""
    path = tmp_path / "meetings.sqlite3"
    Database.open(str(path)).close()
    assert backups.daily_backup(path) is not None  # whose copies are its own: its identity
    opened = count_archive_connections(monkeypatch)

    Database.open(str(path)).close()

    assert opened == [path]
