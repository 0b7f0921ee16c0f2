"""backup and restore from the command line, and the promise: whatever fails, exit 2 and one
line naming the file, never a traceback, never a new empty file left behind."""

from __future__ import annotations

import errno
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from rrb_desktop import cli, cli_archive
from rrb_desktop.cli_guard import describe_failure
from tests.conftest import EXAMPLES, SAMPLE_MEETING

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.json"))


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    status = cli.main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return status, out, err


def assert_one_line_failure(status: int, err: str, *names: str) -> None:
    assert status == 2
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    for name in names:
        assert name in err


def exports(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> list[str]:
    status, out, _err = run(capsys, "--db", db, "list")
    assert status == 0
    texts = []
    for line in out.splitlines():
        meeting_id = line.split("\t")[0]
        target = tmp_path / f"export-{meeting_id}.json"
        target.unlink(missing_ok=True)
        assert run(capsys, "--db", db, "export", meeting_id, "--out", target)[0] == 0
        texts.append(target.read_text(encoding="utf-8"))
    return texts


def test_backup_then_deleting_the_archive_then_restore_gives_back_every_meeting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "rrb.sqlite3"
    assert run(capsys, "--db", db, "import", *EXAMPLE_FILES)[0] == 0
    before = exports(capsys, db, tmp_path)
    status, out, _err = run(capsys, "--db", db, "backup")
    assert status == 0
    backup = Path(out.strip())
    assert backup.parent == tmp_path / "backups"
    assert backup.is_file()
    for path in tmp_path.glob("rrb.sqlite3*"):
        path.unlink()
    status, out, _err = run(capsys, "--db", db, "restore", backup)
    assert status == 0
    assert out.strip() == str(db)
    assert exports(capsys, db, tmp_path) == before
    assert len(before) == len(EXAMPLE_FILES)


def test_restore_keeps_the_current_archive_aside_and_backup_out_writes_where_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "rrb.sqlite3"
    run(capsys, "--db", db, "import", SAMPLE_MEETING)
    copy = tmp_path / "elsewhere" / "copy.sqlite3"
    copy.parent.mkdir()
    assert run(capsys, "--db", db, "backup", "--out", copy) == (0, f"{copy}\n", "")
    run(capsys, "--db", db, "import", "--again", SAMPLE_MEETING)  # a second, after the copy
    status, _out, err = run(capsys, "--db", db, "restore", copy)
    assert status == 0
    assert "kept as" in err
    (aside,) = tmp_path.glob("rrb.sqlite3.before-restore-*[0-9]")
    assert len(run(capsys, "--db", db, "list")[1].splitlines()) == 1
    assert len(run(capsys, "--db", aside, "list")[1].splitlines()) == 2
    assert_one_line_failure(*run(capsys, "--db", db, "backup", "--out", copy)[::2], str(copy))


@pytest.mark.parametrize("trailing", ["/", ""])
def test_backup_out_a_folder_writes_into_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], trailing: str
) -> None:
    """The tester's ``backup --out /tmp/tester/`` said "already exists"."""
    db = tmp_path / "rrb.sqlite3"
    run(capsys, "--db", db, "import", SAMPLE_MEETING)
    folder = tmp_path / "copies"
    folder.mkdir()
    status, out, err = run(capsys, "--db", db, "backup", "--out", f"{folder}{trailing}")
    assert (status, err) == (0, "")
    copy = Path(out.strip())
    assert copy.parent == folder
    assert re.fullmatch(r"rrb\.sqlite3-\d{8}-\d{6}-manual\.[0-9a-f]{16}\.sqlite3", copy.name)
    assert run(capsys, "--db", copy, "list")[1] == run(capsys, "--db", db, "list")[1]


@pytest.mark.parametrize(
    ("out", "message"),
    [
        ("{tmp}/no such folder/", "{tmp}/no such folder/: the folder does not exist"),
        ("{tmp}/no/such/folder/", "{tmp}/no/such/folder/: the folder does not exist"),
        (
            "{tmp}/no such folder/copy.sqlite3",
            "{tmp}/no such folder/copy.sqlite3: the folder {tmp}/no such folder does not exist",
        ),
        ("{tmp}/rrb.sqlite3/", "{tmp}/rrb.sqlite3/: is a file, not a folder"),
    ],
)
def test_backup_out_a_folder_that_is_not_there_is_refused_and_nothing_is_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], out: str, message: str
) -> None:
    """As ``export --out`` refuses it; the tester's ``backup --out /nonexistent/`` made the
    folder and said it had worked."""
    db = tmp_path / "rrb.sqlite3"
    run(capsys, "--db", db, "import", SAMPLE_MEETING)
    before = sorted(tmp_path.rglob("*"))
    status, out_text, err = run(capsys, "--db", db, "backup", "--out", out.format(tmp=tmp_path))
    assert_one_line_failure(status, err)
    assert err == f"rrb-desktop: {message.format(tmp=tmp_path)}\n"
    assert out_text == ""
    assert sorted(tmp_path.rglob("*")) == before


