"""Looking at an SQLite archive file before anything is allowed to change it.

Opening a file through the engine already writes to it (``journal_mode=WAL`` rewrites the
header; a migration adds tables). So a file that is not ours, is damaged, or was written by a
newer version of the app must be recognised first, through a read-only connection, and
refused with a message naming the file and what is wrong: not one byte of it changes.

SQLite only: a PostgreSQL server checks its own pages, and its archive is never "a file".
"""

import contextlib
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
VERSION_TABLE = "alembic_version"
IDENTITY_TABLE = "archive_identity"  # one row, written once (migration 0012)
# Words in SQLite's messages that mean the file itself is broken, not merely busy.
DAMAGE_WORDS = ("malformed", "not a database", "corrupt", "disk image")


class ArchiveFileError(Exception):
    """The file cannot be used as an archive; the message names the file and the reason.

    ``damaged`` is true when the file was (or may have been) ours and is broken, so offering
    the newest good backup makes sense; false for another program's file or a newer schema.
    """

    def __init__(self, path: Path, reason: str, *, damaged: bool) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.damaged = damaged


class ArchiveState(NamedTuple):
    """What the file is: ``None`` revision for a missing or empty file (a new archive)."""

    path: Path
    revision: str | None


class ArchiveIdentity(NamedTuple):
    """Which archive a file is, whatever it is called: the random ``key`` written into it
    once (migration 0012), which its backups carry in their names. ``upgraded``: it already
    held something then, so copies made by earlier versions (named after the file only)
    may be of it; a new archive has none."""

    key: str
    upgraded: bool


def is_damage(error: BaseException) -> bool:
    """Whether an SQLite error says the file is broken (rather than locked or read-only)."""
    text = str(error).lower()
    return any(word in text for word in DAMAGE_WORDS)


def sqlite_file_of(location: str) -> Path | None:
    """The SQLite file a ``--db`` value names (a path, or an ``sqlite:///`` URL); None for a
    server or an in-memory database. A path is answered without loading SQLAlchemy, which a
    command that only reads the file (``models.direct_read``) does without; the URL
    ``database_url`` makes of it names the same file."""
    if "://" not in location:
        return Path(location).expanduser().resolve()
    from models.database import database_url, sqlite_file  # noqa: PLC0415 (a URL needs SQLAlchemy's parser)

    return sqlite_file(database_url(location))


def newer_schema_reason(revision: str) -> str:
    """Why an archive of a schema this app does not know is refused (file or server)."""
    return (
        f"the database was written by a newer version of rrb_desktop (schema {revision});"
        " update the app to open it (the file is left unchanged)"
    )


def read_only_connection(path: Path) -> sqlite3.Connection:
    """A connection that cannot write to ``path`` (nor create it)."""
    uri = f"file:{quote(str(path))}?mode=ro"
    return sqlite3.connect(uri, uri=True, isolation_level=None)


def reading_connection_of(path: Path) -> sqlite3.Connection:
    """A connection to an existing archive that SQLite holds to reading (``query_only``)
    but opens as a writer's would, so that its close tidies the -wal and -shm files as the
    app's own engine does, and only when no other process is using them (a read-only one
    leaves them beside the archive). SQLite itself opens a file this process may not write
    read-only; one ``mode=rw`` cannot open at all is tried read-only, for its own error."""
    try:
        connection = sqlite3.connect(
            f"file:{quote(str(path))}?mode=rw", uri=True, isolation_level=None
        )
    except sqlite3.OperationalError:  # not writable here: read-only, sidecars and all
        return read_only_connection(path)
    connection.execute("PRAGMA query_only = ON")
    return connection


def connection_to_file(path: Path) -> sqlite3.Connection | None:
    """:func:`reading_connection_of` on a file that is there and holds something, as
    :func:`read_identity` would open it; None otherwise (:func:`check_archive_file` says
    why). For a caller that reads the identity, checks and reads through one connection:
    each connection reads the archive's whole schema before its first query."""
    try:
        if path.is_file() and path.stat().st_size > 0:
            return reading_connection_of(path)
    except (sqlite3.Error, OSError):
        pass
    return None


def read_identity(
    path: Path, connection: sqlite3.Connection | None = None
) -> ArchiveIdentity | None:
    """The archive's identity; None for a missing or empty file, or one from before
    migration 0012 (not yet opened by this version). Raises ``sqlite3.Error`` or ``OSError``
    when the file cannot be read (damaged): the caller decides what that means.

    ``connection``: one :func:`reading_connection_of` opened on ``path``, read through and
    left open (a connection reads the archive's schema before its first query, which costs
    more than the query); without it, one is opened and closed."""
    if not path.is_file() or path.stat().st_size == 0:
        return None
    reading = reading_connection_of(path) if connection is None else connection
    try:
        table = reading.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (IDENTITY_TABLE,)
        ).fetchone()
        query = f"SELECT archive_key, upgraded FROM {IDENTITY_TABLE}"
        row = None if table is None else reading.execute(query).fetchone()
    finally:
        if connection is None:
            reading.close()
    return None if row is None else ArchiveIdentity(str(row[0]), bool(row[1]))


