"""``export`` and ``check`` of an SQLite archive read it without SQLAlchemy (models.direct_read),
and write what the ORM's way writes; an archive that needs upgrading goes the ORM's way.

Each runs as the ``rrb-desktop`` command runs, in a fresh process, and reports the modules it
loaded, so that an import slipping back into the export's path fails here.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from models import services
from models.database import HEAD_REVISION, Database, current_revision
from models.direct_read import ArchiveReader, DirectReadError
from models.interchange import read_meeting_file
from models.meeting_doc import MeetingDoc
from rrb_desktop import cli
from rrb_desktop.cli import build_parser
from rrb_desktop.cli_archive import DatabaseNoteSource
from rrb_desktop.cli_note import export_command
from tests.conftest import EARLIER_REVISIONS, PROJECT_ROOT, SAMPLE_MEETING, archive_at_revision

RUN_AND_REPORT = """
import sys
from rrb_desktop.launch import run
sys.argv = ["rrb-desktop", *sys.argv[1:]]
status = run()
print("loaded:", ",".join(name for name in {report!r} if name in sys.modules))
sys.exit(status)
"""


def run_reporting(
    tmp_path: Path, *args: str | Path, report: tuple[str, ...] = ("sqlalchemy", "alembic")
) -> subprocess.CompletedProcess[str]:
    """The command run in a fresh process; its output ends with which of ``report`` loaded."""
    return run_script(tmp_path, RUN_AND_REPORT.format(report=report), *args)


def run_script(tmp_path: Path, script: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """``script`` (which runs the command as ``rrb-desktop`` does) in a fresh process, its
    folders and log in ``tmp_path``."""
    return subprocess.run(
        [sys.executable, "-c", script, *map(str, args)],
        cwd=PROJECT_ROOT,
        env={
            **os.environ,
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_DATA_HOME": str(tmp_path / "data"),
            "RRB_LOG_DIR": str(tmp_path / "log"),
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def loaded(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode in (0, 1), result.stderr
    return result.stdout.rsplit("loaded:", 1)[1].strip()


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    path = tmp_path / "meetings.sqlite3"
    database = Database.open(str(path))
    try:
        services.import_meeting(database, read_meeting_file(SAMPLE_MEETING))
    finally:
        database.close()
    return path


@pytest.mark.parametrize("out", ["note.docx", "note.json"])
def test_an_export_reads_the_file_without_sqlalchemy_and_writes_what_the_orm_would(
    tmp_path: Path, archive: Path, out: str
) -> None:
    sidecars = [archive.with_name(archive.name + suffix) for suffix in ("-wal", "-shm")]
    assert not any(sidecar.exists() for sidecar in sidecars)
    result = run_reporting(tmp_path, "--db", archive, "export", "1", "--out", tmp_path / out)
    assert loaded(result) == ""
    assert result.stdout.startswith(str(tmp_path / out))
    assert not any(sidecar.exists() for sidecar in sidecars)  # the folder is as it was
    by_orm = tmp_path / f"by-orm-{out}"
    database = Database.open(str(archive))
    try:
        export_command(DatabaseNoteSource(database), _export_args(by_orm))
    finally:
        database.close()
    assert (tmp_path / out).read_bytes() == by_orm.read_bytes()


def test_an_export_logs_its_lines_without_loading_the_rotating_handler(
    tmp_path: Path, archive: Path
) -> None:
    """``rrb_desktop.logs`` loads ``logging.handlers`` (sockets, pickle, queues) only to
    rotate a full log file: not for the few lines of a command."""
    out = tmp_path / "note.docx"
    result = run_reporting(
        tmp_path, "--db", archive, "export", "1", "--out", out, report=("logging.handlers",)
    )
    assert loaded(result) == ""
    logged = (tmp_path / "log" / "rrb-desktop.log").read_text(encoding="utf-8")
    assert f"export on {archive}" in logged
    assert "export done" in logged


@pytest.mark.parametrize("command", ["export", "check"])
def test_a_note_on_our_template_loads_no_word_library(
    tmp_path: Path, archive: Path, command: str
) -> None:
    """On our template the note is written as text into the recorded package
    (``exporters.lean``): python-docx, lxml, markdown-it (for ordinary notes) and zipfile
    stay unloaded, which were most of an export's time; and ``json``, the recording being a
    Python module (``resources/reference_recording.py``)."""
    out = ["--out", str(tmp_path / "note.docx")] if command == "export" else []
    result = run_reporting(
        tmp_path,
        *("--db", archive, command, "1", *out),
        report=("docx", "lxml", "markdown_it", "zipfile", "json"),
    )
    assert loaded(result) == ""


def test_an_export_makes_no_dataclass(tmp_path: Path, archive: Path) -> None:
    """The values an export makes are NamedTuples (see ``models.meeting_doc``): a
    dataclass, and ``dataclasses`` with the ``inspect`` it loads, cost its process more than
    its own work."""
    out = tmp_path / "note.docx"
    result = run_reporting(
        tmp_path, "--db", archive, "export", "1", "--out", out, report=("dataclasses", "inspect")
    )
    assert loaded(result) == ""


def _export_args(out: Path) -> argparse.Namespace:
    return build_parser().parse_args(["export", "1", "--out", str(out)])


def test_a_check_reads_the_file_without_sqlalchemy(tmp_path: Path, archive: Path) -> None:
    result = run_reporting(tmp_path, "--db", archive, "check", "1")
    assert loaded(result) == ""


def test_a_missing_meeting_is_one_line_either_way(tmp_path: Path, archive: Path) -> None:
    result = run_reporting(tmp_path, "--db", archive, "export", "99", "--out", tmp_path / "x.docx")
    assert result.returncode == 2
    assert result.stderr == "rrb-desktop: no meeting has the ID 99 (see rrb-desktop list)\n"
    assert not (tmp_path / "x.docx").exists()


def test_an_archive_that_needs_upgrading_is_exported_through_the_orm(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    archive_at_revision(
        f"sqlite:///{path}", EARLIER_REVISIONS[0], [read_meeting_file(SAMPLE_MEETING)]
    )
    result = run_reporting(tmp_path, "--db", path, "export", "1", "--out", tmp_path / "n.docx")
    assert loaded(result) == "sqlalchemy,alembic"  # upgraded first, as any command does
    assert (tmp_path / "n.docx").stat().st_size > 0
    database = Database.open(str(path))
    try:
        assert current_revision(database.engine) == HEAD_REVISION
    finally:
        database.close()


def test_the_days_backup_is_tried_once_when_the_direct_read_falls_back(
    tmp_path: Path,
    archive: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The backups folder: a link to nowhere, so that no backup can be written.
    (archive.parent / "backups").symlink_to(archive.parent / "nowhere" / "backups")

    def unreadable(_reader: ArchiveReader, _meeting_id: int) -> MeetingDoc | None:
        raise DirectReadError("a value only the ORM reads")  # after the day's backup

    monkeypatch.setattr(ArchiveReader, "meeting_doc", unreadable)
    monkeypatch.setenv("RRB_LOG_DIR", str(tmp_path / "log"))
    status = cli.main(["--db", str(archive), "export", "1", "--out", str(tmp_path / "n.docx")])
    err = capsys.readouterr().err
    assert status == 0, err
    assert err.count("no backup made today") == 1, err  # a warning, and only once
    assert (tmp_path / "n.docx").stat().st_size > 0


@pytest.mark.parametrize("name", ["board%2024.sqlite3", "a?b.sqlite3", "é #1.sqlite3"])
def test_every_command_uses_the_file_named_whatever_its_name(tmp_path: Path, name: str) -> None:
    """A "?", "#" or "%" in a file name is part of the name, for the direct read and the ORM."""
    folder = tmp_path / "archives"
    folder.mkdir()
    path = folder / name
    assert run_reporting(tmp_path, "--db", path, "import", SAMPLE_MEETING).returncode == 0
    listed = run_reporting(tmp_path, "--db", path, "list")
    assert listed.stdout.startswith("1\t2025-06-19\t")
    exported = run_reporting(tmp_path, "--db", path, "export", "1", "--out", tmp_path / "n.json")
    assert loaded(exported) == ""
    assert {entry.name for entry in folder.iterdir()} == {name, "backups"}
