"""Opening the database: engine, SQLite pragmas, migrations, and sessions.

The app owns one small embedded database per user. A minute-taker's notes must survive a
crash or a power cut, hence WAL with ``synchronous=FULL``; referential integrity is on
because SQLite leaves it off by default.
"""

from __future__ import annotations

import hashlib
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DatabaseError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from models.archive_file import (
    IDENTITY_TABLE,
    ArchiveFileError,
    check_archive_file,
    connection_to_file,
    is_damage,
    newer_schema_reason,
    sqlite_file_of,
)
from models.backups import check_pages_today
from models.connection import SSL_MODES
from models.errors import DatabaseOpenError, StorageError
from models.text_limits import check_changed_text

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest migration's revision. Kept here so that opening an up-to-date database (every
# start but the first after an upgrade) need not import Alembic, which costs ~0.4 s; a test
# keeps it equal to the head of migrations/versions.
HEAD_REVISION = "0013"
BUSY_TIMEOUT_MS = 5000
"""How long a unit of work waits for another process's write lock, unless told otherwise
(see :func:`waiting_at_most`): the CLI and imports can afford to wait for a lock to go."""


# How long to wait for a server before saying it cannot be reached (seconds).
CONNECT_TIMEOUT = 10
APPLICATION_NAME = "rrb-desktop"


def database_url(location: str) -> str:
    """Turn a ``--db`` value (a file path or an SQLAlchemy URL) into a URL.

    A bare ``postgresql://`` URL means psycopg 3 (SQLAlchemy would pick psycopg2, which the
    app does not ship); an ``sslmode`` other than libpq's own is refused, not ignored.
    """
    if "://" not in location:
        # Built, not pasted: a "?", "#" or "%" in a file name is part of the name.
        return URL.create("sqlite", database=str(sqlite_file_of(location))).render_as_string(
            hide_password=False
        )
    try:
        parsed = make_url(location)
    except (ArgumentError, ValueError) as error:
        raise DatabaseOpenError(f"{location}: not a valid database URL ({error})") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "postgresql":
        sslmode = parsed.query.get("sslmode", "prefer")
        if sslmode not in SSL_MODES:
            shown = parsed.render_as_string(hide_password=True)
            raise DatabaseOpenError(
                f"{shown}: sslmode must be one of {', '.join(SSL_MODES)}, not {sslmode}"
            )
    return parsed.render_as_string(hide_password=False)


def sqlite_file(url: str) -> Path | None:
    """The file behind an SQLite URL; None for other databases and in-memory ones."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


_busy_wait_ms: ContextVar[int] = ContextVar("busy_wait_ms", default=BUSY_TIMEOUT_MS)
_BUSY_WAIT = "rrb_busy_wait_ms"
"""Where a pooled SQLite connection keeps the busy timeout it was last given."""


@contextmanager
def waiting_at_most(milliseconds: int) -> Iterator[None]:
    """Units of work begun inside wait at most this long for another process's lock.

    The window saves on the GUI thread: waiting seconds there freezes the typing, so its
    saves give up quickly (and are tried again on a timer) where the CLI would rather wait.
    SQLite only; a server's locks are not waited for this way."""
    token = _busy_wait_ms.set(milliseconds)
    try:
        yield
    finally:
        _busy_wait_ms.reset(token)