def _check_header(path: Path) -> None:
    size = path.stat().st_size
    with path.open("rb") as handle:
        header = handle.read(HEADER_SIZE)
    if not header.startswith(SQLITE_MAGIC):
        raise ArchiveFileError(
            path, "is not an rrb_desktop archive (not a database file)", damaged=True
        )
    if len(header) < HEADER_SIZE:
        raise ArchiveFileError(path, "is damaged (the file is truncated)", damaged=True)
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise ArchiveFileError(path, "is damaged (its header is not valid)", damaged=True)
    pages = int.from_bytes(header[28:32], "big")
    header_size_valid = header[92:96] == header[24:28] and pages > 0
    if size % page_size or (header_size_valid and pages * page_size > size):
        raise ArchiveFileError(path, "is damaged (the file is truncated)", damaged=True)


def _sidecar_names(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]


def _remove_empty_sidecars(created: list[Path]) -> None:
    """A read-only look at a WAL file makes SQLite create its -wal and -shm files; those the
    look created (and that hold nothing) go again, so the folder is as it was."""
    wal = [name for name in created if name.name.endswith("-wal")]
    if any(name.exists() and name.stat().st_size for name in wal):
        return
    for name in created:
        with contextlib.suppress(OSError):
            name.unlink(missing_ok=True)


def check_archive_file(
    path: Path,
    *,
    quick_check: bool = True,
    known: Callable[[str], bool] = lambda _: True,
    connection: sqlite3.Connection | None = None,
) -> ArchiveState:
    """Read-only checks of an archive file; raises ArchiveFileError, changes nothing.

    A missing or empty file is a new archive. Otherwise it must be an SQLite database that
    is either empty of tables or carries our version table at a revision this app ``known``s
    (``models.database`` asks Alembic, only for a revision other than the newest), and
    (``quick_check``) whose pages are consistent.

    The look leaves the folder as it was only for a file it refuses: the -wal and -shm
    files SQLite creates for it go again. A file it accepts is opened next by the engine,
    whose clean close removes them; deleting them here could pull them from under another
    process that opened the archive meanwhile, and that process's saves would be lost.

    ``connection``: one :func:`reading_connection_of` the caller has open on ``path`` (and
    has read through already), to look through instead of a read-only connection of its
    own: each connection reads the archive's whole schema before its first query, which
    costs more than the check's queries. It is left open, whatever the check finds; the
    caller's close of it tidies the -wal and -shm files as that function says.
    """
    try:
        if not path.exists() or path.stat().st_size == 0:
            return ArchiveState(path, None)
        _check_header(path)
    except OSError as error:
        raise ArchiveFileError(
            path, f"cannot be read ({error.strerror or error})", damaged=False
        ) from None
    if connection is not None:
        return _known_state(path, connection, quick_check=quick_check, known=known)
    absent = [name for name in _sidecar_names(path) if not name.exists()]
    try:
        connection = read_only_connection(path)
    except sqlite3.Error as error:
        _remove_empty_sidecars(absent)
        raise ArchiveFileError(path, f"cannot be opened ({error})", damaged=False) from None
    try:
        state = _known_state(path, connection, quick_check=quick_check, known=known)
    except ArchiveFileError:
        connection.close()
        _remove_empty_sidecars(absent)
        raise
    connection.close()
    return state


def _known_state(
    path: Path, connection: sqlite3.Connection, *, quick_check: bool, known: Callable[[str], bool]
) -> ArchiveState:
    """:func:`_checked_state`, and a revision this app does not know refused."""
    state = _checked_state(path, connection, quick_check=quick_check)
    if state.revision is not None and not known(state.revision):
        raise ArchiveFileError(path, newer_schema_reason(state.revision), damaged=False)
    return state


def _checked_state(
    path: Path, connection: sqlite3.Connection, *, quick_check: bool
) -> ArchiveState:
    try:
        tables = {
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
            )
        }
        if not tables:
            return ArchiveState(path, None)
        if VERSION_TABLE not in tables:
            raise ArchiveFileError(
                path,
                "is another program's database, not an rrb_desktop archive (left unchanged)",
                damaged=False,
            )
        row = connection.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
        if quick_check:
            problems = [line for (line,) in connection.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise ArchiveFileError(
                    path,
                    f"is damaged ({problems[0] if problems else 'check failed'})",
                    damaged=True,
                )
    except sqlite3.Error as error:
        if is_damage(error):
            raise ArchiveFileError(path, f"is damaged ({error})", damaged=True) from None
        raise ArchiveFileError(path, f"cannot be read ({error})", damaged=False) from None
    return ArchiveState(path, None if row is None else str(row[0]))
