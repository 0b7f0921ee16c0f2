"""Damaged and foreign archives are refused unchanged; upgrades are all-or-nothing; damage met
later stops writes; every earlier schema upgrades with its data."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import event

from models import database as database_module
from models.archive_file import check_archive_file
from models.database import HEAD_REVISION, Database, current_revision, database_url
from models.errors import DatabaseOpenError, StorageError
from models.interchange import dumps_meeting
from models.meeting_doc import MeetingDoc
from models.search import search
from models.services import import_meetings, list_meetings, meeting_doc
from tests.conftest import EARLIER_REVISIONS, SAMPLE_MEETING, archive_at_revision


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sidecars(path: Path) -> list[Path]:
    return [p for p in path.parent.iterdir() if p.name.startswith(path.name + "-")]


def archive_with_meetings(path: Path, sample: MeetingDoc) -> Path:
    database = Database.open(str(path))
    import_meetings(database, [sample, sample])
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    for sidecar in sidecars(path):
        sidecar.unlink()
    return path


def zero_a_table_page(path: Path, table: str = "agenda_item") -> None:
    """Zero the root page of ``table``: the file still starts like a database."""
    connection = sqlite3.connect(path)
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    root = connection.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
    ).fetchone()[0]
    connection.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\x00" * page_size)


def random_bytes(path: Path, _sample: MeetingDoc) -> None:
    path.write_bytes(random.Random(1).randbytes(40960))


def truncated(path: Path, sample: MeetingDoc) -> None:
    archive_with_meetings(path, sample)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])


def zeroed_page(path: Path, sample: MeetingDoc) -> None:
    archive_with_meetings(path, sample)
    zero_a_table_page(path)


def foreign_database(path: Path, _sample: MeetingDoc) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    connection.execute("INSERT INTO photos (name) VALUES ('holiday.jpg')")
    connection.commit()
    connection.close()


def newer_schema(path: Path, sample: MeetingDoc) -> None:
    archive_with_meetings(path, sample)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.execute("PRAGMA journal_mode=DELETE")  # a file as another copy would leave it
    connection.close()


@pytest.mark.parametrize(
    ("make", "reason", "damaged"),
    [
        (random_bytes, "not a database file", True),
        (truncated, "truncated", True),
        (zeroed_page, "damaged", True),
        (foreign_database, "another program's database", False),
        (newer_schema, "newer version of rrb_desktop", False),
    ],
)
def test_a_bad_archive_is_refused_naming_the_file_and_left_byte_for_byte(
    tmp_path: Path,
    sample_meeting: MeetingDoc,
    make: Callable[[Path, MeetingDoc], None],
    reason: str,
    damaged: bool,
) -> None:
    path = tmp_path / "archive.sqlite3"
    make(path, sample_meeting)
    before = digest(path)
    with pytest.raises(DatabaseOpenError, match=reason) as raised:
        Database.open(str(path))
    assert str(path) in str(raised.value)
    assert (raised.value.damaged_file == path) is damaged
    assert digest(path) == before
    assert sidecars(path) == []


def test_a_process_opening_the_archive_during_the_check_keeps_its_saves(
    tmp_path: Path, sample_meeting: MeetingDoc
) -> None:
    """The check at every start must not pull the -wal and -shm files from under a process
    that opened the archive while it looked (a second window, an import): its saves went
    into deleted files, and the next process never saw them."""
    path = archive_with_meetings(tmp_path / "archive.sqlite3", sample_meeting)
    writer = sqlite3.connect(path)

    def another_process_opens(_revision: str) -> bool:  # called while the check looks
        writer.execute("SELECT count(*) FROM meeting").fetchone()
        return True

    check_archive_file(path, known=another_process_opens)
    writer.execute("UPDATE meeting SET theme = 'saved meanwhile'")
    writer.commit()
    later = sqlite3.connect(path)
    try:
        assert {theme for (theme,) in later.execute("SELECT theme FROM meeting")} == {
            "saved meanwhile"
        }
    finally:
        later.close()
        writer.close()


def test_damage_met_while_reading_is_reported_and_stops_writing(
    tmp_path: Path, sample_meeting: MeetingDoc
) -> None:
    path = archive_with_meetings(tmp_path / "archive.sqlite3", sample_meeting)
    database = Database.open(str(path))
    database.engine.dispose()
    zero_a_table_page(path)
    with pytest.raises(StorageError, match="damaged"):
        meeting_doc(database, 1)
    assert database.damaged
    before = digest(path)
    with pytest.raises(StorageError, match="writing stopped"):
        import_meetings(database, [sample_meeting])
    database.close()
    assert digest(path) == before


def at_revision(path: Path, revision: str, sample: MeetingDoc) -> Path:
    """An archive at ``revision``, with two meetings in it."""
    archive_at_revision(database_url(str(path)), revision, [sample, sample])
    return path


@pytest.mark.parametrize("revision", EARLIER_REVISIONS)
def test_every_earlier_schema_upgrades_with_its_data(
    tmp_path: Path, sample_meeting: MeetingDoc, revision: str
) -> None:
    path = at_revision(tmp_path / "old.sqlite3", revision, sample_meeting)
    database = Database.open(str(path))
    try:
        assert current_revision(database.engine) == HEAD_REVISION
        assert len(list_meetings(database)) == 2
        assert dumps_meeting(meeting_doc(database, 1)) == dumps_meeting(sample_meeting)
        assert search(database, sample_meeting.agenda[0].title.split()[0], limit=None)
    finally:
        database.close()
    # the copy made before the upgrade is the old archive, whole
    (backup,) = (tmp_path / "backups").iterdir()
    assert "before-upgrade" in backup.name
    assert current_revision(Database(database_url(str(backup))).engine) == revision


def _interrupted_upgrade(path: Path, stop_after: int, how: str) -> int:
    """Upgrade in a child process that dies (SIGKILL) or fails (disk full) after
    ``stop_after`` SQL statements of the migration; returns the child's wait status."""
    pid = os.fork()
    if pid:
        return os.waitpid(pid, 0)[1]
    try:  # the child: never returns into pytest
        real = database_module._migration_engine
        count = 0

        def stopping_engine(engine):  # type: ignore[no-untyped-def]  # (test hook)
            migrating = real(engine)

            @event.listens_for(migrating, "before_cursor_execute")
            def stop(*_args):  # type: ignore[no-untyped-def]  # (test hook)
                nonlocal count
                count += 1
                if count >= stop_after:
                    if how == "kill":
                        os.kill(os.getpid(), signal.SIGKILL)
                    raise sqlite3.OperationalError("database or disk is full")

            return migrating

        database_module._migration_engine = stopping_engine
        Database.open(str(path)).close()
    except BaseException:
        os._exit(1)
    os._exit(0)