def _apply_busy_wait(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
    """On checkout: the busy timeout of the caller's :func:`waiting_at_most` (one PRAGMA,
    only when it differs from what the connection has)."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    wanted = _busy_wait_ms.get()
    if record.info.get(_BUSY_WAIT) != wanted:
        dbapi_connection.execute(f"PRAGMA busy_timeout={int(wanted)}")
        record.info[_BUSY_WAIT] = wanted


def _set_sqlite_pragmas(dbapi_connection: Any, record: Any) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        record.info[_BUSY_WAIT] = BUSY_TIMEOUT_MS
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        # What other processes had committed when it opened (Database.others_committed).
        record.info[_DATA_VERSION] = cursor.execute("PRAGMA data_version").fetchone()[0]
    finally:
        cursor.close()


def create_database_engine(
    url: str, *, password: str | None = None, application_name: str = APPLICATION_NAME
) -> Engine:
    """An engine whose SQLite connections all carry the pragmas above.

    On PostgreSQL the password (from the keyring, see models.connection) goes to the driver
    only, never into the URL, which may be shown or logged; connections are checked before
    use, since a server restarts while the window stays open. ``application_name`` tells
    the server (and the change notices of models/live.py) which window a connection is.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    if parsed.get_backend_name() == "postgresql":
        connect_args: dict[str, Any] = {
            "connect_timeout": CONNECT_TIMEOUT,
            "application_name": application_name,
        }
        if password is not None and parsed.password is None:
            connect_args["password"] = password
        return create_engine(url, connect_args=connect_args, pool_pre_ping=True)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        # One connection kept (a nested read may borrow a second for its while): the
        # window's check for other processes' commits (Database.others_committed) asks the
        # connection its own saves went through, whose data_version they do not move.
        engine = create_engine(url, pool_size=1)
    else:
        engine = create_engine(url)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _set_sqlite_pragmas)
        event.listen(engine, "checkout", _apply_busy_wait)
    return engine


SEARCH_TABLE_PREFIX = "search_"
GROUP_COUNT_TABLE = "meeting_group_count"  # kept by triggers (migration 0009)
# Neither kept by triggers nor mapped: the archive's own identity (migration 0012), which a
# copy into another database (models.copy_archive, every mapped table) must not carry.
UNMAPPED_TABLES = (GROUP_COUNT_TABLE, IDENTITY_TABLE)


