"""Shared fixtures: every test gets its own database, and Qt runs offscreen.

``database`` is a SQLite file under tmp_path; tests/unit/conftest.py runs the models-level
tests on PostgreSQL as well, each in its own database copied from a migrated template on
one throwaway server for the session (tests/postgres_server.py).
"""

from __future__ import annotations

import atexit
import datetime as dt
import itertools
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from hypothesis import settings
from sqlalchemy import select

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.environ["QT_QPA_PLATFORM"] == "offscreen":
    # The offscreen screen is a laptop's, 1280x800 (its default is 800x800): windows are
    # sized and checked as a minute-taker on such a laptop sees them (tests/ui/test_fit.py).
    os.environ["QT_QPA_PLATFORM"] = "offscreen:configfile=" + str(
        Path(__file__).resolve().parent / "fixtures" / "laptop_screen.json"
    )
# The window and the CLI log to a file: the tests' logs go to a folder of their own, removed
# when the run ends (one was left behind in the temporary folder by every run).
if "RRB_LOG_DIR" not in os.environ:
    os.environ["RRB_LOG_DIR"] = tempfile.mkdtemp(prefix="rrb-test-logs-")
    atexit.register(shutil.rmtree, os.environ["RRB_LOG_DIR"], ignore_errors=True)

# Speed is measured by benchmarks/, not by tests: on a loaded 2-core CI machine a deadline
# only makes property tests flaky.
settings.register_profile("rrb", deadline=None)
settings.load_profile("rrb")

from models import archive_file  # noqa: E402 (after the Qt platform is chosen)
from models.database import (  # noqa: E402 (after the Qt platform is chosen)
    HEAD_REVISION,
    Database,
    alembic_config,
)
from models.entities import Action  # noqa: E402
from models.enums import ActionStatus  # noqa: E402
from models.interchange import read_meeting_file  # noqa: E402
from models.meeting_doc import MeetingDoc  # noqa: E402
from models.services import import_meetings  # noqa: E402
from tests.postgres_server import PostgresServer  # noqa: E402

PROJECT_ROOT = Path(__file__).resolve().parents[1]
RESOURCES = PROJECT_ROOT / "resources"
SAMPLE_MEETING = RESOURCES / "sample_meeting.json"
EXAMPLES = Path(__file__).resolve().parent / "fixtures" / "examples"
TRANSCRIPT_EXAMPLE = EXAMPLES / "2017-02-27-justice-matters-transcript.json"
# The four published board notes (the 2017 hearing transcript is a record of another kind).
BOARD_NOTE_EXAMPLES = sorted(set(EXAMPLES.glob("*.json")) - {TRANSCRIPT_EXAMPLE})


# Every revision an archive may still be at, newest first.
EARLIER_REVISIONS = [
    script.revision
    for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()
    if script.revision != HEAD_REVISION
]


def mix_dues_and_statuses(database: Database) -> None:
    """Dated and undated actions (the same date more than once) of every status: the parts
    of an order of the action log by due date or status, of several sizes."""
    statuses = list(ActionStatus)
    with database.begin() as session:
        for number, action in enumerate(session.scalars(select(Action).order_by(Action.id))):
            action.due_date = dt.date(2025, 1, 1 + number % 4) if number % 3 else None
            action.status = statuses[number % 5 % 4]


def archive_at_revision(url: str, revision: str, docs: Sequence[MeetingDoc]) -> None:
    """Make the database at ``url`` an archive at the earlier ``revision`` holding ``docs``.

    Today's models cannot write into an older schema, so the meetings are written at the
    head and the schema is taken down to ``revision`` (each downgrade keeps every row the
    older schema can hold).
    """
    database = Database(url)
    try:
        command.upgrade(alembic_config(database.engine), "head")
        import_meetings(database, docs)
        command.downgrade(alembic_config(database.engine), revision)
    finally:
        database.close()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "rrb.sqlite3"


@pytest.fixture
def sqlite_database(db_path: Path) -> Iterator[Database]:
    db = Database.open(str(db_path))
    yield db
    db.close()


@pytest.fixture
def database(sqlite_database: Database) -> Database:
    return sqlite_database


@pytest.fixture
def sample_meeting() -> MeetingDoc:
    return read_meeting_file(SAMPLE_MEETING)


SHARED_DATABASE = "rrb_tests"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One server for the session, with one migrated database the tests take in turn."""
    # Not under pytest's tmp_path: as root the server runs as ``postgres``, which must be
    # able to reach its folder, and pytest's base folder is private to root.
    base = Path(tempfile.mkdtemp(prefix="rrb-postgres-"))
    base.chmod(0o755)
    server = PostgresServer.start(base / "cluster")
    try:
        server.create_database(SHARED_DATABASE)
        Database.open(server.url(SHARED_DATABASE)).close()
        yield server
    finally:
        server.stop()
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """The URL of a migrated, empty database, emptied again (ids restarted) afterwards.

    Emptying takes milliseconds where copying a template database takes about a second,
    which the several hundred parametrised tests would pay each time; a test that needs a
    database in another state (a migration test) makes its own with ``create_database``.
    """
    yield postgres_server.url(SHARED_DATABASE)
    postgres_server.empty_database(SHARED_DATABASE)


@pytest.fixture
def postgres_database(postgres_url: str) -> Iterator[Database]:
    db = Database.open(postgres_url)
    yield db
    db.close()


_database_numbers = itertools.count(1)


@pytest.fixture
def new_postgres_database_url(postgres_server: PostgresServer) -> Iterator[str]:
    """An empty database (no tables at all) of the test's own, dropped afterwards."""
    name = f"rrb_new_{next(_database_numbers)}"
    postgres_server.create_database(name)
    yield postgres_server.url(name)
    postgres_server.drop_database(name)


def count_archive_connections(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The archive files connected to from now on by ``models.archive_file``'s openers (the
    check's, the identity's and the direct reads'): each connection reads the archive's
    whole schema before its first query, so a caller should need one."""
    opened: list[Path] = []
    for name in ("reading_connection_of", "read_only_connection"):
        opening: Callable[[Path], sqlite3.Connection] = getattr(archive_file, name)

        def counting(
            path: Path, opening: Callable[[Path], sqlite3.Connection] = opening
        ) -> sqlite3.Connection:
            opened.append(path)
            return opening(path)

        monkeypatch.setattr(archive_file, name, counting)
    return opened
