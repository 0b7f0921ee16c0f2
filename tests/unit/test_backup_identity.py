"""A backup belongs to one archive: another archive's copies (a deleted one of the same
name, ``a.db`` beside ``a.sqlite3``) are never listed, offered or counted as today's."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from models.archive_file import read_identity
from models.backups import (
    DAILY,
    MANUAL,
    RotationPolicy,
    daily_backup,
    list_backups,
    make_backup,
    newest_good_backup,
)
from models.database import Database
from models.meeting_doc import MeetingDoc
from models.services import import_meetings
from tests.conftest import archive_at_revision

EARLIER = dt.datetime(2026, 11, 30, 15, 20, 0)
LATER = dt.datetime(2026, 11, 30, 17, 9, 0)


def _new_archive(path: Path, meeting: MeetingDoc) -> Path:
    database = Database.open(str(path))
    import_meetings(database, [meeting])
    database.close()
    return path


def _replace_with_a_new_archive(path: Path, meeting: MeetingDoc) -> None:
    path.unlink()
    _new_archive(path, meeting)


def _older_copy(archive: Path, stamp: str, kind: str = DAILY) -> Path:
    """A copy named as earlier versions named them: the name without its suffix."""
    folder = archive.parent / "backups"
    folder.mkdir(exist_ok=True)
    copy = folder / f"{archive.stem}-{stamp}-{kind}.sqlite3"
    shutil.copyfile(archive, copy)
    return copy


def test_a_copy_is_named_after_the_whole_file_name_and_the_archives_key(
    tmp_path: Path, sample_meeting: MeetingDoc
) -> None:
    archive = _new_archive(tmp_path / "a.sqlite3", sample_meeting)
    identity = read_identity(archive)
    assert identity is not None
    path = make_backup(archive, now=LATER)
    assert path.name == f"a.sqlite3-20261130-170900-manual.{identity.key}.sqlite3"
    assert read_identity(path) == identity  # the copy is of the same archive


def test_a_new_archive_of_an_earlier_ones_name_lists_only_its_own_copies_and_gets_todays(
    tmp_path: Path, sample_meeting: MeetingDoc
) -> None:
    archive = _new_archive(tmp_path / "a.sqlite3", sample_meeting)
    theirs = [make_backup(archive, kind, now=EARLIER) for kind in (DAILY, MANUAL)]
    _older_copy(archive, "20261130-153000")  # and one made by an earlier version
    _replace_with_a_new_archive(archive, sample_meeting)

    assert list_backups(archive) == []
    assert newest_good_backup(archive) is None  # nothing another archive's to restore
    ours = daily_backup(archive, now=LATER)
    assert ours is not None  # the other archive's daily copy of today does not count
    assert [info.path for info in list_backups(archive)] == [ours]
    assert all(path.exists() for path in theirs)  # and its copies are not rotated out


def test_two_archives_of_one_name_in_one_folder_keep_their_copies_apart(
    tmp_path: Path, sample_meeting: MeetingDoc
) -> None:
    db = _new_archive(tmp_path / "a.db", sample_meeting)
    sqlite = _new_archive(tmp_path / "a.sqlite3", sample_meeting)
    db_copy = daily_backup(db, now=LATER)
    sqlite_copy = daily_backup(sqlite, now=LATER)
    assert db_copy is not None
    assert sqlite_copy is not None
    assert db_copy.name.startswith("a.db-")
    assert sqlite_copy.name.startswith("a.sqlite3-")
    assert [info.path for info in list_backups(db)] == [db_copy]
    assert [info.path for info in list_backups(sqlite)] == [sqlite_copy]


def test_rotation_only_removes_the_archives_own_copies(
    tmp_path: Path, sample_meeting: MeetingDoc
) -> None:
    first = _new_archive(tmp_path / "a.db", sample_meeting)
    second = _new_archive(tmp_path / "a.sqlite3", sample_meeting)
    policy = RotationPolicy(daily=1, weekly=1)
    kept = daily_backup(first, now=EARLIER, policy=policy)
    for day in range(1, 4):
        daily_backup(second, now=EARLIER + dt.timedelta(days=day), policy=policy)
    assert kept is not None
    assert kept.exists()
    assert len(list_backups(second)) == 1


@pytest.fixture
def upgraded(tmp_path: Path, sample_meeting: MeetingDoc) -> Path:
    """An archive made by an earlier version (schema 0011), with a copy named the old way,
    then opened by this one."""
    path = tmp_path / "a.sqlite3"
    archive_at_revision(f"sqlite:///{path}", "0011", [sample_meeting])
    _older_copy(path, "20261129-090000")
    Database.open(str(path)).close()
    return path


def test_an_upgraded_archive_still_lists_its_older_copies_and_keeps_them(
    upgraded: Path,
) -> None:
    identity = read_identity(upgraded)
    assert identity is not None
    assert identity.upgraded
    listed = list_backups(upgraded)
    # the copy made before the upgrade (no key yet) and the one an earlier version made
    assert [(info.kind, info.older) for info in listed] == [
        ("before-upgrade", True),
        (DAILY, True),
    ]
    ours = daily_backup(upgraded, now=dt.datetime.now(), policy=RotationPolicy(daily=1, weekly=1))
    assert ours is not None
    assert [info.older for info in list_backups(upgraded)] == [False, True, True]


def test_older_copies_another_archive_could_claim_are_listed_for_neither(
    upgraded: Path, sample_meeting: MeetingDoc
) -> None:
    other = upgraded.with_name("a.db")
    archive_at_revision(f"sqlite:///{other}", "0011", [sample_meeting])
    Database.open(str(other)).close()
    for archive in (upgraded, other):
        assert not [info for info in list_backups(archive) if info.path.name.startswith("a-")]
    # its whole name still tells whose the copy before the upgrade is
    assert [info.kind for info in list_backups(upgraded)] == ["before-upgrade"]


def _damage(archive: Path) -> None:
    with archive.open("r+b") as handle:  # every page after the first, overwritten
        handle.seek(4096)
        handle.write(b"\xff" * (archive.stat().st_size - 4096))


def test_a_damaged_archive_is_offered_its_own_copy(
    tmp_path: Path, sample_meeting: MeetingDoc
) -> None:
    archive = _new_archive(tmp_path / "a.sqlite3", sample_meeting)
    own = make_backup(archive, now=LATER)
    _damage(archive)
    good = newest_good_backup(archive)
    assert good is not None
    assert good.path == own


def test_a_damaged_archive_is_offered_no_copy_when_two_archives_had_its_name(
    tmp_path: Path, sample_meeting: MeetingDoc
) -> None:
    """Its key cannot be read: with copies of two keys under its name, none is sure."""
    archive = _new_archive(tmp_path / "a.sqlite3", sample_meeting)
    make_backup(archive, now=EARLIER)
    _replace_with_a_new_archive(archive, sample_meeting)
    make_backup(archive, now=LATER)
    _damage(archive)
    assert newest_good_backup(archive) is None