def test_an_upgrade_killed_or_failing_at_any_moment_leaves_the_old_archive_openable(
    tmp_path: Path, sample_meeting: MeetingDoc
) -> None:
    revision = EARLIER_REVISIONS[-1]  # the oldest: the longest upgrade
    template = at_revision(tmp_path / "template.sqlite3", revision, sample_meeting)
    chooser = random.Random(15)
    for attempt in range(24):
        path = tmp_path / f"attempt{attempt}.sqlite3"
        path.write_bytes(template.read_bytes())
        how = "kill" if attempt % 3 else "disk-full"
        status = _interrupted_upgrade(path, chooser.randint(1, 60), how)
        # at the old version, or (when the stop came after the commit) the new one
        found = current_revision(Database(database_url(str(path))).engine)
        assert found in (revision, HEAD_REVISION), (attempt, status)
        if found == revision:
            with sqlite3.connect(path) as connection:
                tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            assert not any(name.startswith("search_") for name in tables), attempt
        database = Database.open(str(path))
        try:
            assert current_revision(database.engine) == HEAD_REVISION
            assert len(list_meetings(database)) == 2
        finally:
            database.close()


def test_a_stopped_upgrade_happened_at_least_once(
    tmp_path: Path, sample_meeting: MeetingDoc
) -> None:
    """The interruption really lands inside the migration (else the test above proves
    nothing): stopping at the first statement leaves the old revision."""
    revision = EARLIER_REVISIONS[-1]  # the oldest: the longest upgrade
    path = at_revision(tmp_path / "a.sqlite3", revision, sample_meeting)
    assert os.WEXITSTATUS(_interrupted_upgrade(path, 3, "disk-full")) == 1
    assert current_revision(Database(database_url(str(path))).engine) == revision


def test_an_import_never_writes_into_a_damaged_file_opened_without_the_daily_check(
    tmp_path: Path, sample_meeting: MeetingDoc, capsys: pytest.CaptureFixture[str]
) -> None:
    """A damaged leaf page away from where an import appends: only reading every page
    first (Database.verify) keeps the import from writing into the file."""
    from models.backups import make_backup  # noqa: PLC0415
    from rrb_desktop import cli  # noqa: PLC0415

    path = tmp_path / "archive.sqlite3"
    database = Database.open(str(path))
    import_meetings(database, [sample_meeting] * 6)
    database.close()
    make_backup(path)  # today's backup exists: the pages are not all read at opening
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        first_leaf = connection.execute(
            "SELECT min(pageno) FROM dbstat WHERE name = 'agenda_item' AND pagetype = 'leaf'"
        ).fetchone()[0]
    with path.open("r+b") as handle:
        handle.seek((first_leaf - 1) * page_size)
        handle.write(b"\xff" * page_size)
    status = cli.main(["--db", str(path), "import", str(SAMPLE_MEETING)])
    assert status == 2
    assert "damaged" in capsys.readouterr().err
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM meeting").fetchone() == (6,)


def test_the_key_upgrade_makes_look_alikes_one_organisation_and_never_fails_on_a_clash(
    tmp_path: Path, sample_meeting: MeetingDoc
) -> None:
    path = at_revision(tmp_path / "old.sqlite3", "0002", sample_meeting)
    with sqlite3.connect(path) as connection:  # rows as the old app keyed them
        connection.executemany(
            "INSERT INTO organisation (name, abbreviation, abbreviation_key) VALUES (?, ?, ?)",
            [
                ("Fullwidth body", "\uff26\uff37", "\uff46\uff57"),
                ("Zero width", "Z\u200bW", "z\u200bw"),
                ("Clash with MOPAC", "MO\u00adPAC", "mo\u00adpac"),
            ],
        )
    database = Database.open(str(path))
    try:
        with database.engine.connect() as connection:
            keys = dict(connection.exec_driver_sql(
                "SELECT name, abbreviation_key FROM organisation"
            ).fetchall())  # fmt: skip
    finally:
        database.close()
    assert keys["Fullwidth body"] == "fw"
    assert keys["Zero width"] == "zw"
    assert keys["Clash with MOPAC"] == "mo\u00adpac"  # MOPAC already holds "mopac"