def include_in_autogenerate(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Alembic's filter: the FTS5 tables and their shadow tables are made by hand in a
    migration (Alembic cannot describe virtual tables and would try to drop them), and so is
    the trigger-kept ``meeting_group_count`` (migration 0009) and ``archive_identity``
    (migration 0012), which no ORM class maps."""
    return not (
        type_ == "table"
        and name is not None
        and (name.startswith(SEARCH_TABLE_PREFIX) or name in UNMAPPED_TABLES)
    )


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


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory  # noqa: PLC0415 (deferred: see HEAD_REVISION)

    return {
        script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()
    }


def _known_revision(revision: str) -> bool:
    """Whether this app can open an archive at ``revision`` (Alembic is asked only for a
    revision other than the newest)."""
    return revision == HEAD_REVISION or revision in known_revisions()


def _refuse_newer(where: str, current: str | None) -> None:
    if current is not None and not _known_revision(current):
        raise DatabaseOpenError(f"{where}: {newer_schema_reason(current)}")


def _migration_engine(engine: Engine) -> Engine:
    """On SQLite, an engine whose migrations are one real transaction.

    Python's sqlite3 module commits before DDL on its own, so by default a migration killed
    half-way left new tables behind an old version number. Here the driver's transaction
    handling is off and each unit of work starts with ``BEGIN IMMEDIATE``: the whole upgrade
    commits or none of it does. Foreign keys are off while tables are rebuilt (batch mode),
    as SQLite's documentation asks, and are checked before the commit (migrations/env.py).
    """
    if engine.dialect.name != "sqlite":
        return engine
    migrating = create_engine(engine.url, poolclass=NullPool)

    def configure(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA foreign_keys=OFF")
        finally:
            cursor.close()

    event.listen(migrating, "connect", configure)
    event.listen(migrating, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
    return migrating


def upgrade_to_head(engine: Engine, *, before: Callable[[str], None] | None = None) -> None:
    """Apply every migration the database lacks, all or nothing. Runs at each start; cheap
    when current. ``before(revision)`` runs first when an existing archive is upgraded (the
    app makes a backup there)."""
    current = current_revision(engine)
    if current == HEAD_REVISION:
        return
    from alembic import command  # noqa: PLC0415 (deferred: see HEAD_REVISION)

    _refuse_newer(str(engine.url), current)
    if current is not None and before is not None:
        before(current)
    migrating = _migration_engine(engine)
    try:
        command.upgrade(alembic_config(migrating), "head")
    finally:
        if migrating is not engine:
            migrating.dispose()


def _first_line(reason: str) -> str:
    """libpq explains over several lines; the user gets the first (and the gist)."""
    lines = [line.strip() for line in reason.strip().splitlines() if line.strip()]
    return lines[0] if lines else reason


def stored_password(url: str) -> str | None:
    """The keyring's password for a server URL that carries none (None on SQLite)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql" or parsed.password is not None:
        return None
    from models.connection import password_for  # noqa: PLC0415 (keyring loads only for servers)

    return password_for(url)


class Database:
    """One database: its engine and the factory of units of work used by the services."""

    def __init__(self, url: str, *, password: str | None = None) -> None:
        self.url = url
        # Set once SQLite reports a malformed page: from then on nothing more is written.
        self.damaged = False
        # Names this Database's connections on a server, so that a window can tell its own
        # saves from other people's (models/live.py).
        self.client_id = f"{APPLICATION_NAME} {uuid.uuid4().hex[:12]}"
        self.engine = create_database_engine(
            url, password=password, application_name=self.client_id
        )
        # Snapshots handed to the window stay readable after the unit of work ends.
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # No path stores text past the limits an import checks (models.text_limits).
        event.listen(self._sessions, "before_flush", check_changed_text)

    @classmethod
    def open(cls, location: str, *, upgrading: Callable[[str], None] | None = None) -> Database:
        """Open (creating if need be) and migrate; user-facing errors as DatabaseOpenError.

        An SQLite file is looked at read-only first (models.archive_file): a damaged file,
        another program's database or a newer schema is refused before one byte changes
        (every page is checked on the first start of each day).
        An existing archive is backed up before it is upgraded; ``upgrading(revision)`` is
        told first (the window says what is happening while it runs).
        """
        url = database_url(location)
        archive = sqlite_file(url)
        if archive is not None:
            # The day's backup question and the check look through one connection (each
            # reads the archive's whole schema first); the engine opens its own after.
            opened = connection_to_file(archive)
            try:
                check_archive_file(
                    archive,
                    quick_check=check_pages_today(archive, opened),
                    known=_known_revision,
                    connection=opened,
                )
            except ArchiveFileError as error:
                raise DatabaseOpenError(
                    str(error), damaged_file=archive if error.damaged else None
                ) from None
            finally:
                if opened is not None:
                    opened.close()
        try:
            database = cls(url, password=stored_password(url))
        except (ArgumentError, NoSuchModuleError) as error:
            raise DatabaseOpenError(f"{location}: cannot use this database ({error})") from None
        except ImportError as error:  # a dialect whose driver is not installed
            # The one server the app supports has its driver in an extra; say which.
            extra = "; pip install 'rrb-desktop[postgres]'" if url.startswith("postgres") else ""
            raise DatabaseOpenError(
                f"{location}: the database driver is not installed ({error.name or error}{extra})"
            ) from None
        try:

            def before(revision: str) -> None:
                if upgrading is not None:
                    upgrading(revision)
                database.backup_before_upgrade(revision)

            upgrade_to_head(database.engine, before=before)
        except DatabaseOpenError:
            database.close()
            raise
        except (DatabaseError, OperationalError) as error:
            database.close()
            reason = _first_line(str(error.orig) if error.orig is not None else str(error))
            raise DatabaseOpenError(
                f"{database.describe()}: cannot open the database ({reason})",
                damaged_file=archive if is_damage(error) else None,
            ) from None
        database.others_committed()  # an upgrade's own commits are not another process's
        return database

    def backup_before_upgrade(self, revision: str) -> None:
        """A proven copy of an SQLite archive before a migration touches it."""
        archive = sqlite_file(self.url)
        if archive is None:
            return
        from models.backups import BEFORE_MIGRATION, BackupError, make_backup  # noqa: PLC0415

        try:
            make_backup(archive, BEFORE_MIGRATION)
        except BackupError as error:
            raise DatabaseOpenError(
                f"{error}; the archive was not upgraded (schema {revision} left as it was)"
            ) from None

    @property
    def dialect(self) -> str:
        """ "sqlite" or "postgresql": for the few places that must know (search, live)."""
        return self.engine.dialect.name

    def archive_key(self) -> str:
        """Which archive this is, for what the window remembers per archive (the meeting to
        reopen): the key written into it once (migration 0012), so that a new archive at an
        old one's path is another archive; where it cannot be read, a digest of where the
        database is."""
        try:
            with self.read() as session:
                key = session.execute(text(f"SELECT archive_key FROM {IDENTITY_TABLE}")).scalar()
        except StorageError:
            key = None
        return str(key) if key else hashlib.sha256(self.describe().encode()).hexdigest()[:16]

    def sqlite_file(self) -> Path | None:
        """The archive file (None for a server database)."""
        return sqlite_file(self.url)

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
        if self.damaged:
            raise StorageError(self._damage_message("writing stopped"))
        try:
            with self._sessions() as session, session.begin():
                yield session
        except SQLAlchemyError as error:
            raise self._storage_error(error) from error

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session (nothing it does is committed); failures as StorageError."""
        try:
            with self._sessions() as session:
                yield session
        except SQLAlchemyError as error:
            raise self._storage_error(error) from error

    def verify(self) -> None:
        """Read every page (SQLite's ``quick_check``) before a bulk write, so that an import
        never writes into a damaged file; StorageError (and no more writes) if it is."""
        archive = sqlite_file(self.url)
        if archive is None:
            return
        try:
            check_archive_file(archive, quick_check=True)
        except ArchiveFileError as error:
            if error.damaged:
                self.damaged = True
                raise StorageError(self._damage_message("nothing was written to it")) from None
            raise StorageError(str(error)) from None

    def _damage_message(self, what: str) -> str:
        return (
            f"{self.describe()}: the archive is damaged; {what}. Restore a backup"
            " (File > Backups..., or rrb-desktop restore FILE)"
        )

    def _storage_error(self, error: SQLAlchemyError) -> StorageError:
        """A malformed page met while reading or writing marks the archive damaged."""
        if self.engine.dialect.name == "sqlite" and is_damage(getattr(error, "orig", error)):
            self.damaged = True
            return StorageError(self._damage_message("nothing more will be written to it"))
        return StorageError.from_sqlalchemy(error)

    def others_committed(self) -> bool:
        """Whether another process (an import in a terminal) has committed to this SQLite
        archive since the last time this was asked; always False on other databases, whose
        windows hear other people's saves (models/live.py).

        One ``PRAGMA data_version``, which changes when any *other* connection commits. The
        engine keeps one connection for a file (see create_database_engine), so the app's
        own saves go through the connection asked and do not count; a save through a second,
        borrowed connection would count once, costing a needless refresh, never a missed one.
        A connection notes the value when it opens, before anything is read through it."""
        if self.dialect != "sqlite":
            return False
        try:
            with self.engine.connect() as connection:
                version = connection.exec_driver_sql("PRAGMA data_version").scalar()
                seen = connection.info.get(_DATA_VERSION)
                connection.info[_DATA_VERSION] = version
        except SQLAlchemyError as error:
            raise self._storage_error(error) from error
        return seen is not None and seen != version

    def close(self) -> None:
        self.engine.dispose()


_DATA_VERSION = "rrb_data_version"
"""Where a pooled SQLite connection keeps the ``data_version`` it last reported."""
