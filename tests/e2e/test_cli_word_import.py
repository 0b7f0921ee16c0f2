"""``rrb-desktop import`` with Word files and folders, as a script would run it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from exporters.docx_export import export_docx
from models.database import Database
from models.enums import LayoutStyle
from models.interchange import read_meeting_file
from models.services import list_meetings, meeting_doc
from tests.conftest import EXAMPLES, SAMPLE_MEETING
from tests.e2e.test_cli import imported_id, rrb
from tests.handwritten_minutes import minutes

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

    result = rrb("--db", db, "import", "--accept-guesses", folder)

    assert result.returncode == 2
    rows = [line.split("\t") for line in result.stdout.splitlines() if not line.startswith(" ")]
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
    first = rrb("--db", db, "import", "--accept-guesses", note)
    meeting_id = first.stdout.split("\t")[2]

    second = rrb("--db", db, "import", "--accept-guesses", note)
    third = rrb("--db", db, "import", "--accept-guesses", "--again", note)

    assert first.returncode == 0, first.stderr
    assert second.returncode == 2
    assert second.stdout == ""
    assert f"already imported as meeting {meeting_id}" in second.stderr
    assert len(second.stderr.splitlines()) == 1
    assert third.returncode == 0
    assert third.stdout.split("\t")[2] != meeting_id


def test_a_meeting_already_there_is_skipped_unless_asked_again(tmp_path: Path) -> None:
    """The tester's folder: two more files of a meeting the archive holds (its note exported
    in two layouts: another file, the same board, date and title). Neither is imported, and
    one line each names the meeting; a JSON file of it is refused alike; ``--again`` imports
    the copies."""
    db = tmp_path / "x.sqlite3"
    sample_id = imported_id(rrb("--db", db, "import", SAMPLE_MEETING))
    folder = tmp_path / "notes"
    folder.mkdir()
    notes = [folder / "a.docx", folder / "b.docx"]
    assert rrb("--db", db, "export", sample_id, "--out", notes[0]).returncode == 0
    other_layout = ("--style", "record-of-meeting")
    assert rrb("--db", db, "export", sample_id, "--out", notes[1], *other_layout).returncode == 0
    as_json = tmp_path / "copy.json"  # the meeting's file laid out otherwise: another file
    as_json.write_text(json.dumps(json.loads(SAMPLE_MEETING.read_text(encoding="utf-8"))))

    word = rrb("--db", db, "import", "--accept-guesses", folder)
    json_again = rrb("--db", db, "import", as_json)
    copies = rrb("--db", db, "import", "--accept-guesses", "--again", folder)

    skipped = (
        "already in the archive as meeting {}; not imported again \u2014 use --again to import"
        " a copy"
    )
    assert word.returncode == 2
    assert word.stdout == ""
    assert word.stderr.splitlines() == [
        f"rrb-desktop: {note}: {skipped.format(sample_id)}" for note in notes
    ]
    assert json_again.returncode == 2
    assert json_again.stderr.splitlines() == [
        f"rrb-desktop: {as_json}: {skipped.format(sample_id)}"
    ]
    assert copies.returncode == 0, copies.stderr
    database = Database.open(str(db))
    try:
        docs = [meeting_doc(database, m.id) for m in list_meetings(database)]
        assert len(docs) == 3  # the meeting, and the two copies asked for
        assert {(d.board.name, d.date, d.title) for d in docs} == {
            (docs[0].board.name, docs[0].date, docs[0].title)
        }
    finally:
        database.close()


def test_the_same_meeting_twice_in_one_folder_is_imported_once(tmp_path: Path) -> None:
    """Nothing in the archive yet: the first file of the meeting is imported, the second is
    then a meeting already there."""
    meeting = read_meeting_file(EXAMPLES / "2025-03-20-public-note.json")
    folder = tmp_path / "notes"
    folder.mkdir()
    export_docx(meeting, folder / "2025-03-20 RRB.docx")
    in_2024_layout = meeting._replace(style=LayoutStyle.NOTE_OF_MEETING)
    export_docx(in_2024_layout, folder / "2025-03-20 RRB (copy).docx")
    db = tmp_path / "x.sqlite3"

    result = rrb("--db", db, "import", "--accept-guesses", folder)

    assert result.returncode == 2
    (row,) = [line.split("\t") for line in result.stdout.splitlines() if not line[:1].isspace()]
    assert Path(row[0]).name == "2025-03-20 RRB (copy).docx"
    assert result.stderr.splitlines() == [
        f"rrb-desktop: {folder / '2025-03-20 RRB.docx'}: already in the archive as meeting"
        f" {row[2]}; not imported again \u2014 use --again to import a copy"
    ]


def test_hand_written_minutes_that_need_review_are_listed_and_nothing_is_created(
    tmp_path: Path,
) -> None:
    """The tester's minutes: every guess in plain words, nothing saved (no board, no
    organisation in the directory) until accepted, so a second reading still flags them."""
    note = minutes(tmp_path / "2023-03-14 RRB minutes.docx")
    db = tmp_path / "x.sqlite3"

    first = rrb("--db", db, "import", note)
    second = rrb("--db", db, "import", note)
    accepted = rrb("--db", db, "import", "--accept-guesses", note)

    assert first.returncode == 1, first.stderr
    head, *guesses = first.stdout.splitlines()
    assert head.split("\t")[:4] == [str(note), "needs review", "-", "2023-03-14"]
    assert (
        "  attendees: NHS England (NHSE) is not in the directory: proposed as a new organisation"
        in guesses
    )
    assert any("'ASAP'" in line and "is not a date" in line for line in guesses)
    assert any("'31/02/2024'" in line and "does not exist" in line for line in guesses)
    assert len(guesses) == sum(int(part.split()[0]) for part in head.split("\t")[5].split(", "))
    assert first.stderr == (
        "rrb-desktop: 1 file needs review and was not imported: check the guesses in"
        " File > Import from Word, or import with --accept-guesses\n"
    )
    assert second.stdout == first.stdout  # nothing was created: the same names are flagged
    assert accepted.returncode == 0, accepted.stderr
    database = Database.open(str(db))
    try:
        (meeting,) = list_meetings(database)
        doc = meeting_doc(database, meeting.id)
        assert doc.board.name == "Reducing Reoffending Board"
        assert [item.title for item in doc.agenda] == [
            "Welcome and introductions",
            "Women in the criminal justice system",
            "AOB",
        ]
        assert [(a.owners, a.due) for a in doc.agenda[-1].actions] == [
            (("MPS",), dt.date(2023, 4, 30)),
            (("LP",), None),
            (("MOPAC", "DWP"), None),
        ]
        assert doc.next_meeting == dt.date(2023, 6, 13)
    finally:
        database.close()


def test_an_import_that_keeps_nothing_leaves_no_new_archive_behind(tmp_path: Path) -> None:
    """The tester's ``import h.docx`` on a new ``--db``: exit 1, nothing imported, and an
    empty archive left that later commands took for the real one."""
    note = minutes(tmp_path / "2023-03-14 RRB minutes.docx")
    damaged = tmp_path / "damaged.docx"
    damaged.write_bytes(note.read_bytes()[:900])
    db = tmp_path / "new.sqlite3"

    needs_review = rrb("--db", db, "import", note)
    refused = rrb("--db", db, "import", damaged)
    both = rrb("--db", db, "import", note, damaged)

    assert needs_review.returncode == 1, needs_review.stderr
    assert needs_review.stdout.split("\t")[1] == "needs review"
    assert "needs review and was not imported" in needs_review.stderr
    assert refused.returncode == 2
    assert "failed: " in refused.stderr
    assert both.returncode == 2
    assert sorted(path.name for path in tmp_path.iterdir()) == [note.name, damaged.name]
    listed = rrb("--db", db, "list")
    assert listed.returncode == 2
    assert "no archive at" in listed.stderr


def test_an_archive_that_was_there_stays_when_an_import_keeps_nothing(tmp_path: Path) -> None:
    note = minutes(tmp_path / "2023-03-14 RRB minutes.docx")
    db = tmp_path / "x.sqlite3"
    imported_id(rrb("--db", db, "import", SAMPLE_MEETING))

    assert rrb("--db", db, "import", note).returncode == 1
    assert len(rrb("--db", db, "list").stdout.splitlines()) == 1


def test_a_json_file_imported_with_a_note_that_needs_review_keeps_the_new_archive(
    tmp_path: Path,
) -> None:
    note = minutes(tmp_path / "2023-03-14 RRB minutes.docx")
    db = tmp_path / "x.sqlite3"

    assert rrb("--db", db, "import", SAMPLE_MEETING, note).returncode == 1
    assert len(rrb("--db", db, "list").stdout.splitlines()) == 1


def test_an_impossible_date_is_refused_in_one_line_naming_the_line(tmp_path: Path) -> None:
    note = minutes(tmp_path / "minutes.docx", details="29th February 2023, 10am-12pm, City Hall")
    db = tmp_path / "x.sqlite3"

    result = rrb("--db", db, "import", "--accept-guesses", note)

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"rrb-desktop: {note}: failed: the date in '29th February 2023, 10am-12pm, City Hall'"
        " does not exist: correct it in Word, then import the file again"
    ]
