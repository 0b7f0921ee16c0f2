"""The command line on a shared archive: a real PostgreSQL server, real processes.

The acceptance of the shared archive: the published examples (the four board notes and
the 2017 hearing transcript) imported into PostgreSQL search and list their actions as on
SQLite, and ``copy-db`` carries an archive to the server and back without changing a
meeting's JSON export.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from models.database import Database
from models.interchange import dumps_meeting
from models.services import list_meetings, meeting_doc
from tests.conftest import EXAMPLES
from tests.e2e.test_cli import rrb
from tests.postgres_server import PostgresServer


def rows_of(*args: str | Path) -> list[list[str]]:
    result = rrb(*args)
    assert result.returncode == 0, result.stderr
    return [line.split("\t") for line in result.stdout.splitlines()]


@pytest.fixture
def examples_on_both(postgres_url: str, tmp_path: Path) -> tuple[str, Path]:
    examples = sorted(EXAMPLES.glob("*.json"))
    sqlite = tmp_path / "examples.sqlite3"
    rows_of("--db", postgres_url, "import", *examples)
    rows_of("--db", sqlite, "import", *examples)
    return postgres_url, sqlite


def test_the_examples_on_postgresql_search_and_list_actions_as_on_sqlite(
    examples_on_both: tuple[str, Path],
) -> None:
    server, sqlite = examples_on_both
    found = rows_of("--db", server, "search", "co-location")
    assert sorted(row[1] for row in found) == ["2024-02-29", "2025-03-20"]
    assert all("[co-location]" in row[3] for row in found)
    assert found == rows_of("--db", sqlite, "search", "co-location")
    open_actions = rows_of("--db", server, "actions", "--open")
    assert open_actions  # the examples have open actions
    assert open_actions == rows_of("--db", sqlite, "actions", "--open")


def exports(location: str | Path) -> dict[int, str]:
    """Every meeting's JSON export (as ``export ID --out X.json`` writes it), by id."""
    database = Database.open(str(location))
    try:
        return {
            meeting.id: dumps_meeting(meeting_doc(database, meeting.id))
            for meeting in list_meetings(database)
        }
    finally:
        database.close()


def test_copy_db_to_postgresql_and_back_gives_the_same_exports(
    examples_on_both: tuple[str, Path], new_postgres_database_url: str, tmp_path: Path
) -> None:
    _, sqlite = examples_on_both
    before = exports(sqlite)
    assert len(before) == 5
    copied = rrb("copy-db", "--from", str(sqlite), "--to", new_postgres_database_url)
    assert copied.returncode == 0, copied.stderr
    assert "5 meeting" in copied.stdout
    back = tmp_path / "back.sqlite3"
    returned = rrb("copy-db", "--from", new_postgres_database_url, "--to", str(back))
    assert returned.returncode == 0, returned.stderr
    assert exports(new_postgres_database_url) == before
    assert exports(back) == before


def test_copy_db_refuses_a_target_that_holds_an_archive(
    examples_on_both: tuple[str, Path],
) -> None:
    server, sqlite = examples_on_both
    refused = rrb("copy-db", "--from", str(sqlite), "--to", server)
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1
    assert "already holds" in refused.stderr
    assert "--force" in refused.stderr
    forced = rrb("copy-db", "--from", str(sqlite), "--to", server, "--force")
    assert forced.returncode == 0, forced.stderr


def test_an_unreachable_server_is_one_line_not_a_traceback(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    closed = f"postgresql://nobody@127.0.0.1:{postgres_server.port + 1}/rrb"
    result = rrb("--db", closed, "list")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "cannot open the database" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_read_only_role_is_told_so_when_it_tries_to_import(
    postgres_server: PostgresServer, examples_on_both: tuple[str, Path]
) -> None:
    server, _ = examples_on_both
    database = server.rsplit("/", 1)[1]
    postgres_server.admin(
        "DROP ROLE IF EXISTS rrb_reader_cli; CREATE ROLE rrb_reader_cli LOGIN; "
        "GRANT SELECT ON ALL TABLES IN SCHEMA public TO rrb_reader_cli",
        database,
    )
    reader = postgres_server.url(database, user="rrb_reader_cli")
    assert rows_of("--db", reader, "search", "co-location")  # reading works
    result = rrb("--db", reader, "import", *sorted(EXAMPLES.glob("*.json")))
    assert result.returncode == 2
    assert "may only read" in result.stderr
    assert result.stderr.count("\n") == 1


def test_backup_of_a_server_archive_is_every_meeting_and_restores_into_an_empty_one(
    examples_on_both: tuple[str, Path], new_postgres_database_url: str, tmp_path: Path
) -> None:
    server, _sqlite = examples_on_both
    out = tmp_path / "server-backup.zip"
    made = rrb("--db", server, "backup", "--out", out)
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip() == str(out)
    restored = rrb("--db", new_postgres_database_url, "restore", out)
    assert restored.returncode == 0, restored.stderr
    assert sorted(exports(new_postgres_database_url).values()) == sorted(exports(server).values())
    again = rrb("--db", new_postgres_database_url, "restore", out)
    assert again.returncode == 2
    assert "already holds meetings" in again.stderr
    assert len(again.stderr.splitlines()) == 1
