"""The backup of a server archive: every meeting as rrb-meeting/2 in one zip, read back whole."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from models.database import Database
from models.interchange import dumps_meeting, read_meeting_file
from models.meeting_archive import (
    MANIFEST,
    ArchiveError,
    read_meeting_archive,
    restore_meeting_archive,
    write_meeting_archive,
)
from models.services import import_meetings, list_meetings, meeting_doc
from tests.conftest import EXAMPLES


def all_exports(db: Database) -> list[str]:
    return sorted(dumps_meeting(meeting_doc(db, m.id)) for m in list_meetings(db))


def test_every_meeting_goes_into_the_archive_and_comes_back_the_same(
    database: Database, tmp_path: Path
) -> None:
    import_meetings(database, [read_meeting_file(p) for p in sorted(EXAMPLES.glob("*.json"))])
    written = write_meeting_archive(database, tmp_path / "backup.zip")
    assert written.meetings == len(list(EXAMPLES.glob("*.json")))
    assert sorted(dumps_meeting(m) for m in read_meeting_archive(written.path)) == all_exports(
        database
    )
    restored = Database.open(str(tmp_path / "restored.sqlite3"))
    try:
        assert restore_meeting_archive(restored, written.path) == written.meetings
        assert all_exports(restored) == all_exports(database)
        with pytest.raises(ArchiveError, match="already holds meetings"):
            restore_meeting_archive(restored, written.path)
    finally:
        restored.close()


def test_a_file_that_is_not_such_an_archive_is_refused_with_its_name(tmp_path: Path) -> None:
    not_zip = tmp_path / "notes.zip"
    not_zip.write_text("hello", encoding="utf-8")
    with pytest.raises(ArchiveError, match=r"notes\.zip: not a meeting archive"):
        read_meeting_archive(not_zip)
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr(MANIFEST, '{"kind": "something else", "meetings": []}')
    with pytest.raises(ArchiveError, match="not a meeting archive of this app"):
        read_meeting_archive(other)


def test_a_missing_folder_writes_nothing(database: Database, tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="does not exist"):
        write_meeting_archive(database, tmp_path / "nowhere" / "backup.zip")
    assert not (tmp_path / "nowhere").exists()
