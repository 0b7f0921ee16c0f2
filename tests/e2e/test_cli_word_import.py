"""``rrb-desktop import`` with Word files and folders, as a script would run it."""

from __future__ import annotations

from pathlib import Path

from exporters.docx_export import export_docx
from models.database import Database
from models.enums import LayoutStyle
from models.interchange import read_meeting_file
from models.services import list_meetings, meeting_doc
from tests.conftest import EXAMPLES
from tests.e2e.test_cli import rrb

ALL_EXAMPLES = sorted(EXAMPLES.glob("*.json"))


def test_a_folder_imports_its_notes_and_reports_each_bad_file_on_one_line(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    for fixture in ALL_EXAMPLES:  # the four board notes and the hearing transcript
        export_docx(read_meeting_file(fixture), folder / f"{fixture.stem}.docx")
    (folder / "empty.docx").write_bytes(b"")
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    (folder / "damaged.docx").write_bytes(
        (folder / "2024-02-29-note-of-meeting.docx").read_bytes()[:900]
    )
    (folder / "notes.txt").write_text("not a note")
    db = tmp_path / "x.sqlite3"

    result = rrb("--db", db, "import", folder)

    assert result.returncode == 2
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert [Path(row[0]).name for row in rows] == [f"{f.stem}.docx" for f in ALL_EXAMPLES]
    assert {row[1] for row in rows} <= {"imported", "needs review"}
    errors = result.stderr.splitlines()
    assert [line.split(": ")[1].rsplit("/", 1)[-1] for line in errors] == [
        "damaged.docx", "empty.docx", "old.doc",
    ]  # fmt: skip
    assert all("failed: " in line for line in errors)
    database = Database.open(str(db))
    try:
        assert sorted(m.date.isoformat() for m in list_meetings(database)) == [
            "2017-02-27", "2019-05-13", "2023-02-28", "2024-02-29", "2025-03-20",
        ]  # fmt: skip
        transcript = next(m for m in list_meetings(database) if m.date.year == 2017)
        hearing = meeting_doc(database, transcript.id)
        assert hearing.style is LayoutStyle.HEARING_TRANSCRIPT
        assert len(hearing.members) == 16
        assert sum(len(item.turns) for item in hearing.agenda) == 105
    finally:
        database.close()


def test_the_same_file_twice_is_refused_unless_asked_again(tmp_path: Path) -> None:
    note = tmp_path / "2025-03-20 RRB.docx"
    export_docx(read_meeting_file(EXAMPLES / "2025-03-20-public-note.json"), note)
    db = tmp_path / "x.sqlite3"
    first = rrb("--db", db, "import", note)
    meeting_id = first.stdout.split("\t")[2]

    second = rrb("--db", db, "import", note)
    third = rrb("--db", db, "import", "--again", note)

    assert first.returncode == 0, first.stderr
    assert second.returncode == 2
    assert second.stdout == ""
    assert f"already imported as meeting {meeting_id}" in second.stderr
    assert len(second.stderr.splitlines()) == 1
    assert third.returncode == 0
    assert third.stdout.split("\t")[2] != meeting_id
