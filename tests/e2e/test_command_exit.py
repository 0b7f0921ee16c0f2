"""A command's process leaves its objects to the operating system at exit
(``rrb_desktop.launch.leave_objects_to_exit``), and still leaves nothing unwritten."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_MEETING
from tests.e2e.test_cli_direct_read import run_script

RUN_AND_REPORT_FROZEN = """
import gc, sys
from rrb_desktop.launch import main
sys.argv = ["rrb-desktop", *sys.argv[1:]]
status = main()
print("frozen:", gc.get_freeze_count())
sys.exit(status)
"""


def run(tmp_path: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return run_script(tmp_path, RUN_AND_REPORT_FROZEN, *args)


def frozen_count(result: subprocess.CompletedProcess[str]) -> int:
    assert result.returncode == 0, result.stderr
    return int(result.stdout.rsplit("frozen:", 1)[1])


@pytest.mark.parametrize(
    "command",
    [
        ("import", SAMPLE_MEETING),  # through the ORM (SQLAlchemy's engine and pool)
        ("export", "1", "--out", "note.docx"),  # read directly with sqlite3
    ],
    ids=["import", "export"],
)
def test_a_command_skips_the_last_walk_and_leaves_its_files_closed(
    tmp_path: Path, command: tuple[str | Path, ...]
) -> None:
    archive = tmp_path / "meetings.sqlite3"
    if command[0] != "import":
        frozen_count(run(tmp_path, "--db", archive, "import", SAMPLE_MEETING))
    out = tmp_path / "note.docx"
    args = [str(out) if part == "note.docx" else part for part in command]

    assert frozen_count(run(tmp_path, "--db", archive, *args)) > 0

    # The archive was closed before the end (SQLite removes these on the last close).
    assert not archive.with_name(archive.name + "-wal").exists()
    assert not archive.with_name(archive.name + "-shm").exists()
    if command[0] == "export":
        assert out.stat().st_size > 0
    log = (tmp_path / "log" / "rrb-desktop.log").read_text(encoding="utf-8")
    assert f"{command[0]} done" in log  # written and closed by logging's exit handler
