"""The window's first screen reads the archive tree without SQLAlchemy
(models.direct_archive), and reads what the services read.

It is a second way of reading the same rows, so every answer is held here to the services'
(``meeting_groups``, ``list_meetings``, ``meeting_summary``, ``newest_meeting``,
``newest_meeting_on``) on random archives; a file it is not written for is left to the
database engine, which upgrades or explains.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models import services
from models.archive_file import ArchiveFileError
from models.database import Database
from models.direct_archive import DirectArchive
from models.direct_read import DirectReadError
from models.enums import MeetingStatus
from models.meeting_doc import MeetingDoc
from tests.strategies.meetings import meetings


def _filled(database: Database, docs: list[tuple[MeetingDoc, MeetingStatus]]) -> None:
    for doc, status in docs:
        meeting_id = services.import_meeting(database, doc)
        if status is not MeetingStatus.DRAFT:
            services.update_meeting(database, meeting_id, status=status)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(docs=st.lists(st.tuples(meetings(), st.sampled_from(MeetingStatus)), max_size=5))
def test_every_answer_is_the_services_answer(
    docs: list[tuple[MeetingDoc, MeetingStatus]], sqlite_database: Database, db_path: Path
) -> None:
    _filled(sqlite_database, docs)
    listed = services.list_meetings(sqlite_database)
    archive = DirectArchive.open(db_path)
    try:
        assert Counter(archive.groups()) == Counter(services.meeting_groups(sqlite_database))
        assert archive.newest() == services.newest_meeting(sqlite_database)
        for summary in listed:
            assert archive.summary(summary.id) == summary
            for status in (None, summary.status):
                board, year = summary.board_name, summary.date.year
                assert archive.meetings_of(board, year, status) == services.list_meetings(
                    sqlite_database, board=board, year=year, status=status
                )
                for board_asked, year_asked in ((None, None), (board, year)):
                    day, month = summary.date.day, summary.date.month
                    assert archive.newest_on(
                        day, month, board=board_asked, year=year_asked, status=status
                    ) == services.newest_meeting_on(
                        sqlite_database, day, month, board=board_asked, year=year_asked,
                        status=status,
                    )  # fmt: skip
        missing = max((summary.id for summary in listed), default=0) + 1
        assert archive.summary(missing) is None
    finally:
        archive.close()


def test_an_empty_archive_has_no_newest_meeting(sqlite_database: Database, db_path: Path) -> None:
    archive = DirectArchive.open(db_path)
    try:
        assert archive.groups() == []
        assert archive.newest() is None
    finally:
        archive.close()


def test_another_schema_revision_is_left_to_the_database_engine(
    sqlite_database: Database, db_path: Path
) -> None:
    sqlite_database.close()
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0009'")
    connection.close()
    with pytest.raises(DirectReadError):
        DirectArchive.open(db_path)


def test_a_file_that_is_not_an_archive_is_refused_as_the_database_engine_refuses_it(
    tmp_path: Path,
) -> None:
    not_an_archive = tmp_path / "notes.sqlite3"
    not_an_archive.write_text("these are not meetings")
    with pytest.raises(ArchiveFileError):
        DirectArchive.open(not_an_archive)


def test_a_value_it_cannot_read_is_left_to_the_database_engine_or_read_as_none(
    sqlite_database: Database, db_path: Path, sample_meeting: MeetingDoc
) -> None:
    """The start goes the usual way when the list's first rows cannot be read; a year the
    tree reads as it lays itself out reads as empty (logged), never an exception inside Qt."""
    meeting_id = services.import_meeting(sqlite_database, sample_meeting)
    year = sample_meeting.date.year
    board = sample_meeting.board.name
    sqlite_database.close()
    with sqlite3.connect(db_path) as connection:
        connection.execute(
            "UPDATE meeting SET date = date || ' 00:00:00' WHERE id = ?", (meeting_id,)
        )
    connection.close()
    archive = DirectArchive.open(db_path)
    try:
        with pytest.raises(DirectReadError):
            archive.newest()
        assert archive.meetings_of(board, year, None) == []
        assert archive.summary(meeting_id) is None
    finally:
        archive.close()
