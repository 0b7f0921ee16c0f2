"""The export's direct read of an SQLite archive (models.direct_read) gives what the ORM gives.

It is a second way of reading the same rows, so every value it returns is held here to the
ORM's (``services.meeting_doc``, ``publication.person_names`` and ``allowed_names``): random
meetings, the published examples, a transcript, printed names kept by a final meeting and
changed in the directory since, and actions whose item was deleted. It reads only a file at
the schema it was written for, and says so for any other.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from models import services
from models.archive_file import ArchiveFileError
from models.database import HEAD_REVISION, Database
from models.direct_archive import DirectArchive
from models.direct_read import READS_REVISION, DirectReadError, archive_reader
from models.enums import MeetingStatus
from models.interchange import read_meeting_file
from models.meeting_doc import MeetingDoc
from models.organisations import list_organisations, rename_organisation
from models.publication import allow_name, allowed_names, person_names
from tests.conftest import (
    BOARD_NOTE_EXAMPLES,
    SAMPLE_MEETING,
    TRANSCRIPT_EXAMPLE,
    count_archive_connections,
)
from tests.strategies.meetings import meetings


def _direct(path: Path, meeting_id: int) -> MeetingDoc | None:
    with archive_reader(path) as reader:
        return reader.meeting_doc(meeting_id)


def test_it_reads_the_schema_the_app_writes() -> None:
    """A new migration must be read by this module too: update its queries, then this."""
    assert READS_REVISION == HEAD_REVISION


@pytest.mark.parametrize(
    "path",
    [SAMPLE_MEETING, TRANSCRIPT_EXAMPLE, *BOARD_NOTE_EXAMPLES],
    ids=lambda path: path.stem,
)
def test_a_meeting_reads_as_the_orm_reads_it(
    path: Path, sqlite_database: Database, db_path: Path
) -> None:
    meeting_id = services.import_meeting(sqlite_database, read_meeting_file(path))
    assert _direct(db_path, meeting_id) == services.meeting_doc(sqlite_database, meeting_id)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(doc=meetings())
def test_any_meeting_reads_as_the_orm_reads_it(
    doc: MeetingDoc, sqlite_database: Database, db_path: Path
) -> None:
    meeting_id = services.import_meeting(sqlite_database, doc)
    assert _direct(db_path, meeting_id) == services.meeting_doc(sqlite_database, meeting_id)


def test_printed_names_and_itemless_actions_read_as_the_orm_reads_them(
    sqlite_database: Database, db_path: Path, sample_meeting: MeetingDoc
) -> None:
    final_id = services.import_meeting(sqlite_database, sample_meeting)
    draft_id = services.import_meeting(sqlite_database, sample_meeting)
    services.update_meeting(sqlite_database, final_id, status=MeetingStatus.FINAL)
    organisation = next(
        entry for entry in list_organisations(sqlite_database) if entry.abbreviation == "MOPAC"
    )
    rename_organisation(sqlite_database, organisation.id, name="A new name", abbreviation="NEW")
    agenda = services.meeting_doc(sqlite_database, draft_id).agenda
    with_actions = next(index for index, item in enumerate(agenda) if item.actions)
    services.delete_agenda_item(
        sqlite_database, services.meeting_record(sqlite_database, draft_id).agenda[with_actions].id
    )
    final = services.meeting_doc(sqlite_database, final_id)
    draft = services.meeting_doc(sqlite_database, draft_id)
    assert {"MOPAC", "NEW"} <= {org.abbreviation for org in final.organisations} ^ {
        org.abbreviation for org in draft.organisations
    }  # the final meeting kept the name it printed; the draft follows the directory
    assert len(draft.agenda) == len(agenda) - 1
    assert draft.agenda[-1].actions[-len(agenda[with_actions].actions) :] == tuple(
        action for action in agenda[with_actions].actions
    )  # the deleted item's actions print under the last item
    for meeting_id in (final_id, draft_id):
        assert _direct(db_path, meeting_id) == services.meeting_doc(sqlite_database, meeting_id)


@pytest.mark.parametrize("reader", ["export", "first screen"])
def test_the_check_and_the_reads_go_through_one_connection(
    sqlite_database: Database,
    db_path: Path,
    sample_meeting: MeetingDoc,
    monkeypatch: pytest.MonkeyPatch,
    reader: str,
) -> None:
    """Each connection reads the archive's whole schema before its first query: the day's
    backup question, the check and the reads of an export, or of the first screen, share
    one."""
    services.import_meeting(sqlite_database, sample_meeting)
    opened = count_archive_connections(monkeypatch)
    if reader == "export":
        with archive_reader(db_path) as read:
            assert read.person_names()
    else:
        archive = DirectArchive.open(db_path)
        try:
            assert archive.newest() is not None
        finally:
            archive.close()
    assert opened == [db_path]


def test_the_names_the_check_needs_read_as_the_orm_reads_them(
    sqlite_database: Database, db_path: Path, sample_meeting: MeetingDoc
) -> None:
    meeting_id = services.import_meeting(sqlite_database, sample_meeting)
    allow_name(sqlite_database, meeting_id, "Jane Example")
    allow_name(sqlite_database, meeting_id, "Another Person")
    with archive_reader(db_path) as reader:
        assert reader.person_names() == person_names(sqlite_database)
        assert reader.allowed_names(meeting_id) == allowed_names(sqlite_database, meeting_id)
        assert reader.meeting_doc(meeting_id + 100) is None


def test_another_schema_revision_is_left_to_the_database_engine(
    sqlite_database: Database, db_path: Path, sample_meeting: MeetingDoc
) -> None:
    services.import_meeting(sqlite_database, sample_meeting)
    sqlite_database.close()
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0009'")
    with pytest.raises(DirectReadError, match="schema 0009"), archive_reader(db_path):
        pass


def test_a_new_file_is_left_to_the_database_engine(tmp_path: Path) -> None:
    path = tmp_path / "archive.sqlite3"
    path.write_bytes(b"")
    with pytest.raises(DirectReadError), archive_reader(path):
        pass


def test_a_file_that_is_not_an_archive_is_refused_as_the_database_engine_refuses_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "archive.sqlite3"
    path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(ArchiveFileError, match="not an rrb_desktop archive"), archive_reader(path):
        pass


def test_another_process_opening_the_archive_meanwhile_keeps_its_saves(
    sqlite_database: Database, db_path: Path, sample_meeting: MeetingDoc
) -> None:
    """The reader must not pull the -wal and -shm files from under a process that opened
    the archive while it read (the window, an import): that process's saves were lost."""
    meeting_id = services.import_meeting(sqlite_database, sample_meeting)
    sqlite_database.close()  # nothing else has the archive open: no -wal, no -shm
    with archive_reader(db_path) as reader:
        writer = sqlite3.connect(db_path)  # opened while the export reads
        writer.execute("SELECT count(*) FROM meeting").fetchone()  # now it uses the -shm
        assert reader.meeting_doc(meeting_id) is not None
    writer.execute("UPDATE meeting SET theme = 'saved meanwhile'")
    writer.commit()
    later = sqlite3.connect(db_path)  # a third process, after the export ended
    try:
        assert later.execute("SELECT theme FROM meeting").fetchone() == ("saved meanwhile",)
    finally:
        later.close()
        writer.close()


def test_a_missing_file_is_left_to_the_database_engine(tmp_path: Path) -> None:
    missing = tmp_path / "missing.sqlite3"
    with pytest.raises(DirectReadError), archive_reader(missing):
        pass
    assert not missing.exists()
