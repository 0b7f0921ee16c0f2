"""Backups are proven good before they count, rotate as configured, and restore whole."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from models import backups
from models.archive_file import ArchiveIdentity, read_identity
from models.backups import (
    BEFORE_MIGRATION,
    DAILY,
    MANUAL,
    BackupError,
    RotationPolicy,
    daily_backup,
    list_backups,
    make_backup,
    newest_good_backup,
    restore_backup,
)
from models.database import Database
from models.interchange import dumps_meeting
from models.meeting_doc import MeetingDoc
from models.services import NotFoundError, import_meetings, meeting_doc
from rrb_desktop.paths import backup_policy

START = dt.datetime(2026, 1, 1, 9, 0, 0)


@pytest.fixture
def archive(db_path: Path, sample_meeting: MeetingDoc) -> Path:
    database = Database.open(str(db_path))
    import_meetings(database, [sample_meeting])
    database.close()
    return db_path


def test_a_backup_is_a_checked_copy_listed_with_its_date_kind_and_size(archive: Path) -> None:
    path = make_backup(archive, now=START)
    (info,) = list_backups(archive)
    assert info.path == path
    assert path.parent == archive.parent / "backups"
    assert (info.taken, info.kind, info.size) == (START, MANUAL, path.stat().st_size)
    assert not list(path.parent.glob(".*"))  # no partial copy left
    assert list(path.parent.glob("*-wal")) == []  # the copy is not in WAL mode


def test_files_named_like_backups_with_impossible_times_are_not_listed(archive: Path) -> None:
    path = make_backup(archive, now=dt.datetime(2024, 2, 29, 23, 59, 59))
    for stamp in ("20230229-000000", "20261301-000000", "20261130-240000", "20261130-235960"):
        path.with_name(f"{archive.stem}-{stamp}-manual.sqlite3").write_bytes(b"")
    assert [info.taken for info in list_backups(archive)] == [dt.datetime(2024, 2, 29, 23, 59, 59)]


@pytest.mark.parametrize("name", ["backups", "Backups"])
def test_an_archive_named_backups_keeps_its_backups_beside_it(
    tmp_path: Path, sample_meeting: MeetingDoc, name: str
) -> None:
    """The folder would otherwise have the archive's own name (where names ignore case, as
    on Windows and macOS, ``Backups`` too): nothing could be copied."""
    archive = tmp_path / name
    database = Database.open(str(archive))
    import_meetings(database, [sample_meeting])
    database.close()
    path = make_backup(archive, now=START)
    assert path.parent == tmp_path / f"{name}.backups"
    assert [info.path for info in list_backups(archive)] == [path]
    restore_backup(path, archive)
    assert archive.is_file()


def test_a_file_where_the_backups_folder_would_be_does_not_stop_backups(archive: Path) -> None:
    """The copies go to ``<archive>.backups``, and no error gets past."""
    (archive.parent / "backups").write_text("not a folder")
    path = make_backup(archive, now=START)
    assert path.parent == archive.parent / f"{archive.name}.backups"
    assert [info.path for info in list_backups(archive)] == [path]


def test_a_backup_that_cannot_be_written_is_a_backup_error(archive: Path) -> None:
    """Whatever fails, the caller gets the one error it handles (the window's start, the
    upgrade's backup), naming the reason."""
    (archive.parent / "backups").symlink_to(archive.parent / "nowhere" / "backups")
    with pytest.raises(BackupError):
        make_backup(archive, now=START)


def test_a_backup_leaves_nothing_of_sqlites_beside_the_archive(archive: Path) -> None:
    """A read-only connection left the -wal and -shm files it made beside a closed archive."""
    make_backup(archive, now=START)
    assert sorted(path.name for path in archive.parent.iterdir()) == ["backups", archive.name]


def test_daily_backups_happen_once_a_day(archive: Path) -> None:
    assert daily_backup(archive, now=START) is not None
    assert daily_backup(archive, now=START + dt.timedelta(hours=3)) is None
    assert daily_backup(archive, now=START + dt.timedelta(days=1)) is not None
    assert [info.kind for info in list_backups(archive)] == [DAILY, DAILY]


def test_a_backup_reads_the_archives_key_once(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """For the copy's name, the check for today's copy and the rotation alike: the archive
    is opened for its key once per backup, and the copies are named and rotated as ever."""
    daily_backup(archive, now=START)  # a backups folder to rotate in, and today's copy
    reads: list[Path] = []

    def counted(path: Path) -> ArchiveIdentity | None:
        reads.append(path)
        return read_identity(path)

    monkeypatch.setattr(backups, "read_identity", counted)
    later = START + dt.timedelta(days=1)
    made = [
        daily_backup(archive, now=later),
        daily_backup(archive, now=later + dt.timedelta(hours=1)),  # none: one today already
        make_backup(archive, now=later),
    ]
    assert reads == [archive] * 3
    key = read_identity(archive)
    assert key is not None
    assert [path.name if path else None for path in made] == [
        f"{archive.name}-20260102-090000-daily.{key.key}.sqlite3",
        None,
        f"{archive.name}-20260102-090000-manual.{key.key}.sqlite3",
    ]
    assert sorted(info.kind for info in list_backups(archive)) == [DAILY, DAILY, MANUAL]


def test_rotation_keeps_seven_days_and_four_weeks_and_every_manual_copy(archive: Path) -> None:
    manual = make_backup(archive, now=START - dt.timedelta(days=100))
    for day in range(60):
        daily_backup(archive, now=START + dt.timedelta(days=day))
    kept = [info for info in list_backups(archive) if info.kind == DAILY]
    newest = START + dt.timedelta(days=59)
    days = {info.taken.date() for info in kept}
    # the last 7 days, plus one a week back to 4 distinct weeks in all
    assert {newest.date() - dt.timedelta(days=n) for n in range(7)} <= days
    weeks = {tuple(info.taken.isocalendar())[:2] for info in kept}
    assert len(weeks) == 4
    assert len(kept) <= 7 + 4
    assert manual.exists()


def test_rotation_is_configurable(archive: Path) -> None:
    policy = RotationPolicy(daily=2, weekly=1)
    for day in range(10):
        daily_backup(archive, now=START + dt.timedelta(days=day), policy=policy)
    assert len(list_backups(archive)) == 2
    assert backup_policy({"RRB_BACKUP_DAYS": "3", "RRB_BACKUP_WEEKS": "x"}) == RotationPolicy(
        daily=3, weekly=4
    )


def test_upgrade_backups_keep_the_last_three(archive: Path) -> None:
    for hour in range(5):
        make_backup(archive, BEFORE_MIGRATION, now=START + dt.timedelta(hours=hour))
    assert len(list_backups(archive)) == 3


def test_a_damaged_archive_gives_no_backup_and_pushes_none_out(archive: Path) -> None:
    good = daily_backup(archive, now=START)
    with archive.open("r+b") as handle:  # a page inside the tables, zeroed
        handle.seek(4096 * 3)
        handle.write(b"\xff" * 4096)
    with pytest.raises(BackupError, match="check"):
        make_backup(archive, DAILY, now=START + dt.timedelta(days=30))
    assert [info.path for info in list_backups(archive)] == [good]
    assert newest_good_backup(archive) is not None


def test_restore_puts_the_copy_back_and_keeps_the_current_file_aside(
    archive: Path, sample_meeting: MeetingDoc
) -> None:
    backup = make_backup(archive, now=START)
    database = Database.open(str(archive))
    import_meetings(database, [sample_meeting])
    database.close()
    kept = restore_backup(backup, archive, now=START)
    assert kept is not None
    assert kept.name == f"{archive.name}.before-restore-20260101-090000"
    restored = Database.open(str(archive))
    try:
        assert dumps_meeting(meeting_doc(restored, 1)) == dumps_meeting(sample_meeting)
        with pytest.raises(NotFoundError):
            meeting_doc(restored, 2)
    finally:
        restored.close()
    assert kept.stat().st_size > 0


def test_restore_refuses_a_file_that_is_not_a_good_backup(archive: Path, tmp_path: Path) -> None:
    before = archive.read_bytes()
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    for bad, reason in (
        (empty, "is not an rrb_desktop backup"),
        (tmp_path / "missing.sqlite3", "no such file"),  # not "no archive in it"
        (tmp_path, "is a folder"),
    ):
        with pytest.raises(BackupError, match=rf"{bad.name}: {reason}"):
            restore_backup(bad, archive)
    assert archive.read_bytes() == before


def test_restore_refuses_while_the_archive_is_open(archive: Path) -> None:
    backup = make_backup(archive, now=START)
    database = Database.open(str(archive))
    try:
        meeting_doc(database, 1)  # a connection now holds the archive
        with pytest.raises(BackupError, match="in use"):
            restore_backup(backup, archive)
    finally:
        database.close()
    assert not list(archive.parent.glob("*.before-restore-*"))
