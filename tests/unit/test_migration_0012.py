"""Migration 0012: each archive gets a random key once, and knows whether it was new then.

An archive at 0011 that holds meetings upgrades to one marked ``upgraded`` (its copies made
by earlier versions may be its own); a new archive is not; the key stays the same on every
later opening; two archives never share one; a downgrade takes the table away.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command

from models.archive_file import read_identity
from models.database import HEAD_REVISION, Database, alembic_config, current_revision
from models.meeting_doc import MeetingDoc
from tests.conftest import archive_at_revision


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        names = {name for (name,) in connection.execute("SELECT name FROM sqlite_master")}
    connection.close()
    return names


def test_an_archive_at_0011_upgrades_to_one_key_marked_upgraded(
    tmp_path: Path, sample_meeting: MeetingDoc
) -> None:
    path = tmp_path / "archive.sqlite3"
    archive_at_revision(f"sqlite:///{path}", "0011", [sample_meeting])
    assert "archive_identity" not in _tables(path)
    assert read_identity(path) is None

    upgraded = Database.open(str(path))
    try:
        assert current_revision(upgraded.engine) == HEAD_REVISION
        identity = read_identity(path)
        assert identity is not None
        assert identity.upgraded
        assert len(identity.key) == 16
        assert int(identity.key, 16) >= 0

        command.downgrade(alembic_config(upgraded.engine), "0011")
        assert "archive_identity" not in _tables(path)
    finally:
        upgraded.close()


def test_a_new_archive_is_not_marked_upgraded_and_keeps_its_key(tmp_path: Path) -> None:
    first, second = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    for path in (first, second):
        Database.open(str(path)).close()
    identity = read_identity(first)
    assert identity is not None
    assert not identity.upgraded
    Database.open(str(first)).close()
    assert read_identity(first) == identity
    other = read_identity(second)
    assert other is not None
    assert other.key != identity.key
    with sqlite3.connect(first) as connection:
        (rows,) = connection.execute("SELECT count(*) FROM archive_identity").fetchone()
    connection.close()
    assert rows == 1
