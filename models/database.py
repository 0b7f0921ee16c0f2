"""Opening the database: engine, SQLite pragmas, migrations, and sessions.

The app owns one small embedded database per user. A minute-taker's notes must survive a
crash or a power cut, hence WAL with ``synchronous=FULL``; referential integrity is on
because SQLite leaves it off by default.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DatabaseError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest migration's revision. Kept here so that opening an up-to-date database (every
# start but the first after an upgrade) need not import Alembic, which costs ~0.4 s; a test
# keeps it equal to the head of migrations/versions.
HEAD_REVISION = "0006"
BUSY_TIMEOUT_MS = 5000


class DatabaseOpenError(Exception):
    """The database cannot be opened or brought up to date; the message is for the user."""


class StorageError(Exception):
    """A read or write failed in the database itself (disk full, file locked, read-only).

    Callers above ``models`` catch this one domain error instead of SQLAlchemy's, so the
    window need not know which database library is underneath. ``reason`` is one line.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    @classmethod
    def from_sqlalchemy(cls, error: SQLAlchemyError) -> StorageError:
        original = getattr(error, "orig", None) or error
        text = str(original).strip()
        return cls(text.splitlines()[0] if text else type(error).__name__)


def database_url(location: str) -> str:
    """Turn a ``--db`` value (a file path or an SQLAlchemy URL) into a URL."""
    if "://" in location:
        try:
            make_url(location)
        except (ArgumentError, ValueError) as error:
            raise DatabaseOpenError(f"{location}: not a valid database URL ({error})") from None
        return location
    return f"sqlite:///{Path(location).expanduser().resolve()}"


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
    finally:
        cursor.close()


def create_database_engine(url: str) -> Engine:
    """An engine whose SQLite connections all carry the pragmas above."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


SEARCH_TABLE_PREFIX = "search_"


def include_in_autogenerate(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Alembic's filter: the FTS5 tables and their shadow tables are made by hand in a
    migration (Alembic cannot describe virtual tables and would try to drop them)."""
    return not (type_ == "table" and name is not None and name.startswith(SEARCH_TABLE_PREFIX))


def alembic_config(engine: Engine | None = None) -> Any:
    """Alembic's configuration for our migrations (Alembic is imported only when needed)."""
    from alembic.config import Config  # noqa: PLC0415 (deferred: see HEAD_REVISION)

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at, or None for a new, empty database."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade_to_head(engine: Engine) -> None:
    """Apply every migration the database lacks. Runs at each start; cheap when current."""
    current = current_revision(engine)
    if current == HEAD_REVISION:
        return
    from alembic import command  # noqa: PLC0415 (deferred: see HEAD_REVISION)
    from alembic.script import ScriptDirectory  # noqa: PLC0415

    config = alembic_config(engine)
    known = {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}
    if current is not None and current not in known:
        raise DatabaseOpenError(
            f"the database was written by a newer version of rrb_desktop (schema {current});"
            " update the app to open it"
        )
    command.upgrade(config, "head")


class Database:
    """One database: its engine and the factory of units of work used by the services."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_database_engine(url)
        # Snapshots handed to the window stay readable after the unit of work ends.
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @classmethod
    def open(cls, location: str) -> Database:
        """Open (creating if need be) and migrate; user-facing errors as DatabaseOpenError."""
        url = database_url(location)
        try:
            database = cls(url)
        except (ArgumentError, NoSuchModuleError) as error:
            raise DatabaseOpenError(f"{location}: cannot use this database ({error})") from None
        try:
            upgrade_to_head(database.engine)
        except DatabaseOpenError:
            database.close()
            raise
        except (DatabaseError, OperationalError) as error:
            database.close()
            reason = str(error.orig) if error.orig is not None else str(error)
            raise DatabaseOpenError(
                f"{database.describe()}: cannot open the database ({reason})"
            ) from None
        return database

    def describe(self) -> str:
        """The database as a person would name it: the file path, or the URL sans password."""
        parsed = make_url(self.url)
        if parsed.get_backend_name() == "sqlite" and parsed.database:
            return parsed.database
        return parsed.render_as_string(hide_password=True)

    @contextmanager
    def begin(self) -> Iterator[Session]:
        """A unit of work: commits on success, rolls back on any error.

        Database failures surface as StorageError; the services' own errors pass unchanged.
        """
        try:
            with self._sessions() as session, session.begin():
                yield session
        except SQLAlchemyError as error:
            raise StorageError.from_sqlalchemy(error) from error

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session (nothing it does is committed); failures as StorageError."""
        try:
            with self._sessions() as session:
                yield session
        except SQLAlchemyError as error:
            raise StorageError.from_sqlalchemy(error) from error

    def close(self) -> None:
        self.engine.dispose()
