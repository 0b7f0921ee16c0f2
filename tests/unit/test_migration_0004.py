"""Migration 0004 (hearing transcripts): every existing database upgrades with its data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command

from models import services
from models.database import HEAD_REVISION, Database, alembic_config, current_revision
from models.interchange import read_meeting_file
from models.search import search, turns_by_speaker
from tests.conftest import BOARD_NOTE_EXAMPLES, SAMPLE_MEETING, TRANSCRIPT_EXAMPLE

# The revision 0004 follows. (Below 0003 an imported meeting's printed names have no place.)
BEFORE = "0003"


def _schema(path: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name"
        ).fetchall()
    connection.close()
    return rows


def test_a_database_with_meetings_upgrades_with_every_meeting_intact(tmp_path: Path) -> None:
    # The schema before 0004 as the migrations make it on a new database.
    fresh = Database(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    command.upgrade(alembic_config(fresh.engine), BEFORE)
    fresh.close()

    # A database holding the four board notes and the sample, taken back to before 0004.
    path = tmp_path / "archive.sqlite3"
    database = Database.open(str(path))
    docs = [read_meeting_file(p) for p in [*BOARD_NOTE_EXAMPLES, SAMPLE_MEETING]]
    ids = services.import_meetings(database, docs)
    before = [services.meeting_doc(database, i) for i in ids]
    command.downgrade(alembic_config(database.engine), BEFORE)
    database.close()
    assert _schema(path) == _schema(tmp_path / "fresh.sqlite3")

    upgraded = Database.open(str(path))
    try:
        assert current_revision(upgraded.engine) == HEAD_REVISION
        assert [services.meeting_doc(upgraded, i) for i in ids] == before
        assert len(search(upgraded, "co-location")) == 2
        # The upgraded database takes a transcript, and its search covers turns.
        hearing = services.import_meeting(upgraded, read_meeting_file(TRANSCRIPT_EXAMPLE))
        assert {turn.meeting_id for turn in turns_by_speaker(upgraded, "Lucy Bogue")} == {hearing}
    finally:
        upgraded.close()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        # The widened check still refuses a layout that does not exist.
        with pytest.raises(sqlite3.IntegrityError, match="ck_meeting_layout_style"):
            connection.execute("UPDATE meeting SET style = 'minutes' WHERE id = ?", (ids[0],))
    connection.close()
