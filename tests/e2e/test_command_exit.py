"""A command's process ends without Python's teardown (``rrb_desktop.launch.end_process``),
and still leaves nothing unwritten: its output, its status, the log, the archive and the
file it wrote."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_MEETING
from tests.e2e.test_cli_direct_read import run_script

# As the ``rrb-desktop`` script runs, with an exit handler of its own: Python runs those in
# its teardown, so the line it prints says whether the process went through one.
RUN_AS_THE_COMMAND = """
import atexit, sys
from rrb_desktop.launch import main
atexit.register(print, "TEARDOWN")
sys.argv = ["rrb-desktop", *sys.argv[1:]]
main()
"""


def run(tmp_path: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return run_script(tmp_path, RUN_AS_THE_COMMAND, *args)


def log_text(tmp_path: Path) -> str:
    return (tmp_path / "log" / "rrb-desktop.log").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "command",
    [
        ("import", SAMPLE_MEETING),  # through the ORM (SQLAlchemy's engine and pool)
        ("export", "1", "--out", "note.docx"),  # read directly with sqlite3
    ],
    ids=["import", "export"],
)
def test_a_command_skips_the_teardown_and_leaves_its_files_written_and_closed(
    tmp_path: Path, command: tuple[str | Path, ...]
) -> None:
    archive = tmp_path / "meetings.sqlite3"
    if command[0] != "import":
        assert run(tmp_path, "--db", archive, "import", SAMPLE_MEETING).returncode == 0
    out = tmp_path / "note.docx"
    args = [str(out) if part == "note.docx" else part for part in command]

    result = run(tmp_path, "--db", archive, *args)

    assert result.returncode == 0, result.stderr
    assert "TEARDOWN" not in result.stdout
    # What it printed, flushed before it left (a pipe's output is block-buffered).
    assert result.stdout.endswith(f"{out}\n" if command[0] == "export" else "\n")
    assert result.stdout.strip()
    # The archive was closed before the end (SQLite removes these on the last close).
    assert not archive.with_name(archive.name + "-wal").exists()
    assert not archive.with_name(archive.name + "-shm").exists()
    if command[0] == "export":
        assert out.read_bytes().startswith(b"PK")
    assert f"{command[0]} done" in log_text(tmp_path)  # flushed and closed by end_process


def test_a_refused_command_still_ends_with_its_status_and_its_line(tmp_path: Path) -> None:
    archive = tmp_path / "meetings.sqlite3"
    assert run(tmp_path, "--db", archive, "import", SAMPLE_MEETING).returncode == 0

    result = run(tmp_path, "--db", archive, "export", "99", "--out", tmp_path / "n.docx")

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("rrb-desktop: ")
    assert "99" in result.stderr
    assert "export refused" in log_text(tmp_path)