def test_restore_refuses_what_is_not_a_good_backup_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "rrb.sqlite3"
    run(capsys, "--db", db, "import", SAMPLE_MEETING)
    before = db.read_bytes()
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_bytes(b"not a database at all" * 100)
    status, _out, err = run(capsys, "--db", db, "restore", bogus)
    assert_one_line_failure(status, err, str(bogus))
    assert db.read_bytes() == before
    assert not list(tmp_path.glob("*.before-restore-*"))


def test_a_failed_import_into_a_new_archive_leaves_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "rrb-meeting/1"', encoding="utf-8")
    db = tmp_path / "new.sqlite3"
    status, _out, err = run(capsys, "--db", db, "import", broken)
    assert_one_line_failure(status, err, str(broken))
    assert sorted(path.name for path in tmp_path.iterdir()) == ["broken.json"]


def test_a_foreign_database_is_refused_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "photos.db"
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE photos (name TEXT)")
    before = db.read_bytes()
    status, _out, err = run(capsys, "--db", db, "import", SAMPLE_MEETING)
    assert_one_line_failure(status, err, str(db), "another program's database")
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("mysql://someone@localhost/rrb", "driver is not installed"),
        ("/tmp/" + "n" * 300 + ".sqlite3", "too long"),
        ("nosuch+dialect://x/y", "cannot use this database"),
    ],
)
def test_unusable_locations_are_one_line(
    capsys: pytest.CaptureFixture[str], location: str, expected: str
) -> None:
    status, _out, err = run(capsys, "--db", location, "list")
    assert_one_line_failure(status, err, expected)


def test_a_directory_as_the_archive_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _out, err = run(capsys, "--db", tmp_path, "list")
    assert_one_line_failure(status, err, str(tmp_path))


def test_an_archive_locked_by_another_program_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "rrb.sqlite3"
    run(capsys, "--db", db, "import", SAMPLE_MEETING)
    holder = sqlite3.connect(db, isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("UPDATE meeting SET venue = venue")
        status, _out, err = run(capsys, "--db", db, "list")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert_one_line_failure(status, err, str(db), "locked")


def test_an_unexpected_failure_is_still_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_options: object) -> None:
        raise RuntimeError("something nobody foresaw")

    # import, since only it may start a new archive (the others refuse a missing file).
    monkeypatch.setattr(cli_archive, "import_command", broken)
    status, _out, err = run(capsys, "--db", tmp_path / "rrb.sqlite3", "import", SAMPLE_MEETING)
    assert_one_line_failure(status, err, "something nobody foresaw")
    assert not (tmp_path / "rrb.sqlite3").exists()


def test_text_that_is_not_utf8_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "rrb.sqlite3"
    run(capsys, "--db", db, "import", SAMPLE_MEETING)
    status, _out, err = run(capsys, "--db", db, "actions", "--owner", "\udcff")
    assert_one_line_failure(status, err, str(db), "not valid UTF-8")


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "disk is full"),
        (errno.EACCES, "permission denied"),
        (errno.EROFS, "read-only"),
        (errno.ENAMETOOLONG, "too long"),
    ],
)
def test_file_system_failures_name_the_file_and_the_reason(code: int, words: str) -> None:
    line = describe_failure(OSError(code, "os text", "/data/rrb.sqlite3"), "db")
    assert line.startswith("/data/rrb.sqlite3: ")
    assert words in line


def test_a_damaged_archive_names_the_file_and_its_backup_still_restores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "rrb.sqlite3"
    run(capsys, "--db", db, "import", SAMPLE_MEETING)
    good = Path(run(capsys, "--db", db, "backup")[1].strip())
    for sidecar in tmp_path.glob("rrb.sqlite3-*"):
        sidecar.unlink()
    shutil.copyfile(good, db)
    with db.open("r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(b"\xff" * 4096)
    status, _out, err = run(capsys, "--db", db, "list")
    assert_one_line_failure(status, err, str(db), "damaged")
    assert run(capsys, "--db", db, "restore", good)[0] == 0
    assert run(capsys, "--db", db, "list")[1].count("\n") == 1
