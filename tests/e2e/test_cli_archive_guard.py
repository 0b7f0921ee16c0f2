"""A mistyped ``--db`` and a file imported twice: the CLI says so instead of quietly making a
new, empty archive (which looks like "all my meetings are gone") or a second copy of a
meeting."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.database import Database
from models.services import meeting_count
from tests.conftest import SAMPLE_MEETING
from tests.e2e.test_cli import imported_id, rrb

READING_COMMANDS = [
    ("list",),
    ("search", "barrier*"),
    ("export", "1", "--out", "OUT.json"),
    ("check", "1"),
    ("actions", "--open"),
    ("backup",),
]


@pytest.mark.parametrize("command", READING_COMMANDS, ids=lambda command: command[0])
def test_a_command_that_only_reads_refuses_a_missing_archive(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    db = tmp_path / "nodir" / "x.sqlite"
    args = [str(tmp_path / "out.json") if arg == "OUT.json" else arg for arg in command]

    result = rrb("--db", db, *args)

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"rrb-desktop: no archive at {db}; to start a new one, import meetings into it"
        f" (rrb-desktop --db {db} import FILE) or open it in the window"
    ]
    assert not db.parent.exists()  # neither the folder nor the file was made


def test_import_still_starts_a_new_archive(tmp_path: Path) -> None:
    db = tmp_path / "new" / "x.sqlite"
    imported_id(rrb("--db", db, "import", SAMPLE_MEETING))
    listed = rrb("--db", db, "list")
    assert listed.returncode == 0, listed.stderr
    assert len(listed.stdout.splitlines()) == 1


def test_the_same_json_file_twice_is_refused_unless_asked_again(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite3"
    meeting_id = imported_id(rrb("--db", db, "import", SAMPLE_MEETING))

    second = rrb("--db", db, "import", SAMPLE_MEETING)
    database = Database.open(str(db))
    try:
        after_second = meeting_count(database)
    finally:
        database.close()
    third = rrb("--db", db, "import", "--again", SAMPLE_MEETING)

    assert second.returncode == 2
    assert second.stdout == ""
    assert second.stderr.splitlines() == [
        f"rrb-desktop: {SAMPLE_MEETING}: already imported as meeting {meeting_id}"
        " (19 June 2025, from sample_meeting.json) (--again imports it anyway)"
    ]
    assert after_second == 1
    assert imported_id(third) != meeting_id


def test_a_batch_with_one_file_imported_before_imports_nothing(tmp_path: Path) -> None:
    """JSON imports are all or nothing: the refusal names the file, the others wait."""
    db = tmp_path / "x.sqlite3"
    imported_id(rrb("--db", db, "import", SAMPLE_MEETING))
    other = tmp_path / "other.json"
    other.write_text(
        SAMPLE_MEETING.read_text(encoding="utf-8").replace("2025-06-19", "2025-07-17"),
        encoding="utf-8",
    )

    result = rrb("--db", db, "import", other, SAMPLE_MEETING)

    assert result.returncode == 2
    assert f"{SAMPLE_MEETING}: already imported as meeting" in result.stderr
    database = Database.open(str(db))
    try:
        assert meeting_count(database) == 1
    finally:
        database.close()
